#include "domain/plan_summary.hpp"

#include <algorithm>

namespace csip::domain {
namespace {

void count(ActionCounts& counts, const Action& action, Date as_of) {
    ++counts.total;
    switch (action.status) {
        case ActionStatus::NotStarted: ++counts.not_started; break;
        case ActionStatus::Complete: ++counts.complete; break;
        case ActionStatus::InProgress:
            if (action.rag == Rag::Red) ++counts.red;
            if (action.rag == Rag::Amber) ++counts.amber;
            if (action.rag == Rag::Green) ++counts.green;
            break;
    }
    if (action.overdue(as_of)) ++counts.overdue;
    if (action.rescheduled()) ++counts.rescheduled;
}

}  // namespace

PlanSummary summarise(const Plan& plan, Date as_of) {
    PlanSummary summary{as_of, {}, {}};
    for (const auto& workstream : plan.workstreams) {
        WorkstreamSummary row{workstream.id, workstream.title, {}};
        for (const auto& commitment : workstream.commitments) {
            for (const auto& action : commitment.actions) {
                count(row.actions, action, as_of);
                count(summary.actions, action, as_of);
            }
        }
        summary.workstreams.push_back(std::move(row));
    }
    return summary;
}

std::vector<RecommendationCoverage> coverage(const Plan& plan, Date as_of) {
    std::vector<RecommendationCoverage> rows;
    for (const auto& recommendation : plan.recommendations) {
        RecommendationCoverage row{recommendation.id, recommendation.category, {}, 0, false, false};
        bool all_at_risk = true;
        for (const auto& workstream : plan.workstreams) {
            for (const auto& commitment : workstream.commitments) {
                const auto& links = commitment.recommendations;
                if (std::find(links.begin(), links.end(), recommendation.id) == links.end()) {
                    continue;
                }
                row.commitments.push_back(commitment.id);
                for (const auto& action : commitment.actions) {
                    ++row.actions;
                    if (action.rag != Rag::Red && !action.overdue(as_of)) all_at_risk = false;
                }
            }
        }
        row.covered = row.actions > 0;
        row.at_risk = row.covered && all_at_risk;
        rows.push_back(std::move(row));
    }
    return rows;
}

}  // namespace csip::domain
