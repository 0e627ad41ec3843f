// The documents csip hands out, rendered by the reporting layer for the web application, which
// may not include reporting itself (docs/ARCHITECTURE.md): the API's JSON, the same as the
// command line's `--format json`, and the SVG charts the reports also draw. Thin on purpose:
// each function names one renderer, so that the API and the CLI cannot drift apart.
#pragma once

#include <string>
#include <vector>

#include "app/benchmark_service.hpp"
#include "app/plan_service.hpp"
#include "reporting/icalendar.hpp"
#include "domain/indicators/indicator_report.hpp"
#include "domain/plan.hpp"
#include "domain/plan_summary.hpp"
#include "domain/result.hpp"

namespace csip::app {

// The iCalendar feed's events and their text (reporting/icalendar.hpp), for the web application.
using reporting::CalendarEvent;
using reporting::render_icalendar;

[[nodiscard]] std::string summary_json(const domain::PlanSummary& summary);
[[nodiscard]] std::string coverage_json(const std::vector<domain::RecommendationCoverage>& coverage);
[[nodiscard]] std::string history_json(const ActionHistory& history);
// The indicators for a period, as `csip indicators --format json`.
[[nodiscard]] std::string indicators_json(const domain::IndicatorReport& report);
// The indicator table for a period, as `csip indicators --format csv`, and the same table as an
// Excel workbook (Unavailable when the workbook cannot be written).
[[nodiscard]] std::string indicators_csv(const domain::IndicatorReport& report);
[[nodiscard]] Result<std::string> indicators_xlsx(const domain::IndicatorReport& report);
// A table as CSV (RFC 4180, a formula-like cell made text): the first row is the header.
[[nodiscard]] std::string table_csv(const std::vector<std::vector<std::string>>& rows);

// An indicator's months, target and year to date as an SVG chart (a line), and as a sparkline.
// `id` makes the chart's element ids unique within a page.
[[nodiscard]] std::string indicator_chart_svg(const domain::IndicatorResult& result,
                                              const std::string& id);
[[nodiscard]] std::string indicator_sparkline_svg(const domain::IndicatorResult& result,
                                                  const std::string& id);
// The same chart with the council's published years beside its months: the published figure,
// England's and the statistical neighbours' median by year, in a panel below the months;
// `council` names the council's line.
[[nodiscard]] std::string indicator_chart_svg(const domain::IndicatorResult& result,
                                              const std::string& id,
                                              const PublishedSeries& published,
                                              const std::string& council);

// The benchmarks for one council and year, as `csip benchmarks --format json` and `--format
// csv` write them (reporting/benchmark_text.hpp).
[[nodiscard]] std::string benchmarks_json(const BenchmarksView& view);
[[nodiscard]] std::string benchmarks_csv(const BenchmarksView& view);

}  // namespace csip::app
