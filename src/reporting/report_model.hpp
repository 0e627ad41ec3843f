// ReportModel: one committee report, built from domain values (the plan, its summary and
// coverage, the indicator results, the changes since the last report, the report settings and
// the body's profile) and rendered alike by every format (DOCX, HTML, XLSX). The model is a
// document (headings, paragraphs, lists, tables) in the council's committee-report layout, plus
// the structured rows the workbook needs. Every figure in it is computed here, never typed.
// Case-level content (children's cases out of timescale) enters only when the body's profile
// allows it and the body is not public: a public committee's report never holds it. The
// department's published figures (benchmarks) are not case data: every report may show them.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/indicators/benchmarks.hpp"
#include "domain/indicators/exceptions.hpp"
#include "domain/indicators/indicator_result.hpp"
#include "domain/plan.hpp"
#include "domain/plan_changes.hpp"
#include "domain/plan_summary.hpp"
#include "reporting/svg_chart.hpp"

namespace csip::reporting {

// The sections a body's profile may choose (ids used in profiles, the CLI and the store).
inline constexpr const char* kSectionSummary = "summary";        // executive summary
inline constexpr const char* kSectionReport = "report";          // executive report
inline constexpr const char* kSectionIndicators = "indicators";  // performance figures
inline constexpr const char* kSectionChanges = "changes";        // changes since the last report
inline constexpr const char* kSectionAppendix = "appendix";      // Appendix A: the plan
inline constexpr const char* kSectionCases = "cases";            // case-level exceptions

struct BodyProfile {
    std::vector<std::string> sections;    // empty: every section
    std::vector<std::string> indicators;  // empty: every indicator
    bool case_level_allowed = false;
};

// A case list for one indicator; personal data, see the header comment.
struct CaseExceptions {
    std::string indicator_key;
    std::string indicator_title;
    std::vector<domain::IndicatorException> cases;
};

struct ReportInputs {
    // The whole stored plan: its retired items are left out of everything the report shows
    // (domain::without_retired), and `changes` is computed over the whole plans.
    domain::Plan plan;
    domain::GovernanceBody body;
    BodyProfile profile;
    domain::Date as_of;
    domain::Date since;
    std::optional<domain::Date> meeting;  // the meeting the report goes to; as_of when absent
    // The last day the indicator figures run to; figures_through(as_of) when absent. Monthly
    // figures after it (a month not yet complete) are left out of the report.
    std::optional<domain::Date> figures_to;
    std::map<std::string, std::string, std::less<>> settings;  // portfolio member, contact officer
    std::vector<domain::IndicatorResult> indicators;
    // The department's latest published comparison for each indicator, by indicator key
    // (app::BenchmarkService::for_indicators): the council's published figure beside England's,
    // its statistical neighbours' median and its quartile band. Empty: no published figures.
    std::map<std::string, domain::MeasureComparison> benchmarks;
    domain::PlanChanges changes;
    std::vector<CaseExceptions> exceptions;
};

// A table cell: its text, and the RAG or completion it shows, which renderers may colour; the
// text always says it in words too.
struct Cell {
    std::string text;
    std::optional<domain::Rag> rag;
    bool complete = false;
};

struct Block {
    enum class Kind { Heading, Paragraph, Bullets, Table, Details, PageBreak, Chart };
    Kind kind = Kind::Paragraph;
    int level = 1;       // Heading: 1-3
    std::string number;  // Paragraph: "1.1" as committee reports number them; may be empty
    std::string text;    // Heading, Paragraph; Table and Details: its caption (may be empty)
    std::vector<std::string> items;       // Bullets
    std::vector<std::string> header;      // Table: the header row
    std::vector<std::vector<Cell>> rows;  // Table; Details: label and value
    std::vector<int> widths;              // Table: relative column widths
    bool landscape = false;  // PageBreak: the pages after it are landscape (Appendix A)
    int indicator = -1;      // Chart: the index in ReportModel::indicators of the one charted
};

// One row of the plan as the workbook and Appendix A show it: every field of an action.
struct ActionRow {
    std::string workstream_id;
    std::string workstream;
    std::string commitment_id;
    std::string commitment;
    std::string recommendations;  // "R4, R5"
    std::string action_id;
    std::string action;
    std::string lead;
    domain::Date due;
    domain::Date original_due;
    bool rescheduled = false;
    bool overdue = false;
    domain::ActionStatus status = domain::ActionStatus::NotStarted;
    std::optional<domain::Rag> rag;
    std::string state;  // "Red", "Amber", "Green", "Complete", "Not started"
    std::optional<domain::Date> latest_update_on;
    std::string latest_update;
};

// One indicator as the report states it: figures, direction and the sentence about it.
struct IndicatorRow {
    std::string key;
    std::string title;
    bool higher_is_better = true;
    std::optional<double> latest;  // the latest month with a figure (or the period, a snapshot)
    std::string latest_label;      // "August 2015"; a snapshot's date, "31 March 2015"
    std::string latest_month;      // YYYY-MM of the latest month; empty for a snapshot
    std::optional<double> first;   // the year's first month with a figure
    std::string first_label;
    std::optional<double> year_to_date;
    std::optional<double> target;
    std::optional<domain::Rag> rag;
    std::string direction;  // "improving", "worsening", "no change", "" when unknown
    bool small_denominator = false;
    std::string sentence;
    std::vector<domain::MonthFigure> months;  // up to the report's figures_to month
    // The latest published comparison (none when nothing is published for the council), and
    // what it says in words (domain::benchmark_sentence), said after `sentence`.
    std::optional<domain::MeasureComparison> benchmark;
    std::string benchmark_sentence;
};

struct ReportModel {
    std::string title;  // "Update on Children's Services Improvement Plan"
    std::string authority;
    std::string body_name;
    bool public_body = false;
    domain::Date as_of;
    domain::Date since;
    domain::Date meeting;
    domain::Date figures_to;    // the indicator figures run to this day
    std::vector<Block> blocks;  // the document, in order
    // Structured content for the workbook.
    domain::PlanSummary summary;
    std::vector<domain::RecommendationCoverage> coverage;
    std::vector<ActionRow> actions;
    std::vector<IndicatorRow> indicators;
    domain::PlanChanges changes;
    bool includes_case_level = false;
};

[[nodiscard]] ReportModel build_report_model(const ReportInputs& inputs);

// An indicator's monthly figures, target and year to date as a chart shows them: every format
// charts the same series (the board pack as SVG, the DOCX as a Word chart), described in words
// by describe_series for its alternative text.
[[nodiscard]] ChartSeries indicator_chart(const IndicatorRow& row);

// The last day of the last complete month on or before `as_of`: a report on 15 September gives
// the figures to 31 August, as a committee report does, rather than half a month.
[[nodiscard]] domain::Date figures_through(domain::Date as_of);

// One indicator's row and sentence: its latest month up to `figures_to` against its first month
// of the year, its year to date, target and direction.
[[nodiscard]] IndicatorRow indicator_row(const domain::IndicatorResult& result,
                                         domain::Date figures_to);

// "15 September 2015"; "August 2015" for a YYYY-MM month key.
[[nodiscard]] std::string long_date(domain::Date date);
[[nodiscard]] std::string month_name(const std::string& month_key);
// A percentage as a report prints it: "84%", "84.5%" only when the tenth matters.
[[nodiscard]] std::string percent_text(double percent);
// A performance figure as committee reports print it, to the whole percent ("71%"); to the tenth
// only where rounding would claim 0% or 100% ("99.6%").
[[nodiscard]] std::string figure_text(double percent);

}  // namespace csip::reporting
