// The report settings and each body's report profile, edited in the browser and the API. Editors
// and administrators change what every report says about the portfolio member, the contact
// officer and the council's strategy (/governance/report-settings), and what a body's report
// holds: its sections, its indicators and whether it may hold case-level content
// (/governance/bodies/{id}/profile); every other role is refused. The rules are ReportService's
// (a public body never allows case-level content), and the store writes each change with its
// audit entry in one transaction. Forms post, then redirect; a refused form comes back with the
// error summary and the input kept (templates/plan_form.mustache, through show_form).
//
// Through the API: GET /api/v1/report-settings and PATCH it with {"key": "value", ...} (an empty
// value removes one; every value is checked before any is saved); GET /api/v1/bodies/{id}/profile
// and PUT it with {"sections", "indicators", "case_level"}.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "app/report_service.hpp"
#include "domain/indicators/indicator_definitions.hpp"
#include "domain/text.hpp"
#include "http/api.hpp"
#include "http/form.hpp"
#include "http/site.hpp"
#include "app/report_service.hpp"

namespace csip::http {
namespace {

using httplib::Request;
using httplib::Response;
using Json = nlohmann::ordered_json;

constexpr const char* kGovernance = "/governance";
constexpr const char* kSettingsPath = "/governance/report-settings";

bool may_change(const Visitor& visitor) {
    return domain::has_right(visitor.person.role, domain::Right::EditPlan);
}

bool editor_only(Site& site, Response& response, const Visitor& visitor) {
    if (may_change(visitor)) return true;
    forbidden(site, response, visitor,
              "Only an editor or an administrator can change the report settings and what a "
              "body's report holds.");
    return false;
}

bool reporting_available(Site& site, Response& response, const Visitor& visitor) {
    if (site.services.reports != nullptr) return true;
    site.message_page(response, &visitor, 503, "Governance",
                      {"Governance reporting is not available on this server."});
    return false;
}

// --- the report settings ---------------------------------------------------------------------

struct SettingWords {
    const char* key;
    const char* label;
    const char* hint;
    bool multiline;
    bool email;
};

constexpr SettingWords kSettingWords[] = {
    {"portfolio_member.name", "Name", "", false, false},
    {"portfolio_member.email", "Email address", "", false, true},
    {"portfolio_member.phone", "Telephone", "", false, false},
    {"contact_officer.name", "Name", "", false, false},
    {"contact_officer.title", "Job title", "", false, false},
    {"contact_officer.email", "Email address", "", false, true},
    {"contact_officer.phone", "Telephone", "", false, false},
    {"strategy.priorities", "Council Strategy priorities", "One priority a line", true, false},
    {"strategy.principles", "Council Strategy principles", "One principle a line", true, false},
};

// A setting's form field: its key with the dot as a hyphen, so that it is an id anyone can link.
std::string field_name(std::string_view key) {
    std::string name(key);
    std::replace(name.begin(), name.end(), '.', '-');
    return name;
}

Form settings_form() {
    Form form;
    form.heading = "Report settings";
    form.intro = "What every report to a governance body says about the portfolio member, the "
                 "contact officer and the council's strategy. Leave a box empty to leave it out.";
    form.action = kSettingsPath;
    form.back = kGovernance;
    form.section = "governance";
    auto heading = [&](const char* label) {
        Field field;
        field.kind = Field::Kind::Heading;
        field.label = label;
        form.fields.push_back(field);
    };
    for (const auto& words : kSettingWords) {
        const std::string_view key = words.key;
        if (key == "portfolio_member.name") heading("Portfolio member");
        if (key == "contact_officer.name") heading("Contact officer");
        if (key == "strategy.priorities") heading("Council Strategy");
        Field field;
        field.kind = words.multiline ? Field::Kind::Textarea : Field::Kind::Text;
        field.name = field_name(key);
        field.label = words.label;
        field.hint = words.hint;
        if (words.multiline) field.rows = 5;
        form.fields.push_back(field);
    }
    return form;
}

bool looks_like_email(const std::string& text) {
    const auto at = text.find('@');
    return at != std::string::npos && at > 0 && at + 1 < text.size() &&
           text.find('@', at + 1) == std::string::npos &&
           text.find(' ') == std::string::npos;
}

void get_report_settings(Site& site, const Request&, Response& response, const Visitor& visitor) {
    if (!editor_only(site, response, visitor) || !reporting_available(site, response, visitor)) {
        return;
    }
    auto settings = site.services.reports->settings();
    if (!settings) return store_failure(site, response, &visitor, settings.error());
    FormValues values;
    for (const auto& words : kSettingWords) {
        if (const auto found = settings->find(words.key); found != settings->end()) {
            values[field_name(words.key)] = {found->second};
        }
    }
    show_form(site, response, visitor, settings_form(), values, {}, 200);
}

void post_report_settings(Site& site, const Request& request, Response& response,
                          const Visitor& visitor) {
    if (!editor_only(site, response, visitor) || !reporting_available(site, response, visitor)) {
        return;
    }
    if (!form_allowed(site, request, response, visitor)) return;
    const FormValues values = values_from(request);
    auto& reports = *site.services.reports;
    auto settings = reports.settings();
    if (!settings) return store_failure(site, response, &visitor, settings.error());
    std::vector<FieldError> errors;
    std::vector<std::pair<std::string, std::string>> changes;
    for (const auto& words : kSettingWords) {
        const std::string name = field_name(words.key);
        std::string value = one(values, name);
        // A line typed in a browser ends with CRLF; the reports split on LF.
        value.erase(std::remove(value.begin(), value.end(), '\r'), value.end());
        if (!words.multiline) value.erase(std::remove(value.begin(), value.end(), '\n'), value.end());
        if (words.email && !value.empty() && !looks_like_email(value)) {
            errors.push_back({name, "Enter an email address in the correct format, like "
                                    "name@example.com"});
            continue;
        }
        if (const auto problem = domain::text_problem(value)) {
            errors.push_back({name, sentence(std::string(words.label) + " " + *problem +
                                             ": type it again as plain text")});
            continue;
        }
        const auto found = settings->find(words.key);
        const std::string before = found == settings->end() ? std::string() : found->second;
        if (value != before) changes.emplace_back(words.key, value);
    }
    if (!errors.empty()) {
        return show_form(site, response, visitor, settings_form(), values, errors, 400);
    }
    for (const auto& [key, value] : changes) {
        auto saved = reports.set_setting(key, value, visitor.person.name);
        if (saved) continue;
        if (saved.error().kind == ErrorKind::Unavailable) {
            return store_failure(site, response, &visitor, saved.error());
        }
        errors.push_back({field_name(key), sentence(saved.error().message)});
    }
    if (!errors.empty()) {
        return show_form(site, response, visitor, settings_form(), values, errors, 400);
    }
    site.notices.leave(visitor.csrf_token, kGovernance,
                       changes.empty() ? "The report settings are unchanged."
                                       : "The report settings have been saved.");
    response.set_redirect(kGovernance, 303);
}

// --- a body's report profile -----------------------------------------------------------------

struct SectionWords {
    const char* id;
    const char* label;
};

constexpr SectionWords kSections[] = {
    {reporting::kSectionSummary, "Executive summary"},
    {reporting::kSectionReport, "Executive report"},
    {reporting::kSectionIndicators, "Performance figures"},
    {reporting::kSectionChanges, "Changes since the last report"},
    {reporting::kSectionAppendix, "Appendix A: the plan"},
    {reporting::kSectionCases, "Cases out of timescale"},
};

Result<domain::GovernanceBody> find_body(app::ReportService& reports, const std::string& id) {
    auto bodies = reports.bodies();
    if (!bodies) return fail(bodies.error());
    for (const auto& body : *bodies) {
        if (body.id == id) return body;
    }
    return fail(ErrorKind::NotFound, "There is no governance body " + id + ".", "body");
}

Form profile_form(const domain::GovernanceBody& body) {
    Form form;
    form.caption = body.name;
    form.heading = "What the report holds";
    form.intro = body.is_public
                     ? body.name + " is a public body: its reports are published, so they never "
                                   "hold case-level content."
                     : "Case-level content lists children's cases out of timescale: allow it only "
                       "for a body whose members may see it.";
    form.action = "/governance/bodies/" + url_encode(body.id) + "/profile";
    form.back = kGovernance;
    form.section = "governance";
    Field sections;
    sections.kind = Field::Kind::Checkboxes;
    sections.name = "sections";
    sections.label = "Sections";
    sections.hint = "Leave every box empty for every section.";
    for (const auto& section : kSections) sections.options.push_back({section.id, section.label, ""});
    form.fields.push_back(sections);
    Field indicators;
    indicators.kind = Field::Kind::Checkboxes;
    indicators.name = "indicators";
    indicators.label = "Indicators";
    indicators.hint = "Leave every box empty for every indicator.";
    for (const auto& definition : domain::indicator_definitions()) {
        indicators.options.push_back(
            {std::string(definition.key), std::string(definition.title), ""});
    }
    form.fields.push_back(indicators);
    if (!body.is_public) {
        Field case_level;
        case_level.kind = Field::Kind::Radios;
        case_level.name = "case_level";
        case_level.label = "May the report hold case-level content?";
        case_level.options = {{"no", "No", ""}, {"yes", "Yes", "Only leads, editors and "
                                                               "administrators can then read it"}};
        form.fields.push_back(case_level);
    }
    return form;
}

void get_profile(Site& site, const Request& request, Response& response, const Visitor& visitor) {
    if (!editor_only(site, response, visitor) || !reporting_available(site, response, visitor)) {
        return;
    }
    auto& reports = *site.services.reports;
    auto body = find_body(reports, request.matches[1].str());
    if (!body) return store_failure(site, response, &visitor, body.error());
    auto profile = reports.profile(body->id);
    if (!profile) return store_failure(site, response, &visitor, profile.error());
    FormValues values;
    values["sections"] = profile->sections;
    values["indicators"] = profile->indicators;
    values["case_level"] = {profile->case_level_allowed ? "yes" : "no"};
    show_form(site, response, visitor, profile_form(*body), values, {}, 200);
}

void post_profile(Site& site, const Request& request, Response& response, const Visitor& visitor) {
    if (!editor_only(site, response, visitor) || !reporting_available(site, response, visitor)) {
        return;
    }
    if (!form_allowed(site, request, response, visitor)) return;
    auto& reports = *site.services.reports;
    auto body = find_body(reports, request.matches[1].str());
    if (!body) return store_failure(site, response, &visitor, body.error());
    FormValues values = values_from(request);
    const Form form = profile_form(*body);
    std::vector<FieldError> errors;
    storage::ReportProfile profile;
    profile.body_id = body->id;
    // Only the choices offered are taken.
    for (const auto& field : form.fields) {
        if (field.kind != Field::Kind::Checkboxes) continue;
        auto& chosen = field.name == "sections" ? profile.sections : profile.indicators;
        for (const auto& option : field.options) {
            const auto& ticked = values[field.name];
            if (std::find(ticked.begin(), ticked.end(), option.value) != ticked.end()) {
                chosen.push_back(option.value);
            }
        }
    }
    const std::string case_level = one(values, "case_level");
    if (!body->is_public && case_level != "yes" && case_level != "no") {
        errors.push_back({"case_level-no", "Select whether the report may hold case-level content"});
    }
    // A public body is offered no choice: a form that says yes anyway is not taken at its word.
    profile.case_level_allowed = !body->is_public && case_level == "yes";
    if (!errors.empty()) return show_form(site, response, visitor, form, values, errors, 400);
    auto saved = reports.set_profile(profile, visitor.person.name);
    if (!saved) {
        if (saved.error().kind == ErrorKind::Unavailable) {
            return store_failure(site, response, &visitor, saved.error());
        }
        errors.push_back({saved.error().field == "case_level" ? "case_level-no" : "sections",
                          sentence(saved.error().message)});
        return show_form(site, response, visitor, form, values, errors,
                         saved.error().kind == ErrorKind::Conflict ? 409 : 400);
    }
    site.notices.leave(visitor.csrf_token, kGovernance,
                       "What the report to " + body->name + " holds has been saved.");
    response.set_redirect(kGovernance, 303);
}

// --- the API ---------------------------------------------------------------------------------

Json settings_json(const storage::ReportSettings& settings) {
    Json out = Json::object();
    for (const auto& [key, value] : settings) {
        // The mail settings are the server's, not a report's.
        if (key.rfind("smtp.", 0) == 0) continue;
        out[key] = value;
    }
    return out;
}

Json profile_json(const storage::ReportProfile& profile) {
    return {{"body", profile.body_id},
            {"sections", profile.sections},
            {"indicators", profile.indicators},
            {"case_level", profile.case_level_allowed}};
}

void api_get_settings(Site& site, const Request&, Response& response, const Visitor&) {
    if (site.services.reports == nullptr) {
        return send_error(response, 503, "unavailable", "governance reporting is not available");
    }
    auto settings = site.services.reports->settings();
    if (!settings) return send_failure(response, settings.error());
    response.set_content(settings_json(*settings).dump(2) + "\n", "application/json");
}

void api_patch_settings(Site& site, const Request& request, Response& response,
                        const Visitor& visitor) {
    if (!csrf_shown(request, response, visitor)) return;
    if (!may_change(visitor)) {
        return send_error(response, 403, "forbidden",
                          "only an editor or an administrator can change the report settings");
    }
    if (site.services.reports == nullptr) {
        return send_error(response, 503, "unavailable", "governance reporting is not available");
    }
    auto document = parse_object(request.body);
    if (!document) return send_failure(response, document.error());
    for (const auto& [key, value] : document->items()) {
        if (!value.is_string()) {
            return send_error(response, 400, "invalid_input",
                              "the value of '" + key + "' must be a string", key);
        }
        if (key.rfind("smtp.", 0) == 0 || key.rfind("email.", 0) == 0) {
            return send_error(response, 400, "invalid_input",
                              "'" + key + "' is not a report setting", key);
        }
        // What the service would refuse is refused before anything is saved.
        if (auto checked = domain::check_text(key, key, "setting's name"); !checked) {
            return send_failure(response, checked.error());
        }
        if (auto checked = domain::check_text(value.get<std::string>(), key, "value of " + key);
            !checked) {
            return send_failure(response, checked.error());
        }
    }
    for (const auto& [key, value] : document->items()) {
        auto saved =
            site.services.reports->set_setting(key, value.get<std::string>(), visitor.person.name);
        if (!saved) return send_failure(response, saved.error());
    }
    auto settings = site.services.reports->settings();
    if (!settings) return send_failure(response, settings.error());
    response.set_content(settings_json(*settings).dump(2) + "\n", "application/json");
}

void api_get_profile(Site& site, const Request& request, Response& response, const Visitor&) {
    if (site.services.reports == nullptr) {
        return send_error(response, 503, "unavailable", "governance reporting is not available");
    }
    auto profile = site.services.reports->profile(request.matches[1].str());
    if (!profile) return send_failure(response, profile.error());
    response.set_content(profile_json(*profile).dump(2) + "\n", "application/json");
}

Result<std::vector<std::string>> strings_of(const Json& document, const char* key) {
    std::vector<std::string> out;
    if (!document.contains(key)) return out;
    const Json& list = document.at(key);
    if (!list.is_array()) {
        return fail(ErrorKind::InvalidInput, std::string(key) + " must be a list of strings", key);
    }
    for (const auto& item : list) {
        if (!item.is_string()) {
            return fail(ErrorKind::InvalidInput, std::string(key) + " must be a list of strings",
                        key);
        }
        out.push_back(item.get<std::string>());
    }
    return out;
}

void api_put_profile(Site& site, const Request& request, Response& response,
                     const Visitor& visitor) {
    if (!csrf_shown(request, response, visitor)) return;
    if (!may_change(visitor)) {
        return send_error(response, 403, "forbidden",
                          "only an editor or an administrator can change a body's report profile");
    }
    if (site.services.reports == nullptr) {
        return send_error(response, 503, "unavailable", "governance reporting is not available");
    }
    auto document = parse_object(request.body);
    if (!document) return send_failure(response, document.error());
    for (const auto& [key, value] : document->items()) {
        if (key != "sections" && key != "indicators" && key != "case_level") {
            return send_error(response, 400, "invalid_input",
                              "'" + key + "' is not part of a profile", key);
        }
    }
    auto sections = strings_of(*document, "sections");
    if (!sections) return send_failure(response, sections.error());
    for (const auto& section : *sections) {
        if (std::none_of(std::begin(kSections), std::end(kSections),
                         [&](const auto& known) { return section == known.id; })) {
            return send_error(response, 400, "invalid_input",
                              "'" + section + "' is not a section", "sections");
        }
    }
    auto indicators = strings_of(*document, "indicators");
    if (!indicators) return send_failure(response, indicators.error());
    for (const auto& indicator : *indicators) {
        if (domain::find_indicator(indicator) == nullptr) {
            return send_error(response, 400, "invalid_input",
                              "'" + indicator + "' is not an indicator", "indicators");
        }
    }
    bool case_level = false;
    if (document->contains("case_level")) {
        if (!document->at("case_level").is_boolean()) {
            return send_error(response, 400, "invalid_input", "case_level must be true or false",
                              "case_level");
        }
        case_level = document->at("case_level").get<bool>();
    }
    const storage::ReportProfile profile{request.matches[1].str(), *sections, *indicators,
                                         case_level};
    auto saved = site.services.reports->set_profile(profile, visitor.person.name);
    if (!saved) return send_failure(response, saved.error());
    response.set_content(profile_json(profile).dump(2) + "\n", "application/json");
}

}  // namespace

void add_body_pages(httplib::Server& server, Site& site) {
    auto page = [&site](void (*handler)(Site&, const Request&, Response&, const Visitor&)) {
        return signed_in(site, [&site, handler](const Request& request, Response& response,
                                                const Visitor& visitor) {
            handler(site, request, response, visitor);
        });
    };
    auto api = [&site](void (*handler)(Site&, const Request&, Response&, const Visitor&)) {
        return authenticated(site, [&site, handler](const Request& request, Response& response,
                                                    const Visitor& visitor) {
            handler(site, request, response, visitor);
        });
    };
    server.Get(kSettingsPath, page(get_report_settings));
    post(server, site, kSettingsPath, page(post_report_settings));
    server.Get(R"(/governance/bodies/([^/]+)/profile)", page(get_profile));
    post(server, site, R"(/governance/bodies/([^/]+)/profile)", page(post_profile));
    server.Get("/api/v1/report-settings", api(api_get_settings));
    write_route(server, site, WriteMethod::Patch, "/api/v1/report-settings",
                api(api_patch_settings), {});
    server.Get(R"(/api/v1/bodies/([^/]+)/profile)", api(api_get_profile));
    write_route(server, site, WriteMethod::Put, R"(/api/v1/bodies/([^/]+)/profile)",
                api(api_put_profile), {});
}

}  // namespace csip::http
