#include "test_database.hpp"

#include <sqlite3.h>

#include <pqxx/pqxx>

#include <cstdlib>
#include <random>
#include <stdexcept>

#include "../support/temp_dir.hpp"
#include "storage/postgres/postgres_store.hpp"
#include "storage/sql/schema.hpp"
#include "storage/sql/stores.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace csip::storage::harness {
namespace {

template <typename List>
std::vector<int> versions_of(const List& list) {
    std::vector<int> versions;
    for (const auto& migration : list) versions.push_back(migration.version);
    return versions;
}

// --- SQLite: a file in a temporary folder -------------------------------------------------

// A raw connection for one call, closed on the way out.
class RawSqlite {
  public:
    explicit RawSqlite(const std::string& path) {
        if (sqlite3_open_v2(path.c_str(), &m_db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
            const std::string message = sqlite3_errmsg(m_db);
            sqlite3_close(m_db);
            throw std::runtime_error("cannot open " + path + ": " + message);
        }
        sqlite3_busy_timeout(m_db, 10'000);
    }
    ~RawSqlite() { sqlite3_close(m_db); }
    RawSqlite(const RawSqlite&) = delete;
    RawSqlite& operator=(const RawSqlite&) = delete;
    sqlite3* get() { return m_db; }

  private:
    sqlite3* m_db = nullptr;
};

class SqliteDatabase final : public TestDatabase {
  public:
    SqliteDatabase() : m_path((m_dir / "csip.db").string()) {}

    Result<std::unique_ptr<PlanStore>> open_store() override {
        return sql::open_plan_store(sqlite::connector(m_path));
    }

    std::optional<std::string> execute(const std::string& sql) override {
        RawSqlite db(m_path);
        char* error = nullptr;
        if (sqlite3_exec(db.get(), sql.c_str(), nullptr, nullptr, &error) == SQLITE_OK) {
            return std::nullopt;
        }
        std::string message = error != nullptr ? error : "unknown error";
        sqlite3_free(error);
        return message;
    }

    std::vector<std::vector<std::string>> query(const std::string& sql) override {
        RawSqlite db(m_path);
        sqlite3_stmt* statement = nullptr;
        if (sqlite3_prepare_v2(db.get(), sql.c_str(), -1, &statement, nullptr) != SQLITE_OK) {
            throw std::runtime_error(sqlite3_errmsg(db.get()));
        }
        std::vector<std::vector<std::string>> rows;
        while (sqlite3_step(statement) == SQLITE_ROW) {
            auto& row = rows.emplace_back();
            for (int column = 0; column < sqlite3_column_count(statement); ++column) {
                const auto* text = sqlite3_column_text(statement, column);
                row.emplace_back(text != nullptr ? reinterpret_cast<const char*>(text) : "NULL");
            }
        }
        sqlite3_finalize(statement);
        return rows;
    }

    std::vector<int> known_migrations() const override { return versions_of(sql::migrations()); }

    std::string location() const override { return m_path; }

  private:
    csip::testing::TempDir m_dir;
    std::string m_path;
};

// --- PostgreSQL: a new database on the test server ----------------------------------------

const char* postgres_server_url() { return std::getenv("CSIP_TEST_POSTGRES_URL"); }

// The server URL with its database replaced by `name`: postgresql://host/db?params keeps host
// and params; a keyword=value string gets a dbname keyword (the last one wins).
std::string with_database(const std::string& url, const std::string& name) {
    const auto scheme = url.find("://");
    if (scheme == std::string::npos) return url + " dbname=" + name;
    const auto path = url.find_first_of("/?", scheme + 3);
    if (path == std::string::npos) return url + "/" + name;
    if (url[path] == '?') return url.substr(0, path) + "/" + name + url.substr(path);
    const auto query = url.find('?', path);
    return url.substr(0, path + 1) + name +
           (query == std::string::npos ? std::string() : url.substr(query));
}

std::string random_name() {
    std::random_device device;
    std::uniform_int_distribution<std::uint64_t> digits;
    const auto value = digits(device);
    static constexpr char kHex[] = "0123456789abcdef";
    std::string name = "csip_test_";
    for (int shift = 60; shift >= 0; shift -= 4) name += kHex[(value >> shift) & 0xf];
    return name;
}

class PostgresDatabase final : public TestDatabase {
  public:
    explicit PostgresDatabase(std::string server_url)
        : m_server_url(std::move(server_url)),
          m_name(random_name()),
          m_url(with_database(m_server_url, m_name)) {
        pqxx::connection admin(m_server_url);
        pqxx::nontransaction(admin).exec("CREATE DATABASE " + m_name);
    }

    ~PostgresDatabase() override {
        try {
            pqxx::connection admin(m_server_url);
            pqxx::nontransaction(admin).exec("DROP DATABASE IF EXISTS " + m_name + " WITH (FORCE)");
        } catch (const std::exception&) {
            // The server is gone with the database on it; nothing is left to clean.
        }
    }

    Result<std::unique_ptr<PlanStore>> open_store() override {
        return sql::open_plan_store(postgres::connector(m_url));
    }

    std::optional<std::string> execute(const std::string& sql) override {
        try {
            pqxx::connection db(m_url);
            pqxx::work tx(db);
            tx.exec(sql);
            tx.commit();
            return std::nullopt;
        } catch (const pqxx::sql_error& error) {
            return std::string(error.what());
        }
    }

    std::vector<std::vector<std::string>> query(const std::string& sql) override {
        pqxx::connection db(m_url);
        pqxx::read_transaction tx(db);
        std::vector<std::vector<std::string>> rows;
        for (const auto& row : tx.exec(sql)) {
            auto& out = rows.emplace_back();
            for (const auto& field : row)
                out.emplace_back(field.is_null() ? "NULL" : field.c_str());
        }
        return rows;
    }

    std::vector<int> known_migrations() const override { return versions_of(sql::migrations()); }

    std::string location() const override { return m_url; }

  private:
    std::string m_server_url;
    std::string m_name;
    std::string m_url;
};

}  // namespace

std::string backend_name(Backend backend) {
    return backend == Backend::Sqlite ? "Sqlite" : "Postgres";
}

std::optional<std::string> unavailable_reason(Backend backend) {
    if (backend == Backend::Postgres && postgres_server_url() == nullptr) {
        return std::string(
            "CSIP_TEST_POSTGRES_URL is not set, so the PostgreSQL store is not tested: run "
            "scripts/test, or `source scripts/lib/postgres.sh && postgres_start` first");
    }
    return std::nullopt;
}

bool postgres_required() {
    const char* required = std::getenv("CSIP_REQUIRE_POSTGRES");
    return required != nullptr && std::string(required) == "1";
}

std::unique_ptr<TestDatabase> create_test_database(Backend backend) {
    if (backend == Backend::Sqlite) return std::make_unique<SqliteDatabase>();
    return std::make_unique<PostgresDatabase>(postgres_server_url());
}

}  // namespace csip::storage::harness
