#include "import/json_text.hpp"

#include <algorithm>
#include <map>

#include <nlohmann/json.hpp>

#include "import/problem.hpp"

namespace csip::import {
namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

std::size_t skip_byte_order_mark(std::string_view text) {
    return text.substr(0, kByteOrderMark.size()) == kByteOrderMark ? kByteOrderMark.size() : 0;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Characters of a bare JSON token: a number or a literal, or a word written without quotes.
bool is_word(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '+' || c == '-' || c == '.';
}

// `text[quote]` is an opening quote; returns the offset just past the closing one.
std::size_t end_of_string(std::string_view text, std::size_t quote) {
    std::size_t pos = quote + 1;
    while (pos < text.size() && text[pos] != '"')
        pos += text[pos] == '\\' ? std::size_t{2} : std::size_t{1};
    return std::min(pos + 1, text.size());
}

// `end` is just past a closing quote; returns the offset of the quote that opened it.
std::size_t start_of_string(std::string_view text, std::size_t end) {
    std::size_t pos = end - 1;
    while (pos > 0) {
        --pos;
        if (text[pos] != '"') continue;
        std::size_t backslashes = 0;
        while (pos > backslashes && text[pos - 1 - backslashes] == '\\') ++backslashes;
        if (backslashes % 2 == 0) return pos;
    }
    return pos;
}

std::size_t skip_space(std::string_view text, std::size_t pos) {
    while (pos < text.size() && is_space(text[pos])) ++pos;
    return pos;
}

std::size_t skip_space_back(std::string_view text, std::size_t end) {
    while (end > 0 && is_space(text[end - 1])) --end;
    return end;
}

std::string decode_key(std::string_view quoted) {
    if (quoted.find('\\') == std::string_view::npos) {
        return std::string(quoted.substr(1, quoted.size() - 2));
    }
    auto decoded = nlohmann::json::parse(quoted, nullptr, false);
    return decoded.is_string() ? decoded.get<std::string>() : std::string(quoted);
}

}  // namespace

LineIndex::LineIndex(std::string_view text) : m_text(text) {
    m_line_starts.push_back(0);
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.size() || text[i + 1] != '\n'))) {
            m_line_starts.push_back(i + 1);
        }
    }
}

TextPosition LineIndex::position(std::size_t offset) const {
    offset = std::min(offset, m_text.size());
    const auto next_line = std::upper_bound(m_line_starts.begin(), m_line_starts.end(), offset);
    const auto line = static_cast<std::size_t>(next_line - m_line_starts.begin());
    std::size_t start = m_line_starts[line - 1];
    if (start == 0) start = skip_byte_order_mark(m_text);
    std::uint32_t column = 1;
    for (std::size_t i = start; i < offset; ++i) {
        // Count the first byte of each UTF-8 sequence, not its continuation bytes.
        if ((static_cast<unsigned char>(m_text[i]) & 0xC0U) != 0x80U) ++column;
    }
    return {static_cast<std::uint32_t>(line), column};
}

std::string member_path(const std::string& parent, std::string_view key) {
    return parent.empty() ? std::string(key) : parent + "." + std::string(key);
}

std::string element_path(const std::string& parent, std::size_t index) {
    return parent + "[" + std::to_string(index) + "]";
}

std::string parent_path(const std::string& path) {
    const auto cut = path.find_last_of(".[");
    return cut == std::string::npos ? std::string() : path.substr(0, cut);
}

JsonLocator::JsonLocator(std::string_view text) {
    struct Frame {
        bool object = false;
        std::string path;
        std::size_t index = 0;
        std::map<std::string, std::size_t> keys;  // key -> offset, to find keys given twice
    };
    enum class Next { Value, Key, AfterValue };

    // Values nested deeper than any csip format goes are skipped, not recorded: a path per
    // value at depth n costs n, and a hostile file of a million '[' must not cost n squared.
    constexpr std::size_t kMaxDepth = kMaxJsonDepth;
    std::vector<Frame> stack;
    const auto recorded = [&stack] { return stack.size() <= kMaxDepth; };
    std::string path;  // of the value about to be read
    std::size_t pos = skip_byte_order_mark(text);
    Next next = Next::Value;
    // Written as a loop over an explicit stack, not recursion, so that deeply nested input
    // cannot exhaust the call stack.
    while (true) {
        pos = skip_space(text, pos);
        if (pos >= text.size()) break;
        if (next == Next::Value) {
            if (recorded()) m_values[path] = pos;
            const char c = text[pos];
            if (c == '{' || c == '[') {
                stack.push_back({c == '{', path, 0, {}});
                pos = skip_space(text, pos + 1);
                if (pos < text.size() && (text[pos] == '}' || text[pos] == ']')) {
                    ++pos;
                    stack.pop_back();
                    next = Next::AfterValue;
                } else if (c == '{') {
                    next = Next::Key;
                } else {
                    path = recorded() ? element_path(stack.back().path, 0) : std::string();
                }
            } else {
                if (c == '"') {
                    pos = end_of_string(text, pos);
                } else {
                    while (pos < text.size() && is_word(text[pos])) ++pos;
                }
                next = Next::AfterValue;
            }
        } else if (next == Next::Key) {
            const std::size_t key_start = pos;
            pos = end_of_string(text, pos);
            const std::string key = decode_key(text.substr(key_start, pos - key_start));
            auto& frame = stack.back();
            if (recorded()) {
                path = member_path(frame.path, key);
                const auto [first, inserted] = frame.keys.emplace(key, key_start);
                if (!inserted) m_duplicates.push_back({path, key_start, first->second});
                m_keys[path] = key_start;
            } else {
                path.clear();
            }
            pos = skip_space(text, pos);
            if (pos < text.size() && text[pos] == ':') ++pos;
            next = Next::Value;
        } else {
            if (stack.empty()) break;
            const char c = text[pos++];
            if (c == ',') {
                auto& frame = stack.back();
                if (frame.object) {
                    next = Next::Key;
                } else {
                    ++frame.index;
                    path = recorded() ? element_path(frame.path, frame.index) : std::string();
                    next = Next::Value;
                }
            } else {
                stack.pop_back();  // '}' or ']'
            }
        }
    }
}

std::size_t JsonLocator::value_offset(const std::string& path) const {
    for (std::string candidate = path;; candidate = parent_path(candidate)) {
        if (const auto found = m_values.find(candidate); found != m_values.end()) {
            return found->second;
        }
        if (candidate.empty()) return 0;
    }
}

std::optional<std::size_t> JsonLocator::key_offset(const std::string& path) const {
    if (const auto found = m_keys.find(path); found != m_keys.end()) return found->second;
    return std::nullopt;
}

std::optional<std::size_t> find_nesting_too_deep(std::string_view text, std::size_t max_depth) {
    std::size_t depth = 0;
    for (std::size_t pos = skip_byte_order_mark(text); pos < text.size(); ++pos) {
        const char c = text[pos];
        if (c == '"') {
            pos = end_of_string(text, pos) - 1;
        } else if (c == '[' || c == '{') {
            if (++depth > max_depth) return pos;
        } else if ((c == ']' || c == '}') && depth > 0) {
            --depth;
        }
    }
    return std::nullopt;
}

namespace {

using Json = nlohmann::ordered_json;

// Listens to the parser only for its error, without building anything: a parse error stays a
// value here, never an exception.
class ErrorListener : public nlohmann::json_sax<Json> {
  public:
    bool null() override { return true; }
    bool boolean(bool) override { return true; }
    bool number_integer(number_integer_t) override { return true; }
    bool number_unsigned(number_unsigned_t) override { return true; }
    bool number_float(number_float_t, const string_t&) override { return true; }
    bool string(string_t&) override { return true; }
    bool binary(binary_t&) override { return true; }
    bool start_object(std::size_t) override { return true; }
    bool key(string_t&) override { return true; }
    bool end_object() override { return true; }
    bool start_array(std::size_t) override { return true; }
    bool end_array() override { return true; }
    bool parse_error(std::size_t position, const std::string&,
                     const nlohmann::json::exception& error) override {
        m_position = position;
        m_what = error.what();
        return false;
    }

    [[nodiscard]] std::size_t position() const { return m_position; }
    [[nodiscard]] const std::string& what() const { return m_what; }

  private:
    std::size_t m_position = 0;
    std::string m_what;
};

bool contains(std::string_view text, std::string_view part) {
    return text.find(part) != std::string_view::npos;
}

// nlohmann's description of the error without its prefixes ("[json.exception.parse_error.101]
// parse error at line 3, column 5: syntax error while parsing object - "), e.g. "unexpected
// string literal; expected '}'".
std::string description(std::string what) {
    if (what.rfind("[json.exception.", 0) == 0) {
        const auto close = what.find("] ");
        if (close != std::string::npos) what.erase(0, close + 2);
    }
    if (what.rfind("parse error", 0) == 0) {
        const auto colon = what.find(": ");
        if (colon != std::string::npos) what.erase(0, colon + 2);
    }
    if (what.rfind("syntax error while parsing", 0) == 0) {
        const auto dash = what.find(" - ");
        if (dash != std::string::npos) what.erase(0, dash + 3);
    }
    return what;
}

// Where the token that the parser stopped at begins; `end` is just past its last byte.
std::size_t token_start(std::string_view text, std::size_t end) {
    if (end == 0) return 0;
    const char last = text[end - 1];
    if (last == '"') return start_of_string(text, end);
    if (!is_word(last)) return end - 1;
    std::size_t start = end - 1;
    while (start > 0 && is_word(text[start - 1])) --start;
    return start;
}

bool starts_value(std::string_view desc) {
    for (std::string_view token :
         {"unexpected string literal", "unexpected number literal", "unexpected '{'",
          "unexpected '['", "unexpected 'true'", "unexpected 'false'", "unexpected 'null'"}) {
        if (desc.rfind(token, 0) == 0) return true;
    }
    return false;
}

}  // namespace

std::optional<SyntaxError> find_syntax_error(std::string_view text) {
    ErrorListener listener;
    if (Json::sax_parse(text, &listener)) return std::nullopt;

    const std::size_t begin = skip_byte_order_mark(text);
    const std::size_t end = std::min(listener.position(), text.size());
    const std::string desc = description(listener.what());
    const char* const general_fix =
        "check the JSON here: keys and texts in double quotes, ':' after each key, ',' between "
        "items, every { and [ closed";

    if (skip_space(text, begin) == text.size()) {
        return SyntaxError{begin, "the file is empty", "write a JSON object, starting with {"};
    }
    if (const auto nul = text.find('\0'); nul != std::string_view::npos && nul < end) {
        // The parser takes a NUL byte for the end of the input.
        return SyntaxError{nul, "the file holds a NUL byte here, which is not text",
                           "save the file as UTF-8 text"};
    }
    if (contains(desc, "unexpected end of input")) {
        return SyntaxError{skip_space_back(text, text.size()),
                           "the file ends before the JSON does (" + desc + ")",
                           "close every { with } and every [ with ]; is the file cut short?"};
    }
    if (contains(desc, "expected end of input")) {
        return SyntaxError{token_start(text, end), "there is more text after the end of the JSON",
                           "remove what follows the last closing '}'"};
    }
    if (starts_value(desc) && (contains(desc, "expected '}'") || contains(desc, "expected ']'"))) {
        // The parser stops at the next value; the comma belongs just after the one before it.
        const std::size_t next_value = token_start(text, end);
        return SyntaxError{skip_space_back(text, next_value), "a ',' is missing after this value",
                           "separate the items of an object or a list with commas"};
    }
    if (contains(desc, "unexpected '}'") || contains(desc, "unexpected ']'")) {
        const std::size_t closing = token_start(text, end);
        const std::size_t before = skip_space_back(text, closing);
        if (before > 0 && text[before - 1] == ',') {
            return SyntaxError{before - 1, "a ',' comes after the last item",
                               "remove this comma: JSON allows none before a closing } or ]"};
        }
        return SyntaxError{closing, desc, general_fix};
    }
    if (contains(desc, "expected ':'")) {
        return SyntaxError{skip_space_back(text, token_start(text, end)),
                           "a ':' is missing after this key",
                           "write each member as \"key\": value"};
    }
    if (contains(desc, "control character U+000A") || contains(desc, "control character U+000D")) {
        const std::size_t quote = start_of_string(text, end);
        return SyntaxError{quote, "this text has no closing '\"' before the end of the line",
                           "end the text with \"; write a line break inside a text as \\n"};
    }
    if (contains(desc, "ill-formed UTF-8")) {
        return SyntaxError{end > 0 ? end - 1 : 0, "the file is not valid UTF-8 here",
                           "save the file in the UTF-8 encoding"};
    }
    if (contains(desc, "invalid literal") && end > 0) {
        // The parser stops at the first character that cannot continue a literal, which may be
        // the one after a bare word: go back to the word's start and show all of it.
        std::size_t start = end - 1;
        if (!is_word(text[start]) && start > 0 && is_word(text[start - 1])) --start;
        if (is_word(text[start])) {
            while (start > 0 && is_word(text[start - 1])) --start;
        }
        std::size_t stop = start;
        while (stop < text.size() && stop - start < 40 && !is_space(text[stop]) &&
               std::string_view(",:}]").find(text[stop]) == std::string_view::npos) {
            ++stop;
        }
        const std::string word(text.substr(start, stop - start));
        if (text[start] == '\'') {
            return SyntaxError{start, "this text is in single quotes: " + printable(word),
                               "write text in double quotes, \"like this\""};
        }
        return SyntaxError{start, "'" + printable(word) + "' is not a JSON value",
                           "put text in double quotes; write true, false, null and numbers "
                           "without quotes"};
    }
    return SyntaxError{end > 0 ? end - 1 : 0, desc, general_fix};
}

}  // namespace csip::import
