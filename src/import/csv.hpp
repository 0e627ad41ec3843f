// CSV as RFC 4180 writes it and spreadsheets save it: fields separated by commas, records
// ended by CRLF, LF or a lone CR; a field in double quotes may hold commas, line breaks and
// quotes written twice (""); a UTF-8 byte-order mark at the start is skipped. parse_csv keeps
// each field's line, so that readers can point at a cell; it reports an unclosed quote, text
// after a closing quote and a field that is not text (domain/text.hpp) as problems (column = the field's number).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "import/problem.hpp"

namespace csip::import {

struct CsvField {
    std::string value;
    std::uint32_t line = 0;  // where the field starts
    bool quoted = false;     // written in double quotes: its spaces are meant
};

struct CsvRecord {
    std::uint32_t line = 0;
    std::vector<CsvField> fields;

    // True when every field is empty or spaces: a blank line, or a row a spreadsheet left.
    [[nodiscard]] bool blank() const;
};

// The records of `text`, in order. Problems are appended to `problems`, naming `file_name`.
// A field that is not text is one problem and gives no records; a quote that is never closed is
// one problem and ends the records before the one it opens.
std::vector<CsvRecord> parse_csv(std::string_view text, const std::string& file_name,
                                 std::vector<Problem>& problems);

// `text` without the spaces and tabs at either end.
std::string_view trim(std::string_view text);

// A cell as it was before csip wrote it as text so that a spreadsheet would not run it as a
// formula (reporting/csv_cell.hpp): one single quote taken off the front of a cell whose quotes
// are followed by '=', '+', '-', '@', a tab or a carriage return. `'=SUM(A1)` reads as
// `=SUM(A1)` and `''=x` as `'=x`; any other cell is left as it is.
std::string_view strip_formula_guard(std::string_view cell);

}  // namespace csip::import
