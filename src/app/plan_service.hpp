// PlanService: the plan's use cases, called alike by the command line and the web application
// (neither re-implements them): import and export the plan, read it, summarise it, check its
// coverage, update an action and read an action's history. Each write is one store transaction;
// a refused input changes nothing.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/action_history.hpp"
#include "domain/action_update.hpp"
#include "domain/clock.hpp"
#include "domain/evidence.hpp"
#include "domain/plan.hpp"
#include "domain/plan_edit.hpp"
#include "domain/plan_summary.hpp"
#include "domain/result.hpp"
#include "domain/rights.hpp"
#include "storage/plan_store.hpp"

namespace csip::app {

enum class PlanFormat { Json, Csv, Xlsx };

struct PlanImportOutcome {
    domain::Plan plan;
    bool replaced_existing = false;
    std::size_t changes_recorded = 0;  // audit entries written
};

struct ActionHistory {
    domain::Action action;
    std::vector<domain::HistoryEntry> entries;
};

// A change made: the plan as it now is (retired items included) and the id of the item changed
// or added.
struct PlanChangeOutcome {
    domain::Plan plan;
    std::string id;
};

// What a person gives as evidence; the file's bytes travel beside it.
struct EvidenceRequest {
    domain::Date on;
    std::string text;
    std::string link;       // empty: none
    std::string file_name;  // empty: no file
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
    // The whole plan, retired items included, as csip-plan/1 JSON, the plan CSV or a workbook.
    [[nodiscard]] Result<std::string> export_plan(PlanFormat format);

    // The plan people work from, without its retired items (domain::without_retired); NotFound
    // when there is none.
    [[nodiscard]] Result<domain::Plan> plan();
    // The whole plan as stored, retired items included: for editing and restoring.
    [[nodiscard]] Result<domain::Plan> stored_plan();

    // Changes the plan: `edit` (one of domain/plan_edit.hpp's functions, its arguments bound) is
    // given the stored plan and who is changing it, inside the store's transaction. NotFound when
    // there is no plan.
    using Edit = std::function<Result<domain::PlanRevision>(const domain::Plan&,
                                                            const domain::EditBy&)>;
    [[nodiscard]] Result<PlanChangeOutcome> change(const Edit& edit, const std::string& actor);
    // Starts a plan where there is none.
    [[nodiscard]] Result<PlanChangeOutcome> start(const domain::PlanHead& head,
                                                  const std::string& actor);

    // Adds evidence to success measure `measure` for `person` (domain::may_add_evidence), with
    // the file's bytes when the request names a file: the file must be one of the kinds
    // domain::evidence_file_kind knows, within domain::kMaximumEvidenceFile; its SHA-256 is kept.
    [[nodiscard]] Result<domain::Evidence> add_evidence(const std::string& measure,
                                                        const EvidenceRequest& request,
                                                        std::string_view file,
                                                        const domain::Person& person);
    // The evidence on a measure (every measure's when empty), oldest first.
    [[nodiscard]] Result<std::vector<domain::Evidence>> evidence(const std::string& measure);
    // One entry with its file's bytes; NotFound when there is no such entry or it has no file.
    [[nodiscard]] Result<storage::PlanStore::EvidenceWithFile> evidence_file(std::int64_t id);
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
