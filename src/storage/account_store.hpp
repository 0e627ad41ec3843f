// AccountStore: the people who may sign in to csip and what proves who they are, in domain
// terms: users (name, role, officer title, password hash, disabled), sessions and API tokens,
// both kept only as a hash of the secret, and the failed sign-ins that slow and lock an account.
// Secrets never reach the store: app/accounts.hpp hashes them first. Two implementations, on
// the same database as the PlanStore (storage/sqlite, storage/postgres); one contract suite
// (tests/storage/account_store_contract_test.cpp) holds both to this contract:
//  - every write is one transaction, together with the audit entries it is given;
//  - user names are unique and compared exactly (the app layer folds case before it asks);
//  - find_* return nothing for what does not exist, never an error.
// Failures to reach or use the database are reported as ErrorKind::Unavailable.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "domain/audit.hpp"
#include "domain/result.hpp"
#include "domain/rights.hpp"

namespace csip::storage {

using Seconds = std::chrono::sys_seconds;

struct UserRecord {
    std::string name;
    domain::Role role = domain::Role::Viewer;
    std::string officer;        // the officer title actions name as `lead`; empty when none
    std::string password_hash;  // libsodium's argon2id string, with its own parameters and salt
    bool disabled = false;
    Seconds created_at{};
};

struct SessionRecord {
    std::string token_hash;  // hash of the cookie's secret
    std::string user;
    std::string csrf_token;  // the form and X-CSRF-Token secret of this session
    Seconds created_at{};
    Seconds expires_at{};
};

struct ApiTokenRecord {
    std::string token_hash;  // hash of the bearer token
    std::string user;
    Seconds created_at{};
    std::string label;  // what it is for, e.g. "Power BI refresh"; may be empty
    Seconds expires_at{};  // it is refused from this moment
};

// The first characters of a token's hash name it in lists, in the audit trail and to revoke it:
// they say which token is meant without giving anything away about the secret.
inline constexpr std::size_t kTokenIdLength = 12;

// Failed sign-ins for a user name as typed (known or not, so that locking says nothing about
// which names exist), since the last successful one.
struct SignInFailures {
    int count = 0;
    std::optional<Seconds> last_failed_at;
    std::optional<Seconds> locked_until;
};

class AccountStore {
public:
    virtual ~AccountStore() = default;

    // Conflict, field "name", when a user of that name exists.
    [[nodiscard]] virtual Result<void> add_user(const UserRecord& user,
                                                const std::vector<domain::AuditEntry>& audit) = 0;
    // Replaces role, officer, password hash and disabled of the user `user.name`; NotFound if
    // there is none. With `end_credentials` (the user is disabled, or has a new password), every
    // session and API token of theirs ends in the same transaction.
    [[nodiscard]] virtual Result<void> update_user(const UserRecord& user,
                                                   const std::vector<domain::AuditEntry>& audit,
                                                   bool end_credentials) = 0;
    [[nodiscard]] virtual Result<std::optional<UserRecord>> find_user(const std::string& name) = 0;
    // Every user, by name.
    [[nodiscard]] virtual Result<std::vector<UserRecord>> users() = 0;

    [[nodiscard]] virtual Result<void> add_session(const SessionRecord& session,
                                                   const std::vector<domain::AuditEntry>& audit) = 0;
    [[nodiscard]] virtual Result<std::optional<SessionRecord>> find_session(
        const std::string& token_hash) = 0;
    // Ends a session (nothing happens if there is none) and appends `audit`.
    [[nodiscard]] virtual Result<void> remove_session(const std::string& token_hash,
                                                      const std::vector<domain::AuditEntry>& audit) = 0;
    // Removes every session that expired at or before `now`; how many went.
    [[nodiscard]] virtual Result<int> remove_expired_sessions(Seconds now) = 0;

    [[nodiscard]] virtual Result<void> add_api_token(const ApiTokenRecord& token,
                                                     const std::vector<domain::AuditEntry>& audit) = 0;
    [[nodiscard]] virtual Result<std::optional<ApiTokenRecord>> find_api_token(
        const std::string& token_hash) = 0;
    // Every API token, expired or not, by user and then oldest first.
    [[nodiscard]] virtual Result<std::vector<ApiTokenRecord>> api_tokens() = 0;
    // Ends the token whose hash begins with `id` (kTokenIdLength characters) and appends `audit`;
    // the token it ended, or nothing (and no audit) when there is none.
    [[nodiscard]] virtual Result<std::optional<ApiTokenRecord>> remove_api_token(
        const std::string& id, const std::vector<domain::AuditEntry>& audit) = 0;

    [[nodiscard]] virtual Result<SignInFailures> sign_in_failures(const std::string& name) = 0;
    // Counts one more failure of `name` at `at`, in one transaction, and returns the new state.
    [[nodiscard]] virtual Result<SignInFailures> record_failed_sign_in(const std::string& name,
                                                                       Seconds at) = 0;
    // Refuses sign-ins of `name` until `until`, and appends `audit`.
    [[nodiscard]] virtual Result<void> lock_sign_in(const std::string& name, Seconds until,
                                                    const std::vector<domain::AuditEntry>& audit) = 0;
    // Forgets the failures of `name` (after a successful sign-in).
    [[nodiscard]] virtual Result<void> clear_failed_sign_ins(const std::string& name) = 0;
};

}  // namespace csip::storage
