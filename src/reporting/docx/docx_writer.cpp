#include "reporting/docx/docx_writer.hpp"

#include <fmt/format.h>
#include <zip.h>

#include <numeric>
#include <vector>

#include "reporting/docx/xml_writer.hpp"

namespace csip::reporting::docx {
namespace {

constexpr const char* kWordNamespace =
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
constexpr const char* kRelationshipsNamespace =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

constexpr const char* kDrawingNamespace = "http://schemas.openxmlformats.org/drawingml/2006/main";
constexpr const char* kChartNamespace = "http://schemas.openxmlformats.org/drawingml/2006/chart";
constexpr const char* kWordDrawingNamespace =
    "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing";

// A chart's size on the page in EMU (360,000 to the centimetre): the text width, 6 cm high.
constexpr long kChartWidth = 6'120'000;
constexpr long kChartHeight = 2'160'000;

// A4 in twentieths of a point, with 2 cm margins.
constexpr int kPageShort = 11906;
constexpr int kPageLong = 16838;
constexpr int kMargin = 1134;

struct Colours {
    const char* fill;
    const char* text;
};

// Fills light enough for black-on-colour contrast, text dark enough on the fill (WCAG AA); the
// word is always written as well, so colour is never the only sign.
Colours colours_for(const Cell& cell) {
    if (cell.complete) return {"DDEBF7", "1F3864"};
    if (!cell.rag) return {"", ""};
    switch (*cell.rag) {
        case domain::Rag::Red:
            return {"FFC7CE", "9C0006"};
        case domain::Rag::Amber:
            return {"FFEB9C", "7A4500"};
        case domain::Rag::Green:
            return {"C6EFCE", "006100"};
    }
    return {"", ""};
}

// The relationship id of the document's n-th chart (1-based); rId1 and rId2 are the styles and
// the numbering.
std::string chart_relationship(std::size_t n) { return "rId" + std::to_string(n + 2); }

std::string number_text(double value) { return fmt::format("{:.1f}", value); }

// A Word chart (DrawingML) of an indicator's months: the figures as a solid line with markers
// and their values written on the points, the target as a dashed line; the legend names both, so
// nothing rests on colour. The data are cached in the chart itself (no embedded workbook): Word
// and LibreOffice draw it from the cache.
std::string chart_xml(const ChartSeries& series) {
    std::vector<std::string> labels;
    std::vector<std::optional<double>> values;
    const bool one_year = !series.points.empty() && series.points.front().month.substr(0, 4) ==
                                                        series.points.back().month.substr(0, 4);
    for (const auto& point : series.points) {
        const std::string name = month_name(point.month);
        labels.push_back(one_year ? name.substr(0, 3)
                                  : name.substr(0, 3) + " " + name.substr(name.size() - 2));
        values.push_back(point.value);
    }
    const std::string count = std::to_string(labels.size());
    const std::string last_row = std::to_string(labels.size() + 1);

    XmlWriter xml;
    xml.start("c:chartSpace", {{"xmlns:c", kChartNamespace},
                               {"xmlns:a", kDrawingNamespace},
                               {"xmlns:r", kRelationshipsNamespace}});
    xml.empty("c:roundedCorners", {{"val", "0"}});
    xml.start("c:chart");
    xml.start("c:title").start("c:tx").start("c:rich");
    xml.empty("a:bodyPr")
        .start("a:p")
        .start("a:pPr")
        .empty("a:defRPr", {{"sz", "1000"}, {"b", "1"}})
        .end();
    xml.start("a:r").empty("a:rPr", {{"lang", "en-GB"}, {"sz", "1000"}, {"b", "1"}});
    xml.element("a:t", series.title).end();
    xml.end().end().end();  // a:p, c:rich, c:tx
    xml.empty("c:overlay", {{"val", "0"}}).end();
    xml.empty("c:autoTitleDeleted", {{"val", "0"}});
    xml.start("c:plotArea").empty("c:layout");
    xml.start("c:lineChart");
    xml.empty("c:grouping", {{"val", "standard"}}).empty("c:varyColors", {{"val", "0"}});

    auto categories = [&] {
        xml.start("c:cat").start("c:strRef");
        xml.element("c:f", "Sheet1!$A$2:$A$" + last_row);
        xml.start("c:strCache").empty("c:ptCount", {{"val", count}});
        for (std::size_t i = 0; i < labels.size(); ++i) {
            xml.start("c:pt", {{"idx", std::to_string(i)}}).element("c:v", labels[i]).end();
        }
        xml.end().end().end();
    };
    auto numbers = [&](const char* column, const std::vector<std::optional<double>>& points) {
        xml.start("c:val").start("c:numRef");
        xml.element("c:f", std::string("Sheet1!$") + column + "$2:$" + column + "$" + last_row);
        xml.start("c:numCache").element("c:formatCode", "General");
        xml.empty("c:ptCount", {{"val", count}});
        for (std::size_t i = 0; i < points.size(); ++i) {
            if (!points[i]) continue;  // a month with no figure is a gap
            xml.start("c:pt", {{"idx", std::to_string(i)}})
                .element("c:v", number_text(*points[i]))
                .end();
        }
        xml.end().end().end();
    };
    auto line = [&](const char* width, const char* colour, const char* dash) {
        xml.start("c:spPr").start("a:ln", {{"w", width}, {"cap", "rnd"}});
        xml.start("a:solidFill").empty("a:srgbClr", {{"val", colour}}).end();
        if (*dash != '\0') xml.empty("a:prstDash", {{"val", dash}});
        xml.end().end();
    };

    xml.start("c:ser").empty("c:idx", {{"val", "0"}}).empty("c:order", {{"val", "0"}});
    xml.start("c:tx").element("c:v", "Per cent each month").end();
    line("28575", "1D70B8", "");
    xml.start("c:marker")
        .empty("c:symbol", {{"val", "circle"}})
        .empty("c:size", {{"val", "6"}})
        .end();
    xml.start("c:dLbls");
    xml.empty("c:numFmt", {{"formatCode", "General"}, {"sourceLinked", "0"}});
    xml.empty("c:dLblPos", {{"val", "t"}});
    for (const char* flag : {"c:showLegendKey", "c:showVal", "c:showCatName", "c:showSerName",
                             "c:showPercent", "c:showBubbleSize"}) {
        xml.empty(flag, {{"val", std::string_view(flag) == "c:showVal" ? "1" : "0"}});
    }
    xml.end();
    categories();
    numbers("B", values);
    xml.empty("c:smooth", {{"val", "0"}}).end();

    if (series.target) {
        xml.start("c:ser").empty("c:idx", {{"val", "1"}}).empty("c:order", {{"val", "1"}});
        xml.start("c:tx")
            .element("c:v", fmt::format("Target {}% {}",
                                        number_text(*series.target).ends_with(".0")
                                            ? fmt::format("{:.0f}", *series.target)
                                            : number_text(*series.target),
                                        series.higher_is_better ? "or more" : "or less"))
            .end();
        line("19050", "0B0C0C", "dash");
        xml.start("c:marker").empty("c:symbol", {{"val", "none"}}).end();
        categories();
        numbers("C", std::vector<std::optional<double>>(labels.size(), series.target));
        xml.empty("c:smooth", {{"val", "0"}}).end();
    }
    xml.empty("c:marker", {{"val", "1"}});
    xml.empty("c:axId", {{"val", "1001"}}).empty("c:axId", {{"val", "1002"}});
    xml.end();  // c:lineChart

    xml.start("c:catAx").empty("c:axId", {{"val", "1001"}});
    xml.start("c:scaling").empty("c:orientation", {{"val", "minMax"}}).end();
    xml.empty("c:delete", {{"val", "0"}}).empty("c:axPos", {{"val", "b"}});
    xml.empty("c:numFmt", {{"formatCode", "General"}, {"sourceLinked", "0"}});
    xml.empty("c:tickLblPos", {{"val", "nextTo"}}).empty("c:crossAx", {{"val", "1002"}});
    xml.empty("c:crosses", {{"val", "autoZero"}}).empty("c:auto", {{"val", "1"}});
    xml.empty("c:lblAlgn", {{"val", "ctr"}}).empty("c:lblOffset", {{"val", "100"}});
    xml.end();
    double high = 100.0;
    for (const auto& value : values) {
        if (value && *value > high) high = *value;
    }
    xml.start("c:valAx").empty("c:axId", {{"val", "1002"}});
    xml.start("c:scaling").empty("c:orientation", {{"val", "minMax"}});
    // Room above the top gridline for the values written over the points.
    xml.empty("c:max", {{"val", number_text(high + 12.0)}}).empty("c:min", {{"val", "0"}}).end();
    xml.empty("c:delete", {{"val", "0"}}).empty("c:axPos", {{"val", "l"}});
    xml.start("c:majorGridlines");
    xml.start("c:spPr").start("a:ln", {{"w", "6350"}}).start("a:solidFill");
    xml.empty("a:srgbClr", {{"val", "B1B4B6"}}).end().end().end();
    xml.end();
    xml.empty("c:numFmt", {{"formatCode", "0\"%\""}, {"sourceLinked", "0"}});
    xml.empty("c:tickLblPos", {{"val", "nextTo"}}).empty("c:crossAx", {{"val", "1001"}});
    xml.empty("c:crosses", {{"val", "autoZero"}}).empty("c:crossBetween", {{"val", "between"}});
    xml.empty("c:majorUnit", {{"val", "25"}});
    xml.end();
    xml.end();  // c:plotArea
    xml.start("c:legend")
        .empty("c:legendPos", {{"val", "b"}})
        .empty("c:overlay", {{"val", "0"}})
        .end();
    xml.empty("c:plotVisOnly", {{"val", "1"}}).empty("c:dispBlanksAs", {{"val", "gap"}});
    xml.end();  // c:chart
    xml.start("c:txPr").empty("a:bodyPr").empty("a:lstStyle").start("a:p").start("a:pPr");
    xml.empty("a:defRPr", {{"sz", "900"}})
        .end()
        .empty("a:endParaRPr", {{"lang", "en-GB"}})
        .end()
        .end();
    return xml.finish();
}

class DocumentWriter {
  public:
    explicit DocumentWriter(const ReportModel& model) : m_model(model) {}

    std::string write() {
        m_xml.start("w:document", {{"xmlns:w", kWordNamespace},
                                   {"xmlns:r", kRelationshipsNamespace},
                                   {"xmlns:wp", kWordDrawingNamespace}});
        m_xml.start("w:body");
        for (const auto& block : m_model.blocks) write_block(block);
        section_properties(m_landscape);
        return m_xml.finish();
    }

    // The chart parts the document refers to (word/charts/chartN.xml), in order.
    [[nodiscard]] const std::vector<std::string>& charts() const { return m_charts; }

  private:
    int text_width() const { return (m_landscape ? kPageLong : kPageShort) - 2 * kMargin; }

    void section_properties(bool landscape) {
        const std::string width = std::to_string(landscape ? kPageLong : kPageShort);
        const std::string height = std::to_string(landscape ? kPageShort : kPageLong);
        const std::string margin = std::to_string(kMargin);
        m_xml.start("w:sectPr");
        if (landscape) {
            m_xml.empty("w:pgSz", {{"w:w", width}, {"w:h", height}, {"w:orient", "landscape"}});
        } else {
            m_xml.empty("w:pgSz", {{"w:w", width}, {"w:h", height}});
        }
        m_xml.empty("w:pgMar", {{"w:top", margin},
                                {"w:right", margin},
                                {"w:bottom", margin},
                                {"w:left", margin},
                                {"w:header", "709"},
                                {"w:footer", "709"},
                                {"w:gutter", "0"}});
        m_xml.end();
    }

    void run(std::string_view text, bool bold = false, const char* colour = "") {
        m_xml.start("w:r");
        if (bold || *colour != '\0') {
            m_xml.start("w:rPr");
            if (bold) m_xml.empty("w:b");
            if (*colour != '\0') m_xml.empty("w:color", {{"w:val", colour}});
            m_xml.end();
        }
        // Tabs become w:tab, so "1.1<tab>text" lines up on the hanging indent.
        std::size_t start = 0;
        while (start <= text.size()) {
            const auto tab = text.find('\t', start);
            const auto piece = text.substr(
                start, tab == std::string_view::npos ? text.size() - start : tab - start);
            if (!piece.empty()) m_xml.element("w:t", piece, {{"xml:space", "preserve"}});
            if (tab == std::string_view::npos) break;
            m_xml.empty("w:tab");
            start = tab + 1;
        }
        m_xml.end();
    }

    void paragraph(std::string_view style, std::string_view text, bool bold = false,
                   const char* colour = "") {
        m_xml.start("w:p");
        if (!style.empty()) {
            m_xml.start("w:pPr").empty("w:pStyle", {{"w:val", style}}).end();
        }
        run(text, bold, colour);
        m_xml.end();
    }

    void write_block(const Block& block) {
        switch (block.kind) {
            case Block::Kind::Heading:
                // Each part of the report (executive summary, executive report ...) starts a
                // page, as in the council's template; the page break before Appendix A already
                // gives it one.
                if (block.level == 1 && m_headings_1++ > 0 && !m_section_started) {
                    m_xml.start("w:p").start("w:pPr");
                    m_xml.empty("w:pStyle", {{"w:val", "Heading1"}}).empty("w:pageBreakBefore");
                    m_xml.end();
                    run(block.text);
                    m_xml.end();
                } else {
                    paragraph("Heading" + std::to_string(block.level), block.text);
                }
                m_section_started = false;
                break;
            case Block::Kind::Paragraph:
                if (block.number.empty()) {
                    paragraph("", block.text);
                } else {
                    paragraph("NumberedParagraph", block.number + "\t" + block.text);
                }
                break;
            case Block::Kind::Bullets:
                for (const auto& item : block.items) paragraph("ListBullet", item);
                break;
            case Block::Kind::Table:
                table(block, true);
                break;
            case Block::Kind::Details:
                table(block, false);
                break;
            case Block::Kind::Chart:
                chart(block);
                break;
            case Block::Kind::PageBreak:
                // The section so far ends here; what follows starts a new page in the new
                // orientation.
                m_xml.start("w:p").start("w:pPr");
                section_properties(m_landscape);
                m_xml.end().end();
                m_landscape = block.landscape;
                m_section_started = true;
                break;
        }
    }

    // An inline Word chart with its alternative text (the chart's description in words), kept
    // on one page.
    void chart(const Block& block) {
        if (block.indicator < 0 ||
            static_cast<std::size_t>(block.indicator) >= m_model.indicators.size()) {
            return;
        }
        const auto series =
            indicator_chart(m_model.indicators[static_cast<std::size_t>(block.indicator)]);
        m_charts.push_back(chart_xml(series));
        const std::string number = std::to_string(m_charts.size());
        m_xml.start("w:p").start("w:pPr").empty("w:keepLines").end();
        m_xml.start("w:r").start("w:drawing");
        m_xml.start("wp:inline", {{"distT", "0"}, {"distB", "0"}, {"distL", "0"}, {"distR", "0"}});
        m_xml.empty("wp:extent",
                    {{"cx", std::to_string(kChartWidth)}, {"cy", std::to_string(kChartHeight)}});
        m_xml.empty("wp:docPr", {{"id", number},
                                 {"name", "Chart " + number},
                                 {"title", block.text},
                                 {"descr", describe_series(series)}});
        m_xml.start("a:graphic", {{"xmlns:a", kDrawingNamespace}});
        m_xml.start("a:graphicData", {{"uri", kChartNamespace}});
        m_xml.empty("c:chart",
                    {{"xmlns:c", kChartNamespace}, {"r:id", chart_relationship(m_charts.size())}});
        m_xml.end().end().end().end().end().end();  // graphicData, graphic, inline, drawing, r, p
    }

    void cell(const Cell& content, int width, bool header, bool label) {
        const auto colours = colours_for(content);
        m_xml.start("w:tc").start("w:tcPr");
        m_xml.empty("w:tcW", {{"w:w", std::to_string(width)}, {"w:type", "dxa"}});
        if (header) {
            m_xml.empty("w:shd", {{"w:val", "clear"}, {"w:color", "auto"}, {"w:fill", "1F3864"}});
        } else if (*colours.fill != '\0') {
            m_xml.empty("w:shd",
                        {{"w:val", "clear"}, {"w:color", "auto"}, {"w:fill", colours.fill}});
        }
        m_xml.end();
        m_xml.start("w:p")
            .start("w:pPr")
            .empty("w:pStyle", {{"w:val", header ? "TableHeading" : "TableText"}})
            .end();
        run(content.text, header || label || *colours.text != '\0',
            header ? "FFFFFF" : colours.text);
        m_xml.end().end();
    }

    void table(const Block& block, bool with_header) {
        const std::size_t columns =
            with_header ? block.header.size() : (block.rows.empty() ? 0 : block.rows[0].size());
        if (columns == 0) return;
        if (!block.text.empty()) paragraph("Caption", block.text);
        std::vector<int> weights = block.widths;
        if (weights.size() != columns) weights.assign(columns, 1);
        if (!with_header) weights = {1, 2};
        const int total = std::accumulate(weights.begin(), weights.end(), 0);
        std::vector<int> widths;
        for (const int weight : weights) widths.push_back(text_width() * weight / total);

        m_xml.start("w:tbl").start("w:tblPr");
        m_xml.empty("w:tblStyle", {{"w:val", "ReportTable"}});
        m_xml.empty("w:tblW", {{"w:w", "5000"}, {"w:type", "pct"}});
        m_xml.empty("w:tblLayout", {{"w:type", "fixed"}});
        m_xml.empty("w:tblLook", {{"w:val", "04A0"},
                                  {"w:firstRow", with_header ? "1" : "0"},
                                  {"w:lastRow", "0"},
                                  {"w:firstColumn", with_header ? "0" : "1"},
                                  {"w:lastColumn", "0"},
                                  {"w:noHBand", "1"},
                                  {"w:noVBand", "1"}});
        if (!block.text.empty()) {
            m_xml.empty("w:tblCaption", {{"w:val", block.text}});
            m_xml.empty("w:tblDescription", {{"w:val", block.text}});
        }
        m_xml.end();
        m_xml.start("w:tblGrid");
        for (const int width : widths) m_xml.empty("w:gridCol", {{"w:w", std::to_string(width)}});
        m_xml.end();
        if (with_header) {
            m_xml.start("w:tr").start("w:trPr").empty("w:tblHeader").empty("w:cantSplit").end();
            for (std::size_t c = 0; c < columns; ++c) {
                cell(Cell{block.header[c], {}, false}, widths[c], true, false);
            }
            m_xml.end();
        }
        for (const auto& row : block.rows) {
            m_xml.start("w:tr").start("w:trPr").empty("w:cantSplit").end();
            for (std::size_t c = 0; c < columns; ++c) {
                cell(c < row.size() ? row[c] : Cell{}, widths[c], false, !with_header && c == 0);
            }
            m_xml.end();
        }
        m_xml.end();
        // Word needs a paragraph between two tables, and it gives the table room to breathe.
        paragraph("", "");
    }

    const ReportModel& m_model;
    XmlWriter m_xml;
    bool m_landscape = false;
    int m_headings_1 = 0;
    std::vector<std::string> m_charts;
    bool m_section_started = false;  // a new section (page) has just begun
};

std::string styles_xml() {
    XmlWriter xml;
    xml.start("w:styles", {{"xmlns:w", kWordNamespace}});
    xml.start("w:docDefaults");
    xml.start("w:rPrDefault").start("w:rPr");
    xml.empty(
        "w:rFonts",
        {{"w:ascii", "Arial"}, {"w:hAnsi", "Arial"}, {"w:cs", "Arial"}, {"w:eastAsia", "Arial"}});
    xml.empty("w:sz", {{"w:val", "22"}}).empty("w:szCs", {{"w:val", "22"}});
    xml.empty("w:lang", {{"w:val", "en-GB"}});
    xml.end().end();
    xml.start("w:pPrDefault").start("w:pPr");
    xml.empty("w:spacing", {{"w:after", "120"}, {"w:line", "264"}, {"w:lineRule", "auto"}});
    xml.end().end();
    xml.end();

    auto paragraph_style = [&](const char* id, const char* name, int size, bool bold, int outline,
                               const char* colour, bool keep_next, int before) {
        xml.start("w:style", {{"w:type", "paragraph"}, {"w:styleId", id}});
        xml.empty("w:name", {{"w:val", name}});
        if (std::string_view(id) != "Normal") {
            xml.empty("w:basedOn", {{"w:val", "Normal"}});
            xml.empty("w:next", {{"w:val", "Normal"}});
        } else {
            xml.empty("w:qFormat");
        }
        if (outline >= 0) xml.empty("w:uiPriority", {{"w:val", "9"}}).empty("w:qFormat");
        xml.start("w:pPr");
        if (keep_next) xml.empty("w:keepNext");
        if (before > 0)
            xml.empty("w:spacing", {{"w:before", std::to_string(before)}, {"w:after", "120"}});
        if (outline >= 0) xml.empty("w:outlineLvl", {{"w:val", std::to_string(outline)}});
        xml.end();
        xml.start("w:rPr");
        if (bold) xml.empty("w:b").empty("w:bCs");
        if (*colour != '\0') xml.empty("w:color", {{"w:val", colour}});
        if (size > 0) {
            xml.empty("w:sz", {{"w:val", std::to_string(size)}})
                .empty("w:szCs", {{"w:val", std::to_string(size)}});
        }
        xml.end();
        xml.end();
    };
    paragraph_style("Normal", "Normal", 0, false, -1, "", false, 0);
    paragraph_style("Heading1", "heading 1", 32, true, 0, "1F3864", true, 360);
    paragraph_style("Heading2", "heading 2", 26, true, 1, "1F3864", true, 240);
    paragraph_style("Heading3", "heading 3", 22, true, 2, "1F3864", true, 200);
    paragraph_style("Caption", "caption", 20, true, -1, "404040", true, 120);
    paragraph_style("TableText", "Table Text", 18, false, -1, "", false, 0);
    // A size smaller than the cells', so that a narrow column's heading fits on one line.
    paragraph_style("TableHeading", "Table Heading", 16, true, -1, "", true, 0);

    xml.start("w:style", {{"w:type", "paragraph"}, {"w:styleId", "NumberedParagraph"}});
    xml.empty("w:name", {{"w:val", "Numbered Paragraph"}})
        .empty("w:basedOn", {{"w:val", "Normal"}});
    xml.start("w:pPr").start("w:tabs").empty("w:tab", {{"w:val", "left"}, {"w:pos", "709"}}).end();
    xml.empty("w:ind", {{"w:left", "709"}, {"w:hanging", "709"}}).end();
    xml.end();

    xml.start("w:style", {{"w:type", "paragraph"}, {"w:styleId", "ListBullet"}});
    xml.empty("w:name", {{"w:val", "List Bullet"}}).empty("w:basedOn", {{"w:val", "Normal"}});
    xml.start("w:pPr").start("w:numPr").empty("w:numId", {{"w:val", "1"}}).end();
    xml.empty("w:spacing", {{"w:after", "60"}});
    xml.empty("w:ind", {{"w:left", "1069"}, {"w:hanging", "360"}}).end();
    xml.end();

    xml.start("w:style", {{"w:type", "table"}, {"w:styleId", "ReportTable"}});
    xml.empty("w:name", {{"w:val", "Report Table"}});
    xml.start("w:tblPr").start("w:tblBorders");
    for (const char* side : {"w:top", "w:left", "w:bottom", "w:right", "w:insideH", "w:insideV"}) {
        xml.empty(side,
                  {{"w:val", "single"}, {"w:sz", "4"}, {"w:space", "0"}, {"w:color", "808080"}});
    }
    xml.end();
    xml.start("w:tblCellMar");
    xml.empty("w:left", {{"w:w", "57"}, {"w:type", "dxa"}});
    xml.empty("w:right", {{"w:w", "57"}, {"w:type", "dxa"}});
    xml.end().end();
    xml.end();
    return xml.finish();
}

std::string numbering_xml() {
    XmlWriter xml;
    xml.start("w:numbering", {{"xmlns:w", kWordNamespace}});
    xml.start("w:abstractNum", {{"w:abstractNumId", "0"}});
    xml.empty("w:multiLevelType", {{"w:val", "singleLevel"}});
    xml.start("w:lvl", {{"w:ilvl", "0"}});
    xml.empty("w:start", {{"w:val", "1"}});
    xml.empty("w:numFmt", {{"w:val", "bullet"}});
    xml.empty("w:lvlText", {{"w:val", "\xE2\x80\xA2"}});
    xml.empty("w:lvlJc", {{"w:val", "left"}});
    xml.start("w:pPr").empty("w:ind", {{"w:left", "1069"}, {"w:hanging", "360"}}).end();
    xml.end().end();
    xml.start("w:num", {{"w:numId", "1"}}).empty("w:abstractNumId", {{"w:val", "0"}}).end();
    return xml.finish();
}

std::string content_types_xml(std::size_t charts) {
    XmlWriter xml;
    xml.start("Types", {{"xmlns", "http://schemas.openxmlformats.org/package/2006/content-types"}});
    xml.empty("Default",
              {{"Extension", "rels"},
               {"ContentType", "application/vnd.openxmlformats-package.relationships+xml"}});
    xml.empty("Default", {{"Extension", "xml"}, {"ContentType", "application/xml"}});
    const std::string word = "application/vnd.openxmlformats-officedocument.wordprocessingml.";
    xml.empty("Override",
              {{"PartName", "/word/document.xml"}, {"ContentType", word + "document.main+xml"}});
    xml.empty("Override", {{"PartName", "/word/styles.xml"}, {"ContentType", word + "styles+xml"}});
    xml.empty("Override",
              {{"PartName", "/word/numbering.xml"}, {"ContentType", word + "numbering+xml"}});
    for (std::size_t n = 1; n <= charts; ++n) {
        xml.empty(
            "Override",
            {{"PartName", "/word/charts/chart" + std::to_string(n) + ".xml"},
             {"ContentType", "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"}});
    }
    xml.empty("Override",
              {{"PartName", "/docProps/core.xml"},
               {"ContentType", "application/vnd.openxmlformats-package.core-properties+xml"}});
    return xml.finish();
}

std::string package_relationships_xml() {
    XmlWriter xml;
    xml.start("Relationships",
              {{"xmlns", "http://schemas.openxmlformats.org/package/2006/relationships"}});
    xml.empty(
        "Relationship",
        {{"Id", "rId1"},
         {"Type",
          "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"},
         {"Target", "word/document.xml"}});
    xml.empty(
        "Relationship",
        {{"Id", "rId2"},
         {"Type",
          "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"},
         {"Target", "docProps/core.xml"}});
    return xml.finish();
}

std::string document_relationships_xml(std::size_t charts) {
    XmlWriter xml;
    xml.start("Relationships",
              {{"xmlns", "http://schemas.openxmlformats.org/package/2006/relationships"}});
    xml.empty("Relationship", {{"Id", "rId1"},
                               {"Type", std::string(kRelationshipsNamespace) + "/styles"},
                               {"Target", "styles.xml"}});
    xml.empty("Relationship", {{"Id", "rId2"},
                               {"Type", std::string(kRelationshipsNamespace) + "/numbering"},
                               {"Target", "numbering.xml"}});
    for (std::size_t n = 1; n <= charts; ++n) {
        xml.empty("Relationship", {{"Id", chart_relationship(n)},
                                   {"Type", std::string(kRelationshipsNamespace) + "/chart"},
                                   {"Target", "charts/chart" + std::to_string(n) + ".xml"}});
    }
    return xml.finish();
}

std::string core_properties_xml(const ReportModel& model) {
    XmlWriter xml;
    xml.start(
        "cp:coreProperties",
        {{"xmlns:cp", "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"},
         {"xmlns:dc", "http://purl.org/dc/elements/1.1/"},
         {"xmlns:dcterms", "http://purl.org/dc/terms/"},
         {"xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"}});
    xml.element("dc:title", model.title + " - " + model.body_name);
    xml.element("dc:creator", model.authority);
    xml.element("dc:language", "en-GB");
    xml.element("dcterms:created", model.as_of.iso() + "T00:00:00Z",
                {{"xsi:type", "dcterms:W3CDTF"}});
    return xml.finish();
}

// Packs named parts into a zip in memory. Every entry gets the same timestamp, so equal content
// gives equal bytes.
Result<std::string> pack(const std::vector<std::pair<std::string, std::string>>& parts,
                         time_t timestamp) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
    if (buffer == nullptr) {
        return fail(ErrorKind::Unavailable, "cannot create the .docx in memory (libzip)");
    }
    zip_source_keep(buffer);
    zip_t* archive = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
    if (archive == nullptr) {
        zip_source_free(buffer);
        return fail(ErrorKind::Unavailable, "cannot create the .docx in memory (libzip)");
    }
    for (const auto& [name, content] : parts) {
        zip_source_t* source = zip_source_buffer(archive, content.data(), content.size(), 0);
        const zip_int64_t index =
            source == nullptr ? -1 : zip_file_add(archive, name.c_str(), source, ZIP_FL_ENC_UTF_8);
        if (index < 0) {
            zip_source_free(source);
            zip_discard(archive);
            zip_source_free(buffer);
            return fail(ErrorKind::Unavailable, "cannot add " + name + " to the .docx (libzip)");
        }
        zip_file_set_mtime(archive, static_cast<zip_uint64_t>(index), timestamp, 0);
    }
    if (zip_close(archive) != 0) {
        zip_discard(archive);
        zip_source_free(buffer);
        return fail(ErrorKind::Unavailable, "cannot finish the .docx (libzip)");
    }
    std::string bytes;
    if (zip_source_open(buffer) == 0) {
        zip_source_seek(buffer, 0, SEEK_END);
        const zip_int64_t size = zip_source_tell(buffer);
        zip_source_seek(buffer, 0, SEEK_SET);
        if (size > 0) {
            bytes.resize(static_cast<std::size_t>(size));
            zip_source_read(buffer, bytes.data(), static_cast<zip_uint64_t>(size));
        }
        zip_source_close(buffer);
    }
    zip_source_free(buffer);
    if (bytes.empty()) return fail(ErrorKind::Unavailable, "the .docx came out empty (libzip)");
    return bytes;
}

}  // namespace

Result<std::string> render_docx(const ReportModel& model) {
    DocumentWriter writer(model);
    std::string document = writer.write();
    const auto& charts = writer.charts();
    std::vector<std::pair<std::string, std::string>> parts{
        {"[Content_Types].xml", content_types_xml(charts.size())},
        {"_rels/.rels", package_relationships_xml()},
        {"docProps/core.xml", core_properties_xml(model)},
        {"word/_rels/document.xml.rels", document_relationships_xml(charts.size())},
        {"word/document.xml", std::move(document)},
        {"word/styles.xml", styles_xml()},
        {"word/numbering.xml", numbering_xml()},
    };
    for (std::size_t n = 1; n <= charts.size(); ++n) {
        parts.emplace_back("word/charts/chart" + std::to_string(n) + ".xml", charts[n - 1]);
    }
    // Noon on the report's date, so that no time zone moves it to another day.
    const time_t timestamp =
        static_cast<time_t>(model.as_of.days_since_epoch()) * 86'400 + 12 * 3'600;
    return pack(parts, timestamp);
}

}  // namespace csip::reporting::docx
