// The plan's commands: plan import/export/show, summary, coverage, action update, history,
// audit and demo. Each parses its options, calls the app layer and prints the result.
#include <fmt/format.h>

#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/demo.hpp"
#include "app/indicator_service.hpp"
#include "app/plan_service.hpp"
#include "cli/cli_context.hpp"
#include "cli/store_factory.hpp"
#include "reporting/audit_text.hpp"
#include "reporting/indicator_text.hpp"
#include "reporting/plan_text.hpp"

namespace csip::cli {
namespace {

struct PlanOptions {
    std::string file;
    std::string format;
    std::string by;
    std::string as_of;
    std::string action_id;
    std::string status;
    std::string rag;
    std::string due;
    std::string reason;
    std::string note;
    std::string on;
    bool confirm_past = false;
    std::string entity;
    std::string entity_id;
    std::string benchmarks = CSIP_DEMO_BENCHMARKS_DIR;
};

std::string default_actor() {
    const char* user = std::getenv("USER");
    return user != nullptr && *user != '\0' ? user : "csip";
}

Result<std::string> read_whole_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return fail(ErrorKind::InvalidInput,
                    fmt::format("cannot read '{}': check the path and that the file is readable",
                                path));
    }
    std::ostringstream content;
    content << in.rdbuf();
    return content.str();
}

// Whether the file name's own extension is .csv, in any case (a dot in a folder's name, as in
// plans.csv/current.json, is not one).
bool file_is_csv(const std::string& path) {
    std::string extension = std::filesystem::path(path).extension().string();
    for (char& c : extension) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return extension == ".csv";
}

Result<app::PlanFormat> plan_format(const std::string& word) {
    if (word == "json") return app::PlanFormat::Json;
    if (word == "csv") return app::PlanFormat::Csv;
    return fail(ErrorKind::InvalidInput,
                fmt::format("--format '{}' is not a plan format; use json or csv", word), "format");
}

// Runs one command: opens the store, builds the service, and turns a failure into a refusal.
class PlanCommands {
public:
    PlanCommands(CliContext& context, const PlanOptions& options)
        : m_context(context), m_options(options) {}

    template <typename Command>
    void run(Command command) {
        auto store = m_context.plan_store();
        if (!store) return m_context.refuse(store.error());
        app::PlanService service(**store, m_context.clock);
        if (auto done = command(service, **store); !done) m_context.refuse(done.error());
    }

    Result<void> import(app::PlanService& service) {
        std::string word = m_options.format;
        if (word.empty()) word = file_is_csv(m_options.file) ? "csv" : "json";
        const auto format = plan_format(word);
        if (!format) return fail(format.error());
        auto text = read_whole_file(m_options.file);
        if (!text) return fail(text.error());
        const auto actor = m_options.by.empty() ? default_actor() : m_options.by;
        auto outcome = service.import_plan(*text, m_options.file, *format, actor);
        if (!outcome) return fail(outcome.error());
        std::size_t actions = 0;
        for (const auto& workstream : outcome->plan.workstreams) {
            for (const auto& commitment : workstream.commitments) actions += commitment.actions.size();
        }
        m_context.out << fmt::format(
            "{} plan '{}' of {}: {} recommendations, {} workstreams, {} actions; {} changes "
            "recorded in the audit trail.\n",
            outcome->replaced_existing ? "Replaced the" : "Imported", outcome->plan.title,
            outcome->plan.authority, outcome->plan.recommendations.size(),
            outcome->plan.workstreams.size(), actions, outcome->changes_recorded);
        return {};
    }

    Result<void> export_plan(app::PlanService& service) {
        const auto format = plan_format(m_options.format.empty() ? "json" : m_options.format);
        if (!format) return fail(format.error());
        auto text = service.export_plan(*format);
        if (!text) return fail(text.error());
        m_context.out << *text;
        return {};
    }

    Result<void> show(app::PlanService& service) {
        const auto as_of = date_option(m_options.as_of, "--as-of", m_context.clock);
        if (!as_of) return fail(as_of.error());
        auto plan = service.plan();
        if (!plan) return fail(plan.error());
        m_context.out << reporting::render_plan_tree(*plan, *as_of);
        return {};
    }

    Result<void> summary(app::PlanService& service) {
        const auto as_of = date_option(m_options.as_of, "--as-of", m_context.clock);
        if (!as_of) return fail(as_of.error());
        auto summary = service.summary(*as_of);
        if (!summary) return fail(summary.error());
        m_context.out << (m_options.format == "json" ? reporting::render_summary_json(*summary)
                                                     : reporting::render_summary_text(*summary));
        return {};
    }

    Result<void> coverage(app::PlanService& service) {
        const auto as_of = date_option(m_options.as_of, "--as-of", m_context.clock);
        if (!as_of) return fail(as_of.error());
        auto coverage = service.coverage(*as_of);
        if (!coverage) return fail(coverage.error());
        m_context.out << (m_options.format == "json" ? reporting::render_coverage_json(*coverage)
                                                     : reporting::render_coverage_text(*coverage));
        return {};
    }

    Result<void> update(app::PlanService& service) {
        domain::ActionUpdateRequest request;
        if (!m_options.status.empty()) {
            request.status = domain::parse_action_status(m_options.status);
            if (!request.status) {
                return fail(ErrorKind::InvalidInput,
                            fmt::format("--status '{}' is not a status; use not_started, "
                                        "in_progress or complete",
                                        m_options.status),
                            "status");
            }
        }
        if (!m_options.rag.empty()) {
            request.rag = domain::parse_rag(m_options.rag);
            if (!request.rag) {
                return fail(ErrorKind::InvalidInput,
                            fmt::format("--rag '{}' is not a RAG; use red, amber or green",
                                        m_options.rag),
                            "rag");
            }
        }
        if (!m_options.due.empty()) {
            const auto due = date_option(m_options.due, "--due", m_context.clock);
            if (!due) return fail(due.error());
            request.due = *due;
        }
        const auto on = date_option(m_options.on, "--on", m_context.clock);
        if (!on) return fail(on.error());
        request.on = *on;
        request.reason = m_options.reason;
        request.note = m_options.note;
        request.by = m_options.by;
        request.confirm_past_due = m_options.confirm_past;

        auto action = service.update_action(m_options.action_id, request, m_options.by);
        if (!action) return fail(action.error());
        std::string state(domain::describe(action->status));
        if (action->rag) state += ", " + std::string(domain::describe(*action->rag));
        m_context.out << fmt::format(
            "Updated action {}: {}; due {}{}.\n", action->id, state, action->due.iso(),
            action->rescheduled() ? " (originally " + action->original_due.iso() + ")" : std::string());
        return {};
    }

    Result<void> history(app::PlanService& service) {
        auto history = service.history(m_options.action_id);
        if (!history) return fail(history.error());
        m_context.out << (m_options.format == "json"
                              ? reporting::render_history_json(history->action, history->entries)
                              : reporting::render_history_text(history->action, history->entries));
        return {};
    }

    Result<void> audit(app::PlanService& service) {
        storage::AuditQuery query;
        if (!m_options.entity.empty()) query.entity = m_options.entity;
        if (!m_options.entity_id.empty()) query.entity_id = m_options.entity_id;
        if (!m_options.by.empty()) query.actor = m_options.by;
        auto entries = service.audit_trail(query);
        if (!entries) return fail(entries.error());
        m_context.out << (m_options.format == "json" ? reporting::render_audit_json(*entries)
                                                     : reporting::render_audit_text(*entries));
        return {};
    }

    Result<void> demo(app::PlanService& service, storage::PlanStore& store) {
        auto cases = m_context.case_store();
        if (!cases) return fail(cases.error());
        auto outcome = app::create_demo(store, **cases, m_context.clock);
        if (!outcome) return fail(outcome.error());
        auto reports = open_report_store(m_context.db);
        if (!reports) return fail(reports.error());
        if (auto set = app::create_demo_report_settings(**reports, m_context.clock); !set) {
            return fail(set.error());
        }
        const auto as_of = *domain::Date::parse_iso(app::kDemoAsOf);
        auto plan = service.plan();
        if (!plan) return fail(plan.error());
        m_context.out << (outcome->created ? "Created the demo authority in "
                                           : "The demo authority is in ")
                      << m_context.db << ".\n\n"
                      << reporting::render_plan_tree(*plan, as_of) << "\n"
                      << reporting::render_summary_text(domain::summarise(*plan, as_of)) << "\n"
                      << reporting::render_coverage_text(domain::coverage(*plan, as_of));
        app::IndicatorService indicators(store, **cases, m_context.clock);
        app::BenchmarkService benchmarks(**cases, indicators, m_context.clock);
        auto published =
            app::create_demo_benchmarks(benchmarks, indicators, **cases, m_options.benchmarks);
        if (!published) return fail(published.error());
        auto report =
            indicators.indicators(*domain::Date::parse_iso(app::kDemoIndicatorsFrom), as_of);
        if (!report) return fail(report.error());
        m_context.out << "\n" << reporting::render_indicators_text(*report);
        return {};
    }

private:
    CliContext& m_context;
    const PlanOptions& m_options;
};

CLI::Option* format_option(CLI::App* command, std::string& format, const char* words,
                           std::initializer_list<const char*> allowed) {
    std::vector<std::string> choices(allowed.begin(), allowed.end());
    return command->add_option("--format", format, words)->check(CLI::IsMember(choices));
}

}  // namespace

void add_plan_commands(CLI::App& cli, CliContext& context) {
    auto options = std::make_shared<PlanOptions>();
    auto commands = std::make_shared<PlanCommands>(context, *options);
    auto& o = *options;
    // Each callback keeps `options` and `commands` alive for as long as the App holds it.
    auto on = [options, commands](auto method) {
        return [options, commands, method] {
            commands->run([&](app::PlanService& service, storage::PlanStore& store) {
                return method(*commands, service, store);
            });
        };
    };
    auto plain = [](auto member) {
        return [member](PlanCommands& self, app::PlanService& service, storage::PlanStore&) {
            return (self.*member)(service);
        };
    };

    auto* plan = cli.add_subcommand("plan", "import, export or show the improvement plan");
    plan->require_subcommand(1);
    auto* import = plan->add_subcommand("import", "replace the plan with a csip-plan/1 file or a plan CSV");
    import->add_option("FILE", o.file, "the plan file")->required();
    format_option(import, o.format, "json or csv (default: from the file name)", {"json", "csv"});
    import->add_option("--by", o.by, "who is importing, for the audit trail (default: $USER)");
    import->callback(on(plain(&PlanCommands::import)));

    auto* export_command = plan->add_subcommand("export", "write the plan to standard output");
    format_option(export_command, o.format, "json (default) or csv", {"json", "csv"});
    export_command->callback(on(plain(&PlanCommands::export_plan)));

    auto* show = plan->add_subcommand("show", "the plan as a tree, with RAG");
    show->add_option("--as-of", o.as_of, "mark actions overdue at this date (default: today)");
    show->callback(on(plain(&PlanCommands::show)));

    auto* summary = cli.add_subcommand("summary", "actions by RAG, overdue and rescheduled");
    summary->add_option("--as-of", o.as_of, "YYYY-MM-DD (default: today)");
    format_option(summary, o.format, "text (default) or json", {"text", "json"});
    summary->callback(on(plain(&PlanCommands::summary)));

    auto* coverage = cli.add_subcommand("coverage", "which recommendations are served by actions");
    coverage->add_option("--as-of", o.as_of, "judge 'at risk' at this date (default: today)");
    format_option(coverage, o.format, "text (default) or json", {"text", "json"});
    coverage->callback(on(plain(&PlanCommands::coverage)));

    auto* action = cli.add_subcommand("action", "work on one action");
    action->require_subcommand(1);
    auto* update = action->add_subcommand("update", "add a dated status update");
    update->add_option("ID", o.action_id, "the action's id")->required();
    update->add_option("--status", o.status, "not_started, in_progress or complete");
    update->add_option("--rag", o.rag, "red, amber or green");
    auto* due = update->add_option("--due", o.due, "a new due date, YYYY-MM-DD");
    update->add_option("--reason", o.reason, "why the due date moves (required with --due)")
        ->needs(due);
    update->add_option("--note", o.note, "the status update")->required();
    update->add_option("--by", o.by, "who reports it")->required();
    update->add_option("--on", o.on, "the update's date, YYYY-MM-DD (default: today)");
    update->add_flag("--confirm-past", o.confirm_past,
                     "a new due date before the update's date is meant (the action is then "
                     "overdue at once)");
    update->callback(on(plain(&PlanCommands::update)));

    auto* history = cli.add_subcommand("history", "an action's updates and audited changes");
    history->add_option("ID", o.action_id, "the action's id")->required();
    format_option(history, o.format, "text (default) or json", {"text", "json"});
    history->callback(on(plain(&PlanCommands::history)));

    auto* audit = cli.add_subcommand("audit", "the audit trail: who changed what, oldest first");
    audit->add_option("--entity", o.entity, "only this kind of entity (action, commitment, ...)");
    audit->add_option("--id", o.entity_id, "only the entity with this id");
    audit->add_option("--by", o.by, "only changes by this person");
    format_option(audit, o.format, "text (default) or json", {"text", "json"});
    audit->callback(on(plain(&PlanCommands::audit)));

    auto* demo = cli.add_subcommand("demo", "create the demo authority if absent and show its plan");
    demo->add_option("--benchmarks", o.benchmarks,
                     "the folder of published figures the demo imports (default: the source "
                     "tree's data/benchmarks)");
    demo->callback(on([](PlanCommands& self, app::PlanService& service, storage::PlanStore& store) {
        return self.demo(service, store);
    }));
}

}  // namespace csip::cli
