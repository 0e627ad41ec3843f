#include "postgres_account_store.hpp"

#include <pqxx/pqxx>

#include <utility>

#include "postgres_database.hpp"

namespace csip::storage::postgres {

namespace {

using domain::AuditEntry;

std::int64_t seconds(Seconds at) { return at.time_since_epoch().count(); }
Seconds at_seconds(std::int64_t value) { return Seconds{std::chrono::seconds{value}}; }


std::optional<Seconds> optional_seconds(const pqxx::field& field) {
    if (field.is_null()) return std::nullopt;
    return at_seconds(field.as<std::int64_t>());
}

constexpr std::string_view kUserColumns =
    "name, role, officer, password_hash, disabled, created_at";

UserRecord read_user(const pqxx::row& row) {
    UserRecord user;
    user.name = text(row[0]);
    const auto role = domain::parse_role(text(row[1]));
    if (!role) throw StoredDataError("it holds the unknown role '" + text(row[1]) + "'");
    user.role = *role;
    user.officer = text(row[2]);
    user.password_hash = text(row[3]);
    user.disabled = row[4].as<bool>();
    user.created_at = at_seconds(row[5].as<std::int64_t>());
    return user;
}

SignInFailures read_failures(const pqxx::result& rows) {
    SignInFailures failures;
    if (rows.empty()) return failures;
    failures.count = rows[0][0].as<int>();
    failures.last_failed_at = optional_seconds(rows[0][1]);
    failures.locked_until = optional_seconds(rows[0][2]);
    return failures;
}

// The URL as it may appear in a message: everything between "://" and "@" (the user and any
// password) and every `password=` parameter are left out.
std::string shown(std::string url) {
    const auto scheme = url.find("://");
    if (scheme != std::string::npos) {
        const auto authority_end = std::min(url.find_first_of("/?", scheme + 3), url.size());
        const auto at = url.rfind('@', authority_end);
        if (at != std::string::npos && at > scheme) url.erase(scheme + 3, at + 1 - (scheme + 3));
    }
    for (auto key = url.find("password="); key != std::string::npos; key = url.find("password=")) {
        const auto end = std::min(url.find_first_of("& ", key), url.size());
        url.erase(key, end - key);
    }
    return url;
}

// Called from a catch clause: what went wrong, naming the server and what csip was doing.
Error database_error(std::string_view url, std::string_view doing) {
    const std::string where = "the PostgreSQL database '" + std::string(url) + "'";
    try {
        throw;
    } catch (const pqxx::broken_connection& error) {
        return Error{ErrorKind::Unavailable,
                     "cannot reach " + where + " while " + std::string(doing) + " (" +
                         error.what() + "): check that the server is running",
                     {}};
    } catch (const pqxx::integrity_constraint_violation& error) {
        return Error{ErrorKind::InvalidInput,
                     where + " refused " + std::string(doing) + " (" + error.what() +
                         "): a session or token must name an existing user",
                     {}};
    } catch (const pqxx::pqxx_exception& error) {
        return Error{ErrorKind::Unavailable,
                     where + " failed while " + std::string(doing) + " (" + error.base().what() +
                         "): check the server's log, then try again",
                     {}};
    } catch (const StoredDataError& error) {
        return Error{ErrorKind::Unavailable,
                     where + " holds data csip did not write: " + std::string(error.what()), {}};
    }
}

}  // namespace

PostgresAccountStore::PostgresAccountStore(std::unique_ptr<PostgresDatabase> database)
    : m_database(std::move(database)) {}

PostgresAccountStore::~PostgresAccountStore() = default;

Result<void> PostgresAccountStore::add_user(const UserRecord& user,
                                            const std::vector<AuditEntry>& audit) {
    return m_database->guarded("adding a user", [&](pqxx::connection& db) -> Result<void> {
        pqxx::work tx(db);
        const auto inserted = tx.exec_params(
            "INSERT INTO users (name, role, officer, password_hash, disabled, created_at) "
            "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (name) DO NOTHING RETURNING 1",
            user.name, std::string(domain::to_string(user.role)), user.officer,
            user.password_hash, user.disabled, seconds(user.created_at));
        if (inserted.empty()) {
            return fail(ErrorKind::Conflict,
                        "there is already a user called '" + user.name + "'", "name");
        }
        append_audit(tx, audit);
        tx.commit();
        return {};
    });
}

Result<void> PostgresAccountStore::update_user(const UserRecord& user,
                                               const std::vector<AuditEntry>& audit) {
    return m_database->guarded("changing a user", [&](pqxx::connection& db) -> Result<void> {
        pqxx::work tx(db);
        const auto updated = tx.exec_params(
            "UPDATE users SET role = $1, officer = $2, password_hash = $3, disabled = $4 "
            "WHERE name = $5 RETURNING 1",
            std::string(domain::to_string(user.role)), user.officer, user.password_hash,
            user.disabled, user.name);
        if (updated.empty()) {
            return fail(ErrorKind::NotFound, "there is no user called '" + user.name + "'",
                        "name");
        }
        append_audit(tx, audit);
        tx.commit();
        return {};
    });
}

Result<std::optional<UserRecord>> PostgresAccountStore::find_user(const std::string& name) {
    return m_database->guarded("reading a user", [&](pqxx::connection& db) -> Result<std::optional<UserRecord>> {
        pqxx::read_transaction tx(db);
        const auto rows = tx.exec_params(
            "SELECT " + std::string(kUserColumns) + " FROM users WHERE name = $1", name);
        if (rows.empty()) return std::optional<UserRecord>();
        return std::optional<UserRecord>(read_user(rows[0]));
    });
}

Result<std::vector<UserRecord>> PostgresAccountStore::users() {
    return m_database->guarded("reading the users", [&](pqxx::connection& db) -> Result<std::vector<UserRecord>> {
        pqxx::read_transaction tx(db);
        std::vector<UserRecord> users;
        // COLLATE "C": by name as bytes, the order SQLite gives.
        for (const auto& row : tx.exec("SELECT " + std::string(kUserColumns) +
                                       " FROM users ORDER BY name COLLATE \"C\"")) {
            users.push_back(read_user(row));
        }
        return users;
    });
}

Result<void> PostgresAccountStore::add_session(const SessionRecord& session,
                                               const std::vector<AuditEntry>& audit) {
    return m_database->guarded("starting a session", [&](pqxx::connection& db) -> Result<void> {
        pqxx::work tx(db);
        tx.exec_params(
            "INSERT INTO sessions (token_hash, user_name, csrf_token, created_at, expires_at) "
            "VALUES ($1, $2, $3, $4, $5)",
            session.token_hash, session.user, session.csrf_token, seconds(session.created_at),
            seconds(session.expires_at));
        append_audit(tx, audit);
        tx.commit();
        return {};
    });
}

Result<std::optional<SessionRecord>> PostgresAccountStore::find_session(
    const std::string& token_hash) {
    return m_database->guarded("reading a session", [&](pqxx::connection& db) -> Result<std::optional<SessionRecord>> {
        pqxx::read_transaction tx(db);
        const auto rows = tx.exec_params(
            "SELECT token_hash, user_name, csrf_token, created_at, expires_at FROM sessions "
            "WHERE token_hash = $1",
            token_hash);
        if (rows.empty()) return std::optional<SessionRecord>();
        const auto& row = rows[0];
        return std::optional<SessionRecord>(SessionRecord{
            text(row[0]), text(row[1]), text(row[2]), at_seconds(row[3].as<std::int64_t>()),
            at_seconds(row[4].as<std::int64_t>())});
    });
}

Result<void> PostgresAccountStore::remove_session(const std::string& token_hash,
                                                  const std::vector<AuditEntry>& audit) {
    return m_database->guarded("ending a session", [&](pqxx::connection& db) -> Result<void> {
        pqxx::work tx(db);
        tx.exec_params("DELETE FROM sessions WHERE token_hash = $1", token_hash);
        append_audit(tx, audit);
        tx.commit();
        return {};
    });
}

Result<int> PostgresAccountStore::remove_expired_sessions(Seconds now) {
    return m_database->guarded("removing expired sessions", [&](pqxx::connection& db) -> Result<int> {
        pqxx::work tx(db);
        const auto removed =
            tx.exec_params("DELETE FROM sessions WHERE expires_at <= $1", seconds(now));
        tx.commit();
        return static_cast<int>(removed.affected_rows());
    });
}

Result<void> PostgresAccountStore::remove_sessions_of(const std::string& user) {
    return m_database->guarded("ending a user's sessions", [&](pqxx::connection& db) -> Result<void> {
        pqxx::work tx(db);
        tx.exec_params("DELETE FROM sessions WHERE user_name = $1", user);
        tx.commit();
        return {};
    });
}

Result<void> PostgresAccountStore::add_api_token(const ApiTokenRecord& token,
                                                 const std::vector<AuditEntry>& audit) {
    return m_database->guarded("creating an API token", [&](pqxx::connection& db) -> Result<void> {
        pqxx::work tx(db);
        tx.exec_params(
            "INSERT INTO api_tokens (token_hash, user_name, created_at) VALUES ($1, $2, $3)",
            token.token_hash, token.user, seconds(token.created_at));
        append_audit(tx, audit);
        tx.commit();
        return {};
    });
}

Result<std::optional<ApiTokenRecord>> PostgresAccountStore::find_api_token(
    const std::string& token_hash) {
    return m_database->guarded("reading an API token", [&](pqxx::connection& db) -> Result<std::optional<ApiTokenRecord>> {
        pqxx::read_transaction tx(db);
        const auto rows = tx.exec_params(
            "SELECT token_hash, user_name, created_at FROM api_tokens WHERE token_hash = $1",
            token_hash);
        if (rows.empty()) return std::optional<ApiTokenRecord>();
        return std::optional<ApiTokenRecord>(ApiTokenRecord{
            text(rows[0][0]), text(rows[0][1]), at_seconds(rows[0][2].as<std::int64_t>())});
    });
}

Result<SignInFailures> PostgresAccountStore::sign_in_failures(const std::string& name) {
    return m_database->guarded("reading failed sign-ins", [&](pqxx::connection& db) -> Result<SignInFailures> {
        pqxx::read_transaction tx(db);
        return read_failures(tx.exec_params(
            "SELECT failures, last_failed_at, locked_until FROM sign_in_failures WHERE name = $1",
            name));
    });
}

Result<SignInFailures> PostgresAccountStore::record_failed_sign_in(const std::string& name,
                                                                   Seconds at) {
    return m_database->guarded("recording a failed sign-in", [&](pqxx::connection& db) -> Result<SignInFailures> {
        pqxx::work tx(db);
        auto failures = read_failures(tx.exec_params(
            "INSERT INTO sign_in_failures (name, failures, last_failed_at) VALUES ($1, 1, $2) "
            "ON CONFLICT (name) DO UPDATE SET failures = sign_in_failures.failures + 1, "
            "last_failed_at = EXCLUDED.last_failed_at "
            "RETURNING failures, last_failed_at, locked_until",
            name, seconds(at)));
        tx.commit();
        return failures;
    });
}

Result<void> PostgresAccountStore::lock_sign_in(const std::string& name, Seconds until,
                                                const std::vector<AuditEntry>& audit) {
    return m_database->guarded("locking sign-in", [&](pqxx::connection& db) -> Result<void> {
        pqxx::work tx(db);
        tx.exec_params(
            "INSERT INTO sign_in_failures (name, failures, last_failed_at, locked_until) "
            "VALUES ($1, 0, $2, $2) ON CONFLICT (name) DO UPDATE SET "
            "locked_until = EXCLUDED.locked_until",
            name, seconds(until));
        append_audit(tx, audit);
        tx.commit();
        return {};
    });
}

Result<void> PostgresAccountStore::clear_failed_sign_ins(const std::string& name) {
    return m_database->guarded("clearing failed sign-ins", [&](pqxx::connection& db) -> Result<void> {
        pqxx::work tx(db);
        tx.exec_params("DELETE FROM sign_in_failures WHERE name = $1", name);
        tx.commit();
        return {};
    });
}

Result<std::unique_ptr<AccountStore>> open_postgres_account_store(const std::string& url) {
    auto connection = connect_and_migrate(url);
    if (!connection) return fail(std::move(connection).error());
    return std::unique_ptr<AccountStore>(std::make_unique<PostgresAccountStore>(
        std::make_unique<PostgresDatabase>(std::move(*connection), shown(url), &database_error)));
}

}  // namespace csip::storage::postgres
