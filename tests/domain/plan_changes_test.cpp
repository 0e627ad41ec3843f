#include "domain/plan_changes.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "domain/plan_edit.hpp"
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

// The small plan with a second commitment, C2, in the same workstream.
Plan plan_with_two_commitments() {
    Plan plan = fixture::small_plan();
    Commitment second{"C2", "Regular supervision", {"R2"}, {}, {}};
    second.measures.push_back(
        {"M2", MeasureKind::Observed, "Supervision audited", std::nullopt, std::nullopt});
    second.actions = {fixture::action("A5", ActionStatus::NotStarted, std::nullopt, "2016-02-01")};
    plan.workstreams[0].commitments.push_back(std::move(second));
    return plan;
}

TEST(PlanChanges, AnActionUnderAnotherCommitmentIsMovedWithBothCommitments) {
    const Plan before = plan_with_two_commitments();
    Plan after = before;
    auto& from = after.workstreams[0].commitments[0].actions;
    after.workstreams[0].commitments[1].actions.push_back(from[0]);  // A1 to C2
    from.erase(from.begin());
    const auto changes = compare_plans(before, after, {}, d("2015-06-15"), d("2015-09-15"));
    ASSERT_EQ(changes.moved.size(), 1u);
    EXPECT_EQ(changes.moved[0].action.id, "A1");
    EXPECT_EQ(changes.moved[0].from_commitment, "C1");
    EXPECT_EQ(changes.moved[0].from_text, "Timely assessments");
    EXPECT_EQ(changes.moved[0].to_commitment, "C2");
    EXPECT_EQ(changes.moved[0].to_text, "Regular supervision");
    EXPECT_TRUE(changes.added.empty());
    EXPECT_TRUE(changes.removed.empty());
    EXPECT_FALSE(changes.empty());
}

TEST(PlanChanges, ARetiredActionIsRetiredWithItsReasonAndNotRemoved) {
    const Plan before = fixture::small_plan();
    Plan after = before;
    action_of(after, "A2").retired = Retirement{d("2015-08-20"), "amy", "Merged into A3"};
    // A status change of a retired action is not news: it has left the plan.
    action_of(after, "A2").status = ActionStatus::Complete;
    action_of(after, "A2").rag.reset();
    const auto changes = compare_plans(before, after, {}, d("2015-06-15"), d("2015-09-15"));
    ASSERT_EQ(changes.retired.size(), 1u);
    EXPECT_EQ(changes.retired[0].action.id, "A2");
    EXPECT_EQ(changes.retired[0].reason, "Merged into A3");
    EXPECT_EQ(changes.retired[0].on, d("2015-08-20"));
    EXPECT_EQ(changes.retired[0].by, "amy");
    EXPECT_EQ(changes.retired[0].with, "");
    EXPECT_TRUE(changes.removed.empty());
    EXPECT_TRUE(changes.completed.empty());
    EXPECT_FALSE(changes.empty());

    // Told of once, it is not told again.
    EXPECT_TRUE(compare_plans(after, after, {}, d("2015-09-15"), d("2015-12-15")).empty());
}

TEST(PlanChanges, ActionsLeaveThePlanWithARetiredCommitmentOrWorkstream) {
    const Plan before = plan_with_two_commitments();
    Plan after = before;
    after.workstreams[0].commitments[1].retired =
        Retirement{d("2015-09-01"), "amy", "Covered by C1"};
    auto changes = compare_plans(before, after, {}, d("2015-06-15"), d("2015-09-15"));
    ASSERT_EQ(changes.retired.size(), 1u);
    EXPECT_EQ(changes.retired[0].action.id, "A5");
    EXPECT_EQ(changes.retired[0].with, "commitment C2");
    EXPECT_EQ(changes.retired[0].reason, "Covered by C1");

    after = before;
    after.workstreams[0].retired = Retirement{d("2015-09-01"), "amy", "Programme closed"};
    changes = compare_plans(before, after, {}, d("2015-06-15"), d("2015-09-15"));
    EXPECT_EQ(changes.retired.size(), 5u);
    EXPECT_EQ(changes.retired[0].with, "workstream W1");
}

TEST(PlanChanges, AnActionRestoredToThePlanIsAddedAndOneRetiredBeforeIsLeftOut) {
    Plan before = fixture::small_plan();
    action_of(before, "A1").retired = Retirement{d("2015-05-01"), "amy", "Not needed"};
    action_of(before, "A2").retired = Retirement{d("2015-05-01"), "amy", "Not needed"};
    Plan after = before;
    action_of(after, "A1").retired.reset();
    const auto changes = compare_plans(before, after, {}, d("2015-06-15"), d("2015-09-15"));
    EXPECT_EQ(ids(changes.added), std::vector<std::string>{"A1"});
    EXPECT_TRUE(changes.retired.empty());
    EXPECT_TRUE(changes.removed.empty());
}

TEST(PlanChanges, EvidenceRecordedInTheWindowIsListedWithItsMeasure) {
    const Plan plan = fixture::small_plan();
    const std::vector<AuditEntry> audit{
        {1, "2015-06-01T09:00:00Z", "amy", "evidence", "", "created", std::nullopt,
         "M1: Before the window", std::nullopt},
        {2, "2015-08-20T09:00:00Z", "amy", "evidence", "", "created", std::nullopt,
         "M1: Audit of 40 assessments: 85% on time (file audit, August.pdf)", std::nullopt},
        {3, "2015-09-10T16:30:00Z", "bob", "evidence", "", "created", std::nullopt,
         "M1: Practice week findings (good)", std::nullopt},
        {4, "2015-09-16T09:00:00Z", "amy", "evidence", "", "created", std::nullopt,
         "M1: After the report's date", std::nullopt},
    };
    const auto changes = compare_plans(plan, plan, audit, d("2015-06-15"), d("2015-09-15"));
    ASSERT_EQ(changes.evidence_added.size(), 2u);
    const auto& first = changes.evidence_added[0];
    EXPECT_EQ(first.measure, "M1");
    EXPECT_EQ(first.measure_text, "Assessments on time");
    EXPECT_EQ(first.text, "Audit of 40 assessments: 85% on time");
    EXPECT_EQ(first.file, "audit, August.pdf");
    EXPECT_EQ(first.by, "amy");
    EXPECT_EQ(first.on, d("2015-08-20"));
    EXPECT_EQ(changes.evidence_added[1].text, "Practice week findings (good)");
    EXPECT_EQ(changes.evidence_added[1].file, "");
    EXPECT_FALSE(changes.empty());
}

TEST(PlanChanges, EachKindOfChangeIsFoundInOneComparison) {
    const Plan before = plan_with_two_commitments();
    Plan after = before;
    auto& c1 = after.workstreams[0].commitments[0].actions;
    after.workstreams[0].commitments[1].actions.push_back(c1[0]);  // A1 moved to C2
    c1.erase(c1.begin());
    action_of(after, "A3").due = d("2015-12-01");                                        // slipped
    action_of(after, "A2").retired = Retirement{d("2015-09-01"), "amy", "Merged into A3"};  // retired
    c1.push_back(fixture::action("A9", ActionStatus::NotStarted, std::nullopt, "2016-01-01"));
    const std::vector<AuditEntry> audit{{1, "2015-09-02T09:00:00Z", "amy", "evidence", "",
                                         "created", std::nullopt, "M2: Supervision audit",
                                         std::nullopt}};
    const auto changes = compare_plans(before, after, audit, d("2015-06-15"), d("2015-09-15"));
    EXPECT_EQ(ids(changes.added), std::vector<std::string>{"A9"});
    ASSERT_EQ(changes.moved.size(), 1u);
    EXPECT_EQ(changes.moved[0].action.id, "A1");
    ASSERT_EQ(changes.slipped.size(), 1u);
    EXPECT_EQ(changes.slipped[0].action.id, "A3");
    ASSERT_EQ(changes.retired.size(), 1u);
    EXPECT_EQ(changes.retired[0].action.id, "A2");
    ASSERT_EQ(changes.evidence_added.size(), 1u);
    EXPECT_EQ(changes.evidence_added[0].measure_text, "Supervision audited");
    EXPECT_TRUE(changes.removed.empty());
}

TEST(PlanAsAt, PutsBackInThePlanWhatWasRetiredAfterTheDate) {
    Plan now = plan_with_two_commitments();
    action_of(now, "A1").retired = Retirement{d("2015-09-01"), "amy", "Merged into A3"};
    action_of(now, "A2").retired = Retirement{d("2015-07-01"), "amy", "Not needed"};
    now.recommendations[1].retired = Retirement{d("2015-09-01"), "amy", "Withdrawn"};
    now.workstreams[0].commitments[1].retired = Retirement{d("2015-09-01"), "amy", "Covered"};
    now.workstreams[0].commitments[0].measures[0].retired =
        Retirement{d("2015-09-01"), "amy", "Replaced"};
    const Plan then = plan_as_at(now, {}, d("2015-08-15"));
    EXPECT_FALSE(then.find_action("A1")->retired);
    ASSERT_TRUE(then.find_action("A2")->retired);  // retired before the date
    EXPECT_EQ(then.find_action("A2")->retired->reason, "Not needed");
    EXPECT_FALSE(then.recommendations[1].retired);
    EXPECT_FALSE(then.workstreams[0].commitments[1].retired);
    EXPECT_FALSE(then.workstreams[0].commitments[0].measures[0].retired);

    const auto changes = compare_plans(then, now, {}, d("2015-08-15"), d("2015-09-15"));
    std::vector<std::string> retired;
    for (const auto& item : changes.retired) retired.push_back(item.action.id);
    EXPECT_EQ(retired, (std::vector<std::string>{"A1", "A5"}));
    EXPECT_TRUE(changes.removed.empty());
}

TEST(PlanAsAt, TakesARetirementChangedAfterTheDateFromTheAuditTrail) {
    Plan now = fixture::small_plan();
    // A1 was retired on 1 July and restored on 1 September; A2 retired again on 1 September
    // after an earlier retirement was lifted on 20 August.
    action_of(now, "A2").retired = Retirement{d("2015-09-01"), "amy", "Duplicate"};
    const std::vector<AuditEntry> audit{
        {1, "2015-07-01T09:00:00Z", "amy", "action", "A1", "retired", std::nullopt,
         "2015-07-01 by amy: On hold", std::string("On hold")},
        {2, "2015-09-01T09:00:00Z", "amy", "action", "A1", "retired",
         "2015-07-01 by amy: On hold", std::nullopt, std::string("Back on")},
        {3, "2015-08-20T09:00:00Z", "amy", "action", "A2", "retired",
         "2015-06-01 by bob: Paused", std::nullopt, std::string("Resumed")},
        {4, "2015-09-01T09:00:00Z", "amy", "action", "A2", "retired", std::nullopt,
         "2015-09-01 by amy: Duplicate", std::string("Duplicate")},
    };
    const Plan then = plan_as_at(now, audit, d("2015-08-15"));
    ASSERT_TRUE(then.find_action("A1")->retired);
    EXPECT_EQ(then.find_action("A1")->retired->reason, "On hold");
    EXPECT_EQ(then.find_action("A1")->retired->on, d("2015-07-01"));
    ASSERT_TRUE(then.find_action("A2")->retired);
    EXPECT_EQ(then.find_action("A2")->retired->by, "bob");
    EXPECT_EQ(then.find_action("A2")->retired->reason, "Paused");
}

TEST(PlanAsAt, PutsBackAnActionMovedAfterTheDate) {
    Plan now = plan_with_two_commitments();
    auto& c1 = now.workstreams[0].commitments[0].actions;
    now.workstreams[0].commitments[1].actions.push_back(c1[0]);  // A1 now under C2
    c1.erase(c1.begin());
    const std::vector<AuditEntry> audit{{1, "2015-09-01T09:00:00Z", "amy", "action", "A1",
                                         "commitment", "C1", "C2", std::nullopt}};
    const Plan then = plan_as_at(now, audit, d("2015-08-15"));
    const auto& c1_then = then.workstreams[0].commitments[0].actions;
    EXPECT_TRUE(std::any_of(c1_then.begin(), c1_then.end(),
                            [](const Action& a) { return a.id == "A1"; }));
    EXPECT_EQ(then.workstreams[0].commitments[1].actions.size(), 1u);

    const auto changes = compare_plans(then, now, audit, d("2015-08-15"), d("2015-09-15"));
    ASSERT_EQ(changes.moved.size(), 1u);
    EXPECT_EQ(changes.moved[0].from_commitment, "C1");
    EXPECT_EQ(changes.moved[0].to_commitment, "C2");
}

// The trail that plan_edit writes is the one plan_as_at reads: a retirement and a move made
// through the editing functions after the date are undone, and compare_plans lists them.
TEST(PlanAsAt, ReadsTheTrailThatEditingThePlanWrites) {
    const Plan start = plan_with_two_commitments();
    const EditBy by{"amy", "2015-09-01T10:00:00Z", d("2015-09-01"), {}};
    std::vector<AuditEntry> audit;
    auto retired = retire(start, PlanItem::Action, "A2", 1, "Merged into A3", by);
    ASSERT_TRUE(retired) << retired.error().message;
    audit.insert(audit.end(), retired->audit.begin(), retired->audit.end());
    ActionFields move;
    move.commitment = "C2";
    auto moved = change_action(retired->plan, "A1", 1, move, by);
    ASSERT_TRUE(moved) << moved.error().message;
    audit.insert(audit.end(), moved->audit.begin(), moved->audit.end());
    const Plan& now = moved->plan;

    const Plan then = plan_as_at(now, audit, d("2015-08-15"));
    EXPECT_FALSE(then.find_action("A2")->retired);
    const auto changes = compare_plans(then, now, audit, d("2015-08-15"), d("2015-09-15"));
    ASSERT_EQ(changes.retired.size(), 1u);
    EXPECT_EQ(changes.retired[0].action.id, "A2");
    EXPECT_EQ(changes.retired[0].reason, "Merged into A3");
    ASSERT_EQ(changes.moved.size(), 1u);
    EXPECT_EQ(changes.moved[0].action.id, "A1");
    EXPECT_EQ(changes.moved[0].from_commitment, "C1");
    EXPECT_EQ(changes.moved[0].to_commitment, "C2");
    EXPECT_TRUE(changes.removed.empty());
    EXPECT_TRUE(changes.added.empty());
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
