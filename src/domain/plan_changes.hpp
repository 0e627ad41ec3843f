// What changed in the plan between two reports to a governance body: actions completed, started,
// slipped (target date moved, with the reason given), RAG changes, new actions, and indicators
// that crossed their target. A pure comparison of the plan the body was last shown (a published
// report's snapshot, or the plan as it stood on a date, rebuilt by plan_as_at) with the plan
// now, using the audit trail and the status updates between the two dates for the reasons.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/audit.hpp"
#include "domain/indicators/indicator_result.hpp"
#include "domain/plan.hpp"

namespace csip::domain {

// An action as a change list names it.
struct ChangedAction {
    std::string id;
    std::string workstream;  // the workstream's title
    std::string text;
    std::string lead;
};

struct ActionSlip {
    ChangedAction action;
    Date from;  // the target date the body was last told
    Date to;    // the target date now
    std::string reason;  // from the audit trail, else the latest status update; may be empty
};

struct RagChange {
    ChangedAction action;
    std::optional<Rag> from;
    std::optional<Rag> to;
};

struct IndicatorCrossing {
    std::string key;
    std::string title;
    std::optional<double> from;  // the period percentage the body was last told
    std::optional<double> to;    // the period percentage now
    double target = 0.0;
    bool now_met = false;  // true: it reached its target; false: it fell below it
};

struct PlanChanges {
    Date since;  // exclusive
    Date as_of;  // inclusive
    std::vector<ChangedAction> completed;
    std::vector<ChangedAction> started;
    std::vector<ActionSlip> slipped;
    std::vector<RagChange> rag_changes;
    std::vector<ChangedAction> added;
    std::vector<ChangedAction> removed;
    std::vector<IndicatorCrossing> indicators_crossed;

    [[nodiscard]] bool empty() const {
        return completed.empty() && started.empty() && slipped.empty() && rag_changes.empty() &&
               added.empty() && removed.empty() && indicators_crossed.empty();
    }
};

// Compares `before` (what the body was told) with `after` (the plan now). `audit` may hold the
// whole trail: only entries dated after `since` and on or before `as_of` are read (slip
// reasons). Indicators are compared by key; one crosses when it was off target (or had no
// figure) and is now on it, or the other way round. Lists keep the order of `after` (removed
// actions: the order of `before`).
[[nodiscard]] PlanChanges compare_plans(const Plan& before, const Plan& after,
                                        const std::vector<AuditEntry>& audit, Date since,
                                        Date as_of,
                                        const std::vector<IndicatorResult>& indicators_before = {},
                                        const std::vector<IndicatorResult>& indicators_after = {});

// The plan as it stood on `on`, rebuilt from the plan now, for a body that has no published
// report to compare with. Each action takes the status and RAG of its latest status update
// dated on or before `on` (not started, no RAG, when all its updates are later; unchanged when it
// has no update at all, since nothing says it changed); a target date changed after
// `on` (audit entries with field "due") is put back; a rescheduled action with no such entry
// whose baseline date was still ahead on `on` is given its baseline back, since the move must
// have come later. Actions the audit trail shows created after `on` are left out.
[[nodiscard]] Plan plan_as_at(const Plan& now, const std::vector<AuditEntry>& audit, Date on);

}  // namespace csip::domain
