#include "reporting/plan_json_writer.hpp"

#include <cmath>
#include <cstdint>

#include <nlohmann/json.hpp>

namespace csip::reporting {
namespace {

using Json = nlohmann::ordered_json;

std::string word(auto value) { return std::string(domain::to_string(value)); }

template <typename E>
Json word_or_null(const std::optional<E>& value) {
    return value ? Json(word(*value)) : Json(nullptr);
}

// A whole-number target is written as one (85, not 85.0), as a person would write it.
Json number(double value) {
    constexpr double kExactIntegers = 9007199254740992.0;  // 2^53: every integer below is exact
    if (std::trunc(value) == value && std::fabs(value) < kExactIntegers) {
        return Json(static_cast<std::int64_t>(value));
    }
    return Json(value);
}

// An item's version, and its retirement when it is retired (left out while it is in the plan).
void version_and_retirement(Json& out, int version, const std::optional<domain::Retirement>& retired) {
    out["version"] = version;
    if (!retired) return;
    Json entry;
    entry["on"] = retired->on.iso();
    entry["by"] = retired->by;
    entry["reason"] = retired->reason;
    out["retired"] = std::move(entry);
}

Json action_json(const domain::Action& action) {
    Json out;
    out["id"] = action.id;
    out["text"] = action.text;
    out["lead"] = action.lead;
    out["due"] = action.due.iso();
    if (action.rescheduled()) out["original_due"] = action.original_due.iso();
    out["status"] = word(action.status);
    out["rag"] = word_or_null(action.rag);
    version_and_retirement(out, action.version, action.retired);
    out["updates"] = Json::array();
    for (const auto& update : action.updates) {
        Json entry;
        entry["on"] = update.on.iso();
        entry["by"] = update.by;
        entry["text"] = update.text;
        entry["status"] = word_or_null(update.status);
        entry["rag"] = word_or_null(update.rag);
        out["updates"].push_back(std::move(entry));
    }
    return out;
}

Json commitment_json(const domain::Commitment& commitment) {
    Json out;
    out["id"] = commitment.id;
    out["text"] = commitment.text;
    out["recommendations"] = commitment.recommendations;
    version_and_retirement(out, commitment.version, commitment.retired);
    out["measures"] = Json::array();
    for (const auto& measure : commitment.measures) {
        Json entry;
        entry["id"] = measure.id;
        entry["kind"] = word(measure.kind);
        entry["text"] = measure.text;
        if (measure.indicator) entry["indicator"] = *measure.indicator;
        if (measure.target) entry["target"] = number(*measure.target);
        entry["status"] = word(measure.status);
        if (!measure.status_by.empty()) entry["status_by"] = measure.status_by;
        if (!measure.status_at.empty()) entry["status_at"] = measure.status_at;
        version_and_retirement(entry, measure.version, measure.retired);
        out["measures"].push_back(std::move(entry));
    }
    out["actions"] = Json::array();
    for (const auto& action : commitment.actions) out["actions"].push_back(action_json(action));
    return out;
}

}  // namespace

std::string write_plan_json(const domain::Plan& plan) {
    Json out;
    out["format"] = "csip-plan/1";
    out["authority"] = plan.authority;
    out["title"] = plan.title;
    out["vision"] = plan.vision;
    out["version"] = plan.version;

    const auto& inspection = plan.inspection;
    Json inspection_json;
    inspection_json["framework"] = inspection.framework;
    inspection_json["start"] = inspection.start.iso();
    inspection_json["end"] = inspection.end.iso();
    inspection_json["published"] = inspection.published.iso();
    inspection_json["judgements"] = Json::array();
    for (const auto& judgement : inspection.judgements) {
        Json entry;
        entry["area"] = judgement.area;
        entry["grade"] = word(judgement.grade);
        entry["limiting"] = judgement.limiting;
        inspection_json["judgements"].push_back(std::move(entry));
    }
    inspection_json["overall"] =
        inspection.overall ? Json(word(*inspection.overall)) : Json(nullptr);
    inspection_json["version"] = inspection.version;
    out["inspection"] = std::move(inspection_json);

    out["recommendations"] = Json::array();
    for (const auto& recommendation : plan.recommendations) {
        Json entry;
        entry["id"] = recommendation.id;
        entry["category"] = word(recommendation.category);
        entry["text"] = recommendation.text;
        version_and_retirement(entry, recommendation.version, recommendation.retired);
        out["recommendations"].push_back(std::move(entry));
    }

    out["workstreams"] = Json::array();
    for (const auto& workstream : plan.workstreams) {
        Json entry;
        entry["id"] = workstream.id;
        entry["title"] = workstream.title;
        entry["sponsor"] = workstream.sponsor;
        entry["lead"] = workstream.lead;
        version_and_retirement(entry, workstream.version, workstream.retired);
        entry["commitments"] = Json::array();
        for (const auto& commitment : workstream.commitments) {
            entry["commitments"].push_back(commitment_json(commitment));
        }
        out["workstreams"].push_back(std::move(entry));
    }

    // UTF-8 is written as it is (not as \u escapes), so that the file reads in an editor; a
    // string that is not valid UTF-8 has its bad bytes replaced rather than failing the export.
    return out.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace csip::reporting
