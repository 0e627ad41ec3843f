#include "cli/commands.hpp"

#include <fmt/format.h>

#include <unistd.h>

#include <cstdlib>

#include "cli/cli_context.hpp"
#include "cli/safe_output.hpp"
#include "cli/store_factory.hpp"

namespace csip::cli {
namespace {

std::string default_db() {
    const char* from_environment = std::getenv("CSIP_DB");
    return from_environment != nullptr && *from_environment != '\0' ? from_environment : "csip.db";
}

}  // namespace

CliContext::CliContext(std::ostream& out_stream, std::ostream& err_stream,
                       const domain::Clock& the_clock)
    : out(out_stream), err(err_stream), clock(the_clock) {}

CliContext::~CliContext() = default;

Result<storage::PlanStore*> CliContext::plan_store() {
    if (!m_plan_store) {
        auto store = open_store(db);
        if (!store) return fail(store.error());
        m_plan_store = std::move(*store);
    }
    return m_plan_store.get();
}

Result<storage::CaseStore*> CliContext::case_store() {
    if (!m_case_store) {
        auto store = open_case_store(db);
        if (!store) return fail(store.error());
        m_case_store = std::move(*store);
    }
    return m_case_store.get();
}

void CliContext::refuse(const Error& error) {
    err << "csip: " << error.message << "\n";
    status = kRefused;
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

int run(int argc, const char* const* argv, std::ostream& out, std::ostream& err,
        const domain::Clock& clock) {
    SafeOutput safe_out(out);
    SafeOutput safe_err(err);
    std::ostream out_stream(&safe_out);
    std::ostream err_stream(&safe_err);
    CliContext context(out_stream, err_stream, clock);
    context.err_is_terminal = &err == &std::cerr && isatty(STDERR_FILENO) == 1;
    context.db = default_db();

    CLI::App cli{"csip: the children's services improvement programme: the plan, its indicators "
                 "and its reports",
                 "csip"};
    cli.require_subcommand(1);
    cli.add_option("--db", context.db,
                   "SQLite file or postgresql:// URL (default: $CSIP_DB, else csip.db)");
    add_plan_commands(cli, context);
    add_report_commands(cli, context);
    add_data_commands(cli, context);
    add_benchmark_commands(cli, context);
    add_web_commands(cli, context);

    try {
        cli.parse(argc, argv);
    } catch (const CLI::ParseError& error) {
        // Help is a "parse error" that succeeds; CLI11 prints it for the right subcommand.
        const int status = cli.exit(error, out, err);
        if (status != 0) err << "Run 'csip --help' for the commands and options.\n";
        return status == 0 ? kDone : kUsage;
    }
    return context.status;
}

}  // namespace csip::cli
