// Ofsted's Annex A lists (ILACS), as csip reads them: which list a sheet or CSV file is, and
// which of its columns csip checks. Annex A holds one row per child per list with only the
// latest review, visit, health or dental date, so only List 4 (assessments) and List 5
// (section 47 enquiries) become case data; the other lists are read and checked, then counted
// as not kept (docs/case-data-formats.md says what an as-at snapshot of them would need).
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
