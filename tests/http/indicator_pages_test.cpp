// The indicator pages as a council's people read them, on the demo authority as of 15 September
// 2015: the date filter is the GOV.UK date input and a wrong date comes back with an error
// summary; a tile's headline is the figure its RAG is judged on, with the rule in words; the
// pages speak plain English with the formula behind "How this is worked out"; tables say what
// they count, which month has no return yet and which month is partial; the exceptions run most
// days over first; charts and tables scroll inside their own regions.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <regex>
#include <vector>

#include "app/documents.hpp"
#include "reporting/indicator_text.hpp"
#include "test_server.hpp"

namespace csip::testing {
namespace {

// `html` without every element `name` and what it holds.
std::string without(std::string html, const std::string& name) {
    for (auto start = html.find("<" + name); start != std::string::npos;
         start = html.find("<" + name, start)) {
        const auto end = html.find("</" + name + ">", start);
        if (end == std::string::npos) break;
        html.replace(start, end + name.size() + 3 - start, " ");
    }
    return html;
}

// The page's text as a person sees it: tags, the head, drawings and every <details> (closed
// until asked) gone, and white space run together.
std::string visible_text(const std::string& html) {
    const std::string shown = without(without(without(html, "head"), "svg"), "details");
    std::string text;
    bool in_tag = false;
    for (const char c : shown) {
        if (c == '<') in_tag = true;
        const bool space = in_tag || c == '\n' || c == '\t' || c == ' ';
        if (space) {
            if (!text.empty() && text.back() != ' ') text += ' ';
        } else {
            text += c;
        }
        if (c == '>') in_tag = false;
    }
    return text;
}

// One indicator's section of /indicators.
std::string section(const std::string& page, const std::string& id) {
    return between(page, "<section class=\"csip-indicator\" id=\"" + id + "\"", "</section>");
}

// One indicator's tile of the dashboard, as text.
std::string tile(const std::string& page, const std::string& id) {
    return visible_text(between(page, "href=\"/indicators#" + id + "\"", "</li>"));
}

class IndicatorPages : public ::testing::Test {
  protected:
    void SetUp() override {
        ASSERT_TRUE(viewer.sign_in("viewer"));
        ASSERT_TRUE(lead.sign_in("lead"));
    }
    TestServer server;
    Browser viewer{server};
    Browser lead{server};
};

// Finding 1: the date filter.
TEST_F(IndicatorPages, TheDatesAreAskedAsDayMonthAndYearInAFieldsetAndShownAsUsed) {
    auto page = viewer.get("/indicators");
    ASSERT_TRUE(page);
    ASSERT_EQ(page->status, 200);
    const auto& body = page->body;
    EXPECT_TRUE(contains(body, "<fieldset class=\"govuk-fieldset\" role=\"group\""));
    EXPECT_TRUE(contains(body, ">Start date</legend>")) << body;
    EXPECT_TRUE(contains(body, ">End date</legend>"));
    for (const char* field :
         {"from_day", "from_month", "from_year", "to_day", "to_month", "to_year"}) {
        EXPECT_TRUE(contains(body, std::string("name=\"") + field + "\"")) << field;
    }
    // The dates in use fill the fields: the financial year to the demo's date.
    EXPECT_EQ(attribute_after(body, "id=\"from-day\"", "value"), "1");
    EXPECT_EQ(attribute_after(body, "id=\"from-month\"", "value"), "4");
    EXPECT_EQ(attribute_after(body, "id=\"to-day\"", "value"), "15");
    EXPECT_EQ(attribute_after(body, "id=\"to-month\"", "value"), "9");
    EXPECT_FALSE(contains(body, "name=\"from\""));

    auto chosen = viewer.get(
        "/indicators?from_day=1&from_month=5&from_year=2015&to_day=31&to_month=8&to_year=2015");
    ASSERT_EQ(chosen->status, 200);
    EXPECT_TRUE(contains(visible_text(chosen->body), "from 1 May to 31 August 2015"));
    EXPECT_EQ(attribute_after(chosen->body, "id=\"to-month\"", "value"), "8");
}

TEST_F(IndicatorPages, OlderLinksWithIsoDatesStillWork) {
    auto page = viewer.get("/indicators?from=2015-05-01&to=2015-08-31");
    ASSERT_TRUE(page);
    EXPECT_EQ(page->status, 200);
    EXPECT_TRUE(contains(visible_text(page->body), "from 1 May to 31 August 2015"));
    EXPECT_EQ(attribute_after(page->body, "id=\"from-month\"", "value"), "5");
}

TEST_F(IndicatorPages, AWrongDateComesBackAsTheFormWithAnErrorSummaryNeverCommandLineWords) {
    struct Case {
        std::string query;
        std::string message;
        std::string link;
    };
    const std::vector<Case> cases{
        {"from_day=1&from_month=9&from_year=2015&to_day=1&to_month=6&to_year=2015",
         "The start date must be the same as or before the end date", "#from-day"},
        {"from_day=1&from_month=13&from_year=2015", "The start date must be a real date",
         "#from-month"},
        {"to_day=15&to_year=2015", "The end date must include a month", "#to-month"},
        {"from_day=1&from_month=4&from_year=15", "Year must include 4 numbers", "#from-year"},
        {"from=2015-09-01&to=2015-06-01",
         "The start date must be the same as or before the end date", "#from-day"},
        {"from=yesterday", "The start date must be a real date", "#from-day"},
        {"from_day=1&from_month=4&from_year=2001", "no more than 5 years before the end date",
         "#from-day"},
    };
    for (const auto& test : cases) {
        auto page = viewer.get("/indicators?" + test.query);
        ASSERT_TRUE(page) << test.query;
        const auto& body = page->body;
        EXPECT_EQ(page->status, 400) << test.query;
        EXPECT_TRUE(contains(body, "<title>Error: Indicators")) << test.query;
        const std::string summary = between(body, "<div class=\"govuk-error-summary\"", "</ul>");
        EXPECT_TRUE(contains(summary, "<a href=\"" + test.link + "\">")) << test.query << summary;
        EXPECT_TRUE(contains(summary, test.message)) << test.query << summary;
        // The form is there to correct it, the field marked.
        EXPECT_TRUE(contains(body, "govuk-form-group--error")) << test.query;
        EXPECT_TRUE(contains(body, "name=\"from_day\"")) << test.query;
        const std::string text = visible_text(body);
        EXPECT_FALSE(contains(text, "--from")) << test.query;
        EXPECT_FALSE(contains(text, "--to")) << test.query;
        EXPECT_FALSE(contains(text, "YYYY-MM-DD")) << test.query;
    }
    // What was typed is kept.
    auto kept = viewer.get("/indicators?from_day=1&from_month=13&from_year=2015");
    EXPECT_EQ(attribute_after(kept->body, "id=\"from-month\"", "value"), "13");
}

// Finding 4: the tile's headline is what the RAG is judged on.
TEST_F(IndicatorPages, ATileHeadlinesTheFigureItsRagIsJudgedOnAndSaysTheRuleInWords) {
    auto page = viewer.get("/");
    ASSERT_TRUE(page);
    const std::string assessments = tile(page->body, "assessments_45wd");
    // Red is judged on the year to date, 78.3%, not September's 86.5%.
    EXPECT_TRUE(contains(assessments, "78.3% year to date")) << assessments;
    EXPECT_TRUE(contains(assessments, "Red : more than 5 points below the target of 85%"))
        << assessments;
    EXPECT_TRUE(contains(assessments, "Latest month: 86.5% in September 2015, to the 15th"))
        << assessments;
    EXPECT_TRUE(
        contains(tile(page->body, "cp_visits_on_time"),
                 "92.0% year to date Amber : below the target of 95%, by 5 points or less"));
    EXPECT_TRUE(contains(tile(page->body, "icpc_15wd"), "Green : at or above the target of 90%"));
    // Lower is better for the agency rate; it is judged on its latest workforce list.
    const std::string agency = tile(page->body, "agency_sw_rate");
    EXPECT_TRUE(contains(
        agency, "33.3% on 31 August 2015 Red : more than 5 points above the target of 25%"))
        << agency;
    EXPECT_TRUE(contains(tile(page->body, "cla_dental_checks"), "63.7% on 31 March 2015"));
}

TEST_F(IndicatorPages, TheIndicatorsPageSaysWhatTheRagIsJudgedOnAndWhy) {
    auto page = viewer.get("/indicators");
    const std::string assessments = visible_text(section(page->body, "assessments_45wd"));
    EXPECT_TRUE(contains(assessments, "Year to date 78.3% (375 of 479)")) << assessments;
    EXPECT_TRUE(contains(assessments,
                         "Against the target Red : more than 5 points below the target of 85%"))
        << assessments;
    EXPECT_TRUE(contains(assessments, "Latest month September 2015, to the 15th: 86.5%"));
}

// Finding 10: plain English for board members.
TEST_F(IndicatorPages, RulesAreInPlainEnglishWithTheFormulaBehindHowThisIsWorkedOut) {
    auto page = lead.get("/indicators");
    ASSERT_TRUE(page);
    const std::string text = visible_text(page->body);
    for (const char* formula :
         {"wd(", "≤", "TEETH_CHECK", "HEALTH_ASSESSMENT", "OC2", "RAG ", " FTE"}) {
        EXPECT_FALSE(contains(text, formula)) << formula;
    }
    EXPECT_TRUE(contains(
        text, "is on time when a manager signs it off within 45 working days of it starting"));
    EXPECT_TRUE(contains(text, "the share who had a dental check"));
    EXPECT_TRUE(contains(text, "Agency social workers (full-time equivalent rate)"));
    // The formula is still there for those who want it.
    const std::string assessments = section(page->body, "assessments_45wd");
    const std::string details =
        between(assessments, "<details class=\"govuk-details\">", "</details>");
    EXPECT_TRUE(contains(details, "How this is worked out"));
    EXPECT_TRUE(contains(details, "wd(start, authorised) ≤ 45 working days"));
    // A glossary spells out the words that remain.
    const std::string glossary =
        between(page->body, "What the words on this page mean", "</details>");
    for (const char* term : {"Red, amber or green", "RAG rating", "Full-time equivalent (FTE)",
                             "Section 47 enquiry", "Looked-after child", "Working days"}) {
        EXPECT_TRUE(contains(glossary, term)) << term;
    }
    // Links are named by indicator titles, never ids.
    const std::regex link("<a [^>]*>([^<]*)");
    for (auto it = std::sregex_iterator(page->body.begin(), page->body.end(), link);
         it != std::sregex_iterator(); ++it) {
        EXPECT_FALSE(std::regex_match((*it)[1].str(), std::regex("[a-z0-9]+(_[a-z0-9]+)+")))
            << (*it)[1].str();
    }
    EXPECT_TRUE(contains(page->body,
                         "href=\"/indicators/assessments_45wd/exceptions\">Cases out of "
                         "timescale<span class=\"govuk-visually-hidden\"> for Assessments "
                         "completed within 45 working days</span></a>"));
    auto exceptions = lead.get("/indicators/cla_dental_checks/exceptions");
    EXPECT_TRUE(
        contains(exceptions->body,
                 "<h1 class=\"govuk-heading-l\">Looked-after children with a dental check</h1>"));
    EXPECT_FALSE(contains(visible_text(exceptions->body), "TEETH_CHECK"));
}

// Finding 11: tables say what they count.
TEST_F(IndicatorPages, EachTableIsHeadedByWhatItCountsAndOfWhat) {
    auto page = viewer.get("/indicators");
    const std::string agency = section(page->body, "agency_sw_rate");
    EXPECT_TRUE(contains(agency, ">Agency workers, full-time equivalent</th>")) << agency;
    EXPECT_TRUE(contains(agency, ">All social workers, full-time equivalent</th>"));
    EXPECT_FALSE(contains(page->body, ">On time</th>"));
    EXPECT_FALSE(contains(page->body, ">Of</th>"));
    const std::string assessments = section(page->body, "assessments_45wd");
    EXPECT_TRUE(contains(assessments, ">Completed on time</th>"));
    EXPECT_TRUE(contains(assessments, ">Assessments completed</th>"));
}

TEST_F(IndicatorPages, AMonthWithoutDataSaysNoReturnYetAndAPartMonthSaysSo) {
    auto page = viewer.get("/indicators");
    const std::string agency = visible_text(section(page->body, "agency_sw_rate"));
    // No workforce list for September yet: not "0 0 No cases".
    EXPECT_TRUE(contains(agency, "September 2015, to the 15th No return yet")) << agency;
    EXPECT_FALSE(contains(agency, "0 0"));
    const std::string assessments = visible_text(section(page->body, "assessments_45wd"));
    EXPECT_TRUE(contains(assessments, "September 2015, to the 15th 45 52 86.5%")) << assessments;
    EXPECT_TRUE(contains(assessments, "August 2015 ")) << assessments;
    EXPECT_FALSE(contains(assessments, "August 2015,"));
    auto whole = viewer.get("/indicators?from=2015-04-01&to=2015-08-31");
    EXPECT_FALSE(contains(visible_text(section(whole->body, "assessments_45wd")), ", to the"));
}

TEST_F(IndicatorPages, AChartsCaptionNamesOnlyTheLinesItDraws) {
    auto page = viewer.get("/indicators");
    const std::string assessments = section(page->body, "assessments_45wd");
    const std::string caption =
        between(assessments, "<figcaption class=\"govuk-body-s\">", "</figcaption>");
    EXPECT_TRUE(contains(caption, "the dashed line is the target, 85% or more")) << caption;
    EXPECT_TRUE(contains(caption, "the dotted line is the year to date, 78.3%")) << caption;
    EXPECT_TRUE(contains(assessments, "stroke-dasharray=\"2 3\""));
    // The agency rate is a count of people on a date: it has no year to date, and draws none.
    const std::string agency = section(page->body, "agency_sw_rate");
    const std::string agency_caption =
        between(agency, "<figcaption class=\"govuk-body-s\">", "</figcaption>");
    EXPECT_FALSE(contains(agency_caption, "year to date")) << agency_caption;
    EXPECT_FALSE(contains(agency, "stroke-dasharray=\"2 3\""));
    EXPECT_TRUE(contains(agency_caption, "the dashed line is the target, 25% or less"))
        << agency_caption;
}

TEST_F(IndicatorPages, ExceptionsRunMostDaysOverFirstAsTheySay) {
    for (const char* id : {"assessments_45wd", "cp_visits_on_time", "cla_reviews_on_time",
                           "cp_reports_shared_on_time"}) {
        auto page = lead.get(std::string("/indicators/") + id + "/exceptions");
        ASSERT_TRUE(page);
        ASSERT_EQ(page->status, 200) << id;
        const std::string table =
            between(page->body, "<tbody class=\"govuk-table__body\">", "</tbody>");
        std::vector<int> days;
        const std::regex cell("govuk-table__cell--numeric\">(\\d*)</td>");
        for (auto it = std::sregex_iterator(table.begin(), table.end(), cell);
             it != std::sregex_iterator(); ++it) {
            days.push_back((*it)[1].str().empty() ? -1 : std::stoi((*it)[1].str()));
        }
        if (days.empty()) continue;
        EXPECT_TRUE(contains(page->body, "the most days over first")) << id;
        EXPECT_TRUE(std::is_sorted(days.rbegin(), days.rend())) << id;
    }
}

// Finding 12 and WCAG 1.4.10: charts and tables scroll inside their own regions.
TEST_F(IndicatorPages, ChartsAndTablesScrollInsideTheirOwnLabelledRegions) {
    auto page = viewer.get("/indicators");
    const std::string assessments = section(page->body, "assessments_45wd");
    EXPECT_TRUE(contains(assessments,
                         "<div class=\"csip-chart-scroll\" role=\"region\" aria-label=\"Chart: "
                         "Assessments completed within 45 working days\" tabindex=\"0\">\n<svg"));
    EXPECT_TRUE(contains(assessments,
                         "<div class=\"csip-table-scroll\" role=\"region\" aria-label=\""
                         "Assessments completed within 45 working days: figures by month\" "
                         "tabindex=\"0\">\n<table"));
    auto exceptions = lead.get("/indicators/assessments_45wd/exceptions");
    EXPECT_TRUE(contains(exceptions->body,
                         "<div class=\"csip-table-scroll\" role=\"region\" "
                         "aria-label=\"Cases out of timescale\" tabindex=\"0\">\n<table"));
}

TEST_F(IndicatorPages, ASparklineWritesItsLatestValue) {
    auto page = viewer.get("/");
    const std::string assessments =
        between(page->body, "href=\"/indicators#assessments_45wd\"", "</li>");
    EXPECT_TRUE(contains(assessments, "<text class=\"csip-sparkline__latest\"")) << assessments;
    EXPECT_TRUE(contains(assessments, ">86.5%</text>"));
    EXPECT_TRUE(
        contains(assessments, "month by month: latest September 2015 (to the 15th) 86.5%</title>"));
}

// --- the table as a file ----------------------------------------------------------------------

// An href as the page writes it, its &amp; read as &.
std::string link(const std::string& page, const std::string& text) {
    return std::regex_replace(attribute_after(page, text, "href"), std::regex("&amp;"), "&");
}

// The indicators of a period as `csip indicators` works them out.
domain::IndicatorReport report_for(TestServer& server, const char* from, const char* to) {
    auto report = server.indicators().indicators(*domain::Date::parse_iso(from),
                                                 *domain::Date::parse_iso(to));
    EXPECT_TRUE(report.has_value()) << (report ? "" : report.error().message);
    return report ? *report : domain::IndicatorReport{};
}

TEST_F(IndicatorPages, TheTableShownDownloadsAsTheCommandLinesCsvForThePeriodShown) {
    auto page = viewer.get(
        "/indicators?from_day=1&from_month=5&from_year=2015&to_day=31&to_month=8&to_year=2015");
    ASSERT_TRUE(page);
    const std::string href = link(page->body, "Download as CSV");
    EXPECT_EQ(href, "/indicators/download?format=csv&from=2015-05-01&to=2015-08-31");
    auto csv = viewer.get(href);
    ASSERT_TRUE(csv);
    EXPECT_EQ(csv->status, 200);
    EXPECT_EQ(csv->get_header_value("Content-Type"), "text/csv; charset=utf-8");
    EXPECT_TRUE(contains(csv->get_header_value("Content-Disposition"), "attachment"));
    EXPECT_TRUE(contains(csv->get_header_value("Content-Disposition"),
                         "indicators-2015-05-01-to-2015-08-31.csv"));
    const std::string expected =
        reporting::render_indicators_csv(report_for(server, "2015-05-01", "2015-08-31"));
    EXPECT_EQ(csv->body, expected);
    EXPECT_TRUE(contains(csv->body, "\nassessments_45wd,month,2015-05,2015-05-01,2015-05-31,"));
}

TEST_F(IndicatorPages, TheTableShownDownloadsAsAWorkbookThatOpens) {
    auto page = viewer.get("/indicators?from=2015-04-01&to=2015-09-15");
    ASSERT_TRUE(page);
    const std::string href = link(page->body, "Download as XLSX");
    EXPECT_EQ(href, "/indicators/download?format=xlsx&from=2015-04-01&to=2015-09-15");
    auto xlsx = viewer.get(href);
    ASSERT_TRUE(xlsx);
    EXPECT_EQ(xlsx->status, 200);
    EXPECT_EQ(xlsx->get_header_value("Content-Type"),
              "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    EXPECT_TRUE(contains(xlsx->get_header_value("Content-Disposition"),
                         "indicators-2015-04-01-to-2015-09-15.xlsx"));
    // A zip holding the workbook's one sheet, and the renderer's bytes for the same period.
    EXPECT_EQ(xlsx->body.substr(0, 4), std::string("PK\x03\x04", 4));
    EXPECT_TRUE(contains(xlsx->body, "xl/worksheets/sheet1.xml"));
    auto expected = app::indicators_xlsx(report_for(server, "2015-04-01", "2015-09-15"));
    ASSERT_TRUE(expected.has_value());
    EXPECT_EQ(xlsx->body, *expected);
}

TEST_F(IndicatorPages, ADownloadWithABadFormatOrDateSaysWhatIsWrong) {
    auto format = viewer.get("/indicators/download?format=pdf&from=2015-04-01&to=2015-09-15");
    ASSERT_TRUE(format);
    EXPECT_EQ(format->status, 400);
    EXPECT_TRUE(contains(format->body, "Choose the file to download: CSV or XLSX."));
    auto date = viewer.get("/indicators/download?format=csv&from=2015-13-01&to=2015-09-15");
    ASSERT_TRUE(date);
    EXPECT_EQ(date->status, 400);
    EXPECT_TRUE(contains(date->body, "The start date must be a real date."));
    auto backwards = viewer.get("/indicators/download?format=xlsx&from=2015-09-15&to=2015-04-01");
    ASSERT_TRUE(backwards);
    EXPECT_EQ(backwards->status, 400);
    EXPECT_TRUE(
        contains(backwards->body, "The start date must be the same as or before the end date."));
    EXPECT_FALSE(contains(backwards->get_header_value("Content-Disposition"), "attachment"));
}

TEST_F(IndicatorPages, TheApiGivesTheSameTableAsCsvOrXlsx) {
    const auto token = server.bearer("viewer");
    auto csv =
        server.client().Get("/api/v1/indicators?format=csv&from=2015-05-01&to=2015-08-31", token);
    ASSERT_TRUE(csv);
    EXPECT_EQ(csv->status, 200);
    EXPECT_TRUE(contains(csv->get_header_value("Content-Disposition"), "attachment"));
    EXPECT_EQ(csv->body,
              reporting::render_indicators_csv(report_for(server, "2015-05-01", "2015-08-31")));
    auto xlsx =
        server.client().Get("/api/v1/indicators?format=xlsx&from=2015-05-01&to=2015-08-31", token);
    ASSERT_TRUE(xlsx);
    EXPECT_EQ(xlsx->status, 200);
    EXPECT_EQ(xlsx->body, *app::indicators_xlsx(report_for(server, "2015-05-01", "2015-08-31")));
    auto json = server.client().Get("/api/v1/indicators?from=2015-05-01&to=2015-08-31", token);
    ASSERT_TRUE(json);
    EXPECT_EQ(json->get_header_value("Content-Type"), "application/json");
    auto bad = server.client().Get("/api/v1/indicators?format=pdf", token);
    ASSERT_TRUE(bad);
    EXPECT_EQ(bad->status, 400);
    const auto error = nlohmann::json::parse(bad->body);
    EXPECT_EQ(error["error"]["field"], "format");
}

}  // namespace
}  // namespace csip::testing
