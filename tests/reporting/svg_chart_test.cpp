// An indicator's chart as a person (or a screen reader) meets it: named and described in words,
// the target and year to date labelled, months over a small denominator drawn hollow and named,
// and nothing that would break the page it sits in.
#include <gtest/gtest.h>

#include "reporting/svg_chart.hpp"

namespace csip::reporting {
namespace {

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

ChartSeries sample() {
    ChartSeries series;
    series.title = "Assessments within 45 working days & on time";
    series.points = {{"2015-04", 71.4, false},
                     {"2015-05", std::nullopt, false},
                     {"2015-06", 88.0, true},
                     {"2016-01", 92.5, false}};
    series.target = 85.0;
    series.year_to_date = 80.4;
    return series;
}

TEST(SvgChart, IsAnImageWithATitleAndADescriptionInWords) {
    const auto svg = render_chart_svg(sample(), ChartStyle::Line, "chart-a");
    EXPECT_TRUE(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    EXPECT_TRUE(contains(svg, "role=\"img\""));
    EXPECT_TRUE(contains(svg, "aria-labelledby=\"chart-a-title chart-a-desc\""));
    EXPECT_TRUE(contains(svg, "<title id=\"chart-a-title\">Assessments within 45 working days &amp; on time</title>"));
    EXPECT_TRUE(contains(svg, "April 2015 71.4%; May 2015 no figure; June 2015 88%; January 2016 92.5%."));
    EXPECT_TRUE(contains(svg, "Target 85% or more."));
    EXPECT_TRUE(contains(svg, "Year to date 80.4%."));
    EXPECT_TRUE(svg.ends_with("</svg>"));
}

TEST(SvgChart, LabelsTheTargetAndYearToDateLinesInWords) {
    const auto svg = render_chart_svg(sample(), ChartStyle::Line, "c");
    EXPECT_TRUE(contains(svg, ">Target 85%</text>"));
    EXPECT_TRUE(contains(svg, ">Year to date 80.4%</text>"));
    EXPECT_TRUE(contains(svg, "stroke-dasharray=\"8 4\""));
    EXPECT_TRUE(contains(svg, "stroke-dasharray=\"2 3\""));
}

TEST(SvgChart, MarksSmallDenominatorsByShapeAndInTheDescription) {
    const auto svg = render_chart_svg(sample(), ChartStyle::Bars, "c");
    EXPECT_TRUE(contains(svg, ">88*</text>"));
    EXPECT_TRUE(contains(svg, "fill=\"#ffffff\""));
    EXPECT_TRUE(contains(svg, "hollow: fewer than 10 cases"));
    EXPECT_TRUE(contains(svg, "Fewer than 10 cases in June 2015: read those months with care."));
}

TEST(SvgChart, BreaksTheLineWhereAMonthHasNoFigure) {
    const auto svg = render_chart_svg(sample(), ChartStyle::Line, "c");
    const auto path = svg.substr(svg.find("<path d=\""), svg.find("\" fill=\"none\"") - svg.find("<path d=\""));
    EXPECT_EQ(std::count(path.begin(), path.end(), 'M'), 2) << path;
}

TEST(SvgChart, ShowsTheYearUnderTheFirstMonthAndUnderJanuary) {
    const auto svg = render_chart_svg(sample(), ChartStyle::Line, "c");
    EXPECT_TRUE(contains(svg, ">2015</text>"));
    EXPECT_TRUE(contains(svg, ">2016</text>"));
    EXPECT_TRUE(contains(svg, ">Apr</text>"));
}

TEST(SvgChart, ASparklineIsAnImageWithTheChartsDescription) {
    const auto svg = render_sparkline_svg(sample(), "spark-a");
    EXPECT_TRUE(contains(svg, "role=\"img\""));
    EXPECT_TRUE(contains(svg, "<title id=\"spark-a-title\">"));
    EXPECT_TRUE(contains(svg, "<desc id=\"spark-a-desc\">Assessments within 45 working days "
                              "&amp; on time, percentage by month: April 2015 71.4%;"));
    EXPECT_TRUE(contains(svg, "width=\"200\""));
}

// A sparkline on a dashboard tile is read at a glance and by a screen reader: the latest value is
// written beside the line and named in the title, not left to be guessed from its height.
TEST(SvgChart, ASparklineWritesItsLatestValueBesideTheLineAndInItsName) {
    const auto svg = render_sparkline_svg(sample(), "spark-a");
    EXPECT_TRUE(contains(svg, "class=\"csip-sparkline__latest\""));
    EXPECT_TRUE(contains(svg, ">92.5%</text>")) << svg;
    EXPECT_TRUE(contains(svg, "<title id=\"spark-a-title\">Assessments within 45 working days "
                              "&amp; on time, month by month: latest January 2016 92.5%</title>"))
        << svg;
    auto none = sample();
    for (auto& point : none.points) point.value.reset();
    EXPECT_TRUE(contains(render_sparkline_svg(none, "s"), "month by month: no figure yet</title>"));
}

// A period that ends on 15 September has half a September: read as a whole month, its figure
// looks like the month's.
TEST(SvgChart, AMonthThePeriodCoversInPartSaysSo) {
    ChartSeries series;
    series.title = "Visits";
    series.points = {{"2015-08", 97.7, false}, {"2015-09", 96.8, false}};
    series.from = domain::Date::parse_iso("2015-04-01");
    series.to = domain::Date::parse_iso("2015-09-15");
    const auto svg = render_chart_svg(series, ChartStyle::Line, "c");
    EXPECT_TRUE(contains(svg, "August 2015 97.7%; September 2015 (to the 15th) 96.8%.")) << svg;
    EXPECT_TRUE(contains(svg, ">to 15th</text>"));
    EXPECT_TRUE(contains(render_sparkline_svg(series, "s"),
                         "latest September 2015 (to the 15th) 96.8%"));
    series.to = domain::Date::parse_iso("2015-09-30");
    EXPECT_FALSE(contains(render_chart_svg(series, ChartStyle::Line, "c"), "to the"));
}

TEST(SvgChart, AnEmptySeriesSaysSo) {
    ChartSeries empty;
    empty.title = "Nothing";
    EXPECT_EQ(describe_series(empty), "Nothing, percentage by month: no months to show.");
    EXPECT_TRUE(contains(render_chart_svg(empty, ChartStyle::Line, "e"), "</svg>"));
}

TEST(SvgChart, ASeriesFromAnIndicatorResultTakesItsMonthsTargetAndYearToDate) {
    domain::IndicatorResult result;
    result.title = "CP reviews on time";
    result.higher_is_better = true;
    result.months = {{"2015-04", {9, 10, 90.0, false}}, {"2015-05", {3, 4, 75.0, true}}};
    result.target = domain::Target{95.0, 5.0};
    result.year_to_date = domain::Figure{12, 14, 85.7, false};
    const auto series = chart_series(result);
    ASSERT_EQ(series.points.size(), 2u);
    EXPECT_EQ(series.points[1].month, "2015-05");
    EXPECT_TRUE(series.points[1].small);
    EXPECT_EQ(series.target, 95.0);
    EXPECT_EQ(series.year_to_date, 85.7);
    EXPECT_EQ(series.from, result.from);
    EXPECT_EQ(series.to, result.to);
}

// The published years: a panel below the months, taller than the chart without them, each line
// named in words at its end and in the legend, and every year said in the description.
TEST(SvgChart, DrawsThePublishedYearsBelowTheMonthsAndSaysThem) {
    PublishedChart published;
    published.council = "West Berkshire";
    published.years = {{"2022-23", 97.2, 82.5, 88.1},
                       {"2023-24", 97.4, 84.5, std::nullopt},
                       {"2024-25", 93.4, 85.7, 86.5}};
    const auto plain = render_chart_svg(sample(), ChartStyle::Line, "c");
    const auto svg = render_chart_svg(sample(), ChartStyle::Line, "c", {}, published);
    EXPECT_TRUE(contains(plain, "height=\"260\""));
    EXPECT_FALSE(contains(plain, "Published figures by year"));
    EXPECT_TRUE(contains(svg, "height=\"470\""));
    EXPECT_TRUE(contains(svg, ">Published figures by year</text>"));
    EXPECT_TRUE(contains(svg, ">West Berkshire 93.4%</text>"));
    EXPECT_TRUE(contains(svg, ">England 85.7%</text>"));
    EXPECT_TRUE(contains(svg, ">Neighbours 86.5%</text>"));
    EXPECT_TRUE(contains(svg, ">Neighbours&apos; median</text>"));
    EXPECT_TRUE(contains(svg, ">2024-25</text>"));
    EXPECT_EQ(describe_published(published),
              "Published figures by year: 2022-23 West Berkshire 97.2%, England 82.5%, "
              "neighbours' median 88.1%; 2023-24 West Berkshire 97.4%, England 84.5%; 2024-25 "
              "West Berkshire 93.4%, England 85.7%, neighbours' median 86.5%.");
    EXPECT_TRUE(contains(svg, "with care. Published figures by year: 2022-23"));
    EXPECT_EQ(describe_published({}), "");
    // No axis past 100% for percentages that stay under it.
    EXPECT_FALSE(contains(svg, ">110%</text>"));
}

}  // namespace
}  // namespace csip::reporting
