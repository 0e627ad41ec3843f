#include "postgres_store.hpp"

#include <pqxx/pqxx>

#include <array>
#include <charconv>
#include <cstdint>
#include <map>
#include <stdexcept>
#include <system_error>
#include <utility>

#include "postgres_database.hpp"

namespace csip::storage::postgres {

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
constexpr std::array<std::string_view, 9> kPlanTablesChildrenFirst{
    "status_updates", "actions",   "success_measures", "commitment_recommendations",
    "commitments",    "workstreams", "recommendations", "judgements", "plan"};

std::optional<std::string> optional_text(const pqxx::field& field) {
    if (field.is_null()) return std::nullopt;
    return text(field);
}

// Doubles travel as the shortest text that reads back as the same double (to_chars here,
// PostgreSQL's own output since version 12), so a target is stored and read back exactly.
std::optional<std::string> optional_number(const std::optional<double>& value) {
    if (!value) return std::nullopt;
    std::array<char, 32> buffer{};
    auto [end, error] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), *value);
    return std::string(buffer.data(), end);
}

std::optional<double> optional_real(const pqxx::field& field, std::string_view column) {
    if (field.is_null()) return std::nullopt;
    const std::string value = text(field);
    double number = 0;
    auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), number);
    if (error != std::errc() || end != value.data() + value.size()) {
        throw_damaged("the number '" + value + "' in " + std::string(column));
    }
    return number;
}

// A nullable parameter for exec_params: libpqxx sends a null pointer as SQL NULL. The pointer
// lives as long as the optional it points into, that is, to the end of the calling statement.
Date stored_date(const pqxx::field& field, std::string_view column) {
    const std::string value = text(field);
    auto date = Date::parse_iso(value);
    if (!date) throw_damaged("the date '" + value + "' in " + std::string(column));
    return *date;
}

template <typename E>
E stored_word(std::optional<E> parsed, const pqxx::field& field, std::string_view column) {
    if (!parsed) throw_damaged("the unknown word '" + text(field) + "' in " + std::string(column));
    return *parsed;
}

template <typename E, typename Parse>
std::optional<E> stored_optional_word(const pqxx::field& field, Parse parse,
                                      std::string_view column) {
    if (field.is_null()) return std::nullopt;
    return stored_word(parse(text(field)), field, column);
}

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
constexpr std::string_view kActionColumns =
    "text, lead, to_char(due, 'YYYY-MM-DD'), to_char(original_due, 'YYYY-MM-DD'), status, rag";

Action read_action(const pqxx::row& row, pqxx::row::size_type first) {
    Action action;
    action.text = text(row[first]);
    action.lead = text(row[first + 1]);
    action.due = stored_date(row[first + 2], "actions.due");
    action.original_due = stored_date(row[first + 3], "actions.original_due");
    action.status = stored_word(domain::parse_action_status(text(row[first + 4])), row[first + 4],
                                "actions.status");
    action.rag = stored_optional_word<domain::Rag>(row[first + 5], domain::parse_rag, "actions.rag");
    return action;
}

// Columns: reported_on, reported_by, text, status, rag from `first`.
constexpr std::string_view kUpdateColumns =
    "to_char(reported_on, 'YYYY-MM-DD'), reported_by, text, status, rag";

StatusUpdate read_update(const pqxx::row& row, pqxx::row::size_type first) {
    StatusUpdate update;
    update.on = stored_date(row[first], "status_updates.reported_on");
    update.by = text(row[first + 1]);
    update.text = text(row[first + 2]);
    update.status = stored_optional_word<domain::ActionStatus>(
        row[first + 3], domain::parse_action_status, "status_updates.status");
    update.rag = stored_optional_word<domain::Rag>(row[first + 4], domain::parse_rag,
                                                   "status_updates.rag");
    return update;
}

void insert_update(pqxx::work& tx, const std::string& action_id, std::size_t ordinal,
                   const StatusUpdate& update) {
    tx.exec_params(
        "INSERT INTO status_updates (action_id, ordinal, reported_on, reported_by, text, status, "
        "rag) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        action_id, ordinal, update.on.iso(), update.by, update.text,
        nullable(optional_word(update.status)), nullable(optional_word(update.rag)));
}

void insert_plan(pqxx::work& tx, const Plan& plan) {
    const auto& inspection = plan.inspection;
    tx.exec_params(
        "INSERT INTO plan (authority, title, vision, inspection_framework, inspection_start, "
        "inspection_end, inspection_published, overall_grade) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        plan.authority, plan.title, plan.vision, inspection.framework, inspection.start.iso(),
        inspection.end.iso(), inspection.published.iso(), word(inspection.overall));
    for (std::size_t j = 0; j < inspection.judgements.size(); ++j) {
        const auto& item = inspection.judgements[j];
        tx.exec_params(
            "INSERT INTO judgements (ordinal, area, grade, limiting) VALUES ($1, $2, $3, $4)", j,
            item.area, word(item.grade), item.limiting);
    }
    for (std::size_t r = 0; r < plan.recommendations.size(); ++r) {
        const auto& item = plan.recommendations[r];
        tx.exec_params(
            "INSERT INTO recommendations (id, ordinal, category, text) VALUES ($1, $2, $3, $4)",
            item.id, r, word(item.category), item.text);
    }
    for (std::size_t w = 0; w < plan.workstreams.size(); ++w) {
        const auto& ws = plan.workstreams[w];
        tx.exec_params(
            "INSERT INTO workstreams (id, ordinal, title, sponsor, lead) "
            "VALUES ($1, $2, $3, $4, $5)",
            ws.id, w, ws.title, ws.sponsor, ws.lead);
        for (std::size_t c = 0; c < ws.commitments.size(); ++c) {
            const auto& cm = ws.commitments[c];
            tx.exec_params(
                "INSERT INTO commitments (id, workstream_id, ordinal, text) "
                "VALUES ($1, $2, $3, $4)",
                cm.id, ws.id, c, cm.text);
            for (std::size_t l = 0; l < cm.recommendations.size(); ++l) {
                tx.exec_params(
                    "INSERT INTO commitment_recommendations (commitment_id, recommendation_id, "
                    "ordinal) VALUES ($1, $2, $3)",
                    cm.id, cm.recommendations[l], l);
            }
            for (std::size_t m = 0; m < cm.measures.size(); ++m) {
                const auto& ms = cm.measures[m];
                tx.exec_params(
                    "INSERT INTO success_measures (id, commitment_id, ordinal, kind, text, "
                    "indicator, target) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                    ms.id, cm.id, m, word(ms.kind), ms.text, nullable(ms.indicator),
                    nullable(optional_number(ms.target)));
            }
            for (std::size_t a = 0; a < cm.actions.size(); ++a) {
                const auto& ac = cm.actions[a];
                tx.exec_params(
                    "INSERT INTO actions (id, commitment_id, ordinal, text, lead, due, "
                    "original_due, status, rag) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                    ac.id, cm.id, a, ac.text, ac.lead, ac.due.iso(), ac.original_due.iso(),
                    word(ac.status), nullable(optional_word(ac.rag)));
                for (std::size_t u = 0; u < ac.updates.size(); ++u) {
                    insert_update(tx, ac.id, u, ac.updates[u]);
                }
            }
        }
    }
}

// The rows of each list come back ordered by their parent, then by ordinal; appending each to
// its parent in that order rebuilds every list in the order it was saved.
Plan read_plan_children(pqxx::transaction_base& tx, Plan plan) {
    for (const auto& row : tx.exec("SELECT area, grade, limiting FROM judgements ORDER BY ordinal")) {
        plan.inspection.judgements.push_back(
            {text(row[0]),
             stored_word(domain::parse_grade(text(row[1])), row[1], "judgements.grade"),
             row[2].as<bool>()});
    }
    for (const auto& row :
         tx.exec("SELECT id, category, text FROM recommendations ORDER BY ordinal")) {
        plan.recommendations.push_back(
            {text(row[0]),
             stored_word(domain::parse_recommendation_category(text(row[1])), row[1],
                         "recommendations.category"),
             text(row[2])});
    }
    for (const auto& row :
         tx.exec("SELECT id, title, sponsor, lead FROM workstreams ORDER BY ordinal")) {
        plan.workstreams.push_back(
            {text(row[0]), text(row[1]), text(row[2]), text(row[3]), {}});
    }
    std::map<std::string, Workstream*, std::less<>> workstream_index;
    for (auto& workstream : plan.workstreams) workstream_index[workstream.id] = &workstream;

    for (const auto& row : tx.exec("SELECT id, workstream_id, text FROM commitments "
                                   "ORDER BY workstream_id, ordinal")) {
        find_parent(workstream_index, text(row[1]), "commitments")
            ->commitments.push_back({text(row[0]), text(row[2]), {}, {}, {}});
    }
    // Pointers into the commitment lists are stable from here: no commitment is added later.
    std::map<std::string, Commitment*, std::less<>> commitment_index;
    for (auto& workstream : plan.workstreams) {
        for (auto& commitment : workstream.commitments) commitment_index[commitment.id] = &commitment;
    }

    for (const auto& row : tx.exec("SELECT commitment_id, recommendation_id "
                                   "FROM commitment_recommendations "
                                   "ORDER BY commitment_id, ordinal")) {
        find_parent(commitment_index, text(row[0]), "commitment_recommendations")
            ->recommendations.push_back(text(row[1]));
    }
    for (const auto& row :
         tx.exec("SELECT commitment_id, id, kind, text, indicator, target FROM success_measures "
                 "ORDER BY commitment_id, ordinal")) {
        find_parent(commitment_index, text(row[0]), "success_measures")
            ->measures.push_back(
                {text(row[1]),
                 stored_word(domain::parse_measure_kind(text(row[2])), row[2],
                             "success_measures.kind"),
                 text(row[3]), optional_text(row[4]),
                 optional_real(row[5], "success_measures.target")});
    }
    for (const auto& row : tx.exec("SELECT commitment_id, id, " + std::string(kActionColumns) +
                                   " FROM actions ORDER BY commitment_id, ordinal")) {
        Action action = read_action(row, 2);
        action.id = text(row[1]);
        find_parent(commitment_index, text(row[0]), "actions")->actions.push_back(std::move(action));
    }
    std::map<std::string, Action*, std::less<>> action_index;
    for (auto& [id, commitment] : commitment_index) {
        for (auto& action : commitment->actions) action_index[action.id] = &action;
    }
    for (const auto& row : tx.exec("SELECT action_id, " + std::string(kUpdateColumns) +
                                   " FROM status_updates ORDER BY action_id, ordinal")) {
        find_parent(action_index, text(row[0]), "status_updates")
            ->updates.push_back(read_update(row, 1));
    }
    return plan;
}

}  // namespace

PostgresStore::PostgresStore(std::unique_ptr<PostgresDatabase> database)
    : m_database(std::move(database)) {}

PostgresStore::~PostgresStore() = default;

Result<std::optional<Plan>> PostgresStore::load_plan() {
    return m_database->guarded("reading the plan", [&](pqxx::connection& db) -> Result<std::optional<Plan>> {
        // One snapshot for every SELECT, so that a plan replaced meanwhile is not read half old.
        pqxx::read_transaction tx(db);
        const auto rows = tx.exec(
            "SELECT authority, title, vision, inspection_framework, "
            "to_char(inspection_start, 'YYYY-MM-DD'), to_char(inspection_end, 'YYYY-MM-DD'), "
            "to_char(inspection_published, 'YYYY-MM-DD'), overall_grade FROM plan");
        if (rows.empty()) return std::optional<Plan>();
        const auto& row = rows[0];
        Plan plan;
        plan.authority = text(row[0]);
        plan.title = text(row[1]);
        plan.vision = text(row[2]);
        plan.inspection.framework = text(row[3]);
        plan.inspection.start = stored_date(row[4], "plan.inspection_start");
        plan.inspection.end = stored_date(row[5], "plan.inspection_end");
        plan.inspection.published = stored_date(row[6], "plan.inspection_published");
        plan.inspection.overall =
            stored_word(domain::parse_grade(text(row[7])), row[7], "plan.overall_grade");
        return std::optional<Plan>(read_plan_children(tx, std::move(plan)));
    });
}

Result<void> PostgresStore::replace_plan(const Plan& plan, const std::vector<AuditEntry>& audit) {
    return m_database->guarded("replacing the plan", [&](pqxx::connection& db) -> Result<void> {
        pqxx::work tx(db);
        // EXCLUSIVE waits for edits in progress (they hold row locks on actions) and holds new
        // ones back until the new plan is committed; readers are not blocked.
        tx.exec("LOCK TABLE actions IN EXCLUSIVE MODE");
        for (auto table : kPlanTablesChildrenFirst) tx.exec("DELETE FROM " + std::string(table));
        insert_plan(tx, plan);
        append_audit(tx, audit);
        tx.commit();
        return {};
    });
}

Result<Action> PostgresStore::edit_action(std::string_view id, const ActionEdit& edit) {
    return m_database->guarded("updating an action", [&](pqxx::connection& db) -> Result<Action> {
        pqxx::work tx(db);
        const std::string action_id(id);
        // FOR UPDATE holds the row until commit: a concurrent edit of the same action waits
        // here and then reads what this one wrote, so no update is lost.
        const auto rows = tx.exec_params(
            "SELECT " + std::string(kActionColumns) + " FROM actions WHERE id = $1 FOR UPDATE",
            action_id);
        if (rows.empty()) {
            return fail(ErrorKind::NotFound,
                        "there is no action '" + action_id +
                            "' in the stored plan: check the id (csip plan show lists them)",
                        "id");
        }
        Action current = read_action(rows[0], 0);
        current.id = action_id;
        for (const auto& row : tx.exec_params("SELECT " + std::string(kUpdateColumns) +
                                                  " FROM status_updates WHERE action_id = $1 "
                                                  "ORDER BY ordinal",
                                              action_id)) {
            current.updates.push_back(read_update(row, 0));
        }

        auto change = edit(current);
        if (!change) return fail(change.error());

        const Action& next = change->action;
        tx.exec_params(
            "UPDATE actions SET text = $1, lead = $2, due = $3, original_due = $4, status = $5, "
            "rag = $6 WHERE id = $7",
            next.text, next.lead, next.due.iso(), next.original_due.iso(), word(next.status),
            nullable(optional_word(next.rag)), action_id);
        insert_update(tx, action_id, current.updates.size(), change->update);
        append_audit(tx, change->audit);
        tx.commit();

        // The action as now stored: the new fields, and the history with the update appended.
        Action stored = next;
        stored.id = action_id;
        stored.updates = std::move(current.updates);
        stored.updates.push_back(change->update);
        return stored;
    });
}

Result<std::vector<AuditEntry>> PostgresStore::audit_trail(const AuditQuery& query) {
    return m_database->guarded("reading the audit trail", [&](pqxx::connection& db) -> Result<std::vector<AuditEntry>> {
        pqxx::read_transaction tx(db);
        // exec_params plans the statement with the values given, so a filter left out (NULL)
        // drops from the plan and the entity index is used when entity is given. LIMIT NULL
        // is no limit.
        const std::optional<std::string> limit =
            query.limit > 0 ? std::optional<std::string>(std::to_string(query.limit))
                            : std::nullopt;
        const auto rows = tx.exec_params(
            "SELECT id, at, actor, entity, entity_id, field, old_value, new_value, reason "
            "FROM audit_trail WHERE ($1::text IS NULL OR entity = $1) "
            "AND ($2::text IS NULL OR entity_id = $2) AND ($3::text IS NULL OR actor = $3) "
            "ORDER BY id LIMIT $4::bigint",
            nullable(query.entity), nullable(query.entity_id), nullable(query.actor),
            nullable(limit));
        std::vector<AuditEntry> entries;
        entries.reserve(rows.size());
        for (const auto& row : rows) {
            entries.push_back({row[0].as<std::int64_t>(), text(row[1]), text(row[2]),
                               text(row[3]), text(row[4]), text(row[5]), optional_text(row[6]),
                               optional_text(row[7]), optional_text(row[8])});
        }
        return entries;
    });
}

Result<std::vector<GovernanceBody>> PostgresStore::governance_bodies() {
    return m_database->guarded("reading the governance bodies", [&](pqxx::connection& db) -> Result<std::vector<GovernanceBody>> {
        pqxx::read_transaction tx(db);
        std::vector<GovernanceBody> bodies;
        for (const auto& row : tx.exec("SELECT id, name, cadence, is_public "
                                       "FROM governance_bodies ORDER BY ordinal")) {
            bodies.push_back({text(row[0]), text(row[1]), text(row[2]), row[3].as<bool>()});
        }
        return bodies;
    });
}

Result<void> PostgresStore::save_governance_body(const GovernanceBody& body,
                                                 const std::vector<AuditEntry>& audit) {
    return m_database->guarded("saving a governance body", [&](pqxx::connection& db) -> Result<void> {
        pqxx::work tx(db);
        // A new body goes last; a replaced one keeps its place (the upsert leaves `ordinal`).
        tx.exec_params(
            "INSERT INTO governance_bodies (id, name, cadence, is_public) "
            "VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, "
            "cadence = EXCLUDED.cadence, is_public = EXCLUDED.is_public",
            body.id, body.name, body.cadence, body.is_public);
        append_audit(tx, audit);
        tx.commit();
        return {};
    });
}

Result<std::unique_ptr<PlanStore>> open_postgres_store(const std::string& url) {
    auto connection = connect_and_migrate(url);
    if (!connection) return fail(std::move(connection).error());
    return std::unique_ptr<PlanStore>(std::make_unique<PostgresStore>(std::make_unique<PostgresDatabase>(
        std::move(*connection), without_password(url), &describe_failure)));
}

}  // namespace csip::storage::postgres
