// Writes a plan as a csip-plan/1 document (docs/plan-format.md) in its canonical form: keys in
// the documented order, two-space indentation, a final newline. `original_due` is left out when
// it equals `due`, `indicator` and `target` when absent, a measure's `status_by` and
// `status_at` when its status was never set, and `retired` while an item is in the plan; every
// other key is written (each item's `version` too), with null for an unknown RAG or status and
// for an inspection with no overall grade. The whole plan is written, retired items included.
// Reading the result back gives the same plan, and a file already in canonical form comes back
// byte for byte.
#pragma once

#include <string>

#include "domain/plan.hpp"

namespace csip::reporting {

[[nodiscard]] std::string write_plan_json(const domain::Plan& plan);

}  // namespace csip::reporting
