// PostgresCaseStore: the CaseStore on the PostgreSQL database that holds the plan. Returns are
// written with COPY (one stream per table) inside one transaction, so a national file's millions
// of rows are sent as a stream and committed once; reads run in one REPEATABLE READ, read-only
// transaction, so an import committed meanwhile is never seen half. One store object may be
// shared by threads (a mutex serialises its connection). The schema is migration 4.
#pragma once

#include <memory>
#include <string>

#include "storage/case_store.hpp"

namespace csip::storage::postgres {

class PostgresDatabase;

class PostgresCaseStore final : public CaseStore {
  public:
    // Use open_postgres_case_store, which connects and migrates first.
    explicit PostgresCaseStore(std::unique_ptr<PostgresDatabase> database);
    ~PostgresCaseStore() override;
    PostgresCaseStore(const PostgresCaseStore&) = delete;
    PostgresCaseStore& operator=(const PostgresCaseStore&) = delete;

    [[nodiscard]] Result<void> replace_returns(const std::vector<ReturnRecords>& returns) override;
    [[nodiscard]] Result<domain::CaseData> load_case_data() override;
    [[nodiscard]] Result<std::vector<ImportedReturn>> imported_returns() override;
    [[nodiscard]] Result<void> add_manual_value(const ManualValue& value) override;
    [[nodiscard]] Result<std::vector<ManualValue>> manual_values() override;
    [[nodiscard]] Result<std::map<std::string, IndicatorSetting>> settings() override;
    [[nodiscard]] Result<void> save_setting(const IndicatorSetting& setting) override;

  private:
    std::unique_ptr<PostgresDatabase> m_database;
};

// Connects to the database `url` names and applies any migration it lacks (as
// open_postgres_store). Unavailable, naming the database without its password, on failure.
[[nodiscard]] Result<std::unique_ptr<CaseStore>> open_postgres_case_store(const std::string& url);

}  // namespace csip::storage::postgres
