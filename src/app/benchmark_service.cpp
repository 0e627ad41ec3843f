#include "app/benchmark_service.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <set>

namespace csip::app {
namespace {

using domain::BenchmarkMeasure;
using domain::Date;

// The year a published label covers for `measure`: the year to 31 March, or to 30 September.
std::optional<std::pair<Date, Date>> year_window(const BenchmarkMeasure& measure,
                                                 const std::string& label) {
    const auto year = domain::published_year(label);
    if (!year) return std::nullopt;
    const bool march = measure.year_basis == "year ending 31 March";
    const auto from = march ? Date::from_ymd(*year - 1, 4, 1) : Date::from_ymd(*year - 1, 10, 1);
    const auto to = march ? Date::from_ymd(*year, 3, 31) : Date::from_ymd(*year, 9, 30);
    if (!from || !to) return std::nullopt;
    return std::pair{*from, *to};
}

std::string la_text(int code) { return std::to_string(code); }

}  // namespace

BenchmarkService::BenchmarkService(storage::CaseStore& cases, IndicatorService& indicators,
                                   const domain::Clock& clock)
    : m_cases(cases), m_indicators(indicators), m_clock(clock) {}

Result<BenchmarkImportOutcome> BenchmarkService::import_files(
    const BenchmarkImportRequest& request) {
    if (request.files.empty()) {
        return fail(ErrorKind::InvalidInput, "name at least one published file to import", "files");
    }
    if (request.by.empty()) {
        return fail(ErrorKind::InvalidInput, "say who imports the files (--by NAME)", "by");
    }
    std::vector<import::returns::PublishedRead> reads;
    std::string refusals;
    for (std::size_t i = 0; i < request.files.size(); ++i) {
        const std::string name = i < request.names.size() ? request.names[i] : request.files[i];
        auto read = import::returns::read_published(request.files[i], name, request.model);
        if (!read) {
            refusals += (refusals.empty() ? "" : "\n") + read.error().message;
            continue;
        }
        if (read->figures.empty() && !read->model) {
            refusals += (refusals.empty() ? "" : "\n") + name +
                        ": no figure could be read (see the problems); fix them and import again";
            continue;
        }
        reads.push_back(std::move(*read));
    }
    if (!refusals.empty()) {
        return fail(ErrorKind::InvalidInput,
                    refusals + (request.files.size() > 1 ? "\nnothing was imported" : ""), "files");
    }
    auto stored = m_cases.published_figures();
    if (!stored) return fail(stored.error());
    auto models = m_cases.neighbour_models();
    if (!models) return fail(models.error());

    const std::string now = m_clock.timestamp();
    BenchmarkImportOutcome outcome;
    std::vector<storage::PublishedSet> sets;
    std::vector<domain::AuditEntry> audit;
    for (auto& read : reads) {
        PublishedFileImport file;
        file.file = read.file;
        file.format = read.format;
        file.measures = read.measures;
        file.datasets = read.datasets;
        file.figures = read.figures.size();
        file.withheld = read.withheld;
        file.rows_read = read.rows_read;
        file.rows_used = read.rows_used;
        file.rows_skipped = read.rows_skipped;
        file.not_kept = read.not_kept;
        file.problems = read.problems;
        storage::PublishedSet set;
        set.file = read.file;
        set.measures = read.measures;
        if (!read.figures.empty()) set.source = read.figures.front().source;
        for (const auto& figure : *stored) {
            if (figure.source == set.source && std::find(set.measures.begin(), set.measures.end(),
                                                         figure.measure) != set.measures.end()) {
                ++file.replaced;
            }
        }
        std::string what = std::to_string(file.figures) + " figures";
        if (read.model) {
            file.model = read.model->name;
            file.model_replaced =
                std::any_of(models->begin(), models->end(),
                            [&](const auto& held) { return held.model.name == read.model->name; });
            what = "neighbour model " + read.model->name + " (" +
                   std::to_string(read.model->councils.size()) + " councils)";
        }
        audit.push_back({0, now, request.by, "benchmarks", read.file, "import", std::nullopt,
                         what + (read.measures.empty() ? "" : " of ") +
                             [&] {
                                 std::string list;
                                 for (const auto& m : read.measures)
                                     list += (list.empty() ? "" : ", ") + m;
                                 return list;
                             }(),
                         std::nullopt});
        set.figures = std::move(read.figures);
        set.model = std::move(read.model);
        sets.push_back(std::move(set));
        outcome.files.push_back(std::move(file));
    }
    if (auto saved = m_cases.replace_published(sets, now, request.by, audit); !saved) {
        return fail(saved.error());
    }
    return outcome;
}

Result<BenchmarkService::Held> BenchmarkService::held() {
    auto figures = m_cases.published_figures();
    if (!figures) return fail(figures.error());
    auto models = m_cases.neighbour_models();
    if (!models) return fail(models.error());
    auto config = m_indicators.settings();
    if (!config) return fail(config.error());
    return Held{domain::PublishedFigures(std::move(*figures)), std::move(*models),
                std::move(*config)};
}

const domain::NeighbourModel* BenchmarkService::model_in_force(const Held& held) {
    if (held.models.empty()) return nullptr;
    if (held.config.neighbour_model) {
        const std::string name = std::to_string(*held.config.neighbour_model);
        for (const auto& stored : held.models) {
            if (stored.model.name == name) return &stored.model;
        }
    }
    return &held.models.back().model;
}

Result<BenchmarksView> BenchmarkService::benchmarks(std::optional<std::string> la,
                                                    std::optional<std::string> year) {
    auto held = this->held();
    if (!held) return fail(held.error());
    if (!la && held->config.la_code) la = la_text(*held->config.la_code);
    if (!la) {
        return fail(ErrorKind::InvalidInput,
                    "name the council (--la 869) or set its LA code (csip settings set la_code "
                    "869)",
                    "la");
    }
    if (held->figures.empty()) {
        return fail(ErrorKind::NotFound,
                    "no published figures are held: import them first (csip benchmarks import "
                    "FILE...)",
                    "la");
    }
    const domain::NeighbourModel* model = model_in_force(*held);
    auto comparison = domain::compare_council(held->figures, model, *la, year);
    if (!comparison) return fail(comparison.error());
    BenchmarksView view;
    view.comparison = std::move(*comparison);
    view.years = held->figures.years();
    for (const auto& stored : held->models) view.models.push_back(stored.model.name);

    // The publications held.
    std::map<std::string, PublishedSource> sources;
    for (const auto& figure : held->figures.all()) {
        auto& source = sources[figure.dataset];
        source.dataset = figure.dataset;
        source.source = figure.source;
        if (std::find(source.measures.begin(), source.measures.end(), figure.measure) ==
            source.measures.end()) {
            source.measures.push_back(figure.measure);
        }
        if (source.first_year.empty() || figure.year < source.first_year) {
            source.first_year = figure.year;
        }
        if (figure.year > source.last_year) source.last_year = figure.year;
        ++source.figures;
        if (!figure.value) ++source.withheld;
    }
    for (auto& [name, source] : sources) view.sources.push_back(std::move(source));

    // The council's own figures, only for the council that is this one, for each completed
    // year one of its returns is dated at the end of.
    if (held->config.la_code && la_text(*held->config.la_code) == *la) {
        auto returns = m_indicators.imported_returns();
        if (!returns) return fail(returns.error());
        const Date today = m_clock.today();
        std::map<std::pair<Date, Date>, std::optional<IndicatorReport>> reports;
        for (const auto& measure : domain::benchmark_measures()) {
            if (!measure.indicator) continue;
            for (const auto& label : held->figures.years(measure.id)) {
                const auto window = year_window(measure, label);
                if (!window || today < window->second) continue;
                // A return dated on the year's last day (a CIN census or OC2 cohort at 31
                // March, a workforce census at 30 September) covers the year as published.
                const bool covered =
                    std::any_of(returns->begin(), returns->end(), [&](const auto& imported) {
                        return imported.reference_date &&
                               *imported.reference_date == window->second;
                    });
                if (!covered) continue;
                auto& report = reports[*window];
                if (!report) {
                    auto computed = m_indicators.indicators(window->first, window->second);
                    if (!computed) return fail(computed.error());
                    report = std::move(*computed);
                }
                Reconciliation line;
                line.measure = &measure;
                line.year = label;
                line.from = window->first;
                line.to = window->second;
                for (const auto& indicator : report->indicators) {
                    if (indicator.result.key == measure.id && !indicator.manual_only &&
                        !indicator.period_is_manual && !indicator.refused) {
                        line.computed = indicator.result.period.percent;
                    }
                }
                if (const auto* published = held->figures.find(measure.id, label, *la)) {
                    line.published = published->value;
                    line.source = published->dataset;
                }
                if (!line.computed) continue;
                if (line.published) line.difference = *line.computed - *line.published;
                view.reconciliation.push_back(std::move(line));
            }
        }
    }
    return view;
}

Result<IndicatorBenchmarks> BenchmarkService::for_indicators() {
    auto held = this->held();
    if (!held) return fail(held.error());
    IndicatorBenchmarks out;
    if (!held->config.la_code || held->figures.empty()) return out;
    const std::string la = la_text(*held->config.la_code);
    const domain::PublishedFigure* named = held->figures.council(la);
    if (!named) return out;
    out.la_code = la;
    out.la_name = named->area_name;
    const auto* region = domain::english_region(named->region);
    out.region = region ? std::string(region->name) : named->region;
    const domain::NeighbourModel* model = model_in_force(*held);
    if (model) out.neighbour_model = model->name;
    for (const auto& measure : domain::benchmark_measures()) {
        if (!measure.indicator) continue;
        const std::string key(measure.id);
        PublishedSeries series;
        series.measure = &measure;
        for (const auto& year : held->figures.years(measure.id)) {
            series.years.push_back(
                domain::compare_measure(held->figures, model, la, measure, year));
        }
        if (const auto latest = held->figures.latest_year(measure.id, la)) {
            out.latest[key] = domain::compare_measure(held->figures, model, la, measure, *latest);
        }
        if (!series.years.empty()) out.series[key] = std::move(series);
    }
    return out;
}

}  // namespace csip::app
