// The committee report's data as an Excel workbook (libxlsxwriter): the plan (one row per
// action, every field), the indicators (a summary row each, and their monthly series), the
// coverage of Ofsted's recommendations and the changes since the last report (one row each:
// actions completed, started, rescheduled, RAG changed, new, moved, retired, removed, new
// evidence on success measures, indicators that crossed their target). Dates are real
// date cells and figures real numbers (percentages as fractions shown as %), never text; each
// sheet's header row is frozen and carries filters. The same model gives the same bytes: the
// workbook's creation time is the report's date.
#pragma once

#include <string>

#include "domain/indicators/indicator_report.hpp"
#include "domain/plan.hpp"
#include "domain/result.hpp"
#include "reporting/report_model.hpp"

namespace csip::reporting::xlsx {

// The .xlsx file's bytes. libxlsxwriter writes only to files, so the workbook is written to a
// private temporary file and read back; Unavailable if that fails.
[[nodiscard]] Result<std::string> render_xlsx(const ReportModel& model);

// The whole plan as a workbook (the plan download): one sheet each for the inspection, the
// recommendations, the workstreams and commitments, the success measures and the actions,
// retired items included and marked. Text is always written as a text cell, never a formula.
[[nodiscard]] Result<std::string> render_plan_xlsx(const domain::Plan& plan);

// The indicator table for a period (the indicators page's download): one sheet, "Indicators",
// with the columns and rows of `csip indicators --format csv` (reporting::indicator_rows), the
// dates as date cells, counts as numbers, the percentage and target as percentages.
[[nodiscard]] Result<std::string> render_indicators_xlsx(const domain::IndicatorReport& report);

}  // namespace csip::reporting::xlsx
