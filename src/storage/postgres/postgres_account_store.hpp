// PostgresAccountStore: the AccountStore on the same PostgreSQL database as the plan, so that
// every csip server behind a load balancer sees the same users, sessions and tokens, and an
// account change is written in one transaction with its audit entries. One store object may be
// shared by threads: a mutex serialises its one connection. The schema is migration 5
// (migrations.cpp), applied on open.
#pragma once

#include <memory>
#include <string>

#include "storage/account_store.hpp"

namespace csip::storage::postgres {

class PostgresDatabase;

class PostgresAccountStore final : public AccountStore {
public:
    // Use open_postgres_account_store, which connects and migrates first.
    explicit PostgresAccountStore(std::unique_ptr<PostgresDatabase> database);
    ~PostgresAccountStore() override;
    PostgresAccountStore(const PostgresAccountStore&) = delete;
    PostgresAccountStore& operator=(const PostgresAccountStore&) = delete;

    [[nodiscard]] Result<void> add_user(const UserRecord& user,
                                        const std::vector<domain::AuditEntry>& audit) override;
    [[nodiscard]] Result<void> update_user(const UserRecord& user,
                                           const std::vector<domain::AuditEntry>& audit) override;
    [[nodiscard]] Result<std::optional<UserRecord>> find_user(const std::string& name) override;
    [[nodiscard]] Result<std::vector<UserRecord>> users() override;

    [[nodiscard]] Result<void> add_session(const SessionRecord& session,
                                           const std::vector<domain::AuditEntry>& audit) override;
    [[nodiscard]] Result<std::optional<SessionRecord>> find_session(
        const std::string& token_hash) override;
    [[nodiscard]] Result<void> remove_session(const std::string& token_hash,
                                              const std::vector<domain::AuditEntry>& audit) override;
    [[nodiscard]] Result<int> remove_expired_sessions(Seconds now) override;
    [[nodiscard]] Result<void> remove_sessions_of(const std::string& user) override;

    [[nodiscard]] Result<void> add_api_token(const ApiTokenRecord& token,
                                             const std::vector<domain::AuditEntry>& audit) override;
    [[nodiscard]] Result<std::optional<ApiTokenRecord>> find_api_token(
        const std::string& token_hash) override;

    [[nodiscard]] Result<SignInFailures> sign_in_failures(const std::string& name) override;
    [[nodiscard]] Result<SignInFailures> record_failed_sign_in(const std::string& name,
                                                               Seconds at) override;
    [[nodiscard]] Result<void> lock_sign_in(const std::string& name, Seconds until,
                                            const std::vector<domain::AuditEntry>& audit) override;
    [[nodiscard]] Result<void> clear_failed_sign_ins(const std::string& name) override;

private:
    std::unique_ptr<PostgresDatabase> m_database;
};

// Connects to the database `url` names (as open_postgres_store) and applies any migration it
// lacks. Unavailable, naming the URL without its password, if it cannot be reached or used.
[[nodiscard]] Result<std::unique_ptr<AccountStore>> open_postgres_account_store(
    const std::string& url);

}  // namespace csip::storage::postgres
