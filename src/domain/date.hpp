// Date: a calendar date with no time of day or zone, as every date in a plan or a case-level
// return is. Stored as days since 1970-01-01 so that comparisons and differences are integer
// operations; the indicator engine relies on that to stay fast over national-size files.
// Construction validates: 2023-02-30 is refused, never rolled over.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace csip::domain {

class Date {
public:
    constexpr Date() = default;

    // A valid date from its parts, or nothing (month 1-12, day within that month).
    static std::optional<Date> from_ymd(int year, int month, int day);
    // `YYYY-MM-DD`, exactly; or nothing.
    static std::optional<Date> parse_iso(std::string_view text);
    // `dd/mm/yyyy` (the SSDA903 form; one-digit day and month accepted); or nothing.
    static std::optional<Date> parse_uk(std::string_view text);
    static constexpr Date from_days(std::int32_t days_since_epoch) { return Date(days_since_epoch); }

    [[nodiscard]] constexpr std::int32_t days_since_epoch() const { return m_days; }
    [[nodiscard]] int year() const;
    [[nodiscard]] int month() const;
    [[nodiscard]] int day() const;
    // 1 = Monday ... 7 = Sunday (ISO 8601).
    [[nodiscard]] int iso_weekday() const;
    [[nodiscard]] std::string iso() const;  // YYYY-MM-DD
    [[nodiscard]] std::string month_key() const;  // YYYY-MM

    [[nodiscard]] constexpr Date plus_days(std::int32_t days) const { return Date(m_days + days); }
    // Calendar months later, clamped to the last day of the month reached
    // (31 August + 6 months = 28 or 29 February).
    [[nodiscard]] Date plus_months(int months) const;

    friend constexpr auto operator<=>(Date, Date) = default;

private:
    constexpr explicit Date(std::int32_t days) : m_days(days) {}
    std::int32_t m_days = 0;
};

// Days from a to b (negative when b is earlier).
constexpr std::int32_t days_between(Date a, Date b) {
    return b.days_since_epoch() - a.days_since_epoch();
}

// The first day of the financial year (1 April) that holds `d`.
Date financial_year_start(Date d);

}  // namespace csip::domain
