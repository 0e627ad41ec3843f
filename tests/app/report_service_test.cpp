// ReportService on a SQLite database holding the demo authority, with the indicator service as
// its source of figures and case lists, as the command line and the web application wire it:
// the figures run to the last complete month; case lists reach only a private body whose profile
// allows them; a published file is served byte for byte with its media type and says whether it
// holds case-level content; the published figures (benchmarks) a source gives are in the report
// and frozen with its publication.
#include "app/report_service.hpp"

#include <gtest/gtest.h>

#include "../support/temp_dir.hpp"
#include "app/benchmark_service.hpp"
#include "app/demo.hpp"
#include "app/indicator_service.hpp"
#include "reporting/report_snapshot.hpp"
#include "storage/sql/stores.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace csip::app {
namespace {

using domain::Date;

Date d(const char* iso) { return *Date::parse_iso(iso); }

class ReportServiceTest : public ::testing::Test {
  protected:
    void SetUp() override {
        const auto path = (m_dir / "csip.db").string();
        auto plans = storage::sql::open_plan_store(storage::sqlite::connector(path));
        ASSERT_TRUE(plans.has_value()) << plans.error().message;
        m_plans = std::move(*plans);
        auto cases = storage::sql::open_case_store(storage::sqlite::connector(path));
        ASSERT_TRUE(cases.has_value()) << cases.error().message;
        m_cases = std::move(*cases);
        auto reports = storage::sql::open_report_store(storage::sqlite::connector(path));
        ASSERT_TRUE(reports.has_value()) << reports.error().message;
        m_reports = std::move(*reports);
        ASSERT_TRUE(create_demo(*m_plans, *m_cases, m_clock).has_value());
        m_indicators = std::make_unique<IndicatorService>(*m_plans, *m_cases, m_clock);
        auto figures = indicator_source(*m_indicators);
        m_service = std::make_unique<ReportService>(
            *m_plans, *m_reports, m_clock,
            [this, figures](Date from, Date to) {
                m_asked.emplace_back(from, to);
                return figures(from, to);
            },
            exception_source(*m_indicators));
    }

    // A child's id from the demo's exceptions: one out of timescale on the report's date.
    std::string a_late_child() {
        auto cases = m_indicators->exceptions("assessments_45wd", d("2015-09-15"));
        EXPECT_TRUE(cases.has_value());
        EXPECT_FALSE(cases->empty());
        return cases && !cases->empty() ? cases->front().subject_id : std::string("none");
    }

    std::string html_of(const std::string& body) {
        auto report = m_service->render({body, d("2015-09-15"), std::nullopt, std::nullopt},
                                        ReportFormat::Html);
        EXPECT_TRUE(report.has_value()) << (report ? "" : report.error().message);
        return report ? report->content : std::string();
    }

    csip::testing::TempDir m_dir;
    domain::FixedClock m_clock{std::chrono::sys_days{std::chrono::year{2015} / 9 / 14} +
                               std::chrono::hours{9}};
    std::unique_ptr<storage::PlanStore> m_plans;
    std::unique_ptr<storage::CaseStore> m_cases;
    std::unique_ptr<storage::ReportStore> m_reports;
    std::unique_ptr<IndicatorService> m_indicators;
    std::unique_ptr<ReportService> m_service;
    std::vector<std::pair<Date, Date>> m_asked;
};

TEST_F(ReportServiceTest, AsksForTheFiguresOfTheYearToTheLastCompleteMonth) {
    auto model = m_service->model({"osmc", d("2015-09-15"), std::nullopt, std::nullopt});
    ASSERT_TRUE(model.has_value()) << model.error().message;
    ASSERT_EQ(m_asked.size(), 1u);
    EXPECT_EQ(m_asked[0].first, d("2015-04-01"));
    EXPECT_EQ(m_asked[0].second, d("2015-08-31"));
    EXPECT_EQ(model->figures_to, d("2015-08-31"));
    ASSERT_FALSE(model->indicators.empty());
    EXPECT_EQ(model->indicators.front().latest_month, "2015-08");
}

TEST_F(ReportServiceTest, ListsCasesOnlyForAPrivateBodyWhoseProfileAllowsThem) {
    const std::string child = a_late_child();
    // The QA Board is not public; until its profile allows case-level content, none.
    EXPECT_EQ(html_of("qa_board").find(child), std::string::npos);
    ASSERT_TRUE(m_service->set_profile({"qa_board", {}, {}, true}, "officer").has_value());
    const std::string html = html_of("qa_board");
    EXPECT_NE(html.find("Cases out of timescale"), std::string::npos);
    EXPECT_NE(html.find(child), std::string::npos);
    // Overview and Scrutiny is public: its profile cannot allow them, and its report has none.
    EXPECT_FALSE(m_service->set_profile({"osmc", {}, {}, true}, "officer").has_value());
    EXPECT_EQ(html_of("osmc").find(child), std::string::npos);
}

TEST_F(ReportServiceTest, ABodyOrSettingWhoseTextIsNotTextIsRefusedNamingTheField) {
    auto body = m_service->add_body({"cabinet", "Cabinet \xFF", "monthly", true}, "officer");
    ASSERT_FALSE(body.has_value());
    EXPECT_EQ(body.error().field, "name");
    EXPECT_EQ(m_service->add_body({"cabinet", "Cabinet", "month\x1B[1mly", true}, "officer")
                  .error()
                  .field,
              "cadence");
    auto bodies = m_service->bodies();
    ASSERT_TRUE(bodies.has_value());
    for (const auto& kept : *bodies) EXPECT_NE(kept.id, "cabinet");

    auto setting = m_service->set_setting("authority_name", "West\xC0\xAF" "bury", "officer");
    ASSERT_FALSE(setting.has_value());
    EXPECT_EQ(setting.error().field, "value");
    auto settings = m_service->settings();
    ASSERT_TRUE(settings.has_value());
    for (const auto& [key, value] : *settings) EXPECT_EQ(value.find('\xC0'), std::string::npos);
}

TEST_F(ReportServiceTest, PublishesOnlyForOneOfTheBodysMeetings) {
    auto refused = m_service->publish("osmc", d("2015-09-15"), std::nullopt, "officer");
    ASSERT_FALSE(refused.has_value());
    EXPECT_EQ(refused.error().kind, ErrorKind::NotFound);
    EXPECT_EQ(refused.error().field, "meeting");
    auto listed = m_service->publications("osmc");
    ASSERT_TRUE(listed.has_value());
    EXPECT_TRUE(listed->empty());
    ASSERT_TRUE(m_service->add_meeting("osmc", d("2015-09-15"), "officer").has_value());
    auto published = m_service->publish("osmc", d("2015-09-15"), std::nullopt, "officer");
    EXPECT_TRUE(published.has_value()) << published.error().message;
}

TEST_F(ReportServiceTest, AReminderPreviewSendsAndClaimsNothing) {
    ASSERT_TRUE(m_service->set_setting("smtp.url", "smtp://127.0.0.1:1", "officer").has_value());
    ASSERT_TRUE(m_service->set_setting("smtp.from", "csip@westbury.example", "officer").has_value());
    auto preview = m_service->reminder_preview(d("2015-09-15"), 14);
    ASSERT_TRUE(preview.has_value()) << preview.error().message;
    ASSERT_FALSE(preview->reminders.empty());
    ASSERT_TRUE(m_service
                    ->set_setting("email." + preview->reminders.front().lead,
                                  "lead@westbury.example", "officer")
                    .has_value());
    auto again = m_service->reminder_preview(d("2015-09-15"), 14);
    ASSERT_TRUE(again.has_value());
    EXPECT_TRUE(again->sent.empty());
    EXPECT_EQ(again->no_address.size(), again->reminders.size() - 1);
    // The run that sends still sends to the lead the preview showed.
    int sent = 0;
    auto run = m_service->reminders(
        d("2015-09-15"), 14,
        [&](const SmtpSettings&, const std::string&, const std::string&, const std::string&)
            -> Result<void> {
            ++sent;
            return {};
        });
    ASSERT_TRUE(run.has_value()) << run.error().message;
    EXPECT_EQ(sent, 1);
}

TEST_F(ReportServiceTest, ServesAPublishedFileByteForByteWithItsMediaType) {
    ASSERT_TRUE(m_service->add_meeting("osmc", d("2015-09-15"), "officer").has_value());
    auto published = m_service->publish("osmc", d("2015-09-15"), std::nullopt, "officer");
    ASSERT_TRUE(published.has_value()) << published.error().message;
    auto listed = m_service->publications("osmc");
    ASSERT_TRUE(listed.has_value());
    ASSERT_EQ(listed->size(), 1u);
    EXPECT_EQ(listed->front().files.size(), 3u);

    auto docx = m_service->published_file(published->id, ReportFormat::Docx);
    ASSERT_TRUE(docx.has_value()) << docx.error().message;
    EXPECT_EQ(docx->file_name, "osmc-2015-09-15.docx");
    EXPECT_EQ(docx->content_type,
              "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    EXPECT_EQ(docx->content, published->files[0].content);
    EXPECT_TRUE(docx->public_body);
    EXPECT_FALSE(docx->case_level);
    auto html = m_service->published_file(published->id, ReportFormat::Html);
    ASSERT_TRUE(html.has_value());
    EXPECT_EQ(html->content_type, "text/html; charset=utf-8");

    auto missing = m_service->published_file(published->id + 1, ReportFormat::Docx);
    ASSERT_FALSE(missing.has_value());
    EXPECT_EQ(missing.error().kind, ErrorKind::NotFound);
}

TEST_F(ReportServiceTest, SaysWhenAPublishedFileHoldsCaseLevelContent) {
    ASSERT_TRUE(m_service->set_profile({"qa_board", {}, {}, true}, "officer").has_value());
    ASSERT_TRUE(m_service->add_meeting("qa_board", d("2015-09-15"), "officer").has_value());
    auto published = m_service->publish("qa_board", d("2015-09-15"), std::nullopt, "officer");
    ASSERT_TRUE(published.has_value()) << published.error().message;
    auto file = m_service->published_file(published->id, ReportFormat::Html);
    ASSERT_TRUE(file.has_value());
    EXPECT_FALSE(file->public_body);
    EXPECT_TRUE(file->case_level);
    EXPECT_NE(file->content.find(a_late_child()), std::string::npos);
}

// The demo's monthly Annex A extracts give a board the figures, never a child: no child's id,
// worker or team from an extract is in the report of a public body or of a private one whose
// profile keeps case lists out.
TEST_F(ReportServiceTest, ABoardReportCarriesTheAnnexAFiguresAndNoChildOfAnExtract) {
    auto data = m_cases->load_case_data();
    ASSERT_TRUE(data.has_value());
    ASSERT_FALSE(data->annex_a.empty()) << "the demo holds monthly Annex A extracts";
    for (const char* body : {"osmc", "qa_board"}) {
        const std::string html = html_of(body);
        EXPECT_NE(html.find("Annex A: children on a plan visited in timescale"), std::string::npos)
            << body;
        for (const auto& snapshot : data->annex_a) {
            for (const auto& child : snapshot.children) {
                EXPECT_EQ(html.find(">" + child.child_id + "<"), std::string::npos)
                    << body << " names " << child.child_id;
                if (!child.worker.empty()) {
                    EXPECT_EQ(html.find(child.worker), std::string::npos)
                        << body << " names the worker " << child.worker;
                }
            }
        }
    }
}

// A report built with a benchmark source carries each indicator's comparison, in the model, its
// files and the snapshot its publication keeps.
TEST_F(ReportServiceTest, AReportBuiltWithABenchmarkSourceCarriesTheComparison) {
    domain::MeasureComparison comparison;
    comparison.measure = domain::find_benchmark_measure("assessments_45wd");
    ASSERT_NE(comparison.measure, nullptr);
    comparison.year = "2025";
    comparison.la = 93.4;
    comparison.england = 85.7;
    comparison.neighbours_median = 86.5;
    comparison.rank = 31;
    comparison.of = 152;
    comparison.quartile = 'A';
    int asked = 0;
    ReportService service(
        *m_plans, *m_reports, m_clock, indicator_source(*m_indicators),
        exception_source(*m_indicators),
        [&]() -> Result<std::map<std::string, domain::MeasureComparison>> {
            ++asked;
            return std::map<std::string, domain::MeasureComparison>{
                {"assessments_45wd", comparison}};
        });
    auto model = service.model({"osmc", d("2015-09-15"), std::nullopt, std::nullopt});
    ASSERT_TRUE(model.has_value()) << model.error().message;
    EXPECT_EQ(asked, 1);
    const reporting::IndicatorRow* assessments = nullptr;
    for (const auto& row : model->indicators) {
        if (row.key == "assessments_45wd") {
            assessments = &row;
        } else {
            EXPECT_FALSE(row.benchmark.has_value()) << row.key;
        }
    }
    ASSERT_NE(assessments, nullptr);
    ASSERT_TRUE(assessments->benchmark.has_value());
    EXPECT_EQ(assessments->benchmark->england, 85.7);
    EXPECT_EQ(assessments->benchmark_sentence,
              "93.4% of assessments were completed within 45 working days in 2024-25, above "
              "England (85.7%) and the statistical neighbours' median (86.5%); quartile band A "
              "(rank 31 of 152)");

    ASSERT_TRUE(service.add_meeting("osmc", d("2015-09-15"), "officer").has_value());
    auto published = service.publish("osmc", d("2015-09-15"), std::nullopt, "officer");
    ASSERT_TRUE(published.has_value()) << published.error().message;
    auto frozen = reporting::read_snapshot_benchmarks(published->snapshot_json);
    ASSERT_TRUE(frozen.has_value()) << frozen.error().message;
    ASSERT_EQ(frozen->count("assessments_45wd"), 1u);
    EXPECT_EQ(frozen->at("assessments_45wd").la, 93.4);
    EXPECT_EQ(frozen->at("assessments_45wd").quartile, 'A');
    auto html = service.published_file(published->id, ReportFormat::Html);
    ASSERT_TRUE(html.has_value());
    EXPECT_NE(html->content.find("above England (85.7%)"), std::string::npos);

    // The service built without one (the default) gives no published figures.
    auto without = m_service->model({"osmc", d("2015-09-15"), std::nullopt, std::nullopt});
    ASSERT_TRUE(without.has_value());
    for (const auto& row : without->indicators) EXPECT_FALSE(row.benchmark.has_value());
}

// Wired as the command line and the web application wire it: the benchmark service over the
// demo's published figures (data/benchmarks, West Berkshire's, la_code 869).
TEST_F(ReportServiceTest, TheBenchmarkServiceGivesTheDemosPublishedFigures) {
    BenchmarkService benchmarks(*m_cases, *m_indicators, m_clock);
    const auto published_files = csip::testing::source_dir() / "data/benchmarks";
    auto imported =
        create_demo_benchmarks(benchmarks, *m_indicators, *m_cases, published_files.string());
    ASSERT_TRUE(imported.has_value()) << imported.error().message;
    ReportService service(*m_plans, *m_reports, m_clock, indicator_source(*m_indicators),
                          exception_source(*m_indicators), benchmark_source(benchmarks));
    auto model = service.model({"osmc", d("2015-09-15"), std::nullopt, std::nullopt});
    ASSERT_TRUE(model.has_value()) << model.error().message;
    bool found = false;
    for (const auto& row : model->indicators) {
        if (row.key != "assessments_45wd") continue;
        found = true;
        ASSERT_TRUE(row.benchmark.has_value());
        EXPECT_EQ(row.benchmark->year, "2025");
        EXPECT_NE(row.benchmark_sentence.find("above England (85.7%)"), std::string::npos)
            << row.benchmark_sentence;
    }
    EXPECT_TRUE(found);
}

}  // namespace
}  // namespace csip::app
