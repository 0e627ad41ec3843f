// Clock: where "now" comes from. The domain never reads the system clock; the composition root
// passes a SystemClock, tests pass a FixedClock, so every rule that depends on today is testable.
#pragma once

#include <chrono>
#include <string>

#include "domain/date.hpp"

namespace csip::domain {

// `at` as an ISO 8601 UTC timestamp, `YYYY-MM-DDTHH:MM:SSZ`, as the audit trail records it.
[[nodiscard]] std::string iso_timestamp(std::chrono::sys_seconds at);

class Clock {
public:
    virtual ~Clock() = default;
    [[nodiscard]] virtual std::chrono::sys_seconds now() const = 0;

    // Today's date in UTC.
    [[nodiscard]] Date today() const;
    // Now as iso_timestamp writes it.
    [[nodiscard]] std::string timestamp() const { return iso_timestamp(now()); }
};

class FixedClock final : public Clock {
public:
    explicit FixedClock(std::chrono::sys_seconds at) : m_at(at) {}
    [[nodiscard]] std::chrono::sys_seconds now() const override { return m_at; }
    void advance(std::chrono::seconds by) { m_at += by; }

private:
    std::chrono::sys_seconds m_at;
};

}  // namespace csip::domain
