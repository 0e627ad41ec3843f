#include "domain/plan_rules.hpp"

#include <set>
#include <string>

#include "domain/text.hpp"

namespace csip::domain {
namespace {

std::string at(const std::string& base, std::size_t index) {
    return base + "[" + std::to_string(index) + "]";
}

class Checker {
  public:
    explicit Checker(std::vector<RuleViolation>& out) : m_out(out) {}

    void add(std::string path, std::string message, std::string fix) {
        m_out.push_back({std::move(path), std::move(message), std::move(fix)});
    }

    void unique(std::set<std::string>& seen, const std::string& id, const std::string& path,
                std::string_view what) {
        if (id.empty()) {
            add(path + ".id", std::string(what) + " has an empty id", "give it a short unique id");
        } else if (!seen.insert(id).second) {
            add(path + ".id", "duplicate " + std::string(what) + " id '" + id + "'",
                "give each " + std::string(what) + " its own id");
        }
    }

  private:
    std::vector<RuleViolation>& m_out;
};

void check_date(Date date, const std::string& path, const std::string& what, Checker& checker) {
    if (auto violation = check_plan_date(date, what)) {
        checker.add(path, std::move(violation->message), std::move(violation->fix));
    }
}

void check_inspection(const Inspection& inspection, Checker& checker) {
    check_date(inspection.start, "inspection.start", "the inspection's start", checker);
    check_date(inspection.end, "inspection.end", "the inspection's end", checker);
    check_date(inspection.published, "inspection.published", "the inspection's publication",
               checker);
    if (inspection.end < inspection.start) {
        checker.add("inspection.end",
                    "the inspection ends (" + inspection.end.iso() + ") before it starts (" +
                        inspection.start.iso() + ")",
                    "put the first day of the inspection in 'start' and the last in 'end'");
    }
    if (inspection.published < inspection.end) {
        checker.add("inspection.published",
                    "the report is published (" + inspection.published.iso() +
                        ") before the inspection ended (" + inspection.end.iso() + ")",
                    "use the report's publication date");
    }
    for (std::size_t i = 0; i < inspection.judgements.size(); ++i) {
        const auto& judgement = inspection.judgements[i];
        if (judgement.limiting && inspection.overall && *inspection.overall < judgement.grade) {
            checker.add("inspection.overall",
                        "the overall grade '" + std::string(to_string(*inspection.overall)) +
                            "' is better than the limiting judgement '" + judgement.area + "' (" +
                            std::string(to_string(judgement.grade)) + ")",
                        "a limiting judgement caps the overall grade: set 'overall' to '" +
                            std::string(to_string(judgement.grade)) + "' or worse");
        }
    }
}

void check_action(const Action& action, const std::string& path, Checker& checker) {
    if (action.lead.empty()) {
        checker.add(path + ".lead", "action '" + action.id + "' has no lead officer",
                    "name the lead officer's role title");
    }
    if (auto violation = check_status_and_rag(action.status, action.rag)) {
        checker.add(path + ".rag", "action '" + action.id + "': " + violation->message,
                    violation->fix);
    }
    check_date(action.due, path + ".due", "the due date of action '" + action.id + "'", checker);
    if (action.original_due != action.due) {
        check_date(action.original_due, path + ".original_due",
                   "the original due date of action '" + action.id + "'", checker);
    }
    for (std::size_t u = 0; u < action.updates.size(); ++u) {
        const auto& update = action.updates[u];
        const auto update_path = at(path + ".updates", u);
        check_date(update.on, update_path + ".on",
                   "the date of a status update of action '" + action.id + "'", checker);
        if (update.status) {
            if (auto violation = check_status_and_rag(*update.status, update.rag)) {
                if (update.rag) {
                    checker.add(update_path + ".rag",
                                "status update of " + update.on.iso() + ": " + violation->message,
                                violation->fix);
                }
            }
        }
        if (update.text.empty()) {
            checker.add(update_path + ".text", "a status update has no text",
                        "write what was done, or remove the update");
        }
    }
}

// Every text of the plan must be text (domain/text.hpp), at its place in the plan.
void check_texts(const Plan& plan, Checker& checker) {
    auto text = [&](const std::string& value, const std::string& path) {
        if (auto problem = text_problem(value)) {
            checker.add(path, "the text " + *problem, "write it again as plain text, in UTF-8");
        }
    };
    text(plan.authority, "authority");
    text(plan.title, "title");
    text(plan.vision, "vision");
    text(plan.inspection.framework, "inspection.framework");
    for (std::size_t j = 0; j < plan.inspection.judgements.size(); ++j) {
        text(plan.inspection.judgements[j].area, at("inspection.judgements", j) + ".area");
    }
    for (std::size_t r = 0; r < plan.recommendations.size(); ++r) {
        text(plan.recommendations[r].id, at("recommendations", r) + ".id");
        text(plan.recommendations[r].text, at("recommendations", r) + ".text");
    }
    for (std::size_t w = 0; w < plan.workstreams.size(); ++w) {
        const auto& workstream = plan.workstreams[w];
        const auto wpath = at("workstreams", w);
        for (const auto& [value, field] : {std::pair{&workstream.id, "id"},
                                           {&workstream.title, "title"},
                                           {&workstream.sponsor, "sponsor"},
                                           {&workstream.lead, "lead"}}) {
            text(*value, wpath + "." + field);
        }
        for (std::size_t c = 0; c < workstream.commitments.size(); ++c) {
            const auto& commitment = workstream.commitments[c];
            const auto cpath = at(wpath + ".commitments", c);
            text(commitment.id, cpath + ".id");
            text(commitment.text, cpath + ".text");
            for (std::size_t m = 0; m < commitment.measures.size(); ++m) {
                const auto mpath = at(cpath + ".measures", m);
                text(commitment.measures[m].id, mpath + ".id");
                text(commitment.measures[m].text, mpath + ".text");
                text(commitment.measures[m].indicator.value_or(""), mpath + ".indicator");
            }
            for (std::size_t a = 0; a < commitment.actions.size(); ++a) {
                const auto& action = commitment.actions[a];
                const auto apath = at(cpath + ".actions", a);
                text(action.id, apath + ".id");
                text(action.text, apath + ".text");
                text(action.lead, apath + ".lead");
                for (std::size_t u = 0; u < action.updates.size(); ++u) {
                    text(action.updates[u].by, at(apath + ".updates", u) + ".by");
                    text(action.updates[u].text, at(apath + ".updates", u) + ".text");
                }
            }
        }
    }
}

}  // namespace

std::optional<RuleViolation> check_plan_date(Date date, const std::string& what) {
    static const Date earliest = *Date::from_ymd(2000, 1, 1);
    static const Date latest = *Date::from_ymd(2100, 12, 31);
    if (earliest <= date && date <= latest) return std::nullopt;
    return RuleViolation{
        {},
        what + " is " + date.iso() + ", outside the years a plan covers (2000-01-01 to 2100-12-31)",
        "give a date between 2000-01-01 and 2100-12-31"};
}

std::optional<RuleViolation> check_status_and_rag(ActionStatus status,
                                                  const std::optional<Rag>& rag) {
    switch (status) {
        case ActionStatus::NotStarted:
            if (rag) {
                return RuleViolation{{},
                                     "a not-started action has no RAG",
                                     "set 'rag' to null, or set the status to 'in_progress'"};
            }
            break;
        case ActionStatus::Complete:
            if (rag) {
                return RuleViolation{{},
                                     "a complete action has no RAG",
                                     "set 'rag' to null: completion is shown apart from RAG"};
            }
            break;
        case ActionStatus::InProgress:
            if (!rag) {
                return RuleViolation{{},
                                     "an in-progress action needs a RAG",
                                     "set 'rag' to 'red', 'amber' or 'green'"};
            }
            break;
    }
    return {};
}

std::vector<RuleViolation> check_plan(const Plan& plan) {
    std::vector<RuleViolation> violations;
    Checker checker(violations);
    check_inspection(plan.inspection, checker);

    std::set<std::string> recommendation_ids, workstream_ids, commitment_ids, measure_ids,
        action_ids;
    for (std::size_t r = 0; r < plan.recommendations.size(); ++r) {
        checker.unique(recommendation_ids, plan.recommendations[r].id, at("recommendations", r),
                       "recommendation");
    }
    for (std::size_t w = 0; w < plan.workstreams.size(); ++w) {
        const auto& workstream = plan.workstreams[w];
        const auto workstream_path = at("workstreams", w);
        checker.unique(workstream_ids, workstream.id, workstream_path, "workstream");
        for (std::size_t c = 0; c < workstream.commitments.size(); ++c) {
            const auto& commitment = workstream.commitments[c];
            const auto commitment_path = at(workstream_path + ".commitments", c);
            checker.unique(commitment_ids, commitment.id, commitment_path, "commitment");
            std::set<std::string> linked;
            for (std::size_t l = 0; l < commitment.recommendations.size(); ++l) {
                const auto& id = commitment.recommendations[l];
                const auto link_path = at(commitment_path + ".recommendations", l);
                if (recommendation_ids.count(id) == 0) {
                    checker.add(link_path,
                                "commitment '" + commitment.id +
                                    "' names unknown recommendation '" + id + "'",
                                "use the id of a recommendation listed under 'recommendations'");
                } else if (!linked.insert(id).second) {
                    checker.add(link_path,
                                "commitment '" + commitment.id + "' names recommendation '" + id +
                                    "' twice",
                                "list each recommendation once");
                }
            }
            for (std::size_t m = 0; m < commitment.measures.size(); ++m) {
                const auto& measure = commitment.measures[m];
                const auto measure_path = at(commitment_path + ".measures", m);
                checker.unique(measure_ids, measure.id, measure_path, "success measure");
                if (measure.kind != MeasureKind::Measured &&
                    (measure.indicator || measure.target)) {
                    checker.add(measure_path + ".kind",
                                "success measure '" + measure.id +
                                    "' has an indicator or target but is not 'measured'",
                                "set 'kind' to 'measured', or remove 'indicator' and 'target'");
                }
                if (measure.target && !measure.indicator) {
                    checker.add(
                        measure_path + ".target",
                        "success measure '" + measure.id + "' has a target but no indicator",
                        "name the indicator the target applies to");
                }
            }
            for (std::size_t a = 0; a < commitment.actions.size(); ++a) {
                const auto& action = commitment.actions[a];
                const auto action_path = at(commitment_path + ".actions", a);
                checker.unique(action_ids, action.id, action_path, "action");
                check_action(action, action_path, checker);
            }
        }
    }
    check_texts(plan, checker);
    return violations;
}

}  // namespace csip::domain
