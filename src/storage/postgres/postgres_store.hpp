// PostgreSQL 15 (docs/decisions/postgresql.md): a sql::Connector for the stores of storage/sql,
// on the server a libpq URL (postgresql://user@host/db?...) names. Messages show the URL with
// any password replaced by ***.
#pragma once

#include <string>

#include "storage/sql/store_support.hpp"

namespace csip::storage::postgres {

[[nodiscard]] sql::Connector connector(const std::string& url);

}  // namespace csip::storage::postgres
