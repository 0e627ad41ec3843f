// Case data and indicators end to end, on each storage backend: the sample returns in
// ../shared/data/external import and say what they found, messy rows are reported with their
// file and line, a file of no known format (alone or in a batch) stores nothing, a return imported
// again replaces its earlier copy; the indicators of a small set of returns whose answers were
// counted by hand; exceptions; values entered by hand with who gave them; Ofsted Annex A extracts
// dated as at the day they were taken, their figures worked out by hand and their late children;
// the demo's story.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <ostream>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "../support/temp_dir.hpp"
#include "csip_process.hpp"

namespace csip::testing {
namespace {

using Json = nlohmann::json;

std::string sample(const std::string& name) {
    return (shared_data_dir() / "external" / name).string();
}

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

// The database a test uses: a SQLite file in the test's folder, or a fresh PostgreSQL database
// on the test server (scripts/test starts one and sets CSIP_TEST_POSTGRES_URL).
class Database {
  public:
    Database(const std::string& backend, const TempDir& dir) {
        if (backend == "sqlite") {
            m_db = (dir / "csip.db").string();
            return;
        }
        const char* server = std::getenv("CSIP_TEST_POSTGRES_URL");
        if (server == nullptr) return;
        m_server = server;
        std::random_device random;
        m_name = "csip_data_" + std::to_string(random());
        psql("CREATE DATABASE " + m_name);
        const auto query = m_server.find('?');
        m_db =
            "postgresql:///" + m_name + (query == std::string::npos ? "" : m_server.substr(query));
    }
    ~Database() {
        if (!m_name.empty()) psql("DROP DATABASE IF EXISTS " + m_name + " WITH (FORCE)");
    }
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    [[nodiscard]] const std::string& db() const { return m_db; }

  private:
    void psql(const std::string& sql) const {
        const std::string command =
            "psql -q -v ON_ERROR_STOP=1 '" + m_server + "' -c '" + sql + "' >/dev/null";
        if (std::system(command.c_str()) != 0) throw std::runtime_error("psql failed: " + sql);
    }
    std::string m_server, m_name, m_db;
};

// A CIN census of four children, counted by hand (England and Wales working days; Good Friday
// 3 April, Easter Monday 6 April, 4 May and 25 May 2015 are bank holidays):
//  C1 2015-04-01 to 2015-04-15: 8 working days, on time (April)
//  C2 2015-02-02 to 2015-05-20: 19 + 22 + 20 + 13 = 74 working days, late by 29 (May); due
//     2015-04-08, the 45th working day
//  C3 2015-04-20 to 2015-05-29: 8 + 19 = 27 working days, on time (May)
//  C4 started 2015-03-02, not authorised: due 2015-05-07; on 31 May open and 15 working days over
// and four section 47 enquiries, three of them with their ICPC within 15 working days (75%):
//  C1 2015-04-01 to 2015-04-10: 5 (2, 7, 8, 9, 10 April); C2 2015-04-01 to 2015-05-20: over 15;
//  C3 2015-05-01 to 2015-05-08: 4; C4 2015-05-11 to 2015-05-15: 4
constexpr const char* kCinCensus = R"(<?xml version="1.0" encoding="UTF-8"?>
<Message>
  <Header><CollectionDetails><Collection>CIN</Collection><Year>2016</Year>
    <ReferenceDate>2016-03-31</ReferenceDate></CollectionDetails></Header>
  <Children>
    <Child><ChildIdentifiers><LAchildID>C1</LAchildID></ChildIdentifiers><CINdetails>
      <Section47><S47ActualStartDate>2015-04-01</S47ActualStartDate>
        <DateOfInitialCPC>2015-04-10</DateOfInitialCPC></Section47>
      <Assessments><AssessmentActualStartDate>2015-04-01</AssessmentActualStartDate>
        <AssessmentAuthorisationDate>2015-04-15</AssessmentAuthorisationDate></Assessments>
    </CINdetails></Child>
    <Child><ChildIdentifiers><LAchildID>C2</LAchildID></ChildIdentifiers><CINdetails>
      <Section47><S47ActualStartDate>2015-04-01</S47ActualStartDate>
        <DateOfInitialCPC>2015-05-20</DateOfInitialCPC></Section47>
      <Assessments><AssessmentActualStartDate>2015-02-02</AssessmentActualStartDate>
        <AssessmentAuthorisationDate>2015-05-20</AssessmentAuthorisationDate></Assessments>
    </CINdetails></Child>
    <Child><ChildIdentifiers><LAchildID>C3</LAchildID></ChildIdentifiers><CINdetails>
      <Section47><S47ActualStartDate>2015-05-01</S47ActualStartDate>
        <DateOfInitialCPC>2015-05-08</DateOfInitialCPC></Section47>
      <Assessments><AssessmentActualStartDate>2015-04-20</AssessmentActualStartDate>
        <AssessmentAuthorisationDate>2015-05-29</AssessmentAuthorisationDate></Assessments>
    </CINdetails></Child>
    <Child><ChildIdentifiers><LAchildID>C4</LAchildID></ChildIdentifiers><CINdetails>
      <Section47><S47ActualStartDate>2015-05-11</S47ActualStartDate>
        <DateOfInitialCPC>2015-05-15</DateOfInitialCPC></Section47>
      <Assessments><AssessmentActualStartDate>2015-03-02</AssessmentActualStartDate></Assessments>
    </CINdetails></Child>
  </Children>
</Message>
)";

// ICPC 20 April shared 14 April: wd = 4 (15, 16, 17, 20 April), at least 3: on time (April).
// RCPC 20 May shared 18 May: wd = 2, under 5: late. RCPC 27 May never shared: late (May).
constexpr const char* kReports =
    "child_id,conference_type,conference_date,report_shared_date\n"
    "C1,ICPC,2015-04-20,2015-04-14\n"
    "C1,RCPC,2015-05-20,2015-05-18\n"
    "C3,RCPC,2015-05-27,\n";

// April: 1 of 2 FTE agency (50%); May: 1 of 3 (33.3%).
constexpr const char* kWorkforceApril =
    "worker_id,team,qualified,agency,fte,start_date,end_date,reference_date\n"
    "W1,Assessment 1,Y,agency,1,2014-01-06,,2015-04-30\n"
    "W2,Assessment 1,Y,employed,1,2010-01-04,,2015-04-30\n";
constexpr const char* kWorkforceMay =
    "worker_id,team,qualified,agency,fte,start_date,end_date,reference_date\n"
    "W1,Assessment 1,Y,agency,1,2014-01-06,,2015-05-31\n"
    "W2,Assessment 1,Y,employed,1,2010-01-04,,2015-05-31\n"
    "W3,Assessment 2,Y,employed,1,2015-05-01,,2015-05-31\n";

class DataCommandLine : public ::testing::TestWithParam<std::string> {
  protected:
    void SetUp() override {
        m_database = std::make_unique<Database>(GetParam(), m_dir);
        if (m_database->db().empty()) {
            const char* required = std::getenv("CSIP_REQUIRE_POSTGRES");
            if (required != nullptr && std::string(required) == "1") {
                FAIL() << "CSIP_TEST_POSTGRES_URL is not set; scripts/test starts the server";
            }
            GTEST_SKIP() << "no PostgreSQL test server (run scripts/test)";
        }
    }

    ProcessResult csip(std::vector<std::string> args) {
        args.insert(args.begin(), {"--db", m_database->db()});
        return run_csip(args, m_dir.path().string());
    }

    std::string file(const std::string& name, const std::string& content) {
        write_file(m_dir / name, content);
        return (m_dir / name).string();
    }

    void import_fixtures() {
        const auto result =
            csip({"data", "import", file("cin.xml", kCinCensus), file("reports.csv", kReports),
                  file("workforce_april.csv", kWorkforceApril),
                  file("workforce_may.csv", kWorkforceMay), "--by", "performance officer"});
        ASSERT_EQ(result.exit_code, 0) << result.err;
    }

    Json json_of(const ProcessResult& result) {
        EXPECT_EQ(result.exit_code, 0) << result.err;
        return result.exit_code == 0 ? Json::parse(result.out) : Json::object();
    }

    static const Json& indicator(const Json& report, const std::string& id) {
        for (const auto& item : report["indicators"]) {
            if (item["id"] == id) return item;
        }
        throw std::runtime_error("no indicator " + id);
    }

    TempDir m_dir;
    std::unique_ptr<Database> m_database;
};

TEST_P(DataCommandLine, TheSharedSamplesImportSayingWhatEachIsAndReportingMessyRows) {
    const auto result =
        csip({"data", "import", sample("csc-validator-be-cin/CIN_Census_2024.xml"),
              sample("csc-validator-be-cin/fake_CIN_data.xml"), sample("liia-tools/cin-2022.xml"),
              sample("liia-tools/social_work_workforce_2022.xml"),
              sample("liia-tools/Annex_A.xlsx"), sample("csc-validator-be-903/episodes.csv"),
              sample("csc-validator-be-903/reviews.csv"), sample("csc-validator-be-903/oc2.csv"),
              sample("csc-validator-be-903/header.csv"), "--year", "2018"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_TRUE(contains(result.out,
                         "CIN_Census_2024.xml: a CIN census XML file (cin), "
                         "recognised from its content"))
        << result.out;
    EXPECT_TRUE(contains(result.out, "Annex_A.xlsx: an Ofsted Annex A workbook (.xlsx) (annex-a)"));
    EXPECT_TRUE(
        contains(result.out, "episodes.csv: an SSDA903 episodes table (CSV) (903-episodes)"));
    EXPECT_TRUE(contains(result.out, "records read 5050, used 5050, skipped 0"));
    EXPECT_TRUE(contains(result.out, "1 assessment authorised before it started"));
    EXPECT_TRUE(contains(result.out, "stored as return 903-oc2 2018"));
    EXPECT_TRUE(contains(result.out, "Imported 9 files:"));
    // The messy row, at its file, line and column, with what is wrong and how to fix it.
    EXPECT_TRUE(contains(result.err, "CIN_Census_2024.xml:43:21: "));
    EXPECT_TRUE(contains(result.err, "correct whichever of the two dates is wrong"));

    const auto listed = json_of(csip({"data", "list", "--format", "json"}))["returns"];
    ASSERT_EQ(listed.size(), 9U);
    EXPECT_EQ(listed[0]["format"], "cin");
    EXPECT_EQ(listed[0]["reference"], "2024-03-31");
    EXPECT_EQ(listed[3]["format"], "csww");
    EXPECT_EQ(listed[3]["records_read"], 30);

    // The indicators compute over what was imported: the OC2 cohort of 2,675 children at
    // 31 March 2018, and the CSWW census's 30 workers.
    const auto report = json_of(
        csip({"indicators", "--from", "2017-04-01", "--to", "2018-03-31", "--format", "json"}));
    EXPECT_EQ(indicator(report, "cla_health_assessments")["denominator"], 2675);
    EXPECT_EQ(indicator(report, "cla_health_assessments")["as_of"], "2018-03-31");
    EXPECT_EQ(indicator(report, "agency_sw_rate")["as_of"], "2022-09-30");
}

TEST_P(DataCommandLine, AFileOfNoKnownFormatIsRefusedAndNothingIsStored) {
    const auto result = csip({"data", "import", sample("csc-validator-be-903/missing.csv")});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_TRUE(contains(result.err, "missing.csv: not a format csip recognises")) << result.err;
    EXPECT_TRUE(contains(result.err, "--format NAME"));
    EXPECT_TRUE(contains(csip({"data", "list"}).out, "No case data has been imported"));
}

TEST_P(DataCommandLine, ABatchWithOneBadFileStoresNone) {
    const auto result =
        csip({"data", "import", file("cin.xml", kCinCensus),
              sample("csc-validator-be-903/uasc.csv"), file("reports.csv", kReports)});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_TRUE(contains(result.err, "uasc.csv: not a format csip recognises")) << result.err;
    EXPECT_TRUE(contains(result.err, "Nothing was imported."));
    EXPECT_EQ(json_of(csip({"data", "list", "--format", "json"}))["returns"].size(), 0U);
}

TEST_P(DataCommandLine, ImportingAReturnAgainReplacesItsEarlierCopy) {
    ASSERT_EQ(
        csip({"data", "import", sample("csc-validator-be-cin/CIN_Census_2024.xml")}).exit_code, 0);
    // The same census (reference date 2024-03-31), resubmitted.
    const auto again = csip({"data", "import", sample("csc-validator-be-cin/CIN_Census_2026.xml")});
    ASSERT_EQ(again.exit_code, 0) << again.err;
    EXPECT_TRUE(contains(again.out, "stored as return cin 2024-03-31, replacing the earlier copy"));
    const auto listed = json_of(csip({"data", "list", "--format", "json"}))["returns"];
    ASSERT_EQ(listed.size(), 1U);
    EXPECT_TRUE(contains(listed[0]["file"].get<std::string>(), "CIN_Census_2026.xml"));
}

// The header line and the first `rows` data rows of a CSV table.
std::string first_rows(const std::string& table, std::size_t rows) {
    const std::string text = read_file(table);
    std::size_t end = text.find('\n');
    for (std::size_t row = 0; row < rows && end != std::string::npos; ++row) {
        end = text.find('\n', end + 1);
    }
    return end == std::string::npos ? text : text.substr(0, end + 1);
}

TEST_P(DataCommandLine, AReturnWithFarFewerUsableRecordsReplacesTheStoredOneOnlyWhenConfirmed) {
    ASSERT_EQ(
        csip({"data", "import", sample("csc-validator-be-903/episodes.csv"), "--year", "2018"})
            .exit_code,
        0);
    // 312 rows of the same table, from another source under another name.
    const auto partial = file("episodes from the provider.csv",
                              first_rows(sample("csc-validator-be-903/episodes.csv"), 312));
    const auto refused = csip({"data", "import", partial, "--year", "2018"});
    EXPECT_EQ(refused.exit_code, 1);
    EXPECT_TRUE(contains(refused.err,
                         "would replace return 903-episodes 2018 (5050 usable "
                         "records"))
        << refused.err;
    EXPECT_TRUE(contains(refused.err, "with 312 usable records"));
    EXPECT_TRUE(contains(refused.err, "confirm replacing it with --replace"));
    EXPECT_TRUE(contains(refused.err, "Nothing was imported."));
    auto listed = json_of(csip({"data", "list", "--format", "json"}))["returns"];
    ASSERT_EQ(listed.size(), 1U);
    EXPECT_EQ(listed[0]["records_used"], 5050);

    const auto confirmed = csip({"data", "import", partial, "--year", "2018", "--replace"});
    ASSERT_EQ(confirmed.exit_code, 0) << confirmed.err;
    EXPECT_TRUE(contains(confirmed.out,
                         "stored as return 903-episodes 2018, replacing the "
                         "earlier copy"));
    listed = json_of(csip({"data", "list", "--format", "json"}))["returns"];
    ASSERT_EQ(listed.size(), 1U);
    EXPECT_EQ(listed[0]["records_used"], 312);
}

TEST_P(DataCommandLine, ACensusWithNothingUsableDoesNotReplaceTheStoredOne) {
    ASSERT_EQ(csip({"data", "import", file("cin.xml", kCinCensus)}).exit_code, 0);
    const auto empty = file("cin-resubmitted.xml", R"(<?xml version="1.0" encoding="UTF-8"?>
<Message>
  <Header><CollectionDetails><Collection>CIN</Collection><Year>2016</Year>
    <ReferenceDate>2016-03-31</ReferenceDate></CollectionDetails></Header>
  <Children></Children>
</Message>
)");
    const auto refused = csip({"data", "import", empty});
    EXPECT_EQ(refused.exit_code, 1);
    EXPECT_TRUE(contains(refused.err, "would replace return cin 2016-03-31")) << refused.err;
    EXPECT_TRUE(contains(refused.err, "with 0 usable records"));
    const auto listed = json_of(csip({"data", "list", "--format", "json"}))["returns"];
    ASSERT_EQ(listed.size(), 1U);
    EXPECT_TRUE(contains(listed[0]["file"].get<std::string>(), "cin.xml"));
}

TEST_P(DataCommandLine, AnSsda903TableIsKnownByItsCollectionYearNeverByItsFileName) {
    // Without --year, the year its latest date falls in; under another name, the same return.
    const auto first = csip({"data", "import", sample("csc-validator-be-903/episodes.csv")});
    ASSERT_EQ(first.exit_code, 0) << first.err;
    EXPECT_TRUE(contains(first.out, "stored as return 903-episodes 20")) << first.out;
    const auto copy =
        file("episodes (copy).csv", read_file(sample("csc-validator-be-903/episodes.csv")));
    const auto again = csip({"data", "import", copy});
    ASSERT_EQ(again.exit_code, 0) << again.err;
    EXPECT_TRUE(contains(again.out, "replacing the earlier copy")) << again.out;
    EXPECT_EQ(json_of(csip({"data", "list", "--format", "json"}))["returns"].size(), 1U);

    // A table whose rows carry no dates must be given its year.
    const auto header = csip({"data", "import", sample("csc-validator-be-903/header.csv")});
    EXPECT_EQ(header.exit_code, 1);
    EXPECT_TRUE(contains(header.err, "give the SSDA903 collection year with --year YYYY"))
        << header.err;
}

TEST_P(DataCommandLine, IndicatorsGiveTheFiguresCountedByHand) {
    import_fixtures();
    const auto report = json_of(
        csip({"indicators", "--from", "2015-04-01", "--to", "2015-05-31", "--format", "json"}));
    EXPECT_EQ(report["from"], "2015-04-01");
    EXPECT_EQ(report["to"], "2015-05-31");
    ASSERT_EQ(report["indicators"].size(), 9U);

    const auto& assessments = indicator(report, "assessments_45wd");
    EXPECT_EQ(assessments["title"], "Assessments completed within 45 working days");
    EXPECT_EQ(assessments["numerator"], 2);
    EXPECT_EQ(assessments["denominator"], 3);
    EXPECT_NEAR(assessments["percent"].get<double>(), 66.667, 0.001);
    EXPECT_EQ(assessments["small_denominator"], true);
    EXPECT_EQ(assessments["target"], nullptr);  // no plan, so no target and no RAG
    EXPECT_EQ(assessments["rag"], nullptr);
    EXPECT_EQ(assessments["excluded"], 0);
    EXPECT_EQ(assessments["months"], Json::parse(R"([
        {"month": "2015-04", "numerator": 1, "denominator": 1, "percent": 100.0},
        {"month": "2015-05", "numerator": 1, "denominator": 2, "percent": 50.0}])"));
    EXPECT_FALSE(assessments.contains("as_of"));

    const auto& reports = indicator(report, "cp_reports_shared_on_time");
    EXPECT_EQ(reports["numerator"], 1);
    EXPECT_EQ(reports["denominator"], 3);
    EXPECT_EQ(reports["months"][1]["numerator"], 0);

    const auto& agency = indicator(report, "agency_sw_rate");
    EXPECT_EQ(agency["as_of"], "2015-05-31");
    EXPECT_EQ(agency["numerator"], 1);
    EXPECT_EQ(agency["denominator"], 3);
    EXPECT_DOUBLE_EQ(agency["months"][0]["percent"].get<double>(), 50.0);
    EXPECT_NEAR(agency["months"][1]["percent"].get<double>(), 33.333, 0.001);

    // A snapshot without data: no months, no figures.
    const auto& health = indicator(report, "cla_health_assessments");
    EXPECT_TRUE(health.contains("as_of"));
    EXPECT_FALSE(health.contains("months"));
    EXPECT_EQ(health["percent"], nullptr);

    // The same figures as CSV: a row per month, then the period and the year to date.
    const auto csv =
        csip({"indicators", "--from", "2015-04-01", "--to", "2015-05-31", "--format", "csv"});
    ASSERT_EQ(csv.exit_code, 0) << csv.err;
    EXPECT_TRUE(contains(csv.out,
                         "id,row,month,from,to,numerator,denominator,percent,target,rag,"
                         "small_denominator,source\n"));
    EXPECT_TRUE(contains(csv.out,
                         "assessments_45wd,month,2015-05,2015-05-01,2015-05-31,1,2,"
                         "50.0000,,,true,data\n"));
    EXPECT_TRUE(contains(csv.out, "assessments_45wd,period,,2015-04-01,2015-05-31,2,3,66.6667,"));
    EXPECT_TRUE(contains(csv.out, "assessments_45wd,year_to_date,,2015-04-01,2015-05-31,2,3,"));
}

TEST_P(DataCommandLine, TargetsComeFromThePlanAndRagFromTheTolerance) {
    import_fixtures();
    const auto plan = csip(
        {"plan", "import", (source_dir() / "tests/cli/fixtures/northfield_plan.json").string()});
    ASSERT_EQ(plan.exit_code, 0) << plan.err;
    // ICPCs: 3 of 4 (75%) against 87.5%, 12.5 points short: amber within a tolerance of 15,
    // red within 10 (the default is 5).
    ASSERT_EQ(csip({"settings", "set", "tolerance", "15", "--by", "head of service"}).exit_code, 0);
    const auto lenient = json_of(
        csip({"indicators", "--from", "2015-04-01", "--to", "2015-05-31", "--format", "json"}));
    EXPECT_EQ(indicator(lenient, "icpc_15wd")["target"], 87.5);
    EXPECT_EQ(indicator(lenient, "icpc_15wd")["percent"], 75.0);
    EXPECT_EQ(indicator(lenient, "icpc_15wd")["rag"], "amber");
    ASSERT_EQ(csip({"settings", "set", "tolerance", "10", "--by", "head of service"}).exit_code, 0);
    ASSERT_EQ(csip({"settings", "set", "assessment_working_days", "20", "--by", "head of service"})
                  .exit_code,
              0);
    const auto report = json_of(
        csip({"indicators", "--from", "2015-04-01", "--to", "2015-05-31", "--format", "json"}));
    EXPECT_EQ(indicator(report, "icpc_15wd")["rag"], "red");
    // No visits: a target but no RAG.
    const auto& visits = indicator(report, "cp_visits_on_time");
    EXPECT_EQ(visits["target"], 95.0);
    EXPECT_EQ(visits["rag"], nullptr);
    // With 20 working days, C1 (8) stays on time and C3 (27) is late: 1 of 3.
    const auto& assessments = indicator(report, "assessments_45wd");
    EXPECT_EQ(assessments["numerator"], 1);
    EXPECT_TRUE(contains(assessments["rule"].get<std::string>(), "≤ 20 working days"));
    const auto shown = csip({"settings", "show"});
    EXPECT_TRUE(contains(shown.out, "set by head of service")) << shown.out;
    EXPECT_TRUE(contains(shown.out, "visit_working_days")) << shown.out;

    const auto refused = csip({"settings", "set", "visit_days", "10"});
    EXPECT_EQ(refused.exit_code, 1);
    EXPECT_TRUE(contains(refused.err, "there is no setting 'visit_days'"));
}

TEST_P(DataCommandLine, ExceptionsListTheLateAndTheOpenPastDue) {
    import_fixtures();
    const auto found = json_of(
        csip({"exceptions", "assessments_45wd", "--as-of", "2015-05-31", "--format", "json"}));
    EXPECT_EQ(found["indicator"], "assessments_45wd");
    EXPECT_EQ(found["as_of"], "2015-05-31");
    ASSERT_EQ(found["exceptions"].size(), 2U);
    const auto& late = found["exceptions"][0];
    EXPECT_EQ(late["child_id"], "C2");
    EXPECT_EQ(late["kind"], "late");
    EXPECT_EQ(late["start"], "2015-02-02");
    EXPECT_EQ(late["event"], "2015-05-20");
    EXPECT_EQ(late["due"], "2015-04-08");
    EXPECT_EQ(late["days_over"], 29);
    const auto& open = found["exceptions"][1];
    EXPECT_EQ(open["child_id"], "C4");
    EXPECT_EQ(open["kind"], "overdue");
    EXPECT_EQ(open["due"], "2015-05-07");
    EXPECT_EQ(open["days_over"], 15);
    EXPECT_EQ(open["event"], nullptr);

    const auto text = csip({"exceptions", "assessments_45wd", "--as-of", "2015-05-31"});
    EXPECT_TRUE(contains(text.out, "assessments_45wd exceptions on 2015-05-31")) << text.out;
    EXPECT_TRUE(contains(text.out, "cin.xml:"));

    const auto unknown = csip({"exceptions", "visits", "--as-of", "2015-05-31"});
    EXPECT_EQ(unknown.exit_code, 1);
    EXPECT_TRUE(contains(unknown.err, "there is no indicator 'visits'"));
}

TEST_P(DataCommandLine, ValuesEnteredByHandAreKeptWithWhoGaveThem) {
    const auto first = csip({"indicator", "set", "academy_retention", "--month", "2015-07",
                             "--value", "80", "--by", "workforce lead"});
    ASSERT_EQ(first.exit_code, 0) << first.err;
    ASSERT_EQ(csip({"indicator", "set", "academy_retention", "--month", "2015-07", "--value",
                    "82.5", "--by", "performance officer", "--note", "HR report, corrected"})
                  .exit_code,
              0);
    const auto report = json_of(
        csip({"indicators", "--from", "2015-06-01", "--to", "2015-08-31", "--format", "json"}));
    const auto& retention = indicator(report, "academy_retention");
    EXPECT_EQ(retention["source"], "manual");
    EXPECT_EQ(retention["percent"], 82.5);
    EXPECT_EQ(retention["numerator"], nullptr);
    ASSERT_EQ(retention["months"].size(), 3U);
    EXPECT_EQ(retention["months"][1]["percent"], 82.5);
    EXPECT_EQ(retention["months"][1]["manual"]["by"], "performance officer");
    EXPECT_EQ(retention["months"][1]["manual"]["note"], "HR report, corrected");
    EXPECT_EQ(retention["months"][0]["percent"], nullptr);

    // Both values are kept, oldest first.
    const auto values = csip({"indicator", "values"});
    EXPECT_TRUE(contains(values.out, "academy_retention 2015-07 80 by workforce lead"))
        << values.out;
    EXPECT_TRUE(contains(values.out, "academy_retention 2015-07 82.5 by performance officer"));

    const auto bad = csip({"indicator", "set", "academy_retention", "--month", "July", "--value",
                           "80", "--by", "someone"});
    EXPECT_EQ(bad.exit_code, 1);
    EXPECT_TRUE(contains(bad.err, "--month 'July' is not a month"));
}

// --- Ofsted Annex A ----------------------------------------------------------------------------
//
// The public sample workbook (liia-tools' Annex_A.xlsx, 59 rows), worked out by hand with the
// bank holidays of data/bank-holidays-england-and-wales.csv:
//  List 7: two of its seven plans are open, 5358472's and 14953858's (from 8 February 2021, last
//   visited 2 March 2021, team Locality 4 Unit 1, worker Petra Wills); the other five ended
//   between 17 September 2020 and 16 February 2021. A visit is due by the 10th working day after
//   the last, 16 March 2021 (3, 4, 5, 8 to 12, 15 and 16 March): as at 16 March 2021 both
//   children are in timescale (2 of 2); as at 31 January 2024, 734 working days after 2 March
//   2021, both are 724 working days past due (0 of 2).
//  List 8: four of its five children are looked after (3623204 ceased on 22 September 2020); their
//   latest reviews, 8 December 2020 to 26 February 2021, make the next due 8 June to 26 August
//   2021: all four in timescale as at 16 March 2021, none as at 31 January 2024.
//  List 9: six care leavers, one with no activity status (left out); F1, F2, F3 and F3 against
//   one G5: 4 of 5 in education, employment or training, whatever the date.
std::string annex_a_workbook() { return sample("liia-tools/Annex_A.xlsx"); }

// The figure of one Annex A snapshot: as at, numerator, denominator.
struct AnnexAPoint {
    std::string as_of;
    int numerator = 0;
    int denominator = 0;
};

std::vector<AnnexAPoint> snapshots_of(const Json& indicator) {
    std::vector<AnnexAPoint> points;
    for (const auto& snapshot : indicator["snapshots"]) {
        points.push_back({snapshot["as_of"].get<std::string>(), snapshot["numerator"].get<int>(),
                          snapshot["denominator"].get<int>()});
    }
    return points;
}

bool operator==(const AnnexAPoint& a, const AnnexAPoint& b) {
    return a.as_of == b.as_of && a.numerator == b.numerator && a.denominator == b.denominator;
}

std::ostream& operator<<(std::ostream& out, const AnnexAPoint& point) {
    return out << point.as_of << " " << point.numerator << "/" << point.denominator;
}

TEST_P(DataCommandLine, AnAnnexAExtractIsStoredAsAtTheDateItWasTaken) {
    const auto first = csip({"data", "import", annex_a_workbook(), "--as-at", "2024-01-31"});
    ASSERT_EQ(first.exit_code, 0) << first.err;
    EXPECT_TRUE(contains(first.out, "Annex_A.xlsx: an Ofsted Annex A workbook (.xlsx) (annex-a)"));
    EXPECT_TRUE(contains(first.out, "records read 59, used 59, skipped 0")) << first.out;
    EXPECT_TRUE(contains(first.out, "stored as return annex-a 2024-01-31\n")) << first.out;
    EXPECT_FALSE(contains(first.out, "latest date in it"));
    EXPECT_EQ(first.err, "");  // no problem in any row
    auto listed = json_of(csip({"data", "list", "--format", "json"}))["returns"];
    ASSERT_EQ(listed.size(), 1U);
    EXPECT_EQ(listed[0]["format"], "annex-a");
    EXPECT_EQ(listed[0]["reference"], "2024-01-31");
    EXPECT_EQ(listed[0]["reference_date"], "2024-01-31");
    EXPECT_EQ(listed[0]["records_read"], 59);
    EXPECT_EQ(listed[0]["records_used"], 59);
    EXPECT_EQ(listed[0]["records_skipped"], 0);

    // The same extract again, under another name: the same return, replaced.
    const auto copy = file("Annex A (resent).xlsx", read_file(annex_a_workbook()));
    const auto again = csip({"data", "import", copy, "--as-at", "2024-01-31"});
    ASSERT_EQ(again.exit_code, 0) << again.err;
    EXPECT_TRUE(
        contains(again.out, "stored as return annex-a 2024-01-31, replacing the earlier copy"))
        << again.out;
    listed = json_of(csip({"data", "list", "--format", "json"}))["returns"];
    ASSERT_EQ(listed.size(), 1U);
    EXPECT_TRUE(contains(listed[0]["file"].get<std::string>(), "Annex A (resent).xlsx"));

    // Taken on another day: a second snapshot beside the first.
    const auto earlier = csip({"data", "import", annex_a_workbook(), "--as-at", "2021-03-16"});
    ASSERT_EQ(earlier.exit_code, 0) << earlier.err;
    EXPECT_TRUE(contains(earlier.out, "stored as return annex-a 2021-03-16\n")) << earlier.out;
    listed = json_of(csip({"data", "list", "--format", "json"}))["returns"];
    ASSERT_EQ(listed.size(), 2U);
    std::set<std::string> references;
    for (const auto& held : listed) {
        EXPECT_EQ(held["format"], "annex-a");
        EXPECT_EQ(held["records_used"], 59);
        references.insert(held["reference"].get<std::string>());
    }
    EXPECT_EQ(references, (std::set<std::string>{"2021-03-16", "2024-01-31"}));

    // Each Annex A figure has a point per extract, and stands as at the latest.
    const auto report = json_of(
        csip({"indicators", "--from", "2021-03-01", "--to", "2024-01-31", "--format", "json"}));
    using Points = std::vector<AnnexAPoint>;
    const auto& visits = indicator(report, "annex_cp_visits");
    EXPECT_EQ(visits["kind"], "snapshot");
    EXPECT_EQ(visits["as_of"], "2024-01-31");
    EXPECT_EQ(visits["numerator"], 0);
    EXPECT_EQ(visits["denominator"], 2);
    EXPECT_EQ(visits["small_denominator"], true);
    EXPECT_EQ(snapshots_of(visits), (Points{{"2021-03-16", 2, 2}, {"2024-01-31", 0, 2}}));
    EXPECT_DOUBLE_EQ(visits["snapshots"][0]["percent"].get<double>(), 100.0);
    EXPECT_DOUBLE_EQ(visits["snapshots"][1]["percent"].get<double>(), 0.0);
    const auto& reviews = indicator(report, "annex_cla_reviews");
    EXPECT_EQ(reviews["as_of"], "2024-01-31");
    EXPECT_EQ(snapshots_of(reviews), (Points{{"2021-03-16", 4, 4}, {"2024-01-31", 0, 4}}));
    const auto& eet = indicator(report, "annex_care_leavers_eet");
    EXPECT_EQ(snapshots_of(eet), (Points{{"2021-03-16", 4, 5}, {"2024-01-31", 4, 5}}));
    EXPECT_DOUBLE_EQ(eet["percent"].get<double>(), 80.0);
    EXPECT_EQ(eet["excluded"], 1);  // the care leaver with no activity status
}

TEST_P(DataCommandLine, AnAnnexAExtractWithoutItsDateIsTakenAsAtItsLatestDate) {
    // Its latest date is List 6's 15 March 2021 (a child last seen).
    const auto result = csip({"data", "import", annex_a_workbook()});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_TRUE(contains(result.out, "stored as return annex-a 2021-03-15")) << result.out;
    EXPECT_TRUE(contains(result.out,
                         "taken as at 2021-03-15, the latest date in it; if it was taken on "
                         "another day, import it again with that date (--as-at YYYY-MM-DD"))
        << result.out;
    const auto listed = json_of(csip({"data", "list", "--format", "json"}))["returns"];
    ASSERT_EQ(listed.size(), 1U);
    EXPECT_EQ(listed[0]["reference_date"], "2021-03-15");
}

TEST_P(DataCommandLine, AnnexAExceptionsNameEachLateChildWithTeamWorkerAndDaysPastDue) {
    ASSERT_EQ(csip({"data", "import", annex_a_workbook(), "--as-at", "2024-01-31"}).exit_code, 0);
    const auto found = json_of(
        csip({"exceptions", "annex_cp_visits", "--as-of", "2024-01-31", "--format", "json"}));
    EXPECT_EQ(found["indicator"], "annex_cp_visits");
    EXPECT_EQ(found["as_of"], "2024-01-31");
    ASSERT_EQ(found["exceptions"].size(), 2U);
    std::set<std::string> children;
    for (const auto& late : found["exceptions"]) {
        children.insert(late["child_id"].get<std::string>());
        EXPECT_EQ(late["kind"], "overdue");
        EXPECT_EQ(late["start"], "2021-03-02");  // the last statutory visit
        EXPECT_EQ(late["event"], nullptr);
        EXPECT_EQ(late["due"], "2021-03-16");
        EXPECT_EQ(late["days_over"], 724);
        EXPECT_EQ(late["days"], "working");
        EXPECT_EQ(late["team"], "Locality 4 Unit 1");
        EXPECT_EQ(late["worker"], "Petra Wills");
        EXPECT_TRUE(contains(late["source"]["file"].get<std::string>(), "Annex_A.xlsx (List 7)"));
    }
    EXPECT_EQ(children, (std::set<std::string>{"5358472", "14953858"}));

    const auto text = csip({"exceptions", "annex_cp_visits", "--as-of", "2024-01-31"});
    ASSERT_EQ(text.exit_code, 0) << text.err;
    EXPECT_TRUE(contains(text.out, "annex_cp_visits exceptions on 2024-01-31")) << text.out;
    for (const char* child : {"5358472", "14953858"}) {
        const auto at = text.out.find(std::string(child) + " ");
        ASSERT_NE(at, std::string::npos) << child << "\n" << text.out;
        const std::string row = text.out.substr(at, text.out.find('\n', at) - at);
        EXPECT_TRUE(contains(row, "2021-03-16")) << row;
        EXPECT_TRUE(contains(row, "724 wd")) << row;
        EXPECT_TRUE(contains(row, "Locality 4 Unit 1")) << row;
        EXPECT_TRUE(contains(row, "Petra Wills")) << row;
        EXPECT_TRUE(contains(row, "Annex_A.xlsx (List 7):")) << row;
    }
}

// Care leavers as one Annex A list saved as CSV: CL2's date of birth is 31 February and CL3's
// 'LA in Touch' is no code of the column's.
constexpr const char* kCareLeavers =
    "Child Unique ID,Gender,Date of Birth,Allocated Team,Allocated Worker,Eligibility Category,"
    "LA in Touch,Type of Accommodation,Suitability of Accommodation,Activity Status\n"
    "CL1,a) Male,01/05/2004,Leaving care,PA01,b) Former relevant child,a) Yes,"
    "U: Independent living,a) Suitable,F1: Full time in higher education\n"
    "CL2,b) Female,31/02/2004,Leaving care,PA01,b) Former relevant child,a) Yes,"
    "U: Independent living,a) Suitable,F3: Full time in training or employment\n"
    "CL3,a) Male,12/11/2003,Leaving care,PA02,b) Former relevant child,g) Maybe,"
    "Y: Other accommodation,b) Unsuitable,G5: Not in education\n"
    "CL4,b) Female,03/03/2005,Leaving care,PA02,b) Former relevant child,a) Yes,"
    "Y: Other accommodation,b) Unsuitable,\"G5: Not in education, employment or training\"\n";

TEST_P(DataCommandLine, AnnexARowsThatCannotBeReadAreReportedAtTheirRowAndColumn) {
    const auto list = file("care leavers.csv", kCareLeavers);
    const auto result = csip({"data", "import", list, "--as-at", "2024-01-31"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_TRUE(contains(result.out, "an Ofsted Annex A list saved as CSV (annex-a-list)"))
        << result.out;
    EXPECT_TRUE(contains(result.out, "records read 4, used 2, skipped 2")) << result.out;
    EXPECT_TRUE(contains(result.out, "1 List 9 (care leavers) row with an unknown code"));
    EXPECT_TRUE(contains(result.out, "1 List 9 (care leavers) row with an unreadable date"));
    EXPECT_TRUE(contains(result.out, "stored as return annex-a-list 2024-01-31 list 9"));
    // file:line:column (column header): what is wrong; how to fix it.
    EXPECT_TRUE(contains(result.err,
                         "care leavers.csv:3:3 (Date of Birth): '31/02/2004' is not a date; write "
                         "the date as dd/mm/yyyy or YYYY-MM-DD"))
        << result.err;
    EXPECT_TRUE(contains(result.err,
                         "care leavers.csv:4:7 (LA in Touch): 'Maybe' is not one of this column's "
                         "codes, which are a) Yes, b) No"))
        << result.err;
    // The two rows read are the list: CL1 in higher education, CL4 not (1 of 2).
    const auto report = json_of(
        csip({"indicators", "--from", "2023-04-01", "--to", "2024-01-31", "--format", "json"}));
    EXPECT_EQ(snapshots_of(indicator(report, "annex_care_leavers_eet")),
              (std::vector<AnnexAPoint>{{"2024-01-31", 1, 2}}));

    // In a workbook, the problem names its sheet and cell. A copy of the sample whose List 9
    // (sheet9.xml) has Excel's serial 60, 29 February 1900, as a date of birth in D3 and an
    // unknown code in J4, rewritten with Python's zipfile (scripts/setup installs python3).
    const auto script = file("spoil.py", R"(import sys, zipfile
changes = [(b'<c r="D3" s="2"><v>37172</v></c>', b'<c r="D3" s="2"><v>60</v></c>'),
           (b'<c r="J4" t="s"><v>58</v></c>',
            b'<c r="J4" t="inlineStr"><is><t>g) Maybe</t></is></c>')]
with zipfile.ZipFile(sys.argv[1]) as source, zipfile.ZipFile(sys.argv[2], 'w') as spoilt:
    for item in source.infolist():
        data = source.read(item.filename)
        if item.filename == 'xl/worksheets/sheet9.xml':
            for old, new in changes:
                assert data.count(old) == 1, old
                data = data.replace(old, new)
        spoilt.writestr(item, data)
)");
    const auto spoilt = (m_dir / "spoilt Annex A.xlsx").string();
    ASSERT_EQ(
        std::system(
            ("python3 '" + script + "' '" + annex_a_workbook() + "' '" + spoilt + "'").c_str()),
        0);
    const auto workbook = csip({"data", "import", spoilt, "--as-at", "2024-02-29"});
    ASSERT_EQ(workbook.exit_code, 0) << workbook.err;
    EXPECT_TRUE(contains(workbook.out, "records read 59, used 57, skipped 2")) << workbook.out;
    EXPECT_TRUE(contains(workbook.err,
                         "spoilt Annex A.xlsx:3:4 (Date of Birth): at List 9!D3: date serial 60 "
                         "is Excel's 29 February 1900, a day that never existed"))
        << workbook.err;
    EXPECT_TRUE(contains(workbook.err,
                         "spoilt Annex A.xlsx:4:10 (LA in Touch): at List 9!J4: 'Maybe' is not "
                         "one of this column's codes"))
        << workbook.err;
}

// A list's rows: care leavers CL1 to CL`rows`, each in touch, housed and in education.
std::string care_leavers_list(int rows) {
    std::string text =
        "Child Unique ID,Date of Birth,Allocated Team,Allocated Worker,LA in Touch,"
        "Suitability of Accommodation,Activity Status\n";
    for (int row = 1; row <= rows; ++row) {
        text += "CL" + std::to_string(row) +
                ",01/05/2004,Leaving care,PA01,a) Yes,a) Suitable,F1: Full time in higher "
                "education\n";
    }
    return text;
}

TEST_P(DataCommandLine, AnAnnexAListWithFarFewerUsableRowsReplacesTheStoredOneOnlyWhenConfirmed) {
    ASSERT_EQ(csip({"data", "import", file("care leavers.csv", care_leavers_list(5)), "--as-at",
                    "2024-01-31"})
                  .exit_code,
              0);
    // The same list as at the same day, with 2 rows: fewer than half of the 5 held.
    const auto shorter = file("care leavers, part.csv", care_leavers_list(2));
    const auto refused = csip({"data", "import", shorter, "--as-at", "2024-01-31"});
    EXPECT_EQ(refused.exit_code, 1);
    EXPECT_TRUE(contains(refused.err,
                         "would replace return annex-a-list 2024-01-31 list 9 (5 usable records"))
        << refused.err;
    EXPECT_TRUE(contains(refused.err, "with 2 usable records"));
    EXPECT_TRUE(contains(refused.err, "confirm replacing it with --replace"));
    EXPECT_TRUE(contains(refused.err, "Nothing was imported."));
    auto listed = json_of(csip({"data", "list", "--format", "json"}))["returns"];
    ASSERT_EQ(listed.size(), 1U);
    EXPECT_EQ(listed[0]["records_used"], 5);

    const auto confirmed = csip({"data", "import", shorter, "--as-at", "2024-01-31", "--replace"});
    ASSERT_EQ(confirmed.exit_code, 0) << confirmed.err;
    EXPECT_TRUE(contains(confirmed.out,
                         "stored as return annex-a-list 2024-01-31 list 9, replacing the earlier "
                         "copy"))
        << confirmed.out;
    listed = json_of(csip({"data", "list", "--format", "json"}))["returns"];
    ASSERT_EQ(listed.size(), 1U);
    EXPECT_EQ(listed[0]["records_used"], 2);
}

TEST_P(DataCommandLine, AnAsAtThatIsNotADateIsRefusedNamingTheOption) {
    for (const char* as_at : {"notadate", "2024-02-30", "31/01/2024"}) {
        const auto refused = csip({"data", "import", annex_a_workbook(), "--as-at", as_at});
        EXPECT_EQ(refused.exit_code, 1) << as_at;
        EXPECT_TRUE(contains(
            refused.err, std::string("--as-at '") + as_at + "' is not a date; write it YYYY-MM-DD"))
            << refused.err;
    }
    EXPECT_TRUE(contains(csip({"data", "list"}).out, "No case data has been imported"));
}

TEST_P(DataCommandLine, UsageErrorsExitWithTwo) {
    EXPECT_EQ(csip({"indicators", "--format", "xml"}).exit_code, 2);
    EXPECT_EQ(csip({"data", "import"}).exit_code, 2);
}

TEST_P(DataCommandLine, TheDemoShowsTheIndicatorSeriesOfItsStory) {
    const auto demo = csip({"demo"});
    ASSERT_EQ(demo.exit_code, 0) << demo.err;
    EXPECT_TRUE(contains(demo.out, "Indicators from 2015-04-01 to 2015-09-15")) << demo.out;
    EXPECT_TRUE(contains(demo.out, "cp_visits_on_time"));

    const auto report = json_of(
        csip({"indicators", "--from", "2015-04-01", "--to", "2015-09-15", "--format", "json"}));
    const auto month = [&](const std::string& id, std::size_t index) {
        return indicator(report, id)["months"][index]["percent"].get<double>();
    };
    // Assessments within 45 working days rise from about 71% in April to about 84% in August.
    EXPECT_NEAR(month("assessments_45wd", 0), 71.0, 2.0);
    EXPECT_NEAR(month("assessments_45wd", 4), 84.0, 2.0);
    EXPECT_LT(month("assessments_45wd", 0), month("assessments_45wd", 4));
    EXPECT_EQ(indicator(report, "assessments_45wd")["target"], 85.0);
    // Every ICPC, CP review and CLA review on time.
    for (const char* id : {"icpc_15wd", "cp_reviews_on_time", "cla_reviews_on_time"}) {
        EXPECT_EQ(indicator(report, id)["percent"], 100.0) << id;
        EXPECT_EQ(indicator(report, id)["rag"], "green") << id;
    }
    // CP visits near 97% by July.
    EXPECT_GE(month("cp_visits_on_time", 3), 95.0);
    EXPECT_LE(month("cp_visits_on_time", 3), 99.0);
    // The agency rate falls from 50% in April to 33% in August, the headline.
    EXPECT_DOUBLE_EQ(month("agency_sw_rate", 0), 50.0);
    EXPECT_NEAR(month("agency_sw_rate", 4), 33.3, 0.1);
    EXPECT_NEAR(indicator(report, "agency_sw_rate")["percent"].get<double>(), 33.3, 0.1);
    EXPECT_EQ(indicator(report, "agency_sw_rate")["as_of"], "2015-08-31");
    // Health assessments and dental checks below their target.
    for (const char* id : {"cla_health_assessments", "cla_dental_checks"}) {
        EXPECT_LT(indicator(report, id)["percent"].get<double>(), 90.0) << id;
        EXPECT_EQ(indicator(report, id)["rag"], "red") << id;
    }
    // Reports shared on time: about 48% of the year to 31 August, 67% of August's conferences.
    const auto august = json_of(
        csip({"indicators", "--from", "2015-04-01", "--to", "2015-08-31", "--format", "json"}));
    const auto& reports = indicator(august, "cp_reports_shared_on_time");
    EXPECT_NEAR(reports["year_to_date"]["percent"].get<double>(), 48.0, 2.0);
    EXPECT_NEAR(reports["months"][4]["percent"].get<double>(), 67.0, 2.0);
    // Realistic sizes for a small unitary authority.
    const auto monthly =
        indicator(report, "assessments_45wd")["months"][1]["denominator"].get<int>();
    EXPECT_GE(monthly, 60);
    EXPECT_LE(monthly, 120);

    // List 4 and List 5 of the Annex A extracts hold the census's own assessments and
    // enquiries, so none of them is counted twice.
    EXPECT_EQ(indicator(report, "assessments_45wd")["denominator"], 479);
    EXPECT_EQ(indicator(report, "icpc_15wd")["denominator"], 68);

    // An Annex A extract at each month end from April to September, its figures as the demo's
    // README tells them.
    const auto extracts = json_of(
        csip({"indicators", "--from", "2015-04-01", "--to", "2015-09-30", "--format", "json"}));
    const auto series = [&](const std::string& id) {
        std::vector<double> percents;
        for (const auto& snapshot : indicator(extracts, id)["snapshots"]) {
            percents.push_back(std::round(snapshot["percent"].get<double>() * 10.0) / 10.0);
        }
        return percents;
    };
    const auto& visits = indicator(extracts, "annex_cp_visits");
    EXPECT_EQ(visits["as_of"], "2015-09-30");
    ASSERT_EQ(visits["snapshots"].size(), 6U);
    const std::vector<std::string> month_ends{"2015-04-30", "2015-05-31", "2015-06-30",
                                              "2015-07-31", "2015-08-31", "2015-09-30"};
    const std::vector<std::pair<int, int>> visited{{122, 125}, {120, 124}, {126, 127},
                                                   {131, 131}, {129, 129}, {133, 135}};
    for (std::size_t i = 0; i < 6; ++i) {
        const auto& snapshot = visits["snapshots"][i];
        EXPECT_EQ(snapshot["as_of"], month_ends[i]);
        EXPECT_EQ(snapshot["numerator"], visited[i].first) << month_ends[i];
        EXPECT_EQ(snapshot["denominator"], visited[i].second) << month_ends[i];
    }
    using Series = std::vector<double>;
    EXPECT_EQ(series("annex_cp_visits"), (Series{97.6, 96.8, 99.2, 100.0, 100.0, 98.5}));
    EXPECT_EQ(series("annex_cp_reviews"), Series(6, 100.0));
    EXPECT_EQ(series("annex_cp_over_two_years"), Series(6, 0.0));
    EXPECT_EQ(series("annex_cla_reviews"), Series(6, 100.0));
    EXPECT_EQ(series("annex_cla_visits"), (Series{80.6, 84.4, 89.6, 92.6, 94.0, 95.4}));
    EXPECT_EQ(series("annex_cla_health"), (Series{76.9, 80.6, 81.2, 84.8, 87.3, 88.4}));
    EXPECT_EQ(series("annex_cla_dental"), (Series{64.5, 64.1, 70.8, 75.0, 80.4, 83.0}));
    EXPECT_EQ(series("annex_cla_three_placements"), (Series{10.1, 10.4, 8.2, 8.1, 8.2, 6.1}));
    EXPECT_EQ(series("annex_care_leavers_in_touch"), (Series{87.7, 89.5, 91.2, 93.0, 94.7, 96.5}));
    EXPECT_EQ(series("annex_care_leavers_accommodation"),
              (Series{80.0, 82.4, 84.6, 86.8, 88.9, 90.9}));
    EXPECT_EQ(series("annex_care_leavers_eet"), (Series{52.0, 54.9, 55.8, 58.5, 61.1, 61.8}));
    EXPECT_EQ(series("annex_cin_visits"), (Series{81.0, 84.3, 84.7, 87.3, 91.0, 91.4}));

    // The two children on a plan out of timescale on 30 September, with team, worker and days.
    const auto late = json_of(csip({"exceptions", "annex_cp_visits", "--as-of", "2015-09-30",
                                    "--format", "json"}))["exceptions"];
    ASSERT_EQ(late.size(), 2U);
    for (const auto& child : late) {
        EXPECT_EQ(child["team"], "Child protection");
        EXPECT_FALSE(child["worker"].get<std::string>().empty());
        EXPECT_GT(child["days_over"].get<int>(), 0);
        EXPECT_EQ(child["days"], "working");
        EXPECT_TRUE(contains(child["source"]["file"].get<std::string>(),
                             "westbury annex a 2015-09.xlsx (List 7)"));
    }

    // A second run leaves the demo as it was: 18 returns and the six extracts.
    const auto again = csip({"demo"});
    ASSERT_EQ(again.exit_code, 0);
    const auto listed = json_of(csip({"data", "list", "--format", "json"}))["returns"];
    ASSERT_EQ(listed.size(), 24U);
    std::vector<std::string> annex_a;
    for (const auto& held : listed) {
        if (held["format"] == "annex-a") annex_a.push_back(held["reference"].get<std::string>());
    }
    EXPECT_EQ(annex_a, month_ends);
}

std::string published(const std::string& name) {
    return (shared_data_dir() / "external" / "benchmarks" / name).string();
}

const Json& measure(const Json& comparison, const std::string& id) {
    for (const auto& item : comparison["measures"]) {
        if (item["id"] == id) return item;
    }
    throw std::runtime_error("no measure " + id);
}

TEST_P(DataCommandLine, ThePublishedFilesImportAndACouncilIsComparedWithEnglandItsRegionAndNeighbours) {
    const auto imported = csip(
        {"benchmarks", "import", published("c4_children_in_need_section_47s_and_icpcs_2013_to_2025.csv"),
         published("lait-childrens-social-care-measures.csv"), published("sn_model_2025_wide.csv"),
         published("New_Statistical_Neighbour_Groupings_April_2021.csv"), "--by", "analyst"});
    ASSERT_EQ(imported.exit_code, 0) << imported.err;
    EXPECT_TRUE(contains(imported.out, "c4_children_in_need_section_47s_and_icpcs_2013_to_2025.csv: "
                                       "an Explore Education Statistics file"))
        << imported.out;
    EXPECT_TRUE(contains(imported.out, "2132 figures (87 published without a value) of icpc_15wd"));
    EXPECT_TRUE(contains(imported.out, "stored as neighbour model 2025"));
    EXPECT_TRUE(contains(imported.out, "Imported 4 files: 11652 figures, 0 rows skipped."));

    // No council named and none set: the person is told how.
    const auto unnamed = csip({"benchmarks"});
    EXPECT_EQ(unnamed.exit_code, 1);
    EXPECT_TRUE(contains(unnamed.err, "csip settings set la_code 869")) << unnamed.err;

    ASSERT_EQ(csip({"settings", "set", "la_code", "869", "--by", "analyst"}).exit_code, 0);
    // The latest model imported (2021, after 2025) is in force until one is set.
    auto comparison = json_of(csip({"benchmarks", "--format", "json"}));
    EXPECT_EQ(comparison["la"]["name"], "West Berkshire");
    EXPECT_EQ(comparison["la"]["region"], "South East");
    EXPECT_EQ(comparison["year"], "2025");
    EXPECT_EQ(comparison["neighbour_model"], "2021");
    ASSERT_EQ(csip({"settings", "set", "neighbour_model", "2025", "--by", "analyst"}).exit_code, 0);
    comparison = json_of(csip({"benchmarks", "--format", "json"}));
    EXPECT_EQ(comparison["neighbour_model"], "2025");
    ASSERT_EQ(comparison["neighbours"].size(), 10U);
    EXPECT_EQ(comparison["neighbours"][0]["name"], "Buckinghamshire");
    const auto& assessments = measure(comparison, "assessments_45wd");
    EXPECT_EQ(assessments["la"], 93.4);
    EXPECT_EQ(assessments["england"], 85.7);
    EXPECT_EQ(assessments["region"], 89.9);
    EXPECT_DOUBLE_EQ(assessments["neighbours_median"].get<double>(), 86.45);
    EXPECT_EQ(assessments["neighbours_with_value"], 10);
    EXPECT_EQ(assessments["rank"], 31);
    EXPECT_EQ(assessments["of"], 152);
    EXPECT_EQ(assessments["quartile"], "A");
    EXPECT_EQ(assessments["polarity"], "higher_is_better");
    // ICPCs: the department's own file (C4) is the source where both give the figure.
    const auto& icpc = measure(comparison, "icpc_15wd");
    EXPECT_EQ(icpc["la"], 74.1);
    EXPECT_TRUE(contains(icpc["source"].get<std::string>(), "EES: Children in need"));
    // A measure no file imported gives: null, not 0.
    EXPECT_TRUE(measure(comparison, "sw_vacancy_rate")["la"].is_null());

    // Another council and year, by option.
    const auto barnet = json_of(csip({"benchmarks", "--la", "302", "--year", "2024", "--format", "json"}));
    EXPECT_EQ(barnet["la"]["name"], "Barnet");
    EXPECT_EQ(measure(barnet, "assessments_45wd")["la"], 61.7);
    EXPECT_EQ(measure(barnet, "assessments_45wd")["quartile"], "D");
    const auto csv = csip({"benchmarks", "--format", "csv"});
    EXPECT_TRUE(contains(csv.out, "la_code,la_name,year,measure,title,source,la,england,region,"
                                  "neighbours_median,neighbours_with_value,rank,of,quartile\n"));
    EXPECT_TRUE(contains(csv.out, "869,West Berkshire,2025,assessments_45wd,"));
    const auto text = csip({"benchmarks"});
    EXPECT_TRUE(contains(text.out, "West Berkshire (LA 869), South East: published figures for 2025"));
    const auto no_year = csip({"benchmarks", "--year", "1999"});
    EXPECT_EQ(no_year.exit_code, 1);
    EXPECT_TRUE(contains(no_year.err, "nothing is published for the year '1999'")) << no_year.err;

    // Importing C4 again replaces its figures, and says so.
    const auto again = csip({"benchmarks", "import",
                             published("c4_children_in_need_section_47s_and_icpcs_2013_to_2025.csv")});
    ASSERT_EQ(again.exit_code, 0) << again.err;
    EXPECT_TRUE(contains(again.out, "replacing 2132 held")) << again.out;
}

TEST_P(DataCommandLine, APublishedBatchWithOneUnreadableFileStoresNone) {
    const auto refused = csip({"benchmarks", "import", published("csww_indicators_2017_to_2025.csv"),
                               sample("csc-validator-be-903/uasc.csv")});
    EXPECT_EQ(refused.exit_code, 1);
    EXPECT_TRUE(contains(refused.err, "uasc.csv: the header row is no published format csip knows"))
        << refused.err;
    EXPECT_TRUE(contains(refused.err, "nothing was imported"));
    const auto shown = csip({"benchmarks", "--la", "869"});
    EXPECT_EQ(shown.exit_code, 1);
    EXPECT_TRUE(contains(shown.err, "no published figures are held")) << shown.err;
}

INSTANTIATE_TEST_SUITE_P(Backends, DataCommandLine, ::testing::Values("sqlite", "postgres"),
                         [](const auto& backend) { return backend.param; });

}  // namespace
}  // namespace csip::testing
