// SqliteReportStore: the ReportStore in the same SQLite file as the plan (WAL, foreign keys on,
// a 10 s busy timeout), so one `--db` holds the plan and what each body was told. Published
// files are BLOBs; triggers keep publications frozen. One store object may be shared by
// threads (a mutex serialises its connection). The schema is migration 6 (migrations.cpp).
#pragma once

#include <memory>
#include <string>

#include "storage/report_store.hpp"

namespace csip::storage::sqlite {

class SqliteDatabase;

class SqliteReportStore final : public ReportStore {
public:
    // Use open_sqlite_report_store, which opens and migrates the database first.
    explicit SqliteReportStore(std::unique_ptr<SqliteDatabase> database);
    ~SqliteReportStore() override;
    SqliteReportStore(const SqliteReportStore&) = delete;
    SqliteReportStore& operator=(const SqliteReportStore&) = delete;

    [[nodiscard]] Result<std::vector<Meeting>> meetings(const std::string& body_id) override;
    [[nodiscard]] Result<void> add_meeting(const Meeting& meeting,
                                           const std::vector<domain::AuditEntry>& audit) override;
    [[nodiscard]] Result<std::optional<ReportProfile>> report_profile(
        const std::string& body_id) override;
    [[nodiscard]] Result<void> save_report_profile(
        const ReportProfile& profile, const std::vector<domain::AuditEntry>& audit) override;
    [[nodiscard]] Result<ReportSettings> settings() override;
    [[nodiscard]] Result<void> set_setting(const std::string& key, const std::string& value,
                                           const std::vector<domain::AuditEntry>& audit) override;
    [[nodiscard]] Result<std::int64_t> publish(
        const Publication& publication, const std::vector<domain::AuditEntry>& audit) override;
    [[nodiscard]] Result<std::vector<Publication>> publications(const std::string& body_id) override;
    [[nodiscard]] Result<Publication> publication(std::int64_t id) override;
    [[nodiscard]] Result<bool> claim_reminder(const std::string& lead, domain::Date day,
                                              const std::string& at) override;
    [[nodiscard]] Result<void> release_reminder(const std::string& lead, domain::Date day) override;

private:
    std::unique_ptr<SqliteDatabase> m_database;
};

// Opens the csip database at `path` (created if absent, migrated to the newest schema).
// Unavailable, naming the path, if it cannot be opened or is not a csip SQLite database.
[[nodiscard]] Result<std::unique_ptr<ReportStore>> open_sqlite_report_store(const std::string& path);

}  // namespace csip::storage::sqlite
