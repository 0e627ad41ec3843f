#include "http/indicator_cache.hpp"

namespace csip::http {
namespace {

// Periods kept at once; past it the oldest computed goes.
constexpr std::size_t kPeriodsKept = 8;

}  // namespace

IndicatorCache::IndicatorCache(app::IndicatorService* indicators, app::BenchmarkService* benchmarks,
                               std::chrono::milliseconds max_age)
    : m_indicators(indicators), m_benchmarks(benchmarks), m_max_age(max_age) {}

Result<std::shared_ptr<const domain::IndicatorReport>> IndicatorCache::report(domain::Date from,
                                                                             domain::Date to) {
    if (m_indicators == nullptr) {
        return fail(ErrorKind::Unavailable, "this server was started without the indicators");
    }
    const auto key = std::pair{from, to};
    {
        std::lock_guard lock(m_mutex);
        const auto found = m_entries.find(key);
        if (found != m_entries.end()) {
            auto& entry = found->second;
            if (std::chrono::steady_clock::now() - entry.computed_at < m_max_age || entry.refreshing) {
                return entry.report;
            }
            entry.refreshing = true;
        }
    }
    auto computed = m_indicators->indicators(from, to);
    std::lock_guard lock(m_mutex);
    if (!computed) {
        const auto found = m_entries.find(key);
        if (found != m_entries.end()) found->second.refreshing = false;
        return fail(computed.error());
    }
    auto report = std::make_shared<const domain::IndicatorReport>(std::move(*computed));
    if (m_entries.size() >= kPeriodsKept && m_entries.find(key) == m_entries.end()) {
        auto oldest = m_entries.begin();
        for (auto entry = m_entries.begin(); entry != m_entries.end(); ++entry) {
            if (entry->second.computed_at < oldest->second.computed_at) oldest = entry;
        }
        m_entries.erase(oldest);
    }
    m_entries[key] = Entry{report, std::chrono::steady_clock::now()};
    return report;
}

Result<std::shared_ptr<const app::IndicatorBenchmarks>> IndicatorCache::benchmarks() {
    if (m_benchmarks == nullptr) return std::shared_ptr<const app::IndicatorBenchmarks>();
    {
        std::lock_guard lock(m_mutex);
        if (m_published.benchmarks &&
            (std::chrono::steady_clock::now() - m_published.computed_at < m_max_age ||
             m_published.refreshing)) {
            return m_published.benchmarks;
        }
        m_published.refreshing = true;
    }
    auto computed = m_benchmarks->for_indicators();
    std::lock_guard lock(m_mutex);
    m_published.refreshing = false;
    if (!computed) return fail(computed.error());
    m_published.benchmarks = std::make_shared<const app::IndicatorBenchmarks>(std::move(*computed));
    m_published.computed_at = std::chrono::steady_clock::now();
    return m_published.benchmarks;
}

void IndicatorCache::invalidate() {
    std::lock_guard lock(m_mutex);
    m_entries.clear();
    m_published = Published{};
}

}  // namespace csip::http
