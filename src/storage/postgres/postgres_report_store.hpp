// PostgresReportStore: the ReportStore on the same PostgreSQL database as the plan. Published
// files are bytea; a trigger function keeps publications frozen for anyone who connects. One
// store object may be shared by threads (a mutex serialises its connection). The schema is
// migration 6 (migrations.cpp), applied on open.
#pragma once

#include <memory>
#include <string>

#include "storage/report_store.hpp"

namespace csip::storage::postgres {

class PostgresDatabase;

class PostgresReportStore final : public ReportStore {
public:
    // Use open_postgres_report_store, which connects and migrates first.
    explicit PostgresReportStore(std::unique_ptr<PostgresDatabase> database);
    ~PostgresReportStore() override;
    PostgresReportStore(const PostgresReportStore&) = delete;
    PostgresReportStore& operator=(const PostgresReportStore&) = delete;

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
    std::unique_ptr<PostgresDatabase> m_database;
};

// Connects to the database `url` names and applies any migration it lacks. Unavailable, naming
// the URL without its password, if the server cannot be reached or the database used.
[[nodiscard]] Result<std::unique_ptr<ReportStore>> open_postgres_report_store(
    const std::string& url);

}  // namespace csip::storage::postgres
