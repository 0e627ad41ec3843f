// What a director asks of the plan: how many actions are red, amber, green, complete or not
// started, how many are overdue or have slipped (rescheduled), per workstream and in all; and
// whether every recommendation is served by a commitment with at least one action (coverage).
#pragma once

#include <string>
#include <vector>

#include "domain/plan.hpp"

namespace csip::domain {

struct ActionCounts {
    int total = 0;
    int not_started = 0;
    int red = 0;
    int amber = 0;
    int green = 0;
    int complete = 0;
    int overdue = 0;      // due before the as-of date and not complete
    int rescheduled = 0;  // due date differs from the original (baseline) date
};

struct WorkstreamSummary {
    std::string id;
    std::string title;
    ActionCounts actions;
};

struct PlanSummary {
    Date as_of;
    ActionCounts actions;
    std::vector<WorkstreamSummary> workstreams;
};

[[nodiscard]] PlanSummary summarise(const Plan& plan, Date as_of);

struct RecommendationCoverage {
    std::string id;
    RecommendationCategory category = RecommendationCategory::Improvement;
    std::vector<std::string> commitments;  // the commitments that name it, in plan order
    int actions = 0;                       // actions under those commitments
    bool covered = false;                  // at least one such action
    bool at_risk = false;  // covered, but every one of those actions is red or overdue
};

[[nodiscard]] std::vector<RecommendationCoverage> coverage(const Plan& plan, Date as_of);

}  // namespace csip::domain
