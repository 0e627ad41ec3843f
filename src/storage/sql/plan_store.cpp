// PlanStore on a sql::Connection: the plan in its tables (schema.cpp, version 1), the audit
// trail and the governance bodies. Every write is one Access::Write transaction on Lock::Plan,
// so edits of the plan are serialised on both backends and edit_action's read and write see no
// other writer between them: no update is lost.
#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <map>
#include <utility>

#include "storage/sql/stores.hpp"

namespace csip::storage::sql {
namespace {

using domain::Action;
using domain::AuditEntry;
using domain::Commitment;
using domain::Date;
using domain::GovernanceBody;
using domain::Plan;
using domain::StatusUpdate;
using domain::Workstream;

// The plan's tables, children before parents, so that deleting in this order never leaves a
// row whose parent is gone.
constexpr std::array<std::string_view, 9> kPlanTablesChildrenFirst{"status_updates",
                                                                   "actions",
                                                                   "success_measures",
                                                                   "commitment_recommendations",
                                                                   "commitments",
                                                                   "workstreams",
                                                                   "recommendations",
                                                                   "judgements",
                                                                   "plan"};

std::string word(auto value) { return std::string(domain::to_string(value)); }

template <typename E>
std::optional<std::string> optional_word(const std::optional<E>& value) {
    if (!value) return std::nullopt;
    return word(*value);
}

template <typename T>
T* find_parent(std::map<std::string, T*, std::less<>>& index, const std::string& id,
               std::string_view table) {
    auto found = index.find(id);
    if (found == index.end()) throw_damaged("a row of " + std::string(table) + " with no parent");
    return found->second;
}

// Columns: retired_on, retired_by, retired_reason from `first`.
std::optional<domain::Retirement> read_retirement(const Statement& row, int first,
                                                  std::string_view table) {
    if (row.is_null(first)) return std::nullopt;
    return domain::Retirement{stored_date(row.text(first), std::string(table) + ".retired_on"),
                              row.optional_text(first + 1).value_or(""),
                              row.optional_text(first + 2).value_or("")};
}

std::optional<std::string> retired_on(const std::optional<domain::Retirement>& retired) {
    if (!retired) return std::nullopt;
    return retired->on.iso();
}
std::optional<std::string> retired_by(const std::optional<domain::Retirement>& retired) {
    if (!retired) return std::nullopt;
    return retired->by;
}
std::optional<std::string> retired_reason(const std::optional<domain::Retirement>& retired) {
    if (!retired) return std::nullopt;
    return retired->reason;
}

int stored_version(const Statement& row, int column) {
    return static_cast<int>(row.integer(column));
}

constexpr std::string_view kActionColumns =
    "text, lead, due, original_due, status, rag, version, retired_on, retired_by, retired_reason";

// Columns: kActionColumns from `first`; the id is the caller's.
Action read_action(const Statement& row, int first) {
    Action action;
    action.text = row.text(first);
    action.lead = row.text(first + 1);
    action.due = stored_date(row.text(first + 2), "actions.due");
    action.original_due = stored_date(row.text(first + 3), "actions.original_due");
    action.status = stored_word(domain::parse_action_status(row.text(first + 4)),
                                row.text(first + 4), "actions.status");
    action.rag = stored_optional_word<domain::Rag>(row.optional_text(first + 5), domain::parse_rag,
                                                   "actions.rag");
    action.version = stored_version(row, first + 6);
    action.retired = read_retirement(row, first + 7, "actions");
    return action;
}

// Columns: reported_on, reported_by, text, status, rag from `first`.
StatusUpdate read_update(const Statement& row, int first) {
    StatusUpdate update;
    update.on = stored_date(row.text(first), "status_updates.reported_on");
    update.by = row.text(first + 1);
    update.text = row.text(first + 2);
    update.status = stored_optional_word<domain::ActionStatus>(
        row.optional_text(first + 3), domain::parse_action_status, "status_updates.status");
    update.rag = stored_optional_word<domain::Rag>(row.optional_text(first + 4), domain::parse_rag,
                                                   "status_updates.rag");
    return update;
}

constexpr std::string_view kInsertUpdate =
    "INSERT INTO status_updates (action_id, ordinal, reported_on, reported_by, text, status, rag) "
    "VALUES (?, ?, ?, ?, ?, ?, ?)";

void bind_update(Statement& insert, const std::string& action_id, std::size_t ordinal,
                 const StatusUpdate& update) {
    insert.bind(action_id, ordinal, update.on.iso(), update.by, update.text,
                optional_word(update.status), optional_word(update.rag));
}

void insert_plan(Connection& db, const Plan& plan) {
    const auto& inspection = plan.inspection;
    // `singleton` takes its default: SQLite's rowid 1 in the emptied table, PostgreSQL's true.
    db.prepare(
          "INSERT INTO plan (authority, title, vision, inspection_framework, "
          "inspection_start, inspection_end, inspection_published, overall_grade, version, "
          "inspection_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .bind(plan.authority, plan.title, plan.vision, inspection.framework, inspection.start.iso(),
              inspection.end.iso(), inspection.published.iso(), optional_word(inspection.overall),
              plan.version, inspection.version)
        .run();

    auto judgement =
        db.prepare("INSERT INTO judgements (ordinal, area, grade, limiting) VALUES (?, ?, ?, ?)");
    for (std::size_t j = 0; j < inspection.judgements.size(); ++j) {
        const auto& item = inspection.judgements[j];
        judgement.bind(j, item.area, word(item.grade), item.limiting).run();
    }

    auto recommendation =
        db.prepare("INSERT INTO recommendations (id, ordinal, category, text, version, retired_on, "
                   "retired_by, retired_reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    for (std::size_t r = 0; r < plan.recommendations.size(); ++r) {
        const auto& item = plan.recommendations[r];
        recommendation
            .bind(item.id, r, word(item.category), item.text, item.version,
                  retired_on(item.retired), retired_by(item.retired), retired_reason(item.retired))
            .run();
    }

    auto workstream = db.prepare(
        "INSERT INTO workstreams (id, ordinal, title, sponsor, lead, version, retired_on, "
        "retired_by, retired_reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    auto commitment = db.prepare(
        "INSERT INTO commitments (id, workstream_id, ordinal, text, version, retired_on, "
        "retired_by, retired_reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    auto link = db.prepare(
        "INSERT INTO commitment_recommendations (commitment_id, recommendation_id, ordinal) "
        "VALUES (?, ?, ?)");
    auto measure = db.prepare(
        "INSERT INTO success_measures (id, commitment_id, ordinal, kind, text, indicator, target, "
        "status, status_by, status_at, version, retired_on, retired_by, retired_reason) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    auto action = db.prepare(
        "INSERT INTO actions (id, commitment_id, ordinal, text, lead, due, original_due, status, "
        "rag, version, retired_on, retired_by, retired_reason) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    auto update = db.prepare(kInsertUpdate);
    for (std::size_t w = 0; w < plan.workstreams.size(); ++w) {
        const auto& ws = plan.workstreams[w];
        workstream
            .bind(ws.id, w, ws.title, ws.sponsor, ws.lead, ws.version, retired_on(ws.retired),
                  retired_by(ws.retired), retired_reason(ws.retired))
            .run();
        for (std::size_t c = 0; c < ws.commitments.size(); ++c) {
            const auto& cm = ws.commitments[c];
            commitment
                .bind(cm.id, ws.id, c, cm.text, cm.version, retired_on(cm.retired),
                      retired_by(cm.retired), retired_reason(cm.retired))
                .run();
            for (std::size_t l = 0; l < cm.recommendations.size(); ++l) {
                link.bind(cm.id, cm.recommendations[l], l).run();
            }
            for (std::size_t m = 0; m < cm.measures.size(); ++m) {
                const auto& ms = cm.measures[m];
                measure
                    .bind(ms.id, cm.id, m, word(ms.kind), ms.text, ms.indicator, ms.target,
                          word(ms.status), ms.status_by, ms.status_at, ms.version,
                          retired_on(ms.retired), retired_by(ms.retired),
                          retired_reason(ms.retired))
                    .run();
            }
            for (std::size_t a = 0; a < cm.actions.size(); ++a) {
                const auto& ac = cm.actions[a];
                action
                    .bind(ac.id, cm.id, a, ac.text, ac.lead, ac.due.iso(), ac.original_due.iso(),
                          word(ac.status), optional_word(ac.rag), ac.version,
                          retired_on(ac.retired), retired_by(ac.retired),
                          retired_reason(ac.retired))
                    .run();
                for (std::size_t u = 0; u < ac.updates.size(); ++u) {
                    bind_update(update, ac.id, u, ac.updates[u]);
                    update.run();
                }
            }
        }
    }
}

// The rows of each list come back ordered by their parent, then by ordinal; appending each to
// its parent in that order rebuilds every list in the order it was saved.
Plan read_plan_children(Connection& db, Plan plan) {
    auto judgements = db.prepare("SELECT area, grade, limiting FROM judgements ORDER BY ordinal");
    while (judgements.step()) {
        plan.inspection.judgements.push_back({judgements.text(0),
                                              stored_word(domain::parse_grade(judgements.text(1)),
                                                          judgements.text(1), "judgements.grade"),
                                              judgements.boolean(2)});
    }

    auto recommendations =
        db.prepare("SELECT id, category, text, version, retired_on, retired_by, retired_reason "
                   "FROM recommendations ORDER BY ordinal");
    while (recommendations.step()) {
        domain::Recommendation item;
        item.id = recommendations.text(0);
        item.category = stored_word(domain::parse_recommendation_category(recommendations.text(1)),
                                    recommendations.text(1), "recommendations.category");
        item.text = recommendations.text(2);
        item.version = stored_version(recommendations, 3);
        item.retired = read_retirement(recommendations, 4, "recommendations");
        plan.recommendations.push_back(std::move(item));
    }

    auto workstreams =
        db.prepare("SELECT id, title, sponsor, lead, version, retired_on, retired_by, "
                   "retired_reason FROM workstreams ORDER BY ordinal");
    while (workstreams.step()) {
        Workstream item;
        item.id = workstreams.text(0);
        item.title = workstreams.text(1);
        item.sponsor = workstreams.text(2);
        item.lead = workstreams.text(3);
        item.version = stored_version(workstreams, 4);
        item.retired = read_retirement(workstreams, 5, "workstreams");
        plan.workstreams.push_back(std::move(item));
    }
    std::map<std::string, Workstream*, std::less<>> workstream_index;
    for (auto& workstream : plan.workstreams) workstream_index[workstream.id] = &workstream;

    auto commitments = db.prepare(
        "SELECT id, workstream_id, text, version, retired_on, retired_by, retired_reason "
        "FROM commitments ORDER BY workstream_id, ordinal");
    while (commitments.step()) {
        Commitment item;
        item.id = commitments.text(0);
        item.text = commitments.text(2);
        item.version = stored_version(commitments, 3);
        item.retired = read_retirement(commitments, 4, "commitments");
        find_parent(workstream_index, commitments.text(1), "commitments")
            ->commitments.push_back(std::move(item));
    }
    // Pointers into the commitment lists are stable from here: no commitment is added later.
    std::map<std::string, Commitment*, std::less<>> commitment_index;
    for (auto& workstream : plan.workstreams) {
        for (auto& commitment : workstream.commitments)
            commitment_index[commitment.id] = &commitment;
    }

    auto links = db.prepare(
        "SELECT commitment_id, recommendation_id FROM commitment_recommendations "
        "ORDER BY commitment_id, ordinal");
    while (links.step()) {
        find_parent(commitment_index, links.text(0), "commitment_recommendations")
            ->recommendations.push_back(links.text(1));
    }

    auto measures = db.prepare(
        "SELECT commitment_id, id, kind, text, indicator, target, status, status_by, status_at, "
        "version, retired_on, retired_by, retired_reason FROM success_measures "
        "ORDER BY commitment_id, ordinal");
    while (measures.step()) {
        domain::SuccessMeasure item;
        item.id = measures.text(1);
        item.kind = stored_word(domain::parse_measure_kind(measures.text(2)), measures.text(2),
                                "success_measures.kind");
        item.text = measures.text(3);
        item.indicator = measures.optional_text(4);
        item.target = measures.optional_real(5);
        item.status = stored_word(domain::parse_measure_status(measures.text(6)), measures.text(6),
                                  "success_measures.status");
        item.status_by = measures.text(7);
        item.status_at = measures.text(8);
        item.version = stored_version(measures, 9);
        item.retired = read_retirement(measures, 10, "success_measures");
        find_parent(commitment_index, measures.text(0), "success_measures")
            ->measures.push_back(std::move(item));
    }

    auto actions = db.prepare(
        "SELECT commitment_id, id, " + std::string(kActionColumns) +
        " FROM actions ORDER BY commitment_id, ordinal");
    while (actions.step()) {
        Action action = read_action(actions, 2);
        action.id = actions.text(1);
        find_parent(commitment_index, actions.text(0), "actions")
            ->actions.push_back(std::move(action));
    }
    std::map<std::string, Action*, std::less<>> action_index;
    for (auto& [id, commitment] : commitment_index) {
        for (auto& action : commitment->actions) action_index[action.id] = &action;
    }

    auto updates = db.prepare(
        "SELECT action_id, reported_on, reported_by, text, status, rag FROM status_updates "
        "ORDER BY action_id, ordinal");
    while (updates.step()) {
        find_parent(action_index, updates.text(0), "status_updates")
            ->updates.push_back(read_update(updates, 1));
    }
    return plan;
}

std::optional<Action> read_action_by_id(Connection& db, std::string_view id) {
    auto row = db.prepare("SELECT " + std::string(kActionColumns) + " FROM actions WHERE id = ?");
    row.bind(id);
    if (!row.step()) return std::nullopt;
    Action action = read_action(row, 0);
    action.id = std::string(id);
    auto updates = db.prepare(
        "SELECT reported_on, reported_by, text, status, rag FROM status_updates "
        "WHERE action_id = ? ORDER BY ordinal");
    updates.bind(id);
    while (updates.step()) action.updates.push_back(read_update(updates, 0));
    return action;
}

std::optional<Plan> read_plan(Connection& db) {
    auto row = db.prepare(
        "SELECT authority, title, vision, inspection_framework, inspection_start, "
        "inspection_end, inspection_published, overall_grade, version, inspection_version "
        "FROM plan");
    if (!row.step()) return std::nullopt;
    Plan plan;
    plan.authority = row.text(0);
    plan.title = row.text(1);
    plan.vision = row.text(2);
    plan.inspection.framework = row.text(3);
    plan.inspection.start = stored_date(row.text(4), "plan.inspection_start");
    plan.inspection.end = stored_date(row.text(5), "plan.inspection_end");
    plan.inspection.published = stored_date(row.text(6), "plan.inspection_published");
    plan.inspection.overall = stored_optional_word<domain::Grade>(
        row.optional_text(7), domain::parse_grade, "plan.overall_grade");
    plan.version = stored_version(row, 8);
    plan.inspection.version = stored_version(row, 9);
    return read_plan_children(db, std::move(plan));
}

void rewrite_plan(Connection& db, const Plan& plan) {
    for (auto table : kPlanTablesChildrenFirst) db.execute("DELETE FROM " + std::string(table));
    insert_plan(db, plan);
}

// Columns of evidence without its content, in the order read_evidence reads them.
constexpr std::string_view kEvidenceColumns =
    "id, measure_id, evidence_on, text, given_by, link, recorded_at, recorded_by, file_name, "
    "content_type, file_size, file_sha256";

domain::Evidence read_evidence(const Statement& row) {
    domain::Evidence evidence;
    evidence.id = row.integer(0);
    evidence.measure = row.text(1);
    evidence.on = stored_date(row.text(2), "evidence.evidence_on");
    evidence.text = row.text(3);
    evidence.by = row.text(4);
    evidence.link = row.optional_text(5);
    evidence.recorded_at = row.text(6);
    evidence.recorded_by = row.text(7);
    if (auto name = row.optional_text(8)) {
        evidence.file = domain::EvidenceFile{*name, row.optional_text(9).value_or(""),
                                             row.is_null(10) ? 0 : row.integer(10),
                                             row.optional_text(11).value_or("")};
    }
    return evidence;
}

constexpr std::string_view kPlanRefused =
    "check the plan first (domain::check_plan): ids must be unique and each link must name an "
    "item of the plan";

class SqlPlanStore final : public PlanStore {
  public:
    explicit SqlPlanStore(std::unique_ptr<Database> database) : m_database(std::move(database)) {}

    Result<std::optional<Plan>> load_plan() override {
        return m_database->guarded("reading the plan",
                                   [&](Connection& db) -> Result<std::optional<Plan>> {
                                       Transaction transaction(db, Access::Read);
                                       return read_plan(db);
                                   });
    }

    Result<void> replace_plan(const Plan& plan, const std::vector<AuditEntry>& audit) override {
        return m_database->write("replacing the plan", Lock::Plan, audit,
                                 [&](Connection& db) { rewrite_plan(db, plan); });
    }

    Result<Plan> edit_plan(const PlanEdit& edit) override {
        return m_database->guarded("changing the plan", [&](Connection& db) -> Result<Plan> {
            // Locked before the read, as edit_action: no other writer comes between.
            Transaction transaction(db, Access::Write, Lock::Plan);
            auto revision = edit(read_plan(db));
            if (!revision) return fail(revision.error());
            rewrite_plan(db, revision->plan);
            append_audit(db, revision->audit);
            transaction.commit();
            return std::move(revision->plan);
        });
    }

    Result<domain::Evidence> add_evidence(const EvidenceEdit& edit,
                                          std::string_view content) override {
        return m_database->guarded(
            "adding evidence", [&](Connection& db) -> Result<domain::Evidence> {
                Transaction transaction(db, Access::Write, Lock::Plan);
                auto revision = edit(read_plan(db));
                if (!revision) return fail(revision.error());
                auto& evidence = revision->evidence;
                const auto& file = evidence.file;
                auto insert = db.prepare(
                    "INSERT INTO evidence (measure_id, evidence_on, text, given_by, link, "
                    "recorded_at, recorded_by, file_name, content_type, file_size, file_sha256, "
                    "file_content) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
                insert.bind(evidence.measure, evidence.on.iso(), evidence.text, evidence.by,
                            evidence.link, evidence.recorded_at, evidence.recorded_by,
                            file ? std::optional(file->name) : std::nullopt,
                            file ? std::optional(file->content_type) : std::nullopt,
                            file ? std::optional(file->size) : std::nullopt,
                            file ? std::optional(file->sha256) : std::nullopt,
                            file ? std::optional(Bytes{content}) : std::nullopt);
                if (!insert.step()) throw_damaged("an insert into evidence that gave no id");
                evidence.id = insert.integer(0);
                insert.run();
                for (auto& entry : revision->audit) {
                    entry.entity_id = std::to_string(evidence.id);
                }
                append_audit(db, revision->audit);
                transaction.commit();
                return evidence;
            });
    }

    Result<std::vector<domain::Evidence>> evidence(std::string_view measure) override {
        return m_database->guarded(
            "reading evidence", [&](Connection& db) -> Result<std::vector<domain::Evidence>> {
                std::string sql = "SELECT " + std::string(kEvidenceColumns) + " FROM evidence";
                if (!measure.empty()) sql += " WHERE measure_id = ?";
                auto rows = db.prepare(sql + " ORDER BY id");
                if (!measure.empty()) rows.bind(measure);
                std::vector<domain::Evidence> out;
                while (rows.step()) out.push_back(read_evidence(rows));
                return out;
            });
    }

    Result<std::optional<EvidenceWithFile>> evidence_file(std::int64_t id) override {
        return m_database->guarded(
            "reading an evidence file",
            [&](Connection& db) -> Result<std::optional<EvidenceWithFile>> {
                auto row = db.prepare("SELECT " + std::string(kEvidenceColumns) +
                                      ", file_content FROM evidence WHERE id = ?");
                row.bind(id);
                if (!row.step()) return std::optional<EvidenceWithFile>();
                EvidenceWithFile out{read_evidence(row), {}};
                if (!row.is_null(12)) out.content = row.bytes(12);
                return std::optional<EvidenceWithFile>(std::move(out));
            });
    }

    Result<Action> edit_action(std::string_view id, const ActionEdit& edit) override {
        return m_database->guarded("updating an action", [&](Connection& db) -> Result<Action> {
            // The write lock is taken before the read, so no other writer can change the action
            // between the read and the write: no update is lost.
            Transaction transaction(db, Access::Write, Lock::Plan);
            auto current = read_action_by_id(db, id);
            if (!current) {
                return fail(ErrorKind::NotFound,
                            "there is no action '" + std::string(id) +
                                "' in the stored plan: check the id (csip plan show lists them)",
                            "id");
            }
            auto change = edit(*current);
            if (!change) return fail(change.error());

            const Action& next = change->action;
            // A status update is a change of the action: its version goes up.
            db.prepare(
                  "UPDATE actions SET text = ?, lead = ?, due = ?, original_due = ?, status = ?, "
                  "rag = ?, version = version + 1 WHERE id = ?")
                .bind(next.text, next.lead, next.due.iso(), next.original_due.iso(),
                      word(next.status), optional_word(next.rag), current->id)
                .run();
            auto insert = db.prepare(kInsertUpdate);
            bind_update(insert, current->id, current->updates.size(), change->update);
            insert.run();
            append_audit(db, change->audit);
            transaction.commit();

            // The action as now stored: the new fields, and the history with the update appended.
            Action stored = next;
            stored.id = current->id;
            stored.version = current->version + 1;
            stored.retired = current->retired;
            stored.updates = std::move(current->updates);
            stored.updates.push_back(change->update);
            return stored;
        });
    }

    Result<std::vector<AuditEntry>> audit_trail(const AuditQuery& query) override {
        return m_database->guarded(
            "reading the audit trail", [&](Connection& db) -> Result<std::vector<AuditEntry>> {
                // Only the filters given become conditions, so that SQLite can use the entity
                // index.
                std::string sql =
                    "SELECT id, at, actor, entity, entity_id, field, old_value, new_value, reason "
                    "FROM audit_trail WHERE 1 = 1";
                std::vector<std::string> values;
                auto filter = [&](const std::optional<std::string>& value,
                                  std::string_view column) {
                    if (!value) return;
                    sql += " AND " + std::string(column) + " = ?";
                    values.push_back(*value);
                };
                filter(query.entity, "entity");
                filter(query.entity_id, "entity_id");
                filter(query.actor, "actor");
                sql += " ORDER BY id";
                if (query.limit > 0) {
                    const auto most =
                        static_cast<std::size_t>(std::numeric_limits<std::int64_t>::max());
                    sql += " LIMIT " + std::to_string(std::min(query.limit, most));
                }
                auto rows = db.prepare(sql);
                rows.bind_all(values);
                std::vector<AuditEntry> entries;
                while (rows.step()) {
                    entries.push_back({rows.integer(0), rows.text(1), rows.text(2), rows.text(3),
                                       rows.text(4), rows.text(5), rows.optional_text(6),
                                       rows.optional_text(7), rows.optional_text(8)});
                }
                return entries;
            });
    }

    Result<std::vector<GovernanceBody>> governance_bodies() override {
        return m_database->guarded(
            "reading the governance bodies",
            [&](Connection& db) -> Result<std::vector<GovernanceBody>> {
                auto rows = db.prepare(
                    "SELECT id, name, cadence, is_public FROM governance_bodies ORDER BY ordinal");
                std::vector<GovernanceBody> bodies;
                while (rows.step()) {
                    bodies.push_back({rows.text(0), rows.text(1), rows.text(2), rows.boolean(3)});
                }
                return bodies;
            });
    }

    Result<void> save_governance_body(const GovernanceBody& body,
                                      const std::vector<AuditEntry>& audit) override {
        return m_database->write(
            "saving a governance body", Lock::Plan, audit, [&](Connection& db) {
                // A new body goes last; a replaced one keeps its place (the upsert leaves
                // `ordinal`).
                db.prepare(
                      "INSERT INTO governance_bodies (id, ordinal, name, cadence, is_public) "
                      "VALUES "
                      "(?, (SELECT COALESCE(MAX(ordinal), 0) + 1 FROM governance_bodies), ?, ?, ?) "
                      "ON CONFLICT (id) DO UPDATE SET name = excluded.name, cadence = "
                      "excluded.cadence, "
                      "is_public = excluded.is_public")
                    .bind(body.id, body.name, body.cadence, body.is_public)
                    .run();
            });
    }

  private:
    std::unique_ptr<Database> m_database;
};

}  // namespace

Result<std::unique_ptr<PlanStore>> open_plan_store(const Connector& connector) {
    return open_store<PlanStore, SqlPlanStore>(connector, kPlanRefused);
}

}  // namespace csip::storage::sql
