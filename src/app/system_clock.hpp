// The real clock, for the composition root; everything below it takes a domain::Clock.
#pragma once

#include "domain/clock.hpp"

namespace csip::app {

class SystemClock final : public domain::Clock {
public:
    [[nodiscard]] std::chrono::sys_seconds now() const override {
        return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    }
};

}  // namespace csip::app
