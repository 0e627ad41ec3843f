// The improvement plan written after an inspection (DESIGN.md §2): the inspection and its
// judgements, Ofsted's recommendations, the vision, and workstreams holding improvement
// commitments, each with its success measures ("how will we know we have done it") and its
// SMART actions. Plain values: the rules that keep a plan consistent live in plan_rules.hpp,
// how an action may change in action_update.hpp.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/date.hpp"

namespace csip::domain {

// Ofsted's four-point scale, best first, so that a smaller value is a better grade.
enum class Grade { Outstanding, Good, RequiresImprovement, Inadequate };

struct Judgement {
    std::string area;
    Grade grade = Grade::Good;
    // A limiting judgement caps the overall grade: it can be no better than this one.
    bool limiting = false;
};

struct Inspection {
    std::string framework;  // e.g. "SIF" (2013-17) or "ILACS" (2018+)
    Date start;
    Date end;
    Date published;
    std::vector<Judgement> judgements;
    // A framework may give no overall grade; the limiting rule applies only where there is one.
    std::optional<Grade> overall;
    int version = 1;
};

// Items of the plan are retired, never deleted: a retired item leaves the plan people work
// from (summary, coverage, pages, reports) but stays in exports and the audit trail, and can be
// restored.
struct Retirement {
    Date on;
    std::string by;
    std::string reason;
};

// "Priority and immediate action" or "area for improvement".
enum class RecommendationCategory { Priority, Improvement };

// Every editable item carries a `version`, raised by each change, so that a change made
// from an older copy is refused rather than overwriting a newer one (plan_edit.hpp).
struct Recommendation {
    std::string id;
    RecommendationCategory category = RecommendationCategory::Improvement;
    std::string text;
    int version = 1;
    std::optional<Retirement> retired;
};

// How a commitment is shown to be met: measured (an indicator with a target), monitored,
// observed (audit, practice observation) or established (a thing now exists).
enum class MeasureKind { Measured, Monitored, Observed, Established };

// Whether a success measure has been shown to be met: assessed by people, separately from
// whether the commitment's actions are complete.
enum class MeasureStatus { NotAssessed, NotMet, PartlyMet, Met };

struct SuccessMeasure {
    std::string id;
    MeasureKind kind = MeasureKind::Monitored;
    std::string text;
    std::optional<std::string> indicator;  // a measured measure names an indicator id
    std::optional<double> target;          // and its target, in the indicator's unit (percent)
    MeasureStatus status = MeasureStatus::NotAssessed;
    std::string status_by;  // who set the status, and when (ISO 8601 UTC); empty if never set
    std::string status_at;
    int version = 1;
    std::optional<Retirement> retired;
};

enum class ActionStatus { NotStarted, InProgress, Complete };
enum class Rag { Red, Amber, Green };

// A dated status update: what the lead officer reported, and the status and RAG it left.
struct StatusUpdate {
    Date on;
    std::string by;
    std::string text;
    std::optional<ActionStatus> status;
    std::optional<Rag> rag;
};

// A SMART action. `original_due` is the baseline target date; it differs from `due` once the
// action has been rescheduled. An in-progress action carries a RAG; a not-started or complete
// one does not.
struct Action {
    std::string id;
    std::string text;
    std::string lead;  // the lead officer's role title
    Date due;
    Date original_due;
    ActionStatus status = ActionStatus::NotStarted;
    std::optional<Rag> rag;
    std::vector<StatusUpdate> updates;  // oldest first
    int version = 1;
    std::optional<Retirement> retired;

    [[nodiscard]] bool rescheduled() const { return due != original_due; }
    [[nodiscard]] bool overdue(Date as_of) const {
        return due < as_of && status != ActionStatus::Complete;
    }
};

struct Commitment {
    std::string id;
    std::string text;
    std::vector<std::string> recommendations;  // ids of the recommendations it serves
    std::vector<SuccessMeasure> measures;
    std::vector<Action> actions;
    int version = 1;
    std::optional<Retirement> retired;
};

struct Workstream {
    std::string id;
    std::string title;
    std::string sponsor;
    std::string lead;
    std::vector<Commitment> commitments;
    int version = 1;
    std::optional<Retirement> retired;
};

struct Plan {
    std::string authority;
    std::string title;
    std::string vision;
    Inspection inspection;
    std::vector<Recommendation> recommendations;
    std::vector<Workstream> workstreams;
    int version = 1;  // of the authority, title and vision

    // The action with this id, or null.
    [[nodiscard]] const Action* find_action(std::string_view id) const;
    [[nodiscard]] Action* find_action(std::string_view id);
};

// The plan people work from: `plan` without its retired items (a retired workstream takes its
// commitments with it, a retired commitment its measures and actions), and with links to
// retired recommendations dropped.
[[nodiscard]] Plan without_retired(const Plan& plan);

// Governance bodies that oversee the programme and receive its reports (LSCB, Executive, ...).
struct GovernanceBody {
    std::string id;
    std::string name;
    std::string cadence;  // monthly, quarterly, ...
    bool is_public = false;  // its reports are published to the public
};

// The words used in csip-plan/1, the database and the CLI. parse_* return nothing for an
// unknown word.
std::string_view to_string(Grade grade);
std::string_view to_string(RecommendationCategory category);
std::string_view to_string(MeasureKind kind);
std::string_view to_string(ActionStatus status);
std::string_view to_string(Rag rag);
std::string_view to_string(MeasureStatus status);
std::optional<Grade> parse_grade(std::string_view text);
std::optional<RecommendationCategory> parse_recommendation_category(std::string_view text);
std::optional<MeasureKind> parse_measure_kind(std::string_view text);
std::optional<ActionStatus> parse_action_status(std::string_view text);
std::optional<Rag> parse_rag(std::string_view text);
std::optional<MeasureStatus> parse_measure_status(std::string_view text);

// Words for people: "requires improvement", "not started", "Red".
std::string_view describe(Grade grade);
std::string_view describe(ActionStatus status);
std::string_view describe(Rag rag);
std::string_view describe(MeasureStatus status);  // "Not assessed", "Partly met", ...
std::string_view describe(MeasureKind kind);      // "Measured", ...
std::string_view describe(RecommendationCategory category);  // "Priority and immediate action"

}  // namespace csip::domain
