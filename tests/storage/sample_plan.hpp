// A sample plan for the storage contract, shaped to catch what a store can lose: ids whose
// saved order is not their sorted order (W2 before W1, R10 before R2, A10 before A9), a
// commitment linked to recommendations out of order, an empty workstream and an empty
// commitment, measures with and without indicator and target, a rescheduled action, status
// updates with and without status and RAG, and text with quotes and non-ASCII letters.
// `describe` writes a plan or an audit trail out field by field, so that two can be compared
// with one EXPECT_EQ whose failure shows the field that differs.
#pragma once

#include <charconv>
#include <array>
#include <sstream>
#include <string>
#include <vector>

#include "domain/audit.hpp"
#include "domain/plan.hpp"

namespace csip::storage::fixture {

using namespace domain;

inline Date d(const char* iso) { return *Date::parse_iso(iso); }

inline Action sample_action(std::string id, ActionStatus status, std::optional<Rag> rag,
                            const char* due) {
    Action action;
    action.id = std::move(id);
    action.text = "Do " + action.id;
    action.lead = "Head of Service";
    action.due = action.original_due = d(due);
    action.status = status;
    action.rag = rag;
    return action;
}

inline Plan sample_plan() {
    Plan plan;
    plan.authority = "West Testshire";
    plan.title = "Children's services improvement plan";
    plan.vision = "Every child in West Testshire is safe, and “heard” – always.";
    plan.inspection = {"SIF", d("2015-03-02"), d("2015-03-24"), d("2015-05-18"),
                       {{"Leadership, management and governance", Grade::RequiresImprovement, false},
                        {"Help and protection", Grade::Inadequate, true},
                        {"Adoption performance", Grade::Good, false}},
                       Grade::Inadequate};
    plan.recommendations = {{"R3", RecommendationCategory::Priority, "Improve assessments"},
                            {"R1", RecommendationCategory::Priority, "Hold ICPCs on time"},
                            {"R10", RecommendationCategory::Improvement, "Improve supervision"},
                            {"R2", RecommendationCategory::Improvement, "Share reports"}};

    Commitment timely{"C2", "Timely assessments", {"R10", "R3"}, {}, {}};
    timely.measures = {
        {"M2", MeasureKind::Measured, "Assessments within 45 working days", "assessments_45wd",
         33.3},
        {"M1", MeasureKind::Observed, "Practice observed by managers", std::nullopt, std::nullopt},
        {"M3", MeasureKind::Measured, "ICPCs on time", "icpc_15wd", std::nullopt}};
    Action rescheduled = sample_action("A10", ActionStatus::InProgress, Rag::Amber, "2015-12-01");
    rescheduled.due = d("2016-02-29");
    rescheduled.updates = {
        {d("2015-09-01"), "Head of Service", "Started the audit 'tool'", ActionStatus::InProgress,
         Rag::Green},
        {d("2015-10-01"), "Service Manager", "Slipped: staffing", std::nullopt, std::nullopt},
        {d("2015-11-02"), "Head of Service", "Back on track", ActionStatus::InProgress, Rag::Amber}};
    timely.actions = {rescheduled,
                      sample_action("A9", ActionStatus::NotStarted, std::nullopt, "2016-03-31")};

    Commitment conferences{"C1", "Conferences on time", {"R1"}, {}, {}};
    Action done = sample_action("A1", ActionStatus::Complete, std::nullopt, "2015-08-01");
    done.updates = {{d("2015-07-30"), "QA Manager", "Done", ActionStatus::Complete, std::nullopt}};
    conferences.actions = {done};

    Commitment supervision{"C3", "Regular supervision", {"R2"}, {}, {}};
    supervision.actions = {sample_action("A2", ActionStatus::InProgress, Rag::Red, "2015-10-01")};
    Commitment later{"C4", "To be planned", {}, {}, {}};

    plan.workstreams = {{"W2", "Practice", "Director", "Head of Service", {timely, conferences}},
                        {"W1", "Workforce", "Director", "HR Lead", {supervision, later}},
                        {"W3", "Partnerships", "Chief Executive", "Partnership Lead", {}}};
    return plan;
}

// The audit entries for a change, as the application would record it.
inline AuditEntry audit_entry(std::string actor, std::string entity, std::string entity_id,
                              std::string field, std::optional<std::string> old_value,
                              std::optional<std::string> new_value,
                              std::optional<std::string> reason = std::nullopt) {
    return {0,      "2016-01-04T09:30:00Z", std::move(actor), std::move(entity),
            std::move(entity_id), std::move(field), std::move(old_value), std::move(new_value),
            std::move(reason)};
}

inline std::string number(double value) {
    std::array<char, 32> buffer{};
    auto [end, error] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
    return std::string(buffer.data(), end);
}

inline std::string optional(const std::optional<std::string>& value) {
    return value ? "'" + *value + "'" : "(none)";
}

template <typename E>
std::string optional_word(const std::optional<E>& value) {
    return value ? std::string(to_string(*value)) : "(none)";
}

inline std::string describe(const Action& action) {
    std::ostringstream out;
    out << "action " << action.id << ": text '" << action.text << "' lead '" << action.lead
        << "' due " << action.due.iso() << " original_due " << action.original_due.iso()
        << " status " << to_string(action.status) << " rag " << optional_word(action.rag) << "\n";
    for (const auto& update : action.updates) {
        out << "  update " << update.on.iso() << " by '" << update.by << "' text '" << update.text
            << "' status " << optional_word(update.status) << " rag " << optional_word(update.rag)
            << "\n";
    }
    return out.str();
}

inline std::string describe(const Plan& plan) {
    std::ostringstream out;
    out << "authority '" << plan.authority << "'\ntitle '" << plan.title << "'\nvision '"
        << plan.vision << "'\n";
    const auto& inspection = plan.inspection;
    out << "inspection " << inspection.framework << " " << inspection.start.iso() << " "
        << inspection.end.iso() << " published " << inspection.published.iso() << " overall "
        << (inspection.overall ? to_string(*inspection.overall) : std::string_view("none")) << "\n";
    for (const auto& judgement : inspection.judgements) {
        out << "judgement '" << judgement.area << "' " << to_string(judgement.grade)
            << (judgement.limiting ? " limiting" : "") << "\n";
    }
    for (const auto& recommendation : plan.recommendations) {
        out << "recommendation " << recommendation.id << " "
            << to_string(recommendation.category) << " '" << recommendation.text << "'\n";
    }
    for (const auto& workstream : plan.workstreams) {
        out << "workstream " << workstream.id << " '" << workstream.title << "' sponsor '"
            << workstream.sponsor << "' lead '" << workstream.lead << "'\n";
        for (const auto& commitment : workstream.commitments) {
            out << " commitment " << commitment.id << " '" << commitment.text << "' serves";
            for (const auto& id : commitment.recommendations) out << " " << id;
            out << "\n";
            for (const auto& measure : commitment.measures) {
                out << "  measure " << measure.id << " " << to_string(measure.kind) << " '"
                    << measure.text << "' indicator " << optional(measure.indicator)
                    << " target " << (measure.target ? number(*measure.target) : "(none)")
                    << "\n";
            }
            for (const auto& action : commitment.actions) out << "  " << describe(action);
        }
    }
    return out.str();
}

// Every field but the id, which the store assigns.
inline std::string describe(const std::vector<AuditEntry>& trail) {
    std::ostringstream out;
    for (const auto& entry : trail) {
        out << entry.at << " " << entry.actor << " " << entry.entity << " " << entry.entity_id
            << " " << entry.field << ": " << optional(entry.old_value) << " -> "
            << optional(entry.new_value) << " reason " << optional(entry.reason) << "\n";
    }
    return out.str();
}

}  // namespace csip::storage::fixture
