#include "migrations.hpp"

#include <array>

namespace csip::storage::sqlite {
namespace {

// STRICT tables refuse a value of the wrong type rather than storing it as given. Enumerations
// are stored as the words of domain/plan.hpp (to_string), dates as YYYY-MM-DD text whose shape
// date() checks, and every list as an `ordinal` within its parent so that rows come back in the order
// the plan was saved.
constexpr std::string_view kPlanTables = R"sql(
CREATE TABLE plan (
    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
    authority TEXT NOT NULL,
    title TEXT NOT NULL,
    vision TEXT NOT NULL,
    inspection_framework TEXT NOT NULL,
    inspection_start TEXT NOT NULL CHECK (inspection_start = date(inspection_start)),
    inspection_end TEXT NOT NULL CHECK (inspection_end = date(inspection_end)),
    inspection_published TEXT NOT NULL CHECK (inspection_published = date(inspection_published)),
    overall_grade TEXT NOT NULL
        CHECK (overall_grade IN ('outstanding', 'good', 'requires_improvement', 'inadequate'))
) STRICT;

CREATE TABLE judgements (
    ordinal INTEGER PRIMARY KEY,
    area TEXT NOT NULL,
    grade TEXT NOT NULL
        CHECK (grade IN ('outstanding', 'good', 'requires_improvement', 'inadequate')),
    limiting INTEGER NOT NULL CHECK (limiting IN (0, 1))
) STRICT;

CREATE TABLE recommendations (
    id TEXT PRIMARY KEY,
    ordinal INTEGER NOT NULL UNIQUE,
    category TEXT NOT NULL CHECK (category IN ('priority', 'improvement')),
    text TEXT NOT NULL
) STRICT;

CREATE TABLE workstreams (
    id TEXT PRIMARY KEY,
    ordinal INTEGER NOT NULL UNIQUE,
    title TEXT NOT NULL,
    sponsor TEXT NOT NULL,
    lead TEXT NOT NULL
) STRICT;

CREATE TABLE commitments (
    id TEXT PRIMARY KEY,
    workstream_id TEXT NOT NULL REFERENCES workstreams (id),
    ordinal INTEGER NOT NULL,
    text TEXT NOT NULL,
    UNIQUE (workstream_id, ordinal)
) STRICT;

CREATE TABLE commitment_recommendations (
    commitment_id TEXT NOT NULL REFERENCES commitments (id),
    recommendation_id TEXT NOT NULL REFERENCES recommendations (id),
    ordinal INTEGER NOT NULL,
    PRIMARY KEY (commitment_id, recommendation_id),
    UNIQUE (commitment_id, ordinal)
) STRICT;
CREATE INDEX commitment_recommendations_by_recommendation
    ON commitment_recommendations (recommendation_id);

CREATE TABLE success_measures (
    id TEXT PRIMARY KEY,
    commitment_id TEXT NOT NULL REFERENCES commitments (id),
    ordinal INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('measured', 'monitored', 'observed', 'established')),
    text TEXT NOT NULL,
    indicator TEXT,
    target REAL,
    UNIQUE (commitment_id, ordinal)
) STRICT;

CREATE TABLE actions (
    id TEXT PRIMARY KEY,
    commitment_id TEXT NOT NULL REFERENCES commitments (id),
    ordinal INTEGER NOT NULL,
    text TEXT NOT NULL,
    lead TEXT NOT NULL,
    due TEXT NOT NULL CHECK (due = date(due)),
    original_due TEXT NOT NULL CHECK (original_due = date(original_due)),
    status TEXT NOT NULL CHECK (status IN ('not_started', 'in_progress', 'complete')),
    rag TEXT CHECK (rag IN ('red', 'amber', 'green')),
    UNIQUE (commitment_id, ordinal)
) STRICT;

CREATE TABLE status_updates (
    action_id TEXT NOT NULL REFERENCES actions (id),
    ordinal INTEGER NOT NULL,
    reported_on TEXT NOT NULL CHECK (reported_on = date(reported_on)),
    reported_by TEXT NOT NULL,
    text TEXT NOT NULL,
    status TEXT CHECK (status IN ('not_started', 'in_progress', 'complete')),
    rag TEXT CHECK (rag IN ('red', 'amber', 'green')),
    PRIMARY KEY (action_id, ordinal)
) STRICT;
)sql";

// AUTOINCREMENT: ids only ever grow, even past the largest ever used. The triggers make the
// trail append-only for anyone who opens the file, not only for csip.
constexpr std::string_view kAuditTrail = R"sql(
CREATE TABLE audit_trail (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    field TEXT NOT NULL,
    old_value TEXT,
    new_value TEXT,
    reason TEXT
) STRICT;
CREATE INDEX audit_trail_by_entity ON audit_trail (entity, entity_id);

CREATE TRIGGER audit_trail_refuses_update BEFORE UPDATE ON audit_trail
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only: an entry cannot be changed');
END;

CREATE TRIGGER audit_trail_refuses_delete BEFORE DELETE ON audit_trail
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only: an entry cannot be deleted');
END;
)sql";

// `ordinal` keeps the order in which bodies were first added; replacing a body keeps its place.
constexpr std::string_view kGovernanceBodies = R"sql(
CREATE TABLE governance_bodies (
    id TEXT PRIMARY KEY,
    ordinal INTEGER NOT NULL UNIQUE,
    name TEXT NOT NULL,
    cadence TEXT NOT NULL,
    is_public INTEGER NOT NULL CHECK (is_public IN (0, 1))
) STRICT;
)sql";

// Case-level data (storage/case_store.hpp): each imported return, and its records in tables
// shaped like domain/case_data.hpp, keyed by (return_id, ordinal): the record's place in its
// file, which is also the order records load in. Only what the indicators read is kept.
// source_file is NULL when it is the return's own file. Dates are YYYY-MM-DD text; they are not
// CHECKed row by row, since national returns have millions of rows and csip writes every one.
constexpr std::string_view kCaseData = R"sql(
CREATE TABLE case_returns (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    format TEXT NOT NULL,
    reference TEXT NOT NULL,
    reference_date TEXT CHECK (reference_date IS NULL OR reference_date = date(reference_date)),
    -- what the return is a snapshot of, dated by reference_date: a workforce, an OC2 cohort
    snapshot TEXT CHECK (snapshot IN ('workforce', 'oc2')),
    file TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    imported_by TEXT NOT NULL,
    records_read INTEGER NOT NULL,
    records_used INTEGER NOT NULL,
    records_skipped INTEGER NOT NULL,
    UNIQUE (format, reference),
    CHECK (snapshot IS NOT 'workforce' OR reference_date IS NOT NULL)
) STRICT;

CREATE TABLE case_assessments (
    return_id INTEGER NOT NULL REFERENCES case_returns (id),
    ordinal INTEGER NOT NULL,
    child_id TEXT NOT NULL,
    start TEXT,
    authorised TEXT,
    source_file TEXT,
    source_line INTEGER NOT NULL,
    PRIMARY KEY (return_id, ordinal)
) STRICT;

CREATE TABLE case_enquiries (
    return_id INTEGER NOT NULL REFERENCES case_returns (id),
    ordinal INTEGER NOT NULL,
    child_id TEXT NOT NULL,
    start TEXT,
    initial_conference TEXT,
    conference_not_required INTEGER NOT NULL CHECK (conference_not_required IN (0, 1)),
    source_file TEXT,
    source_line INTEGER NOT NULL,
    PRIMARY KEY (return_id, ordinal)
) STRICT;

CREATE TABLE case_protection_plans (
    return_id INTEGER NOT NULL REFERENCES case_returns (id),
    ordinal INTEGER NOT NULL,
    child_id TEXT NOT NULL,
    start TEXT NOT NULL,
    ended TEXT,
    source_file TEXT,
    source_line INTEGER NOT NULL,
    PRIMARY KEY (return_id, ordinal)
) STRICT;

CREATE TABLE case_protection_reviews (
    return_id INTEGER NOT NULL,
    plan_ordinal INTEGER NOT NULL,
    ordinal INTEGER NOT NULL,
    held TEXT NOT NULL,
    PRIMARY KEY (return_id, plan_ordinal, ordinal),
    FOREIGN KEY (return_id, plan_ordinal) REFERENCES case_protection_plans (return_id, ordinal)
) STRICT;

CREATE TABLE case_care_episodes (
    return_id INTEGER NOT NULL REFERENCES case_returns (id),
    ordinal INTEGER NOT NULL,
    child_id TEXT NOT NULL,
    start TEXT NOT NULL,
    legal_status TEXT NOT NULL,
    ended TEXT,
    reason_ended TEXT NOT NULL,
    source_file TEXT,
    source_line INTEGER NOT NULL,
    PRIMARY KEY (return_id, ordinal)
) STRICT;

CREATE TABLE case_care_reviews (
    return_id INTEGER NOT NULL REFERENCES case_returns (id),
    ordinal INTEGER NOT NULL,
    child_id TEXT NOT NULL,
    held TEXT NOT NULL,
    source_file TEXT,
    source_line INTEGER NOT NULL,
    PRIMARY KEY (return_id, ordinal)
) STRICT;

CREATE TABLE case_continuously_looked_after (
    return_id INTEGER NOT NULL REFERENCES case_returns (id),
    ordinal INTEGER NOT NULL,
    child_id TEXT NOT NULL,
    health_assessment INTEGER CHECK (health_assessment IN (0, 1)),
    teeth_check INTEGER CHECK (teeth_check IN (0, 1)),
    source_file TEXT,
    source_line INTEGER NOT NULL,
    PRIMARY KEY (return_id, ordinal)
) STRICT;

CREATE TABLE case_protection_visits (
    return_id INTEGER NOT NULL REFERENCES case_returns (id),
    ordinal INTEGER NOT NULL,
    child_id TEXT NOT NULL,
    visited_on TEXT NOT NULL,
    seen INTEGER NOT NULL CHECK (seen IN (0, 1)),
    seen_alone INTEGER CHECK (seen_alone IN (0, 1)),
    worker TEXT NOT NULL,
    source_file TEXT,
    source_line INTEGER NOT NULL,
    PRIMARY KEY (return_id, ordinal)
) STRICT;

CREATE TABLE case_conference_reports (
    return_id INTEGER NOT NULL REFERENCES case_returns (id),
    ordinal INTEGER NOT NULL,
    child_id TEXT NOT NULL,
    conference_type TEXT NOT NULL CHECK (conference_type IN ('initial', 'review')),
    conference TEXT NOT NULL,
    shared TEXT,
    source_file TEXT,
    source_line INTEGER NOT NULL,
    PRIMARY KEY (return_id, ordinal)
) STRICT;

CREATE TABLE case_workers (
    return_id INTEGER NOT NULL REFERENCES case_returns (id),
    ordinal INTEGER NOT NULL,
    worker_id TEXT NOT NULL,
    team TEXT NOT NULL,
    qualified INTEGER NOT NULL CHECK (qualified IN (0, 1)),
    agency INTEGER NOT NULL CHECK (agency IN (0, 1)),
    fte REAL NOT NULL,
    start TEXT,
    ended TEXT,
    source_file TEXT,
    source_line INTEGER NOT NULL,
    PRIMARY KEY (return_id, ordinal)
) STRICT;

CREATE TABLE manual_indicator_values (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    indicator TEXT NOT NULL,
    month TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'),
    value REAL NOT NULL,
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    note TEXT NOT NULL
) STRICT;
CREATE INDEX manual_indicator_values_by_month ON manual_indicator_values (indicator, month);

CREATE TABLE indicator_settings (
    key TEXT PRIMARY KEY,
    value REAL NOT NULL,
    set_by TEXT NOT NULL,
    set_at TEXT NOT NULL
) STRICT;
)sql";

// Version 5: who may sign in. Secrets are never stored: a password as its argon2id string, a
// session and an API token as the hash of the secret. Times are seconds since 1970 (UTC).
// Failed sign-ins are kept by the name as typed, known or not.
constexpr std::string_view kAccounts = R"sql(
CREATE TABLE users (
    name TEXT PRIMARY KEY,
    role TEXT NOT NULL CHECK (role IN ('viewer', 'lead', 'editor', 'admin')),
    officer TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    disabled INTEGER NOT NULL CHECK (disabled IN (0, 1)),
    created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_name TEXT NOT NULL REFERENCES users (name),
    csrf_token TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
) STRICT;
CREATE INDEX sessions_by_user ON sessions (user_name);
CREATE INDEX sessions_by_expiry ON sessions (expires_at);

CREATE TABLE api_tokens (
    token_hash TEXT PRIMARY KEY,
    user_name TEXT NOT NULL REFERENCES users (name),
    created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX api_tokens_by_user ON api_tokens (user_name);

CREATE TABLE sign_in_failures (
    name TEXT PRIMARY KEY,
    failures INTEGER NOT NULL,
    last_failed_at INTEGER NOT NULL,
    locked_until INTEGER
) STRICT;
)sql";

// Version 6: reporting to governance bodies. It names only tables of versions 1-3, so it applies
// whatever versions 4 and 5 hold. Publications and their files are frozen like the audit trail:
// triggers refuse any change to them, for anyone who opens the file. Profile lists are stored as
// comma-separated words (section and indicator ids have no commas).
constexpr std::string_view kReporting = R"sql(
CREATE TABLE meetings (
    body_id TEXT NOT NULL REFERENCES governance_bodies (id),
    held_on TEXT NOT NULL CHECK (held_on = date(held_on)),
    PRIMARY KEY (body_id, held_on)
) STRICT;

CREATE TABLE report_profiles (
    body_id TEXT PRIMARY KEY REFERENCES governance_bodies (id),
    sections TEXT NOT NULL,
    indicators TEXT NOT NULL,
    case_level_allowed INTEGER NOT NULL CHECK (case_level_allowed IN (0, 1))
) STRICT;

CREATE TABLE report_settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE publications (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    body_id TEXT NOT NULL REFERENCES governance_bodies (id),
    meeting TEXT NOT NULL CHECK (meeting = date(meeting)),
    as_of TEXT NOT NULL CHECK (as_of = date(as_of)),
    since TEXT NOT NULL CHECK (since = date(since)),
    published_at TEXT NOT NULL,
    published_by TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    plan_json TEXT NOT NULL,
    snapshot_json TEXT NOT NULL,
    UNIQUE (body_id, meeting)
) STRICT;

CREATE TABLE publication_files (
    publication_id INTEGER NOT NULL REFERENCES publications (id),
    ordinal INTEGER NOT NULL,
    format TEXT NOT NULL,
    file_name TEXT NOT NULL,
    content BLOB NOT NULL,
    PRIMARY KEY (publication_id, ordinal)
) STRICT;

CREATE TRIGGER publications_refuse_update BEFORE UPDATE ON publications
BEGIN
    SELECT RAISE(ABORT, 'a published report is frozen: it cannot be changed');
END;
CREATE TRIGGER publications_refuse_delete BEFORE DELETE ON publications
BEGIN
    SELECT RAISE(ABORT, 'a published report is frozen: it cannot be deleted');
END;
CREATE TRIGGER publication_files_refuse_update BEFORE UPDATE ON publication_files
BEGIN
    SELECT RAISE(ABORT, 'a published report is frozen: its files cannot be changed');
END;
CREATE TRIGGER publication_files_refuse_delete BEFORE DELETE ON publication_files
BEGIN
    SELECT RAISE(ABORT, 'a published report is frozen: its files cannot be deleted');
END;

CREATE TABLE reminders_sent (
    lead TEXT NOT NULL,
    sent_on TEXT NOT NULL CHECK (sent_on = date(sent_on)),
    claimed_at TEXT NOT NULL,
    PRIMARY KEY (lead, sent_on)
) STRICT;
)sql";

constexpr std::array kMigrations{
    Migration{1, "the improvement plan", kPlanTables},
    Migration{2, "the append-only audit trail", kAuditTrail},
    Migration{3, "governance bodies", kGovernanceBodies},
    Migration{4, "case data, manual indicator values and indicator settings", kCaseData},
    Migration{5, "users, sessions, API tokens and failed sign-ins", kAccounts},
    Migration{6, "reporting to governance bodies", kReporting},
};

}  // namespace

std::span<const Migration> migrations() { return kMigrations; }

}  // namespace csip::storage::sqlite
