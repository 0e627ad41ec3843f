// CliContext: what every command needs: the `--db` the user chose, the output streams (each
// through a SafeOutput, cli/safe_output.hpp), the clock, the store (opened on first use) and the
// exit status the command leaves. Each group of
// commands lives in its own file and registers itself with an add_*_commands function; a
// command's callback sets `status` (kDone, kRefused).
#pragma once

#include <CLI/CLI.hpp>

#include <memory>
#include <ostream>
#include <string>

#include "domain/clock.hpp"
#include "domain/date.hpp"
#include "domain/result.hpp"
#include "storage/case_store.hpp"
#include "storage/plan_store.hpp"

namespace csip::cli {

constexpr int kDone = 0;
constexpr int kRefused = 1;
constexpr int kUsage = 2;

class CliContext {
public:
    CliContext(std::ostream& out, std::ostream& err, const domain::Clock& clock);
    ~CliContext();

    std::string db;  // --db: a SQLite path or a postgresql:// URL
    std::ostream& out;
    std::ostream& err;
    bool err_is_terminal = false;  // the real standard error, on a terminal (progress lines)
    const domain::Clock& clock;
    int status = kDone;

    // The plan store `db` names, opened on first use.
    [[nodiscard]] Result<storage::PlanStore*> plan_store();
    // The case data store on the same database, opened on first use.
    [[nodiscard]] Result<storage::CaseStore*> case_store();

    // Prints `csip: message` to err and sets the status to kRefused.
    void refuse(const Error& error);

private:
    std::unique_ptr<storage::PlanStore> m_plan_store;
    std::unique_ptr<storage::CaseStore> m_case_store;
};

// A date option: empty means today; otherwise YYYY-MM-DD, or an error naming the option.
[[nodiscard]] Result<domain::Date> date_option(const std::string& text, const std::string& option,
                                               const domain::Clock& clock);

// Each group of commands.
void add_plan_commands(CLI::App& cli, CliContext& context);
void add_report_commands(CLI::App& cli, CliContext& context);
void add_data_commands(CLI::App& cli, CliContext& context);
void add_benchmark_commands(CLI::App& cli, CliContext& context);
void add_web_commands(CLI::App& cli, CliContext& context);

}  // namespace csip::cli
