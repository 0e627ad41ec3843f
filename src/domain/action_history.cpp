#include "domain/action_history.hpp"

#include <algorithm>

namespace csip::domain {

std::vector<HistoryEntry> build_history(const Action& action,
                                        const std::vector<AuditEntry>& audit) {
    std::vector<HistoryEntry> entries;
    for (const auto& update : action.updates) {
        HistoryEntry entry;
        entry.kind = HistoryEntry::Kind::Update;
        entry.on = update.on.iso();
        entry.by = update.by;
        entry.text = update.text;
        entry.status = update.status;
        entry.rag = update.rag;
        entries.push_back(std::move(entry));
    }
    for (const auto& change : audit) {
        // The status update itself is already listed from the action's own updates; its entry
        // says when it was recorded (its new value is "DATE: TEXT").
        if (change.field == "status_update") {
            for (auto& entry : entries) {
                if (entry.kind == HistoryEntry::Kind::Update && entry.recorded_at.empty() &&
                    change.new_value == entry.on + ": " + entry.text) {
                    entry.recorded_at = change.at;
                    entry.recorded_by = change.actor;
                    break;
                }
            }
            continue;
        }
        HistoryEntry entry;
        entry.kind = HistoryEntry::Kind::Change;
        entry.on = change.at;
        entry.by = change.actor;
        entry.field = change.field;
        entry.old_value = change.old_value;
        entry.new_value = change.new_value;
        entry.reason = change.reason;
        entries.push_back(std::move(entry));
    }
    // Dates sort as text (ISO 8601); compare the day only, so a day's updates lead its changes.
    std::stable_sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
        const auto day_a = a.on.substr(0, 10), day_b = b.on.substr(0, 10);
        if (day_a != day_b) return day_a < day_b;
        return a.kind == HistoryEntry::Kind::Update && b.kind == HistoryEntry::Kind::Change;
    });
    return entries;
}

}  // namespace csip::domain
