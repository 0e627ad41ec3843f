// PostgresReportStore: the ReportStore on the same PostgreSQL database as the plan. Published
// files are bytea; a trigger function keeps publications frozen for anyone who connects. One
// store object may be shared by threads (a mutex serialises its connection). The schema is
// migration 6 (migrations.cpp), applied on open.
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "storage/report_store.hpp"

namespace csip::storage::postgres {

class ReportConnection;

class PostgresReportStore final : public ReportStore {
public:
    // Use open_postgres_report_store, which connects and migrates first. `url` is shown in
    // messages, without its password.
    PostgresReportStore(std::unique_ptr<ReportConnection> connection, std::string url);
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
    template <typename Body>
    auto guarded(std::string_view doing, Body&& body) -> decltype(body());

    std::mutex m_mutex;
    std::unique_ptr<ReportConnection> m_connection;
    std::string m_url;
};

// Connects to the database `url` names and applies any migration it lacks. Unavailable, naming
// the URL without its password, if the server cannot be reached or the database used.
[[nodiscard]] Result<std::unique_ptr<ReportStore>> open_postgres_report_store(
    const std::string& url);

}  // namespace csip::storage::postgres
