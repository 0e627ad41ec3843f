#include "storage/sql/store_support.hpp"

#include <utility>

#include "storage/sql/schema.hpp"

namespace csip::storage::sql {

void throw_damaged(const std::string& what) {
    throw DatabaseError(Failure::Damaged, "it holds " + what);
}

Statement& Statement::bind_all(const std::vector<std::string>& values) {
    m_cursor->reset();
    for (std::size_t i = 0; i < values.size(); ++i) {
        m_cursor->bind(static_cast<int>(i), Value(values[i]));
    }
    return *this;
}

std::optional<std::string> Statement::optional_text(int column) const {
    if (is_null(column)) return std::nullopt;
    return text(column);
}

std::optional<double> Statement::optional_real(int column) const {
    if (is_null(column)) return std::nullopt;
    return real(column);
}

std::optional<bool> Statement::optional_boolean(int column) const {
    if (is_null(column)) return std::nullopt;
    return boolean(column);
}

Error describe(const DatabaseError& error, std::string_view where, std::string_view doing,
               std::string_view refused_advice) {
    const std::string place(where);
    const std::string while_doing = " while " + std::string(doing);
    const std::string detail = error.what();
    auto unavailable = [](std::string message) {
        return Error{ErrorKind::Unavailable, std::move(message), {}};
    };
    switch (error.failure()) {
        case Failure::Refused:
            if (refused_advice.empty()) break;
            return Error{ErrorKind::InvalidInput,
                         place + " refused " + std::string(doing) + " (" + detail +
                             "): " + std::string(refused_advice),
                         {}};
        case Failure::Busy:
            return unavailable(place + " stayed locked by another csip process" + while_doing +
                               " (" + detail + "): try again when it has finished");
        case Failure::NotADatabase:
            return unavailable(place + " is not a SQLite database (" + detail +
                               "): give the path of a csip database, or a new file name to "
                               "create one");
        case Failure::CannotUse:
            return unavailable("cannot use " + place + while_doing + " (" + detail +
                               "): check that its folder exists and that csip may read and "
                               "write both the file and the folder");
        case Failure::DiskFull:
            return unavailable("the disk holding " + place + " is full (" + std::string(doing) +
                               "): free some space and try again; nothing was stored");
        case Failure::Damaged:
            return unavailable(place + " is damaged: " + detail +
                               "; restore it from a backup, or check what else writes to it");
        case Failure::Unreachable:
            return unavailable("cannot reach " + place + while_doing + " (" + detail +
                               "): check that the server is running and that the URL names the "
                               "right host, port, database and user");
        case Failure::ConnectionLost:
            return unavailable("the connection to " + place + " was lost" + while_doing + " (" +
                               detail +
                               "): check whether the change was saved before making it again");
        case Failure::ConcurrentChange:
            return unavailable(place + " gave up" + while_doing +
                               " because of a concurrent change (" + detail + "): try again");
        case Failure::NotPermitted:
            return unavailable("the database user may not do this" + while_doing + " in " + place +
                               " (" + detail +
                               "): grant it the privileges listed in docs/storage.md");
        case Failure::Other:
            break;
    }
    return unavailable(place + " failed" + while_doing + " (" + detail +
                       "): check the disk, the file or the server's log, then try again");
}

Result<std::unique_ptr<Database>> open_database(const Connector& connector,
                                                std::string_view refused_advice) {
    try {
        auto connection = connector.connect();
        auto migrated = migrate(*connection);
        if (!migrated) return fail(std::move(migrated).error());
        return std::make_unique<Database>(std::move(connection), refused_advice);
    } catch (const DatabaseError& error) {
        return fail(describe(error, connector.where, "opening it", {}));
    }
}

domain::Date stored_date(const std::string& text, std::string_view column) {
    const auto date = domain::Date::parse_iso(text);
    if (!date) throw_damaged("the date '" + text + "' in " + std::string(column));
    return *date;
}

std::optional<domain::Date> stored_optional_date(const Statement& row, int column,
                                                 std::string_view name) {
    if (row.is_null(column)) return std::nullopt;
    return stored_date(row.text(column), name);
}

std::optional<std::string> iso(const std::optional<domain::Date>& date) {
    if (!date) return std::nullopt;
    return date->iso();
}

void append_audit(Connection& db, const std::vector<domain::AuditEntry>& audit) {
    if (audit.empty()) return;
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

}  // namespace csip::storage::sql
