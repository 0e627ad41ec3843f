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

constexpr std::string_view kHexDigits = "0123456789abcdef";

void append_escape(std::string& out, std::string_view prefix, std::uint8_t byte) {
    out += prefix;
    out += kHexDigits[byte >> 4U];
    out += kHexDigits[byte & 0xFU];
}

}  // namespace

std::optional<std::string> text_problem(std::string_view text) {
    for (std::size_t at = 0; at < text.size();) {
        const std::size_t length = sequence_length(text, at);
        if (length == 0) {
            return "is not UTF-8 text at byte " + std::to_string(at + 1);
        }
        const char c = text[at];
        const bool line_break =
            c == '\n' || (c == '\r' && at + 1 < text.size() && text[at + 1] == '\n');
        if (length == 1 && is_control(c) && c != '\t' && !line_break) {
            return "holds a control character at byte " + std::to_string(at + 1) +
                   ", which is no part of text";
        }
        at += length;
    }
    return std::nullopt;
}

Result<void> check_text(std::string_view text, const std::string& field, std::string_view label) {
    if (auto problem = text_problem(text)) {
        return fail(ErrorKind::InvalidInput,
                    "the " + std::string(label) + " " + *problem + ": type it again as plain text",
                    field);
    }
    return {};
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

std::string escape_controls(std::string_view text, bool keep_layout) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t at = 0; at < text.size();) {
        const std::size_t length = sequence_length(text, at);
        const auto byte = static_cast<std::uint8_t>(text[at]);
        if (length == 0) {
            append_escape(out, "\\x", byte);
            ++at;
            continue;
        }
        if (length == 2 && byte == 0xC2U && static_cast<std::uint8_t>(text[at + 1]) < 0xA0U) {
            append_escape(out, "\\u00", static_cast<std::uint8_t>(text[at + 1]));
        } else if (length > 1 || !is_control(text[at])) {
            out.append(text.substr(at, length));
        } else if (keep_layout && (byte == '\t' || byte == '\n' ||
                                   (byte == '\r' && at + 1 < text.size() && text[at + 1] == '\n'))) {
            out += static_cast<char>(byte);
        } else if (byte == '\t') {
            out += "\\t";
        } else if (byte == '\n') {
            out += "\\n";
        } else if (byte == '\r') {
            out += "\\r";
        } else {
            append_escape(out, "\\x", byte);
        }
        at += length;
    }
    return out;
}

}  // namespace csip::domain
