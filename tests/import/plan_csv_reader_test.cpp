#include <algorithm>
#include <filesystem>
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

Date d(const char* iso) { return *Date::parse_iso(iso); }

// The stored plan that the CSV files of these tests update.
const domain::Plan& stored_plan() {
    static const domain::Plan plan = [] {
        auto result = read_plan_json(testing::read_file(kPlans / "valid" / "canonical.json"),
                                     "canonical.json");
        if (!result.plan) throw std::runtime_error("the canonical plan does not read");
        return *result.plan;
    }();
    return plan;
}

std::vector<std::string> messages(const PlanReadResult& result) {
    std::vector<std::string> out;
    for (const auto& problem : result.problems) out.push_back(to_string(problem));
    return out;
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        if (!line.empty()) lines.push_back(line);
    }
    return lines;
}

// Each bad CSV file sits beside a `.expected` file with every message the reader must give.
std::vector<std::string> bad_csv_cases() {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(kPlans / "bad-csv")) {
        if (entry.path().extension() == ".csv") names.push_back(entry.path().stem().string());
    }
    std::sort(names.begin(), names.end());
    return names;
}

class BadCsvPlan : public ::testing::TestWithParam<std::string> {};

TEST_P(BadCsvPlan, IsRefusedWithEveryProblemPlacedAndExplained) {
    const auto file = GetParam() + ".csv";
    const auto result =
        read_plan_csv(testing::read_file(kPlans / "bad-csv" / file), file, &stored_plan());
    EXPECT_FALSE(result.plan.has_value());
    EXPECT_EQ(messages(result),
              lines_of(testing::read_file(kPlans / "bad-csv" / (GetParam() + ".expected"))));
    for (const auto& problem : result.problems) {
        EXPECT_EQ(problem.file, file);
        EXPECT_GT(problem.line, 0U) << problem.message;
        EXPECT_FALSE(problem.fix.empty()) << problem.message;
    }
}

INSTANTIATE_TEST_SUITE_P(Folder, BadCsvPlan, ::testing::ValuesIn(bad_csv_cases()),
                         [](const auto& case_info) {
                             std::string name = case_info.param;
                             std::replace(name.begin(), name.end(), '-', '_');
                             return name;
                         });

TEST(BadCsvPlanFolder, HoldsTheCasesThatMatter) {
    const auto cases = bad_csv_cases();
    for (const char* name : {"bad-date", "unknown-status", "missing-column", "unclosed-quote",
                             "wrong-field-count", "rag-on-not-started", "unknown-recommendation",
                             "incomplete-retirement"}) {
        EXPECT_NE(std::find(cases.begin(), cases.end(), name), cases.end()) << name;
    }
}

TEST(ReadPlanCsv, RefusesACsvWhenNoPlanHasBeenImported) {
    const auto result =
        read_plan_csv(testing::read_file(kPlans / "valid" / "small.csv"), "plan.csv", nullptr);
    EXPECT_FALSE(result.plan);
    EXPECT_EQ(messages(result),
              std::vector<std::string>{
                  "plan.csv: a CSV holds only the plan's workstreams, commitments and actions, "
                  "and no plan has been imported yet; import the whole plan first as csip-plan/1 "
                  "JSON (docs/plan-format.md); a CSV then updates it"});
}

TEST(ReadPlanCsv, ReadsTheSmallFixture) {
    const auto result = read_plan_csv(testing::read_file(kPlans / "valid" / "small.csv"),
                                      "small.csv", &stored_plan());
    EXPECT_TRUE(result.problems.empty()) << to_string(result.problems.front());
    EXPECT_TRUE(result.plan);
}

// spreadsheet.csv is the canonical plan as an officer keeps it: a byte-order mark, CRLF, headers
// in their own words and order, dd/mm/yyyy dates, "In progress", "R", quoted commas, quotes
// and a line break, details left blank on a workstream's later rows, a trailing empty row.
class SpreadsheetCsv : public ::testing::Test {
  protected:
    void SetUp() override {
        auto result = read_plan_csv(testing::read_file(kPlans / "valid" / "spreadsheet.csv"),
                                    "spreadsheet.csv", &stored_plan());
        ASSERT_TRUE(result.problems.empty()) << ::testing::PrintToString(messages(result));
        ASSERT_TRUE(result.plan);
        plan = std::move(*result.plan);
    }
    domain::Plan plan;
};

TEST_F(SpreadsheetCsv, KeepsWhatACsvCannotCarryFromTheStoredPlan) {
    const auto& stored = stored_plan();
    EXPECT_EQ(plan.authority, stored.authority);
    EXPECT_EQ(plan.vision, stored.vision);
    EXPECT_EQ(plan.inspection.overall, stored.inspection.overall);
    EXPECT_EQ(plan.inspection.judgements.size(), stored.inspection.judgements.size());
    ASSERT_EQ(plan.recommendations.size(), stored.recommendations.size());
    EXPECT_EQ(plan.recommendations[3].text, stored.recommendations[3].text);
    EXPECT_EQ(plan.workstreams[0].commitments[0].measures.size(), 3U);
    EXPECT_EQ(plan.workstreams[0].commitments[0].measures[0].target, 85.0);
}

TEST_F(SpreadsheetCsv, GroupsRowsIntoWorkstreamsAndCommitments) {
    ASSERT_EQ(plan.workstreams.size(), 3U);
    const auto& practice = plan.workstreams[0];
    EXPECT_EQ(practice.id, "W2");
    EXPECT_EQ(practice.title, "Improving the Quality of our Practice");  // blank on later rows
    ASSERT_EQ(practice.commitments.size(), 2U);
    EXPECT_EQ(practice.commitments[0].recommendations, (std::vector<std::string>{"R1", "R2"}));
    EXPECT_EQ(practice.commitments[0].text,
              "Assessments and conferences happen on time, and families see reports before they "
              "meet.");
    EXPECT_EQ(practice.commitments[0].actions.size(), 3U);
    EXPECT_TRUE(practice.commitments[1].actions.empty());  // a row with no action columns
    EXPECT_EQ(plan.workstreams[1].title,
              "Strengthening, Stabilising and Improving the Quality of our Workforce");
    EXPECT_EQ(plan.workstreams[2].lead, "Service Manager, Children in Care");
    EXPECT_TRUE(plan.workstreams[2].commitments.empty());  // a row with only workstream columns
}

TEST_F(SpreadsheetCsv, ReadsDatesStatusesAndRagAsPeopleWriteThem) {
    const auto* rescheduled = plan.find_action("A2.2");
    ASSERT_NE(rescheduled, nullptr);
    EXPECT_EQ(rescheduled->due, d("2016-01-31"));  // 31/1/2016
    EXPECT_EQ(rescheduled->status, ActionStatus::InProgress);
    EXPECT_EQ(rescheduled->rag, Rag::Red);  // R
    const auto* complete = plan.find_action("A2.1");
    ASSERT_NE(complete, nullptr);
    EXPECT_EQ(complete->status, ActionStatus::Complete);
    EXPECT_FALSE(complete->rag);
    EXPECT_EQ(complete->lead, "Service Manager, Assessment");
    EXPECT_EQ(plan.find_action("A2.3")->due, d("2016-03-31"));              // YYYY-MM-DD too
    EXPECT_EQ(plan.find_action("A3.1")->rag, Rag::Amber);                   // amber
    EXPECT_EQ(plan.find_action("A3.2")->rag, Rag::Amber);                   // A
    EXPECT_EQ(plan.find_action("A3.2")->status, ActionStatus::InProgress);  // In Progress
}

TEST_F(SpreadsheetCsv, KeepsTheStoredBaselineWhenTheDueDateMovesAndOriginalDueIsBlank) {
    const auto* rescheduled = plan.find_action("A2.2");
    ASSERT_NE(rescheduled, nullptr);
    EXPECT_EQ(rescheduled->original_due, d("2015-10-31"));
    EXPECT_TRUE(rescheduled->rescheduled());
    const auto* added = plan.find_action("A3.3");  // not in the stored plan
    ASSERT_NE(added, nullptr);
    EXPECT_EQ(added->original_due, added->due);
}

TEST_F(SpreadsheetCsv, KeepsTheHistoryAndAddsANewLatestUpdate) {
    const auto* unchanged = plan.find_action("A2.2");
    ASSERT_NE(unchanged, nullptr);
    // The row repeats the latest stored update (a quoted text with quotes and a line break).
    EXPECT_EQ(unchanged->updates.size(), 2U);
    EXPECT_EQ(unchanged->updates[1].text, stored_plan().find_action("A2.2")->updates[1].text);

    const auto* updated = plan.find_action("A3.1");
    ASSERT_NE(updated, nullptr);
    ASSERT_EQ(updated->updates.size(), 2U);
    const auto& latest = updated->updates[1];
    EXPECT_EQ(latest.on, d("2015-09-15"));
    EXPECT_EQ(latest.by, "Workforce Development Manager");
    EXPECT_EQ(latest.text, "Ten offers accepted; induction on 1 October.");
    EXPECT_EQ(latest.status, ActionStatus::InProgress);  // the row's status and RAG
    EXPECT_EQ(latest.rag, Rag::Amber);
}

TEST(ReadPlanCsv, PointsAtTheLineAFieldStartsOnAfterAQuotedLineBreak) {
    const std::string csv =
        "workstream_id,workstream_title,workstream_sponsor,workstream_lead,commitment_id,"
        "commitment_text,recommendations,action_id,action_text,lead,due,status,rag\r\n"
        "W2,Practice,Director,Head of Service,C2.1,\"Timely\r\nassessments\",R1,A2.1,Clinic,"
        "Manager,2015-02-29,Complete,\r\n";
    const auto result = read_plan_csv(csv, "plan.csv", &stored_plan());
    EXPECT_EQ(messages(result),
              std::vector<std::string>{"plan.csv:3:11 (due): '2015-02-29' is not a date; write "
                                       "dates as dd/mm/yyyy or YYYY-MM-DD, e.g. 31/10/2015"});
}

TEST(ReadPlanCsv, ReportsEveryBadCellOfEveryRow) {
    auto text = testing::read_file(kPlans / "valid" / "small.csv");
    for (const auto& [old, with] : std::vector<std::pair<std::string, std::string>>{
             {"31/07/2015,31/07/2015,Complete", "31/07/2015,31/07/2015,Done"},
             {"In progress,Green", "In progress,Blue"},
             {"31/03/2016,31/03/2016", "31/03/2016,30/02/2016"}}) {
        text.replace(text.find(old), old.size(), with);
    }
    const auto result = read_plan_csv(text, "plan.csv", &stored_plan());
    EXPECT_FALSE(result.plan);
    const auto found = messages(result);
    ASSERT_EQ(found.size(), 3U) << ::testing::PrintToString(found);
    EXPECT_EQ(found[0].rfind("plan.csv:2:13 (status): 'Done' is not a status", 0), 0U) << found[0];
    EXPECT_EQ(found[1].rfind("plan.csv:4:12 (original_due): '30/02/2016' is not a date", 0), 0U)
        << found[1];
    EXPECT_EQ(found[2].rfind("plan.csv:5:14 (rag): 'Blue' is not a RAG", 0), 0U) << found[2];
}

// A stored plan edited item by item (tests/import/plans/valid/retired.json): R3 retired; in W1,
// C1 with measure M1 partly met and M2 retired, actions A1 (retired), A2 and A3, and C3 retired
// with action A4; W2 retired with C2 and its retired action A5. Versions above 1, no overall
// grade.
const domain::Plan& edited_plan() {
    static const domain::Plan plan = [] {
        auto result = read_plan_json(testing::read_file(kPlans / "valid" / "retired.json"),
                                     "retired.json");
        if (!result.plan) throw std::runtime_error("the edited plan does not read");
        return *result.plan;
    }();
    return plan;
}

const std::string kRetiredHeader =
    "workstream_id,workstream_title,workstream_sponsor,workstream_lead,commitment_id,"
    "commitment_text,recommendations,action_id,action_text,lead,due,original_due,status,rag,"
    "latest_update_on,latest_update_by,latest_update_text,retired_on,retired_by,retired_reason\n";
const std::string kW1C1 = "W1,Practice,Director,Head of Service,C1,Timely assessments,R1;R2,";

TEST(ReadPlanCsv, TheRetiredColumnsRetireAnActionAndBlankOnesKeepItInThePlan) {
    const std::string csv =
        kRetiredHeader +
        kW1C1 + "A1,Weekly clinic,Service Manager,2015-12-01,,Not started,,,,,,,\n" +
        kW1C1 + "A2,Audit assessments,Principal Social Worker,2015-10-01,,In progress,Amber,,,,"
                "15/09/2015,Head of Service,Folded into the QA framework\n" +
        kW1C1 + "A3,Agree the QA framework,Head of Service,2015-07-01,,Complete,,,,,,,\n";
    const auto result = read_plan_csv(csv, "plan.csv", &edited_plan());
    ASSERT_TRUE(result.problems.empty()) << ::testing::PrintToString(messages(result));
    const auto& plan = *result.plan;
    EXPECT_FALSE(plan.find_action("A1")->retired);  // blank: back in the plan
    const auto* retired = plan.find_action("A2");
    ASSERT_TRUE(retired->retired);
    EXPECT_EQ(retired->retired->on, d("2015-09-15"));
    EXPECT_EQ(retired->retired->by, "Head of Service");
    EXPECT_EQ(retired->retired->reason, "Folded into the QA framework");
    EXPECT_FALSE(plan.find_action("A3")->retired);
}

// A CSV written before csip had the retired columns says nothing of retirement: each action
// keeps the stored one.
TEST(ReadPlanCsv, AFileWithoutTheRetiredColumnsKeepsEachStoredRetirement) {
    const std::string csv =
        "workstream_id,workstream_title,workstream_sponsor,workstream_lead,commitment_id,"
        "commitment_text,recommendations,action_id,action_text,lead,due,status,rag\n" +
        kW1C1 + "A1,Weekly clinic,Service Manager,2015-12-01,Not started,\n" +
        kW1C1 + "A2,Audit assessments,Principal Social Worker,2015-10-01,In progress,Amber\n";
    const auto result = read_plan_csv(csv, "plan.csv", &edited_plan());
    ASSERT_TRUE(result.problems.empty()) << ::testing::PrintToString(messages(result));
    const auto* merged = result.plan->find_action("A1");
    ASSERT_TRUE(merged->retired);
    EXPECT_EQ(merged->retired->reason, "Merged into A2");
    EXPECT_FALSE(result.plan->find_action("A2")->retired);
}

TEST(ReadPlanCsv, KeepsWhatTheStoredPlanRetiredWhenTheCsvLeavesItOut) {
    // Only the actions in the plan: no row for A1, for C3 or for W2, all retired.
    const std::string csv =
        kRetiredHeader +
        kW1C1 + "A2,Audit assessments,Principal Social Worker,2015-10-01,,In progress,Amber,,,,,,\n" +
        kW1C1 + "A3,Agree the QA framework,Head of Service,2015-07-01,,Complete,,,,,,,\n";
    const auto result = read_plan_csv(csv, "plan.csv", &edited_plan());
    ASSERT_TRUE(result.problems.empty()) << ::testing::PrintToString(messages(result));
    const auto& plan = *result.plan;
    ASSERT_EQ(plan.workstreams.size(), 2U);
    EXPECT_EQ(plan.workstreams[1].id, "W2");
    ASSERT_TRUE(plan.workstreams[1].retired);
    EXPECT_EQ(plan.workstreams[1].retired->reason, "Folded into the MASH programme");
    EXPECT_EQ(plan.workstreams[1].commitments.at(0).actions.at(0).id, "A5");
    const auto& commitments = plan.workstreams[0].commitments;
    ASSERT_EQ(commitments.size(), 2U);
    EXPECT_EQ(commitments[1].id, "C3");
    ASSERT_TRUE(commitments[1].retired);
    EXPECT_EQ(commitments[1].actions.at(0).id, "A4");
    // A1 goes back where it was: first in C1.
    ASSERT_EQ(commitments[0].actions.size(), 3U);
    EXPECT_EQ(commitments[0].actions[0].id, "A1");
    ASSERT_TRUE(commitments[0].actions[0].retired);
    EXPECT_EQ(commitments[0].actions[0].version, 2);
}

TEST(ReadPlanCsv, KeepsVersionsMeasureStatusAndRetirementsOfWhatACsvCannotCarry) {
    const std::string csv =
        kRetiredHeader +
        kW1C1 + "A2,Audit assessments,Principal Social Worker,2015-10-01,,In progress,Amber,,,,,,\n" +
        "W2,Front door,Director,Head of MASH,C2,Contacts decided in a day,R3,A5,Daily MASH meeting,"
        "Head of MASH,2015-09-30,2015-08-31,In progress,Green,,,,2015-07-10,Head of MASH,"
        "Runs as business as usual\n";
    const auto result = read_plan_csv(csv, "plan.csv", &edited_plan());
    ASSERT_TRUE(result.problems.empty()) << ::testing::PrintToString(messages(result));
    const auto& plan = *result.plan;
    const auto& stored = edited_plan();
    EXPECT_EQ(plan.version, 4);
    EXPECT_FALSE(plan.inspection.overall);
    EXPECT_EQ(plan.inspection.version, 2);
    ASSERT_EQ(plan.recommendations.size(), 3U);
    EXPECT_TRUE(plan.recommendations[2].retired);
    EXPECT_EQ(plan.recommendations[2].version, 2);
    const auto& workstream = plan.workstreams[0];
    EXPECT_EQ(workstream.version, 2);
    const auto& commitment = workstream.commitments[0];
    EXPECT_EQ(commitment.version, 3);
    ASSERT_EQ(commitment.measures.size(), 2U);
    EXPECT_EQ(commitment.measures[0].status, domain::MeasureStatus::PartlyMet);
    EXPECT_EQ(commitment.measures[0].status_by, "Head of Service");
    EXPECT_EQ(commitment.measures[0].status_at, "2015-09-02T14:05:00Z");
    EXPECT_EQ(commitment.measures[0].version, 2);
    EXPECT_TRUE(commitment.measures[1].retired);
    EXPECT_EQ(plan.find_action("A2")->version, 5);
    // W2's rows are read, and it stays retired: a CSV cannot retire or restore a workstream.
    ASSERT_TRUE(plan.workstreams[1].retired);
    EXPECT_EQ(plan.workstreams[1].version, stored.workstreams[1].version);
    EXPECT_EQ(plan.workstreams[1].commitments[0].measures[0].status, domain::MeasureStatus::Met);
}

}  // namespace
}  // namespace csip::import
