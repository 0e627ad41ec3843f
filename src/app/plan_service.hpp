// PlanService: the plan's use cases, called alike by the command line and the web application
// (neither re-implements them): import and export the plan, read it, summarise it, check its
// coverage, update an action and read an action's history. Each write is one store transaction;
// a refused input changes nothing.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "domain/action_history.hpp"
#include "domain/action_update.hpp"
#include "domain/clock.hpp"
#include "domain/plan.hpp"
#include "domain/plan_summary.hpp"
#include "domain/result.hpp"
#include "storage/plan_store.hpp"

namespace csip::app {

enum class PlanFormat { Json, Csv };

struct PlanImportOutcome {
    domain::Plan plan;
    bool replaced_existing = false;
    std::size_t changes_recorded = 0;  // audit entries written
};

struct ActionHistory {
    domain::Action action;
    std::vector<domain::HistoryEntry> entries;
};

class PlanService {
public:
    PlanService(storage::PlanStore& store, const domain::Clock& clock);

    // Reads a csip-plan/1 document or the plan CSV and replaces the stored plan. When the input
    // has problems the error lists every one (one `file:line:column: what; fix` per line) and
    // nothing is changed. A CSV keeps the stored plan's inspection, vision, recommendations and
    // measures, so it needs a plan to be there already.
    [[nodiscard]] Result<PlanImportOutcome> import_plan(std::string_view text,
                                                        const std::string& file_name,
                                                        PlanFormat format, const std::string& actor);
    [[nodiscard]] Result<std::string> export_plan(PlanFormat format);

    // The stored plan; NotFound when none has been imported.
    [[nodiscard]] Result<domain::Plan> plan();
    [[nodiscard]] Result<domain::PlanSummary> summary(domain::Date as_of);
    [[nodiscard]] Result<std::vector<domain::RecommendationCoverage>> coverage(domain::Date as_of);

    // A dated status update, with any change of status, RAG or target date (domain rules in
    // domain/action_update.hpp). `actor` is who is recorded in the audit trail.
    [[nodiscard]] Result<domain::Action> update_action(const std::string& id,
                                                       const domain::ActionUpdateRequest& request,
                                                       const std::string& actor);
    [[nodiscard]] Result<ActionHistory> history(const std::string& id);
    [[nodiscard]] Result<std::vector<domain::AuditEntry>> audit_trail(const storage::AuditQuery& query);

    [[nodiscard]] const domain::Clock& clock() const { return m_clock; }

private:
    storage::PlanStore& m_store;
    const domain::Clock& m_clock;
};

}  // namespace csip::app
