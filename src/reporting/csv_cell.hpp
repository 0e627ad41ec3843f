// One cell of a CSV file that csip writes: RFC 4180 quoting, and made safe to open in a
// spreadsheet. A cell that a spreadsheet would run as a formula (text starting with '=', '+',
// '-', '@', a tab or a carriage return, e.g. a status note `=HYPERLINK(...)` or `+cmd|...`) is
// written as text, as OWASP's CSV injection advice says: a single quote before it, and the cell
// in double quotes. A plain number such as -12.5 is left as it is (a spreadsheet reads it as the
// number, and runs nothing). Text that already starts with quotes before such a character gets
// one more, so that import::strip_formula_guard, which takes one quote off, gives back exactly
// the text written: a plan exported as CSV and imported again keeps every note as it was.
// Every CSV writer in csip::reporting writes its cells through csv_cell.
#pragma once

#include <string>
#include <string_view>

namespace csip::reporting {

[[nodiscard]] std::string csv_cell(std::string_view value);

}  // namespace csip::reporting
