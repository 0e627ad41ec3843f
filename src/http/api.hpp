// What the JSON API's handlers share (api.cpp, plan_api.cpp): who a request acts for, the CSRF
// check of a write made with the session cookie, and the error documents,
// {"error": {"code", "message", "field"?}}. Private to src/http.
#pragma once

#include <httplib.h>

#include <nlohmann/json.hpp>

#include <functional>
#include <string>
#include <string_view>

#include "domain/result.hpp"
#include "http/site.hpp"

namespace csip::http {

using ApiHandler =
    std::function<void(const httplib::Request&, httplib::Response&, const Visitor&)>;

// Wraps an API route that needs a person: without a valid token or session it answers 401
// with WWW-Authenticate, saying how to be one.
[[nodiscard]] httplib::Server::Handler authenticated(Site& site, ApiHandler handler);

// Whether a write may go ahead: a bearer token needs nothing more, a session cookie (which a
// browser sends with any request to the site) also needs the page's CSRF token in X-CSRF-Token.
// When not, answers 403 csrf.
[[nodiscard]] bool csrf_shown(const httplib::Request& request, httplib::Response& response,
                              const Visitor& visitor);

// Answers with an error document.
void send_error(httplib::Response& response, int status, std::string_view code,
                const std::string& message, const std::string& field = {});
// Answers a failed Result: 400 invalid_input, 403 forbidden, 404 not_found, 409 conflict, 503
// unavailable, with the error's message and field.
void send_failure(httplib::Response& response, const Error& error);

// Parses `text` as one JSON object: InvalidInput when it is not JSON, not an object, or gives a
// key twice (nlohmann-json would keep the last; csip refuses it, as csip-plan/1 does), naming
// that key.
[[nodiscard]] Result<nlohmann::ordered_json> parse_object(std::string_view text);

}  // namespace csip::http
