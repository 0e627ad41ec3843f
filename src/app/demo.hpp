// The demo authority: a fictional council's improvement plan after an 'inadequate' inspection,
// modelled on a real council's public report (src/app/demo/README.md), with its governance
// bodies. create_demo fills an empty store and leaves a store that already holds a plan alone.
#pragma once

#include <string_view>

#include "domain/clock.hpp"
#include "domain/date.hpp"
#include "domain/result.hpp"
#include "storage/plan_store.hpp"

namespace csip::app {

// The date the demo tells its story at: the Overview and Scrutiny meeting of 15 September 2015.
inline constexpr std::string_view kDemoAsOf = "2015-09-15";

struct DemoOutcome {
    bool created = false;  // false when the store already held a plan
};

[[nodiscard]] Result<DemoOutcome> create_demo(storage::PlanStore& store, const domain::Clock& clock);

// The demo plan as csip-plan/1 JSON (embedded at build time from src/app/demo/demo_plan.json).
[[nodiscard]] std::string_view demo_plan_json();

}  // namespace csip::app
