// The AccountStore contract (storage/account_store.hpp), run against every backend: each test
// runs once on SQLite and once on PostgreSQL, on a fresh database of its own, with the account
// store opened on the same database as the plan store, as csip serve opens them.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "storage/postgres/postgres_store.hpp"
#include "storage/sql/stores.hpp"
#include "storage/sqlite/sqlite_store.hpp"
#include "test_database.hpp"

namespace csip::storage {
namespace {

using namespace std::chrono_literals;
using domain::AuditEntry;
using domain::Role;
using harness::Backend;

Seconds at(long long seconds_since_epoch) {
    return Seconds{std::chrono::seconds{seconds_since_epoch}};
}

// 2016-01-04T09:30:00Z
constexpr long long kMonday = 1451899800;

AuditEntry entry(const std::string& actor, const std::string& entity_id, const std::string& field,
                 std::optional<std::string> new_value = std::nullopt) {
    return AuditEntry{0,
                      "2016-01-04T09:30:00Z",
                      actor,
                      "user",
                      entity_id,
                      field,
                      std::nullopt,
                      std::move(new_value),
                      std::nullopt};
}

UserRecord user(const std::string& name, Role role, const std::string& officer = {}) {
    return UserRecord{name,  role,       officer, "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA",
                      false, at(kMonday)};
}

class AccountStoreContract : public ::testing::TestWithParam<Backend> {
  protected:
    void SetUp() override {
        if (auto reason = harness::unavailable_reason(GetParam())) {
            if (harness::postgres_required()) FAIL() << "CSIP_REQUIRE_POSTGRES=1 but " << *reason;
            GTEST_SKIP() << *reason;
        }
        m_database = harness::create_test_database(GetParam());
        m_accounts = open_accounts();
        ASSERT_NE(m_accounts, nullptr);
    }

    std::unique_ptr<AccountStore> open_accounts() {
        auto store = GetParam() == Backend::Sqlite
                         ? sql::open_account_store(sqlite::connector(m_database->location()))
                         : sql::open_account_store(postgres::connector(m_database->location()));
        EXPECT_TRUE(store.has_value()) << (store ? "" : store.error().message);
        return store ? std::move(store).value() : nullptr;
    }

    AccountStore& accounts() { return *m_accounts; }

    void add(const UserRecord& record) {
        auto added = accounts().add_user(record, {entry("admin", record.name, "created")});
        ASSERT_TRUE(added.has_value()) << added.error().message;
    }

    std::vector<AuditEntry> trail() {
        auto plans = m_database->open_store();
        EXPECT_TRUE(plans.has_value());
        if (!plans) return {};
        auto entries = (*plans)->audit_trail({});
        EXPECT_TRUE(entries.has_value());
        return entries ? *entries : std::vector<AuditEntry>{};
    }

    std::unique_ptr<harness::TestDatabase> m_database;
    std::unique_ptr<AccountStore> m_accounts;
};

TEST_P(AccountStoreContract, AnAddedUserIsFoundWithEveryFieldAndUsersComeBackByName) {
    add(user("viewer1", Role::Viewer));
    UserRecord lead = user("lead1", Role::Lead, "Service Manager, Safeguarding");
    lead.disabled = true;
    add(lead);

    auto found = accounts().find_user("lead1");
    ASSERT_TRUE(found.has_value()) << found.error().message;
    ASSERT_TRUE(found->has_value());
    EXPECT_EQ((*found)->name, "lead1");
    EXPECT_EQ((*found)->role, Role::Lead);
    EXPECT_EQ((*found)->officer, "Service Manager, Safeguarding");
    EXPECT_EQ((*found)->password_hash, lead.password_hash);
    EXPECT_TRUE((*found)->disabled);
    EXPECT_EQ((*found)->created_at, at(kMonday));

    auto users = accounts().users();
    ASSERT_TRUE(users.has_value());
    ASSERT_EQ(users->size(), 2u);
    EXPECT_EQ((*users)[0].name, "lead1");
    EXPECT_EQ((*users)[1].name, "viewer1");
}

TEST_P(AccountStoreContract, AnUnknownUserIsNothingNotAnError) {
    auto found = accounts().find_user("nobody");
    ASSERT_TRUE(found.has_value()) << found.error().message;
    EXPECT_FALSE(found->has_value());
}

TEST_P(AccountStoreContract, AddingANameTwiceIsAConflictAndRecordsNothing) {
    add(user("editor1", Role::Editor));
    const auto before = trail().size();
    auto again =
        accounts().add_user(user("editor1", Role::Admin), {entry("admin", "editor1", "created")});
    ASSERT_FALSE(again.has_value());
    EXPECT_EQ(again.error().kind, ErrorKind::Conflict);
    EXPECT_EQ(again.error().field, "name");
    EXPECT_EQ(trail().size(), before);
    EXPECT_EQ((*accounts().find_user("editor1"))->role, Role::Editor);
}

TEST_P(AccountStoreContract, UpdatingAUserChangesItsRoleOfficerPasswordAndDisabled) {
    add(user("pat", Role::Viewer));
    UserRecord changed = user("pat", Role::Lead, "Principal Social Worker");
    changed.password_hash = "$argon2id$v=19$m=8,t=1,p=1$bmV3$bmV3";
    changed.disabled = true;
    auto updated = accounts().update_user(changed, {entry("admin", "pat", "role", "lead")}, false);
    ASSERT_TRUE(updated.has_value()) << updated.error().message;
    const auto found = **accounts().find_user("pat");
    EXPECT_EQ(found.role, Role::Lead);
    EXPECT_EQ(found.officer, "Principal Social Worker");
    EXPECT_EQ(found.password_hash, changed.password_hash);
    EXPECT_TRUE(found.disabled);

    auto missing = accounts().update_user(user("nobody", Role::Admin), {}, false);
    ASSERT_FALSE(missing.has_value());
    EXPECT_EQ(missing.error().kind, ErrorKind::NotFound);
}

TEST_P(AccountStoreContract, SessionsAreFoundByHashEndedAtSignOutAndSweptWhenExpired) {
    add(user("lead1", Role::Lead, "LSCB Business Manager"));
    const SessionRecord first{"hash-1", "lead1", "csrf-1", at(kMonday), at(kMonday + 3600)};
    const SessionRecord second{"hash-2", "lead1", "csrf-2", at(kMonday), at(kMonday + 60)};
    ASSERT_TRUE(accounts().add_session(first, {entry("lead1", "lead1", "signed_in")}).has_value());
    ASSERT_TRUE(accounts().add_session(second, {}).has_value());

    auto found = accounts().find_session("hash-1");
    ASSERT_TRUE(found.has_value()) << found.error().message;
    ASSERT_TRUE(found->has_value());
    EXPECT_EQ((*found)->user, "lead1");
    EXPECT_EQ((*found)->csrf_token, "csrf-1");
    EXPECT_EQ((*found)->created_at, at(kMonday));
    EXPECT_EQ((*found)->expires_at, at(kMonday + 3600));
    EXPECT_FALSE(accounts().find_session("hash-3")->has_value());

    auto swept = accounts().remove_expired_sessions(at(kMonday + 60));
    ASSERT_TRUE(swept.has_value()) << swept.error().message;
    EXPECT_EQ(*swept, 1);
    EXPECT_FALSE(accounts().find_session("hash-2")->has_value());
    EXPECT_TRUE(accounts().find_session("hash-1")->has_value());

    ASSERT_TRUE(
        accounts().remove_session("hash-1", {entry("lead1", "lead1", "signed_out")}).has_value());
    EXPECT_FALSE(accounts().find_session("hash-1")->has_value());
}

TEST_P(AccountStoreContract, AnUpdateThatEndsCredentialsEndsTheUsersSessionsAndTokensOnly) {
    add(user("a", Role::Viewer));
    add(user("b", Role::Viewer));
    ASSERT_TRUE(
        accounts().add_session({"a1", "a", "x", at(kMonday), at(kMonday + 99)}, {}).has_value());
    ASSERT_TRUE(
        accounts().add_session({"b1", "b", "x", at(kMonday), at(kMonday + 99)}, {}).has_value());
    ASSERT_TRUE(accounts().add_api_token({"ta", "a", at(kMonday), "", at(kMonday + 99)}, {}).has_value());
    ASSERT_TRUE(accounts().add_api_token({"tb", "b", at(kMonday), "", at(kMonday + 99)}, {}).has_value());
    // An update that keeps them keeps them.
    ASSERT_TRUE(accounts().update_user(user("a", Role::Lead, "Head of Service"), {}, false).has_value());
    EXPECT_TRUE(accounts().find_session("a1")->has_value());
    EXPECT_TRUE(accounts().find_api_token("ta")->has_value());

    UserRecord disabled = user("a", Role::Viewer);
    disabled.disabled = true;
    ASSERT_TRUE(accounts().update_user(disabled, {entry("admin", "a", "disabled", "yes")}, true).has_value());
    EXPECT_FALSE(accounts().find_session("a1")->has_value());
    EXPECT_FALSE(accounts().find_api_token("ta")->has_value());
    EXPECT_TRUE(accounts().find_session("b1")->has_value());
    EXPECT_TRUE(accounts().find_api_token("tb")->has_value());
}

TEST_P(AccountStoreContract, ASessionOrTokenForNoUserIsRefusedAndRecordsNothing) {
    const auto before = trail().size();
    auto session = accounts().add_session({"h", "ghost", "c", at(kMonday), at(kMonday + 1)},
                                          {entry("ghost", "ghost", "signed_in")});
    EXPECT_FALSE(session.has_value());
    auto token = accounts().add_api_token({"t", "ghost", at(kMonday), "", at(kMonday + 1)},
                                          {entry("admin", "ghost", "api_token")});
    EXPECT_FALSE(token.has_value());
    EXPECT_EQ(trail().size(), before);
}

TEST_P(AccountStoreContract, ApiTokensAreFoundByTheirHashListedAndRevokedByTheirId) {
    add(user("robot", Role::Viewer));
    add(user("analyst", Role::Viewer));
    const std::string hash(64, 'a');
    const std::string other = std::string(12, 'b') + std::string(52, 'c');
    ASSERT_TRUE(accounts()
                    .add_api_token({hash, "robot", at(kMonday), "Power BI", at(kMonday + 86400)},
                                   {entry("admin", "robot", "api_token_created")})
                    .has_value());
    ASSERT_TRUE(accounts()
                    .add_api_token({other, "analyst", at(kMonday + 5), "", at(kMonday + 60)}, {})
                    .has_value());
    auto found = accounts().find_api_token(hash);
    ASSERT_TRUE(found.has_value()) << found.error().message;
    ASSERT_TRUE(found->has_value());
    EXPECT_EQ((*found)->user, "robot");
    EXPECT_EQ((*found)->created_at, at(kMonday));
    EXPECT_EQ((*found)->label, "Power BI");
    EXPECT_EQ((*found)->expires_at, at(kMonday + 86400));
    EXPECT_FALSE(accounts().find_api_token("other")->has_value());

    auto all = accounts().api_tokens();
    ASSERT_TRUE(all.has_value()) << all.error().message;
    ASSERT_EQ(all->size(), 2u);
    EXPECT_EQ((*all)[0].user, "analyst");  // by user
    EXPECT_EQ((*all)[1].token_hash, hash);

    const auto before = trail().size();
    auto none = accounts().remove_api_token(std::string(12, 'd'), {entry("admin", "robot", "x")});
    ASSERT_TRUE(none.has_value()) << none.error().message;
    EXPECT_FALSE(none->has_value());
    EXPECT_EQ(trail().size(), before);
    auto removed = accounts().remove_api_token(hash.substr(0, 12), {entry("admin", "robot", "revoked")});
    ASSERT_TRUE(removed.has_value()) << removed.error().message;
    ASSERT_TRUE(removed->has_value());
    EXPECT_EQ((*removed)->user, "robot");
    EXPECT_FALSE(accounts().find_api_token(hash)->has_value());
    EXPECT_TRUE(accounts().find_api_token(other)->has_value());
    EXPECT_EQ(trail().size(), before + 1);
}

TEST_P(AccountStoreContract, FailedSignInsCountUpLockAndAreForgottenAfterSuccess) {
    auto none = accounts().sign_in_failures("someone");
    ASSERT_TRUE(none.has_value()) << none.error().message;
    EXPECT_EQ(none->count, 0);
    EXPECT_FALSE(none->locked_until);

    for (int i = 1; i <= 3; ++i) {
        auto failures = accounts().record_failed_sign_in("someone", at(kMonday + i));
        ASSERT_TRUE(failures.has_value()) << failures.error().message;
        EXPECT_EQ(failures->count, i);
        EXPECT_EQ(failures->last_failed_at, at(kMonday + i));
    }
    ASSERT_TRUE(
        accounts()
            .lock_sign_in("someone", at(kMonday + 900), {entry("csip", "someone", "locked")})
            .has_value());
    auto locked = accounts().sign_in_failures("someone");
    ASSERT_TRUE(locked.has_value());
    EXPECT_EQ(locked->count, 3);
    EXPECT_EQ(locked->locked_until, at(kMonday + 900));

    ASSERT_TRUE(accounts().clear_failed_sign_ins("someone").has_value());
    EXPECT_EQ(accounts().sign_in_failures("someone")->count, 0);
    EXPECT_FALSE(accounts().sign_in_failures("someone")->locked_until);
}

TEST_P(AccountStoreContract, ConcurrentFailedSignInsAreAllCounted) {
    std::vector<std::unique_ptr<AccountStore>> stores;
    for (int i = 0; i < 4; ++i) {
        stores.push_back(open_accounts());
        ASSERT_NE(stores.back(), nullptr);
    }
    std::vector<std::thread> threads;
    for (auto& store : stores) {
        threads.emplace_back([&store] {
            for (int i = 0; i < 25; ++i) {
                EXPECT_TRUE(store->record_failed_sign_in("target", at(kMonday)).has_value());
            }
        });
    }
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(accounts().sign_in_failures("target")->count, 100);
}

TEST_P(AccountStoreContract, AccountChangesJoinThePlanAuditTrailWithTheirActor) {
    add(user("lead1", Role::Lead, "LSCB Business Manager"));
    ASSERT_TRUE(accounts()
                    .add_session({"h", "lead1", "c", at(kMonday), at(kMonday + 1)},
                                 {entry("lead1", "lead1", "signed_in")})
                    .has_value());
    const auto entries = trail();
    ASSERT_EQ(entries.size(), 2u);
    EXPECT_EQ(entries[0].actor, "admin");
    EXPECT_EQ(entries[0].entity, "user");
    EXPECT_EQ(entries[0].field, "created");
    EXPECT_EQ(entries[1].actor, "lead1");
    EXPECT_EQ(entries[1].field, "signed_in");
    EXPECT_LT(entries[0].id, entries[1].id);
}

TEST_P(AccountStoreContract, ReopeningKeepsUsersAndSessions) {
    add(user("admin1", Role::Admin));
    ASSERT_TRUE(
        accounts().add_session({"h", "admin1", "c", at(kMonday), at(kMonday + 9)}, {}).has_value());
    m_accounts.reset();
    m_accounts = open_accounts();
    ASSERT_NE(m_accounts, nullptr);
    EXPECT_EQ((*accounts().find_user("admin1"))->role, Role::Admin);
    EXPECT_TRUE(accounts().find_session("h")->has_value());
}

INSTANTIATE_TEST_SUITE_P(Backends, AccountStoreContract,
                         ::testing::Values(Backend::Sqlite, Backend::Postgres),
                         [](const auto& backend) { return harness::backend_name(backend.param); });

}  // namespace
}  // namespace csip::storage
