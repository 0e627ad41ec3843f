// Who may do what in csip (DESIGN.md §1). Four roles, each with every right of the one before:
// a viewer reads the plan, the dashboard, the indicators and the reports, but never case-level
// exceptions; a lead also updates the actions whose `lead` is their officer title and sees
// exceptions; an editor updates any action and the plan and imports data; an admin also manages
// users. Pure rules: the web application and the command line ask here, and nowhere else.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/plan.hpp"

namespace csip::domain {

// In order of rights: each role has every right of the roles before it.
enum class Role { Viewer, Lead, Editor, Admin };

enum class Right {
    ReadPlan,         // the plan, dashboard, indicators, reports and the audit trail
    ReadExceptions,   // case-level exceptions (personal data about children)
    UpdateOwnAction,  // a status update on an action whose lead is the person's officer title
    UpdateAnyAction,  // a status update on any action
    EditPlan,         // replace or change the plan, import data
    ManageUsers,      // add users, change their role, disable them
    RemoveData,       // remove an imported return
};

// The person a request acts for: their user name, role and, for a lead, the officer title
// (role title, e.g. "Service Manager, Safeguarding") that actions name as their lead.
struct Person {
    std::string name;
    Role role = Role::Viewer;
    std::string officer;
};

constexpr Role minimum_role(Right right) {
    switch (right) {
        case Right::ReadPlan: return Role::Viewer;
        case Right::ReadExceptions:
        case Right::UpdateOwnAction: return Role::Lead;
        case Right::UpdateAnyAction:
        case Right::EditPlan: return Role::Editor;
        case Right::ManageUsers:
        case Right::RemoveData: return Role::Admin;
    }
    return Role::Admin;
}

constexpr bool has_right(Role role, Right right) { return role >= minimum_role(right); }

// Whether the action's lead is this person: the officer title matches exactly. A person with no
// officer title leads nothing.
inline bool leads(const Person& person, const Action& action) {
    return !person.officer.empty() && action.lead == person.officer;
}

// Whether `person` may post a status update on `action`: an editor or admin on any action, a
// lead on the actions they lead, a viewer never.
inline bool may_update(const Person& person, const Action& action) {
    if (has_right(person.role, Right::UpdateAnyAction)) return true;
    return has_right(person.role, Right::UpdateOwnAction) && leads(person, action);
}

// Whether `person` may add evidence to a success measure of `commitment`: an editor or admin on
// any, a lead on the measures of a commitment holding an action they lead.
inline bool may_add_evidence(const Person& person, const Commitment& commitment) {
    if (has_right(person.role, Right::EditPlan)) return true;
    if (!has_right(person.role, Right::UpdateOwnAction)) return false;
    for (const auto& action : commitment.actions) {
        if (!action.retired && leads(person, action)) return true;
    }
    return false;
}

// The words used on the command line, in the database and the API: viewer, lead, editor, admin.
constexpr std::string_view to_string(Role role) {
    switch (role) {
        case Role::Viewer: return "viewer";
        case Role::Lead: return "lead";
        case Role::Editor: return "editor";
        case Role::Admin: return "admin";
    }
    return "viewer";
}

constexpr std::optional<Role> parse_role(std::string_view text) {
    for (const Role role : {Role::Viewer, Role::Lead, Role::Editor, Role::Admin}) {
        if (text == to_string(role)) return role;
    }
    return std::nullopt;
}

// For people: "Viewer", "Lead officer", "Editor", "Administrator".
constexpr std::string_view describe(Role role) {
    switch (role) {
        case Role::Viewer: return "Viewer";
        case Role::Lead: return "Lead officer";
        case Role::Editor: return "Editor";
        case Role::Admin: return "Administrator";
    }
    return "Viewer";
}

}  // namespace csip::domain
