// The pages that change the plan: start one or replace it from a file, download it, and add,
// change, move, retire and restore its inspection, recommendations, workstreams, commitments,
// success measures and actions; a success measure's page with its status and evidence. Editors
// and administrators change the plan; a lead adds evidence to the measures of a commitment
// holding an action they lead; everyone signed in reads. Every form posts, then redirects
// (POST-redirect-GET); a refused form comes back with an error summary and the person's input
// kept. Each form carries the version of the item it was opened on: a change to an item someone
// else has changed since is refused with the item as it now is beside the person's input, so
// that nothing is overwritten and nothing typed is lost.
#include <algorithm>
#include <charconv>
#include <functional>
#include <map>
#include <optional>
#include <variant>

#include "domain/indicators/indicator_definitions.hpp"
#include "http/date_input.hpp"
#include "http/form.hpp"
#include "http/site.hpp"
#include "http/views.hpp"

namespace csip::http {
namespace {

using domain::Plan;
using domain::PlanItem;
using httplib::Request;
using httplib::Response;

constexpr const char* kHtml = "text/html; charset=utf-8";
constexpr const char* kEditor = "/plan/edit";

using Values = FormValues;

bool may_edit(const Visitor& visitor) {
    return domain::has_right(visitor.person.role, domain::Right::EditPlan);
}

// --- forms ----------------------------------------------------------------------------------

// A form of the plan editor: back to the editor, under "Plan" in the navigation.
Form plan_form() {
    Form form;
    form.back = kEditor;
    form.section = "plan";
    return form;
}

// What a field shows as text: a choice's label rather than its value.
std::string shown(const Field& field, const Values& values) {
    std::string out;
    const auto found = values.find(field.name);
    if (found == values.end()) return {};
    for (const auto& value : found->second) {
        std::string label = value;
        for (const auto& option : field.options) {
            if (option.value == value) label = option.label;
        }
        if (!out.empty()) out += "; ";
        out += label;
    }
    return out;
}

std::optional<domain::Date> date_of(const Values& values, const std::string& name) {
    return domain::Date::parse_iso(one(values, name));
}

std::optional<int> version_of(const Values& values) {
    const std::string text = one(values, "version");
    int version = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), version);
    if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return version;
}

// --- what each kind of item asks for --------------------------------------------------------

std::string segment(PlanItem item) {
    switch (item) {
        case PlanItem::Recommendation: return "recommendations";
        case PlanItem::Workstream: return "workstreams";
        case PlanItem::Commitment: return "commitments";
        case PlanItem::Measure: return "measures";
        case PlanItem::Action: return "actions";
    }
    return {};
}

std::optional<PlanItem> item_of_segment(const std::string& text) {
    for (const auto item : {PlanItem::Recommendation, PlanItem::Workstream, PlanItem::Commitment,
                            PlanItem::Measure, PlanItem::Action}) {
        if (segment(item) == text) return item;
    }
    return std::nullopt;
}

// "success measure" for people.
std::string noun(PlanItem item) {
    return item == PlanItem::Measure ? "success measure" : std::string(domain::to_string(item));
}

std::vector<Option> grade_options(bool with_none) {
    std::vector<Option> options;
    if (with_none) options.push_back({"", "Not graded (the framework gives no overall grade)", ""});
    for (const auto grade : {domain::Grade::Outstanding, domain::Grade::Good,
                             domain::Grade::RequiresImprovement, domain::Grade::Inadequate}) {
        options.push_back({std::string(domain::to_string(grade)),
                           sentence(std::string(domain::describe(grade))), ""});
    }
    return options;
}

std::string number_value(double value) { return number_text(value); }

Form head_form() {
    Form form = plan_form();
    form.heading = "Plan details";
    form.action = "/plan/details";
    form.fields = {{Field::Kind::Text, "authority", "Authority", "The council's name as reports give it"},
                   {Field::Kind::Text, "title", "Title", ""},
                   {Field::Kind::Textarea, "vision", "Vision", "What the plan is for, in a sentence or two"}};
    return form;
}

Values head_values(const Plan& plan) {
    return {{"authority", {plan.authority}}, {"title", {plan.title}}, {"vision", {plan.vision}}};
}

// Judgement rows: those the inspection has and two empty ones to add more.
std::size_t judgement_rows(const Values& values) {
    std::size_t rows = 0;
    while (values.count("judgements-" + std::to_string(rows + 1) + "-area")) ++rows;
    return rows;
}

Form inspection_form(std::size_t rows) {
    Form form = plan_form();
    form.heading = "Inspection";
    form.action = "/plan/inspection";
    form.intro = "The inspection the plan answers: each judgement area, its grade and whether it "
                 "limited the overall judgement. Leave an area empty to remove it.";
    form.fields = {{Field::Kind::Text, "framework", "Framework", "For example ILACS or SIF", {}, "10"},
                   {Field::Kind::Date, "start", "First day of the inspection", "For example 2 3 2015"},
                   {Field::Kind::Date, "end", "Last day of the inspection", ""},
                   {Field::Kind::Date, "published", "Report published", ""},
                   {Field::Kind::Select, "overall", "Overall judgement", "", grade_options(true)}};
    for (std::size_t j = 1; j <= rows; ++j) {
        const std::string prefix = "judgements-" + std::to_string(j);
        form.fields.push_back({Field::Kind::Heading, prefix, "Judgement " + std::to_string(j)});
        form.fields.push_back({Field::Kind::Text, prefix + "-area", "Area", ""});
        form.fields.push_back({Field::Kind::Select, prefix + "-grade", "Grade", "", grade_options(false)});
        form.fields.push_back({Field::Kind::Checkboxes, prefix + "-limiting", "Limiting", "",
                               {{"yes", "This judgement limits the overall judgement", ""}}});
    }
    return form;
}

Values inspection_values(const Plan& plan) {
    const auto& inspection = plan.inspection;
    Values values{{"framework", {inspection.framework}},
                  {"start", {inspection.start.iso()}},
                  {"end", {inspection.end.iso()}},
                  {"published", {inspection.published.iso()}},
                  {"overall", {inspection.overall ? std::string(domain::to_string(*inspection.overall))
                                                  : std::string()}}};
    std::size_t j = 0;
    for (const auto& judgement : inspection.judgements) {
        const std::string prefix = "judgements-" + std::to_string(++j);
        values[prefix + "-area"] = {judgement.area};
        values[prefix + "-grade"] = {std::string(domain::to_string(judgement.grade))};
        if (judgement.limiting) values[prefix + "-limiting"] = {"yes"};
    }
    for (int spare = 0; spare < 2; ++spare) {
        const std::string prefix = "judgements-" + std::to_string(++j);
        values[prefix + "-area"] = {""};
        values[prefix + "-grade"] = {"requires_improvement"};
    }
    return values;
}

std::vector<Option> category_options() {
    return {{"priority", "Priority and immediate action", ""},
            {"improvement", "Area for improvement", ""}};
}

Form recommendation_form(const std::string& id) {
    Form form = plan_form();
    form.heading = id.empty() ? "Add a recommendation" : "Change recommendation " + id;
    form.action = id.empty() ? "/plan/recommendations/new" : "/plan/recommendations/" + id + "/edit";
    form.fields = {{Field::Kind::Radios, "category", "Category", "", category_options()},
                   {Field::Kind::Textarea, "text", "Recommendation", "As the inspection report words it"}};
    return form;
}

Form workstream_form(const Plan& plan, const std::string& id) {
    Form form = plan_form();
    form.heading = id.empty() ? "Add a workstream" : "Change workstream " + id;
    form.action = id.empty() ? "/plan/workstreams/new" : "/plan/workstreams/" + id + "/edit";
    form.fields = {{Field::Kind::Text, "title", "Title", ""},
                   {Field::Kind::Text, "sponsor", "Sponsor", "The senior officer who answers for it"},
                   {Field::Kind::Text, "lead", "Operational lead", ""}};
    if (!id.empty()) {
        Field position{Field::Kind::Select, "position", "Position in the plan", ""};
        for (std::size_t p = 1; p <= plan.workstreams.size(); ++p) {
            position.options.push_back({std::to_string(p), std::to_string(p) + " of " +
                                                               std::to_string(plan.workstreams.size()),
                                        ""});
        }
        form.fields.push_back(position);
    }
    return form;
}

Form commitment_form(const Plan& plan, const std::string& id, const std::string& workstream) {
    Form form = plan_form();
    form.heading = id.empty() ? "Add a commitment to " + workstream : "Change commitment " + id;
    form.action = id.empty() ? "/plan/workstreams/" + workstream + "/commitments/new"
                             : "/plan/commitments/" + id + "/edit";
    form.fields = {{Field::Kind::Textarea, "text", "Commitment", "What the council commits to do"}};
    Field links{Field::Kind::Checkboxes, "recommendations", "Recommendations it serves",
                "Select all that apply"};
    for (const auto& recommendation : plan.recommendations) {
        if (recommendation.retired) continue;
        links.options.push_back({recommendation.id, recommendation.id + ": " + recommendation.text, ""});
    }
    form.fields.push_back(links);
    if (!id.empty()) {
        Field move{Field::Kind::Select, "workstream", "Workstream", "Choose another to move it"};
        for (const auto& candidate : plan.workstreams) {
            if (candidate.retired) continue;
            move.options.push_back({candidate.id, candidate.id + " " + candidate.title, ""});
        }
        form.fields.push_back(move);
    }
    return form;
}

std::vector<Option> kind_options() {
    return {{"measured", "Measured", "By an indicator csip computes, against a target"},
            {"monitored", "Monitored", "Watched through reports and meetings"},
            {"observed", "Observed", "Seen in audits or practice observation"},
            {"established", "Established", "Something now exists (a team, a policy, a panel)"}};
}

Form measure_form(const std::string& id, const std::string& commitment) {
    Form form = plan_form();
    form.heading = id.empty() ? "Add a success measure to " + commitment : "Change success measure " + id;
    form.action = id.empty() ? "/plan/commitments/" + commitment + "/measures/new"
                             : "/plan/measures/" + id + "/edit";
    form.intro = "How the council will know the commitment has been met.";
    Field indicator{Field::Kind::Select, "indicator", "Indicator", "Only for a measured measure"};
    indicator.options.push_back({"", "None", ""});
    for (const auto& definition : domain::indicator_definitions()) {
        indicator.options.push_back({std::string(definition.key), std::string(definition.title), ""});
    }
    form.fields = {{Field::Kind::Radios, "kind", "How it is shown", "", kind_options()},
                   {Field::Kind::Textarea, "text", "Success measure", ""},
                   indicator,
                   {Field::Kind::Text, "target", "Target, as a percentage",
                    "Only for a measured measure, for example 85", {}, "4", true}};
    return form;
}

Values measure_values(const domain::SuccessMeasure& measure) {
    return {{"kind", {std::string(domain::to_string(measure.kind))}},
            {"text", {measure.text}},
            {"indicator", {measure.indicator.value_or("")}},
            {"target", {measure.target ? number_value(*measure.target) : std::string()}}};
}

Form action_form(const Plan& plan, const std::string& id, const std::string& commitment,
                 bool ask_confirmation) {
    Form form = plan_form();
    form.heading = id.empty() ? "Add an action to " + commitment : "Change action " + id;
    form.action = id.empty() ? "/plan/commitments/" + commitment + "/actions/new"
                             : "/plan/actions/" + id + "/edit";
    form.fields = {{Field::Kind::Textarea, "text", "Action", "What will be done: specific and measurable"},
                   {Field::Kind::Text, "lead", "Lead officer",
                    "Their role title, as their user account gives it, for example Service Manager, Safeguarding"},
                   {Field::Kind::Date, "due", "Due date", "For example 31 3 2016"}};
    if (!id.empty()) {
        form.fields.push_back({Field::Kind::Textarea, "reason", "Why the due date changes",
                               "Needed only when you change the due date; the original date is kept", {}, "", false, 3});
        Field move{Field::Kind::Select, "commitment", "Commitment", "Choose another to move it"};
        for (const auto& workstream : plan.workstreams) {
            if (workstream.retired) continue;
            for (const auto& candidate : workstream.commitments) {
                if (candidate.retired) continue;
                move.options.push_back({candidate.id, candidate.id + " " + candidate.text, ""});
            }
        }
        form.fields.push_back(move);
    }
    if (ask_confirmation) {
        form.fields.push_back({Field::Kind::Checkboxes, "confirm_past", "A due date in the past", "",
                               {{"yes", "Yes, the due date is meant to be before today", ""}}});
    }
    return form;
}

Values action_values(const domain::Action& action, const std::string& commitment) {
    return {{"text", {action.text}},
            {"lead", {action.lead}},
            {"due", {action.due.iso()}},
            {"commitment", {commitment}}};
}

// The item `id` of kind `item` in `plan`, as a form shows it, and its version: for a GET, and
// for showing the item as it now is after a conflict.
struct Loaded {
    Form form = plan_form();
    Values values;
    int version = 0;
};

std::optional<Loaded> load_item(const Plan& plan, PlanItem item, const std::string& id) {
    const auto place = domain::find_item(plan, item, id);
    switch (item) {
        case PlanItem::Recommendation:
            if (place.recommendation == nullptr) return std::nullopt;
            return Loaded{recommendation_form(id),
                          {{"category", {std::string(domain::to_string(place.recommendation->category))}},
                           {"text", {place.recommendation->text}}},
                          place.recommendation->version};
        case PlanItem::Workstream: {
            if (place.workstream == nullptr) return std::nullopt;
            const auto position = static_cast<std::size_t>(place.workstream - plan.workstreams.data()) + 1;
            return Loaded{workstream_form(plan, id),
                          {{"title", {place.workstream->title}},
                           {"sponsor", {place.workstream->sponsor}},
                           {"lead", {place.workstream->lead}},
                           {"position", {std::to_string(position)}}},
                          place.workstream->version};
        }
        case PlanItem::Commitment:
            if (place.commitment == nullptr) return std::nullopt;
            return Loaded{commitment_form(plan, id, place.workstream->id),
                          {{"text", {place.commitment->text}},
                           {"recommendations", place.commitment->recommendations},
                           {"workstream", {place.workstream->id}}},
                          place.commitment->version};
        case PlanItem::Measure:
            if (place.measure == nullptr) return std::nullopt;
            return Loaded{measure_form(id, place.commitment->id), measure_values(*place.measure),
                          place.measure->version};
        case PlanItem::Action:
            if (place.action == nullptr) return std::nullopt;
            return Loaded{action_form(plan, id, place.commitment->id, false),
                          action_values(*place.action, place.commitment->id),
                          place.action->version};
    }
    return std::nullopt;
}

// The item as it now is, as label and value pairs, for the conflict banner.
std::vector<std::pair<std::string, std::string>> as_now(const Loaded& loaded) {
    std::vector<std::pair<std::string, std::string>> rows;
    for (const auto& field : loaded.form.fields) {
        if (field.kind == Field::Kind::Heading || field.kind == Field::Kind::File ||
            !loaded.values.count(field.name)) {
            continue;
        }
        std::string value = shown(field, loaded.values);
        if (field.kind == Field::Kind::Date) {
            if (auto date = date_of(loaded.values, field.name)) value = long_date(*date);
        }
        rows.emplace_back(field.label, value);
    }
    rows.emplace_back("Version", std::to_string(loaded.version));
    return rows;
}

// --- reading a submitted form into a change -------------------------------------------------

using Edit = app::PlanService::Edit;

struct Reading {
    std::optional<Edit> edit;
    std::vector<FieldError> errors;
    std::map<std::string, DateProblem> date_problems;
};

std::optional<std::string> given(const Values& values, const std::string& name) {
    if (!values.count(name)) return std::nullopt;
    return one(values, name);
}

Reading read_item(PlanItem item, const std::string& id, const std::string& parent, Values& values,
                  int version) {
    Reading reading;
    switch (item) {
        case PlanItem::Recommendation: {
            domain::RecommendationFields fields;
            fields.category = domain::parse_recommendation_category(one(values, "category"));
            if (!fields.category) {
                reading.errors.push_back({"category", "Choose whether it is a priority or an area for improvement"});
            }
            fields.text = one(values, "text");
            if (!reading.errors.empty()) return reading;
            reading.edit = [=](const Plan& plan, const domain::EditBy& by) {
                return id.empty() ? domain::add_recommendation(plan, fields, by)
                                  : domain::change_recommendation(plan, id, version, fields, by);
            };
            return reading;
        }
        case PlanItem::Workstream: {
            domain::WorkstreamFields fields;
            fields.title = one(values, "title");
            fields.sponsor = one(values, "sponsor");
            fields.lead = one(values, "lead");
            if (auto position = given(values, "position"); position && !id.empty()) {
                std::size_t number = 0;
                const auto [end, error] =
                    std::from_chars(position->data(), position->data() + position->size(), number);
                if (error != std::errc() || end != position->data() + position->size()) {
                    reading.errors.push_back({"position", "Choose the workstream's position"});
                    return reading;
                }
                fields.position = number;
            }
            reading.edit = [=](const Plan& plan, const domain::EditBy& by) {
                return id.empty() ? domain::add_workstream(plan, fields, by)
                                  : domain::change_workstream(plan, id, version, fields, by);
            };
            return reading;
        }
        case PlanItem::Commitment: {
            domain::CommitmentFields fields;
            fields.text = one(values, "text");
            fields.recommendations = values.count("recommendations")
                                         ? values.at("recommendations")
                                         : std::vector<std::string>{};
            if (!id.empty()) fields.workstream = given(values, "workstream");
            reading.edit = [=](const Plan& plan, const domain::EditBy& by) {
                return id.empty() ? domain::add_commitment(plan, parent, fields, by)
                                  : domain::change_commitment(plan, id, version, fields, by);
            };
            return reading;
        }
        case PlanItem::Measure: {
            domain::MeasureFields fields;
            fields.kind = domain::parse_measure_kind(one(values, "kind"));
            if (!fields.kind) {
                reading.errors.push_back({"kind", "Choose how the measure is shown"});
            }
            fields.text = one(values, "text");
            fields.indicator = one(values, "indicator");
            const std::string target = one(values, "target");
            if (target.empty()) {
                fields.target = std::optional<double>();
            } else {
                double number = 0.0;
                const auto [end, error] = std::from_chars(target.data(), target.data() + target.size(), number);
                if (error != std::errc() || end != target.data() + target.size()) {
                    reading.errors.push_back({"target", "The target must be a number, for example 85"});
                } else {
                    fields.target = number;
                }
            }
            if (!reading.errors.empty()) return reading;
            reading.edit = [=](const Plan& plan, const domain::EditBy& by) {
                return id.empty() ? domain::add_measure(plan, parent, fields, by)
                                  : domain::change_measure(plan, id, version, fields, by);
            };
            return reading;
        }
        case PlanItem::Action: {
            domain::ActionFields fields;
            fields.text = one(values, "text");
            fields.lead = one(values, "lead");
            read_date_field(values, "due", "The due date", true, reading.errors, reading.date_problems);
            fields.due = date_of(values, "due");
            if (!id.empty()) {
                fields.commitment = given(values, "commitment");
                fields.reason = one(values, "reason");
            }
            fields.confirm_past_due = one(values, "confirm_past") == "yes";
            if (!reading.errors.empty()) return reading;
            reading.edit = [=](const Plan& plan, const domain::EditBy& by) {
                return id.empty() ? domain::add_action(plan, parent, fields, by)
                                  : domain::change_action(plan, id, version, fields, by);
            };
            return reading;
        }
    }
    return reading;
}

// --- the editor's handlers --------------------------------------------------------------------

bool editor_only(Site& site, Response& response, const Visitor& visitor) {
    if (may_edit(visitor)) return true;
    forbidden(site, response, visitor, "Only an editor or an administrator can change the plan.");
    return false;
}

Result<Plan> stored_plan(Site& site) { return site.services.plans.stored_plan(); }

void done(Site& site, Response& response, const Visitor& visitor, const std::string& notice,
          const std::string& to_page, const std::string& anchor) {
    site.plans.invalidate();
    site.notices.leave(visitor.csrf_token, to_page, notice);
    response.set_redirect(to_page + (anchor.empty() ? "" : "#" + anchor), 303);
}

// After a refused change: the form again with the person's input, the error, and after a
// conflict the item as it now is.
void refused(Site& site, Response& response, const Visitor& visitor, Form form, const Values& values,
             const Error& error, const std::function<std::optional<Loaded>(const Plan&)>& reload) {
    if (error.kind == ErrorKind::Unavailable) return store_failure(site, response, &visitor, error);
    if (error.kind == ErrorKind::Forbidden) return forbidden(site, response, visitor, sentence(error.message));
    if (error.kind == ErrorKind::NotFound && (error.field == "id" || error.field.empty())) {
        return store_failure(site, response, &visitor, error);
    }
    std::vector<std::pair<std::string, std::string>> current;
    if (error.field == "version" && reload) {
        if (auto now = stored_plan(site)) {
            if (auto loaded = reload(*now)) {
                current = as_now(*loaded);
                form.version = loaded->version;  // saving again applies to the item as it now is
            }
        }
    }
    const bool past = error.field == "confirm_past";
    if (past && std::none_of(form.fields.begin(), form.fields.end(),
                             [](const Field& f) { return f.name == "confirm_past"; })) {
        form.fields.push_back({Field::Kind::Checkboxes, "confirm_past", "A due date in the past", "",
                               {{"yes", "Yes, the due date is meant to be before today", ""}}});
    }
    std::string field = error.field;
    if (field == "version" || field.empty() || field == "id") field = form.fields.empty() ? "" : form.fields.front().name;
    const int status = error.kind == ErrorKind::Conflict ? 409 : 400;
    show_form(site, response, visitor, form, values, {{field, sentence(error.message)}}, status, current);
}

// GET and POST of "add" and "change" for an item.
void item_form(Site& site, const Request& request, Response& response, const Visitor& visitor,
               PlanItem item, const std::string& id, const std::string& parent, bool posted) {
    if (!editor_only(site, response, visitor)) return;
    if (posted && !form_allowed(site, request, response, visitor)) return;
    auto plan = stored_plan(site);
    if (!plan) return store_failure(site, response, &visitor, plan.error());

    std::optional<Loaded> loaded;
    if (!id.empty()) {
        loaded = load_item(*plan, item, id);
        if (!loaded) {
            return site.message_page(response, &visitor, 404, "Page not found",
                                     {"There is no " + noun(item) + " " + id + " in the plan."});
        }
    }
    Form form = plan_form();
    if (loaded) {
        form = loaded->form;
        form.version = loaded->version;
    } else if (item == PlanItem::Recommendation) {
        form = recommendation_form({});
    } else if (item == PlanItem::Workstream) {
        form = workstream_form(*plan, {});
    } else {
        const PlanItem parent_kind = item == PlanItem::Commitment ? PlanItem::Workstream : PlanItem::Commitment;
        const auto place = domain::find_item(*plan, parent_kind, parent);
        if (!place.found() || (parent_kind == PlanItem::Commitment && place.commitment == nullptr)) {
            return site.message_page(response, &visitor, 404, "Page not found",
                                     {"There is no " + noun(parent_kind) + " " + parent + " in the plan."});
        }
        form = item == PlanItem::Commitment ? commitment_form(*plan, {}, parent)
               : item == PlanItem::Measure  ? measure_form({}, parent)
                                            : action_form(*plan, {}, parent, false);
    }
    if (!posted) {
        Values values = loaded ? loaded->values : Values{};
        if (!loaded && item == PlanItem::Recommendation) values["category"] = {"improvement"};
        return show_form(site, response, visitor, form, values, {}, 200);
    }

    Values values = values_from(request);
    const int version = version_of(values).value_or(-1);
    if (loaded) form.version = version;
    if (item == PlanItem::Action && values.count("confirm_past")) {
        form = loaded ? action_form(*plan, id, loaded->values.at("commitment").front(), true)
                      : action_form(*plan, {}, parent, true);
        if (loaded) form.version = version;
    }
    Reading reading = read_item(item, id, parent, values, version);
    if (!reading.edit) {
        return show_form(site, response, visitor, form, values, reading.errors, 400, {},
                         reading.date_problems);
    }
    auto changed = site.services.plans.change(*reading.edit, visitor.person.name);
    if (!changed) {
        return refused(site, response, visitor, form, values, changed.error(),
                       [&](const Plan& now) { return load_item(now, item, id); });
    }
    const std::string what = sentence(noun(item)) + " " + changed->id;
    done(site, response, visitor, what + (id.empty() ? " has been added." : " has been saved."),
         kEditor, changed->id);
}

// GET and POST of retiring or restoring an item.
void retirement_form(Site& site, const Request& request, Response& response, const Visitor& visitor,
                     PlanItem item, const std::string& id, bool retiring, bool posted) {
    if (!editor_only(site, response, visitor)) return;
    if (posted && !form_allowed(site, request, response, visitor)) return;
    auto plan = stored_plan(site);
    if (!plan) return store_failure(site, response, &visitor, plan.error());
    const auto place = domain::find_item(*plan, item, id);
    auto loaded = load_item(*plan, item, id);
    if (!loaded) {
        return site.message_page(response, &visitor, 404, "Page not found",
                                 {"There is no " + noun(item) + " " + id + " in the plan."});
    }
    std::string text = one(loaded->values, item == PlanItem::Workstream ? "title" : "text");
    Form form = plan_form();
    form.heading = std::string(retiring ? "Retire " : "Restore ") + noun(item) + " " + id;
    form.caption = text.size() > 200 ? text.substr(0, 197) + "..." : text;
    form.action = "/plan/" + segment(item) + "/" + id + (retiring ? "/retire" : "/restore");
    form.submit = retiring ? "Retire it" : "Restore it";
    form.warning = retiring;
    form.version = loaded->version;
    form.intro = retiring ? "It leaves the plan, its summary, coverage and reports, and stays in "
                            "the audit trail and in downloads of the plan. It can be restored."
                          : "It comes back into the plan, its summary, coverage and reports.";
    if (retiring && item == PlanItem::Workstream) form.intro += " Its commitments leave the plan with it.";
    if (retiring && item == PlanItem::Commitment) form.intro += " Its success measures and actions leave the plan with it.";
    form.fields = {{Field::Kind::Textarea, "reason", retiring ? "Why is it retired?" : "Why is it restored?",
                    "The reason is recorded in the audit trail", {}, "", false, 3}};
    if (!posted) {
        if (retiring == place.retired(item).has_value()) {
            return site.message_page(response, &visitor, 409,
                                     retiring ? "This is retired already" : "This is not retired",
                                     {sentence(noun(item)) + " " + id +
                                      (retiring ? " is retired already." : " is in the plan.")});
        }
        return show_form(site, response, visitor, form, {}, {}, 200);
    }
    Values values = values_from(request);
    const int version = version_of(values).value_or(-1);
    form.version = version;
    const std::string reason = one(values, "reason");
    auto changed = site.services.plans.change(
        [&](const Plan& current, const domain::EditBy& by) {
            return retiring ? domain::retire(current, item, id, version, reason, by)
                            : domain::restore(current, item, id, version, reason, by);
        },
        visitor.person.name);
    if (!changed) {
        return refused(site, response, visitor, form, values, changed.error(),
                       [&](const Plan& now) { return load_item(now, item, id); });
    }
    done(site, response, visitor,
         sentence(noun(item)) + " " + id + (retiring ? " has been retired." : " has been restored."),
         kEditor, retiring ? "retired" : id);
}

void details_form(Site& site, const Request& request, Response& response, const Visitor& visitor,
                  bool posted) {
    if (!editor_only(site, response, visitor)) return;
    if (posted && !form_allowed(site, request, response, visitor)) return;
    auto plan = stored_plan(site);
    if (!plan) return store_failure(site, response, &visitor, plan.error());
    Form form = head_form();
    form.version = plan->version;
    if (!posted) return show_form(site, response, visitor, form, head_values(*plan), {}, 200);
    Values values = values_from(request);
    const int version = version_of(values).value_or(-1);
    form.version = version;
    const domain::PlanHead head{one(values, "authority"), one(values, "title"), one(values, "vision")};
    auto changed = site.services.plans.change(
        [&](const Plan& current, const domain::EditBy& by) {
            return domain::change_head(current, version, head, by);
        },
        visitor.person.name);
    if (!changed) {
        return refused(site, response, visitor, form, values, changed.error(), [](const Plan& now) {
            return std::optional<Loaded>(Loaded{head_form(), head_values(now), now.version});
        });
    }
    done(site, response, visitor, "The plan's details have been saved.", kEditor, "details");
}

void inspection_page(Site& site, const Request& request, Response& response, const Visitor& visitor,
                     bool posted) {
    if (!editor_only(site, response, visitor)) return;
    if (posted && !form_allowed(site, request, response, visitor)) return;
    auto plan = stored_plan(site);
    if (!plan) return store_failure(site, response, &visitor, plan.error());
    if (!posted) {
        const Values values = inspection_values(*plan);
        Form form = inspection_form(judgement_rows(values));
        form.version = plan->inspection.version;
        return show_form(site, response, visitor, form, values, {}, 200);
    }
    Values values = values_from(request);
    const std::size_t rows = std::min<std::size_t>(judgement_rows(values), 40);
    Form form = inspection_form(rows);
    const int version = version_of(values).value_or(-1);
    form.version = version;
    std::vector<FieldError> errors;
    std::map<std::string, DateProblem> problems;
    read_date_field(values, "start", "The first day of the inspection", true, errors, problems);
    read_date_field(values, "end", "The last day of the inspection", true, errors, problems);
    read_date_field(values, "published", "The date the report was published", true, errors, problems);
    domain::Inspection inspection;
    inspection.framework = one(values, "framework");
    const std::string overall = one(values, "overall");
    if (!overall.empty()) {
        inspection.overall = domain::parse_grade(overall);
        if (!inspection.overall) errors.push_back({"overall", "Choose the overall judgement"});
    }
    for (std::size_t j = 1; j <= rows; ++j) {
        const std::string prefix = "judgements-" + std::to_string(j);
        const std::string area = one(values, prefix + "-area");
        if (area.find_first_not_of(" \t\r\n") == std::string::npos) continue;
        const auto grade = domain::parse_grade(one(values, prefix + "-grade"));
        if (!grade) {
            errors.push_back({prefix + "-grade", "Choose the grade of judgement " + std::to_string(j)});
            continue;
        }
        inspection.judgements.push_back({area, *grade, one(values, prefix + "-limiting") == "yes"});
    }
    if (!errors.empty()) return show_form(site, response, visitor, form, values, errors, 400, {}, problems);
    inspection.start = *date_of(values, "start");
    inspection.end = *date_of(values, "end");
    inspection.published = *date_of(values, "published");
    auto changed = site.services.plans.change(
        [&](const Plan& current, const domain::EditBy& by) {
            return domain::change_inspection(current, version, inspection, by);
        },
        visitor.person.name);
    if (!changed) {
        return refused(site, response, visitor, form, values, changed.error(), [](const Plan& now) {
            const Values now_values = inspection_values(now);
            return std::optional<Loaded>(
                Loaded{inspection_form(judgement_rows(now_values)), now_values, now.inspection.version});
        });
    }
    done(site, response, visitor, "The inspection has been saved.", kEditor, "inspection");
}

// --- starting, uploading and downloading --------------------------------------------------------

void start_form(Site& site, const Request& request, Response& response, const Visitor& visitor,
                bool posted) {
    if (!editor_only(site, response, visitor)) return;
    if (posted && !form_allowed(site, request, response, visitor)) return;
    Form form = head_form();
    form.heading = "Start the plan";
    form.action = "/plan/start";
    form.back = "/plan";
    form.submit = "Start the plan";
    form.intro = "The plan begins with its title; the inspection, recommendations, workstreams, "
                 "commitments and actions are added next. A plan written elsewhere can be "
                 "uploaded instead.";
    if (!posted) {
        auto existing = stored_plan(site);
        if (existing) {
            return site.message_page(response, &visitor, 409, "There is a plan already",
                                     {"Change it from the plan editor, or upload a plan file to replace it."});
        }
        return show_form(site, response, visitor, form, {}, {}, 200);
    }
    Values values = values_from(request);
    const domain::PlanHead head{one(values, "authority"), one(values, "title"), one(values, "vision")};
    auto started = site.services.plans.start(head, visitor.person.name);
    if (!started) return refused(site, response, visitor, form, values, started.error(), {});
    done(site, response, visitor, "The plan has been started. Add its inspection next.", kEditor, "inspection");
}

Form upload_form() {
    Form form = plan_form();
    form.heading = "Upload a plan file";
    form.action = "/plan/upload";
    form.back = "/plan";
    form.submit = "Upload";
    form.multipart = true;
    form.intro = "A csip-plan/1 JSON file, or the plan CSV (which keeps the stored plan's "
                 "inspection, recommendations and success measures). It replaces the plan as a "
                 "whole: every difference is recorded in the audit trail. A file with any "
                 "problem changes nothing.";
    form.fields = {{Field::Kind::File, "file", "Plan file", "JSON or CSV, up to 10 MB"}};
    return form;
}

void upload_page(Site& site, const Request& request, Response& response, const Visitor& visitor,
                 bool posted) {
    if (!editor_only(site, response, visitor)) return;
    if (posted && !form_allowed(site, request, response, visitor)) return;
    const Form form = upload_form();
    if (!posted) return show_form(site, response, visitor, form, {}, {}, 200);
    if (!request.has_file("file") || request.get_file_value("file").content.empty()) {
        return show_form(site, response, visitor, form, {}, {{"file", "Choose a plan file to upload"}}, 400);
    }
    const auto file = request.get_file_value("file");
    const std::string name = file.filename.empty() ? "plan" : file.filename;
    // The format is told by the content: a JSON document begins with '{' (after any BOM or space).
    const auto first = file.content.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
    const bool json = first != std::string::npos && file.content[first] == '{';
    auto imported = site.services.plans.import_plan(file.content, name,
                                                    json ? app::PlanFormat::Json : app::PlanFormat::Csv,
                                                    visitor.person.name);
    if (!imported) {
        const auto& error = imported.error();
        if (error.kind != ErrorKind::InvalidInput) return store_failure(site, response, &visitor, error);
        std::vector<FieldError> errors;
        std::size_t at = 0;
        while (at < error.message.size() && errors.size() < 200) {
            const auto end = std::min(error.message.find('\n', at), error.message.size());
            const std::string line = error.message.substr(at, end - at);
            if (!line.empty() && line != "Nothing was changed.") errors.push_back({"file", line});
            at = end + 1;
        }
        if (errors.empty()) errors.push_back({"file", sentence(error.message)});
        Form refused_form = form;
        refused_form.intro += " Nothing was changed: put the problems right and upload it again.";
        return show_form(site, response, visitor, refused_form, {}, errors, 400);
    }
    done(site, response, visitor,
         "The plan has been replaced from " + name + ": " +
             std::to_string(imported->changes_recorded) + " changes recorded.",
         kEditor, "");
}

void download(Site& site, const Request& request, Response& response, const Visitor& visitor) {
    const std::string format = param(request, "format");
    app::PlanFormat chosen = app::PlanFormat::Json;
    std::string type = "application/json";
    std::string extension = ".json";
    if (format == "csv") {
        chosen = app::PlanFormat::Csv;
        type = "text/csv; charset=utf-8";
        extension = ".csv";
    } else if (format == "xlsx") {
        chosen = app::PlanFormat::Xlsx;
        type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        extension = ".xlsx";
    } else if (!format.empty() && format != "json") {
        return site.message_page(response, &visitor, 400, "Sorry, that did not work",
                                 {"The plan downloads as json, csv or xlsx."});
    }
    auto document = site.services.plans.export_plan(chosen);
    if (!document) return store_failure(site, response, &visitor, document.error());
    response.set_header("Content-Disposition",
                        attachment("plan-" + site.services.clock.today().iso() + extension));
    response.set_content(*document, type);
}

// --- the editor's overview ------------------------------------------------------------------

std::string status_class(domain::MeasureStatus status) {
    switch (status) {
        case domain::MeasureStatus::Met: return "govuk-tag--green";
        case domain::MeasureStatus::PartlyMet: return "govuk-tag--yellow";
        case domain::MeasureStatus::NotMet: return "govuk-tag--red";
        case domain::MeasureStatus::NotAssessed: return "govuk-tag--grey";
    }
    return "govuk-tag--grey";
}

std::string evidence_count(std::size_t count) {
    if (count == 0) return "no evidence";
    return std::to_string(count) + (count == 1 ? " piece of evidence" : " pieces of evidence");
}

void editor_page(Site& site, Response& response, const Visitor& visitor) {
    if (!editor_only(site, response, visitor)) return;
    auto plan = stored_plan(site);
    if (!plan) {
        if (plan.error().kind == ErrorKind::NotFound) {
            response.set_redirect("/plan/start", 303);
            return;
        }
        return store_failure(site, response, &visitor, plan.error());
    }
    auto evidence = site.services.plans.evidence({});
    if (!evidence) return store_failure(site, response, &visitor, evidence.error());
    std::map<std::string, std::size_t> evidence_by_measure;
    for (const auto& entry : *evidence) ++evidence_by_measure[entry.measure];

    Data body;
    body.set("notice", maybe(site.notices.take(visitor.csrf_token, kEditor)));
    body.set("authority", plan->authority);
    body.set("title", plan->title);
    body.set("vision", maybe(plan->vision));
    const auto& inspection = plan->inspection;
    body.set("framework", inspection.framework);
    body.set("inspection_start", long_date(inspection.start));
    body.set("inspection_end", long_date(inspection.end));
    body.set("published", long_date(inspection.published));
    body.set("overall", inspection.overall ? sentence(std::string(domain::describe(*inspection.overall)))
                                           : std::string("Not graded"));
    List judgements;
    for (const auto& judgement : inspection.judgements) {
        Data row;
        row.set("area", judgement.area);
        row.set("grade", sentence(std::string(domain::describe(judgement.grade))));
        row.set("limiting", judgement.limiting);
        judgements.push_back(row);
    }
    body.set("judgements", judgements);

    List retired;
    auto add_retired = [&](PlanItem item, const std::string& id, const std::string& text,
                           const domain::Retirement& retirement) {
        Data row;
        row.set("kind", sentence(noun(item)));
        row.set("path", segment(item));
        row.set("id", id);
        row.set("text", text);
        row.set("on", long_date(retirement.on));
        row.set("by", retirement.by);
        row.set("reason", retirement.reason);
        retired.push_back(row);
    };

    List recommendations;
    for (const auto& recommendation : plan->recommendations) {
        if (recommendation.retired) {
            add_retired(PlanItem::Recommendation, recommendation.id, recommendation.text, *recommendation.retired);
            continue;
        }
        Data row;
        row.set("id", recommendation.id);
        row.set("category", std::string(domain::describe(recommendation.category)));
        row.set("text", recommendation.text);
        recommendations.push_back(row);
    }
    body.set("has_recommendations", !recommendations.empty());
    body.set("no_recommendations", recommendations.empty());
    body.set("recommendations", recommendations);

    List workstreams;
    for (const auto& workstream : plan->workstreams) {
        if (workstream.retired) {
            add_retired(PlanItem::Workstream, workstream.id, workstream.title, *workstream.retired);
            continue;
        }
        Data ws;
        ws.set("id", workstream.id);
        ws.set("title", workstream.title);
        ws.set("sponsor", workstream.sponsor);
        ws.set("lead", workstream.lead);
        List commitments;
        for (const auto& commitment : workstream.commitments) {
            if (commitment.retired) {
                add_retired(PlanItem::Commitment, commitment.id, commitment.text, *commitment.retired);
                continue;
            }
            Data cm;
            cm.set("id", commitment.id);
            cm.set("text", commitment.text);
            std::string ids;
            for (const auto& link : commitment.recommendations) ids += (ids.empty() ? "" : ", ") + link;
            cm.set("recommendation_ids", ids);
            cm.set("has_recommendations", !ids.empty());
            List measures;
            for (const auto& measure : commitment.measures) {
                if (measure.retired) {
                    add_retired(PlanItem::Measure, measure.id, measure.text, *measure.retired);
                    continue;
                }
                Data ms;
                ms.set("id", measure.id);
                ms.set("text", measure.text);
                ms.set("kind", std::string(domain::describe(measure.kind)));
                ms.set("indicator", maybe(measure.indicator.value_or("")));
                ms.set("target", maybe(measure.target ? percent_text(*measure.target) : std::string()));
                ms.set("status", std::string(domain::describe(measure.status)));
                ms.set("status_class", status_class(measure.status));
                ms.set("evidence_count", evidence_count(evidence_by_measure[measure.id]));
                measures.push_back(ms);
            }
            cm.set("measures", measures);
            List actions;
            for (const auto& action : commitment.actions) {
                if (action.retired) {
                    add_retired(PlanItem::Action, action.id, action.text, *action.retired);
                    continue;
                }
                Data ac;
                ac.set("id", action.id);
                ac.set("text", action.text);
                ac.set("lead", action.lead);
                ac.set("due", long_date(action.due));
                ac.set("rescheduled", action.rescheduled());
                ac.set("original_due", long_date(action.original_due));
                actions.push_back(ac);
            }
            cm.set("actions", actions);
            commitments.push_back(cm);
        }
        ws.set("commitments", commitments);
        workstreams.push_back(ws);
    }
    body.set("workstreams", workstreams);
    body.set("no_workstreams", workstreams.empty());
    body.set("retired", retired);
    body.set("has_retired", !retired.empty());
    body.set("no_retired", retired.empty());
    response.set_content(site.page(&visitor, "plan", "Edit the plan", "plan_editor", body), kHtml);
}

// --- a success measure, its status and evidence -------------------------------------------------

std::string file_size_text(std::int64_t size) {
    if (size < 1024) return std::to_string(size) + " bytes";
    if (size < 1024 * 1024) return std::to_string((size + 512) / 1024) + " KB";
    const double megabytes = static_cast<double>(size) / (1024.0 * 1024.0);
    return number_text(static_cast<double>(static_cast<long long>(megabytes * 10.0 + 0.5)) / 10.0) + " MB";
}

// "PDF", "DOCX", ... for a stored file's content type.
std::string kind_name(const std::string& content_type) {
    if (content_type == "application/pdf") return "PDF";
    if (content_type == "image/png") return "PNG";
    if (content_type == "image/jpeg") return "JPEG";
    if (content_type.find("wordprocessingml") != std::string::npos) return "DOCX";
    if (content_type.find("spreadsheetml") != std::string::npos) return "XLSX";
    return "file";
}

struct MeasureForm {
    std::vector<FieldError> errors;
    Values values;
    std::optional<DateProblem> on_problem;
};

void measure_page(Site& site, Response& response, const Visitor& visitor, const std::string& id,
                  int status, const MeasureForm& submitted = {}) {
    auto plan = stored_plan(site);
    if (!plan) return store_failure(site, response, &visitor, plan.error());
    const auto place = domain::find_item(*plan, PlanItem::Measure, id);
    if (place.measure == nullptr || (place.out_of_plan(PlanItem::Measure) && !may_edit(visitor))) {
        return site.message_page(response, &visitor, 404, "Page not found",
                                 {"There is no success measure " + id + " in the plan."});
    }
    const auto& measure = *place.measure;
    auto evidence = site.services.plans.evidence(id);
    if (!evidence) return store_failure(site, response, &visitor, evidence.error());

    Data body;
    body.set("notice", maybe(site.notices.take(visitor.csrf_token, "/plan/measures/" + id)));
    body.set("id", id);
    body.set("text", measure.text);
    body.set("commitment_id", place.commitment->id);
    body.set("commitment", place.commitment->text);
    body.set("kind", std::string(domain::describe(measure.kind)));
    if (measure.indicator) {
        Data indicator;
        indicator.set("key", *measure.indicator);
        const auto* definition = domain::find_indicator(*measure.indicator);
        indicator.set("title", definition ? std::string(definition->title) : *measure.indicator);
        body.set("indicator", indicator);
    }
    body.set("target", maybe(measure.target ? percent_text(*measure.target) : std::string()));
    body.set("status", std::string(domain::describe(measure.status)));
    body.set("status_class", status_class(measure.status));
    body.set("status_set", !measure.status_by.empty());
    body.set("status_by", measure.status_by);
    if (auto on = domain::Date::parse_iso(measure.status_at.substr(0, 10))) {
        body.set("status_on", long_date(*on));
    }
    if (measure.retired) {
        body.set("retired", true);
        body.set("retired_on", long_date(measure.retired->on));
        body.set("retired_by", measure.retired->by);
        body.set("retired_reason", measure.retired->reason);
    }
    const bool in_plan = !place.out_of_plan(PlanItem::Measure);
    body.set("may_edit", may_edit(visitor) && in_plan);
    body.set("may_add", in_plan && domain::may_add_evidence(visitor.person, *place.commitment));
    body.set("version", std::to_string(measure.version));
    body.set("csrf_token", visitor.csrf_token);
    List statuses;
    for (const auto option : {domain::MeasureStatus::NotAssessed, domain::MeasureStatus::NotMet,
                              domain::MeasureStatus::PartlyMet, domain::MeasureStatus::Met}) {
        Data item;
        item.set("value", std::string(domain::to_string(option)));
        item.set("label", std::string(domain::describe(option)));
        item.set("selected", option == measure.status);
        statuses.push_back(item);
    }
    body.set("statuses", statuses);

    List entries;
    for (const auto& entry : *evidence) {
        Data row;
        row.set("id", std::to_string(entry.id));
        row.set("on", long_date(entry.on));
        row.set("by", entry.by);
        row.set("text", entry.text);
        row.set("link", maybe(entry.link.value_or("")));
        if (entry.file) {
            Data file;
            file.set("name", entry.file->name);
            file.set("kind", kind_name(entry.file->content_type));
            file.set("size", file_size_text(entry.file->size));
            file.set("sha256", entry.file->sha256);
            file.set("id", std::to_string(entry.id));
            row.set("file", file);
        }
        row.set("recorded_by", entry.recorded_by);
        if (auto on = domain::Date::parse_iso(entry.recorded_at.substr(0, 10))) {
            row.set("recorded_on", long_date(*on));
        }
        entries.push_back(row);
    }
    body.set("evidence", entries);
    body.set("has_evidence", !entries.empty());
    body.set("no_evidence", entries.empty());

    std::vector<FieldError> linked;
    for (const auto& error : submitted.errors) {
        const std::string target = error.field == "on" ? "on-day" : error.field == "status" ? "status-not_assessed" : error.field;
        linked.push_back({target, error.message});
        body.set(error.field + "_error", error.message);
    }
    body.set("errors", errors_data(linked));
    body.set("has_errors", !linked.empty());
    body.set("text_value", one(submitted.values, "text"));
    body.set("link_value", one(submitted.values, "link"));
    const DateParts on_parts = submitted.values.empty() ? date_parts(site.services.clock.today())
                                                        : parts_of(submitted.values, "on");
    body.set("on_input", render_date_input(site.templates,
                                           DateInput{"on", "Date of the evidence", "The day it is from, for example the audit's date"},
                                           on_parts, submitted.on_problem));
    response.status = status;
    response.set_content(site.page(&visitor, "plan", measure.text, "measure", body, !linked.empty()), kHtml);
}

void post_status(Site& site, const Request& request, Response& response, const Visitor& visitor,
                 const std::string& id) {
    if (!editor_only(site, response, visitor)) return;
    if (!form_allowed(site, request, response, visitor)) return;
    const Values values = values_from(request);
    const auto chosen = domain::parse_measure_status(one(values, "status"));
    if (!chosen) {
        return measure_page(site, response, visitor, id, 400,
                            MeasureForm{{{"status", "Choose whether the measure is met"}}, {}, {}});
    }
    const int version = version_of(values).value_or(-1);
    domain::MeasureFields fields;
    fields.status = *chosen;
    auto changed = site.services.plans.change(
        [&](const Plan& current, const domain::EditBy& by) {
            return domain::change_measure(current, id, version, fields, by);
        },
        visitor.person.name);
    if (!changed) {
        const auto& error = changed.error();
        if (error.kind == ErrorKind::Unavailable || error.kind == ErrorKind::NotFound) {
            return store_failure(site, response, &visitor, error);
        }
        return measure_page(site, response, visitor, id, error.kind == ErrorKind::Conflict ? 409 : 400,
                            MeasureForm{{{"status", sentence(error.message)}}, {}, {}});
    }
    done(site, response, visitor,
         "The status of " + id + " is now " + std::string(domain::describe(*chosen)) + ".",
         "/plan/measures/" + id, "");
}

void post_evidence(Site& site, const Request& request, Response& response, const Visitor& visitor,
                   const std::string& id) {
    if (!form_allowed(site, request, response, visitor)) return;
    Values values = values_from(request);
    MeasureForm form;
    form.values = values;
    std::map<std::string, DateProblem> problems;
    read_date_field(values, "on", "The date of the evidence", true, form.errors, problems);
    if (problems.count("on")) form.on_problem = problems.at("on");
    std::string content;
    std::string file_name;
    if (request.has_file("file")) {
        const auto file = request.get_file_value("file");
        content = file.content;
        file_name = file.filename;
        if (content.size() > domain::kMaximumEvidenceFile) {
            form.errors.push_back({"file", "The file must be smaller than 10 MB"});
            return measure_page(site, response, visitor, id, 413, form);
        }
        if (content.empty() && !file_name.empty()) {
            form.errors.push_back({"file", "The file " + file_name + " is empty"});
        }
    }
    if (!form.errors.empty()) return measure_page(site, response, visitor, id, 400, form);
    app::EvidenceRequest evidence{*date_of(values, "on"), one(values, "text"), one(values, "link"), file_name};
    auto added = site.services.plans.add_evidence(id, evidence, content, visitor.person);
    if (!added) {
        const auto& error = added.error();
        if (error.kind == ErrorKind::Forbidden) return forbidden(site, response, visitor, sentence(error.message));
        if (error.kind == ErrorKind::Unavailable || error.kind == ErrorKind::NotFound) {
            return store_failure(site, response, &visitor, error);
        }
        form.errors.push_back({error.field.empty() ? "text" : error.field, sentence(error.message)});
        if (error.field == "on") form.on_problem = DateProblem{sentence(error.message), true, true, true};
        return measure_page(site, response, visitor, id, error.kind == ErrorKind::Conflict ? 409 : 400, form);
    }
    done(site, response, visitor, "Your evidence has been added to " + id + ".", "/plan/measures/" + id,
         "evidence-" + std::to_string(added->id));
}

void evidence_file(Site& site, const Request& request, Response& response, const Visitor& visitor) {
    std::int64_t id = 0;
    const std::string text = request.matches[1].str();
    std::from_chars(text.data(), text.data() + text.size(), id);
    auto found = site.services.plans.evidence_file(id);
    if (!found) return store_failure(site, response, &visitor, found.error());
    const auto& file = *found->evidence.file;
    response.set_header("Content-Disposition", attachment(file.name));
    response.set_content(found->content, file.content_type);
}

constexpr const char* kId = "([A-Za-z0-9._-]+)";

}  // namespace

void add_plan_pages(httplib::Server& server, Site& site) {
    const std::string id = kId;
    server.Get(kEditor, signed_in(site, [&site](const Request&, Response& response, const Visitor& visitor) {
                   editor_page(site, response, visitor);
               }));
    server.Get("/plan/download", signed_in(site, [&site](const Request& request, Response& response,
                                                         const Visitor& visitor) {
                   download(site, request, response, visitor);
               }));
    for (const bool posted : {false, true}) {
        auto route = [&](const std::string& pattern, auto handler) {
            auto wrapped = signed_in(site, [handler, posted](const Request& request, Response& response,
                                                            const Visitor& visitor) {
                handler(request, response, visitor, posted);
            });
            if (posted) {
                post(server, site, pattern, wrapped);
            } else {
                server.Get(pattern, wrapped);
            }
        };
        route("/plan/start", [&site](const Request& r, Response& s, const Visitor& v, bool p) {
            start_form(site, r, s, v, p);
        });
        route("/plan/details", [&site](const Request& r, Response& s, const Visitor& v, bool p) {
            details_form(site, r, s, v, p);
        });
        route("/plan/inspection", [&site](const Request& r, Response& s, const Visitor& v, bool p) {
            inspection_page(site, r, s, v, p);
        });
        route("/plan/recommendations/new", [&site](const Request& r, Response& s, const Visitor& v, bool p) {
            item_form(site, r, s, v, PlanItem::Recommendation, {}, {}, p);
        });
        route("/plan/workstreams/new", [&site](const Request& r, Response& s, const Visitor& v, bool p) {
            item_form(site, r, s, v, PlanItem::Workstream, {}, {}, p);
        });
        route("/plan/workstreams/" + id + "/commitments/new",
              [&site](const Request& r, Response& s, const Visitor& v, bool p) {
                  item_form(site, r, s, v, PlanItem::Commitment, {}, r.matches[1].str(), p);
              });
        route("/plan/commitments/" + id + "/measures/new",
              [&site](const Request& r, Response& s, const Visitor& v, bool p) {
                  item_form(site, r, s, v, PlanItem::Measure, {}, r.matches[1].str(), p);
              });
        route("/plan/commitments/" + id + "/actions/new",
              [&site](const Request& r, Response& s, const Visitor& v, bool p) {
                  item_form(site, r, s, v, PlanItem::Action, {}, r.matches[1].str(), p);
              });
        route("/plan/(recommendations|workstreams|commitments|measures|actions)/" + id + "/edit",
              [&site](const Request& r, Response& s, const Visitor& v, bool p) {
                  item_form(site, r, s, v, *item_of_segment(r.matches[1].str()), r.matches[2].str(), {}, p);
              });
        route("/plan/(recommendations|workstreams|commitments|measures|actions)/" + id + "/(retire|restore)",
              [&site](const Request& r, Response& s, const Visitor& v, bool p) {
                  retirement_form(site, r, s, v, *item_of_segment(r.matches[1].str()), r.matches[2].str(),
                                  r.matches[3].str() == "retire", p);
              });
    }
    server.Get("/plan/measures/" + id, signed_in(site, [&site](const Request& request, Response& response,
                                                                const Visitor& visitor) {
                   measure_page(site, response, visitor, request.matches[1].str(), 200);
               }));
    post(server, site, "/plan/measures/" + id + "/status",
         signed_in(site, [&site](const Request& request, Response& response, const Visitor& visitor) {
             post_status(site, request, response, visitor, request.matches[1].str());
         }));
    write_route(server, site, WriteMethod::Post, "/plan/measures/" + id + "/evidence",
                signed_in(site, [&site](const Request& request, Response& response, const Visitor& visitor) {
                    post_evidence(site, request, response, visitor, request.matches[1].str());
                }),
                BodyLimit{kMaximumUpload, true});
    write_route(server, site, WriteMethod::Post, "/plan/upload",
                signed_in(site, [&site](const Request& request, Response& response, const Visitor& visitor) {
                    upload_page(site, request, response, visitor, true);
                }),
                BodyLimit{kMaximumUpload, true});
    server.Get("/plan/upload", signed_in(site, [&site](const Request& request, Response& response,
                                                       const Visitor& visitor) {
                   upload_page(site, request, response, visitor, false);
               }));
    server.Get(R"(/evidence/([0-9]+)/file)", signed_in(site, [&site](const Request& request, Response& response,
                                                                     const Visitor& visitor) {
                   evidence_file(site, request, response, visitor);
               }));
}

}  // namespace csip::http
