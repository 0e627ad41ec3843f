#include "domain/action_update.hpp"

#include "domain/plan_rules.hpp"
#include "domain/text.hpp"

#include <tuple>

namespace csip::domain {
namespace {

std::optional<std::string> rag_text(const std::optional<Rag>& rag) {
    if (!rag) return std::nullopt;
    return std::string(to_string(*rag));
}

}  // namespace

bool moves_due_into_the_past(const Action& current, const ActionUpdateRequest& request) {
    return request.due && *request.due != current.due && *request.due < request.on;
}

Result<ActionChange> apply_update(const Action& current, const ActionUpdateRequest& request,
                                  const std::string& actor, const std::string& timestamp) {
    if (current.retired) {
        return fail(ErrorKind::Conflict,
                    "action '" + current.id + "' is retired: restore it before updating it", "id");
    }
    if (request.version && *request.version != current.version) {
        return fail(ErrorKind::Conflict,
                    "action '" + current.id + "' has been changed by someone else since you "
                        "opened it (you had version " + std::to_string(*request.version) +
                        "; it is now version " + std::to_string(current.version) +
                        "): look at it as it is now and make your update again",
                    "version");
    }
    if (request.note.empty()) {
        return fail(ErrorKind::InvalidInput,
                    "a status update needs a note: say what has happened since the last one",
                    "note");
    }
    if (request.by.empty()) {
        return fail(ErrorKind::InvalidInput, "say who is reporting the update", "by");
    }
    for (const auto& [field, text] :
         {std::pair<const char*, const std::string&>{"note", request.note},
          {"reason", request.reason},
          {"by", request.by}}) {
        if (auto checked = check_text(text, field, field); !checked) return fail(checked.error());
    }
    if (request.due && request.reason.empty()) {
        return fail(ErrorKind::InvalidInput,
                    "a new due date needs a reason: the original due date is kept and the action "
                    "counts as rescheduled",
                    "reason");
    }
    for (const auto& [date, field, what] :
         {std::tuple{std::optional<Date>(request.on), "on", "the date of the update"},
          std::tuple{request.due, "due", "the new due date"}}) {
        if (!date) continue;
        if (auto violation = check_plan_date(*date, what)) {
            return fail(ErrorKind::InvalidInput, violation->message + ": " + violation->fix, field);
        }
    }
    if (!request.due && !request.reason.empty()) {
        return fail(ErrorKind::InvalidInput,
                    "a reason is only recorded with a new due date; give the date too, or put "
                    "the reason in the note",
                    "reason");
    }

    if (moves_due_into_the_past(current, request) && !request.confirm_past_due) {
        return fail(ErrorKind::Conflict,
                    "the new due date " + request.due->iso() + " is before the update's date " +
                        request.on.iso() +
                        ", so the action would show as overdue at once: confirm that this is "
                        "meant",
                    "confirm_past");
    }

    ActionChange change{current, {}, {}};
    Action& next = change.action;
    next.status = request.status.value_or(current.status);
    if (request.rag) {
        next.rag = request.rag;
    } else if (next.status != ActionStatus::InProgress) {
        next.rag.reset();  // completing or resetting an action clears its RAG
    }
    if (auto violation = check_status_and_rag(next.status, next.rag)) {
        return fail(ErrorKind::Conflict,
                    "action '" + current.id + "' would be " + std::string(describe(next.status)) +
                        ": " + violation->message,
                    "rag");
    }
    if (request.due) next.due = *request.due;

    auto record = [&](std::string field, std::optional<std::string> old_value,
                      std::optional<std::string> new_value, std::optional<std::string> reason) {
        change.audit.push_back(AuditEntry{0, timestamp, actor, "action", current.id,
                                          std::move(field), std::move(old_value),
                                          std::move(new_value), std::move(reason)});
    };
    if (next.status != current.status) {
        record("status", std::string(to_string(current.status)),
               std::string(to_string(next.status)), std::nullopt);
    }
    if (next.rag != current.rag) {
        record("rag", rag_text(current.rag), rag_text(next.rag), std::nullopt);
    }
    if (next.due != current.due) {
        record("due", current.due.iso(), next.due.iso(), request.reason);
    }
    change.update = StatusUpdate{request.on, request.by, request.note, next.status, next.rag};
    record("status_update", std::nullopt, request.on.iso() + ": " + request.note, std::nullopt);
    next.updates.push_back(change.update);
    return change;
}

}  // namespace csip::domain
