// The embedded database, one SQLite file (docs/decisions/sqlite.md): a sql::Connector for the
// stores of storage/sql (sql::open_plan_store(sqlite::connector(path)) and so on). The file is
// created if absent and opened in WAL mode with foreign keys on and a 10 s busy timeout, so
// that writers (threads, or other csip processes on the same file) wait their turn.
#pragma once

#include <string>

#include "storage/sql/store_support.hpp"

namespace csip::storage::sqlite {

[[nodiscard]] sql::Connector connector(const std::string& path);

}  // namespace csip::storage::sqlite
