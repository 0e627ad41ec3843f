#include "http/plan_cache.hpp"

namespace csip::http {

PlanCache::PlanCache(app::PlanService& plans, std::chrono::milliseconds max_age)
    : m_plans(plans), m_max_age(max_age) {}

Result<std::shared_ptr<const domain::Plan>> PlanCache::plan() {
    std::uint64_t version = 0;
    {
        std::lock_guard lock(m_mutex);
        if (m_loaded && std::chrono::steady_clock::now() - m_loaded_at < m_max_age) return m_plan;
        // Past its age, one request reloads while the others go on with the copy they have: it
        // was current moments ago. After invalidate() there is no copy, and each request waits
        // for a fresh read.
        if (m_loaded && m_reloading) return m_plan;
        m_reloading = true;
        version = m_version;
    }
    auto loaded = m_plans.plan();
    struct Done {
        PlanCache& cache;
        ~Done() {
            std::lock_guard lock(cache.m_mutex);
            cache.m_reloading = false;
        }
    } done{*this};
    std::shared_ptr<const domain::Plan> plan;
    if (loaded) {
        plan = std::make_shared<const domain::Plan>(std::move(*loaded));
    } else if (loaded.error().kind != ErrorKind::NotFound) {
        return fail(loaded.error());
    }
    std::lock_guard lock(m_mutex);
    if (version == m_version) {
        m_plan = plan;
        m_loaded = true;
        m_loaded_at = std::chrono::steady_clock::now();
    }
    return plan;
}

void PlanCache::invalidate() {
    std::lock_guard lock(m_mutex);
    ++m_version;
    m_loaded = false;
    m_plan.reset();
}

std::uint64_t PlanCache::writes() {
    std::lock_guard lock(m_mutex);
    return m_version;
}

}  // namespace csip::http
