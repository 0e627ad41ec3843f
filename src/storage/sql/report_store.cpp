// ReportStore on a sql::Connection: meetings, report profiles and settings, frozen
// publications and the reminders claimed (schema.cpp, version 6). Every write that appends to
// the audit trail, and every reminder claim, is one Access::Write transaction on Lock::Reports.
#include <utility>

#include "storage/sql/stores.hpp"

namespace csip::storage::sql {
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

constexpr std::string_view kReportRefused =
    "check that the governance body exists (csip body list)";

class SqlReportStore final : public ReportStore {
  public:
    explicit SqlReportStore(std::unique_ptr<Database> database) : m_database(std::move(database)) {}

    Result<std::vector<Meeting>> meetings(const std::string& body_id) override {
        return m_database->guarded(
            "reading the meetings", [&](Connection& db) -> Result<std::vector<Meeting>> {
                auto rows = db.prepare(
                    "SELECT body_id, held_on FROM meetings WHERE ? = '' OR body_id = ? "
                    "ORDER BY held_on, body_id");
                rows.bind(body_id, body_id);
                std::vector<Meeting> meetings;
                while (rows.step()) {
                    meetings.push_back(
                        {rows.text(0), stored_date(rows.text(1), "meetings.held_on")});
                }
                return meetings;
            });
    }

    Result<void> add_meeting(const Meeting& meeting,
                             const std::vector<AuditEntry>& audit) override {
        return m_database->guarded("adding a meeting", [&](Connection& db) -> Result<void> {
            Transaction transaction(db, Access::Write, Lock::Reports);
            // A meeting already there is no change: nothing is written, not even to the audit
            // trail.
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

    Result<std::optional<ReportProfile>> report_profile(const std::string& body_id) override {
        return m_database->guarded(
            "reading a report profile",
            [&](Connection& db) -> Result<std::optional<ReportProfile>> {
                auto row = db.prepare(
                    "SELECT sections, indicators, case_level_allowed FROM report_profiles "
                    "WHERE body_id = ?");
                if (!row.bind(body_id).step()) return std::optional<ReportProfile>();
                return std::optional<ReportProfile>(ReportProfile{
                    body_id, split_words(row.text(0)), split_words(row.text(1)), row.boolean(2)});
            });
    }

    Result<void> save_report_profile(const ReportProfile& profile,
                                     const std::vector<AuditEntry>& audit) override {
        return m_database->write(
            "saving a report profile", Lock::Reports, audit, [&](Connection& db) {
                db.prepare(
                      "INSERT INTO report_profiles (body_id, sections, indicators, "
                      "case_level_allowed) "
                      "VALUES (?, ?, ?, ?) ON CONFLICT (body_id) DO UPDATE SET sections = "
                      "excluded.sections, indicators = excluded.indicators, case_level_allowed = "
                      "excluded.case_level_allowed")
                    .bind(profile.body_id, join_words(profile.sections),
                          join_words(profile.indicators), profile.case_level_allowed)
                    .run();
            });
    }

    Result<ReportSettings> settings() override {
        return m_database->guarded(
            "reading the report settings", [&](Connection& db) -> Result<ReportSettings> {
                auto rows = db.prepare("SELECT key, value FROM report_settings ORDER BY key");
                ReportSettings settings;
                while (rows.step()) settings[rows.text(0)] = rows.text(1);
                return settings;
            });
    }

    Result<void> set_setting(const std::string& key, const std::string& value,
                             const std::vector<AuditEntry>& audit) override {
        return m_database->write(
            "saving a report setting", Lock::Reports, audit, [&](Connection& db) {
                if (value.empty()) {
                    db.prepare("DELETE FROM report_settings WHERE key = ?").bind(key).run();
                } else {
                    db.prepare(
                          "INSERT INTO report_settings (key, value) VALUES (?, ?) "
                          "ON CONFLICT (key) DO UPDATE SET value = excluded.value")
                        .bind(key, value)
                        .run();
                }
            });
    }

    Result<std::int64_t> publish(const Publication& publication,
                                 const std::vector<AuditEntry>& audit) override {
        return m_database->write(
            "publishing a report", Lock::Reports, audit,
            [&](Connection& db) -> Result<std::int64_t> {
                auto existing =
                    db.prepare("SELECT id FROM publications WHERE body_id = ? AND meeting = ?");
                if (existing.bind(publication.body_id, publication.meeting.iso()).step()) {
                    return fail(ErrorKind::Conflict,
                                "the report to '" + publication.body_id + "' for the meeting of " +
                                    publication.meeting.iso() + " was already published (id " +
                                    std::to_string(existing.integer(0)) +
                                    "); a published report is never replaced: publish for another "
                                    "meeting, or read it with 'csip report get'",
                                "meeting");
                }
                auto inserted = db.prepare(
                    "INSERT INTO publications (body_id, meeting, as_of, since, published_at, "
                    "published_by, content_hash, plan_json, snapshot_json) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
                inserted.bind(
                    publication.body_id, publication.meeting.iso(), publication.as_of.iso(),
                    publication.since.iso(), publication.published_at, publication.published_by,
                    publication.content_hash, publication.plan_json, publication.snapshot_json);
                if (!inserted.step()) throw_damaged("a publication stored without an id");
                const std::int64_t id = inserted.integer(0);
                inserted.run();
                auto file_row = db.prepare(
                    "INSERT INTO publication_files (publication_id, ordinal, format, file_name, "
                    "content) "
                    "VALUES (?, ?, ?, ?, ?)");
                for (std::size_t i = 0; i < publication.files.size(); ++i) {
                    const auto& file = publication.files[i];
                    file_row.bind(id, i, file.format, file.file_name, Bytes{file.content}).run();
                }
                return id;
            });
    }

    Result<std::vector<Publication>> publications(const std::string& body_id) override {
        return m_database->guarded(
            "reading the publications", [&](Connection& db) -> Result<std::vector<Publication>> {
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
                    while (files.step())
                        publication.files.push_back({files.text(0), files.text(1), {}});
                }
                return publications;
            });
    }

    Result<Publication> publication(std::int64_t id) override {
        return m_database->guarded(
            "reading a publication", [&](Connection& db) -> Result<Publication> {
                Transaction transaction(db, Access::Read);
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
                auto files = db.prepare(
                    "SELECT format, file_name, content FROM publication_files WHERE publication_id "
                    "= ? "
                    "ORDER BY ordinal");
                files.bind(id);
                while (files.step()) {
                    publication.files.push_back({files.text(0), files.text(1), files.bytes(2)});
                }
                return publication;
            });
    }

    Result<bool> claim_reminder(const std::string& lead, Date day, const std::string& at) override {
        return m_database->guarded("recording a reminder", [&](Connection& db) -> Result<bool> {
            Transaction transaction(db, Access::Write, Lock::Reports);
            auto existing =
                db.prepare("SELECT 1 FROM reminders_sent WHERE lead = ? AND sent_on = ?");
            if (existing.bind(lead, day.iso()).step()) return false;
            db.prepare("INSERT INTO reminders_sent (lead, sent_on, claimed_at) VALUES (?, ?, ?)")
                .bind(lead, day.iso(), at)
                .run();
            transaction.commit();
            return true;
        });
    }

    Result<void> release_reminder(const std::string& lead, Date day) override {
        return m_database->guarded("releasing a reminder", [&](Connection& db) -> Result<void> {
            db.prepare("DELETE FROM reminders_sent WHERE lead = ? AND sent_on = ?")
                .bind(lead, day.iso())
                .run();
            return {};
        });
    }

  private:
    std::unique_ptr<Database> m_database;
};

}  // namespace

Result<std::unique_ptr<ReportStore>> open_report_store(const Connector& connector) {
    return open_store<ReportStore, SqlReportStore>(connector, kReportRefused);
}

}  // namespace csip::storage::sql
