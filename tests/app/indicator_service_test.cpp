// IndicatorService on a SQLite database in a temporary folder, with a fixed clock: imports are
// all or nothing and record who and when; a value entered by hand fills a month the returns
// leave empty; settings are checked; the demo's case data is the same on every run.
#include "app/indicator_service.hpp"

#include <gtest/gtest.h>

#include "../support/temp_dir.hpp"
#include "app/demo_case_data.hpp"
#include "storage/sql/stores.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace csip::app {
namespace {

using domain::Date;

Date d(const char* iso) { return *Date::parse_iso(iso); }

constexpr const char* kReports =
    "child_id,conference_type,conference_date,report_shared_date\n"
    "C1,ICPC,2015-04-20,2015-04-14\n"
    "C2,RCPC,2015-05-20,\n";

class IndicatorServiceTest : public ::testing::Test {
  protected:
    void SetUp() override {
        const auto path = (m_dir / "csip.db").string();
        auto plans = storage::sql::open_plan_store(storage::sqlite::connector(path));
        ASSERT_TRUE(plans.has_value()) << plans.error().message;
        m_plans = std::move(*plans);
        auto cases = storage::sql::open_case_store(storage::sqlite::connector(path));
        ASSERT_TRUE(cases.has_value()) << cases.error().message;
        m_cases = std::move(*cases);
        m_service = std::make_unique<IndicatorService>(*m_plans, *m_cases, m_clock);
    }

    std::string file(const std::string& name, const std::string& content) {
        csip::testing::write_file(m_dir / name, content);
        return (m_dir / name).string();
    }

    const IndicatorLine& line(const IndicatorReport& report, const std::string& key) {
        for (const auto& item : report.indicators) {
            if (item.result.key == key) return item;
        }
        throw std::runtime_error("no indicator " + key);
    }

    csip::testing::TempDir m_dir;
    domain::FixedClock m_clock{std::chrono::sys_days{std::chrono::year{2015} / 9 / 14} +
                               std::chrono::hours{9}};
    std::unique_ptr<storage::PlanStore> m_plans;
    std::unique_ptr<storage::CaseStore> m_cases;
    std::unique_ptr<IndicatorService> m_service;
};

TEST_F(IndicatorServiceTest, AnImportRecordsWhoImportedWhatAndWhen) {
    ImportRequest request;
    request.files = {file("reports.csv", kReports)};
    request.by = "performance officer";
    auto outcome = m_service->import_files(request);
    ASSERT_TRUE(outcome.has_value()) << outcome.error().message;
    ASSERT_EQ(outcome->files.size(), 1U);
    EXPECT_EQ(outcome->files[0].report.format, import::ReturnFormat::ConferenceReports);
    // Known by the period its records reach, not by the file's name.
    EXPECT_EQ(outcome->files[0].identity.reference, "to 2015-05-20");
    EXPECT_FALSE(outcome->files[0].replaced);

    auto returns = m_service->imported_returns();
    ASSERT_TRUE(returns.has_value());
    ASSERT_EQ(returns->size(), 1U);
    EXPECT_EQ((*returns)[0].imported_by, "performance officer");
    EXPECT_EQ((*returns)[0].imported_at, "2015-09-14T09:00:00Z");
    EXPECT_EQ((*returns)[0].records_used, 2U);

    EXPECT_TRUE(m_service->import_files(request)->files[0].replaced);
}

TEST_F(IndicatorServiceTest, OneMissingFileStoresNothingAndIsNamed) {
    ImportRequest request;
    request.files = {file("reports.csv", kReports), (m_dir / "absent.csv").string()};
    auto outcome = m_service->import_files(request);
    ASSERT_FALSE(outcome.has_value());
    EXPECT_NE(outcome.error().message.find("absent.csv: no such file"), std::string::npos);
    EXPECT_TRUE(m_service->imported_returns()->empty());
}

TEST_F(IndicatorServiceTest, AManualValueFillsAMonthTheReturnsLeaveEmpty) {
    ImportRequest request;
    request.files = {file("reports.csv", kReports)};
    ASSERT_TRUE(m_service->import_files(request));
    // April has data (1 of 1); June has none, so the value entered for it is used.
    ASSERT_TRUE(
        m_service->set_manual_value("cp_reports_shared_on_time", "2015-04", 10.0, "officer"));
    ASSERT_TRUE(m_service->set_manual_value("cp_reports_shared_on_time", "2015-06", 75.0, "officer",
                                            "from the minutes"));
    auto report = m_service->indicators(d("2015-04-01"), d("2015-06-30"));
    ASSERT_TRUE(report.has_value()) << report.error().message;
    const auto& reports = line(*report, "cp_reports_shared_on_time");
    ASSERT_EQ(reports.result.months.size(), 3U);
    EXPECT_DOUBLE_EQ(*reports.result.months[0].figure.percent, 100.0);  // the data wins
    EXPECT_DOUBLE_EQ(*reports.result.months[2].figure.percent, 75.0);
    ASSERT_EQ(reports.manual_months.size(), 1U);
    EXPECT_EQ(reports.manual_months.at("2015-06").note, "from the minutes");
    EXPECT_FALSE(reports.period_is_manual);  // the period has data: 1 of 2
    EXPECT_DOUBLE_EQ(*reports.result.period.percent, 50.0);
}

// The target of an indicator is the measured success measure's in the plan; once the measure is
// retired it sets none.
TEST_F(IndicatorServiceTest, ARetiredMeasureSetsNoTarget) {
    domain::Plan plan;
    plan.authority = "West Testshire";
    plan.title = "Plan";
    plan.inspection.start = plan.inspection.end = plan.inspection.published = d("2015-05-18");
    domain::Workstream workstream;
    workstream.id = "W1";
    domain::Commitment commitment;
    commitment.id = "C1";
    domain::SuccessMeasure measure;
    measure.id = "M1";
    measure.kind = domain::MeasureKind::Measured;
    measure.text = "Reports shared on time";
    measure.indicator = "cp_reports_shared_on_time";
    measure.target = 80.0;
    commitment.measures.push_back(measure);
    workstream.commitments.push_back(commitment);
    plan.workstreams.push_back(workstream);
    ASSERT_TRUE(m_plans->replace_plan(plan, {}));
    auto before = m_service->indicators(d("2015-04-01"), d("2015-06-30"));
    ASSERT_TRUE(before.has_value()) << before.error().message;
    ASSERT_TRUE(line(*before, "cp_reports_shared_on_time").result.target.has_value());

    plan.workstreams[0].commitments[0].measures[0].retired =
        domain::Retirement{d("2015-09-14"), "officer", "measured another way"};
    ASSERT_TRUE(m_plans->replace_plan(plan, {}));
    auto after = m_service->indicators(d("2015-04-01"), d("2015-06-30"));
    ASSERT_TRUE(after.has_value()) << after.error().message;
    EXPECT_FALSE(line(*after, "cp_reports_shared_on_time").result.target.has_value());
}

// Every change of a setting and every figure entered by hand is in the audit trail: who, when,
// what it was and what it became.
TEST_F(IndicatorServiceTest, SettingsAndFiguresByHandAreInTheAuditTrail) {
    ASSERT_TRUE(m_service->set_setting("tolerance", 2.5, "officer"));
    ASSERT_TRUE(m_service->set_setting("tolerance", 4, "head of service"));
    ASSERT_TRUE(m_service->set_manual_value("cp_reports_shared_on_time", "2015-06", 75.0, "officer",
                                            "from the minutes"));
    ASSERT_TRUE(m_service->set_manual_value("cp_reports_shared_on_time", "2015-06", 80.0, "officer"));
    auto trail = m_plans->audit_trail({});
    ASSERT_TRUE(trail.has_value()) << trail.error().message;
    ASSERT_EQ(trail->size(), 4U);
    const auto& first = (*trail)[0];
    EXPECT_EQ(first.entity, "setting");
    EXPECT_EQ(first.entity_id, "tolerance");
    EXPECT_EQ(first.old_value, "default");
    EXPECT_EQ(first.new_value, "2.5");
    EXPECT_EQ(first.actor, "officer");
    EXPECT_EQ((*trail)[1].old_value, "2.5");
    EXPECT_EQ((*trail)[1].new_value, "4");
    EXPECT_EQ((*trail)[2].entity, "indicator_value");
    EXPECT_EQ((*trail)[2].entity_id, "cp_reports_shared_on_time 2015-06");
    EXPECT_FALSE((*trail)[2].old_value.has_value());
    EXPECT_EQ((*trail)[2].reason, "from the minutes");
    EXPECT_EQ((*trail)[3].old_value, "75");
    EXPECT_EQ((*trail)[3].new_value, "80");
}

TEST_F(IndicatorServiceTest, AManualValueWhoseNoteIsNotTextIsRefusedAndNothingIsKept) {
    auto refused = m_service->set_manual_value("cp_reports_shared_on_time", "2015-06", 75.0,
                                               "officer", "from the \xFF minutes");
    ASSERT_FALSE(refused.has_value());
    EXPECT_EQ(refused.error().field, "note");
    EXPECT_FALSE(m_service->set_manual_value("cp_reports_shared_on_time", "2015-06", 75.0,
                                             "off\x1B[2Jicer"));
    auto kept = m_service->manual_values();
    ASSERT_TRUE(kept.has_value());
    EXPECT_TRUE(kept->empty());
}

TEST_F(IndicatorServiceTest, SettingsOutOfRangeAreRefusedNamingTheKey) {
    auto zero = m_service->set_setting("visit_working_days", 0, "officer");
    ASSERT_FALSE(zero.has_value());
    EXPECT_EQ(zero.error().field, "visit_working_days");
    EXPECT_FALSE(m_service->set_setting("visit_working_days", 7.5, "officer"));
    EXPECT_FALSE(m_service->set_setting("tolerance", 120, "officer"));
    ASSERT_TRUE(m_service->set_setting("visit_working_days", 15, "officer"));
    auto config = m_service->settings();
    ASSERT_TRUE(config.has_value());
    EXPECT_EQ(config->standards.visit_working_days, 15);
    EXPECT_EQ(config->standards.assessment_working_days, 45);  // a default
    EXPECT_DOUBLE_EQ(config->tolerance, kDefaultTolerance);
}

TEST(DemoCaseData, IsTheSameOnEveryRun) {
    const auto first = demo_case_returns("2015-09-14T09:00:00Z");
    const auto second = demo_case_returns("2015-09-14T09:00:00Z");
    ASSERT_EQ(first.size(), second.size());
    for (std::size_t i = 0; i < first.size(); ++i) {
        EXPECT_EQ(first[i].imported.identity, second[i].imported.identity);
        EXPECT_EQ(first[i].data.assessments.size(), second[i].data.assessments.size());
        EXPECT_EQ(first[i].data.protection_visits.size(), second[i].data.protection_visits.size());
    }
    EXPECT_EQ(first[0].data.assessments[100].start, second[0].data.assessments[100].start);
}

}  // namespace
}  // namespace csip::app
