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
                         ::testing::Values("canonical.json", "small.json", "retired.json"));

void expect_same(const std::optional<domain::Retirement>& read,
                 const std::optional<domain::Retirement>& written, const std::string& what) {
    ASSERT_EQ(read.has_value(), written.has_value()) << what;
    if (!written) return;
    EXPECT_EQ(read->on, written->on) << what;
    EXPECT_EQ(read->by, written->by) << what;
    EXPECT_EQ(read->reason, written->reason) << what;
}

// Every field of `read` is that of `written`.
void expect_same_plan(const domain::Plan& read, const domain::Plan& written) {
    EXPECT_EQ(read.authority, written.authority);
    EXPECT_EQ(read.title, written.title);
    EXPECT_EQ(read.vision, written.vision);
    EXPECT_EQ(read.version, written.version);
    const auto& ri = read.inspection;
    const auto& wi = written.inspection;
    EXPECT_EQ(ri.framework, wi.framework);
    EXPECT_EQ(ri.start, wi.start);
    EXPECT_EQ(ri.end, wi.end);
    EXPECT_EQ(ri.published, wi.published);
    EXPECT_EQ(ri.overall, wi.overall);
    EXPECT_EQ(ri.version, wi.version);
    ASSERT_EQ(ri.judgements.size(), wi.judgements.size());
    for (std::size_t j = 0; j < wi.judgements.size(); ++j) {
        EXPECT_EQ(ri.judgements[j].area, wi.judgements[j].area);
        EXPECT_EQ(ri.judgements[j].grade, wi.judgements[j].grade);
        EXPECT_EQ(ri.judgements[j].limiting, wi.judgements[j].limiting);
    }
    ASSERT_EQ(read.recommendations.size(), written.recommendations.size());
    for (std::size_t r = 0; r < written.recommendations.size(); ++r) {
        const auto& a = read.recommendations[r];
        const auto& b = written.recommendations[r];
        EXPECT_EQ(a.id, b.id);
        EXPECT_EQ(a.category, b.category);
        EXPECT_EQ(a.text, b.text);
        EXPECT_EQ(a.version, b.version) << b.id;
        expect_same(a.retired, b.retired, b.id);
    }
    ASSERT_EQ(read.workstreams.size(), written.workstreams.size());
    for (std::size_t w = 0; w < written.workstreams.size(); ++w) {
        const auto& rw = read.workstreams[w];
        const auto& ww = written.workstreams[w];
        EXPECT_EQ(rw.id, ww.id);
        EXPECT_EQ(rw.title, ww.title);
        EXPECT_EQ(rw.sponsor, ww.sponsor);
        EXPECT_EQ(rw.lead, ww.lead);
        EXPECT_EQ(rw.version, ww.version) << ww.id;
        expect_same(rw.retired, ww.retired, ww.id);
        ASSERT_EQ(rw.commitments.size(), ww.commitments.size());
        for (std::size_t c = 0; c < ww.commitments.size(); ++c) {
            const auto& rc = rw.commitments[c];
            const auto& wc = ww.commitments[c];
            EXPECT_EQ(rc.id, wc.id);
            EXPECT_EQ(rc.text, wc.text);
            EXPECT_EQ(rc.recommendations, wc.recommendations);
            EXPECT_EQ(rc.version, wc.version) << wc.id;
            expect_same(rc.retired, wc.retired, wc.id);
            ASSERT_EQ(rc.measures.size(), wc.measures.size());
            for (std::size_t m = 0; m < wc.measures.size(); ++m) {
                const auto& rm = rc.measures[m];
                const auto& wm = wc.measures[m];
                EXPECT_EQ(rm.id, wm.id);
                EXPECT_EQ(rm.kind, wm.kind);
                EXPECT_EQ(rm.text, wm.text);
                EXPECT_EQ(rm.indicator, wm.indicator);
                EXPECT_EQ(rm.target, wm.target);
                EXPECT_EQ(rm.status, wm.status) << wm.id;
                EXPECT_EQ(rm.status_by, wm.status_by) << wm.id;
                EXPECT_EQ(rm.status_at, wm.status_at) << wm.id;
                EXPECT_EQ(rm.version, wm.version) << wm.id;
                expect_same(rm.retired, wm.retired, wm.id);
            }
            ASSERT_EQ(rc.actions.size(), wc.actions.size());
            for (std::size_t a = 0; a < wc.actions.size(); ++a) {
                const auto& ra = rc.actions[a];
                const auto& wa = wc.actions[a];
                EXPECT_EQ(ra.id, wa.id);
                EXPECT_EQ(ra.text, wa.text);
                EXPECT_EQ(ra.lead, wa.lead);
                EXPECT_EQ(ra.due, wa.due);
                EXPECT_EQ(ra.original_due, wa.original_due);
                EXPECT_EQ(ra.status, wa.status);
                EXPECT_EQ(ra.rag, wa.rag);
                EXPECT_EQ(ra.version, wa.version) << wa.id;
                expect_same(ra.retired, wa.retired, wa.id);
                ASSERT_EQ(ra.updates.size(), wa.updates.size());
                for (std::size_t u = 0; u < wa.updates.size(); ++u) {
                    EXPECT_EQ(ra.updates[u].on, wa.updates[u].on);
                    EXPECT_EQ(ra.updates[u].by, wa.updates[u].by);
                    EXPECT_EQ(ra.updates[u].text, wa.updates[u].text);
                    EXPECT_EQ(ra.updates[u].status, wa.updates[u].status);
                    EXPECT_EQ(ra.updates[u].rag, wa.updates[u].rag);
                }
            }
        }
    }
}

// The small plan with an item of each kind retired, versions above 1, a success measure's
// status set and no overall grade: what a plan edited item by item looks like when exported.
domain::Plan edited_plan() {
    auto plan = fixture::small_plan();
    plan.version = 3;
    plan.inspection.overall.reset();
    plan.inspection.version = 2;
    plan.recommendations[1].retired =
        domain::Retirement{fixture::d("2015-08-03"), "Director", "Met by the new MASH"};
    plan.recommendations[1].version = 2;
    auto& workstream = plan.workstreams[0];
    workstream.version = 4;
    auto& commitment = workstream.commitments[0];
    commitment.version = 2;
    auto& measure = commitment.measures[0];
    measure.status = domain::MeasureStatus::PartlyMet;
    measure.status_by = "Head of Service";
    measure.status_at = "2015-09-02T14:05:00Z";
    measure.version = 3;
    commitment.measures.push_back({"M2", domain::MeasureKind::Observed, "Practice observed",
                                   std::nullopt, std::nullopt});
    commitment.measures[1].retired =
        domain::Retirement{fixture::d("2015-08-20"), "Head of Service", "Replaced by M1"};
    commitment.actions[1].retired =
        domain::Retirement{fixture::d("2015-09-10"), "Service Manager", "Merged into A3"};
    commitment.actions[1].version = 5;
    domain::Commitment retired_commitment{"C2", "Supervision monthly", {"R2"}, {}, {}};
    retired_commitment.retired =
        domain::Retirement{fixture::d("2015-08-01"), "Director", "Covered by C1"};
    retired_commitment.actions = {
        fixture::action("A5", domain::ActionStatus::NotStarted, std::nullopt, "2015-11-01")};
    workstream.commitments.push_back(retired_commitment);
    domain::Workstream retired_workstream{"W2", "Front door", "Director", "Head of MASH", {}};
    retired_workstream.retired =
        domain::Retirement{fixture::d("2015-07-15"), "Director", "Folded into the MASH programme"};
    retired_workstream.version = 2;
    domain::Commitment front_door{"C3", "Contacts decided in a day", {"R1"}, {}, {}};
    front_door.actions = {
        fixture::action("A6", domain::ActionStatus::InProgress, domain::Rag::Green, "2015-09-30")};
    retired_workstream.commitments.push_back(front_door);
    plan.workstreams.push_back(retired_workstream);
    return plan;
}

TEST(PlanJsonRoundTrip, RetiredItemsMeasureStatusAndNoOverallGradeComeBackFieldForField) {
    const auto plan = edited_plan();
    const auto written = write_plan_json(plan);
    const auto back = read(written);
    expect_same_plan(back, plan);
    EXPECT_EQ(write_plan_json(back), written);
}

TEST(WritePlanJson, WritesEachItemsVersionRetirementAndAMeasuresStatus) {
    const auto written = nlohmann::ordered_json::parse(write_plan_json(edited_plan()));
    EXPECT_EQ(written["version"], 3);
    EXPECT_TRUE(written["inspection"]["overall"].is_null());
    EXPECT_EQ(written["inspection"]["version"], 2);
    EXPECT_EQ(written["recommendations"][0]["version"], 1);
    EXPECT_FALSE(written["recommendations"][0].contains("retired"));
    EXPECT_EQ(written["recommendations"][1]["retired"],
              nlohmann::ordered_json(
                  {{"on", "2015-08-03"}, {"by", "Director"}, {"reason", "Met by the new MASH"}}));
    const auto& workstream = written["workstreams"][0];
    std::vector<std::string> keys;
    for (const auto& [key, value] : workstream.items()) keys.push_back(key);
    EXPECT_EQ(keys, (std::vector<std::string>{"id", "title", "sponsor", "lead", "version",
                                              "commitments"}));
    const auto& commitment = workstream["commitments"][0];
    keys.clear();
    for (const auto& [key, value] : commitment.items()) keys.push_back(key);
    EXPECT_EQ(keys, (std::vector<std::string>{"id", "text", "recommendations", "version",
                                              "measures", "actions"}));
    const auto& measure = commitment["measures"][0];
    keys.clear();
    for (const auto& [key, value] : measure.items()) keys.push_back(key);
    EXPECT_EQ(keys, (std::vector<std::string>{"id", "kind", "text", "indicator", "target",
                                              "status", "status_by", "status_at", "version"}));
    EXPECT_EQ(measure["status"], "partly_met");
    EXPECT_EQ(measure["status_at"], "2015-09-02T14:05:00Z");
    // A measure never assessed has its status and no one who set it.
    EXPECT_EQ(commitment["measures"][1]["status"], "not_assessed");
    EXPECT_FALSE(commitment["measures"][1].contains("status_by"));
    const auto& action = commitment["actions"][1];
    keys.clear();
    for (const auto& [key, value] : action.items()) keys.push_back(key);
    EXPECT_EQ(keys, (std::vector<std::string>{"id", "text", "lead", "due", "status", "rag",
                                              "version", "retired", "updates"}));
    EXPECT_EQ(action["version"], 5);
    EXPECT_EQ(action["retired"]["reason"], "Merged into A3");
    EXPECT_EQ(written["workstreams"][1]["retired"]["on"], "2015-07-15");
    EXPECT_EQ(commitment.size(), 6U);
}

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
    EXPECT_EQ(keys, (std::vector<std::string>{"format", "authority", "title", "vision", "version",
                                              "inspection", "recommendations", "workstreams"}));
}

TEST(WritePlanJson, WritesAWholeNumberTargetAsAnInteger) {
    auto plan = fixture::small_plan();
    auto& measures = plan.workstreams[0].commitments[0].measures;
    measures[0].target = 85.0;
    measures.push_back(
        {"M2", domain::MeasureKind::Measured, "Visits on time", "cp_visits_on_time", 66.7});
    const auto text = write_plan_json(plan);
    EXPECT_NE(text.find("\"target\": 85,\n"), std::string::npos) << text;
    EXPECT_NE(text.find("\"target\": 66.7,\n"), std::string::npos) << text;
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
    // id, kind, text, status and version.
    EXPECT_EQ(measure.size(), 5U) << measure.dump();
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
