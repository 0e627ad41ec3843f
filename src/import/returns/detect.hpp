// The case-level returns csip reads, and how a file is recognised as one of them. Detection
// looks only at the start of a file (the XML root element and its <Collection>, a CSV header
// row) or, for a workbook, at the sheet names in xl/workbook.xml, so it is cheap on a national
// file. A name word per format (`cin`, `903-episodes`, ...) lets a person name the format
// (`--format NAME`) when a file cannot be recognised.
#pragma once

#include <array>
#include <filesystem>
#include <optional>
#include <string_view>

namespace csip::import {

enum class ReturnFormat {
    CinCensus,          // DfE CIN census XML
    Ssda903Header,      // SSDA903 `header` table (CSV)
    Ssda903Episodes,    // SSDA903 `episodes`
    Ssda903Reviews,     // SSDA903 `reviews`
    Ssda903Oc2,         // SSDA903 `oc2`
    Csww,               // children's social work workforce census XML
    AnnexAWorkbook,     // Ofsted Annex A workbook (.xlsx, sheets List 1 ... List 11)
    AnnexAList,         // one Annex A list as CSV
    CpVisits,           // CP visits CSV (Standard Safeguarding Dataset shape)
    ConferenceReports,  // csip's conference reports CSV
    Workforce,          // csip's workforce CSV
};

inline constexpr std::array<ReturnFormat, 11> kAllReturnFormats = {
    ReturnFormat::CinCensus,      ReturnFormat::Ssda903Header, ReturnFormat::Ssda903Episodes,
    ReturnFormat::Ssda903Reviews, ReturnFormat::Ssda903Oc2,    ReturnFormat::Csww,
    ReturnFormat::AnnexAWorkbook, ReturnFormat::AnnexAList,    ReturnFormat::CpVisits,
    ReturnFormat::ConferenceReports, ReturnFormat::Workforce,
};

// The name word: cin, 903-header, 903-episodes, 903-reviews, 903-oc2, csww, annex-a,
// annex-a-list, cp-visits, conference-reports, workforce.
std::string_view format_name(ReturnFormat format);
// The format a name word names (case-insensitive), or nothing.
std::optional<ReturnFormat> parse_format_name(std::string_view name);
// What the format is, in words for a message: "a CIN census XML file".
std::string_view format_description(ReturnFormat format);

// The format of the file at `path`, judged from its content; nothing when it is none of them
// (or cannot be opened).
std::optional<ReturnFormat> detect_format(const std::filesystem::path& path);

}  // namespace csip::import
