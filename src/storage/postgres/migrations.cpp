#include "migrations.hpp"

#include <array>

namespace csip::storage::postgres {
namespace {

// Enumerations are stored as the words of domain/plan.hpp (to_string), dates as DATE, and
// every list with an `ordinal` within its parent so that rows come back in the order the plan
// was saved. The same tables and columns as the SQLite schema, in PostgreSQL's own types.
constexpr std::string_view kPlanTables = R"sql(
CREATE TABLE plan (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    authority text NOT NULL,
    title text NOT NULL,
    vision text NOT NULL,
    inspection_framework text NOT NULL,
    inspection_start date NOT NULL,
    inspection_end date NOT NULL,
    inspection_published date NOT NULL,
    overall_grade text NOT NULL
        CHECK (overall_grade IN ('outstanding', 'good', 'requires_improvement', 'inadequate'))
);

CREATE TABLE judgements (
    ordinal integer PRIMARY KEY,
    area text NOT NULL,
    grade text NOT NULL
        CHECK (grade IN ('outstanding', 'good', 'requires_improvement', 'inadequate')),
    limiting boolean NOT NULL
);

CREATE TABLE recommendations (
    id text PRIMARY KEY,
    ordinal integer NOT NULL UNIQUE,
    category text NOT NULL CHECK (category IN ('priority', 'improvement')),
    text text NOT NULL
);

CREATE TABLE workstreams (
    id text PRIMARY KEY,
    ordinal integer NOT NULL UNIQUE,
    title text NOT NULL,
    sponsor text NOT NULL,
    lead text NOT NULL
);

CREATE TABLE commitments (
    id text PRIMARY KEY,
    workstream_id text NOT NULL REFERENCES workstreams (id),
    ordinal integer NOT NULL,
    text text NOT NULL,
    UNIQUE (workstream_id, ordinal)
);

CREATE TABLE commitment_recommendations (
    commitment_id text NOT NULL REFERENCES commitments (id),
    recommendation_id text NOT NULL REFERENCES recommendations (id),
    ordinal integer NOT NULL,
    PRIMARY KEY (commitment_id, recommendation_id),
    UNIQUE (commitment_id, ordinal)
);
CREATE INDEX commitment_recommendations_by_recommendation
    ON commitment_recommendations (recommendation_id);

CREATE TABLE success_measures (
    id text PRIMARY KEY,
    commitment_id text NOT NULL REFERENCES commitments (id),
    ordinal integer NOT NULL,
    kind text NOT NULL CHECK (kind IN ('measured', 'monitored', 'observed', 'established')),
    text text NOT NULL,
    indicator text,
    target double precision,
    UNIQUE (commitment_id, ordinal)
);

CREATE TABLE actions (
    id text PRIMARY KEY,
    commitment_id text NOT NULL REFERENCES commitments (id),
    ordinal integer NOT NULL,
    text text NOT NULL,
    lead text NOT NULL,
    due date NOT NULL,
    original_due date NOT NULL,
    status text NOT NULL CHECK (status IN ('not_started', 'in_progress', 'complete')),
    rag text CHECK (rag IN ('red', 'amber', 'green')),
    UNIQUE (commitment_id, ordinal)
);

CREATE TABLE status_updates (
    action_id text NOT NULL REFERENCES actions (id),
    ordinal integer NOT NULL,
    reported_on date NOT NULL,
    reported_by text NOT NULL,
    text text NOT NULL,
    status text CHECK (status IN ('not_started', 'in_progress', 'complete')),
    rag text CHECK (rag IN ('red', 'amber', 'green')),
    PRIMARY KEY (action_id, ordinal)
);
)sql";

// `at` stays the text the caller gave (ISO 8601 UTC), so that it reads back unchanged. The
// trigger function refuses UPDATE, DELETE and TRUNCATE for anyone who connects, not only csip.
constexpr std::string_view kAuditTrail = R"sql(
CREATE TABLE audit_trail (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at text NOT NULL,
    actor text NOT NULL,
    entity text NOT NULL,
    entity_id text NOT NULL,
    field text NOT NULL,
    old_value text,
    new_value text,
    reason text
);
CREATE INDEX audit_trail_by_entity ON audit_trail (entity, entity_id);

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
constexpr std::string_view kGovernanceBodies = R"sql(
CREATE TABLE governance_bodies (
    id text PRIMARY KEY,
    ordinal bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    name text NOT NULL,
    cadence text NOT NULL,
    is_public boolean NOT NULL
);
)sql";

// Version 5: who may sign in, as in the SQLite schema. Secrets are never stored: a password as
// its argon2id string, a session and an API token as the hash of the secret. Times are seconds
// since 1970 (UTC). Failed sign-ins are kept by the name as typed, known or not.
constexpr std::string_view kAccounts = R"sql(
CREATE TABLE users (
    name text PRIMARY KEY,
    role text NOT NULL CHECK (role IN ('viewer', 'lead', 'editor', 'admin')),
    officer text NOT NULL,
    password_hash text NOT NULL,
    disabled boolean NOT NULL,
    created_at bigint NOT NULL
);

CREATE TABLE sessions (
    token_hash text PRIMARY KEY,
    user_name text NOT NULL REFERENCES users (name),
    csrf_token text NOT NULL,
    created_at bigint NOT NULL,
    expires_at bigint NOT NULL
);
CREATE INDEX sessions_by_user ON sessions (user_name);
CREATE INDEX sessions_by_expiry ON sessions (expires_at);

CREATE TABLE api_tokens (
    token_hash text PRIMARY KEY,
    user_name text NOT NULL REFERENCES users (name),
    created_at bigint NOT NULL
);
CREATE INDEX api_tokens_by_user ON api_tokens (user_name);

CREATE TABLE sign_in_failures (
    name text PRIMARY KEY,
    failures integer NOT NULL,
    last_failed_at bigint NOT NULL,
    locked_until bigint
);
)sql";

// Version 6: reporting to governance bodies. It names only tables of versions 1-3, so it applies
// whatever versions 4 and 5 hold. Publications and their files are frozen like the audit trail:
// a trigger function refuses UPDATE, DELETE and TRUNCATE for anyone who connects.
constexpr std::string_view kReporting = R"sql(
CREATE TABLE meetings (
    body_id text NOT NULL REFERENCES governance_bodies (id),
    held_on date NOT NULL,
    PRIMARY KEY (body_id, held_on)
);

CREATE TABLE report_profiles (
    body_id text PRIMARY KEY REFERENCES governance_bodies (id),
    sections text NOT NULL,
    indicators text NOT NULL,
    case_level_allowed boolean NOT NULL
);

CREATE TABLE report_settings (
    key text PRIMARY KEY,
    value text NOT NULL
);

CREATE TABLE publications (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    body_id text NOT NULL REFERENCES governance_bodies (id),
    meeting date NOT NULL,
    as_of date NOT NULL,
    since date NOT NULL,
    published_at text NOT NULL,
    published_by text NOT NULL,
    content_hash text NOT NULL,
    plan_json text NOT NULL,
    snapshot_json text NOT NULL,
    UNIQUE (body_id, meeting)
);

CREATE TABLE publication_files (
    publication_id bigint NOT NULL REFERENCES publications (id),
    ordinal integer NOT NULL,
    format text NOT NULL,
    file_name text NOT NULL,
    content bytea NOT NULL,
    PRIMARY KEY (publication_id, ordinal)
);

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

CREATE TABLE reminders_sent (
    lead text NOT NULL,
    sent_on date NOT NULL,
    claimed_at text NOT NULL,
    PRIMARY KEY (lead, sent_on)
);
)sql";

// Case-level data (storage/case_store.hpp): the same tables and columns as the SQLite schema,
// in PostgreSQL's own types. Records are keyed by (return_id, ordinal), their place in the file.
// Returns are written with COPY, so the tables carry no triggers.
constexpr std::string_view kCaseData = R"sql(
CREATE TABLE case_returns (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    format text NOT NULL,
    reference text NOT NULL,
    reference_date date,
    snapshot text CHECK (snapshot IN ('workforce', 'oc2')),
    file text NOT NULL,
    imported_at text NOT NULL,
    imported_by text NOT NULL,
    records_read bigint NOT NULL,
    records_used bigint NOT NULL,
    records_skipped bigint NOT NULL,
    UNIQUE (format, reference),
    CHECK (snapshot IS DISTINCT FROM 'workforce' OR reference_date IS NOT NULL)
);

CREATE TABLE case_assessments (
    return_id bigint NOT NULL REFERENCES case_returns (id),
    ordinal integer NOT NULL,
    child_id text NOT NULL,
    start date,
    authorised date,
    source_file text,
    source_line integer NOT NULL,
    PRIMARY KEY (return_id, ordinal)
);

CREATE TABLE case_enquiries (
    return_id bigint NOT NULL REFERENCES case_returns (id),
    ordinal integer NOT NULL,
    child_id text NOT NULL,
    start date,
    initial_conference date,
    conference_not_required boolean NOT NULL,
    source_file text,
    source_line integer NOT NULL,
    PRIMARY KEY (return_id, ordinal)
);

CREATE TABLE case_protection_plans (
    return_id bigint NOT NULL REFERENCES case_returns (id),
    ordinal integer NOT NULL,
    child_id text NOT NULL,
    start date NOT NULL,
    ended date,
    source_file text,
    source_line integer NOT NULL,
    PRIMARY KEY (return_id, ordinal)
);

CREATE TABLE case_protection_reviews (
    return_id bigint NOT NULL,
    plan_ordinal integer NOT NULL,
    ordinal integer NOT NULL,
    held date NOT NULL,
    PRIMARY KEY (return_id, plan_ordinal, ordinal),
    FOREIGN KEY (return_id, plan_ordinal) REFERENCES case_protection_plans (return_id, ordinal)
);

CREATE TABLE case_care_episodes (
    return_id bigint NOT NULL REFERENCES case_returns (id),
    ordinal integer NOT NULL,
    child_id text NOT NULL,
    start date NOT NULL,
    legal_status text NOT NULL,
    ended date,
    reason_ended text NOT NULL,
    source_file text,
    source_line integer NOT NULL,
    PRIMARY KEY (return_id, ordinal)
);

CREATE TABLE case_care_reviews (
    return_id bigint NOT NULL REFERENCES case_returns (id),
    ordinal integer NOT NULL,
    child_id text NOT NULL,
    held date NOT NULL,
    source_file text,
    source_line integer NOT NULL,
    PRIMARY KEY (return_id, ordinal)
);

CREATE TABLE case_continuously_looked_after (
    return_id bigint NOT NULL REFERENCES case_returns (id),
    ordinal integer NOT NULL,
    child_id text NOT NULL,
    health_assessment boolean,
    teeth_check boolean,
    source_file text,
    source_line integer NOT NULL,
    PRIMARY KEY (return_id, ordinal)
);

CREATE TABLE case_protection_visits (
    return_id bigint NOT NULL REFERENCES case_returns (id),
    ordinal integer NOT NULL,
    child_id text NOT NULL,
    visited_on date NOT NULL,
    seen boolean NOT NULL,
    seen_alone boolean,
    worker text NOT NULL,
    source_file text,
    source_line integer NOT NULL,
    PRIMARY KEY (return_id, ordinal)
);

CREATE TABLE case_conference_reports (
    return_id bigint NOT NULL REFERENCES case_returns (id),
    ordinal integer NOT NULL,
    child_id text NOT NULL,
    conference_type text NOT NULL CHECK (conference_type IN ('initial', 'review')),
    conference date NOT NULL,
    shared date,
    source_file text,
    source_line integer NOT NULL,
    PRIMARY KEY (return_id, ordinal)
);

CREATE TABLE case_workers (
    return_id bigint NOT NULL REFERENCES case_returns (id),
    ordinal integer NOT NULL,
    worker_id text NOT NULL,
    team text NOT NULL,
    qualified boolean NOT NULL,
    agency boolean NOT NULL,
    fte double precision NOT NULL,
    start date,
    ended date,
    source_file text,
    source_line integer NOT NULL,
    PRIMARY KEY (return_id, ordinal)
);

CREATE TABLE manual_indicator_values (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    indicator text NOT NULL,
    month text NOT NULL CHECK (month ~ '^[0-9]{4}-[01][0-9]$'),
    value double precision NOT NULL,
    recorded_by text NOT NULL,
    recorded_at text NOT NULL,
    note text NOT NULL
);
CREATE INDEX manual_indicator_values_by_month ON manual_indicator_values (indicator, month);

CREATE TABLE indicator_settings (
    key text PRIMARY KEY,
    value double precision NOT NULL,
    set_by text NOT NULL,
    set_at text NOT NULL
);
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

}  // namespace csip::storage::postgres
