// The indicator table for a period as a file to download, from the indicators page
// (/indicators/download) and the API (GET /api/v1/indicators?format=): the CSV is
// `csip indicators --format csv`'s, the XLSX the same rows as a workbook (app/documents.hpp).
#pragma once

#include <optional>
#include <string>

#include "domain/indicators/indicator_report.hpp"
#include "domain/result.hpp"

namespace csip::http {

enum class TableFormat { Csv, Xlsx };

// "csv" or "xlsx"; nothing for anything else.
[[nodiscard]] std::optional<TableFormat> parse_table_format(const std::string& text);

struct TableFile {
    std::string content;
    std::string content_type;
    std::string file_name;  // indicators-2015-04-01-to-2015-09-15.csv
};
[[nodiscard]] Result<TableFile> indicator_table(const domain::IndicatorReport& report,
                                                TableFormat format);

}  // namespace csip::http
