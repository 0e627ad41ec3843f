#include "reporting/indicator_text.hpp"

#include <fmt/format.h>

#include <array>
#include <cmath>
#include <cstdint>
#include <nlohmann/json.hpp>

#include "domain/plan.hpp"
#include "reporting/csv_cell.hpp"

namespace csip::reporting {
namespace {

using Json = nlohmann::ordered_json;
using domain::Figure;
using domain::IndicatorKind;
using domain::IndicatorLine;

// A count or an FTE sum at its precision: the CSWW gives FTE to six decimal places, so a sum
// has no more; whatever noise a figure carries past them is not part of it.
double at_precision(double value) { return std::round(value * 1e6) / 1e6; }

// A count, or an FTE sum: whole numbers without a fraction, others to two places.
std::string count_text(double value) {
    value = at_precision(value);
    if (value == std::floor(value) && std::fabs(value) < 1e15) {
        return fmt::format("{}", static_cast<std::int64_t>(value));
    }
    return fmt::format("{:.2f}", value);
}

// In JSON, whole numbers as integers and others as the shortest decimal that reads back as the
// figure (67.9, not 67.89999999999999).
Json count_json(double value) {
    value = at_precision(value);
    if (value == std::floor(value) && std::fabs(value) < 1e15) {
        return static_cast<std::int64_t>(value);
    }
    return value;
}

std::string percent_text(const std::optional<double>& percent) {
    return percent ? fmt::format("{:.1f}%", *percent) : "-";
}

std::string target_text(const std::optional<domain::Target>& target) {
    if (!target) return "-";
    return fmt::format("{}%", count_text(target->value));
}

std::string rag_text(const std::optional<domain::Rag>& rag) {
    return rag ? std::string(domain::describe(*rag)) : "-";
}

Json rag_json(const std::optional<domain::Rag>& rag) {
    if (!rag) return nullptr;
    return std::string(domain::to_string(*rag));
}

Json optional_json(const std::optional<double>& value) {
    if (!value) return nullptr;
    return *value;
}

Json date_json(const std::optional<domain::Date>& date) {
    if (!date) return nullptr;
    return date->iso();
}

// A figure's cell: its percentage, '*' when the denominator is small, 'm' when entered by hand.
std::string cell(const Figure& figure, bool manual) {
    std::string text = percent_text(figure.percent);
    if (manual) return text + "m";
    if (figure.small_denominator) text += "*";
    return text;
}

std::string period_cell(const IndicatorLine& line) {
    const auto& period = line.result.period;
    if (line.period_is_manual) return cell(period, true);
    if (!period.percent) return "-";
    return fmt::format("{} ({}/{})", cell(period, false), count_text(period.numerator),
                       count_text(period.denominator));
}

bool is_monthly(const IndicatorLine& line) { return !line.result.months.empty(); }

std::string source_word(const IndicatorLine& line) {
    if (line.manual_only) return "manual";
    if (!line.manual_months.empty()) return "data and manual";
    return "data";
}

Json manual_json(const domain::ManualValue& value) {
    return Json{{"by", value.recorded_by}, {"at", value.recorded_at}, {"note", value.note}};
}

Json figure_fields(Json object, const Figure& figure, bool manual) {
    object["numerator"] = manual ? Json(nullptr) : count_json(figure.numerator);
    object["denominator"] = manual ? Json(nullptr) : count_json(figure.denominator);
    object["percent"] = optional_json(figure.percent);
    return object;
}

std::string kind_word(domain::ExceptionKind kind) {
    switch (kind) {
        case domain::ExceptionKind::Late:
            return "late";
        case domain::ExceptionKind::Overdue:
            return "overdue";
        case domain::ExceptionKind::NotDone:
            return "not done";
        case domain::ExceptionKind::Counted:
            return "counted";
    }
    return "late";
}

std::string days_word(domain::DayCount count) {
    return count == domain::DayCount::Working ? "working" : "calendar";
}

std::string date_text(const std::optional<domain::Date>& date) { return date ? date->iso() : "-"; }

}  // namespace

std::string render_indicators_text(const domain::IndicatorReport& report) {
    std::string out = fmt::format("Indicators from {} to {}", report.from.iso(), report.to.iso());
    const auto year_start = domain::financial_year_start(report.to);
    out += fmt::format(" (year to date from {})\n\n", year_start.iso());

    // The months of the period, as the event indicators list them.
    std::vector<std::string> months;
    for (const auto& line : report.indicators) {
        if (line.result.months.size() > months.size()) {
            months.clear();
            for (const auto& month : line.result.months) months.push_back(month.month);
        }
    }
    std::size_t label = 9;
    for (const auto& line : report.indicators) label = std::max(label, line.result.key.size());

    out += fmt::format("{:<{}}", "Indicator", label);
    for (const auto& month : months) out += fmt::format("  {:>8}", month);
    out += fmt::format("  {:<20}  {:>8}  {:>6}  {}\n", "Period", "YTD", "Target", "RAG");
    for (const auto& line : report.indicators) {
        const auto& result = line.result;
        out += fmt::format("{:<{}}", result.key, label);
        for (std::size_t i = 0; i < months.size(); ++i) {
            std::string text;
            if (line.refused) {
                text = "";
            } else if (i < result.months.size()) {
                const auto& month = result.months[i];
                text = cell(month.figure, line.manual_months.count(month.month) > 0);
            }
            out += fmt::format("  {:>8}", text);
        }
        const std::string year =
            result.year_to_date && result.year_to_date->percent && !line.manual_only
                ? cell(*result.year_to_date, false)
                : "-";
        out += fmt::format("  {:<20}  {:>8}  {:>6}  {}\n",
                           line.refused ? "refused" : period_cell(line), year,
                           target_text(result.target), rag_text(result.rag));
    }
    out +=
        "\n* fewer than 10 in the denominator: one case moves the figure by 10 points or more\n"
        "m entered by hand (csip indicator set)\n\n";

    for (const auto& line : report.indicators) {
        const auto& result = line.result;
        out += fmt::format("{}: {}\n", result.key, result.title);
        if (!result.rule.empty()) out += fmt::format("  rule: {}\n", result.rule);
        if (line.refused) out += fmt::format("  not computed: {}\n", *line.refused);
        if (result.kind == IndicatorKind::Snapshot) {
            out += fmt::format("  as of {}{}\n", date_text(result.as_of),
                               is_monthly(line) ? " (the latest snapshot in the period)" : "");
        }
        if (result.excluded > 0) {
            out += fmt::format("  {} record(s) excluded as data quality\n", result.excluded);
        }
        for (const auto& [month, value] : line.manual_months) {
            out += fmt::format("  {}: {} entered by {} at {}{}\n", month, percent_text(value.value),
                               value.recorded_by, value.recorded_at,
                               value.note.empty() ? "" : " (" + value.note + ")");
        }
    }
    return out;
}

std::string render_indicators_json(const domain::IndicatorReport& report) {
    Json indicators = Json::array();
    for (const auto& line : report.indicators) {
        const auto& result = line.result;
        Json item{{"id", result.key}, {"title", result.title}};
        item = figure_fields(std::move(item), result.period, line.period_is_manual);
        item["target"] = result.target ? Json(result.target->value) : Json(nullptr);
        item["rag"] = rag_json(result.rag);
        item["small_denominator"] = result.period.small_denominator;
        if (result.kind == IndicatorKind::Snapshot) {
            item["as_of"] = date_json(result.as_of);
            Json snapshots = Json::array();
            for (const auto& snapshot : result.snapshots) {
                snapshots.push_back(figure_fields(Json{{"as_of", snapshot.as_of.iso()}},
                                                  snapshot.figure, false));
            }
            item["snapshots"] = std::move(snapshots);
        }
        if (result.kind == IndicatorKind::Event || is_monthly(line)) {
            Json months = Json::array();
            for (const auto& month : result.months) {
                const auto manual = line.manual_months.find(month.month);
                const bool is_manual = manual != line.manual_months.end();
                Json entry = figure_fields(Json{{"month", month.month}}, month.figure, is_manual);
                if (is_manual) entry["manual"] = manual_json(manual->second);
                months.push_back(std::move(entry));
            }
            item["months"] = std::move(months);
        }
        item["excluded"] = result.excluded;
        item["kind"] = result.kind == IndicatorKind::Event ? "event" : "snapshot";
        item["higher_is_better"] = result.higher_is_better;
        item["rule"] = result.rule;
        item["source"] = source_word(line);
        if (result.year_to_date && !line.manual_only) {
            item["year_to_date"] = figure_fields(
                Json{{"from", date_json(result.year_to_date_from)}, {"to", result.to.iso()}},
                *result.year_to_date, false);
        }
        if (line.refused) item["refused"] = *line.refused;
        indicators.push_back(std::move(item));
    }
    const Json document{{"from", report.from.iso()},
                        {"to", report.to.iso()},
                        {"indicators", std::move(indicators)}};
    return document.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

const std::vector<std::string>& indicator_columns() {
    static const std::vector<std::string> kColumns{"id",
                                                   "row",
                                                   "month",
                                                   "from",
                                                   "to",
                                                   "numerator",
                                                   "denominator",
                                                   "percent",
                                                   "target",
                                                   "rag",
                                                   "small_denominator",
                                                   "source"};
    return kColumns;
}

std::vector<IndicatorTableRow> indicator_rows(const domain::IndicatorReport& report) {
    std::vector<IndicatorTableRow> rows;
    for (const auto& line : report.indicators) {
        const auto& result = line.result;
        if (line.refused) continue;
        auto row = [&](const std::string& kind, const std::string& month, domain::Date from,
                       domain::Date to, const Figure& figure, bool manual) {
            IndicatorTableRow out{result.key, kind, month, from, to};
            if (!manual) {
                out.numerator = figure.numerator;
                out.denominator = figure.denominator;
            }
            out.percent = figure.percent;
            if (result.target) out.target = result.target->value;
            out.rag = domain::rag_for(figure.percent, result.target, result.higher_is_better);
            out.small_denominator = figure.small_denominator;
            out.manual = manual;
            rows.push_back(std::move(out));
        };
        for (const auto& month : result.months) {
            const auto first = *domain::Date::parse_iso(month.month + "-01");
            const auto from = std::max(first, report.from);
            const auto to = std::min(first.plus_months(1).plus_days(-1), report.to);
            row("month", month.month, from, to, month.figure,
                line.manual_months.count(month.month) > 0);
        }
        if (result.kind == IndicatorKind::Snapshot) {
            if (result.as_of) {
                row("as_of", "", *result.as_of, *result.as_of, result.period, false);
            }
        } else {
            row("period", "", report.from, report.to, result.period, line.period_is_manual);
            if (result.year_to_date && result.year_to_date_from && !line.manual_only) {
                row("year_to_date", "", *result.year_to_date_from, report.to, *result.year_to_date,
                    false);
            }
        }
    }
    return rows;
}

std::string render_indicators_csv(const domain::IndicatorReport& report) {
    std::string out;
    for (const auto& column : indicator_columns()) {
        out += (out.empty() ? "" : ",") + column;
    }
    out += '\n';
    for (const auto& row : indicator_rows(report)) {
        const std::array<std::string, 12> cells{
            row.id,
            row.row,
            row.month,
            row.from.iso(),
            row.to.iso(),
            row.numerator ? count_text(*row.numerator) : "",
            row.denominator ? count_text(*row.denominator) : "",
            row.percent ? fmt::format("{:.4f}", *row.percent) : "",
            row.target ? count_text(*row.target) : "",
            row.rag ? std::string(domain::to_string(*row.rag)) : "",
            row.small_denominator ? "true" : "false",
            row.manual ? "manual" : "data"};
        for (std::size_t i = 0; i < cells.size(); ++i) {
            if (i != 0) out += ',';
            out += csv_cell(cells[i]);
        }
        out += '\n';
    }
    return out;
}

std::string render_exceptions_text(const std::string& indicator, domain::Date as_of,
                                   const std::vector<domain::IndicatorException>& exceptions) {
    std::string out = fmt::format("{} exceptions on {} (since {}): {}\n", indicator, as_of.iso(),
                                  domain::financial_year_start(as_of).iso(), exceptions.size());
    if (exceptions.empty()) return out;
    std::size_t child = 5;
    for (const auto& e : exceptions) child = std::max(child, e.subject_id.size());
    out +=
        fmt::format("{:<{}}  {:<8}  {:<10}  {:<10}  {:<10}  {:>9}  {:<14}  {:<10}  {}\n", "Child",
                    child, "Kind", "From", "Event", "Due", "Days over", "Team", "Worker", "Source");
    for (const auto& e : exceptions) {
        const std::string over =
            e.days_over ? fmt::format("{} {}", *e.days_over,
                                      e.day_count == domain::DayCount::Working ? "wd" : "d")
                        : "-";
        out +=
            fmt::format("{:<{}}  {:<8}  {:<10}  {:<10}  {:<10}  {:>9}  {:<14}  {:<10}  {}:{}\n",
                        e.subject_id, child, kind_word(e.kind), date_text(e.start),
                        date_text(e.event), date_text(e.due), over, e.team.empty() ? "-" : e.team,
                        e.worker.empty() ? "-" : e.worker, e.source.file, e.source.line);
    }
    out += "Days over: wd working days, d calendar days.\n";
    return out;
}

std::string render_exceptions_json(const std::string& indicator, domain::Date as_of,
                                   const std::vector<domain::IndicatorException>& exceptions) {
    Json items = Json::array();
    for (const auto& e : exceptions) {
        items.push_back(Json{{"child_id", e.subject_id},
                             {"kind", kind_word(e.kind)},
                             {"start", date_json(e.start)},
                             {"event", date_json(e.event)},
                             {"due", date_json(e.due)},
                             {"days_over", e.days_over ? Json(*e.days_over) : Json(nullptr)},
                             {"days", days_word(e.day_count)},
                             {"team", e.team.empty() ? Json(nullptr) : Json(e.team)},
                             {"worker", e.worker.empty() ? Json(nullptr) : Json(e.worker)},
                             {"source", Json{{"file", e.source.file}, {"line", e.source.line}}}});
    }
    const Json document{{"indicator", indicator},
                        {"as_of", as_of.iso()},
                        {"from", domain::financial_year_start(as_of).iso()},
                        {"exceptions", std::move(items)}};
    return document.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::string render_returns_json(const std::vector<ImportedReturnRow>& rows) {
    Json items = Json::array();
    for (const auto& r : rows) {
        items.push_back(
            Json{{"format", r.format},
                 {"reference", r.reference},
                 {"reference_date", r.reference_date ? Json(*r.reference_date) : Json(nullptr)},
                 {"file", r.file},
                 {"imported_at", r.imported_at},
                 {"imported_by", r.imported_by},
                 {"records_read", r.records_read},
                 {"records_used", r.records_used},
                 {"records_skipped", r.records_skipped}});
    }
    return Json{{"returns", std::move(items)}}.dump(2, ' ', false,
                                                    nlohmann::json::error_handler_t::replace) +
           "\n";
}

}  // namespace csip::reporting
