#include "import/returns/csv_table.hpp"

#include <fstream>

#include "domain/text.hpp"
#include "import/returns/values.hpp"

namespace csip::import::returns {

std::string_view CsvRow::text(std::optional<std::size_t> column) const {
    if (!column) return {};
    return trim(m_record.text(*column));
}

bool CsvRow::blank(std::optional<std::size_t> column) const { return text(column).empty(); }

void CsvRow::skip(const std::string& reason, std::optional<std::size_t> column, std::string message,
                  std::string fix) const {
    Problem problem;
    problem.line = m_record.line;
    if (column) {
        if (*column < m_record.fields.size()) {
            problem.line = m_record.fields[*column].line;
        }
        problem.column = static_cast<std::uint32_t>(*column + 1);
        if (*column < m_header.names().size()) problem.column_name = m_header.names()[*column];
    }
    problem.message = std::move(message);
    problem.fix = std::move(fix);
    m_report.skip(reason, std::move(problem));
}

bool CsvRow::date(std::optional<std::size_t> column, const std::string& reason, std::optional<domain::Date>& out) const {
    out.reset();
    const auto value = text(column);
    if (value.empty()) return true;
    out = parse_date(value);
    if (out) return true;
    skip(reason, column, "'" + printable(value) + "' is not a date", std::string(kCsvDateFix));
    return false;
}

bool CsvRow::boolean(std::optional<std::size_t> column, const std::string& reason, std::optional<bool>& out) const {
    out.reset();
    const auto value = text(column);
    if (value.empty()) return true;
    out = parse_bool(value);
    if (out) return true;
    skip(reason, column, "'" + printable(value) + "' is not yes or no", std::string(kCsvBoolFix));
    return false;
}

std::optional<UnreadableRow> unreadable(const CsvRecord& record, const CsvHeader& header) {
    const auto at_field = [&](std::size_t index, std::optional<std::uint32_t> line) {
        Problem problem;
        problem.line = line.value_or(index < record.fields.size() ? record.fields[index].line : record.line);
        problem.column = static_cast<std::uint32_t>(index + 1);
        if (index < header.names().size()) problem.column_name = header.names()[index];
        return problem;
    };
    if (record.bad_quote_field) {
        Problem problem = at_field(*record.bad_quote_field, record.bad_quote_line.value_or(record.line));
        problem.message = record.unterminated_quote ? "a quoted field is never closed, so the rest of the file "
                                                      "was read as one field"
                                                    : "text follows the closing quote of a field";
        problem.fix = "quote a field whole (\"like, this\") and double any quote inside it (\"\")";
        return UnreadableRow{"row with broken quoting", std::move(problem)};
    }
    for (std::size_t i = 0; i < record.fields.size(); ++i) {
        if (auto text = domain::text_problem(record.fields[i].text)) {
            Problem problem = at_field(i, std::nullopt);
            problem.message = "the field " + *text;
            problem.fix = "save the file as UTF-8 text, in Excel as 'CSV UTF-8 (Comma delimited)'";
            return UnreadableRow{"row with text that is not UTF-8", std::move(problem)};
        }
    }
    return std::nullopt;
}

Result<void> read_csv_table(const std::filesystem::path& path, const CsvTableSpec& spec, ReportBuilder& report,
                            const std::function<void(const CsvHeader&)>& on_header,
                            const std::function<bool(const CsvRow&)>& on_row) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return fail(ErrorKind::NotFound, report.file() + ": cannot open the file", report.file());
    CsvReader reader(in);
    CsvRecord record;
    if (!reader.next(record)) return not_this_format(report.file(), spec.format, "it is empty");
    const CsvHeader header(record);
    std::string missing;
    for (const auto column : spec.required_columns) {
        if (!header.find(column)) missing += (missing.empty() ? "" : ", ") + std::string(column);
    }
    if (!missing.empty()) {
        const std::string found = printable(header.joined(), 200);
        return not_this_format(report.file(), spec.format,
                               "its header row lacks " + missing + "; it reads: " + found);
    }
    if (on_header) on_header(header);
    while (reader.next(record)) {
        report.count_read();
        const CsvRow row(record, header, report);
        if (auto bad = unreadable(record, header)) {
            report.skip(bad->reason, std::move(bad->problem));
        } else if (on_row(row)) {
            report.count_used();
        }
        report.progress(reader.bytes_read());
    }
    return {};
}

}  // namespace csip::import::returns
