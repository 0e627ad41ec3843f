// How the plan is changed one item at a time (the web application's forms and the API): start a
// plan, change its inspection, add, change, move, retire and restore recommendations,
// workstreams, commitments, success measures and actions. Each function is pure: it checks the
// change against the plan as it stands and returns the plan as it becomes with the audit entries
// that record it (who, when, each field old → new, and the reason where one is asked for); the
// store writes both in one transaction (PlanStore::edit_plan).
//
// Rules that hold for every change:
//  - a change names the `version` of the item it was made from; when the item has changed
//    since (its version is higher) the change is refused as a Conflict on field "version", so
//    that no edit silently overwrites another;
//  - items are retired with a reason, never deleted; a retired item takes no change until it is
//    restored, and nothing new is added under it;
//  - text is checked as text (domain/text.hpp); dates lie in the years a plan covers;
//  - the plan that results passes check_plan.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/audit.hpp"
#include "domain/plan.hpp"
#include "domain/result.hpp"

namespace csip::domain {

// The kinds of item that are added, changed, retired and restored.
enum class PlanItem { Recommendation, Workstream, Commitment, Measure, Action };
// "recommendation", "workstream", "commitment", "measure", "action": the audit trail's entity.
[[nodiscard]] std::string_view to_string(PlanItem item);
[[nodiscard]] std::optional<PlanItem> parse_plan_item(std::string_view text);

// Who makes a change, when it is recorded (ISO 8601 UTC) and the day it is made.
// `indicators` are the keys of the indicators a measured success measure may name (the
// indicator definitions, which build on this library, so the caller gives them).
struct EditBy {
    std::string actor;
    std::string timestamp;
    Date today;
    std::vector<std::string> indicators;
};

// The outcome of a change: the whole plan as it becomes (with versions carried), the id of the
// item changed or added, and the audit entries.
struct PlanRevision {
    Plan plan;
    std::string id;
    std::vector<AuditEntry> audit;
};

struct PlanHead {
    std::string authority;
    std::string title;
    std::string vision;
};

// Fields of an item. To add one, the fields it needs are given; to change one, only those given
// change.
struct RecommendationFields {
    std::optional<RecommendationCategory> category;
    std::optional<std::string> text;
};

struct WorkstreamFields {
    std::optional<std::string> title;
    std::optional<std::string> sponsor;
    std::optional<std::string> lead;
    std::optional<std::size_t> position;  // 1-based, among all workstreams; a change only
};

struct CommitmentFields {
    std::optional<std::string> text;
    std::optional<std::vector<std::string>> recommendations;  // the ids it serves
    std::optional<std::string> workstream;                    // a change: moves it
};

struct MeasureFields {
    std::optional<MeasureKind> kind;
    std::optional<std::string> text;
    // An empty string (indicator) or nullopt inside (target) clears it.
    std::optional<std::string> indicator;
    std::optional<std::optional<double>> target;
    std::optional<MeasureStatus> status;
};

struct ActionFields {
    std::optional<std::string> text;
    std::optional<std::string> lead;
    std::optional<Date> due;
    std::optional<std::string> commitment;  // a change: moves it
    std::string reason;                     // required with a new due date
    // A due date before today makes the action overdue at once: accepted only when confirmed.
    bool confirm_past_due = false;
};

// Starts a plan when there is none (Conflict when one exists).
[[nodiscard]] Result<PlanRevision> start_plan(const std::optional<Plan>& current,
                                              const PlanHead& head, const EditBy& by);
[[nodiscard]] Result<PlanRevision> change_head(const Plan& plan, int version, const PlanHead& head,
                                               const EditBy& by);
// Replaces the inspection: framework, dates, judgements and the optional overall grade.
[[nodiscard]] Result<PlanRevision> change_inspection(const Plan& plan, int version,
                                                     const Inspection& inspection,
                                                     const EditBy& by);

// Each new item takes the next free id of its kind: R, W, C, M or A and a number.
[[nodiscard]] Result<PlanRevision> add_recommendation(const Plan& plan,
                                                      const RecommendationFields& fields,
                                                      const EditBy& by);
[[nodiscard]] Result<PlanRevision> add_workstream(const Plan& plan, const WorkstreamFields& fields,
                                                  const EditBy& by);
[[nodiscard]] Result<PlanRevision> add_commitment(const Plan& plan, const std::string& workstream,
                                                  const CommitmentFields& fields,
                                                  const EditBy& by);
// A measured measure names an indicator csip computes and a target (0-100); the others
// name neither.
[[nodiscard]] Result<PlanRevision> add_measure(const Plan& plan, const std::string& commitment,
                                               const MeasureFields& fields, const EditBy& by);
// A new action is not started, and its due date is its baseline.
[[nodiscard]] Result<PlanRevision> add_action(const Plan& plan, const std::string& commitment,
                                              const ActionFields& fields, const EditBy& by);

[[nodiscard]] Result<PlanRevision> change_recommendation(const Plan& plan, const std::string& id,
                                                         int version,
                                                         const RecommendationFields& fields,
                                                         const EditBy& by);
[[nodiscard]] Result<PlanRevision> change_workstream(const Plan& plan, const std::string& id,
                                                     int version, const WorkstreamFields& fields,
                                                     const EditBy& by);
[[nodiscard]] Result<PlanRevision> change_commitment(const Plan& plan, const std::string& id,
                                                     int version, const CommitmentFields& fields,
                                                     const EditBy& by);
// A new status records who set it and when.
[[nodiscard]] Result<PlanRevision> change_measure(const Plan& plan, const std::string& id,
                                                  int version, const MeasureFields& fields,
                                                  const EditBy& by);
// A new due date keeps the baseline (the action counts as rescheduled) and needs a reason.
[[nodiscard]] Result<PlanRevision> change_action(const Plan& plan, const std::string& id,
                                                 int version, const ActionFields& fields,
                                                 const EditBy& by);

// Retires an item in the plan, or restores a retired one; a reason is required for both.
[[nodiscard]] Result<PlanRevision> retire(const Plan& plan, PlanItem item, const std::string& id,
                                          int version, const std::string& reason,
                                          const EditBy& by);
[[nodiscard]] Result<PlanRevision> restore(const Plan& plan, PlanItem item, const std::string& id,
                                           int version, const std::string& reason,
                                           const EditBy& by);

// An item of the plan wherever it sits (retired or not), with its place, or nulls.
struct PlanPlace {
    const Workstream* workstream = nullptr;
    const Commitment* commitment = nullptr;
    const Recommendation* recommendation = nullptr;
    const SuccessMeasure* measure = nullptr;
    const Action* action = nullptr;
    [[nodiscard]] bool found() const {
        return workstream != nullptr || recommendation != nullptr;
    }
    // The item's version and retirement, for the kind asked for.
    [[nodiscard]] int version(PlanItem item) const;
    [[nodiscard]] const std::optional<Retirement>& retired(PlanItem item) const;
    // Whether it, or a workstream or commitment it sits in, is retired.
    [[nodiscard]] bool out_of_plan(PlanItem item) const;
};
[[nodiscard]] PlanPlace find_item(const Plan& plan, PlanItem item, std::string_view id);

}  // namespace csip::domain
