// Readers of a whole improvement plan: the csip-plan/1 JSON format and the one-row-per-action
// CSV that an officer keeps in a spreadsheet (both described in docs/plan-format.md).
// A reader checks the file's shape and values, then the plan's consistency rules
// (domain::check_plan), and reports every problem it can find, each with its file position.
// A plan comes back only when there is no problem at all: a file with errors changes nothing.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/plan.hpp"
#include "import/problem.hpp"

namespace csip::import {

struct PlanReadResult {
    std::optional<domain::Plan> plan;  // set only when `problems` is empty
    std::vector<Problem> problems;     // in file order
};

// `text` is a csip-plan/1 document; `file_name` is how problems name the file.
[[nodiscard]] PlanReadResult read_plan_json(std::string_view text, const std::string& file_name);

// `text` is the plan's CSV: one row per action, with its workstream and commitment. A CSV cannot
// carry the inspection, the vision, the recommendations' texts, the success measures or the
// history of status updates, so they are taken from `base`, the plan stored now: the CSV's
// rows replace the workstreams, commitments and actions, each commitment keeps the measures
// of the stored commitment with the same id, and each action keeps the updates of the stored
// action with the same id, plus the row's latest update when that one is new. Each item keeps
// its stored version; an action's retirement is read from the retired_* columns (kept as
// stored when the file has none), a workstream's or commitment's is kept as stored, and a
// retired workstream, commitment or action that the CSV leaves out stays in the plan. With no
// `base` (nothing imported yet) the CSV is refused: a plan is first imported in csip-plan/1.
[[nodiscard]] PlanReadResult read_plan_csv(std::string_view text, const std::string& file_name,
                                           const domain::Plan* base);

}  // namespace csip::import
