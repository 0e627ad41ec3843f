#include "http/web_server.hpp"

#include <algorithm>
#include <cstdio>
#include <iostream>

#include "http/connection.hpp"
#include "http/json.hpp"
#include "http/site.hpp"

namespace csip::http {
namespace {

// The Content-Security-Policy of every response: nothing from elsewhere, no inline script and no
// inline style (csip.js and csip.css are files), no framing, forms posting only here.
constexpr const char* kContentSecurityPolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; manifest-src 'self'; form-action 'self'; base-uri 'none'; "
    "frame-ancestors 'none'";

// How many requests one kept-alive connection may make before the server closes it.
constexpr std::size_t kRequestsPerConnection = 100000;

bool starts_with(std::string_view text, std::string_view prefix) {
    return text.substr(0, prefix.size()) == prefix;
}

bool is_api(const httplib::Request& request) { return starts_with(request.path, "/api/"); }

// Why a body was not read.
enum class BodyRead { Read, TooLarge, Unsupported, Unreadable };

// Reads the body of `request` into `body`, never holding more than kMaximumBody of it: a
// Content-Length over the limit is refused before anything is read, and a chunked body as soon
// as it passes the limit.
BodyRead read_body(const httplib::Request& request, const httplib::ContentReader& reader,
                   std::size_t most, std::string& body) {
    if (request.is_multipart_form_data()) return BodyRead::Unsupported;
    const bool has_length = request.has_header("Content-Length");
    const bool has_coding = request.has_header("Transfer-Encoding");
    if (has_coding) {
        // Both framings at once is how requests are smuggled past a proxy; any coding but
        // chunked is one cpp-httplib would read to the end of the connection.
        if (has_length || request.get_header_value("Transfer-Encoding") != "chunked") {
            return BodyRead::Unreadable;
        }
    } else if (!has_length) {
        return BodyRead::Read;  // no body (RFC 9112 section 6.3)
    } else {
        const std::string length = request.get_header_value("Content-Length");
        if (length.empty() || length.size() > 19 ||
            length.find_first_not_of("0123456789") != std::string::npos) {
            return BodyRead::Unreadable;
        }
        if (std::stoull(length) > most) return BodyRead::TooLarge;
        if (length == "0") return BodyRead::Read;
    }
    bool too_large = false;
    const bool read = reader([&](const char* data, std::size_t size) {
        if (body.size() + size > most) {
            too_large = true;
            return false;
        }
        body.append(data, size);
        return true;
    });
    if (too_large) return BodyRead::TooLarge;
    return read ? BodyRead::Read : BodyRead::Unreadable;
}

// Reads a multipart/form-data body into `request`'s files (every part, by name) and params (the
// parts that are not files), never holding more than `most` bytes of it.
BodyRead read_multipart(const httplib::ContentReader& reader, std::size_t most,
                        httplib::Request& request) {
    if (request.has_header("Content-Length")) {
        const std::string length = request.get_header_value("Content-Length");
        if (length.empty() || length.size() > 19 ||
            length.find_first_not_of("0123456789") != std::string::npos) {
            return BodyRead::Unreadable;
        }
        if (std::stoull(length) > most) return BodyRead::TooLarge;
    }
    std::size_t total = 0;
    bool too_large = false;
    std::vector<httplib::MultipartFormData> parts;
    const bool read = reader(
        [&](const httplib::MultipartFormData& header) {
            if (parts.size() >= 64) return false;
            parts.push_back(header);
            return true;
        },
        [&](const char* data, std::size_t size) {
            total += size;
            if (total > most || parts.empty()) {
                too_large = total > most;
                return false;
            }
            parts.back().content.append(data, size);
            return true;
        });
    if (too_large) return BodyRead::TooLarge;
    if (!read) return BodyRead::Unreadable;
    for (auto& part : parts) {
        if (part.filename.empty()) request.params.emplace(part.name, part.content);
        request.files.emplace(part.name, std::move(part));
    }
    return BodyRead::Read;
}

constexpr const char* kTooLargeMessage =
    "the request body is larger than 1 MB (1048576 bytes), the most csip accepts";

// What the error handler says for a status set without a body: the API's code and message, and
// a page's heading and paragraph.
struct StatusWords {
    const char* code;
    const char* message;
    const char* heading;
    const char* paragraph;
};

StatusWords words_for(int status) {
    switch (status) {
        case 400:
            return {"invalid_input",
                    "the request could not be read: check its request line, headers and body",
                    "Sorry, that did not work", "Go back and try again."};
        case 404:
            return {"not_found", "there is no such API route; /api/v1/openapi.json lists them",
                    "Page not found", "Check the address, or start from the dashboard."};
        case 405:
            return {"method_not_allowed", "this route does not take that method",
                    "Sorry, that did not work", "Go back and try again."};
        case 413:
            return {"too_large", kTooLargeMessage, "What you sent is too large",
                    "A form can send at most 1 MB. Go back, shorten the longest text and send it "
                    "again."};
        case 414:
            return {"too_large", "the address is longer than 8192 characters",
                    "The address is too long", "Check the address, or start from the dashboard."};
        case 415:
            return {"unsupported_media_type",
                    "send the body as application/json (the API) or as a form, uncompressed or "
                    "gzip",
                    "Sorry, that did not work", "Go back and try again."};
        case 500:
            return {"internal_error",
                    "csip failed unexpectedly; the failure has been written to the server's log",
                    "Sorry, there is a problem with csip",
                    "Try again later. The failure has been written to the server's log."};
        case 503:
            return {"unavailable", "the service is unavailable; try again in a few seconds",
                    "Sorry, the service is unavailable", "Try again in a few seconds."};
        default:
            return {status >= 500 ? "internal_error" : "invalid_input", "the request failed",
                    "Sorry, that did not work", "Go back and try again."};
    }
}

}  // namespace

bool form_allowed(const Site& site, const httplib::Request& request, httplib::Response& response,
                  const Visitor& visitor) {
    if (app::AccountService::same_secret(param(request, "csrf_token"), visitor.csrf_token)) {
        return true;
    }
    site.message_page(response, &visitor, 403, "This form has expired",
                      {"Go back, reload the page and try again."});
    return false;
}

std::string sentence(std::string message) {
    if (!message.empty() && message[0] >= 'a' && message[0] <= 'z') {
        message[0] = static_cast<char>(message[0] - 'a' + 'A');
    }
    return message;
}

std::string attachment(const std::string& file_name) {
    // The plain name for every browser: no quote, backslash or control character can end it
    // early; and RFC 6266's filename* with the name as given, percent-encoded in UTF-8.
    std::string plain;
    std::string encoded;
    static constexpr char kHex[] = "0123456789ABCDEF";
    for (const char c : file_name) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte >= 0x20 && byte < 0x7f && c != '"' && c != '\\') plain.push_back(c);
        const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                                (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_';
        if (unreserved) {
            encoded.push_back(c);
        } else {
            encoded += '%';
            encoded += kHex[byte >> 4];
            encoded += kHex[byte & 0xF];
        }
    }
    if (plain.empty()) plain = "download";
    return "attachment; filename=\"" + plain + "\"; filename*=UTF-8''" + encoded;
}

Data errors_data(const std::vector<FieldError>& errors) {
    List list;
    for (const auto& error : errors) {
        Data item;
        item.set("field", error.field);
        item.set("message", error.message);
        list.push_back(item);
    }
    return list;
}

std::string api_error_body(std::string_view code, const std::string& message,
                           const std::string& field) {
    std::string body =
        "{\"error\": {\"code\": " + json_string(code) + ", \"message\": " + json_string(message);
    if (!field.empty()) body += ", \"field\": " + json_string(field);
    return body + "}}\n";
}

void refuse(Site& site, const httplib::Request& request, httplib::Response& response,
            int status, const std::string& message) {
    const StatusWords words = words_for(status);
    response.status = status;
    if (is_api(request)) {
        response.set_content(api_error_body(words.code, message.empty() ? words.message : message),
                             "application/json");
        return;
    }
    // A signed-in person keeps the header and navigation on an error page.
    auto visitor = status == 503 ? Result<std::optional<Visitor>>(std::optional<Visitor>())
                                 : site.visitor(request);
    const Visitor* who = visitor && *visitor && !(*visitor)->by_token ? &**visitor : nullptr;
    site.message_page(response, who, status, words.heading,
                      {message.empty() ? words.paragraph : message});
}

void refuse_and_close(Site& site, const httplib::Request& request,
                      httplib::Response& response, int status, const std::string& message) {
    refuse(site, request, response, status, message);
    response.set_header("Connection", "close");
    close_connection_after_response();
}

void write_route(httplib::Server& server, Site& site, WriteMethod method,
                 const std::string& pattern, httplib::Server::Handler handler, BodyLimit limit) {
    auto route = [&site, handler = std::move(handler), limit](
                     const httplib::Request& request, httplib::Response& response,
                     const httplib::ContentReader& reader) {
        httplib::Request with_body = request;
        const bool multipart = limit.multipart && request.is_multipart_form_data();
        std::string body;
        const BodyRead outcome = multipart ? read_multipart(reader, limit.most, with_body)
                                           : read_body(request, reader, limit.most, body);
        switch (outcome) {
            case BodyRead::Read:
                break;
            case BodyRead::TooLarge:
                // What is left of the body is never read: the connection closes instead.
                return refuse_and_close(
                    site, request, response, 413,
                    limit.most == kMaximumBody
                        ? std::string()
                        : "What you sent is larger than " +
                              std::to_string(limit.most / (1024 * 1024)) +
                              " MB, the most csip accepts here.");
            case BodyRead::Unsupported:
                return refuse_and_close(site, request, response, 415, {});
            case BodyRead::Unreadable:
                return refuse_and_close(site, request, response, 400, {});
        }
        with_body.body = std::move(body);
        if (starts_with(request.get_header_value("Content-Type"),
                        "application/x-www-form-urlencoded")) {
            httplib::detail::parse_query_text(with_body.body, with_body.params);
        }
        handler(with_body, response);
    };
    switch (method) {
        case WriteMethod::Post: server.Post(pattern, std::move(route)); break;
        case WriteMethod::Put: server.Put(pattern, std::move(route)); break;
        case WriteMethod::Patch: server.Patch(pattern, std::move(route)); break;
    }
}

void post(httplib::Server& server, Site& site, const std::string& pattern,
          httplib::Server::Handler handler) {
    write_route(server, site, WriteMethod::Post, pattern, std::move(handler), BodyLimit{});
}

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

// Only a path on this site may be a place to go back to after signing in. Browsers drop tabs
// and newlines from an address and read a backslash as a slash, so "/\t/evil.example/" and
// "/\\evil.example/" lead to another site as "//evil.example/" does: the path must start with one
// slash followed by something else, and hold only printable ASCII other than a backslash, both
// as given and once more percent-decoded.
std::string short_title(const std::string& title) {
    if (title.size() <= kLongestTitle) return title;
    std::size_t cut = title.rfind(' ', kLongestTitle - 3);
    if (cut == std::string::npos || cut < kLongestTitle / 2) cut = kLongestTitle - 3;
    while (cut > 0 && (static_cast<unsigned char>(title[cut]) & 0xC0U) == 0x80U) --cut;
    return title.substr(0, cut) + "\u2026";
}

std::string safe_next(const std::string& next) {
    const auto acceptable = [](std::string_view path) {
        if (path.empty() || path[0] != '/') return false;
        if (path.size() > 1 && path[1] == '/') return false;
        return std::all_of(path.begin(), path.end(), [](char c) {
            const auto byte = static_cast<unsigned char>(c);
            return byte > 0x20 && byte < 0x7f && c != '\\';
        });
    };
    if (!acceptable(next) || !acceptable(httplib::detail::decode_url(next, false))) return "/";
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

namespace {
// How long a notice waits for its page, and for how many sessions at once.
constexpr auto kNoticeKeptFor = std::chrono::minutes(10);
constexpr std::size_t kNoticesKept = 10000;
}  // namespace

void Notices::leave(const std::string& session, std::string page, std::string text) {
    if (session.empty()) return;
    const auto now = std::chrono::steady_clock::now();
    std::lock_guard lock(m_mutex);
    if (m_notices.size() >= kNoticesKept) {
        std::erase_if(m_notices, [&](const auto& entry) {
            return now - entry.second.left_at > kNoticeKeptFor;
        });
        if (m_notices.size() >= kNoticesKept) m_notices.clear();
    }
    m_notices[session] = Notice{std::move(page), std::move(text), now};
}

std::string Notices::take(const std::string& session, const std::string& page) {
    std::lock_guard lock(m_mutex);
    const auto found = m_notices.find(session);
    if (found == m_notices.end() || found->second.page != page) return {};
    std::string text;
    if (std::chrono::steady_clock::now() - found->second.left_at <= kNoticeKeptFor) {
        text = std::move(found->second.text);
    }
    m_notices.erase(found);
    return text;
}

namespace {
// How long a sign-in form stays usable (its cookie's Max-Age), and how many are remembered.
constexpr auto kSignInFormLifetime = std::chrono::hours(1);
constexpr std::size_t kSignInFormsKept = 20000;
}  // namespace

std::string SignInForms::issue() {
    std::string token = app::AccountService::random_secret();
    const auto now = std::chrono::steady_clock::now();
    std::lock_guard lock(m_mutex);
    while (!m_order.empty() && (m_order.size() >= kSignInFormsKept ||
                                now - m_issued[m_order.front()] > kSignInFormLifetime)) {
        m_issued.erase(m_order.front());
        m_order.pop_front();
    }
    m_issued.emplace(token, now);
    m_order.push_back(token);
    return token;
}

bool SignInForms::redeem(const std::string& cookie, const std::string& field) {
    if (!app::AccountService::same_secret(cookie, field)) return false;
    std::lock_guard lock(m_mutex);
    const auto found = m_issued.find(cookie);
    if (found == m_issued.end()) return false;
    const bool fresh = std::chrono::steady_clock::now() - found->second <= kSignInFormLifetime;
    // Its place in m_order goes when it comes to the front; the lookup no longer finds it.
    m_issued.erase(found);
    return fresh;
}

Site::Site(Services the_services, ServerOptions the_options)
    : services(the_services),
      options(std::move(the_options)),
      plans(services.plans, options.plan_max_age),
      indicators(services.indicators, services.benchmarks, options.indicators_max_age),
      assets(options.assets_dir.empty() ? default_govuk_assets_dir() : options.assets_dir) {
    if (services.indicators != nullptr) {
        imports = std::make_unique<app::ImportJobs>(*services.indicators, services.clock, [this] {
            // Returns were stored: the pages work the figures out again.
            indicators.invalidate();
            dashboard.forget();
        });
    }
}

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
                       std::string_view body_template, const Data& body, bool has_errors,
                       int refresh_seconds) const {
    return layout(visitor, nav, title, templates.render(body_template, body), has_errors,
                  refresh_seconds);
}

std::string Site::layout(const Visitor* visitor, std::string_view nav, const std::string& title,
                         std::string body, bool has_errors, int refresh_seconds) const {
    Data layout;
    layout.set("title", short_title(title));
    layout.set("has_errors", has_errors);
    if (refresh_seconds > 0) {
        layout.set("refresh", std::to_string(refresh_seconds));
    } else {
        layout.set("refresh", false);
    }
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
            {"annex-a", "Annex A", "/annex-a",
             domain::has_right(person.role, domain::Right::ReadExceptions)},
            {"benchmarks", "Benchmarks", "/benchmarks", true},
            {"governance", "Governance", "/governance", true},
            {"returns", "Returns", "/returns",
             domain::has_right(person.role, domain::Right::EditPlan)},
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

ConnectionLimits connection_limits(const ServerOptions& options) {
    ConnectionLimits limits;
    limits.threads = options.threads;
    limits.max_connections = options.max_connections;
    // The largest body any route reads (an upload, kMaximumUpload), with room for its chunk
    // framing: each route holds the body itself to its own limit (write_route).
    limits.max_body_wire_bytes = kMaximumUpload + 1024 * 1024;
    return limits;
}

struct WebServer::Impl {
    Impl(Services services, ServerOptions options)
        : site(services, std::move(options)), server(connection_limits(site.options)) {}
    Site site;
    GuardedServer server;
    int port = 0;
};

WebServer::WebServer(Services services, ServerOptions options)
    : m_impl(std::make_unique<Impl>(services, std::move(options))) {
    auto& server = m_impl->server;
    auto& site = m_impl->site;
    server.set_keep_alive_max_count(kRequestsPerConnection);
    // A response goes out as headers, then body: without TCP_NODELAY the body would wait for
    // the client's delayed acknowledgement of the headers (up to 40 ms on Linux).
    server.set_tcp_nodelay(true);
    // Each route that reads a body holds it to its own limit (write_route, and the upload of
    // returns to the upload_limit_mb setting); this is the largest any may be given.
    server.set_payload_max_length(kMaximumReturnsUpload);

    // Before any route: a body on a request that is never read through a content reader (see
    // post()) would be left on the connection, or, for a method cpp-httplib reads whole, read
    // without limit; such a request is refused and its connection closed.
    server.set_pre_routing_handler(
        [&site](const httplib::Request& request, httplib::Response& response) {
            headers_received();
            const bool reads_body = request.method == "POST" || request.method == "PUT" ||
                                    request.method == "PATCH" || request.method == "DELETE";
            if (!reads_body && request.method != "GET" && request.method != "HEAD" &&
                request.method != "OPTIONS") {
                refuse_and_close(site, request, response, 405, {});
                return httplib::Server::HandlerResponse::Handled;
            }
            const bool has_body = request.has_header("Transfer-Encoding") ||
                                  (request.has_header("Content-Length") &&
                                   request.get_header_value("Content-Length") != "0");
            if (!reads_body && has_body) {
                refuse_and_close(site, request, response, 400,
                                 "A " + request.method + " request has no body.");
                return httplib::Server::HandlerResponse::Handled;
            }
            return httplib::Server::HandlerResponse::Unhandled;
        });

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
    server.set_exception_handler([&site](const httplib::Request& request,
                                         httplib::Response& response, std::exception_ptr failure) {
        std::string what = "unknown failure";
        try {
            if (failure) std::rethrow_exception(failure);
        } catch (const std::exception& error) {
            what = error.what();
        } catch (...) {
        }
        std::cerr << "csip serve: unexpected failure: " << what << "\n";
        refuse(site, request, response, 500, {});
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

    // A page that does not exist, or a status set without a body: a page or an API error that
    // says so (the handlers write their own bodies, so this never replaces them).
    server.set_error_handler(httplib::Server::HandlerWithResponse(
        [&site](const httplib::Request& request, httplib::Response& response) {
            if (!response.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
            refuse(site, request, response, response.status, {});
            return httplib::Server::HandlerResponse::Handled;
        }));

    add_pages(server, site);
    add_indicator_pages(server, site);
    add_annex_a_pages(server, site);
    add_benchmark_pages(server, site);
    add_governance_pages(server, site);
    add_plan_pages(server, site);
    add_settings_pages(server, site);
    add_report_pages(server, site);
    add_return_pages(server, site);
    add_calendar_pages(server, site);
    add_body_pages(server, site);
    add_api(server, site);
    add_plan_api(server, site);

    // Last, so that every route above is matched first: any other request with a body is
    // refused without reading the body (cpp-httplib would read it whole, however long).
    const auto no_route = [&site](const httplib::Request& request, httplib::Response& response,
                                  const httplib::ContentReader&) {
        refuse_and_close(site, request, response, 404, {});
    };
    server.Post(".*", no_route);
    server.Put(".*", no_route);
    server.Patch(".*", no_route);
    server.Delete(".*", no_route);
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
