// The API for changing the plan, under /api/v1 (documented in openapi.json): the plan as a whole,
// its inspection, each recommendation, workstream, commitment, success measure and action, and
// the evidence behind a success measure. Requests and errors are as in api.cpp (api.hpp).
//
// Changing the plan through the API
//
//  - Read first. Every GET of an item (and of the inspection) gives its "version"; a change
//    (PATCH, or POST .../retire and .../restore) names the version it was made from. When the
//    item has changed since, the change is refused with 409 {"error": {"code": "conflict",
//    "field": "version", ...}, "current": the item as it now is}: look at it, and send the
//    change again with the new version. Nothing is ever overwritten unseen.
//  - Add an item by POSTing its fields to the list it joins (201 with the new item, its id and
//    version, and its address in Location); change one by PATCHing only the fields that change.
//    A commitment moves by a PATCH of "workstream", an action by one of "commitment", and a
//    workstream takes its place in the order by "position". A new due date needs a "reason",
//    and "confirm_past": "yes" when it is before today.
//  - Items are retired with a reason, never deleted, and can be restored. Lists give the items
//    in the plan; ?include=retired adds the retired ones. A retired item takes no change (409)
//    until it is restored.
//  - PUT /plan replaces the whole plan with a csip-plan/1 document, read and checked as
//    `csip plan import` reads a file: every problem is listed (file:line:column) and nothing is
//    changed. GET /plan?format=csv or xlsx downloads the plan.
//  - Editors and administrators change the plan; viewers and leads read it. Anyone who may
//    read the plan reads its evidence; an editor adds evidence to any success measure, a lead to
//    the measures of a commitment holding an action they lead. Evidence comes as JSON or as
//    multipart/form-data with a `file` (a PDF, DOCX, XLSX, PNG or JPEG of at most 10 MB, known by
//    its content); the file is given back byte for byte, with its SHA-256 in the listing.
//  - Members a body may not have are refused (400, naming the member), as are members of the
//    wrong type; a write by session cookie needs the page's CSRF token in X-CSRF-Token.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <set>
#include <string_view>
#include <vector>

#include "domain/evidence.hpp"
#include "domain/plan_edit.hpp"
#include "http/api.hpp"
#include "http/site.hpp"

namespace csip::http {
namespace {

using domain::PlanItem;
using httplib::Request;
using httplib::Response;
using Json = nlohmann::ordered_json;

constexpr const char* kJson = "application/json";
// An item's id in a route, as the actions' routes of api.cpp take it.
constexpr const char* kId = "([A-Za-z0-9._-]+)";

std::string dump(const Json& json) {
    return json.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

// --- Answers --------------------------------------------------------------------------------

Json error_json(std::string_view code, const std::string& message, const std::string& field) {
    Json error;
    error["code"] = std::string(code);
    error["message"] = message;
    if (!field.empty()) error["field"] = field;
    Json body;
    body["error"] = std::move(error);
    return body;
}

void send_json(Response& response, int status, const Json& body) {
    response.status = status;
    response.set_content(dump(body), kJson);
}

// What every write that succeeded leaves behind: the pages read the plan again.
void plan_changed(Site& site) {
    site.plans.invalidate();
    site.dashboard.forget();
}

// --- Who asks --------------------------------------------------------------------------------

// A write whose rights the service judges itself (evidence).
httplib::Server::Handler writing(Site& site, ApiHandler handler) {
    return authenticated(site,
                         [handler = std::move(handler)](const Request& request, Response& response,
                                                        const Visitor& visitor) {
                             if (!csrf_shown(request, response, visitor)) return;
                             handler(request, response, visitor);
                         });
}

// A change to the plan: editors and administrators only.
httplib::Server::Handler editing(Site& site, ApiHandler handler) {
    return writing(site, [handler = std::move(handler)](const Request& request, Response& response,
                                                        const Visitor& visitor) {
        if (!domain::has_right(visitor.person.role, domain::Right::EditPlan)) {
            return send_error(response, 403, "forbidden",
                              visitor.person.name +
                                  " may not change the plan: an editor or an "
                                  "administrator may (a lead updates their actions with POST "
                                  "/api/v1/actions/{id}/updates)");
        }
        handler(request, response, visitor);
    });
}

// --- Reading a body --------------------------------------------------------------------------

// The members of one JSON object, read one by one: each reader gives the member's value, or
// nothing when it is absent (or null, where null means nothing), and keeps the first problem (a
// member that is not allowed, of the wrong type or not one of its words), naming the member.
class Members {
  public:
    Members(const Json& object, std::vector<std::string_view> allowed, std::string prefix = {})
        : m_object(object), m_prefix(std::move(prefix)) {
        for (const auto& [key, value] : object.items()) {
            if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
            std::string names;
            for (std::size_t i = 0; i < allowed.size(); ++i) {
                names += (i == 0                    ? ""
                          : i + 1 == allowed.size() ? " and "
                                                    : ", ") +
                         std::string(allowed[i]);
            }
            refuse(key, "\"" + m_prefix + key + "\" is not a member here; give " + names);
            break;
        }
    }

    [[nodiscard]] const std::optional<Error>& error() const { return m_error; }
    [[nodiscard]] bool has(const char* key) const { return value(key) != nullptr; }

    // Keeps a problem with member `key` (the first only).
    void refuse(const std::string& key, std::string message) {
        if (!m_error) m_error = Error{ErrorKind::InvalidInput, std::move(message), m_prefix + key};
    }
    void require(const char* key, const std::string& what) {
        if (!has(key)) refuse(key, "give \"" + m_prefix + key + "\": " + what);
    }

    std::optional<std::string> text(const char* key) {
        const Json* found = value(key);
        if (found == nullptr) return std::nullopt;
        if (!found->is_string()) return wrong(key, "text (a JSON string)");
        return found->get<std::string>();
    }

    // Text, where null (or "") clears the member: an empty string then.
    std::optional<std::string> text_or_null(const char* key) {
        const auto found = m_object.find(key);
        if (found != m_object.end() && found->is_null()) return std::string();
        return text(key);
    }

    std::optional<domain::Date> date(const char* key) {
        const auto written = text(key);
        if (!written) return std::nullopt;
        auto date = domain::Date::parse_iso(*written);
        if (!date) {
            refuse(key, "\"" + m_prefix + key + "\" '" + *written +
                            "' is not a date; write it as YYYY-MM-DD");
        }
        return date;
    }

    std::optional<std::int64_t> integer(const char* key) {
        const Json* found = value(key);
        if (found == nullptr) return std::nullopt;
        if (!found->is_number_integer()) return wrong(key, "a whole number");
        return found->get<std::int64_t>();
    }

    // A number, where null clears the member: nothing inside then.
    std::optional<std::optional<double>> number_or_null(const char* key) {
        const auto found = m_object.find(key);
        if (found == m_object.end()) return std::nullopt;
        if (found->is_null()) return std::optional<double>();
        if (!found->is_number()) return wrong(key, "a number (or null)");
        return std::optional<double>(found->get<double>());
    }

    std::optional<bool> boolean(const char* key) {
        const Json* found = value(key);
        if (found == nullptr) return std::nullopt;
        if (!found->is_boolean()) return wrong(key, "true or false");
        return found->get<bool>();
    }

    std::optional<std::vector<std::string>> texts(const char* key) {
        const Json* found = value(key);
        if (found == nullptr) return std::nullopt;
        if (!found->is_array()) return wrong(key, "a list of ids, [\"...\"]");
        std::vector<std::string> out;
        for (const auto& item : *found) {
            if (!item.is_string()) return wrong(key, "a list of ids, [\"...\"]");
            out.push_back(item.get<std::string>());
        }
        return out;
    }

    // One of a set of words: `parse` reads them, `choices` says them.
    template <typename Word>
    std::optional<Word> word(const char* key, std::optional<Word> (*parse)(std::string_view),
                             std::string_view choices) {
        const auto written = text(key);
        if (!written) return std::nullopt;
        const auto read = parse(*written);
        if (!read) {
            refuse(key, "\"" + m_prefix + key + "\" '" + *written + "' is not one of " +
                            std::string(choices));
        }
        return read;
    }

    // The version a change was made from: required.
    int version() {
        require("version",
                "the version of the item you changed, as its GET gave it, so that a "
                "change made since is not overwritten");
        const auto given = integer("version");
        if (given && (*given < 1 || *given > 1'000'000'000)) {
            refuse("version", "\"version\" is a whole number from 1, as the item's GET gives it");
        }
        return given ? static_cast<int>(*given) : 0;
    }

    // "confirm_past": "yes", or absent.
    bool confirmed_past() {
        const auto confirm = text("confirm_past");
        if (confirm && *confirm != "yes") {
            refuse("confirm_past",
                   "confirm_past is \"yes\" (a due date before today is meant), or left out");
        }
        return confirm.has_value() && *confirm == "yes";
    }

  private:
    // The member, or null when it is absent or JSON null.
    [[nodiscard]] const Json* value(const char* key) const {
        const auto found = m_object.find(key);
        if (found == m_object.end() || found->is_null()) return nullptr;
        return &*found;
    }
    std::nullopt_t wrong(const char* key, std::string_view type) {
        refuse(key, "\"" + m_prefix + key + "\" must be " + std::string(type));
        return std::nullopt;
    }

    const Json& m_object;
    std::string m_prefix;
    std::optional<Error> m_error;
};

// --- Items as JSON ---------------------------------------------------------------------------

std::string word(auto value) { return std::string(domain::to_string(value)); }

// A whole number is written as one (85, not 85.0), as csip-plan/1 writes a target.
Json number(double value) {
    constexpr double kExactIntegers = 9007199254740992.0;  // 2^53
    if (std::trunc(value) == value && std::fabs(value) < kExactIntegers) {
        return Json(static_cast<std::int64_t>(value));
    }
    return Json(value);
}

Json text_or_null(const std::string& text) { return text.empty() ? Json(nullptr) : Json(text); }

Json retired_json(const std::optional<domain::Retirement>& retired) {
    if (!retired) return nullptr;
    Json out;
    out["on"] = retired->on.iso();
    out["by"] = retired->by;
    out["reason"] = retired->reason;
    return out;
}

// Whether a list shows an item: those in the plan, and the retired ones when asked for.
bool shown(const std::optional<domain::Retirement>& retired, bool include_retired) {
    return include_retired || !retired;
}

Json recommendation_json(const domain::Recommendation& recommendation) {
    Json out;
    out["id"] = recommendation.id;
    out["category"] = word(recommendation.category);
    out["text"] = recommendation.text;
    out["version"] = recommendation.version;
    out["retired"] = retired_json(recommendation.retired);
    return out;
}

Json workstream_json(const domain::Plan& plan, const domain::Workstream& workstream,
                     bool include_retired) {
    Json out;
    out["id"] = workstream.id;
    out["title"] = workstream.title;
    out["sponsor"] = workstream.sponsor;
    out["lead"] = workstream.lead;
    out["position"] = &workstream - plan.workstreams.data() + 1;
    out["version"] = workstream.version;
    out["retired"] = retired_json(workstream.retired);
    out["commitments"] = Json::array();
    for (const auto& commitment : workstream.commitments) {
        if (shown(commitment.retired, include_retired)) out["commitments"].push_back(commitment.id);
    }
    return out;
}

Json commitment_json(const domain::Plan& plan, const domain::Workstream& workstream,
                     const domain::Commitment& commitment, bool include_retired) {
    Json out;
    out["id"] = commitment.id;
    out["workstream"] = workstream.id;
    out["text"] = commitment.text;
    out["recommendations"] = Json::array();
    for (const auto& link : commitment.recommendations) {
        const auto* recommendation =
            domain::find_item(plan, PlanItem::Recommendation, link).recommendation;
        if (recommendation != nullptr && shown(recommendation->retired, include_retired)) {
            out["recommendations"].push_back(link);
        }
    }
    out["version"] = commitment.version;
    out["retired"] = retired_json(commitment.retired);
    out["measures"] = Json::array();
    for (const auto& measure : commitment.measures) {
        if (shown(measure.retired, include_retired)) out["measures"].push_back(measure.id);
    }
    out["actions"] = Json::array();
    for (const auto& action : commitment.actions) {
        if (shown(action.retired, include_retired)) out["actions"].push_back(action.id);
    }
    return out;
}

Json measure_json(const domain::Commitment& commitment, const domain::SuccessMeasure& measure) {
    Json out;
    out["id"] = measure.id;
    out["commitment"] = commitment.id;
    out["kind"] = word(measure.kind);
    out["text"] = measure.text;
    out["indicator"] = measure.indicator ? Json(*measure.indicator) : Json(nullptr);
    out["target"] = measure.target ? number(*measure.target) : Json(nullptr);
    out["status"] = word(measure.status);
    out["status_by"] = text_or_null(measure.status_by);
    out["status_at"] = text_or_null(measure.status_at);
    out["version"] = measure.version;
    out["retired"] = retired_json(measure.retired);
    return out;
}

Json action_json(const domain::Commitment& commitment, const domain::Action& action) {
    Json out;
    out["id"] = action.id;
    out["commitment"] = commitment.id;
    out["text"] = action.text;
    out["lead"] = action.lead;
    out["due"] = action.due.iso();
    out["original_due"] = action.original_due.iso();
    out["rescheduled"] = action.rescheduled();
    out["status"] = word(action.status);
    out["rag"] = action.rag ? Json(word(*action.rag)) : Json(nullptr);
    out["version"] = action.version;
    out["retired"] = retired_json(action.retired);
    return out;
}

Json inspection_json(const domain::Inspection& inspection) {
    Json out;
    out["framework"] = inspection.framework;
    out["start"] = inspection.start.iso();
    out["end"] = inspection.end.iso();
    out["published"] = inspection.published.iso();
    out["judgements"] = Json::array();
    for (const auto& judgement : inspection.judgements) {
        Json entry;
        entry["area"] = judgement.area;
        entry["grade"] = word(judgement.grade);
        entry["limiting"] = judgement.limiting;
        out["judgements"].push_back(std::move(entry));
    }
    out["overall"] = inspection.overall ? Json(word(*inspection.overall)) : Json(nullptr);
    out["version"] = inspection.version;
    return out;
}

// The item `id` of kind `item` as its GET gives it, or nothing when the plan has no such item.
std::optional<Json> item_json(const domain::Plan& plan, PlanItem item, std::string_view id,
                              bool include_retired) {
    const auto place = domain::find_item(plan, item, id);
    switch (item) {
        case PlanItem::Recommendation:
            if (place.recommendation != nullptr) return recommendation_json(*place.recommendation);
            break;
        case PlanItem::Workstream:
            if (place.workstream != nullptr) {
                return workstream_json(plan, *place.workstream, include_retired);
            }
            break;
        case PlanItem::Commitment:
            if (place.commitment != nullptr) {
                return commitment_json(plan, *place.workstream, *place.commitment, include_retired);
            }
            break;
        case PlanItem::Measure:
            if (place.measure != nullptr) return measure_json(*place.commitment, *place.measure);
            break;
        case PlanItem::Action:
            if (place.action != nullptr) return action_json(*place.commitment, *place.action);
            break;
    }
    return std::nullopt;
}

Json evidence_json(const domain::Evidence& evidence) {
    Json out;
    out["id"] = evidence.id;
    out["measure"] = evidence.measure;
    out["on"] = evidence.on.iso();
    out["text"] = evidence.text;
    out["by"] = evidence.by;
    out["link"] = evidence.link ? Json(*evidence.link) : Json(nullptr);
    if (evidence.file) {
        Json file;
        file["name"] = evidence.file->name;
        file["content_type"] = evidence.file->content_type;
        file["size"] = evidence.file->size;
        file["sha256"] = evidence.file->sha256;
        file["href"] = "/api/v1/evidence/" + std::to_string(evidence.id) + "/file";
        out["file"] = std::move(file);
    } else {
        out["file"] = nullptr;
    }
    out["recorded_at"] = evidence.recorded_at;
    out["recorded_by"] = evidence.recorded_by;
    return out;
}

// --- The kinds of item -----------------------------------------------------------------------

// Where each kind lives under /api/v1, and what a list of them is called.
std::string collection(PlanItem item) {
    switch (item) {
        case PlanItem::Recommendation:
            return "recommendations";
        case PlanItem::Workstream:
            return "workstreams";
        case PlanItem::Commitment:
            return "commitments";
        case PlanItem::Measure:
            return "measures";
        case PlanItem::Action:
            return "actions";
    }
    return {};
}

std::string item_path(PlanItem item, const std::string& id) {
    return "/api/v1/" + collection(item) + "/" + id;
}

constexpr const char* kCategories = "priority or improvement";
constexpr const char* kKinds = "measured, monitored, observed or established";
constexpr const char* kStatuses = "not_assessed, not_met, partly_met or met";
constexpr const char* kGrades = "outstanding, good, requires_improvement or inadequate";

// The members a body adding (or, with "version", changing) an item of each kind may have.
std::vector<std::string_view> members_of(PlanItem item, bool change) {
    std::vector<std::string_view> members;
    switch (item) {
        case PlanItem::Recommendation:
            members = {"category", "text"};
            break;
        case PlanItem::Workstream:
            members = {"title", "sponsor", "lead"};
            if (change) members.push_back("position");
            break;
        case PlanItem::Commitment:
            members = {"text", "recommendations"};
            if (change) members.push_back("workstream");
            break;
        case PlanItem::Measure:
            members = {"kind", "text", "indicator", "target"};
            if (change) members.push_back("status");
            break;
        case PlanItem::Action:
            members = {"text", "lead", "due", "confirm_past"};
            if (change) members.insert(members.end(), {"reason", "commitment"});
            break;
    }
    if (change) members.push_back("version");
    return members;
}

domain::RecommendationFields recommendation_fields(Members& body) {
    domain::RecommendationFields fields;
    fields.category = body.word("category", &domain::parse_recommendation_category, kCategories);
    fields.text = body.text("text");
    return fields;
}

domain::WorkstreamFields workstream_fields(Members& body) {
    domain::WorkstreamFields fields;
    fields.title = body.text("title");
    fields.sponsor = body.text("sponsor");
    fields.lead = body.text("lead");
    if (const auto position = body.integer("position")) {
        if (*position < 1 || *position > 100000) {
            body.refuse("position", "\"position\" is the workstream's place in the plan, from 1");
        } else {
            fields.position = static_cast<std::size_t>(*position);
        }
    }
    return fields;
}

domain::CommitmentFields commitment_fields(Members& body) {
    domain::CommitmentFields fields;
    fields.text = body.text("text");
    fields.recommendations = body.texts("recommendations");
    fields.workstream = body.text("workstream");
    return fields;
}

// Adding, a null indicator or target is one not given; changing, it clears the one there is.
domain::MeasureFields measure_fields(Members& body, bool change) {
    domain::MeasureFields fields;
    fields.kind = body.word("kind", &domain::parse_measure_kind, kKinds);
    fields.text = body.text("text");
    fields.indicator = change ? body.text_or_null("indicator") : body.text("indicator");
    fields.target = body.number_or_null("target");
    if (!change && fields.target && !*fields.target) fields.target.reset();
    fields.status = body.word("status", &domain::parse_measure_status, kStatuses);
    return fields;
}

domain::ActionFields action_fields(Members& body) {
    domain::ActionFields fields;
    fields.text = body.text("text");
    fields.lead = body.text("lead");
    fields.due = body.date("due");
    fields.commitment = body.text("commitment");
    fields.reason = body.text("reason").value_or("");
    fields.confirm_past_due = body.confirmed_past();
    return fields;
}

// The change of item `id` a body asks for, as an edit of the plan.
app::PlanService::Edit change_edit(PlanItem item, Members& body, const std::string& id) {
    const int version = body.version();
    switch (item) {
        case PlanItem::Recommendation:
            return [id, version, fields = recommendation_fields(body)](const domain::Plan& plan,
                                                                       const domain::EditBy& by) {
                return domain::change_recommendation(plan, id, version, fields, by);
            };
        case PlanItem::Workstream:
            return [id, version, fields = workstream_fields(body)](const domain::Plan& plan,
                                                                   const domain::EditBy& by) {
                return domain::change_workstream(plan, id, version, fields, by);
            };
        case PlanItem::Commitment:
            return [id, version, fields = commitment_fields(body)](const domain::Plan& plan,
                                                                   const domain::EditBy& by) {
                return domain::change_commitment(plan, id, version, fields, by);
            };
        case PlanItem::Measure:
            return [id, version, fields = measure_fields(body, true)](const domain::Plan& plan,
                                                                      const domain::EditBy& by) {
                return domain::change_measure(plan, id, version, fields, by);
            };
        case PlanItem::Action:
            return [id, version, fields = action_fields(body)](const domain::Plan& plan,
                                                               const domain::EditBy& by) {
                return domain::change_action(plan, id, version, fields, by);
            };
    }
    return {};
}

// The addition a body asks for under `parent` (a workstream for a commitment, a commitment for a
// measure or an action; none for the others), as an edit of the plan.
app::PlanService::Edit add_edit(PlanItem item, Members& body, const std::string& parent) {
    switch (item) {
        case PlanItem::Recommendation:
            return [fields = recommendation_fields(body)](const domain::Plan& plan,
                                                          const domain::EditBy& by) {
                return domain::add_recommendation(plan, fields, by);
            };
        case PlanItem::Workstream:
            return [fields = workstream_fields(body)](const domain::Plan& plan,
                                                      const domain::EditBy& by) {
                return domain::add_workstream(plan, fields, by);
            };
        case PlanItem::Commitment:
            return [parent, fields = commitment_fields(body)](const domain::Plan& plan,
                                                              const domain::EditBy& by) {
                return domain::add_commitment(plan, parent, fields, by);
            };
        case PlanItem::Measure:
            return [parent, fields = measure_fields(body, false)](const domain::Plan& plan,
                                                                  const domain::EditBy& by) {
                return domain::add_measure(plan, parent, fields, by);
            };
        case PlanItem::Action:
            return [parent, fields = action_fields(body)](const domain::Plan& plan,
                                                          const domain::EditBy& by) {
                return domain::add_action(plan, parent, fields, by);
            };
    }
    return {};
}

// --- Handlers --------------------------------------------------------------------------------

// ?include=retired, or nothing.
Result<bool> include_retired(const Request& request) {
    if (!request.has_param("include")) return false;
    const std::string include = request.get_param_value("include");
    if (include == "retired") return true;
    return fail(ErrorKind::InvalidInput,
                "include '" + include + "' is not known: give include=retired, or leave it out",
                "include");
}

// Answers a change of the plan: the item as it became, or the refusal; a conflict also carries
// the item as it now is, so that the client can see what changed.
void answer_change(Site& site, const Request& request, Response& response, PlanItem item,
                   const std::string& id, const Result<app::PlanChangeOutcome>& changed,
                   int status) {
    const auto asked = include_retired(request);
    const bool include = asked && *asked;
    if (changed) {
        plan_changed(site);
        const auto body = item_json(changed->plan, item, changed->id, include);
        if (status == 201) response.set_header("Location", item_path(item, changed->id));
        return send_json(response, status, body.value_or(Json::object()));
    }
    const Error& error = changed.error();
    if (error.kind != ErrorKind::Conflict) return send_failure(response, error);
    Json body = error_json("conflict", error.message, error.field);
    if (auto plan = site.services.plans.stored_plan()) {
        if (auto current = item_json(*plan, item, id, include))
            body["current"] = std::move(*current);
    }
    send_json(response, 409, body);
}

void get_item(Site& site, PlanItem item, const Request& request, Response& response) {
    const auto include = include_retired(request);
    if (!include) return send_failure(response, include.error());
    auto plan = site.services.plans.stored_plan();
    if (!plan) return send_failure(response, plan.error());
    const std::string id = request.matches[1].str();
    const auto body = item_json(*plan, item, id, *include);
    if (!body) {
        return send_error(
            response, 404, "not_found",
            "there is no " + std::string(domain::to_string(item)) + " '" + id + "' in the plan",
            "id");
    }
    send_json(response, 200, *body);
}

void change_item(Site& site, PlanItem item, const Request& request, Response& response,
                 const Visitor& visitor) {
    const std::string id = request.matches[1].str();
    auto object = parse_object(request.body);
    if (!object) return send_failure(response, object.error());
    Members body(*object, members_of(item, true));
    const auto edit = change_edit(item, body, id);
    if (body.error()) return send_failure(response, *body.error());
    answer_change(site, request, response, item, id,
                  site.services.plans.change(edit, visitor.person.name), 200);
}

void retire_or_restore(Site& site, PlanItem item, bool retire, const Request& request,
                       Response& response, const Visitor& visitor) {
    const std::string id = request.matches[1].str();
    auto object = parse_object(request.body);
    if (!object) return send_failure(response, object.error());
    Members body(*object, {"reason", "version"});
    const int version = body.version();
    const std::string reason = body.text("reason").value_or("");
    if (body.error()) return send_failure(response, *body.error());
    const auto edit = [&](const domain::Plan& plan, const domain::EditBy& by) {
        return retire ? domain::retire(plan, item, id, version, reason, by)
                      : domain::restore(plan, item, id, version, reason, by);
    };
    answer_change(site, request, response, item, id,
                  site.services.plans.change(edit, visitor.person.name), 200);
}

void add_item(Site& site, PlanItem item, const Request& request, Response& response,
              const Visitor& visitor) {
    const std::string parent =
        request.matches.size() > 1 ? request.matches[1].str() : std::string();
    auto object = parse_object(request.body);
    if (!object) return send_failure(response, object.error());
    Members body(*object, members_of(item, false));
    const auto edit = add_edit(item, body, parent);
    if (body.error()) return send_failure(response, *body.error());
    answer_change(site, request, response, item, {},
                  site.services.plans.change(edit, visitor.person.name), 201);
}

// GET of a list: the recommendations or workstreams of the plan, or the items of `item`'s kind
// under a workstream or commitment.
void list_items(Site& site, PlanItem item, const Request& request, Response& response) {
    const auto include = include_retired(request);
    if (!include) return send_failure(response, include.error());
    auto plan = site.services.plans.stored_plan();
    if (!plan) return send_failure(response, plan.error());
    Json list = Json::array();
    const auto add = [&](const std::optional<domain::Retirement>& retired, const std::string& id) {
        if (shown(retired, *include)) list.push_back(*item_json(*plan, item, id, *include));
    };
    if (item == PlanItem::Recommendation) {
        for (const auto& recommendation : plan->recommendations) {
            add(recommendation.retired, recommendation.id);
        }
    } else if (item == PlanItem::Workstream) {
        for (const auto& workstream : plan->workstreams) add(workstream.retired, workstream.id);
    } else {
        const std::string parent = request.matches[1].str();
        const PlanItem parent_kind =
            item == PlanItem::Commitment ? PlanItem::Workstream : PlanItem::Commitment;
        const auto place = domain::find_item(*plan, parent_kind, parent);
        if (parent_kind == PlanItem::Workstream && place.workstream != nullptr) {
            for (const auto& commitment : place.workstream->commitments) {
                add(commitment.retired, commitment.id);
            }
        } else if (parent_kind == PlanItem::Commitment && place.commitment != nullptr) {
            if (item == PlanItem::Measure) {
                for (const auto& measure : place.commitment->measures) {
                    add(measure.retired, measure.id);
                }
            } else {
                for (const auto& action : place.commitment->actions) {
                    add(action.retired, action.id);
                }
            }
        } else {
            return send_error(response, 404, "not_found",
                              "there is no " + std::string(domain::to_string(parent_kind)) + " '" +
                                  parent + "' in the plan",
                              "id");
        }
    }
    Json body;
    body[collection(item)] = std::move(list);
    send_json(response, 200, body);
}

// --- The plan and its inspection -------------------------------------------------------------

void get_plan(Site& site, const Request& request, Response& response) {
    const std::string format =
        request.has_param("format") ? request.get_param_value("format") : std::string("json");
    struct Download {
        const char* format;
        app::PlanFormat plan_format;
        const char* content_type;
        const char* file_name;
    };
    static constexpr Download kDownloads[] = {
        {"json", app::PlanFormat::Json, "application/json", nullptr},
        {"csv", app::PlanFormat::Csv, "text/csv; charset=utf-8", "plan.csv"},
        {"xlsx", app::PlanFormat::Xlsx,
         "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "plan.xlsx"},
    };
    for (const auto& download : kDownloads) {
        if (format != download.format) continue;
        auto document = site.services.plans.export_plan(download.plan_format);
        if (!document) return send_failure(response, document.error());
        if (download.file_name != nullptr) {
            response.set_header("Content-Disposition", attachment(download.file_name));
        }
        response.set_content(*document, download.content_type);
        return;
    }
    send_error(response, 400, "invalid_input",
               "format '" + format + "' is not known: give json, csv or xlsx", "format");
}

void start_plan(Site& site, const Request& request, Response& response, const Visitor& visitor) {
    auto object = parse_object(request.body);
    if (!object) return send_failure(response, object.error());
    Members body(*object, {"authority", "title", "vision"});
    domain::PlanHead head;
    head.authority = body.text("authority").value_or("");
    head.title = body.text("title").value_or("");
    head.vision = body.text("vision").value_or("");
    if (body.error()) return send_failure(response, *body.error());
    auto started = site.services.plans.start(head, visitor.person.name);
    if (!started) return send_failure(response, started.error());
    plan_changed(site);
    auto document = site.services.plans.export_plan(app::PlanFormat::Json);
    if (!document) return send_failure(response, document.error());
    response.status = 201;
    response.set_header("Location", "/api/v1/plan");
    response.set_content(*document, kJson);
}

void replace_plan(Site& site, const Request& request, Response& response, const Visitor& visitor) {
    auto imported = site.services.plans.import_plan(request.body, "body", app::PlanFormat::Json,
                                                    visitor.person.name);
    if (!imported) return send_failure(response, imported.error());
    plan_changed(site);
    Json body;
    body["replaced"] = imported->replaced_existing;
    body["changes_recorded"] = imported->changes_recorded;
    body["href"] = "/api/v1/plan";
    send_json(response, imported->replaced_existing ? 200 : 201, body);
}

// The domain names a judgement's area as the form does ("judgements-2-area"); the API names it
// by its place in the list ("judgements[1].area").
Error with_api_field(Error error) {
    constexpr std::string_view kPrefix = "judgements-";
    if (error.field.rfind(kPrefix, 0) == 0) {
        const auto dash = error.field.find('-', kPrefix.size());
        const std::string number = error.field.substr(kPrefix.size(), dash - kPrefix.size());
        if (!number.empty() && number.find_first_not_of("0123456789") == std::string::npos &&
            dash != std::string::npos) {
            error.field = "judgements[" + std::to_string(std::stoul(number) - 1) + "]." +
                          error.field.substr(dash + 1);
        }
    }
    return error;
}

void change_inspection(Site& site, const Request& request, Response& response,
                       const Visitor& visitor) {
    auto object = parse_object(request.body);
    if (!object) return send_failure(response, object.error());
    Members body(*object,
                 {"framework", "start", "end", "published", "judgements", "overall", "version"});
    const int version = body.version();
    domain::Inspection inspection;
    for (const char* key : {"framework", "start", "end", "published", "judgements"}) {
        body.require(key, "the inspection is given whole (GET /api/v1/inspection gives it)");
    }
    inspection.framework = body.text("framework").value_or("");
    inspection.start = body.date("start").value_or(domain::Date());
    inspection.end = body.date("end").value_or(domain::Date());
    inspection.published = body.date("published").value_or(domain::Date());
    inspection.overall = body.word("overall", &domain::parse_grade, kGrades);
    if (body.error()) return send_failure(response, *body.error());
    const auto& list = (*object)["judgements"];
    if (!list.is_array()) {
        body.refuse("judgements",
                    "\"judgements\" must be a list of {\"area\", \"grade\", "
                    "\"limiting\"}");
    } else {
        for (std::size_t i = 0; i < list.size(); ++i) {
            const std::string place = "judgements[" + std::to_string(i) + "]";
            if (!list[i].is_object()) {
                body.refuse(place, "\"" + place + "\" must be {\"area\", \"grade\", \"limiting\"}");
                break;
            }
            Members entry(list[i], {"area", "grade", "limiting"}, place + ".");
            for (const char* key : {"area", "grade", "limiting"}) {
                entry.require(key, "each judgement has its area, grade and whether it is limiting");
            }
            domain::Judgement judgement;
            judgement.area = entry.text("area").value_or("");
            judgement.grade =
                entry.word("grade", &domain::parse_grade, kGrades).value_or(domain::Grade::Good);
            judgement.limiting = entry.boolean("limiting").value_or(false);
            if (entry.error()) {
                return send_failure(response, *entry.error());
            }
            inspection.judgements.push_back(std::move(judgement));
        }
    }
    if (body.error()) return send_failure(response, *body.error());
    auto changed = site.services.plans.change(
        [&](const domain::Plan& plan, const domain::EditBy& by) {
            return domain::change_inspection(plan, version, inspection, by);
        },
        visitor.person.name);
    if (changed) {
        plan_changed(site);
        return send_json(response, 200, inspection_json(changed->plan.inspection));
    }
    const Error error = with_api_field(changed.error());
    if (error.kind != ErrorKind::Conflict) return send_failure(response, error);
    Json answer = error_json("conflict", error.message, error.field);
    if (auto plan = site.services.plans.stored_plan()) {
        answer["current"] = inspection_json(plan->inspection);
    }
    send_json(response, 409, answer);
}

// --- Evidence --------------------------------------------------------------------------------

void list_evidence(Site& site, const Request& request, Response& response) {
    const std::string measure = request.matches[1].str();
    auto plan = site.services.plans.stored_plan();
    if (!plan) return send_failure(response, plan.error());
    if (domain::find_item(*plan, PlanItem::Measure, measure).measure == nullptr) {
        return send_error(response, 404, "not_found",
                          "there is no success measure '" + measure + "' in the plan", "id");
    }
    auto entries = site.services.plans.evidence(measure);
    if (!entries) return send_failure(response, entries.error());
    Json list = Json::array();
    for (const auto& entry : *entries) list.push_back(evidence_json(entry));
    Json body;
    body["evidence"] = std::move(list);
    send_json(response, 200, body);
}

// The name a person's computer gave an uploaded file, without the folders some browsers send.
std::string base_name(const std::string& name) {
    const auto slash = name.find_last_of("/\\");
    return slash == std::string::npos ? name : name.substr(slash + 1);
}

void add_evidence(Site& site, const Request& request, Response& response, const Visitor& visitor) {
    const std::string measure = request.matches[1].str();
    app::EvidenceRequest evidence;
    std::string file;
    const auto missing_on = [] {
        return Error{ErrorKind::InvalidInput,
                     "give \"on\": the day the evidence is from, as YYYY-MM-DD", "on"};
    };
    const auto missing_text = [] {
        return Error{ErrorKind::InvalidInput, "give \"text\": say what the evidence shows", "text"};
    };
    if (request.is_multipart_form_data()) {
        for (const auto& [name, part] : request.files) {
            if (name != "on" && name != "text" && name != "link" && name != "file") {
                return send_error(response, 400, "invalid_input",
                                  "\"" + name +
                                      "\" is not a part of evidence; send on, text, "
                                      "link and file",
                                  name);
            }
        }
        const std::string on = param(request, "on");
        if (on.empty()) return send_failure(response, missing_on());
        const auto date = domain::Date::parse_iso(on);
        if (!date) {
            return send_error(response, 400, "invalid_input",
                              "on '" + on + "' is not a date; write it as YYYY-MM-DD", "on");
        }
        evidence.on = *date;
        evidence.text = param(request, "text");
        evidence.link = param(request, "link");
        if (request.has_file("file")) {
            const auto part = request.get_file_value("file");
            // A form's file input left empty sends a part with no name and no bytes.
            if (!part.filename.empty() || !part.content.empty()) {
                evidence.file_name = base_name(part.filename);
                file = part.content;
                if (evidence.file_name.empty()) evidence.file_name = "evidence";
            }
        }
    } else {
        auto object = parse_object(request.body);
        if (!object) return send_failure(response, object.error());
        Members body(*object, {"on", "text", "link"});
        const auto on = body.date("on");
        evidence.text = body.text("text").value_or("");
        evidence.link = body.text("link").value_or("");
        if (body.error()) return send_failure(response, *body.error());
        if (!on) return send_failure(response, missing_on());
        evidence.on = *on;
    }
    if (evidence.text.empty()) return send_failure(response, missing_text());
    if (file.size() > domain::kMaximumEvidenceFile) {
        return send_error(response, 413, "too_large",
                          "the file is larger than 10 MB (10485760 bytes), the most csip keeps: "
                          "attach a smaller copy, or give a link to it",
                          "file");
    }
    auto added = site.services.plans.add_evidence(measure, evidence, file, visitor.person);
    if (!added) return send_failure(response, added.error());
    plan_changed(site);
    response.set_header("Location", "/api/v1/evidence/" + std::to_string(added->id));
    send_json(response, 201, evidence_json(*added));
}

std::int64_t evidence_id(const Request& request) {
    // The route takes at most 18 digits, which fit.
    return std::stoll(request.matches[1].str());
}

void get_evidence(Site& site, const Request& request, Response& response) {
    const std::int64_t id = evidence_id(request);
    auto entries = site.services.plans.evidence("");
    if (!entries) return send_failure(response, entries.error());
    for (const auto& entry : *entries) {
        if (entry.id == id) return send_json(response, 200, evidence_json(entry));
    }
    send_error(response, 404, "not_found", "there is no evidence " + std::to_string(id), "id");
}

void evidence_file(Site& site, const Request& request, Response& response) {
    auto found = site.services.plans.evidence_file(evidence_id(request));
    if (!found) return send_failure(response, found.error());
    const auto& file = found->evidence.file;
    response.set_header("Content-Disposition", attachment(file ? file->name : "evidence"));
    response.set_content(found->content,
                         file ? file->content_type : std::string("application/octet-stream"));
}

}  // namespace

void add_plan_api(httplib::Server& server, Site& site) {
    const std::string id = kId;
    const auto get = [&](const std::string& pattern,
                         std::function<void(const Request&, Response&)> handler) {
        server.Get(pattern,
                   authenticated(site, [handler = std::move(handler)](
                                           const Request& request, Response& response,
                                           const Visitor&) { handler(request, response); }));
    };
    const auto write = [&](WriteMethod method, const std::string& pattern, ApiHandler handler,
                           BodyLimit limit = {}) {
        write_route(server, site, method, pattern, editing(site, std::move(handler)), limit);
    };

    // The plan as a whole.
    get("/api/v1/plan",
        [&site](const Request& request, Response& response) { get_plan(site, request, response); });
    write(WriteMethod::Post, "/api/v1/plan",
          [&site](const Request& request, Response& response, const Visitor& visitor) {
              start_plan(site, request, response, visitor);
          });
    // A plan file is larger than a form: it takes an upload's limit.
    write(
        WriteMethod::Put, "/api/v1/plan",
        [&site](const Request& request, Response& response, const Visitor& visitor) {
            replace_plan(site, request, response, visitor);
        },
        BodyLimit{kMaximumUpload, false});

    get("/api/v1/inspection", [&site](const Request&, Response& response) {
        auto plan = site.services.plans.stored_plan();
        if (!plan) return send_failure(response, plan.error());
        send_json(response, 200, inspection_json(plan->inspection));
    });
    write(WriteMethod::Put, "/api/v1/inspection",
          [&site](const Request& request, Response& response, const Visitor& visitor) {
              change_inspection(site, request, response, visitor);
          });

    // Lists, and additions to them.
    struct ListRoute {
        PlanItem item;
        std::string pattern;
    };
    const ListRoute lists[] = {
        {PlanItem::Recommendation, "/api/v1/recommendations"},
        {PlanItem::Workstream, "/api/v1/workstreams"},
        {PlanItem::Commitment, "/api/v1/workstreams/" + id + "/commitments"},
        {PlanItem::Measure, "/api/v1/commitments/" + id + "/measures"},
        {PlanItem::Action, "/api/v1/commitments/" + id + "/actions"},
    };
    for (const auto& list : lists) {
        const PlanItem item = list.item;
        get(list.pattern, [&site, item](const Request& request, Response& response) {
            list_items(site, item, request, response);
        });
        write(WriteMethod::Post, list.pattern,
              [&site, item](const Request& request, Response& response, const Visitor& visitor) {
                  add_item(site, item, request, response, visitor);
              });
    }

    // Each item: read, changed, retired and restored.
    for (const auto item : {PlanItem::Recommendation, PlanItem::Workstream, PlanItem::Commitment,
                            PlanItem::Measure, PlanItem::Action}) {
        const std::string pattern = "/api/v1/" + collection(item) + "/" + id;
        get(pattern, [&site, item](const Request& request, Response& response) {
            get_item(site, item, request, response);
        });
        write(WriteMethod::Patch, pattern,
              [&site, item](const Request& request, Response& response, const Visitor& visitor) {
                  change_item(site, item, request, response, visitor);
              });
        for (const bool retire : {true, false}) {
            write(WriteMethod::Post, pattern + (retire ? "/retire" : "/restore"),
                  [&site, item, retire](const Request& request, Response& response,
                                        const Visitor& visitor) {
                      retire_or_restore(site, item, retire, request, response, visitor);
                  });
        }
    }

    // Evidence behind a success measure.
    get("/api/v1/measures/" + id + "/evidence",
        [&site](const Request& request, Response& response) {
            list_evidence(site, request, response);
        });
    write_route(
        server, site, WriteMethod::Post, "/api/v1/measures/" + id + "/evidence",
        writing(site,
                [&site](const Request& request, Response& response, const Visitor& visitor) {
                    add_evidence(site, request, response, visitor);
                }),
        BodyLimit{kMaximumUpload, true});
    get("/api/v1/evidence/([0-9]{1,18})", [&site](const Request& request, Response& response) {
        get_evidence(site, request, response);
    });
    get("/api/v1/evidence/([0-9]{1,18})/file", [&site](const Request& request, Response& response) {
        evidence_file(site, request, response);
    });
}

}  // namespace csip::http
