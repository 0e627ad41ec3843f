// The ReportStore contract, run on SQLite and PostgreSQL alike: meetings, profiles and settings
// are kept; a publication reads back byte for byte and can never be changed, replaced or
// deleted; a reminder is claimed once per lead officer and day.
#include <gtest/gtest.h>

#include <sqlite3.h>

#include <pqxx/pqxx>

#include <cstdlib>
#include <random>

#include "../support/temp_dir.hpp"
#include "storage/postgres/postgres_store.hpp"
#include "storage/report_store.hpp"
#include "storage/sql/stores.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace csip::storage {
namespace {

using domain::AuditEntry;
using domain::Date;
using domain::GovernanceBody;

Date d(const char* iso) { return *Date::parse_iso(iso); }

AuditEntry entry(const std::string& entity, const std::string& id, const std::string& field) {
    return {0,     "2015-09-01T10:00:00Z", "officer", entity,      id,
            field, std::nullopt,           "x",       std::nullopt};
}

// A database for one test: a SQLite file, or a new PostgreSQL database on the test server.
class Database {
  public:
    virtual ~Database() = default;
    virtual std::string url() const = 0;
    virtual Result<std::unique_ptr<PlanStore>> plan_store() = 0;
    virtual Result<std::unique_ptr<ReportStore>> report_store() = 0;
    // Runs `sql` directly; the database's message when it refuses.
    virtual std::optional<std::string> execute(const std::string& sql) = 0;
};

class SqliteDatabase final : public Database {
  public:
    std::string url() const override { return (m_dir / "csip.db").string(); }
    Result<std::unique_ptr<PlanStore>> plan_store() override {
        return sql::open_plan_store(sqlite::connector(url()));
    }
    Result<std::unique_ptr<ReportStore>> report_store() override {
        return sql::open_report_store(sqlite::connector(url()));
    }
    std::optional<std::string> execute(const std::string& sql) override {
        sqlite3* db = nullptr;
        sqlite3_open(url().c_str(), &db);
        char* error = nullptr;
        const int code = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
        std::optional<std::string> message;
        if (code != SQLITE_OK) message = error != nullptr ? error : "refused";
        sqlite3_free(error);
        sqlite3_close(db);
        return message;
    }

  private:
    csip::testing::TempDir m_dir;
};

class PostgresDatabase final : public Database {
  public:
    explicit PostgresDatabase(std::string server) : m_server(std::move(server)) {
        std::random_device random;
        m_name = "csip_report_" + std::to_string(random());
        pqxx::connection admin(m_server);
        pqxx::nontransaction(admin).exec("CREATE DATABASE " + m_name);
        const auto query = m_server.find('?');
        m_url =
            "postgresql:///" + m_name + (query == std::string::npos ? "" : m_server.substr(query));
    }
    ~PostgresDatabase() override {
        try {
            pqxx::connection admin(m_server);
            pqxx::nontransaction(admin).exec("DROP DATABASE IF EXISTS " + m_name + " WITH (FORCE)");
        } catch (const std::exception&) {
            // The server is gone, and the database with it.
        }
    }
    std::string url() const override { return m_url; }
    Result<std::unique_ptr<PlanStore>> plan_store() override {
        return sql::open_plan_store(postgres::connector(m_url));
    }
    Result<std::unique_ptr<ReportStore>> report_store() override {
        return sql::open_report_store(postgres::connector(m_url));
    }
    std::optional<std::string> execute(const std::string& sql) override {
        try {
            pqxx::connection db(m_url);
            pqxx::work tx(db);
            tx.exec(sql);
            tx.commit();
            return std::nullopt;
        } catch (const std::exception& error) {
            return std::string(error.what());
        }
    }

  private:
    std::string m_server, m_name, m_url;
};

class ReportStoreContract : public ::testing::TestWithParam<std::string> {
  protected:
    void SetUp() override {
        if (GetParam() == "sqlite") {
            m_database = std::make_unique<SqliteDatabase>();
        } else {
            const char* server = std::getenv("CSIP_TEST_POSTGRES_URL");
            if (server == nullptr) {
                const char* required = std::getenv("CSIP_REQUIRE_POSTGRES");
                if (required != nullptr && std::string(required) == "1") {
                    FAIL() << "CSIP_TEST_POSTGRES_URL is not set; scripts/test starts the server";
                }
                GTEST_SKIP() << "no PostgreSQL test server (run scripts/test)";
            }
            m_database = std::make_unique<PostgresDatabase>(server);
        }
        auto plans = m_database->plan_store();
        ASSERT_TRUE(plans.has_value()) << plans.error().message;
        for (const GovernanceBody& body :
             {GovernanceBody{"osmc", "Overview and Scrutiny", "quarterly", true},
              GovernanceBody{"board", "Improvement Board", "monthly", false}}) {
            ASSERT_TRUE((*plans)->save_governance_body(body, {}).has_value());
        }
        auto reports = m_database->report_store();
        ASSERT_TRUE(reports.has_value()) << reports.error().message;
        m_store = std::move(*reports);
    }

    ReportStore& store() { return *m_store; }

    Publication sample_publication(const char* meeting) {
        Publication publication;
        publication.body_id = "osmc";
        publication.meeting = d(meeting);
        publication.as_of = d(meeting);
        publication.since = d("2015-06-15");
        publication.published_at = "2015-09-10T09:00:00Z";
        publication.published_by = "officer";
        publication.content_hash = "ab12";
        publication.plan_json = "{\"format\": \"csip-plan/1\"}\n";
        publication.snapshot_json = "{\"as_of\": \"2015-09-15\"}\n";
        // Every byte value, NUL included, must come back as it went in.
        std::string binary;
        for (int byte = 0; byte < 256; ++byte) binary += static_cast<char>(byte);
        publication.files = {{"docx", "osmc.docx", "PK\x03\x04" + binary},
                             {"html", "osmc.html", "<!doctype html><p>Caf\xc3\xa9</p>"}};
        return publication;
    }

    std::unique_ptr<Database> m_database;
    std::unique_ptr<ReportStore> m_store;
};

TEST_P(ReportStoreContract, MeetingsAreKeptByDateAndAddingOneTwiceChangesNothing) {
    ASSERT_TRUE(store().add_meeting({"osmc", d("2015-12-10")}, {}).has_value());
    ASSERT_TRUE(store()
                    .add_meeting({"osmc", d("2015-09-15")}, {entry("meeting", "osmc", "created")})
                    .has_value());
    ASSERT_TRUE(store().add_meeting({"osmc", d("2015-09-15")}, {}).has_value());
    ASSERT_TRUE(store().add_meeting({"board", d("2015-10-01")}, {}).has_value());

    auto osmc = store().meetings("osmc");
    ASSERT_TRUE(osmc.has_value());
    ASSERT_EQ(osmc->size(), 2u);
    EXPECT_EQ((*osmc)[0].on, d("2015-09-15"));
    EXPECT_EQ((*osmc)[1].on, d("2015-12-10"));
    auto all = store().meetings("");
    ASSERT_TRUE(all.has_value());
    EXPECT_EQ(all->size(), 3u);
}

TEST_P(ReportStoreContract, AMeetingOfAnUnknownBodyIsRefused) {
    auto added = store().add_meeting({"nobody", d("2015-09-15")}, {});
    ASSERT_FALSE(added.has_value());
    EXPECT_EQ(added.error().kind, ErrorKind::InvalidInput);
}

TEST_P(ReportStoreContract, ProfilesAndSettingsAreSavedAndReplaced) {
    auto none = store().report_profile("osmc");
    ASSERT_TRUE(none.has_value());
    EXPECT_FALSE(none->has_value());

    ReportProfile profile{"board", {"summary", "appendix"}, {"assessments_45wd"}, true};
    ASSERT_TRUE(store().save_report_profile(profile, {}).has_value());
    profile.indicators = {};
    profile.case_level_allowed = false;
    ASSERT_TRUE(store().save_report_profile(profile, {}).has_value());
    auto read = store().report_profile("board");
    ASSERT_TRUE(read.has_value() && read->has_value());
    EXPECT_EQ((*read)->sections, (std::vector<std::string>{"summary", "appendix"}));
    EXPECT_TRUE((*read)->indicators.empty());
    EXPECT_FALSE((*read)->case_level_allowed);

    ASSERT_TRUE(store().set_setting("contact_officer.name", "Head of Service", {}).has_value());
    ASSERT_TRUE(store().set_setting("portfolio_member.name", "Cllr A", {}).has_value());
    ASSERT_TRUE(store().set_setting("portfolio_member.name", "Cllr B", {}).has_value());
    ASSERT_TRUE(store().set_setting("contact_officer.name", "", {}).has_value());
    auto settings = store().settings();
    ASSERT_TRUE(settings.has_value());
    EXPECT_EQ(*settings, (ReportSettings{{"portfolio_member.name", "Cllr B"}}));
}

TEST_P(ReportStoreContract, APublicationReadsBackByteForByte) {
    const auto sample = sample_publication("2015-09-15");
    auto id = store().publish(sample, {entry("publication", "osmc", "published")});
    ASSERT_TRUE(id.has_value()) << id.error().message;

    auto read = store().publication(*id);
    ASSERT_TRUE(read.has_value()) << read.error().message;
    EXPECT_EQ(read->body_id, "osmc");
    EXPECT_EQ(read->meeting, d("2015-09-15"));
    EXPECT_EQ(read->since, d("2015-06-15"));
    EXPECT_EQ(read->content_hash, sample.content_hash);
    EXPECT_EQ(read->plan_json, sample.plan_json);
    EXPECT_EQ(read->snapshot_json, sample.snapshot_json);
    ASSERT_EQ(read->files.size(), 2u);
    for (std::size_t i = 0; i < 2; ++i) {
        EXPECT_EQ(read->files[i].format, sample.files[i].format);
        EXPECT_EQ(read->files[i].file_name, sample.files[i].file_name);
        EXPECT_EQ(read->files[i].content, sample.files[i].content);
    }

    auto listed = store().publications("osmc");
    ASSERT_TRUE(listed.has_value());
    ASSERT_EQ(listed->size(), 1u);
    EXPECT_EQ((*listed)[0].id, *id);
    EXPECT_TRUE((*listed)[0].files[0].content.empty());
    EXPECT_EQ((*listed)[0].files[0].file_name, "osmc.docx");
    auto other = store().publications("board");
    ASSERT_TRUE(other.has_value());
    EXPECT_TRUE(other->empty());
}

TEST_P(ReportStoreContract, APublicationIsNeverReplacedChangedOrDeleted) {
    auto first = store().publish(sample_publication("2015-09-15"), {});
    ASSERT_TRUE(first.has_value());
    auto again = store().publish(sample_publication("2015-09-15"), {});
    ASSERT_FALSE(again.has_value());
    EXPECT_EQ(again.error().kind, ErrorKind::Conflict);

    EXPECT_TRUE(m_database->execute("UPDATE publications SET content_hash = 'x'").has_value());
    EXPECT_TRUE(m_database->execute("DELETE FROM publication_files").has_value());
    EXPECT_TRUE(m_database->execute("DELETE FROM publications").has_value());
    auto read = store().publication(*first);
    ASSERT_TRUE(read.has_value());
    EXPECT_EQ(read->content_hash, "ab12");
    EXPECT_EQ(read->files.size(), 2u);

    auto missing = store().publication(*first + 100);
    ASSERT_FALSE(missing.has_value());
    EXPECT_EQ(missing.error().kind, ErrorKind::NotFound);
}

TEST_P(ReportStoreContract, AReminderIsClaimedOncePerLeadAndDay) {
    auto claimed =
        store().claim_reminder("Head of Service", d("2015-09-15"), "2015-09-15T07:00:00Z");
    ASSERT_TRUE(claimed.has_value());
    EXPECT_TRUE(*claimed);
    auto twice = store().claim_reminder("Head of Service", d("2015-09-15"), "2015-09-15T08:00:00Z");
    ASSERT_TRUE(twice.has_value());
    EXPECT_FALSE(*twice);
    auto next_day =
        store().claim_reminder("Head of Service", d("2015-09-16"), "2015-09-16T07:00:00Z");
    ASSERT_TRUE(next_day.has_value());
    EXPECT_TRUE(*next_day);

    ASSERT_TRUE(store().release_reminder("Head of Service", d("2015-09-15")).has_value());
    auto after_release =
        store().claim_reminder("Head of Service", d("2015-09-15"), "2015-09-15T09:00:00Z");
    ASSERT_TRUE(after_release.has_value());
    EXPECT_TRUE(*after_release);
}

INSTANTIATE_TEST_SUITE_P(Backends, ReportStoreContract, ::testing::Values("sqlite", "postgres"),
                         [](const auto& backend) { return backend.param; });

}  // namespace
}  // namespace csip::storage
