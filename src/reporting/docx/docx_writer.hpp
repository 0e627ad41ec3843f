// The committee report as a Word document (.docx, Office Open XML), in the layout of a council's
// committee report: front sheet, executive summary, executive report, Appendix A on landscape
// pages. Accessible: real Heading 1-3 styles (a navigable outline), bulleted lists as Word lists,
// tables with their header row marked to repeat (w:tblHeader) and a caption and description,
// RAG written as a word in every coloured cell, and each indicator's months as a native Word
// chart (DrawingML, its data cached in the chart) whose alternative text says in words what it
// shows. Parts are written with XmlWriter and packed with libzip; the same model always gives
// the same bytes (fixed timestamps), so a report's hash depends on its content alone.
#pragma once

#include <string>

#include "domain/result.hpp"
#include "reporting/report_model.hpp"

namespace csip::reporting::docx {

// The .docx file's bytes; Unavailable only if libzip fails (out of memory).
[[nodiscard]] Result<std::string> render_docx(const ReportModel& model);

}  // namespace csip::reporting::docx
