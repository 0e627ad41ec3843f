#include "reporting/benchmark_text.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "reporting/csv_cell.hpp"

namespace csip::reporting {
namespace {

using Json = nlohmann::ordered_json;

Json optional(const std::optional<double>& value) { return value ? Json(*value) : Json(nullptr); }

Json optional(const std::optional<int>& value) { return value ? Json(*value) : Json(nullptr); }

std::string shown(const domain::BenchmarkMeasure& measure, const std::optional<double>& value,
                  const std::string& mark = {}) {
    if (value) return domain::published_text(measure, *value);
    if (!mark.empty()) return "(" + mark + ")";
    return "-";
}

std::string number(const std::optional<double>& value) {
    return value ? fmt::format("{:g}", *value) : std::string();
}

}  // namespace

std::string render_benchmarks_text(
    const domain::BenchmarkComparison& comparison,
    const std::vector<domain::BenchmarkReconciliation>& reconciliation) {
    std::string out = fmt::format(
        "{} (LA {}), {}: published figures for {}\n", comparison.la_name, comparison.la_code,
        comparison.region.empty() ? "no region" : comparison.region, comparison.year);
    if (comparison.neighbour_model.empty()) {
        out += "No statistical-neighbour model is held: the neighbours' median is not shown.\n";
    } else {
        std::string names;
        for (const auto& neighbour : comparison.neighbours) {
            names += (names.empty() ? "" : ", ") + neighbour.name;
        }
        out += fmt::format("Statistical neighbours ({} model): {}\n", comparison.neighbour_model,
                           names.empty() ? "none listed" : names);
    }
    out += fmt::format("\n{:<58} {:>8} {:>8} {:>8} {:>10} {:>10}  {}\n", "Measure", "Council",
                       "England", "Region", "Neighbours", "Rank", "Source");
    for (const auto& line : comparison.measures) {
        const auto& measure = *line.measure;
        const std::string rank =
            line.rank ? fmt::format("{}/{} {}", *line.rank, line.of, *line.quartile) : "-";
        out += fmt::format("{:<58} {:>8} {:>8} {:>8} {:>10} {:>10}  {}\n",
                           std::string(measure.title) + (measure.indicator ? "" : " *"),
                           shown(measure, line.la, line.la_mark), shown(measure, line.england),
                           shown(measure, line.region), shown(measure, line.neighbours_median),
                           rank, line.source.empty() ? "-" : line.source);
    }
    out +=
        "\n* a context measure: published, with no csip indicator of its own. Rank: 1 is the "
        "best council; quartile band A (best) to D. (c) suppressed, (z) not applicable, (x) "
        "not available, (-) not published.\n";
    if (!reconciliation.empty()) {
        out += "\nThe council's returns against its published figures:\n";
        for (const auto& line : reconciliation) {
            const auto& measure = *line.measure;
            out += fmt::format("  {} {}: computed {}, published {}{}\n", measure.title,
                               domain::year_phrase(measure, line.year),
                               shown(measure, line.computed), shown(measure, line.published),
                               line.difference
                                   ? fmt::format(", difference {:+.1f} points", *line.difference)
                                   : std::string());
        }
    }
    return out;
}

std::string render_benchmarks_json(
    const domain::BenchmarkComparison& comparison,
    const std::vector<domain::BenchmarkReconciliation>& reconciliation) {
    Json neighbours = Json::array();
    for (const auto& neighbour : comparison.neighbours) {
        neighbours.push_back({{"code", neighbour.code},
                              {"name", neighbour.name},
                              {"closeness", neighbour.closeness}});
    }
    Json measures = Json::array();
    for (const auto& line : comparison.measures) {
        const auto& measure = *line.measure;
        Json values = Json::array();
        for (const auto& value : line.neighbour_values) values.push_back(optional(value));
        measures.push_back({
            {"id", measure.id},
            {"title", measure.title},
            {"source", line.source.empty() ? Json(nullptr) : Json(line.source)},
            {"polarity", domain::to_string(measure.polarity)},
            {"unit", measure.unit},
            {"context", !measure.indicator.has_value()},
            {"la", optional(line.la)},
            {"la_mark", line.la_mark.empty() ? Json(nullptr) : Json(line.la_mark)},
            {"england", optional(line.england)},
            {"region", optional(line.region)},
            {"neighbours_median", optional(line.neighbours_median)},
            {"neighbours_with_value", line.neighbours_with_value},
            {"neighbour_values", std::move(values)},
            {"rank", optional(line.rank)},
            {"of", line.of},
            {"quartile", line.quartile ? Json(std::string(1, *line.quartile)) : Json(nullptr)},
            {"sentence", domain::benchmark_sentence(line)},
        });
    }
    Json reconciled = Json::array();
    for (const auto& line : reconciliation) {
        reconciled.push_back({{"id", line.measure->id},
                              {"year", line.year},
                              {"from", line.from.iso()},
                              {"to", line.to.iso()},
                              {"computed", optional(line.computed)},
                              {"published", optional(line.published)},
                              {"difference", optional(line.difference)},
                              {"source", line.source}});
    }
    Json document{
        {"la",
         {{"code", comparison.la_code},
          {"name", comparison.la_name},
          {"region", comparison.region}}},
        {"year", comparison.year},
        {"neighbour_model",
         comparison.neighbour_model.empty() ? Json(nullptr) : Json(comparison.neighbour_model)},
        {"neighbours", std::move(neighbours)},
        {"measures", std::move(measures)},
        {"reconciliation", std::move(reconciled)},
    };
    return document.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::string render_benchmarks_csv(const domain::BenchmarkComparison& comparison) {
    std::string out =
        "la_code,la_name,year,measure,title,source,la,england,region,neighbours_median,"
        "neighbours_with_value,rank,of,quartile\n";
    for (const auto& line : comparison.measures) {
        const auto& measure = *line.measure;
        out += fmt::format("{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n",
                           csv_cell(comparison.la_code), csv_cell(comparison.la_name),
                           csv_cell(comparison.year), csv_cell(measure.id), csv_cell(measure.title),
                           csv_cell(line.source), number(line.la), number(line.england),
                           number(line.region), number(line.neighbours_median),
                           line.neighbours_with_value, line.rank ? std::to_string(*line.rank) : "",
                           line.of, line.quartile ? std::string(1, *line.quartile) : "");
    }
    return out;
}

}  // namespace csip::reporting
