#include "sqlite_report_store.hpp"

#include <utility>

#include "sqlite_database.hpp"

namespace csip::storage::sqlite {
namespace {

using domain::AuditEntry;
using domain::Date;

std::string join_words(const std::vector<std::string>& words) {
    std::string out;
    for (const auto& word : words) {
        if (!out.empty()) out += ",";
        out += word;
    }
    return out;
}

std::vector<std::string> split_words(const std::string& text) {
    std::vector<std::string> words;
    std::size_t start = 0;
    while (start < text.size()) {
        const auto comma = text.find(',', start);
        const auto end = comma == std::string::npos ? text.size() : comma;
        if (end > start) words.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return words;
}

// A prepared statement on the raw handle, for the BLOB columns that connection.hpp's Statement
// does not bind (a STRICT BLOB column refuses text).
class RawStatement {
public:
    RawStatement(sqlite3* db, const char* sql) : m_db(db) {
        check(sqlite3_prepare_v2(db, sql, -1, &m_statement, nullptr));
    }
    ~RawStatement() { sqlite3_finalize(m_statement); }
    RawStatement(const RawStatement&) = delete;
    RawStatement& operator=(const RawStatement&) = delete;

    void bind_integer(int index, std::int64_t value) {
        check(sqlite3_bind_int64(m_statement, index, value));
    }
    void bind_text(int index, const std::string& value) {
        check(sqlite3_bind_text64(m_statement, index, value.data(), value.size(), SQLITE_TRANSIENT,
                                  SQLITE_UTF8));
    }
    void bind_blob(int index, const std::string& value) {
        check(sqlite3_bind_blob64(m_statement, index, value.data(), value.size(), SQLITE_TRANSIENT));
    }
    bool step() {
        const int code = sqlite3_step(m_statement);
        if (code == SQLITE_ROW) return true;
        if (code == SQLITE_DONE) return false;
        check(code);
        return false;
    }
    std::string text(int column) const {
        const auto* data = sqlite3_column_text(m_statement, column);
        if (data == nullptr) return {};
        return std::string(reinterpret_cast<const char*>(data),
                           static_cast<std::size_t>(sqlite3_column_bytes(m_statement, column)));
    }
    std::string blob(int column) const {
        const auto* data = static_cast<const char*>(sqlite3_column_blob(m_statement, column));
        if (data == nullptr) return {};
        return std::string(data, static_cast<std::size_t>(sqlite3_column_bytes(m_statement, column)));
    }

private:
    void check(int code) const {
        if (code != SQLITE_OK) throw SqliteError(sqlite3_extended_errcode(m_db), sqlite3_errmsg(m_db));
    }
    sqlite3* m_db;
    sqlite3_stmt* m_statement = nullptr;
};

constexpr FailureWording kReportWording{
    .refused = "check that the governance body exists (csip body list)",
    .disk_full = "free some space and try again",
};

constexpr const char* kPublicationColumns =
    "id, body_id, meeting, as_of, since, published_at, published_by, content_hash";

Publication read_publication_row(const Statement& row) {
    Publication publication;
    publication.id = row.integer(0);
    publication.body_id = row.text(1);
    publication.meeting = stored_date(row.text(2), "publications.meeting");
    publication.as_of = stored_date(row.text(3), "publications.as_of");
    publication.since = stored_date(row.text(4), "publications.since");
    publication.published_at = row.text(5);
    publication.published_by = row.text(6);
    publication.content_hash = row.text(7);
    return publication;
}

}  // namespace

SqliteReportStore::SqliteReportStore(std::unique_ptr<SqliteDatabase> database)
    : m_database(std::move(database)) {}

SqliteReportStore::~SqliteReportStore() = default;

Result<std::vector<Meeting>> SqliteReportStore::meetings(const std::string& body_id) {
    return m_database->guarded("reading the meetings", [&](Connection& db) -> Result<std::vector<Meeting>> {
        auto rows = db.prepare(
            "SELECT body_id, held_on FROM meetings WHERE ? = '' OR body_id = ? "
            "ORDER BY held_on, body_id");
        rows.bind(body_id, body_id);
        std::vector<Meeting> meetings;
        while (rows.step()) {
            meetings.push_back({rows.text(0), stored_date(rows.text(1), "meetings.held_on")});
        }
        return meetings;
    });
}

Result<void> SqliteReportStore::add_meeting(const Meeting& meeting,
                                            const std::vector<AuditEntry>& audit) {
    return m_database->guarded("adding a meeting", [&](Connection& db) -> Result<void> {
        Transaction transaction(db, Transaction::Mode::Write);
        auto exists = db.prepare("SELECT 1 FROM meetings WHERE body_id = ? AND held_on = ?");
        if (exists.bind(meeting.body_id, meeting.on.iso()).step()) return {};
        db.prepare("INSERT INTO meetings (body_id, held_on) VALUES (?, ?)")
            .bind(meeting.body_id, meeting.on.iso())
            .run();
        append_audit(db, audit);
        transaction.commit();
        return {};
    });
}

Result<std::optional<ReportProfile>> SqliteReportStore::report_profile(const std::string& body_id) {
    return m_database->guarded("reading a report profile", [&](Connection& db) -> Result<std::optional<ReportProfile>> {
        auto row = db.prepare(
            "SELECT sections, indicators, case_level_allowed FROM report_profiles "
            "WHERE body_id = ?");
        if (!row.bind(body_id).step()) return std::optional<ReportProfile>();
        return std::optional<ReportProfile>(ReportProfile{
            body_id, split_words(row.text(0)), split_words(row.text(1)), row.integer(2) != 0});
    });
}

Result<void> SqliteReportStore::save_report_profile(const ReportProfile& profile,
                                                    const std::vector<AuditEntry>& audit) {
    return m_database->guarded("saving a report profile", [&](Connection& db) -> Result<void> {
        Transaction transaction(db, Transaction::Mode::Write);
        db.prepare(
              "INSERT INTO report_profiles (body_id, sections, indicators, case_level_allowed) "
              "VALUES (?, ?, ?, ?) ON CONFLICT (body_id) DO UPDATE SET sections = "
              "excluded.sections, indicators = excluded.indicators, case_level_allowed = "
              "excluded.case_level_allowed")
            .bind(profile.body_id, join_words(profile.sections), join_words(profile.indicators),
                  profile.case_level_allowed)
            .run();
        append_audit(db, audit);
        transaction.commit();
        return {};
    });
}

Result<ReportSettings> SqliteReportStore::settings() {
    return m_database->guarded("reading the report settings", [&](Connection& db) -> Result<ReportSettings> {
        auto rows = db.prepare("SELECT key, value FROM report_settings ORDER BY key");
        ReportSettings settings;
        while (rows.step()) settings[rows.text(0)] = rows.text(1);
        return settings;
    });
}

Result<void> SqliteReportStore::set_setting(const std::string& key, const std::string& value,
                                            const std::vector<AuditEntry>& audit) {
    return m_database->guarded("saving a report setting", [&](Connection& db) -> Result<void> {
        Transaction transaction(db, Transaction::Mode::Write);
        if (value.empty()) {
            db.prepare("DELETE FROM report_settings WHERE key = ?").bind(key).run();
        } else {
            db.prepare(
                  "INSERT INTO report_settings (key, value) VALUES (?, ?) "
                  "ON CONFLICT (key) DO UPDATE SET value = excluded.value")
                .bind(key, value)
                .run();
        }
        append_audit(db, audit);
        transaction.commit();
        return {};
    });
}

Result<std::int64_t> SqliteReportStore::publish(const Publication& publication,
                                                const std::vector<AuditEntry>& audit) {
    return m_database->guarded("publishing a report", [&](Connection& db) -> Result<std::int64_t> {
        Transaction transaction(db, Transaction::Mode::Write);
        auto existing = db.prepare("SELECT id FROM publications WHERE body_id = ? AND meeting = ?");
        if (existing.bind(publication.body_id, publication.meeting.iso()).step()) {
            return fail(ErrorKind::Conflict,
                        "the report to '" + publication.body_id + "' for the meeting of " +
                            publication.meeting.iso() + " was already published (id " +
                            std::to_string(existing.integer(0)) +
                            "); a published report is never replaced: publish for another "
                            "meeting, or read it with 'csip report get'",
                        "meeting");
        }
        db.prepare(
              "INSERT INTO publications (body_id, meeting, as_of, since, published_at, "
              "published_by, content_hash, plan_json, snapshot_json) "
              "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
            .bind(publication.body_id, publication.meeting.iso(), publication.as_of.iso(),
                  publication.since.iso(), publication.published_at, publication.published_by,
                  publication.content_hash, publication.plan_json, publication.snapshot_json)
            .run();
        const std::int64_t id = sqlite3_last_insert_rowid(db.handle());
        for (std::size_t i = 0; i < publication.files.size(); ++i) {
            const auto& file = publication.files[i];
            RawStatement one(db.handle(),
                             "INSERT INTO publication_files (publication_id, ordinal, format, "
                             "file_name, content) VALUES (?, ?, ?, ?, ?)");
            one.bind_integer(1, id);
            one.bind_integer(2, static_cast<std::int64_t>(i));
            one.bind_text(3, file.format);
            one.bind_text(4, file.file_name);
            one.bind_blob(5, file.content);
            one.step();
        }
        append_audit(db, audit);
        transaction.commit();
        return id;
    });
}

Result<std::vector<Publication>> SqliteReportStore::publications(const std::string& body_id) {
    return m_database->guarded("reading the publications", [&](Connection& db) -> Result<std::vector<Publication>> {
        auto rows = db.prepare(std::string("SELECT ") + kPublicationColumns +
                                          " FROM publications WHERE ? = '' OR body_id = ? "
                                          "ORDER BY id");
        rows.bind(body_id, body_id);
        std::vector<Publication> publications;
        while (rows.step()) publications.push_back(read_publication_row(rows));
        auto files = db.prepare(
            "SELECT format, file_name FROM publication_files WHERE publication_id = ? "
            "ORDER BY ordinal");
        for (auto& publication : publications) {
            files.bind(publication.id);
            while (files.step()) publication.files.push_back({files.text(0), files.text(1), {}});
        }
        return publications;
    });
}

Result<Publication> SqliteReportStore::publication(std::int64_t id) {
    return m_database->guarded("reading a publication", [&](Connection& db) -> Result<Publication> {
        Transaction transaction(db, Transaction::Mode::Read);
        auto row = db.prepare(std::string("SELECT ") + kPublicationColumns +
                              ", plan_json, snapshot_json FROM publications WHERE id = ?");
        if (!row.bind(id).step()) {
            return fail(ErrorKind::NotFound,
                        "there is no published report with id " + std::to_string(id) +
                            ": 'csip report list' shows the ids",
                        "id");
        }
        Publication publication = read_publication_row(row);
        publication.plan_json = row.text(8);
        publication.snapshot_json = row.text(9);
        RawStatement files(db.handle(),
                           "SELECT format, file_name, content FROM publication_files "
                           "WHERE publication_id = ? ORDER BY ordinal");
        files.bind_integer(1, id);
        while (files.step()) publication.files.push_back({files.text(0), files.text(1), files.blob(2)});
        return publication;
    });
}

Result<bool> SqliteReportStore::claim_reminder(const std::string& lead, Date day,
                                               const std::string& at) {
    return m_database->guarded("recording a reminder", [&](Connection& db) -> Result<bool> {
        Transaction transaction(db, Transaction::Mode::Write);
        auto existing = db.prepare("SELECT 1 FROM reminders_sent WHERE lead = ? AND sent_on = ?");
        if (existing.bind(lead, day.iso()).step()) return false;
        db.prepare("INSERT INTO reminders_sent (lead, sent_on, claimed_at) VALUES (?, ?, ?)")
            .bind(lead, day.iso(), at)
            .run();
        transaction.commit();
        return true;
    });
}

Result<void> SqliteReportStore::release_reminder(const std::string& lead, Date day) {
    return m_database->guarded("releasing a reminder", [&](Connection& db) -> Result<void> {
        db.prepare("DELETE FROM reminders_sent WHERE lead = ? AND sent_on = ?")
            .bind(lead, day.iso())
            .run();
        return {};
    });
}

Result<std::unique_ptr<ReportStore>> open_sqlite_report_store(const std::string& path) {
    auto database = open_sqlite_database(path, kReportWording);
    if (!database) return fail(std::move(database).error());
    return std::unique_ptr<ReportStore>(std::make_unique<SqliteReportStore>(std::move(*database)));
}

}  // namespace csip::storage::sqlite
