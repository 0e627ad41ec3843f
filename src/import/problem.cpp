#include "import/problem.hpp"

#include <algorithm>

#include "domain/text.hpp"

namespace csip::import {
namespace {

// A message's own parts (what is wrong, how to fix it) are a few hundred characters; longer
// means a value quoted whole, which is cut here as a last resort.
constexpr std::size_t kMaxPartCharacters = 1000;

}  // namespace

std::string printable(std::string_view value, std::size_t max_characters) {
    std::size_t characters = 0;
    std::size_t cut_at = value.size();
    for (std::size_t i = 0; i < value.size(); ++i) {
        // A UTF-8 continuation byte belongs to the character before it.
        if ((static_cast<unsigned char>(value[i]) & 0xC0U) != 0x80U) {
            if (++characters > max_characters && cut_at == value.size()) cut_at = i;
        }
    }
    std::string out = domain::escape_controls(value.substr(0, cut_at), false);
    if (cut_at < value.size()) out += "\u2026 (" + std::to_string(characters) + " characters)";
    return out;
}

std::string to_string(const Problem& problem) {
    const auto part = [](std::string_view text) { return printable(text, kMaxPartCharacters); };
    std::string out = part(problem.file);
    if (problem.line != 0) {
        out += ":" + std::to_string(problem.line);
        if (problem.column != 0) out += ":" + std::to_string(problem.column);
    }
    if (!problem.column_name.empty()) out += " (" + part(problem.column_name) + ")";
    out += ": ";
    if (!problem.place.empty()) out += "at " + part(problem.place) + ": ";
    out += part(problem.message);
    if (!problem.fix.empty()) out += "; " + part(problem.fix);
    return out;
}

void sort_by_position(std::vector<Problem>& problems) {
    std::stable_sort(problems.begin(), problems.end(), [](const Problem& a, const Problem& b) {
        // A problem with no line sorts after every problem with one.
        const auto key = [](const Problem& p) {
            return std::pair{p.line == 0 ? UINT32_MAX : p.line, p.column};
        };
        return key(a) < key(b);
    });
}

}  // namespace csip::import
