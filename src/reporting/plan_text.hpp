// Plain-text and JSON views of the plan for the terminal and the API: the plan as a tree with
// RAG (`plan show`), the action summary, recommendation coverage and an action's history.
// RAG is always written as a word, never shown by colour alone.
#pragma once

#include <string>
#include <vector>

#include "domain/action_history.hpp"
#include "domain/plan.hpp"
#include "domain/plan_summary.hpp"

namespace csip::reporting {

// The whole plan as an indented tree; `as_of` marks overdue actions.
[[nodiscard]] std::string render_plan_tree(const domain::Plan& plan, domain::Date as_of);

[[nodiscard]] std::string render_summary_text(const domain::PlanSummary& summary);
// {"as_of", "actions": {counts}, "workstreams": [{"id", "title", counts}]}
[[nodiscard]] std::string render_summary_json(const domain::PlanSummary& summary);

[[nodiscard]] std::string render_coverage_text(
    const std::vector<domain::RecommendationCoverage>& coverage);
// {"recommendations": [{"id", "category", "commitments", "actions", "covered", "at_risk"}]}
[[nodiscard]] std::string render_coverage_json(
    const std::vector<domain::RecommendationCoverage>& coverage);

[[nodiscard]] std::string render_history_text(const domain::Action& action,
                                              const std::vector<domain::HistoryEntry>& history);
// {"action": id, "entries": [{"kind": "update"|"change", "on", "by", ...}]}
[[nodiscard]] std::string render_history_json(const domain::Action& action,
                                              const std::vector<domain::HistoryEntry>& history);

}  // namespace csip::reporting
