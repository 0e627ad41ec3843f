// TestDatabase: a fresh, empty database of one backend for one test, removed when the test
// ends: a file in a temporary folder for SQLite, a new database on the server named by
// CSIP_TEST_POSTGRES_URL for PostgreSQL. Besides opening stores on it, it gives raw access
// through the backend's own library, for what a store's interface must not allow (changing the
// audit trail) and for looking at the schema.
#pragma once

#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "storage/plan_store.hpp"

namespace csip::storage::harness {

enum class Backend { Sqlite, Postgres };

[[nodiscard]] std::string backend_name(Backend backend);
// For GoogleTest's messages: "Sqlite" rather than the enum's bytes.
inline void PrintTo(Backend backend, std::ostream* out) { *out << backend_name(backend); }

class TestDatabase {
public:
    virtual ~TestDatabase() = default;

    // A new store object on this database, with its own connection.
    [[nodiscard]] virtual Result<std::unique_ptr<PlanStore>> open_store() = 0;
    // Runs `sql` in its own transaction through the backend's library: nothing when it
    // succeeds, otherwise the database's error message.
    [[nodiscard]] virtual std::optional<std::string> execute(const std::string& sql) = 0;
    // The rows `sql` returns, each value as text ("NULL" for null).
    [[nodiscard]] virtual std::vector<std::vector<std::string>> query(const std::string& sql) = 0;
    // The migration versions the backend's code lists, in order.
    [[nodiscard]] virtual std::vector<int> known_migrations() const = 0;
    // What `--db` names for this database: the SQLite file's path or the PostgreSQL URL, for
    // opening the other stores kept on it.
    [[nodiscard]] virtual std::string location() const = 0;
};

// Why `backend` cannot be tested here (PostgreSQL without CSIP_TEST_POSTGRES_URL), or nothing.
[[nodiscard]] std::optional<std::string> unavailable_reason(Backend backend);
// Whether a missing PostgreSQL server fails the tests rather than skipping them
// (CSIP_REQUIRE_POSTGRES=1, as scripts/test sets).
[[nodiscard]] bool postgres_required();

// Creates the database; throws if the backend is available but creation fails.
[[nodiscard]] std::unique_ptr<TestDatabase> create_test_database(Backend backend);

}  // namespace csip::storage::harness
