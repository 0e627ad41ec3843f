#include "connection.hpp"

#include <limits>

namespace csip::storage::sqlite {
namespace {

[[noreturn]] void throw_error(sqlite3* db, int code) {
    throw SqliteError(db != nullptr ? sqlite3_extended_errcode(db) : code,
                      db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(code));
}

int length_of(std::string_view text) {
    // SQLite measures text in int; a plan field over 2 GB is not text a person wrote.
    if (text.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) {
        throw SqliteError(SQLITE_TOOBIG, "a text value is too large to store");
    }
    return static_cast<int>(text.size());
}

}  // namespace

Statement::Statement(sqlite3* db, std::string_view sql) : m_db(db) {
    const int code = sqlite3_prepare_v2(m_db, sql.data(), length_of(sql), &m_statement, nullptr);
    if (code != SQLITE_OK) throw_error(m_db, code);
}

Statement::~Statement() { sqlite3_finalize(m_statement); }

void Statement::check(int code) const {
    if (code != SQLITE_OK) throw_error(m_db, code);
}

void Statement::reset() {
    // The result of sqlite3_reset repeats the last step's error, already reported by step().
    sqlite3_reset(m_statement);
    sqlite3_clear_bindings(m_statement);
}

void Statement::bind_null(int index) { check(sqlite3_bind_null(m_statement, index)); }

void Statement::bind_integer(int index, std::int64_t value) {
    check(sqlite3_bind_int64(m_statement, index, value));
}

void Statement::bind_real(int index, double value) {
    check(sqlite3_bind_double(m_statement, index, value));
}

void Statement::bind_text(int index, std::string_view value) {
    // SQLITE_TRANSIENT: SQLite copies the text, since callers bind temporaries.
    check(sqlite3_bind_text(m_statement, index, value.data(), length_of(value), SQLITE_TRANSIENT));
}

bool Statement::step() {
    const int code = sqlite3_step(m_statement);
    if (code == SQLITE_ROW) return true;
    if (code == SQLITE_DONE) return false;
    throw_error(m_db, code);
}

void Statement::run() {
    while (step()) {
    }
}

bool Statement::is_null(int column) const {
    return sqlite3_column_type(m_statement, column) == SQLITE_NULL;
}

std::string Statement::text(int column) const {
    const auto* data = sqlite3_column_text(m_statement, column);
    if (data == nullptr) return {};
    const int size = sqlite3_column_bytes(m_statement, column);
    return std::string(reinterpret_cast<const char*>(data), static_cast<std::size_t>(size));
}

std::optional<std::string> Statement::optional_text(int column) const {
    if (is_null(column)) return std::nullopt;
    return text(column);
}

std::int64_t Statement::integer(int column) const {
    return sqlite3_column_int64(m_statement, column);
}

std::optional<double> Statement::optional_real(int column) const {
    if (is_null(column)) return std::nullopt;
    return sqlite3_column_double(m_statement, column);
}

Connection::Connection(const std::string& path) {
    const int code = sqlite3_open_v2(path.c_str(), &m_db,
                                     SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
    if (code != SQLITE_OK) {
        // sqlite3_open_v2 returns a handle even on failure, so that the message can be read.
        const std::string message = m_db != nullptr ? sqlite3_errmsg(m_db) : sqlite3_errstr(code);
        sqlite3_close_v2(m_db);
        m_db = nullptr;
        throw SqliteError(code, message);
    }
    sqlite3_extended_result_codes(m_db, 1);
}

Connection::~Connection() { sqlite3_close_v2(m_db); }

void Connection::execute(const std::string& sql) {
    const int code = sqlite3_exec(m_db, sql.c_str(), nullptr, nullptr, nullptr);
    if (code != SQLITE_OK) throw_error(m_db, code);
}

bool Connection::in_transaction() const { return sqlite3_get_autocommit(m_db) == 0; }

Transaction::Transaction(Connection& connection, Mode mode) : m_connection(connection) {
    m_connection.execute(mode == Mode::Write ? "BEGIN IMMEDIATE" : "BEGIN");
}

Transaction::~Transaction() {
    // SQLite rolls back by itself after some errors (disk full, I/O); then there is nothing
    // left to roll back. A failing ROLLBACK cannot be reported from a destructor, and SQLite
    // discards the transaction when the connection closes anyway.
    if (!m_committed && m_connection.in_transaction()) {
        sqlite3_exec(m_connection.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
    }
}

void Transaction::commit() {
    m_connection.execute("COMMIT");
    m_committed = true;
}

}  // namespace csip::storage::sqlite
