// read_return: reads one case-level return into csip's case data (domain/case_data.hpp). Rows
// that cannot be used are skipped and counted by reason, each with a Problem that says where it
// is and how to fix it (the first kMaxProblemsPerReason per reason are kept as detail; all are
// counted). A file that is not the format asked for, or is broken as a whole (XML not well
// formed, a workbook that cannot be opened), is an error and leaves `into` unchanged: records
// are appended to `into` only when the whole file has been read. Large files are streamed.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "domain/case_data.hpp"
#include "domain/result.hpp"
#include "import/problem.hpp"
#include "import/returns/detect.hpp"

namespace csip::import {

inline constexpr std::size_t kMaxProblemsPerReason = 100;

struct ReadReport {
    ReturnFormat format = ReturnFormat::CinCensus;
    // Records are the units that become case data: an assessment, a section 47 enquiry or a
    // CP plan in the CIN census; a row of a CSV table or of an Annex A list; a CSWW worker.
    std::uint64_t records_read = 0;
    std::uint64_t records_used = 0;
    std::map<std::string, std::uint64_t> skipped_by_reason;
    std::vector<Problem> problems;
};

// Called as a file is read, at most every 64K records or 1 MiB, and once at the end.
using ProgressFn =
    std::function<void(std::uint64_t bytes_read, std::uint64_t total_bytes, std::uint64_t records)>;

// `name` is how problems and records name the file (an uploaded file's own name, not where it
// was saved); empty: its path.
Result<ReadReport> read_return(const std::filesystem::path& path, ReturnFormat format,
                               domain::CaseData& into, const ProgressFn& progress = {},
                               const std::string& name = {});

}  // namespace csip::import
