#include "http/action_filter.hpp"

#include <charconv>

#include "http/views.hpp"

namespace csip::http {

bool in_state(const domain::Action& action, const std::string& state) {
    if (state.empty()) return true;
    if (state == "complete") return action.status == domain::ActionStatus::Complete;
    if (state == "not_started") return action.status == domain::ActionStatus::NotStarted;
    if (action.status != domain::ActionStatus::InProgress || !action.rag) return false;
    return domain::to_string(*action.rag) == state;
}

ActionFilter ActionFilter::from(const httplib::Request& request) {
    ActionFilter filter;
    const auto value = [&](const char* name) {
        return request.has_param(name) ? request.get_param_value(name) : std::string();
    };
    const std::string state = value("state");
    for (const char* known : {"red", "amber", "green", "complete", "not_started"}) {
        if (state == known) filter.state = state;
    }
    filter.overdue = value("overdue") == "1";
    filter.rescheduled = value("rescheduled") == "1";
    filter.workstream = value("workstream");
    filter.lead = value("lead");
    const std::string stale = value("stale");
    int days = 0;
    const auto [end, error] = std::from_chars(stale.data(), stale.data() + stale.size(), days);
    if (!stale.empty() && error == std::errc() && end == stale.data() + stale.size() && days > 0 &&
        days <= 3660) {
        filter.stale_days = days;
    }
    filter.changed_since = domain::Date::parse_iso(value("changed_since"));
    return filter;
}

bool ActionFilter::empty() const {
    return state.empty() && !overdue && !rescheduled && workstream.empty() && lead.empty() &&
           !stale_days && !changed_since;
}

bool ActionFilter::matches(const domain::Action& action, const std::string& workstream_id,
                           domain::Date as_of) const {
    if (!in_state(action, state)) return false;
    if (overdue && !action.overdue(as_of)) return false;
    if (rescheduled && !action.rescheduled()) return false;
    if (!workstream.empty() && workstream != workstream_id) return false;
    if (!lead.empty() && lead != action.lead) return false;
    if (stale_days) {
        if (action.status == domain::ActionStatus::Complete) return false;
        if (!action.updates.empty() &&
            action.updates.back().on.plus_days(*stale_days) > as_of) {
            return false;
        }
    }
    if (changed_since) {
        if (action.updates.empty() || action.updates.back().on < *changed_since) return false;
    }
    return true;
}

std::string ActionFilter::link() const {
    std::string query;
    const auto add = [&](const std::string& name, const std::string& value) {
        query += (query.empty() ? "?" : "&") + name + "=" + httplib::detail::encode_query_param(value);
    };
    if (!state.empty()) add("state", state);
    if (overdue) add("overdue", "1");
    if (rescheduled) add("rescheduled", "1");
    if (!workstream.empty()) add("workstream", workstream);
    if (!lead.empty()) add("lead", lead);
    if (stale_days) add("stale", std::to_string(*stale_days));
    if (changed_since) add("changed_since", changed_since->iso());
    return "/plan" + query;
}

std::string ActionFilter::heading(const std::string& workstream_title) const {
    std::string words;
    if (state == "red") words = "Red actions";
    else if (state == "amber") words = "Amber actions";
    else if (state == "green") words = "Green actions";
    else if (state == "complete") words = "Complete actions";
    else if (state == "not_started") words = "Actions not started";
    else words = "Actions";
    if (overdue) words = state.empty() ? "Overdue actions" : words + " that are overdue";
    if (rescheduled) words += overdue || !state.empty() ? ", rescheduled" : " rescheduled";
    if (stale_days) words += " with no update for " + std::to_string(*stale_days) + " days";
    if (changed_since) words += " updated since " + long_date(*changed_since);
    if (!workstream.empty()) words += " in " + workstream + (workstream_title.empty() ? "" : " " + workstream_title);
    if (!lead.empty()) words += " led by " + lead;
    return words;
}

}  // namespace csip::http
