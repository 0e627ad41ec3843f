// ReportStore: what csip keeps about reporting to governance bodies, in domain terms: each
// body's meeting calendar and report profile, the report settings (portfolio member, contact
// officer ...), the published reports and the reminders already sent. The bodies themselves
// are PlanStore's. Two implementations, on the same database as the PlanStore
// (storage/sqlite, storage/postgres), held to one contract (tests/storage/report_store_test):
//  - every write is one transaction, and appends its audit entries in it;
//  - a publication, once stored, never changes: its files, data and hash read back byte for
//    byte, and no method (nor direct SQL) can change or delete it;
//  - claim_reminder succeeds once per lead officer and day, across processes.
// Failures to reach or use the database are ErrorKind::Unavailable.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/audit.hpp"
#include "domain/date.hpp"
#include "domain/result.hpp"

namespace csip::storage {

struct Meeting {
    std::string body_id;
    domain::Date on;
};

// What a body's reports hold. Empty lists mean "all": every section, every indicator.
// Case-level content (lists of children's cases) is allowed only where this says so, and never
// for a public body, whatever this says.
struct ReportProfile {
    std::string body_id;
    std::vector<std::string> sections;
    std::vector<std::string> indicators;
    bool case_level_allowed = false;
};

struct PublishedFile {
    std::string format;     // docx, html, xlsx
    std::string file_name;  // as offered for download
    std::string content;    // the bytes
};

// A frozen report. `plan_json` is the plan as the report showed it (csip-plan/1) and
// `snapshot_json` the rest of the data behind it; `content_hash` is the SHA-256 (hex) over
// both and every file, so anyone can check that nothing has changed.
struct Publication {
    std::int64_t id = 0;  // assigned by the store, increasing
    std::string body_id;
    domain::Date meeting;
    domain::Date as_of;
    domain::Date since;
    std::string published_at;  // ISO 8601 UTC
    std::string published_by;
    std::string content_hash;
    std::string plan_json;      // empty in listings
    std::string snapshot_json;  // empty in listings
    std::vector<PublishedFile> files;  // in listings: names and formats, without content
};

using ReportSettings = std::map<std::string, std::string, std::less<>>;

class ReportStore {
public:
    virtual ~ReportStore() = default;

    // Meetings of one body (or of all, body_id empty), by date then body.
    [[nodiscard]] virtual Result<std::vector<Meeting>> meetings(const std::string& body_id) = 0;
    // Adds a meeting; adding one already there changes nothing. InvalidInput if the body does
    // not exist.
    [[nodiscard]] virtual Result<void> add_meeting(const Meeting& meeting,
                                                   const std::vector<domain::AuditEntry>& audit) = 0;

    [[nodiscard]] virtual Result<std::optional<ReportProfile>> report_profile(
        const std::string& body_id) = 0;
    [[nodiscard]] virtual Result<void> save_report_profile(
        const ReportProfile& profile, const std::vector<domain::AuditEntry>& audit) = 0;

    [[nodiscard]] virtual Result<ReportSettings> settings() = 0;
    // Sets one setting; an empty value removes it.
    [[nodiscard]] virtual Result<void> set_setting(const std::string& key, const std::string& value,
                                                   const std::vector<domain::AuditEntry>& audit) = 0;

    // Stores a publication with its files and returns its id. Conflict when the body already
    // has a publication for that meeting: a published report is never replaced.
    [[nodiscard]] virtual Result<std::int64_t> publish(
        const Publication& publication, const std::vector<domain::AuditEntry>& audit) = 0;
    // Publications of one body (or of all, body_id empty), oldest first, without contents.
    [[nodiscard]] virtual Result<std::vector<Publication>> publications(
        const std::string& body_id) = 0;
    // One publication with everything in it; NotFound if there is none with that id.
    [[nodiscard]] virtual Result<Publication> publication(std::int64_t id) = 0;

    // Records that `lead` is being sent the reminder for `day`: true the first time, false if
    // it was already claimed (sent, or being sent by another process).
    [[nodiscard]] virtual Result<bool> claim_reminder(const std::string& lead, domain::Date day,
                                                      const std::string& at) = 0;
    // Gives a claim back after sending failed, so that a later run may try again.
    [[nodiscard]] virtual Result<void> release_reminder(const std::string& lead,
                                                        domain::Date day) = 0;
};

}  // namespace csip::storage
