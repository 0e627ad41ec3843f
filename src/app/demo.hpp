// The demo authority: a fictional council's improvement plan after an 'inadequate' inspection,
// modelled on a real council's public report (src/app/demo/README.md), with its governance
// bodies and a year of case-level data (demo_case_data.hpp) whose indicators tell the report's
// story. create_demo fills an empty store and leaves a store that already holds a plan alone;
// the case data is added when the case store holds no returns yet.
#pragma once

#include <string>
#include <string_view>

#include "app/benchmark_service.hpp"
#include "app/indicator_service.hpp"
#include "domain/clock.hpp"
#include "domain/date.hpp"
#include "domain/result.hpp"
#include "storage/case_store.hpp"
#include "storage/plan_store.hpp"
#include "storage/report_store.hpp"

namespace csip::app {

// The date the demo tells its story at: the Overview and Scrutiny meeting of 15 September 2015.
inline constexpr std::string_view kDemoAsOf = "2015-09-15";
// Who the audit trail and the import records say made the demo authority.
inline constexpr const char* kDemoActor = "the demo set-up";

// The period the demo's indicators are shown for: the financial year to the report's date.
inline constexpr std::string_view kDemoIndicatorsFrom = "2015-04-01";

struct DemoOutcome {
    bool created = false;            // false when the store already held a plan
    bool case_data_created = false;  // false when the case store already held returns
};

[[nodiscard]] Result<DemoOutcome> create_demo(storage::PlanStore& store,
                                              const domain::Clock& clock);
// As above, and stores the demo's case data when `cases` holds no returns.
[[nodiscard]] Result<DemoOutcome> create_demo(storage::PlanStore& store, storage::CaseStore& cases,
                                              const domain::Clock& clock);

// The demo's committee-report settings (the front sheet's portfolio member and contact officer,
// the council strategy priorities), set only where the setting is still empty. Role titles and
// .example addresses: the demo authority is fictional.
[[nodiscard]] Result<void> create_demo_report_settings(storage::ReportStore& reports,
                                                       const domain::Clock& clock);

// The council whose published figures the demo authority is compared with: West Berkshire,
// whose story the demo tells.
inline constexpr int kDemoLaCode = 869;

// Imports the published figures in `dir` (every .csv file: data/benchmarks in the source tree)
// when none are held, and sets the la_code setting to kDemoLaCode when it is not set. False
// when nothing was imported (figures already held).
[[nodiscard]] Result<bool> create_demo_benchmarks(BenchmarkService& benchmarks,
                                                  IndicatorService& indicators,
                                                  storage::CaseStore& cases,
                                                  const std::string& dir);

// The demo plan as csip-plan/1 JSON (embedded at build time from src/app/demo/demo_plan.json).
[[nodiscard]] std::string_view demo_plan_json();

}  // namespace csip::app
