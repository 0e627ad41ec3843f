#include "cli/store_factory.hpp"

#include "storage/postgres/postgres_account_store.hpp"
#include "storage/postgres/postgres_case_store.hpp"
#include "storage/postgres/postgres_report_store.hpp"
#include "storage/postgres/postgres_store.hpp"
#include "storage/sqlite/sqlite_account_store.hpp"
#include "storage/sqlite/sqlite_case_store.hpp"
#include "storage/sqlite/sqlite_report_store.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace csip::cli {

bool is_postgres_url(const std::string& db) {
    return db.rfind("postgresql://", 0) == 0 || db.rfind("postgres://", 0) == 0;
}

Result<std::unique_ptr<storage::PlanStore>> open_store(const std::string& db) {
    if (is_postgres_url(db)) return storage::postgres::open_postgres_store(db);
    return storage::sqlite::open_sqlite_store(db);
}

Result<std::unique_ptr<storage::CaseStore>> open_case_store(const std::string& db) {
    if (is_postgres_url(db)) return storage::postgres::open_postgres_case_store(db);
    return storage::sqlite::open_sqlite_case_store(db);
}

Result<std::unique_ptr<storage::AccountStore>> open_account_store(const std::string& db) {
    if (is_postgres_url(db)) return storage::postgres::open_postgres_account_store(db);
    return storage::sqlite::open_sqlite_account_store(db);
}

}  // namespace csip::cli

namespace csip::cli {

Result<std::unique_ptr<storage::ReportStore>> open_report_store(const std::string& db) {
    if (is_postgres_url(db)) return storage::postgres::open_postgres_report_store(db);
    return storage::sqlite::open_sqlite_report_store(db);
}

}  // namespace csip::cli
