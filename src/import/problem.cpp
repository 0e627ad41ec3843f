#include "import/problem.hpp"

#include <algorithm>

namespace csip::import {
namespace {

// A message's own parts (what is wrong, how to fix it) are a few hundred characters; longer
// means a value quoted whole, which is cut here as a last resort.
constexpr std::size_t kMaxPartCharacters = 1000;

constexpr std::string_view kHexDigits = "0123456789abcdef";

void append_escape(std::string& out, std::string_view prefix, unsigned char byte) {
    out += prefix;
    out += kHexDigits[byte >> 4U];
    out += kHexDigits[byte & 0xFU];
}

}  // namespace

std::string printable(std::string_view value, std::size_t max_characters) {
    std::string out;
    out.reserve(std::min(value.size(), max_characters + 16));
    std::size_t characters = 0;
    bool cut = false;
    for (std::size_t i = 0; i < value.size(); ++i) {
        const auto byte = static_cast<unsigned char>(value[i]);
        // A UTF-8 continuation byte belongs to the character before it.
        const bool starts_character = (byte & 0xC0U) != 0x80U;
        if (starts_character) {
            ++characters;
            if (characters > max_characters) cut = true;
        }
        if (cut) continue;
        if (byte == '\n') {
            out += "\\n";
        } else if (byte == '\r') {
            out += "\\r";
        } else if (byte == '\t') {
            out += "\\t";
        } else if (byte < 0x20U || byte == 0x7FU) {
            append_escape(out, "\\x", byte);
        } else if (byte == 0xC2U && i + 1 < value.size() &&
                   (static_cast<unsigned char>(value[i + 1]) & 0xE0U) == 0x80U) {
            // U+0080 to U+009F, the C1 controls (0x9B is a terminal's CSI).
            append_escape(out, "\\u00", static_cast<unsigned char>(value[i + 1]));
            ++i;
        } else {
            out += static_cast<char>(byte);
        }
    }
    if (cut) out += "\u2026 (" + std::to_string(characters) + " characters)";
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
