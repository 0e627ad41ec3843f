#include "import/returns/values.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <system_error>

namespace csip::import::returns {
namespace {

bool is_space_at(std::string_view text, std::size_t i, std::size_t& width) {
    const char c = text[i];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
        width = 1;
        return true;
    }
    // U+00A0 (no-break space) in UTF-8: spreadsheets paste it from web pages.
    if (static_cast<unsigned char>(c) == 0xC2 && i + 1 < text.size() &&
        static_cast<unsigned char>(text[i + 1]) == 0xA0) {
        width = 2;
        return true;
    }
    return false;
}

}  // namespace

std::string_view trim(std::string_view text) {
    std::size_t width = 0;
    while (!text.empty() && is_space_at(text, 0, width)) text.remove_prefix(width);
    while (!text.empty()) {
        const std::size_t last = text.size() - 1;
        if (text[last] == ' ' || text[last] == '\t' || text[last] == '\r' || text[last] == '\n') {
            text.remove_suffix(1);
        } else if (text.size() >= 2 && static_cast<unsigned char>(text[last]) == 0xA0 &&
                   static_cast<unsigned char>(text[last - 1]) == 0xC2) {
            text.remove_suffix(2);
        } else {
            break;
        }
    }
    return text;
}

std::string to_lower(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
}

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
        if (x != y) return false;
    }
    return true;
}

std::string_view strip_list_letter(std::string_view text) {
    text = trim(text);
    // 'a) ', 'aa) ': one or two lower-case letters, a bracket, then the label.
    std::size_t letters = 0;
    while (letters < text.size() && letters < 2 && text[letters] >= 'a' && text[letters] <= 'z') ++letters;
    if (letters > 0 && letters < text.size() && text[letters] == ')') return trim(text.substr(letters + 1));
    return text;
}

bool is_blank(std::string_view text) {
    text = trim(text);
    if (text.empty()) return true;
    return text == "#N/A" || text == "#VALUE!" || text == "#REF!" || text == "#NAME?" || text == "#DIV/0!" ||
           text == "#NULL!" || text == "#NUM!" || iequals(text, "N/A");
}

std::optional<bool> parse_bool(std::string_view text) {
    text = strip_list_letter(text);
    static constexpr std::string_view kTrue[] = {"true", "1", "y", "yes"};
    static constexpr std::string_view kFalse[] = {"false", "0", "n", "no"};
    for (auto word : kTrue) {
        if (iequals(text, word)) return true;
    }
    for (auto word : kFalse) {
        if (iequals(text, word)) return false;
    }
    return std::nullopt;
}

std::optional<domain::Date> parse_date(std::string_view text) {
    text = trim(text);
    if (text.size() >= 10 && text[4] == '-') {
        if (text.size() > 10 && text[10] != 'T' && text[10] != ' ') return std::nullopt;
        return domain::Date::parse_iso(text.substr(0, 10));
    }
    if (text.find('/') != std::string_view::npos) {
        const auto space = text.find_first_of(" T");
        if (space != std::string_view::npos) text = text.substr(0, space);
        const auto slash = text.rfind('/');
        // The year must have four digits: '01/04/23' is refused rather than guessed.
        if (text.size() - slash - 1 != 4) return std::nullopt;
        return domain::Date::parse_uk(text);
    }
    return std::nullopt;
}

std::optional<domain::Date> date_from_serial(double serial, DateSystem system) {
    if (!std::isfinite(serial) || serial < 1.0 || serial > 2958465.0) return std::nullopt;
    const auto whole = static_cast<std::int32_t>(std::floor(serial));
    // Day numbers relative to 1970-01-01: 1899-12-31 is -25568, 1899-12-30 is -25569,
    // 1904-01-01 is -24107.
    if (system == DateSystem::Excel1904) return domain::Date::from_days(whole - 24107);
    if (whole == 60) return std::nullopt;
    if (whole < 60) return domain::Date::from_days(whole - 25568);
    return domain::Date::from_days(whole - 25569);
}

std::optional<double> parse_number(std::string_view text) {
    text = trim(text);
    if (text.empty()) return std::nullopt;
    if (text.front() == '+') text.remove_prefix(1);
    double value = 0.0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) return std::nullopt;
    return value;
}

std::string format_number(double value) {
    if (std::isfinite(value) && std::floor(value) == value && std::fabs(value) < 1e15) {
        return std::to_string(static_cast<long long>(value));
    }
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.15g", value);
    return buffer;
}

}  // namespace csip::import::returns
