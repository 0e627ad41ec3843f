#include "domain/plan_edit.hpp"

#include <algorithm>
#include <charconv>
#include <limits>
#include <set>
#include <stdexcept>
#include <type_traits>
#include <utility>

#include "domain/plan_audit.hpp"
#include "domain/plan_rules.hpp"
#include "domain/text.hpp"

namespace csip::domain {
namespace {

constexpr std::size_t kLongestText = 4000;

Unexpected<Error> invalid(std::string message, std::string field) {
    return fail(ErrorKind::InvalidInput, std::move(message), std::move(field));
}

// A person's words for `field`: text, not empty when `required`, at most kLongestText bytes.
Result<void> check_words(const std::string& text, const std::string& field, std::string_view label,
                         bool required = true) {
    if (auto checked = check_text(text, field, label); !checked) return checked;
    const bool blank = text.find_first_not_of(" \t\r\n") == std::string::npos;
    if (required && blank) return invalid("enter " + std::string(label), field);
    if (text.size() > kLongestText) {
        return invalid(std::string(label) + " is longer than " + std::to_string(kLongestText) +
                           " characters: shorten it",
                       field);
    }
    return {};
}

std::string trimmed(const std::string& text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) return {};
    const auto last = text.find_last_not_of(" \t\r\n");
    return text.substr(first, last - first + 1);
}

Result<void> check_date_field(Date date, const std::string& field, const std::string& what) {
    if (auto violation = check_plan_date(date, what)) {
        return invalid(violation->message + ": " + violation->fix, field);
    }
    return {};
}

Result<void> check_version(int current, int given, std::string_view what, const std::string& id) {
    if (given == current) return {};
    return fail(ErrorKind::Conflict,
                std::string(what) + " '" + id + "' has been changed by someone else since you "
                    "opened it (you changed version " + std::to_string(given) +
                    "; it is now version " + std::to_string(current) +
                    "): look at it as it is now and make your change again",
                "version");
}

Result<void> check_in_plan(const PlanPlace& place, PlanItem item, const std::string& id) {
    if (!place.out_of_plan(item)) return {};
    const bool itself = place.retired(item).has_value();
    return fail(ErrorKind::Conflict,
                std::string(to_string(item)) + " '" + id + "' " +
                    (itself ? "is retired" : "sits in a retired workstream or commitment") +
                    ": restore it first to change it",
                "id");
}

// The next free id of a kind: the prefix and one more than the largest number already used.
std::string next_id(char prefix, const std::vector<std::string>& taken) {
    long largest = 0;
    for (const auto& id : taken) {
        if (id.size() < 2 || id[0] != prefix) continue;
        long number = 0;
        const auto* end = id.data() + id.size();
        auto [at, error] = std::from_chars(id.data() + 1, end, number);
        // The largest number a long holds has no next one (an imported id may hold any digits):
        // such an id counts as one that is not numbered, like "R1a".
        if (error == std::errc() && at == end && number < std::numeric_limits<long>::max()) {
            largest = std::max(largest, number);
        }
    }
    std::string id = std::string(1, prefix) + std::to_string(largest + 1);
    // Only an id holding that largest number itself can already be the one chosen; then the
    // first free number is used.
    for (long number = 1; std::find(taken.begin(), taken.end(), id) != taken.end(); ++number) {
        id = std::string(1, prefix) + std::to_string(number);
    }
    return id;
}

std::vector<std::string> ids_of(const Plan& plan, PlanItem item) {
    std::vector<std::string> ids;
    if (item == PlanItem::Recommendation) {
        for (const auto& r : plan.recommendations) ids.push_back(r.id);
        return ids;
    }
    for (const auto& w : plan.workstreams) {
        if (item == PlanItem::Workstream) ids.push_back(w.id);
        for (const auto& c : w.commitments) {
            if (item == PlanItem::Commitment) ids.push_back(c.id);
            if (item == PlanItem::Measure) {
                for (const auto& m : c.measures) ids.push_back(m.id);
            }
            if (item == PlanItem::Action) {
                for (const auto& a : c.actions) ids.push_back(a.id);
            }
        }
    }
    return ids;
}

Unexpected<Error> not_found(PlanItem item, const std::string& id) {
    return fail(ErrorKind::NotFound,
                "there is no " + std::string(to_string(item)) + " '" + id + "' in the plan", "id");
}

// Mutable access to the item `place` found in `plan` (a copy of the plan it was found in).
template <typename T>
T& same_in(Plan& plan, const Plan& original, const T* item) {
    // The copy has the same shape, so the item sits at the same indexes.
    for (std::size_t w = 0; w < original.workstreams.size(); ++w) {
        const auto& ow = original.workstreams[w];
        if constexpr (std::is_same_v<T, Workstream>) {
            if (&ow == item) return plan.workstreams[w];
        } else {
            for (std::size_t c = 0; c < ow.commitments.size(); ++c) {
                const auto& oc = ow.commitments[c];
                if constexpr (std::is_same_v<T, Commitment>) {
                    if (&oc == item) return plan.workstreams[w].commitments[c];
                } else if constexpr (std::is_same_v<T, SuccessMeasure>) {
                    for (std::size_t m = 0; m < oc.measures.size(); ++m) {
                        if (&oc.measures[m] == item) return plan.workstreams[w].commitments[c].measures[m];
                    }
                } else if constexpr (std::is_same_v<T, Action>) {
                    for (std::size_t a = 0; a < oc.actions.size(); ++a) {
                        if (&oc.actions[a] == item) return plan.workstreams[w].commitments[c].actions[a];
                    }
                }
            }
        }
    }
    if constexpr (std::is_same_v<T, Recommendation>) {
        for (std::size_t r = 0; r < original.recommendations.size(); ++r) {
            if (&original.recommendations[r] == item) return plan.recommendations[r];
        }
    }
    throw std::logic_error("same_in: the item is not in the plan");
}

// Finishes a change: versions carried, the plan checked, the audit entries written with the
// reason where one was given.
Result<PlanRevision> finish(const std::optional<Plan>& before, Plan after, std::string id,
                            const EditBy& by, const std::string& reason = {}) {
    carry_versions(before, after);
    const auto violations = check_plan(after);
    if (!violations.empty()) {
        return fail(ErrorKind::Conflict, violations.front().message + ": " + violations.front().fix,
                    violations.front().path);
    }
    auto audit = audit_plan_replacement(before, after, by.actor, by.timestamp);
    if (!reason.empty()) {
        for (auto& entry : audit) entry.reason = reason;
    }
    return PlanRevision{std::move(after), std::move(id), std::move(audit)};
}

Result<void> check_head(const PlanHead& head) {
    if (auto ok = check_words(head.authority, "authority", "the authority's name"); !ok) return ok;
    if (auto ok = check_words(head.title, "title", "the plan's title"); !ok) return ok;
    return check_words(head.vision, "vision", "the vision", false);
}

Result<void> check_recommendations(const Plan& plan, const std::vector<std::string>& ids) {
    std::set<std::string> seen;
    for (const auto& id : ids) {
        const auto place = find_item(plan, PlanItem::Recommendation, id);
        if (place.recommendation == nullptr) {
            return invalid("there is no recommendation '" + id + "': choose one the plan holds",
                           "recommendations");
        }
        if (place.recommendation->retired) {
            return fail(ErrorKind::Conflict,
                        "recommendation '" + id + "' is retired: restore it before linking it",
                        "recommendations");
        }
        if (!seen.insert(id).second) {
            return invalid("recommendation '" + id + "' is named twice", "recommendations");
        }
    }
    return {};
}

// The measure's kind, indicator and target agree: a measured measure names an indicator csip
// computes and a target from 0 to 100; another kind names neither.
Result<void> check_measure(const SuccessMeasure& measure, const EditBy& by) {
    if (auto ok = check_words(measure.text, "text", "what the measure shows"); !ok) return ok;
    if (measure.kind != MeasureKind::Measured) {
        if (measure.indicator || measure.target) {
            return invalid("only a measured success measure has an indicator and a target: "
                           "choose 'measured', or leave them empty",
                           "indicator");
        }
        return {};
    }
    if (!measure.indicator) {
        return invalid("a measured success measure names the indicator it is measured by",
                       "indicator");
    }
    if (std::find(by.indicators.begin(), by.indicators.end(), *measure.indicator) ==
        by.indicators.end()) {
        return invalid("'" + *measure.indicator + "' is not an indicator csip computes: choose one "
                           "from the list",
                       "indicator");
    }
    if (!measure.target) {
        return invalid("a measured success measure has a target, in the indicator's unit",
                       "target");
    }
    if (!(*measure.target >= 0.0 && *measure.target <= 100.0)) {
        return invalid("the target is a percentage from 0 to 100", "target");
    }
    return {};
}

void apply_measure_fields(SuccessMeasure& measure, const MeasureFields& fields, const EditBy& by) {
    if (fields.kind) measure.kind = *fields.kind;
    if (fields.text) measure.text = trimmed(*fields.text);
    if (fields.indicator) {
        measure.indicator = fields.indicator->empty() ? std::nullopt
                                                      : std::optional<std::string>(*fields.indicator);
    }
    if (fields.target) measure.target = *fields.target;
    if (fields.status && *fields.status != measure.status) {
        measure.status = *fields.status;
        measure.status_by = by.actor;
        measure.status_at = by.timestamp;
    }
}

Result<void> check_due(const std::optional<Date>& due, const Date& today, bool confirmed) {
    if (!due) return {};
    if (auto ok = check_date_field(*due, "due", "the due date"); !ok) return ok;
    if (*due < today && !confirmed) {
        return fail(ErrorKind::Conflict,
                    "the due date " + due->iso() + " is before today, so the action would be "
                        "overdue at once: confirm that this is meant",
                    "confirm_past");
    }
    return {};
}

template <typename Item>
std::optional<Retirement>& retirement_of(Plan& plan, const Plan& original, const Item* item) {
    return same_in(plan, original, item).retired;
}

}  // namespace

std::string_view to_string(PlanItem item) {
    switch (item) {
        case PlanItem::Recommendation: return "recommendation";
        case PlanItem::Workstream: return "workstream";
        case PlanItem::Commitment: return "commitment";
        case PlanItem::Measure: return "measure";
        case PlanItem::Action: return "action";
    }
    return {};
}

std::optional<PlanItem> parse_plan_item(std::string_view text) {
    for (const auto item : {PlanItem::Recommendation, PlanItem::Workstream, PlanItem::Commitment,
                            PlanItem::Measure, PlanItem::Action}) {
        if (text == to_string(item)) return item;
    }
    return std::nullopt;
}

int PlanPlace::version(PlanItem item) const {
    switch (item) {
        case PlanItem::Recommendation: return recommendation->version;
        case PlanItem::Workstream: return workstream->version;
        case PlanItem::Commitment: return commitment->version;
        case PlanItem::Measure: return measure->version;
        case PlanItem::Action: return action->version;
    }
    return 0;
}

const std::optional<Retirement>& PlanPlace::retired(PlanItem item) const {
    switch (item) {
        case PlanItem::Recommendation: return recommendation->retired;
        case PlanItem::Workstream: return workstream->retired;
        case PlanItem::Commitment: return commitment->retired;
        case PlanItem::Measure: return measure->retired;
        case PlanItem::Action: return action->retired;
    }
    return recommendation->retired;
}

bool PlanPlace::out_of_plan(PlanItem item) const {
    if (item == PlanItem::Recommendation) return recommendation->retired.has_value();
    if (workstream->retired) return true;
    if (item == PlanItem::Workstream) return false;
    if (commitment->retired) return true;
    return retired(item).has_value();
}

PlanPlace find_item(const Plan& plan, PlanItem item, std::string_view id) {
    PlanPlace place;
    if (item == PlanItem::Recommendation) {
        for (const auto& r : plan.recommendations) {
            if (r.id == id) place.recommendation = &r;
        }
        return place;
    }
    for (const auto& w : plan.workstreams) {
        if (item == PlanItem::Workstream && w.id == id) {
            place.workstream = &w;
            return place;
        }
        for (const auto& c : w.commitments) {
            if (item == PlanItem::Commitment && c.id == id) {
                return PlanPlace{&w, &c, nullptr, nullptr, nullptr};
            }
            if (item == PlanItem::Measure) {
                for (const auto& m : c.measures) {
                    if (m.id == id) return PlanPlace{&w, &c, nullptr, &m, nullptr};
                }
            }
            if (item == PlanItem::Action) {
                for (const auto& a : c.actions) {
                    if (a.id == id) return PlanPlace{&w, &c, nullptr, nullptr, &a};
                }
            }
        }
    }
    return place;
}

Result<PlanRevision> start_plan(const std::optional<Plan>& current, const PlanHead& head,
                                const EditBy& by) {
    if (current) {
        return fail(ErrorKind::Conflict,
                    "there is a plan already: change it, or upload a plan file to replace it",
                    "title");
    }
    if (auto ok = check_head(head); !ok) return fail(ok.error());
    Plan plan;
    plan.authority = trimmed(head.authority);
    plan.title = trimmed(head.title);
    plan.vision = trimmed(head.vision);
    // Until the inspection is entered, its dates are the day the plan was started.
    plan.inspection.start = plan.inspection.end = plan.inspection.published = by.today;
    return finish(std::nullopt, std::move(plan), "plan", by);
}

Result<PlanRevision> change_head(const Plan& plan, int version, const PlanHead& head,
                                 const EditBy& by) {
    if (auto ok = check_version(plan.version, version, "the plan", "plan"); !ok) return fail(ok.error());
    if (auto ok = check_head(head); !ok) return fail(ok.error());
    Plan next = plan;
    next.authority = trimmed(head.authority);
    next.title = trimmed(head.title);
    next.vision = trimmed(head.vision);
    return finish(plan, std::move(next), "plan", by);
}

Result<PlanRevision> change_inspection(const Plan& plan, int version, const Inspection& inspection,
                                       const EditBy& by) {
    if (auto ok = check_version(plan.inspection.version, version, "the inspection", "inspection");
        !ok) {
        return fail(ok.error());
    }
    if (auto ok = check_words(inspection.framework, "framework", "the inspection framework"); !ok) {
        return fail(ok.error());
    }
    for (std::size_t j = 0; j < inspection.judgements.size(); ++j) {
        const std::string field = "judgements-" + std::to_string(j + 1) + "-area";
        if (auto ok = check_words(inspection.judgements[j].area, field, "the judgement's area");
            !ok) {
            return fail(ok.error());
        }
    }
    Plan next = plan;
    const int kept = next.inspection.version;
    next.inspection = inspection;
    next.inspection.version = kept;
    next.inspection.framework = trimmed(inspection.framework);
    for (auto& judgement : next.inspection.judgements) judgement.area = trimmed(judgement.area);
    // check_plan's inspection rules name the field by its csip-plan/1 path.
    const auto violations = check_plan(next);
    for (const auto& violation : violations) {
        if (violation.path.rfind("inspection.", 0) == 0) {
            return invalid(violation.message + ": " + violation.fix,
                           violation.path.substr(std::string_view("inspection.").size()));
        }
    }
    return finish(plan, std::move(next), "inspection", by);
}

Result<PlanRevision> add_recommendation(const Plan& plan, const RecommendationFields& fields,
                                        const EditBy& by) {
    if (!fields.category) {
        return invalid("choose whether it is a priority or an area for improvement", "category");
    }
    if (auto ok = check_words(fields.text.value_or(""), "text", "the recommendation"); !ok) {
        return fail(ok.error());
    }
    Plan next = plan;
    Recommendation recommendation;
    recommendation.id = next_id('R', ids_of(plan, PlanItem::Recommendation));
    recommendation.category = *fields.category;
    recommendation.text = trimmed(*fields.text);
    next.recommendations.push_back(recommendation);
    return finish(plan, std::move(next), recommendation.id, by);
}

Result<PlanRevision> add_workstream(const Plan& plan, const WorkstreamFields& fields,
                                    const EditBy& by) {
    if (auto ok = check_words(fields.title.value_or(""), "title", "the workstream's title"); !ok) {
        return fail(ok.error());
    }
    if (auto ok = check_words(fields.sponsor.value_or(""), "sponsor", "the sponsor"); !ok) {
        return fail(ok.error());
    }
    if (auto ok = check_words(fields.lead.value_or(""), "lead", "the operational lead"); !ok) {
        return fail(ok.error());
    }
    Plan next = plan;
    Workstream workstream;
    workstream.id = next_id('W', ids_of(plan, PlanItem::Workstream));
    workstream.title = trimmed(*fields.title);
    workstream.sponsor = trimmed(*fields.sponsor);
    workstream.lead = trimmed(*fields.lead);
    next.workstreams.push_back(workstream);
    return finish(plan, std::move(next), workstream.id, by);
}

Result<PlanRevision> add_commitment(const Plan& plan, const std::string& workstream,
                                    const CommitmentFields& fields, const EditBy& by) {
    const auto place = find_item(plan, PlanItem::Workstream, workstream);
    if (place.workstream == nullptr) return not_found(PlanItem::Workstream, workstream);
    if (auto ok = check_in_plan(place, PlanItem::Workstream, workstream); !ok) return fail(ok.error());
    if (auto ok = check_words(fields.text.value_or(""), "text", "the commitment"); !ok) {
        return fail(ok.error());
    }
    const auto links = fields.recommendations.value_or(std::vector<std::string>{});
    if (auto ok = check_recommendations(plan, links); !ok) return fail(ok.error());
    Plan next = plan;
    Commitment commitment;
    commitment.id = next_id('C', ids_of(plan, PlanItem::Commitment));
    commitment.text = trimmed(*fields.text);
    commitment.recommendations = links;
    same_in(next, plan, place.workstream).commitments.push_back(commitment);
    return finish(plan, std::move(next), commitment.id, by);
}

Result<PlanRevision> add_measure(const Plan& plan, const std::string& commitment,
                                 const MeasureFields& fields, const EditBy& by) {
    const auto place = find_item(plan, PlanItem::Commitment, commitment);
    if (place.commitment == nullptr) return not_found(PlanItem::Commitment, commitment);
    if (auto ok = check_in_plan(place, PlanItem::Commitment, commitment); !ok) return fail(ok.error());
    if (!fields.kind) {
        return invalid("choose how the measure is shown: measured, monitored, observed or "
                       "established",
                       "kind");
    }
    SuccessMeasure measure;
    measure.id = next_id('M', ids_of(plan, PlanItem::Measure));
    apply_measure_fields(measure, fields, by);
    if (auto ok = check_measure(measure, by); !ok) return fail(ok.error());
    Plan next = plan;
    same_in(next, plan, place.commitment).measures.push_back(measure);
    return finish(plan, std::move(next), measure.id, by);
}

Result<PlanRevision> add_action(const Plan& plan, const std::string& commitment,
                                const ActionFields& fields, const EditBy& by) {
    const auto place = find_item(plan, PlanItem::Commitment, commitment);
    if (place.commitment == nullptr) return not_found(PlanItem::Commitment, commitment);
    if (auto ok = check_in_plan(place, PlanItem::Commitment, commitment); !ok) return fail(ok.error());
    if (auto ok = check_words(fields.text.value_or(""), "text", "what the action is"); !ok) {
        return fail(ok.error());
    }
    if (auto ok = check_words(fields.lead.value_or(""), "lead", "the lead officer's role title");
        !ok) {
        return fail(ok.error());
    }
    if (!fields.due) return invalid("enter the due date", "due");
    if (auto ok = check_due(fields.due, by.today, fields.confirm_past_due); !ok) {
        return fail(ok.error());
    }
    Action action;
    action.id = next_id('A', ids_of(plan, PlanItem::Action));
    action.text = trimmed(*fields.text);
    action.lead = trimmed(*fields.lead);
    action.due = action.original_due = *fields.due;
    Plan next = plan;
    same_in(next, plan, place.commitment).actions.push_back(action);
    return finish(plan, std::move(next), action.id, by);
}

Result<PlanRevision> change_recommendation(const Plan& plan, const std::string& id, int version,
                                           const RecommendationFields& fields, const EditBy& by) {
    const auto place = find_item(plan, PlanItem::Recommendation, id);
    if (place.recommendation == nullptr) return not_found(PlanItem::Recommendation, id);
    if (auto ok = check_version(place.recommendation->version, version, "recommendation", id); !ok) {
        return fail(ok.error());
    }
    if (auto ok = check_in_plan(place, PlanItem::Recommendation, id); !ok) return fail(ok.error());
    if (fields.text) {
        if (auto ok = check_words(*fields.text, "text", "the recommendation"); !ok) {
            return fail(ok.error());
        }
    }
    Plan next = plan;
    auto& item = same_in(next, plan, place.recommendation);
    if (fields.category) item.category = *fields.category;
    if (fields.text) item.text = trimmed(*fields.text);
    return finish(plan, std::move(next), id, by);
}

Result<PlanRevision> change_workstream(const Plan& plan, const std::string& id, int version,
                                       const WorkstreamFields& fields, const EditBy& by) {
    const auto place = find_item(plan, PlanItem::Workstream, id);
    if (place.workstream == nullptr) return not_found(PlanItem::Workstream, id);
    if (auto ok = check_version(place.workstream->version, version, "workstream", id); !ok) {
        return fail(ok.error());
    }
    if (auto ok = check_in_plan(place, PlanItem::Workstream, id); !ok) return fail(ok.error());
    const std::pair<const std::optional<std::string>*, std::pair<const char*, const char*>> texts[] = {
        {&fields.title, {"title", "the workstream's title"}},
        {&fields.sponsor, {"sponsor", "the sponsor"}},
        {&fields.lead, {"lead", "the operational lead"}}};
    for (const auto& [value, names] : texts) {
        if (*value) {
            if (auto ok = check_words(**value, names.first, names.second); !ok) return fail(ok.error());
        }
    }
    if (fields.position && (*fields.position < 1 || *fields.position > plan.workstreams.size())) {
        return invalid("the position is from 1 to " + std::to_string(plan.workstreams.size()),
                       "position");
    }
    Plan next = plan;
    auto& item = same_in(next, plan, place.workstream);
    if (fields.title) item.title = trimmed(*fields.title);
    if (fields.sponsor) item.sponsor = trimmed(*fields.sponsor);
    if (fields.lead) item.lead = trimmed(*fields.lead);
    if (fields.position) {
        const auto from = static_cast<std::size_t>(&item - next.workstreams.data());
        Workstream moving = std::move(item);
        next.workstreams.erase(next.workstreams.begin() + static_cast<std::ptrdiff_t>(from));
        next.workstreams.insert(
            next.workstreams.begin() + static_cast<std::ptrdiff_t>(*fields.position - 1),
            std::move(moving));
    }
    return finish(plan, std::move(next), id, by);
}

Result<PlanRevision> change_commitment(const Plan& plan, const std::string& id, int version,
                                       const CommitmentFields& fields, const EditBy& by) {
    const auto place = find_item(plan, PlanItem::Commitment, id);
    if (place.commitment == nullptr) return not_found(PlanItem::Commitment, id);
    if (auto ok = check_version(place.commitment->version, version, "commitment", id); !ok) {
        return fail(ok.error());
    }
    if (auto ok = check_in_plan(place, PlanItem::Commitment, id); !ok) return fail(ok.error());
    if (fields.text) {
        if (auto ok = check_words(*fields.text, "text", "the commitment"); !ok) return fail(ok.error());
    }
    if (fields.recommendations) {
        // A link to a recommendation since retired may stay; a new one must be in the plan.
        std::vector<std::string> added;
        for (const auto& link : *fields.recommendations) {
            const auto& old = place.commitment->recommendations;
            if (std::find(old.begin(), old.end(), link) == old.end()) added.push_back(link);
        }
        if (auto ok = check_recommendations(plan, added); !ok) return fail(ok.error());
        std::set<std::string> seen;
        for (const auto& link : *fields.recommendations) {
            if (!seen.insert(link).second) {
                return invalid("recommendation '" + link + "' is named twice", "recommendations");
            }
        }
    }
    const Workstream* target = nullptr;
    if (fields.workstream && *fields.workstream != place.workstream->id) {
        const auto to = find_item(plan, PlanItem::Workstream, *fields.workstream);
        if (to.workstream == nullptr) {
            return invalid("there is no workstream '" + *fields.workstream + "' to move it to",
                           "workstream");
        }
        if (to.workstream->retired) {
            return fail(ErrorKind::Conflict,
                        "workstream '" + *fields.workstream + "' is retired: choose another",
                        "workstream");
        }
        target = to.workstream;
    }
    Plan next = plan;
    auto& item = same_in(next, plan, place.commitment);
    if (fields.text) item.text = trimmed(*fields.text);
    if (fields.recommendations) item.recommendations = *fields.recommendations;
    if (target != nullptr) {
        Commitment moving = item;
        auto& from = same_in(next, plan, place.workstream).commitments;
        std::erase_if(from, [&](const Commitment& c) { return c.id == id; });
        same_in(next, plan, target).commitments.push_back(std::move(moving));
    }
    return finish(plan, std::move(next), id, by);
}

Result<PlanRevision> change_measure(const Plan& plan, const std::string& id, int version,
                                    const MeasureFields& fields, const EditBy& by) {
    const auto place = find_item(plan, PlanItem::Measure, id);
    if (place.measure == nullptr) return not_found(PlanItem::Measure, id);
    if (auto ok = check_version(place.measure->version, version, "success measure", id); !ok) {
        return fail(ok.error());
    }
    if (auto ok = check_in_plan(place, PlanItem::Measure, id); !ok) return fail(ok.error());
    Plan next = plan;
    auto& item = same_in(next, plan, place.measure);
    apply_measure_fields(item, fields, by);
    // A measure that is no longer measured loses its indicator and target: each that the change
    // does not give itself (a change that clears one has cleared the other too; one that names an
    // indicator or a target for it is refused by check_measure).
    if (fields.kind && *fields.kind != MeasureKind::Measured) {
        if (!fields.indicator) item.indicator.reset();
        if (!fields.target) item.target.reset();
    }
    if (auto ok = check_measure(item, by); !ok) return fail(ok.error());
    return finish(plan, std::move(next), id, by);
}

Result<PlanRevision> change_action(const Plan& plan, const std::string& id, int version,
                                   const ActionFields& fields, const EditBy& by) {
    const auto place = find_item(plan, PlanItem::Action, id);
    if (place.action == nullptr) return not_found(PlanItem::Action, id);
    if (auto ok = check_version(place.action->version, version, "action", id); !ok) {
        return fail(ok.error());
    }
    if (auto ok = check_in_plan(place, PlanItem::Action, id); !ok) return fail(ok.error());
    if (fields.text) {
        if (auto ok = check_words(*fields.text, "text", "what the action is"); !ok) {
            return fail(ok.error());
        }
    }
    if (fields.lead) {
        if (auto ok = check_words(*fields.lead, "lead", "the lead officer's role title"); !ok) {
            return fail(ok.error());
        }
    }
    const bool new_due = fields.due && *fields.due != place.action->due;
    if (new_due) {
        if (auto ok = check_due(fields.due, by.today, fields.confirm_past_due); !ok) {
            return fail(ok.error());
        }
        if (auto ok = check_words(fields.reason, "reason", "why the due date changes"); !ok) {
            return fail(ok.error());
        }
    }
    const Commitment* target = nullptr;
    if (fields.commitment && *fields.commitment != place.commitment->id) {
        const auto to = find_item(plan, PlanItem::Commitment, *fields.commitment);
        if (to.commitment == nullptr) {
            return invalid("there is no commitment '" + *fields.commitment + "' to move it to",
                           "commitment");
        }
        if (to.out_of_plan(PlanItem::Commitment)) {
            return fail(ErrorKind::Conflict,
                        "commitment '" + *fields.commitment + "' is retired: choose another",
                        "commitment");
        }
        target = to.commitment;
    }
    Plan next = plan;
    auto& item = same_in(next, plan, place.action);
    if (fields.text) item.text = trimmed(*fields.text);
    if (fields.lead) item.lead = trimmed(*fields.lead);
    if (new_due) item.due = *fields.due;  // the baseline, original_due, is kept
    if (target != nullptr) {
        Action moving = item;
        auto& from = same_in(next, plan, place.commitment).actions;
        std::erase_if(from, [&](const Action& a) { return a.id == id; });
        same_in(next, plan, target).actions.push_back(std::move(moving));
    }
    return finish(plan, std::move(next), id, by, new_due ? trimmed(fields.reason) : std::string());
}

namespace {

// Retires an item (`retiring`) or restores it: the same checks either way, then the retirement
// set or cleared.
Result<PlanRevision> set_retirement(const Plan& plan, PlanItem item, const std::string& id,
                                    int version, const std::string& reason, const EditBy& by,
                                    bool retiring) {
    const auto place = find_item(plan, item, id);
    if (!place.found() || (item == PlanItem::Commitment && place.commitment == nullptr) ||
        (item == PlanItem::Measure && place.measure == nullptr) ||
        (item == PlanItem::Action && place.action == nullptr)) {
        return not_found(item, id);
    }
    if (auto ok = check_version(place.version(item), version, to_string(item), id); !ok) {
        return fail(ok.error());
    }
    if (retiring == place.retired(item).has_value()) {
        return fail(ErrorKind::Conflict,
                    std::string(to_string(item)) + " '" + id + "' " +
                        (retiring ? "is retired already" : "is in the plan: it is not retired"),
                    "id");
    }
    if (auto ok = check_words(reason, "reason",
                              retiring ? "why it is retired" : "why it is restored");
        !ok) {
        return fail(ok.error());
    }
    Plan next = plan;
    std::optional<Retirement> retirement;
    if (retiring) retirement = Retirement{by.today, by.actor, trimmed(reason)};
    switch (item) {
        case PlanItem::Recommendation: retirement_of(next, plan, place.recommendation) = retirement; break;
        case PlanItem::Workstream: retirement_of(next, plan, place.workstream) = retirement; break;
        case PlanItem::Commitment: retirement_of(next, plan, place.commitment) = retirement; break;
        case PlanItem::Measure: retirement_of(next, plan, place.measure) = retirement; break;
        case PlanItem::Action: retirement_of(next, plan, place.action) = retirement; break;
    }
    return finish(plan, std::move(next), id, by, trimmed(reason));
}

}  // namespace

Result<PlanRevision> retire(const Plan& plan, PlanItem item, const std::string& id, int version,
                            const std::string& reason, const EditBy& by) {
    return set_retirement(plan, item, id, version, reason, by, true);
}

Result<PlanRevision> restore(const Plan& plan, PlanItem item, const std::string& id, int version,
                             const std::string& reason, const EditBy& by) {
    return set_retirement(plan, item, id, version, reason, by, false);
}

}  // namespace csip::domain
