// The performance indicators for a period as text (a table: one row per indicator, one column per
// month, then the period, the year to date, the target and the RAG), as JSON and as CSV, and an
// indicator's exceptions as text and JSON. RAG is always written as a word. A percentage over a
// denominator under 10 is marked, and a figure entered by hand says so. docs/indicators-cli.md
// gives the JSON and CSV shapes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/date.hpp"
#include "domain/indicators/exceptions.hpp"
#include "domain/indicators/indicator_report.hpp"

namespace csip::reporting {

[[nodiscard]] std::string render_indicators_text(const domain::IndicatorReport& report);

// {"from", "to", "indicators": [{"id", "title", "numerator", "denominator", "percent", "target",
// "rag", "small_denominator", "months": [{"month", "numerator", "denominator", "percent"}],
// "excluded", ...}]}; a snapshot indicator has "as_of" (and months only when it is a monthly
// series); numbers not known are null.
[[nodiscard]] std::string render_indicators_json(const domain::IndicatorReport& report);

// The indicator table as rows: one per indicator per month, then its period (or, for a
// snapshot, its as-of) and year-to-date rows; an indicator csip refused to work out has none.
// The CSV and the XLSX (xlsx/xlsx_writer.hpp) are both written from these.
struct IndicatorTableRow {
    std::string id;
    std::string row;    // month, period, as_of, year_to_date
    std::string month;  // YYYY-MM for a month's row
    domain::Date from;
    domain::Date to;
    std::optional<double> numerator;    // none for a figure entered by hand
    std::optional<double> denominator;  // none for a figure entered by hand
    std::optional<double> percent;      // 0 to 100
    std::optional<double> target;       // 0 to 100
    std::optional<domain::Rag> rag;
    bool small_denominator = false;
    bool manual = false;  // the source: entered by hand, or the returns' data
};
// The names of the columns, as the CSV's header row has them.
[[nodiscard]] const std::vector<std::string>& indicator_columns();
[[nodiscard]] std::vector<IndicatorTableRow> indicator_rows(const domain::IndicatorReport& report);

// The rows as CSV:
// id,row,month,from,to,numerator,denominator,percent,target,rag,small_denominator,source
[[nodiscard]] std::string render_indicators_csv(const domain::IndicatorReport& report);

// Exceptions: who, what kind, the dates, the days over, team and worker, and the source row.
[[nodiscard]] std::string render_exceptions_text(
    const std::string& indicator, domain::Date as_of,
    const std::vector<domain::IndicatorException>& exceptions);
// {"indicator", "as_of", "exceptions": [{"child_id", "kind", "start", "event", "due",
// "days_over", "days", "team", "worker", "source": {"file", "line"}}]}
[[nodiscard]] std::string render_exceptions_json(
    const std::string& indicator, domain::Date as_of,
    const std::vector<domain::IndicatorException>& exceptions);

// One imported return, as `data list` shows it.
struct ImportedReturnRow {
    std::string format;
    std::string reference;
    std::optional<std::string> reference_date;
    std::string file;
    std::string imported_at;
    std::string imported_by;
    std::uint64_t records_read = 0;
    std::uint64_t records_used = 0;
    std::uint64_t records_skipped = 0;
};
// {"returns": [{"format", "reference", "reference_date", "file", "imported_at", "imported_by",
// "records_read", "records_used", "records_skipped"}]}
[[nodiscard]] std::string render_returns_json(const std::vector<ImportedReturnRow>& rows);

}  // namespace csip::reporting
