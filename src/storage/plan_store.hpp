// PlanStore: where the plan, its audit trail and the governance bodies are kept, in domain
// terms. Two implementations: storage/sqlite (the embedded default) and storage/postgres; one
// contract suite (tests/storage) holds both to this contract:
//  - every method that writes does so in one transaction: on failure nothing it did remains;
//  - the audit trail is append-only: entries come back in the order recorded, ids increasing,
//    and no method (nor direct SQL) can change or delete one;
//  - edit_action is serialised against concurrent edits of the same store, so no update is lost.
// Failures to reach or use the database are reported as ErrorKind::Unavailable.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/action_update.hpp"
#include "domain/audit.hpp"
#include "domain/evidence.hpp"
#include "domain/plan_edit.hpp"
#include "domain/plan.hpp"
#include "domain/result.hpp"

namespace csip::storage {

struct AuditQuery {
    std::optional<std::string> entity;     // e.g. "action"
    std::optional<std::string> entity_id;  // e.g. "A12"
    std::optional<std::string> actor;
    std::size_t limit = 0;  // 0 = all
};

class PlanStore {
public:
    virtual ~PlanStore() = default;

    // The stored plan, or nothing when no plan has been imported yet.
    [[nodiscard]] virtual Result<std::optional<domain::Plan>> load_plan() = 0;

    // Replaces the stored plan with `plan` (already checked by domain::check_plan) and
    // appends `audit`.
    [[nodiscard]] virtual Result<void> replace_plan(const domain::Plan& plan,
                                                    const std::vector<domain::AuditEntry>& audit) = 0;

    // Reads action `id`, passes it to `edit`, and stores what `edit` returns (the action's new
    // fields, its new status update and the audit entries), all in one transaction. A failure
    // from `edit` is returned unchanged and nothing is written. NotFound if no such action.
    using ActionEdit = std::function<Result<domain::ActionChange>(const domain::Action&)>;
    [[nodiscard]] virtual Result<domain::Action> edit_action(std::string_view id,
                                                             const ActionEdit& edit) = 0;

    // Reads the plan (nothing when there is none), passes it to `edit`, and stores the plan and
    // the audit entries `edit` returns, in one transaction with the plan locked from the read:
    // a change made from a version no longer current is seen and refused by `edit`. A failure
    // from `edit` is returned unchanged and nothing is written. Evidence is kept.
    using PlanEdit =
        std::function<Result<domain::PlanRevision>(const std::optional<domain::Plan>&)>;
    [[nodiscard]] virtual Result<domain::Plan> edit_plan(const PlanEdit& edit) = 0;

    // Evidence on success measures: `edit` sees the plan (to check the measure) and returns the
    // entry and its audit entries (their entity_id is set to the new entry's id); `content` is
    // the file's bytes, stored when the entry has a file. One transaction; the new entry, with
    // its id, is returned. Evidence is never changed or deleted.
    struct EvidenceRevision {
        domain::Evidence evidence;
        std::vector<domain::AuditEntry> audit;
    };
    using EvidenceEdit =
        std::function<Result<EvidenceRevision>(const std::optional<domain::Plan>&)>;
    [[nodiscard]] virtual Result<domain::Evidence> add_evidence(const EvidenceEdit& edit,
                                                                std::string_view content) = 0;
    // The evidence on one measure (all evidence when `measure` is empty), oldest first.
    [[nodiscard]] virtual Result<std::vector<domain::Evidence>> evidence(
        std::string_view measure) = 0;
    struct EvidenceWithFile {
        domain::Evidence evidence;
        std::string content;  // the file's bytes, empty when it has none
    };
    [[nodiscard]] virtual Result<std::optional<EvidenceWithFile>> evidence_file(std::int64_t id) = 0;

    [[nodiscard]] virtual Result<std::vector<domain::AuditEntry>> audit_trail(
        const AuditQuery& query) = 0;

    [[nodiscard]] virtual Result<std::vector<domain::GovernanceBody>> governance_bodies() = 0;
    // Adds a body, or replaces the one with the same id, and appends `audit`.
    [[nodiscard]] virtual Result<void> save_governance_body(
        const domain::GovernanceBody& body, const std::vector<domain::AuditEntry>& audit) = 0;
};

}  // namespace csip::storage
