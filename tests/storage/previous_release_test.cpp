// Databases written by the release before the shared store (fixtures/README.md), opened with
// this csip: on SQLite a copy of the file, on PostgreSQL its dump replayed into a fresh database.
// Every store must open them as they are and read back what that release wrote: the plan exports
// byte for byte as it exported it, and the audit trail, the case data and its indicators, the
// accounts, the governance bodies and the published reports are as it recorded them.
#include <gtest/gtest.h>

#include <sodium.h>

#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>
#include <functional>
#include <iterator>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "../support/temp_dir.hpp"
#include "app/indicator_service.hpp"
#include "domain/clock.hpp"
#include "domain/rights.hpp"
#include "reporting/indicator_text.hpp"
#include "import/plan_reader.hpp"
#include "reporting/plan_json_writer.hpp"
#include "storage/postgres/postgres_store.hpp"
#include "storage/sqlite/sqlite_store.hpp"
#include "test_database.hpp"

#include "storage/sql/stores.hpp"

namespace csip::storage {
namespace {

using harness::Backend;
using nlohmann::json;

const std::filesystem::path kFixtures = CSIP_STORAGE_FIXTURES_DIR;

// Each store, opened on the database at `location` (a SQLite file or a PostgreSQL URL).
sql::Connector connector(Backend backend, const std::string& location) {
    return backend == Backend::Sqlite ? sqlite::connector(location) : postgres::connector(location);
}
Result<std::unique_ptr<PlanStore>> open_plan_store(Backend backend, const std::string& location) {
    return sql::open_plan_store(connector(backend, location));
}
Result<std::unique_ptr<CaseStore>> open_case_store(Backend backend, const std::string& location) {
    return sql::open_case_store(connector(backend, location));
}
Result<std::unique_ptr<AccountStore>> open_account_store(Backend backend,
                                                         const std::string& location) {
    return sql::open_account_store(connector(backend, location));
}
Result<std::unique_ptr<ReportStore>> open_report_store(Backend backend,
                                                       const std::string& location) {
    return sql::open_report_store(connector(backend, location));
}

std::string fixture_text(const std::string& name) {
    return csip::testing::read_file(kFixtures / name);
}

json fixture_json(const std::string& name) { return json::parse(fixture_text(name)); }

// A JSON string, or nothing for null, as the CLI writes optional values.
std::optional<std::string> optional_text(const json& value) {
    if (value.is_null()) return std::nullopt;
    return value.get<std::string>();
}

std::optional<std::string> iso(const std::optional<domain::Date>& date) {
    if (!date) return std::nullopt;
    return date->iso();
}

domain::Date date(const json& value) { return *domain::Date::parse_iso(value.get<std::string>()); }

// SHA-256 in lower-case hex, over the parts added.
class Sha256 {
  public:
    Sha256() { crypto_hash_sha256_init(&m_state); }

    Sha256& add(std::string_view bytes) {
        crypto_hash_sha256_update(&m_state, reinterpret_cast<const unsigned char*>(bytes.data()),
                                  bytes.size());
        return *this;
    }

    std::string hex() {
        unsigned char digest[crypto_hash_sha256_BYTES];
        crypto_hash_sha256_final(&m_state, digest);
        static constexpr char kHex[] = "0123456789abcdef";
        std::string out;
        for (const unsigned char byte : digest) {
            out += kHex[byte >> 4];
            out += kHex[byte & 0x0f];
        }
        return out;
    }

  private:
    crypto_hash_sha256_state m_state;
};

// The hash the previous release stored with a publication, computed again from what the store
// reads back: the plan, the snapshot and every file, each preceded by its length and a colon
// (app/report_service.cpp). Equal only if every byte came back as it was written.
std::string publication_hash(const Publication& publication) {
    Sha256 hash;
    auto add = [&hash](const std::string& part) {
        hash.add(std::to_string(part.size()) + ":").add(part);
    };
    add(publication.plan_json);
    add(publication.snapshot_json);
    for (const auto& file : publication.files) add(file.content);
    return hash.hex();
}

// The value of `result`; a failed result fails the test with the store's message and gives an
// empty value, so that the checks after it fail too rather than crash.
template <typename T>
T value_of(Result<T> result, const char* what) {
    EXPECT_TRUE(result.has_value()) << what << ": " << (result ? "" : result.error().message);
    return result ? std::move(result).value() : T{};
}

class PreviousRelease : public ::testing::TestWithParam<Backend> {
  protected:
    void SetUp() override {
        if (auto reason = harness::unavailable_reason(GetParam())) {
            if (harness::postgres_required()) FAIL() << "CSIP_REQUIRE_POSTGRES=1 but " << *reason;
            GTEST_SKIP() << *reason;
        }
        ASSERT_GE(sodium_init(), 0);
        m_expected = fixture_json("previous_release_expected.json");
        if (GetParam() == Backend::Sqlite) {
            // A copy, so that the fixture itself is never opened (opening adds WAL files, and a
            // migration would change it).
            m_location = (m_dir / "previous_release.db").string();
            std::filesystem::copy_file(kFixtures / "previous_release.db", m_location);
        } else {
            m_database = harness::create_test_database(Backend::Postgres);
            const auto refused = m_database->execute(fixture_text("previous_release.sql"));
            ASSERT_FALSE(refused.has_value()) << "replaying previous_release.sql: " << *refused;
            m_location = m_database->location();
        }
        m_plans = value_of(open_plan_store(GetParam(), m_location), "opening the plan store");
        ASSERT_NE(m_plans, nullptr);
    }

    // What the previous release recorded for this backend's fixture (times differ between the
    // two, since each was written by its own run).
    const json& recorded() const {
        return m_expected.at(GetParam() == Backend::Sqlite ? "sqlite" : "postgres");
    }

    std::unique_ptr<CaseStore> case_store() {
        return value_of(open_case_store(GetParam(), m_location), "opening the case store");
    }

    std::unique_ptr<AccountStore> account_store() {
        return value_of(open_account_store(GetParam(), m_location), "opening the account store");
    }

    std::unique_ptr<ReportStore> report_store() {
        return value_of(open_report_store(GetParam(), m_location), "opening the report store");
    }

    PlanStore& plans() { return *m_plans; }
    const json& expected() const { return m_expected; }

  private:
    csip::testing::TempDir m_dir;
    std::unique_ptr<harness::TestDatabase> m_database;
    std::string m_location;
    std::unique_ptr<PlanStore> m_plans;
    json m_expected;
};

// The plan reads back as the previous release exported it. This release writes each item's
// version and each measure's status besides: the previous export read by this release and
// written again is the same plan, byte for byte, and taking those members away from this
// release's export gives the previous release's document exactly.
TEST_P(PreviousRelease, ThePlanExportsByteForByteAsThePreviousReleaseExportedIt) {
    const auto plan = value_of(plans().load_plan(), "loading the plan");
    ASSERT_TRUE(plan.has_value()) << "the store finds no plan";
    const std::string previous = fixture_text(expected().at("plan").get<std::string>());
    const auto reread = import::read_plan_json(previous, "previous_release_plan.json");
    ASSERT_TRUE(reread.plan.has_value());
    EXPECT_EQ(reporting::write_plan_json(*plan), reporting::write_plan_json(*reread.plan));

    auto written = json::parse(reporting::write_plan_json(*plan));
    const std::function<void(json&)> strip = [&](json& value) {
        if (value.is_object()) {
            value.erase("version");
            value.erase("retired");
            if (value.contains("kind")) {  // a success measure: its status is new
                for (const char* key : {"status", "status_by", "status_at"}) value.erase(key);
            }
            for (auto& [key, member] : value.items()) strip(member);
        } else if (value.is_array()) {
            for (auto& member : value) strip(member);
        }
    };
    strip(written);
    EXPECT_EQ(written, json::parse(previous));
}

TEST_P(PreviousRelease, TheAuditTrailHoldsEveryEntryInItsOrder) {
    const auto trail = value_of(plans().audit_trail({}), "reading the audit trail");
    const json entries = fixture_json(recorded().at("audit").get<std::string>()).at("entries");
    ASSERT_EQ(trail.size(), entries.size());
    for (std::size_t i = 0; i < trail.size(); ++i) {
        const auto& entry = trail[i];
        const json& want = entries[i];
        SCOPED_TRACE("audit entry " + std::to_string(want.at("id").get<std::int64_t>()));
        EXPECT_EQ(entry.id, want.at("id").get<std::int64_t>());
        EXPECT_EQ(entry.at, want.at("at").get<std::string>());
        EXPECT_EQ(entry.actor, want.at("actor").get<std::string>());
        EXPECT_EQ(entry.entity, want.at("entity").get<std::string>());
        EXPECT_EQ(entry.entity_id, want.at("entity_id").get<std::string>());
        EXPECT_EQ(entry.field, want.at("field").get<std::string>());
        EXPECT_EQ(entry.old_value, optional_text(want.at("old")));
        EXPECT_EQ(entry.new_value, optional_text(want.at("new")));
        EXPECT_EQ(entry.reason, optional_text(want.at("reason")));
    }
}

TEST_P(PreviousRelease, EveryImportedReturnIsListedAsItWasImported) {
    auto cases = case_store();
    ASSERT_NE(cases, nullptr);
    const auto returns = value_of(cases->imported_returns(), "listing the returns");
    const json listed = fixture_json(recorded().at("returns").get<std::string>()).at("returns");
    ASSERT_EQ(returns.size(), listed.size());
    for (std::size_t i = 0; i < returns.size(); ++i) {
        const auto& r = returns[i];
        const json& want = listed[i];
        SCOPED_TRACE("return " + want.at("format").get<std::string>() + " " +
                     want.at("reference").get<std::string>());
        EXPECT_EQ(r.identity.format, want.at("format").get<std::string>());
        EXPECT_EQ(r.identity.reference, want.at("reference").get<std::string>());
        EXPECT_EQ(iso(r.reference_date), optional_text(want.at("reference_date")));
        EXPECT_EQ(r.file, want.at("file").get<std::string>());
        EXPECT_EQ(r.imported_at, want.at("imported_at").get<std::string>());
        EXPECT_EQ(r.imported_by, want.at("imported_by").get<std::string>());
        EXPECT_EQ(r.records_read, want.at("records_read").get<std::uint64_t>());
        EXPECT_EQ(r.records_used, want.at("records_used").get<std::uint64_t>());
        EXPECT_EQ(r.records_skipped, want.at("records_skipped").get<std::uint64_t>());
    }
}

TEST_P(PreviousRelease, TheIndicatorsComeOutAsThePreviousReleaseComputedThem) {
    // Reads every return's records, the manual values, the settings and the plan's targets.
    auto cases = case_store();
    ASSERT_NE(cases, nullptr);
    const domain::FixedClock clock{std::chrono::sys_seconds{}};
    app::IndicatorService service(plans(), *cases, clock);
    const json& period = expected().at("indicators");
    const auto report = value_of(service.indicators(date(period.at("from")), date(period.at("to"))),
                                 "computing the indicators");
    // Every figure and field the previous release gave is given alike; a field added since (each
    // snapshot's figure, "snapshots") is not in its output, and is left out of the comparison.
    json now = json::parse(reporting::render_indicators_json(report));
    const json then = json::parse(fixture_text(period.at("output").get<std::string>()));
    ASSERT_EQ(now.at("indicators").size(), then.at("indicators").size());
    for (std::size_t i = 0; i < now.at("indicators").size(); ++i) {
        json& indicator = now.at("indicators").at(i);
        for (auto field = indicator.begin(); field != indicator.end();) {
            field = then.at("indicators").at(i).contains(field.key()) ? std::next(field)
                                                                       : indicator.erase(field);
        }
    }
    EXPECT_EQ(now, then);
}

TEST_P(PreviousRelease, ManualValuesAndIndicatorSettingsKeepWhoGaveThemAndWhen) {
    auto cases = case_store();
    ASSERT_NE(cases, nullptr);

    const auto values = value_of(cases->manual_values(), "reading the manual values");
    const json& want_values = recorded().at("manual_values");
    ASSERT_EQ(values.size(), want_values.size());
    for (std::size_t i = 0; i < values.size(); ++i) {
        EXPECT_EQ(values[i].indicator, want_values[i].at("indicator").get<std::string>());
        EXPECT_EQ(values[i].month, want_values[i].at("month").get<std::string>());
        EXPECT_EQ(values[i].value, want_values[i].at("value").get<double>());
        EXPECT_EQ(values[i].recorded_by, want_values[i].at("recorded_by").get<std::string>());
        EXPECT_EQ(values[i].recorded_at, want_values[i].at("recorded_at").get<std::string>());
        EXPECT_EQ(values[i].note, want_values[i].at("note").get<std::string>());
    }

    const auto settings = value_of(cases->settings(), "reading the indicator settings");
    const json& want_settings = recorded().at("indicator_settings");
    ASSERT_EQ(settings.size(), want_settings.size());
    for (const json& want : want_settings) {
        const auto key = want.at("key").get<std::string>();
        const auto found = settings.find(key);
        ASSERT_NE(found, settings.end()) << key;
        EXPECT_EQ(found->second.value, want.at("value").get<double>()) << key;
        EXPECT_EQ(found->second.set_by, want.at("set_by").get<std::string>()) << key;
        EXPECT_EQ(found->second.set_at, want.at("set_at").get<std::string>()) << key;
    }
}

TEST_P(PreviousRelease, UsersKeepTheirRoleAndTheirPasswordStillVerifies) {
    auto accounts = account_store();
    ASSERT_NE(accounts, nullptr);
    const json& want_users = expected().at("users");
    EXPECT_EQ(value_of(accounts->users(), "listing the users").size(), want_users.size());
    const auto password = expected().at("password").get<std::string>();
    for (const json& want : want_users) {
        const auto name = want.at("name").get<std::string>();
        SCOPED_TRACE("user " + name);
        const auto user = value_of(accounts->find_user(name), "finding the user");
        ASSERT_TRUE(user.has_value()) << "no such user";
        EXPECT_EQ(user->role, domain::parse_role(want.at("role").get<std::string>()));
        EXPECT_EQ(user->officer, want.at("officer").get<std::string>());
        EXPECT_EQ(user->disabled, want.at("disabled").get<bool>());
        EXPECT_EQ(crypto_pwhash_str_verify(user->password_hash.c_str(), password.c_str(),
                                           password.size()),
                  0)
            << "the stored password hash no longer verifies the password it was made from";
    }
}

// Tokens made before tokens expired last a year from when they were made (schema version 8).
TEST_P(PreviousRelease, AnApiTokenItMadeIsKeptForItsUserAndLastsAYearFromWhenItWasMade) {
    auto accounts = account_store();
    ASSERT_NE(accounts, nullptr);
    const auto tokens = value_of(accounts->api_tokens(), "listing the API tokens");
    ASSERT_EQ(tokens.size(), 1u);
    EXPECT_EQ(tokens[0].user, "r.patel");
    EXPECT_EQ(tokens[0].label, "");
    EXPECT_EQ(tokens[0].expires_at - tokens[0].created_at, std::chrono::seconds(365 * 86400));
}

TEST_P(PreviousRelease, GovernanceBodiesMeetingsProfilesAndReportSettingsAreKept) {
    const auto bodies = value_of(plans().governance_bodies(), "listing the bodies");
    const json& want_bodies = expected().at("governance_bodies");
    ASSERT_EQ(bodies.size(), want_bodies.size());
    for (std::size_t i = 0; i < bodies.size(); ++i) {
        EXPECT_EQ(bodies[i].id, want_bodies[i].at("id").get<std::string>());
        EXPECT_EQ(bodies[i].name, want_bodies[i].at("name").get<std::string>());
        EXPECT_EQ(bodies[i].cadence, want_bodies[i].at("cadence").get<std::string>());
        EXPECT_EQ(bodies[i].is_public, want_bodies[i].at("public").get<bool>());
    }

    auto reports = report_store();
    ASSERT_NE(reports, nullptr);
    const auto meetings = value_of(reports->meetings(""), "listing the meetings");
    const json& want_meetings = expected().at("meetings");
    ASSERT_EQ(meetings.size(), want_meetings.size());
    for (std::size_t i = 0; i < meetings.size(); ++i) {
        EXPECT_EQ(meetings[i].body_id, want_meetings[i].at("body").get<std::string>());
        EXPECT_EQ(meetings[i].on, date(want_meetings[i].at("on")));
    }

    for (const json& want : expected().at("report_profiles")) {
        const auto body = want.at("body").get<std::string>();
        const auto profile = value_of(reports->report_profile(body), "reading a report profile");
        ASSERT_TRUE(profile.has_value()) << "no report profile for " << body;
        EXPECT_EQ(profile->sections, want.at("sections").get<std::vector<std::string>>());
        EXPECT_EQ(profile->indicators, want.at("indicators").get<std::vector<std::string>>());
        EXPECT_EQ(profile->case_level_allowed, want.at("case_level_allowed").get<bool>());
    }

    const auto settings = value_of(reports->settings(), "reading the report settings");
    const auto want_settings =
        expected().at("report_settings").get<std::map<std::string, std::string>>();
    EXPECT_EQ(ReportSettings(want_settings.begin(), want_settings.end()), settings);
}

TEST_P(PreviousRelease, AMigratedDatabaseTakesNewBodiesAfterTheOldOnesAndKeepsAReplacedOnesPlace) {
    // The previous release numbered bodies itself on PostgreSQL (an identity column); this one
    // numbers them in its SQL on both backends, after the last body stored.
    const auto before = value_of(plans().governance_bodies(), "listing the bodies");
    ASSERT_GE(before.size(), 2U);
    const domain::GovernanceBody added{"cabinet", "Cabinet", "monthly", true};
    auto saved = plans().save_governance_body(added, {});
    ASSERT_TRUE(saved.has_value()) << saved.error().message;
    domain::GovernanceBody renamed = before.front();
    renamed.name = "Improvement Board (renamed)";
    saved = plans().save_governance_body(renamed, {});
    ASSERT_TRUE(saved.has_value()) << saved.error().message;

    const auto after = value_of(plans().governance_bodies(), "listing the bodies");
    ASSERT_EQ(after.size(), before.size() + 1);
    EXPECT_EQ(after.front().id, before.front().id);
    EXPECT_EQ(after.front().name, "Improvement Board (renamed)");
    for (std::size_t i = 1; i < before.size(); ++i) EXPECT_EQ(after[i].id, before[i].id);
    EXPECT_EQ(after.back().id, "cabinet");
}

TEST_P(PreviousRelease, ThePublishedReportReadsBackByteForByte) {
    auto reports = report_store();
    ASSERT_NE(reports, nullptr);
    const auto listed = value_of(reports->publications(""), "listing the publications");
    const json published = fixture_json(recorded().at("publications").get<std::string>());
    ASSERT_EQ(listed.size(), published.size());
    for (std::size_t i = 0; i < listed.size(); ++i) {
        const json& want = published[i];
        SCOPED_TRACE("publication " + std::to_string(want.at("id").get<std::int64_t>()));
        EXPECT_EQ(listed[i].id, want.at("id").get<std::int64_t>());
        EXPECT_EQ(listed[i].body_id, want.at("body").get<std::string>());
        EXPECT_EQ(listed[i].meeting, date(want.at("meeting")));
        EXPECT_EQ(listed[i].as_of, date(want.at("as_of")));
        EXPECT_EQ(listed[i].since, date(want.at("since")));
        EXPECT_EQ(listed[i].published_at, want.at("published_at").get<std::string>());
        EXPECT_EQ(listed[i].published_by, want.at("published_by").get<std::string>());
        EXPECT_EQ(listed[i].content_hash, want.at("sha256").get<std::string>());

        const auto publication = value_of(reports->publication(listed[i].id), "reading it");
        EXPECT_EQ(publication_hash(publication), want.at("sha256").get<std::string>());
        // Nothing has changed the plan since it was published.
        EXPECT_EQ(publication.plan_json, fixture_text(expected().at("plan").get<std::string>()));
        const json& want_files = expected().at("published_files");
        ASSERT_EQ(publication.files.size(), want_files.size());
        for (std::size_t f = 0; f < publication.files.size(); ++f) {
            const auto& file = publication.files[f];
            EXPECT_EQ(file.format, want_files[f].at("format").get<std::string>());
            EXPECT_EQ(file.file_name, want_files[f].at("file_name").get<std::string>());
            EXPECT_EQ(Sha256().add(file.content).hex(),
                      want_files[f].at("sha256").get<std::string>())
                << file.file_name;
        }
    }
}

INSTANTIATE_TEST_SUITE_P(Backends, PreviousRelease,
                         ::testing::Values(Backend::Sqlite, Backend::Postgres),
                         [](const auto& backend) { return harness::backend_name(backend.param); });

}  // namespace
}  // namespace csip::storage
