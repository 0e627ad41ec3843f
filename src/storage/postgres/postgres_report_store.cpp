#include "postgres_report_store.hpp"

#include <pqxx/pqxx>

#include <utility>

#include "postgres_database.hpp"

namespace csip::storage::postgres {

namespace {

using domain::AuditEntry;
using domain::Date;


Date stored_date(const pqxx::field& field, std::string_view column) {
    const auto value = text(field);
    auto date = Date::parse_iso(value);
    if (!date) throw StoredDataError("the date '" + value + "' in " + std::string(column));
    return *date;
}

std::string join_words(const std::vector<std::string>& words) {
    std::string out;
    for (const auto& word : words) {
        if (!out.empty()) out += ",";
        out += word;
    }
    return out;
}

std::vector<std::string> split_words(const std::string& value) {
    std::vector<std::string> words;
    std::size_t start = 0;
    while (start < value.size()) {
        const auto comma = value.find(',', start);
        const auto end = comma == std::string::npos ? value.size() : comma;
        if (end > start) words.push_back(value.substr(start, end - start));
        start = end + 1;
    }
    return words;
}

// Bytes travel as hex text (decode/encode in SQL): plain text parameters, whatever the bytes.
std::string to_hex(const std::string& bytes) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out;
    out.reserve(bytes.size() * 2);
    for (const char c : bytes) {
        const auto byte = static_cast<unsigned char>(c);
        out += kDigits[byte >> 4];
        out += kDigits[byte & 0x0f];
    }
    return out;
}

std::string from_hex(const std::string& hex) {
    auto value = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        throw StoredDataError("a file whose bytes are not hex");
    };
    std::string out;
    out.reserve(hex.size() / 2);
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
        out += static_cast<char>((value(hex[i]) << 4) | value(hex[i + 1]));
    }
    return out;
}

// Called from a catch clause: what went wrong, for a person.
Error database_error(std::string_view url, std::string_view doing) {
    const std::string where = "the PostgreSQL database '" + std::string(url) + "'";
    const std::string while_doing = " while " + std::string(doing);
    try {
        throw;
    } catch (const pqxx::broken_connection& error) {
        return Error{ErrorKind::Unavailable,
                     "cannot reach " + where + while_doing + " (" + error.what() +
                         "): check that the server is running and that the URL is right",
                     {}};
    } catch (const pqxx::sql_error& error) {
        if (error.sqlstate().rfind("23", 0) == 0) {
            return Error{ErrorKind::InvalidInput,
                         where + " refused" + while_doing + " (" + error.what() +
                             "): check that the governance body exists (csip body list)",
                         {}};
        }
        return Error{ErrorKind::Unavailable,
                     where + " failed" + while_doing + " (" + error.what() +
                         "): check the server's log, then try again",
                     {}};
    } catch (const pqxx::pqxx_exception& error) {
        return Error{ErrorKind::Unavailable,
                     where + " failed" + while_doing + " (" + error.base().what() +
                         "): check the server's log, then try again",
                     {}};
    } catch (const StoredDataError& error) {
        return Error{ErrorKind::Unavailable,
                     where + " holds data csip did not write: " + std::string(error.what()) +
                         "; check what else writes to it, or restore it from a backup",
                     {}};
    }
}

constexpr const char* kPublicationColumns =
    "id, body_id, meeting, as_of, since, published_at, published_by, content_hash";

Publication read_publication_row(const pqxx::row& row) {
    Publication publication;
    publication.id = row[0].as<std::int64_t>();
    publication.body_id = text(row[1]);
    publication.meeting = stored_date(row[2], "publications.meeting");
    publication.as_of = stored_date(row[3], "publications.as_of");
    publication.since = stored_date(row[4], "publications.since");
    publication.published_at = text(row[5]);
    publication.published_by = text(row[6]);
    publication.content_hash = text(row[7]);
    return publication;
}

}  // namespace

PostgresReportStore::PostgresReportStore(std::unique_ptr<PostgresDatabase> database)
    : m_database(std::move(database)) {}

PostgresReportStore::~PostgresReportStore() = default;

Result<std::vector<Meeting>> PostgresReportStore::meetings(const std::string& body_id) {
    return m_database->guarded("reading the meetings", [&](pqxx::connection& db) -> Result<std::vector<Meeting>> {
        pqxx::read_transaction tx(db);
        const auto rows = tx.exec_params(
            "SELECT body_id, held_on FROM meetings WHERE $1 = '' OR body_id = $1 "
            "ORDER BY held_on, body_id",
            body_id);
        std::vector<Meeting> meetings;
        for (const auto& row : rows) {
            meetings.push_back({text(row[0]), stored_date(row[1], "meetings.held_on")});
        }
        return meetings;
    });
}

Result<void> PostgresReportStore::add_meeting(const Meeting& meeting,
                                              const std::vector<AuditEntry>& audit) {
    return m_database->guarded("adding a meeting", [&](pqxx::connection& db) -> Result<void> {
        pqxx::work tx(db);
        const auto inserted = tx.exec_params(
            "INSERT INTO meetings (body_id, held_on) VALUES ($1, $2) ON CONFLICT DO NOTHING",
            meeting.body_id, meeting.on.iso());
        if (inserted.affected_rows() > 0) append_audit(tx, audit);
        tx.commit();
        return {};
    });
}

Result<std::optional<ReportProfile>> PostgresReportStore::report_profile(
    const std::string& body_id) {
    return m_database->guarded("reading a report profile", [&](pqxx::connection& db) -> Result<std::optional<ReportProfile>> {
        pqxx::read_transaction tx(db);
        const auto rows = tx.exec_params(
            "SELECT sections, indicators, case_level_allowed FROM report_profiles "
            "WHERE body_id = $1",
            body_id);
        if (rows.empty()) return std::optional<ReportProfile>();
        return std::optional<ReportProfile>(ReportProfile{body_id, split_words(text(rows[0][0])),
                                                          split_words(text(rows[0][1])),
                                                          rows[0][2].as<bool>()});
    });
}

Result<void> PostgresReportStore::save_report_profile(const ReportProfile& profile,
                                                      const std::vector<AuditEntry>& audit) {
    return m_database->guarded("saving a report profile", [&](pqxx::connection& db) -> Result<void> {
        pqxx::work tx(db);
        tx.exec_params(
            "INSERT INTO report_profiles (body_id, sections, indicators, case_level_allowed) "
            "VALUES ($1, $2, $3, $4) ON CONFLICT (body_id) DO UPDATE SET sections = "
            "excluded.sections, indicators = excluded.indicators, case_level_allowed = "
            "excluded.case_level_allowed",
            profile.body_id, join_words(profile.sections), join_words(profile.indicators),
            profile.case_level_allowed);
        append_audit(tx, audit);
        tx.commit();
        return {};
    });
}

Result<ReportSettings> PostgresReportStore::settings() {
    return m_database->guarded("reading the report settings", [&](pqxx::connection& db) -> Result<ReportSettings> {
        pqxx::read_transaction tx(db);
        ReportSettings settings;
        for (const auto& row : tx.exec("SELECT key, value FROM report_settings ORDER BY key")) {
            settings[text(row[0])] = text(row[1]);
        }
        return settings;
    });
}

Result<void> PostgresReportStore::set_setting(const std::string& key, const std::string& value,
                                              const std::vector<AuditEntry>& audit) {
    return m_database->guarded("saving a report setting", [&](pqxx::connection& db) -> Result<void> {
        pqxx::work tx(db);
        if (value.empty()) {
            tx.exec_params("DELETE FROM report_settings WHERE key = $1", key);
        } else {
            tx.exec_params(
                "INSERT INTO report_settings (key, value) VALUES ($1, $2) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                key, value);
        }
        append_audit(tx, audit);
        tx.commit();
        return {};
    });
}

Result<std::int64_t> PostgresReportStore::publish(const Publication& publication,
                                                  const std::vector<AuditEntry>& audit) {
    return m_database->guarded("publishing a report", [&](pqxx::connection& db) -> Result<std::int64_t> {
        pqxx::work tx(db);
        // The unique (body, meeting) key decides between two publishers at once; the second
        // gets nothing back and is told which publication stands.
        const auto inserted = tx.exec_params(
            "INSERT INTO publications (body_id, meeting, as_of, since, published_at, "
            "published_by, content_hash, plan_json, snapshot_json) "
            "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) "
            "ON CONFLICT (body_id, meeting) DO NOTHING RETURNING id",
            publication.body_id, publication.meeting.iso(), publication.as_of.iso(),
            publication.since.iso(), publication.published_at, publication.published_by,
            publication.content_hash, publication.plan_json, publication.snapshot_json);
        if (inserted.empty()) {
            const auto existing = tx.exec_params1(
                "SELECT id FROM publications WHERE body_id = $1 AND meeting = $2",
                publication.body_id, publication.meeting.iso());
            return fail(ErrorKind::Conflict,
                        "the report to '" + publication.body_id + "' for the meeting of " +
                            publication.meeting.iso() + " was already published (id " +
                            text(existing[0]) +
                            "); a published report is never replaced: publish for another "
                            "meeting, or read it with 'csip report get'",
                        "meeting");
        }
        const auto id = inserted[0][0].as<std::int64_t>();
        for (std::size_t i = 0; i < publication.files.size(); ++i) {
            const auto& file = publication.files[i];
            tx.exec_params(
                "INSERT INTO publication_files (publication_id, ordinal, format, file_name, "
                "content) VALUES ($1, $2, $3, $4, decode($5, 'hex'))",
                id, static_cast<int>(i), file.format, file.file_name, to_hex(file.content));
        }
        append_audit(tx, audit);
        tx.commit();
        return id;
    });
}

Result<std::vector<Publication>> PostgresReportStore::publications(const std::string& body_id) {
    return m_database->guarded("reading the publications", [&](pqxx::connection& db) -> Result<std::vector<Publication>> {
        pqxx::read_transaction tx(db);
        const auto rows = tx.exec_params(std::string("SELECT ") + kPublicationColumns +
                                             " FROM publications WHERE $1 = '' OR body_id = $1 "
                                             "ORDER BY id",
                                         body_id);
        std::vector<Publication> publications;
        for (const auto& row : rows) publications.push_back(read_publication_row(row));
        for (auto& publication : publications) {
            const auto files = tx.exec_params(
                "SELECT format, file_name FROM publication_files WHERE publication_id = $1 "
                "ORDER BY ordinal",
                publication.id);
            for (const auto& file : files) {
                publication.files.push_back({text(file[0]), text(file[1]), {}});
            }
        }
        return publications;
    });
}

Result<Publication> PostgresReportStore::publication(std::int64_t id) {
    return m_database->guarded("reading a publication", [&](pqxx::connection& db) -> Result<Publication> {
        pqxx::read_transaction tx(db);
        const auto rows = tx.exec_params(std::string("SELECT ") + kPublicationColumns +
                                             ", plan_json, snapshot_json FROM publications "
                                             "WHERE id = $1",
                                         id);
        if (rows.empty()) {
            return fail(ErrorKind::NotFound,
                        "there is no published report with id " + std::to_string(id) +
                            ": 'csip report list' shows the ids",
                        "id");
        }
        Publication publication = read_publication_row(rows[0]);
        publication.plan_json = text(rows[0][8]);
        publication.snapshot_json = text(rows[0][9]);
        const auto files = tx.exec_params(
            "SELECT format, file_name, encode(content, 'hex') FROM publication_files "
            "WHERE publication_id = $1 ORDER BY ordinal",
            id);
        for (const auto& file : files) {
            publication.files.push_back({text(file[0]), text(file[1]), from_hex(text(file[2]))});
        }
        return publication;
    });
}

Result<bool> PostgresReportStore::claim_reminder(const std::string& lead, Date day,
                                                 const std::string& at) {
    return m_database->guarded("recording a reminder", [&](pqxx::connection& db) -> Result<bool> {
        pqxx::work tx(db);
        const auto inserted = tx.exec_params(
            "INSERT INTO reminders_sent (lead, sent_on, claimed_at) VALUES ($1, $2, $3) "
            "ON CONFLICT DO NOTHING",
            lead, day.iso(), at);
        tx.commit();
        return inserted.affected_rows() > 0;
    });
}

Result<void> PostgresReportStore::release_reminder(const std::string& lead, Date day) {
    return m_database->guarded("releasing a reminder", [&](pqxx::connection& db) -> Result<void> {
        pqxx::work tx(db);
        tx.exec_params("DELETE FROM reminders_sent WHERE lead = $1 AND sent_on = $2", lead,
                       day.iso());
        tx.commit();
        return {};
    });
}

Result<std::unique_ptr<ReportStore>> open_postgres_report_store(const std::string& url) {
    auto connection = connect_and_migrate(url);
    if (!connection) return fail(std::move(connection).error());
    return std::unique_ptr<ReportStore>(std::make_unique<PostgresReportStore>(std::make_unique<PostgresDatabase>(
        std::move(*connection), without_password(url), &database_error)));
}

}  // namespace csip::storage::postgres
