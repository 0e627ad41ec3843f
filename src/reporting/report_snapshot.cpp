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

bool snapshot_includes_case_level(const std::string& snapshot_json) {
    const Json snapshot = Json::parse(snapshot_json, nullptr, false);
    // A snapshot that cannot be read is treated as holding case-level content: never shown to
    // someone who may not see it.
    if (snapshot.is_discarded() || !snapshot.is_object()) return true;
    return snapshot.value("case_level", false);
}

}  // namespace csip::reporting
