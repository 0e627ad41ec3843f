#include "app/demo.hpp"

#include <array>

#include "app/demo_case_data.hpp"
#include "app/plan_service.hpp"

namespace csip::app {
namespace {

// The bodies that oversee the programme in the source report (section 2.9-2.11), with the
// cadence each receives reports on. Public bodies publish their reports.
const std::array<domain::GovernanceBody, 6> kDemoBodies{{
    {"lscb", "Local Safeguarding Children Board", "quarterly", false},
    {"executive", "Council Executive", "quarterly", true},
    {"csip_board", "Children's Services Improvement Programme Board", "monthly", false},
    {"qa_board", "Quality Assurance Board", "monthly", false},
    {"osmc", "Overview and Scrutiny Management Commission", "quarterly", true},
    {"dfe_adviser", "DfE Improvement Adviser", "monthly", false},
}};

constexpr const char* kDemoActor = "csip demo";

}  // namespace

Result<DemoOutcome> create_demo(storage::PlanStore& store, const domain::Clock& clock) {
    auto stored = store.load_plan();
    if (!stored) return fail(stored.error());
    if (*stored) return DemoOutcome{false, false};

    PlanService plans(store, clock);
    auto imported =
        plans.import_plan(demo_plan_json(), "demo_plan.json", PlanFormat::Json, kDemoActor);
    if (!imported) return fail(imported.error());
    for (const auto& body : kDemoBodies) {
        const domain::AuditEntry entry{
            0,         clock.timestamp(), kDemoActor, "governance_body", body.id,
            "created", std::nullopt,      body.name,  std::nullopt};
        if (auto saved = store.save_governance_body(body, {entry}); !saved)
            return fail(saved.error());
    }
    return DemoOutcome{true, false};
}

Result<DemoOutcome> create_demo(storage::PlanStore& store, storage::CaseStore& cases,
                                const domain::Clock& clock) {
    auto outcome = create_demo(store, clock);
    if (!outcome) return fail(outcome.error());
    auto imported = cases.imported_returns();
    if (!imported) return fail(imported.error());
    if (imported->empty()) {
        if (auto saved = cases.replace_returns(demo_case_returns(clock.timestamp())); !saved) {
            return fail(saved.error());
        }
        outcome->case_data_created = true;
    }
    return outcome;
}

}  // namespace csip::app
