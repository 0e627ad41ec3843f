// SqliteStore: the embedded PlanStore, kept in one SQLite file in WAL mode with foreign keys
// on. Writes take the database's write lock at BEGIN IMMEDIATE, and a 10 s busy timeout makes
// concurrent writers (threads, or other csip processes on the same file) wait their turn rather
// than fail. One store object may be shared by several threads: it holds one connection and a
// mutex that serialises its use. The schema is brought up to date on open (migrations.hpp).
#pragma once

#include <memory>
#include <string>

#include "storage/plan_store.hpp"

namespace csip::storage::sqlite {

class SqliteDatabase;

class SqliteStore final : public PlanStore {
public:
    // Use open_sqlite_store, which opens and migrates the database first.
    explicit SqliteStore(std::unique_ptr<SqliteDatabase> database);
    ~SqliteStore() override;
    SqliteStore(const SqliteStore&) = delete;
    SqliteStore& operator=(const SqliteStore&) = delete;

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
    std::unique_ptr<SqliteDatabase> m_database;
};

// Opens the csip database at `path`, creating the file if it does not exist, and applies any
// migration it lacks. Unavailable, naming the path, if it cannot be opened or is not a csip
// SQLite database.
[[nodiscard]] Result<std::unique_ptr<PlanStore>> open_sqlite_store(const std::string& path);

}  // namespace csip::storage::sqlite
