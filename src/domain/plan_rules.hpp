// The rules that keep a plan consistent (DESIGN.md §2): unique ids, commitments that name real
// recommendations, RAG only on in-progress actions, an overall grade no better than any
// limiting judgement. check_plan reports every breach it finds, each with the place in the plan
// (a csip-plan/1 path such as `workstreams[1].commitments[0].actions[2].rag`), what is wrong and
// how to fix it; readers turn the place into a file position.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/plan.hpp"

namespace csip::domain {

struct RuleViolation {
    std::string path;
    std::string message;
    std::string fix;
};

[[nodiscard]] std::vector<RuleViolation> check_plan(const Plan& plan);

// The dates a plan may hold: an inspection, a due date, an update from 2000-01-01 to
// 2100-12-31. Ofsted's frameworks for children's services began in the 2000s and a plan looks a
// few years ahead, so a date outside these years is a typing slip (1900-01-01, 9999-12-31) or a
// spreadsheet's placeholder, never a plan's date, and would put every figure out by decades.
// Nothing when `date` is within them; otherwise what is wrong (naming `what`, e.g. "the due date
// of action 'A1'") and the allowed range.
[[nodiscard]] std::optional<RuleViolation> check_plan_date(Date date, const std::string& what);

// The RAG rule on its own, for one status and RAG pair: nothing when they agree, otherwise
// what is wrong and how to fix it.
[[nodiscard]] std::optional<RuleViolation> check_status_and_rag(ActionStatus status,
                                                                 const std::optional<Rag>& rag);

}  // namespace csip::domain
