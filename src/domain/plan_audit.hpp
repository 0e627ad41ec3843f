// The audit entries for replacing one plan with another (a plan import): each entity created,
// each removed, and each field changed, old value to new. A first import records every entity
// as created, so the trail shows where each came from.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/audit.hpp"
#include "domain/plan.hpp"

namespace csip::domain {

[[nodiscard]] std::vector<AuditEntry> audit_plan_replacement(const std::optional<Plan>& before,
                                                             const Plan& after,
                                                             const std::string& actor,
                                                             const std::string& timestamp);

// Gives each item of `after` its version: an item also in `before` keeps its version there,
// raised by one when any of its audited fields changed; a new item keeps the version it has (at
// least 1). So an edit form or API client holding an older copy of a changed item is refused.
void carry_versions(const std::optional<Plan>& before, Plan& after);

}  // namespace csip::domain
