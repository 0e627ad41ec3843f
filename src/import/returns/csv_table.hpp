// Reading a CSV table whose header row names its columns: read_csv_table() checks that the
// header has the columns a format needs (else the file is not that format), then hands each
// data row to the format's reader as a CsvRow, which finds fields by column and builds problems
// that point at a field's line and column and name its header.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "import/returns/csv_reader.hpp"
#include "import/returns/reader_support.hpp"

namespace csip::import::returns {

class CsvRow {
public:
    CsvRow(const CsvRecord& record, const CsvHeader& header, ReportBuilder& report)
        : m_record(record), m_header(header), m_report(report) {}

    // The trimmed text of a column (empty when the column is absent or the row is short).
    [[nodiscard]] std::string_view text(std::optional<std::size_t> column) const;
    [[nodiscard]] bool blank(std::optional<std::size_t> column) const;
    [[nodiscard]] std::uint32_t line() const { return m_record.line; }
    [[nodiscard]] domain::SourceRef source() const { return {m_report.file(), m_record.line}; }

    // Skips the row under `reason`, with a problem at `column` (or at the row when none).
    void skip(const std::string& reason, std::optional<std::size_t> column, std::string message, std::string fix) const;

    // A date column: true with nothing for a blank field; false (the row skipped under
    // `reason`) when the text is not a date.
    bool date(std::optional<std::size_t> column, const std::string& reason, std::optional<domain::Date>& out) const;
    // A yes/no column: as date().
    bool boolean(std::optional<std::size_t> column, const std::string& reason, std::optional<bool>& out) const;

private:
    const CsvRecord& m_record;
    const CsvHeader& m_header;
    ReportBuilder& m_report;
};

// Why a data row cannot be read at all, before its columns are looked at: its quoting is broken,
// or a field is not text (not UTF-8, or holding a control character: domain/text.hpp), which no
// child's identifier, code or date ever is. The reason to skip it under and the problem to report
// at the field, or nothing when the row can be read.
struct UnreadableRow {
    std::string reason;
    Problem problem;
};
[[nodiscard]] std::optional<UnreadableRow> unreadable(const CsvRecord& record, const CsvHeader& header);

struct CsvTableSpec {
    ReturnFormat format;
    std::vector<std::string_view> required_columns;
};

// Reads the table at `path`; `on_row` sees each data row (it counts as read) and returns whether
// it was used. Rows whose quoting is broken are skipped before `on_row` sees them.
Result<void> read_csv_table(const std::filesystem::path& path, const CsvTableSpec& spec, ReportBuilder& report,
                            const std::function<void(const CsvHeader&)>& on_header,
                            const std::function<bool(const CsvRow&)>& on_row);

inline constexpr std::string_view kCsvDateFix = "write dates as YYYY-MM-DD or dd/mm/yyyy, e.g. 2023-04-01";
inline constexpr std::string_view kCsvBoolFix = "write true/false, 1/0, Y/N or Yes/No";

}  // namespace csip::import::returns
