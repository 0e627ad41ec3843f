// Writes a plan as the CSV an officer keeps in a spreadsheet (docs/plan-format.md, "The CSV"):
// a header row, then one row per action with its workstream and commitment, plus a row for each
// commitment with no actions and each workstream with no commitments, so that nothing is lost.
// Every item given is written, retired ones too; a retired action carries its retirement
// (retired_on, retired_by, retired_reason). A CSV has no place for the retirement of a
// workstream or commitment: the reader keeps those from the stored plan.
// It has exactly the columns import::read_plan_csv takes, and reading it back over the same
// stored plan gives the same plan. UTF-8 with a byte-order mark (so that Excel shows '£' and
// '’' rightly), CRLF line ends and RFC 4180 quoting; a cell a spreadsheet would run as a formula
// is written as text (reporting/csv_cell.hpp), and the reader takes that back off.
#pragma once

#include <string>

#include "domain/plan.hpp"

namespace csip::reporting {

[[nodiscard]] std::string write_plan_csv(const domain::Plan& plan);

}  // namespace csip::reporting
