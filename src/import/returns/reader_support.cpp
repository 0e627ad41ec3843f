#include "import/returns/reader_support.hpp"

#include <system_error>

#include "import/returns/values.hpp"

namespace csip::import::returns {
namespace {

constexpr std::uint64_t kProgressBytes = std::uint64_t{1} << 20;
constexpr std::uint64_t kProgressRecords = std::uint64_t{1} << 16;

}  // namespace

ReportBuilder::ReportBuilder(ReturnFormat format, std::string file, ProgressFn progress, std::uint64_t total_bytes)
    : m_file(std::move(file)), m_progress(std::move(progress)), m_total_bytes(total_bytes) {
    m_report.format = format;
}

void ReportBuilder::skip(const std::string& reason, Problem problem) {
    auto& count = m_report.skipped_by_reason[reason];
    ++count;
    if (count <= kMaxProblemsPerReason) {
        problem.file = m_file;
        m_report.problems.push_back(std::move(problem));
    }
}

void ReportBuilder::not_kept(const std::string& reason, std::uint64_t records) {
    if (records > 0) m_report.skipped_by_reason[reason] += records;
}

void ReportBuilder::progress(std::uint64_t bytes_read) {
    if (!m_progress) return;
    if (bytes_read - m_last_bytes < kProgressBytes && m_report.records_read - m_last_records < kProgressRecords) {
        return;
    }
    m_last_bytes = bytes_read;
    m_last_records = m_report.records_read;
    m_progress(bytes_read, m_total_bytes, m_report.records_read);
}

ReadReport ReportBuilder::finish(std::uint64_t bytes_read) {
    sort_by_position(m_report.problems);
    if (m_progress) m_progress(bytes_read, m_total_bytes, m_report.records_read);
    return std::move(m_report);
}

Unexpected<Error> not_this_format(const std::string& file, ReturnFormat expected, const std::string& found) {
    return fail(ErrorKind::InvalidInput,
                file + ": this is not " + std::string(format_description(expected)) + " (" + found +
                    "); check the file, or name its format with --format",
                file);
}

CsvHeader::CsvHeader(const CsvRecord& record) {
    for (const auto& field : record.fields) m_names.emplace_back(trim(field.text));
}

std::optional<std::size_t> CsvHeader::find(std::string_view name) const {
    for (std::size_t i = 0; i < m_names.size(); ++i) {
        if (iequals(m_names[i], name)) return i;
    }
    return std::nullopt;
}

std::string CsvHeader::joined() const {
    std::string out;
    for (const auto& name : m_names) {
        if (!out.empty()) out += ',';
        out += name;
    }
    return out;
}

std::uint64_t file_size_or_zero(const std::filesystem::path& path) {
    std::error_code error;
    const auto size = std::filesystem::file_size(path, error);
    return error ? 0 : static_cast<std::uint64_t>(size);
}

}  // namespace csip::import::returns
