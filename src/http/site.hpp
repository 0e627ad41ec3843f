// What every page and API handler shares: the services, the parsed templates, the plan cache,
// the assets, and how a request is tied to a person (a session cookie or a bearer token). Private
// to src/http.
#pragma once

#include <httplib.h>

#include <chrono>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "app/import_jobs.hpp"
#include "domain/rights.hpp"
#include "http/assets.hpp"
#include "http/indicator_cache.hpp"
#include "http/plan_cache.hpp"
#include "http/templates.hpp"
#include "http/web_server.hpp"

namespace csip::http {

inline constexpr const char* kSessionCookie = "csip_session";
inline constexpr const char* kLoginCookie = "csip_login";

// Request bodies larger than this are refused, however they are framed: a status update is a few
// kilobytes.
inline constexpr std::size_t kMaximumBody = 1024 * 1024;
// A form that uploads a file (evidence, a plan file) takes up to this: the largest file accepted
// (10 MB of evidence) and the form around it.
inline constexpr std::size_t kMaximumUpload = 11 * 1024 * 1024;
// The most the upload of returns may ever be set to take (the upload_limit_mb setting's most,
// 64 GiB, with room for the multipart framing); it streams to disk (return_pages.cpp).
inline constexpr std::size_t kMaximumReturnsUpload = (std::size_t{64} << 30) + (std::size_t{1} << 20);

// Who a request acts for.
struct Visitor {
    domain::Person person;
    std::string csrf_token;  // the session's; empty for a bearer token, which needs none
    bool by_token = false;
};

// A form field's error, for the error summary and the field itself.
struct FieldError {
    std::string field;    // the input's id, for the summary's link
    std::string message;
};
class Site;
// Whether a form post carries the session's CSRF token; when not, answers with the "form has
// expired" page (403).
[[nodiscard]] bool form_allowed(const Site& site, const httplib::Request& request,
                                httplib::Response& response, const Visitor& visitor);
// A message as a sentence: its first letter a capital.
[[nodiscard]] std::string sentence(std::string message);
// A Content-Disposition value that downloads a file as `file_name`, safe whatever the name holds.
[[nodiscard]] std::string attachment(const std::string& file_name);

// The errors as a GOV.UK error summary's list: field (the link's target) and message.
[[nodiscard]] Data errors_data(const std::vector<FieldError>& errors);

// What a form's redirect leads to says once that it worked ("User j.smith has been added"): the
// words are left here for the session and the page, never carried in the address (where anyone
// could write a link that shows their own words as csip's). Kept for a few minutes, for a
// bounded number of sessions.
class Notices {
  public:
    // Leaves `text` for the session `session` (its CSRF token) to see on `page`.
    void leave(const std::string& session, std::string page, std::string text);
    // The notice left for this session on this page, once; empty when there is none.
    [[nodiscard]] std::string take(const std::string& session, const std::string& page);

  private:
    struct Notice {
        std::string page;
        std::string text;
        std::chrono::steady_clock::time_point left_at;
    };
    std::mutex m_mutex;
    std::unordered_map<std::string, Notice> m_notices;
};

// The sign-in forms this server has handed out. The form's token travels in a cookie and in the
// form; a pair is accepted only if this server issued it (within the last hour, once), so a
// cookie planted by someone else with a matching form field is refused. At most a bounded
// number are remembered; past it the oldest are forgotten (their forms ask again).
class SignInForms {
  public:
    // A new token for a sign-in form.
    [[nodiscard]] std::string issue();
    // Whether `cookie` and `field` are the same token, issued here and not yet used; it is
    // used up either way.
    [[nodiscard]] bool redeem(const std::string& cookie, const std::string& field);

  private:
    std::mutex m_mutex;
    std::unordered_map<std::string, std::chrono::steady_clock::time_point> m_issued;
    std::deque<std::string> m_order;  // oldest first
};

class Site {
public:
    Site(Services services, ServerOptions options);

    Services services;
    ServerOptions options;
    Templates templates;
    PlanCache plans;
    IndicatorCache indicators;
    Assets assets;
    Notices notices;
    SignInForms sign_in_forms;

    // The person the request's session cookie or `Authorization: Bearer` token names; nothing
    // when neither names a valid one.
    [[nodiscard]] Result<std::optional<Visitor>> visitor(const httplib::Request& request);

    // The dashboard's body as last rendered, and what it was rendered from: it changes only when
    // the plan, the indicators or the date do, or a meeting is added through this server (one
    // added from the command line shows with the next of these), and is read more than any other
    // page. While one
    // request renders it again after the plan was merely read again (no write through this
    // server), the others go on with the body they have.
    struct RenderedDashboard {
        std::mutex mutex;
        std::shared_ptr<const domain::Plan> plan;
        std::shared_ptr<const domain::IndicatorReport> indicators;
        std::shared_ptr<const app::IndicatorBenchmarks> benchmarks;
        domain::Date as_of;
        std::uint64_t writes = 0;
        bool rendering = false;
        std::shared_ptr<const std::string> body;
        // Drops the body (a meeting was added, so the last board meeting may have moved).
        void forget() {
            std::lock_guard lock(mutex);
            body.reset();
        }
    };
    RenderedDashboard dashboard;

    // A whole page: `body_template` rendered with `body`, inside the layout with its navigation
    // (`nav` marks the current item) and, for a signed-in visitor, the CSRF meta tag and the
    // sign-out button.
    [[nodiscard]] std::string page(const Visitor* visitor, std::string_view nav,
                                   const std::string& title, std::string_view body_template,
                                   const Data& body, bool has_errors = false,
                                   int refresh_seconds = 0) const;
    // A whole page around a body already rendered; with `refresh_seconds`, the page asks the
    // browser to load it again after that long (a running import's page, without JavaScript).
    [[nodiscard]] std::string layout(const Visitor* visitor, std::string_view nav,
                                     const std::string& title, std::string body,
                                     bool has_errors = false, int refresh_seconds = 0) const;
    // A page saying what went wrong, with its status.
    void message_page(httplib::Response& response, const Visitor* visitor, int status,
                      const std::string& heading, const std::vector<std::string>& paragraphs) const;

    // The imports of uploaded returns, run one at a time (none without indicators). Last, so that
    // it stops before what its jobs call.
    std::unique_ptr<app::ImportJobs> imports;
};

// A page's title, before " – Children's services improvement": what its H1 says, cut at a word
// with an ellipsis past kLongestTitle characters, so that the whole title stays about 65.
inline constexpr std::size_t kLongestTitle = 32;
[[nodiscard]] std::string short_title(const std::string& title);

// The value of cookie `name` in the request, or empty.
[[nodiscard]] std::string cookie(const httplib::Request& request, std::string_view name);
// A Set-Cookie value: HttpOnly, SameSite=Strict, Path `path`, Max-Age `max_age` seconds (0 ends
// it), Secure when asked.
[[nodiscard]] std::string set_cookie(std::string_view name, const std::string& value,
                                     std::string_view path, long long max_age, bool secure);

// A handler for a page that needs a signed-in person.
using PageHandler =
    std::function<void(const httplib::Request&, httplib::Response&, const Visitor&)>;
// Wraps a page: without a session the browser is sent to sign in, and brought back afterwards.
[[nodiscard]] httplib::Server::Handler signed_in(Site& site, PageHandler handler);
// The query or form parameter `name`, or empty.
[[nodiscard]] std::string param(const httplib::Request& request, const char* name);
// `next` when it is a path on this site, else "/": where to go after signing in.
[[nodiscard]] std::string safe_next(const std::string& next);
// Percent-encodes a value for a query string.
[[nodiscard]] std::string url_encode(const std::string& text);
// A page for a failing store (503) or a missing thing (404), with the error's message.
void store_failure(const Site& site, httplib::Response& response, const Visitor* visitor,
                   const Error& error);
// A page saying the person may not do this (403), and why.
void forbidden(const Site& site, httplib::Response& response, const Visitor& visitor,
               const std::string& why);
// The indicator tiles of the dashboard from `report` (the financial year to date), set into
// `body` (has_indicators, indicators, no_indicators), each with its latest published year from
// `benchmarks` when there is one.
void add_indicator_tiles(const Site& site,
                         const Result<std::shared_ptr<const domain::IndicatorReport>>& report,
                         Data& body, const app::IndicatorBenchmarks* benchmarks = nullptr);

// Registers a POST route. Every POST goes through here: its body is read within kMaximumBody
// whatever its framing (a larger one is refused with 413 before more is read, and its connection
// closed), and a form's fields are parsed without cpp-httplib's 8 KB limit on forms.
void post(httplib::Server& server, Site& site, const std::string& pattern,
          httplib::Server::Handler handler);
// The same for any method that writes, with a limit of its own; with `multipart`, a
// multipart/form-data body is read too, its parts into the request's `files` (and the parts that
// are not files into its params).
enum class WriteMethod { Post, Put, Patch };
struct BodyLimit {
    std::size_t most = kMaximumBody;
    bool multipart = false;
};
void write_route(httplib::Server& server, Site& site, WriteMethod method,
                 const std::string& pattern, httplib::Server::Handler handler, BodyLimit limit);
// An API error document: {"error": {"code", "message", "field"?}}.
[[nodiscard]] std::string api_error_body(std::string_view code, const std::string& message,
                                         const std::string& field = {});
// Refuses a request with `status`: a JSON error under /api/, a page elsewhere; `message`
// (default: what the status means) says what is wrong.
void refuse(Site& site, const httplib::Request& request, httplib::Response& response,
            int status, const std::string& message);
// As refuse(), and the connection is closed once the answer has gone (the rest of the request
// is never read).
void refuse_and_close(Site& site, const httplib::Request& request,
                      httplib::Response& response, int status, const std::string& message);

// Registers the pages and the API.
void add_pages(httplib::Server& server, Site& site);
void add_indicator_pages(httplib::Server& server, Site& site);
void add_annex_a_pages(httplib::Server& server, Site& site);
// The published figures beside the council's own: the page, its CSV and its API
// (benchmark_pages.cpp).
void add_benchmark_pages(httplib::Server& server, Site& site);
void add_governance_pages(httplib::Server& server, Site& site);
void add_api(httplib::Server& server, Site& site);
// Editing the plan: its pages (plan_pages.cpp) and its API routes (plan_api.cpp).
void add_plan_pages(httplib::Server& server, Site& site);
void add_plan_api(httplib::Server& server, Site& site);
// The monthly cycle: indicator settings, targets and values entered by hand (settings_pages.cpp);
// reports previewed, downloaded and published, the meetings calendar (report_pages.cpp).
void add_settings_pages(httplib::Server& server, Site& site);
void add_report_pages(httplib::Server& server, Site& site);
// Case data uploaded in the browser and the API: returns, import jobs and their reports
// (return_pages.cpp).
void add_return_pages(httplib::Server& server, Site& site);
// The meetings calendar, its iCalendar feed and the reminders preview (calendar_pages.cpp).
void add_calendar_pages(httplib::Server& server, Site& site);
// The report settings and each body's report profile, edited in the browser and the API
// (body_pages.cpp).
void add_body_pages(httplib::Server& server, Site& site);

}  // namespace csip::http
