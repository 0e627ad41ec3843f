// The benchmarks commands: `benchmarks import FILE...` reads the department's published files
// (EES tidy CSVs, the LAIT long table, statistical-neighbour models), and `benchmarks` prints how
// a council stands against England, its region and its statistical neighbours. Each calls the
// app layer's BenchmarkService.
#include <fmt/format.h>

#include <cstdlib>

#include "app/benchmark_service.hpp"
#include "cli/cli_context.hpp"
#include "domain/indicators/benchmarks.hpp"
#include "import/problem.hpp"
#include "reporting/benchmark_text.hpp"

namespace csip::cli {
namespace {

struct BenchmarkOptions {
    std::vector<std::string> files;
    std::string model;
    std::string by;
    std::string la;
    std::string year;
    std::string format = "text";
};

std::string default_actor() {
    const char* user = std::getenv("USER");
    return user != nullptr && *user != '\0' ? user : "csip";
}

std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
    return out;
}

template <typename Command>
void with_service(CliContext& context, Command command) {
    auto plans = context.plan_store();
    if (!plans) return context.refuse(plans.error());
    auto cases = context.case_store();
    if (!cases) return context.refuse(cases.error());
    app::IndicatorService indicators(**plans, **cases, context.clock);
    app::BenchmarkService service(**cases, indicators, context.clock);
    if (auto done = command(service); !done) context.refuse(done.error());
}

Result<void> import_files(CliContext& context, const BenchmarkOptions& options,
                          app::BenchmarkService& service) {
    app::BenchmarkImportRequest request;
    request.files = options.files;
    if (!options.model.empty()) request.model = options.model;
    request.by = options.by.empty() ? default_actor() : options.by;
    auto outcome = service.import_files(request);
    if (!outcome) return fail(outcome.error());
    std::uint64_t figures = 0;
    std::uint64_t skipped = 0;
    for (const auto& file : outcome->files) {
        for (const auto& problem : file.problems) {
            context.err << import::to_string(problem) << "\n";
        }
        context.out << fmt::format("{}: {}\n", file.file,
                                   file.format == import::returns::PublishedFormat::Ees
                                       ? "an Explore Education Statistics file"
                                   : file.format == import::returns::PublishedFormat::Lait
                                       ? "the Local Authority Interactive Tool's long table"
                                       : "a statistical-neighbour model");
        context.out << fmt::format("  rows read {}, used {}, skipped {}\n", file.rows_read,
                                   file.rows_used, file.rows_skipped);
        for (const auto& [why, count] : file.not_kept) {
            context.out << fmt::format("    {} {} (not kept)\n", count, why);
        }
        if (!file.model.empty()) {
            context.out << fmt::format("  stored as neighbour model {}{}\n", file.model,
                                       file.model_replaced ? ", replacing the earlier copy" : "");
        } else {
            context.out << fmt::format(
                "  {} figures ({} published without a value) of {}{}\n", file.figures,
                file.withheld, joined(file.measures),
                file.replaced ? fmt::format(", replacing {} held", file.replaced) : "");
        }
        figures += file.figures;
        skipped += file.rows_skipped;
    }
    context.out << fmt::format("Imported {} file{}: {} figures, {} rows skipped.\n",
                               outcome->files.size(), outcome->files.size() == 1 ? "" : "s",
                               figures, skipped);
    return {};
}

Result<void> show(CliContext& context, const BenchmarkOptions& options,
                  app::BenchmarkService& service) {
    auto view = service.benchmarks(
        options.la.empty() ? std::nullopt : std::optional<std::string>(options.la),
        options.year.empty() ? std::nullopt : std::optional<std::string>(options.year));
    if (!view) return fail(view.error());
    if (options.format == "json") {
        context.out << reporting::render_benchmarks_json(view->comparison, view->reconciliation);
    } else if (options.format == "csv") {
        context.out << reporting::render_benchmarks_csv(view->comparison);
    } else {
        context.out << reporting::render_benchmarks_text(view->comparison, view->reconciliation);
    }
    return {};
}

}  // namespace

void add_benchmark_commands(CLI::App& cli, CliContext& context) {
    auto options = std::make_shared<BenchmarkOptions>();
    auto& o = *options;
    auto* benchmarks = cli.add_subcommand(
        "benchmarks",
        "how the council stands against England, its region and its statistical neighbours");
    benchmarks->require_subcommand(0, 1);
    benchmarks->add_option("--la", o.la, "the council's LA code (default: the la_code setting)");
    benchmarks->add_option("--year", o.year,
                           "the published year, e.g. 2025 (default: the latest the council has)");
    benchmarks->add_option("--format", o.format, "text (default), json or csv")
        ->check(CLI::IsMember({"text", "json", "csv"}));
    auto* import = benchmarks->add_subcommand(
        "import",
        "read the department's published files: EES tidy CSVs, the LAIT long table, "
        "statistical-neighbour models");
    import->add_option("FILE", o.files, "the files; each is recognised from its header")
        ->required();
    import->add_option("--model", o.model,
                       "name a statistical-neighbour model (default: the year in its file name)");
    import->add_option("--by", o.by, "who is importing (default: $USER)");
    import->callback([options, &context] {
        with_service(context, [&](app::BenchmarkService& service) {
            return import_files(context, *options, service);
});
}  // namespace csip::cli
);
benchmarks->callback([options, import, &context] {
    if (import->parsed()) return;
    with_service(context,
                 [&](app::BenchmarkService& service) { return show(context, *options, service); });
});
}

}  // namespace csip::cli
