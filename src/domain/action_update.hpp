// How a lead officer changes an action: a dated status update with a note, and optionally a new
// status, RAG or due date. apply_update enforces the action rules (no RAG while not started
// or once complete; a RAG while in progress; a new due date keeps the original, needs a reason,
// and, when it is before the update's date, a confirmation) and returns the action as it becomes, the update to append and the audit entries
// that record each changed field. It changes nothing itself: the store writes the result in
// one transaction.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/audit.hpp"
#include "domain/plan.hpp"
#include "domain/result.hpp"

namespace csip::domain {

struct ActionUpdateRequest {
    std::optional<ActionStatus> status;
    std::optional<Rag> rag;
    std::optional<Date> due;
    std::string reason;  // required with `due`
    std::string note;    // the status update's text; required
    std::string by;      // who reports it; required
    Date on;             // the status update's date
    // A new due date before `on` makes the action overdue at once: it is accepted only when the
    // person has confirmed it (the web's confirmation page, the API's "confirm_past": "yes",
    // the command line's --confirm-past).
    bool confirm_past_due = false;
    // The version of the action the person saw; when given and the action has changed since,
    // the update is refused (Conflict on "version") so that it cannot overwrite the change.
    std::optional<int> version;
};

// Whether `request` moves `current`'s due date to a day before the update's own date.
[[nodiscard]] bool moves_due_into_the_past(const Action& current, const ActionUpdateRequest& request);

struct ActionChange {
    Action action;  // the action after the update, with `update` appended
    StatusUpdate update;
    std::vector<AuditEntry> audit;
};

// `actor` is the signed-in user (or the CLI's --by); `timestamp` is when the change is recorded.
[[nodiscard]] Result<ActionChange> apply_update(const Action& current,
                                                const ActionUpdateRequest& request,
                                                const std::string& actor,
                                                const std::string& timestamp);

}  // namespace csip::domain
