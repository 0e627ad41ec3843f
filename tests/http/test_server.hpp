// A csip web server for one test: the demo authority (plan, governance bodies and case data) in a
// fresh database (a SQLite file in a temporary folder, or a new database on the PostgreSQL server
// CSIP_TEST_POSTGRES_URL names), a user of each role, a fixed clock on the demo's date, and the
// server on a free port of 127.0.0.1, served from a thread until the test ends. Browser-like
// helpers sign in through the real form (with its cookie and CSRF token) and keep the cookies.
#pragma once

#include <httplib.h>

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <thread>

#include "../storage/test_database.hpp"
#include "app/accounts.hpp"
#include "app/benchmark_service.hpp"
#include "app/indicator_service.hpp"
#include "app/plan_service.hpp"
#include "app/report_service.hpp"
#include "http/web_server.hpp"
#include "storage/account_store.hpp"
#include "storage/case_store.hpp"
#include "storage/plan_store.hpp"
#include "storage/report_store.hpp"

namespace csip::testing {

inline constexpr const char* kPassword = "a long test password";
// The officer title the demo plan names as lead of A16-A19, A23, A37, A41, A43, A45 and A49.
inline constexpr const char* kLeadOfficer = "Service Manager, Safeguarding";

using storage::harness::Backend;

struct TestServerOptions {
    // PostgreSQL needs CSIP_TEST_POSTGRES_URL (storage::harness::unavailable_reason says why not).
    Backend backend = Backend::Sqlite;
    // The demo authority; without it the store holds no plan (the users are there).
    bool demo = true;
    // The demo's year of case data behind the indicators; without it, the plan and governance
    // bodies alone (quicker to load, enough for tests of the plan).
    bool case_data = true;
};

class TestServer {
  public:
    TestServer() : TestServer(TestServerOptions{}) {}
    explicit TestServer(TestServerOptions setup);
    ~TestServer();

    [[nodiscard]] int port() const { return m_port; }
    [[nodiscard]] httplib::Client client() const;
    app::AccountService& accounts() { return *m_accounts; }
    app::PlanService& plans() { return *m_plans; }
    app::ReportService& reports() { return *m_reports; }
    app::IndicatorService& indicators() { return *m_indicators; }
    app::BenchmarkService& benchmarks() { return *m_benchmarks; }
    domain::FixedClock& clock() { return m_clock; }
    // The Authorization header of an API token of `user`, made on first use and kept.
    httplib::Headers bearer(const std::string& user);

  private:
    std::unique_ptr<storage::harness::TestDatabase> m_database;
    domain::FixedClock m_clock;
    std::unique_ptr<storage::PlanStore> m_plan_store;
    std::unique_ptr<storage::CaseStore> m_case_store;
    std::unique_ptr<storage::AccountStore> m_account_store;
    std::unique_ptr<storage::ReportStore> m_report_store;
    std::unique_ptr<app::PlanService> m_plans;
    std::unique_ptr<app::AccountService> m_accounts;
    std::unique_ptr<app::IndicatorService> m_indicators;
    std::unique_ptr<app::ReportService> m_reports;
    std::unique_ptr<app::BenchmarkService> m_benchmarks;
    std::unique_ptr<http::WebServer> m_server;
    std::thread m_thread;
    int m_port = 0;
    std::map<std::string, std::string> m_tokens;
};

// Whether `text` holds `part`.
inline bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

// The text between the first `from` and the next `to` after it; empty when either is missing.
inline std::string between(const std::string& text, const std::string& from,
                           const std::string& to) {
    const auto start = text.find(from);
    if (start == std::string::npos) return {};
    const auto end = text.find(to, start + from.size());
    if (end == std::string::npos) return {};
    return text.substr(start + from.size(), end - start - from.size());
}

// A browser: keeps the cookies the server sets and sends them back.
class Browser {
  public:
    explicit Browser(const TestServer& server) : m_client(server.client()) {}

    httplib::Result get(const std::string& path);
    httplib::Result post_form(const std::string& path, const httplib::Params& form);
    // A multipart/form-data form, its parts in the order given (as a browser sends them).
    httplib::Result post_multipart(const std::string& path,
                                   const httplib::MultipartFormDataItems& parts);
    httplib::Result post_json(const std::string& path, const std::string& body,
                              const httplib::Headers& extra = {});
    // Signs in through the form; true when the server answered with a session.
    bool sign_in(const std::string& user, const std::string& password = kPassword);
    // The CSRF token a signed-in page carries in <meta name="csrf-token">.
    std::string csrf_token();
    // The X-CSRF-Token header a page's script sends with an API write made with the cookie.
    httplib::Headers csrf_header() { return {{"X-CSRF-Token", csrf_token()}}; }
    // Posts `form` with the session's CSRF token, as the page's form does.
    httplib::Result submit(const std::string& path, httplib::Params form);
    [[nodiscard]] std::string cookie(const std::string& name) const;
    void forget_cookies() { m_cookies.clear(); }

  private:
    httplib::Headers headers(const httplib::Headers& extra = {}) const;
    void keep_cookies(const httplib::Result& result);

    httplib::Client m_client;
    std::map<std::string, std::string> m_cookies;
};

// A browser signed in as `user` (a failure to sign in fails the test).
Browser signed_in(const TestServer& server, const std::string& user);

// Sends `request` as it is over a new connection to 127.0.0.1:`port` (stopping early if the
// server closes the connection) and returns what the server answers until it closes the
// connection or `wait` passes: for requests no HTTP client library would send.
std::string raw_exchange(int port, const std::string& request,
                         std::chrono::milliseconds wait = std::chrono::seconds(10));
// The status code of a raw HTTP response ("HTTP/1.1 413 ..." gives 413), or 0.
int raw_status(const std::string& response);
// `body` in chunks of `chunk` bytes, in the chunked transfer coding, ended when `end` is true.
std::string chunked(const std::string& body, std::size_t chunk, bool end = true);

// The value of attribute `attribute` of the first element whose text contains `marker`.
std::string attribute_after(const std::string& html, const std::string& marker,
                            const std::string& attribute);

}  // namespace csip::testing
