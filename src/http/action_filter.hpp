// Which actions a list shows: the plan page's filters (/plan?state=red, ?overdue=1,
// ?workstream=W1, ?lead=..., ?stale=30, ?changed_since=2015-09-01), the words that head such a
// list ("Red actions in W1 Front door") and the links the dashboard's counts make to them. One
// home for these, so that a count and the list it opens can never disagree.
#pragma once

#include <optional>
#include <string>

#include <httplib.h>

#include "domain/date.hpp"
#include "domain/plan.hpp"

namespace csip::http {

struct ActionFilter {
    std::string state;  // red, amber, green, complete, not_started; empty for any
    bool overdue = false;
    bool rescheduled = false;
    std::string workstream;  // a workstream's id
    std::string lead;        // an officer title, exactly
    std::optional<int> stale_days;  // not complete, and no update for this many days or more
    std::optional<domain::Date> changed_since;  // a status update on or after this day

    // The filter a request's query asks for; unknown values are ignored, not errors.
    [[nodiscard]] static ActionFilter from(const httplib::Request& request);
    [[nodiscard]] bool empty() const;
    [[nodiscard]] bool matches(const domain::Action& action, const std::string& workstream_id,
                               domain::Date as_of) const;
    // "/plan?state=red&workstream=W1".
    [[nodiscard]] std::string link() const;
    // "Red actions", "Overdue actions in W1", "Actions with no update for 30 days led by ...":
    // `workstream_title` names the workstream when there is one.
    [[nodiscard]] std::string heading(const std::string& workstream_title) const;
};

// Whether `action` is in `state` (the words of ActionFilter::state) on `as_of`.
[[nodiscard]] bool in_state(const domain::Action& action, const std::string& state);

}  // namespace csip::http
