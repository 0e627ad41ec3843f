// What changed in the plan between two reports to a governance body: actions completed, started,
// slipped (target date moved, with the reason given), RAG changes, new actions, actions moved to
// another commitment, actions retired (with the reason), new evidence on success measures, and
// indicators that crossed their target. A pure comparison of the plan the body was last shown
// (a published report's snapshot, or the plan as it stood on a date, rebuilt by plan_as_at) with
// the plan now, using the audit trail and the status updates between the two dates for the
// reasons. Both plans are the whole stored plan, retired items included: a retirement is seen
// only by comparing them.
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

// An action now under another commitment than the body was told.
struct ActionMove {
    ChangedAction action;
    std::string from_commitment;  // the commitment's id and text the body was told
    std::string from_text;
    std::string to_commitment;  // and now
    std::string to_text;
};

// An action that has left the plan since: it was retired, or the commitment or workstream it
// sits in was (the action goes with it).
struct ActionRetirement {
    ChangedAction action;
    Date on;
    std::string by;
    std::string reason;
    std::string with;  // empty when the action itself was retired; else "commitment C2.1", ...
};

// Evidence recorded on a success measure since (from the audit trail).
struct EvidenceAdded {
    std::string measure;       // the success measure's id
    std::string measure_text;  // empty if the plan no longer has the measure
    std::string text;          // what the evidence shows
    std::string file;          // the attached file's name; empty when none
    std::string by;            // who recorded it
    Date on;                   // the day it was recorded
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
    std::vector<ChangedAction> added;  // new actions, and retired ones restored to the plan
    std::vector<ActionMove> moved;
    std::vector<ActionRetirement> retired;
    std::vector<ChangedAction> removed;  // deleted outright (a plan import), not retired
    std::vector<EvidenceAdded> evidence_added;
    std::vector<IndicatorCrossing> indicators_crossed;

    [[nodiscard]] bool empty() const {
        return completed.empty() && started.empty() && slipped.empty() && rag_changes.empty() &&
               added.empty() && moved.empty() && retired.empty() && removed.empty() &&
               evidence_added.empty() && indicators_crossed.empty();
    }
};

// Compares `before` (what the body was told) with `after` (the plan now), both with their retired
// items (not domain::without_retired). An action is in the plan when neither it nor its
// commitment nor its workstream is retired. One in the plan in `before` and out of it in
// `after` is retired, not removed, and nothing else is said of it; one out of the plan in both
// is left out; one back in the plan is added. `audit` may hold the whole trail: only entries
// dated after `since` and on or before `as_of` are read (slip reasons; evidence, from entries of
// entity "evidence", field "created", whose new value reads "M3: what it shows (file name.pdf)").
// Indicators are compared by key; one crosses when it was off target (or had no figure) and is
// now on it, or the other way round. Lists keep the order of `after` (removed actions: the
// order of `before`; evidence: the trail's).
[[nodiscard]] PlanChanges compare_plans(const Plan& before, const Plan& after,
                                        const std::vector<AuditEntry>& audit, Date since,
                                        Date as_of,
                                        const std::vector<IndicatorResult>& indicators_before = {},
                                        const std::vector<IndicatorResult>& indicators_after = {});

// The plan as it stood on `on`, rebuilt from the plan now (with its retired items), for a body
// that has no published report to compare with. Each action takes the status and RAG of its
// latest status update dated on or before `on` (not started, no RAG, when all its updates are
// later; unchanged when it has no update at all, since nothing says it changed); a target date
// changed after `on` (audit entries with field "due") is put back; a rescheduled action with no
// such entry whose baseline date was still ahead on `on` is given its baseline back, since the
// move must have come later. An action moved to another commitment after `on` (field
// "commitment") goes back to the one it was in. Each item's retirement is as it was on `on`: the
// earliest "retired" entry after `on` gives the state before it (retired or not); with no such
// entry, an item retired after `on` is put back in the plan. Actions the audit trail shows
// created after `on` are left out.
[[nodiscard]] Plan plan_as_at(const Plan& now, const std::vector<AuditEntry>& audit, Date on);

}  // namespace csip::domain
