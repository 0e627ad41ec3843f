#include "http/templates.hpp"

#include <atomic>
#include <stdexcept>
#include <vector>

#include "http/embedded.hpp"

namespace csip::http {
namespace {

// Every template, by name (templates/<name>.mustache).
constexpr std::string_view kTemplateNames[] = {
    "layout",      "login",          "dashboard", "plan",  "action",     "my_actions",
    "recommendations", "indicators", "exceptions", "annex_a", "audit", "users", "user", "message",
    "governance", "date_input", "confirm_due", "actions_list", "plan_form", "plan_editor",
    "measure", "settings", "report_preview", "returns", "import_job", "calendar", "reminders",
    "benchmarks",
};

std::atomic<std::size_t> g_generations{0};

}  // namespace

Templates::Templates() : m_generation(++g_generations) {
    for (const auto name : kTemplateNames) {
        const std::string path = "templates/" + std::string(name) + ".mustache";
        const auto source = embedded_file(path);
        if (!source) throw std::runtime_error("csip was built without " + path);
        kainjow::mustache::mustache parsed{std::string(*source)};
        if (!parsed.is_valid()) {
            throw std::runtime_error(path + " does not parse: " + parsed.error_message());
        }
        m_parsed.emplace(std::string(name), std::move(parsed));
    }
}

std::string Templates::render(std::string_view name, const Data& data) const {
    // kainjow's render() is not const, so each thread keeps copies of the parsed templates of
    // the Templates object it last rendered for (one per server in practice).
    thread_local std::size_t generation = 0;
    thread_local std::map<std::string, kainjow::mustache::mustache, std::less<>> copies;
    if (generation != m_generation) {
        copies = m_parsed;
        generation = m_generation;
    }
    const auto found = copies.find(name);
    if (found == copies.end()) throw std::logic_error("no template " + std::string(name));
    return found->second.render(data);
}

}  // namespace csip::http
