// Problem: one thing wrong with an input file, said so that a person can find it and fix it
// (DuckDB's CSV errors are the model). Every reader in csip::import collects its problems
// instead of stopping at the first, and a file with any problem changes nothing.
// A problem names the file, where in it (line and column when known; for tabular input the
// column's header; for structured input the place in the format's own terms, such as a
// csip-plan/1 path), what is wrong and how to fix it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace csip::import {

struct Problem {
    std::string file;
    // Where, in the input's own terms, when line and column do not say it all: a JSON path
    // such as `workstreams[0].commitments[1].actions[0].due`, or a sheet and cell. May be empty.
    std::string place;
    std::uint32_t line = 0;    // 1-based; 0 when unknown
    std::uint32_t column = 0;  // 1-based (a character, or a CSV field number); 0 when unknown
    // The header of the column at fault, for tabular input (a CSV file, a sheet). May be empty.
    std::string column_name;
    std::string message;  // what is wrong
    std::string fix;      // how to fix it
};

// A value from a file as a message quotes it. Control characters are shown as escapes (`\x1b`,
// `\n`, `\t`; the C1 controls as `\u009b`), so that nothing in a file can move a terminal's
// cursor or change its colours when the message is printed, and a value longer than
// `max_characters` is cut there with an ellipsis and its whole length, e.g.
// `AAAA… (10485760 characters)`, so that one message stays one line a person can read.
// Every reader quotes what it read through printable; to_string passes each part through it
// again (with a longer limit), so that a value a reader quoted raw is still made safe.
inline constexpr std::size_t kMaxQuotedCharacters = 80;
std::string printable(std::string_view value, std::size_t max_characters = kMaxQuotedCharacters);

// `file:line:column (column_name): at place: message; fix`, leaving out each part that is
// unknown, e.g. `plan.json:14:18: at workstreams[0].actions[2].due: '2023-02-30' is not a date;
// write dates as YYYY-MM-DD, e.g. 2015-10-31` or `plan.csv:7:11 (due): ...`.
std::string to_string(const Problem& problem);

// Orders problems as they appear in the file: by line, then column; problems with no line
// keep their order and come last.
void sort_by_position(std::vector<Problem>& problems);

}  // namespace csip::import
