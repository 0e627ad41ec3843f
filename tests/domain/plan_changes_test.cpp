#include "domain/plan_changes.hpp"

#include <gtest/gtest.h>

#include "plan_fixture.hpp"

namespace csip::domain {
namespace {

using fixture::d;

Action& action_of(Plan& plan, const char* id) { return *plan.find_action(id); }

std::vector<std::string> ids(const std::vector<ChangedAction>& actions) {
    std::vector<std::string> out;
    for (const auto& action : actions) out.push_back(action.id);
    return out;
}

IndicatorResult indicator(const char* key, double percent, std::optional<Rag> rag) {
    IndicatorResult result;
    result.key = key;
    result.title = key;
    result.period.percent = percent;
    result.target = Target{85.0, 5.0};
    result.rag = rag;
    return result;
}

TEST(PlanChanges, ListsCompletedStartedAndRagChangesWithTheirWorkstream) {
    const Plan before = fixture::small_plan();
    Plan after = before;
    action_of(after, "A1").status = ActionStatus::InProgress;
    action_of(after, "A1").rag = Rag::Green;
    action_of(after, "A2").rag = Rag::Amber;
    action_of(after, "A3").status = ActionStatus::Complete;
    action_of(after, "A3").rag.reset();

    const auto changes = compare_plans(before, after, {}, d("2015-06-15"), d("2015-09-15"));
    EXPECT_EQ(ids(changes.started), std::vector<std::string>{"A1"});
    EXPECT_EQ(ids(changes.completed), std::vector<std::string>{"A3"});
    ASSERT_EQ(changes.rag_changes.size(), 1u);
    EXPECT_EQ(changes.rag_changes[0].action.id, "A2");
    EXPECT_EQ(changes.rag_changes[0].from, Rag::Red);
    EXPECT_EQ(changes.rag_changes[0].to, Rag::Amber);
    EXPECT_EQ(changes.started[0].workstream, "Practice");
    EXPECT_TRUE(changes.slipped.empty());
    EXPECT_TRUE(changes.added.empty());
}

TEST(PlanChanges, ASlipCarriesTheReasonRecordedInTheWindow) {
    const Plan before = fixture::small_plan();
    Plan after = before;
    action_of(after, "A3").due = d("2015-12-01");
    const std::vector<AuditEntry> audit{
        {1, "2015-05-01T09:00:00Z", "amy", "action", "A3", "due", "2015-09-01", "2015-10-01",
         std::string("an older move, before the window")},
        {2, "2015-08-20T09:00:00Z", "amy", "action", "A3", "due", "2015-10-01", "2015-12-01",
         std::string("waiting for the police protocol")},
    };
    const auto changes = compare_plans(before, after, audit, d("2015-06-15"), d("2015-09-15"));
    ASSERT_EQ(changes.slipped.size(), 1u);
    EXPECT_EQ(changes.slipped[0].from, d("2015-10-01"));
    EXPECT_EQ(changes.slipped[0].to, d("2015-12-01"));
    EXPECT_EQ(changes.slipped[0].reason, "waiting for the police protocol");
}

TEST(PlanChanges, ASlipWithoutAnAuditReasonTakesTheLatestStatusUpdate) {
    const Plan before = fixture::small_plan();
    Plan after = before;
    action_of(after, "A3").due = d("2015-12-01");
    action_of(after, "A3").updates.push_back(
        {d("2015-09-01"), "amy", "Moved to December: the trainer is ill.", std::nullopt, std::nullopt});
    const auto changes = compare_plans(before, after, {}, d("2015-06-15"), d("2015-09-15"));
    ASSERT_EQ(changes.slipped.size(), 1u);
    EXPECT_EQ(changes.slipped[0].reason, "Moved to December: the trainer is ill.");
}

TEST(PlanChanges, NewAndRemovedActionsAreListed) {
    const Plan before = fixture::small_plan();
    Plan after = before;
    auto& actions = after.workstreams[0].commitments[0].actions;
    actions.erase(actions.begin());  // A1
    actions.push_back(fixture::action("A9", ActionStatus::NotStarted, std::nullopt, "2016-01-01"));
    const auto changes = compare_plans(before, after, {}, d("2015-06-15"), d("2015-09-15"));
    EXPECT_EQ(ids(changes.added), std::vector<std::string>{"A9"});
    EXPECT_EQ(ids(changes.removed), std::vector<std::string>{"A1"});
}

TEST(PlanChanges, IndicatorsThatCrossTheirTargetEitherWay) {
    const Plan plan = fixture::small_plan();
    const std::vector<IndicatorResult> then{indicator("up", 71.0, Rag::Red),
                                            indicator("down", 90.0, Rag::Green),
                                            indicator("still_red", 60.0, Rag::Red)};
    const std::vector<IndicatorResult> now{indicator("up", 86.0, Rag::Green),
                                           indicator("down", 82.0, Rag::Amber),
                                           indicator("still_red", 70.0, Rag::Red),
                                           indicator("new_red", 40.0, Rag::Red)};
    const auto changes =
        compare_plans(plan, plan, {}, d("2015-06-15"), d("2015-09-15"), then, now);
    ASSERT_EQ(changes.indicators_crossed.size(), 2u);
    EXPECT_EQ(changes.indicators_crossed[0].key, "up");
    EXPECT_TRUE(changes.indicators_crossed[0].now_met);
    EXPECT_EQ(changes.indicators_crossed[0].from, 71.0);
    EXPECT_EQ(changes.indicators_crossed[1].key, "down");
    EXPECT_FALSE(changes.indicators_crossed[1].now_met);
    EXPECT_TRUE(compare_plans(plan, plan, {}, d("2015-06-15"), d("2015-09-15")).empty());
}

TEST(PlanAsAt, TakesEachActionsStateFromItsUpdatesUpToTheDate) {
    Plan now = fixture::small_plan();
    Action& a3 = action_of(now, "A3");  // in progress, amber now
    a3.updates = {{d("2015-07-01"), "amy", "Started.", ActionStatus::InProgress, Rag::Green},
                  {d("2015-08-01"), "amy", "Slower.", std::nullopt, Rag::Amber}};
    Action& a4 = action_of(now, "A4");  // complete now
    a4.updates = {{d("2015-08-10"), "amy", "Done.", ActionStatus::Complete, std::nullopt}};

    const Plan then = plan_as_at(now, {}, d("2015-07-15"));
    EXPECT_EQ(then.find_action("A3")->status, ActionStatus::InProgress);
    EXPECT_EQ(then.find_action("A3")->rag, Rag::Green);
    EXPECT_EQ(then.find_action("A3")->updates.size(), 1u);
    EXPECT_EQ(then.find_action("A4")->status, ActionStatus::NotStarted);
    // An action with no updates at all is taken as it stands.
    EXPECT_EQ(then.find_action("A2")->rag, Rag::Red);

    const auto changes = compare_plans(then, now, {}, d("2015-07-15"), d("2015-09-15"));
    EXPECT_EQ(ids(changes.completed), std::vector<std::string>{"A4"});
    ASSERT_EQ(changes.rag_changes.size(), 1u);
    EXPECT_EQ(changes.rag_changes[0].action.id, "A3");
}

TEST(PlanAsAt, PutsBackTargetDatesMovedLaterAndLeavesOutActionsCreatedLater) {
    Plan now = fixture::small_plan();
    action_of(now, "A3").due = d("2015-12-01");  // baseline 2015-10-01
    action_of(now, "A2").due = d("2015-11-01");  // baseline 2015-08-01, moved before the date
    now.workstreams[0].commitments[0].actions.push_back(
        fixture::action("A9", ActionStatus::NotStarted, std::nullopt, "2016-01-01"));
    const std::vector<AuditEntry> audit{
        {1, "2015-09-01T10:00:00Z", "amy", "action", "A9", "created", std::nullopt, "Do A9",
         std::nullopt}};
    const Plan then = plan_as_at(now, audit, d("2015-08-15"));
    EXPECT_EQ(then.find_action("A3")->due, d("2015-10-01"));
    EXPECT_EQ(then.find_action("A2")->due, d("2015-11-01"));
    EXPECT_EQ(then.find_action("A9"), nullptr);
}

}  // namespace
}  // namespace csip::domain
