#include "domain/plan_changes.hpp"

#include <map>
#include <set>

namespace csip::domain {
namespace {

struct Located {
    const Action* action = nullptr;
    const Workstream* workstream = nullptr;
};

std::map<std::string, Located, std::less<>> index_actions(const Plan& plan) {
    std::map<std::string, Located, std::less<>> index;
    for (const auto& workstream : plan.workstreams) {
        for (const auto& commitment : workstream.commitments) {
            for (const auto& action : commitment.actions) index[action.id] = {&action, &workstream};
        }
    }
    return index;
}

ChangedAction describe_action(const Action& action, const Workstream& workstream) {
    return {action.id, workstream.title, action.text, action.lead};
}

// The date part of an audit timestamp (YYYY-MM-DDTHH:MM:SSZ), or nothing if it has none.
std::optional<Date> audit_date(const AuditEntry& entry) {
    if (entry.at.size() < 10) return std::nullopt;
    return Date::parse_iso(std::string_view(entry.at).substr(0, 10));
}

bool in_window(const std::optional<Date>& on, Date since, Date as_of) {
    return on && since < *on && *on <= as_of;
}

bool met(const IndicatorResult& result) { return result.rag == Rag::Green; }

}  // namespace

PlanChanges compare_plans(const Plan& before, const Plan& after,
                          const std::vector<AuditEntry>& audit, Date since, Date as_of,
                          const std::vector<IndicatorResult>& indicators_before,
                          const std::vector<IndicatorResult>& indicators_after) {
    PlanChanges changes;
    changes.since = since;
    changes.as_of = as_of;

    const auto old_actions = index_actions(before);
    for (const auto& workstream : after.workstreams) {
        for (const auto& commitment : workstream.commitments) {
            for (const auto& now : commitment.actions) {
                const auto described = describe_action(now, workstream);
                const auto found = old_actions.find(now.id);
                if (found == old_actions.end()) {
                    changes.added.push_back(described);
                    continue;
                }
                const Action& then = *found->second.action;
                if (then.status != ActionStatus::Complete && now.status == ActionStatus::Complete) {
                    changes.completed.push_back(described);
                }
                if (then.status == ActionStatus::NotStarted &&
                    now.status == ActionStatus::InProgress) {
                    changes.started.push_back(described);
                }
                if (then.status == ActionStatus::InProgress &&
                    now.status == ActionStatus::InProgress && then.rag != now.rag) {
                    changes.rag_changes.push_back({described, then.rag, now.rag});
                }
                if (then.due != now.due) {
                    ActionSlip slip{described, then.due, now.due, {}};
                    // The reason recorded with the latest move in the window; failing that, the
                    // latest status update in it, where a lead officer explains the move.
                    for (const auto& entry : audit) {
                        if (entry.entity == "action" && entry.entity_id == now.id &&
                            entry.field == "due" && in_window(audit_date(entry), since, as_of) &&
                            entry.reason) {
                            slip.reason = *entry.reason;
                        }
                    }
                    if (slip.reason.empty()) {
                        for (const auto& update : now.updates) {
                            if (since < update.on && update.on <= as_of) slip.reason = update.text;
                        }
                    }
                    changes.slipped.push_back(std::move(slip));
                }
            }
        }
    }

    const auto new_actions = index_actions(after);
    for (const auto& workstream : before.workstreams) {
        for (const auto& commitment : workstream.commitments) {
            for (const auto& then : commitment.actions) {
                if (!new_actions.count(then.id)) {
                    changes.removed.push_back(describe_action(then, workstream));
                }
            }
        }
    }

    std::map<std::string, const IndicatorResult*, std::less<>> previous;
    for (const auto& result : indicators_before) previous[result.key] = &result;
    for (const auto& now : indicators_after) {
        if (!now.target || !now.period.percent) continue;
        const auto found = previous.find(now.key);
        const IndicatorResult* then = found == previous.end() ? nullptr : found->second;
        const bool was_met = then != nullptr && met(*then);
        if (was_met == met(now)) continue;
        // An indicator with no earlier figure that is still off target has not crossed anything.
        if (then == nullptr && !met(now)) continue;
        changes.indicators_crossed.push_back(
            {now.key, now.title, then != nullptr ? then->period.percent : std::nullopt,
             now.period.percent, now.target->value, met(now)});
    }
    return changes;
}

Plan plan_as_at(const Plan& now, const std::vector<AuditEntry>& audit, Date on) {
    std::set<std::string, std::less<>> created_later;
    // action id -> the target date before the earliest move recorded after `on`.
    std::map<std::string, Date, std::less<>> due_then;
    for (const auto& entry : audit) {
        if (entry.entity != "action") continue;
        const auto when = audit_date(entry);
        if (!when || *when <= on) continue;
        if (entry.field == "created") created_later.insert(entry.entity_id);
        if (entry.field == "due" && entry.old_value && !due_then.count(entry.entity_id)) {
            if (auto old_due = Date::parse_iso(*entry.old_value)) due_then[entry.entity_id] = *old_due;
        }
    }

    Plan plan = now;
    for (auto& workstream : plan.workstreams) {
        for (auto& commitment : workstream.commitments) {
            std::vector<Action> kept;
            for (auto& action : commitment.actions) {
                if (created_later.count(action.id)) continue;
                if (const auto moved = due_then.find(action.id); moved != due_then.end()) {
                    action.due = moved->second;
                } else if (action.rescheduled() && on < action.original_due) {
                    action.due = action.original_due;
                }
                if (!action.updates.empty()) {
                    action.status = ActionStatus::NotStarted;
                    action.rag.reset();
                    std::vector<StatusUpdate> earlier;
                    for (const auto& update : action.updates) {
                        if (on < update.on) continue;
                        if (update.status) action.status = *update.status;
                        if (update.rag) action.rag = update.rag;
                        earlier.push_back(update);
                    }
                    // The RAG rule: only an action in progress carries one.
                    if (action.status != ActionStatus::InProgress) action.rag.reset();
                    action.updates = std::move(earlier);
                }
                kept.push_back(std::move(action));
            }
            commitment.actions = std::move(kept);
        }
    }
    return plan;
}

}  // namespace csip::domain
