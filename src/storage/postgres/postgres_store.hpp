// PostgresStore: the multi-user PlanStore on a PostgreSQL 15 server, for councils that outgrow
// one machine. edit_action locks the action's row (SELECT ... FOR UPDATE) for its transaction,
// so edits of one action from any number of servers are applied one after another; replacing
// the plan locks the actions table against edits until it commits. One store object may be
// shared by several threads: it holds one connection and a mutex that serialises its use. The
// schema is brought up to date on open (migrations.hpp).
#pragma once

#include <memory>
#include <string>

#include "storage/plan_store.hpp"

namespace csip::storage::postgres {

class PostgresDatabase;

class PostgresStore final : public PlanStore {
public:
    // Use open_postgres_store, which connects and migrates first.
    explicit PostgresStore(std::unique_ptr<PostgresDatabase> database);
    ~PostgresStore() override;
    PostgresStore(const PostgresStore&) = delete;
    PostgresStore& operator=(const PostgresStore&) = delete;

    [[nodiscard]] Result<std::optional<domain::Plan>> load_plan() override;
    [[nodiscard]] Result<void> replace_plan(const domain::Plan& plan,
                                            const std::vector<domain::AuditEntry>& audit) override;
    [[nodiscard]] Result<domain::Action> edit_action(std::string_view id,
                                                     const ActionEdit& edit) override;
    [[nodiscard]] Result<std::vector<domain::AuditEntry>> audit_trail(
        const AuditQuery& query) override;
    [[nodiscard]] Result<std::vector<domain::GovernanceBody>> governance_bodies() override;
    [[nodiscard]] Result<void> save_governance_body(
        const domain::GovernanceBody& body, const std::vector<domain::AuditEntry>& audit) override;

private:
    std::unique_ptr<PostgresDatabase> m_database;
};

// Connects to the database `url` names (a libpq connection URI such as
// `postgresql://user@host:5432/csip` or `postgresql:///csip?host=/run/postgresql`) and applies
// any migration it lacks. Unavailable, naming the URL without its password, if the server cannot
// be reached or the database used.
[[nodiscard]] Result<std::unique_ptr<PlanStore>> open_postgres_store(const std::string& url);

}  // namespace csip::storage::postgres
