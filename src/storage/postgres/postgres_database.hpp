// PostgresDatabase: what every PostgreSQL store shares, private to this backend. It connects to
// the server a URL names (notices below warnings hidden), brings the schema up to date once under
// the advisory lock, and runs each store operation under one mutex, turning a libpqxx failure
// into a csip::Error that names the database (never its password) and says what was being done.
// Each store keeps only its own SQL, its row mapping and how it words its failures.
#pragma once

#include <pqxx/pqxx>

#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "domain/audit.hpp"
#include "domain/result.hpp"

namespace csip::storage::postgres {

// A value read back that the schema should have made impossible: something other than csip
// wrote it.
class StoredDataError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

[[noreturn]] void throw_damaged(const std::string& what);

[[nodiscard]] std::string text(const pqxx::field& field);
// NULL for an empty optional, as exec_params expects.
[[nodiscard]] const char* nullable(const std::optional<std::string>& value);

// The URL as it may appear in a message: the password of `user:password@` and any
// `password=...` parameter are replaced by ***.
[[nodiscard]] std::string without_password(std::string_view url);

// libpq's message on one line, without the "ERROR:  " that precedes every server error.
[[nodiscard]] std::string one_line(std::string_view message);

// Appends `audit` to the audit trail, in order, inside the caller's transaction.
void append_audit(pqxx::work& tx, const std::vector<domain::AuditEntry>& audit);

// Called from a catch clause of a libpqxx failure or a StoredDataError: what went wrong, for a
// person, naming the database as `shown` and what csip was doing.
using DescribeFailure = Error (*)(std::string_view shown, std::string_view doing);

// The general wording (the plan store's), also used for failures while opening.
[[nodiscard]] Error describe_failure(std::string_view shown, std::string_view doing);

class PostgresDatabase {
public:
    PostgresDatabase(std::unique_ptr<pqxx::connection> connection, std::string shown,
                     DescribeFailure describe);

    // Runs `body` with the connection, holding the mutex, and turns a database failure into an
    // Error that names the database and says what was being done.
    template <typename Body>
    auto guarded(std::string_view doing, Body&& body)
        -> decltype(body(std::declval<pqxx::connection&>())) {
        std::lock_guard lock(m_mutex);
        try {
            return body(*m_connection);
        } catch (const pqxx::pqxx_exception&) {
            return fail(m_describe(m_shown, doing));
        } catch (const StoredDataError&) {
            return fail(m_describe(m_shown, doing));
        }
    }

private:
    std::mutex m_mutex;
    std::unique_ptr<pqxx::connection> m_connection;
    std::string m_shown;
    DescribeFailure m_describe;
};

// Connects to the database `url` names, hides notices below warnings, and applies any migration
// it lacks under the advisory lock. Unavailable, naming the URL without its password, if the
// server cannot be reached or the database used.
[[nodiscard]] Result<std::unique_ptr<pqxx::connection>> connect_and_migrate(
    const std::string& url);

}  // namespace csip::storage::postgres
