// The JSON API under /api/v1, documented by /api/v1/openapi.json. A request says who it is with
// `Authorization: Bearer TOKEN` (csip token create) or with the session cookie of a signed-in
// browser; a write by cookie also needs the page's CSRF token in `X-CSRF-Token`. Documents are the
// command line's `--format json` (app/documents.hpp). Errors are {"error": {"code", "message",
// "field"?}}: 400 bad input, 401 no credentials, 403 no right, 404 no such thing, 409 a change
// the action's rules refuse, 503 the store unavailable.
#include <algorithm>
#include <functional>
#include <set>
#include <vector>

#include "app/documents.hpp"
#include "domain/plan_summary.hpp"
#include "http/api.hpp"
#include "http/embedded.hpp"
#include "http/indicator_table.hpp"
#include "http/json.hpp"
#include "http/site.hpp"

namespace csip::http {
namespace {

using httplib::Request;
using httplib::Response;

constexpr const char* kJson = "application/json";

}  // namespace

void send_error(Response& response, int status, std::string_view code, const std::string& message,
                const std::string& field) {
    response.status = status;
    response.set_content(api_error_body(code, message, field), kJson);
}

void send_failure(Response& response, const Error& error) {
    switch (error.kind) {
        case ErrorKind::InvalidInput:
            return send_error(response, 400, "invalid_input", error.message, error.field);
        case ErrorKind::NotFound:
            return send_error(response, 404, "not_found", error.message, error.field);
        case ErrorKind::Conflict:
            return send_error(response, 409, "conflict", error.message, error.field);
        case ErrorKind::Forbidden:
            return send_error(response, 403, "forbidden", error.message, error.field);
        case ErrorKind::Unavailable:
            return send_error(response, 503, "unavailable", error.message);
    }
}

// Every route but the OpenAPI document needs a person; 401 says how to be one.
httplib::Server::Handler authenticated(Site& site, ApiHandler handler) {
    return [&site, handler = std::move(handler)](const Request& request, Response& response) {
        auto visitor = site.visitor(request);
        if (!visitor) return send_failure(response, visitor.error());
        if (!*visitor) {
            response.set_header("WWW-Authenticate", "Bearer realm=\"csip\"");
            return send_error(response, 401, "unauthenticated",
                              "sign in, or send 'Authorization: Bearer TOKEN' with a token from "
                              "'csip token create NAME'");
        }
        handler(request, response, **visitor);
    };
}

// A browser's session cookie travels with any request to this site, so a write by cookie must
// also show the page's CSRF token; a bearer token is never sent by a browser on its own.
bool csrf_shown(const Request& request, Response& response, const Visitor& visitor) {
    if (visitor.by_token ||
        app::AccountService::same_secret(request.get_header_value("X-CSRF-Token"),
                                         visitor.csrf_token)) {
        return true;
    }
    send_error(response, 403, "csrf",
               "a write with the session cookie needs the page's CSRF token in the X-CSRF-Token "
               "header (<meta name=\"csrf-token\">)");
    return false;
}

namespace {

Result<domain::Date> date_param(const Request& request, const char* name, domain::Date otherwise) {
    if (!request.has_param(name) || request.get_param_value(name).empty()) return otherwise;
    const std::string text = request.get_param_value(name);
    if (auto date = domain::Date::parse_iso(text)) return *date;
    return fail(ErrorKind::InvalidInput,
                std::string(name) + " '" + text + "' is not a date; write it as YYYY-MM-DD", name);
}

Result<std::shared_ptr<const domain::Plan>> current_plan(Site& site) {
    auto plan = site.plans.plan();
    if (!plan) return fail(plan.error());
    if (!*plan) {
        return fail(ErrorKind::NotFound,
                    "there is no plan yet: import one with 'csip plan import FILE'");
    }
    return *plan;
}

std::string action_json(const domain::Action& action) {
    std::string body = "{\"id\": " + json_string(action.id) +
                       ", \"status\": " + json_string(domain::to_string(action.status)) +
                       ", \"rag\": " +
                       (action.rag ? json_string(domain::to_string(*action.rag)) : "null") +
                       ", \"due\": " + json_string(action.due.iso()) +
                       ", \"original_due\": " + json_string(action.original_due.iso()) +
                       ", \"rescheduled\": " + (action.rescheduled() ? "true" : "false");
    if (!action.updates.empty()) {
        const auto& update = action.updates.back();
        body += ", \"update\": {\"on\": " + json_string(update.on.iso()) +
                ", \"by\": " + json_string(update.by) + ", \"text\": " + json_string(update.text) +
                "}";
    }
    return body + "}\n";
}

void post_update(Site& site, const Request& request, Response& response, const Visitor& visitor) {
    const std::string id = request.matches[1].str();
    // A browser's session cookie travels with any request to this site, so a write by cookie must
    // also show the page's CSRF token; a bearer token is never sent by a browser on its own.
    if (!visitor.by_token &&
        !app::AccountService::same_secret(request.get_header_value("X-CSRF-Token"),
                                          visitor.csrf_token)) {
        return send_error(response, 403, "csrf",
                          "a write with the session cookie needs the page's CSRF token in the "
                          "X-CSRF-Token header (<meta name=\"csrf-token\">)");
    }
    auto plan = current_plan(site);
    if (!plan) return send_failure(response, plan.error());
    const domain::Action* action = (*plan)->find_action(id);
    if (action == nullptr) {
        return send_error(response, 404, "not_found", "there is no action '" + id + "'", "id");
    }
    if (!domain::may_update(visitor.person, *action)) {
        return send_error(response, 403, "forbidden",
                          visitor.person.name + " (" +
                              std::string(domain::describe(visitor.person.role)) +
                              ") may not update action '" + id +
                              "': only its lead officer or an editor may");
    }
    auto body = read_string_object(request.body);
    if (!body) return send_failure(response, body.error());
    static const char* const kKnown[] = {"note", "status", "rag", "due", "reason", "confirm_past"};
    for (const auto& [key, value] : *body) {
        if (std::find(std::begin(kKnown), std::end(kKnown), key) == std::end(kKnown)) {
            return send_error(response, 400, "invalid_input",
                              "\"" + key + "\" is not a member of an update; give note, and "
                              "optionally status, rag, due, reason and confirm_past",
                              key);
        }
    }
    auto member = [&](const char* key) -> std::optional<std::string> {
        const auto found = body->find(key);
        return found == body->end() ? std::nullopt : found->second;
    };

    domain::ActionUpdateRequest update;
    update.note = member("note").value_or("");
    if (update.note.empty()) {
        return send_error(response, 400, "invalid_input",
                          "a status update needs a note: say what has happened since the last one",
                          "note");
    }
    if (const auto status = member("status")) {
        update.status = domain::parse_action_status(*status);
        if (!update.status) {
            return send_error(response, 400, "invalid_input",
                              "status '" + *status + "' is not a status; use not_started, "
                              "in_progress or complete",
                              "status");
        }
    }
    if (const auto rag = member("rag")) {
        update.rag = domain::parse_rag(*rag);
        if (!update.rag) {
            return send_error(response, 400, "invalid_input",
                              "rag '" + *rag + "' is not a RAG; use red, amber or green", "rag");
        }
    }
    if (const auto due = member("due")) {
        update.due = domain::Date::parse_iso(*due);
        if (!update.due) {
            return send_error(response, 400, "invalid_input",
                              "due '" + *due + "' is not a date; write it as YYYY-MM-DD", "due");
        }
    }
    update.reason = member("reason").value_or("");
    if (const auto confirm = member("confirm_past")) {
        if (*confirm != "yes") {
            return send_error(response, 400, "invalid_input",
                              "confirm_past is \"yes\" (a new due date before today is meant), "
                              "or left out",
                              "confirm_past");
        }
        update.confirm_past_due = true;
    }
    update.by = visitor.person.officer.empty() ? visitor.person.name : visitor.person.officer;
    update.on = site.services.clock.today();

    auto updated = site.services.plans.update_action(id, update, visitor.person.name);
    site.plans.invalidate();
    if (!updated) return send_failure(response, updated.error());
    response.status = 201;
    response.set_header("Location", "/api/v1/actions/" + id + "/history");
    response.set_content(action_json(*updated), kJson);
}

std::string token_json(const app::TokenView& token) {
    return "{\"id\": " + json_string(token.id) + ", \"user\": " + json_string(token.user) +
           ", \"label\": " + json_string(token.label) +
           ", \"created_at\": " + json_string(domain::iso_timestamp(token.created_at)) +
           ", \"expires_at\": " + json_string(domain::iso_timestamp(token.expires_at)) +
           ", \"expired\": " + (token.expired ? "true" : "false") + "}";
}

// GET /api/v1/tokens: the caller's own API tokens; an administrator's, everyone's (or ?user=).
void list_tokens(Site& site, const Request& request, Response& response, const Visitor& visitor) {
    const bool admin = domain::has_right(visitor.person.role, domain::Right::ManageUsers);
    std::string user = request.get_param_value("user");
    if (!admin) {
        if (!user.empty() && app::fold_user_name(user) != visitor.person.name) {
            return send_error(response, 403, "forbidden",
                              "only an administrator sees another user's tokens", "user");
        }
        user = visitor.person.name;
    }
    auto tokens = site.services.accounts.tokens(user);
    if (!tokens) return send_failure(response, tokens.error());
    std::string body = "{\"tokens\": [";
    for (std::size_t i = 0; i < tokens->size(); ++i) {
        body += (i == 0 ? "" : ", ") + token_json((*tokens)[i]);
    }
    response.set_content(body + "]}\n", kJson);
}

// POST /api/v1/tokens/{id}/revoke: ends a token of the caller's own, or, for an administrator,
// anyone's.
void revoke_token(Site& site, const Request& request, Response& response, const Visitor& visitor) {
    if (!csrf_shown(request, response, visitor)) return;
    const std::string id = request.matches[1].str();
    if (!domain::has_right(visitor.person.role, domain::Right::ManageUsers)) {
        auto own = site.services.accounts.tokens(visitor.person.name);
        if (!own) return send_failure(response, own.error());
        if (std::none_of(own->begin(), own->end(),
                         [&](const app::TokenView& token) { return token.id == id; })) {
            return send_error(response, 404, "not_found",
                              "you have no API token " + id + " (GET /api/v1/tokens lists yours)",
                              "id");
        }
    }
    auto revoked = site.services.accounts.revoke_token(id, visitor.person.name);
    if (!revoked) return send_failure(response, revoked.error());
    response.set_content(token_json(*revoked) + "\n", kJson);
}

}  // namespace

void add_api(httplib::Server& server, Site& site) {
    server.Get("/api/v1/openapi.json", [](const Request&, Response& response) {
        const auto document = embedded_file("openapi.json");
        response.set_content(std::string(document.value_or("{}")), kJson);
    });

    // GET /api/v1/plan, with the rest of the plan's routes, is in plan_api.cpp.
    server.Get("/api/v1/summary", authenticated(site, [&site](const Request& request,
                                                              Response& response, const Visitor&) {
        const auto as_of = date_param(request, "as_of", site.services.clock.today());
        if (!as_of) return send_failure(response, as_of.error());
        auto plan = current_plan(site);
        if (!plan) return send_failure(response, plan.error());
        response.set_content(app::summary_json(domain::summarise(**plan, *as_of)), kJson);
    }));

    server.Get("/api/v1/coverage", authenticated(site, [&site](const Request& request,
                                                               Response& response, const Visitor&) {
        const auto as_of = date_param(request, "as_of", site.services.clock.today());
        if (!as_of) return send_failure(response, as_of.error());
        auto plan = current_plan(site);
        if (!plan) return send_failure(response, plan.error());
        response.set_content(app::coverage_json(domain::coverage(**plan, *as_of)), kJson);
    }));

    server.Get("/api/v1/indicators", authenticated(site, [&site](const Request& request,
                                                                 Response& response, const Visitor&) {
        // json (the default), or the indicators page's table as a csv or xlsx attachment.
        const std::string format = request.has_param("format") ? request.get_param_value("format")
                                                               : std::string("json");
        const auto table = parse_table_format(format);
        if (format != "json" && !table) {
            return send_error(response, 400, "invalid_input",
                              "format must be json, csv or xlsx", "format");
        }
        const auto to = date_param(request, "to", site.services.clock.today());
        if (!to) return send_failure(response, to.error());
        const auto from = date_param(request, "from", domain::financial_year_start(*to));
        if (!from) return send_failure(response, from.error());
        if (*to < *from) {
            return send_error(response, 400, "invalid_input",
                              "from " + from->iso() + " is after to " + to->iso(), "from");
        }
        auto report = site.indicators.report(*from, *to);
        if (!report) return send_failure(response, report.error());
        if (table) {
            auto file = indicator_table(**report, *table);
            if (!file) return send_failure(response, file.error());
            response.set_header("Content-Disposition", attachment(file->file_name));
            return response.set_content(std::move(file->content), file->content_type);
        }
        response.set_content(app::indicators_json(**report), kJson);
    }));

    server.Get(R"(/api/v1/actions/([A-Za-z0-9._-]+)/history)",
               authenticated(site, [&site](const Request& request, Response& response,
                                           const Visitor&) {
                   auto history = site.services.plans.history(request.matches[1].str());
                   if (!history) return send_failure(response, history.error());
                   response.set_content(app::history_json(*history), kJson);
               }));

    server.Get("/api/v1/tokens", authenticated(site, [&site](const Request& request,
                                                             Response& response,
                                                             const Visitor& visitor) {
                   list_tokens(site, request, response, visitor);
               }));
    post(server, site, R"(/api/v1/tokens/([0-9a-f]+)/revoke)",
         authenticated(site,
                       [&site](const Request& request, Response& response, const Visitor& visitor) {
                           revoke_token(site, request, response, visitor);
                       }));

    post(server, site, R"(/api/v1/actions/([A-Za-z0-9._-]+)/updates)",
         authenticated(site,
                       [&site](const Request& request, Response& response, const Visitor& visitor) {
                           post_update(site, request, response, visitor);
                       }));
}

// Parses `text` as one JSON object. nlohmann-json keeps the last of a key given twice; csip
// refuses it, as it does in csip-plan/1, so the parser's callback watches each object's keys.
Result<nlohmann::ordered_json> parse_object(std::string_view text) {
    using Json = nlohmann::ordered_json;
    std::vector<std::set<std::string>> keys;
    std::string twice;
    const Json::parser_callback_t watch = [&](int, Json::parse_event_t event, Json& parsed) {
        if (event == Json::parse_event_t::object_start) keys.emplace_back();
        if (event == Json::parse_event_t::object_end && !keys.empty()) keys.pop_back();
        if (event == Json::parse_event_t::key && !keys.empty() && parsed.is_string()) {
            const auto& key = parsed.get_ref<const std::string&>();
            if (!keys.back().insert(key).second && twice.empty()) twice = key;
        }
        return true;
    };
    Json parsed = Json::parse(text, watch, false);
    if (parsed.is_discarded()) {
        return fail(ErrorKind::InvalidInput,
                    "the body is not JSON (or not UTF-8): send one JSON object");
    }
    if (!parsed.is_object()) {
        return fail(ErrorKind::InvalidInput, "the body must be one JSON object, {...}");
    }
    if (!twice.empty())
        return fail(ErrorKind::InvalidInput, "\"" + twice + "\" is given twice", twice);
    return parsed;
}

}  // namespace csip::http
