// Charts of an indicator as SVG, for the web pages and the reports alike: a monthly series as a
// line or as bars, the target as a dashed line and the year to date as a dotted one (each
// labelled in words, so that no meaning rests on colour), and months over a small denominator
// drawn hollow and named in the description. Every chart has role="img", a <title> and a <desc>
// that says what the chart shows in words; the pages also print the figures as a table. A
// sparkline is the same series, small, with its latest value written beside it and in its title.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/indicators/indicator_result.hpp"

namespace csip::reporting {

struct ChartPoint {
    std::string month;            // YYYY-MM
    std::optional<double> value;  // percent; none: no figure for the month
    bool small = false;           // a percentage over fewer than 10 cases
};

struct ChartSeries {
    std::string title;
    std::vector<ChartPoint> points;  // oldest first
    std::optional<double> target;
    std::optional<double> year_to_date;
    bool higher_is_better = true;
    // The period the figures cover, when known: a month it covers in part says so ("September
    // 2015 (to the 15th)").
    std::optional<domain::Date> from;
    std::optional<domain::Date> to;
};

// The council's published figures by year, drawn below the months as a panel of their own (the
// years rarely fall within the months shown): the council's figure as a solid line with square
// marks, England's as a dashed line and the statistical neighbours' median as a dotted one, each
// named in words at its end and in the legend.
struct PublishedChartYear {
    std::string label;  // the year as people say it: "2024-25"
    std::optional<double> council;
    std::optional<double> england;
    std::optional<double> neighbours;  // the statistical neighbours' median
};

struct PublishedChart {
    std::string council;  // the council's name, for the legend: "West Berkshire"
    std::vector<PublishedChartYear> years;  // oldest first; none: no panel
};

enum class ChartStyle { Line, Bars };

struct ChartSize {
    int width = 640;
    int height = 260;
};

// The monthly figures, target and year to date of an indicator's result (a month the period
// covers only in part says so).
[[nodiscard]] ChartSeries chart_series(const domain::IndicatorResult& result);

// `id` makes the ids of <title> and <desc> unique within a page (letters, digits, '-', '_').
// With `published` years, the chart is taller by the panel that draws them, and its <desc>
// says them too.
[[nodiscard]] std::string render_chart_svg(const ChartSeries& series, ChartStyle style,
                                           std::string_view id, ChartSize size = {},
                                           const PublishedChart& published = {});
[[nodiscard]] std::string render_sparkline_svg(const ChartSeries& series, std::string_view id,
                                               ChartSize size = {200, 40});

// What the chart shows, in words: the months' values, the target and the year to date, and
// which months are over a small denominator. The <desc> of both charts.
[[nodiscard]] std::string describe_series(const ChartSeries& series);
// The published years in words: "Published figures by year: 2023-24 West Berkshire 91.2%,
// England 82.1%, neighbours' median 84%; …". Empty when there are none.
[[nodiscard]] std::string describe_published(const PublishedChart& published);

}  // namespace csip::reporting
