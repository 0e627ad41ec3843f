#include "import/problem.hpp"

#include <gtest/gtest.h>

namespace csip::import {
namespace {

TEST(Problem, NamesFileLineColumnAndPathBeforeWhatAndFix) {
    const Problem problem{"plan.json",
                          "workstreams[0].commitments[1].actions[0].due",
                          14,
                          18,
                          {},
                          "'2023-02-30' is not a date",
                          "write dates as YYYY-MM-DD, e.g. 2015-10-31"};
    EXPECT_EQ(to_string(problem),
              "plan.json:14:18: at workstreams[0].commitments[1].actions[0].due: '2023-02-30' is "
              "not a date; write dates as YYYY-MM-DD, e.g. 2015-10-31");
}

TEST(Problem, NamesTheColumnHeaderOfATabularFile) {
    const Problem problem{
        "plan.csv", {}, 7, 11, "due", "'31/02/2016' is not a date", "write dates as dd/mm/yyyy"};
    EXPECT_EQ(to_string(problem),
              "plan.csv:7:11 (due): '31/02/2016' is not a date; write dates as dd/mm/yyyy");
}

TEST(Problem, LeavesOutWhatIsNotKnown) {
    EXPECT_EQ(to_string({"plan.json", "workstreams[0].actions[2].rag", 0, 0, {}, "bad", "fix it"}),
              "plan.json: at workstreams[0].actions[2].rag: bad; fix it");
    EXPECT_EQ(to_string({"plan.csv", {}, 1, 0, {}, "no 'due' column", "add it"}),
              "plan.csv:1: no 'due' column; add it");
    EXPECT_EQ(to_string({"plan.csv", {}, 0, 0, {}, "nothing to read", {}}),
              "plan.csv: nothing to read");
}

TEST(Problem, SortsByPositionWithUnplacedProblemsLast) {
    std::vector<Problem> problems{{"f", {}, 0, 0, {}, "unplaced", {}},
                                  {"f", {}, 9, 2, {}, "later", {}},
                                  {"f", {}, 3, 7, {}, "earlier", {}},
                                  {"f", {}, 9, 1, {}, "same line, before", {}}};
    sort_by_position(problems);
    std::vector<std::string> order;
    for (const auto& problem : problems) order.push_back(problem.message);
    EXPECT_EQ(order,
              (std::vector<std::string>{"earlier", "same line, before", "later", "unplaced"}));
}

}  // namespace
}  // namespace csip::import
