// csip-import-report/1: a file's import report (ReadReport) with what csip made of it, as the
// JSON kept with the return in the store, and read back for the returns pages and API.
#pragma once

#include <string>
#include <string_view>

#include "domain/result.hpp"
#include "import/returns/read_return.hpp"

namespace csip::import {

struct KeptReport {
    std::string file;
    ReadReport report;
    bool detected = true;
    std::string return_format;
    std::string return_reference;
    bool replaced = false;
    std::string note;  // how the return was taken, when the person should know; may be empty
};

// {"schema", "file", "format", "detected", "records_read", "used", "skipped",
// "skipped_by_reason": {reason: count}, "return": {"format", "reference"}, "replaced", "note",
// "problems": [{"file", "line", "column", "column_name", "place", "message", "fix"}]}.
[[nodiscard]] std::string write_report_json(const KeptReport& kept);
// InvalidInput when `json` is not such a report.
[[nodiscard]] Result<KeptReport> read_report_json(std::string_view json);

}  // namespace csip::import
