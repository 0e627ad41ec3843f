// The committee report as an HTML board pack: one self-contained page (no scripts, no external
// files) for the screen and for print. The print stylesheet sets A4 pages, starts each top-level
// part on a new page, keeps table header rows repeating and rows whole. RAG is written as a word
// in every coloured cell. Each indicator with monthly figures gets an SVG line chart drawn by
// reporting/svg_chart (the charts of the web pages too) with a title and a description in words
// (role="img"), and the figures are in the tables beside it as well.
#pragma once

#include <string>

#include "reporting/report_model.hpp"

namespace csip::reporting {

[[nodiscard]] std::string render_html_pack(const ReportModel& model);

}  // namespace csip::reporting
