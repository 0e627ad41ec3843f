#include "reporting/svg_chart.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

#include "domain/indicators/indicator_wording.hpp"

namespace csip::reporting {
namespace {

// GOV.UK Design System colours: the series in blue, lines and text in black or dark grey. The
// meaning of each mark is also given by its shape, its dash pattern and its label.
constexpr const char* kSeriesColour = "#1d70b8";
constexpr const char* kTextColour = "#0b0c0c";
constexpr const char* kSecondaryColour = "#505a5f";
constexpr const char* kGridColour = "#b1b4b6";

constexpr std::array<const char*, 12> kMonthNames{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
constexpr std::array<const char*, 12> kLongMonthNames{
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};

std::string escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&apos;"; break;
            default: out += c;
        }
    }
    return out;
}

std::string number(double value) {
    std::array<char, 32> text{};
    std::snprintf(text.data(), text.size(), "%.1f", value);
    std::string out(text.data());
    if (out.size() > 2 && out.ends_with(".0")) out.resize(out.size() - 2);
    return out;
}

std::string percent(double value) { return number(value) + "%"; }

// Month index 0-11 and year of "YYYY-MM"; nothing if it is not one.
std::optional<std::pair<int, int>> month_of(const std::string& key) {
    if (key.size() != 7 || key[4] != '-') return std::nullopt;
    try {
        const int year = std::stoi(key.substr(0, 4));
        const int month = std::stoi(key.substr(5, 2));
        if (month < 1 || month > 12) return std::nullopt;
        return std::pair{month - 1, year};
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

std::string short_month(const std::string& key) {
    const auto month = month_of(key);
    return month ? kMonthNames[static_cast<std::size_t>(month->first)] : key;
}

std::string long_month(const std::string& key) {
    const auto month = month_of(key);
    if (!month) return key;
    return std::string(kLongMonthNames[static_cast<std::size_t>(month->first)]) + " " +
           std::to_string(month->second);
}

// How much of the point's month the figures cover, when not all of it: "to the 15th".
std::string part_of(const ChartSeries& series, const ChartPoint& point) {
    if (!series.from || !series.to) return {};
    return domain::month_part(point.month, *series.from, *series.to);
}

// "September 2015", or "September 2015 (to the 15th)" for part of a month.
std::string point_month(const ChartSeries& series, const ChartPoint& point) {
    const std::string part = part_of(series, point);
    return long_month(point.month) + (part.empty() ? "" : " (" + part + ")");
}

bool any_small(const ChartSeries& series) {
    return std::any_of(series.points.begin(), series.points.end(),
                       [](const ChartPoint& point) { return point.small && point.value; });
}

std::string svg_open(std::string_view id, const ChartSize& size, const ChartSeries& series,
                     const std::string& extra_class, const std::string& title,
                     const PublishedChart& published = {}) {
    const std::string ident(id);
    std::string out = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"" + extra_class +
                      "\" role=\"img\" width=\"" + std::to_string(size.width) + "\" height=\"" +
                      std::to_string(size.height) + "\" viewBox=\"0 0 " +
                      std::to_string(size.width) + " " + std::to_string(size.height) +
                      "\" aria-labelledby=\"" + ident + "-title " + ident + "-desc\">";
    out += "<title id=\"" + ident + "-title\">" + escape(title) + "</title>";
    std::string desc = describe_series(series);
    if (const std::string years = describe_published(published); !years.empty()) {
        desc += " " + years;
    }
    out += "<desc id=\"" + ident + "-desc\">" + escape(desc) + "</desc>";
    return out;
}

// The scale from a percentage to a y coordinate: 0 to 100, or wider when a value is outside.
struct Scale {
    double low = 0.0;
    double high = 100.0;
    double top = 0.0;
    double bottom = 0.0;
    [[nodiscard]] double y(double value) const {
        return bottom - (value - low) / (high - low) * (bottom - top);
    }
};

Scale scale_for(const ChartSeries& series, double top, double bottom) {
    Scale scale{0.0, 100.0, top, bottom};
    for (const auto& point : series.points) {
        if (point.value) {
            scale.low = std::min(scale.low, std::floor(*point.value / 10.0) * 10.0);
            scale.high = std::max(scale.high, std::ceil(*point.value / 10.0) * 10.0);
        }
    }
    return scale;
}

// A sparkline shows the shape of the months: its scale spans their values and the target (at
// least 20 points, so that a point or two of noise stays flat), not the whole 0 to 100.
Scale sparkline_scale(const ChartSeries& series, double top, double bottom) {
    std::optional<double> low;
    std::optional<double> high;
    auto take = [&](double value) {
        low = std::min(low.value_or(value), value);
        high = std::max(high.value_or(value), value);
    };
    for (const auto& point : series.points) {
        if (point.value) take(*point.value);
    }
    if (series.target) take(*series.target);
    if (!low || !high) return scale_for(series, top, bottom);
    const double middle = (*low + *high) / 2.0;
    const double half = std::max((*high - *low) / 2.0 + 2.0, 10.0);
    return Scale{middle - half, middle + half, top, bottom};
}

// The height of the panel of published years, below the months.
constexpr double kPublishedPanelHeight = 210.0;

// The panel of published years, its top at `top`: a line per series over the years, each
// named at its end (labels moved apart where they would overlap) and in a legend under the
// years. The scale spans the values, in steps of 10 points, so that a few points show. The
// labels at the right have more room than the months' have, since a council's name is longer
// than "Target".
std::string published_panel(const PublishedChart& published, double width, double top) {
    const double left = 44.0, right = width - 170.0;
    const double plot_top = top + 30.0, plot_bottom = top + kPublishedPanelHeight - 64.0;
    const std::size_t count = published.years.size();
    const double step = count > 0 ? (right - left) / static_cast<double>(count) : 0.0;
    auto x_of = [&](std::size_t index) { return left + step * (static_cast<double>(index) + 0.5); };

    std::optional<double> low;
    std::optional<double> high;
    for (const auto& year : published.years) {
        for (const auto& value : {year.council, year.england, year.neighbours}) {
            if (!value) continue;
            low = std::min(low.value_or(*value), *value);
            high = std::max(high.value_or(*value), *value);
        }
    }
    Scale scale{0.0, 100.0, plot_top, plot_bottom};
    if (low && high) {
        // A percentage axis stops at 100% unless a value is above it.
        const double most = *high <= 100.0 ? 100.0 : std::ceil(*high / 10.0) * 10.0;
        scale.low = std::max(0.0, std::floor((*low - 1.0) / 10.0) * 10.0);
        scale.high = std::min(most, std::ceil((*high + 1.0) / 10.0) * 10.0);
        if (scale.high - scale.low < 20.0) scale.low = std::max(0.0, scale.high - 20.0);
    }
    const double grid = scale.high - scale.low > 60.0 ? 20.0 : 10.0;

    std::string out = "<text x=\"" + number(left) + "\" y=\"" + number(top + 16) +
                      "\" font-weight=\"700\">Published figures by year</text>";
    for (double value = scale.low; value <= scale.high + 1e-9; value += grid) {
        const std::string y = number(scale.y(value));
        out += "<line x1=\"" + number(left) + "\" y1=\"" + y + "\" x2=\"" + number(right) +
               "\" y2=\"" + y + "\" stroke=\"" + kGridColour + "\" stroke-width=\"1\"/>";
        out += "<text x=\"" + number(left - 6) + "\" y=\"" + number(scale.y(value) + 4) +
               "\" text-anchor=\"end\">" + percent(value) + "</text>";
    }
    // The years along the bottom; every other one when they would crowd each other.
    const std::size_t every = step < 48.0 ? 2 : 1;
    for (std::size_t i = 0; i < count; ++i) {
        if ((count - 1 - i) % every != 0) continue;
        out += "<text x=\"" + number(x_of(i)) + "\" y=\"" + number(plot_bottom + 16) +
               "\" text-anchor=\"middle\">" + escape(published.years[i].label) + "</text>";
    }

    struct Line {
        std::optional<double> PublishedChartYear::*field;
        std::string name;
        const char* colour;
        const char* dash;  // empty: solid
        double stroke;
    };
    std::string council = published.council.empty() ? "The council" : published.council;
    // A long name is cut at a word, so that its label stays within the chart.
    if (council.size() > 18) {
        const auto space = council.rfind(' ', 17);
        council = council.substr(0, space == std::string::npos || space == 0 ? 17 : space) + "…";
    }
    const Line lines[] = {
        {&PublishedChartYear::england, "England", kTextColour, "8 4", 2.0},
        {&PublishedChartYear::neighbours, "Neighbours", kSecondaryColour, "2 3", 2.5},
        {&PublishedChartYear::council, council, kSeriesColour, "", 3.0},
    };
    // Where each line's label goes: at its last value, then moved apart.
    struct Label {
        double y;
        std::string text;
    };
    std::vector<Label> labels;
    for (const auto& line : lines) {
        std::string path;
        bool drawing = false;
        std::optional<double> last;
        for (std::size_t i = 0; i < count; ++i) {
            const auto& value = published.years[i].*line.field;
            if (!value) {
                drawing = false;
                continue;
            }
            path += (drawing ? " L " : " M ") + number(x_of(i)) + " " + number(scale.y(*value));
            drawing = true;
            last = value;
        }
        if (path.empty()) continue;
        out += "<path d=\"" + path.substr(1) + "\" fill=\"none\" stroke=\"" + line.colour +
               "\" stroke-width=\"" + number(line.stroke) + "\"" +
               (*line.dash != '\0' ? " stroke-dasharray=\"" + std::string(line.dash) + "\"" : "") +
               "/>";
        labels.push_back({scale.y(*last) + 4.0, line.name + " " + percent(*last)});
    }
    // The council's own years are marked with squares, so that its line is told apart by shape.
    for (std::size_t i = 0; i < count; ++i) {
        const auto& value = published.years[i].council;
        if (!value) continue;
        out += "<rect x=\"" + number(x_of(i) - 4) + "\" y=\"" + number(scale.y(*value) - 4) +
               "\" width=\"8\" height=\"8\" fill=\"" + kSeriesColour + "\"/>";
    }
    std::sort(labels.begin(), labels.end(),
              [](const Label& a, const Label& b) { return a.y < b.y; });
    for (std::size_t i = 1; i < labels.size(); ++i) {
        labels[i].y = std::max(labels[i].y, labels[i - 1].y + 14.0);
    }
    for (const auto& label : labels) {
        out += "<text x=\"" + number(right + 6) + "\" y=\"" + number(label.y) + "\">" +
               escape(label.text) + "</text>";
    }

    // The legend, in words, with each line's pattern.
    double x = left;
    const double y = top + kPublishedPanelHeight - 20.0;
    for (const auto* line : {&lines[2], &lines[0], &lines[1]}) {
        const std::string name = line == &lines[1] ? "Neighbours' median" : line->name;
        out +=
            "<line x1=\"" + number(x) + "\" y1=\"" + number(y - 4) + "\" x2=\"" + number(x + 24) +
            "\" y2=\"" + number(y - 4) + "\" stroke=\"" + line->colour + "\" stroke-width=\"" +
            number(line->stroke) + "\"" +
            (*line->dash != '\0' ? " stroke-dasharray=\"" + std::string(line->dash) + "\"" : "") +
            "/>";
        out += "<text x=\"" + number(x + 30) + "\" y=\"" + number(y) + "\">" + escape(name) +
               "</text>";
        x += 30.0 + 7.0 * static_cast<double>(name.size()) + 24.0;
    }
    return out;
}

}  // namespace

ChartSeries chart_series(const domain::IndicatorResult& result) {
    ChartSeries series;
    series.title = result.title;
    series.higher_is_better = result.higher_is_better;
    for (const auto& month : result.months) {
        series.points.push_back({month.month, month.figure.percent, month.figure.small_denominator});
    }
    if (result.target) series.target = result.target->value;
    if (result.year_to_date) series.year_to_date = result.year_to_date->percent;
    series.from = result.from;
    series.to = result.to;
    return series;
}

std::string describe_series(const ChartSeries& series) {
    std::string out = series.title + ", percentage by month";
    if (series.points.empty()) return out + ": no months to show.";
    out += ": ";
    std::vector<std::string> small;
    bool first = true;
    for (const auto& point : series.points) {
        if (!first) out += "; ";
        first = false;
        out += point_month(series, point) + " " +
               (point.value ? percent(*point.value) : "no figure");
        if (point.small && point.value) small.push_back(point_month(series, point));
    }
    out += ".";
    if (series.target) {
        out += " Target " + percent(*series.target) +
               (series.higher_is_better ? " or more." : " or less.");
    }
    if (series.year_to_date) out += " Year to date " + percent(*series.year_to_date) + ".";
    if (!small.empty()) {
        out += " Fewer than 10 cases in ";
        for (std::size_t i = 0; i < small.size(); ++i) {
            if (i > 0) out += i + 1 == small.size() ? " and " : ", ";
            out += small[i];
        }
        out += ": read those months with care.";
    }
    return out;
}

std::string describe_published(const PublishedChart& published) {
    if (published.years.empty()) return {};
    const std::string council = published.council.empty() ? "the council" : published.council;
    std::string out = "Published figures by year: ";
    bool first = true;
    for (const auto& year : published.years) {
        if (!first) out += "; ";
        first = false;
        out += year.label + " " + council + " " +
               (year.council ? percent(*year.council) : "no figure");
        if (year.england) out += ", England " + percent(*year.england);
        if (year.neighbours) out += ", neighbours' median " + percent(*year.neighbours);
    }
    return out + ".";
}

std::string render_chart_svg(const ChartSeries& series, ChartStyle style, std::string_view id,
                             ChartSize size, const PublishedChart& published) {
    const double left = 44.0, right = static_cast<double>(size.width) - 130.0;
    const double top = 14.0, bottom = static_cast<double>(size.height) - 44.0;
    const Scale scale = scale_for(series, top, bottom);
    const std::size_t count = series.points.size();
    const double step = count > 0 ? (right - left) / static_cast<double>(count) : 0.0;
    auto x_of = [&](std::size_t index) { return left + step * (static_cast<double>(index) + 0.5); };

    ChartSize whole = size;
    if (!published.years.empty()) {
        whole.height += static_cast<int>(kPublishedPanelHeight);
    }
    std::string out = svg_open(id, whole, series, "csip-chart__svg", series.title, published);
    out += "<g font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif\" "
           "font-size=\"12\" fill=\"" + std::string(kTextColour) + "\">";

    // Grid and the y axis's labels every 25 points.
    for (double value = scale.low; value <= scale.high + 1e-9; value += 25.0) {
        const std::string y = number(scale.y(value));
        out += "<line x1=\"" + number(left) + "\" y1=\"" + y + "\" x2=\"" + number(right) +
               "\" y2=\"" + y + "\" stroke=\"" + kGridColour + "\" stroke-width=\"1\"/>";
        out += "<text x=\"" + number(left - 6) + "\" y=\"" + number(scale.y(value) + 4) +
               "\" text-anchor=\"end\">" + percent(value) + "</text>";
    }

    // The months along the bottom, with the year under each January and under the first month.
    for (std::size_t i = 0; i < count; ++i) {
        const auto& point = series.points[i];
        out += "<text x=\"" + number(x_of(i)) + "\" y=\"" + number(bottom + 16) +
               "\" text-anchor=\"middle\">" + short_month(point.month) + "</text>";
        const auto month = month_of(point.month);
        if (month && (i == 0 || month->first == 0)) {
            out += "<text x=\"" + number(x_of(i)) + "\" y=\"" + number(bottom + 31) +
                   "\" text-anchor=\"middle\" fill=\"" + kSecondaryColour + "\">" +
                   std::to_string(month->second) + "</text>";
        } else if (std::string part = part_of(series, point); !part.empty()) {
            // Part of a month, where the year's line is free: "to 15th".
            if (const auto the = part.find("the "); the != std::string::npos) part.erase(the, 4);
            out += "<text x=\"" + number(x_of(i)) + "\" y=\"" + number(bottom + 31) +
                   "\" text-anchor=\"middle\" fill=\"" + kSecondaryColour + "\">" + escape(part) +
                   "</text>";
        }
    }

    if (style == ChartStyle::Bars) {
        const double width = std::max(step * 0.6, 2.0);
        for (std::size_t i = 0; i < count; ++i) {
            const auto& point = series.points[i];
            if (!point.value) continue;
            const double y = scale.y(*point.value);
            const double base = scale.y(std::max(scale.low, 0.0));
            out += "<rect x=\"" + number(x_of(i) - width / 2) + "\" y=\"" + number(std::min(y, base)) +
                   "\" width=\"" + number(width) + "\" height=\"" + number(std::abs(base - y)) +
                   "\" fill=\"" + (point.small ? "#ffffff" : kSeriesColour) + "\" stroke=\"" +
                   kSeriesColour + "\" stroke-width=\"2\"/>";
        }
    } else {
        // The line is broken where a month has no figure.
        std::string path;
        bool drawing = false;
        for (std::size_t i = 0; i < count; ++i) {
            const auto& point = series.points[i];
            if (!point.value) {
                drawing = false;
                continue;
            }
            path += (drawing ? " L " : " M ") + number(x_of(i)) + " " + number(scale.y(*point.value));
            drawing = true;
        }
        if (!path.empty()) {
            out += "<path d=\"" + path.substr(1) + "\" fill=\"none\" stroke=\"" + kSeriesColour +
                   "\" stroke-width=\"3\"/>";
        }
        for (std::size_t i = 0; i < count; ++i) {
            const auto& point = series.points[i];
            if (!point.value) continue;
            out += "<circle cx=\"" + number(x_of(i)) + "\" cy=\"" + number(scale.y(*point.value)) +
                   "\" r=\"5\" fill=\"" + (point.small ? "#ffffff" : kSeriesColour) +
                   "\" stroke=\"" + kSeriesColour + "\" stroke-width=\"2\"/>";
        }
    }

    // Each month's value above its mark, and a star after a small denominator's.
    for (std::size_t i = 0; i < count; ++i) {
        const auto& point = series.points[i];
        if (!point.value) continue;
        out += "<text x=\"" + number(x_of(i)) + "\" y=\"" + number(scale.y(*point.value) - 9) +
               "\" text-anchor=\"middle\" font-size=\"11\" stroke=\"#ffffff\" stroke-width=\"3\" "
               "paint-order=\"stroke\">" + number(*point.value) +
               (point.small ? "*" : "") + "</text>";
    }

    auto level = [&](double value, const char* dash, const std::string& label, double shift) {
        const std::string y = number(scale.y(value));
        out += "<line x1=\"" + number(left) + "\" y1=\"" + y + "\" x2=\"" + number(right) +
               "\" y2=\"" + y + "\" stroke=\"" + kTextColour + "\" stroke-width=\"2\" "
               "stroke-dasharray=\"" + dash + "\"/>";
        out += "<text x=\"" + number(right + 6) + "\" y=\"" + number(scale.y(value) + 4 + shift) + "\">" +
               escape(label) + "</text>";
    };
    if (series.target) level(*series.target, "8 4", "Target " + percent(*series.target), 0.0);
    if (series.year_to_date) {
        // Labels of two lines close together would overlap: the lower one moves down a line.
        double shift = 0.0;
        if (series.target && std::abs(scale.y(*series.year_to_date) - scale.y(*series.target)) < 14.0) {
            shift = *series.year_to_date <= *series.target ? 14.0 : -14.0;
        }
        level(*series.year_to_date, "2 3", "Year to date " + percent(*series.year_to_date), shift);
    }

    if (any_small(series)) {
        out += "<text x=\"" + number(left) + "\" y=\"" + number(static_cast<double>(size.height) - 4) +
               "\" fill=\"" + kSecondaryColour + "\">* hollow: fewer than 10 cases</text>";
    }
    if (!published.years.empty()) {
        out += published_panel(published, static_cast<double>(size.width),
                               static_cast<double>(size.height));
    }
    out += "</g></svg>";
    return out;
}

std::string render_sparkline_svg(const ChartSeries& series, std::string_view id, ChartSize size) {
    // The latest value is written at the right, outside the line's width.
    constexpr double kLabelWidth = 54.0;
    const double left = 3.0, right = static_cast<double>(size.width) - kLabelWidth - 3.0;
    const Scale scale = sparkline_scale(series, 4.0, static_cast<double>(size.height) - 4.0);
    const std::size_t count = series.points.size();
    const double step = count > 1 ? (right - left) / static_cast<double>(count - 1) : 0.0;
    auto x_of = [&](std::size_t index) { return left + step * static_cast<double>(index); };

    const ChartPoint* latest = nullptr;
    std::size_t latest_index = 0;
    for (std::size_t i = 0; i < count; ++i) {
        if (series.points[i].value) {
            latest = &series.points[i];
            latest_index = i;
        }
    }
    const std::string title =
        series.title + ", month by month: " +
        (latest ? "latest " + point_month(series, *latest) + " " + percent(*latest->value)
                : std::string("no figure yet"));
    std::string out = svg_open(id, size, series, "csip-sparkline", title);
    if (series.target) {
        const std::string y = number(scale.y(*series.target));
        out += "<line x1=\"" + number(left) + "\" y1=\"" + y + "\" x2=\"" + number(right) +
               "\" y2=\"" + y + "\" stroke=\"" + kTextColour + "\" stroke-width=\"1\" "
               "stroke-dasharray=\"4 2\"/>";
    }
    std::string path;
    bool drawing = false;
    for (std::size_t i = 0; i < count; ++i) {
        const auto& point = series.points[i];
        if (!point.value) {
            drawing = false;
            continue;
        }
        path += (drawing ? " L " : " M ") + number(x_of(i)) + " " + number(scale.y(*point.value));
        drawing = true;
    }
    if (!path.empty()) {
        out += "<path d=\"" + path.substr(1) + "\" fill=\"none\" stroke=\"" + kSeriesColour +
               "\" stroke-width=\"2\"/>";
    }
    for (std::size_t i = 0; i < count; ++i) {
        const auto& point = series.points[i];
        if (!point.value || (!point.small && &point != latest)) continue;
        out += "<circle cx=\"" + number(x_of(i)) + "\" cy=\"" + number(scale.y(*point.value)) +
               "\" r=\"2.5\" fill=\"" + (point.small ? "#ffffff" : kSeriesColour) + "\" stroke=\"" +
               kSeriesColour + "\" stroke-width=\"1.5\"/>";
    }
    if (latest) {
        const double y = std::clamp(scale.y(*latest->value) + 4.5, 13.0,
                                    static_cast<double>(size.height) - 3.0);
        out += "<text class=\"csip-sparkline__latest\" x=\"" + number(x_of(latest_index) + 6) +
               "\" y=\"" + number(y) + "\" font-family=\"system-ui, -apple-system, 'Segoe UI', "
               "Roboto, Arial, sans-serif\" font-size=\"13\" font-weight=\"700\" fill=\"" +
               kTextColour + "\">" + percent(*latest->value) + "</text>";
    }
    out += "</svg>";
    return out;
}

}  // namespace csip::reporting
