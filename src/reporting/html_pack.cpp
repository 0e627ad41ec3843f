#include "reporting/html_pack.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "domain/text.hpp"
#include "reporting/svg_chart.hpp"

namespace csip::reporting {
namespace {

std::string escape(std::string_view raw) {
    const std::string text = domain::displayable(raw);
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            default:
                out += c;
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
figure svg { max-width: 100%; height: auto; }
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
        case domain::Rag::Red:
            return " class=\"rag-red\"";
        case domain::Rag::Amber:
            return " class=\"rag-amber\"";
        case domain::Rag::Green:
            return " class=\"rag-green\"";
    }
    return "";
}

}  // namespace

std::string render_html_pack(const ReportModel& model) {
    std::string out = fmt::format(
        "<!doctype html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<title>{} - {}, {}</title>\n<style>{}</style>\n</head>\n<body>\n<main>\n",
        escape(model.title), escape(model.body_name), escape(long_date(model.meeting)), kStyle);
    bool in_landscape = false;
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
                for (const auto& item : block.items)
                    out += fmt::format("<li>{}</li>\n", escape(item));
                out += "</ul>\n";
                break;
            case Block::Kind::Details:
                out += "<table class=\"details\">\n";
                if (!block.text.empty())
                    out += fmt::format("<caption>{}</caption>\n", escape(block.text));
                out += "<tbody>\n";
                for (const auto& row : block.rows) {
                    out += fmt::format("<tr><th scope=\"row\">{}</th><td>{}</td></tr>\n",
                                       escape(row[0].text), escape(row[1].text));
                }
                out += "</tbody>\n</table>\n";
                break;
            case Block::Kind::Table: {
                out +=
                    fmt::format("<table>\n<caption>{}</caption>\n<thead><tr>", escape(block.text));
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
                break;
            }
            case Block::Kind::Chart: {
                if (block.indicator < 0 ||
                    static_cast<std::size_t>(block.indicator) >= model.indicators.size()) {
                    break;
                }
                // Drawn by reporting/svg_chart, the charts of the web pages too; the sentence
                // before it and the tables say the same in words.
                const auto series =
                    indicator_chart(model.indicators[static_cast<std::size_t>(block.indicator)]);
                out += fmt::format("<figure>{}<figcaption>{}</figcaption></figure>\n",
                                   render_chart_svg(series, ChartStyle::Line,
                                                    fmt::format("chart-{}", ++chart_index)),
                                   escape(block.text + ", month by month"));
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
