// AuditEntry: one recorded change (who, when, which entity and field, old and new value, and
// the reason where the rule asks for one). The audit trail is append-only: stores refuse to
// update or delete it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace csip::domain {

struct AuditEntry {
    std::int64_t id = 0;  // assigned by the store, in order of recording
    std::string at;       // ISO 8601 UTC timestamp
    std::string actor;    // the person (or "csip" for the system itself)
    std::string entity;   // plan, inspection, recommendation, workstream, commitment, measure, action, ...
    std::string entity_id;
    std::string field;
    std::optional<std::string> old_value;  // none when the entity was created
    std::optional<std::string> new_value;  // none when the entity was removed
    std::optional<std::string> reason;
};

}  // namespace csip::domain
