#include "http/json.hpp"

#include <cstdint>

namespace csip::http {
namespace {

void append_utf8(std::string& out, std::uint32_t code_point) {
    if (code_point < 0x80) {
        out += static_cast<char>(code_point);
    } else if (code_point < 0x800) {
        out += static_cast<char>(0xC0 | (code_point >> 6));
        out += static_cast<char>(0x80 | (code_point & 0x3F));
    } else if (code_point < 0x10000) {
        out += static_cast<char>(0xE0 | (code_point >> 12));
        out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code_point & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (code_point >> 18));
        out += static_cast<char>(0x80 | ((code_point >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code_point & 0x3F));
    }
}

// A cursor over the body, with the error it reports.
class Reader {
public:
    explicit Reader(std::string_view text) : m_text(text) {}

    void skip_space() {
        while (m_at < m_text.size() && (m_text[m_at] == ' ' || m_text[m_at] == '\t' ||
                                        m_text[m_at] == '\n' || m_text[m_at] == '\r')) {
            ++m_at;
        }
    }
    [[nodiscard]] bool done() const { return m_at >= m_text.size(); }
    [[nodiscard]] char peek() const { return done() ? '\0' : m_text[m_at]; }
    bool take(char c) {
        if (peek() != c) return false;
        ++m_at;
        return true;
    }
    bool take_word(std::string_view word) {
        if (m_text.substr(m_at, word.size()) != word) return false;
        m_at += word.size();
        return true;
    }

    std::optional<std::uint32_t> hex4() {
        if (m_at + 4 > m_text.size()) return std::nullopt;
        std::uint32_t value = 0;
        for (int i = 0; i < 4; ++i) {
            const char c = m_text[m_at++];
            value <<= 4;
            if (c >= '0' && c <= '9') {
                value |= static_cast<std::uint32_t>(c - '0');
            } else if (c >= 'a' && c <= 'f') {
                value |= static_cast<std::uint32_t>(c - 'a' + 10);
            } else if (c >= 'A' && c <= 'F') {
                value |= static_cast<std::uint32_t>(c - 'A' + 10);
            } else {
                return std::nullopt;
            }
        }
        return value;
    }

    // After the opening quote: the string's value, or nothing if it is malformed.
    std::optional<std::string> string_body() {
        std::string out;
        while (!done()) {
            const char c = m_text[m_at++];
            if (c == '"') return out;
            if (static_cast<unsigned char>(c) < 0x20) return std::nullopt;
            if (c != '\\') {
                out += c;
                continue;
            }
            if (done()) return std::nullopt;
            switch (m_text[m_at++]) {
                case '"': out += '"'; break;
                case '\\': out += '\\'; break;
                case '/': out += '/'; break;
                case 'b': out += '\b'; break;
                case 'f': out += '\f'; break;
                case 'n': out += '\n'; break;
                case 'r': out += '\r'; break;
                case 't': out += '\t'; break;
                case 'u': {
                    auto unit = hex4();
                    if (!unit) return std::nullopt;
                    std::uint32_t code_point = *unit;
                    if (code_point >= 0xDC00 && code_point <= 0xDFFF) return std::nullopt;
                    if (code_point >= 0xD800 && code_point <= 0xDBFF) {
                        if (!take('\\') || !take('u')) return std::nullopt;
                        auto low = hex4();
                        if (!low || *low < 0xDC00 || *low > 0xDFFF) return std::nullopt;
                        code_point = 0x10000 + ((code_point - 0xD800) << 10) + (*low - 0xDC00);
                    }
                    append_utf8(out, code_point);
                    break;
                }
                default: return std::nullopt;
            }
        }
        return std::nullopt;
    }

private:
    std::string_view m_text;
    std::size_t m_at = 0;
};

Unexpected<Error> bad(const std::string& message, const std::string& field = {}) {
    return fail(ErrorKind::InvalidInput, message, field);
}

}  // namespace

std::string json_string(std::string_view text) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out = "\"";
    out.reserve(text.size() + 2);
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (byte < 0x20) {
                    out += "\\u00";
                    out += kHex[byte >> 4];
                    out += kHex[byte & 0xF];
                } else {
                    out += c;
                }
        }
    }
    out += '"';
    return out;
}

Result<std::map<std::string, std::optional<std::string>>> read_string_object(std::string_view text) {
    Reader reader(text);
    std::map<std::string, std::optional<std::string>> members;
    reader.skip_space();
    if (!reader.take('{')) return bad("the body must be a JSON object, e.g. {\"note\": \"...\"}");
    reader.skip_space();
    if (!reader.take('}')) {
        while (true) {
            reader.skip_space();
            if (!reader.take('"')) return bad("expected a member name in double quotes");
            auto key = reader.string_body();
            if (!key) return bad("a member name is not a valid JSON string");
            reader.skip_space();
            if (!reader.take(':')) return bad("expected ':' after \"" + *key + "\"", *key);
            reader.skip_space();
            std::optional<std::string> value;
            if (reader.take('"')) {
                value = reader.string_body();
                if (!value) return bad("\"" + *key + "\" is not a valid JSON string", *key);
            } else if (!reader.take_word("null")) {
                return bad("\"" + *key + "\" must be a string (or null)", *key);
            }
            if (!members.emplace(*key, std::move(value)).second) {
                return bad("\"" + *key + "\" is given twice", *key);
            }
            reader.skip_space();
            if (reader.take(',')) continue;
            if (reader.take('}')) break;
            return bad("expected ',' or '}' after \"" + *key + "\"", *key);
        }
    }
    reader.skip_space();
    if (!reader.done()) return bad("there is more after the JSON object; send one object");
    return members;
}

}  // namespace csip::http
