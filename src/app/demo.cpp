#include "app/demo.hpp"

#include <algorithm>
#include <array>
#include <filesystem>

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


// The front sheet of the source report, with the fictional council's roles in place of people.
const std::array<std::pair<const char*, const char*>, 12> kDemoReportSettings{{
    {"strategy.priorities", "CSP1 - Caring for and protecting the vulnerable"},
    {"strategy.principles", "CSP8 - Doing what's important well"},
    {"strategy.ambition", "the Council's Strategy"},
    {"portfolio_member.name", "Portfolio Member for Children and Young People"},
    {"portfolio_member.phone", "01632 960001"},
    {"portfolio_member.email", "portfolio.children@westbury.example"},
    {"portfolio_member.agreed", "3 September 2015"},
    {"contact_officer.name", "Head of Children and Families Services"},
    {"contact_officer.title", "Head of Children and Families Services"},
    {"contact_officer.phone", "01632 960002"},
    {"contact_officer.email", "children.families@westbury.example"},
    {"report.equalities",
     "No formal equalities consultation has taken place on this plan; as its focus is improvement, "
     "any change is likely to benefit the children and families it serves."},
}};

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
        if (auto saved = cases.replace_returns(demo_case_returns(clock.timestamp()), {}); !saved) {
            return fail(saved.error());
        }
        outcome->case_data_created = true;
    }
    return outcome;
}

Result<void> create_demo_report_settings(storage::ReportStore& reports, const domain::Clock& clock) {
    auto current = reports.settings();
    if (!current) return fail(current.error());
    for (const auto& [key, value] : kDemoReportSettings) {
        if (current->count(key) != 0) continue;
        const domain::AuditEntry entry{0, clock.timestamp(), kDemoActor, "report_setting", key,
                                       "value", std::nullopt, value, std::nullopt};
        if (auto saved = reports.set_setting(key, value, {entry}); !saved) return fail(saved.error());
    }
    return {};
}

Result<bool> create_demo_benchmarks(BenchmarkService& benchmarks, IndicatorService& indicators,
                                    storage::CaseStore& cases, const std::string& dir) {
    auto config = indicators.settings();
    if (!config) return fail(config.error());
    if (!config->la_code) {
        auto set = indicators.set_setting("la_code", kDemoLaCode, kDemoActor);
        if (!set) return fail(set.error());
    }
    auto held = cases.published_figures();
    if (!held) return fail(held.error());
    if (!held->empty()) return false;
    BenchmarkImportRequest request;
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator(dir, error)) {
        if (entry.path().extension() == ".csv") request.files.push_back(entry.path().string());
    }
    if (request.files.empty()) return false;
    std::sort(request.files.begin(), request.files.end());
    for (const auto& file : request.files) {
        request.names.push_back(std::filesystem::path(file).filename().string());
    }
    request.by = kDemoActor;
    auto imported = benchmarks.import_files(request);
    if (!imported) return fail(imported.error());
    return true;
}

}  // namespace csip::app
