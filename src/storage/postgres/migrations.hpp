// The PostgreSQL schema as an ordered list of migrations. On open, connect_and_migrate applies each
// version not yet recorded in schema_migrations, each in its own transaction under an advisory
// lock (so two servers starting at once apply it once), and records it there. A migration, once
// released, is never edited: a schema change is a new version at the end.
#pragma once

#include <span>
#include <string_view>

namespace csip::storage::postgres {

struct Migration {
    int version;
    std::string_view description;
    std::string_view sql;
};

// Every migration, in the order applied (versions 1, 2, 3, ...).
[[nodiscard]] std::span<const Migration> migrations();

}  // namespace csip::storage::postgres
