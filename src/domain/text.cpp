#include "domain/text.hpp"

#include <cstdint>

namespace csip::domain {
namespace {

// The length of the valid UTF-8 sequence at `at`, or 0 when none starts there.
std::size_t sequence_length(std::string_view text, std::size_t at) {
    const auto byte = [&](std::size_t i) { return static_cast<std::uint8_t>(text[i]); };
    const std::uint8_t lead = byte(at);
    if (lead < 0x80) return 1;
    std::size_t length = 0;
    std::uint32_t low = 0;
    std::uint32_t code = 0;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2, low = 0x80, code = lead & 0x1Fu;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3, low = 0x800, code = lead & 0x0Fu;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4, low = 0x10000, code = lead & 0x07u;
    } else {
        return 0;
    }
    if (at + length > text.size()) return 0;
    for (std::size_t i = 1; i < length; ++i) {
        if ((byte(at + i) & 0xC0u) != 0x80u) return 0;
        code = (code << 6) | (byte(at + i) & 0x3Fu);
    }
    if (code < low || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return 0;
    return length;
}

bool is_control(char c) {
    const auto byte = static_cast<std::uint8_t>(c);
    return byte < 0x20 || byte == 0x7F;
}

}  // namespace

std::optional<std::string> text_problem(std::string_view text) {
    for (std::size_t at = 0; at < text.size();) {
        const std::size_t length = sequence_length(text, at);
        if (length == 0) {
            return "is not UTF-8 text at byte " + std::to_string(at + 1) +
                   ": save it as UTF-8, or type it again";
        }
        const char c = text[at];
        const bool line_break =
            c == '\n' || (c == '\r' && at + 1 < text.size() && text[at + 1] == '\n');
        if (length == 1 && is_control(c) && c != '\t' && !line_break) {
            return "holds a control character (byte " + std::to_string(at + 1) +
                   "), which is no part of text: remove it";
        }
        at += length;
    }
    return std::nullopt;
}

std::string displayable(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t at = 0; at < text.size();) {
        const std::size_t length = sequence_length(text, at);
        if (length == 0) {
            out += "\xEF\xBF\xBD";
            ++at;
            continue;
        }
        const char c = text[at];
        if (length > 1 || !is_control(c) || c == '\t' || c == '\n' || c == '\r') {
            out.append(text.substr(at, length));
        }
        at += length;
    }
    return out;
}

}  // namespace csip::domain
