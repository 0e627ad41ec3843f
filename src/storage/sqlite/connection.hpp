// A thin RAII layer over the SQLite C API, private to this backend: a Connection owns one
// sqlite3 handle, a Statement one prepared statement, a Transaction one BEGIN ... COMMIT that
// rolls back unless committed. Every failure throws SqliteError (the extended result code and
// SQLite's message); each store catches it at its boundary (SqliteDatabase::guarded) and
// returns a Result, so neither the exception nor <sqlite3.h> leaves src/storage/sqlite.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>

namespace csip::storage::sqlite {

class SqliteError : public std::runtime_error {
public:
    SqliteError(int code, const std::string& message) : std::runtime_error(message), m_code(code) {}
    [[nodiscard]] int code() const { return m_code; }  // extended result code
    [[nodiscard]] int primary_code() const { return m_code & 0xff; }

private:
    int m_code;
};

class Statement {
public:
    Statement(sqlite3* db, std::string_view sql);
    ~Statement();
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    // Resets the statement and binds `values` to parameters 1, 2, ... in order. An empty
    // optional binds NULL.
    template <typename... Values>
    Statement& bind(const Values&... values) {
        reset();
        int index = 1;
        (bind_one(index++, values), ...);
        return *this;
    }

    // Binds one more value to parameter `index` (1-based) without resetting: for statements
    // whose parameters are known only at run time.
    template <typename Value>
    Statement& bind_at(int index, const Value& value) {
        bind_one(index, value);
        return *this;
    }

    // Advances to the next row: true while there is one.
    bool step();
    // Runs a statement that returns no rows (INSERT, UPDATE, DELETE) to completion.
    void run();

    [[nodiscard]] bool is_null(int column) const;
    [[nodiscard]] std::string text(int column) const;
    [[nodiscard]] std::optional<std::string> optional_text(int column) const;
    [[nodiscard]] std::int64_t integer(int column) const;
    [[nodiscard]] std::optional<double> optional_real(int column) const;

private:
    template <typename T>
    struct IsOptional : std::false_type {};
    template <typename T>
    struct IsOptional<std::optional<T>> : std::true_type {};

    template <typename T>
    void bind_one(int index, const T& value) {
        if constexpr (IsOptional<T>::value) {
            if (value) {
                bind_one(index, *value);
            } else {
                bind_null(index);
            }
        } else if constexpr (std::is_same_v<T, bool>) {
            bind_integer(index, value ? 1 : 0);
        } else if constexpr (std::is_integral_v<T>) {
            bind_integer(index, static_cast<std::int64_t>(value));
        } else if constexpr (std::is_floating_point_v<T>) {
            bind_real(index, static_cast<double>(value));
        } else {
            bind_text(index, std::string_view(value));
        }
    }

    void reset();
    void bind_null(int index);
    void bind_integer(int index, std::int64_t value);
    void bind_real(int index, double value);
    void bind_text(int index, std::string_view value);
    void check(int code) const;

    sqlite3* m_db;
    sqlite3_stmt* m_statement = nullptr;
};

class Connection {
public:
    // Opens the file at `path`, creating it if need be; throws SqliteError if it cannot.
    explicit Connection(const std::string& path);
    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    // Runs one or more statements that take no parameters (pragmas, migrations).
    void execute(const std::string& sql);
    [[nodiscard]] Statement prepare(std::string_view sql) { return Statement(m_db, sql); }
    [[nodiscard]] bool in_transaction() const;
    [[nodiscard]] sqlite3* handle() { return m_db; }

private:
    sqlite3* m_db = nullptr;
};

// BEGIN (Read: a consistent snapshot for several SELECTs) or BEGIN IMMEDIATE (Write: takes the
// database's write lock now, waiting up to the busy timeout, so that what the transaction reads
// cannot change before it writes). Rolls back on destruction unless committed.
class Transaction {
public:
    enum class Mode { Read, Write };
    Transaction(Connection& connection, Mode mode);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    void commit();

private:
    Connection& m_connection;
    bool m_committed = false;
};

}  // namespace csip::storage::sqlite
