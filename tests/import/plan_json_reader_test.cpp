#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "../support/temp_dir.hpp"
#include "import/plan_reader.hpp"

namespace csip::import {
namespace {

namespace fs = std::filesystem;
using domain::ActionStatus;
using domain::Date;
using domain::Rag;

const fs::path kPlans = CSIP_PLANS_DIR;

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        if (!line.empty()) lines.push_back(line);
    }
    return lines;
}

std::vector<std::string> messages(const PlanReadResult& result) {
    std::vector<std::string> out;
    for (const auto& problem : result.problems) out.push_back(to_string(problem));
    return out;
}

Date d(const char* iso) { return *Date::parse_iso(iso); }

// A folder of bad files, each beside a `.expected` file that holds every message the reader
// must give for it, in order: adding a case adds two files.
std::vector<std::string> bad_json_cases() {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(kPlans / "bad-json")) {
        if (entry.path().extension() == ".json") names.push_back(entry.path().stem().string());
    }
    std::sort(names.begin(), names.end());
    return names;
}

class BadJsonPlan : public ::testing::TestWithParam<std::string> {};

TEST_P(BadJsonPlan, IsRefusedWithEveryProblemPlacedAndExplained) {
    const auto file = GetParam() + ".json";
    const auto result = read_plan_json(testing::read_file(kPlans / "bad-json" / file), file);
    EXPECT_FALSE(result.plan.has_value());
    EXPECT_EQ(messages(result),
              lines_of(testing::read_file(kPlans / "bad-json" / (GetParam() + ".expected"))));
    for (const auto& problem : result.problems) {
        EXPECT_EQ(problem.file, file);
        EXPECT_GT(problem.line, 0U) << problem.message;
        EXPECT_GT(problem.column, 0U) << problem.message;
        EXPECT_FALSE(problem.message.empty());
        EXPECT_FALSE(problem.fix.empty()) << problem.message;
    }
}

INSTANTIATE_TEST_SUITE_P(Folder, BadJsonPlan, ::testing::ValuesIn(bad_json_cases()),
                         [](const auto& case_info) {
                             std::string name = case_info.param;
                             std::replace(name.begin(), name.end(), '-', '_');
                             return name;
                         });

TEST(BadJsonPlanFolder, HoldsTheCasesThatMatter) {
    const auto cases = bad_json_cases();
    for (const char* name :
         {"missing-comma", "text-is-a-number", "limiting-is-text", "impossible-date",
          "duplicate-action-id", "duplicate-recommendation-id", "unknown-recommendation",
          "rag-on-not-started", "rag-on-complete", "unknown-grade", "unknown-status",
          "overall-better-than-limiting", "wrong-format", "unknown-key", "implausible-dates",
          "bad-retirement", "bad-version"}) {
        EXPECT_NE(std::find(cases.begin(), cases.end(), name), cases.end()) << name;
    }
}

TEST(ReadPlanJson, ReadsEveryPartOfAPlan) {
    const auto result =
        read_plan_json(testing::read_file(kPlans / "valid" / "canonical.json"), "canonical.json");
    ASSERT_TRUE(result.problems.empty()) << to_string(result.problems.front());
    ASSERT_TRUE(result.plan);
    const auto& plan = *result.plan;
    EXPECT_EQ(plan.authority, "West Berkshire");
    EXPECT_EQ(plan.title, "Children’s Services Improvement Plan");
    EXPECT_EQ(plan.inspection.framework, "SIF");
    EXPECT_EQ(plan.inspection.published, d("2015-05-18"));
    ASSERT_EQ(plan.inspection.judgements.size(), 3U);
    EXPECT_TRUE(plan.inspection.judgements[0].limiting);
    EXPECT_EQ(plan.inspection.judgements[1].grade, domain::Grade::RequiresImprovement);
    EXPECT_EQ(plan.inspection.overall, domain::Grade::Inadequate);
    ASSERT_EQ(plan.recommendations.size(), 4U);
    EXPECT_EQ(plan.recommendations[1].category, domain::RecommendationCategory::Priority);
    EXPECT_EQ(plan.recommendations[2].category, domain::RecommendationCategory::Improvement);

    ASSERT_EQ(plan.workstreams.size(), 3U);
    const auto& commitment = plan.workstreams[0].commitments[0];
    EXPECT_EQ(commitment.recommendations, (std::vector<std::string>{"R1", "R2"}));
    ASSERT_EQ(commitment.measures.size(), 3U);
    EXPECT_EQ(commitment.measures[1].kind, domain::MeasureKind::Measured);
    EXPECT_EQ(commitment.measures[1].indicator, "cp_reports_shared_on_time");
    EXPECT_EQ(commitment.measures[1].target, 66.7);
    EXPECT_EQ(commitment.measures[2].kind, domain::MeasureKind::Observed);
    EXPECT_FALSE(commitment.measures[2].indicator);
    EXPECT_FALSE(commitment.measures[2].target);

    const auto* rescheduled = plan.find_action("A2.2");
    ASSERT_NE(rescheduled, nullptr);
    EXPECT_EQ(rescheduled->due, d("2015-12-31"));
    EXPECT_EQ(rescheduled->original_due, d("2015-10-31"));
    EXPECT_EQ(rescheduled->status, ActionStatus::InProgress);
    EXPECT_EQ(rescheduled->rag, Rag::Red);
    ASSERT_EQ(rescheduled->updates.size(), 2U);
    EXPECT_EQ(rescheduled->updates[1].on, d("2015-09-04"));
    EXPECT_EQ(rescheduled->updates[1].rag, Rag::Red);
    EXPECT_NE(rescheduled->updates[1].text.find("\"not yet good enough\""), std::string::npos);

    const auto* not_started = plan.find_action("A2.3");
    ASSERT_NE(not_started, nullptr);
    EXPECT_EQ(not_started->original_due, not_started->due);  // no original_due: not rescheduled
    EXPECT_FALSE(not_started->rag);

    const auto* update_without_status = plan.find_action("A3.1");
    ASSERT_NE(update_without_status, nullptr);
    ASSERT_EQ(update_without_status->updates.size(), 1U);
    EXPECT_FALSE(update_without_status->updates[0].status);
    EXPECT_FALSE(update_without_status->updates[0].rag);
}

TEST(ReadPlanJson, TakesKeysInAnyOrderAndLeftOutOptionalKeysAsTheirDefaults) {
    const auto result = read_plan_json(
        testing::read_file(kPlans / "valid" / "written-elsewhere.json"), "written-elsewhere.json");
    ASSERT_TRUE(result.problems.empty()) << to_string(result.problems.front());
    ASSERT_TRUE(result.plan);
    const auto& plan = *result.plan;
    EXPECT_EQ(plan.title, "Children’s Services Improvement Plan");  // written as \u2019
    const auto* not_started = plan.find_action("A2.3");
    ASSERT_NE(not_started, nullptr);
    EXPECT_TRUE(not_started->updates.empty());  // no "updates" key
    EXPECT_FALSE(not_started->rescheduled());   // original_due given, equal to due
    const auto* update_without_status = plan.find_action("A3.1");
    ASSERT_NE(update_without_status, nullptr);
    EXPECT_FALSE(update_without_status->updates.at(0).status);         // no "status" key
    EXPECT_TRUE(plan.workstreams[0].commitments[1].measures.empty());  // no "measures" key
    EXPECT_EQ(plan.workstreams[0].commitments[0].measures[0].target, 85.0);
    EXPECT_FALSE(plan.workstreams[0].commitments[0].measures[2].indicator);  // null
}

// A file written before csip kept versions, retirements and measure statuses reads as a plan
// whose items are at version 1, all in the plan, their measures not yet assessed.
TEST(ReadPlanJson, ReadsAFileWithoutVersionsOrRetirementsAsVersionOneAndInThePlan) {
    const auto result = read_plan_json(
        testing::read_file(kPlans / "valid" / "written-elsewhere.json"), "written-elsewhere.json");
    ASSERT_TRUE(result.plan);
    const auto& plan = *result.plan;
    EXPECT_EQ(plan.version, 1);
    EXPECT_EQ(plan.inspection.version, 1);
    EXPECT_EQ(plan.recommendations[0].version, 1);
    EXPECT_FALSE(plan.recommendations[0].retired);
    const auto& commitment = plan.workstreams[0].commitments[0];
    EXPECT_EQ(plan.workstreams[0].version, 1);
    EXPECT_FALSE(plan.workstreams[0].retired);
    EXPECT_EQ(commitment.version, 1);
    EXPECT_EQ(commitment.measures[0].status, domain::MeasureStatus::NotAssessed);
    EXPECT_EQ(commitment.measures[0].status_by, "");
    EXPECT_EQ(commitment.actions[0].version, 1);
    EXPECT_FALSE(commitment.actions[0].retired);
}

TEST(ReadPlanJson, ReadsVersionsRetirementsMeasureStatusAndNoOverallGrade) {
    const auto result =
        read_plan_json(testing::read_file(kPlans / "valid" / "retired.json"), "retired.json");
    ASSERT_TRUE(result.problems.empty()) << to_string(result.problems.front());
    ASSERT_TRUE(result.plan);
    const auto& plan = *result.plan;
    EXPECT_EQ(plan.version, 4);
    EXPECT_FALSE(plan.inspection.overall);
    EXPECT_EQ(plan.inspection.version, 2);
    ASSERT_EQ(plan.recommendations.size(), 3U);
    ASSERT_TRUE(plan.recommendations[2].retired);
    EXPECT_EQ(plan.recommendations[2].retired->on, d("2015-08-03"));
    EXPECT_EQ(plan.recommendations[2].retired->by, "Director");
    EXPECT_EQ(plan.recommendations[2].retired->reason, "Met by the new MASH");
    EXPECT_EQ(plan.recommendations[2].version, 2);

    const auto& workstream = plan.workstreams[0];
    EXPECT_EQ(workstream.version, 2);
    const auto& measure = workstream.commitments[0].measures[0];
    EXPECT_EQ(measure.status, domain::MeasureStatus::PartlyMet);
    EXPECT_EQ(measure.status_by, "Head of Service");
    EXPECT_EQ(measure.status_at, "2015-09-02T14:05:00Z");
    EXPECT_EQ(measure.version, 2);
    ASSERT_TRUE(workstream.commitments[0].measures[1].retired);
    EXPECT_EQ(workstream.commitments[0].measures[1].retired->reason, "Replaced by the audit in M1");
    ASSERT_TRUE(workstream.commitments[1].retired);
    EXPECT_EQ(workstream.commitments[1].retired->reason, "Covered by workstream W2");

    const auto* merged = plan.find_action("A1");
    ASSERT_TRUE(merged->retired);
    EXPECT_EQ(merged->retired->on, d("2015-09-10"));
    EXPECT_EQ(merged->retired->reason, "Merged into A2");
    EXPECT_EQ(merged->version, 2);
    EXPECT_EQ(plan.find_action("A2")->version, 5);
    ASSERT_TRUE(plan.workstreams[1].retired);
    EXPECT_EQ(plan.workstreams[1].retired->reason, "Folded into the MASH programme");
    EXPECT_EQ(plan.workstreams[1].version, 3);
}

std::string small_plan() { return testing::read_file(kPlans / "valid" / "small.json"); }

std::string replaced(std::string text, const std::string& old, const std::string& with) {
    const auto at = text.find(old);
    EXPECT_NE(at, std::string::npos) << old;
    if (at != std::string::npos) text.replace(at, old.size(), with);
    return text;
}

TEST(ReadPlanJson, TakesANullRetirementAsInThePlan) {
    const auto result = read_plan_json(
        replaced(small_plan(), "\"version\": 1,\n              \"updates\": []",
                 "\"version\": 1,\n              \"retired\": null,\n              \"updates\": []"),
        "plan.json");
    ASSERT_TRUE(result.problems.empty()) << to_string(result.problems.front());
    EXPECT_FALSE(result.plan->find_action("A1")->retired);
}

TEST(ReadPlanJson, ReadsTheSmallFixture) {
    const auto result = read_plan_json(small_plan(), "small.json");
    EXPECT_TRUE(result.problems.empty()) << to_string(result.problems.front());
    EXPECT_TRUE(result.plan);
}

TEST(ReadPlanJson, ReportsEveryProblemInFileOrder) {
    auto text = replaced(small_plan(), "\"due\": \"2015-10-01\"", "\"due\": \"2015-13-01\"");
    text = replaced(text, "\"status\": \"not_started\"", "\"status\": \"Not started\"");
    text = replaced(text, "\"published\": \"2015-05-18\"", "\"published\": 20150518");
    text = replaced(text, "\"text\": \"Improve supervision\"", "\"txt\": \"Improve supervision\"");
    const auto result = read_plan_json(text, "plan.json");
    EXPECT_FALSE(result.plan);
    const auto found = messages(result);
    ASSERT_EQ(found.size(), 5U) << ::testing::PrintToString(found);
    EXPECT_NE(found[0].find("plan.json:11:18: at inspection.published: expected a date, found the "
                            "number 20150518"),
              std::string::npos)
        << found[0];
    EXPECT_NE(found[1].find("at recommendations[1].text: a recommendation has no 'text'"),
              std::string::npos)
        << found[1];
    EXPECT_NE(found[2].find("at recommendations[1].txt: unknown key 'txt' in a recommendation; "
                            "did you mean 'text'?"),
              std::string::npos)
        << found[2];
    EXPECT_NE(found[3].find("'Not started' is not a status"), std::string::npos) << found[3];
    EXPECT_NE(found[4].find("'2015-13-01' is not a date"), std::string::npos) << found[4];
}

TEST(ReadPlanJson, DoesNotReportABreachThatOnlyFollowsFromAnUnreadableValue) {
    // The status cannot be read; the action's RAG must not then be called wrong as well.
    const auto result = read_plan_json(
        replaced(small_plan(), "\"status\": \"in_progress\",\n              \"rag\": \"amber\"",
                 "\"status\": \"ongoing\",\n              \"rag\": \"amber\""),
        "plan.json");
    ASSERT_EQ(result.problems.size(), 1U) << ::testing::PrintToString(messages(result));
    EXPECT_EQ(result.problems[0].place, "workstreams[0].commitments[0].actions[1].status");
}

TEST(ReadPlanJson, PointsAtAMissingKeysObject) {
    const auto result =
        read_plan_json(replaced(small_plan(), "\"due\": \"2015-12-01\",\n", ""), "plan.json");
    ASSERT_EQ(result.problems.size(), 1U) << ::testing::PrintToString(messages(result));
    EXPECT_EQ(to_string(result.problems[0]),
              "plan.json:69:13: at workstreams[0].commitments[0].actions[0].due: an action has no "
              "'due'; add \"due\": \"2015-10-31\"");
}

TEST(ReadPlanJson, CountsColumnsInCharactersNotBytes) {
    const auto result = read_plan_json(
        replaced(small_plan(), "\"R1\",\n            \"R2\"", "\"R£1\", 7,\n            \"R2\""),
        "plan.json");
    ASSERT_EQ(result.problems.size(), 1U) << ::testing::PrintToString(messages(result));
    // `            "R£1", 7,`: the 7 is the 20th character and the 21st byte.
    EXPECT_EQ(result.problems[0].line, 53U);
    EXPECT_EQ(result.problems[0].column, 20U);
}

struct SyntaxCase {
    const char* text;
    const char* expected;
};

class MalformedJson : public ::testing::TestWithParam<SyntaxCase> {};

TEST_P(MalformedJson, IsPlacedWhereItIsToBeFixed) {
    const auto result = read_plan_json(GetParam().text, "plan.json");
    EXPECT_FALSE(result.plan);
    EXPECT_EQ(messages(result), std::vector<std::string>{GetParam().expected});
}

INSTANTIATE_TEST_SUITE_P(
    Cases, MalformedJson,
    ::testing::Values(
        SyntaxCase{"", "plan.json:1:1: the file is empty; write a JSON object, starting with {"},
        SyntaxCase{"{\n  \"format\": \"csip-plan/1\",\n  \"title\": \"Plan\n}\n",
                   "plan.json:3:12: this text has no closing '\"' before the end of the line; end "
                   "the text with \"; write a line break inside a text as \\n"},
        SyntaxCase{"{\n  \"format\": \"csip-plan/1\",\n  \"vision\": yes\n}\n",
                   "plan.json:3:13: 'yes' is not a JSON value; put text in double quotes; write "
                   "true, false, null and numbers without quotes"},
        SyntaxCase{"{\r\n  \"format\": \"csip-plan/1\",\r\n  \"vision\": tru}",
                   "plan.json:3:13: 'tru' is not a JSON value; put text in double quotes; write "
                   "true, false, null and numbers without quotes"},
        SyntaxCase{"{\n  \"format\": 'csip-plan/1'\n}\n",
                   "plan.json:2:13: this text is in single quotes: 'csip-plan/1'; write text in "
                   "double quotes, \"like this\""},
        SyntaxCase{"{\n  \"format\": \"csip-plan/1\",\n  \"workstreams\": [\n",
                   "plan.json:3:19: the file ends before the JSON does (unexpected end of input; "
                   "expected '[', '{', or a literal); close every { with } and every [ with ]; is "
                   "the file cut short?"},
        SyntaxCase{"{\n  \"format\" \"csip-plan/1\"\n}\n",
                   "plan.json:2:11: a ':' is missing after this key; write each member as \"key\": "
                   "value"},
        SyntaxCase{"{\"format\": \"csip-plan/1\", \"workstreams\": [1 2]}",
                   "plan.json:1:44: a ',' is missing after this value; separate the items of an "
                   "object or a list with commas"},
        SyntaxCase{"{\"format\": \"csip-plan/1\"} {}",
                   "plan.json:1:27: there is more text after the end of the JSON; remove what "
                   "follows the last closing '}'"}));

TEST(ReadPlanJson, RefusesAFileThatIsNotAnObject) {
    const auto result = read_plan_json("[]", "plan.json");
    EXPECT_EQ(
        messages(result),
        std::vector<std::string>{
            "plan.json:1:1: expected a csip-plan/1 plan (an object { ... }), found a list; "
            "start the file with { \"format\": \"csip-plan/1\", ... (see docs/plan-format.md)"});
}

// 100,000 nested lists under an unknown key used to crash the import (the JSON library copies
// values recursively and ran out of stack); now the file is refused at the bracket that passes
// the limit.
TEST(ReadPlanJson, RefusesListsNestedDeeperThanAnyPlanAtTheBracketThatPassesTheLimit) {
    const std::string prefix = "{\n  \"format\": \"csip-plan/1\",\n  \"extra\": ";
    const std::string text =
        prefix + std::string(100'000, '[') + std::string(100'000, ']') + "\n}\n";
    const auto result = read_plan_json(text, "plan.json");
    EXPECT_FALSE(result.plan);
    // The root object is depth 1, so the 64th '[' is the 65th level.
    const auto column = std::to_string(std::string("  \"extra\": ").size() + 64);
    EXPECT_EQ(messages(result),
              std::vector<std::string>{
                  "plan.json:3:" + column +
                  ": lists and objects are nested more than 64 deep here, far deeper than "
                  "csip-plan/1 goes (9 levels); remove the extra [ and { here: a plan nests "
                  "workstreams, commitments, actions and updates only (docs/plan-format.md)"});
}

TEST(ReadPlanJson, RefusesObjectsNestedDeeperThanAnyPlanAndCountsNoBracketInAText) {
    std::string nested;
    for (int i = 0; i < 100'000; ++i) nested += "{\"a\":";
    nested += "1" + std::string(100'000, '}');
    // Brackets inside a text are not nesting: 200 of them before the objects change nothing.
    const std::string text = "{\"format\": \"csip-plan/1\", \"note\": \"" + std::string(200, '[') +
                             "\", \"x\": " + nested + "}";
    const auto result = read_plan_json(text, "plan.json");
    ASSERT_EQ(result.problems.size(), 1U);
    EXPECT_EQ(result.problems[0].line, 1U);
    const auto first_object = text.find("{\"a\"");
    EXPECT_EQ(result.problems[0].column, first_object + 63 * 5 + 1);
    EXPECT_NE(result.problems[0].message.find("nested more than 64 deep"), std::string::npos);
}

}  // namespace
}  // namespace csip::import
