// Who may do what: each role has every right of the one before, a lead updates only the actions
// they lead, and only leads and above see case-level exceptions.
#include <gtest/gtest.h>

#include "domain/rights.hpp"

namespace csip::domain {
namespace {

Action led_by(const std::string& lead) {
    Action action;
    action.id = "A1";
    action.lead = lead;
    return action;
}

TEST(Rights, AViewerReadsButNeverSeesExceptionsOrUpdates) {
    EXPECT_TRUE(has_right(Role::Viewer, Right::ReadPlan));
    EXPECT_FALSE(has_right(Role::Viewer, Right::ReadExceptions));
    EXPECT_FALSE(has_right(Role::Viewer, Right::UpdateOwnAction));
    const Person viewer{"v", Role::Viewer, "Service Manager, Safeguarding"};
    EXPECT_FALSE(may_update(viewer, led_by("Service Manager, Safeguarding")));
}

TEST(Rights, ALeadUpdatesOnlyTheActionsTheirOfficerTitleLeads) {
    const Person lead{"l", Role::Lead, "Service Manager, Safeguarding"};
    EXPECT_TRUE(has_right(Role::Lead, Right::ReadExceptions));
    EXPECT_TRUE(may_update(lead, led_by("Service Manager, Safeguarding")));
    EXPECT_FALSE(may_update(lead, led_by("Principal Social Worker")));
    EXPECT_FALSE(may_update(lead, led_by("service manager, safeguarding")));
}

TEST(Rights, ALeadWithNoOfficerTitleLeadsNothing) {
    const Person lead{"l", Role::Lead, ""};
    EXPECT_FALSE(may_update(lead, led_by("")));
}

TEST(Rights, AnEditorUpdatesAnyActionAndThePlanButDoesNotManageUsers) {
    const Person editor{"e", Role::Editor, ""};
    EXPECT_TRUE(may_update(editor, led_by("Principal Social Worker")));
    EXPECT_TRUE(has_right(Role::Editor, Right::EditPlan));
    EXPECT_FALSE(has_right(Role::Editor, Right::ManageUsers));
}

TEST(Rights, AnAdminHasEveryRight) {
    for (const Right right : {Right::ReadPlan, Right::ReadExceptions, Right::UpdateOwnAction,
                              Right::UpdateAnyAction, Right::EditPlan, Right::ManageUsers}) {
        EXPECT_TRUE(has_right(Role::Admin, right));
    }
}

TEST(Rights, RoleWordsReadBackAndUnknownWordsAreRefused) {
    for (const Role role : {Role::Viewer, Role::Lead, Role::Editor, Role::Admin}) {
        EXPECT_EQ(parse_role(to_string(role)), role);
    }
    EXPECT_FALSE(parse_role("superuser"));
    EXPECT_FALSE(parse_role("Admin"));
}

}  // namespace
}  // namespace csip::domain
