// The England and Wales bank holidays, compiled into the library from
// data/bank-holidays-england-and-wales.csv (the government's bank-holidays feed, 2012-2027,
// including the one-off days: 2012 Diamond Jubilee, 2020 VE Day, 2022 Platinum Jubilee and
// State Funeral, 2023 Coronation). The table is extended once a year by editing the CSV; the
// working-day calendar covers exactly the years it lists (working_days.hpp).
#pragma once

#include <span>
#include <string_view>

namespace csip::domain {

struct BankHoliday {
    int year = 0;
    int month = 0;
    int day = 0;
    std::string_view title;
};

// Every listed day, in the CSV's (date) order.
std::span<const BankHoliday> england_and_wales_bank_holidays();

}  // namespace csip::domain
