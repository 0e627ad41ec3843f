// WorkingDayCalendar: England and Wales working days (Monday to Friday, not a bank holiday) over
// the whole years its bank-holiday table lists. The statutory timescales of DESIGN.md §4 count
// in these days. wd(a, b) counts the working days d with a < d <= b: the start day is excluded,
// the end day included, so "within N working days of a" means wd(a, b) <= N.
// A question that needs a day outside the table's years is refused with an error that says the
// table must be extended, never answered by guessing. Each answer is O(1): a prefix sum over a
// day index, since national files carry millions of timescales.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "domain/date.hpp"
#include "domain/result.hpp"

namespace csip::domain {

class WorkingDayCalendar {
  public:
    // England and Wales, from the table compiled in from data/bank-holidays-england-and-wales.csv
    // (bank_holidays.hpp): 1 January of its first year to 31 December of its last. Built once.
    static const WorkingDayCalendar& england_and_wales();

    // A calendar over 1 January `first_year` to 31 December `last_year` with these bank holidays
    // (any order; repeats allowed). Refused when a holiday lies outside those years or the years
    // are reversed.
    static Result<WorkingDayCalendar> create(int first_year, int last_year,
                                             const std::vector<Date>& bank_holidays);

    [[nodiscard]] Date first_day() const { return m_first; }
    [[nodiscard]] Date last_day() const { return m_first.plus_days(day_count() - 1); }
    [[nodiscard]] bool covers(Date d) const;

    // False outside the table's years: there the calendar cannot tell.
    [[nodiscard]] bool is_working_day(Date d) const;
    [[nodiscard]] bool is_bank_holiday(Date d) const;

    // wd(a, b): working days d with a < d <= b; negative (-wd(b, a)) when b is before a.
    [[nodiscard]] Result<int> working_days_between(Date a, Date b) const;
    // The working day b with wd(a, b) = n: for n >= 1 the nth working day after a; for n = 0, a
    // itself when it is a working day, else the working day before it; for n < 0, counting back.
    [[nodiscard]] Result<Date> add_working_days(Date a, int n) const;

  private:
    WorkingDayCalendar() = default;
    [[nodiscard]] std::int32_t day_count() const {
        return static_cast<std::int32_t>(m_prefix.size());
    }
    [[nodiscard]] std::int32_t index_of(Date d) const { return days_between(m_first, d); }
    [[nodiscard]] Error outside(const std::string& what) const;

    Date m_first;
    int m_first_year = 0;
    int m_last_year = 0;
    // m_prefix[i]: working days from m_first to m_first + i, both included.
    std::vector<std::int32_t> m_prefix;
    // m_working_days[k]: day index of the (k+1)th working day of the calendar.
    std::vector<std::int32_t> m_working_days;
    std::vector<bool> m_bank_holiday;  // by day index
};

}  // namespace csip::domain
