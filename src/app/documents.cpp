#include "app/documents.hpp"

#include "reporting/benchmark_text.hpp"
#include "reporting/csv_cell.hpp"
#include "reporting/indicator_text.hpp"
#include "reporting/plan_text.hpp"
#include "reporting/svg_chart.hpp"
#include "reporting/xlsx/xlsx_writer.hpp"

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

std::string indicators_json(const domain::IndicatorReport& report) {
    return reporting::render_indicators_json(report);
}

std::string indicators_csv(const domain::IndicatorReport& report) {
    return reporting::render_indicators_csv(report);
}

std::string table_csv(const std::vector<std::vector<std::string>>& rows) {
    std::string out;
    for (const auto& row : rows) {
        for (std::size_t i = 0; i < row.size(); ++i) {
            if (i > 0) out += ',';
            out += reporting::csv_cell(row[i]);
        }
        out += "\r\n";
    }
    return out;
}

Result<std::string> indicators_xlsx(const domain::IndicatorReport& report) {
    return reporting::xlsx::render_indicators_xlsx(report);
}

std::string indicator_chart_svg(const domain::IndicatorResult& result, const std::string& id) {
    return reporting::render_chart_svg(reporting::chart_series(result), reporting::ChartStyle::Line,
                                       id);
}

std::string indicator_chart_svg(const domain::IndicatorResult& result, const std::string& id,
                                const PublishedSeries& published, const std::string& council) {
    reporting::PublishedChart chart;
    chart.council = council;
    for (const auto& year : published.years) {
        const std::string label =
            published.measure ? domain::year_phrase(*published.measure, year.year) : year.year;
        chart.years.push_back({label, year.la, year.england, year.neighbours_median});
    }
    return reporting::render_chart_svg(reporting::chart_series(result), reporting::ChartStyle::Line,
                                       id, {}, chart);
}

std::string benchmarks_json(const BenchmarksView& view) {
    return reporting::render_benchmarks_json(view.comparison, view.reconciliation);
}

std::string benchmarks_csv(const BenchmarksView& view) {
    return reporting::render_benchmarks_csv(view.comparison);
}

std::string indicator_sparkline_svg(const domain::IndicatorResult& result, const std::string& id) {
    return reporting::render_sparkline_svg(reporting::chart_series(result), id);
}

}  // namespace csip::app
