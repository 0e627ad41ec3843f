// AccountStore on a sql::Connection: users, sessions, API tokens and failed sign-ins
// (schema.cpp, versions 5 and 8). Every write that appends to the audit trail is one Access::Write
// transaction on Lock::Accounts.
#include <utility>

#include "storage/sql/stores.hpp"

namespace csip::storage::sql {
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
    if (!role) throw_damaged("the unknown role '" + role_word + "'");
    user.role = *role;
    user.officer = row.text(2);
    user.password_hash = row.text(3);
    user.disabled = row.boolean(4);
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

constexpr std::string_view kTokenColumns = "token_hash, user_name, created_at, label, expires_at";

ApiTokenRecord read_token(const Statement& row) {
    return ApiTokenRecord{row.text(0), row.text(1), at_seconds(row.integer(2)), row.text(3),
                          at_seconds(row.integer(4))};
}

constexpr std::string_view kAccountRefused = "a session or token must name an existing user";

class SqlAccountStore final : public AccountStore {
  public:
    explicit SqlAccountStore(std::unique_ptr<Database> database)
        : m_database(std::move(database)) {}

    Result<void> add_user(const UserRecord& user, const std::vector<AuditEntry>& audit) override {
        return m_database->write(
            "adding a user", Lock::Accounts, audit, [&](Connection& db) -> Result<void> {
                auto existing = db.prepare("SELECT 1 FROM users WHERE name = ?");
                if (existing.bind(user.name).step()) {
                    return fail(ErrorKind::Conflict,
                                "there is already a user called '" + user.name + "'", "name");
                }
                db.prepare(
                      "INSERT INTO users (name, role, officer, password_hash, disabled, "
                      "created_at) "
                      "VALUES (?, ?, ?, ?, ?, ?)")
                    .bind(user.name, std::string(domain::to_string(user.role)), user.officer,
                          user.password_hash, user.disabled, seconds(user.created_at))
                    .run();
                return {};
            });
    }

    Result<void> update_user(const UserRecord& user, const std::vector<AuditEntry>& audit,
                             bool end_credentials) override {
        return m_database->write(
            "changing a user", Lock::Accounts, audit, [&](Connection& db) -> Result<void> {
                auto existing = db.prepare("SELECT 1 FROM users WHERE name = ?");
                if (!existing.bind(user.name).step()) {
                    return fail(ErrorKind::NotFound, "there is no user called '" + user.name + "'",
                                "name");
                }
                db.prepare(
                      "UPDATE users SET role = ?, officer = ?, password_hash = ?, disabled = ? "
                      "WHERE name = ?")
                    .bind(std::string(domain::to_string(user.role)), user.officer,
                          user.password_hash, user.disabled, user.name)
                    .run();
                if (end_credentials) {
                    db.prepare("DELETE FROM sessions WHERE user_name = ?").bind(user.name).run();
                    db.prepare("DELETE FROM api_tokens WHERE user_name = ?").bind(user.name).run();
                }
                return {};
            });
    }

    Result<std::optional<UserRecord>> find_user(const std::string& name) override {
        return m_database->guarded("reading a user",
                                   [&](Connection& db) -> Result<std::optional<UserRecord>> {
                                       auto row = db.prepare("SELECT " + std::string(kUserColumns) +
                                                             " FROM users WHERE name = ?");
                                       if (!row.bind(name).step())
                                           return std::optional<UserRecord>();
                                       return std::optional<UserRecord>(read_user(row));
                                   });
    }

    Result<std::vector<UserRecord>> users() override {
        return m_database->guarded(
            "reading the users", [&](Connection& db) -> Result<std::vector<UserRecord>> {
                auto rows =
                    db.prepare("SELECT " + std::string(kUserColumns) + " FROM users ORDER BY name");
                std::vector<UserRecord> users;
                while (rows.step()) users.push_back(read_user(rows));
                return users;
            });
    }

    Result<void> add_session(const SessionRecord& session,
                             const std::vector<AuditEntry>& audit) override {
        return m_database->write("starting a session", Lock::Accounts, audit, [&](Connection& db) {
            db.prepare(
                  "INSERT INTO sessions (token_hash, user_name, csrf_token, created_at, "
                  "expires_at) "
                  "VALUES (?, ?, ?, ?, ?)")
                .bind(session.token_hash, session.user, session.csrf_token,
                      seconds(session.created_at), seconds(session.expires_at))
                .run();
        });
    }

    Result<std::optional<SessionRecord>> find_session(const std::string& token_hash) override {
        return m_database->guarded(
            "reading a session", [&](Connection& db) -> Result<std::optional<SessionRecord>> {
                auto row = db.prepare(
                    "SELECT token_hash, user_name, csrf_token, created_at, expires_at FROM "
                    "sessions "
                    "WHERE token_hash = ?");
                if (!row.bind(token_hash).step()) return std::optional<SessionRecord>();
                return std::optional<SessionRecord>(
                    SessionRecord{row.text(0), row.text(1), row.text(2), at_seconds(row.integer(3)),
                                  at_seconds(row.integer(4))});
            });
    }

    Result<void> remove_session(const std::string& token_hash,
                                const std::vector<AuditEntry>& audit) override {
        return m_database->write("ending a session", Lock::Accounts, audit, [&](Connection& db) {
            db.prepare("DELETE FROM sessions WHERE token_hash = ?").bind(token_hash).run();
        });
    }

    Result<int> remove_expired_sessions(Seconds now) override {
        return m_database->guarded("removing expired sessions", [&](Connection& db) -> Result<int> {
            auto removed = db.prepare("DELETE FROM sessions WHERE expires_at <= ? RETURNING 1");
            removed.bind(seconds(now));
            int count = 0;
            while (removed.step()) ++count;
            return count;
        });
    }

    Result<void> add_api_token(const ApiTokenRecord& token,
                               const std::vector<AuditEntry>& audit) override {
        return m_database->write(
            "creating an API token", Lock::Accounts, audit, [&](Connection& db) {
                db.prepare(
                      "INSERT INTO api_tokens (token_hash, user_name, created_at, label, "
                      "expires_at) VALUES (?, ?, ?, ?, ?)")
                    .bind(token.token_hash, token.user, seconds(token.created_at), token.label,
                          seconds(token.expires_at))
                    .run();
            });
    }

    Result<std::optional<ApiTokenRecord>> find_api_token(const std::string& token_hash) override {
        return m_database->guarded(
            "reading an API token", [&](Connection& db) -> Result<std::optional<ApiTokenRecord>> {
                auto row = db.prepare("SELECT " + std::string(kTokenColumns) +
                                      " FROM api_tokens WHERE token_hash = ?");
                if (!row.bind(token_hash).step()) return std::optional<ApiTokenRecord>();
                return std::optional<ApiTokenRecord>(read_token(row));
            });
    }

    Result<std::vector<ApiTokenRecord>> api_tokens() override {
        return m_database->guarded(
            "reading the API tokens", [&](Connection& db) -> Result<std::vector<ApiTokenRecord>> {
                auto rows = db.prepare("SELECT " + std::string(kTokenColumns) +
                                       " FROM api_tokens ORDER BY user_name, created_at, token_hash");
                std::vector<ApiTokenRecord> tokens;
                while (rows.step()) tokens.push_back(read_token(rows));
                return tokens;
            });
    }

    Result<std::optional<ApiTokenRecord>> remove_api_token(
        const std::string& id, const std::vector<AuditEntry>& audit) override {
        std::optional<ApiTokenRecord> removed;
        auto written = m_database->write(
            "revoking an API token", Lock::Accounts, audit, [&](Connection& db) -> Result<void> {
                auto row = db.prepare("SELECT " + std::string(kTokenColumns) +
                                      " FROM api_tokens WHERE substr(token_hash, 1, " +
                                      std::to_string(kTokenIdLength) + ") = ?");
                if (id.size() != kTokenIdLength || !row.bind(id).step()) {
                    return fail(ErrorKind::NotFound, "there is no API token " + id, "id");
                }
                removed = read_token(row);
                db.prepare("DELETE FROM api_tokens WHERE token_hash = ?").bind(removed->token_hash).run();
                return {};
            });
        if (!written) {
            if (written.error().kind == ErrorKind::NotFound) return std::optional<ApiTokenRecord>();
            return fail(written.error());
        }
        return removed;
    }

    Result<SignInFailures> sign_in_failures(const std::string& name) override {
        return m_database->guarded("reading failed sign-ins",
                                   [&](Connection& db) -> Result<SignInFailures> {
                                       auto row = db.prepare(
                                           "SELECT failures, last_failed_at, locked_until FROM "
                                           "sign_in_failures WHERE name = ?");
                                       row.bind(name);
                                       return read_failures(row);
                                   });
    }

    Result<SignInFailures> record_failed_sign_in(const std::string& name, Seconds at) override {
        return m_database->write(
            "recording a failed sign-in", Lock::Accounts, {},
            [&](Connection& db) -> Result<SignInFailures> {
                auto row = db.prepare(
                    "INSERT INTO sign_in_failures (name, failures, last_failed_at) VALUES (?, 1, "
                    "?) "
                    "ON CONFLICT (name) DO UPDATE SET failures = sign_in_failures.failures + 1, "
                    "last_failed_at = excluded.last_failed_at "
                    "RETURNING failures, last_failed_at, locked_until");
                row.bind(name, seconds(at));
                auto failures = read_failures(row);
                row.run();
                return failures;
            });
    }

    Result<void> lock_sign_in(const std::string& name, Seconds until,
                              const std::vector<AuditEntry>& audit) override {
        return m_database->write("locking sign-in", Lock::Accounts, audit, [&](Connection& db) {
            db.prepare(
                  "INSERT INTO sign_in_failures (name, failures, last_failed_at, locked_until) "
                  "VALUES (?, 0, ?, ?) ON CONFLICT (name) DO UPDATE SET "
                  "locked_until = excluded.locked_until")
                .bind(name, seconds(until), seconds(until))
                .run();
        });
    }

    Result<void> clear_failed_sign_ins(const std::string& name) override {
        return m_database->guarded("clearing failed sign-ins", [&](Connection& db) -> Result<void> {
            db.prepare("DELETE FROM sign_in_failures WHERE name = ?").bind(name).run();
            return {};
        });
    }

  private:
    std::unique_ptr<Database> m_database;
};

}  // namespace

Result<std::unique_ptr<AccountStore>> open_account_store(const Connector& connector) {
    return open_store<AccountStore, SqlAccountStore>(connector, kAccountRefused);
}

}  // namespace csip::storage::sql
