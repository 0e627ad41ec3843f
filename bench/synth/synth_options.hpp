// What a synthetic return is generated from: how many children, the collection year and the
// seed. `year` is the year the collection starts: year 2023 is the 2023-24 collection, which
// runs from 1 April 2023 to its reference date, 31 March 2024 (the CIN census <Year>2023</Year>
// with <ReferenceDate>2024-03-31</ReferenceDate>). Every date generated lies on or before the
// reference date, and no earlier than four years before it, so that the working-day calendar
// (bank holidays 2012 to 2027) covers every timing the indicators make.
#pragma once

#include <cstdint>

#include "domain/date.hpp"
#include "domain/result.hpp"

namespace csip::bench {

struct SynthOptions {
    std::uint64_t children = 0;
    int year = 2023;
    std::uint64_t seed = 1;
};

// The years the bank-holiday table lets csip compute every indicator for.
inline constexpr int kFirstSynthYear = 2016;
inline constexpr int kLastSynthYear = 2026;

// Refused when the year is outside kFirstSynthYear..kLastSynthYear or there are no children.
Result<void> check_options(const SynthOptions& options);

// 1 April of the collection year, and its reference date, 31 March of the next.
domain::Date collection_start(int year);
domain::Date reference_date(int year);

}  // namespace csip::bench
