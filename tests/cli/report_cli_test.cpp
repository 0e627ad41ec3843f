// The governance reports end to end, through the csip binary: the demo authority's report to
// Overview and Scrutiny for 15 September 2015 opens in LibreOffice (converted to PDF, read back
// with pdftotext) and holds every workstream, every red action and each measured indicator; the
// workbook opens in LibreOffice and its dates and numbers are typed cells; a published report
// is byte for byte the same after the plan changes.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <regex>

#include "../support/temp_dir.hpp"
#include "csip_process.hpp"

namespace csip::testing {
namespace {

using Json = nlohmann::json;

// Whitespace collapsed to single spaces, so that text wrapped across lines still matches.
std::string flatten(const std::string& text) {
    std::string out;
    bool space = false;
    for (const char c : text) {
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f') {
            space = true;
            continue;
        }
        if (space && !out.empty()) out += ' ';
        space = false;
        out += c;
    }
    return out;
}

int shell(const std::string& command) { return std::system(command.c_str()); }

// Converts `file` with LibreOffice into `format` in `dir`, with a private profile.
void convert(const TempDir& dir, const std::string& file, const std::string& format) {
    const std::string profile = "file://" + (dir / "lo-profile").string();
    const std::string command = "cd '" + dir.path().string() +
                                "' && libreoffice -env:UserInstallation=" + profile +
                                " --headless --convert-to " + format + " '" + file +
                                "' >lo.log 2>&1";
    ASSERT_EQ(shell(command), 0) << read_file(dir / "lo.log");
}

class ReportCli : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_EQ(csip({"demo"}).exit_code, 0);
        ASSERT_EQ(csip({"meeting", "add", "osmc", "2015-09-15"}).exit_code, 0);
    }
    ProcessResult csip(const std::vector<std::string>& args) {
        std::vector<std::string> all{"--db", (m_dir / "csip.db").string()};
        all.insert(all.end(), args.begin(), args.end());
        return run_csip(all, m_dir.path().string());
    }
    TempDir m_dir;
};

// A figure as the report prints it: to the whole percent, unless that would claim 0% or 100%.
std::string whole(double percent) {
    const double rounded = std::round(percent);
    if ((rounded == 100.0 && percent < 100.0) || (rounded == 0.0 && percent > 0.0)) {
        char text[16];
        std::snprintf(text, sizeof text, "%.1f", percent);
        return text;
    }
    return std::to_string(static_cast<long>(rounded));
}

TEST_F(ReportCli, TheDemoReportToScrutinyOpensInLibreOfficeWithEveryWorkstreamRedActionAndIndicator) {
    for (const auto& [key, value] : std::vector<std::pair<std::string, std::string>>{
             {"portfolio_member.name", "Councillor Pat Example"},
             {"contact_officer.name", "Alex Example"},
             {"contact_officer.title", "Head of Children and Family Services"},
             {"strategy.priorities", "CSP1 - Caring for and protecting the vulnerable"}}) {
        ASSERT_EQ(csip({"report", "settings", "set", key, value}).exit_code, 0) << key;
    }
    const auto made = csip({"report", "osmc", "--as-of", "2015-09-15", "--format", "docx", "-o",
                            "osmc.docx"});
    ASSERT_EQ(made.exit_code, 0) << made.err;
    convert(m_dir, "osmc.docx", "pdf");
    ASSERT_EQ(shell("cd '" + m_dir.path().string() + "' && pdftotext osmc.pdf osmc.txt"), 0);
    const std::string text = flatten(read_file(m_dir / "osmc.txt"));

    // The council's committee report layout, in its order, with the front sheet from settings.
    std::size_t at = 0;
    for (const char* part :
         {"Update on Children's Services Improvement Plan", "Title of Report",
          "Report to be considered by",
          "Overview and Scrutiny Management Commission, 15 September 2015", "Purpose of Report",
          "Recommended Action", "CSP1 - Caring for and protecting the vulnerable",
          "Portfolio Member Details", "Councillor Pat Example", "Contact Officer Details",
          "Alex Example", "Head of Children and Family Services", "Executive Summary",
          "1.1 In March 2015", "Executive Report", "Conclusion", "Recommendations",
          "Appendix A - Improvement Plan"}) {
        const auto found = text.find(part, at);
        EXPECT_NE(found, std::string::npos) << part;
        if (found != std::string::npos) at = found;
    }
    const Json plan = Json::parse(read_file(source_dir() / "src/app/demo/demo_plan.json"));
    int red = 0;
    int measured = 0;
    for (const auto& workstream : plan["workstreams"]) {
        EXPECT_NE(text.find(workstream["title"].get<std::string>()), std::string::npos)
            << workstream["title"];
        for (const auto& commitment : workstream["commitments"]) {
            for (const auto& measure : commitment["measures"]) {
                if (measure["kind"] != "measured") continue;
                ++measured;
                EXPECT_NE(text.find(flatten(measure["text"].get<std::string>())), std::string::npos)
                    << measure["text"];
            }
            for (const auto& action : commitment["actions"]) {
                if (action["status"] != "in_progress" || action["rag"] != "red") continue;
                ++red;
                EXPECT_NE(text.find(flatten(action["text"].get<std::string>())), std::string::npos)
                    << action["text"];
            }
        }
    }
    EXPECT_GT(red, 0);
    EXPECT_GT(measured, 0);
    // The counts are computed from the plan, and RAG is written as a word.
    EXPECT_NE(text.find(std::to_string(red) + " actions are red"), std::string::npos);
    EXPECT_NE(text.find("Red"), std::string::npos);

    // Every indicator's figures, as csip computes them for the year to 31 August (the last
    // complete month before the meeting): its title, latest figure, year to date and each
    // month's figure in the month-by-month table.
    const auto computed = csip({"indicators", "--from", "2015-04-01", "--to", "2015-08-31",
                                "--format", "json"});
    ASSERT_EQ(computed.exit_code, 0) << computed.err;
    const Json indicators = Json::parse(computed.out)["indicators"];
    ASSERT_FALSE(indicators.empty());
    for (const auto& indicator : indicators) {
        const std::string title = indicator["title"].get<std::string>();
        EXPECT_NE(text.find(title), std::string::npos) << title;
        if (!indicator.contains("percent") || indicator["percent"].is_null()) continue;
        const std::string latest = whole(indicator["percent"].get<double>()) + "%";
        EXPECT_NE(text.find(title + " "), std::string::npos) << title;
        EXPECT_NE(text.find(latest), std::string::npos) << title << " " << latest;
        if (indicator.contains("year_to_date")) {
            const std::string ytd =
                "The year to date is " + whole(indicator["year_to_date"]["percent"].get<double>()) + "%";
            EXPECT_NE(text.find(ytd), std::string::npos) << title << ": " << ytd;
        }
        std::string row = title;
        const Json months = indicator.value("months", Json::array());
        for (const auto& month : months) {
            if (month.contains("percent")) row += " " + whole(month["percent"].get<double>());
        }
        if (months.size() > 1) {
            EXPECT_NE(text.find(row), std::string::npos) << row;
        }
    }
    // The story the demo tells, as the source report told it, in generated sentences.
    for (const char* sentence :
         {"Assessments completed within 45 working days rose from 71% in April to 84% in "
          "August, against a target of 85%.",
          "Child protection visits within timescale 83 85 93 96 98",
          "Conference reports shared with the family on time rose from 31% in April to 67% in "
          "August, against a target of 80%. The year to date is 48%",
          "Agency social workers (FTE rate) fell from 50% in April to 33% in August"}) {
        EXPECT_NE(text.find(sentence), std::string::npos) << sentence;
    }
}

TEST_F(ReportCli, TheWorkbookOpensInLibreOfficeWithItsSheetsAndTypedCells) {
    const auto made = csip({"report", "osmc", "--as-of", "2015-09-15", "--format", "xlsx", "-o",
                            "osmc.xlsx"});
    ASSERT_EQ(made.exit_code, 0) << made.err;
    const std::string dir = m_dir.path().string();
    ASSERT_EQ(shell("cd '" + dir + "' && unzip -o -q osmc.xlsx -d unpacked"), 0);
    const std::string workbook = read_file(m_dir / "unpacked/xl/workbook.xml");
    for (const char* sheet : {"Plan", "Indicators", "Indicator months", "Coverage", "Changes since"}) {
        EXPECT_NE(workbook.find(std::string("name=\"") + sheet + "\""), std::string::npos) << sheet;
    }
    // The Plan sheet: column I is the target date. Its cells are numbers with a date format,
    // never shared strings.
    const std::string plan = read_file(m_dir / "unpacked/xl/worksheets/sheet1.xml");
    const std::regex date_cell(R"(<c r="I2"( s="\d+")?><v>(\d+)</v></c>)");
    std::smatch match;
    ASSERT_TRUE(std::regex_search(plan, match, date_cell)) << plan.substr(0, 2000);
    EXPECT_EQ(match[2].str(), "42185");  // 30 June 2015, the first action's target date
    EXPECT_NE(plan.find("<pane "), std::string::npos);        // frozen header row
    EXPECT_NE(plan.find("<autoFilter "), std::string::npos);  // filters
    const std::string coverage = read_file(m_dir / "unpacked/xl/worksheets/sheet4.xml");
    EXPECT_TRUE(std::regex_search(coverage, std::regex(R"(<c r="D2"( s="\d+")?><v>\d+</v></c>)")));

    convert(m_dir, "osmc.xlsx", "csv");
    const std::string csv = read_file(m_dir / "osmc.csv");
    EXPECT_NE(csv.find("Workstream id"), std::string::npos);
    // Read back as a date (in LibreOffice's locale's order), not as the serial number.
    EXPECT_TRUE(csv.find("30/06/2015") != std::string::npos ||
                csv.find("06/30/2015") != std::string::npos);
    EXPECT_EQ(csv.find("42185"), std::string::npos);
}

TEST_F(ReportCli, APublishedReportIsByteForByteTheSameAfterThePlanChanges) {
    const auto published = csip({"report", "publish", "osmc", "--meeting", "2015-09-15", "--by",
                                 "officer"});
    ASSERT_EQ(published.exit_code, 0) << published.err;
    const auto listed = csip({"report", "list", "osmc", "--format", "json"});
    ASSERT_EQ(listed.exit_code, 0) << listed.err;
    const Json list = Json::parse(listed.out);
    ASSERT_EQ(list.size(), 1u);
    const std::string id = std::to_string(list[0]["id"].get<long long>());

    for (const char* format : {"docx", "html", "xlsx"}) {
        const std::string before = std::string("before.") + format;
        ASSERT_EQ(csip({"report", "get", id, "-o", before}).exit_code, 0);
    }
    const auto changed = csip({"action", "update", "A10", "--rag", "green", "--note",
                               "Team-level scorecard now produced.", "--by", "officer", "--on",
                               "2015-09-20"});
    ASSERT_EQ(changed.exit_code, 0) << changed.err;
    for (const char* format : {"docx", "html", "xlsx"}) {
        const std::string after = std::string("after.") + format;
        ASSERT_EQ(csip({"report", "get", id, "-o", after}).exit_code, 0);
        EXPECT_EQ(read_file(m_dir / (std::string("before.") + format)),
                  read_file(m_dir / after))
            << format;
    }
    // The next report starts its changes from the publication: A10 went from red to green.
    const auto next = csip({"report", "osmc", "--as-of", "2015-10-15", "--format", "html", "-o",
                            "next.html"});
    ASSERT_EQ(next.exit_code, 0) << next.err;
    const std::string html = read_file(m_dir / "next.html");
    EXPECT_NE(html.find("Changes since the last report (15 September 2015)"), std::string::npos);
    EXPECT_NE(html.find("Red to Green"), std::string::npos);

    // Publishing the same meeting again is refused.
    EXPECT_EQ(csip({"report", "publish", "osmc", "--meeting", "2015-09-15"}).exit_code, 1);
}

}  // namespace
}  // namespace csip::testing
