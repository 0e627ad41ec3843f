// Writes a plan as a csip-plan/1 document (docs/plan-format.md) in its canonical form: keys in
// the documented order, two-space indentation, a final newline. `original_due` is left out when
// it equals `due`, `indicator` and `target` when absent; every other key is written, with null
// for an unknown RAG or status. Reading the result back gives the same plan, and a file already
// in canonical form comes back byte for byte.
#pragma once

#include <string>

#include "domain/plan.hpp"

namespace csip::reporting {

[[nodiscard]] std::string write_plan_json(const domain::Plan& plan);

}  // namespace csip::reporting
