#include "test_server.hpp"

#include <gtest/gtest.h>

#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <stdexcept>

#include "app/demo.hpp"
#include "storage/postgres/postgres_store.hpp"
#include "storage/sql/stores.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace csip::testing {
namespace {

using namespace std::chrono_literals;

template <typename T>
T must(Result<T> result, const char* what) {
    if (!result) throw std::runtime_error(std::string(what) + ": " + result.error().message);
    return std::move(result).value();
}

app::AccountSettings test_settings() {
    app::AccountSettings settings;
    settings.hashing = app::PasswordHashing::Fast;
    settings.slow_step = 0ms;
    settings.failures_before_lock = 3;
    return settings;
}

}  // namespace

TestServer::TestServer(TestServerOptions setup)
    : m_database(storage::harness::create_test_database(setup.backend)),
      m_clock(std::chrono::sys_days{std::chrono::year{2015} / 9 / 15} + 9h) {
    const std::string location = m_database->location();
    const auto connector = setup.backend == Backend::Sqlite
                               ? storage::sqlite::connector(location)
                               : storage::postgres::connector(location);
    m_plan_store = must(storage::sql::open_plan_store(connector), "plan store");
    m_case_store = must(storage::sql::open_case_store(connector), "case store");
    m_account_store = must(storage::sql::open_account_store(connector), "account store");
    m_report_store = must(storage::sql::open_report_store(connector), "report store");
    if (setup.demo && setup.case_data) {
        must(app::create_demo(*m_plan_store, *m_case_store, m_clock), "demo");
    } else if (setup.demo) {
        must(app::create_demo(*m_plan_store, m_clock), "demo plan");
    }
    m_plans = std::make_unique<app::PlanService>(*m_plan_store, m_clock);
    m_accounts = std::make_unique<app::AccountService>(*m_account_store, m_clock, test_settings());
    m_indicators = std::make_unique<app::IndicatorService>(*m_plan_store, *m_case_store, m_clock);
    m_reports = std::make_unique<app::ReportService>(*m_plan_store, *m_report_store, m_clock,
                                                     app::indicator_source(*m_indicators),
                                                     app::exception_source(*m_indicators));
    m_benchmarks = std::make_unique<app::BenchmarkService>(*m_case_store, *m_indicators, m_clock);
    must(m_accounts->add_user("admin", domain::Role::Admin, "", kPassword, "test"), "admin");
    must(m_accounts->add_user("editor", domain::Role::Editor, "", kPassword, "test"), "editor");
    must(m_accounts->add_user("lead", domain::Role::Lead, kLeadOfficer, kPassword, "test"), "lead");
    must(m_accounts->add_user("other.lead", domain::Role::Lead, "Principal Social Worker",
                              kPassword, "test"),
         "other lead");
    must(m_accounts->add_user("viewer", domain::Role::Viewer, "", kPassword, "test"), "viewer");

    http::ServerOptions options;
    options.threads = 8;
    options.plan_max_age = 0ms;
    m_server = std::make_unique<http::WebServer>(
        http::Services{*m_plans, *m_accounts, m_clock, m_indicators.get(), m_reports.get(),
                       m_benchmarks.get()},
        options);
    m_port = must(m_server->bind("127.0.0.1", 0), "bind");
    m_thread = std::thread([this] { m_server->run(); });
    // Ready when it answers.
    for (int attempt = 0; attempt < 500; ++attempt) {
        auto probe = client();
        if (probe.Get("/login")) return;
        std::this_thread::sleep_for(10ms);
    }
    throw std::runtime_error("the test server did not start");
}

TestServer::~TestServer() {
    m_server->stop();
    if (m_thread.joinable()) m_thread.join();
}

httplib::Client TestServer::client() const {
    httplib::Client client("127.0.0.1", m_port);
    client.set_read_timeout(30, 0);
    return client;
}

httplib::Headers TestServer::bearer(const std::string& user) {
    auto& token = m_tokens[user];
    if (token.empty()) {
        auto made = m_accounts->create_token(user, "test");
        EXPECT_TRUE(made.has_value()) << (made ? std::string() : made.error().message);
        if (made) token = made->secret;
    }
    return {{"Authorization", "Bearer " + token}};
}

Browser signed_in(const TestServer& server, const std::string& user) {
    Browser browser(server);
    EXPECT_TRUE(browser.sign_in(user)) << user;
    return browser;
}

httplib::Headers Browser::headers(const httplib::Headers& extra) const {
    httplib::Headers all = extra;
    std::string cookies;
    for (const auto& [name, value] : m_cookies) {
        if (!cookies.empty()) cookies += "; ";
        cookies += name + "=" + value;
    }
    if (!cookies.empty()) all.emplace("Cookie", cookies);
    return all;
}

void Browser::keep_cookies(const httplib::Result& result) {
    if (!result) return;
    const auto count = result->get_header_value_count("Set-Cookie");
    for (std::size_t i = 0; i < count; ++i) {
        const std::string header = result->get_header_value("Set-Cookie", i);
        const auto equals = header.find('=');
        const auto end = header.find(';');
        const std::string name = header.substr(0, equals);
        const std::string value = header.substr(equals + 1, end - equals - 1);
        if (header.find("Max-Age=0") != std::string::npos || value.empty()) {
            m_cookies.erase(name);
        } else {
            m_cookies[name] = value;
        }
    }
}

httplib::Result Browser::get(const std::string& path) {
    auto result = m_client.Get(path, headers());
    keep_cookies(result);
    return result;
}

httplib::Result Browser::post_form(const std::string& path, const httplib::Params& form) {
    auto result = m_client.Post(path, headers(), form);
    keep_cookies(result);
    return result;
}

httplib::Result Browser::post_multipart(const std::string& path,
                                        const httplib::MultipartFormDataItems& parts) {
    auto result = m_client.Post(path, headers(), parts);
    keep_cookies(result);
    return result;
}

httplib::Result Browser::post_json(const std::string& path, const std::string& body,
                                   const httplib::Headers& extra) {
    auto result = m_client.Post(path, headers(extra), body, "application/json");
    keep_cookies(result);
    return result;
}

bool Browser::sign_in(const std::string& user, const std::string& password) {
    auto form = get("/login");
    if (!form) return false;
    const std::string token = attribute_after(form->body, "name=\"csrf_token\"", "value");
    auto result = post_form(
        "/login",
        {{"username", user}, {"password", password}, {"csrf_token", token}, {"next", "/"}});
    return result && result->status == 303 && m_cookies.count("csip_session") == 1;
}

httplib::Result Browser::submit(const std::string& path, httplib::Params form) {
    form.emplace("csrf_token", csrf_token());
    return post_form(path, form);
}

std::string Browser::csrf_token() {
    auto page = get("/");
    if (!page) return {};
    return attribute_after(page->body, "name=\"csrf-token\"", "content");
}

std::string Browser::cookie(const std::string& name) const {
    const auto found = m_cookies.find(name);
    return found == m_cookies.end() ? std::string() : found->second;
}

std::string raw_exchange(int port, const std::string& request, std::chrono::milliseconds wait) {
    const int sock = ::socket(AF_INET, SOCK_STREAM, 0);
    if (sock < 0) throw std::runtime_error("no socket");
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(sock, reinterpret_cast<const sockaddr*>(&address), sizeof(address)) != 0) {
        ::close(sock);
        throw std::runtime_error("cannot connect to the test server");
    }
    const auto until = std::chrono::steady_clock::now() + wait;
    std::string answer;
    std::size_t sent = 0;
    bool open = true;
    char buffer[4096];
    while (open && std::chrono::steady_clock::now() < until) {
        pollfd descriptor{sock, static_cast<short>(POLLIN | (sent < request.size() ? POLLOUT : 0)),
                          0};
        if (::poll(&descriptor, 1, 20) <= 0) continue;
        if ((descriptor.revents & (POLLIN | POLLHUP | POLLERR)) != 0) {
            const ssize_t n = ::recv(sock, buffer, sizeof(buffer), 0);
            if (n <= 0) break;
            answer.append(buffer, static_cast<std::size_t>(n));
        }
        if ((descriptor.revents & POLLOUT) != 0 && sent < request.size()) {
            const ssize_t n =
                ::send(sock, request.data() + sent,
                       std::min<std::size_t>(request.size() - sent, 65536), MSG_NOSIGNAL);
            if (n < 0)
                open = false;
            else
                sent += static_cast<std::size_t>(n);
        }
    }
    // What is still on its way after a failed send.
    while (!open) {
        pollfd descriptor{sock, POLLIN, 0};
        if (::poll(&descriptor, 1, 200) <= 0) break;
        const ssize_t n = ::recv(sock, buffer, sizeof(buffer), 0);
        if (n <= 0) break;
        answer.append(buffer, static_cast<std::size_t>(n));
    }
    ::close(sock);
    return answer;
}

int raw_status(const std::string& response) {
    int status = 0;
    if (std::sscanf(response.c_str(), "HTTP/1.%*d %d", &status) != 1) return 0;
    return status;
}

std::string chunked(const std::string& body, std::size_t chunk, bool end) {
    std::string out;
    for (std::size_t at = 0; at < body.size(); at += chunk) {
        const std::size_t size = std::min(chunk, body.size() - at);
        char length[32];
        std::snprintf(length, sizeof(length), "%zx\r\n", size);
        out += length;
        out.append(body, at, size);
        out += "\r\n";
    }
    if (end) out += "0\r\n\r\n";
    return out;
}

std::string attribute_after(const std::string& html, const std::string& marker,
                            const std::string& attribute) {
    const auto at = html.find(marker);
    if (at == std::string::npos) return {};
    const auto start = html.rfind('<', at);
    const auto end = html.find('>', at);
    const std::string element = html.substr(start, end - start);
    const auto key = element.find(attribute + "=\"");
    if (key == std::string::npos) return {};
    const auto value = key + attribute.size() + 2;
    return element.substr(value, element.find('"', value) - value);
}

}  // namespace csip::testing
