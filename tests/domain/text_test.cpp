// What csip accepts as a person's words (domain/text.hpp): UTF-8 and no control characters but
// tab and line breaks; and how text stored before that check is shown.
#include <gtest/gtest.h>

#include <string>

#include "domain/action_update.hpp"
#include "domain/plan_rules.hpp"
#include "domain/text.hpp"

namespace csip::domain {
namespace {

TEST(Text, PlainWordsTabsAndLineBreaksAsABrowserSendsThemAreText) {
    EXPECT_FALSE(text_problem("Agreed at the board: caf\xC3\xA9, \xE2\x80\x94 \xF0\x9F\x98\x80"));
    EXPECT_FALSE(text_problem("first line\r\nsecond line\nthird\tcolumn"));
    EXPECT_FALSE(text_problem(""));
}

TEST(Text, BytesThatAreNotUtf8AreRefusedWithWhereTheyAre) {
    const auto problem = text_problem("note \xFF\xFE");
    ASSERT_TRUE(problem);
    EXPECT_NE(problem->find("not UTF-8 text at byte 6"), std::string::npos) << *problem;
    EXPECT_TRUE(text_problem("\xC0\xAF"));          // an overlong '/'
    EXPECT_TRUE(text_problem("\xED\xA0\x80"));      // a UTF-16 surrogate
    EXPECT_TRUE(text_problem("\xF4\x90\x80\x80"));  // past U+10FFFF
    EXPECT_TRUE(text_problem("\xE2\x80"));          // cut short
}

TEST(Text, NulEscapeAndOtherControlCharactersAreRefused) {
    EXPECT_TRUE(text_problem(std::string("a\0b", 3)));
    EXPECT_TRUE(text_problem("red \x1B[31m text"));
    EXPECT_TRUE(text_problem("a lone\rcarriage return"));
    EXPECT_TRUE(text_problem("delete\x7F"));
}

TEST(Text, StoredTextIsShownWithBadBytesReplacedAndControlsDropped) {
    EXPECT_EQ(displayable("note \xFF\xFE ok"), "note \xEF\xBF\xBD\xEF\xBF\xBD ok");
    EXPECT_EQ(displayable(std::string("a\0b\x1B", 4)), "ab");
    EXPECT_EQ(displayable("caf\xC3\xA9\r\n\tok"), "caf\xC3\xA9\r\n\tok");
}

TEST(Text, AStatusUpdateWithBytesThatAreNotTextIsRefusedNamingTheField) {
    Action action;
    action.id = "A1";
    action.lead = "Head of Service";
    action.status = ActionStatus::InProgress;
    action.due = *Date::parse_iso("2015-10-01");
    action.original_due = action.due;
    ActionUpdateRequest request;
    request.note = "bad \xFF\xFE";
    request.by = "lead";
    request.on = *Date::parse_iso("2015-09-15");
    auto refused = apply_update(action, request, "lead", "2015-09-15T09:00:00Z");
    ASSERT_FALSE(refused.has_value());
    EXPECT_EQ(refused.error().field, "note");
    request.note = std::string("a NUL\0here", 10);
    EXPECT_EQ(apply_update(action, request, "lead", "t").error().field, "note");
    request.note = "fine";
    request.due = *Date::parse_iso("2015-11-01");
    request.reason = "\x1B[2J";
    EXPECT_EQ(apply_update(action, request, "lead", "t").error().field, "reason");
}

TEST(Text, APlanWithTextThatIsNotTextIsRefusedAtItsPlace) {
    Plan plan;
    plan.authority = "Westbury";
    plan.title = "Improvement plan";
    plan.inspection.start = plan.inspection.end = plan.inspection.published =
        *Date::parse_iso("2015-03-01");
    Workstream workstream;
    workstream.id = "W1";
    workstream.title = "Front door \xFF";
    plan.workstreams.push_back(workstream);
    const auto violations = check_plan(plan);
    bool found = false;
    for (const auto& violation : violations) {
        if (violation.path == "workstreams[0].title") found = true;
    }
    EXPECT_TRUE(found);
}

}  // namespace
}  // namespace csip::domain
