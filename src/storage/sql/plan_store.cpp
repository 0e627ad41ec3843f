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

// Columns: text, lead, due, original_due, status, rag from `first`; the id is the caller's.
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
          "inspection_start, inspection_end, inspection_published, overall_grade) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        .bind(plan.authority, plan.title, plan.vision, inspection.framework, inspection.start.iso(),
              inspection.end.iso(), inspection.published.iso(), word(inspection.overall))
        .run();

    auto judgement =
        db.prepare("INSERT INTO judgements (ordinal, area, grade, limiting) VALUES (?, ?, ?, ?)");
    for (std::size_t j = 0; j < inspection.judgements.size(); ++j) {
        const auto& item = inspection.judgements[j];
        judgement.bind(j, item.area, word(item.grade), item.limiting).run();
    }

    auto recommendation =
        db.prepare("INSERT INTO recommendations (id, ordinal, category, text) VALUES (?, ?, ?, ?)");
    for (std::size_t r = 0; r < plan.recommendations.size(); ++r) {
        const auto& item = plan.recommendations[r];
        recommendation.bind(item.id, r, word(item.category), item.text).run();
    }

    auto workstream = db.prepare(
        "INSERT INTO workstreams (id, ordinal, title, sponsor, lead) VALUES (?, ?, ?, ?, ?)");
    auto commitment = db.prepare(
        "INSERT INTO commitments (id, workstream_id, ordinal, text) VALUES (?, ?, ?, ?)");
    auto link = db.prepare(
        "INSERT INTO commitment_recommendations (commitment_id, recommendation_id, ordinal) "
        "VALUES (?, ?, ?)");
    auto measure = db.prepare(
        "INSERT INTO success_measures (id, commitment_id, ordinal, kind, text, indicator, target) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)");
    auto action = db.prepare(
        "INSERT INTO actions (id, commitment_id, ordinal, text, lead, due, original_due, status, "
        "rag) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    auto update = db.prepare(kInsertUpdate);
    for (std::size_t w = 0; w < plan.workstreams.size(); ++w) {
        const auto& ws = plan.workstreams[w];
        workstream.bind(ws.id, w, ws.title, ws.sponsor, ws.lead).run();
        for (std::size_t c = 0; c < ws.commitments.size(); ++c) {
            const auto& cm = ws.commitments[c];
            commitment.bind(cm.id, ws.id, c, cm.text).run();
            for (std::size_t l = 0; l < cm.recommendations.size(); ++l) {
                link.bind(cm.id, cm.recommendations[l], l).run();
            }
            for (std::size_t m = 0; m < cm.measures.size(); ++m) {
                const auto& ms = cm.measures[m];
                measure.bind(ms.id, cm.id, m, word(ms.kind), ms.text, ms.indicator, ms.target)
                    .run();
            }
            for (std::size_t a = 0; a < cm.actions.size(); ++a) {
                const auto& ac = cm.actions[a];
                action
                    .bind(ac.id, cm.id, a, ac.text, ac.lead, ac.due.iso(), ac.original_due.iso(),
                          word(ac.status), optional_word(ac.rag))
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
        db.prepare("SELECT id, category, text FROM recommendations ORDER BY ordinal");
    while (recommendations.step()) {
        plan.recommendations.push_back(
            {recommendations.text(0),
             stored_word(domain::parse_recommendation_category(recommendations.text(1)),
                         recommendations.text(1), "recommendations.category"),
             recommendations.text(2)});
    }

    auto workstreams =
        db.prepare("SELECT id, title, sponsor, lead FROM workstreams ORDER BY ordinal");
    while (workstreams.step()) {
        plan.workstreams.push_back({workstreams.text(0),
                                    workstreams.text(1),
                                    workstreams.text(2),
                                    workstreams.text(3),
                                    {}});
    }
    std::map<std::string, Workstream*, std::less<>> workstream_index;
    for (auto& workstream : plan.workstreams) workstream_index[workstream.id] = &workstream;

    auto commitments = db.prepare(
        "SELECT id, workstream_id, text FROM commitments ORDER BY workstream_id, ordinal");
    while (commitments.step()) {
        find_parent(workstream_index, commitments.text(1), "commitments")
            ->commitments.push_back({commitments.text(0), commitments.text(2), {}, {}, {}});
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
        "SELECT commitment_id, id, kind, text, indicator, target FROM success_measures "
        "ORDER BY commitment_id, ordinal");
    while (measures.step()) {
        find_parent(commitment_index, measures.text(0), "success_measures")
            ->measures.push_back({measures.text(1),
                                  stored_word(domain::parse_measure_kind(measures.text(2)),
                                              measures.text(2), "success_measures.kind"),
                                  measures.text(3), measures.optional_text(4),
                                  measures.optional_real(5)});
    }

    auto actions = db.prepare(
        "SELECT commitment_id, id, text, lead, due, original_due, status, rag FROM actions "
        "ORDER BY commitment_id, ordinal");
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
    auto row =
        db.prepare("SELECT text, lead, due, original_due, status, rag FROM actions WHERE id = ?");
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

constexpr std::string_view kPlanRefused =
    "check the plan first (domain::check_plan): ids must be unique and each link must name an "
    "item of the plan";

class SqlPlanStore final : public PlanStore {
  public:
    explicit SqlPlanStore(std::unique_ptr<Database> database) : m_database(std::move(database)) {}

    Result<std::optional<Plan>> load_plan() override {
        return m_database->guarded(
            "reading the plan", [&](Connection& db) -> Result<std::optional<Plan>> {
                Transaction transaction(db, Access::Read);
                auto row = db.prepare(
                    "SELECT authority, title, vision, inspection_framework, inspection_start, "
                    "inspection_end, inspection_published, overall_grade FROM plan");
                if (!row.step()) return std::optional<Plan>();
                Plan plan;
                plan.authority = row.text(0);
                plan.title = row.text(1);
                plan.vision = row.text(2);
                plan.inspection.framework = row.text(3);
                plan.inspection.start = stored_date(row.text(4), "plan.inspection_start");
                plan.inspection.end = stored_date(row.text(5), "plan.inspection_end");
                plan.inspection.published = stored_date(row.text(6), "plan.inspection_published");
                plan.inspection.overall = stored_word(domain::parse_grade(row.text(7)), row.text(7),
                                                      "plan.overall_grade");
                return std::optional<Plan>(read_plan_children(db, std::move(plan)));
            });
    }

    Result<void> replace_plan(const Plan& plan, const std::vector<AuditEntry>& audit) override {
        return m_database->write("replacing the plan", Lock::Plan, audit, [&](Connection& db) {
            for (auto table : kPlanTablesChildrenFirst)
                db.execute("DELETE FROM " + std::string(table));
            insert_plan(db, plan);
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
            db.prepare(
                  "UPDATE actions SET text = ?, lead = ?, due = ?, original_due = ?, status = ?, "
                  "rag = ? WHERE id = ?")
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
