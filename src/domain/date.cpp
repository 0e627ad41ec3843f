#include "domain/date.hpp"

#include <chrono>
#include <cstdio>

namespace csip::domain {
namespace {

std::chrono::year_month_day to_ymd(std::int32_t days) {
    return std::chrono::year_month_day{std::chrono::sys_days{std::chrono::days{days}}};
}

bool all_digits(std::string_view text) {
    for (char c : text) {
        if (c < '0' || c > '9') return false;
    }
    return !text.empty();
}

int to_int(std::string_view digits) {
    int value = 0;
    for (char c : digits) value = value * 10 + (c - '0');
    return value;
}

}  // namespace

std::optional<Date> Date::from_ymd(int year, int month, int day) {
    if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 || day > 31) return {};
    const std::chrono::year_month_day ymd{std::chrono::year{year},
                                          std::chrono::month{static_cast<unsigned>(month)},
                                          std::chrono::day{static_cast<unsigned>(day)}};
    if (!ymd.ok()) return {};
    return Date(static_cast<std::int32_t>(std::chrono::sys_days{ymd}.time_since_epoch().count()));
}

std::optional<Date> Date::parse_iso(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return {};
    const auto y = text.substr(0, 4), m = text.substr(5, 2), d = text.substr(8, 2);
    if (!all_digits(y) || !all_digits(m) || !all_digits(d)) return {};
    return from_ymd(to_int(y), to_int(m), to_int(d));
}

std::optional<Date> Date::parse_uk(std::string_view text) {
    const auto first = text.find('/');
    if (first == std::string_view::npos) return {};
    const auto second = text.find('/', first + 1);
    if (second == std::string_view::npos) return {};
    const auto d = text.substr(0, first), m = text.substr(first + 1, second - first - 1),
               y = text.substr(second + 1);
    if (d.size() > 2 || m.size() > 2 || y.size() != 4) return {};
    if (!all_digits(y) || !all_digits(m) || !all_digits(d)) return {};
    return from_ymd(to_int(y), to_int(m), to_int(d));
}

int Date::year() const { return static_cast<int>(to_ymd(m_days).year()); }
int Date::month() const { return static_cast<int>(static_cast<unsigned>(to_ymd(m_days).month())); }
int Date::day() const { return static_cast<int>(static_cast<unsigned>(to_ymd(m_days).day())); }

int Date::iso_weekday() const {
    return static_cast<int>(
        std::chrono::weekday{std::chrono::sys_days{std::chrono::days{m_days}}}.iso_encoding());
}

std::string Date::iso() const {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year(), month(), day());
    return buffer;
}

std::string Date::month_key() const { return iso().substr(0, 7); }

Date Date::plus_months(int months) const {
    const auto ymd = to_ymd(m_days);
    const auto target = std::chrono::year_month{ymd.year(), ymd.month()} + std::chrono::months{months};
    const auto last = std::chrono::year_month_day_last{target.year(),
                                                       std::chrono::month_day_last{target.month()}};
    const auto day = ymd.day() > last.day() ? last.day() : ymd.day();
    const std::chrono::sys_days result{std::chrono::year_month_day{target.year(), target.month(), day}};
    return Date(static_cast<std::int32_t>(result.time_since_epoch().count()));
}

Date financial_year_start(Date d) {
    const int year = d.month() >= 4 ? d.year() : d.year() - 1;
    return *Date::from_ymd(year, 4, 1);
}

}  // namespace csip::domain
