#include "import/spelling.hpp"

#include <algorithm>
#include <numeric>

namespace csip::import {
namespace {

// Levenshtein distance: insertions, deletions and substitutions of single bytes.
std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    std::iota(row.begin(), row.end(), std::size_t{0});
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            row[j] =
                std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

std::string squeeze(std::string_view name) {
    std::string out;
    for (const char c : normalise_name(name)) {
        if (c != '_') out += c;
    }
    return out;
}

}  // namespace

std::string normalise_name(std::string_view name) {
    std::string out;
    for (const char c : name) {
        if (c == ' ' || c == '-') {
            out += '_';
        } else if (c >= 'A' && c <= 'Z') {
            out += static_cast<char>(c - 'A' + 'a');
        } else {
            out += c;
        }
    }
    return out;
}

std::optional<std::string_view> closest_spelling(std::string_view name,
                                                 const std::vector<std::string_view>& candidates) {
    const auto squeezed = squeeze(name);
    std::optional<std::string_view> best;
    std::size_t best_distance = 3;  // further than two edits is not a likely typo
    for (const auto candidate : candidates) {
        const auto other = squeeze(candidate);
        const std::size_t distance = squeezed == other ? 0 : edit_distance(squeezed, other);
        // A short name two edits away could be anything: require the edits to leave most of it.
        if (distance < best_distance && distance * 2 < std::max(other.size(), std::size_t{2})) {
            best = candidate;
            best_distance = distance;
        }
    }
    return best;
}

}  // namespace csip::import
