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

TEST(Text, ForATerminalEveryControlCharacterAndBadByteIsShownAsAnEscape) {
    // An escape sequence that would clear the screen and one that would retitle the window.
    EXPECT_EQ(escape_controls("a\x1B[2J b\x1B]0;owned\x07", true), "a\\x1b[2J b\\x1b]0;owned\\x07");
    // U+009B is a terminal's CSI written as UTF-8; U+00A0 (no-break space) is text.
    EXPECT_EQ(escape_controls("\xC2\x9B" "31m \xC2\xA0" "caf\xC3\xA9", true), "\\u009b31m \xC2\xA0" "caf\xC3\xA9");
    EXPECT_EQ(escape_controls("not \xFF\xFE text", true), "not \\xff\\xfe text");
    EXPECT_EQ(escape_controls(std::string("nul\0.", 5), true), "nul\\x00.");
    // Layout is kept for a terminal, and shown when a value is quoted on one line.
    EXPECT_EQ(escape_controls("one\ttwo\r\nthree\n", true), "one\ttwo\r\nthree\n");
    EXPECT_EQ(escape_controls("one\ttwo\r\nthree\rfour", false), "one\\ttwo\\r\\nthree\\rfour");
    EXPECT_EQ(escape_controls("lone\rreturn", true), "lone\\rreturn");
}

TEST(Text, CheckTextNamesTheFieldAndSaysWhatToDo) {
    EXPECT_TRUE(check_text("Service Manager, Safeguarding", "officer", "officer title"));
    const auto refused = check_text("Head \xFF", "officer", "officer title");
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().kind, ErrorKind::InvalidInput);
    EXPECT_EQ(refused.error().field, "officer");
    EXPECT_EQ(refused.error().message,
              "the officer title is not UTF-8 text at byte 6: type it again as plain text");
    EXPECT_EQ(check_text("a\x1B", "name", "body's name").error().message,
              "the body's name holds a control character at byte 2, which is no part of text: type "
              "it again as plain text");
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

// An amber action in progress, due 1 October 2015, and a lead's update of it on 15 September
// 2015 that moves its due date to `due` for `reason`.
struct Rescheduling {
    Action action;
    ActionUpdateRequest request;
};

Rescheduling rescheduling(const char* due, const char* reason) {
    Rescheduling made;
    made.action.id = "A1";
    made.action.status = ActionStatus::InProgress;
    made.action.rag = Rag::Amber;
    made.action.due = made.action.original_due = *Date::parse_iso("2015-10-01");
    made.request.note = "moved";
    made.request.by = "lead";
    made.request.on = *Date::parse_iso("2015-09-15");
    made.request.reason = reason;
    made.request.due = *Date::parse_iso(due);
    return made;
}

TEST(ActionUpdateDates, ANewTargetDateOrAnUpdateDateOutsideThePlansYearsIsRefused) {
    auto [action, request] = rescheduling("9999-12-31", "typed in a hurry");
    auto refused = apply_update(action, request, "lead", "t");
    ASSERT_FALSE(refused.has_value());
    EXPECT_EQ(refused.error().field, "due");
    EXPECT_EQ(refused.error().message,
              "the new due date is 9999-12-31, outside the years a plan covers (2000-01-01 to "
              "2100-12-31): give a date between 2000-01-01 and 2100-12-31");
    request.due = *Date::parse_iso("2100-12-31");
    const auto accepted = apply_update(action, request, "lead", "t");
    EXPECT_TRUE(accepted.has_value()) << accepted.error().message;
    request.due.reset();
    request.reason.clear();
    request.on = *Date::parse_iso("1900-01-01");
    EXPECT_EQ(apply_update(action, request, "lead", "t").error().field, "on");
}

// A due date moved before the update's own date makes the action overdue at once: only when
// confirmed, from whichever front end.
TEST(ActionUpdateDates, ANewDueDateBeforeTheUpdatesDateNeedsConfirming) {
    auto [action, request] = rescheduling("2015-09-14", "the date was typed wrongly");
    auto refused = apply_update(action, request, "lead", "t");
    ASSERT_FALSE(refused.has_value());
    EXPECT_EQ(refused.error().kind, ErrorKind::Conflict);
    EXPECT_EQ(refused.error().field, "confirm_past");
    EXPECT_NE(refused.error().message.find("would show as overdue at once"), std::string::npos);
    request.confirm_past_due = true;
    const auto confirmed = apply_update(action, request, "lead", "t");
    ASSERT_TRUE(confirmed.has_value()) << confirmed.error().message;
    EXPECT_TRUE(confirmed->action.overdue(request.on));
    // The update's own day is not the past.
    request.confirm_past_due = false;
    request.due = request.on;
    EXPECT_TRUE(apply_update(action, request, "lead", "t").has_value());
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
