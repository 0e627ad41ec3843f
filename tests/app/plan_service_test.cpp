// PlanService on a SQLite database in a temporary folder, with a fixed clock: what the service
// itself decides beyond the domain's rules and the store's contract.
#include "app/plan_service.hpp"

#include <gtest/gtest.h>

#include "../domain/plan_fixture.hpp"
#include "../support/temp_dir.hpp"
#include "storage/sql/stores.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace csip::app {
namespace {

class PlanServiceTest : public ::testing::Test {
  protected:
    void SetUp() override {
        auto plans = storage::sql::open_plan_store(
            storage::sqlite::connector((m_dir / "csip.db").string()));
        ASSERT_TRUE(plans.has_value()) << plans.error().message;
        m_store = std::move(*plans);
        m_service = std::make_unique<PlanService>(*m_store, m_clock);
        ASSERT_TRUE(m_store->replace_plan(domain::fixture::small_plan(), {}));
    }

    domain::ActionUpdateRequest update() const {
        domain::ActionUpdateRequest request;
        request.status = domain::ActionStatus::InProgress;
        request.rag = domain::Rag::Green;
        request.note = "Audits started";
        request.by = "Head of Service";
        request.on = m_clock.today();
        return request;
    }

    csip::testing::TempDir m_dir;
    domain::FixedClock m_clock{std::chrono::sys_days{std::chrono::year{2015} / 9 / 14} +
                               std::chrono::hours{9}};
    std::unique_ptr<storage::PlanStore> m_store;
    std::unique_ptr<PlanService> m_service;
};

// An action leaves the plan with its commitment or workstream: it takes no status update until
// that is restored, and takes one again once it is.
TEST_F(PlanServiceTest, AnActionInARetiredWorkstreamTakesNoStatusUpdate) {
    auto retired = m_service->change(
        [](const domain::Plan& plan, const domain::EditBy& by) {
            return domain::retire(plan, domain::PlanItem::Workstream, "W1", 1, "merged", by);
        },
        "editor");
    ASSERT_TRUE(retired.has_value()) << retired.error().message;

    auto refused = m_service->update_action("A1", update(), "lead");
    ASSERT_FALSE(refused.has_value());
    EXPECT_EQ(refused.error().kind, ErrorKind::Conflict);
    EXPECT_EQ(refused.error().field, "id");
    EXPECT_FALSE(m_service->history("A1").has_value());  // not in the plan people work from

    auto restored = m_service->change(
        [](const domain::Plan& plan, const domain::EditBy& by) {
            return domain::restore(plan, domain::PlanItem::Workstream, "W1", 2, "back", by);
        },
        "editor");
    ASSERT_TRUE(restored.has_value()) << restored.error().message;
    auto accepted = m_service->update_action("A1", update(), "lead");
    ASSERT_TRUE(accepted.has_value()) << accepted.error().message;
    EXPECT_EQ(accepted->status, domain::ActionStatus::InProgress);
}

}  // namespace
}  // namespace csip::app
