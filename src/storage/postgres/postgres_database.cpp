#include "postgres_database.hpp"

#include <algorithm>
#include <cstdint>
#include <utility>

#include "migrations.hpp"

namespace csip::storage::postgres {
namespace {

// The key of the advisory lock that serialises migrations across servers ('csip' in ASCII).
constexpr std::int64_t kMigrationLock = 0x63736970;

// Applies each migration not yet recorded, each in its own transaction. The advisory lock
// serialises servers that open a new database at the same moment; each checks under it.
Result<void> migrate(pqxx::connection& db, const std::string& url) {
    {
        // Looked up before it is created, because CREATE TABLE IF NOT EXISTS needs the CREATE
        // privilege even when the table exists, and a least-privilege role has none.
        pqxx::work tx(db);
        tx.exec_params("SELECT pg_advisory_xact_lock($1)", kMigrationLock);
        if (tx.exec1("SELECT to_regclass('schema_migrations') IS NULL")[0].as<bool>()) {
            tx.exec(
                "CREATE TABLE schema_migrations ("
                "version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())");
        }
        tx.commit();
    }
    const int newest_known = migrations().back().version;
    {
        pqxx::read_transaction tx(db);
        const auto row = tx.exec1("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
        const int newest_applied = row[0].as<int>();
        if (newest_applied > newest_known) {
            return fail(ErrorKind::Unavailable,
                        "the database '" + url + "' has schema version " +
                            std::to_string(newest_applied) + ", newer than this csip knows (" +
                            std::to_string(newest_known) +
                            "): use the csip release that wrote it, or a later one");
        }
    }
    for (const auto& migration : migrations()) {
        pqxx::work tx(db);
        tx.exec_params("SELECT pg_advisory_xact_lock($1)", kMigrationLock);
        if (!tx.exec_params("SELECT 1 FROM schema_migrations WHERE version = $1", migration.version)
                 .empty()) {
            continue;
        }
        tx.exec(std::string(migration.sql));
        tx.exec_params("INSERT INTO schema_migrations (version) VALUES ($1)", migration.version);
        tx.commit();
    }
    return {};
}

}  // namespace

void throw_damaged(const std::string& what) { throw StoredDataError("it holds " + what); }

std::string text(const pqxx::field& field) { return std::string(field.c_str(), field.size()); }

const char* nullable(const std::optional<std::string>& value) {
    return value ? value->c_str() : nullptr;
}

std::string without_password(std::string_view url) {
    std::string out(url);
    const auto scheme = out.find("://");
    if (scheme != std::string::npos) {
        const auto authority = scheme + 3;
        const auto authority_end = std::min(out.find_first_of("/?", authority), out.size());
        const auto at = out.rfind('@', authority_end);
        if (at != std::string::npos && at >= authority) {
            const auto colon = out.find(':', authority);
            if (colon < at) out.replace(colon + 1, at - colon - 1, "***");
        }
    }
    constexpr std::string_view kKey = "password=";
    for (auto key = out.find(kKey); key != std::string::npos; key = out.find(kKey, key + 1)) {
        const auto value = key + kKey.size();
        std::size_t end = value;
        if (end < out.size() && out[end] == '\'') {
            end = out.find('\'', end + 1);
            end = end == std::string::npos ? out.size() : end + 1;
        } else {
            end = std::min(out.find_first_of("& ", value), out.size());
        }
        out.replace(value, end - value, "***");
    }
    return out;
}

std::string one_line(std::string_view message) {
    constexpr std::string_view kPrefix = "ERROR:  ";
    if (message.substr(0, kPrefix.size()) == kPrefix) message.remove_prefix(kPrefix.size());
    std::string out;
    bool space = false;
    for (const char c : message) {
        if (c == '\n' || c == '\t' || c == '\r' || c == ' ') {
            space = !out.empty();
            continue;
        }
        if (space) out += ' ';
        space = false;
        out += c;
    }
    return out;
}

void append_audit(pqxx::work& tx, const std::vector<domain::AuditEntry>& audit) {
    for (const auto& entry : audit) {
        tx.exec_params(
            "INSERT INTO audit_trail (at, actor, entity, entity_id, field, old_value, new_value, "
            "reason) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            entry.at, entry.actor, entry.entity, entry.entity_id, entry.field,
            nullable(entry.old_value), nullable(entry.new_value), nullable(entry.reason));
    }
}

Error describe_failure(std::string_view url, std::string_view doing) {
    const std::string where = "the PostgreSQL database '" + std::string(url) + "'";
    const std::string while_doing = " while " + std::string(doing);
    auto failed = [&](const std::exception& error) {
        return Error{ErrorKind::Unavailable,
                     where + " failed" + while_doing + " (" + one_line(error.what()) +
                         "): check the server's log, then try again",
                     {}};
    };
    auto refused = [&](const std::exception& error) {
        return Error{ErrorKind::InvalidInput,
                     where + " refused" + while_doing + " (" + one_line(error.what()) +
                         "): check the plan first (domain::check_plan): ids must be unique and "
                         "each link must name an item of the plan",
                     {}};
    };
    try {
        throw;
    } catch (const pqxx::broken_connection& error) {
        return Error{ErrorKind::Unavailable,
                     "cannot reach " + where + while_doing + " (" + one_line(error.what()) +
                         "): check that the server is running and that the URL names the right "
                         "host, port, database and user",
                     {}};
    } catch (const pqxx::in_doubt_error& error) {
        return Error{ErrorKind::Unavailable,
                     "the connection to " + where + " was lost" + while_doing + " (" +
                         one_line(error.what()) +
                         "): check whether the change was saved before making it again",
                     {}};
    } catch (const pqxx::transaction_rollback& error) {
        return Error{ErrorKind::Unavailable,
                     where + " gave up" + while_doing + " because of a concurrent change (" +
                         one_line(error.what()) + "): try again",
                     {}};
    } catch (const pqxx::integrity_constraint_violation& error) {
        return refused(error);
    } catch (const pqxx::insufficient_privilege& error) {
        return Error{ErrorKind::Unavailable,
                     "the database user may not do this" + while_doing + " in " + where + " (" +
                         one_line(error.what()) +
                         "): grant it the privileges listed in docs/storage.md",
                     {}};
    } catch (const pqxx::sql_error& error) {
        // Class 23 is "integrity constraint violation", whatever class libpqxx chose.
        if (error.sqlstate().rfind("23", 0) == 0) return refused(error);
        return failed(error);
    } catch (const pqxx::pqxx_exception& error) {
        return failed(error.base());
    } catch (const StoredDataError& error) {
        return Error{ErrorKind::Unavailable,
                     where + " holds data csip did not write: " + std::string(error.what()) +
                         "; check what else writes to it, or restore it from a backup",
                     {}};
    }
}

PostgresDatabase::PostgresDatabase(std::unique_ptr<pqxx::connection> connection,
                                   std::string shown, DescribeFailure describe)
    : m_connection(std::move(connection)), m_shown(std::move(shown)), m_describe(describe) {}

Result<std::unique_ptr<pqxx::connection>> connect_and_migrate(const std::string& url) {
    const std::string shown = without_password(url);
    try {
        auto connection = std::make_unique<pqxx::connection>(url);
        // Notices such as "relation already exists, skipping" are not for csip's users;
        // set_variable re-applies the setting if libpqxx reconnects.
        connection->set_variable("client_min_messages", "warning");
        auto migrated = migrate(*connection, shown);
        if (!migrated) return fail(std::move(migrated).error());
        return connection;
    } catch (const pqxx::pqxx_exception&) {
        return fail(describe_failure(shown, "opening it"));
    } catch (const StoredDataError&) {
        return fail(describe_failure(shown, "opening it"));
    }
}

}  // namespace csip::storage::postgres
