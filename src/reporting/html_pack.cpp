#include "reporting/html_pack.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace csip::reporting {
namespace {

std::string escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out += c;
        }
    }
    return out;
}

constexpr std::string_view kStyle = R"css(
body { font-family: Arial, Helvetica, sans-serif; font-size: 11pt; line-height: 1.4; color: #0b0c0c;
       max-width: 60rem; margin: 1rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; color: #1f3864; border-bottom: 2px solid #1f3864; margin-top: 2rem; }
h2 { font-size: 1.25rem; color: #1f3864; margin-top: 1.5rem; }
h3 { font-size: 1.05rem; color: #1f3864; }
p.numbered { padding-left: 3rem; text-indent: -3rem; }
p.numbered .number { display: inline-block; width: 3rem; text-indent: 0; font-weight: bold; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; font-size: 0.9rem; }
caption { text-align: left; font-weight: bold; padding: 0.25rem 0; }
th, td { border: 1px solid #808080; padding: 0.25rem 0.4rem; vertical-align: top; text-align: left; }
thead th { background: #1f3864; color: #fff; }
table.details th { background: #f3f2f1; width: 35%; }
td.rag-red { background: #ffc7ce; color: #9c0006; font-weight: bold; }
td.rag-amber { background: #ffeb9c; color: #7a4500; font-weight: bold; }
td.rag-green { background: #c6efce; color: #006100; font-weight: bold; }
td.complete { background: #ddebf7; color: #1f3864; font-weight: bold; }
figure { margin: 0.5rem 0 1rem; }
figcaption { font-size: 0.9rem; }
.landscape { }
@media print {
  @page { size: A4; margin: 2cm; }
  @page landscape { size: A4 landscape; }
  body { max-width: none; margin: 0; padding: 0; font-size: 10pt; }
  h1 { break-before: page; }
  h1:first-of-type { break-before: auto; }
  h1, h2, h3, caption { break-after: avoid; }
  thead { display: table-header-group; }
  tr, figure { break-inside: avoid; }
  .landscape { page: landscape; }
}
)css";

std::string cell_class(const Cell& cell) {
    if (cell.complete) return " class=\"complete\"";
    if (!cell.rag) return "";
    switch (*cell.rag) {
        case domain::Rag::Red: return " class=\"rag-red\"";
        case domain::Rag::Amber: return " class=\"rag-amber\"";
        case domain::Rag::Green: return " class=\"rag-green\"";
    }
    return "";
}

// A line chart of an indicator's monthly percentages against its target.
std::string chart(const IndicatorRow& row, int index) {
    std::vector<std::pair<std::string, double>> points;
    for (const auto& month : row.months) {
        if (month.figure.percent) points.emplace_back(month_name(month.month), *month.figure.percent);
    }
    if (points.size() < 2) return {};
    constexpr double kWidth = 560;
    constexpr double kHeight = 200;
    constexpr double kLeft = 40;
    constexpr double kBottom = 30;
    const double step = (kWidth - kLeft - 20) / static_cast<double>(points.size() - 1);
    auto y_of = [&](double percent) { return 10 + (kHeight - kBottom - 10) * (1 - percent / 100.0); };
    std::string description = fmt::format("{} by month:", row.title);
    for (const auto& [label, value] : points) {
        description += fmt::format(" {} {};", label, percent_text(value));
    }
    if (row.target) description += fmt::format(" target {}.", percent_text(*row.target));
    std::string svg = fmt::format(
        "<figure><svg role=\"img\" aria-labelledby=\"chart{0}-title chart{0}-desc\" "
        "viewBox=\"0 0 {1} {2}\" width=\"{1}\" height=\"{2}\" "
        "xmlns=\"http://www.w3.org/2000/svg\"><title id=\"chart{0}-title\">{3}</title>"
        "<desc id=\"chart{0}-desc\">{4}</desc>",
        index, kWidth, kHeight, escape(row.title), escape(description));
    for (int grid = 0; grid <= 100; grid += 25) {
        svg += fmt::format(
            "<line x1=\"{0}\" x2=\"{1}\" y1=\"{2:.1f}\" y2=\"{2:.1f}\" stroke=\"#ddd\"/>"
            "<text x=\"{3}\" y=\"{4:.1f}\" font-size=\"10\" text-anchor=\"end\">{5}%</text>",
            kLeft, kWidth - 10, y_of(grid), kLeft - 4, y_of(grid) + 3, grid);
    }
    if (row.target) {
        svg += fmt::format(
            "<line x1=\"{0}\" x2=\"{1}\" y1=\"{2:.1f}\" y2=\"{2:.1f}\" stroke=\"#1f3864\" "
            "stroke-dasharray=\"6 4\"/><text x=\"{1}\" y=\"{3:.1f}\" font-size=\"10\" "
            "text-anchor=\"end\">target {4}</text>",
            kLeft, kWidth - 10, y_of(*row.target), y_of(*row.target) - 3,
            percent_text(*row.target));
    }
    std::string path;
    for (std::size_t i = 0; i < points.size(); ++i) {
        const double x = kLeft + step * static_cast<double>(i);
        const double y = y_of(points[i].second);
        path += fmt::format("{}{:.1f},{:.1f}", i == 0 ? "M" : " L", x, y);
        svg += fmt::format("<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"3\" fill=\"#1d70b8\"/>", x, y);
        svg += fmt::format(
            "<text x=\"{:.1f}\" y=\"{:.1f}\" font-size=\"10\" text-anchor=\"middle\">{}</text>", x,
            kHeight - 12, escape(points[i].first.substr(0, 3)));
    }
    svg += fmt::format("<path d=\"{}\" fill=\"none\" stroke=\"#1d70b8\" stroke-width=\"2\"/>", path);
    svg += fmt::format("</svg><figcaption>{}</figcaption></figure>\n", escape(row.sentence));
    return svg;
}

}  // namespace

std::string render_html_pack(const ReportModel& model) {
    std::string out = fmt::format(
        "<!doctype html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<title>{} - {}, {}</title>\n<style>{}</style>\n</head>\n<body>\n<main>\n",
        escape(model.title), escape(model.body_name), escape(long_date(model.meeting)), kStyle);
    bool in_landscape = false;
    bool charts_done = false;
    int chart_index = 0;
    for (const auto& block : model.blocks) {
        switch (block.kind) {
            case Block::Kind::Heading:
                out += fmt::format("<h{0}>{1}</h{0}>\n", block.level, escape(block.text));
                break;
            case Block::Kind::Paragraph:
                if (block.number.empty()) {
                    out += fmt::format("<p>{}</p>\n", escape(block.text));
                } else {
                    out += fmt::format(
                        "<p class=\"numbered\"><span class=\"number\">{}</span>{}</p>\n",
                        escape(block.number), escape(block.text));
                }
                break;
            case Block::Kind::Bullets:
                out += "<ul>\n";
                for (const auto& item : block.items) out += fmt::format("<li>{}</li>\n", escape(item));
                out += "</ul>\n";
                break;
            case Block::Kind::Details:
                out += "<table class=\"details\">\n<tbody>\n";
                for (const auto& row : block.rows) {
                    out += fmt::format("<tr><th scope=\"row\">{}</th><td>{}</td></tr>\n",
                                       escape(row[0].text), escape(row[1].text));
                }
                out += "</tbody>\n</table>\n";
                break;
            case Block::Kind::Table: {
                out += fmt::format("<table>\n<caption>{}</caption>\n<thead><tr>", escape(block.text));
                for (const auto& heading : block.header) {
                    out += fmt::format("<th scope=\"col\">{}</th>", escape(heading));
                }
                out += "</tr></thead>\n<tbody>\n";
                for (const auto& row : block.rows) {
                    out += "<tr>";
                    for (const auto& cell : row) {
                        out += fmt::format("<td{}>{}</td>", cell_class(cell), escape(cell.text));
                    }
                    out += "</tr>\n";
                }
                out += "</tbody>\n</table>\n";
                // The indicator charts follow the indicator table they illustrate.
                if (block.text == "Performance indicators against target" && !charts_done) {
                    charts_done = true;
                    for (const auto& row : model.indicators) out += chart(row, ++chart_index);
                }
                break;
            }
            case Block::Kind::PageBreak:
                if (in_landscape) out += "</section>\n";
                in_landscape = block.landscape;
                if (in_landscape) out += "<section class=\"landscape\">\n";
                break;
        }
    }
    if (in_landscape) out += "</section>\n";
    out += "</main>\n</body>\n</html>\n";
    return out;
}

}  // namespace csip::reporting
