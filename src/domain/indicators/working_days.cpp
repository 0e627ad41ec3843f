#include "domain/indicators/working_days.hpp"

#include <cassert>
#include <cstddef>
#include <utility>

#include "domain/indicators/bank_holidays.hpp"

namespace csip::domain {
namespace {

std::size_t at(std::int32_t index) { return static_cast<std::size_t>(index); }

}  // namespace

const WorkingDayCalendar& WorkingDayCalendar::england_and_wales() {
    static const WorkingDayCalendar calendar = [] {
        const auto table = england_and_wales_bank_holidays();
        assert(!table.empty() && "the bank-holiday table is compiled in and never empty");
        std::vector<Date> holidays;
        holidays.reserve(table.size());
        for (const auto& holiday : table) {
            const auto date = Date::from_ymd(holiday.year, holiday.month, holiday.day);
            // The build step checks the shape of each line; an impossible date such as 2023-02-30
            // would still pass it, and a calendar built on it would be wrong everywhere.
            assert(date && "data/bank-holidays-england-and-wales.csv holds an impossible date");
            holidays.push_back(date.value_or(Date{}));
        }
        auto built = create(table.front().year, table.back().year, holidays);
        assert(built && "the compiled-in bank-holiday table is sorted by date");
        return std::move(built).value();
    }();
    return calendar;
}

Result<WorkingDayCalendar> WorkingDayCalendar::create(int first_year, int last_year,
                                                      const std::vector<Date>& bank_holidays) {
    const auto first = Date::from_ymd(first_year, 1, 1);
    const auto last = Date::from_ymd(last_year, 12, 31);
    if (!first || !last || *last < *first) {
        return fail(ErrorKind::InvalidInput,
                    "a working-day calendar needs a first year no later than its last year",
                    "years");
    }
    WorkingDayCalendar calendar;
    calendar.m_first = *first;
    calendar.m_first_year = first_year;
    calendar.m_last_year = last_year;
    const std::int32_t days = days_between(*first, *last) + 1;
    calendar.m_bank_holiday.assign(at(days), false);
    for (const Date holiday : bank_holidays) {
        if (holiday < *first || holiday > *last) {
            return fail(ErrorKind::InvalidInput,
                        "bank holiday " + holiday.iso() + " lies outside " +
                            std::to_string(first_year) + "-" + std::to_string(last_year),
                        "bank_holidays");
        }
        calendar.m_bank_holiday[at(calendar.index_of(holiday))] = true;
    }
    calendar.m_prefix.resize(at(days));
    std::int32_t count = 0;
    for (std::int32_t i = 0; i < days; ++i) {
        const Date day = first->plus_days(i);
        if (day.iso_weekday() <= 5 && !calendar.m_bank_holiday[at(i)]) {
            ++count;
            calendar.m_working_days.push_back(i);
        }
        calendar.m_prefix[at(i)] = count;
    }
    return calendar;
}

bool WorkingDayCalendar::covers(Date d) const {
    const std::int32_t i = index_of(d);
    return i >= 0 && i < day_count();
}

bool WorkingDayCalendar::is_working_day(Date d) const {
    if (!covers(d)) return false;
    const std::int32_t i = index_of(d);
    return m_prefix[at(i)] != (i == 0 ? 0 : m_prefix[at(i - 1)]);
}

bool WorkingDayCalendar::is_bank_holiday(Date d) const {
    return covers(d) && m_bank_holiday[at(index_of(d))];
}

Error WorkingDayCalendar::outside(const std::string& what) const {
    return Error{ErrorKind::InvalidInput,
                 "working days cannot be counted " + what + ": the bank-holiday table covers " +
                     std::to_string(m_first_year) + "-" + std::to_string(m_last_year) +
                     " and must be extended (data/bank-holidays-england-and-wales.csv)",
                 "date"};
}

Result<int> WorkingDayCalendar::working_days_between(Date a, Date b) const {
    if (!covers(a)) return fail(outside("from " + a.iso()));
    if (!covers(b)) return fail(outside("to " + b.iso()));
    return m_prefix[at(index_of(b))] - m_prefix[at(index_of(a))];
}

Result<Date> WorkingDayCalendar::add_working_days(Date a, int n) const {
    if (!covers(a)) return fail(outside("from " + a.iso()));
    // The answer is the working day whose running count is count(a) + n: that day, and only
    // that day, is a working day b with wd(a, b) = n.
    const std::int64_t target = std::int64_t{m_prefix[at(index_of(a))]} + n;
    if (target < 1 || target > static_cast<std::int64_t>(m_working_days.size())) {
        return fail(outside(std::to_string(n) + " working days on from " + a.iso()));
    }
    return m_first.plus_days(m_working_days[static_cast<std::size_t>(target - 1)]);
}

}  // namespace csip::domain
