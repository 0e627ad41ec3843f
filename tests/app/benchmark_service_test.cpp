// BenchmarkService on a SQLite database with a fixed clock (14 September 2015): published files
// import all or nothing; the council set is compared; its own figure for a completed year its
// returns cover is set beside the published one, and a year not yet over is not.
#include "app/benchmark_service.hpp"

#include <gtest/gtest.h>

#include "../support/temp_dir.hpp"
#include "storage/sql/stores.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace csip::app {
namespace {

// A CIN census for 2014-15 (reference date 31 March 2015), four assessments counted by hand:
// each starts Monday 2 June 2014; 10, 20 and 30 June are 6, 15 and 21 working days on, within
// 45; 30 September is 85 working days on, late. Three of four: 75%.
constexpr const char* kCensus = R"(<?xml version="1.0" encoding="UTF-8"?>
<Message>
  <Header><CollectionDetails><Collection>CIN</Collection><Year>2015</Year>
    <ReferenceDate>2015-03-31</ReferenceDate></CollectionDetails></Header>
  <Children>
    <Child><ChildIdentifiers><LAchildID>C1</LAchildID></ChildIdentifiers><CINdetails>
      <Assessments><AssessmentActualStartDate>2014-06-02</AssessmentActualStartDate>
        <AssessmentAuthorisationDate>2014-06-10</AssessmentAuthorisationDate></Assessments>
    </CINdetails></Child>
    <Child><ChildIdentifiers><LAchildID>C2</LAchildID></ChildIdentifiers><CINdetails>
      <Assessments><AssessmentActualStartDate>2014-06-02</AssessmentActualStartDate>
        <AssessmentAuthorisationDate>2014-06-20</AssessmentAuthorisationDate></Assessments>
    </CINdetails></Child>
    <Child><ChildIdentifiers><LAchildID>C3</LAchildID></ChildIdentifiers><CINdetails>
      <Assessments><AssessmentActualStartDate>2014-06-02</AssessmentActualStartDate>
        <AssessmentAuthorisationDate>2014-06-30</AssessmentAuthorisationDate></Assessments>
    </CINdetails></Child>
    <Child><ChildIdentifiers><LAchildID>C4</LAchildID></ChildIdentifiers><CINdetails>
      <Assessments><AssessmentActualStartDate>2014-06-02</AssessmentActualStartDate>
        <AssessmentAuthorisationDate>2014-09-30</AssessmentAuthorisationDate></Assessments>
    </CINdetails></Child>
  </Children>
</Message>
)";

// LAIT's copy for two years: 80 published for 2014-15, 86.1 for 2015-16 (not yet over on the
// clock's date), with England and a neighbour.
constexpr const char* kLait =
    "measure,data_item,years,area,value,la_number,region\n"
    "Continue_Assess_Comp,,2015,West Berkshire,80,869,South East\n"
    "Continue_Assess_Comp,,2015,England,82.5,970,NA\n"
    "Continue_Assess_Comp,,2015,Bracknell Forest,90,867,South East\n"
    "Continue_Assess_Comp,,2016,West Berkshire,86.1,869,South East\n"
    "Continue_Assess_Comp,,2016,England,83.4,970,NA\n"
    "Continue_Assess_Comp,,2016,Bracknell Forest,-,867,South East\n";

constexpr const char* kModel =
    "old_la_code,la_name,region_ind,region_name,SN_1,SN_1P\n"
    "869,West Berkshire,8,South East,867,Very close\n"
    "867,Bracknell Forest,8,South East,869,Very close\n";

class BenchmarkServiceTest : public ::testing::Test {
  protected:
    void SetUp() override {
        const auto path = (m_dir / "csip.db").string();
        auto plans = storage::sql::open_plan_store(storage::sqlite::connector(path));
        ASSERT_TRUE(plans.has_value()) << plans.error().message;
        m_plans = std::move(*plans);
        auto cases = storage::sql::open_case_store(storage::sqlite::connector(path));
        ASSERT_TRUE(cases.has_value()) << cases.error().message;
        m_cases = std::move(*cases);
        m_indicators = std::make_unique<IndicatorService>(*m_plans, *m_cases, m_clock);
        m_service = std::make_unique<BenchmarkService>(*m_cases, *m_indicators, m_clock);
    }

    std::string file(const std::string& name, const std::string& content) {
        csip::testing::write_file(m_dir / name, content);
        return (m_dir / name).string();
    }

    void import_all() {
        ImportRequest census;
        census.files = {file("cin.xml", kCensus)};
        census.by = "analyst";
        ASSERT_TRUE(m_indicators->import_files(census));
        BenchmarkImportRequest published;
        published.files = {file("lait.csv", kLait), file("sn_model_2025.csv", kModel)};
        published.by = "analyst";
        auto imported = m_service->import_files(published);
        ASSERT_TRUE(imported) << imported.error().message;
        ASSERT_TRUE(m_indicators->set_setting("la_code", 869, "analyst"));
    }

    csip::testing::TempDir m_dir;
    domain::FixedClock m_clock{std::chrono::sys_days{std::chrono::year{2015} / 9 / 14} +
                               std::chrono::hours{9}};
    std::unique_ptr<storage::PlanStore> m_plans;
    std::unique_ptr<storage::CaseStore> m_cases;
    std::unique_ptr<IndicatorService> m_indicators;
    std::unique_ptr<BenchmarkService> m_service;
};

TEST_F(BenchmarkServiceTest, ACompletedYearTheReturnsCoverIsReconciledAndOneNotYetOverIsNot) {
    import_all();
    auto view = m_service->benchmarks(std::nullopt, std::string("2015"));
    ASSERT_TRUE(view) << view.error().message;
    ASSERT_EQ(view->reconciliation.size(), 1U);
    const auto& line = view->reconciliation.front();
    EXPECT_EQ(line.measure->id, "assessments_45wd");
    EXPECT_EQ(line.year, "2015");
    EXPECT_EQ(line.from.iso(), "2014-04-01");
    EXPECT_EQ(line.to.iso(), "2015-03-31");
    EXPECT_DOUBLE_EQ(*line.computed, 75.0);
    EXPECT_DOUBLE_EQ(*line.published, 80.0);
    EXPECT_DOUBLE_EQ(*line.difference, -5.0);
    EXPECT_EQ(line.source, "LAIT: Local Authority Interactive Tool");
    // The comparison itself: the one neighbour's value is the median.
    const auto& assessments = view->comparison.measures.front();
    EXPECT_DOUBLE_EQ(*assessments.neighbours_median, 90.0);
    EXPECT_EQ(view->models, std::vector<std::string>{"2025"});
    ASSERT_EQ(view->sources.size(), 1U);
    EXPECT_EQ(view->sources[0].figures, 6U);
    EXPECT_EQ(view->sources[0].withheld, 1U);
    // Another council is compared, without the council's own figures.
    auto other = m_service->benchmarks(std::string("867"), std::string("2015"));
    ASSERT_TRUE(other) << other.error().message;
    EXPECT_TRUE(other->reconciliation.empty());
}

TEST_F(BenchmarkServiceTest, TheIndicatorsGetTheirLatestPublishedYearAndTheSeries) {
    import_all();
    auto published = m_service->for_indicators();
    ASSERT_TRUE(published) << published.error().message;
    EXPECT_EQ(published->la_name, "West Berkshire");
    EXPECT_EQ(published->neighbour_model, "2025");
    const auto& latest = published->latest.at("assessments_45wd");
    EXPECT_EQ(latest.year, "2016");
    EXPECT_DOUBLE_EQ(*latest.la, 86.1);
    // Bracknell Forest withholds 2016: no neighbours' median.
    EXPECT_EQ(latest.neighbours_with_value, 0);
    EXPECT_FALSE(latest.neighbours_median);
    const auto& series = published->series.at("assessments_45wd");
    ASSERT_EQ(series.years.size(), 2U);
    EXPECT_DOUBLE_EQ(*series.years[0].england, 82.5);
    EXPECT_FALSE(published->latest.count("icpc_15wd"));
}

TEST_F(BenchmarkServiceTest, WithoutTheCouncilSetNothingIsShownBesideTheIndicators) {
    auto published = m_service->for_indicators();
    ASSERT_TRUE(published) << published.error().message;
    EXPECT_TRUE(published->la_code.empty());
    EXPECT_TRUE(published->latest.empty());
    auto refused = m_service->benchmarks(std::nullopt, std::nullopt);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().kind, ErrorKind::InvalidInput);
}

TEST_F(BenchmarkServiceTest, ABatchWithAFileOfNoPublishedFormatStoresNothing) {
    BenchmarkImportRequest request;
    request.files = {file("lait.csv", kLait), file("notes.csv", "a,b\n1,2\n")};
    request.by = "analyst";
    auto refused = m_service->import_files(request);
    ASSERT_FALSE(refused);
    EXPECT_NE(refused.error().message.find("notes.csv"), std::string::npos);
    EXPECT_NE(refused.error().message.find("nothing was imported"), std::string::npos);
    auto held = m_cases->published_figures();
    ASSERT_TRUE(held);
    EXPECT_TRUE(held->empty());
    request.files = {file("lait.csv", kLait)};
    request.by.clear();
    EXPECT_FALSE(m_service->import_files(request));
}

}  // namespace
}  // namespace csip::app
