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

constexpr std::array kMigrations{
    Migration{1, "the improvement plan", kPlanTables},
    Migration{2, "the append-only audit trail", kAuditTrail},
    Migration{3, "governance bodies", kGovernanceBodies},
};

}  // namespace

std::span<const Migration> migrations() { return kMigrations; }

}  // namespace csip::storage::sqlite
