// Opens the store a `--db` value names: a `postgresql://` (or `postgres://`) URL selects the
// PostgreSQL backend, anything else is the path of a SQLite file (created if absent).
#pragma once

#include <memory>
#include <string>

#include "domain/result.hpp"
#include "storage/account_store.hpp"
#include "storage/case_store.hpp"
#include "storage/plan_store.hpp"
#include "storage/report_store.hpp"

namespace csip::cli {

[[nodiscard]] bool is_postgres_url(const std::string& db);
[[nodiscard]] Result<std::unique_ptr<storage::PlanStore>> open_store(const std::string& db);
// The report store on the same database (meetings, profiles, publications, reminders sent).
[[nodiscard]] Result<std::unique_ptr<storage::ReportStore>> open_report_store(const std::string& db);
// The case data store (storage/case_store.hpp) on the database `db` names.
[[nodiscard]] Result<std::unique_ptr<storage::CaseStore>> open_case_store(const std::string& db);

// The accounts store (storage/account_store.hpp) on the database `db` names.
[[nodiscard]] Result<std::unique_ptr<storage::AccountStore>> open_account_store(const std::string& db);

}  // namespace csip::cli
