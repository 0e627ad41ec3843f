#include "reporting/plan_json_writer.hpp"

#include <filesystem>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "../domain/plan_fixture.hpp"
#include "../support/temp_dir.hpp"
#include "import/plan_reader.hpp"

namespace csip::reporting {
namespace {

namespace fs = std::filesystem;
namespace fixture = domain::fixture;
using nlohmann::json;

const fs::path kPlans = CSIP_PLANS_DIR;

domain::Plan read(const std::string& text) {
    auto result = import::read_plan_json(text, "plan.json");
    EXPECT_TRUE(result.problems.empty()) << to_string(result.problems.front());
    return result.plan.value_or(domain::Plan{});
}

class CanonicalFile : public ::testing::TestWithParam<const char*> {};

TEST_P(CanonicalFile, ComesBackByteForByteAfterImportAndExport) {
    const auto text = testing::read_file(kPlans / "valid" / GetParam());
    EXPECT_EQ(write_plan_json(read(text)), text);
}

INSTANTIATE_TEST_SUITE_P(Fixtures, CanonicalFile,
                         ::testing::Values("canonical.json", "small.json"));

TEST(PlanJsonRoundTrip, AFileWrittenElsewhereComesBackAsTheSamePlan) {
    const auto canonical = testing::read_file(kPlans / "valid" / "canonical.json");
    const auto elsewhere = testing::read_file(kPlans / "valid" / "written-elsewhere.json");
    // Other key order, original_due equal to due, no `updates`, 85.0, \u escapes: other JSON...
    ASSERT_NE(json::parse(elsewhere), json::parse(canonical));
    // ... for the same plan.
    EXPECT_EQ(json::parse(write_plan_json(read(elsewhere))), json::parse(canonical));
}

TEST(WritePlanJson, WritesTheDocumentedKeysInOrderWithTwoSpaceIndentation) {
    const auto text = write_plan_json(fixture::small_plan());
    EXPECT_EQ(text.rfind("{\n  \"format\": \"csip-plan/1\",\n  \"authority\": \"Testshire\",\n"
                         "  \"title\": \"Improvement plan\",\n  \"vision\": ",
                         0),
              0U)
        << text;
    EXPECT_EQ(text.back(), '\n');
    std::vector<std::string> keys;
    const auto parsed = nlohmann::ordered_json::parse(text);
    for (const auto& [key, value] : parsed.items()) keys.push_back(key);
    EXPECT_EQ(keys, (std::vector<std::string>{"format", "authority", "title", "vision",
                                              "inspection", "recommendations", "workstreams"}));
}

TEST(WritePlanJson, WritesAWholeNumberTargetAsAnInteger) {
    auto plan = fixture::small_plan();
    auto& measures = plan.workstreams[0].commitments[0].measures;
    measures[0].target = 85.0;
    measures.push_back(
        {"M2", domain::MeasureKind::Measured, "Visits on time", "cp_visits_on_time", 66.7});
    const auto text = write_plan_json(plan);
    EXPECT_NE(text.find("\"target\": 85\n"), std::string::npos) << text;
    EXPECT_NE(text.find("\"target\": 66.7\n"), std::string::npos) << text;
}

TEST(WritePlanJson, LeavesOutOriginalDueUnlessTheActionWasRescheduled) {
    auto plan = fixture::small_plan();
    auto& actions = plan.workstreams[0].commitments[0].actions;
    actions[1].due = fixture::d("2015-09-30");  // A2 was due 2015-08-01
    const auto written = json::parse(write_plan_json(plan));
    const auto& actions_json = written["workstreams"][0]["commitments"][0]["actions"];
    EXPECT_FALSE(actions_json[0].contains("original_due"));
    EXPECT_EQ(actions_json[1]["due"], "2015-09-30");
    EXPECT_EQ(actions_json[1]["original_due"], "2015-08-01");
}

TEST(WritePlanJson, WritesUnknownRagAndStatusAsNullAndEmptyListsAsLists) {
    auto plan = fixture::small_plan();
    auto& action = plan.workstreams[0].commitments[0].actions[0];  // not started, no RAG
    action.updates.push_back(
        {fixture::d("2015-09-01"), "Head of Service", "Scoped.", std::nullopt, std::nullopt});
    plan.workstreams[0].commitments[0].measures.clear();
    const auto written = json::parse(write_plan_json(plan));
    const auto& commitment = written["workstreams"][0]["commitments"][0];
    EXPECT_TRUE(commitment["measures"].is_array());
    EXPECT_TRUE(commitment["measures"].empty());
    EXPECT_TRUE(commitment["actions"][0]["rag"].is_null());
    EXPECT_TRUE(commitment["actions"][0]["updates"][0]["status"].is_null());
    EXPECT_TRUE(commitment["actions"][0]["updates"][0]["rag"].is_null());
    EXPECT_TRUE(commitment["actions"][1]["updates"].is_array());
}

TEST(WritePlanJson, LeavesOutAnAbsentIndicatorAndTarget) {
    auto plan = fixture::small_plan();
    plan.workstreams[0].commitments[0].measures = {
        {"M1", domain::MeasureKind::Observed, "Practice observed", std::nullopt, std::nullopt}};
    const auto written = json::parse(write_plan_json(plan));
    const auto& measure = written["workstreams"][0]["commitments"][0]["measures"][0];
    EXPECT_EQ(measure.size(), 3U) << measure.dump();
    EXPECT_FALSE(measure.contains("indicator"));
    EXPECT_FALSE(measure.contains("target"));
}

TEST(WritePlanJson, KeepsTextAsUtf8) {
    auto plan = fixture::small_plan();
    plan.title = "Children’s Services: £600k";
    EXPECT_NE(write_plan_json(plan).find("\"title\": \"Children’s Services: £600k\""),
              std::string::npos);
}

}  // namespace
}  // namespace csip::reporting
