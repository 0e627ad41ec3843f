// The one implementation of each store interface, on a sql::Connection: what storage/sqlite
// and storage/postgres hand out. Each opens its own connection through `connector`, applies any
// migration the database lacks, and keeps the connection for the store's life, with a mutex
// that serialises its use by several threads.
#pragma once

#include <memory>

#include "storage/account_store.hpp"
#include "storage/case_store.hpp"
#include "storage/plan_store.hpp"
#include "storage/report_store.hpp"
#include "storage/sql/store_support.hpp"

namespace csip::storage::sql {

[[nodiscard]] Result<std::unique_ptr<PlanStore>> open_plan_store(const Connector& connector);
[[nodiscard]] Result<std::unique_ptr<CaseStore>> open_case_store(const Connector& connector);
[[nodiscard]] Result<std::unique_ptr<AccountStore>> open_account_store(const Connector& connector);
[[nodiscard]] Result<std::unique_ptr<ReportStore>> open_report_store(const Connector& connector);

}  // namespace csip::storage::sql
