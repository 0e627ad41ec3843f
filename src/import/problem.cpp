#include "import/problem.hpp"

#include <algorithm>

namespace csip::import {

std::string to_string(const Problem& problem) {
    std::string out = problem.file;
    if (problem.line != 0) {
        out += ":" + std::to_string(problem.line);
        if (problem.column != 0) out += ":" + std::to_string(problem.column);
    }
    if (!problem.column_name.empty()) out += " (" + problem.column_name + ")";
    out += ": ";
    if (!problem.place.empty()) out += "at " + problem.place + ": ";
    out += problem.message;
    if (!problem.fix.empty()) out += "; " + problem.fix;
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
