// Positions in a JSON text, for the JSON readers' messages. nlohmann-json parses values but
// does not say where each one was, so JsonLocator makes one pass over an already well-formed
// text and records where each value and each key starts, by path
// (`workstreams[0].commitments[1].actions[0].due`; the root is the empty path). It also finds
// keys given twice in one object, which the parser would otherwise resolve silently (the last
// one wins). explain_syntax_error turns nlohmann's parse error into a message a person can
// act on, at the place to fix. LineIndex turns byte offsets into 1-based lines and columns.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace csip::import {

// How deep objects and lists may nest. csip-plan/1 goes nine deep (the plan, its workstreams, a
// workstream, its commitments, a commitment, its actions, an action, its updates, an update);
// a text nested deeper than this is refused before it is parsed, because the JSON library
// copies and compares values recursively and a file of a million '[' would exhaust the stack.
inline constexpr std::size_t kMaxJsonDepth = 64;

struct TextPosition {
    std::uint32_t line = 0;
    std::uint32_t column = 0;
};

// Lines end at LF, CRLF or a lone CR. Columns count characters (UTF-8 code points), so that
// they match what an editor shows; a byte-order mark at the start takes no column.
class LineIndex {
  public:
    explicit LineIndex(std::string_view text);
    [[nodiscard]] TextPosition position(std::size_t offset) const;

  private:
    std::string_view m_text;
    std::vector<std::size_t> m_line_starts;
};

struct DuplicateKey {
    std::string path;              // the member given twice
    std::size_t offset = 0;        // where the later key starts
    std::size_t first_offset = 0;  // where the first one starts
};

class JsonLocator {
  public:
    // `text` must be well-formed JSON (it has been parsed already).
    explicit JsonLocator(std::string_view text);

    // Where the value at `path` starts or, when there is no such value (a key left out), where
    // the nearest enclosing value starts.
    [[nodiscard]] std::size_t value_offset(const std::string& path) const;
    // Where the key naming the member at `path` starts, if there is one.
    [[nodiscard]] std::optional<std::size_t> key_offset(const std::string& path) const;
    [[nodiscard]] const std::vector<DuplicateKey>& duplicate_keys() const { return m_duplicates; }

  private:
    std::unordered_map<std::string, std::size_t> m_values;
    std::unordered_map<std::string, std::size_t> m_keys;
    std::vector<DuplicateKey> m_duplicates;
};

// The path of a member (`parent.key`) and of an element (`parent[index]`).
std::string member_path(const std::string& parent, std::string_view key);
std::string element_path(const std::string& parent, std::size_t index);
// The path of the object or array that holds `path` ("" for a member of the root).
std::string parent_path(const std::string& path);

struct SyntaxError {
    std::size_t offset = 0;  // where to look: the place to fix, not always where parsing stopped
    std::string message;
    std::string fix;
};

// Where the first '[' or '{' opens a value nested deeper than `max_depth` (the root value is
// depth 1), if one does. Works on any text, well-formed or not, in one pass and constant
// memory; brackets inside strings do not count.
[[nodiscard]] std::optional<std::size_t> find_nesting_too_deep(
    std::string_view text, std::size_t max_depth = kMaxJsonDepth);

// Nothing if `text` is well-formed JSON; otherwise its first syntax error.
[[nodiscard]] std::optional<SyntaxError> find_syntax_error(std::string_view text);

}  // namespace csip::import
