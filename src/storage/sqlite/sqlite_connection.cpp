// sql::Connection on the SQLite C API: the only file that includes <sqlite3.h> outside tests.
// What differs from PostgreSQL: a file is opened (WAL, foreign keys, the busy timeout), a
// write transaction is BEGIN IMMEDIATE (the file's one write lock, taken before anything is
// read), a bulk insert is one prepared INSERT run per row inside the caller's transaction, and
// SQLite's result codes map onto sql::Failure.
#include <sqlite3.h>

#include <limits>
#include <utility>

#include "storage/sqlite/sqlite_store.hpp"

namespace csip::storage::sqlite {
namespace {

using sql::Failure;
using sql::Value;

// Writers wait this long for another connection's write lock before giving up as busy.
constexpr int kBusyTimeoutMilliseconds = 10'000;

Failure failure_of(int code) {
    switch (code & 0xff) {
        case SQLITE_CONSTRAINT:
            return Failure::Refused;
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
            return Failure::Busy;
        case SQLITE_NOTADB:
            return Failure::NotADatabase;
        case SQLITE_CANTOPEN:
        case SQLITE_PERM:
        case SQLITE_READONLY:
        case SQLITE_AUTH:
            return Failure::CannotUse;
        case SQLITE_FULL:
            return Failure::DiskFull;
        case SQLITE_CORRUPT:
            return Failure::Damaged;
        default:
            return Failure::Other;
    }
}

[[noreturn]] void throw_error(sqlite3* db, int code) {
    const int extended = db != nullptr ? sqlite3_extended_errcode(db) : code;
    throw sql::DatabaseError(failure_of(extended),
                             db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(code));
}

int length_of(std::string_view text) {
    // SQLite measures text in int; a value over 2 GB is not something csip writes.
    if (text.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) {
        throw sql::DatabaseError(Failure::Other, "a value is too large to store");
    }
    return static_cast<int>(text.size());
}

class SqliteCursor final : public sql::Cursor {
  public:
    SqliteCursor(sqlite3* db, std::string_view sql) : m_db(db) {
        const int code =
            sqlite3_prepare_v2(m_db, sql.data(), length_of(sql), &m_statement, nullptr);
        if (code != SQLITE_OK) throw_error(m_db, code);
    }
    ~SqliteCursor() override { sqlite3_finalize(m_statement); }
    SqliteCursor(const SqliteCursor&) = delete;
    SqliteCursor& operator=(const SqliteCursor&) = delete;

    void reset() override {
        // sqlite3_reset repeats the last step's error, already reported by step().
        sqlite3_reset(m_statement);
        sqlite3_clear_bindings(m_statement);
    }

    void bind(int index, const Value& value) override {
        const int at = index + 1;
        int code = SQLITE_OK;
        switch (value.kind) {
            case Value::Kind::Null:
                code = sqlite3_bind_null(m_statement, at);
                break;
            case Value::Kind::Integer:
            case Value::Kind::Boolean:
                code = sqlite3_bind_int64(m_statement, at, value.integer);
                break;
            case Value::Kind::Real:
                code = sqlite3_bind_double(m_statement, at, value.real);
                break;
            case Value::Kind::Text:
                // SQLITE_TRANSIENT: SQLite copies the text, since callers bind temporaries.
                code = sqlite3_bind_text(m_statement, at, value.text.data(), length_of(value.text),
                                         SQLITE_TRANSIENT);
                break;
            case Value::Kind::Bytes:
                code = sqlite3_bind_blob(m_statement, at, value.text.data(), length_of(value.text),
                                         SQLITE_TRANSIENT);
                break;
        }
        if (code != SQLITE_OK) throw_error(m_db, code);
    }

    bool step() override {
        const int code = sqlite3_step(m_statement);
        if (code == SQLITE_ROW) return true;
        if (code == SQLITE_DONE) return false;
        throw_error(m_db, code);
    }

    [[nodiscard]] bool is_null(int column) const override {
        return sqlite3_column_type(m_statement, column) == SQLITE_NULL;
    }
    [[nodiscard]] std::string text(int column) const override {
        const auto* data = sqlite3_column_text(m_statement, column);
        if (data == nullptr) return {};
        return std::string(reinterpret_cast<const char*>(data), size_of(column));
    }
    [[nodiscard]] std::int64_t integer(int column) const override {
        return sqlite3_column_int64(m_statement, column);
    }
    [[nodiscard]] double real(int column) const override {
        return sqlite3_column_double(m_statement, column);
    }
    [[nodiscard]] bool boolean(int column) const override { return integer(column) != 0; }
    [[nodiscard]] std::string bytes(int column) const override {
        const auto* data = static_cast<const char*>(sqlite3_column_blob(m_statement, column));
        if (data == nullptr) return {};
        return std::string(data, size_of(column));
    }

  private:
    [[nodiscard]] std::size_t size_of(int column) const {
        return static_cast<std::size_t>(sqlite3_column_bytes(m_statement, column));
    }

    sqlite3* m_db;
    sqlite3_stmt* m_statement = nullptr;
};

// One prepared INSERT, run once a row; the caller's transaction makes it fast.
class SqliteBulkInsert final : public sql::BulkInsert {
  public:
    SqliteBulkInsert(sqlite3* db, std::string_view table,
                     std::initializer_list<std::string_view> columns)
        : m_cursor(db, insert_sql(table, columns)) {}

    void finish() override {}

  protected:
    void add_row(const Value* values, std::size_t count) override {
        m_cursor.reset();
        for (std::size_t i = 0; i < count; ++i) m_cursor.bind(static_cast<int>(i), values[i]);
        m_cursor.step();
    }

  private:
    static std::string insert_sql(std::string_view table,
                                  std::initializer_list<std::string_view> columns) {
        std::string sql = "INSERT INTO " + std::string(table) + " (";
        std::string marks;
        for (const auto column : columns) {
            if (!marks.empty()) {
                sql += ", ";
                marks += ", ";
            }
            sql += column;
            marks += "?";
        }
        return sql + ") VALUES (" + marks + ")";
    }

    SqliteCursor m_cursor;
};

class SqliteConnection final : public sql::Connection {
  public:
    explicit SqliteConnection(const std::string& path) : m_path(path) {
        const int code = sqlite3_open_v2(path.c_str(), &m_db,
                                         SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
        if (code != SQLITE_OK) {
            // sqlite3_open_v2 returns a handle even on failure, so that the message can be read.
            const std::string message =
                m_db != nullptr ? sqlite3_errmsg(m_db) : sqlite3_errstr(code);
            sqlite3_close_v2(m_db);
            m_db = nullptr;
            throw sql::DatabaseError(failure_of(code), message);
        }
        sqlite3_extended_result_codes(m_db, 1);
        sqlite3_busy_timeout(m_db, kBusyTimeoutMilliseconds);
        try {
            execute("PRAGMA foreign_keys = ON");
            // WAL lets readers go on while one writer writes. The mode is stored in the file;
            // asking again on a file already in WAL is a no-op. A file that is not a database
            // fails here.
            execute("PRAGMA journal_mode = WAL");
        } catch (const sql::DatabaseError&) {
            sqlite3_close_v2(m_db);
            throw;
        }
    }
    ~SqliteConnection() override { sqlite3_close_v2(m_db); }
    SqliteConnection(const SqliteConnection&) = delete;
    SqliteConnection& operator=(const SqliteConnection&) = delete;

    [[nodiscard]] sql::Backend backend() const override { return sql::Backend::Sqlite; }
    [[nodiscard]] std::string where() const override { return where_of(m_path); }
    static std::string where_of(const std::string& path) {
        return "the csip database '" + path + "'";
    }

    [[nodiscard]] sql::Statement prepare(std::string_view sql) override {
        return sql::Statement(std::make_unique<SqliteCursor>(m_db, sql));
    }

    void execute(std::string_view sql) override {
        const std::string text(sql);
        const int code = sqlite3_exec(m_db, text.c_str(), nullptr, nullptr, nullptr);
        if (code != SQLITE_OK) throw_error(m_db, code);
    }

    [[nodiscard]] std::unique_ptr<sql::BulkInsert> bulk_insert(
        std::string_view table, std::initializer_list<std::string_view> columns) override {
        return std::make_unique<SqliteBulkInsert>(m_db, table, columns);
    }

    // A read is a deferred BEGIN: SQLite reads one snapshot from the first SELECT to COMMIT.
    // Every write takes the file's write lock at once, whatever the Lock: SQLite has one.
    void begin(sql::Access access, sql::Lock /*lock*/) override {
        execute(access == sql::Access::Write ? "BEGIN IMMEDIATE" : "BEGIN");
    }
    void commit() override { execute("COMMIT"); }
    void rollback() noexcept override {
        // SQLite rolls back by itself after some errors (disk full, I/O); then there is
        // nothing left to roll back.
        if (sqlite3_get_autocommit(m_db) == 0) {
            sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr);
        }
    }

    [[nodiscard]] bool table_exists(std::string_view table) override {
        auto row = prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?");
        return row.bind(table).step();
    }

  private:
    std::string m_path;
    sqlite3* m_db = nullptr;
};

}  // namespace

sql::Connector connector(const std::string& path) {
    return {SqliteConnection::where_of(path),
            [path] { return std::make_unique<SqliteConnection>(path); }};
}

}  // namespace csip::storage::sqlite
