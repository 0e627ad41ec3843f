#include "sqlite_account_store.hpp"

#include <utility>

#include "connection.hpp"
#include "sqlite_store.hpp"

namespace csip::storage::sqlite {
namespace {

using domain::AuditEntry;

constexpr int kBusyTimeoutMilliseconds = 10'000;

std::int64_t seconds(Seconds at) { return at.time_since_epoch().count(); }
Seconds at_seconds(std::int64_t value) { return Seconds{std::chrono::seconds{value}}; }

std::optional<Seconds> optional_seconds(const Statement& row, int column) {
    if (row.is_null(column)) return std::nullopt;
    return at_seconds(row.integer(column));
}

void append_audit(Connection& db, const std::vector<AuditEntry>& audit) {
    auto insert = db.prepare(
        "INSERT INTO audit_trail (at, actor, entity, entity_id, field, old_value, new_value, "
        "reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    for (const auto& entry : audit) {
        insert
            .bind(entry.at, entry.actor, entry.entity, entry.entity_id, entry.field,
                  entry.old_value, entry.new_value, entry.reason)
            .run();
    }
}

constexpr std::string_view kUserColumns =
    "name, role, officer, password_hash, disabled, created_at";

UserRecord read_user(const Statement& row) {
    UserRecord user;
    user.name = row.text(0);
    const auto role_word = row.text(1);
    const auto role = domain::parse_role(role_word);
    if (!role) throw SqliteError(SQLITE_CORRUPT, "it holds the unknown role '" + role_word + "'");
    user.role = *role;
    user.officer = row.text(2);
    user.password_hash = row.text(3);
    user.disabled = row.integer(4) != 0;
    user.created_at = at_seconds(row.integer(5));
    return user;
}

SignInFailures read_failures(Statement& row) {
    SignInFailures failures;
    if (!row.step()) return failures;
    failures.count = static_cast<int>(row.integer(0));
    failures.last_failed_at = optional_seconds(row, 1);
    failures.locked_until = optional_seconds(row, 2);
    return failures;
}

Error database_error(const SqliteError& error, const std::string& path, std::string_view doing) {
    const std::string where = "the csip database '" + path + "'";
    switch (error.primary_code()) {
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
            return Error{ErrorKind::Unavailable,
                         where + " stayed locked by another csip process for over " +
                             std::to_string(kBusyTimeoutMilliseconds / 1000) + " s while " +
                             std::string(doing) + ": try again when it has finished",
                         {}};
        case SQLITE_CONSTRAINT:
            return Error{ErrorKind::InvalidInput,
                         where + " refused " + std::string(doing) + " (" + error.what() +
                             "): a session or token must name an existing user",
                         {}};
        default:
            return Error{ErrorKind::Unavailable,
                         where + " failed while " + std::string(doing) + ": " + error.what() +
                             "; check the disk and the file, then try again",
                         {}};
    }
}

}  // namespace

SqliteAccountStore::SqliteAccountStore(std::unique_ptr<Connection> connection, std::string path)
    : m_connection(std::move(connection)), m_path(std::move(path)) {}

SqliteAccountStore::~SqliteAccountStore() = default;

template <typename Body>
auto SqliteAccountStore::guarded(std::string_view doing, Body&& body) -> decltype(body()) {
    std::lock_guard lock(m_mutex);
    try {
        return body();
    } catch (const SqliteError& error) {
        return fail(database_error(error, m_path, doing));
    }
}

Result<void> SqliteAccountStore::add_user(const UserRecord& user,
                                          const std::vector<AuditEntry>& audit) {
    return guarded("adding a user", [&]() -> Result<void> {
        Connection& db = *m_connection;
        Transaction transaction(db, Transaction::Mode::Write);
        auto existing = db.prepare("SELECT 1 FROM users WHERE name = ?");
        if (existing.bind(user.name).step()) {
            return fail(ErrorKind::Conflict,
                        "there is already a user called '" + user.name + "'", "name");
        }
        db.prepare(
              "INSERT INTO users (name, role, officer, password_hash, disabled, created_at) "
              "VALUES (?, ?, ?, ?, ?, ?)")
            .bind(user.name, std::string(domain::to_string(user.role)), user.officer,
                  user.password_hash, user.disabled, seconds(user.created_at))
            .run();
        append_audit(db, audit);
        transaction.commit();
        return {};
    });
}

Result<void> SqliteAccountStore::update_user(const UserRecord& user,
                                             const std::vector<AuditEntry>& audit) {
    return guarded("changing a user", [&]() -> Result<void> {
        Connection& db = *m_connection;
        Transaction transaction(db, Transaction::Mode::Write);
        auto existing = db.prepare("SELECT 1 FROM users WHERE name = ?");
        if (!existing.bind(user.name).step()) {
            return fail(ErrorKind::NotFound, "there is no user called '" + user.name + "'",
                        "name");
        }
        db.prepare(
              "UPDATE users SET role = ?, officer = ?, password_hash = ?, disabled = ? "
              "WHERE name = ?")
            .bind(std::string(domain::to_string(user.role)), user.officer, user.password_hash,
                  user.disabled, user.name)
            .run();
        append_audit(db, audit);
        transaction.commit();
        return {};
    });
}

Result<std::optional<UserRecord>> SqliteAccountStore::find_user(const std::string& name) {
    return guarded("reading a user", [&]() -> Result<std::optional<UserRecord>> {
        auto row = m_connection->prepare("SELECT " + std::string(kUserColumns) +
                                         " FROM users WHERE name = ?");
        if (!row.bind(name).step()) return std::optional<UserRecord>();
        return std::optional<UserRecord>(read_user(row));
    });
}

Result<std::vector<UserRecord>> SqliteAccountStore::users() {
    return guarded("reading the users", [&]() -> Result<std::vector<UserRecord>> {
        auto rows = m_connection->prepare("SELECT " + std::string(kUserColumns) +
                                          " FROM users ORDER BY name");
        std::vector<UserRecord> users;
        while (rows.step()) users.push_back(read_user(rows));
        return users;
    });
}

Result<void> SqliteAccountStore::add_session(const SessionRecord& session,
                                             const std::vector<AuditEntry>& audit) {
    return guarded("starting a session", [&]() -> Result<void> {
        Connection& db = *m_connection;
        Transaction transaction(db, Transaction::Mode::Write);
        db.prepare(
              "INSERT INTO sessions (token_hash, user_name, csrf_token, created_at, expires_at) "
              "VALUES (?, ?, ?, ?, ?)")
            .bind(session.token_hash, session.user, session.csrf_token,
                  seconds(session.created_at), seconds(session.expires_at))
            .run();
        append_audit(db, audit);
        transaction.commit();
        return {};
    });
}

Result<std::optional<SessionRecord>> SqliteAccountStore::find_session(const std::string& token_hash) {
    return guarded("reading a session", [&]() -> Result<std::optional<SessionRecord>> {
        auto row = m_connection->prepare(
            "SELECT token_hash, user_name, csrf_token, created_at, expires_at FROM sessions "
            "WHERE token_hash = ?");
        if (!row.bind(token_hash).step()) return std::optional<SessionRecord>();
        return std::optional<SessionRecord>(SessionRecord{row.text(0), row.text(1), row.text(2),
                                                          at_seconds(row.integer(3)),
                                                          at_seconds(row.integer(4))});
    });
}

Result<void> SqliteAccountStore::remove_session(const std::string& token_hash,
                                                const std::vector<AuditEntry>& audit) {
    return guarded("ending a session", [&]() -> Result<void> {
        Connection& db = *m_connection;
        Transaction transaction(db, Transaction::Mode::Write);
        db.prepare("DELETE FROM sessions WHERE token_hash = ?").bind(token_hash).run();
        append_audit(db, audit);
        transaction.commit();
        return {};
    });
}

Result<int> SqliteAccountStore::remove_expired_sessions(Seconds now) {
    return guarded("removing expired sessions", [&]() -> Result<int> {
        Connection& db = *m_connection;
        db.prepare("DELETE FROM sessions WHERE expires_at <= ?").bind(seconds(now)).run();
        return sqlite3_changes(db.handle());
    });
}

Result<void> SqliteAccountStore::remove_sessions_of(const std::string& user) {
    return guarded("ending a user's sessions", [&]() -> Result<void> {
        m_connection->prepare("DELETE FROM sessions WHERE user_name = ?").bind(user).run();
        return {};
    });
}

Result<void> SqliteAccountStore::add_api_token(const ApiTokenRecord& token,
                                               const std::vector<AuditEntry>& audit) {
    return guarded("creating an API token", [&]() -> Result<void> {
        Connection& db = *m_connection;
        Transaction transaction(db, Transaction::Mode::Write);
        db.prepare("INSERT INTO api_tokens (token_hash, user_name, created_at) VALUES (?, ?, ?)")
            .bind(token.token_hash, token.user, seconds(token.created_at))
            .run();
        append_audit(db, audit);
        transaction.commit();
        return {};
    });
}

Result<std::optional<ApiTokenRecord>> SqliteAccountStore::find_api_token(
    const std::string& token_hash) {
    return guarded("reading an API token", [&]() -> Result<std::optional<ApiTokenRecord>> {
        auto row = m_connection->prepare(
            "SELECT token_hash, user_name, created_at FROM api_tokens WHERE token_hash = ?");
        if (!row.bind(token_hash).step()) return std::optional<ApiTokenRecord>();
        return std::optional<ApiTokenRecord>(
            ApiTokenRecord{row.text(0), row.text(1), at_seconds(row.integer(2))});
    });
}

Result<SignInFailures> SqliteAccountStore::sign_in_failures(const std::string& name) {
    return guarded("reading failed sign-ins", [&]() -> Result<SignInFailures> {
        auto row = m_connection->prepare(
            "SELECT failures, last_failed_at, locked_until FROM sign_in_failures WHERE name = ?");
        row.bind(name);
        return read_failures(row);
    });
}

Result<SignInFailures> SqliteAccountStore::record_failed_sign_in(const std::string& name,
                                                                 Seconds at) {
    return guarded("recording a failed sign-in", [&]() -> Result<SignInFailures> {
        Connection& db = *m_connection;
        Transaction transaction(db, Transaction::Mode::Write);
        db.prepare(
              "INSERT INTO sign_in_failures (name, failures, last_failed_at) VALUES (?, 1, ?) "
              "ON CONFLICT (name) DO UPDATE SET failures = failures + 1, "
              "last_failed_at = excluded.last_failed_at")
            .bind(name, seconds(at))
            .run();
        auto row = db.prepare(
            "SELECT failures, last_failed_at, locked_until FROM sign_in_failures WHERE name = ?");
        row.bind(name);
        auto failures = read_failures(row);
        transaction.commit();
        return failures;
    });
}

Result<void> SqliteAccountStore::lock_sign_in(const std::string& name, Seconds until,
                                              const std::vector<AuditEntry>& audit) {
    return guarded("locking sign-in", [&]() -> Result<void> {
        Connection& db = *m_connection;
        Transaction transaction(db, Transaction::Mode::Write);
        db.prepare(
              "INSERT INTO sign_in_failures (name, failures, last_failed_at, locked_until) "
              "VALUES (?, 0, ?, ?) ON CONFLICT (name) DO UPDATE SET "
              "locked_until = excluded.locked_until")
            .bind(name, seconds(until), seconds(until))
            .run();
        append_audit(db, audit);
        transaction.commit();
        return {};
    });
}

Result<void> SqliteAccountStore::clear_failed_sign_ins(const std::string& name) {
    return guarded("clearing failed sign-ins", [&]() -> Result<void> {
        m_connection->prepare("DELETE FROM sign_in_failures WHERE name = ?").bind(name).run();
        return {};
    });
}

Result<std::unique_ptr<AccountStore>> open_sqlite_account_store(const std::string& path) {
    // Opening the plan store creates the file if need be and applies every migration, under the
    // write lock; the account store then keeps a connection of its own.
    auto migrated = open_sqlite_store(path);
    if (!migrated) return fail(std::move(migrated).error());
    migrated->reset();
    try {
        auto connection = std::make_unique<Connection>(path);
        sqlite3_busy_timeout(connection->handle(), kBusyTimeoutMilliseconds);
        connection->execute("PRAGMA foreign_keys = ON");
        return std::unique_ptr<AccountStore>(
            std::make_unique<SqliteAccountStore>(std::move(connection), path));
    } catch (const SqliteError& error) {
        return fail(database_error(error, path, "opening it"));
    }
}

}  // namespace csip::storage::sqlite
