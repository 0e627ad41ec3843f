#include "sqlite_account_store.hpp"

#include <utility>

#include "sqlite_database.hpp"

namespace csip::storage::sqlite {
namespace {

using domain::AuditEntry;

std::int64_t seconds(Seconds at) { return at.time_since_epoch().count(); }
Seconds at_seconds(std::int64_t value) { return Seconds{std::chrono::seconds{value}}; }

std::optional<Seconds> optional_seconds(const Statement& row, int column) {
    if (row.is_null(column)) return std::nullopt;
    return at_seconds(row.integer(column));
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

constexpr FailureWording kAccountWording{
    .refused = "a session or token must name an existing user",
};

}  // namespace

SqliteAccountStore::SqliteAccountStore(std::unique_ptr<SqliteDatabase> database)
    : m_database(std::move(database)) {}

SqliteAccountStore::~SqliteAccountStore() = default;

Result<void> SqliteAccountStore::add_user(const UserRecord& user,
                                          const std::vector<AuditEntry>& audit) {
    return m_database->guarded("adding a user", [&](Connection& db) -> Result<void> {
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
    return m_database->guarded("changing a user", [&](Connection& db) -> Result<void> {
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
    return m_database->guarded("reading a user", [&](Connection& db) -> Result<std::optional<UserRecord>> {
        auto row = db.prepare("SELECT " + std::string(kUserColumns) +
                                         " FROM users WHERE name = ?");
        if (!row.bind(name).step()) return std::optional<UserRecord>();
        return std::optional<UserRecord>(read_user(row));
    });
}

Result<std::vector<UserRecord>> SqliteAccountStore::users() {
    return m_database->guarded("reading the users", [&](Connection& db) -> Result<std::vector<UserRecord>> {
        auto rows = db.prepare("SELECT " + std::string(kUserColumns) +
                                          " FROM users ORDER BY name");
        std::vector<UserRecord> users;
        while (rows.step()) users.push_back(read_user(rows));
        return users;
    });
}

Result<void> SqliteAccountStore::add_session(const SessionRecord& session,
                                             const std::vector<AuditEntry>& audit) {
    return m_database->guarded("starting a session", [&](Connection& db) -> Result<void> {
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
    return m_database->guarded("reading a session", [&](Connection& db) -> Result<std::optional<SessionRecord>> {
        auto row = db.prepare(
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
    return m_database->guarded("ending a session", [&](Connection& db) -> Result<void> {
        Transaction transaction(db, Transaction::Mode::Write);
        db.prepare("DELETE FROM sessions WHERE token_hash = ?").bind(token_hash).run();
        append_audit(db, audit);
        transaction.commit();
        return {};
    });
}

Result<int> SqliteAccountStore::remove_expired_sessions(Seconds now) {
    return m_database->guarded("removing expired sessions", [&](Connection& db) -> Result<int> {
        db.prepare("DELETE FROM sessions WHERE expires_at <= ?").bind(seconds(now)).run();
        return sqlite3_changes(db.handle());
    });
}

Result<void> SqliteAccountStore::remove_sessions_of(const std::string& user) {
    return m_database->guarded("ending a user's sessions", [&](Connection& db) -> Result<void> {
        db.prepare("DELETE FROM sessions WHERE user_name = ?").bind(user).run();
        return {};
    });
}

Result<void> SqliteAccountStore::add_api_token(const ApiTokenRecord& token,
                                               const std::vector<AuditEntry>& audit) {
    return m_database->guarded("creating an API token", [&](Connection& db) -> Result<void> {
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
    return m_database->guarded("reading an API token", [&](Connection& db) -> Result<std::optional<ApiTokenRecord>> {
        auto row = db.prepare(
            "SELECT token_hash, user_name, created_at FROM api_tokens WHERE token_hash = ?");
        if (!row.bind(token_hash).step()) return std::optional<ApiTokenRecord>();
        return std::optional<ApiTokenRecord>(
            ApiTokenRecord{row.text(0), row.text(1), at_seconds(row.integer(2))});
    });
}

Result<SignInFailures> SqliteAccountStore::sign_in_failures(const std::string& name) {
    return m_database->guarded("reading failed sign-ins", [&](Connection& db) -> Result<SignInFailures> {
        auto row = db.prepare(
            "SELECT failures, last_failed_at, locked_until FROM sign_in_failures WHERE name = ?");
        row.bind(name);
        return read_failures(row);
    });
}

Result<SignInFailures> SqliteAccountStore::record_failed_sign_in(const std::string& name,
                                                                 Seconds at) {
    return m_database->guarded("recording a failed sign-in", [&](Connection& db) -> Result<SignInFailures> {
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
    return m_database->guarded("locking sign-in", [&](Connection& db) -> Result<void> {
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
    return m_database->guarded("clearing failed sign-ins", [&](Connection& db) -> Result<void> {
        db.prepare("DELETE FROM sign_in_failures WHERE name = ?").bind(name).run();
        return {};
    });
}

Result<std::unique_ptr<AccountStore>> open_sqlite_account_store(const std::string& path) {
    auto database = open_sqlite_database(path, kAccountWording);
    if (!database) return fail(std::move(database).error());
    return std::unique_ptr<AccountStore>(std::make_unique<SqliteAccountStore>(std::move(*database)));
}

}  // namespace csip::storage::sqlite
