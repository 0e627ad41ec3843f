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

TEST(Printable, ShowsControlCharactersAsEscapesSoThatATerminalRunsNone) {
    EXPECT_EQ(printable("\x1b[2J\x1b]0;owned\x07tab\there\r\nDEL\x7f"),
              "\\x1b[2J\\x1b]0;owned\\x07tab\\there\\r\\nDEL\\x7f");
    // U+009B is a terminal's CSI on its own; letters beyond ASCII are kept.
    EXPECT_EQ(printable("\xC2\x9B"
                        "31m caf\xC3\xA9 \xE2\x80\x99"),
              "\\u009b31m caf\xC3\xA9 \xE2\x80\x99");
}

TEST(Printable, CutsALongValueShortWithAnEllipsisAndItsLength) {
    const std::string value(10 * 1024 * 1024, 'A');
    EXPECT_EQ(printable(value), std::string(80, 'A') + "\u2026 (10485760 characters)");
    EXPECT_EQ(printable("short"), "short");
    // Characters, not bytes: 90 e-acutes are 90 characters.
    std::string accents;
    for (int i = 0; i < 90; ++i) accents += "\xC3\xA9";
    EXPECT_EQ(printable(accents), accents.substr(0, 160) + "\u2026 (90 characters)");
}

// A value a reader quoted raw is still made safe when the problem is printed.
TEST(Problem, PrintsEveryPartWithItsControlCharactersEscapedAndCutShort) {
    const Problem problem{
        "a\x1b[31m.csv", {}, 1, 2, "col\x1b[0m", "'" + std::string(5000, 'x') + "' is wrong\x1b[2J",
        "fix\x07"};
    const auto text = to_string(problem);
    EXPECT_EQ(text.find('\x1b'), std::string::npos) << text;
    EXPECT_EQ(text.find('\x07'), std::string::npos) << text;
    EXPECT_LT(text.size(), 1200U);
    EXPECT_EQ(text.substr(0, 33), "a\\x1b[31m.csv:1:2 (col\\x1b[0m): '");
    EXPECT_NE(text.find("\u2026 (5015 characters); fix\\x07"), std::string::npos) << text;
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
