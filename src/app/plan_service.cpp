#include "app/plan_service.hpp"

#include "domain/plan_audit.hpp"
#include "domain/plan_rules.hpp"
#include "import/plan_reader.hpp"
#include "reporting/plan_csv_writer.hpp"
#include "reporting/plan_json_writer.hpp"

namespace csip::app {
namespace {

Error problems_error(const std::vector<import::Problem>& problems) {
    std::string message;
    for (const auto& problem : problems) {
        if (!message.empty()) message += "\n";
        message += import::to_string(problem);
    }
    message += "\nNothing was changed.";
    return Error{ErrorKind::InvalidInput, std::move(message), {}};
}

Error no_plan() {
    return Error{ErrorKind::NotFound,
                 "there is no plan yet: import one with 'csip plan import FILE' (csip-plan/1 JSON)",
                 {}};
}

}  // namespace

PlanService::PlanService(storage::PlanStore& store, const domain::Clock& clock)
    : m_store(store), m_clock(clock) {}

Result<PlanImportOutcome> PlanService::import_plan(std::string_view text,
                                                   const std::string& file_name, PlanFormat format,
                                                   const std::string& actor) {
    auto stored = m_store.load_plan();
    if (!stored) return fail(stored.error());
    const std::optional<domain::Plan>& before = *stored;

    import::PlanReadResult read;
    if (format == PlanFormat::Json) {
        read = import::read_plan_json(text, file_name);
    } else {
        read = import::read_plan_csv(text, file_name, before ? &*before : nullptr);
    }
    if (!read.problems.empty() || !read.plan) return fail(problems_error(read.problems));

    // Readers run check_plan already; checking again here keeps the rule in force for any
    // future reader that forgets.
    if (const auto violations = domain::check_plan(*read.plan); !violations.empty()) {
        std::vector<import::Problem> problems;
        for (const auto& violation : violations) {
            import::Problem problem;
            problem.file = file_name;
            problem.place = violation.path;
            problem.message = violation.message;
            problem.fix = violation.fix;
            problems.push_back(std::move(problem));
        }
        return fail(problems_error(problems));
    }

    const auto audit =
        domain::audit_plan_replacement(before, *read.plan, actor, m_clock.timestamp());
    if (auto saved = m_store.replace_plan(*read.plan, audit); !saved) return fail(saved.error());
    return PlanImportOutcome{std::move(*read.plan), before.has_value(), audit.size()};
}

Result<std::string> PlanService::export_plan(PlanFormat format) {
    auto current = plan();
    if (!current) return fail(current.error());
    return format == PlanFormat::Json ? reporting::write_plan_json(*current)
                                      : reporting::write_plan_csv(*current);
}

Result<domain::Plan> PlanService::plan() {
    auto stored = m_store.load_plan();
    if (!stored) return fail(stored.error());
    if (!*stored) return fail(no_plan());
    return std::move(**stored);
}

Result<domain::PlanSummary> PlanService::summary(domain::Date as_of) {
    auto current = plan();
    if (!current) return fail(current.error());
    return domain::summarise(*current, as_of);
}

Result<std::vector<domain::RecommendationCoverage>> PlanService::coverage(domain::Date as_of) {
    auto current = plan();
    if (!current) return fail(current.error());
    return domain::coverage(*current, as_of);
}

Result<domain::Action> PlanService::update_action(const std::string& id,
                                                  const domain::ActionUpdateRequest& request,
                                                  const std::string& actor) {
    const auto timestamp = m_clock.timestamp();
    return m_store.edit_action(id, [&](const domain::Action& current) {
        return domain::apply_update(current, request, actor, timestamp);
    });
}

Result<ActionHistory> PlanService::history(const std::string& id) {
    auto current = plan();
    if (!current) return fail(current.error());
    const auto* action = current->find_action(id);
    if (action == nullptr) {
        return fail(ErrorKind::NotFound,
                    "there is no action '" + id + "'; 'csip plan show' lists the action ids", "id");
    }
    storage::AuditQuery query;
    query.entity = "action";
    query.entity_id = id;
    auto audit = m_store.audit_trail(query);
    if (!audit) return fail(audit.error());
    return ActionHistory{*action, domain::build_history(*action, *audit)};
}

Result<std::vector<domain::AuditEntry>> PlanService::audit_trail(const storage::AuditQuery& query) {
    return m_store.audit_trail(query);
}

}  // namespace csip::app
