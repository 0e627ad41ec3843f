#include "domain/plan_audit.hpp"

#include <gtest/gtest.h>

#include "plan_fixture.hpp"

namespace csip::domain {
namespace {

TEST(PlanAudit, AFirstImportRecordsEveryEntityAsCreated) {
    const auto entries = audit_plan_replacement(std::nullopt, fixture::small_plan(), "officer", "t");
    // plan, inspection, 2 recommendations, 1 workstream, 1 commitment, 1 measure, 4 actions
    EXPECT_EQ(entries.size(), 11U);
    for (const auto& entry : entries) EXPECT_EQ(entry.field, "created");
}

TEST(PlanAudit, AReimportRecordsEachChangedFieldOldToNew) {
    const auto before = fixture::small_plan();
    auto after = before;
    after.workstreams[0].commitments[0].actions[0].lead = "Principal Social Worker";
    after.recommendations.pop_back();
    const auto entries = audit_plan_replacement(before, after, "officer", "t");
    ASSERT_EQ(entries.size(), 2U);
    EXPECT_EQ(entries[0].entity, "action");
    EXPECT_EQ(entries[0].entity_id, "A1");
    EXPECT_EQ(entries[0].field, "lead");
    EXPECT_EQ(entries[0].old_value, "Head of Service");
    EXPECT_EQ(entries[0].new_value, "Principal Social Worker");
    EXPECT_EQ(entries[1].entity, "recommendation");
    EXPECT_EQ(entries[1].field, "removed");
}

}  // namespace
}  // namespace csip::domain
