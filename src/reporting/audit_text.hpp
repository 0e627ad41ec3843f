// The audit trail as text and JSON: who changed what, when, old value to new, and why.
#pragma once

#include <string>
#include <vector>

#include "domain/audit.hpp"

namespace csip::reporting {

[[nodiscard]] std::string render_audit_text(const std::vector<domain::AuditEntry>& entries);
// {"entries": [{"id", "at", "actor", "entity", "entity_id", "field", "old", "new", "reason"}]}
[[nodiscard]] std::string render_audit_json(const std::vector<domain::AuditEntry>& entries);

}  // namespace csip::reporting
