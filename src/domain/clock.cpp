#include "domain/clock.hpp"

#include <cstdio>

namespace csip::domain {

Date Clock::today() const {
    const auto days = std::chrono::floor<std::chrono::days>(now());
    return Date::from_days(static_cast<std::int32_t>(days.time_since_epoch().count()));
}

std::string iso_timestamp(std::chrono::sys_seconds at) {
    const auto days = std::chrono::floor<std::chrono::days>(at);
    const std::chrono::hh_mm_ss time{at - days};
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%sT%02d:%02d:%02dZ",
                  Date::from_days(static_cast<std::int32_t>(days.time_since_epoch().count()))
                      .iso()
                      .c_str(),
                  static_cast<int>(time.hours().count()), static_cast<int>(time.minutes().count()),
                  static_cast<int>(time.seconds().count()));
    return buffer;
}

}  // namespace csip::domain
