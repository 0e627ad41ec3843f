// A small valid plan for the domain tests: two recommendations, one workstream, one commitment
// serving the first recommendation, with actions in each state.
#pragma once

#include "domain/plan.hpp"

namespace csip::domain::fixture {

inline Date d(const char* iso) { return *Date::parse_iso(iso); }

inline Action action(std::string id, ActionStatus status, std::optional<Rag> rag, const char* due) {
    Action a;
    a.id = std::move(id);
    a.text = "Do " + a.id;
    a.lead = "Head of Service";
    a.due = a.original_due = d(due);
    a.status = status;
    a.rag = rag;
    return a;
}

inline Plan small_plan() {
    Plan plan;
    plan.authority = "Testshire";
    plan.title = "Improvement plan";
    plan.vision = "Children are safe.";
    plan.inspection = {"SIF", d("2015-03-02"), d("2015-03-24"), d("2015-05-18"),
                       {{"Help and protection", Grade::Inadequate, true},
                        {"Leadership", Grade::RequiresImprovement, false}},
                       Grade::Inadequate};
    plan.recommendations = {{"R1", RecommendationCategory::Priority, "Improve assessments"},
                            {"R2", RecommendationCategory::Improvement, "Improve supervision"}};
    Commitment commitment{"C1", "Timely assessments", {"R1"}, {}, {}};
    commitment.measures.push_back(
        {"M1", MeasureKind::Measured, "Assessments on time", "assessments_45wd", 85.0});
    commitment.actions = {action("A1", ActionStatus::NotStarted, std::nullopt, "2015-12-01"),
                          action("A2", ActionStatus::InProgress, Rag::Red, "2015-08-01"),
                          action("A3", ActionStatus::InProgress, Rag::Amber, "2015-10-01"),
                          action("A4", ActionStatus::Complete, std::nullopt, "2015-07-01")};
    plan.workstreams = {{"W1", "Practice", "Director", "Head of Service", {commitment}}};
    return plan;
}

}  // namespace csip::domain::fixture
