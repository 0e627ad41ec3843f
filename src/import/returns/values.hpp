// Cell values as the returns spell them: booleans (true/false, 1/0, Y/N, Yes/No in any case, and
// Annex A's lettered 'a) Yes'), dates (YYYY-MM-DD or dd/mm/yyyy, optionally followed by a time of
// day; Excel serial numbers in the 1900 or 1904 date system) and plain numbers. Each parser
// returns nothing for text it does not recognise; the caller decides whether that skips a row.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/date.hpp"

namespace csip::import::returns {

// Without leading and trailing spaces, tabs, CR/LF and no-break spaces (U+00A0).
std::string_view trim(std::string_view text);
std::string to_lower(std::string_view text);
bool iequals(std::string_view a, std::string_view b);

// Annex A's lettered category codes: 'b) Female' -> 'Female'. Other text is returned unchanged.
std::string_view strip_list_letter(std::string_view text);

// Blank, or a spreadsheet's error value (#N/A, #VALUE!, #REF!, ...): no value.
bool is_blank(std::string_view text);

std::optional<bool> parse_bool(std::string_view text);

// YYYY-MM-DD or dd/mm/yyyy (one-digit day and month accepted), each optionally followed by a
// time ('2023-04-01T09:30:00', '01/04/2023 00:00'), which is ignored.
std::optional<domain::Date> parse_date(std::string_view text);

enum class DateSystem { Excel1900, Excel1904 };
// A spreadsheet date serial. In the 1900 system serial 1 is 1900-01-01 and serial 60 is Excel's
// fictitious 1900-02-29 (kept from Lotus 1-2-3), so serials above 60 count days from 1899-12-30;
// serial 60 itself is refused. A fraction (time of day) is dropped.
std::optional<domain::Date> date_from_serial(double serial, DateSystem system = DateSystem::Excel1900);

// The full-time equivalent one post can have: 0 to 1. The CSWW census's XML schema gives <FTE>
// the type `ftetype`, an xs:decimal of six fraction digits with minInclusive 0 and maxInclusive
// 1 (the DfE's schema as Social Finance's liia-tools keeps it, in
// liiatools/spec/social_work_workforce/social_work_workforce_2022.xsd); csip's workforce CSV
// takes the same range. A worker with two posts is two records, so no one record needs more.
inline constexpr double kMaxFte = 1.0;
inline constexpr std::string_view kFteRange = "from 0 to 1, e.g. 1 or 0.6";

// A decimal number ('0.5', '1', '-2.25e1'), whole text only.
std::optional<double> parse_number(std::string_view text);

// A number that is a whole integer, printed without a fraction ('9212044', not '9212044.0').
std::string format_number(double value);

}  // namespace csip::import::returns
