// IndicatorService on a SQLite database in a temporary folder, with a fixed clock: imports are
// all or nothing and record who and when; a value entered by hand fills a month the returns
// leave empty; settings are checked; the demo's case data is the same on every run.
#include "app/indicator_service.hpp"

#include <gtest/gtest.h>

#include "../support/temp_dir.hpp"
#include "app/demo_case_data.hpp"
#include "app/import_jobs.hpp"
#include "app/import_report.hpp"
#include "app/sha256.hpp"
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

// List 7 as at 14 September 2015: CP1 last seen 27 August (11 working days before, over the
// bank holiday of 31 August), CP2 on 10 September (2); CP2 has no allocated worker.
constexpr const char* kList7 =
    "Child Unique ID,Allocated Team,Allocated Worker,Child Protection Plan Start Date,"
    "Date of the Last Statutory Visit,Date of latest review conference,"
    "Child Protection Plan End Date,Number of Previous Child Protection Plans\n"
    "CP1,East,A. Patel,01/06/2015,27/08/2015,,,0\n"
    "CP2,West,,01/07/2015,10/09/2015,,,1\n";

TEST_F(IndicatorServiceTest, AnAnnexAExtractIsDatedAndItsThresholdsAreSettings) {
    ImportRequest undated;
    undated.files = {file("list 7.csv", kList7)};
    undated.by = "officer";
    auto taken = m_service->import_files(undated);
    ASSERT_TRUE(taken.has_value()) << taken.error().message;
    // Without a date, the latest date in it, and the person is told.
    EXPECT_EQ(taken->files[0].identity.reference, "2015-09-10 list 7");
    EXPECT_NE(taken->files[0].note.find("taken as at 2015-09-10, the latest date in it"), std::string::npos)
        << taken->files[0].note;

    ImportRequest dated = undated;
    dated.as_at = d("2015-09-14");
    auto stored = m_service->import_files(dated);
    ASSERT_TRUE(stored.has_value()) << stored.error().message;
    EXPECT_EQ(stored->files[0].identity.reference, "2015-09-14 list 7");
    EXPECT_TRUE(stored->files[0].note.empty());

    auto report = m_service->indicators(d("2015-04-01"), d("2015-09-30"));
    ASSERT_TRUE(report.has_value()) << report.error().message;
    const auto& visits = line(*report, "annex_cp_visits").result;
    ASSERT_EQ(visits.snapshots.size(), 2U);
    EXPECT_EQ(visits.as_of, d("2015-09-14"));
    EXPECT_EQ(visits.period.numerator, 1.0);  // CP2 only
    EXPECT_EQ(visits.period.denominator, 2.0);

    ASSERT_TRUE(m_service->set_setting("annex_cp_visit_working_days", 11, "officer"));
    EXPECT_FALSE(m_service->set_setting("annex_cla_placements", 0, "officer").has_value());
    report = m_service->indicators(d("2015-04-01"), d("2015-09-30"));
    ASSERT_TRUE(report.has_value());
    EXPECT_EQ(line(*report, "annex_cp_visits").result.period.numerator, 2.0);
    EXPECT_NE(line(*report, "annex_cp_visits").result.rule.find("≤ 11 working days"), std::string::npos);

    // The extract inspectors would see: the latest, its figures and its first cases.
    auto view = m_service->annex_a();
    ASSERT_TRUE(view.has_value()) << view.error().message;
    ASSERT_TRUE(view->snapshot.has_value());
    EXPECT_EQ(view->snapshot->as_at, d("2015-09-14"));
    EXPECT_EQ(view->extracts, (std::vector<Date>{d("2015-09-10"), d("2015-09-14")}));
    EXPECT_EQ(view->figures.size(), 12U);
    for (const auto& [list, cases] : view->cases) {
        if (list == domain::AnnexACaseList::NoWorker || list == domain::AnnexACaseList::RepeatPlans) {
            ASSERT_EQ(cases.size(), 1U) << domain::annex_a_case_list_key(list);
            EXPECT_EQ(view->snapshot->children[cases[0].row].child_id, "CP2");
        } else {
            EXPECT_TRUE(cases.empty()) << domain::annex_a_case_list_key(list);
        }
    }
    auto earlier = m_service->annex_a(d("2015-09-12"));
    ASSERT_TRUE(earlier.has_value());
    EXPECT_EQ(earlier->snapshot->as_at, d("2015-09-10"));
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

TEST_F(IndicatorServiceTest, AnUploadedFileIsKnownByItsOwnNameWithItsHashAndReport) {
    // Saved under a name of the server's; known by the name it was sent with.
    const std::string content =
        "child_id,conference_type,conference_date,report_shared_date\n"
        "C1,ICPC,2015-04-20,2015-04-14\n"
        "C2,ICPC,2015-02-30,2015-04-14\n";
    const auto saved = file("upload-0", content);
    ImportRequest request;
    request.files = {saved};
    request.names = {"conference reports, April.csv"};
    request.by = "officer";
    auto outcome = m_service->import_files(request);
    ASSERT_TRUE(outcome.has_value()) << outcome.error().message;
    ASSERT_EQ(outcome->files[0].report.problems.size(), 1U);
    EXPECT_EQ(outcome->files[0].report.problems[0].file, "conference reports, April.csv");
    EXPECT_EQ(outcome->files[0].report.problems[0].line, 3U);

    auto held = m_service->imported_returns();
    ASSERT_TRUE(held.has_value());
    ASSERT_EQ(held->size(), 1U);
    EXPECT_EQ(held->at(0).file, "conference reports, April.csv");
    EXPECT_EQ(held->at(0).sha256, sha256_hex(content));

    auto report = m_service->import_report(held->at(0).id);
    ASSERT_TRUE(report.has_value()) << report.error().message;
    EXPECT_EQ(report->file, "conference reports, April.csv");
    EXPECT_EQ(report->report.records_read, 2U);
    EXPECT_EQ(report->report.records_used, 1U);
    ASSERT_EQ(report->report.problems.size(), 1U);
    EXPECT_EQ(import::to_string(report->report.problems[0]),
              import::to_string(outcome->files[0].report.problems[0]));
    const auto csv = import_problems_csv({*report});
    EXPECT_EQ(csv.substr(0, csv.find('\n')), "file,line,column,column_name,place,message,fix");
    EXPECT_NE(csv.find("\"conference reports, April.csv\",3,"), std::string::npos) << csv;
}

TEST_F(IndicatorServiceTest, AReplacementCanBeMadeToWaitForConfirmation) {
    ImportRequest request;
    request.files = {file("reports.csv", kReports)};
    request.by = "officer";
    ASSERT_TRUE(m_service->import_files(request).has_value());
    request.ask_before_replacing = true;
    auto asked = m_service->import_files(request);
    ASSERT_FALSE(asked.has_value());
    EXPECT_EQ(asked.error().kind, ErrorKind::Conflict);
    EXPECT_NE(asked.error().message.find("replaces return conference-reports to 2015-05-20"),
              std::string::npos)
        << asked.error().message;
    request.replace = true;
    auto confirmed = m_service->import_files(request);
    ASSERT_TRUE(confirmed.has_value()) << confirmed.error().message;
    EXPECT_TRUE(confirmed->files[0].replaced);
}

// The web's confirmation: a copy with far fewer records is put to the person, with the loss,
// rather than refused as it is on the command line.
TEST_F(IndicatorServiceTest, AReplacementThatLosesMostRecordsIsPutToThePersonWithTheLoss) {
    ImportRequest request;
    request.files = {file("reports.csv", std::string(kReports) + "C3,ICPC,2015-05-11,2015-05-06\n")};
    request.by = "officer";
    ASSERT_TRUE(m_service->import_files(request).has_value());
    const std::string one_report =
        "child_id,conference_type,conference_date,report_shared_date\n"
        "C9,ICPC,2015-05-20,2015-05-18\n";
    request.files = {file("reports, one.csv", one_report)};
    auto refused = m_service->import_files(request);
    ASSERT_FALSE(refused.has_value());
    EXPECT_EQ(refused.error().kind, ErrorKind::InvalidInput);
    EXPECT_NE(refused.error().message.find("confirm replacing it with --replace"), std::string::npos)
        << refused.error().message;

    request.ask_before_replacing = true;
    auto asked = m_service->import_files(request);
    ASSERT_FALSE(asked.has_value());
    EXPECT_EQ(asked.error().kind, ErrorKind::Conflict);
    EXPECT_NE(asked.error().message.find("with 1 usable records, fewer than half as many"),
              std::string::npos)
        << asked.error().message;
    EXPECT_EQ(m_service->imported_returns()->at(0).file.find("reports, one.csv"), std::string::npos);
    request.replace = true;
    auto confirmed = m_service->import_files(request);
    ASSERT_TRUE(confirmed.has_value()) << confirmed.error().message;
    EXPECT_EQ(confirmed->files[0].report.records_used, 1U);
}

TEST_F(IndicatorServiceTest, ARemovedReturnLeavesTheIndicatorsAndIsNamedWhenAskedAgain) {
    ImportRequest request;
    request.files = {file("reports.csv", kReports)};
    request.by = "officer";
    ASSERT_TRUE(m_service->import_files(request).has_value());
    auto held = m_service->imported_returns();
    ASSERT_TRUE(held.has_value());
    const auto before = m_service->indicators(d("2015-04-01"), d("2015-08-31"));
    ASSERT_TRUE(before.has_value());
    EXPECT_GT(line(*before, "cp_reports_shared_on_time").result.period.denominator, 0.0);
    auto removed = m_service->remove_return(held->at(0).id, "administrator");
    ASSERT_TRUE(removed.has_value()) << removed.error().message;
    EXPECT_TRUE(m_service->imported_returns()->empty());
    const auto after = m_service->indicators(d("2015-04-01"), d("2015-08-31"));
    ASSERT_TRUE(after.has_value());
    EXPECT_EQ(line(*after, "cp_reports_shared_on_time").result.period.denominator, 0.0);
    auto again = m_service->remove_return(held->at(0).id, "administrator");
    ASSERT_FALSE(again.has_value());
    EXPECT_EQ(again.error().kind, ErrorKind::NotFound);
}

// Waits until job `id` has left the queue and the import (a few seconds at most).
ImportJob finished_job(const ImportJobs& jobs, const std::string& id) {
    for (int i = 0; i < 1000; ++i) {
        auto job = jobs.find(id);
        if (job && job->state != JobState::Queued && job->state != JobState::Running) return *job;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    throw std::runtime_error("import " + id + " did not finish");
}

TEST_F(IndicatorServiceTest, ImportJobsRunInTurnAndRemoveTheirFiles) {
    ImportJobs jobs(*m_service, m_clock);
    const auto first_spool = m_dir / "spool-1";
    const auto second_spool = m_dir / "spool-2";
    std::filesystem::create_directories(first_spool);
    std::filesystem::create_directories(second_spool);
    csip::testing::write_file(first_spool / "0", kReports);
    csip::testing::write_file(second_spool / "0", "not a return\n");
    const auto first = jobs.submit({{(first_spool / "0").string(), "reports.csv", 80}}, first_spool,
                                   std::nullopt, std::nullopt, std::nullopt, "officer");
    const auto second = jobs.submit({{(second_spool / "0").string(), "notes.txt", 13}},
                                    second_spool, std::nullopt, std::nullopt, std::nullopt, "officer");
    EXPECT_NE(first, second);
    const auto imported = finished_job(jobs, first);
    EXPECT_EQ(imported.state, JobState::Imported);
    ASSERT_EQ(imported.outcome.files.size(), 1U);
    EXPECT_EQ(imported.outcome.files[0].file, "reports.csv");
    const auto refused = finished_job(jobs, second);
    EXPECT_EQ(refused.state, JobState::Refused);
    EXPECT_NE(refused.refusal.find("notes.txt: not a format csip recognises"), std::string::npos)
        << refused.refusal;
    EXPECT_NE(refused.refusal.find("Nothing was imported."), std::string::npos);
    EXPECT_FALSE(std::filesystem::exists(first_spool));
    EXPECT_FALSE(std::filesystem::exists(second_spool));
    EXPECT_EQ(m_service->imported_returns()->size(), 1U);
    EXPECT_FALSE(jobs.find("no such job").has_value());
}

TEST_F(IndicatorServiceTest, AnImportThatReplacesWaitsForConfirmationKeepingItsFiles) {
    ImportRequest request;
    request.files = {file("reports.csv", kReports)};
    request.by = "officer";
    ASSERT_TRUE(m_service->import_files(request).has_value());

    int imports = 0;
    ImportJobs jobs(*m_service, m_clock, [&] { ++imports; });
    const auto spool = m_dir / "spool";
    std::filesystem::create_directories(spool);
    csip::testing::write_file(spool / "0", kReports);
    const auto id = jobs.submit({{(spool / "0").string(), "reports again.csv", 80}}, spool,
                                std::nullopt, std::nullopt, std::nullopt, "officer");
    const auto waiting = finished_job(jobs, id);
    ASSERT_EQ(waiting.state, JobState::Confirm);
    EXPECT_NE(waiting.refusal.find("reports again.csv: replaces return conference-reports"),
              std::string::npos)
        << waiting.refusal;
    EXPECT_TRUE(std::filesystem::exists(spool / "0"));
    EXPECT_EQ(m_service->imported_returns()->at(0).file, request.files[0]);

    auto refused = jobs.confirm("no such job", "officer");
    ASSERT_FALSE(refused.has_value());
    EXPECT_EQ(refused.error().kind, ErrorKind::NotFound);
    auto next = jobs.confirm(id, "officer");
    ASSERT_TRUE(next.has_value()) << next.error().message;
    EXPECT_EQ(jobs.find(id)->state, JobState::Confirmed);
    EXPECT_EQ(jobs.find(id)->next, *next);
    const auto done = finished_job(jobs, *next);
    EXPECT_EQ(done.state, JobState::Imported);
    EXPECT_TRUE(done.outcome.files[0].replaced);
    EXPECT_EQ(m_service->imported_returns()->at(0).file, "reports again.csv");
    EXPECT_FALSE(std::filesystem::exists(spool));
    EXPECT_EQ(imports, 1);
    EXPECT_EQ(jobs.cancel(*next).error().kind, ErrorKind::Conflict);
}

}  // namespace
}  // namespace csip::app
