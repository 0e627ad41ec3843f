#include "reporting/audit_text.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

namespace csip::reporting {
namespace {

nlohmann::ordered_json text_or_null(const std::optional<std::string>& text) {
    return text ? nlohmann::ordered_json(*text) : nlohmann::ordered_json(nullptr);
}

}  // namespace

std::string render_audit_text(const std::vector<domain::AuditEntry>& entries) {
    std::string out;
    for (const auto& entry : entries) {
        out += fmt::format("{}  {}  {} {} {}: {} -> {}{}\n", entry.at, entry.actor, entry.entity,
                           entry.entity_id, entry.field, entry.old_value.value_or("(none)"),
                           entry.new_value.value_or("(none)"),
                           entry.reason ? " (reason: " + *entry.reason + ")" : "");
    }
    out += fmt::format("{} audit entr{}.\n", entries.size(), entries.size() == 1 ? "y" : "ies");
    return out;
}

std::string render_audit_json(const std::vector<domain::AuditEntry>& entries) {
    auto rows = nlohmann::ordered_json::array();
    for (const auto& entry : entries) {
        rows.push_back(nlohmann::ordered_json{{"id", entry.id},
                                              {"at", entry.at},
                                              {"actor", entry.actor},
                                              {"entity", entry.entity},
                                              {"entity_id", entry.entity_id},
                                              {"field", entry.field},
                                              {"old", text_or_null(entry.old_value)},
                                              {"new", text_or_null(entry.new_value)},
                                              {"reason", text_or_null(entry.reason)}});
    }
    return nlohmann::ordered_json{{"entries", std::move(rows)}}.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace csip::reporting
