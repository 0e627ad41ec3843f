#include "domain/plan_rules.hpp"

#include <gtest/gtest.h>

#include "plan_fixture.hpp"

namespace csip::domain {
namespace {

using fixture::small_plan;

std::vector<std::string> paths(const std::vector<RuleViolation>& violations) {
    std::vector<std::string> out;
    for (const auto& v : violations) out.push_back(v.path);
    return out;
}

TEST(PlanRules, AcceptsAConsistentPlan) { EXPECT_TRUE(check_plan(small_plan()).empty()); }

TEST(PlanRules, RefusesAnOverallGradeBetterThanALimitingJudgement) {
    auto plan = small_plan();
    plan.inspection.overall = Grade::RequiresImprovement;
    const auto violations = check_plan(plan);
    ASSERT_EQ(violations.size(), 1U);
    EXPECT_EQ(violations[0].path, "inspection.overall");
    EXPECT_NE(violations[0].message.find("Help and protection"), std::string::npos);
}

TEST(PlanRules, AllowsAnOverallGradeBetterThanANonLimitingJudgement) {
    auto plan = small_plan();
    plan.inspection.judgements[0].limiting = false;
    plan.inspection.overall = Grade::Good;
    EXPECT_TRUE(check_plan(plan).empty());
}

// 1900-01-01 and 9999-12-31 are slips or placeholders, not a plan's dates.
TEST(PlanRules, RefusesDatesOutsideTheYearsAPlanCoversSayingTheRange) {
    auto plan = small_plan();
    auto& actions = plan.workstreams[0].commitments[0].actions;
    actions[0].due = actions[0].original_due = fixture::d("1900-01-01");
    actions[1].due = fixture::d("9999-12-31");
    actions[2].original_due = fixture::d("1999-12-31");
    actions[3].updates.push_back(
        {fixture::d("2101-01-01"), "Lead", "Done.", ActionStatus::Complete, std::nullopt});
    plan.inspection.published = fixture::d("2200-05-18");
    const auto violations = check_plan(plan);
    EXPECT_EQ(paths(violations),
              (std::vector<std::string>{"inspection.published",
                                        "workstreams[0].commitments[0].actions[0].due",
                                        "workstreams[0].commitments[0].actions[1].due",
                                        "workstreams[0].commitments[0].actions[2].original_due",
                                        "workstreams[0].commitments[0].actions[3].updates[0].on"}));
    ASSERT_GE(violations.size(), 3U);
    EXPECT_EQ(violations[2].message,
              "the due date of action 'A2' is 9999-12-31, outside the years a plan covers "
              "(2000-01-01 to 2100-12-31)");
    EXPECT_EQ(violations[2].fix, "give a date between 2000-01-01 and 2100-12-31");
}

TEST(PlanRules, AcceptsTheFirstAndLastDaysAPlanMayHold) {
    auto plan = small_plan();
    plan.inspection.start = fixture::d("2000-01-01");
    auto& action = plan.workstreams[0].commitments[0].actions[0];
    action.due = action.original_due = fixture::d("2100-12-31");
    EXPECT_TRUE(check_plan(plan).empty());
}

TEST(PlanRules, RefusesDuplicateIds) {
    auto plan = small_plan();
    plan.recommendations[1].id = "R1";
    plan.workstreams[0].commitments[0].actions[1].id = "A1";
    EXPECT_EQ(paths(check_plan(plan)),
              (std::vector<std::string>{"recommendations[1].id",
                                        "workstreams[0].commitments[0].actions[1].id"}));
}

TEST(PlanRules, RefusesACommitmentNamingAnUnknownRecommendation) {
    auto plan = small_plan();
    plan.workstreams[0].commitments[0].recommendations.push_back("R9");
    const auto violations = check_plan(plan);
    ASSERT_EQ(violations.size(), 1U);
    EXPECT_EQ(violations[0].path, "workstreams[0].commitments[0].recommendations[1]");
    EXPECT_NE(violations[0].message.find("'R9'"), std::string::npos);
}

TEST(PlanRules, RefusesRagOnANotStartedAction) {
    auto plan = small_plan();
    plan.workstreams[0].commitments[0].actions[0].rag = Rag::Green;
    EXPECT_EQ(paths(check_plan(plan)),
              std::vector<std::string>{"workstreams[0].commitments[0].actions[0].rag"});
}

TEST(PlanRules, RefusesRagOnACompleteAction) {
    auto plan = small_plan();
    plan.workstreams[0].commitments[0].actions[3].rag = Rag::Green;
    EXPECT_EQ(paths(check_plan(plan)),
              std::vector<std::string>{"workstreams[0].commitments[0].actions[3].rag"});
}

TEST(PlanRules, RequiresRagOnAnInProgressAction) {
    auto plan = small_plan();
    plan.workstreams[0].commitments[0].actions[1].rag.reset();
    EXPECT_EQ(paths(check_plan(plan)),
              std::vector<std::string>{"workstreams[0].commitments[0].actions[1].rag"});
}

TEST(PlanRules, RefusesATargetOnAMeasureThatIsNotMeasured) {
    auto plan = small_plan();
    plan.workstreams[0].commitments[0].measures[0].kind = MeasureKind::Observed;
    EXPECT_EQ(paths(check_plan(plan)),
              std::vector<std::string>{"workstreams[0].commitments[0].measures[0].kind"});
}

TEST(PlanRules, RefusesAnInspectionThatEndsBeforeItStarts) {
    auto plan = small_plan();
    plan.inspection.end = fixture::d("2015-03-01");
    EXPECT_EQ(paths(check_plan(plan)), std::vector<std::string>{"inspection.end"});
}

}  // namespace
}  // namespace csip::domain
