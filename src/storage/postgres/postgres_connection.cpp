// sql::Connection on libpqxx: the only file that includes <pqxx/pqxx> outside tests. What
// differs from SQLite: a server is connected to by URL (dates in ISO, notices below warnings
// hidden), `?` placeholders become $1, $2, ..., values travel as text that the server converts
// to each column's type, a read transaction is REPEATABLE READ READ ONLY, a write transaction
// takes an advisory lock per subject (what SQLite's one write lock does for the whole file), a
// bulk insert is COPY, and libpqxx's exceptions map onto sql::Failure.
#include <pqxx/pqxx>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <optional>
#include <utility>
#include <vector>

#include "storage/postgres/postgres_store.hpp"

namespace csip::storage::postgres {
namespace {

using sql::Failure;
using sql::Value;

// The advisory lock keys: 'csip' in ASCII for migrations (as every release has used), then
// one per subject.
constexpr std::int64_t kLockBase = 0x63736970;

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

// libpq's message on one line, without the "ERROR:  " that precedes every server error.
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

// Called from a catch clause: the libpqxx exception in flight as a sql::DatabaseError.
[[noreturn]] void rethrow_as_database_error() {
    try {
        throw;
    } catch (const sql::DatabaseError&) {
        throw;
    } catch (const pqxx::broken_connection& error) {
        throw sql::DatabaseError(Failure::Unreachable, one_line(error.what()));
    } catch (const pqxx::in_doubt_error& error) {
        throw sql::DatabaseError(Failure::ConnectionLost, one_line(error.what()));
    } catch (const pqxx::transaction_rollback& error) {
        throw sql::DatabaseError(Failure::ConcurrentChange, one_line(error.what()));
    } catch (const pqxx::insufficient_privilege& error) {
        throw sql::DatabaseError(Failure::NotPermitted, one_line(error.what()), error.sqlstate());
    } catch (const pqxx::disk_full& error) {
        throw sql::DatabaseError(Failure::DiskFull, one_line(error.what()), error.sqlstate());
    } catch (const pqxx::sql_error& error) {
        // Class 23 is "integrity constraint violation", whatever class libpqxx chose.
        const bool refused = error.sqlstate().rfind("23", 0) == 0;
        throw sql::DatabaseError(refused ? Failure::Refused : Failure::Other,
                                 one_line(error.what()), error.sqlstate());
    } catch (const pqxx::pqxx_exception& error) {
        throw sql::DatabaseError(Failure::Other, one_line(error.base().what()));
    }
}

// `sql` with each `?` outside quotes replaced by $1, $2, ...
std::string numbered_placeholders(std::string_view sql) {
    std::string out;
    out.reserve(sql.size() + 16);
    int next = 1;
    char quote = 0;
    for (const char c : sql) {
        if (quote != 0) {
            if (c == quote) quote = 0;
        } else if (c == '\'' || c == '"') {
            quote = c;
        } else if (c == '?') {
            out += '$' + std::to_string(next++);
            continue;
        }
        out += c;
    }
    return out;
}

constexpr std::string_view kHex = "0123456789abcdef";

// A value as the text PostgreSQL reads for the column's type; nothing for NULL.
std::optional<std::string> as_text(const Value& value) {
    switch (value.kind) {
        case Value::Kind::Null:
            return std::nullopt;
        case Value::Kind::Integer:
            return std::to_string(value.integer);
        case Value::Kind::Boolean:
            return std::string(value.integer != 0 ? "t" : "f");
        case Value::Kind::Text:
            return std::string(value.text);
        case Value::Kind::Real: {
            if (std::isnan(value.real)) return std::string("NaN");
            if (std::isinf(value.real))
                return std::string(value.real > 0 ? "Infinity" : "-Infinity");
            // The shortest text that reads back as the same double, as PostgreSQL writes it.
            std::array<char, 32> buffer{};
            const auto [end, error] =
                std::to_chars(buffer.data(), buffer.data() + buffer.size(), value.real);
            return std::string(buffer.data(), end);
        }
        case Value::Kind::Bytes: {
            // bytea's hex input format.
            std::string out = "\\x";
            out.reserve(2 + value.text.size() * 2);
            for (const char c : value.text) {
                const auto byte = static_cast<unsigned char>(c);
                out += kHex[byte >> 4];
                out += kHex[byte & 0xf];
            }
            return out;
        }
    }
    return std::nullopt;
}

class PostgresConnection;

class PostgresCursor final : public sql::Cursor {
  public:
    PostgresCursor(PostgresConnection& connection, std::string_view sql)
        : m_connection(connection), m_sql(numbered_placeholders(sql)) {}

    void reset() override {
        m_params.clear();
        m_result = {};
        m_next = 0;
        m_ran = false;
    }
    void bind(int index, const Value& value) override {
        const auto at = static_cast<std::size_t>(index);
        if (m_params.size() <= at) m_params.resize(at + 1);
        m_params[at] = as_text(value);
    }
    bool step() override;

    [[nodiscard]] bool is_null(int column) const override { return field(column).is_null(); }
    [[nodiscard]] std::string text(int column) const override {
        const auto value = field(column);
        return std::string(value.c_str(), value.size());
    }
    [[nodiscard]] std::int64_t integer(int column) const override {
        const auto value = field(column);
        std::int64_t number = 0;
        const auto [end, error] =
            std::from_chars(value.c_str(), value.c_str() + value.size(), number);
        if (error != std::errc() || end != value.c_str() + value.size()) {
            sql::throw_damaged("the number '" + text(column) + "' where a whole number belongs");
        }
        return number;
    }
    [[nodiscard]] double real(int column) const override {
        const std::string value = text(column);
        if (value == "NaN") return std::nan("");
        if (value == "Infinity") return HUGE_VAL;
        if (value == "-Infinity") return -HUGE_VAL;
        double number = 0;
        const auto [end, error] =
            std::from_chars(value.data(), value.data() + value.size(), number);
        if (error != std::errc() || end != value.data() + value.size()) {
            sql::throw_damaged("the number '" + value + "'");
        }
        return number;
    }
    [[nodiscard]] bool boolean(int column) const override {
        const auto value = field(column);
        return value.size() > 0 && value.c_str()[0] == 't';
    }
    [[nodiscard]] std::string bytes(int column) const override {
        const auto value = field(column);
        const std::string_view hex(value.c_str(), value.size());
        if (hex.substr(0, 2) != "\\x" || hex.size() % 2 != 0)
            sql::throw_damaged("bytes not in hex");
        std::string out;
        out.reserve(hex.size() / 2);
        for (std::size_t i = 2; i + 1 < hex.size(); i += 2) {
            const auto high = kHex.find(hex[i]);
            const auto low = kHex.find(hex[i + 1]);
            if (high == std::string_view::npos || low == std::string_view::npos) {
                sql::throw_damaged("bytes not in hex");
            }
            out += static_cast<char>((high << 4) | low);
        }
        return out;
    }

  private:
    [[nodiscard]] pqxx::field field(int column) const {
        return m_result[static_cast<pqxx::result::size_type>(m_next - 1)]
                       [static_cast<pqxx::row::size_type>(column)];
    }

    PostgresConnection& m_connection;
    std::string m_sql;
    std::vector<std::optional<std::string>> m_params;
    pqxx::result m_result;
    pqxx::result::size_type m_next = 0;
    bool m_ran = false;
};

// COPY into one table: each row's fields as text, NULL for an empty one.
class PostgresBulkInsert final : public sql::BulkInsert {
  public:
    PostgresBulkInsert(pqxx::transaction_base& tx, std::string_view table,
                       std::initializer_list<std::string_view> columns)
        : m_stream(tx, std::string(table),
                   std::vector<std::string>(columns.begin(), columns.end())) {}

    void finish() override {
        try {
            m_stream.complete();
        } catch (...) {
            rethrow_as_database_error();
        }
    }

  protected:
    void add_row(const Value* values, std::size_t count) override {
        m_texts.resize(count);
        m_fields.resize(count);
        for (std::size_t i = 0; i < count; ++i) {
            m_texts[i] = as_text(values[i]);
            m_fields[i] = m_texts[i] ? m_texts[i]->c_str() : nullptr;
        }
        try {
            write(count, std::make_index_sequence<kMostColumns>());
        } catch (...) {
            rethrow_as_database_error();
        }
    }

  private:
    // stream_to writes a row from a tuple-like value, so each width has its own std::array.
    // The widest table written in bulk is case_annex_a_children (21 columns).
    static constexpr std::size_t kMostColumns = 24;
    template <std::size_t... Widths>
    void write(std::size_t count, std::index_sequence<Widths...> /*widths*/) {
        if (count == 0 || count > kMostColumns) {
            throw sql::DatabaseError(Failure::Other, "a bulk insert of an unexpected width");
        }
        ((count == Widths + 1 ? write_fields<Widths + 1>() : void()), ...);
    }
    template <std::size_t Width>
    void write_fields() {
        std::array<const char*, Width> row{};
        std::copy_n(m_fields.begin(), Width, row.begin());
        m_stream << row;
    }

    pqxx::stream_to m_stream;
    std::vector<std::optional<std::string>> m_texts;
    std::vector<const char*> m_fields;
};

using ReadTransaction = pqxx::transaction<pqxx::repeatable_read, pqxx::read_only>;

class PostgresConnection final : public sql::Connection {
  public:
    explicit PostgresConnection(const std::string& url) : m_where(where_of(url)) {
        try {
            m_connection = std::make_unique<pqxx::connection>(url);
            // set_variable re-applies each setting if libpqxx reconnects.
            m_connection->set_variable("client_min_messages", "warning");
            m_connection->set_variable("DateStyle", "ISO");
            m_connection->set_variable("bytea_output", "hex");
        } catch (...) {
            rethrow_as_database_error();
        }
    }

    static std::string where_of(const std::string& url) {
        return "the PostgreSQL database '" + without_password(url) + "'";
    }

    [[nodiscard]] sql::Backend backend() const override { return sql::Backend::Postgres; }
    [[nodiscard]] std::string where() const override { return m_where; }

    [[nodiscard]] sql::Statement prepare(std::string_view sql) override {
        return sql::Statement(std::make_unique<PostgresCursor>(*this, sql));
    }

    void execute(std::string_view sql) override { run(std::string(sql), {}); }

    [[nodiscard]] std::unique_ptr<sql::BulkInsert> bulk_insert(
        std::string_view table, std::initializer_list<std::string_view> columns) override {
        if (!m_tx) throw sql::DatabaseError(Failure::Other, "a bulk insert needs a transaction");
        try {
            return std::make_unique<PostgresBulkInsert>(*m_tx, table, columns);
        } catch (...) {
            rethrow_as_database_error();
        }
    }

    void begin(sql::Access access, sql::Lock lock) override {
        try {
            if (access == sql::Access::Read) {
                m_tx = std::make_unique<ReadTransaction>(*m_connection);
                return;
            }
            m_tx = std::make_unique<pqxx::work>(*m_connection);
            m_tx->exec_params("SELECT pg_advisory_xact_lock($1)",
                              kLockBase + static_cast<std::int64_t>(lock));
        } catch (...) {
            m_tx.reset();
            rethrow_as_database_error();
        }
    }
    void commit() override {
        auto tx = std::move(m_tx);
        try {
            if (tx) tx->commit();
        } catch (...) {
            rethrow_as_database_error();
        }
    }
    void rollback() noexcept override {
        auto tx = std::move(m_tx);
        try {
            if (tx) tx->abort();
        } catch (...) {
            // The connection is gone or the transaction already ended; the server rolls back.
        }
    }

    [[nodiscard]] bool table_exists(std::string_view table) override {
        const auto rows = run("SELECT to_regclass($1) IS NOT NULL", {std::string(table)});
        return !rows.empty() && rows[0][0].c_str()[0] == 't';
    }

    // Runs `sql` ($n placeholders) in the open transaction, or on its own when there is none.
    pqxx::result run(const std::string& sql,
                     const std::vector<std::optional<std::string>>& params) {
        std::vector<const char*> values;
        values.reserve(params.size());
        for (const auto& param : params) values.push_back(param ? param->c_str() : nullptr);
        try {
            if (m_tx) return exec(*m_tx, sql, values);
            pqxx::nontransaction tx(*m_connection);
            return exec(tx, sql, values);
        } catch (...) {
            rethrow_as_database_error();
        }
    }

  private:
    static pqxx::result exec(pqxx::transaction_base& tx, const std::string& sql,
                             const std::vector<const char*>& values) {
        if (values.empty()) return tx.exec(sql);
        return tx.exec_params(sql, pqxx::prepare::make_dynamic_params(values));
    }

    std::string m_where;
    std::unique_ptr<pqxx::connection> m_connection;
    std::unique_ptr<pqxx::transaction_base> m_tx;
};

bool PostgresCursor::step() {
    if (!m_ran) {
        m_result = m_connection.run(m_sql, m_params);
        m_ran = true;
    }
    if (m_next >= m_result.size()) return false;
    ++m_next;
    return true;
}

}  // namespace

sql::Connector connector(const std::string& url) {
    return {PostgresConnection::where_of(url),
            [url] { return std::make_unique<PostgresConnection>(url); }};
}

}  // namespace csip::storage::postgres
