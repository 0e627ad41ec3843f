#include "http/web_server.hpp"

#include <cstdio>
#include <iostream>

#include "http/site.hpp"

namespace csip::http {
namespace {

// The Content-Security-Policy of every response: nothing from elsewhere, no inline script and no
// inline style (csip.js and csip.css are files), no framing, forms posting only here.
constexpr const char* kContentSecurityPolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; manifest-src 'self'; form-action 'self'; base-uri 'none'; "
    "frame-ancestors 'none'";

// Request bodies larger than this are refused: a status update is a few kilobytes.
constexpr std::size_t kMaximumBody = 1024 * 1024;

// How many requests one kept-alive connection may make before the server closes it.
constexpr std::size_t kRequestsPerConnection = 100000;

bool starts_with(std::string_view text, std::string_view prefix) {
    return text.substr(0, prefix.size()) == prefix;
}

}  // namespace

std::string cookie(const httplib::Request& request, std::string_view name) {
    // Cookie: a=1; b=2 (one header, or several).
    const auto count = request.get_header_value_count("Cookie");
    for (std::size_t i = 0; i < count; ++i) {
        const std::string header = request.get_header_value("Cookie", i);
        std::size_t at = 0;
        while (at < header.size()) {
            while (at < header.size() && (header[at] == ' ' || header[at] == ';')) ++at;
            const auto end = std::min(header.find(';', at), header.size());
            const std::string_view pair(header.data() + at, end - at);
            const auto equals = pair.find('=');
            if (equals != std::string_view::npos && pair.substr(0, equals) == name) {
                return std::string(pair.substr(equals + 1));
            }
            at = end;
        }
    }
    return {};
}

std::string set_cookie(std::string_view name, const std::string& value, std::string_view path,
                       long long max_age, bool secure) {
    std::string header = std::string(name) + "=" + value + "; Path=" + std::string(path) +
                         "; Max-Age=" + std::to_string(max_age) + "; HttpOnly; SameSite=Strict";
    if (secure) header += "; Secure";
    return header;
}

// Percent-encodes everything but unreserved characters (RFC 3986), for a value in a query.
std::string url_encode(const std::string& text) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
            c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
            out += c;
        } else {
            out += '%';
            out += kHex[byte >> 4];
            out += kHex[byte & 0xF];
        }
    }
    return out;
}

std::string param(const httplib::Request& request, const char* name) {
    return request.has_param(name) ? request.get_param_value(name) : std::string();
}

// Only a path on this site may be a place to go back to after signing in.
std::string safe_next(const std::string& next) {
    if (next.empty() || next[0] != '/' || next.starts_with("//") ||
        next.find('\\') != std::string::npos || next.find_first_of("\r\n") != std::string::npos) {
        return "/";
    }
    return next;
}

void store_failure(const Site& site, httplib::Response& response, const Visitor* visitor, const Error& error) {
    site.message_page(response, visitor, error.kind == ErrorKind::NotFound ? 404 : 503,
                      error.kind == ErrorKind::NotFound ? "Page not found"
                                                        : "Sorry, the service is unavailable",
                      {error.message});
}

void forbidden(const Site& site, httplib::Response& response, const Visitor& visitor, const std::string& why) {
    site.message_page(response, &visitor, 403, "You cannot do this", {why});
}

// A page for signed-in people: without a session, the browser is sent to sign in and brought
// back afterwards.
httplib::Server::Handler signed_in(Site& site, PageHandler handler) {
    return [&site, handler = std::move(handler)](const httplib::Request& request, httplib::Response& response) {
        auto visitor = site.visitor(request);
        if (!visitor) return store_failure(site, response, nullptr, visitor.error());
        if (!*visitor || (*visitor)->by_token) {
            std::string next = request.path;
            if (request.method != "GET") next = "/";
            response.set_redirect("/login?next=" + url_encode(next), 303);
            return;
        }
        handler(request, response, **visitor);
    };
}

Site::Site(Services the_services, ServerOptions the_options)
    : services(the_services),
      options(std::move(the_options)),
      plans(services.plans, options.plan_max_age),
      indicators(services.indicators, options.indicators_max_age),
      assets(options.assets_dir.empty() ? default_govuk_assets_dir() : options.assets_dir) {}

Result<std::optional<Visitor>> Site::visitor(const httplib::Request& request) {
    const std::string authorization = request.get_header_value("Authorization");
    if (!authorization.empty()) {
        // A request that says who it is by token is judged by the token alone, never by a
        // cookie that happens to travel with it.
        constexpr std::string_view kBearer = "Bearer ";
        if (!starts_with(authorization, kBearer)) return std::optional<Visitor>();
        auto person = services.accounts.authenticate_token(authorization.substr(kBearer.size()));
        if (!person) return fail(person.error());
        if (!*person) return std::optional<Visitor>();
        return std::optional<Visitor>(Visitor{std::move(**person), {}, true});
    }
    const std::string token = cookie(request, kSessionCookie);
    if (token.empty()) return std::optional<Visitor>();
    auto session = services.accounts.session(token);
    if (!session) return fail(session.error());
    if (!*session) return std::optional<Visitor>();
    return std::optional<Visitor>(
        Visitor{std::move((*session)->person), std::move((*session)->csrf_token), false});
}

std::string Site::page(const Visitor* visitor, std::string_view nav, const std::string& title,
                       std::string_view body_template, const Data& body, bool has_errors) const {
    return layout(visitor, nav, title, templates.render(body_template, body), has_errors);
}

std::string Site::layout(const Visitor* visitor, std::string_view nav, const std::string& title,
                         std::string body, bool has_errors) const {
    Data layout;
    layout.set("title", title);
    layout.set("has_errors", has_errors);
    layout.set("body", std::move(body));
    if (visitor != nullptr) {
        const auto& person = visitor->person;
        layout.set("csrf_token", visitor->csrf_token);
        Data who;
        who.set("name", person.name);
        who.set("role", std::string(domain::describe(person.role)));
        who.set("csrf_token", visitor->csrf_token);
        layout.set("person", who);
        struct Item {
            const char* key;
            const char* label;
            const char* href;
            bool shown;
        };
        const Item items[] = {
            {"dashboard", "Dashboard", "/", true},
            {"plan", "Plan", "/plan", true},
            {"my-actions", "My actions", "/my-actions", !person.officer.empty()},
            {"recommendations", "Recommendations", "/recommendations", true},
            {"indicators", "Indicators", "/indicators", true},
            {"governance", "Governance", "/governance", true},
            {"audit", "Audit", "/audit", true},
            {"users", "Users", "/users",
             domain::has_right(person.role, domain::Right::ManageUsers)},
        };
        List list;
        for (const auto& item : items) {
            if (!item.shown) continue;
            Data entry;
            entry.set("label", item.label);
            entry.set("href", item.href);
            entry.set("current", nav == item.key);
            list.push_back(entry);
        }
        layout.set("nav", list);
        layout.set("has_nav", true);
    } else {
        layout.set("csrf_token", false);
        layout.set("person", false);
        layout.set("has_nav", false);
    }
    return templates.render("layout", layout);
}

void Site::message_page(httplib::Response& response, const Visitor* visitor, int status,
                        const std::string& heading,
                        const std::vector<std::string>& paragraphs) const {
    Data body;
    body.set("heading", heading);
    List list;
    for (const auto& paragraph : paragraphs) list.push_back(Data(paragraph));
    body.set("paragraphs", list);
    Data link;
    link.set("href", std::string("/"));
    link.set("label", std::string(visitor != nullptr ? "Go to the dashboard" : "Sign in"));
    if (visitor == nullptr) link.set("href", std::string("/login"));
    body.set("link", link);
    response.status = status;
    response.set_content(page(visitor, "", heading, "message", body), "text/html; charset=utf-8");
}

struct WebServer::Impl {
    Impl(Services services, ServerOptions options) : site(services, std::move(options)) {}
    Site site;
    httplib::Server server;
    int port = 0;
};

WebServer::WebServer(Services services, ServerOptions options)
    : m_impl(std::make_unique<Impl>(services, std::move(options))) {
    auto& server = m_impl->server;
    auto& site = m_impl->site;
    const std::size_t threads = std::max<std::size_t>(site.options.threads, 2);
    server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
    server.set_keep_alive_max_count(kRequestsPerConnection);
    // A response goes out as headers, then body: without TCP_NODELAY the body would wait for
    // the client's delayed acknowledgement of the headers (up to 40 ms on Linux).
    server.set_tcp_nodelay(true);
    server.set_payload_max_length(kMaximumBody);

    server.set_post_routing_handler([](const httplib::Request& request, httplib::Response& response) {
        response.set_header("Content-Security-Policy", kContentSecurityPolicy);
        response.set_header("X-Content-Type-Options", "nosniff");
        response.set_header("Referrer-Policy", "same-origin");
        response.set_header("X-Frame-Options", "DENY");
        response.set_header("Cross-Origin-Opener-Policy", "same-origin");
        if (!starts_with(request.path, "/assets/")) {
            // Pages and API answers hold the plan and who changed it: no shared cache keeps
            // them, and the browser asks again after sign-out.
            response.set_header("Cache-Control", "no-store");
        }
    });
    server.set_exception_handler(
        [&site](const httplib::Request&, httplib::Response& response, std::exception_ptr failure) {
            std::string what = "unknown failure";
            try {
                if (failure) std::rethrow_exception(failure);
            } catch (const std::exception& error) {
                what = error.what();
            } catch (...) {
            }
            std::cerr << "csip serve: unexpected failure: " << what << "\n";
            site.message_page(response, nullptr, 500, "Sorry, there is a problem with csip",
                              {"Try again later. The failure has been written to the server's "
                               "log."});
        });

    server.Get(R"(/assets/(.+))", [&site](const httplib::Request& request,
                                         httplib::Response& response) {
        const auto* asset = site.assets.find(request.matches[1].str());
        if (asset == nullptr) {
            response.status = 404;
            response.set_content("Not found", "text/plain; charset=utf-8");
            return;
        }
        response.set_header("Cache-Control", "public, max-age=3600");
        response.set_content(asset->content, asset->content_type.c_str());
    });
    server.Get("/favicon.ico", [](const httplib::Request&, httplib::Response& response) {
        response.status = 204;
    });

    // A page that does not exist, or a status set without a body: a page that says so (the API
    // writes its own JSON bodies, so this never replaces them).
    server.set_error_handler(httplib::Server::HandlerWithResponse(
        [&site](const httplib::Request& request, httplib::Response& response) {
        if (!response.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        if (starts_with(request.path, "/api/")) {
            response.set_content(
                R"({"error": {"code": "not_found", "message": "there is no such API route; /api/v1/openapi.json lists them"}})",
                "application/json");
            return httplib::Server::HandlerResponse::Handled;
        }
        site.message_page(response, nullptr, response.status,
                          response.status == 404 ? "Page not found" : "Sorry, that did not work",
                          {response.status == 404 ? "Check the address, or start from the dashboard."
                                                  : "Go back and try again."});
        return httplib::Server::HandlerResponse::Handled;
    }));

    add_pages(server, site);
    add_indicator_pages(server, site);
    add_governance_pages(server, site);
    add_api(server, site);
}

WebServer::~WebServer() { stop(); }

Result<int> WebServer::bind(const std::string& host, int port) {
    auto& server = m_impl->server;
    const int bound = port == 0 ? server.bind_to_any_port(host) : (server.bind_to_port(host, port) ? port : -1);
    if (bound < 0) {
        return fail(ErrorKind::Unavailable,
                    "cannot listen on " + host + ":" + std::to_string(port) +
                        ": another program may be using the port; choose another with --port",
                    "port");
    }
    m_impl->port = bound;
    return bound;
}

void WebServer::run() { m_impl->server.listen_after_bind(); }

void WebServer::stop() {
    if (m_impl && m_impl->server.is_running()) m_impl->server.stop();
}

std::optional<std::string> WebServer::assets_warning() const { return m_impl->site.assets.missing(); }

}  // namespace csip::http
