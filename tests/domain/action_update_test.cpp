#include "domain/action_update.hpp"

#include <gtest/gtest.h>

#include "plan_fixture.hpp"

namespace csip::domain {
namespace {

using fixture::d;

ActionUpdateRequest note(const char* text) {
    ActionUpdateRequest request;
    request.note = text;
    request.by = "Service Manager";
    request.on = d("2015-09-01");
    return request;
}

const Action& action(const Plan& plan, std::string_view id) { return *plan.find_action(id); }

TEST(ActionUpdate, AppendsADatedStatusUpdate) {
    const auto plan = fixture::small_plan();
    auto request = note("Audit booked");
    request.rag = Rag::Green;
    const auto change = apply_update(action(plan, "A3"), request, "lead1", "2015-09-01T10:00:00Z");
    ASSERT_TRUE(change) << change.error().message;
    EXPECT_EQ(change->action.rag, Rag::Green);
    ASSERT_EQ(change->action.updates.size(), 1U);
    EXPECT_EQ(change->action.updates[0].text, "Audit booked");
    EXPECT_EQ(change->action.updates[0].on, d("2015-09-01"));
    EXPECT_EQ(change->action.updates[0].rag, Rag::Green);
    ASSERT_EQ(change->audit.size(), 2U);
    EXPECT_EQ(change->audit[0].field, "rag");
    EXPECT_EQ(change->audit[0].old_value, "amber");
    EXPECT_EQ(change->audit[0].new_value, "green");
    EXPECT_EQ(change->audit[0].actor, "lead1");
    EXPECT_EQ(change->audit[1].field, "status_update");
}

TEST(ActionUpdate, CompletingClearsTheRag) {
    const auto plan = fixture::small_plan();
    auto request = note("Done");
    request.status = ActionStatus::Complete;
    const auto change = apply_update(action(plan, "A3"), request, "lead1", "t");
    ASSERT_TRUE(change);
    EXPECT_EQ(change->action.status, ActionStatus::Complete);
    EXPECT_FALSE(change->action.rag);
}

TEST(ActionUpdate, RefusesRagOnANotStartedAction) {
    const auto plan = fixture::small_plan();
    auto request = note("Planning");
    request.rag = Rag::Amber;
    const auto change = apply_update(action(plan, "A1"), request, "lead1", "t");
    ASSERT_FALSE(change);
    EXPECT_EQ(change.error().kind, ErrorKind::Conflict);
    EXPECT_EQ(change.error().field, "rag");
}

TEST(ActionUpdate, RefusesStartingAnActionWithoutARag) {
    const auto plan = fixture::small_plan();
    auto request = note("Started");
    request.status = ActionStatus::InProgress;
    const auto change = apply_update(action(plan, "A1"), request, "lead1", "t");
    ASSERT_FALSE(change);
    EXPECT_EQ(change.error().kind, ErrorKind::Conflict);
}

TEST(ActionUpdate, RefusesRagOnACompletedAction) {
    const auto plan = fixture::small_plan();
    auto request = note("Done");
    request.status = ActionStatus::Complete;
    request.rag = Rag::Green;
    EXPECT_FALSE(apply_update(action(plan, "A3"), request, "lead1", "t"));
}

TEST(ActionUpdate, ReschedulingKeepsTheBaselineAndNeedsAReason) {
    const auto plan = fixture::small_plan();
    auto request = note("Slipped");
    request.due = d("2016-01-31");
    const auto refused = apply_update(action(plan, "A3"), request, "lead1", "t");
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().field, "reason");

    request.reason = "Awaiting the new case management system";
    const auto change = apply_update(action(plan, "A3"), request, "lead1", "t");
    ASSERT_TRUE(change);
    EXPECT_EQ(change->action.due, d("2016-01-31"));
    EXPECT_EQ(change->action.original_due, d("2015-10-01"));
    EXPECT_TRUE(change->action.rescheduled());
    EXPECT_EQ(change->audit[0].field, "due");
    EXPECT_EQ(change->audit[0].reason, "Awaiting the new case management system");
}

TEST(ActionUpdate, RefusesAnUpdateWithoutANote) {
    const auto plan = fixture::small_plan();
    const auto change = apply_update(action(plan, "A3"), note(""), "lead1", "t");
    ASSERT_FALSE(change);
    EXPECT_EQ(change.error().field, "note");
}

}  // namespace
}  // namespace csip::domain
