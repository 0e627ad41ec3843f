#include "sqlite_database.hpp"

#include <utility>

#include "migrations.hpp"

namespace csip::storage::sqlite {
namespace {

// Opening is worded as for the plan, whichever store asked: each store opens through here.
constexpr FailureWording kOpeningWording{
    .refused =
        "check the plan first (domain::check_plan): ids must be unique and each link must "
        "name an item of the plan",
    .cannot_use =
        "check that its folder exists and that csip may read and write both the file "
        "and the folder",
    .disk_full = "free some space and try again",
    .names_damage = true,
};

// Applies each migration not yet recorded, each in its own write transaction; the check runs
// under the write lock so that two processes opening a new file at once apply each version once.
Result<void> migrate(Connection& db, const std::string& path) {
    db.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        "version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL) STRICT");
    const int newest_known = migrations().back().version;
    auto newest_applied = db.prepare("SELECT MAX(version) FROM schema_migrations");
    if (newest_applied.step() && newest_applied.integer(0) > newest_known) {
        return fail(ErrorKind::Unavailable,
                    "the csip database '" + path + "' has schema version " +
                        std::to_string(newest_applied.integer(0)) +
                        ", newer than this csip knows (" + std::to_string(newest_known) +
                        "): use the csip release that wrote it, or a later one");
    }
    for (const auto& migration : migrations()) {
        Transaction transaction(db, Transaction::Mode::Write);
        auto applied = db.prepare("SELECT 1 FROM schema_migrations WHERE version = ?");
        if (applied.bind(migration.version).step()) continue;
        db.execute(std::string(migration.sql));
        db.prepare(
              "INSERT INTO schema_migrations (version, applied_at) "
              "VALUES (?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))")
            .bind(migration.version)
            .run();
        transaction.commit();
    }
    return {};
}

}  // namespace

Error database_error(const SqliteError& error, const std::string& path, std::string_view doing,
                     const FailureWording& wording) {
    const std::string where = "the csip database '" + path + "'";
    const std::string detail = std::string(error.what());
    switch (error.primary_code()) {
        case SQLITE_CONSTRAINT:
            if (wording.refused.empty()) break;
            return Error{ErrorKind::InvalidInput,
                         where + " refused " + std::string(doing) + " (" + detail +
                             "): " + std::string(wording.refused),
                         {}};
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
            return Error{ErrorKind::Unavailable,
                         where + " stayed locked by another csip process for over " +
                             std::to_string(kBusyTimeoutMilliseconds / 1000) + " s while " +
                             std::string(doing) + ": try again when it has finished",
                         {}};
        case SQLITE_NOTADB:
            return Error{ErrorKind::Unavailable,
                         "'" + path + "' is not a SQLite database (" + detail +
                             "): give the path of a csip database, or a new file name to create "
                             "one",
                         {}};
        case SQLITE_CANTOPEN:
        case SQLITE_PERM:
        case SQLITE_READONLY:
        case SQLITE_AUTH:
            if (wording.cannot_use.empty()) break;
            return Error{ErrorKind::Unavailable,
                         "cannot use " + where + " while " + std::string(doing) + " (" + detail +
                             "): " + std::string(wording.cannot_use),
                         {}};
        case SQLITE_FULL:
            if (wording.disk_full.empty()) break;
            return Error{ErrorKind::Unavailable,
                         "the disk holding " + where + " is full (" + std::string(doing) +
                             "): " + std::string(wording.disk_full),
                         {}};
        case SQLITE_CORRUPT:
            if (!wording.names_damage) break;
            return Error{ErrorKind::Unavailable,
                         where + " is damaged: " + detail +
                             "; restore it from a backup, or check what else writes to it",
                         {}};
        default:
            break;
    }
    return Error{ErrorKind::Unavailable,
                 where + " failed while " + std::string(doing) + ": " + detail +
                     "; check the disk and the file, then try again",
                 {}};
}

void throw_damaged(const std::string& what) {
    throw SqliteError(SQLITE_CORRUPT, "it holds " + what);
}

domain::Date stored_date(const std::string& text, std::string_view column) {
    const auto date = domain::Date::parse_iso(text);
    if (!date) throw_damaged("the date '" + text + "' in " + std::string(column));
    return *date;
}

void append_audit(Connection& db, const std::vector<domain::AuditEntry>& audit) {
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

SqliteDatabase::SqliteDatabase(std::unique_ptr<Connection> connection, std::string path,
                               const FailureWording& wording)
    : m_connection(std::move(connection)), m_path(std::move(path)), m_wording(wording) {}

Result<std::unique_ptr<SqliteDatabase>> open_sqlite_database(const std::string& path,
                                                             const FailureWording& wording) {
    try {
        auto connection = std::make_unique<Connection>(path);
        sqlite3_busy_timeout(connection->handle(), kBusyTimeoutMilliseconds);
        connection->execute("PRAGMA foreign_keys = ON");
        // WAL lets readers go on while one writer writes. The mode is stored in the file;
        // asking again on a file already in WAL is a no-op.
        connection->execute("PRAGMA journal_mode = WAL");
        auto migrated = migrate(*connection, path);
        if (!migrated) return fail(std::move(migrated).error());
        return std::make_unique<SqliteDatabase>(std::move(connection), path, wording);
    } catch (const SqliteError& error) {
        return fail(database_error(error, path, "opening it", kOpeningWording));
    }
}

}  // namespace csip::storage::sqlite
