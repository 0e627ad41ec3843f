#include "storage/sql/schema.hpp"

#include <array>

namespace csip::storage::sql {
namespace {

// The types that differ between the backends are written as tokens, {name} or {name:column};
// token() below says what each becomes on each.
// SQLite's STRICT tables refuse a value of the wrong type rather than storing it as given.
// Enumerations are stored as the words of domain/plan.hpp (to_string), and every list with an
// `ordinal` within its parent so that rows come back in the order they were saved.
constexpr std::string_view kPlanTables = R"sql(
CREATE TABLE plan (
    singleton {singleton},
    authority TEXT NOT NULL,
    title TEXT NOT NULL,
    vision TEXT NOT NULL,
    inspection_framework TEXT NOT NULL,
    inspection_start {date:inspection_start} NOT NULL,
    inspection_end {date:inspection_end} NOT NULL,
    inspection_published {date:inspection_published} NOT NULL,
    overall_grade TEXT NOT NULL
        CHECK (overall_grade IN ('outstanding', 'good', 'requires_improvement', 'inadequate'))
) {strict};

CREATE TABLE judgements (
    ordinal INTEGER PRIMARY KEY,
    area TEXT NOT NULL,
    grade TEXT NOT NULL
        CHECK (grade IN ('outstanding', 'good', 'requires_improvement', 'inadequate')),
    limiting {flag:limiting} NOT NULL
) {strict};

CREATE TABLE recommendations (
    id TEXT PRIMARY KEY,
    ordinal INTEGER NOT NULL UNIQUE,
    category TEXT NOT NULL CHECK (category IN ('priority', 'improvement')),
    text TEXT NOT NULL
) {strict};

CREATE TABLE workstreams (
    id TEXT PRIMARY KEY,
    ordinal INTEGER NOT NULL UNIQUE,
    title TEXT NOT NULL,
    sponsor TEXT NOT NULL,
    lead TEXT NOT NULL
) {strict};

CREATE TABLE commitments (
    id TEXT PRIMARY KEY,
    workstream_id TEXT NOT NULL REFERENCES workstreams (id),
    ordinal INTEGER NOT NULL,
    text TEXT NOT NULL,
    UNIQUE (workstream_id, ordinal)
) {strict};

CREATE TABLE commitment_recommendations (
    commitment_id TEXT NOT NULL REFERENCES commitments (id),
    recommendation_id TEXT NOT NULL REFERENCES recommendations (id),
    ordinal INTEGER NOT NULL,
    PRIMARY KEY (commitment_id, recommendation_id),
    UNIQUE (commitment_id, ordinal)
) {strict};
CREATE INDEX commitment_recommendations_by_recommendation
    ON commitment_recommendations (recommendation_id);

CREATE TABLE success_measures (
    id TEXT PRIMARY KEY,
    commitment_id TEXT NOT NULL REFERENCES commitments (id),
    ordinal INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('measured', 'monitored', 'observed', 'established')),
    text TEXT NOT NULL,
    indicator TEXT,
    target {real},
    UNIQUE (commitment_id, ordinal)
) {strict};

CREATE TABLE actions (
    id TEXT PRIMARY KEY,
    commitment_id TEXT NOT NULL REFERENCES commitments (id),
    ordinal INTEGER NOT NULL,
    text TEXT NOT NULL,
    lead TEXT NOT NULL,
    due {date:due} NOT NULL,
    original_due {date:original_due} NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('not_started', 'in_progress', 'complete')),
    rag TEXT CHECK (rag IN ('red', 'amber', 'green')),
    UNIQUE (commitment_id, ordinal)
) {strict};

CREATE TABLE status_updates (
    action_id TEXT NOT NULL REFERENCES actions (id),
    ordinal INTEGER NOT NULL,
    reported_on {date:reported_on} NOT NULL,
    reported_by TEXT NOT NULL,
    text TEXT NOT NULL,
    status TEXT CHECK (status IN ('not_started', 'in_progress', 'complete')),
    rag TEXT CHECK (rag IN ('red', 'amber', 'green')),
    PRIMARY KEY (action_id, ordinal)
) {strict};
)sql";

// Ids only ever grow, even past the largest ever used. `at` stays the text the caller gave
// (ISO 8601 UTC), so that it reads back unchanged. Each backend's triggers make the trail
// append-only for anyone who connects, not only for csip.
constexpr std::string_view kAuditTrail = R"sql(
CREATE TABLE audit_trail (
    id {id},
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    field TEXT NOT NULL,
    old_value TEXT,
    new_value TEXT,
    reason TEXT
) {strict};
CREATE INDEX audit_trail_by_entity ON audit_trail (entity, entity_id);
)sql";

constexpr std::string_view kAuditTrailSqlite = R"sql(
CREATE TRIGGER audit_trail_refuses_update BEFORE UPDATE ON audit_trail
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only: an entry cannot be changed');
END;

CREATE TRIGGER audit_trail_refuses_delete BEFORE DELETE ON audit_trail
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only: an entry cannot be deleted');
END;
)sql";

constexpr std::string_view kAuditTrailPostgres = R"sql(
CREATE FUNCTION audit_trail_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit trail is append-only: % of an entry is refused', TG_OP
        USING ERRCODE = 'restrict_violation';
END
$$;

CREATE TRIGGER audit_trail_refuses_update_and_delete
    BEFORE UPDATE OR DELETE ON audit_trail
    FOR EACH ROW EXECUTE FUNCTION audit_trail_is_append_only();

CREATE TRIGGER audit_trail_refuses_truncate
    BEFORE TRUNCATE ON audit_trail
    FOR EACH STATEMENT EXECUTE FUNCTION audit_trail_is_append_only();
)sql";

// `ordinal` keeps the order in which bodies were first added; replacing a body keeps its place.
// (Version 7 makes PostgreSQL's column a plain one, as SQLite's always was.)
constexpr std::string_view kGovernanceBodies = R"sql(
CREATE TABLE governance_bodies (
    id TEXT PRIMARY KEY,
    ordinal {bigint} NOT NULL UNIQUE,
    name TEXT NOT NULL,
    cadence TEXT NOT NULL,
    is_public {flag:is_public} NOT NULL
) {strict};
)sql";

// Case-level data (storage/case_store.hpp): each imported return, and its records in tables
// shaped like domain/case_data.hpp, keyed by (return_id, ordinal): the record's place in its
// file, which is also the order records load in. Only what the indicators read is kept.
// source_file is NULL when it is the return's own file. SQLite's record dates are not CHECKed
// row by row, since national returns have millions of rows and csip writes every one. The
// record tables carry no triggers, so that PostgreSQL can COPY into them.
constexpr std::string_view kCaseData = R"sql(
CREATE TABLE case_returns (
    id {id},
    format TEXT NOT NULL,
    reference TEXT NOT NULL,
    reference_date {date:reference_date},
    -- what the return is a snapshot of, dated by reference_date: a workforce, an OC2 cohort
    snapshot TEXT CHECK (snapshot IN ('workforce', 'oc2')),
    file TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    imported_by TEXT NOT NULL,
    records_read {bigint} NOT NULL,
    records_used {bigint} NOT NULL,
    records_skipped {bigint} NOT NULL,
    UNIQUE (format, reference),
    CHECK (snapshot IS DISTINCT FROM 'workforce' OR reference_date IS NOT NULL)
) {strict};

CREATE TABLE case_assessments (
    return_id {bigint} NOT NULL REFERENCES case_returns (id),
    ordinal INTEGER NOT NULL,
    child_id TEXT NOT NULL,
    start {day},
    authorised {day},
    source_file TEXT,
    source_line INTEGER NOT NULL,
    PRIMARY KEY (return_id, ordinal)
) {strict};

CREATE TABLE case_enquiries (
    return_id {bigint} NOT NULL REFERENCES case_returns (id),
    ordinal INTEGER NOT NULL,
    child_id TEXT NOT NULL,
    start {day},
    initial_conference {day},
    conference_not_required {flag:conference_not_required} NOT NULL,
    source_file TEXT,
    source_line INTEGER NOT NULL,
    PRIMARY KEY (return_id, ordinal)
) {strict};

CREATE TABLE case_protection_plans (
    return_id {bigint} NOT NULL REFERENCES case_returns (id),
    ordinal INTEGER NOT NULL,
    child_id TEXT NOT NULL,
    start {day} NOT NULL,
    ended {day},
    source_file TEXT,
    source_line INTEGER NOT NULL,
    PRIMARY KEY (return_id, ordinal)
) {strict};

CREATE TABLE case_protection_reviews (
    return_id {bigint} NOT NULL,
    plan_ordinal INTEGER NOT NULL,
    ordinal INTEGER NOT NULL,
    held {day} NOT NULL,
    PRIMARY KEY (return_id, plan_ordinal, ordinal),
    FOREIGN KEY (return_id, plan_ordinal) REFERENCES case_protection_plans (return_id, ordinal)
) {strict};

CREATE TABLE case_care_episodes (
    return_id {bigint} NOT NULL REFERENCES case_returns (id),
    ordinal INTEGER NOT NULL,
    child_id TEXT NOT NULL,
    start {day} NOT NULL,
    legal_status TEXT NOT NULL,
    ended {day},
    reason_ended TEXT NOT NULL,
    source_file TEXT,
    source_line INTEGER NOT NULL,
    PRIMARY KEY (return_id, ordinal)
) {strict};

CREATE TABLE case_care_reviews (
    return_id {bigint} NOT NULL REFERENCES case_returns (id),
    ordinal INTEGER NOT NULL,
    child_id TEXT NOT NULL,
    held {day} NOT NULL,
    source_file TEXT,
    source_line INTEGER NOT NULL,
    PRIMARY KEY (return_id, ordinal)
) {strict};

CREATE TABLE case_continuously_looked_after (
    return_id {bigint} NOT NULL REFERENCES case_returns (id),
    ordinal INTEGER NOT NULL,
    child_id TEXT NOT NULL,
    health_assessment {flag:health_assessment},
    teeth_check {flag:teeth_check},
    source_file TEXT,
    source_line INTEGER NOT NULL,
    PRIMARY KEY (return_id, ordinal)
) {strict};

CREATE TABLE case_protection_visits (
    return_id {bigint} NOT NULL REFERENCES case_returns (id),
    ordinal INTEGER NOT NULL,
    child_id TEXT NOT NULL,
    visited_on {day} NOT NULL,
    seen {flag:seen} NOT NULL,
    seen_alone {flag:seen_alone},
    worker TEXT NOT NULL,
    source_file TEXT,
    source_line INTEGER NOT NULL,
    PRIMARY KEY (return_id, ordinal)
) {strict};

CREATE TABLE case_conference_reports (
    return_id {bigint} NOT NULL REFERENCES case_returns (id),
    ordinal INTEGER NOT NULL,
    child_id TEXT NOT NULL,
    conference_type TEXT NOT NULL CHECK (conference_type IN ('initial', 'review')),
    conference {day} NOT NULL,
    shared {day},
    source_file TEXT,
    source_line INTEGER NOT NULL,
    PRIMARY KEY (return_id, ordinal)
) {strict};

CREATE TABLE case_workers (
    return_id {bigint} NOT NULL REFERENCES case_returns (id),
    ordinal INTEGER NOT NULL,
    worker_id TEXT NOT NULL,
    team TEXT NOT NULL,
    qualified {flag:qualified} NOT NULL,
    agency {flag:agency} NOT NULL,
    fte {real} NOT NULL,
    start {day},
    ended {day},
    source_file TEXT,
    source_line INTEGER NOT NULL,
    PRIMARY KEY (return_id, ordinal)
) {strict};

CREATE TABLE manual_indicator_values (
    id {id},
    indicator TEXT NOT NULL,
    month TEXT NOT NULL {month:month},
    value {real} NOT NULL,
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    note TEXT NOT NULL
) {strict};
CREATE INDEX manual_indicator_values_by_month ON manual_indicator_values (indicator, month);

CREATE TABLE indicator_settings (
    key TEXT PRIMARY KEY,
    value {real} NOT NULL,
    set_by TEXT NOT NULL,
    set_at TEXT NOT NULL
) {strict};
)sql";

// Who may sign in. Secrets are never stored: a password as its argon2id string, a session and
// an API token as the hash of the secret. Times are seconds since 1970 (UTC). Failed sign-ins
// are kept by the name as typed, known or not.
constexpr std::string_view kAccounts = R"sql(
CREATE TABLE users (
    name TEXT PRIMARY KEY,
    role TEXT NOT NULL CHECK (role IN ('viewer', 'lead', 'editor', 'admin')),
    officer TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    disabled {flag:disabled} NOT NULL,
    created_at {bigint} NOT NULL
) {strict};

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_name TEXT NOT NULL REFERENCES users (name),
    csrf_token TEXT NOT NULL,
    created_at {bigint} NOT NULL,
    expires_at {bigint} NOT NULL
) {strict};
CREATE INDEX sessions_by_user ON sessions (user_name);
CREATE INDEX sessions_by_expiry ON sessions (expires_at);

CREATE TABLE api_tokens (
    token_hash TEXT PRIMARY KEY,
    user_name TEXT NOT NULL REFERENCES users (name),
    created_at {bigint} NOT NULL
) {strict};
CREATE INDEX api_tokens_by_user ON api_tokens (user_name);

CREATE TABLE sign_in_failures (
    name TEXT PRIMARY KEY,
    failures INTEGER NOT NULL,
    last_failed_at {bigint} NOT NULL,
    locked_until {bigint}
) {strict};
)sql";

// Reporting to governance bodies. It names only tables of versions 1-3, so it applies whatever
// versions 4 and 5 hold. Publications and their files are frozen like the audit trail. Profile
// lists are stored as comma-separated words (section and indicator ids have no commas).
constexpr std::string_view kReporting = R"sql(
CREATE TABLE meetings (
    body_id TEXT NOT NULL REFERENCES governance_bodies (id),
    held_on {date:held_on} NOT NULL,
    PRIMARY KEY (body_id, held_on)
) {strict};

CREATE TABLE report_profiles (
    body_id TEXT PRIMARY KEY REFERENCES governance_bodies (id),
    sections TEXT NOT NULL,
    indicators TEXT NOT NULL,
    case_level_allowed {flag:case_level_allowed} NOT NULL
) {strict};

CREATE TABLE report_settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
) {strict};

CREATE TABLE publications (
    id {id},
    body_id TEXT NOT NULL REFERENCES governance_bodies (id),
    meeting {date:meeting} NOT NULL,
    as_of {date:as_of} NOT NULL,
    since {date:since} NOT NULL,
    published_at TEXT NOT NULL,
    published_by TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    plan_json TEXT NOT NULL,
    snapshot_json TEXT NOT NULL,
    UNIQUE (body_id, meeting)
) {strict};

CREATE TABLE publication_files (
    publication_id {bigint} NOT NULL REFERENCES publications (id),
    ordinal INTEGER NOT NULL,
    format TEXT NOT NULL,
    file_name TEXT NOT NULL,
    content {bytes} NOT NULL,
    PRIMARY KEY (publication_id, ordinal)
) {strict};

CREATE TABLE reminders_sent (
    lead TEXT NOT NULL,
    sent_on {date:sent_on} NOT NULL,
    claimed_at TEXT NOT NULL,
    PRIMARY KEY (lead, sent_on)
) {strict};
)sql";

constexpr std::string_view kReportingSqlite = R"sql(
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
)sql";

constexpr std::string_view kReportingPostgres = R"sql(
CREATE FUNCTION publications_are_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'a published report is frozen: % is refused', TG_OP
        USING ERRCODE = 'restrict_violation';
END
$$;

CREATE TRIGGER publications_refuse_update_and_delete
    BEFORE UPDATE OR DELETE ON publications
    FOR EACH ROW EXECUTE FUNCTION publications_are_frozen();
CREATE TRIGGER publications_refuse_truncate
    BEFORE TRUNCATE ON publications
    FOR EACH STATEMENT EXECUTE FUNCTION publications_are_frozen();
CREATE TRIGGER publication_files_refuse_update_and_delete
    BEFORE UPDATE OR DELETE ON publication_files
    FOR EACH ROW EXECUTE FUNCTION publications_are_frozen();
CREATE TRIGGER publication_files_refuse_truncate
    BEFORE TRUNCATE ON publication_files
    FOR EACH STATEMENT EXECUTE FUNCTION publications_are_frozen();
)sql";

// Version 7: the stores are written once for both backends, and a new governance body takes
// the next ordinal explicitly. Releases before it made PostgreSQL's ordinal an identity column,
// which refuses an explicit value; it becomes a plain column, as SQLite's always was.
constexpr std::string_view kOneStorePostgres = R"sql(
ALTER TABLE governance_bodies ALTER COLUMN ordinal DROP IDENTITY IF EXISTS;
)sql";

// Version 8: an API token has a label saying what it is for and an expiry. A token made before
// tokens expired lasts as long as a token may, a year from when it was made.
constexpr std::string_view kTokenExpiry = R"sql(
ALTER TABLE api_tokens ADD COLUMN label TEXT NOT NULL DEFAULT '';
ALTER TABLE api_tokens ADD COLUMN expires_at {bigint} NOT NULL DEFAULT 0;
UPDATE api_tokens SET expires_at = created_at + 31536000;
)sql";

// Version 9: the plan is edited item by item in the browser and the API. Each editable item
// has a version (raised by every change, so that a change from an older copy is refused) and is
// retired rather than deleted; a success measure has a status of its own; the overall grade is
// optional (a framework may give none); evidence is kept beside the plan's tables, with no
// foreign key into them, since replacing the plan rewrites those rows while evidence stays.
constexpr std::string_view kPlanEditing = R"sql(
ALTER TABLE plan ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE plan ADD COLUMN inspection_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE recommendations ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE recommendations ADD COLUMN retired_on {date:retired_on};
ALTER TABLE recommendations ADD COLUMN retired_by TEXT;
ALTER TABLE recommendations ADD COLUMN retired_reason TEXT;
ALTER TABLE workstreams ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE workstreams ADD COLUMN retired_on {date:retired_on};
ALTER TABLE workstreams ADD COLUMN retired_by TEXT;
ALTER TABLE workstreams ADD COLUMN retired_reason TEXT;
ALTER TABLE commitments ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE commitments ADD COLUMN retired_on {date:retired_on};
ALTER TABLE commitments ADD COLUMN retired_by TEXT;
ALTER TABLE commitments ADD COLUMN retired_reason TEXT;
ALTER TABLE success_measures ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE success_measures ADD COLUMN retired_on {date:retired_on};
ALTER TABLE success_measures ADD COLUMN retired_by TEXT;
ALTER TABLE success_measures ADD COLUMN retired_reason TEXT;
ALTER TABLE success_measures ADD COLUMN status TEXT NOT NULL DEFAULT 'not_assessed'
    CHECK (status IN ('not_assessed', 'not_met', 'partly_met', 'met'));
ALTER TABLE success_measures ADD COLUMN status_by TEXT NOT NULL DEFAULT '';
ALTER TABLE success_measures ADD COLUMN status_at TEXT NOT NULL DEFAULT '';
ALTER TABLE actions ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE actions ADD COLUMN retired_on {date:retired_on};
ALTER TABLE actions ADD COLUMN retired_by TEXT;
ALTER TABLE actions ADD COLUMN retired_reason TEXT;

CREATE TABLE evidence (
    id {id},
    measure_id TEXT NOT NULL,
    evidence_on {date:evidence_on} NOT NULL,
    text TEXT NOT NULL,
    given_by TEXT NOT NULL,
    link TEXT,
    recorded_at TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    file_name TEXT,
    content_type TEXT,
    file_size {bigint},
    file_sha256 TEXT,
    file_content {bytes},
    CHECK ((file_name IS NULL) = (file_content IS NULL))
) {strict};
CREATE INDEX evidence_by_measure ON evidence (measure_id, id);
)sql";

// SQLite cannot drop a NOT NULL: the plan's one row moves to a table without it.
constexpr std::string_view kPlanEditingSqlite = R"sql(
CREATE TABLE plan_v9 (
    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
    authority TEXT NOT NULL,
    title TEXT NOT NULL,
    vision TEXT NOT NULL,
    inspection_framework TEXT NOT NULL,
    inspection_start TEXT CHECK (inspection_start = date(inspection_start)) NOT NULL,
    inspection_end TEXT CHECK (inspection_end = date(inspection_end)) NOT NULL,
    inspection_published TEXT CHECK (inspection_published = date(inspection_published)) NOT NULL,
    overall_grade TEXT
        CHECK (overall_grade IN ('outstanding', 'good', 'requires_improvement', 'inadequate')),
    version INTEGER NOT NULL DEFAULT 1,
    inspection_version INTEGER NOT NULL DEFAULT 1
) STRICT;
INSERT INTO plan_v9 SELECT singleton, authority, title, vision, inspection_framework,
    inspection_start, inspection_end, inspection_published, overall_grade, version,
    inspection_version FROM plan;
DROP TABLE plan;
ALTER TABLE plan_v9 RENAME TO plan;
)sql";

constexpr std::string_view kPlanEditingPostgres = R"sql(
ALTER TABLE plan ALTER COLUMN overall_grade DROP NOT NULL;
)sql";

// Version 10: returns uploaded and imported in the browser. Each return keeps the SHA-256 of the
// file it was read from (NULL for returns imported before this version) and its import report
// (csip-import-report/1 JSON, written by the app layer: records read, used and skipped by reason,
// and every problem), so that the report stays available from the list of returns. A removed
// return takes its report with it.
constexpr std::string_view kReturnReports = R"sql(
ALTER TABLE case_returns ADD COLUMN sha256 TEXT;
CREATE TABLE case_return_reports (
    return_id {bigint} PRIMARY KEY REFERENCES case_returns (id),
    report TEXT NOT NULL
) {strict};
)sql";

// Version 11: Ofsted Annex A snapshots (domain::AnnexASnapshot). A return that holds one has a
// row in case_annex_a_snapshots, even when its lists are empty, and is dated by the return's
// reference_date (the snapshot's as-at date). Each list row is a record like the others, keyed
// by (return_id, ordinal) in the workbook's order, with the typed fields the figures read (an
// end date is `ended`; an absent count, flag or date is NULL; team, worker and activity are ''
// when not given); every column as read is kept in case_annex_a_values, in the file's order.
constexpr std::string_view kAnnexA = R"sql(
CREATE TABLE case_annex_a_snapshots (
    return_id {bigint} PRIMARY KEY REFERENCES case_returns (id)
) {strict};

CREATE TABLE case_annex_a_children (
    return_id {bigint} NOT NULL REFERENCES case_returns (id),
    ordinal INTEGER NOT NULL,
    list INTEGER NOT NULL CHECK (list BETWEEN 1 AND 11),
    child_id TEXT NOT NULL,
    team TEXT NOT NULL,
    worker TEXT NOT NULL,
    birth {day},
    start {day},
    ended {day},
    last_visit {day},
    latest_review {day},
    health_assessment {day},
    dental_check {day},
    placements_last_12_months INTEGER,
    previous_plans INTEGER,
    in_touch {flag:in_touch},
    suitable_accommodation {flag:suitable_accommodation},
    no_conference_needed {flag:no_conference_needed},
    activity TEXT NOT NULL,
    source_file TEXT,
    source_line INTEGER NOT NULL,
    PRIMARY KEY (return_id, ordinal)
) {strict};

CREATE TABLE case_annex_a_values (
    return_id {bigint} NOT NULL,
    ordinal INTEGER NOT NULL,
    position INTEGER NOT NULL,
    header TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (return_id, ordinal, position),
    FOREIGN KEY (return_id, ordinal) REFERENCES case_annex_a_children (return_id, ordinal)
) {strict};
)sql";

// Version 12: the department's published figures (domain/indicators/benchmarks.hpp), one row per
// measure, source, year and area (a value withheld is NULL with its mark), and the
// statistical-neighbour models, each council's neighbours closest first. A model imported again
// under its name replaces the earlier one and takes a new id, so the latest imported has the
// highest.
constexpr std::string_view kPublished = R"sql(
CREATE TABLE published_figures (
    measure TEXT NOT NULL,
    source TEXT NOT NULL CHECK (source IN ('ees', 'lait')),
    year TEXT NOT NULL,
    level TEXT NOT NULL CHECK (level IN ('england', 'region', 'la')),
    area_code TEXT NOT NULL,
    area_name TEXT NOT NULL,
    region TEXT NOT NULL,
    value {real},
    mark TEXT NOT NULL,
    dataset TEXT NOT NULL,
    file TEXT NOT NULL,
    line INTEGER NOT NULL,
    PRIMARY KEY (measure, source, year, area_code)
) {strict};

CREATE TABLE neighbour_models (
    id {id},
    name TEXT NOT NULL UNIQUE,
    file TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    imported_by TEXT NOT NULL
) {strict};

CREATE TABLE neighbour_model_councils (
    model_id {bigint} NOT NULL REFERENCES neighbour_models (id),
    ordinal INTEGER NOT NULL,
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    region TEXT NOT NULL,
    PRIMARY KEY (model_id, code)
) {strict};

CREATE TABLE neighbour_model_neighbours (
    model_id {bigint} NOT NULL,
    code TEXT NOT NULL,
    position INTEGER NOT NULL,
    neighbour TEXT NOT NULL,
    closeness TEXT NOT NULL,
    PRIMARY KEY (model_id, code, position),
    FOREIGN KEY (model_id, code) REFERENCES neighbour_model_councils (model_id, code)
) {strict};
)sql";

constexpr std::array kMigrations{
    Migration{1, "the improvement plan", kPlanTables, {}, {}},
    Migration{2, "the append-only audit trail", kAuditTrail, kAuditTrailSqlite,
              kAuditTrailPostgres},
    Migration{3, "governance bodies", kGovernanceBodies, {}, {}},
    Migration{4, "case data, manual indicator values and indicator settings", kCaseData, {}, {}},
    Migration{5, "users, sessions, API tokens and failed sign-ins", kAccounts, {}, {}},
    Migration{6, "reporting to governance bodies", kReporting, kReportingSqlite,
              kReportingPostgres},
    Migration{7, "one store for both backends", {}, {}, kOneStorePostgres},
    Migration{8, "API tokens with a label and an expiry", kTokenExpiry, {}, {}},
    Migration{9, "the plan edited item by item, with versions, retirement and evidence",
              kPlanEditing, kPlanEditingSqlite, kPlanEditingPostgres},
    Migration{10, "returns with their SHA-256 and import report", kReturnReports, {}, {}},
    Migration{11, "Annex A snapshots: every list's rows as at a date", kAnnexA, {}, {}},
    Migration{12, "published figures and statistical-neighbour models", kPublished, {}, {}},
};

// What the token `name` (with its column `argument`, for those that take one) becomes.
std::string token(std::string_view name, std::string_view argument, Backend backend) {
    const bool sqlite = backend == Backend::Sqlite;
    const std::string column(argument);
    if (name == "strict") return sqlite ? "STRICT" : "";
    if (name == "id") {
        return sqlite ? "INTEGER PRIMARY KEY AUTOINCREMENT"
                      : "bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY";
    }
    if (name == "singleton") {
        return sqlite ? "INTEGER PRIMARY KEY CHECK (singleton = 1)"
                      : "boolean PRIMARY KEY DEFAULT true CHECK (singleton)";
    }
    if (name == "bigint") return sqlite ? "INTEGER" : "bigint";
    if (name == "real") return sqlite ? "REAL" : "double precision";
    if (name == "bytes") return sqlite ? "BLOB" : "bytea";
    if (name == "day") return sqlite ? "TEXT" : "date";
    if (name == "date")
        return sqlite ? "TEXT CHECK (" + column + " = date(" + column + "))" : "date";
    if (name == "flag") return sqlite ? "INTEGER CHECK (" + column + " IN (0, 1))" : "boolean";
    if (name == "month") {
        return sqlite ? "CHECK (" + column + " GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]')"
                      : "CHECK (" + column + " ~ '^[0-9]{4}-[01][0-9]$')";
    }
    throw DatabaseError(Failure::Other,
                        "the schema names an unknown type {" + std::string(name) + "}");
}

}  // namespace

std::span<const Migration> migrations() { return kMigrations; }

std::string render(const Migration& migration, Backend backend) {
    std::string out;
    const std::string_view sql = migration.shared;
    std::size_t at = 0;
    while (at < sql.size()) {
        const auto open = sql.find('{', at);
        if (open == std::string_view::npos) {
            out += sql.substr(at);
            break;
        }
        const auto close = sql.find('}', open);
        out += sql.substr(at, open - at);
        const std::string_view inside = sql.substr(open + 1, close - open - 1);
        const auto colon = inside.find(':');
        out += colon == std::string_view::npos
                   ? token(inside, {}, backend)
                   : token(inside.substr(0, colon), inside.substr(colon + 1), backend);
        at = close + 1;
    }
    out += backend == Backend::Sqlite ? migration.sqlite : migration.postgres;
    return out;
}

Result<void> migrate(Connection& db) {
    // Created under the migration lock, so that two processes opening a new database at once
    // create it once; looked up first, since a least-privilege role may not CREATE.
    {
        Transaction transaction(db, Access::Write, Lock::Migrations);
        if (!db.table_exists("schema_migrations")) {
            db.execute(db.backend() == Backend::Sqlite
                           ? "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, "
                             "applied_at TEXT NOT NULL) STRICT"
                           : "CREATE TABLE schema_migrations (version integer PRIMARY KEY, "
                             "applied_at timestamptz NOT NULL DEFAULT now())");
        }
        transaction.commit();
    }
    const int newest_known = migrations().back().version;
    {
        auto newest = db.prepare("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
        const std::int64_t newest_applied = newest.step() ? newest.integer(0) : 0;
        if (newest_applied > newest_known) {
            return fail(ErrorKind::Unavailable,
                        db.where() + " has schema version " + std::to_string(newest_applied) +
                            ", newer than this csip knows (" + std::to_string(newest_known) +
                            "): use the csip release that wrote it, or a later one");
        }
        if (newest_applied == newest_known) return {};
    }
    // Each version in its own transaction, checked under the lock so that it is applied once.
    for (const auto& migration : migrations()) {
        Transaction transaction(db, Access::Write, Lock::Migrations);
        auto applied = db.prepare("SELECT 1 FROM schema_migrations WHERE version = ?");
        if (applied.bind(migration.version).step()) continue;
        const std::string sql = render(migration, db.backend());
        if (!sql.empty()) db.execute(sql);
        db.prepare(
              "INSERT INTO schema_migrations (version, applied_at) VALUES (?, CURRENT_TIMESTAMP)")
            .bind(migration.version)
            .run();
        transaction.commit();
    }
    return {};
}

}  // namespace csip::storage::sql
