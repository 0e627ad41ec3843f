#include "http/views.hpp"

#include <array>
#include <cmath>
#include <cstdio>

namespace csip::http {

std::string long_date(domain::Date date) {
    static constexpr std::array<const char*, 12> kMonths{
        "January", "February", "March",     "April",   "May",      "June",
        "July",    "August",   "September", "October", "November", "December"};
    return std::to_string(date.day()) + " " + kMonths[static_cast<std::size_t>(date.month() - 1)] +
           " " + std::to_string(date.year());
}

std::string when_text(const std::string& timestamp, bool time) {
    const auto date = domain::Date::parse_iso(timestamp.substr(0, 10));
    if (!date) return timestamp;
    std::string text = long_date(*date);
    if (time && timestamp.size() >= 16) text += " at " + timestamp.substr(11, 5);
    return text;
}

std::string state_word(domain::ActionStatus status, const std::optional<domain::Rag>& rag) {
    switch (status) {
        case domain::ActionStatus::NotStarted: return "Not started";
        case domain::ActionStatus::Complete: return "Complete";
        case domain::ActionStatus::InProgress:
            return rag ? std::string(domain::describe(*rag)) : "In progress";
    }
    return "In progress";
}

std::string rag_class(domain::Rag rag) {
    switch (rag) {
        case domain::Rag::Red: return "govuk-tag--red";
        case domain::Rag::Amber: return "govuk-tag--yellow";
        case domain::Rag::Green: return "govuk-tag--green";
    }
    return "govuk-tag--grey";
}

std::string state_class(domain::ActionStatus status, const std::optional<domain::Rag>& rag) {
    switch (status) {
        case domain::ActionStatus::NotStarted: return "govuk-tag--grey";
        case domain::ActionStatus::Complete: return "govuk-tag--blue";
        case domain::ActionStatus::InProgress: return rag ? rag_class(*rag) : "govuk-tag--light-blue";
    }
    return "govuk-tag--grey";
}

Data action_row(const domain::Action& action, domain::Date as_of) {
    Data row;
    row.set("id", action.id);
    row.set("text", action.text);
    row.set("lead", action.lead);
    row.set("due", long_date(action.due));
    row.set("original_due", long_date(action.original_due));
    row.set("rescheduled", action.rescheduled());
    row.set("overdue", action.overdue(as_of));
    row.set("state", state_word(action.status, action.rag));
    row.set("state_class", state_class(action.status, action.rag));
    if (action.updates.empty()) {
        row.set("latest", std::string("No update yet"));
    } else {
        const auto& latest = action.updates.back();
        row.set("latest", long_date(latest.on) + ": " + latest.text);
    }
    return row;
}

std::string number_text(double value) {
    if (std::abs(value - std::round(value)) < 1e-9) {
        return std::to_string(static_cast<long long>(std::llround(value)));
    }
    std::array<char, 32> text{};
    std::snprintf(text.data(), text.size(), "%.1f", value);
    return text.data();
}

std::string percent_text(double value) {
    std::array<char, 32> text{};
    std::snprintf(text.data(), text.size(), "%.1f%%", value);
    return text.data();
}

}  // namespace csip::http
