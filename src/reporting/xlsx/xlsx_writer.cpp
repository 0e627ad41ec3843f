#include "reporting/xlsx/xlsx_writer.hpp"

#include <xlsxwriter.h>

#include <unistd.h>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "domain/text.hpp"
#include "reporting/indicator_text.hpp"

namespace csip::reporting::xlsx {
namespace {

using domain::Date;

struct Formats {
    lxw_format* header = nullptr;
    lxw_format* date = nullptr;
    lxw_format* percent = nullptr;
    lxw_format* published = nullptr;  // a published figure, as published: 93.4
    lxw_format* wrap = nullptr;
};

class Sheet {
  public:
    Sheet(lxw_workbook* workbook, const char* name, const Formats& formats,
          const std::vector<std::pair<const char*, double>>& columns)
        : m_sheet(workbook_add_worksheet(workbook, name)),
          m_formats(formats),
          m_columns(static_cast<lxw_col_t>(columns.size())) {
        for (lxw_col_t c = 0; c < m_columns; ++c) {
            worksheet_write_string(m_sheet, 0, c, columns[c].first, formats.header);
            worksheet_set_column(m_sheet, c, c, columns[c].second, nullptr);
        }
        worksheet_freeze_panes(m_sheet, 1, 0);
    }
    ~Sheet() {
        if (m_row > 0)
            worksheet_autofilter(m_sheet, 0, 0, m_row, static_cast<lxw_col_t>(m_columns - 1));
    }
    Sheet(const Sheet&) = delete;
    Sheet& operator=(const Sheet&) = delete;

    Sheet& next_row() {
        ++m_row;
        m_column = 0;
        return *this;
    }
    Sheet& text(const std::string& value) {
        // Shown as U+FFFD where stored text is not UTF-8, so that the sheet's XML stays readable.
        if (!value.empty()) {
            worksheet_write_string(m_sheet, m_row, m_column, domain::displayable(value).c_str(),
                                   nullptr);
        }
        ++m_column;
        return *this;
    }
    Sheet& number(std::optional<double> value) {
        if (value) worksheet_write_number(m_sheet, m_row, m_column, *value, nullptr);
        ++m_column;
        return *this;
    }
    // A percentage in csip's unit (0-100), written as a fraction shown as a percentage.
    Sheet& percent(std::optional<double> value) {
        if (value)
            worksheet_write_number(m_sheet, m_row, m_column, *value / 100.0, m_formats.percent);
        ++m_column;
        return *this;
    }
    // A published figure as the department publishes it (a percentage as 93.4, not 0.934), shown
    // to one decimal place.
    Sheet& published(std::optional<double> value) {
        if (value) worksheet_write_number(m_sheet, m_row, m_column, *value, m_formats.published);
        ++m_column;
        return *this;
    }
    Sheet& date(std::optional<Date> value) {
        if (value) {
            lxw_datetime datetime{value->year(),
                                  static_cast<uint8_t>(value->month()),
                                  static_cast<uint8_t>(value->day()),
                                  0,
                                  0,
                                  0.0};
            worksheet_write_datetime(m_sheet, m_row, m_column, &datetime, m_formats.date);
        }
        ++m_column;
        return *this;
    }
    Sheet& boolean(bool value) {
        worksheet_write_boolean(m_sheet, m_row, m_column, value ? 1 : 0, nullptr);
        ++m_column;
        return *this;
    }

  private:
    lxw_worksheet* m_sheet;
    const Formats& m_formats;
    lxw_col_t m_columns;
    lxw_row_t m_row = 0;
    lxw_col_t m_column = 0;
};

std::string rag_text(const std::optional<domain::Rag>& rag) {
    return rag ? std::string(domain::describe(*rag)) : std::string();
}

// The header row, date and percentage cell formats every sheet uses.
Formats add_formats(lxw_workbook* workbook) {
    Formats formats;
    formats.header = workbook_add_format(workbook);
    format_set_bold(formats.header);
    format_set_bg_color(formats.header, 0x1F3864);
    format_set_font_color(formats.header, 0xFFFFFF);
    formats.date = workbook_add_format(workbook);
    format_set_num_format(formats.date, "dd/mm/yyyy");
    formats.percent = workbook_add_format(workbook);
    format_set_num_format(formats.percent, "0.0%");
    formats.published = workbook_add_format(workbook);
    format_set_num_format(formats.published, "0.0");
    return formats;
}

void write_workbook(lxw_workbook* workbook, const ReportModel& model) {
    const Formats formats = add_formats(workbook);

    {
        Sheet plan(workbook, "Plan", formats,
                   {{"Workstream id", 10},
                    {"Workstream", 40},
                    {"Commitment id", 10},
                    {"Commitment", 50},
                    {"Recommendations", 16},
                    {"Action id", 9},
                    {"Action", 60},
                    {"Lead officer", 30},
                    {"Target date", 12},
                    {"Original due date", 12},
                    {"Rescheduled", 11},
                    {"Overdue", 9},
                    {"Status", 12},
                    {"RAG", 8},
                    {"RAG / status", 12},
                    {"Latest update on", 12},
                    {"Latest update", 60}});
        for (const auto& row : model.actions) {
            plan.next_row()
                .text(row.workstream_id)
                .text(row.workstream)
                .text(row.commitment_id)
                .text(row.commitment)
                .text(row.recommendations)
                .text(row.action_id)
                .text(row.action)
                .text(row.lead)
                .date(row.due)
                .date(row.original_due)
                .boolean(row.rescheduled)
                .boolean(row.overdue)
                .text(std::string(domain::describe(row.status)))
                .text(rag_text(row.rag))
                .text(row.state)
                .date(row.latest_update_on)
                .text(row.latest_update);
        }
    }
    {
        Sheet indicators(workbook, "Indicators", formats,
                         {{"Indicator id", 24},
                          {"Indicator", 60},
                          {"Latest month", 16},
                          {"Latest", 10},
                          {"Year to date", 12},
                          {"Target", 10},
                          {"RAG", 8},
                          {"Direction", 12},
                          {"Higher is better", 14},
                          {"Fewer than 10 cases", 16}});
        for (const auto& row : model.indicators) {
            indicators.next_row()
                .text(row.key)
                .text(row.title)
                .text(row.latest_label)
                .percent(row.latest)
                .percent(row.year_to_date)
                .percent(row.target)
                .text(rag_text(row.rag))
                .text(row.direction)
                .boolean(row.higher_is_better)
                .boolean(row.small_denominator);
        }
    }
    {
        Sheet months(workbook, "Indicator months", formats,
                     {{"Indicator id", 24},
                      {"Indicator", 60},
                      {"Month", 12},
                      {"On time", 10},
                      {"Counted", 10},
                      {"Percent", 10},
                      {"Fewer than 10 cases", 16}});
        for (const auto& row : model.indicators) {
            for (const auto& month : row.months) {
                months.next_row()
                    .text(row.key)
                    .text(row.title)
                    .date(Date::parse_iso(month.month + "-01"))
                    .number(month.figure.numerator)
                    .number(month.figure.denominator)
                    .percent(month.figure.percent)
                    .boolean(month.figure.small_denominator);
            }
        }
    }
    {
        Sheet coverage(workbook, "Coverage", formats,
                       {{"Recommendation", 14},
                        {"Category", 28},
                        {"Commitments", 20},
                        {"Actions", 9},
                        {"Covered", 9},
                        {"At risk", 9}});
        for (const auto& row : model.coverage) {
            std::string commitments;
            for (const auto& id : row.commitments) {
                commitments += (commitments.empty() ? "" : ", ") + id;
            }
            coverage.next_row()
                .text(row.id)
                .text(row.category == domain::RecommendationCategory::Priority
                          ? "priority and immediate action"
                          : "area for improvement")
                .text(commitments)
                .number(row.actions)
                .boolean(row.covered)
                .boolean(row.at_risk);
        }
    }
    {
        Sheet changes(workbook, "Changes since", formats,
                      {{"Change", 22},
                       {"Id", 24},
                       {"Workstream", 40},
                       {"Action, measure or indicator", 60},
                       {"Lead officer", 30},
                       {"From", 12},
                       {"To", 12},
                       {"Reason or evidence", 60}});
        const auto& c = model.changes;
        auto actions = [&](const char* kind, const std::vector<domain::ChangedAction>& list) {
            for (const auto& action : list) {
                changes.next_row()
                    .text(kind)
                    .text(action.id)
                    .text(action.workstream)
                    .text(action.text)
                    .text(action.lead)
                    .text({})
                    .text({})
                    .text({});
            }
        };
        actions("completed", c.completed);
        actions("started", c.started);
        for (const auto& slip : c.slipped) {
            changes.next_row()
                .text("rescheduled")
                .text(slip.action.id)
                .text(slip.action.workstream)
                .text(slip.action.text)
                .text(slip.action.lead)
                .date(slip.from)
                .date(slip.to)
                .text(slip.reason);
        }
        for (const auto& change : c.rag_changes) {
            changes.next_row()
                .text("RAG changed")
                .text(change.action.id)
                .text(change.action.workstream)
                .text(change.action.text)
                .text(change.action.lead)
                .text(rag_text(change.from))
                .text(rag_text(change.to))
                .text({});
        }
        actions("new", c.added);
        for (const auto& move : c.moved) {
            changes.next_row()
                .text("moved")
                .text(move.action.id)
                .text(move.action.workstream)
                .text(move.action.text)
                .text(move.action.lead)
                .text(move.from_commitment + ": " + move.from_text)
                .text(move.to_commitment + ": " + move.to_text)
                .text({});
        }
        // A retirement's day is its "To"; the reason says why, and what it went with.
        for (const auto& retired : c.retired) {
            changes.next_row()
                .text("retired")
                .text(retired.action.id)
                .text(retired.action.workstream)
                .text(retired.action.text)
                .text(retired.action.lead)
                .text({})
                .date(retired.on)
                .text(retired.with.empty() ? retired.reason
                                           : retired.reason + " (with its " + retired.with + ")");
        }
        actions("removed", c.removed);
        // New evidence: the measure in place of the action, who recorded it as its lead, the day
        // it was recorded as its "To", and what it shows.
        for (const auto& evidence : c.evidence_added) {
            changes.next_row()
                .text("new evidence")
                .text(evidence.measure)
                .text({})
                .text(evidence.measure_text)
                .text(evidence.by)
                .text({})
                .date(evidence.on)
                .text(evidence.file.empty() ? evidence.text
                                            : evidence.text + " (file " + evidence.file + ")");
        }
        for (const auto& crossing : c.indicators_crossed) {
            changes.next_row()
                .text(crossing.now_met ? "reached target" : "fell below target")
                .text(crossing.key)
                .text({})
                .text(crossing.title)
                .text({})
                .percent(crossing.from)
                .percent(crossing.to)
                .text({});
        }
    }
    {
        // Each indicator's latest published comparison: figures as published (a percentage as
        // 93.4, its unit said), the year as its label and as people say it, the band as a letter.
        Sheet benchmarks(workbook, "Benchmarks", formats,
                         {{"Indicator id", 24},
                          {"Indicator", 60},
                          {"Measure", 24},
                          {"Year", 8},
                          {"Period", 10},
                          {"Unit", 8},
                          {"Council", 10},
                          {"Council withheld", 10},
                          {"England", 10},
                          {"Region", 10},
                          {"Neighbours' median", 12},
                          {"Neighbours with a value", 12},
                          {"Rank", 8},
                          {"Of", 8},
                          {"Quartile", 9},
                          {"Source", 40},
                          {"England's source", 40}});
        for (const auto& row : model.indicators) {
            if (!row.benchmark) continue;
            const domain::MeasureComparison& comparison = *row.benchmark;
            benchmarks.next_row()
                .text(row.key)
                .text(row.title)
                .text(std::string(comparison.measure->id))
                .text(comparison.year)
                .text(domain::year_phrase(*comparison.measure, comparison.year))
                .text(std::string(comparison.measure->unit))
                .published(comparison.la)
                .text(comparison.la_mark)
                .published(comparison.england)
                .published(comparison.region)
                .published(comparison.neighbours_median)
                .number(comparison.neighbours_with_value)
                .number(comparison.rank ? std::optional<double>(*comparison.rank) : std::nullopt)
                .number(comparison.of > 0 ? std::optional<double>(comparison.of) : std::nullopt)
                .text(comparison.quartile ? std::string(1, *comparison.quartile) : std::string())
                .text(comparison.source)
                .text(comparison.england_source);
        }
    }
}

// Writes a workbook with `write` into a private temporary file and returns its bytes. `created`
// fixes the creation time, so that the same content gives the same bytes.
template <typename Write>
Result<std::string> workbook_bytes(const std::string& title, const std::string& author,
                                   Date created, Write write) {
    static std::atomic<unsigned> counter{0};
    const auto directory = std::filesystem::temp_directory_path();
    const auto path = directory / ("csip-report-" + std::to_string(::getpid()) + "-" +
                                   std::to_string(counter++) + ".xlsx");
    std::string tmpdir = directory.string();
    lxw_workbook_options options{};
    options.constant_memory = LXW_FALSE;
    options.tmpdir = tmpdir.data();
    lxw_workbook* workbook = workbook_new_opt(path.c_str(), &options);
    if (workbook == nullptr) {
        return fail(ErrorKind::Unavailable,
                    "cannot create the workbook in " + directory.string() + ": check $TMPDIR");
    }
    lxw_doc_properties properties{};
    std::string title_text = domain::displayable(title);
    std::string author_text = domain::displayable(author);
    properties.title = title_text.data();
    properties.author = author_text.data();
    properties.created = static_cast<time_t>(created.days_since_epoch()) * 86'400 + 12 * 3'600;
    workbook_set_properties(workbook, &properties);
    write(workbook);
    const lxw_error closed = workbook_close(workbook);
    if (closed != LXW_NO_ERROR) {
        std::error_code ignored;
        std::filesystem::remove(path, ignored);
        return fail(ErrorKind::Unavailable,
                    std::string("cannot write the workbook: ") + lxw_strerror(closed));
    }
    std::ifstream in(path, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    in.close();
    std::error_code ignored;
    std::filesystem::remove(path, ignored);
    return bytes.str();
}

// The retirement columns: on, by, reason (empty while the item is in the plan).
void retirement(Sheet& sheet, const std::optional<domain::Retirement>& retired) {
    if (retired) {
        sheet.date(retired->on).text(retired->by).text(retired->reason);
    } else {
        sheet.text({}).text({}).text({});
    }
}

std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
    return out;
}

void write_plan_workbook(lxw_workbook* workbook, const domain::Plan& plan) {
    const Formats formats = add_formats(workbook);
    {
        Sheet sheet(workbook, "Inspection", formats,
                    {{"Framework", 12},
                     {"Start", 12},
                     {"End", 12},
                     {"Published", 12},
                     {"Judgement", 50},
                     {"Grade", 22},
                     {"Limiting", 9},
                     {"Overall", 22}});
        const auto& inspection = plan.inspection;
        const std::string overall = inspection.overall
                                        ? std::string(domain::describe(*inspection.overall))
                                        : std::string("not graded");
        if (inspection.judgements.empty()) {
            sheet.next_row()
                .text(inspection.framework)
                .date(inspection.start)
                .date(inspection.end)
                .date(inspection.published)
                .text({})
                .text({})
                .text({})
                .text(overall);
        }
        for (const auto& judgement : inspection.judgements) {
            sheet.next_row()
                .text(inspection.framework)
                .date(inspection.start)
                .date(inspection.end)
                .date(inspection.published)
                .text(judgement.area)
                .text(std::string(domain::describe(judgement.grade)))
                .boolean(judgement.limiting)
                .text(overall);
        }
    }
    {
        Sheet sheet(workbook, "Recommendations", formats,
                    {{"Id", 8},
                     {"Category", 28},
                     {"Recommendation", 80},
                     {"Retired on", 12},
                     {"Retired by", 16},
                     {"Reason", 40}});
        for (const auto& recommendation : plan.recommendations) {
            sheet.next_row()
                .text(recommendation.id)
                .text(std::string(domain::describe(recommendation.category)))
                .text(recommendation.text);
            retirement(sheet, recommendation.retired);
        }
    }
    {
        Sheet sheet(workbook, "Commitments", formats,
                    {{"Workstream id", 10},
                     {"Workstream", 40},
                     {"Sponsor", 24},
                     {"Operational lead", 24},
                     {"Commitment id", 10},
                     {"Commitment", 60},
                     {"Recommendations", 16},
                     {"Retired on", 12},
                     {"Retired by", 16},
                     {"Reason", 40}});
        for (const auto& workstream : plan.workstreams) {
            sheet.next_row()
                .text(workstream.id)
                .text(workstream.title)
                .text(workstream.sponsor)
                .text(workstream.lead)
                .text({})
                .text({})
                .text({});
            retirement(sheet, workstream.retired);
            for (const auto& commitment : workstream.commitments) {
                sheet.next_row()
                    .text(workstream.id)
                    .text(workstream.title)
                    .text(workstream.sponsor)
                    .text(workstream.lead)
                    .text(commitment.id)
                    .text(commitment.text)
                    .text(joined(commitment.recommendations));
                retirement(sheet, commitment.retired);
            }
        }
    }
    {
        Sheet sheet(workbook, "Success measures", formats,
                    {{"Commitment id", 10},
                     {"Measure id", 9},
                     {"Kind", 12},
                     {"Measure", 60},
                     {"Indicator", 24},
                     {"Target", 9},
                     {"Status", 14},
                     {"Status set by", 16},
                     {"Status set at", 20},
                     {"Retired on", 12},
                     {"Retired by", 16},
                     {"Reason", 40}});
        for (const auto& workstream : plan.workstreams) {
            for (const auto& commitment : workstream.commitments) {
                for (const auto& measure : commitment.measures) {
                    sheet.next_row()
                        .text(commitment.id)
                        .text(measure.id)
                        .text(std::string(domain::describe(measure.kind)))
                        .text(measure.text)
                        .text(measure.indicator.value_or(""))
                        .percent(measure.target)
                        .text(std::string(domain::describe(measure.status)))
                        .text(measure.status_by)
                        .text(measure.status_at);
                    retirement(sheet, measure.retired);
                }
            }
        }
    }
    {
        Sheet sheet(workbook, "Actions", formats,
                    {{"Workstream id", 10},
                     {"Commitment id", 10},
                     {"Action id", 9},
                     {"Action", 60},
                     {"Lead officer", 30},
                     {"Due date", 12},
                     {"Original due date", 12},
                     {"Rescheduled", 11},
                     {"Status", 12},
                     {"RAG", 8},
                     {"Latest update on", 12},
                     {"Latest update", 60},
                     {"Retired on", 12},
                     {"Retired by", 16},
                     {"Reason", 40}});
        for (const auto& workstream : plan.workstreams) {
            for (const auto& commitment : workstream.commitments) {
                for (const auto& action : commitment.actions) {
                    sheet.next_row()
                        .text(workstream.id)
                        .text(commitment.id)
                        .text(action.id)
                        .text(action.text)
                        .text(action.lead)
                        .date(action.due)
                        .date(action.original_due)
                        .boolean(action.rescheduled())
                        .text(std::string(domain::describe(action.status)))
                        .text(rag_text(action.rag));
                    if (action.updates.empty()) {
                        sheet.text({}).text({});
                    } else {
                        sheet.date(action.updates.back().on).text(action.updates.back().text);
                    }
                    retirement(sheet, action.retired);
                }
            }
        }
    }
}

void write_indicator_workbook(lxw_workbook* workbook, const domain::IndicatorReport& report) {
    const Formats formats = add_formats(workbook);
    // The CSV's columns, each as wide as its content needs.
    static const double kWidths[] = {26, 13, 9, 12, 12, 11, 12, 9, 8, 7, 18, 8};
    const auto& names = indicator_columns();
    std::vector<std::pair<const char*, double>> columns;
    for (std::size_t c = 0; c < names.size(); ++c)
        columns.emplace_back(names[c].c_str(), kWidths[c]);
    Sheet sheet(workbook, "Indicators", formats, columns);
    for (const auto& row : indicator_rows(report)) {
        sheet.next_row()
            .text(row.id)
            .text(row.row)
            .text(row.month)
            .date(row.from)
            .date(row.to)
            .number(row.numerator)
            .number(row.denominator)
            .percent(row.percent)
            .percent(row.target)
            .text(row.rag ? std::string(domain::to_string(*row.rag)) : std::string())
            .boolean(row.small_denominator)
            .text(row.manual ? "manual" : "data");
    }
}

}  // namespace

Result<std::string> render_xlsx(const ReportModel& model) {
    // A fixed creation time (the report's date) keeps the bytes the same for the same model.
    return workbook_bytes(model.title + " - " + model.body_name, model.authority, model.as_of,
                          [&](lxw_workbook* workbook) { write_workbook(workbook, model); });
}

Result<std::string> render_plan_xlsx(const domain::Plan& plan) {
    // The creation time is the inspection's publication, which a plan always has.
    return workbook_bytes(plan.title, plan.authority, plan.inspection.published,
                          [&](lxw_workbook* workbook) { write_plan_workbook(workbook, plan); });
}

Result<std::string> render_indicators_xlsx(const domain::IndicatorReport& report) {
    // The period's end fixes the creation time: the same figures give the same bytes.
    return workbook_bytes(
        "Indicators from " + report.from.iso() + " to " + report.to.iso(), "", report.to,
        [&](lxw_workbook* workbook) { write_indicator_workbook(workbook, report); });
}

}  // namespace csip::reporting::xlsx
