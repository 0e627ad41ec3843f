// Signing in and managing users, on a SQLite database in a temporary folder with a fixed clock:
// what a person signing in, an administrator and an auditor would notice.
#include <gtest/gtest.h>

#include <algorithm>
#include <latch>
#include <optional>
#include <thread>
#include <vector>

#include "../support/temp_dir.hpp"
#include "app/accounts.hpp"
#include "storage/plan_store.hpp"
#include "storage/sql/stores.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace csip::app {
namespace {

using namespace std::chrono_literals;
using domain::Role;

constexpr const char* kPassword = "correct horse battery";

AccountSettings fast_settings() {
    AccountSettings settings;
    settings.hashing = PasswordHashing::Fast;
    settings.slow_step = 0ms;
    settings.failures_before_lock = 3;
    settings.lock_for = 15min;
    settings.session_lifetime = 8h;
    return settings;
}

class Accounts : public ::testing::Test {
  protected:
    void SetUp() override {
        auto store = storage::sql::open_account_store(storage::sqlite::connector(m_path));
        ASSERT_TRUE(store.has_value()) << store.error().message;
        m_store = std::move(*store);
        m_service = std::make_unique<AccountService>(*m_store, m_clock, fast_settings());
        auto lead = m_service->add_user("Lead.One", Role::Lead, "Service Manager, Safeguarding",
                                        kPassword, "admin");
        ASSERT_TRUE(lead.has_value()) << lead.error().message;
    }

    std::vector<domain::AuditEntry> trail() {
        auto plans = storage::sql::open_plan_store(storage::sqlite::connector(m_path));
        EXPECT_TRUE(plans.has_value());
        auto entries = (*plans)->audit_trail({});
        EXPECT_TRUE(entries.has_value());
        return entries ? *entries : std::vector<domain::AuditEntry>{};
    }

    AccountService& accounts() { return *m_service; }

    testing::TempDir m_dir;
    std::string m_path = (m_dir / "csip.db").string();
    domain::FixedClock m_clock{std::chrono::sys_days{std::chrono::year{2015} / 9 / 15} + 9h};
    std::unique_ptr<storage::AccountStore> m_store;
    std::unique_ptr<AccountService> m_service;
};

TEST_F(Accounts, NamesAreFoldedToLowerCaseAndTheLeadKeepsTheirOfficerTitle) {
    auto user = accounts().user("LEAD.ONE");
    ASSERT_TRUE(user.has_value()) << user.error().message;
    EXPECT_EQ(user->name, "lead.one");
    EXPECT_EQ(user->role, Role::Lead);
    EXPECT_EQ(user->officer, "Service Manager, Safeguarding");
}

TEST_F(Accounts, BadNamesShortPasswordsAndLeadsWithoutATitleAreRefusedByField) {
    auto bad_name = accounts().add_user("j smith", Role::Viewer, "", kPassword, "admin");
    ASSERT_FALSE(bad_name.has_value());
    EXPECT_EQ(bad_name.error().field, "name");
    auto short_password = accounts().add_user("jsmith", Role::Viewer, "", "short", "admin");
    ASSERT_FALSE(short_password.has_value());
    EXPECT_EQ(short_password.error().field, "password");
    auto no_title = accounts().add_user("jsmith", Role::Lead, "  ", kPassword, "admin");
    ASSERT_FALSE(no_title.has_value());
    EXPECT_EQ(no_title.error().field, "officer");
    auto taken = accounts().add_user("lead.one", Role::Viewer, "", kPassword, "admin");
    ASSERT_FALSE(taken.has_value());
    EXPECT_EQ(taken.error().kind, ErrorKind::Conflict);
}

TEST_F(Accounts, AnOfficerTitleThatIsNotTextIsRefusedWhenAddingOrChangingAUser) {
    auto added = accounts().add_user("jsmith", Role::Lead, "Head \xFF\xFE", kPassword, "admin");
    ASSERT_FALSE(added.has_value());
    EXPECT_EQ(added.error().field, "officer");
    EXPECT_FALSE(accounts().user("jsmith").has_value());
    auto changed = accounts().change_user("lead.one", Role::Lead, "Head\x1B]0;x\x07", false, "admin");
    ASSERT_FALSE(changed.has_value());
    EXPECT_EQ(changed.error().field, "officer");
    auto kept = accounts().user("lead.one");
    ASSERT_TRUE(kept.has_value());
    EXPECT_EQ(kept->officer.find('\x1B'), std::string::npos);
}

TEST_F(Accounts, TheAuditTrailSaysWhoAddedAUserAndNeverHoldsThePassword) {
    const auto entries = trail();
    ASSERT_FALSE(entries.empty());
    for (const auto& entry : entries) {
        EXPECT_EQ(entry.actor, "admin");
        EXPECT_EQ(entry.entity, "user");
        EXPECT_EQ(entry.entity_id, "lead.one");
        EXPECT_EQ(entry.new_value.value_or("").find(kPassword), std::string::npos);
    }
    EXPECT_EQ(entries[0].field, "role");
    EXPECT_EQ(entries[0].new_value, "lead");
}

TEST_F(Accounts, SigningInGivesASessionWithItsCsrfTokenUntilSignOut) {
    auto signed_in = accounts().sign_in(" Lead.One ", kPassword);
    ASSERT_TRUE(signed_in.has_value()) << signed_in.error().message;
    EXPECT_EQ(signed_in->session.person.name, "lead.one");
    EXPECT_EQ(signed_in->session.person.officer, "Service Manager, Safeguarding");
    EXPECT_GE(signed_in->token.size(), 43u);
    EXPECT_GE(signed_in->session.csrf_token.size(), 43u);

    auto session = accounts().session(signed_in->token);
    ASSERT_TRUE(session.has_value()) << session.error().message;
    ASSERT_TRUE(session->has_value());
    EXPECT_EQ((*session)->csrf_token, signed_in->session.csrf_token);
    EXPECT_EQ((*session)->person.role, Role::Lead);

    ASSERT_TRUE(accounts().sign_out(signed_in->token).has_value());
    EXPECT_FALSE(accounts().session(signed_in->token)->has_value());
    const auto entries = trail();
    EXPECT_EQ(entries[entries.size() - 2].new_value, "signed in");
    EXPECT_EQ(entries.back().new_value, "signed out");
    EXPECT_EQ(entries.back().actor, "lead.one");
}

TEST_F(Accounts, TheStoreKeepsOnlyAHashOfTheSessionSecret) {
    auto signed_in = accounts().sign_in("lead.one", kPassword);
    ASSERT_TRUE(signed_in.has_value());
    auto by_secret = m_store->find_session(signed_in->token);
    ASSERT_TRUE(by_secret.has_value());
    EXPECT_FALSE(by_secret->has_value());
}

TEST_F(Accounts, AWrongPasswordAndAnUnknownNameAreRefusedInTheSameWords) {
    auto wrong = accounts().sign_in("lead.one", "not the password");
    auto unknown = accounts().sign_in("nobody", kPassword);
    ASSERT_FALSE(wrong.has_value());
    ASSERT_FALSE(unknown.has_value());
    EXPECT_EQ(wrong.error().message, unknown.error().message);
    EXPECT_EQ(wrong.error().kind, unknown.error().kind);
    EXPECT_EQ(wrong.error().message, kSignInRefused);
}

TEST_F(Accounts, RepeatedFailuresLockTheNameEvenForTheRightPasswordUntilTheLockEnds) {
    for (int i = 0; i < 3; ++i)
        EXPECT_FALSE(accounts().sign_in("lead.one", "wrong guess!").has_value());
    auto locked = accounts().sign_in("lead.one", kPassword);
    ASSERT_FALSE(locked.has_value());
    EXPECT_EQ(locked.error().kind, ErrorKind::Forbidden);
    EXPECT_NE(locked.error().message.find("15 minutes"), std::string::npos)
        << locked.error().message;
    EXPECT_EQ(trail().back().field, "sign_in");

    m_clock.advance(16min);
    EXPECT_TRUE(accounts().sign_in("lead.one", kPassword).has_value());
}

TEST_F(Accounts, GuessesSentAtOnceTakeTurnsAndThoseAfterTheLockAreRefusedUnchecked) {
    constexpr int kGuesses = 20;
    std::latch start(kGuesses);
    std::vector<std::optional<Error>> refusals(kGuesses);
    std::vector<std::thread> threads;
    for (int i = 0; i < kGuesses; ++i) {
        threads.emplace_back([&, i] {
            start.arrive_and_wait();
            auto session = accounts().sign_in("lead.one", "guess number " + std::to_string(i));
            if (!session) refusals[static_cast<std::size_t>(i)] = session.error();
        });
    }
    for (auto& thread : threads) thread.join();
    int checked = 0;
    int locked = 0;
    for (const auto& refusal : refusals) {
        ASSERT_TRUE(refusal.has_value());
        if (refusal->kind == ErrorKind::InvalidInput) ++checked;
        if (refusal->kind == ErrorKind::Forbidden) ++locked;
    }
    // fast_settings() locks after 3 failures: only 3 guesses were ever checked.
    EXPECT_EQ(checked, 3);
    EXPECT_EQ(locked, kGuesses - 3);
    EXPECT_EQ(accounts().sign_in("lead.one", kPassword).error().kind, ErrorKind::Forbidden);
}

TEST_F(Accounts, AnAdministratorUnlocksALockedNameAndTheTrailSaysWho) {
    for (int i = 0; i < 3; ++i) EXPECT_FALSE(accounts().sign_in("lead.one", "wrong guess!"));
    auto user = accounts().user("lead.one");
    ASSERT_TRUE(user.has_value());
    ASSERT_TRUE(user->locked_until.has_value());
    EXPECT_EQ(*user->locked_until, m_clock.now() + 15min);
    ASSERT_TRUE(accounts().unlock("lead.one", "admin").has_value());
    EXPECT_FALSE(accounts().user("lead.one")->locked_until.has_value());
    EXPECT_TRUE(accounts().sign_in("lead.one", kPassword).has_value());
    const auto entries = trail();
    const auto unlocked = std::find_if(entries.begin(), entries.end(), [](const auto& entry) {
        return entry.field == "sign_in" && entry.new_value == "unlocked";
    });
    ASSERT_NE(unlocked, entries.end());
    EXPECT_EQ(unlocked->actor, "admin");
    EXPECT_EQ(unlocked->entity_id, "lead.one");
}

TEST_F(Accounts, ANewPasswordLiftsTheLock) {
    for (int i = 0; i < 3; ++i) EXPECT_FALSE(accounts().sign_in("lead.one", "wrong guess!"));
    ASSERT_TRUE(accounts().set_password("lead.one", "a new long password", "admin").has_value());
    EXPECT_TRUE(accounts().sign_in("lead.one", "a new long password").has_value());
}

TEST_F(Accounts, FailuresFromOneAddressAcrossNamesAreHeldBackWithoutLockingAnyone) {
    AccountSettings settings = fast_settings();
    settings.slow_step = 200ms;
    settings.slow_limit = 1s;
    AccountService service(*m_store, m_clock, settings);
    // One failure each for ten names (none held back by its own count), from one address.
    for (int i = 0; i < 10; ++i) {
        EXPECT_FALSE(service.sign_in("someone." + std::to_string(i), "wrong guess!", "10.0.0.9"));
    }
    const auto started = std::chrono::steady_clock::now();
    EXPECT_FALSE(service.sign_in("someone.else", "wrong guess!", "10.0.0.9"));
    EXPECT_GE(std::chrono::steady_clock::now() - started, 200ms);
    // Nobody was locked: the right password from that address still signs in.
    EXPECT_TRUE(service.sign_in("lead.one", kPassword, "10.0.0.9").has_value());
}

TEST_F(Accounts, AnUnknownNameIsLockedTheSameWaySoLockingRevealsNothing) {
    for (int i = 0; i < 3; ++i)
        EXPECT_FALSE(accounts().sign_in("ghost", "wrong guess!").has_value());
    auto locked = accounts().sign_in("ghost", "wrong guess!");
    ASSERT_FALSE(locked.has_value());
    EXPECT_EQ(locked.error().kind, ErrorKind::Forbidden);
}

TEST_F(Accounts, ASessionEndsWhenItExpires) {
    auto signed_in = accounts().sign_in("lead.one", kPassword);
    ASSERT_TRUE(signed_in.has_value());
    m_clock.advance(8h - 1s);
    EXPECT_TRUE(accounts().session(signed_in->token)->has_value());
    m_clock.advance(1s);
    EXPECT_FALSE(accounts().session(signed_in->token)->has_value());
}

TEST_F(Accounts, SigningInSweepsAwaySessionsThatHaveEnded) {
    ASSERT_TRUE(accounts().sign_in("lead.one", kPassword).has_value());
    ASSERT_TRUE(accounts().sign_in("lead.one", kPassword).has_value());
    m_clock.advance(9h);
    ASSERT_TRUE(accounts().sign_in("lead.one", kPassword).has_value());
    auto left = m_store->remove_expired_sessions(m_clock.now());
    ASSERT_TRUE(left.has_value());
    EXPECT_EQ(*left, 0);
}

TEST_F(Accounts, DisablingAUserEndsTheirSessionsAndRefusesTheirSignIn) {
    ASSERT_TRUE(accounts().add_user("boss", Role::Admin, "", kPassword, "setup").has_value());
    auto signed_in = accounts().sign_in("lead.one", kPassword);
    ASSERT_TRUE(signed_in.has_value());
    auto changed = accounts().change_user("lead.one", Role::Lead, "Service Manager, Safeguarding",
                                          true, "boss");
    ASSERT_TRUE(changed.has_value()) << changed.error().message;
    EXPECT_TRUE(changed->disabled);
    EXPECT_FALSE(accounts().session(signed_in->token)->has_value());
    auto refused = accounts().sign_in("lead.one", kPassword);
    ASSERT_FALSE(refused.has_value());
    EXPECT_EQ(refused.error().message, kSignInRefused);
    EXPECT_EQ(trail().back().field, "disabled");
    EXPECT_EQ(trail().back().actor, "boss");
}

TEST_F(Accounts, AnAdministratorCannotDisableOrDemoteThemselves) {
    ASSERT_TRUE(accounts().add_user("boss", Role::Admin, "", kPassword, "setup").has_value());
    auto disabled = accounts().change_user("boss", Role::Admin, "", true, "boss");
    ASSERT_FALSE(disabled.has_value());
    EXPECT_EQ(disabled.error().kind, ErrorKind::Conflict);
    auto demoted = accounts().change_user("boss", Role::Viewer, "", false, "boss");
    ASSERT_FALSE(demoted.has_value());
    EXPECT_EQ(accounts().user("boss")->role, Role::Admin);
}

TEST_F(Accounts, ANewPasswordWorksTheOldOneNoLongerDoesAndSessionsEnd) {
    auto signed_in = accounts().sign_in("lead.one", kPassword);
    ASSERT_TRUE(signed_in.has_value());
    ASSERT_TRUE(accounts().set_password("lead.one", "a brand new passphrase", "admin").has_value());
    EXPECT_FALSE(accounts().session(signed_in->token)->has_value());
    EXPECT_FALSE(accounts().sign_in("lead.one", kPassword).has_value());
    EXPECT_TRUE(accounts().sign_in("lead.one", "a brand new passphrase").has_value());
}

TEST_F(Accounts, AnApiTokenActsForItsUserAndOnlyItsHashIsKept) {
    auto token = accounts().create_token("lead.one", "admin");
    ASSERT_TRUE(token.has_value()) << token.error().message;
    EXPECT_EQ(token->secret.rfind("csip_", 0), 0u);
    auto person = accounts().authenticate_token(token->secret);
    ASSERT_TRUE(person.has_value());
    ASSERT_TRUE(person->has_value());
    EXPECT_EQ((*person)->name, "lead.one");
    EXPECT_EQ((*person)->role, Role::Lead);
    EXPECT_FALSE(m_store->find_api_token(token->secret)->has_value());
    EXPECT_FALSE(accounts().authenticate_token(token->secret + "x")->has_value());
    EXPECT_FALSE(accounts().create_token("nobody", "admin").has_value());
}

TEST_F(Accounts, TokensAreListedWithTheirLabelAndExpiryButNeverTheirSecret) {
    auto first = accounts().create_token("lead.one", "admin", {"Power BI refresh", 30});
    ASSERT_TRUE(first.has_value()) << first.error().message;
    ASSERT_TRUE(accounts().add_user("robot", Role::Viewer, "", kPassword, "admin").has_value());
    ASSERT_TRUE(accounts().create_token("robot", "admin").has_value());
    auto all = accounts().tokens();
    ASSERT_TRUE(all.has_value());
    ASSERT_EQ(all->size(), 2u);
    const auto& listed = all->front();
    EXPECT_EQ(listed.user, "lead.one");
    EXPECT_EQ(listed.label, "Power BI refresh");
    EXPECT_EQ(listed.id.size(), storage::kTokenIdLength);
    EXPECT_EQ(listed.id, first->token.id);
    EXPECT_EQ(first->secret.find(listed.id), std::string::npos);
    EXPECT_EQ(listed.expires_at, m_clock.now() + std::chrono::days(30));
    EXPECT_FALSE(listed.expired);
    EXPECT_EQ(accounts().tokens("Robot")->size(), 1u);
    // The trail says a token was made and until when, by its id.
    EXPECT_EQ(trail().back().field, "api_token");
    EXPECT_EQ(trail()[trail().size() - 3].new_value,
              "created " + listed.id + " until 2015-10-15T09:00:00Z: Power BI refresh");
}

TEST_F(Accounts, ATokenLastsFromADayToAYearAndIsRefusedOnceItHasExpired) {
    EXPECT_EQ(accounts().create_token("lead.one", "admin", {"", 0}).error().field, "days");
    EXPECT_EQ(accounts().create_token("lead.one", "admin", {"", 366}).error().field, "days");
    EXPECT_EQ(accounts().create_token("lead.one", "admin", {"x\x1B[2J", 5}).error().field,
              "label");
    EXPECT_EQ(accounts().create_token("lead.one", "admin", {std::string(101, 'a'), 5}).error().field,
              "label");
    auto token = accounts().create_token("lead.one", "admin", {"nightly export", 90});
    ASSERT_TRUE(token.has_value()) << token.error().message;
    ASSERT_TRUE(accounts().authenticate_token(token->secret)->has_value());

    // The last second of its 90 days, and the first after them, seen by another server.
    domain::FixedClock last_second{m_clock.now() + std::chrono::days(90) - 1s};
    AccountService before(*m_store, last_second, fast_settings());
    EXPECT_TRUE(before.authenticate_token(token->secret)->has_value());
    domain::FixedClock ended{m_clock.now() + std::chrono::days(90)};
    AccountService after(*m_store, ended, fast_settings());
    EXPECT_FALSE(after.authenticate_token(token->secret)->has_value());
    EXPECT_TRUE(after.tokens()->front().expired);
}

TEST_F(Accounts, ARevokedTokenIsRefusedAtOnceAndTheTrailSaysWho) {
    auto token = accounts().create_token("lead.one", "admin", {"spreadsheet", 30});
    ASSERT_TRUE(token.has_value());
    ASSERT_TRUE(accounts().authenticate_token(token->secret)->has_value());  // now cached
    auto revoked = accounts().revoke_token(token->token.id, "boss");
    ASSERT_TRUE(revoked.has_value()) << revoked.error().message;
    EXPECT_EQ(revoked->user, "lead.one");
    EXPECT_FALSE(accounts().authenticate_token(token->secret)->has_value());
    EXPECT_TRUE(accounts().tokens()->empty());
    EXPECT_EQ(trail().back().actor, "boss");
    EXPECT_EQ(trail().back().entity_id, "lead.one");
    EXPECT_EQ(trail().back().new_value, "revoked " + token->token.id);
    auto again = accounts().revoke_token(token->token.id, "boss");
    ASSERT_FALSE(again.has_value());
    EXPECT_EQ(again.error().kind, ErrorKind::NotFound);
    EXPECT_EQ(accounts().revoke_token("abc", "boss").error().kind, ErrorKind::NotFound);
}

TEST_F(Accounts, DisablingAUserOrGivingThemANewPasswordEndsTheirTokens) {
    ASSERT_TRUE(accounts().add_user("boss", Role::Admin, "", kPassword, "setup").has_value());
    auto token = accounts().create_token("lead.one", "boss");
    ASSERT_TRUE(token.has_value());
    ASSERT_TRUE(accounts().authenticate_token(token->secret)->has_value());
    ASSERT_TRUE(accounts()
                    .change_user("lead.one", Role::Lead, "Service Manager, Safeguarding", true, "boss")
                    .has_value());
    EXPECT_FALSE(accounts().authenticate_token(token->secret)->has_value());
    EXPECT_EQ(accounts().create_token("lead.one", "boss").error().kind, ErrorKind::Conflict);
    // Enabled again, the old token stays ended.
    ASSERT_TRUE(accounts()
                    .change_user("lead.one", Role::Lead, "Service Manager, Safeguarding", false, "boss")
                    .has_value());
    EXPECT_FALSE(accounts().authenticate_token(token->secret)->has_value());
    EXPECT_TRUE(accounts().tokens("lead.one")->empty());

    auto second = accounts().create_token("lead.one", "boss");
    ASSERT_TRUE(second.has_value());
    ASSERT_TRUE(accounts().set_password("lead.one", "a brand new passphrase", "boss").has_value());
    EXPECT_FALSE(accounts().authenticate_token(second->secret)->has_value());
    EXPECT_TRUE(accounts().tokens("lead.one")->empty());
}

TEST_F(Accounts, SecretsAreComparedWhole) {
    EXPECT_TRUE(AccountService::same_secret("abc", "abc"));
    EXPECT_FALSE(AccountService::same_secret("abc", "abd"));
    EXPECT_FALSE(AccountService::same_secret("abc", "abcd"));
    EXPECT_FALSE(AccountService::same_secret("", ""));
    EXPECT_NE(AccountService::random_secret(), AccountService::random_secret());
}

// Each password check at the interactive level takes 64 MiB: many sign-ins at once must not take
// the server's memory. With one check at a time and no wait, sign-ins at the same moment are
// told the server is busy, and nothing is counted against the name; given a wait, each has its
// turn.
TEST_F(Accounts, SignInsAtOnceTakeTurnsToCheckTheirPasswords) {
    const auto sign_in_together = [&](std::chrono::milliseconds wait) {
        AccountSettings settings = fast_settings();
        settings.hashing = PasswordHashing::Interactive;
        settings.concurrent_password_hashes = 1;
        settings.password_hash_wait = wait;
        AccountService service(*m_store, m_clock, settings);
        // Passwords hashed at the interactive level: checking one costs as much again. Each
        // person has a name of their own, since sign-ins of one name take turns anyway.
        constexpr int kPeople = 6;
        for (int i = 0; i < kPeople; ++i) {
            const std::string name = "interactive." + std::to_string(i);
            if (!service.user(name)) {
                EXPECT_TRUE(service.add_user(name, Role::Viewer, "", kPassword, "admin"));
            }
        }
        std::latch start(kPeople);
        std::vector<std::optional<Error>> refusals(kPeople);
        std::vector<std::thread> threads;
        for (int i = 0; i < kPeople; ++i) {
            threads.emplace_back([&, i] {
                start.arrive_and_wait();
                auto session = service.sign_in("interactive." + std::to_string(i), kPassword);
                if (!session) refusals[static_cast<std::size_t>(i)] = session.error();
            });
        }
        for (auto& thread : threads) thread.join();
        return refusals;
    };

    int busy = 0;
    for (const auto& refusal : sign_in_together(0ms)) {
        if (!refusal) continue;
        EXPECT_EQ(refusal->kind, ErrorKind::Unavailable);
        EXPECT_EQ(refusal->message, kPasswordHashingBusy);
        ++busy;
    }
    EXPECT_GT(busy, 0) << "every sign-in checked its password at the same time";
    // Told to wait, nobody was refused for a wrong password, and nothing is locked.
    EXPECT_TRUE(accounts().sign_in("interactive.0", kPassword).has_value());
    for (const auto& refusal : sign_in_together(30s)) {
        EXPECT_FALSE(refusal.has_value()) << refusal->message;
    }
}

}  // namespace
}  // namespace csip::app
