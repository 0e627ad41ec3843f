#include "reporting/plan_text.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

namespace csip::reporting {
namespace {

using Json = nlohmann::ordered_json;
using domain::ActionStatus;

// "Red", "Amber", "Green", "Complete" or "Not started": the state as a person reads it.
std::string state_word(const domain::Action& action) {
    switch (action.status) {
        case ActionStatus::NotStarted: return "Not started";
        case ActionStatus::Complete: return "Complete";
        case ActionStatus::InProgress:
            return action.rag ? std::string(domain::describe(*action.rag)) : "In progress";
    }
    return {};
}

std::string join(const std::vector<std::string>& items, std::string_view separator) {
    std::string out;
    for (const auto& item : items) {
        if (!out.empty()) out += separator;
        out += item;
    }
    return out;
}

std::string target_text(double target) {
    if (target == static_cast<double>(static_cast<long long>(target))) {
        return fmt::format("{}", static_cast<long long>(target));
    }
    return fmt::format("{}", target);
}

Json counts_json(const domain::ActionCounts& counts) {
    return Json{{"total", counts.total},     {"not_started", counts.not_started},
                {"red", counts.red},         {"amber", counts.amber},
                {"green", counts.green},     {"complete", counts.complete},
                {"overdue", counts.overdue}, {"rescheduled", counts.rescheduled}};
}

std::string counts_line(const domain::ActionCounts& counts) {
    return fmt::format(
        "{:>5} {:>7} {:>5} {:>5} {:>5} {:>8} {:>7} {:>11}", counts.total, counts.not_started,
        counts.red, counts.amber, counts.green, counts.complete, counts.overdue, counts.rescheduled);
}

std::optional<std::string> optional_word(const std::optional<domain::Rag>& rag) {
    if (!rag) return std::nullopt;
    return std::string(domain::to_string(*rag));
}

}  // namespace

std::string render_plan_tree(const domain::Plan& plan, domain::Date as_of) {
    std::string out;
    const auto& inspection = plan.inspection;
    out += fmt::format("{}: {}\n", plan.authority, plan.title);
    out += fmt::format("Vision: {}\n", plan.vision);
    out += fmt::format("Inspection ({}, {} to {}, published {}): overall {}\n", inspection.framework,
                       inspection.start.iso(), inspection.end.iso(), inspection.published.iso(),
                       inspection.overall ? domain::describe(*inspection.overall)
                                          : std::string_view("not graded"));
    for (const auto& judgement : inspection.judgements) {
        out += fmt::format("  - {}: {}{}\n", judgement.area, domain::describe(judgement.grade),
                           judgement.limiting ? " (limiting judgement)" : "");
    }
    int priority = 0;
    for (const auto& recommendation : plan.recommendations) {
        if (recommendation.category == domain::RecommendationCategory::Priority) ++priority;
    }
    out += fmt::format("Recommendations: {} ({} priority and immediate action, {} areas for improvement)\n",
                       plan.recommendations.size(), priority,
                       plan.recommendations.size() - static_cast<std::size_t>(priority));
    out += fmt::format("Actions shown as of {}.\n", as_of.iso());
    for (const auto& workstream : plan.workstreams) {
        out += fmt::format("\n{} {}\n   sponsor: {}; lead: {}\n", workstream.id, workstream.title,
                           workstream.sponsor, workstream.lead);
        for (const auto& commitment : workstream.commitments) {
            out += fmt::format("  {} {}\n", commitment.id, commitment.text);
            if (!commitment.recommendations.empty()) {
                out += fmt::format("     serves: {}\n", join(commitment.recommendations, ", "));
            }
            for (const auto& measure : commitment.measures) {
                std::string detail;
                if (measure.indicator) {
                    detail = " [" + *measure.indicator;
                    if (measure.target) detail += ", target " + target_text(*measure.target) + "%";
                    detail += "]";
                }
                // A status is shown once someone has assessed the measure.
                if (measure.status != domain::MeasureStatus::NotAssessed) {
                    detail += fmt::format(" - {}", domain::describe(measure.status));
                }
                out += fmt::format("     measure {} ({}): {}{}\n", measure.id,
                                   domain::to_string(measure.kind), measure.text, detail);
            }
            for (const auto& action : commitment.actions) {
                std::string due = "due " + action.due.iso();
                if (action.rescheduled()) due += " (originally " + action.original_due.iso() + ")";
                if (action.overdue(as_of)) due += ", OVERDUE";
                out += fmt::format("    [{:<11}] {} {}\n                  lead: {}; {}\n",
                                   state_word(action), action.id, action.text, action.lead, due);
                if (!action.updates.empty()) {
                    const auto& latest = action.updates.back();
                    out += fmt::format("                  latest update {} ({}): {}\n",
                                       latest.on.iso(), latest.by, latest.text);
                }
            }
        }
    }
    return out;
}

std::string render_summary_text(const domain::PlanSummary& summary) {
    std::string out = fmt::format("Actions as of {}\n", summary.as_of.iso());
    out += fmt::format("{:<8} {:>5} {:>7} {:>5} {:>5} {:>5} {:>8} {:>7} {:>11}  {}\n", "", "total",
                       "not st.", "red", "amber", "green", "complete", "overdue", "rescheduled",
                       "workstream");
    for (const auto& workstream : summary.workstreams) {
        out += fmt::format("{:<8} {}  {}\n", workstream.id, counts_line(workstream.actions),
                           workstream.title);
    }
    out += fmt::format("{:<8} {}\n", "All", counts_line(summary.actions));
    return out;
}

std::string render_summary_json(const domain::PlanSummary& summary) {
    Json workstreams = Json::array();
    for (const auto& workstream : summary.workstreams) {
        Json row{{"id", workstream.id}, {"title", workstream.title}};
        row.update(counts_json(workstream.actions));
        workstreams.push_back(std::move(row));
    }
    Json document{{"as_of", summary.as_of.iso()},
                  {"actions", counts_json(summary.actions)},
                  {"workstreams", std::move(workstreams)}};
    return document.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::string render_coverage_text(const std::vector<domain::RecommendationCoverage>& coverage) {
    std::string out = fmt::format("{:<6} {:<12} {:>7}  {:<12} {}\n", "id", "category", "actions",
                                  "state", "commitments");
    int uncovered = 0, at_risk = 0;
    for (const auto& row : coverage) {
        std::string state = row.covered ? (row.at_risk ? "AT RISK" : "covered") : "NOT COVERED";
        if (!row.covered) ++uncovered;
        if (row.at_risk) ++at_risk;
        out += fmt::format("{:<6} {:<12} {:>7}  {:<12} {}\n", row.id, domain::to_string(row.category),
                           row.actions, state,
                           row.commitments.empty() ? "(none)" : join(row.commitments, ", "));
    }
    out += fmt::format("{} of {} recommendations covered by at least one action", coverage.size() -
                       static_cast<std::size_t>(uncovered), coverage.size());
    if (at_risk > 0) out += fmt::format("; {} at risk (every action red or overdue)", at_risk);
    out += ".\n";
    return out;
}

std::string render_coverage_json(const std::vector<domain::RecommendationCoverage>& coverage) {
    Json rows = Json::array();
    for (const auto& row : coverage) {
        rows.push_back(Json{{"id", row.id},
                            {"category", domain::to_string(row.category)},
                            {"commitments", row.commitments},
                            {"actions", row.actions},
                            {"covered", row.covered},
                            {"at_risk", row.at_risk}});
    }
    return Json{{"recommendations", std::move(rows)}}.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::string render_history_text(const domain::Action& action,
                                 const std::vector<domain::HistoryEntry>& history) {
    std::string out = fmt::format("{} {}\nlead: {}; due {}", action.id, action.text, action.lead,
                                  action.due.iso());
    if (action.rescheduled()) out += fmt::format(" (originally {})", action.original_due.iso());
    out += fmt::format("; now {}\n", state_word(action));
    for (const auto& entry : history) {
        if (entry.kind == domain::HistoryEntry::Kind::Update) {
            std::string state;
            if (entry.status) {
                state = " [" + std::string(domain::describe(*entry.status));
                if (entry.rag) state += ", " + std::string(domain::describe(*entry.rag));
                state += "]";
            }
            out += fmt::format("{}  update by {}{}: {}\n", entry.on, entry.by, state, entry.text);
        } else {
            out += fmt::format("{}  {} changed {}: {} -> {}{}\n", entry.on, entry.by, entry.field,
                               entry.old_value.value_or("(none)"), entry.new_value.value_or("(none)"),
                               entry.reason ? " (reason: " + *entry.reason + ")" : "");
        }
    }
    return out;
}

std::string render_history_json(const domain::Action& action,
                                 const std::vector<domain::HistoryEntry>& history) {
    Json entries = Json::array();
    for (const auto& entry : history) {
        if (entry.kind == domain::HistoryEntry::Kind::Update) {
            entries.push_back(Json{
                {"kind", "update"},
                {"on", entry.on},
                {"by", entry.by},
                {"text", entry.text},
                {"status", entry.status ? Json(domain::to_string(*entry.status)) : Json(nullptr)},
                {"rag", entry.rag ? Json(*optional_word(entry.rag)) : Json(nullptr)}});
        } else {
            entries.push_back(Json{{"kind", "change"},
                                   {"on", entry.on},
                                   {"by", entry.by},
                                   {"field", entry.field},
                                   {"old", entry.old_value ? Json(*entry.old_value) : Json(nullptr)},
                                   {"new", entry.new_value ? Json(*entry.new_value) : Json(nullptr)},
                                   {"reason", entry.reason ? Json(*entry.reason) : Json(nullptr)}});
        }
    }
    Json document{{"action", action.id},
                  {"due", action.due.iso()},
                  {"original_due", action.original_due.iso()},
                  {"status", domain::to_string(action.status)},
                  {"rag", action.rag ? Json(*optional_word(action.rag)) : Json(nullptr)},
                  {"entries", std::move(entries)}};
    return document.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace csip::reporting
