#include "domain/plan_summary.hpp"

#include <gtest/gtest.h>

#include "plan_fixture.hpp"

namespace csip::domain {
namespace {

using fixture::d;

TEST(PlanSummary, CountsActionsByStateOverdueAndRescheduled) {
    auto plan = fixture::small_plan();
    plan.workstreams[0].commitments[0].actions[2].due = d("2015-11-01");  // A3 rescheduled
    const auto summary = summarise(plan, d("2015-09-15"));
    const auto& counts = summary.actions;
    EXPECT_EQ(counts.total, 4);
    EXPECT_EQ(counts.not_started, 1);
    EXPECT_EQ(counts.red, 1);
    EXPECT_EQ(counts.amber, 1);
    EXPECT_EQ(counts.green, 0);
    EXPECT_EQ(counts.complete, 1);
    EXPECT_EQ(counts.overdue, 1);  // A2, due 1 August; A4 is complete
    EXPECT_EQ(counts.rescheduled, 1);
    ASSERT_EQ(summary.workstreams.size(), 1U);
    EXPECT_EQ(summary.workstreams[0].actions.total, 4);
}

TEST(PlanSummary, AnActionDueOnTheAsOfDateIsNotYetOverdue) {
    const auto plan = fixture::small_plan();
    EXPECT_EQ(summarise(plan, d("2015-08-01")).actions.overdue, 0);
    EXPECT_EQ(summarise(plan, d("2015-08-02")).actions.overdue, 1);
}

TEST(Coverage, ARecommendationWithoutActionsIsNotCovered) {
    const auto rows = coverage(fixture::small_plan(), d("2015-09-15"));
    ASSERT_EQ(rows.size(), 2U);
    EXPECT_EQ(rows[0].id, "R1");
    EXPECT_EQ(rows[0].commitments, std::vector<std::string>{"C1"});
    EXPECT_EQ(rows[0].actions, 4);
    EXPECT_TRUE(rows[0].covered);
    EXPECT_FALSE(rows[0].at_risk);
    EXPECT_EQ(rows[1].id, "R2");
    EXPECT_FALSE(rows[1].covered);
    EXPECT_EQ(rows[1].actions, 0);
}

TEST(Coverage, FlagsARecommendationWhoseActionsAreAllRedOrOverdue) {
    auto plan = fixture::small_plan();
    auto& actions = plan.workstreams[0].commitments[0].actions;
    actions.erase(actions.begin());            // drop the not-started A1
    actions[1].rag = Rag::Red;                 // A3 red
    actions[2].due = d("2015-06-01");          // A4 complete on time: not at risk
    EXPECT_FALSE(coverage(plan, d("2015-09-15"))[0].at_risk);
    actions.pop_back();
    EXPECT_TRUE(coverage(plan, d("2015-09-15"))[0].at_risk);
}

}  // namespace
}  // namespace csip::domain
