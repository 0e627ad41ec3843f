// SqliteCaseStore: the CaseStore in the same SQLite file as the plan (WAL, foreign keys on, a
// 10 s busy timeout), so one `--db` holds everything. Returns are written with prepared
// statements reused for every row, all in one write transaction: a national file's millions of
// rows are one commit. One store object may be shared by threads (a mutex serialises its
// connection). The schema is migration 4 (migrations.cpp), applied on open.
#pragma once

#include <memory>
#include <string>

#include "storage/case_store.hpp"

namespace csip::storage::sqlite {

class SqliteDatabase;

class SqliteCaseStore final : public CaseStore {
  public:
    // Use open_sqlite_case_store, which opens and migrates the database first.
    explicit SqliteCaseStore(std::unique_ptr<SqliteDatabase> database);
    ~SqliteCaseStore() override;
    SqliteCaseStore(const SqliteCaseStore&) = delete;
    SqliteCaseStore& operator=(const SqliteCaseStore&) = delete;

    [[nodiscard]] Result<void> replace_returns(const std::vector<ReturnRecords>& returns) override;
    [[nodiscard]] Result<domain::CaseData> load_case_data() override;
    [[nodiscard]] Result<std::vector<ImportedReturn>> imported_returns() override;
    [[nodiscard]] Result<void> add_manual_value(const ManualValue& value) override;
    [[nodiscard]] Result<std::vector<ManualValue>> manual_values() override;
    [[nodiscard]] Result<std::map<std::string, IndicatorSetting>> settings() override;
    [[nodiscard]] Result<void> save_setting(const IndicatorSetting& setting) override;

  private:
    std::unique_ptr<SqliteDatabase> m_database;
};

// Opens the csip database at `path` (created if absent, migrated to the newest schema).
// Unavailable, naming the path, if it cannot be opened or is not a csip SQLite database.
[[nodiscard]] Result<std::unique_ptr<CaseStore>> open_sqlite_case_store(const std::string& path);

}  // namespace csip::storage::sqlite
