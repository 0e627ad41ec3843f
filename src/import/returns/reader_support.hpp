// What every return reader shares: the ReportBuilder that counts records, skips and problems
// and throttles progress calls; the header row of a CSV table; and the readers' entry points,
// which read_return() dispatches to. Each reader fills a CaseData of its own; read_return()
// appends it to the caller's only when the reader succeeds.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/case_data.hpp"
#include "domain/result.hpp"
#include "import/problem.hpp"
#include "import/returns/csv_reader.hpp"
#include "import/returns/read_return.hpp"

namespace csip::import::returns {

class ReportBuilder {
public:
    ReportBuilder(ReturnFormat format, std::string file, ProgressFn progress, std::uint64_t total_bytes);

    [[nodiscard]] const std::string& file() const { return m_file; }
    void count_read(std::uint64_t records = 1) { m_report.records_read += records; }
    void count_used(std::uint64_t records = 1) { m_report.records_used += records; }
    [[nodiscard]] std::uint64_t records_read() const { return m_report.records_read; }

    // A record that cannot be used: counted under `reason`; the problem (its file is filled
    // in here) is kept while the reason has fewer than kMaxProblemsPerReason.
    void skip(const std::string& reason, Problem problem);
    // Records read and checked but deliberately not kept, because no indicator reads them.
    void not_kept(const std::string& reason, std::uint64_t records);

    // Reports progress when 1 MiB or 64K records have passed since the last report.
    void progress(std::uint64_t bytes_read);
    ReadReport finish(std::uint64_t bytes_read);

private:
    ReadReport m_report;
    std::string m_file;
    ProgressFn m_progress;
    std::uint64_t m_total_bytes = 0;
    std::uint64_t m_last_bytes = 0;
    std::uint64_t m_last_records = 0;
};

// The failure for a file that is not the format asked for.
Unexpected<Error> not_this_format(const std::string& file, ReturnFormat expected, const std::string& found);

// A CSV table's header row: column names matched case-insensitively, spaces trimmed.
class CsvHeader {
public:
    explicit CsvHeader(const CsvRecord& record);
    [[nodiscard]] std::optional<std::size_t> find(std::string_view name) const;
    [[nodiscard]] const std::vector<std::string>& names() const { return m_names; }
    [[nodiscard]] std::string joined() const;

private:
    std::vector<std::string> m_names;
};

class XmlStream;
// Feeds the XML file at `path` to `stream` in 1 MiB blocks, reporting progress. A file that is
// not XML, or that the handler stopped, is not `format`; XML that breaks off is an error with
// its line and column.
Result<void> stream_xml_file(const std::filesystem::path& path, ReturnFormat format, XmlStream& stream,
                             ReportBuilder& report, std::uint64_t& bytes_read);

// The size of the file, or 0 when it cannot be found.
std::uint64_t file_size_or_zero(const std::filesystem::path& path);

Result<void> read_cin_census(const std::filesystem::path& path, ReportBuilder& report, domain::CaseData& out);
Result<void> read_csww(const std::filesystem::path& path, ReportBuilder& report, domain::CaseData& out);
Result<void> read_ssda903(const std::filesystem::path& path, ReturnFormat table, ReportBuilder& report,
                          domain::CaseData& out);
Result<void> read_event_csv(const std::filesystem::path& path, ReturnFormat format, ReportBuilder& report,
                            domain::CaseData& out);
Result<void> read_annex_a_workbook(const std::filesystem::path& path, ReportBuilder& report,
                                   domain::CaseData& out);
Result<void> read_annex_a_list(const std::filesystem::path& path, ReportBuilder& report, domain::CaseData& out);

}  // namespace csip::import::returns
