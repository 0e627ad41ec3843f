#include "http/date_input.hpp"

#include <algorithm>
#include <vector>

namespace csip::http {
namespace {

std::string trimmed(const std::string& text) {
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string::npos) return {};
    return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

// Whole digits only: "3a" is not the third.
std::optional<int> number(const std::string& text) {
    if (text.empty() || text.size() > 4 ||
        !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        return std::nullopt;
    }
    return std::stoi(text);
}

// "a day", "a day and month", "a day, month and year".
std::string missing_words(const std::vector<std::string>& parts) {
    std::string words = "a " + parts.front();
    for (std::size_t i = 1; i < parts.size(); ++i) {
        words += (i + 1 == parts.size() ? " and " : ", ") + parts[i];
    }
    return words;
}

}  // namespace

DateParts date_parts(const httplib::Request& request, const std::string& name) {
    const auto get = [&](const char* part) {
        const std::string key = name + "_" + part;
        return request.has_param(key) ? trimmed(request.get_param_value(key)) : std::string();
    };
    return {get("day"), get("month"), get("year")};
}

DateParts date_parts(domain::Date date) {
    return {std::to_string(date.day()), std::to_string(date.month()), std::to_string(date.year())};
}

DateReading read_date(const DateParts& parts, const std::string& what) {
    const bool no_day = parts.day.empty();
    const bool no_month = parts.month.empty();
    const bool no_year = parts.year.empty();
    if (no_day && no_month && no_year) return {};
    if (no_day || no_month || no_year) {
        std::vector<std::string> missing;
        if (no_day) missing.emplace_back("day");
        if (no_month) missing.emplace_back("month");
        if (no_year) missing.emplace_back("year");
        return {std::nullopt,
                DateProblem{what + " must include " + missing_words(missing), no_day, no_month,
                            no_year}};
    }
    const auto day = number(parts.day);
    const auto month = number(parts.month);
    const auto year = number(parts.year);
    DateProblem problem{what + " must be a real date", !day || *day < 1 || *day > 31,
                        !month || *month < 1 || *month > 12, !year};
    if (!problem.day && !problem.month && year && parts.year.size() != 4) {
        return {std::nullopt, DateProblem{"Year must include 4 numbers", false, false, true}};
    }
    if (!problem.day && !problem.month && !problem.year) {
        if (auto date = domain::Date::from_ymd(*year, *month, *day)) return {date, std::nullopt};
        problem.day = true;  // 30 February: the day is what is wrong
    }
    return {std::nullopt, problem};
}

DateReading read_date(const httplib::Request& request, const std::string& name,
                      const std::string& what, DateParts& parts) {
    parts = date_parts(request, name);
    const std::string iso = request.has_param(name) ? request.get_param_value(name) : std::string();
    if (parts.day.empty() && parts.month.empty() && parts.year.empty() && !iso.empty()) {
        if (const auto date = domain::Date::parse_iso(iso)) {
            parts = date_parts(*date);
            return {date, std::nullopt};
        }
        return {std::nullopt, DateProblem{what + " must be a real date", true, true, true}};
    }
    return read_date(parts, what);
}

std::string date_error_target(const std::string& name, const DateProblem& problem) {
    if (problem.day) return name + "-day";
    if (problem.month) return name + "-month";
    if (problem.year) return name + "-year";
    return name + "-day";
}

std::string render_date_input(const Templates& templates, const DateInput& input,
                              const DateParts& parts, const std::optional<DateProblem>& problem) {
    Data data;
    data.set("name", input.name);
    data.set("legend", input.legend);
    data.set("heading", input.legend_as_heading);
    data.set("hint", input.hint.empty() ? Data(false) : Data(input.hint));
    data.set("error", problem ? Data(problem->message) : Data(false));
    List fields;
    for (const auto& [part, label, value, wrong, width] :
         {std::tuple{"day", "Day", &parts.day, problem && problem->day, "2"},
          std::tuple{"month", "Month", &parts.month, problem && problem->month, "2"},
          std::tuple{"year", "Year", &parts.year, problem && problem->year, "4"}}) {
        Data field;
        field.set("part", std::string(part));
        field.set("label", std::string(label));
        field.set("value", *value);
        field.set("wrong", wrong);
        field.set("width", std::string(width));
        fields.push_back(field);
    }
    data.set("fields", fields);
    return templates.render("date_input", data);
}

}  // namespace csip::http
