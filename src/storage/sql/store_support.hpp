// What every store in this folder shares: the Database that runs each operation on one
// connection under one mutex and turns a DatabaseError into a csip::Error for a person, the
// Connector a backend hands over to open one, and the helpers that read stored values back.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "domain/audit.hpp"
#include "domain/date.hpp"
#include "domain/result.hpp"
#include "storage/sql/database.hpp"

namespace csip::storage::sql {

// How a backend opens a connection: `where` names the database in messages before there is a
// connection to ask; `connect` opens it with the backend's settings (it may throw
// DatabaseError).
struct Connector {
    std::string where;
    std::function<std::unique_ptr<Connection>()> connect;
};

// What went wrong, for a person: which database, what csip was doing, and what to do. A refusal
// (a constraint) is InvalidInput with `refused_advice` when the store gives one, and otherwise
// a failure like any other.
[[nodiscard]] Error describe(const DatabaseError& error, std::string_view where,
                             std::string_view doing, std::string_view refused_advice);

// Appends `audit` to the audit trail, in order, inside the caller's transaction.
void append_audit(Connection& db, const std::vector<domain::AuditEntry>& audit);

class Database {
  public:
    Database(std::unique_ptr<Connection> connection, std::string_view refused_advice)
        : m_connection(std::move(connection)), m_refused_advice(refused_advice) {}

    // Runs `body` with the connection, holding the mutex, and turns a database failure into an
    // Error that names the database and says what was being done.
    template <typename Body>
    auto guarded(std::string_view doing, Body&& body)
        -> decltype(body(std::declval<Connection&>())) {
        std::lock_guard lock(m_mutex);
        try {
            return body(*m_connection);
        } catch (const DatabaseError& error) {
            return fail(describe(error, m_connection->where(), doing, m_refused_advice));
        }
    }

    // Runs `body` in one Access::Write transaction on `lock` and appends `audit` in it. When
    // `body` returns a Result that failed, nothing it did is kept and `audit` is not appended.
    template <typename Body>
    auto write(std::string_view doing, Lock lock, const std::vector<domain::AuditEntry>& audit,
               Body&& body) {
        using Returned = decltype(body(std::declval<Connection&>()));
        using Out = std::conditional_t<std::is_void_v<Returned>, Result<void>, Returned>;
        return guarded(doing, [&](Connection& db) -> Out {
            Transaction transaction(db, Access::Write, lock);
            if constexpr (std::is_void_v<Returned>) {
                body(db);
                append_audit(db, audit);
                transaction.commit();
                return {};
            } else {
                auto result = body(db);
                if (!result) return result;
                append_audit(db, audit);
                transaction.commit();
                return result;
            }
        });
    }

  private:
    std::mutex m_mutex;
    std::unique_ptr<Connection> m_connection;
    std::string_view m_refused_advice;
};

// Connects and applies any migration the database lacks (schema.hpp); Unavailable, naming the
// database, if it cannot be opened or used.
[[nodiscard]] Result<std::unique_ptr<Database>> open_database(const Connector& connector,
                                                              std::string_view refused_advice);

// The store `Implementation` (constructed from its Database) on a database opened as above.
template <typename Interface, typename Implementation>
Result<std::unique_ptr<Interface>> open_store(const Connector& connector,
                                              std::string_view refused_advice) {
    auto database = open_database(connector, refused_advice);
    if (!database) return fail(std::move(database).error());
    return std::unique_ptr<Interface>(std::make_unique<Implementation>(std::move(*database)));
}

// The date stored in `column` of a row; throws as damaged if it is not one.
[[nodiscard]] domain::Date stored_date(const std::string& text, std::string_view column);
[[nodiscard]] std::optional<domain::Date> stored_optional_date(const Statement& row, int column,
                                                               std::string_view name);
[[nodiscard]] std::optional<std::string> iso(const std::optional<domain::Date>& date);

// An enumeration read back by `parse`; throws as damaged when the word is unknown.
template <typename E>
E stored_word(std::optional<E> parsed, const std::string& text, std::string_view column) {
    if (!parsed) throw_damaged("the unknown word '" + text + "' in " + std::string(column));
    return *parsed;
}

template <typename E, typename Parse>
std::optional<E> stored_optional_word(const std::optional<std::string>& text, Parse parse,
                                      std::string_view column) {
    if (!text) return std::nullopt;
    return stored_word(parse(*text), *text, column);
}

}  // namespace csip::storage::sql
