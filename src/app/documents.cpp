#include "app/documents.hpp"

#include "reporting/plan_text.hpp"

namespace csip::app {

std::string summary_json(const domain::PlanSummary& summary) {
    return reporting::render_summary_json(summary);
}

std::string coverage_json(const std::vector<domain::RecommendationCoverage>& coverage) {
    return reporting::render_coverage_json(coverage);
}

std::string history_json(const ActionHistory& history) {
    return reporting::render_history_json(history.action, history.entries);
}

}  // namespace csip::app
