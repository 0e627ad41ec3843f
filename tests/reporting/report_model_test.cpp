// The committee report model: its parts in the order of the council's report, the sentences it
// writes about each indicator (rose, fell, stayed, against the target, the year to date), RAG in
// words, the figures to the last complete month, what a body's profile leaves out, and the
// published figures (benchmarks) it sets beside each indicator.
#include "reporting/report_model.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "../support/temp_dir.hpp"
#include "import/plan_reader.hpp"

namespace csip::reporting {
namespace {

using domain::Date;
using domain::Rag;

Date d(const char* iso) { return *Date::parse_iso(iso); }

domain::Plan demo_plan() {
    const auto text = testing::read_file(testing::source_dir() / "src/app/demo/demo_plan.json");
    auto read = import::read_plan_json(text, "demo_plan.json");
    EXPECT_TRUE(read.plan.has_value());
    return read.plan.value_or(domain::Plan{});
}

// An event indicator with the given monthly percentages from April 2015 (denominators of 50).
domain::IndicatorResult monthly(std::string key, std::string title,
                                std::vector<std::optional<double>> percents,
                                std::optional<double> target, bool higher_is_better = true) {
    domain::IndicatorResult result;
    result.key = std::move(key);
    result.title = std::move(title);
    result.higher_is_better = higher_is_better;
    result.from = d("2015-04-01");
    double numerator = 0;
    double denominator = 0;
    Date month = d("2015-04-01");
    for (const auto& percent : percents) {
        domain::Figure figure;
        if (percent) {
            figure = {*percent / 2.0, 50.0, percent, false};
            numerator += figure.numerator;
            denominator += 50.0;
        }
        result.months.push_back({month.month_key(), figure});
        result.to = month.plus_months(1).plus_days(-1);
        month = month.plus_months(1);
    }
    const std::optional<double> ytd =
        denominator > 0 ? std::optional<double>(100.0 * numerator / denominator) : std::nullopt;
    result.period = {numerator, denominator, ytd, false};
    result.year_to_date = result.period;
    if (target) {
        result.target = domain::Target{*target, 5.0};
        result.rag = domain::rag_for(ytd, result.target, higher_is_better);
    }
    return result;
}

ReportInputs inputs_for(std::vector<domain::IndicatorResult> indicators = {}) {
    ReportInputs inputs;
    inputs.plan = demo_plan();
    inputs.body = {"osmc", "Overview and Scrutiny Management Commission", "quarterly", true};
    inputs.as_of = d("2015-09-15");
    inputs.since = d("2015-06-15");
    inputs.indicators = std::move(indicators);
    inputs.changes.since = inputs.since;
    inputs.changes.as_of = inputs.as_of;
    return inputs;
}

std::vector<std::string> headings(const ReportModel& model, int level) {
    std::vector<std::string> out;
    for (const auto& block : model.blocks) {
        if (block.kind == Block::Kind::Heading && block.level == level) out.push_back(block.text);
    }
    return out;
}

// Every piece of text in the document, in order, one string.
std::string document_text(const ReportModel& model) {
    std::string out;
    for (const auto& block : model.blocks) {
        out += block.number + " " + block.text + "\n";
        for (const auto& item : block.items) out += item + "\n";
        for (const auto& heading : block.header) out += heading + "\n";
        for (const auto& row : block.rows) {
            for (const auto& cell : row) out += cell.text + "\n";
        }
    }
    return out;
}

std::size_t position(const std::string& text, const std::string& part, std::size_t from = 0) {
    const auto found = text.find(part, from);
    EXPECT_NE(found, std::string::npos) << part;
    return found;
}

TEST(ReportModel, HasTheSourceReportsPartsInItsOrder) {
    const auto model = build_report_model(inputs_for());
    EXPECT_EQ(headings(model, 1),
              (std::vector<std::string>{"Update on Children's Services Improvement Plan",
                                        "Executive Summary", "Executive Report",
                                        "Appendix A - Improvement Plan"}));
    const std::string text = document_text(model);
    const std::vector<std::string> order{"Title of Report",
                                         "Report to be considered by",
                                         "Purpose of Report",
                                         "Recommended Action",
                                         "Portfolio Member Details",
                                         "Contact Officer Details",
                                         "Executive Summary",
                                         "1. Introduction",
                                         "1.1 In March 2015",
                                         "1.2 The Ofsted report",
                                         "Executive Report",
                                         "Progress of the Improvement Plan",
                                         "Performance",
                                         "Changes since the last report (15 June 2015)",
                                         "Conclusion",
                                         "Recommendations",
                                         "Appendix A - Improvement Plan",
                                         "Our vision",
                                         "Workstream 1:",
                                         "Workstream 5:"};
    // Each part is found after the one before it.
    std::size_t last = 0;
    for (const auto& part : order) {
        const auto at = position(text, part, last);
        if (at != std::string::npos) last = at;
    }
}

TEST(ReportModel, NumbersTheParagraphsOfEachSectionAsCommitteeReportsDo) {
    const auto model = build_report_model(inputs_for());
    std::vector<std::string> numbers;
    for (const auto& block : model.blocks) {
        if (block.kind == Block::Kind::Paragraph && !block.number.empty()) {
            numbers.push_back(block.number);
        }
    }
    ASSERT_GE(numbers.size(), 6u);
    // Recommended action i), ii); then the executive summary restarts at 1.1, 1.2, 2.1 ...
    EXPECT_EQ(numbers[0], "i)");
    EXPECT_EQ(numbers[1], "ii)");
    EXPECT_EQ(numbers[2], "1.1");
    EXPECT_EQ(numbers[3], "1.2");
    EXPECT_EQ(numbers[4], "2.1");
    // The executive report numbers from 1.1 again.
    EXPECT_EQ(std::count(numbers.begin(), numbers.end(), "1.1"), 2);
}

TEST(ReportModel, TheAppendixStartsOnLandscapePages) {
    const auto model = build_report_model(inputs_for());
    const auto appendix =
        std::find_if(model.blocks.begin(), model.blocks.end(), [](const Block& b) {
            return b.kind == Block::Kind::Heading && b.text == "Appendix A - Improvement Plan";
        });
    ASSERT_NE(appendix, model.blocks.end());
    ASSERT_NE(appendix, model.blocks.begin());
    const auto before = std::prev(appendix);
    EXPECT_EQ(before->kind, Block::Kind::PageBreak);
    EXPECT_TRUE(before->landscape);
}

TEST(ReportModel, TheFrontSheetTakesThePortfolioMemberAndContactOfficerFromTheSettings) {
    auto inputs = inputs_for();
    inputs.settings = {{"portfolio_member.name", "Councillor Pat Example"},
                       {"portfolio_member.phone", "01234 567890"},
                       {"contact_officer.name", "Alex Example"},
                       {"strategy.priorities", "CSP1 - Caring for and protecting the vulnerable"}};
    const std::string text = document_text(build_report_model(inputs));
    EXPECT_NE(text.find("Councillor Pat Example, 01234 567890"), std::string::npos);
    EXPECT_NE(text.find("Alex Example"), std::string::npos);
    EXPECT_NE(text.find("CSP1 - Caring for and protecting the vulnerable"), std::string::npos);
}

TEST(IndicatorSentence, SaysAFigureRoseAgainstItsTarget) {
    const auto row =
        indicator_row(monthly("assessments_45wd", "Assessments completed within 45 working days",
                              {71.4, 74.1, 76.6, 80.5, 83.7}, 85.0),
                      d("2015-08-31"));
    EXPECT_EQ(row.sentence.substr(0, row.sentence.find(" The year")),
              "Assessments completed within 45 working days rose from 71% in April to 84% in "
              "August, against a target of 85%.");
    EXPECT_NE(row.sentence.find("The year to date is 77%, red against the target."),
              std::string::npos)
        << row.sentence;
    EXPECT_EQ(row.direction, "improving");
    EXPECT_EQ(row.latest_label, "August 2015");
}

TEST(IndicatorSentence, SaysAFigureFellAndWhetherThatIsBetter) {
    const auto agency = indicator_row(monthly("agency_sw_rate", "Agency social workers",
                                              {50.0, 46.7, 41.7, 36.7, 33.3}, 25.0, false),
                                      d("2015-08-31"));
    EXPECT_EQ(agency.sentence.substr(0, agency.sentence.find(" The year")),
              "Agency social workers fell from 50% in April to 33% in August, against a target "
              "of 25%.");
    EXPECT_EQ(agency.direction, "improving");

    const auto visits =
        indicator_row(monthly("cp_visits", "Visits on time", {90.0, 80.0}, 95.0), d("2015-05-31"));
    EXPECT_EQ(visits.sentence.substr(0, visits.sentence.find(" The year")),
              "Visits on time fell from 90% in April to 80% in May, against a target of 95%.");
    EXPECT_EQ(visits.direction, "worsening");
}

TEST(IndicatorSentence, SaysAFigureStayedWhenItRoundsToTheSame) {
    const auto row = indicator_row(
        monthly("icpc", "Conferences on time", {100.0, 100.0, 100.0}, 90.0), d("2015-06-30"));
    EXPECT_EQ(row.sentence.substr(0, row.sentence.find(" The year")),
              "Conferences on time stayed at 100% from April to June, against a target of 90%.");
    EXPECT_EQ(row.direction, "no change");
    EXPECT_NE(row.sentence.find("green against the target"), std::string::npos);
}

TEST(IndicatorSentence, LeavesOutAMonthNotYetComplete) {
    // Figures to 15 September: September is half a month, so August is the latest.
    const auto row = indicator_row(
        monthly("reports", "Reports shared on time", {31.4, 36.1, 44.8, 56.8, 66.7, 90.0}, 80.0),
        figures_through(d("2015-09-15")));
    EXPECT_EQ(row.latest_month, "2015-08");
    EXPECT_EQ(row.months.size(), 5u);
    EXPECT_NE(row.sentence.find("to 67% in August"), std::string::npos) << row.sentence;
}

TEST(IndicatorSentence, NamesTheYearWhenTheMonthsSpanTwo) {
    std::vector<std::optional<double>> percents(11, std::nullopt);
    percents.front() = 60.0;
    percents.back() = 70.0;
    const auto row =
        indicator_row(monthly("x", "Plans on time", percents, std::nullopt), d("2016-02-29"));
    EXPECT_EQ(row.sentence.substr(0, row.sentence.find(" The year")),
              "Plans on time rose from 60% in April 2015 to 70% in February 2016.");
}

TEST(IndicatorSentence, GivesASnapshotAtItsDate) {
    domain::IndicatorResult result;
    result.key = "cla_health_assessments";
    result.title = "Looked-after children with an annual health assessment";
    result.kind = domain::IndicatorKind::Snapshot;
    result.period = {70.0, 91.0, 100.0 * 70.0 / 91.0, false};
    result.as_of = d("2015-03-31");
    result.target = domain::Target{90.0, 5.0};
    result.rag = Rag::Red;
    const auto row = indicator_row(result, d("2015-08-31"));
    EXPECT_EQ(row.sentence,
              "Looked-after children with an annual health assessment was 77% at 31 March 2015, "
              "against a target of 90%. It is red against the target.");
}

TEST(IndicatorSentence, SaysWhenThereIsNoFigureAndWhenTheLatestCountsFewerThanTen) {
    const auto empty = indicator_row(
        monthly("x", "Dental checks", {std::nullopt, std::nullopt}, 90.0), d("2015-05-31"));
    EXPECT_EQ(empty.sentence, "Dental checks: there are no figures yet for this period.");

    auto result = monthly("y", "Reviews on time", {80.0, 75.0}, 90.0);
    result.months.back().figure.small_denominator = true;
    const auto small = indicator_row(result, d("2015-05-31"));
    EXPECT_NE(small.sentence.find("fewer than ten cases"), std::string::npos);
}

TEST(FigureText, RoundsToTheWholePercentButNeverClaimsAllOrNone) {
    EXPECT_EQ(figure_text(71.4), "71%");
    EXPECT_EQ(figure_text(83.7), "84%");
    EXPECT_EQ(figure_text(100.0), "100%");
    EXPECT_EQ(figure_text(99.6), "99.6%");
    EXPECT_EQ(figure_text(0.3), "0.3%");
    EXPECT_EQ(figure_text(0.0), "0%");
}

TEST(FiguresThrough, IsTheLastDayOfTheLastCompleteMonth) {
    EXPECT_EQ(figures_through(d("2015-09-15")), d("2015-08-31"));
    EXPECT_EQ(figures_through(d("2015-09-30")), d("2015-09-30"));
    EXPECT_EQ(figures_through(d("2015-03-01")), d("2015-02-28"));
    EXPECT_EQ(figures_through(d("2016-04-10")), d("2016-03-31"));
}

TEST(ReportModel, WritesRagAsAWordInEveryColouredCell) {
    const auto model =
        build_report_model(inputs_for({monthly("a", "Assessments on time", {71.0, 84.0}, 85.0),
                                       monthly("b", "Visits on time", {96.0, 97.0}, 95.0)}));
    int coloured = 0;
    for (const auto& block : model.blocks) {
        for (const auto& row : block.rows) {
            for (const auto& cell : row) {
                if (cell.complete) {
                    ++coloured;
                    EXPECT_EQ(cell.text, "Complete");
                }
                if (!cell.rag) continue;
                ++coloured;
                // The cell says its RAG itself, or (a count) sits in the column headed by it.
                const std::string word(domain::describe(*cell.rag));
                const auto column = static_cast<std::size_t>(&cell - row.data());
                const bool headed = column < block.header.size() && block.header[column] == word;
                EXPECT_TRUE(cell.text == word || headed) << cell.text;
            }
        }
    }
    EXPECT_GT(coloured, 10);
    const std::string text = document_text(model);
    EXPECT_NE(text.find("Red"), std::string::npos);
    EXPECT_NE(text.find("Green"), std::string::npos);
    EXPECT_NE(text.find("Not started"), std::string::npos);
    EXPECT_NE(text.find("Complete"), std::string::npos);
}

TEST(ReportModel, CountsActionsFromThePlanInItsSentences) {
    const auto inputs = inputs_for();
    const auto model = build_report_model(inputs);
    const auto& counts = model.summary.actions;
    const std::string text = document_text(model);
    EXPECT_NE(text.find(std::to_string(counts.complete) + " of the " +
                        std::to_string(counts.total) + " actions are complete"),
              std::string::npos);
    EXPECT_NE(text.find(std::to_string(counts.red) + " actions are red"), std::string::npos);
    EXPECT_EQ(model.actions.size(), static_cast<std::size_t>(counts.total));
}

TEST(ReportModel, AProfileChoosesTheSectionsAndIndicators) {
    auto inputs = inputs_for({monthly("a", "Assessments on time", {71.0, 84.0}, 85.0),
                              monthly("b", "Visits on time", {96.0, 97.0}, 95.0)});
    inputs.profile.sections = {kSectionIndicators, kSectionAppendix};
    inputs.profile.indicators = {"b"};
    const auto model = build_report_model(inputs);
    const auto level1 = headings(model, 1);
    EXPECT_EQ(std::count(level1.begin(), level1.end(), "Executive Summary"), 0);
    EXPECT_EQ(std::count(level1.begin(), level1.end(), "Appendix A - Improvement Plan"), 1);
    ASSERT_EQ(model.indicators.size(), 1u);
    EXPECT_EQ(model.indicators[0].key, "b");
    const std::string text = document_text(model);
    EXPECT_EQ(text.find("Assessments on time"), std::string::npos);
    EXPECT_NE(text.find("Visits on time rose from 96% in April to 97% in May"), std::string::npos);
}

TEST(ReportModel, LeavesOutAnIndicatorWithNeitherAFigureNorATarget) {
    const auto model = build_report_model(
        inputs_for({monthly("a", "Assessments on time", {std::nullopt}, std::nullopt),
                    monthly("b", "Visits on time", {std::nullopt}, 95.0),
                    monthly("c", "Reviews on time", {80.0}, std::nullopt)}));
    std::vector<std::string> keys;
    for (const auto& row : model.indicators) keys.push_back(row.key);
    EXPECT_EQ(keys, (std::vector<std::string>{"b", "c"}));
    EXPECT_NE(document_text(model).find("Visits on time: there are no figures yet"),
              std::string::npos);
}

TEST(ReportModel, ListsTheChangesSinceTheLastReport) {
    auto inputs = inputs_for();
    domain::ChangedAction action{"A10", "Improving Leadership", "Produce a scorecard", "Manager"};
    inputs.changes.completed.push_back(action);
    inputs.changes.slipped.push_back({action, d("2015-07-31"), d("2015-10-31"), "Supplier late"});
    inputs.changes.rag_changes.push_back({action, Rag::Amber, Rag::Red});
    inputs.changes.indicators_crossed.push_back(
        {"cp_visits", "Visits on time", 90.0, 97.0, 95.0, true});
    const std::string text = document_text(build_report_model(inputs));
    EXPECT_NE(text.find("Actions completed (1)"), std::string::npos);
    EXPECT_NE(text.find("due date moved from 31 July 2015 to 31 October 2015. Reason: "
                        "Supplier late"),
              std::string::npos);
    EXPECT_NE(text.find("Amber to Red"), std::string::npos);
    EXPECT_NE(text.find("Visits on time reached its target of 95%: 97% now, from 90%"),
              std::string::npos);
}

TEST(ReportModel, ListsAddedMovedRescheduledRetiredActionsAndNewEvidence) {
    auto inputs = inputs_for();
    domain::ChangedAction action{"A10", "Improving Leadership", "Produce a scorecard", "Manager"};
    domain::ChangedAction added{"A60", "Improving Leadership", "Run a practice week", "Director"};
    inputs.changes.added.push_back(added);
    inputs.changes.moved.push_back({action, "C2", "Quality assurance", "C3", "The LSCB"});
    inputs.changes.slipped.push_back({action, d("2015-07-31"), d("2015-10-31"), "Supplier late"});
    inputs.changes.retired.push_back(
        {{"A15", "Improving Leadership", "Hold a challenge session", "LSCB Chair"},
         d("2015-08-20"), "amy", "Merged into A13", ""});
    inputs.changes.retired.push_back(
        {{"A12", "Improving Leadership", "Incorporate the recommendations", "LSCB Chair"},
         d("2015-08-21"), "amy", "Covered by the LSCB plan", "commitment C3"});
    inputs.changes.evidence_added.push_back({"M3", "Case file audits each month",
                                             "July audit: 80% good or better", "audit-july.pdf",
                                             "amy", d("2015-08-05")});
    const std::string text = document_text(build_report_model(inputs));
    EXPECT_NE(text.find("New actions (1)"), std::string::npos);
    EXPECT_NE(text.find("A60 (Director): Run a practice week"), std::string::npos);
    EXPECT_NE(text.find("Actions moved to another commitment (1)"), std::string::npos);
    EXPECT_NE(text.find("A10 (Manager): Produce a scorecard: moved from commitment C2 (Quality "
                        "assurance) to C3 (The LSCB)"),
              std::string::npos);
    EXPECT_NE(text.find("Actions rescheduled (1)"), std::string::npos);
    EXPECT_NE(text.find("Actions retired from the plan (2)"), std::string::npos);
    EXPECT_NE(text.find("A15 (LSCB Chair): Hold a challenge session: retired on 20 August 2015. "
                        "Reason: Merged into A13"),
              std::string::npos);
    EXPECT_NE(text.find("retired with its commitment C3 on 21 August 2015. Reason: Covered by the "
                        "LSCB plan"),
              std::string::npos);
    EXPECT_NE(text.find("New evidence (1)"), std::string::npos);
    EXPECT_NE(text.find("M3 (Case file audits each month): July audit: 80% good or better. File: "
                        "audit-july.pdf (recorded 5 August 2015 by amy)"),
              std::string::npos);
    EXPECT_EQ(text.find("Nothing in the plan or its indicators has changed"), std::string::npos);
}

// The demo plan changed in each way the committee is told of, compared as the report service
// compares it: the whole stored plans, retired items included.
TEST(ReportModel, TheChangesSectionShowsWhatComparingThePlansFinds) {
    const auto before = demo_plan();
    auto after = before;
    auto& leadership = after.workstreams[0].commitments;
    auto& c2 = leadership[1].actions;
    const auto a11 = std::find_if(c2.begin(), c2.end(), [](const auto& a) { return a.id == "A11"; });
    ASSERT_NE(a11, c2.end());
    leadership[2].actions.push_back(*a11);  // A11 from C2 to C3
    c2.erase(a11);
    after.find_action("A10")->due = d("2015-12-31");
    after.find_action("A15")->retired = domain::Retirement{d("2015-08-20"), "amy", "Merged into A13"};
    domain::Action added = *after.find_action("A9");
    added.id = "A60";
    added.text = "Run a practice week";
    leadership[0].actions.push_back(added);
    const std::vector<domain::AuditEntry> audit{
        {1, "2015-08-05T10:00:00Z", "amy", "evidence", "", "created", std::nullopt,
         "M3: July audit: 80% good or better (file audit-july.pdf)", std::nullopt}};

    auto inputs = inputs_for();
    inputs.plan = after;
    inputs.changes =
        domain::compare_plans(before, after, audit, inputs.since, inputs.as_of);
    const auto model = build_report_model(inputs);
    const std::string text = document_text(model);
    for (const char* part :
         {"New actions (1)", "A60", "Actions moved to another commitment (1)",
          "A11 (", "moved from commitment C2", "Actions rescheduled (1)", "A10 (",
          "Actions retired from the plan (1)", "Reason: Merged into A13", "New evidence (1)",
          "July audit: 80% good or better. File: audit-july.pdf"}) {
        EXPECT_NE(text.find(part), std::string::npos) << part;
    }
    EXPECT_EQ(text.find("Actions removed from the plan"), std::string::npos);
    // The retired action is no longer in the plan the report shows.
    for (const auto& row : model.actions) EXPECT_NE(row.action_id, "A15");
}

TEST(ReportModel, LeavesRetiredItemsOutOfThePlanItShows) {
    auto inputs = inputs_for();
    const auto whole = build_report_model(inputs);
    const domain::Retirement retirement{d("2015-08-01"), "amy", "No longer needed"};
    auto& plan = inputs.plan;
    plan.workstreams[4].retired = retirement;                 // W5: A49-A57
    plan.workstreams[0].commitments[0].retired = retirement;  // C1: A1-A7
    plan.find_action("A16")->retired = retirement;
    plan.recommendations.back().retired = retirement;  // R17
    plan.workstreams[1].commitments[0].measures[0].retired = retirement;  // M8
    const auto model = build_report_model(inputs);

    EXPECT_EQ(model.summary.actions.total, whole.summary.actions.total - 17);
    EXPECT_EQ(model.actions.size(), whole.actions.size() - 17);
    for (const auto& row : model.actions) {
        EXPECT_NE(row.workstream_id, "W5");
        EXPECT_NE(row.commitment_id, "C1");
        EXPECT_NE(row.action_id, "A16");
    }
    for (const auto& row : model.coverage) EXPECT_NE(row.id, "R17");
    const std::string text = document_text(model);
    EXPECT_NE(text.find("mapped to 4 workstreams"), std::string::npos);
    EXPECT_EQ(text.find(plan.workstreams[4].title), std::string::npos);
    EXPECT_EQ(text.find(plan.workstreams[1].commitments[0].measures[0].text), std::string::npos);
    EXPECT_EQ(text.find(plan.find_action("A16")->text), std::string::npos);
    EXPECT_NE(text.find("contained 16 recommendations"), std::string::npos);
}

}  // namespace
}  // namespace csip::reporting

namespace csip::reporting {
namespace {

// West Berkshire's published assessments figure for 2024-25 (the year ending 31 March 2025), as
// the department's Children in need release gives it.
domain::MeasureComparison published_assessments() {
    domain::MeasureComparison comparison;
    comparison.measure = domain::find_benchmark_measure("assessments_45wd");
    comparison.year = "2025";
    comparison.la = 93.4;
    comparison.england = 85.7;
    comparison.region = 88.1;
    comparison.neighbours_median = 86.5;
    comparison.neighbours_with_value = 10;
    comparison.rank = 31;
    comparison.of = 152;
    comparison.quartile = 'A';
    comparison.source = "Children in need";
    comparison.england_source = "Children in need";
    return comparison;
}

ReportInputs with_published_assessments() {
    auto inputs =
        inputs_for({monthly("assessments_45wd", "Assessments completed within 45 working days",
                            {71.4, 74.1, 76.6, 80.5, 83.7}, 85.0),
                    monthly("cp_visits_on_time", "Child protection visits within timescale",
                            {83.0, 85.0}, 95.0)});
    inputs.benchmarks["assessments_45wd"] = published_assessments();
    return inputs;
}

// The performance table, found by its caption.
const Block* performance_table(const ReportModel& model) {
    for (const auto& block : model.blocks) {
        if (block.kind == Block::Kind::Table &&
            block.text.starts_with("Performance indicators against target")) {
            return &block;
        }
    }
    return nullptr;
}

TEST(PublishedFigures, TheIndicatorsParagraphSaysHowItStandsAgainstEnglandAndItsNeighbours) {
    ASSERT_NE(domain::find_benchmark_measure("assessments_45wd"), nullptr);
    const auto model = build_report_model(with_published_assessments());
    ASSERT_EQ(model.indicators.size(), 2u);
    ASSERT_TRUE(model.indicators[0].benchmark.has_value());
    EXPECT_FALSE(model.indicators[1].benchmark.has_value());
    const std::string expected =
        "93.4% of assessments were completed within 45 working days in 2024-25, above England "
        "(85.7%) and the statistical neighbours' median (86.5%)";
    // The paragraph of the performance section: the indicator's own sentence, then the published
    // figures'.
    const Block* paragraph = nullptr;
    bool in_performance = false;
    for (const auto& block : model.blocks) {
        if (block.kind == Block::Kind::Heading) {
            in_performance = block.text.ends_with("Performance");
        }
        if (in_performance && block.kind == Block::Kind::Paragraph &&
            block.text.starts_with("Assessments completed within 45 working days rose")) {
            paragraph = &block;
        }
    }
    ASSERT_NE(paragraph, nullptr);
    EXPECT_FALSE(paragraph->number.empty());
    EXPECT_NE(paragraph->text.find(model.indicators[0].sentence + " " + expected),
              std::string::npos)
        << paragraph->text;
    EXPECT_NE(paragraph->text.find("; quartile band A (rank 31 of 152)."), std::string::npos)
        << paragraph->text;
    // An indicator with nothing published says only its own sentence.
    EXPECT_NE(document_text(model).find(model.indicators[1].sentence + "\n"), std::string::npos);
}

TEST(PublishedFigures, ThePerformanceTableGainsThePublishedEnglandNeighboursAndBandColumns) {
    const auto model = build_report_model(with_published_assessments());
    const Block* table = performance_table(model);
    ASSERT_NE(table, nullptr);
    EXPECT_EQ(table->header,
              (std::vector<std::string>{"Indicator", "Latest", "Year to date", "Target", "RAG",
                                        "Direction", "Published", "England", "Neighbours",
                                        "Band"}));
    ASSERT_EQ(table->widths.size(), table->header.size());
    int width = 0;
    for (const int column : table->widths) width += column;
    EXPECT_EQ(width, 170) << "millimetres of a portrait page";
    ASSERT_EQ(table->rows.size(), 2u);
    const auto& assessments = table->rows[0];
    ASSERT_EQ(assessments.size(), 10u);
    EXPECT_EQ(assessments[0].text, "Assessments completed within 45 working days");
    EXPECT_EQ(assessments[6].text, "93.4% (2024-25)");
    EXPECT_EQ(assessments[7].text, "85.7%");
    EXPECT_EQ(assessments[8].text, "86.5%");
    EXPECT_EQ(assessments[9].text, "A");
    // Nothing published: a dash in each.
    for (std::size_t c = 6; c < 10; ++c) EXPECT_EQ(table->rows[1][c].text, "-");
    // What the columns are and where they come from.
    const std::string text = document_text(model);
    EXPECT_NE(text.find("Beside them are the Department for Education's latest published "
                        "figures"),
              std::string::npos);
    EXPECT_NE(text.find("Source: Children in need."), std::string::npos);
}

TEST(PublishedFigures, WithoutThemTheTableAndParagraphsAreAsBefore) {
    auto inputs = with_published_assessments();
    inputs.benchmarks.clear();
    const auto model = build_report_model(inputs);
    const Block* table = performance_table(model);
    ASSERT_NE(table, nullptr);
    EXPECT_EQ(table->header,
              (std::vector<std::string>{"Indicator", "Latest", "Year to date", "Target", "RAG",
                                        "Direction"}));
    const std::string text = document_text(model);
    EXPECT_EQ(text.find("Beside them are"), std::string::npos);
    EXPECT_EQ(text.find("statistical neighbours' median"), std::string::npos);
}

// A council's figure the department withheld: the table says so beside England's, and the
// paragraph keeps to the indicator's own sentence.
TEST(PublishedFigures, SayWhenTheCouncilsFigureWasWithheld) {
    auto inputs = with_published_assessments();
    auto& comparison = inputs.benchmarks["assessments_45wd"];
    comparison.la.reset();
    comparison.la_mark = "c";
    comparison.rank.reset();
    comparison.quartile.reset();
    const auto model = build_report_model(inputs);
    const Block* table = performance_table(model);
    ASSERT_NE(table, nullptr);
    EXPECT_EQ(table->rows[0][6].text, "Withheld (2024-25)");
    EXPECT_EQ(table->rows[0][7].text, "85.7%");
    EXPECT_EQ(table->rows[0][9].text, "-");
    EXPECT_TRUE(model.indicators[0].benchmark_sentence.empty());
    EXPECT_EQ(document_text(model).find("of assessments were completed"), std::string::npos);
}

// A profile's indicators choose the published figures too: none for an indicator left out.
TEST(PublishedFigures, FollowTheProfilesIndicators) {
    auto inputs = with_published_assessments();
    inputs.profile.indicators = {"cp_visits_on_time"};
    const auto model = build_report_model(inputs);
    ASSERT_EQ(model.indicators.size(), 1u);
    EXPECT_FALSE(model.indicators[0].benchmark.has_value());
    EXPECT_EQ(document_text(model).find("85.7%"), std::string::npos);
}

}  // namespace
}  // namespace csip::reporting
