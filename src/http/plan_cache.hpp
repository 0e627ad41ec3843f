// The plan as the pages and the API read it: loaded through PlanService and shared, read-only, by
// every request until it is changed through this server (which drops it at once) or is older
// than `max_age` (which picks up changes made elsewhere: the command line, another server). Pages
// are read far more often than the plan changes, and a dashboard must not wait for the store.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>

#include "app/plan_service.hpp"
#include "domain/plan.hpp"
#include "domain/result.hpp"

namespace csip::http {

class PlanCache {
public:
    PlanCache(app::PlanService& plans, std::chrono::milliseconds max_age);

    // The current plan; nothing when none has been imported; an error when the store fails.
    [[nodiscard]] Result<std::shared_ptr<const domain::Plan>> plan();
    // Forgets the plan, so that the next request reads the store.
    void invalidate();
    // How many times invalidate() has been called: what is kept beside the plan (a rendered
    // page) may be reused while this stays the same.
    [[nodiscard]] std::uint64_t writes();

private:
    app::PlanService& m_plans;
    std::chrono::milliseconds m_max_age;
    std::mutex m_mutex;
    std::shared_ptr<const domain::Plan> m_plan;
    bool m_loaded = false;
    bool m_reloading = false;
    std::chrono::steady_clock::time_point m_loaded_at;
    std::uint64_t m_version = 0;  // bumped by invalidate(), so a slow load cannot undo it
};

}  // namespace csip::http
