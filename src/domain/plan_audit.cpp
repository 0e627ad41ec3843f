#include "domain/plan_audit.hpp"

#include <algorithm>
#include <map>
#include <utility>

namespace csip::domain {
namespace {

using Fields = std::vector<std::pair<std::string, std::string>>;
using Key = std::pair<std::string, std::string>;  // entity, id

std::string join(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items) {
        if (!out.empty()) out += ", ";
        out += item;
    }
    return out;
}

std::string number(double value) {
    std::string text = std::to_string(value);
    text.erase(text.find_last_not_of('0') + 1);
    if (!text.empty() && text.back() == '.') text.pop_back();
    return text;
}

// A retirement as the trail shows it: "2026-11-30 by j.smith: merged into A4"; empty when the
// item is in the plan.
std::string retirement(const std::optional<Retirement>& retired) {
    if (!retired) return {};
    return retired->on.iso() + " by " + retired->by + ": " + retired->reason;
}

// Each entity of the plan as its auditable fields, in plan order.
std::vector<std::pair<Key, Fields>> flatten(const Plan& plan) {
    std::vector<std::pair<Key, Fields>> out;
    out.push_back({{"plan", "plan"},
                   {{"authority", plan.authority}, {"title", plan.title}, {"vision", plan.vision}}});
    std::string judgements;
    for (const auto& judgement : plan.inspection.judgements) {
        if (!judgements.empty()) judgements += "; ";
        judgements += judgement.area + ": " + std::string(to_string(judgement.grade)) +
                      (judgement.limiting ? " (limiting)" : "");
    }
    const auto& inspection = plan.inspection;
    out.push_back({{"inspection", "inspection"},
                   {{"framework", inspection.framework},
                    {"start", inspection.start.iso()},
                    {"end", inspection.end.iso()},
                    {"published", inspection.published.iso()},
                    {"judgements", judgements},
                    {"overall", inspection.overall ? std::string(to_string(*inspection.overall))
                                                   : std::string()}}});
    for (const auto& recommendation : plan.recommendations) {
        out.push_back({{"recommendation", recommendation.id},
                       {{"category", std::string(to_string(recommendation.category))},
                        {"text", recommendation.text},
                        {"retired", retirement(recommendation.retired)}}});
    }
    for (std::size_t w = 0; w < plan.workstreams.size(); ++w) {
        const auto& workstream = plan.workstreams[w];
        out.push_back({{"workstream", workstream.id},
                       {{"title", workstream.title},
                        {"sponsor", workstream.sponsor},
                        {"lead", workstream.lead},
                        {"position", std::to_string(w + 1)},
                        {"retired", retirement(workstream.retired)}}});
        for (const auto& commitment : workstream.commitments) {
            out.push_back({{"commitment", commitment.id},
                           {{"workstream", workstream.id},
                            {"text", commitment.text},
                            {"recommendations", join(commitment.recommendations)},
                            {"retired", retirement(commitment.retired)}}});
            for (const auto& measure : commitment.measures) {
                out.push_back({{"measure", measure.id},
                               {{"commitment", commitment.id},
                                {"kind", std::string(to_string(measure.kind))},
                                {"text", measure.text},
                                {"indicator", measure.indicator.value_or("")},
                                {"target", measure.target ? number(*measure.target) : ""},
                                {"status", std::string(to_string(measure.status))},
                                {"retired", retirement(measure.retired)}}});
            }
            for (const auto& action : commitment.actions) {
                out.push_back({{"action", action.id},
                               {{"commitment", commitment.id},
                                {"text", action.text},
                                {"lead", action.lead},
                                {"due", action.due.iso()},
                                {"original_due", action.original_due.iso()},
                                {"status", std::string(to_string(action.status))},
                                {"rag", action.rag ? std::string(to_string(*action.rag)) : ""},
                                {"updates", std::to_string(action.updates.size())},
                                {"retired", retirement(action.retired)}}});
            }
        }
    }
    return out;
}

std::string headline(const Fields& fields) {
    for (const auto& [name, value] : fields) {
        if (name == "title" || name == "text") return value;
    }
    return fields.empty() ? std::string() : fields.front().second;
}

std::optional<std::string> optional_text(const std::string& text) {
    if (text.empty()) return std::nullopt;
    return text;
}

// Calls `visit` with each entity's key and its version, in `plan`.
template <typename Visit>
void each_version(Plan& plan, Visit visit) {
    visit(Key{"plan", "plan"}, plan.version);
    visit(Key{"inspection", "inspection"}, plan.inspection.version);
    for (auto& recommendation : plan.recommendations) {
        visit(Key{"recommendation", recommendation.id}, recommendation.version);
    }
    for (auto& workstream : plan.workstreams) {
        visit(Key{"workstream", workstream.id}, workstream.version);
        for (auto& commitment : workstream.commitments) {
            visit(Key{"commitment", commitment.id}, commitment.version);
            for (auto& measure : commitment.measures) visit(Key{"measure", measure.id}, measure.version);
            for (auto& action : commitment.actions) visit(Key{"action", action.id}, action.version);
        }
    }
}

}  // namespace

void carry_versions(const std::optional<Plan>& before, Plan& after) {
    std::map<Key, std::pair<int, Fields>> old_entities;
    if (before) {
        Plan copy = *before;
        std::map<Key, int> versions;
        each_version(copy, [&](const Key& key, int& version) { versions[key] = version; });
        for (auto& [key, fields] : flatten(*before)) {
            old_entities.emplace(key, std::pair{versions[key], std::move(fields)});
        }
    }
    std::map<Key, Fields> new_fields;
    for (auto& [key, fields] : flatten(after)) new_fields.emplace(key, std::move(fields));
    each_version(after, [&](const Key& key, int& version) {
        const auto old = old_entities.find(key);
        if (old == old_entities.end()) {
            version = std::max(version, 1);
            return;
        }
        version = old->second.first + (new_fields[key] == old->second.second ? 0 : 1);
    });
}

std::vector<AuditEntry> audit_plan_replacement(const std::optional<Plan>& before,
                                               const Plan& after, const std::string& actor,
                                               const std::string& timestamp) {
    std::vector<AuditEntry> entries;
    auto record = [&](const Key& key, std::string field, std::optional<std::string> old_value,
                      std::optional<std::string> new_value) {
        entries.push_back(AuditEntry{0, timestamp, actor, key.first, key.second, std::move(field),
                                     std::move(old_value), std::move(new_value), std::nullopt});
    };

    std::map<Key, Fields> old_entities;
    if (before) {
        for (auto& [key, fields] : flatten(*before)) old_entities.emplace(key, std::move(fields));
    }
    std::map<Key, bool> seen;
    for (const auto& [key, fields] : flatten(after)) {
        seen[key] = true;
        const auto old = old_entities.find(key);
        if (old == old_entities.end()) {
            record(key, "created", std::nullopt, headline(fields));
            continue;
        }
        for (std::size_t i = 0; i < fields.size(); ++i) {
            if (fields[i].second != old->second[i].second) {
                record(key, fields[i].first, optional_text(old->second[i].second),
                       optional_text(fields[i].second));
            }
        }
    }
    if (before) {
        for (const auto& [key, fields] : flatten(*before)) {
            if (!seen.count(key)) record(key, "removed", headline(fields), std::nullopt);
        }
    }
    return entries;
}

}  // namespace csip::domain
