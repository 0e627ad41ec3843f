#include "reporting/csv_cell.hpp"

namespace csip::reporting {
namespace {

bool starts_formula(char c) {
    return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

// -12, 3.5, -0.25: what a spreadsheet reads as a number whatever its first character.
bool is_plain_number(std::string_view value) {
    if (!value.empty() && value.front() == '-') value.remove_prefix(1);
    bool digits = false, point = false;
    for (const char c : value) {
        if (c >= '0' && c <= '9') {
            digits = true;
        } else if (c == '.' && !point) {
            point = true;
        } else {
            return false;
        }
    }
    return digits;
}

// Whether the cell must be written as text: a formula character, perhaps after quotes that a
// reader would otherwise take for this guard (the same test import::strip_formula_guard makes).
bool needs_guard(std::string_view value) {
    const auto first = value.find_first_not_of('\'');
    if (first == std::string_view::npos || !starts_formula(value[first])) return false;
    return !is_plain_number(value);
}

}  // namespace

std::string csv_cell(std::string_view value) {
    const bool guard = needs_guard(value);
    // Quoted when it holds a comma, a quote or a line break, when spaces at either end must
    // survive (readers drop them from unquoted cells), or when it is guarded.
    const bool needs_quotes = guard || value.find_first_of(",\"\r\n") != std::string_view::npos ||
                              (!value.empty() && (value.front() == ' ' || value.front() == '\t' ||
                                                  value.back() == ' ' || value.back() == '\t'));
    if (!needs_quotes) return std::string(value);
    std::string out = guard ? "\"'" : "\"";
    for (const char c : value) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

}  // namespace csip::reporting
