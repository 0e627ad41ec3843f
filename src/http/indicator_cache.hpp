// The indicators as the pages and the API read them: computed through IndicatorService for a
// period and reused until older than `max_age`, since computing reads every case-level record and
// the dashboard is read far more often than data is imported. Past its age, one request computes
// the period again while the others go on with the figures they have, so that a busy server does
// not compute them once per request waiting. A few periods are kept at once. The published
// figures beside each indicator (app::BenchmarkService::for_indicators, which reads every figure
// held) are kept the same way and for as long, and forgotten with the indicators.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <utility>

#include "app/benchmark_service.hpp"
#include "app/indicator_service.hpp"
#include "domain/date.hpp"
#include "domain/result.hpp"

namespace csip::http {

class IndicatorCache {
public:
    IndicatorCache(app::IndicatorService* indicators, app::BenchmarkService* benchmarks,
                   std::chrono::milliseconds max_age);

    // Whether indicators can be computed at all (the server was given the service).
    [[nodiscard]] bool available() const { return m_indicators != nullptr; }
    [[nodiscard]] Result<std::shared_ptr<const domain::IndicatorReport>> report(domain::Date from,
                                                                                domain::Date to);
    // Each indicator's published figures for the council set; none when the server has no
    // benchmarks.
    [[nodiscard]] Result<std::shared_ptr<const app::IndicatorBenchmarks>> benchmarks();
    void invalidate();

private:
    struct Entry {
        std::shared_ptr<const domain::IndicatorReport> report;
        std::chrono::steady_clock::time_point computed_at;
        bool refreshing = false;  // a request is computing it again
    };
    app::IndicatorService* m_indicators;
    app::BenchmarkService* m_benchmarks;
    std::chrono::milliseconds m_max_age;
    std::mutex m_mutex;
    std::map<std::pair<domain::Date, domain::Date>, Entry> m_entries;
    struct Published {
        std::shared_ptr<const app::IndicatorBenchmarks> benchmarks;
        std::chrono::steady_clock::time_point computed_at;
        bool refreshing = false;
    };
    Published m_published;
};

}  // namespace csip::http
