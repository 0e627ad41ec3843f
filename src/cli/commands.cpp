#include "cli/commands.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cstdlib>
#include <fstream>
#include <ostream>
#include <sstream>

#include "app/demo.hpp"
#include "app/plan_service.hpp"
#include "cli/store_factory.hpp"
#include "reporting/audit_text.hpp"
#include "reporting/plan_text.hpp"

namespace csip::cli {
namespace {

constexpr int kDone = 0;
constexpr int kRefused = 1;
constexpr int kUsage = 2;

// Every option the commands take; CLI11 fills it, the dispatcher reads it.
struct Options {
    std::string db;
    // plan import / export
    std::string file;
    std::string format;
    std::string by;
    // summary, coverage, plan show
    std::string as_of;
    // action update, history
    std::string action_id;
    std::string status;
    std::string rag;
    std::string due;
    std::string reason;
    std::string note;
    std::string on;
    // audit
    std::string entity;
    std::string entity_id;
};

std::string default_db() {
    const char* from_environment = std::getenv("CSIP_DB");
    return from_environment != nullptr && *from_environment != '\0' ? from_environment : "csip.db";
}

std::string default_actor() {
    const char* user = std::getenv("USER");
    return user != nullptr && *user != '\0' ? user : "csip";
}

Result<domain::Date> date_option(const std::string& text, const std::string& option,
                                 const domain::Clock& clock) {
    if (text.empty()) return clock.today();
    if (auto date = domain::Date::parse_iso(text)) return *date;
    return fail(ErrorKind::InvalidInput,
                fmt::format("{} '{}' is not a date; write it as YYYY-MM-DD, e.g. 2015-09-15", option,
                            text),
                option);
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

// What the dispatcher needs besides the options: the streams and the clock.
class Dispatcher {
public:
    Dispatcher(const Options& options, std::ostream& out, std::ostream& err,
               const domain::Clock& clock)
        : m_options(options), m_out(out), m_err(err), m_clock(clock) {}

    int refuse(const Error& error) const {
        m_err << "csip: " << error.message << "\n";
        return kRefused;
    }

    Result<app::PlanService*> plans() {
        if (!m_store) {
            auto store = open_store(m_options.db);
            if (!store) return fail(store.error());
            m_store = std::move(*store);
            m_service = std::make_unique<app::PlanService>(*m_store, m_clock);
        }
        return m_service.get();
    }

    int plan_import() {
        const auto format = plan_format(m_options.format.empty() ? guess_format() : m_options.format);
        if (!format) return refuse(format.error());
        auto text = read_whole_file(m_options.file);
        if (!text) return refuse(text.error());
        auto service = plans();
        if (!service) return refuse(service.error());
        const auto actor = m_options.by.empty() ? default_actor() : m_options.by;
        auto outcome = (*service)->import_plan(*text, m_options.file, *format, actor);
        if (!outcome) return refuse(outcome.error());
        std::size_t actions = 0;
        for (const auto& workstream : outcome->plan.workstreams) {
            for (const auto& commitment : workstream.commitments) actions += commitment.actions.size();
        }
        m_out << fmt::format("{} plan '{}' of {}: {} recommendations, {} workstreams, {} actions; "
                             "{} changes recorded in the audit trail.\n",
                             outcome->replaced_existing ? "Replaced the" : "Imported", outcome->plan.title,
                             outcome->plan.authority, outcome->plan.recommendations.size(),
                             outcome->plan.workstreams.size(), actions, outcome->changes_recorded);
        return kDone;
    }

    int plan_export() {
        const auto format = plan_format(m_options.format.empty() ? "json" : m_options.format);
        if (!format) return refuse(format.error());
        auto service = plans();
        if (!service) return refuse(service.error());
        auto text = (*service)->export_plan(*format);
        if (!text) return refuse(text.error());
        m_out << *text;
        return kDone;
    }

    int plan_show() {
        const auto as_of = date_option(m_options.as_of, "--as-of", m_clock);
        if (!as_of) return refuse(as_of.error());
        auto service = plans();
        if (!service) return refuse(service.error());
        auto plan = (*service)->plan();
        if (!plan) return refuse(plan.error());
        m_out << reporting::render_plan_tree(*plan, *as_of);
        return kDone;
    }

    int summary() {
        const auto as_of = date_option(m_options.as_of, "--as-of", m_clock);
        if (!as_of) return refuse(as_of.error());
        auto service = plans();
        if (!service) return refuse(service.error());
        auto summary = (*service)->summary(*as_of);
        if (!summary) return refuse(summary.error());
        m_out << (m_options.format == "json" ? reporting::render_summary_json(*summary)
                                             : reporting::render_summary_text(*summary));
        return kDone;
    }

    int coverage() {
        const auto as_of = date_option(m_options.as_of, "--as-of", m_clock);
        if (!as_of) return refuse(as_of.error());
        auto service = plans();
        if (!service) return refuse(service.error());
        auto coverage = (*service)->coverage(*as_of);
        if (!coverage) return refuse(coverage.error());
        m_out << (m_options.format == "json" ? reporting::render_coverage_json(*coverage)
                                             : reporting::render_coverage_text(*coverage));
        return kDone;
    }

    int action_update() {
        domain::ActionUpdateRequest request;
        if (!m_options.status.empty()) {
            request.status = domain::parse_action_status(m_options.status);
            if (!request.status) {
                return refuse(Error{ErrorKind::InvalidInput,
                                    fmt::format("--status '{}' is not a status; use not_started, "
                                                "in_progress or complete",
                                                m_options.status),
                                    "status"});
            }
        }
        if (!m_options.rag.empty()) {
            request.rag = domain::parse_rag(m_options.rag);
            if (!request.rag) {
                return refuse(Error{ErrorKind::InvalidInput,
                                    fmt::format("--rag '{}' is not a RAG; use red, amber or green",
                                                m_options.rag),
                                    "rag"});
            }
        }
        if (!m_options.due.empty()) {
            const auto due = date_option(m_options.due, "--due", m_clock);
            if (!due) return refuse(due.error());
            request.due = *due;
        }
        const auto on = date_option(m_options.on, "--on", m_clock);
        if (!on) return refuse(on.error());
        request.on = *on;
        request.reason = m_options.reason;
        request.note = m_options.note;
        request.by = m_options.by;

        auto service = plans();
        if (!service) return refuse(service.error());
        auto action = (*service)->update_action(m_options.action_id, request, m_options.by);
        if (!action) return refuse(action.error());
        std::string state(domain::describe(action->status));
        if (action->rag) state += ", " + std::string(domain::describe(*action->rag));
        m_out << fmt::format("Updated action {}: {}; due {}{}.\n", action->id, state,
                             action->due.iso(),
                             action->rescheduled() ? " (originally " + action->original_due.iso() + ")"
                                                   : std::string());
        return kDone;
    }

    int history() {
        auto service = plans();
        if (!service) return refuse(service.error());
        auto history = (*service)->history(m_options.action_id);
        if (!history) return refuse(history.error());
        m_out << (m_options.format == "json"
                      ? reporting::render_history_json(history->action, history->entries)
                      : reporting::render_history_text(history->action, history->entries));
        return kDone;
    }

    int audit() {
        auto service = plans();
        if (!service) return refuse(service.error());
        storage::AuditQuery query;
        if (!m_options.entity.empty()) query.entity = m_options.entity;
        if (!m_options.entity_id.empty()) query.entity_id = m_options.entity_id;
        if (!m_options.by.empty()) query.actor = m_options.by;
        auto entries = (*service)->audit_trail(query);
        if (!entries) return refuse(entries.error());
        m_out << (m_options.format == "json" ? reporting::render_audit_json(*entries)
                                             : reporting::render_audit_text(*entries));
        return kDone;
    }

    int demo() {
        auto service = plans();
        if (!service) return refuse(service.error());
        auto outcome = app::create_demo(*m_store, m_clock);
        if (!outcome) return refuse(outcome.error());
        const auto as_of = *domain::Date::parse_iso(app::kDemoAsOf);
        auto plan = (*service)->plan();
        if (!plan) return refuse(plan.error());
        m_out << (outcome->created ? "Created the demo authority in " : "The demo authority is in ")
              << m_options.db << ".\n\n";
        m_out << reporting::render_plan_tree(*plan, as_of) << "\n";
        m_out << reporting::render_summary_text(domain::summarise(*plan, as_of)) << "\n";
        m_out << reporting::render_coverage_text(domain::coverage(*plan, as_of));
        return kDone;
    }

private:
    std::string guess_format() const {
        const auto& file = m_options.file;
        const auto dot = file.rfind('.');
        if (dot != std::string::npos && file.substr(dot) == ".csv") return "csv";
        return "json";
    }

    static Result<app::PlanFormat> plan_format(const std::string& word) {
        if (word == "json") return app::PlanFormat::Json;
        if (word == "csv") return app::PlanFormat::Csv;
        return fail(ErrorKind::InvalidInput,
                    fmt::format("--format '{}' is not a plan format; use json or csv", word), "format");
    }

    const Options& m_options;
    std::ostream& m_out;
    std::ostream& m_err;
    const domain::Clock& m_clock;
    std::unique_ptr<storage::PlanStore> m_store;
    std::unique_ptr<app::PlanService> m_service;
};

}  // namespace

int run(int argc, const char* const* argv, std::ostream& out, std::ostream& err,
        const domain::Clock& clock) {
    Options options;
    options.db = default_db();

    CLI::App cli{"csip: the children's services improvement programme: the plan, its indicators "
                 "and its reports",
                 "csip"};
    cli.require_subcommand(1);
    cli.add_option("--db", options.db,
                   "SQLite file or postgresql:// URL (default: $CSIP_DB, else csip.db)");

    auto* plan = cli.add_subcommand("plan", "import, export or show the improvement plan");
    plan->require_subcommand(1);
    auto* plan_import = plan->add_subcommand("import", "replace the plan with a csip-plan/1 file or a plan CSV");
    plan_import->add_option("FILE", options.file, "the plan file")->required();
    plan_import->add_option("--format", options.format, "json or csv (default: from the file name)")
        ->check(CLI::IsMember({"json", "csv"}));
    plan_import->add_option("--by", options.by, "who is importing, for the audit trail (default: $USER)");
    auto* plan_export = plan->add_subcommand("export", "write the plan to standard output");
    plan_export->add_option("--format", options.format, "json (default) or csv")
        ->check(CLI::IsMember({"json", "csv"}));
    auto* plan_show = plan->add_subcommand("show", "the plan as a tree, with RAG");
    plan_show->add_option("--as-of", options.as_of, "mark actions overdue at this date (default: today)");

    auto* summary = cli.add_subcommand("summary", "actions by RAG, overdue and rescheduled");
    summary->add_option("--as-of", options.as_of, "YYYY-MM-DD (default: today)");
    summary->add_option("--format", options.format, "text (default) or json")
        ->check(CLI::IsMember({"text", "json"}));

    auto* coverage = cli.add_subcommand("coverage", "which recommendations are served by actions");
    coverage->add_option("--as-of", options.as_of, "judge 'at risk' at this date (default: today)");
    coverage->add_option("--format", options.format, "text (default) or json")
        ->check(CLI::IsMember({"text", "json"}));

    auto* action = cli.add_subcommand("action", "work on one action");
    action->require_subcommand(1);
    auto* update = action->add_subcommand("update", "add a dated status update");
    update->add_option("ID", options.action_id, "the action's id")->required();
    update->add_option("--status", options.status, "not_started, in_progress or complete");
    update->add_option("--rag", options.rag, "red, amber or green");
    auto* due = update->add_option("--due", options.due, "a new target date, YYYY-MM-DD");
    update->add_option("--reason", options.reason, "why the target date moves (required with --due)")
        ->needs(due);
    update->add_option("--note", options.note, "the status update")->required();
    update->add_option("--by", options.by, "who reports it")->required();
    update->add_option("--on", options.on, "the update's date, YYYY-MM-DD (default: today)");

    auto* history = cli.add_subcommand("history", "an action's updates and audited changes");
    history->add_option("ID", options.action_id, "the action's id")->required();
    history->add_option("--format", options.format, "text (default) or json")
        ->check(CLI::IsMember({"text", "json"}));

    auto* audit = cli.add_subcommand("audit", "the audit trail: who changed what, oldest first");
    audit->add_option("--entity", options.entity, "only this kind of entity (action, commitment, ...)");
    audit->add_option("--id", options.entity_id, "only the entity with this id");
    audit->add_option("--by", options.by, "only changes by this person");
    audit->add_option("--format", options.format, "text (default) or json")
        ->check(CLI::IsMember({"text", "json"}));

    auto* demo = cli.add_subcommand("demo", "create the demo authority if absent and show its plan");

    try {
        cli.parse(argc, argv);
    } catch (const CLI::ParseError& error) {
        // Help is a "parse error" that succeeds; CLI11 prints it for the right subcommand.
        const int status = cli.exit(error, out, err);
        if (status != 0) err << "Run 'csip --help' for the commands and options.\n";
        return status == 0 ? kDone : kUsage;
    }

    Dispatcher dispatch(options, out, err, clock);
    if (plan_import->parsed()) return dispatch.plan_import();
    if (plan_export->parsed()) return dispatch.plan_export();
    if (plan_show->parsed()) return dispatch.plan_show();
    if (summary->parsed()) return dispatch.summary();
    if (coverage->parsed()) return dispatch.coverage();
    if (update->parsed()) return dispatch.action_update();
    if (history->parsed()) return dispatch.history();
    if (audit->parsed()) return dispatch.audit();
    if (demo->parsed()) return dispatch.demo();
    err << cli.help();
    return kUsage;
}

}  // namespace csip::cli
