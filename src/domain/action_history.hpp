// An action's history as a lead officer or auditor reads it: every dated status update and
// every audited change (status, RAG, target date with its reason, plan imports), oldest first.
// On the same day, status updates come before the changes recorded that day.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/audit.hpp"
#include "domain/plan.hpp"

namespace csip::domain {

struct HistoryEntry {
    enum class Kind { Update, Change };
    Kind kind = Kind::Update;
    std::string on;  // the update's date, or the change's timestamp
    std::string by;
    // An update: its text, and the status and RAG it left.
    std::string text;
    std::optional<ActionStatus> status;
    std::optional<Rag> rag;
    // When and by whom the update was recorded, where the audit trail says: the changes it made
    // (status, RAG, a new target date) carry the same timestamp and actor.
    std::string recorded_at;
    std::string recorded_by;
    // A change: the field, old and new values, and the reason where one was given.
    std::string field;
    std::optional<std::string> old_value;
    std::optional<std::string> new_value;
    std::optional<std::string> reason;
};

// `audit` holds the audit entries of this action (entity "action", entity_id = action.id).
[[nodiscard]] std::vector<HistoryEntry> build_history(const Action& action,
                                                      const std::vector<AuditEntry>& audit);

}  // namespace csip::domain
