// The report's files as a reader's software opens them: every part of the DOCX (and of the
// XLSX) is well-formed XML, whatever the plan holds; the DOCX has real headings, repeating table
// header rows, a landscape appendix and the same bytes for the same model. And case-level data
// (children's ids from the exceptions) never reaches a public body's report, nor a report for a
// body whose profile forbids it, in any format, although the same inputs put it in the report of
// a private body whose profile allows it.
#include <expat.h>
#include <gtest/gtest.h>
#include <zip.h>

#include <cctype>
#include <map>

#include "../support/temp_dir.hpp"
#include "import/plan_reader.hpp"
#include "reporting/docx/docx_writer.hpp"
#include "reporting/html_pack.hpp"
#include "reporting/indicator_text.hpp"
#include "reporting/report_model.hpp"
#include "reporting/report_snapshot.hpp"
#include "reporting/xlsx/xlsx_writer.hpp"

namespace csip::reporting {
namespace {

using domain::Date;

Date d(const char* iso) { return *Date::parse_iso(iso); }

// The bytes of a rendered file; a failure to render fails the test.
std::string bytes_of(const Result<std::string>& rendered) {
    if (!rendered) {
        ADD_FAILURE() << rendered.error().message;
        return {};
    }
    return *rendered;
}

// Every entry of a zip archive held in memory, by name.
std::map<std::string, std::string> unzip(const std::string& bytes) {
    std::map<std::string, std::string> parts;
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
    if (source == nullptr) return parts;
    zip_t* archive = zip_open_from_source(source, ZIP_RDONLY, &error);
    if (archive == nullptr) {
        zip_source_free(source);
        return parts;
    }
    const zip_int64_t count = zip_get_num_entries(archive, 0);
    for (zip_int64_t i = 0; i < count; ++i) {
        const auto index = static_cast<zip_uint64_t>(i);
        zip_stat_t stat;
        if (zip_stat_index(archive, index, 0, &stat) != 0) continue;
        zip_file_t* file = zip_fopen_index(archive, index, 0);
        if (file == nullptr) continue;
        std::string content(static_cast<std::size_t>(stat.size), '\0');
        const zip_int64_t read = zip_fread(file, content.data(), stat.size);
        zip_fclose(file);
        content.resize(read < 0 ? 0 : static_cast<std::size_t>(read));
        parts[stat.name] = std::move(content);
    }
    zip_close(archive);
    return parts;
}

// Empty when `xml` parses as a whole; otherwise expat's message and line.
std::string xml_error(const std::string& xml) {
    XML_Parser parser = XML_ParserCreate(nullptr);
    const auto status = XML_Parse(parser, xml.data(), static_cast<int>(xml.size()), 1);
    std::string message;
    if (status != XML_STATUS_OK) {
        message = std::string(XML_ErrorString(XML_GetErrorCode(parser))) + " at line " +
                  std::to_string(XML_GetCurrentLineNumber(parser));
    }
    XML_ParserFree(parser);
    return message;
}

std::size_t occurrences(const std::string& text, const std::string& part) {
    std::size_t count = 0;
    for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++count;
    return count;
}

domain::Plan demo_plan() {
    const auto text = testing::read_file(testing::source_dir() / "src/app/demo/demo_plan.json");
    auto read = import::read_plan_json(text, "demo_plan.json");
    EXPECT_TRUE(read.plan.has_value());
    return read.plan.value_or(domain::Plan{});
}

domain::IndicatorResult assessments() {
    domain::IndicatorResult result;
    result.key = "assessments_45wd";
    result.title = "Assessments completed within 45 working days";
    result.from = d("2015-04-01");
    result.to = d("2015-08-31");
    result.months = {{"2015-04", {60, 84, 71.4, false}}, {"2015-05", {72, 86, 83.7, false}}};
    result.period = {132, 170, 77.6, false};
    result.year_to_date = result.period;
    result.target = domain::Target{85.0, 5.0};
    result.rag = domain::Rag::Red;
    return result;
}

// The demo plan and one indicator, with exceptions naming two children.
ReportInputs inputs(bool is_public, bool case_level_allowed) {
    ReportInputs in;
    in.plan = demo_plan();
    in.body = {"qa", is_public ? "Overview and Scrutiny" : "Quality Assurance Board", "monthly",
               is_public};
    in.profile.case_level_allowed = case_level_allowed;
    in.as_of = d("2015-09-15");
    in.since = d("2015-08-15");
    in.changes.since = in.since;
    in.changes.as_of = in.as_of;
    in.indicators = {assessments()};
    domain::IndicatorException late;
    late.subject_id = "CHILD-ZX81-0001";
    late.due = d("2015-08-20");
    late.days_over = 12;
    late.team = "Assessment Team East";
    late.worker = "Worker W17";
    domain::IndicatorException overdue = late;
    overdue.subject_id = "CHILD-ZX81-0002";
    overdue.kind = domain::ExceptionKind::Overdue;
    in.exceptions = {
        {"assessments_45wd", "Assessments completed within 45 working days", {late, overdue}}};
    return in;
}

struct Files {
    std::string docx;  // every part of the .docx, one after another
    std::string html;
    std::string xlsx;  // every part of the .xlsx, one after another
};

Files render_all(const ReportModel& model) {
    Files files;
    for (const auto& [name, content] : unzip(bytes_of(docx::render_docx(model)))) {
        files.docx += content;
    }
    files.html = render_html_pack(model);
    for (const auto& [name, content] : unzip(bytes_of(xlsx::render_xlsx(model)))) {
        files.xlsx += content;
    }
    return files;
}

const std::vector<std::string> kChildren{"CHILD-ZX81-0001", "CHILD-ZX81-0002"};

TEST(CaseLevelContent, ReachesAPrivateBodyWhoseProfileAllowsIt) {
    const auto model = build_report_model(inputs(false, true));
    EXPECT_TRUE(model.includes_case_level);
    const auto files = render_all(model);
    for (const auto& child : kChildren) {
        EXPECT_GT(occurrences(files.docx, child), 0u) << child;
        EXPECT_GT(occurrences(files.html, child), 0u) << child;
    }
}

TEST(CaseLevelContent, NeverReachesAPublicBodyWhateverItsProfileSays) {
    const auto model = build_report_model(inputs(true, true));
    EXPECT_FALSE(model.includes_case_level);
    const auto files = render_all(model);
    for (const auto& child : kChildren) {
        EXPECT_EQ(occurrences(files.docx, child), 0u) << child;
        EXPECT_EQ(occurrences(files.html, child), 0u) << child;
        EXPECT_EQ(occurrences(files.xlsx, child), 0u) << child;
    }
    EXPECT_EQ(occurrences(files.docx, "Worker W17"), 0u);
    EXPECT_EQ(occurrences(files.html, "Cases out of timescale"), 0u);
}

TEST(CaseLevelContent, NeverReachesABodyWhoseProfileForbidsIt) {
    const auto model = build_report_model(inputs(false, false));
    EXPECT_FALSE(model.includes_case_level);
    const auto files = render_all(model);
    for (const auto& child : kChildren) {
        EXPECT_EQ(occurrences(files.docx, child), 0u) << child;
        EXPECT_EQ(occurrences(files.html, child), 0u) << child;
        EXPECT_EQ(occurrences(files.xlsx, child), 0u) << child;
    }
}

TEST(CaseLevelContent, NeverReachesABodyWhoseProfileLeavesOutTheCasesSection) {
    auto in = inputs(false, true);
    in.profile.sections = {kSectionSummary, kSectionReport, kSectionIndicators, kSectionAppendix};
    const auto files = render_all(build_report_model(in));
    for (const auto& child : kChildren) EXPECT_EQ(occurrences(files.html, child), 0u) << child;
}

TEST(DocxFile, EveryPartIsWellFormedXml) {
    const auto bytes = docx::render_docx(build_report_model(inputs(false, true)));
    ASSERT_TRUE(bytes.has_value());
    const auto parts = unzip(*bytes);
    for (const char* name :
         {"[Content_Types].xml", "_rels/.rels", "docProps/core.xml", "word/_rels/document.xml.rels",
          "word/document.xml", "word/styles.xml", "word/numbering.xml"}) {
        EXPECT_TRUE(parts.contains(name)) << name;
    }
    EXPECT_TRUE(parts.contains("word/charts/chart1.xml"));
    for (const auto& [name, content] : parts) EXPECT_EQ(xml_error(content), "") << name;
}

TEST(DocxFile, ChartsEachIndicatorsMonthsWithAlternativeTextInWords) {
    const auto model = build_report_model(inputs(true, false));
    const auto parts = unzip(bytes_of(docx::render_docx(model)));
    const auto& document = parts.at("word/document.xml");
    // One chart, for the one indicator with monthly figures, described in words.
    EXPECT_EQ(occurrences(document, "<wp:docPr "), 1u);
    EXPECT_NE(document.find("descr=\"Assessments completed within 45 working days, percentage by "
                            "month: April 2015 71.4%; May 2015 83.7%. Target 85% or more."),
              std::string::npos);
    EXPECT_NE(parts.at("word/_rels/document.xml.rels").find("charts/chart1.xml"),
              std::string::npos);
    EXPECT_NE(parts.at("[Content_Types].xml").find("/word/charts/chart1.xml"), std::string::npos);
    const auto& chart = parts.at("word/charts/chart1.xml");
    // The figures, and the target as its own dashed, named series.
    EXPECT_NE(chart.find("<c:v>71.4</c:v>"), std::string::npos);
    EXPECT_NE(chart.find("<c:v>83.7</c:v>"), std::string::npos);
    EXPECT_NE(chart.find("<c:v>Target 85% or more</c:v>"), std::string::npos);
    EXPECT_NE(chart.find("<a:prstDash val=\"dash\"/>"), std::string::npos);
}

TEST(DocxFile, StaysWellFormedWhateverThePlanHolds) {
    auto in = inputs(false, false);
    auto& action = in.plan.workstreams.at(0).commitments.at(0).actions.at(0);
    action.text = "Fix <b>\"this\"</b> & 'that'\x01\x1f now ]]> \xE2\x80\x94 done";
    in.plan.vision = "A & B < C > D";
    const auto bytes = docx::render_docx(build_report_model(in));
    ASSERT_TRUE(bytes.has_value());
    const auto parts = unzip(*bytes);
    const auto& document = parts.at("word/document.xml");
    EXPECT_EQ(xml_error(document), "");
    EXPECT_NE(document.find("Fix &lt;b&gt;&quot;this&quot;&lt;/b&gt; &amp; &apos;that&apos; now"),
              std::string::npos);
    EXPECT_NE(document.find("A &amp; B &lt; C &gt; D"), std::string::npos);
}

TEST(DocxFile, HasHeadingsRepeatingHeaderRowsAndALandscapeAppendix) {
    const auto model = build_report_model(inputs(true, false));
    const auto parts = unzip(bytes_of(docx::render_docx(model)));
    const auto& document = parts.at("word/document.xml");
    const auto& styles = parts.at("word/styles.xml");
    for (const char* style : {"Heading1", "Heading2", "Heading3"}) {
        EXPECT_GT(occurrences(document, std::string("w:val=\"") + style + "\""), 0u) << style;
        EXPECT_GT(occurrences(styles, std::string("w:styleId=\"") + style + "\""), 0u) << style;
    }
    // Outline levels make the headings a navigable outline.
    EXPECT_GT(occurrences(styles, "<w:outlineLvl w:val=\"0\"/>"), 0u);
    // One repeating header row for each table with a header; a caption for each with one.
    std::size_t tables_with_header = 0;
    std::size_t captions = 0;
    for (const auto& block : model.blocks) {
        if (block.kind == Block::Kind::Table && !block.header.empty()) ++tables_with_header;
        if ((block.kind == Block::Kind::Table || block.kind == Block::Kind::Details) &&
            !block.text.empty()) {
            ++captions;
        }
    }
    EXPECT_GT(tables_with_header, 5u);
    EXPECT_EQ(occurrences(document, "<w:tblHeader/>"), tables_with_header);
    EXPECT_EQ(occurrences(document, "<w:tblCaption "), captions);
    // Portrait pages, then landscape from Appendix A.
    const auto landscape = document.find("w:orient=\"landscape\"");
    ASSERT_NE(landscape, std::string::npos);
    EXPECT_LT(document.find("w:w=\"11906\""), landscape);
    EXPECT_GT(document.rfind("Appendix A - Improvement Plan"), document.find("w:w=\"11906\""));
}

TEST(DocxFile, TheSameModelGivesTheSameBytes) {
    const auto model = build_report_model(inputs(true, false));
    EXPECT_EQ(bytes_of(docx::render_docx(model)), bytes_of(docx::render_docx(model)));
    EXPECT_EQ(bytes_of(xlsx::render_xlsx(model)), bytes_of(xlsx::render_xlsx(model)));
}

TEST(XlsxFile, EveryPartIsWellFormedXml) {
    const auto bytes = xlsx::render_xlsx(build_report_model(inputs(true, false)));
    ASSERT_TRUE(bytes.has_value());
    const auto parts = unzip(*bytes);
    EXPECT_TRUE(parts.contains("xl/workbook.xml"));
    for (const auto& [name, content] : parts) EXPECT_EQ(xml_error(content), "") << name;
}

TEST(HtmlPack, HasAChartWithATitleAndDescriptionForEachIndicatorWithMonths) {
    const std::string html = render_html_pack(build_report_model(inputs(true, false)));
    EXPECT_EQ(occurrences(html, "<svg "), 1u);
    EXPECT_NE(html.find("role=\"img\""), std::string::npos);
    EXPECT_NE(html.find("<title id=\"chart-1-title\">Assessments completed within 45 working "
                        "days</title>"),
              std::string::npos);
    EXPECT_NE(html.find("<desc id=\"chart-1-desc\">"), std::string::npos);
    EXPECT_NE(html.find("@media print"), std::string::npos);
    EXPECT_NE(html.find("<th scope=\"col\">"), std::string::npos);
}

// The committee report and its "changes since" show added, moved, rescheduled and retired
// actions and new evidence in each of its files.
TEST(ChangesSince, EveryKindOfChangeAppearsInTheBoardPackTheDocxAndTheWorkbook) {
    auto in = inputs(true, false);
    const domain::ChangedAction added{"A60", "Improving Leadership", "Run a practice week",
                                      "Director"};
    const domain::ChangedAction moved{"A11", "Improving Leadership", "Train team managers",
                                      "Head of Service"};
    const domain::ChangedAction slipped{"A10", "Improving Leadership", "Produce a scorecard",
                                        "Performance Manager"};
    const domain::ChangedAction retired{"A15", "Improving Leadership", "Hold a challenge session",
                                        "LSCB Chair"};
    in.changes.added.push_back(added);
    in.changes.moved.push_back({moved, "C2", "Quality assurance", "C3", "The LSCB"});
    in.changes.slipped.push_back({slipped, d("2015-07-31"), d("2015-10-31"), "Supplier late"});
    in.changes.retired.push_back({retired, d("2015-08-20"), "amy", "Merged into A13", ""});
    in.changes.evidence_added.push_back({"M3", "Case file audits each month",
                                         "July audit: 80% good or better", "audit-july.pdf", "amy",
                                         d("2015-08-05")});
    const auto files = render_all(build_report_model(in));
    for (const std::string part :
         {"Run a practice week", "Actions moved to another commitment (1)", "Train team managers",
          "Actions rescheduled (1)", "Supplier late", "Actions retired from the plan (1)",
          "Merged into A13", "New evidence (1)", "July audit: 80% good or better"}) {
        EXPECT_GT(occurrences(files.html, part), 0u) << part;
        EXPECT_GT(occurrences(files.docx, part), 0u) << part;
    }
    // The workbook's "Changes since" sheet: a row of each kind.
    for (const std::string part :
         {"new", "moved", "C2: Quality assurance", "C3: The LSCB", "rescheduled", "Supplier late",
          "retired", "Merged into A13", "new evidence", "Case file audits each month",
          "July audit: 80% good or better (file audit-july.pdf)"}) {
        EXPECT_GT(occurrences(files.xlsx, "<t>" + part + "</t>"), 0u) << part;
    }
}

// The index of `text` among the workbook's shared strings, or -1.
int shared_string(const std::string& shared_strings, const std::string& text) {
    int index = 0;
    for (auto at = shared_strings.find("<si>"); at != std::string::npos;
         at = shared_strings.find("<si>", at + 1), ++index) {
        const auto end = shared_strings.find("</si>", at);
        if (shared_strings.substr(at, end - at).find(">" + text + "</t>") != std::string::npos) {
            return index;
        }
    }
    return -1;
}

// The plan download: text a spreadsheet would run as a formula is a string cell, never a formula,
// and retired items are there with their reasons.
TEST(PlanWorkbook, WritesTextAsStringCellsNeverFormulas) {
    auto read = import::read_plan_json(
        testing::read_file(testing::source_dir() / "tests/import/plans/valid/retired.json"),
        "retired.json");
    ASSERT_TRUE(read.plan);
    auto plan = *read.plan;
    auto& action = *plan.find_action("A2");
    action.text = "=HYPERLINK(1+1)";
    action.lead = "+cmd|calc";
    action.updates.back().text = "-2+3";
    plan.recommendations[0].text = "@SUM(A1:A9)";
    const auto parts = unzip(bytes_of(xlsx::render_plan_xlsx(plan)));
    ASSERT_TRUE(parts.contains("xl/sharedStrings.xml"));
    const auto& strings = parts.at("xl/sharedStrings.xml");
    std::string sheets;
    for (const auto& [name, content] : parts) {
        EXPECT_EQ(xml_error(content), "") << name;
        if (name.rfind("xl/worksheets/", 0) == 0) sheets += content;
    }
    EXPECT_EQ(occurrences(sheets, "<f>"), 0u);
    EXPECT_EQ(occurrences(sheets, "<f "), 0u);
    for (const std::string text : {"=HYPERLINK(1+1)", "+cmd|calc", "-2+3", "@SUM(A1:A9)"}) {
        const int index = shared_string(strings, text);
        ASSERT_GE(index, 0) << text;
        EXPECT_GT(occurrences(sheets, "t=\"s\"><v>" + std::to_string(index) + "</v>"), 0u) << text;
    }
}

TEST(PlanWorkbook, ListsRetiredItemsWithTheirReasons) {
    auto read = import::read_plan_json(
        testing::read_file(testing::source_dir() / "tests/import/plans/valid/retired.json"),
        "retired.json");
    ASSERT_TRUE(read.plan);
    const auto parts = unzip(bytes_of(xlsx::render_plan_xlsx(*read.plan)));
    const auto& strings = parts.at("xl/sharedStrings.xml");
    // Sheets in order: Inspection, Recommendations, Commitments, Success measures, Actions.
    const std::vector<std::pair<std::string, std::string>> retired{
        {"xl/worksheets/sheet2.xml", "Met by the new MASH"},
        {"xl/worksheets/sheet3.xml", "Covered by workstream W2"},
        {"xl/worksheets/sheet3.xml", "Folded into the MASH programme"},
        {"xl/worksheets/sheet4.xml", "Replaced by the audit in M1"},
        {"xl/worksheets/sheet5.xml", "Merged into A2"},
        {"xl/worksheets/sheet5.xml", "Runs as business as usual"}};
    for (const auto& [sheet, reason] : retired) {
        const int index = shared_string(strings, reason);
        ASSERT_GE(index, 0) << reason;
        EXPECT_GT(occurrences(parts.at(sheet), "t=\"s\"><v>" + std::to_string(index) + "</v>"), 0u)
            << reason << " in " << sheet;
    }
    // A retired action still shows every field, A4 in its retired commitment too.
    EXPECT_GE(shared_string(strings, "Supervision audit"), 0);
    EXPECT_GE(shared_string(strings, "Daily MASH meeting"), 0);
}

}  // namespace
}  // namespace csip::reporting

namespace csip::reporting {
namespace {

// A worksheet's cells as a reader's software sees them: by row, each cell's value (a shared
// string resolved to its text, a number or boolean as written) and its style's index.
struct Cell {
    std::string value;
    std::string type;  // "s" shared string, "b" boolean, "" number
    int style = 0;
    std::string ref;  // "G2"
};
using Rows = std::vector<std::vector<Cell>>;

struct SheetReading {
    const std::vector<std::string>* strings = nullptr;
    std::vector<std::string>* collected = nullptr;  // while reading sharedStrings.xml
    Rows rows;
    std::string text;
    bool in_value = false;
};

void XMLCALL sheet_start(void* data, const XML_Char* name, const XML_Char** attributes) {
    auto& reading = *static_cast<SheetReading*>(data);
    const std::string element = name;
    if (element == "row") reading.rows.emplace_back();
    if (element == "c" && !reading.rows.empty()) {
        Cell cell;
        for (int i = 0; attributes[i] != nullptr; i += 2) {
            const std::string attribute = attributes[i];
            if (attribute == "t") cell.type = attributes[i + 1];
            if (attribute == "s") cell.style = std::stoi(attributes[i + 1]);
            if (attribute == "r") cell.ref = attributes[i + 1];
        }
        reading.rows.back().push_back(cell);
    }
    if (element == "v" || element == "t" || element == "si") {
        if (element != "t") reading.text.clear();
        reading.in_value = true;
    }
}

void XMLCALL sheet_end(void* data, const XML_Char* name) {
    auto& reading = *static_cast<SheetReading*>(data);
    const std::string element = name;
    if (element == "v" && !reading.rows.empty() && !reading.rows.back().empty()) {
        auto& cell = reading.rows.back().back();
        cell.value = reading.text;
        if (cell.type == "s" && reading.strings != nullptr) {
            cell.value = reading.strings->at(static_cast<std::size_t>(std::stoul(reading.text)));
        }
    }
    if (element == "si" && reading.collected != nullptr) reading.collected->push_back(reading.text);
    if (element == "v" || element == "si") reading.in_value = false;
}

void XMLCALL sheet_text(void* data, const XML_Char* text, int length) {
    auto& reading = *static_cast<SheetReading*>(data);
    if (reading.in_value) reading.text.append(text, static_cast<std::size_t>(length));
}

SheetReading parse(const std::string& xml, SheetReading reading) {
    XML_Parser parser = XML_ParserCreate(nullptr);
    XML_SetUserData(parser, &reading);
    XML_SetElementHandler(parser, sheet_start, sheet_end);
    XML_SetCharacterDataHandler(parser, sheet_text);
    EXPECT_EQ(XML_Parse(parser, xml.data(), static_cast<int>(xml.size()), 1), XML_STATUS_OK);
    XML_ParserFree(parser);
    return reading;
}

Rows sheet_rows(const std::map<std::string, std::string>& parts, const std::string& sheet) {
    std::vector<std::string> strings;
    SheetReading shared;
    shared.collected = &strings;
    parse(parts.at("xl/sharedStrings.xml"), std::move(shared));
    SheetReading cells;
    cells.strings = &strings;
    return parse(parts.at(sheet), std::move(cells)).rows;
}

domain::IndicatorReport indicator_report() {
    domain::IndicatorReport report{d("2015-04-01"), d("2015-05-20"), {}};
    domain::IndicatorLine assessments;
    auto& result = assessments.result;
    result.key = "assessments_45wd";
    result.title = "Assessments completed within 45 working days";
    result.kind = domain::IndicatorKind::Event;
    result.higher_is_better = true;
    result.from = report.from;
    result.to = report.to;
    result.target = domain::Target{85.0, 5.0};
    result.months = {{"2015-04", {375.0, 479.0, 78.28810020876827, false}},
                     {"2015-05", {6.0, 8.0, 75.0, true}}};
    result.period = {381.0, 487.0, 78.23408624229979, false};
    report.indicators.push_back(assessments);
    return report;
}

// The indicators page's workbook: one sheet with the CSV's columns and rows, the header row
// frozen, every column given a width, counts as numbers and percentages as percentages.
TEST(IndicatorWorkbook, HoldsTheCsvsRowsAsNumbersAndPercentages) {
    const auto report = indicator_report();
    const auto bytes = xlsx::render_indicators_xlsx(report);
    const auto parts = unzip(bytes_of(bytes));
    ASSERT_TRUE(parts.count("xl/worksheets/sheet1.xml"));
    EXPECT_FALSE(parts.count("xl/worksheets/sheet2.xml")) << "one sheet";
    const std::string& sheet = parts.at("xl/worksheets/sheet1.xml");
    EXPECT_NE(sheet.find("state=\"frozen\""), std::string::npos);
    EXPECT_NE(sheet.find("topLeftCell=\"A2\""), std::string::npos);
    EXPECT_EQ(occurrences(sheet, "<col "), indicator_columns().size());

    const Rows rows = sheet_rows(parts, "xl/worksheets/sheet1.xml");
    const auto expected = indicator_rows(report);
    ASSERT_EQ(rows.size(), expected.size() + 1);  // the header, then a row each
    std::vector<std::string> header;
    for (const auto& cell : rows[0]) header.push_back(cell.value);
    EXPECT_EQ(header, indicator_columns());

    // April: id, row, month, from, to, 375, 479, 78.3%, 85%, red, false, data.
    const auto& april = rows[1];
    ASSERT_EQ(april.size(), 12u);
    EXPECT_EQ(april[0].value, "assessments_45wd");
    EXPECT_EQ(april[1].value, "month");
    EXPECT_EQ(april[2].value, "2015-04");
    EXPECT_EQ(april[3].type, "") << "a date is a number shown as a date";
    EXPECT_EQ(april[3].value, "42095");  // 1 April 2015 as a spreadsheet's day number
    EXPECT_EQ(april[5].value, "375");
    EXPECT_EQ(april[5].type, "");
    EXPECT_EQ(april[6].value, "479");
    EXPECT_NEAR(std::stod(april[7].value), 0.7828810020876827, 1e-12);
    EXPECT_EQ(std::stod(april[8].value), 0.85);
    EXPECT_EQ(april[9].value, "red");
    EXPECT_EQ(april[10].type, "b");
    EXPECT_EQ(april[10].value, "0");
    EXPECT_EQ(april[11].value, "data");
    // May had fewer than 10 cases.
    EXPECT_EQ(rows[2][10].value, "1");
    EXPECT_EQ(rows[3][1].value, "period");
    // The percentage and target cells share a style whose number format is a percentage.
    EXPECT_EQ(april[7].style, april[8].style);
    EXPECT_NE(april[7].style, april[5].style);
    EXPECT_NE(parts.at("xl/styles.xml").find("formatCode=\"0.0%\""), std::string::npos);
    // The same figures give the same bytes.
    EXPECT_EQ(bytes_of(bytes), bytes_of(xlsx::render_indicators_xlsx(report)));
}

}  // namespace
}  // namespace csip::reporting

namespace csip::reporting {
namespace {

// The department's published assessments figure for the council, England and its neighbours.
ReportInputs with_published_figures() {
    auto in = inputs(true, false);
    domain::MeasureComparison comparison;
    comparison.measure = domain::find_benchmark_measure("assessments_45wd");
    comparison.year = "2025";
    comparison.la = 93.4;
    comparison.england = 85.7;
    comparison.region = 88.1;
    comparison.neighbours_median = 86.5;
    comparison.neighbours_with_value = 10;
    comparison.neighbour_values = {86.5, std::nullopt, 90.2};
    comparison.rank = 31;
    comparison.of = 152;
    comparison.quartile = 'A';
    comparison.source = "Children in need";
    comparison.england_source = "Children in need";
    in.benchmarks["assessments_45wd"] = comparison;
    return in;
}

// A row's cell in column `column` ("G"), by its reference; none when the row has no such cell.
const Cell* cell_at(const std::vector<Cell>& row, const std::string& column) {
    for (const auto& cell : row) {
        if (cell.ref.starts_with(column) && cell.ref.size() > column.size() &&
            std::isdigit(static_cast<unsigned char>(cell.ref[column.size()])) != 0) {
            return &cell;
        }
    }
    return nullptr;
}

// The board pack and the committee report say how the indicator stands in words and in the
// table; a public body's too, since published figures are no case data.
TEST(PublishedFigures, AppearInTheDocxAndTheBoardPackInWordsAndInTheTable) {
    const auto model = build_report_model(with_published_figures());
    ASSERT_TRUE(model.public_body);
    const auto files = render_all(model);
    for (const auto* file : {&files.docx, &files.html}) {
        std::string text = *file;
        // The apostrophe as each escapes it.
        for (const std::string escaped : {"&#39;", "&apos;"}) {
            for (auto at = text.find(escaped); at != std::string::npos; at = text.find(escaped)) {
                text.replace(at, escaped.size(), "'");
            }
        }
        EXPECT_GT(occurrences(text, "93.4% of assessments were completed within 45 working days "
                                    "in 2024-25, above England (85.7%) and the statistical "
                                    "neighbours' median (86.5%); quartile band A (rank 31 of "
                                    "152)."),
                  0u);
        for (const std::string header : {"Published", "England", "Neighbours", "Band"}) {
            EXPECT_GT(occurrences(text, header), 0u) << header;
        }
        EXPECT_GT(occurrences(text, "93.4% (2024-25)"), 0u);
    }
    EXPECT_GT(occurrences(files.html, "<th scope=\"col\">Neighbours</th>"), 0u);
    EXPECT_GT(occurrences(files.html, "<td>85.7%</td><td>86.5%</td><td>A</td>"), 0u);
    // The DOCX table's ten columns fill the portrait page's width.
    EXPECT_GT(occurrences(files.docx, "<w:tblCaption w:val=\"Performance indicators against "
                                      "target and published figures\"/>"),
              0u);
}

// The workbook's Benchmarks sheet: the figures as numbers as published (93.4, not 0.934) with a
// number format of one decimal place, the rank and count as numbers, the year and band as text.
TEST(PublishedFigures, TheWorkbookHoldsThemAsTypedCells) {
    const auto model = build_report_model(with_published_figures());
    const auto bytes = xlsx::render_xlsx(model);
    const auto parts = unzip(bytes_of(bytes));
    const std::string& workbook = parts.at("xl/workbook.xml");
    const auto changes = workbook.find("name=\"Changes since\"");
    const auto benchmarks = workbook.find("name=\"Benchmarks\"");
    ASSERT_NE(benchmarks, std::string::npos);
    EXPECT_LT(changes, benchmarks) << "the sixth sheet, after the others";
    ASSERT_TRUE(parts.count("xl/worksheets/sheet6.xml"));
    const Rows rows = sheet_rows(parts, "xl/worksheets/sheet6.xml");
    ASSERT_EQ(rows.size(), 2u);  // the header, then the one indicator published
    std::vector<std::string> header;
    for (const auto& cell : rows[0]) header.push_back(cell.value);
    EXPECT_EQ(header, (std::vector<std::string>{
                          "Indicator id", "Indicator", "Measure", "Year", "Period", "Unit",
                          "Council", "Council withheld", "England", "Region",
                          "Neighbours' median", "Neighbours with a value", "Rank", "Of",
                          "Quartile", "Source", "England's source"}));
    const auto& row = rows[1];
    auto text = [&](const char* column) {
        const Cell* cell = cell_at(row, column);
        EXPECT_NE(cell, nullptr) << column;
        if (cell == nullptr) return std::string();
        EXPECT_EQ(cell->type, "s") << column << " is text";
        return cell->value;
    };
    auto number = [&](const char* column) {
        const Cell* cell = cell_at(row, column);
        EXPECT_NE(cell, nullptr) << column;
        if (cell == nullptr) return -1.0;
        EXPECT_EQ(cell->type, "") << column << " is a number";
        return std::stod(cell->value);
    };
    EXPECT_EQ(text("A"), "assessments_45wd");
    EXPECT_EQ(text("C"), "assessments_45wd");
    EXPECT_EQ(text("D"), "2025");
    EXPECT_EQ(text("E"), "2024-25");
    EXPECT_EQ(text("F"), "%");
    EXPECT_EQ(number("G"), 93.4);
    EXPECT_EQ(cell_at(row, "H"), nullptr) << "the council's figure is not withheld";
    EXPECT_EQ(number("I"), 85.7);
    EXPECT_EQ(number("J"), 88.1);
    EXPECT_EQ(number("K"), 86.5);
    EXPECT_EQ(number("L"), 10.0);
    EXPECT_EQ(number("M"), 31.0);
    EXPECT_EQ(number("N"), 152.0);
    EXPECT_EQ(text("O"), "A");
    EXPECT_EQ(text("P"), "Children in need");
    // The published figures share a style whose number format is one decimal place, not a
    // percentage.
    const Cell* council = cell_at(row, "G");
    const Cell* england = cell_at(row, "I");
    ASSERT_NE(council, nullptr);
    ASSERT_NE(england, nullptr);
    EXPECT_EQ(council->style, england->style);
    EXPECT_NE(council->style, 0);
    EXPECT_NE(parts.at("xl/styles.xml").find("formatCode=\"0.0\""), std::string::npos);
}

// A report without published figures still has the sheet, with its header alone.
TEST(PublishedFigures, TheWorkbooksSheetIsEmptyWithoutThem) {
    const auto parts = unzip(bytes_of(xlsx::render_xlsx(build_report_model(inputs(true, false)))));
    ASSERT_TRUE(parts.count("xl/worksheets/sheet6.xml"));
    EXPECT_EQ(sheet_rows(parts, "xl/worksheets/sheet6.xml").size(), 1u);
}

// A publication keeps the published figures as its report showed them; one published before
// reports carried them reads back as none.
TEST(PublishedFigures, AreFrozenInTheSnapshotAndReadBack) {
    const auto model = build_report_model(with_published_figures());
    const std::string snapshot = write_report_snapshot(model);
    auto read = read_snapshot_benchmarks(snapshot);
    ASSERT_TRUE(read.has_value()) << read.error().message;
    ASSERT_EQ(read->size(), 1u);
    const auto& comparison = read->at("assessments_45wd");
    ASSERT_NE(comparison.measure, nullptr);
    EXPECT_EQ(comparison.measure->id, "assessments_45wd");
    EXPECT_EQ(comparison.year, "2025");
    EXPECT_EQ(comparison.la, 93.4);
    EXPECT_EQ(comparison.england, 85.7);
    EXPECT_EQ(comparison.region, 88.1);
    EXPECT_EQ(comparison.neighbours_median, 86.5);
    EXPECT_EQ(comparison.neighbours_with_value, 10);
    EXPECT_EQ(comparison.neighbour_values,
              (std::vector<std::optional<double>>{86.5, std::nullopt, 90.2}));
    EXPECT_EQ(comparison.rank, 31);
    EXPECT_EQ(comparison.of, 152);
    EXPECT_EQ(comparison.quartile, 'A');
    EXPECT_EQ(comparison.source, "Children in need");
    EXPECT_EQ(domain::benchmark_sentence(comparison), model.indicators[0].benchmark_sentence);
    // The same model gives the same bytes.
    EXPECT_EQ(snapshot, write_report_snapshot(build_report_model(with_published_figures())));

    // A snapshot from before: no "benchmarks" at all. Its indicators still read back.
    const std::string before = R"({"format": "csip-report-snapshot/1", "case_level": false,
        "indicators": [{"key": "assessments_45wd", "title": "Assessments",
                        "year_to_date": 77.6}]})";
    auto none = read_snapshot_benchmarks(before);
    ASSERT_TRUE(none.has_value()) << none.error().message;
    EXPECT_TRUE(none->empty());
    auto indicators = read_snapshot_indicators(before);
    ASSERT_TRUE(indicators.has_value());
    EXPECT_EQ(indicators->size(), 1u);
    // A measure csip no longer knows is passed over; text that is no snapshot is refused.
    auto unknown = read_snapshot_benchmarks(R"({"format": "csip-report-snapshot/1",
        "benchmarks": [{"indicator": "x", "measure": "gone"}]})");
    ASSERT_TRUE(unknown.has_value());
    EXPECT_TRUE(unknown->empty());
    EXPECT_FALSE(read_snapshot_benchmarks("not json").has_value());
}

}  // namespace
}  // namespace csip::reporting
