#include "domain/plan_changes.hpp"

#include <map>
#include <set>
#include <utility>

namespace csip::domain {
namespace {

struct Located {
    const Action* action = nullptr;
    const Commitment* commitment = nullptr;
    const Workstream* workstream = nullptr;
};

std::map<std::string, Located, std::less<>> index_actions(const Plan& plan) {
    std::map<std::string, Located, std::less<>> index;
    for (const auto& workstream : plan.workstreams) {
        for (const auto& commitment : workstream.commitments) {
            for (const auto& action : commitment.actions) {
                index[action.id] = {&action, &commitment, &workstream};
            }
        }
    }
    return index;
}

// What takes an action out of the plan: its own retirement, else its commitment's, else its
// workstream's (domain::without_retired drops it with them). A null retirement: in the plan.
struct OutOfPlan {
    const Retirement* retirement = nullptr;
    std::string with;
};

OutOfPlan out_of_plan(const Located& located) {
    if (located.action->retired) return {&*located.action->retired, {}};
    if (located.commitment->retired) {
        return {&*located.commitment->retired, "commitment " + located.commitment->id};
    }
    if (located.workstream->retired) {
        return {&*located.workstream->retired, "workstream " + located.workstream->id};
    }
    return {};
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

const SuccessMeasure* find_measure(const Plan& plan, std::string_view id) {
    for (const auto& workstream : plan.workstreams) {
        for (const auto& commitment : workstream.commitments) {
            for (const auto& measure : commitment.measures) {
                if (measure.id == id) return &measure;
            }
        }
    }
    return nullptr;
}

// New evidence as the audit trail records it: new value "M3: what it shows (file name.pdf)",
// the file part only when a file was attached.
EvidenceAdded read_evidence(const AuditEntry& entry, Date on) {
    EvidenceAdded evidence;
    evidence.by = entry.actor;
    evidence.on = on;
    const std::string value = entry.new_value.value_or("");
    const auto colon = value.find(": ");
    if (colon == std::string::npos) {
        evidence.text = value;
        return evidence;
    }
    evidence.measure = value.substr(0, colon);
    evidence.text = value.substr(colon + 2);
    constexpr std::string_view kFile = " (file ";
    if (!evidence.text.empty() && evidence.text.back() == ')') {
        if (const auto at = evidence.text.rfind(kFile); at != std::string::npos) {
            const auto name = at + kFile.size();
            evidence.file = evidence.text.substr(name, evidence.text.size() - 1 - name);
            evidence.text.resize(at);
        }
    }
    return evidence;
}

// A retirement as the audit trail writes it (plan_audit.cpp): "2015-09-01 by amy: merged into
// A4". Nothing when the text is not in that form.
std::optional<Retirement> read_retirement(const std::string& text) {
    constexpr std::string_view kBy = " by ";
    if (text.size() < 10 + kBy.size()) return std::nullopt;
    const auto on = Date::parse_iso(std::string_view(text).substr(0, 10));
    if (!on || text.compare(10, kBy.size(), kBy) != 0) return std::nullopt;
    const auto who = 10 + kBy.size();
    const auto colon = text.find(": ", who);
    if (colon == std::string::npos) return std::nullopt;
    return Retirement{*on, text.substr(who, colon - who), text.substr(colon + 2)};
}

using EntityKey = std::pair<std::string, std::string>;  // entity, id

// The item's retirement as it stood on `on`: `then` (from the trail) where the trail records a
// change after `on`, else the retirement now unless it came after `on`.
void retirement_as_at(std::optional<Retirement>& retired, const EntityKey& key,
                      const std::map<EntityKey, std::optional<std::string>>& then, Date on) {
    if (const auto found = then.find(key); found != then.end()) {
        const auto& old_value = found->second;
        if (!old_value || old_value->empty()) {
            retired.reset();
        } else if (auto parsed = read_retirement(*old_value)) {
            retired = std::move(*parsed);
        } else if (!retired) {
            retired = Retirement{on, {}, *old_value};
        }
        return;
    }
    if (retired && on < retired->on) retired.reset();
}

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
                const bool was_in_plan =
                    found != old_actions.end() && out_of_plan(found->second).retirement == nullptr;
                const auto gone = out_of_plan({&now, &commitment, &workstream});
                if (gone.retirement != nullptr) {
                    if (was_in_plan) {
                        changes.retired.push_back({described, gone.retirement->on,
                                                   gone.retirement->by, gone.retirement->reason,
                                                   gone.with});
                    }
                    continue;
                }
                if (!was_in_plan) {
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
                if (const Commitment& from = *found->second.commitment; from.id != commitment.id) {
                    changes.moved.push_back(
                        {described, from.id, from.text, commitment.id, commitment.text});
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

    // Removed: in the plan the body was told of, and now gone from the stored plan altogether.
    // A retired action is still stored, so it is listed as retired above, never here.
    const auto new_actions = index_actions(after);
    for (const auto& workstream : before.workstreams) {
        for (const auto& commitment : workstream.commitments) {
            for (const auto& then : commitment.actions) {
                if (out_of_plan({&then, &commitment, &workstream}).retirement != nullptr) continue;
                if (!new_actions.count(then.id)) {
                    changes.removed.push_back(describe_action(then, workstream));
                }
            }
        }
    }

    for (const auto& entry : audit) {
        if (entry.entity != "evidence" || entry.field != "created") continue;
        const auto on = audit_date(entry);
        if (!in_window(on, since, as_of)) continue;
        auto evidence = read_evidence(entry, *on);
        const SuccessMeasure* measure = find_measure(after, evidence.measure);
        if (measure == nullptr) measure = find_measure(before, evidence.measure);
        if (measure != nullptr) evidence.measure_text = measure->text;
        changes.evidence_added.push_back(std::move(evidence));
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
    // action id -> the commitment it was in before the earliest move after `on`.
    std::map<std::string, std::string, std::less<>> commitment_then;
    // item -> its retirement (as the trail writes it) before the earliest change after `on`.
    std::map<EntityKey, std::optional<std::string>> retired_then;
    for (const auto& entry : audit) {
        const auto when = audit_date(entry);
        if (!when || *when <= on) continue;
        if (entry.field == "retired") {
            retired_then.emplace(EntityKey{entry.entity, entry.entity_id}, entry.old_value);
        }
        if (entry.entity != "action") continue;
        if (entry.field == "created") created_later.insert(entry.entity_id);
        if (entry.field == "due" && entry.old_value && !due_then.count(entry.entity_id)) {
            if (auto old_due = Date::parse_iso(*entry.old_value)) due_then[entry.entity_id] = *old_due;
        }
        if (entry.field == "commitment" && entry.old_value) {
            commitment_then.emplace(entry.entity_id, *entry.old_value);
        }
    }

    Plan plan = now;
    std::set<std::string, std::less<>> commitments;
    for (const auto& workstream : plan.workstreams) {
        for (const auto& commitment : workstream.commitments) commitments.insert(commitment.id);
    }
    for (auto& recommendation : plan.recommendations) {
        retirement_as_at(recommendation.retired, {"recommendation", recommendation.id},
                         retired_then, on);
    }
    std::vector<std::pair<Action, std::string>> moving;  // an action and its commitment then
    for (auto& workstream : plan.workstreams) {
        retirement_as_at(workstream.retired, {"workstream", workstream.id}, retired_then, on);
        for (auto& commitment : workstream.commitments) {
            retirement_as_at(commitment.retired, {"commitment", commitment.id}, retired_then, on);
            for (auto& measure : commitment.measures) {
                retirement_as_at(measure.retired, {"measure", measure.id}, retired_then, on);
            }
            std::vector<Action> kept;
            for (auto& action : commitment.actions) {
                if (created_later.count(action.id)) continue;
                retirement_as_at(action.retired, {"action", action.id}, retired_then, on);
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
                // A move back needs the commitment it came from: without it, it stays.
                if (const auto then = commitment_then.find(action.id);
                    then != commitment_then.end() && then->second != commitment.id &&
                    commitments.count(then->second)) {
                    moving.emplace_back(std::move(action), then->second);
                    continue;
                }
                kept.push_back(std::move(action));
            }
            commitment.actions = std::move(kept);
        }
    }
    for (auto& [action, commitment_id] : moving) {
        for (auto& workstream : plan.workstreams) {
            for (auto& commitment : workstream.commitments) {
                if (commitment.id == commitment_id) commitment.actions.push_back(std::move(action));
            }
        }
    }
    return plan;
}

}  // namespace csip::domain
