// The indicators as the CLI and the API write them: the CSV a spreadsheet opens safely.
#include "reporting/indicator_text.hpp"

#include <gtest/gtest.h>

namespace csip::reporting {
namespace {

domain::Date d(const char* iso) { return *domain::Date::parse_iso(iso); }

domain::IndicatorReport report_of(domain::IndicatorLine line) {
    domain::IndicatorReport report{d("2015-04-01"), d("2015-06-30"), {}};
    line.result.from = report.from;
    line.result.to = report.to;
    report.indicators.push_back(std::move(line));
    return report;
}

// An indicator entered by hand may take its key from a plan's success measure, which anyone
// editing the plan writes: a key a spreadsheet would run is written as text.
TEST(IndicatorsCsv, WritesAKeyASpreadsheetWouldRunAsAFormulaAsQuotedText) {
    domain::IndicatorLine line;
    line.result.key = "=HYPERLINK(\"http://evil.example\",\"Click\")";
    line.result.period = {9.0, 10.0, 90.0, false};
    const auto csv = render_indicators_csv(report_of(line));
    EXPECT_NE(csv.find("\n\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"Click\"\")\",period,,"
                       "2015-04-01,2015-06-30,9,10,90.0000,,,false,data\n"),
              std::string::npos)
        << csv;
}

// Figures are printed at their precision, whatever noise a sum of doubles left past it.
TEST(IndicatorsJson, PrintsFteSumsAtTheirPrecision) {
    domain::IndicatorLine line;
    line.result.key = "agency_sw_rate";
    line.result.kind = domain::IndicatorKind::Snapshot;
    line.result.as_of = d("2015-06-30");
    line.result.period = {19.000000000000004, 67.89999999999999, 27.98, false};
    const auto json = render_indicators_json(report_of(line));
    EXPECT_NE(json.find("\"numerator\": 19,"), std::string::npos) << json;
    EXPECT_NE(json.find("\"denominator\": 67.9,"), std::string::npos) << json;
    const auto csv = render_indicators_csv(report_of(line));
    EXPECT_NE(csv.find(",19,67.90,"), std::string::npos) << csv;
}

}  // namespace
}  // namespace csip::reporting
