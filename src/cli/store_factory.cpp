#include "cli/store_factory.hpp"

#include "storage/postgres/postgres_store.hpp"
#include "storage/sql/stores.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace csip::cli {

bool is_postgres_url(const std::string& db) {
    return db.rfind("postgresql://", 0) == 0 || db.rfind("postgres://", 0) == 0;
}

namespace {

storage::sql::Connector connector(const std::string& db) {
    return is_postgres_url(db) ? storage::postgres::connector(db) : storage::sqlite::connector(db);
}

}  // namespace

Result<std::unique_ptr<storage::PlanStore>> open_store(const std::string& db) {
    return storage::sql::open_plan_store(connector(db));
}

Result<std::unique_ptr<storage::CaseStore>> open_case_store(const std::string& db) {
    return storage::sql::open_case_store(connector(db));
}

Result<std::unique_ptr<storage::AccountStore>> open_account_store(const std::string& db) {
    return storage::sql::open_account_store(connector(db));
}

Result<std::unique_ptr<storage::ReportStore>> open_report_store(const std::string& db) {
    return storage::sql::open_report_store(connector(db));
}

}  // namespace csip::cli
