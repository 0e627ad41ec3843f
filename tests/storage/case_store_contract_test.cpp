// The CaseStore contract (storage/case_store.hpp), run against every backend: each test runs once
// on SQLite and once on PostgreSQL, on a fresh database of its own.
#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include "storage/postgres/postgres_store.hpp"
#include "storage/sql/stores.hpp"
#include "storage/sqlite/sqlite_store.hpp"
#include "test_database.hpp"

namespace csip::storage {
namespace {

using namespace domain;
using harness::Backend;

Date d(const char* iso) { return *Date::parse_iso(iso); }

std::string text(const std::optional<Date>& date) { return date ? date->iso() : "-"; }
std::string text(const std::optional<bool>& flag) { return flag ? (*flag ? "Y" : "N") : "-"; }
std::string text(const std::optional<int>& count) { return count ? std::to_string(*count) : "-"; }
std::string text(const SourceRef& source) {
    return "@" + source.file + ":" + std::to_string(source.line);
}

// Every field of every record, one line each, in order: two CaseData are equal when these are.
std::string describe(const CaseData& data) {
    std::ostringstream out;
    for (const auto& r : data.assessments) {
        out << "assessment " << r.child_id << " " << text(r.start) << " " << text(r.authorised)
            << " " << text(r.source) << "\n";
    }
    for (const auto& r : data.enquiries) {
        out << "s47 " << r.child_id << " " << text(r.start) << " " << text(r.initial_conference)
            << " " << r.conference_not_required << " " << text(r.source) << "\n";
    }
    for (const auto& r : data.protection_plans) {
        out << "plan " << r.child_id << " " << r.start.iso() << " " << text(r.end) << " reviews";
        for (const auto review : r.reviews) out << " " << review.iso();
        out << " " << text(r.source) << "\n";
    }
    for (const auto& r : data.care_episodes) {
        out << "episode " << r.child_id << " " << r.start.iso() << " " << r.legal_status << " "
            << text(r.end) << " " << r.reason_ended << " " << text(r.source) << "\n";
    }
    for (const auto& r : data.care_reviews) {
        out << "cla review " << r.child_id << " " << r.held.iso() << " " << text(r.source) << "\n";
    }
    out << "oc2 at " << text(data.oc2_year_end) << "\n";
    for (const auto& r : data.continuously_looked_after) {
        out << "oc2 " << r.child_id << " " << text(r.health_assessment) << " "
            << text(r.teeth_check) << " " << text(r.source) << "\n";
    }
    for (const auto& r : data.protection_visits) {
        out << "visit " << r.child_id << " " << r.on.iso() << " " << r.seen << " "
            << text(r.seen_alone) << " " << r.worker << " " << text(r.source) << "\n";
    }
    for (const auto& r : data.conference_reports) {
        out << "report " << r.child_id << " "
            << (r.type == ConferenceType::Initial ? "ICPC" : "RCPC") << " " << r.conference.iso()
            << " " << text(r.shared) << " " << text(r.source) << "\n";
    }
    for (const auto& snapshot : data.workforce) {
        out << "workforce at " << snapshot.reference_date.iso() << "\n";
        for (const auto& w : snapshot.workers) {
            out << "worker " << w.worker_id << " " << w.team << " " << w.qualified << " "
                << w.agency << " " << w.fte << " " << text(w.start) << " " << text(w.end) << " "
                << text(w.source) << "\n";
        }
    }
    for (const auto& snapshot : data.annex_a) {
        out << "annex a at " << snapshot.as_at.iso() << "\n";
        for (const auto& c : snapshot.children) {
            out << "list " << c.list << " [" << c.child_id << "] [" << c.team << "] [" << c.worker
                << "] " << text(c.birth) << " " << text(c.start) << " " << text(c.end) << " "
                << text(c.last_visit) << " " << text(c.latest_review) << " "
                << text(c.health_assessment) << " " << text(c.dental_check) << " "
                << text(c.placements_last_12_months) << " " << text(c.previous_plans) << " "
                << text(c.in_touch) << " " << text(c.suitable_accommodation) << " "
                << text(c.no_conference_needed) << " [" << c.activity << "] " << text(c.source)
                << "\n";
            for (const auto& [header, value] : c.values) {
                out << "  [" << header << "] = [" << value << "]\n";
            }
        }
    }
    return out.str();
}

ImportedReturn imported(const std::string& format, const std::string& reference,
                        const std::string& file, std::optional<Date> reference_date = {}) {
    ImportedReturn r;
    r.identity = {format, reference};
    r.reference_date = reference_date;
    r.file = file;
    r.imported_at = "2015-09-14T10:00:00Z";
    r.imported_by = "performance officer";
    r.records_read = 7;
    r.records_used = 6;
    r.records_skipped = 1;
    return r;
}

// A CIN census: every kind of CIN record, blanks included, one from a differently named source.
ReturnRecords cin_census(const std::string& file = "cin_2016.xml") {
    ReturnRecords r{imported("cin", "2016-03-31", file, d("2016-03-31")), {}};
    r.data.assessments = {{"C1", d("2015-04-01"), d("2015-05-20"), {file, 12}},
                          {"C2", d("2015-06-01"), std::nullopt, {file, 30}},
                          {"C3", std::nullopt, d("2015-07-01"), {"other.xml", 44}}};
    r.data.enquiries = {{"C1", d("2015-04-02"), d("2015-04-20"), false, {file, 15}},
                        {"C2", d("2015-06-02"), std::nullopt, true, {file, 33}}};
    r.data.protection_plans = {{"C1",
                                d("2015-04-20"),
                                std::nullopt,
                                {d("2015-07-10"), d("2015-07-10"), d("2015-06-01")},
                                {file, 18}},
                               {"C4", d("2015-01-05"), d("2015-08-31"), {}, {file, 50}}};
    return r;
}

ReturnRecords episodes(const std::string& reference = "2016") {
    ReturnRecords r{imported("903-episodes", reference, "episodes.csv"), {}};
    r.data.care_episodes = {
        {"L1", d("2015-05-01"), "C2", d("2015-06-01"), "X1", {"episodes.csv", 2}},
        {"L1", d("2015-06-01"), "C2", std::nullopt, "", {"episodes.csv", 3}}};
    return r;
}

ReturnRecords events() {
    ReturnRecords r{imported("cp-visits", "visits.csv", "visits.csv"), {}};
    r.data.protection_visits = {
        {"C1", d("2015-04-24"), true, true, "W01", {"visits.csv", 2}},
        {"C1", d("2015-05-05"), false, std::nullopt, "", {"visits.csv", 3}}};
    return r;
}

ReturnRecords reports() {
    ReturnRecords r{imported("conference-reports", "reports.csv", "reports.csv"), {}};
    r.data.conference_reports = {
        {"C1", ConferenceType::Initial, d("2015-04-20"), d("2015-04-14"), {"reports.csv", 2}},
        {"C1", ConferenceType::Review, d("2015-07-10"), std::nullopt, {"reports.csv", 3}}};
    return r;
}

ReturnRecords care_reviews() {
    ReturnRecords r{imported("903-reviews", "2016", "reviews.csv"), {}};
    r.data.care_reviews = {{"L1", d("2015-05-20"), {"reviews.csv", 2}}};
    return r;
}

ReturnRecords oc2(const char* year_end, std::vector<std::string> children) {
    ReturnRecords r{imported("903-oc2", year_end, "oc2.csv", d(year_end)), {}};
    r.data.oc2_year_end = d(year_end);
    std::uint32_t line = 2;
    for (const auto& child : children) {
        r.data.continuously_looked_after.push_back(
            {child, line % 2 == 0, std::nullopt, {"oc2.csv", line}});
        ++line;
    }
    return r;
}

ReturnRecords workforce(const char* reference, std::vector<std::pair<std::string, bool>> workers) {
    const std::string file = std::string("workforce_") + reference + ".csv";
    ReturnRecords r{imported("workforce", reference, file, d(reference)), {}};
    WorkforceSnapshot snapshot{d(reference), {}};
    std::uint32_t line = 2;
    for (const auto& [id, agency] : workers) {
        snapshot.workers.push_back(
            {id, "Assessment 1", true, agency, 0.5, d("2014-01-06"), std::nullopt, {file, line++}});
    }
    r.data.workforce.push_back(std::move(snapshot));
    return r;
}

// A List 8 row with every field set: unicode text, a blank cell kept as an empty value, and a
// cell with a tab, a line break and a backslash, as a workbook may hold.
AnnexAChild looked_after_child(const std::string& file) {
    AnnexAChild child;
    child.list = 8;
    child.child_id = "LAC-001";
    child.team = "Équipe Nord – 北";
    child.worker = "Zoë O'Brien";
    child.birth = d("2008-02-29");
    child.start = d("2014-06-01");
    child.end = d("2016-01-15");
    child.last_visit = d("2015-12-01");
    child.latest_review = d("2015-11-20");
    child.health_assessment = d("2015-09-10");
    child.dental_check = d("2015-10-05");
    child.placements_last_12_months = 3;
    child.previous_plans = 0;
    child.in_touch = true;
    child.suitable_accommodation = false;
    child.no_conference_needed = true;
    child.activity = "F1";
    child.values = {{"Child Unique ID", "LAC-001"},
                    {"Gender", "b) Female"},
                    {"Ethnicity", ""},
                    {"Date of birth", "2008-02-29"},
                    {"Notes", "first line\nsecond\tcolumn \\ end"},
                    {"Allocated team", "Équipe Nord – 北"},
                    {"", "a value with no header"}};
    child.source = {file + " (List 8)", 7};
    return child;
}

// A row with every optional field empty and no values.
AnnexAChild contact(const std::string& file) {
    AnnexAChild child;
    child.list = 1;
    child.child_id = "CON-9";
    child.source = {file, 3};
    return child;
}

ReturnRecords annex_a(const char* as_at, std::vector<AnnexAChild> children,
                      const std::string& file = "Annex_A.xlsx") {
    ReturnRecords r{imported("annex-a", as_at, file, d(as_at)), {}};
    r.data.annex_a.push_back({d(as_at), std::move(children)});
    return r;
}

class CaseStoreContract : public ::testing::TestWithParam<Backend> {
  protected:
    void SetUp() override {
        if (auto reason = harness::unavailable_reason(GetParam())) {
            if (harness::postgres_required()) FAIL() << "CSIP_REQUIRE_POSTGRES=1 but " << *reason;
            GTEST_SKIP() << *reason;
        }
        m_database = harness::create_test_database(GetParam());
        m_store = open_store();
        ASSERT_NE(m_store, nullptr);
    }

    std::unique_ptr<CaseStore> open_store() {
        auto store = GetParam() == Backend::Sqlite
                         ? sql::open_case_store(sqlite::connector(m_database->location()))
                         : sql::open_case_store(postgres::connector(m_database->location()));
        EXPECT_TRUE(store.has_value()) << (store ? "" : store.error().message);
        return store ? std::move(store).value() : nullptr;
    }

    CaseStore& store() { return *m_store; }

    void store_returns(const std::vector<ReturnRecords>& returns) {
        auto stored = store().replace_returns(returns, {});
        ASSERT_TRUE(stored.has_value()) << stored.error().message;
    }

    CaseData loaded() {
        auto data = store().load_case_data();
        EXPECT_TRUE(data.has_value()) << (data ? "" : data.error().message);
        return data ? *data : CaseData{};
    }

    std::vector<std::string> identities() {
        auto returns = store().imported_returns();
        EXPECT_TRUE(returns.has_value()) << (returns ? "" : returns.error().message);
        std::vector<std::string> out;
        if (!returns) return out;
        for (const auto& r : *returns)
            out.push_back(r.identity.format + " " + r.identity.reference);
        return out;
    }

    std::unique_ptr<harness::TestDatabase> m_database;
    std::unique_ptr<CaseStore> m_store;
};

TEST_P(CaseStoreContract, AnEmptyStoreHoldsNothing) {
    EXPECT_EQ(describe(loaded()), describe(CaseData{}));
    EXPECT_TRUE(identities().empty());
    auto values = store().manual_values();
    ASSERT_TRUE(values.has_value()) << values.error().message;
    EXPECT_TRUE(values->empty());
    auto settings = store().settings();
    ASSERT_TRUE(settings.has_value()) << settings.error().message;
    EXPECT_TRUE(settings->empty());
}

TEST_P(CaseStoreContract, LoadGivesBackEveryRecordFieldByFieldInFileOrder) {
    store_returns({cin_census(), episodes(), care_reviews(), oc2("2016-03-31", {"L1", "L2"}),
                   events(), reports(), workforce("2015-04-30", {{"W01", true}, {"W02", false}})});
    CaseData expected;
    const auto append = [&](const ReturnRecords& r) {
        const auto& from = r.data;
        expected.assessments.insert(expected.assessments.end(), from.assessments.begin(),
                                    from.assessments.end());
        expected.enquiries.insert(expected.enquiries.end(), from.enquiries.begin(),
                                  from.enquiries.end());
        expected.protection_plans.insert(expected.protection_plans.end(),
                                         from.protection_plans.begin(),
                                         from.protection_plans.end());
        expected.care_episodes.insert(expected.care_episodes.end(), from.care_episodes.begin(),
                                      from.care_episodes.end());
        expected.care_reviews.insert(expected.care_reviews.end(), from.care_reviews.begin(),
                                     from.care_reviews.end());
        expected.continuously_looked_after.insert(expected.continuously_looked_after.end(),
                                                  from.continuously_looked_after.begin(),
                                                  from.continuously_looked_after.end());
        if (from.oc2_year_end) expected.oc2_year_end = from.oc2_year_end;
        expected.protection_visits.insert(expected.protection_visits.end(),
                                          from.protection_visits.begin(),
                                          from.protection_visits.end());
        expected.conference_reports.insert(expected.conference_reports.end(),
                                           from.conference_reports.begin(),
                                           from.conference_reports.end());
        expected.workforce.insert(expected.workforce.end(), from.workforce.begin(),
                                  from.workforce.end());
    };
    for (const auto& r :
         {cin_census(), episodes(), care_reviews(), oc2("2016-03-31", {"L1", "L2"}), events(),
          reports(), workforce("2015-04-30", {{"W01", true}, {"W02", false}})}) {
        append(r);
    }
    EXPECT_EQ(describe(loaded()), describe(expected));
}

TEST_P(CaseStoreContract, TheImportedReturnsAreListedWithWhenByWhomAndTheirCounts) {
    store_returns({cin_census(), episodes()});
    auto returns = store().imported_returns();
    ASSERT_TRUE(returns.has_value()) << returns.error().message;
    ASSERT_EQ(returns->size(), 2U);
    const auto& first = (*returns)[0];
    EXPECT_EQ(first.identity, (ReturnIdentity{"cin", "2016-03-31"}));
    EXPECT_EQ(first.reference_date, d("2016-03-31"));
    EXPECT_EQ(first.file, "cin_2016.xml");
    EXPECT_EQ(first.imported_at, "2015-09-14T10:00:00Z");
    EXPECT_EQ(first.imported_by, "performance officer");
    EXPECT_EQ(first.records_read, 7U);
    EXPECT_EQ(first.records_used, 6U);
    EXPECT_EQ(first.records_skipped, 1U);
    EXPECT_FALSE((*returns)[1].reference_date);
}

TEST_P(CaseStoreContract, ReimportingAReturnReplacesItsRecordsAndKeepsItsPlace) {
    store_returns({cin_census(), episodes()});
    // The corrected census: one assessment instead of three, from a renamed file.
    ReturnRecords corrected = cin_census("cin_2016_v2.xml");
    corrected.data.assessments = {{"C9", d("2015-09-01"), d("2015-10-01"), {"cin_2016_v2.xml", 9}}};
    corrected.imported.imported_by = "data officer";
    store_returns({corrected});

    const CaseData data = loaded();
    ASSERT_EQ(data.assessments.size(), 1U);
    EXPECT_EQ(data.assessments[0].child_id, "C9");
    EXPECT_EQ(data.assessments[0].source.file, "cin_2016_v2.xml");
    EXPECT_EQ(data.protection_plans.size(), 2U);  // the plans came again with it, not twice
    EXPECT_EQ(data.care_episodes.size(), 2U);     // another return: untouched
    EXPECT_EQ(identities(), (std::vector<std::string>{"cin 2016-03-31", "903-episodes 2016"}));
    auto returns = store().imported_returns();
    ASSERT_TRUE(returns.has_value());
    EXPECT_EQ((*returns)[0].imported_by, "data officer");
    EXPECT_EQ((*returns)[0].file, "cin_2016_v2.xml");
}

TEST_P(CaseStoreContract, ReturnsOfOtherPeriodsAddUp) {
    store_returns({episodes("2015")});
    store_returns({episodes("2016")});
    EXPECT_EQ(loaded().care_episodes.size(), 4U);
    EXPECT_EQ(identities(), (std::vector<std::string>{"903-episodes 2015", "903-episodes 2016"}));
}

TEST_P(CaseStoreContract, ABatchNamingOneReturnTwiceStoresNothing) {
    auto stored = store().replace_returns({episodes(), cin_census(), episodes()}, {});
    ASSERT_FALSE(stored.has_value());
    EXPECT_EQ(stored.error().kind, ErrorKind::InvalidInput);
    EXPECT_NE(stored.error().message.find("twice"), std::string::npos) << stored.error().message;
    EXPECT_TRUE(identities().empty());
}

TEST_P(CaseStoreContract, ABatchTheDatabaseRefusesHalfwayStoresNothing) {
    store_returns({episodes("2015")});
    // The database refuses any worker, so the batch fails at its last return.
    const auto refused =
        GetParam() == Backend::Sqlite
            ? m_database->execute(
                  "CREATE TRIGGER refuse_workers BEFORE INSERT ON case_workers "
                  "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;")
            : m_database->execute(
                  "CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                  "RAISE EXCEPTION 'refused by the test'; END $$; "
                  "CREATE TRIGGER refuse_workers BEFORE INSERT ON case_workers "
                  "FOR EACH ROW EXECUTE FUNCTION refuse();");
    ASSERT_FALSE(refused) << *refused;
    const ReturnRecords batch[] = {cin_census(), episodes("2015"),
                                   workforce("2015-04-30", {{"W1", true}})};
    auto stored = store().replace_returns({batch[0], batch[1], batch[2]}, {});
    ASSERT_FALSE(stored.has_value());
    EXPECT_EQ(stored.error().kind, ErrorKind::Unavailable);
    EXPECT_EQ(identities(), std::vector<std::string>{"903-episodes 2015"});
    const CaseData data = loaded();
    EXPECT_TRUE(data.assessments.empty());
    EXPECT_EQ(data.care_episodes.size(), 2U);  // the 2015 copy, not replaced
}

TEST_P(CaseStoreContract, OnlyTheCohortWithTheLatestYearEndIsLoaded) {
    store_returns({oc2("2016-03-31", {"A", "B"})});
    store_returns({oc2("2015-03-31", {"C", "D", "E"})});
    const CaseData data = loaded();
    EXPECT_EQ(data.oc2_year_end, d("2016-03-31"));
    ASSERT_EQ(data.continuously_looked_after.size(), 2U);
    EXPECT_EQ(data.continuously_looked_after[0].child_id, "A");
}

TEST_P(CaseStoreContract, EachWorkforceReturnIsOneSnapshotAtItsDate) {
    store_returns({workforce("2015-04-30", {{"W1", true}, {"W2", false}}),
                   workforce("2015-05-31", {{"W1", true}, {"W2", false}, {"W3", false}})});
    const CaseData data = loaded();
    ASSERT_EQ(data.workforce.size(), 2U);
    EXPECT_EQ(data.workforce[0].reference_date, d("2015-04-30"));
    EXPECT_EQ(data.workforce[0].workers.size(), 2U);
    EXPECT_EQ(data.workforce[1].reference_date, d("2015-05-31"));
    EXPECT_EQ(data.workforce[1].workers.size(), 3U);
}

TEST_P(CaseStoreContract, AWorkforceReturnMustBeDatedByItsSnapshot) {
    ReturnRecords r = workforce("2015-04-30", {{"W1", true}});
    r.imported.reference_date = d("2015-05-01");
    auto stored = store().replace_returns({r}, {});
    ASSERT_FALSE(stored.has_value());
    EXPECT_EQ(stored.error().field, "reference_date");
}

TEST_P(CaseStoreContract, ManualValuesAreKeptWithTheirProvenanceOldestFirst) {
    ASSERT_TRUE(store().add_manual_value({"academy_retention", "2015-07", 80.0, "workforce lead",
                                          "2015-08-03T09:00:00Z", "HR monthly report"},
                                         {}));
    ASSERT_TRUE(store().add_manual_value(
        {"academy_retention", "2015-07", 82.5, "performance officer", "2015-08-10T09:00:00Z", ""},
        {}));
    auto values = store().manual_values();
    ASSERT_TRUE(values.has_value()) << values.error().message;
    ASSERT_EQ(values->size(), 2U);
    EXPECT_EQ((*values)[0].value, 80.0);
    EXPECT_EQ((*values)[0].recorded_by, "workforce lead");
    EXPECT_EQ((*values)[0].note, "HR monthly report");
    EXPECT_EQ((*values)[1].value, 82.5);
    EXPECT_EQ((*values)[1].month, "2015-07");
    EXPECT_EQ((*values)[1].recorded_at, "2015-08-10T09:00:00Z");
}

TEST_P(CaseStoreContract, ASettingIsReplacedWithWhoSetItLast) {
    ASSERT_TRUE(
        store().save_setting({"visit_working_days", 15, "officer", "2015-08-01T09:00:00Z"}, {}));
    ASSERT_TRUE(store().save_setting({"tolerance", 5, "officer", "2015-08-01T09:00:00Z"}, {}));
    ASSERT_TRUE(
        store().save_setting({"visit_working_days", 10, "head", "2015-08-02T09:00:00Z"}, {}));
    auto settings = open_store()->settings();  // seen through another connection
    ASSERT_TRUE(settings.has_value()) << settings.error().message;
    ASSERT_EQ(settings->size(), 2U);
    EXPECT_EQ(settings->at("visit_working_days").value, 10.0);
    EXPECT_EQ(settings->at("visit_working_days").set_by, "head");
    EXPECT_EQ(settings->at("tolerance").value, 5.0);
}

// The audit trail's entries for settings, as "key old → new".
std::vector<std::string> setting_trail(harness::TestDatabase& database) {
    std::vector<std::string> out;
    for (const auto& row : database.query(
             "SELECT entity_id, old_value, new_value FROM audit_trail WHERE entity = 'setting' "
             "ORDER BY id")) {
        out.push_back(row.at(0) + " " + row.at(1) + " → " + row.at(2));
    }
    return out;
}

std::vector<domain::AuditEntry> setting_audit(const std::vector<IndicatorSetting>& settings) {
    std::vector<domain::AuditEntry> audit;
    for (const auto& setting : settings) {
        audit.push_back({0, setting.set_at, setting.set_by, "setting", setting.key, "value",
                         "default", std::to_string(static_cast<int>(setting.value)), std::nullopt});
    }
    return audit;
}

TEST_P(CaseStoreContract, SettingsSavedTogetherAreAllKeptWithTheirAuditEntries) {
    const std::vector<IndicatorSetting> settings{
        {"visit_working_days", 12, "head", "2015-08-02T09:00:00Z"},
        {"tolerance", 2, "head", "2015-08-02T09:00:00Z"}};
    auto saved = store().save_settings(settings, setting_audit(settings));
    ASSERT_TRUE(saved.has_value()) << saved.error().message;
    auto kept = open_store()->settings();  // seen through another connection
    ASSERT_TRUE(kept.has_value()) << kept.error().message;
    ASSERT_EQ(kept->size(), 2U);
    EXPECT_EQ(kept->at("visit_working_days").value, 12.0);
    EXPECT_EQ(kept->at("tolerance").value, 2.0);
    EXPECT_EQ(kept->at("tolerance").set_by, "head");
    EXPECT_EQ(
        setting_trail(*m_database),
        (std::vector<std::string>{"visit_working_days default → 12", "tolerance default → 2"}));
}

TEST_P(CaseStoreContract, SettingsTheDatabaseRefusesHalfwayAreNoneOfThemSaved) {
    ASSERT_TRUE(
        store().save_setting({"visit_working_days", 15, "officer", "2015-08-01T09:00:00Z"}, {}));
    // The database refuses the tolerance, the second of the two.
    const auto refused =
        GetParam() == Backend::Sqlite
            ? m_database->execute(
                  "CREATE TRIGGER refuse_tolerance BEFORE INSERT ON indicator_settings "
                  "WHEN NEW.key = 'tolerance' "
                  "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;")
            : m_database->execute(
                  "CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                  "RAISE EXCEPTION 'refused by the test'; END $$; "
                  "CREATE TRIGGER refuse_tolerance BEFORE INSERT ON indicator_settings "
                  "FOR EACH ROW WHEN (NEW.key = 'tolerance') EXECUTE FUNCTION refuse();");
    ASSERT_FALSE(refused) << *refused;
    const std::vector<IndicatorSetting> settings{
        {"visit_working_days", 12, "head", "2015-08-02T09:00:00Z"},
        {"tolerance", 2, "head", "2015-08-02T09:00:00Z"}};
    auto saved = store().save_settings(settings, setting_audit(settings));
    ASSERT_FALSE(saved.has_value());
    EXPECT_EQ(saved.error().kind, ErrorKind::Unavailable);
    auto kept = open_store()->settings();
    ASSERT_TRUE(kept.has_value()) << kept.error().message;
    ASSERT_EQ(kept->size(), 1U);
    EXPECT_EQ(kept->at("visit_working_days").value, 15.0);  // as it was
    EXPECT_EQ(kept->at("visit_working_days").set_by, "officer");
    EXPECT_TRUE(setting_trail(*m_database).empty());
}

// The audit trail's entries for returns, as "entity_id field".
std::vector<std::string> return_trail(harness::TestDatabase& database) {
    std::vector<std::string> out;
    for (const auto& row : database.query(
             "SELECT entity_id, field FROM audit_trail WHERE entity = 'return' ORDER BY id")) {
        out.push_back(row.at(0) + " " + row.at(1));
    }
    return out;
}

domain::AuditEntry return_entry(const std::string& id, const std::string& field) {
    domain::AuditEntry entry;
    entry.at = "2015-08-02T09:00:00Z";
    entry.actor = "officer";
    entry.entity = "return";
    entry.entity_id = id;
    entry.field = field;
    return entry;
}

TEST_P(CaseStoreContract, AReturnKeepsItsHashAndReportAndIsAuditedWithIt) {
    ReturnRecords census = cin_census();
    census.imported.sha256 = std::string(64, 'a');
    census.report = R"({"schema": "csip-import-report/1"})";
    auto stored =
        store().replace_returns({census, episodes()}, {return_entry("cin 2015-03-31", "imported")});
    ASSERT_TRUE(stored.has_value()) << stored.error().message;
    auto held = open_store()->imported_returns();
    ASSERT_TRUE(held.has_value()) << held.error().message;
    ASSERT_EQ(held->size(), 2U);
    EXPECT_EQ(held->at(0).sha256, std::string(64, 'a'));
    EXPECT_TRUE(held->at(1).sha256.empty());
    EXPECT_NE(held->at(0).id, held->at(1).id);
    auto report = store().import_report(held->at(0).id);
    ASSERT_TRUE(report.has_value()) << report.error().message;
    EXPECT_EQ(*report, census.report);
    auto none = store().import_report(held->at(1).id);
    ASSERT_TRUE(none.has_value()) << none.error().message;
    EXPECT_TRUE(none->empty());
    EXPECT_EQ(return_trail(*m_database), (std::vector<std::string>{"cin 2015-03-31 imported"}));
}

TEST_P(CaseStoreContract, ARemovedReturnTakesItsRecordsAndReportAndOthersStay) {
    ReturnRecords census = cin_census();
    census.report = R"({"schema": "csip-import-report/1"})";
    store_returns({census, episodes("2015")});
    const auto before = loaded();
    ASSERT_FALSE(before.care_episodes.empty());
    auto held = store().imported_returns();
    ASSERT_TRUE(held.has_value());
    const auto census_id = held->at(0).id;
    auto removed = store().remove_return(census_id, {return_entry("cin 2015-03-31", "removed")});
    ASSERT_TRUE(removed.has_value()) << removed.error().message;
    EXPECT_EQ(removed->identity.format, census.imported.identity.format);
    EXPECT_EQ(identities(), (std::vector<std::string>{"903-episodes 2015"}));
    const auto after = loaded();
    EXPECT_TRUE(after.assessments.empty());
    EXPECT_TRUE(after.protection_plans.empty());
    EXPECT_EQ(after.care_episodes.size(), before.care_episodes.size());
    EXPECT_EQ(return_trail(*m_database), (std::vector<std::string>{"cin 2015-03-31 removed"}));
    auto gone = store().import_report(census_id);
    ASSERT_FALSE(gone.has_value());
    EXPECT_EQ(gone.error().kind, ErrorKind::NotFound);
    auto again = store().remove_return(census_id, {return_entry("cin 2015-03-31", "removed")});
    ASSERT_FALSE(again.has_value());
    EXPECT_EQ(again.error().kind, ErrorKind::NotFound);
    EXPECT_EQ(return_trail(*m_database).size(), 1U);  // the refused removal wrote nothing
}

TEST_P(CaseStoreContract, AnAnnexASnapshotComesBackFieldByFieldWithItsValuesInOrder) {
    const std::string file = "Annex_A.xlsx";
    AnnexAChild leaver = looked_after_child(file);
    leaver.list = 9;
    leaver.child_id = "CL-7";
    leaver.in_touch = false;
    leaver.suitable_accommodation = true;
    leaver.no_conference_needed = std::nullopt;
    leaver.values = {{"Activity", "G4"}, {"In touch", "No"}};
    leaver.source = {file + " (List 9)", 2};
    const ReturnRecords snapshot =
        annex_a("2016-01-31", {looked_after_child(file), contact(file), leaver}, file);
    store_returns({snapshot, episodes()});

    CaseData expected;
    expected.care_episodes = episodes().data.care_episodes;
    expected.annex_a = snapshot.data.annex_a;
    const CaseData data = loaded();
    EXPECT_EQ(describe(data), describe(expected));
    ASSERT_EQ(data.annex_a.size(), 1U);
    ASSERT_EQ(data.annex_a[0].children.size(), 3U);
    EXPECT_EQ(data.annex_a[0].children[0].values, looked_after_child(file).values);
    EXPECT_TRUE(data.annex_a[0].children[1].values.empty());
    EXPECT_EQ(data.annex_a[0].children[1].source.file, file);  // the return's own file
    auto returns = store().imported_returns();
    ASSERT_TRUE(returns.has_value()) << returns.error().message;
    EXPECT_EQ(returns->at(0).reference_date, d("2016-01-31"));
}

TEST_P(CaseStoreContract, AnAnnexAReturnWithNoRowsIsStillASnapshotAtItsDate) {
    store_returns({annex_a("2016-01-31", {})});
    const CaseData data = loaded();
    ASSERT_EQ(data.annex_a.size(), 1U);
    EXPECT_EQ(data.annex_a[0].as_at, d("2016-01-31"));
    EXPECT_TRUE(data.annex_a[0].children.empty());
}

TEST_P(CaseStoreContract, EachAnnexAReturnIsOneSnapshotAtItsAsAtDate) {
    AnnexAChild later = contact("Annex_A_2016.xlsx");
    later.child_id = "CON-10";
    store_returns(
        {annex_a("2015-07-31", {looked_after_child("Annex_A_2015.xlsx")}, "Annex_A_2015.xlsx"),
         annex_a("2016-01-31", {later, looked_after_child("Annex_A_2016.xlsx")},
                 "Annex_A_2016.xlsx")});
    const CaseData data = loaded();
    ASSERT_EQ(data.annex_a.size(), 2U);
    EXPECT_EQ(data.annex_a[0].as_at, d("2015-07-31"));
    ASSERT_EQ(data.annex_a[0].children.size(), 1U);
    EXPECT_EQ(data.annex_a[0].children[0].source.file, "Annex_A_2015.xlsx (List 8)");
    EXPECT_EQ(data.annex_a[1].as_at, d("2016-01-31"));
    ASSERT_EQ(data.annex_a[1].children.size(), 2U);
    EXPECT_EQ(data.annex_a[1].children[0].child_id, "CON-10");
    EXPECT_EQ(data.annex_a[1].children[1].values.size(), 7U);
    EXPECT_EQ(identities(), (std::vector<std::string>{"annex-a 2015-07-31", "annex-a 2016-01-31"}));
}

TEST_P(CaseStoreContract, ReimportingAnAnnexAReturnReplacesItsRows) {
    store_returns(
        {annex_a("2016-01-31", {looked_after_child("Annex_A.xlsx"), contact("Annex_A.xlsx")})});
    AnnexAChild corrected = looked_after_child("Annex_A_v2.xlsx");
    corrected.child_id = "LAC-002";
    corrected.values = {{"Child Unique ID", "LAC-002"}};
    store_returns({annex_a("2016-01-31", {corrected}, "Annex_A_v2.xlsx")});
    const CaseData data = loaded();
    ASSERT_EQ(data.annex_a.size(), 1U);
    ASSERT_EQ(data.annex_a[0].children.size(), 1U);
    EXPECT_EQ(data.annex_a[0].children[0].child_id, "LAC-002");
    EXPECT_EQ(data.annex_a[0].children[0].values,
              (std::vector<std::pair<std::string, std::string>>{{"Child Unique ID", "LAC-002"}}));
    EXPECT_EQ(identities(), std::vector<std::string>{"annex-a 2016-01-31"});
    EXPECT_EQ(m_database->query("SELECT ordinal FROM case_annex_a_values").size(), 1U);
}

TEST_P(CaseStoreContract, ARemovedAnnexAReturnTakesItsRowsAndValuesAndOthersStay) {
    store_returns({annex_a("2015-07-31", {looked_after_child("Annex_A.xlsx")}),
                   annex_a("2016-01-31", {contact("Annex_A.xlsx")})});
    auto held = store().imported_returns();
    ASSERT_TRUE(held.has_value()) << held.error().message;
    ASSERT_EQ(held->size(), 2U);
    auto removed = store().remove_return(held->at(0).id, {});
    ASSERT_TRUE(removed.has_value()) << removed.error().message;
    EXPECT_EQ(removed->reference_date, d("2015-07-31"));
    const CaseData data = loaded();
    ASSERT_EQ(data.annex_a.size(), 1U);
    EXPECT_EQ(data.annex_a[0].as_at, d("2016-01-31"));
    EXPECT_EQ(data.annex_a[0].children.size(), 1U);
    EXPECT_TRUE(m_database->query("SELECT ordinal FROM case_annex_a_values").empty());
    EXPECT_EQ(m_database->query("SELECT ordinal FROM case_annex_a_children").size(), 1U);
    EXPECT_EQ(m_database->query("SELECT return_id FROM case_annex_a_snapshots").size(), 1U);
}

TEST_P(CaseStoreContract, AReturnHoldingTwoAnnexASnapshotsStoresNothing) {
    ReturnRecords twice = annex_a("2016-01-31", {contact("Annex_A.xlsx")});
    twice.data.annex_a.push_back({d("2016-01-31"), {looked_after_child("Annex_A.xlsx")}});
    auto stored = store().replace_returns({episodes(), twice}, {});
    ASSERT_FALSE(stored.has_value());
    EXPECT_EQ(stored.error().kind, ErrorKind::InvalidInput);
    EXPECT_EQ(stored.error().field, "annex_a");
    EXPECT_TRUE(identities().empty());
    EXPECT_EQ(describe(loaded()), describe(CaseData{}));
}

TEST_P(CaseStoreContract, AnAnnexAReturnMustBeDatedByItsAsAtDate) {
    ReturnRecords undated = annex_a("2016-01-31", {contact("Annex_A.xlsx")});
    undated.imported.reference_date = d("2016-02-01");
    ReturnRecords none = annex_a("2016-02-29", {contact("Annex_A.xlsx")});
    none.imported.reference_date = std::nullopt;
    for (const ReturnRecords& r : {undated, none}) {
        auto stored = store().replace_returns({episodes(), r}, {});
        ASSERT_FALSE(stored.has_value());
        EXPECT_EQ(stored.error().kind, ErrorKind::InvalidInput);
        EXPECT_EQ(stored.error().field, "reference_date");
    }
    EXPECT_TRUE(identities().empty());
    EXPECT_EQ(describe(loaded()), describe(CaseData{}));
}

TEST_P(CaseStoreContract, AnAnnexASnapshotTheDatabaseRefusesHalfwayStoresNothing) {
    store_returns({annex_a("2016-01-31", {contact("Annex_A.xlsx")})});
    // The database refuses any value, so the snapshot's rows go in and its values fail.
    const auto refused =
        GetParam() == Backend::Sqlite
            ? m_database->execute(
                  "CREATE TRIGGER refuse_values BEFORE INSERT ON case_annex_a_values "
                  "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;")
            : m_database->execute(
                  "CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                  "RAISE EXCEPTION 'refused by the test'; END $$; "
                  "CREATE TRIGGER refuse_values BEFORE INSERT ON case_annex_a_values "
                  "FOR EACH ROW EXECUTE FUNCTION refuse();");
    ASSERT_FALSE(refused) << *refused;
    auto stored = store().replace_returns(
        {episodes(),
         annex_a("2016-01-31", {looked_after_child("Annex_A_v2.xlsx")}, "Annex_A_v2.xlsx")},
        {});
    ASSERT_FALSE(stored.has_value());
    EXPECT_EQ(identities(), std::vector<std::string>{"annex-a 2016-01-31"});
    const CaseData data = loaded();
    EXPECT_TRUE(data.care_episodes.empty());
    ASSERT_EQ(data.annex_a.size(), 1U);  // the earlier copy, as it was
    ASSERT_EQ(data.annex_a[0].children.size(), 1U);
    EXPECT_EQ(data.annex_a[0].children[0].child_id, "CON-9");
}

TEST_P(CaseStoreContract, SchemaVersionElevenHoldsTheAnnexASnapshots) {
    const auto versions = m_database->known_migrations();
    EXPECT_NE(std::find(versions.begin(), versions.end(), 11), versions.end());
    EXPECT_EQ(m_database->query("SELECT version FROM schema_migrations WHERE version = 11").size(),
              1U);
    for (const char* table :
         {"case_annex_a_snapshots", "case_annex_a_children", "case_annex_a_values"}) {
        EXPECT_TRUE(m_database->query(std::string("SELECT 1 FROM ") + table).empty()) << table;
    }
}

// A published figure and a set of them, as the readers give them.
domain::PublishedFigure figure(const std::string& measure, const std::string& year,
                               const std::string& code, std::optional<double> value,
                               domain::PublishedSource source = domain::PublishedSource::Ees) {
    domain::PublishedFigure out;
    out.measure = measure;
    out.year = year;
    out.level = code == "E92000001" ? domain::AreaLevel::England : domain::AreaLevel::LocalAuthority;
    out.area_code = code;
    out.area_name = code == "E92000001" ? "England" : "Council " + code;
    out.region = code == "E92000001" ? "" : "South East";
    out.value = value;
    out.mark = value ? "" : "c";
    out.source = source;
    out.dataset = source == domain::PublishedSource::Ees ? "EES: workforce" : "LAIT";
    out.file = "published file.csv";
    out.line = 7;
    return out;
}

PublishedSet published_set(domain::PublishedSource source, std::vector<std::string> measures,
                           std::vector<domain::PublishedFigure> figures) {
    PublishedSet set;
    set.source = source;
    set.measures = std::move(measures);
    set.figures = std::move(figures);
    set.file = "published file.csv";
    return set;
}

domain::NeighbourModel neighbour_model(const std::string& name, const std::string& first) {
    domain::NeighbourModel model;
    model.name = name;
    model.councils.push_back({"869", "West Berkshire", "South East",
                              {{first, "", "Very close"}, {"867", "", "Close"}}});
    model.councils.push_back({first, "Neighbour " + first, "South East", {}});
    model.councils.push_back({"867", "Bracknell Forest", "South East", {}});
    return model;
}

TEST_P(CaseStoreContract, PublishedFiguresComeBackFieldByFieldWithAWithheldValueKeptAsNull) {
    const auto ees = domain::PublishedSource::Ees;
    auto stored = store().replace_published(
        {published_set(ees, {"agency_sw_rate"},
                       {figure("agency_sw_rate", "2025", "869", 11.4),
                        figure("agency_sw_rate", "2025", "867", std::nullopt),
                        figure("agency_sw_rate", "2025", "E92000001", 13.0)})},
        "2026-12-04T10:00:00Z", "analyst", {});
    ASSERT_TRUE(stored) << stored.error().message;
    auto figures = store().published_figures();
    ASSERT_TRUE(figures) << figures.error().message;
    ASSERT_EQ(figures->size(), 3U);
    const auto& west_berkshire = figures->at(1);  // by area code: 867, 869, E92000001
    EXPECT_EQ(west_berkshire.area_code, "869");
    EXPECT_EQ(west_berkshire.area_name, "Council 869");
    EXPECT_EQ(west_berkshire.region, "South East");
    EXPECT_DOUBLE_EQ(*west_berkshire.value, 11.4);
    EXPECT_EQ(west_berkshire.dataset, "EES: workforce");
    EXPECT_EQ(west_berkshire.file, "published file.csv");
    EXPECT_EQ(west_berkshire.line, 7U);
    EXPECT_EQ(west_berkshire.level, domain::AreaLevel::LocalAuthority);
    EXPECT_FALSE(figures->at(0).value);
    EXPECT_EQ(figures->at(0).mark, "c");
    EXPECT_EQ(figures->at(2).level, domain::AreaLevel::England);
}

TEST_P(CaseStoreContract, ReimportingASourcesMeasuresReplacesThemAndLeavesTheOthersAlone) {
    const auto ees = domain::PublishedSource::Ees;
    const auto lait = domain::PublishedSource::Lait;
    ASSERT_TRUE(store().replace_published(
        {published_set(ees, {"agency_sw_rate", "sw_vacancy_rate"},
                       {figure("agency_sw_rate", "2024", "869", 11.8),
                        figure("sw_vacancy_rate", "2024", "869", 12.0)}),
         published_set(lait, {"agency_sw_rate"}, {figure("agency_sw_rate", "2024", "869", 11.8, lait)})},
        "2026-12-04T10:00:00Z", "analyst", {}));
    // A newer workforce file from EES: both its measures replaced, LAIT's copy kept.
    ASSERT_TRUE(store().replace_published(
        {published_set(ees, {"agency_sw_rate", "sw_vacancy_rate"},
                       {figure("agency_sw_rate", "2025", "869", 11.4)})},
        "2026-12-05T10:00:00Z", "analyst", {}));
    auto figures = store().published_figures();
    ASSERT_TRUE(figures) << figures.error().message;
    std::vector<std::string> held;
    for (const auto& f : *figures) {
        held.push_back(f.measure + " " + f.year + " " + std::string(domain::to_string(f.source)));
    }
    EXPECT_EQ(held, (std::vector<std::string>{"agency_sw_rate 2024 lait", "agency_sw_rate 2025 ees"}));
}

TEST_P(CaseStoreContract, ANeighbourModelImportedAgainReplacesItsEarlierCopyAndBecomesTheLatest) {
    const auto none = domain::PublishedSource::Ees;
    auto with_model = [&](domain::NeighbourModel model) {
        PublishedSet set = published_set(none, {}, {});
        set.model = std::move(model);
        return set;
    };
    ASSERT_TRUE(store().replace_published({with_model(neighbour_model("2021", "825"))},
                                          "2026-12-04T10:00:00Z", "analyst", {}));
    ASSERT_TRUE(store().replace_published({with_model(neighbour_model("2025", "850"))},
                                          "2026-12-04T11:00:00Z", "analyst", {}));
    ASSERT_TRUE(store().replace_published({with_model(neighbour_model("2021", "931"))},
                                          "2026-12-04T12:00:00Z", "head", {}));
    auto models = store().neighbour_models();
    ASSERT_TRUE(models) << models.error().message;
    ASSERT_EQ(models->size(), 2U);
    EXPECT_EQ(models->at(0).model.name, "2025");
    const auto& latest = models->at(1);
    EXPECT_EQ(latest.model.name, "2021");
    EXPECT_EQ(latest.imported_by, "head");
    EXPECT_EQ(latest.imported_at, "2026-12-04T12:00:00Z");
    const auto* council = latest.model.find("869");
    ASSERT_NE(council, nullptr);
    ASSERT_EQ(council->neighbours.size(), 2U);
    EXPECT_EQ(council->neighbours[0].code, "931");
    EXPECT_EQ(council->neighbours[0].name, "Neighbour 931");
    EXPECT_EQ(council->neighbours[0].closeness, "Very close");
    EXPECT_EQ(council->neighbours[1].name, "Bracknell Forest");
}

TEST_P(CaseStoreContract, APublishedBatchTheDatabaseRefusesHalfwayStoresNothing) {
    const auto ees = domain::PublishedSource::Ees;
    ASSERT_TRUE(store().replace_published(
        {published_set(ees, {"agency_sw_rate"}, {figure("agency_sw_rate", "2024", "869", 11.8)})},
        "2026-12-04T10:00:00Z", "analyst", {}));
    // The same area and year twice in one set breaks the primary key at the second row.
    auto refused = store().replace_published(
        {published_set(ees, {"agency_sw_rate"}, {figure("agency_sw_rate", "2025", "869", 11.4)}),
         published_set(ees, {"sw_vacancy_rate"},
                       {figure("sw_vacancy_rate", "2025", "869", 1.0),
                        figure("sw_vacancy_rate", "2025", "869", 2.0)})},
        "2026-12-05T10:00:00Z", "analyst", {});
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().kind, ErrorKind::Unavailable);
    auto figures = store().published_figures();
    ASSERT_TRUE(figures) << figures.error().message;
    ASSERT_EQ(figures->size(), 1U);
    EXPECT_EQ(figures->at(0).year, "2024");
}

TEST_P(CaseStoreContract, SchemaVersionFourHoldsTheCaseData) {
    const auto versions = m_database->known_migrations();
    EXPECT_NE(std::find(versions.begin(), versions.end(), 4), versions.end());
    const auto rows = m_database->query("SELECT version FROM schema_migrations WHERE version = 4");
    EXPECT_EQ(rows.size(), 1U);
}

INSTANTIATE_TEST_SUITE_P(Backends, CaseStoreContract,
                         ::testing::Values(Backend::Sqlite, Backend::Postgres),
                         [](const auto& param_info) {
                             return harness::backend_name(param_info.param);
                         });

}  // namespace
}  // namespace csip::storage
