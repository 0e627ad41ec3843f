#include "reporting/report_snapshot.hpp"

#include <nlohmann/json.hpp>

namespace csip::reporting {
namespace {

using Json = nlohmann::ordered_json;

Json optional_number(const std::optional<double>& value) {
    return value ? Json(*value) : Json(nullptr);
}

Json counts(const domain::ActionCounts& c) {
    return Json{{"total", c.total},     {"not_started", c.not_started},
                {"red", c.red},         {"amber", c.amber},
                {"green", c.green},     {"complete", c.complete},
                {"overdue", c.overdue}, {"rescheduled", c.rescheduled}};
}

}  // namespace

std::string write_report_snapshot(const ReportModel& model) {
    Json snapshot;
    snapshot["format"] = "csip-report-snapshot/1";
    snapshot["title"] = model.title;
    snapshot["authority"] = model.authority;
    snapshot["body"] = model.body_name;
    snapshot["public"] = model.public_body;
    snapshot["as_of"] = model.as_of.iso();
    snapshot["since"] = model.since.iso();
    snapshot["meeting"] = model.meeting.iso();
    snapshot["figures_to"] = model.figures_to.iso();
    snapshot["case_level"] = model.includes_case_level;
    snapshot["actions"] = counts(model.summary.actions);
    Json workstreams = Json::array();
    for (const auto& workstream : model.summary.workstreams) {
        workstreams.push_back({{"id", workstream.id},
                               {"title", workstream.title},
                               {"actions", counts(workstream.actions)}});
    }
    snapshot["workstreams"] = std::move(workstreams);
    Json coverage = Json::array();
    for (const auto& row : model.coverage) {
        coverage.push_back({{"id", row.id},
                            {"actions", row.actions},
                            {"covered", row.covered},
                            {"at_risk", row.at_risk}});
    }
    snapshot["coverage"] = std::move(coverage);
    Json indicators = Json::array();
    for (const auto& row : model.indicators) {
        Json months = Json::array();
        for (const auto& month : row.months) {
            months.push_back({{"month", month.month},
                              {"numerator", month.figure.numerator},
                              {"denominator", month.figure.denominator},
                              {"percent", optional_number(month.figure.percent)}});
        }
        indicators.push_back({{"key", row.key},
                              {"title", row.title},
                              {"latest", optional_number(row.latest)},
                              {"latest_label", row.latest_label},
                              {"year_to_date", optional_number(row.year_to_date)},
                              {"target", optional_number(row.target)},
                              {"rag", row.rag ? Json(domain::to_string(*row.rag)) : Json(nullptr)},
                              {"higher_is_better", row.higher_is_better},
                              {"months", std::move(months)}});
    }
    snapshot["indicators"] = std::move(indicators);
    // The published figures as the report showed them, so that the publication keeps them
    // however the figures held change (a file re-imported, a neighbour model replaced).
    Json benchmarks = Json::array();
    for (const auto& row : model.indicators) {
        if (!row.benchmark) continue;
        const domain::MeasureComparison& comparison = *row.benchmark;
        Json neighbour_values = Json::array();
        for (const auto& value : comparison.neighbour_values) {
            neighbour_values.push_back(optional_number(value));
        }
        benchmarks.push_back(
            {{"indicator", row.key},
             {"measure", std::string(comparison.measure->id)},
             {"year", comparison.year},
             {"la", optional_number(comparison.la)},
             {"la_mark", comparison.la_mark},
             {"england", optional_number(comparison.england)},
             {"region", optional_number(comparison.region)},
             {"neighbours_median", optional_number(comparison.neighbours_median)},
             {"neighbours_with_value", comparison.neighbours_with_value},
             {"neighbour_values", std::move(neighbour_values)},
             {"rank", comparison.rank ? Json(*comparison.rank) : Json(nullptr)},
             {"of", comparison.of},
             {"quartile",
              comparison.quartile ? Json(std::string(1, *comparison.quartile)) : Json(nullptr)},
             {"source", comparison.source},
             {"england_source", comparison.england_source},
             {"sentence", row.benchmark_sentence}});
    }
    snapshot["benchmarks"] = std::move(benchmarks);
    return snapshot.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

Result<std::vector<domain::IndicatorResult>> read_snapshot_indicators(
    const std::string& snapshot_json) {
    const Json snapshot = Json::parse(snapshot_json, nullptr, false);
    if (snapshot.is_discarded() || !snapshot.is_object() ||
        snapshot.value("format", "") != "csip-report-snapshot/1" ||
        !snapshot.contains("indicators") || !snapshot["indicators"].is_array()) {
        return fail(ErrorKind::InvalidInput,
                    "the published report's data is not a csip-report-snapshot/1 document");
    }
    std::vector<domain::IndicatorResult> results;
    for (const auto& item : snapshot["indicators"]) {
        if (!item.is_object()) continue;
        domain::IndicatorResult result;
        result.key = item.value("key", "");
        result.title = item.value("title", "");
        result.higher_is_better = item.value("higher_is_better", true);
        // The period's figure, as the report's RAG was: the year to date, or for a snapshot
        // indicator its latest figure.
        if (item.contains("year_to_date") && item["year_to_date"].is_number()) {
            result.period.percent = item["year_to_date"].get<double>();
        } else if (item.contains("latest") && item["latest"].is_number()) {
            result.period.percent = item["latest"].get<double>();
        }
        if (item.contains("target") && item["target"].is_number()) {
            result.target = domain::Target{item["target"].get<double>(), 0.0};
        }
        if (item.contains("rag") && item["rag"].is_string()) {
            result.rag = domain::parse_rag(item["rag"].get<std::string>());
        }
        results.push_back(std::move(result));
    }
    return results;
}

Result<std::map<std::string, domain::MeasureComparison>> read_snapshot_benchmarks(
    const std::string& snapshot_json) {
    const Json snapshot = Json::parse(snapshot_json, nullptr, false);
    if (snapshot.is_discarded() || !snapshot.is_object() ||
        snapshot.value("format", "") != "csip-report-snapshot/1") {
        return fail(ErrorKind::InvalidInput,
                    "the published report's data is not a csip-report-snapshot/1 document");
    }
    std::map<std::string, domain::MeasureComparison> out;
    // Published before reports carried benchmarks: none.
    if (!snapshot.contains("benchmarks") || !snapshot["benchmarks"].is_array()) return out;
    const auto number = [](const Json& item, const char* key) -> std::optional<double> {
        const auto found = item.find(key);
        if (found == item.end() || !found->is_number()) return std::nullopt;
        return found->get<double>();
    };
    const auto text = [](const Json& item, const char* key) {
        const auto found = item.find(key);
        return found != item.end() && found->is_string() ? found->get<std::string>()
                                                         : std::string();
    };
    for (const auto& item : snapshot["benchmarks"]) {
        if (!item.is_object()) continue;
        const std::string key = text(item, "indicator");
        const auto* measure = domain::find_benchmark_measure(text(item, "measure"));
        if (key.empty() || measure == nullptr) continue;
        domain::MeasureComparison comparison;
        comparison.measure = measure;
        comparison.year = text(item, "year");
        comparison.la = number(item, "la");
        comparison.la_mark = text(item, "la_mark");
        comparison.england = number(item, "england");
        comparison.region = number(item, "region");
        comparison.neighbours_median = number(item, "neighbours_median");
        comparison.neighbours_with_value =
            static_cast<int>(number(item, "neighbours_with_value").value_or(0));
        if (const auto values = item.find("neighbour_values");
            values != item.end() && values->is_array()) {
            for (const auto& value : *values) {
                comparison.neighbour_values.push_back(
                    value.is_number() ? std::optional<double>(value.get<double>()) : std::nullopt);
            }
        }
        if (const auto rank = number(item, "rank")) comparison.rank = static_cast<int>(*rank);
        comparison.of = static_cast<int>(number(item, "of").value_or(0));
        if (const std::string quartile = text(item, "quartile"); quartile.size() == 1) {
            comparison.quartile = quartile[0];
        }
        comparison.source = text(item, "source");
        comparison.england_source = text(item, "england_source");
        out[key] = std::move(comparison);
    }
    return out;
}

bool snapshot_includes_case_level(const std::string& snapshot_json) {
    const Json snapshot = Json::parse(snapshot_json, nullptr, false);
    // A snapshot that cannot be read is treated as holding case-level content: never shown to
    // someone who may not see it.
    if (snapshot.is_discarded() || !snapshot.is_object()) return true;
    return snapshot.value("case_level", false);
}

}  // namespace csip::reporting
