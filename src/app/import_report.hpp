// The import report of one file: the format found, records read, used and skipped by reason, and
// every problem. It is kept with the return the file became (as csip-import-report/1 JSON, in
// the store), so that the returns pages and API can show it after the import, and its problems
// download as CSV. Written and read only here.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "app/indicator_service.hpp"
// The formats' names and a problem's text, which the returns pages show.
#include "import/problem.hpp"
#include "import/returns/detect.hpp"
#include "domain/result.hpp"

namespace csip::app {

// csip-import-report/1: {"schema", "file", "format", "detected", "records_read", "used",
// "skipped", "skipped_by_reason": {reason: count}, "return": {"format", "reference"},
// "replaced", "problems": [{"file", "line", "column", "column_name", "place", "message",
// "fix"}]} (line and column 0 when unknown).
[[nodiscard]] std::string import_report_json(const FileImport& file);
// Reads back what import_report_json wrote. InvalidInput when it is not such a report.
[[nodiscard]] Result<FileImport> parse_import_report(std::string_view json);

// Every problem of `files` as CSV (file, line, column, column_name, place, message, fix), with
// a header row; cells made safe to open in a spreadsheet.
[[nodiscard]] std::string import_problems_csv(const std::vector<FileImport>& files);

}  // namespace csip::app
