// The database-access layer every store is written on: a Connection that prepares statements,
// runs transactions and bulk inserts, a Statement with typed binding and typed column reads,
// and a DatabaseError that says, in csip's terms, what the database refused. The stores in this
// folder write their SQL once, with `?` placeholders, in the SQL that SQLite 3.40 and
// PostgreSQL 15 both accept; storage/sqlite and storage/postgres each implement Connection over
// their client library and keep only what really differs (docs/storage.md).
#pragma once

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace csip::storage::sql {

enum class Backend { Sqlite, Postgres };

// What went wrong, as far as csip's advice to a person depends on it.
enum class Failure {
    Refused,           // a constraint (unique, foreign key, check, a trigger's refusal)
    Busy,              // another writer held the lock past the timeout
    NotADatabase,      // the file is not a SQLite database
    CannotUse,         // the file or its folder cannot be opened, read or written
    DiskFull,          //
    Damaged,           // the database is corrupt, or holds what csip never writes
    Unreachable,       // the server cannot be reached
    ConnectionLost,    // the connection broke during a commit: the outcome is not known
    ConcurrentChange,  // the server gave up the transaction because of a concurrent one
    NotPermitted,      // the database user lacks a privilege
    Other,
};

// Thrown by a Connection or Statement; each store catches it at its boundary (Database::guarded)
// and returns a Result, so that no library's exception leaves storage/.
class DatabaseError : public std::runtime_error {
  public:
    DatabaseError(Failure failure, const std::string& detail, std::string sqlstate = {})
        : std::runtime_error(detail), m_failure(failure), m_sqlstate(std::move(sqlstate)) {}
    [[nodiscard]] Failure failure() const { return m_failure; }
    // PostgreSQL's SQLSTATE, e.g. 23505; empty for SQLite.
    [[nodiscard]] const std::string& sqlstate() const { return m_sqlstate; }

  private:
    Failure m_failure;
    std::string m_sqlstate;
};

// A value read back that the schema should have made impossible: something other than csip
// wrote to the database, or it is damaged.
[[noreturn]] void throw_damaged(const std::string& what);

// Bytes for a BLOB (SQLite) or bytea (PostgreSQL) column, as opposed to text.
struct Bytes {
    std::string_view data;
};

// One value to bind or to copy in bulk.
struct Value {
    enum class Kind { Null, Integer, Real, Text, Boolean, Bytes };
    Kind kind = Kind::Null;
    std::int64_t integer = 0;
    double real = 0.0;
    std::string_view text;  // Text and Bytes; the caller keeps it alive while it is used

    Value() = default;
    template <typename T>
    Value(const T& value) {  // NOLINT(google-explicit-constructor): values convert as SQL binds
        set(value);
    }

  private:
    template <typename T>
    struct IsOptional : std::false_type {};
    template <typename T>
    struct IsOptional<std::optional<T>> : std::true_type {};

    template <typename T>
    void set(const T& value) {
        if constexpr (IsOptional<T>::value) {
            if (value) set(*value);
        } else if constexpr (std::is_same_v<T, std::nullopt_t>) {
        } else if constexpr (std::is_same_v<T, bool>) {
            kind = Kind::Boolean;
            integer = value ? 1 : 0;
        } else if constexpr (std::is_integral_v<T>) {
            kind = Kind::Integer;
            integer = static_cast<std::int64_t>(value);
        } else if constexpr (std::is_floating_point_v<T>) {
            kind = Kind::Real;
            real = static_cast<double>(value);
        } else if constexpr (std::is_same_v<T, Bytes>) {
            kind = Kind::Bytes;
            text = value.data;
        } else {
            kind = Kind::Text;
            text = std::string_view(value);
        }
    }
};

// The backend's half of a prepared statement.
class Cursor {
  public:
    virtual ~Cursor() = default;
    // Forgets the last execution and every bound value.
    virtual void reset() = 0;
    // Binds parameter `index` (0-based, in the order the `?` appear).
    virtual void bind(int index, const Value& value) = 0;
    // Runs the statement on the first call after a reset, then advances: true while on a row.
    virtual bool step() = 0;
    [[nodiscard]] virtual bool is_null(int column) const = 0;
    [[nodiscard]] virtual std::string text(int column) const = 0;
    [[nodiscard]] virtual std::int64_t integer(int column) const = 0;
    [[nodiscard]] virtual double real(int column) const = 0;
    [[nodiscard]] virtual bool boolean(int column) const = 0;
    [[nodiscard]] virtual std::string bytes(int column) const = 0;
};

// A prepared statement: bind, then step through the rows (or run it to completion).
class Statement {
  public:
    explicit Statement(std::unique_ptr<Cursor> cursor) : m_cursor(std::move(cursor)) {}

    // Resets the statement and binds `values` to its placeholders in order. An empty optional
    // binds NULL; a Bytes binds a BLOB.
    template <typename... Values>
    Statement& bind(const Values&... values) {
        m_cursor->reset();
        int index = 0;
        (m_cursor->bind(index++, Value(values)), ...);
        return *this;
    }
    // Resets and binds values known only at run time.
    Statement& bind_all(const std::vector<std::string>& values);

    bool step() { return m_cursor->step(); }
    void run() {
        while (step()) {
        }
    }

    [[nodiscard]] bool is_null(int column) const { return m_cursor->is_null(column); }
    [[nodiscard]] std::string text(int column) const { return m_cursor->text(column); }
    [[nodiscard]] std::int64_t integer(int column) const { return m_cursor->integer(column); }
    [[nodiscard]] double real(int column) const { return m_cursor->real(column); }
    [[nodiscard]] bool boolean(int column) const { return m_cursor->boolean(column); }
    [[nodiscard]] std::string bytes(int column) const { return m_cursor->bytes(column); }
    [[nodiscard]] std::optional<std::string> optional_text(int column) const;
    [[nodiscard]] std::optional<double> optional_real(int column) const;
    [[nodiscard]] std::optional<bool> optional_boolean(int column) const;

  private:
    std::unique_ptr<Cursor> m_cursor;
};

// Many rows into one table, by the fastest path the backend has (SQLite: one prepared INSERT
// in the caller's transaction; PostgreSQL: COPY). `finish` must be called before the next
// statement on the connection.
class BulkInsert {
  public:
    virtual ~BulkInsert() = default;
    template <typename... Values>
    void row(const Values&... values) {
        const Value row[] = {Value(values)...};
        add_row(row, sizeof...(Values));
    }
    virtual void finish() = 0;

  protected:
    virtual void add_row(const Value* values, std::size_t count) = 0;
};

// What a write transaction serialises against. SQLite has one write lock for the whole file;
// PostgreSQL takes an advisory lock per subject, so that an import does not hold up sign-ins.
enum class Lock { Migrations, Plan, Cases, Accounts, Reports };

enum class Access {
    Read,   // one consistent snapshot for every statement in it, read only
    Write,  // serialised with every other write transaction of the same Lock, from the start
};

class Connection {
  public:
    virtual ~Connection() = default;

    [[nodiscard]] virtual Backend backend() const = 0;
    // The database as named in messages: "the csip database '/path/csip.db'", "the PostgreSQL
    // database 'postgresql://csip:***@host/csip'".
    [[nodiscard]] virtual std::string where() const = 0;

    // `sql` with `?` placeholders.
    [[nodiscard]] virtual Statement prepare(std::string_view sql) = 0;
    // One or more statements without parameters (migrations).
    virtual void execute(std::string_view sql) = 0;
    [[nodiscard]] virtual std::unique_ptr<BulkInsert> bulk_insert(
        std::string_view table, std::initializer_list<std::string_view> columns) = 0;

    virtual void begin(Access access, Lock lock) = 0;
    virtual void commit() = 0;
    // Rolls back the open transaction, if one is still open (a failed statement may have ended
    // it already). Never throws: called from destructors.
    virtual void rollback() noexcept = 0;
    // Whether `table` exists (checked before creating it, since a least-privilege PostgreSQL
    // role may not CREATE even IF NOT EXISTS).
    [[nodiscard]] virtual bool table_exists(std::string_view table) = 0;
};

// BEGIN ... COMMIT that rolls back unless committed.
class Transaction {
  public:
    Transaction(Connection& connection, Access access, Lock lock = Lock::Plan)
        : m_connection(connection) {
        m_connection.begin(access, lock);
    }
    ~Transaction() {
        if (!m_committed) m_connection.rollback();
    }
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    void commit() {
        m_connection.commit();
        m_committed = true;
    }

  private:
    Connection& m_connection;
    bool m_committed = false;
};

}  // namespace csip::storage::sql
