// csip's schema as one ordered list of migrations, written once for both backends. Each
// migration's SQL names the types that differ by a token that render() replaces with the
// backend's own (schema.cpp lists them); what cannot be shared at all (SQLite's triggers,
// PostgreSQL's trigger functions) is a part of its own for each backend. On open, migrate() applies
// each version not yet recorded in schema_migrations, each in its own transaction, and records it
// there. A migration, once released, is never changed in effect: a schema change is a new
// version at the end.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "domain/result.hpp"
#include "storage/sql/database.hpp"

namespace csip::storage::sql {

struct Migration {
    int version;
    std::string_view description;
    std::string_view shared;    // with type tokens, for both backends
    std::string_view sqlite;    // SQLite only, as it is
    std::string_view postgres;  // PostgreSQL only, as it is
};

// Every migration, in the order applied (versions 1, 2, 3, ...).
[[nodiscard]] std::span<const Migration> migrations();

// The SQL `migration` runs on `backend`: its shared part with the tokens replaced, then the
// backend's own part.
[[nodiscard]] std::string render(const Migration& migration, Backend backend);

// Applies each migration not yet applied. Unavailable when the database's schema is newer than
// this csip knows.
[[nodiscard]] Result<void> migrate(Connection& db);

}  // namespace csip::storage::sql
