// WebServer: csip's web application on cpp-httplib: server-rendered pages in the GOV.UK Design
// System's markup (every page works without JavaScript), govuk-frontend's assets, and the JSON
// API under /api/v1 (documented by /api/v1/openapi.json). It calls the app layer's use cases and
// nothing below them; who may do what is domain/rights.hpp. Every response carries the security
// headers (a Content-Security-Policy with no inline script, nosniff, a referrer policy, no
// framing). Requests are served by a pool of threads, each keeping its connection while the
// client keeps it alive.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>

#include "app/accounts.hpp"
#include "app/benchmark_service.hpp"
#include "app/indicator_service.hpp"
#include "app/plan_service.hpp"
#include "app/report_service.hpp"
#include "domain/clock.hpp"
#include "domain/result.hpp"

namespace csip::http {

struct ServerOptions {
    // govuk-frontend's dist/govuk folder; empty: default_govuk_assets_dir() (assets.hpp).
    std::string assets_dir;
    // Where uploaded returns are saved while they are imported (each upload in a folder of its
    // own, removed when its import ends); empty: the system's temporary folder ($TMPDIR).
    std::string upload_dir;
    // Threads serving requests. A kept-alive connection holds its thread, so this bounds the
    // connections served at once; more wait their turn.
    std::size_t threads = 128;
    // Open connections at most, served or waiting for a thread; past it a new connection is
    // answered 503 and closed.
    std::size_t max_connections = 1024;
    // Marks cookies Secure: set it when csip is reached over HTTPS (behind a proxy).
    bool secure_cookies = false;
    // How long the pages reuse the plan before reading it again, to see changes made elsewhere
    // (the command line, another server); changes made through this server show at once.
    std::chrono::milliseconds plan_max_age{2000};
    // How long computed indicators are reused: they change when case data is imported.
    std::chrono::milliseconds indicators_max_age{60000};
};

// The use cases the server calls; they must outlive it.
struct Services {
    app::PlanService& plans;
    app::AccountService& accounts;
    const domain::Clock& clock;
    app::IndicatorService* indicators = nullptr;  // none: the indicator pages say so
    app::ReportService* reports = nullptr;  // none: the governance page says so
    app::BenchmarkService* benchmarks = nullptr;  // none: no published figures are shown
};

class WebServer {
public:
    WebServer(Services services, ServerOptions options);
    ~WebServer();
    WebServer(const WebServer&) = delete;
    WebServer& operator=(const WebServer&) = delete;

    // Binds to `host`:`port` (port 0: any free port) and returns the port bound.
    [[nodiscard]] Result<int> bind(const std::string& host, int port);
    // Serves until stop() is called (from another thread or a signal handler's thread).
    void run();
    void stop();
    // Why the pages will be unstyled (govuk-frontend not found), if they will be.
    [[nodiscard]] std::optional<std::string> assets_warning() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace csip::http
