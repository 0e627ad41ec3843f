#include "import/csv.hpp"

#include <optional>

#include "domain/text.hpp"

namespace csip::import {
namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

}  // namespace

bool CsvRecord::blank() const {
    for (const auto& field : fields) {
        if (!trim(field.value).empty()) return false;
    }
    return true;
}

std::string_view trim(std::string_view text) {
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string_view::npos) return {};
    const auto last = text.find_last_not_of(" \t");
    return text.substr(first, last - first + 1);
}

std::string_view strip_formula_guard(std::string_view cell) {
    if (cell.empty() || cell.front() != '\'') return cell;
    const auto first = cell.find_first_not_of('\'');
    if (first == std::string_view::npos) return cell;
    const char c = cell[first];
    if (c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r') {
        cell.remove_prefix(1);
    }
    return cell;
}

std::vector<CsvRecord> parse_csv(std::string_view text, const std::string& file_name,
                                 std::vector<Problem>& problems) {
    std::vector<CsvRecord> records;
    const std::size_t n = text.size();
    std::size_t pos =
        text.substr(0, kByteOrderMark.size()) == kByteOrderMark ? kByteOrderMark.size() : 0;
    std::uint32_t line = 1;
    const auto line_break_at = [&](std::size_t p) { return text[p] == '\n' || text[p] == '\r'; };
    const auto add = [&](std::uint32_t at_line, std::size_t column, std::string message,
                         std::string fix) {
        problems.push_back({file_name,
                            {},
                            at_line,
                            static_cast<std::uint32_t>(column),
                            {},
                            std::move(message),
                            std::move(fix)});
    };

    while (pos < n) {
        CsvRecord record;
        record.line = line;
        while (true) {
            CsvField field;
            field.line = line;
            const std::size_t column = record.fields.size() + 1;
            if (pos < n && text[pos] == '"') {
                field.quoted = true;
                ++pos;
                bool closed = false;
                while (pos < n) {
                    const char c = text[pos];
                    if (c == '"') {
                        if (pos + 1 < n && text[pos + 1] == '"') {
                            field.value += '"';
                            pos += 2;
                            continue;
                        }
                        ++pos;
                        closed = true;
                        break;
                    }
                    if (c == '\n' || (c == '\r' && !(pos + 1 < n && text[pos + 1] == '\n'))) ++line;
                    field.value += c;
                    ++pos;
                }
                if (!closed) {
                    // The field has run to the end of the file: nothing after its start can be
                    // told apart, so the record is dropped and reading stops.
                    add(field.line, column,
                        "the quoted field that starts here is never closed, so it takes in the "
                        "rest of the file",
                        "end it with a \"; write a quote inside a quoted field as \"\"");
                    return records;
                }
                if (pos < n && text[pos] != ',' && !line_break_at(pos)) {
                    std::size_t stop = pos;
                    while (stop < n && text[stop] != ',' && !line_break_at(stop)) ++stop;
                    add(line, column,
                        "text follows the closing quote of this field: '" +
                            printable(text.substr(pos, stop - pos)) + "'",
                        "put the whole field in quotes and write each quote inside it as \"\"");
                    field.value.append(text.substr(pos, stop - pos));
                    pos = stop;
                }
            } else {
                std::size_t stop = pos;
                while (stop < n && text[stop] != ',' && !line_break_at(stop)) ++stop;
                field.value.assign(text.substr(pos, stop - pos));
                pos = stop;
            }
            if (const auto bad = domain::text_problem(field.value)) {
                add(field.line, column, "this field " + *bad,
                    "save the file as UTF-8 text, in Excel as 'CSV UTF-8 (Comma delimited)'");
                return {};
            }
            record.fields.push_back(std::move(field));
            if (pos < n && text[pos] == ',') {
                ++pos;
                continue;
            }
            if (pos < n) {
                pos += (text[pos] == '\r' && pos + 1 < n && text[pos + 1] == '\n') ? std::size_t{2}
                                                                                   : std::size_t{1};
                ++line;
            }
            break;
        }
        records.push_back(std::move(record));
    }
    return records;
}

}  // namespace csip::import
