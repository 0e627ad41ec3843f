// The case data and indicator commands: data import/list, indicators, indicator set/values,
// exceptions and settings show/set. Each parses its options, calls the app layer's
// IndicatorService and prints the result. An import that runs for more than a second shows its
// progress on one redrawn line of standard error when that is a terminal, and nothing otherwise.
#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>

#include "app/indicator_service.hpp"
#include "cli/cli_context.hpp"
#include "domain/text.hpp"
#include "import/problem.hpp"
#include "import/returns/detect.hpp"
#include "reporting/indicator_text.hpp"

namespace csip::cli {
namespace {

struct DataOptions {
    std::vector<std::string> files;
    std::string format;
    std::string by;
    int year = 0;
    bool replace = false;
    std::string from;
    std::string to;
    std::string as_of;
    std::string as_at;
    std::string id;
    std::string month;
    double value = 0.0;
    std::string note;
    std::string key;
    std::string setting;  // the value `settings set` is given, as typed
};

std::string default_actor() {
    const char* user = std::getenv("USER");
    return user != nullptr && *user != '\0' ? user : "csip";
}

std::string megabytes(std::uint64_t bytes) {
    return fmt::format("{:.1f} MB", static_cast<double>(bytes) / 1e6);
}

// Redraws one line of standard error while a long import runs, when standard error is a
// terminal: bytes and records read, the rate and the time left. Silent for the first second.
class ProgressLine {
  public:
    explicit ProgressLine(bool enabled)
        : m_enabled(enabled), m_started(std::chrono::steady_clock::now()) {}
    ~ProgressLine() { clear(); }
    ProgressLine(const ProgressLine&) = delete;
    ProgressLine& operator=(const ProgressLine&) = delete;

    void update(const app::ImportProgress& progress) {
        if (!m_enabled) return;
        const auto now = std::chrono::steady_clock::now();
        const double seconds = std::chrono::duration<double>(now - m_started).count();
        if (seconds < 1.0 || now - m_last < std::chrono::milliseconds(200)) return;
        m_last = now;
        const double rate = static_cast<double>(progress.bytes_read) / seconds;
        std::string left = "?";
        if (rate > 0.0 && progress.total_bytes >= progress.bytes_read) {
            left = fmt::format(
                "{:.0f} s", static_cast<double>(progress.total_bytes - progress.bytes_read) / rate);
        }
        const std::string line =
            fmt::format("Reading {}: {} of {}, {} records, {:.1f} MB/s, {} left",
                        domain::escape_controls(progress.file, false),
                        megabytes(progress.bytes_read), megabytes(progress.total_bytes),
                        progress.records, rate / 1e6, left);
        std::cerr << "\r" << line
                  << std::string(m_width > line.size() ? m_width - line.size() : 0, ' ')
                  << std::flush;
        m_width = line.size();
    }

    void clear() {
        if (m_width == 0) return;
        std::cerr << "\r" << std::string(m_width, ' ') << "\r" << std::flush;
        m_width = 0;
    }

  private:
    bool m_enabled;
    std::chrono::steady_clock::time_point m_started;
    std::chrono::steady_clock::time_point m_last;
    std::size_t m_width = 0;
};

class DataCommands {
  public:
    DataCommands(CliContext& context, const DataOptions& options)
        : m_context(context), m_options(options) {}

    template <typename Command>
    void run(Command command) {
        auto plans = m_context.plan_store();
        if (!plans) return m_context.refuse(plans.error());
        auto cases = m_context.case_store();
        if (!cases) return m_context.refuse(cases.error());
        app::IndicatorService service(**plans, **cases, m_context.clock);
        if (auto done = command(*this, service); !done) m_context.refuse(done.error());
    }

    Result<void> import(app::IndicatorService& service) {
        app::ImportRequest request;
        request.files = m_options.files;
        request.by = m_options.by.empty() ? default_actor() : m_options.by;
        if (!m_options.format.empty()) {
            request.format = import::parse_format_name(m_options.format);
            if (!request.format) {
                std::string names;
                for (const auto format : import::kAllReturnFormats) {
                    names += (names.empty() ? "" : ", ") + std::string(import::format_name(format));
                }
                return fail(ErrorKind::InvalidInput,
                            fmt::format("--format '{}' is not a format csip reads; use one of {}",
                                        m_options.format, names),
                            "format");
            }
        }
        if (m_options.year != 0) request.collection_year = m_options.year;
        if (!m_options.as_at.empty()) {
            request.as_at = domain::Date::parse_iso(m_options.as_at);
            if (!request.as_at) {
                return fail(ErrorKind::InvalidInput,
                            fmt::format("--as-at '{}' is not a date; write it YYYY-MM-DD",
                                        m_options.as_at),
                            "as-at");
            }
        }
        request.replace = m_options.replace;
        // Only the real standard error, and only a terminal, gets the progress line.
        ProgressLine progress(m_context.err_is_terminal);
        request.progress = [&](const app::ImportProgress& at) { progress.update(at); };
        auto outcome = service.import_files(request);
        progress.clear();
        if (!outcome) return fail(outcome.error());

        std::uint64_t read = 0;
        std::uint64_t used = 0;
        std::uint64_t skipped = 0;
        for (const auto& file : outcome->files) {
            const auto& report = file.report;
            for (const auto& problem : report.problems) {
                m_context.err << import::to_string(problem) << "\n";
            }
            std::uint64_t file_skipped = 0;
            for (const auto& [reason, count] : report.skipped_by_reason) file_skipped += count;
            m_context.out << fmt::format(
                "{}: {} ({}), {}\n", file.file, import::format_description(report.format),
                import::format_name(report.format),
                file.detected ? "recognised from its content" : "as named by --format");
            m_context.out << fmt::format("  records read {}, used {}, skipped {}\n",
                                         report.records_read, report.records_used, file_skipped);
            for (const auto& [reason, count] : report.skipped_by_reason) {
                m_context.out << fmt::format("    {} {}\n", count, reason);
            }
            m_context.out << fmt::format("  stored as return {} {}{}\n", file.identity.format,
                                         file.identity.reference,
                                         file.replaced ? ", replacing the earlier copy" : "");
            if (!file.note.empty()) m_context.out << fmt::format("  {}\n", file.note);
            read += report.records_read;
            used += report.records_used;
            skipped += file_skipped;
        }
        m_context.out << fmt::format("Imported {} file{}: {} records read, {} used, {} skipped.\n",
                                     outcome->files.size(), outcome->files.size() == 1 ? "" : "s",
                                     read, used, skipped);
        return {};
    }

    Result<void> list(app::IndicatorService& service) {
        auto returns = service.imported_returns();
        if (!returns) return fail(returns.error());
        if (m_options.format == "json") {
            std::vector<reporting::ImportedReturnRow> rows;
            for (const auto& r : *returns) {
                rows.push_back({r.identity.format, r.identity.reference,
                                r.reference_date
                                    ? std::optional<std::string>(r.reference_date->iso())
                                    : std::nullopt,
                                r.file, r.imported_at, r.imported_by, r.records_read,
                                r.records_used, r.records_skipped});
            }
            m_context.out << reporting::render_returns_json(rows);
            return {};
        }
        if (returns->empty()) {
            m_context.out << "No case data has been imported: csip data import FILE...\n";
            return {};
        }
        m_context.out << fmt::format("{:<20} {:<24} {:<20} {:>9} {:>9} {:>8}  {}\n", "Format",
                                     "Reference", "Imported", "Read", "Used", "Skipped",
                                     "By, from");
        for (const auto& r : *returns) {
            m_context.out << fmt::format("{:<20} {:<24} {:<20} {:>9} {:>9} {:>8}  {}, {}\n",
                                         r.identity.format, r.identity.reference, r.imported_at,
                                         r.records_read, r.records_used, r.records_skipped,
                                         r.imported_by, r.file);
        }
        return {};
    }

    Result<void> indicators(app::IndicatorService& service) {
        const auto to = date_option(m_options.to, "--to", m_context.clock);
        if (!to) return fail(to.error());
        domain::Date from = domain::financial_year_start(*to);
        if (!m_options.from.empty()) {
            const auto given = date_option(m_options.from, "--from", m_context.clock);
            if (!given) return fail(given.error());
            from = *given;
        }
        auto report = service.indicators(from, *to);
        if (!report) return fail(report.error());
        if (m_options.format == "json") {
            m_context.out << reporting::render_indicators_json(*report);
        } else if (m_options.format == "csv") {
            m_context.out << reporting::render_indicators_csv(*report);
        } else {
            m_context.out << reporting::render_indicators_text(*report);
        }
        return {};
    }

    Result<void> set_value(app::IndicatorService& service) {
        auto value = service.set_manual_value(m_options.id, m_options.month, m_options.value,
                                              m_options.by, m_options.note);
        if (!value) return fail(value.error());
        m_context.out << fmt::format("Recorded {} for {} in {}, by {} at {}.\n",
                                     fmt::format("{:g}", value->value), value->indicator,
                                     value->month, value->recorded_by, value->recorded_at);
        return {};
    }

    Result<void> values(app::IndicatorService& service) {
        auto values = service.manual_values();
        if (!values) return fail(values.error());
        if (values->empty()) {
            m_context.out << "No value has been entered by hand: csip indicator set ID ...\n";
            return {};
        }
        for (const auto& v : *values) {
            if (!m_options.id.empty() && v.indicator != m_options.id) continue;
            m_context.out << fmt::format("{} {} {:g} by {} at {}{}\n", v.indicator, v.month,
                                         v.value, v.recorded_by, v.recorded_at,
                                         v.note.empty() ? "" : " (" + v.note + ")");
        }
        return {};
    }

    Result<void> exceptions(app::IndicatorService& service) {
        const auto as_of = date_option(m_options.as_of, "--as-of", m_context.clock);
        if (!as_of) return fail(as_of.error());
        auto found = service.exceptions(m_options.id, *as_of);
        if (!found) return fail(found.error());
        m_context.out << (m_options.format == "json"
                              ? reporting::render_exceptions_json(m_options.id, *as_of, *found)
                              : reporting::render_exceptions_text(m_options.id, *as_of, *found));
        return {};
    }

    Result<void> settings_show(app::IndicatorService& service) {
        auto config = service.settings();
        if (!config) return fail(config.error());
        for (const auto& key : app::indicator_setting_keys()) {
            const auto set = config->set.find(key);
            const double value = app::setting_value(*config, key);
            // The council and the neighbour model have no default: unset, they say so.
            const bool unset = set == config->set.end() && !app::setting_has_default(key);
            m_context.out << fmt::format(
                "{:<32} {:>5}  {}\n", key, unset ? "-" : fmt::format("{:g}", value),
                unset ? std::string(key == "la_code" ? "(not set: the council whose published "
                                                       "figures are compared)"
                                                     : "(not set: the latest model imported)") :
                set == config->set.end()
                    ? std::string("(default)")
                    : fmt::format("set by {} at {}", set->second.set_by, set->second.set_at));
        }
        return {};
    }

    Result<void> settings_set(app::IndicatorService& service) {
        char* end = nullptr;
        const double value = std::strtod(m_options.setting.c_str(), &end);
        if (m_options.setting.empty() || end == nullptr || *end != '\0') {
            return fail(ErrorKind::InvalidInput,
                        fmt::format("'{}' is not a number; give the setting's value, e.g. 10",
                                    m_options.setting),
                        "value");
        }
        auto saved = service.set_setting(m_options.key, value,
                                         m_options.by.empty() ? default_actor() : m_options.by);
        if (!saved) return fail(saved.error());
        m_context.out << fmt::format("Set {} to {:g}.\n", saved->key, saved->value);
        return {};
    }

  private:
    CliContext& m_context;
    const DataOptions& m_options;
};

}  // namespace

void add_data_commands(CLI::App& cli, CliContext& context) {
    auto options = std::make_shared<DataOptions>();
    auto commands = std::make_shared<DataCommands>(context, *options);
    auto& o = *options;
    // Each callback keeps `options` and `commands` alive for as long as the App holds it.
    auto on = [options, commands](auto member) {
        return [options, commands, member] {
            commands->run([member](DataCommands& self, app::IndicatorService& service) {
                return (self.*member)(service);
            });
        };
    };

    auto* data = cli.add_subcommand("data", "import and list case-level returns");
    data->require_subcommand(1);
    auto* import = data->add_subcommand(
        "import",
        "read returns (CIN census, SSDA903, CSWW, Annex A, csip's CSVs) into the case data");
    import->add_option("FILE", o.files, "the files; each format is recognised from its content")
        ->required();
    import->add_option("--format", o.format,
                       "read every file as this format: cin, 903-header, 903-episodes, "
                       "903-reviews, 903-oc2, csww, annex-a, annex-a-list, cp-visits, "
                       "conference-reports, workforce");
    import->add_option("--by", o.by, "who is importing (default: $USER)");
    import
        ->add_option("--year", o.year,
                     "the SSDA903 collection year, by its 31 March (2016 for 2015-16)")
        ->check(CLI::Range(2000, 2100));
    import->add_option("--as-at", o.as_at,
                       "the date an Annex A extract was taken, YYYY-MM-DD (default: the latest "
                       "date in it)");
    import->add_flag("--replace", o.replace,
                     "replace a stored return even with a copy that has no usable records, or "
                     "fewer than half as many");
    import->callback(on(&DataCommands::import));

    auto* list = data->add_subcommand("list", "the returns imported: when, by whom, counts");
    list->add_option("--format", o.format, "text (default) or json")
        ->check(CLI::IsMember({"text", "json"}));
    list->callback(on(&DataCommands::list));

    auto* indicators = cli.add_subcommand("indicators", "every performance indicator for a period");
    indicators->add_option("--from", o.from,
                           "the first day, YYYY-MM-DD (default: 1 April of --to's financial year)");
    indicators->add_option("--to", o.to, "the last day, YYYY-MM-DD (default: today)");
    indicators->add_option("--format", o.format, "text (default), json or csv")
        ->check(CLI::IsMember({"text", "json", "csv"}));
    indicators->callback(on(&DataCommands::indicators));

    auto* indicator = cli.add_subcommand("indicator", "values entered by hand");
    indicator->require_subcommand(1);
    auto* set = indicator->add_subcommand(
        "set", "record a month's value of a measure no return carries, with who gave it");
    set->add_option("ID", o.id, "the indicator, as the plan's measure names it")->required();
    set->add_option("--month", o.month, "YYYY-MM")->required();
    set->add_option("--value", o.value, "the percentage")->required();
    set->add_option("--by", o.by, "whose figure it is")->required();
    set->add_option("--note", o.note, "where the figure comes from");
    set->callback(on(&DataCommands::set_value));
    auto* values = indicator->add_subcommand("values", "every value entered by hand, oldest first");
    values->add_option("ID", o.id, "only this indicator");
    values->callback(on(&DataCommands::values));

    auto* exceptions = cli.add_subcommand(
        "exceptions", "an indicator's cases out of timescale, and those open and past due");
    exceptions->add_option("ID", o.id, "the indicator, e.g. cp_visits_on_time")->required();
    exceptions->add_option("--as-of", o.as_of, "YYYY-MM-DD (default: today)");
    exceptions->add_option("--format", o.format, "text (default) or json")
        ->check(CLI::IsMember({"text", "json"}));
    exceptions->callback(on(&DataCommands::exceptions));

    auto* settings =
        cli.add_subcommand("settings", "the authority's local standards and tolerance");
    settings->require_subcommand(1);
    auto* show = settings->add_subcommand("show", "each setting, and who set it");
    show->callback(on(&DataCommands::settings_show));
    auto* change = settings->add_subcommand("set", "change a setting");
    change->add_option("KEY", o.key, "e.g. visit_working_days, tolerance")->required();
    change->add_option("VALUE", o.setting, "working days, or percentage points for tolerance")
        ->required();
    change->add_option("--by", o.by, "who changes it (default: $USER)");
    change->callback(on(&DataCommands::settings_set));
}

}  // namespace csip::cli
