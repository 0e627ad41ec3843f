// The indicator settings and the figures entered by hand, as pages and as API routes. Editors and
// administrators change the council's local standards and the RAG tolerance (/settings) and enter
// a month's figure for an indicator no return carries (/indicators/{id}/values); every other role
// is refused. The rules are IndicatorService's; a change drops the indicators this server keeps,
// so that the next page works the figures out again. Forms post, then redirect; a refused form
// comes back with an error summary and the person's input kept (templates/plan_form.mustache).
//
// Through the API: GET /api/v1/settings (anyone signed in), PATCH /api/v1/settings with
// {"key": value, ...} (editors and administrators; all or nothing: every key is checked to be a
// setting and its value a number, then every value by the service's rules, and only then are
// they all saved, with their audit entries, in one transaction; a value refused saves none),
// POST /api/v1/indicators/{id}/values with {"month", "value", "note"?} → 201.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <map>
#include <optional>
#include <set>
#include <utility>

#include "domain/indicators/indicator_definitions.hpp"
#include "domain/indicators/indicator_wording.hpp"
#include "http/api.hpp"
#include "http/form.hpp"
#include "http/site.hpp"
#include "http/views.hpp"

namespace csip::http {
namespace {

using httplib::Request;
using httplib::Response;
using Json = nlohmann::ordered_json;

constexpr const char* kHtml = "text/html; charset=utf-8";
constexpr const char* kJson = "application/json";
constexpr const char* kSettings = "/settings";
constexpr const char* kToleranceKey = "tolerance";
constexpr const char* kUploadLimitKey = "upload_limit_mb";
// The council the published figures are compared for, and the neighbour model in force: codes,
// not quantities, with no default (0 while not set).
constexpr const char* kLaCodeKey = "la_code";
constexpr const char* kNeighbourModelKey = "neighbour_model";

using Values = FormValues;

// A form of these pages: back to the settings, under "Indicators" in the navigation.
Form settings_form() {
    Form form;
    form.back = kSettings;
    form.section = "indicators";
    return form;
}

bool may_change(const Visitor& visitor) {
    return domain::has_right(visitor.person.role, domain::Right::EditPlan);
}

bool editor_only(Site& site, Response& response, const Visitor& visitor) {
    if (may_change(visitor)) return true;
    forbidden(site, response, visitor,
              "Only an editor or an administrator can change the indicator settings and the "
              "figures entered by hand.");
    return false;
}

// What the indicators were worked out with has changed: the pages work them out again.
void indicators_changed(Site& site) {
    site.indicators.invalidate();
    site.dashboard.forget();
}

// --- the settings, in words ------------------------------------------------------------------

struct SettingWords {
    const char* key;
    const char* label;
    const char* hint;
};

constexpr SettingWords kSettingWords[] = {
    {"assessment_working_days", "Assessment timescale",
     "Working days from the start of a child and family assessment to its authorisation. Working "
     "Together to Safeguard Children sets 45."},
    {"initial_conference_working_days", "Initial child protection conference timescale",
     "Working days from the strategy discussion to the initial child protection conference. "
     "Working Together to Safeguard Children sets 15."},
    {"visit_working_days", "Child protection visits",
     "The most working days between two visits to a child on a child protection plan, as the "
     "council's procedures set it."},
    {"initial_report_working_days", "Report shared before an initial conference",
     "Working days before an initial child protection conference by which the social worker's "
     "report is shared with the family."},
    {"review_report_working_days", "Report shared before a review conference",
     "Working days before a review child protection conference by which the social worker's "
     "report is shared with the family."},
    {"annex_cp_visit_working_days", "Annex A: child protection visits",
     "The most working days since a child on a plan was last visited, as at the day the Annex A "
     "list is taken."},
    {"annex_cp_first_review_months", "Annex A: first child protection review",
     "Months from a plan's start by which its first review conference is held. Working Together "
     "to Safeguard Children sets 3."},
    {"annex_cp_review_months", "Annex A: later child protection reviews",
     "Months from one review conference to the next. Working Together to Safeguard Children sets "
     "6."},
    {"annex_cp_long_plan_months", "Annex A: long child protection plans",
     "A plan open longer than this many months is counted as lasting more than two years."},
    {"annex_cla_first_review_working_days", "Annex A: first looked-after review",
     "Working days from coming into care to the first review. The Care Planning Regulations set "
     "20."},
    {"annex_cla_review_months", "Annex A: later looked-after reviews",
     "Months from one review of a looked-after child to the next."},
    {"annex_cla_visit_days", "Annex A: looked-after children's visits",
     "The most days since a looked-after child's last social work visit. The Care Planning "
     "Regulations set 6 weeks."},
    {"annex_cla_first_visit_days", "Annex A: first visit in care",
     "Days from coming into care to the first social work visit. The Care Planning Regulations "
     "set 1 week."},
    {"annex_cla_health_cohort_working_days", "Annex A: who needs a health assessment",
     "Children looked after for more than this many working days count in the health assessment "
     "figure."},
    {"annex_cla_health_under_five_months", "Annex A: health assessments under 5",
     "Months a health assessment stays in date for a child under 5. Statutory guidance sets 6."},
    {"annex_cla_health_months", "Annex A: health assessments from 5",
     "Months a health assessment stays in date for a child of 5 or more. Statutory guidance sets "
     "12."},
    {"annex_cla_dental_cohort_months", "Annex A: who needs a dental check",
     "Children looked after for this many months or more count in the dental check figure."},
    {"annex_cla_dental_months", "Annex A: dental checks",
     "Months a dental check stays in date."},
    {"annex_cla_placements", "Annex A: placement moves",
     "Looked-after children with this many placements or more in 12 months are counted."},
    {"annex_cin_visit_working_days", "Annex A: children in need visits",
     "The most working days since a child in need was last seen, as at the day the Annex A list "
     "is taken."},
    {"tolerance", "RAG tolerance",
     "How far short of its target, in percentage points, a figure may be and still be amber "
     "rather than red."},
    {"la_code", "Council's LA code",
     "The council's three-digit local authority code, as the Department for Education publishes "
     "it (869 is West Berkshire's): the benchmarks compare this council's published figures with "
     "England's, its region's and its statistical neighbours'."},
    {"neighbour_model", "Statistical neighbour model",
     "The year of the statistical neighbour model whose ten neighbours the benchmarks compare "
     "the council with. While it is not set, the latest model imported is used."},
    {"upload_limit_mb", "Largest upload of returns",
     "The most, in megabytes (MiB), that one upload of returns may hold; a larger upload is "
     "refused before anything is stored."},
};

const SettingWords* words_of(const std::string& key) {
    for (const auto& words : kSettingWords) {
        if (key == words.key) return &words;
    }
    return nullptr;
}

bool is_known_setting(const std::string& key) {
    const auto& keys = app::indicator_setting_keys();
    return std::find(keys.begin(), keys.end(), key) != keys.end();
}

// "Assessment timescale" → "assessment timescale"; an abbreviation ("RAG") is left as it is.
std::string lower_first(std::string text) {
    const bool abbreviation = text.size() > 1 && text[1] >= 'A' && text[1] <= 'Z';
    if (!abbreviation && !text.empty() && text[0] >= 'A' && text[0] <= 'Z')
        text[0] = static_cast<char>(text[0] + 32);
    return text;
}

// Whether `key` names something (a council, a model) rather than counts: it has no unit to say
// after its value, and 0 means it is not set.
bool is_code(const std::string& key) { return !app::setting_has_default(key); }

// "45 working days", "5 points", "3 months"; "869", "Not set" for a code.
std::string setting_text(const std::string& key, double value) {
    if (is_code(key)) {
        if (value == 0.0) {
            return key == kNeighbourModelKey ? "Not set (the latest imported)" : "Not set";
        }
        return number_text(value);
    }
    if (key == kToleranceKey) return number_text(value) + (value == 1.0 ? " point" : " points");
    if (key == kUploadLimitKey) return number_text(value) + " MB";
    std::string unit = app::setting_unit(key);
    if (value == 1.0 && !unit.empty() && unit.back() == 's') unit.pop_back();
    return number_text(value) + " " + unit;
}

// A setting's value as the defaults have it.
double default_value(const std::string& key) {
    return app::setting_value(app::IndicatorConfig{}, key);
}

// "August 2015" from "2015-08".
std::string month_text(const std::string& month) {
    const auto date = domain::Date::parse_iso(month + "-01");
    if (!date) return month;
    const std::string full = long_date(*date);
    return full.substr(full.find(' ') + 1);
}

// A number as typed: digits with an optional point (and sign); nothing for anything else.
std::optional<double> number_of(std::string text) {
    text.erase(0, text.find_first_not_of(" \t"));
    text.erase(text.find_last_not_of(" \t") + 1);
    if (!text.empty() && text.back() == '%') text.pop_back();
    if (text.empty() || text.find_first_not_of("0123456789.-+") != std::string::npos) {
        return std::nullopt;
    }
    errno = 0;
    char* end = nullptr;
    const double value = std::strtod(text.c_str(), &end);
    if (errno != 0 || end != text.c_str() + text.size() || !std::isfinite(value))
        return std::nullopt;
    return value;
}

bool service_ready(Site& site, Response& response, const Visitor& visitor) {
    if (site.services.indicators != nullptr) return true;
    store_failure(site, response, &visitor,
                  Error{ErrorKind::Unavailable, "this server has no indicators", {}});
    return false;
}

// --- /settings -------------------------------------------------------------------------------

void settings_page(Site& site, Response& response, const Visitor& visitor) {
    if (!editor_only(site, response, visitor) || !service_ready(site, response, visitor)) return;
    auto config = site.services.indicators->settings();
    if (!config) return store_failure(site, response, &visitor, config.error());
    List rows;
    for (const auto& key : app::indicator_setting_keys()) {
        const auto* words = words_of(key);
        const std::string label = words ? words->label : key;
        Data row;
        row.set("key", key);
        row.set("label", label);
        row.set("label_lower", lower_first(label));
        row.set("hint", std::string(words ? words->hint : ""));
        row.set("value", setting_text(key, app::setting_value(*config, key)));
        row.set("default", setting_text(key, default_value(key)));
        const auto set = config->set.find(key);
        // A code (the council's, a model's) has no default to speak of: it is set or not.
        row.set("is_default", set == config->set.end() && !is_code(key));
        row.set("has_default", !is_code(key));
        row.set("changed", set != config->set.end());
        if (set != config->set.end()) {
            row.set("changed_by", set->second.set_by);
            row.set("changed_on", when_text(set->second.set_at, false));
        }
        rows.push_back(row);
    }
    Data body;
    body.set("is_settings", true);
    body.set("is_history", false);
    body.set("settings", rows);
    body.set("notice", maybe(site.notices.take(visitor.csrf_token, kSettings)));
    response.set_content(site.page(&visitor, "indicators", "Indicator settings", "settings", body),
                         kHtml);
}

Form setting_form(const std::string& key) {
    const auto* words = words_of(key);
    const std::string label = words ? words->label : key;
    Form form = settings_form();
    form.heading = "Change the " + lower_first(label);
    form.caption = "Indicator settings";
    form.action = std::string(kSettings) + "/" + key;
    form.intro = std::string(words ? words->hint : "") +
                 (is_code(key) ? std::string()
                               : " The default is " + setting_text(key, default_value(key)) + ".");
    Field field;
    field.name = "value";
    field.label = key == kToleranceKey        ? "Percentage points"
                  : key == kUploadLimitKey    ? "Megabytes"
                  : key == kLaCodeKey         ? "LA code"
                  : key == kNeighbourModelKey ? "Model year"
                                              : "Working days";
    field.hint = key == kToleranceKey        ? "From 0 to 100, for example 5 or 2.5"
                 : key == kUploadLimitKey    ? "A whole number from 1 to 65536; 1024 is 1 GiB"
                 : key == kLaCodeKey         ? "3 numbers from 100 to 999, for example 869"
                 : key == kNeighbourModelKey ? "A year from 2000 to 2100, for example 2025"
                                             : "A whole number from 1 to 250";
    field.width = key == kUploadLimitKey ? "5" : "4";
    field.numeric = true;
    form.fields.push_back(field);
    return form;
}

// What a refused setting says, in the form's words.
std::string setting_problem(const std::string& key) {
    if (key == kToleranceKey) return "Enter the tolerance as a number of points from 0 to 100";
    if (key == kUploadLimitKey) return "Enter a whole number of megabytes from 1 to 65536";
    if (key == kLaCodeKey) return "Enter the LA code as 3 numbers from 100 to 999";
    if (key == kNeighbourModelKey) return "Enter the model year as a year from 2000 to 2100";
    return "Enter a whole number of " + app::setting_unit(key) + " from 1 to 250";
}

void setting_form_page(Site& site, const Request& request, Response& response,
                       const Visitor& visitor, bool posted) {
    if (!editor_only(site, response, visitor) || !service_ready(site, response, visitor)) return;
    if (posted && !form_allowed(site, request, response, visitor)) return;
    const std::string key = request.matches[1].str();
    if (!is_known_setting(key)) {
        return site.message_page(response, &visitor, 404, "Page not found",
                                 {"There is no such setting."});
    }
    const Form form = setting_form(key);
    auto config = site.services.indicators->settings();
    if (!config) return store_failure(site, response, &visitor, config.error());
    if (!posted) {
        // A code not yet set is shown empty, not as 0.
        const double current = app::setting_value(*config, key);
        return show_form(
            site, response, visitor, form,
            {{"value", {is_code(key) && current == 0.0 ? std::string() : number_text(current)}}},
            {}, 200);
    }
    const Values values{{"value", {param(request, "value")}}};
    const auto value = number_of(one(values, "value"));
    if (!value) {
        const std::string message =
            one(values, "value").empty()
                ? (key == kToleranceKey        ? "Enter the tolerance in points"
                   : key == kUploadLimitKey    ? "Enter the largest upload in megabytes"
                   : key == kLaCodeKey         ? "Enter the council's LA code"
                   : key == kNeighbourModelKey ? "Enter the model year"
                                               : "Enter the number of " + app::setting_unit(key))
                : setting_problem(key);
        return show_form(site, response, visitor, form, values, {{"value", message}}, 400);
    }
    auto saved = site.services.indicators->set_setting(key, *value, visitor.person.name);
    if (!saved) {
        if (saved.error().kind != ErrorKind::InvalidInput) {
            return store_failure(site, response, &visitor, saved.error());
        }
        return show_form(site, response, visitor, form, values, {{"value", setting_problem(key)}},
                         400);
    }
    indicators_changed(site);
    const auto* words = words_of(key);
    site.notices.leave(
        visitor.csrf_token, kSettings,
        "The " + lower_first(words ? words->label : key) + " is now " + setting_text(key, *value));
    response.set_redirect(kSettings, 303);
}

// --- /indicators/{id}/values -----------------------------------------------------------------

// The indicator's title as the pages show it, or nothing when csip knows no indicator `id`: not
// one of the definitions, not named by a success measure, never given a figure by hand.
std::optional<std::string> indicator_title(Site& site, const std::string& id,
                                           const std::vector<storage::ManualValue>& values) {
    if (const auto* definition = domain::find_indicator(id)) {
        return std::string(domain::plain_title(*definition));
    }
    const domain::Date today = site.services.clock.today();
    if (auto report = site.indicators.report(domain::financial_year_start(today), today)) {
        for (const auto& line : (*report)->indicators) {
            if (line.result.key == id) return line.result.title.empty() ? id : line.result.title;
        }
    }
    for (const auto& value : values) {
        if (value.indicator == id) return id;
    }
    return std::nullopt;
}

std::string history_html(Site& site, const std::string& title,
                         const std::vector<storage::ManualValue>& values, const std::string& id,
                         const std::string& notice) {
    // Newest first; an entry for a month entered again since is marked, the latest being used.
    std::set<std::string> seen;
    List rows;
    for (auto value = values.rbegin(); value != values.rend(); ++value) {
        if (value->indicator != id) continue;
        Data row;
        row.set("month", month_text(value->month));
        row.set("replaced", !seen.insert(value->month).second);
        row.set("value", percent_text(value->value));
        row.set("note", value->note);
        row.set("by", value->recorded_by);
        row.set("when", when_text(value->recorded_at, true));
        rows.push_back(row);
    }
    Data body;
    body.set("is_settings", false);
    body.set("is_history", true);
    body.set("title", title);
    body.set("has_history", !rows.empty());
    body.set("history", rows);
    body.set("notice", maybe(notice));
    return site.templates.render("settings", body);
}

void values_page(Site& site, const Request& request, Response& response, const Visitor& visitor,
                 bool posted) {
    if (!editor_only(site, response, visitor) || !service_ready(site, response, visitor)) return;
    if (posted && !form_allowed(site, request, response, visitor)) return;
    const std::string id = request.matches[1].str();
    auto stored = site.services.indicators->manual_values();
    if (!stored) return store_failure(site, response, &visitor, stored.error());
    const auto title = indicator_title(site, id, *stored);
    if (!title) {
        return site.message_page(response, &visitor, 404, "Page not found",
                                 {"There is no such indicator."});
    }
    const std::string page = "/indicators/" + id + "/values";

    Values values;
    std::vector<FieldError> errors;
    if (posted) {
        values = {{"month", {param(request, "month")}},
                  {"value", {param(request, "value")}},
                  {"note", {param(request, "note")}}};
        const std::string month = one(values, "month");
        const bool month_shape = month.size() == 7 && month[4] == '-' &&
                                 domain::Date::parse_iso(month + "-01").has_value();
        if (month.empty()) {
            errors.push_back({"month", "Enter the month"});
        } else if (!month_shape) {
            errors.push_back(
                {"month", "Enter the month as its year and number, for example 2015-08"});
        }
        const auto value = number_of(one(values, "value"));
        if (one(values, "value").empty()) {
            errors.push_back({"value", "Enter the percentage"});
        } else if (!value || *value < 0.0 || *value > 100.0) {
            errors.push_back({"value", "Enter the percentage as a number from 0 to 100"});
        }
        if (errors.empty()) {
            auto saved = site.services.indicators->set_manual_value(
                id, month, *value, visitor.person.name, one(values, "note"));
            if (saved) {
                indicators_changed(site);
                site.notices.leave(
                    visitor.csrf_token, page,
                    percent_text(*value) + " for " + month_text(month) + " has been saved");
                response.set_redirect(page, 303);
                return;
            }
            if (saved.error().kind != ErrorKind::InvalidInput) {
                return store_failure(site, response, &visitor, saved.error());
            }
            const std::string field = saved.error().field;
            if (field == "month" || field == "value") {
                errors.push_back(
                    {field, field == "month"
                                ? "Enter the month as its year and number, for example 2015-08"
                                : "Enter the percentage as a number from 0 to 100"});
            } else {
                errors.push_back({"note",
                                  "The note cannot be saved as it is: remove any control "
                                  "characters and keep it shorter"});
            }
        }
    }

    Form form = settings_form();
    form.heading = "Figures entered by hand";
    form.caption = *title;
    form.intro =
        "A month's figure entered here is used for a month the council's returns give no figure "
        "for. To correct a month, enter it again: the latest figure entered for a month is the "
        "one used, and the earlier ones stay in the list.";
    form.action = page;
    form.back = "/indicators#" + id;
    form.submit = "Save the figure";
    Field history;
    history.kind = Field::Kind::Html;
    history.html =
        history_html(site, *title, *stored, id,
                     posted ? std::string() : site.notices.take(visitor.csrf_token, page));
    form.fields.push_back(history);
    Field heading;
    heading.kind = Field::Kind::Heading;
    heading.label = "Enter a month's figure";
    form.fields.push_back(heading);
    Field month;
    month.name = "month";
    month.label = "Month";
    month.hint = "Its year and number, for example 2015-08 for August 2015";
    month.width = "10";
    form.fields.push_back(month);
    Field value;
    value.name = "value";
    value.label = "Percentage";
    value.hint = "From 0 to 100, for example 82.5";
    value.width = "4";
    value.numeric = true;
    form.fields.push_back(value);
    Field note;
    note.kind = Field::Kind::Textarea;
    note.name = "note";
    note.label = "Note (optional)";
    note.hint = "Where the figure comes from";
    note.rows = 3;
    form.fields.push_back(note);
    show_form(site, response, visitor, form, values, errors, errors.empty() ? 200 : 400);
}

// --- the API ---------------------------------------------------------------------------------

std::string dump(const Json& json) {
    return json.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

void send_json(Response& response, int status, const Json& body) {
    response.status = status;
    response.set_content(dump(body), kJson);
}

Json settings_json(const app::IndicatorConfig& config) {
    Json settings = Json::object();
    for (const auto& key : app::indicator_setting_keys()) {
        Json setting;
        const bool unset = !app::setting_has_default(key) && !config.set.count(key);
        // A setting with no default is null until set (the la_code, the neighbour model).
        setting["value"] = unset ? Json(nullptr) : Json(app::setting_value(config, key));
        setting["default"] = app::setting_has_default(key) ? Json(default_value(key)) : Json(nullptr);
        setting["unit"] = app::setting_unit(key);
        if (const auto set = config.set.find(key); set != config.set.end()) {
            setting["set_by"] = set->second.set_by;
            setting["set_at"] = set->second.set_at;
        }
        settings[key] = std::move(setting);
    }
    Json body;
    body["settings"] = std::move(settings);
    return body;
}

Json manual_json(const storage::ManualValue& value) {
    Json body;
    body["indicator"] = value.indicator;
    body["month"] = value.month;
    body["value"] = value.value;
    body["note"] = value.note;
    body["recorded_by"] = value.recorded_by;
    body["recorded_at"] = value.recorded_at;
    return body;
}

bool api_ready(Site& site, Response& response) {
    if (site.services.indicators != nullptr) return true;
    send_error(response, 503, "unavailable", "this server has no indicators");
    return false;
}

bool api_editor(Response& response, const Visitor& visitor) {
    if (may_change(visitor)) return true;
    send_error(response, 403, "forbidden",
               visitor.person.name +
                   " may not change the indicator settings or figures: an editor or an "
                   "administrator may");
    return false;
}

// The request's body as one JSON object (api.hpp's reader: a key given twice is refused); when
// not, answers 400.
std::optional<Json> json_object(const Request& request, Response& response) {
    auto parsed = parse_object(request.body);
    if (!parsed) {
        send_failure(response, parsed.error());
        return std::nullopt;
    }
    return std::move(*parsed);
}

void get_settings(Site& site, Response& response) {
    if (!api_ready(site, response)) return;
    auto config = site.services.indicators->settings();
    if (!config) return send_failure(response, config.error());
    send_json(response, 200, settings_json(*config));
}

void patch_settings(Site& site, const Request& request, Response& response,
                    const Visitor& visitor) {
    if (!api_editor(response, visitor) || !api_ready(site, response)) return;
    const auto body = json_object(request, response);
    if (!body) return;
    if (body->empty()) {
        return send_error(response, 400, "invalid_input",
                          "name at least one setting to change, {\"key\": value}");
    }
    // Every key and its type are checked before anything is saved.
    for (const auto& [key, value] : body->items()) {
        if (!is_known_setting(key)) {
            std::string names;
            for (const auto& name : app::indicator_setting_keys()) {
                names += (names.empty() ? "" : ", ") + name;
            }
            return send_error(response, 400, "invalid_input",
                              "there is no setting '" + key + "'; the settings are " + names, key);
        }
        if (!value.is_number()) {
            return send_error(response, 400, "invalid_input", key + " must be a number", key);
        }
    }
    // Then the service checks every value and saves them all in one transaction, or none.
    std::vector<app::SettingValue> values;
    for (const auto& [key, value] : body->items()) values.push_back({key, value.get<double>()});
    auto saved = site.services.indicators->set_settings(values, visitor.person.name);
    if (!saved) return send_failure(response, saved.error());
    indicators_changed(site);
    get_settings(site, response);
}

void post_value(Site& site, const Request& request, Response& response, const Visitor& visitor) {
    if (!api_editor(response, visitor) || !api_ready(site, response)) return;
    const auto body = json_object(request, response);
    if (!body) return;
    for (const auto& [key, value] : body->items()) {
        if (key != "month" && key != "value" && key != "note") {
            return send_error(
                response, 400, "invalid_input",
                "\"" + key + "\" is not a member of a value; send month, value and note", key);
        }
    }
    const auto member = body->find("month");
    if (member == body->end() || !member->is_string()) {
        return send_error(response, 400, "invalid_input", "give \"month\" as \"YYYY-MM\"", "month");
    }
    const auto value = body->find("value");
    if (value == body->end() || !value->is_number()) {
        return send_error(response, 400, "invalid_input",
                          "give \"value\" as a number, a percentage from 0 to 100", "value");
    }
    std::string note;
    if (const auto found = body->find("note"); found != body->end()) {
        if (!found->is_string()) {
            return send_error(response, 400, "invalid_input", "\"note\" must be a string", "note");
        }
        note = found->get<std::string>();
    }
    auto saved = site.services.indicators->set_manual_value(
        request.matches[1].str(), member->get<std::string>(), value->get<double>(),
        visitor.person.name, note);
    if (!saved) {
        // The service's words for these name the command line's options.
        const auto& error = saved.error();
        if (error.kind == ErrorKind::InvalidInput && error.field == "month") {
            return send_error(response, 400, "invalid_input",
                              "\"month\" is not a month: write it as \"YYYY-MM\", e.g. \"2015-07\"",
                              "month");
        }
        return send_failure(response, error);
    }
    indicators_changed(site);
    send_json(response, 201, manual_json(*saved));
}

}  // namespace

void add_settings_pages(httplib::Server& server, Site& site) {
    server.Get(kSettings,
               signed_in(site, [&site](const Request&, Response& response, const Visitor& visitor) {
                   settings_page(site, response, visitor);
               }));
    for (const bool posted : {false, true}) {
        const auto route = [&](const std::string& pattern, auto handler) {
            auto wrapped =
                signed_in(site, [handler, posted](const Request& request, Response& response,
                                                  const Visitor& visitor) {
                    handler(request, response, visitor, posted);
                });
            if (posted) {
                post(server, site, pattern, wrapped);
            } else {
                server.Get(pattern, wrapped);
            }
        };
        route(R"(/settings/([a-z_]+))", [&site](const Request& r, Response& s, const Visitor& v,
                                                bool p) { setting_form_page(site, r, s, v, p); });
        route(R"(/indicators/([a-z0-9_]+)/values)",
              [&site](const Request& r, Response& s, const Visitor& v, bool p) {
                  values_page(site, r, s, v, p);
              });
    }

    server.Get("/api/v1/settings",
               authenticated(site, [&site](const Request&, Response& response, const Visitor&) {
                   get_settings(site, response);
               }));
    const auto writing = [&site](auto handler) {
        return authenticated(
            site, [handler](const Request& request, Response& response, const Visitor& visitor) {
                if (!csrf_shown(request, response, visitor)) return;
                handler(request, response, visitor);
            });
    };
    write_route(
        server, site, WriteMethod::Patch, "/api/v1/settings",
        writing([&site](const Request& request, Response& response, const Visitor& visitor) {
            patch_settings(site, request, response, visitor);
        }),
        BodyLimit{});
    write_route(
        server, site, WriteMethod::Post, R"(/api/v1/indicators/([a-z0-9_]+)/values)",
        writing([&site](const Request& request, Response& response, const Visitor& visitor) {
            post_value(site, request, response, visitor);
        }),
        BodyLimit{});
}

}  // namespace csip::http
