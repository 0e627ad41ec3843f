// Ofsted's Annex A lists (ILACS), as csip reads them: which list a sheet or CSV file is, and
// how its columns become case data. Every readable row of every list (1 to 11) becomes one
// domain::AnnexAChild, and one file read (a workbook, all its lists; or one list saved as CSV)
// gives one domain::AnnexASnapshot, left undated for the app to date. A row keeps the typed
// fields its list has (domain/case_data.hpp) and every column as read; a row whose identifier,
// required date, dates, counts or codes cannot be read is skipped with a Problem.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace csip::import::returns {

// Lower case, every run of characters other than letters and digits one space, trimmed:
// 'Date of Birth ' and 'date_of_birth' both become 'date of birth'.
std::string normalise_header(std::string_view header);

// The Annex A list (1-11) whose columns a header row has, or nothing.
std::optional<int> annex_a_list_of_header(const std::vector<std::string>& header);

// The list a sheet name names: 'List 4' (any case or spacing, with or without a title after it)
// is 4; anything else is nothing.
std::optional<int> annex_a_list_of_sheet(std::string_view sheet_name);

}  // namespace csip::import::returns
