// SqliteDatabase: what every SQLite store shares, private to this backend. It opens the csip
// file with the standard settings (WAL, foreign keys on, a 10 s busy timeout), brings the
// schema up to date once, and runs each store operation under one mutex, turning a SqliteError
// into a csip::Error that names the file, says what was being done and what to do about it.
// Each store keeps only its own SQL, its row mapping and how it words its own refusals.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include <vector>

#include "connection.hpp"
#include "domain/audit.hpp"
#include "domain/date.hpp"
#include "domain/result.hpp"

namespace csip::storage::sqlite {

// Writers wait this long for another connection's write lock before giving up as busy.
inline constexpr int kBusyTimeoutMilliseconds = 10'000;

// How one store words the failures whose advice depends on what it stores. An empty or false
// field leaves that failure to the general wording ("... failed while ...: check the disk").
struct FailureWording {
    // SQLITE_CONSTRAINT, as InvalidInput: the advice after "refused <doing> (<detail>): ".
    std::string_view refused = {};
    // SQLITE_CANTOPEN, _PERM, _READONLY, _AUTH: the advice after "(<detail>): ".
    std::string_view cannot_use = {};
    // SQLITE_FULL: the advice after "is full (<doing>): ".
    std::string_view disk_full = {};
    // SQLITE_CORRUPT: "is damaged: <detail>; restore it from a backup ...".
    bool names_damage = false;
};

// What went wrong, for a person: which file, what csip was doing, and what to do about it.
[[nodiscard]] Error database_error(const SqliteError& error, const std::string& path,
                                   std::string_view doing, const FailureWording& wording);

// A value read back that the schema should have made impossible: the file was changed by
// something other than csip, or is damaged.
[[noreturn]] void throw_damaged(const std::string& what);

// The date stored as ISO text in `column`; throws as damaged if it is not one.
[[nodiscard]] domain::Date stored_date(const std::string& text, std::string_view column);

// Appends `audit` to the audit trail, in order, on `db` (inside the caller's transaction).
void append_audit(Connection& db, const std::vector<domain::AuditEntry>& audit);

class SqliteDatabase {
public:
    SqliteDatabase(std::unique_ptr<Connection> connection, std::string path,
                   const FailureWording& wording);

    // Runs `body` with the connection, holding the mutex, and turns a database failure into an
    // Error that names the file and says what was being done.
    template <typename Body>
    auto guarded(std::string_view doing, Body&& body)
        -> decltype(body(std::declval<Connection&>())) {
        std::lock_guard lock(m_mutex);
        try {
            return body(*m_connection);
        } catch (const SqliteError& error) {
            return fail(database_error(error, m_path, doing, m_wording));
        }
    }

    [[nodiscard]] const std::string& path() const { return m_path; }

private:
    std::mutex m_mutex;
    std::unique_ptr<Connection> m_connection;
    std::string m_path;
    const FailureWording& m_wording;
};

// Opens the csip database at `path`, creating the file if it does not exist, with WAL, foreign
// keys and the busy timeout, and applies any migration it lacks. Unavailable, naming the path,
// if it cannot be opened or is not a csip SQLite database (`wording` words the other failures).
[[nodiscard]] Result<std::unique_ptr<SqliteDatabase>> open_sqlite_database(
    const std::string& path, const FailureWording& wording);

}  // namespace csip::storage::sqlite
