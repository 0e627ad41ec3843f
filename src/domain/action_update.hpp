// How a lead officer changes an action: a dated status update with a note, and optionally a new
// status, RAG or target date. apply_update enforces the action rules (no RAG while not started
// or once complete; a RAG while in progress; a new target date keeps the baseline and needs a
// reason) and returns the action as it becomes, the update to append and the audit entries
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
};

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
