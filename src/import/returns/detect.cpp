#include "import/returns/detect.hpp"

#include <fstream>
#include <string>
#include <vector>

#include "import/returns/annex_a.hpp"
#include "import/returns/csv_reader.hpp"
#include "import/returns/values.hpp"
#include "import/returns/xlsx_workbook.hpp"

namespace csip::import {
namespace {

using returns::iequals;

constexpr std::size_t kPeekBytes = 8 * 1024;

struct FormatInfo {
    ReturnFormat format;
    std::string_view name;
    std::string_view description;
};

constexpr FormatInfo kFormats[] = {
    {ReturnFormat::CinCensus, "cin", "a CIN census XML file"},
    {ReturnFormat::Ssda903Header, "903-header", "an SSDA903 header table (CSV)"},
    {ReturnFormat::Ssda903Episodes, "903-episodes", "an SSDA903 episodes table (CSV)"},
    {ReturnFormat::Ssda903Reviews, "903-reviews", "an SSDA903 reviews table (CSV)"},
    {ReturnFormat::Ssda903Oc2, "903-oc2", "an SSDA903 OC2 table (CSV)"},
    {ReturnFormat::Csww, "csww", "a children's social work workforce census XML file"},
    {ReturnFormat::AnnexAWorkbook, "annex-a", "an Ofsted Annex A workbook (.xlsx)"},
    {ReturnFormat::AnnexAList, "annex-a-list", "an Ofsted Annex A list saved as CSV"},
    {ReturnFormat::CpVisits, "cp-visits", "a CP visits CSV"},
    {ReturnFormat::ConferenceReports, "conference-reports", "a conference reports CSV"},
    {ReturnFormat::Workforce, "workforce", "a workforce CSV"},
};

std::string peek(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::string text(kPeekBytes, '\0');
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    text.resize(static_cast<std::size_t>(in.gcount()));
    return text;
}

// The first element's name, past a byte order mark, the XML declaration, comments,
// processing instructions and a DOCTYPE; nothing when the text does not start as XML.
std::optional<std::string> root_element(std::string_view text) {
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    std::size_t i = 0;
    while (true) {
        while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r' || text[i] == '\n')) ++i;
        if (i >= text.size() || text[i] != '<') return std::nullopt;
        std::size_t close = std::string_view::npos;
        if (text.substr(i, 2) == "<?") {
            close = text.find("?>", i);
            if (close != std::string_view::npos) close += 2;
        } else if (text.substr(i, 4) == "<!--") {
            close = text.find("-->", i);
            if (close != std::string_view::npos) close += 3;
        } else if (text.substr(i, 2) == "<!") {
            close = text.find('>', i);
            if (close != std::string_view::npos) close += 1;
        } else {
            std::size_t end = i + 1;
            while (end < text.size() && text[end] != '>' && text[end] != '/' && text[end] != ' ' &&
                   text[end] != '\t' && text[end] != '\r' && text[end] != '\n') {
                ++end;
            }
            std::string name(text.substr(i + 1, end - i - 1));
            const auto colon = name.rfind(':');
            return colon == std::string::npos ? name : name.substr(colon + 1);
        }
        if (close == std::string_view::npos) return std::nullopt;
        i = close;
    }
}

// The text of the first <name>...</name> in the peek, if whole.
std::optional<std::string> element_text(std::string_view text, std::string_view name) {
    const std::string open = "<" + std::string(name) + ">";
    const auto start = text.find(open);
    if (start == std::string_view::npos) return std::nullopt;
    const auto end = text.find('<', start + open.size());
    if (end == std::string_view::npos) return std::nullopt;
    return std::string(returns::trim(text.substr(start + open.size(), end - start - open.size())));
}

std::optional<ReturnFormat> detect_xml(std::string_view text) {
    const auto root = root_element(text);
    if (!root || *root != "Message") return std::nullopt;
    if (const auto collection = element_text(text, "Collection")) {
        if (iequals(*collection, "CIN")) return ReturnFormat::CinCensus;
        if (iequals(*collection, "CSWW")) return ReturnFormat::Csww;
        return std::nullopt;
    }
    if (text.find("<CSWWWorker") != std::string_view::npos) return ReturnFormat::Csww;
    if (text.find("<Children") != std::string_view::npos) return ReturnFormat::CinCensus;
    return std::nullopt;
}

std::optional<ReturnFormat> detect_csv(const std::string& text) {
    const auto header = returns::first_csv_record(text);
    if (header.size() < 2) return std::nullopt;
    const auto has = [&](std::string_view name) {
        for (const auto& column : header) {
            if (iequals(returns::trim(column), name)) return true;
        }
        return false;
    };
    if (has("CHILD")) {
        if (has("DECOM")) return ReturnFormat::Ssda903Episodes;
        if (has("REVIEW") && has("REVIEW_CODE")) return ReturnFormat::Ssda903Reviews;
        if (has("HEALTH_ASSESSMENT") || has("TEETH_CHECK")) return ReturnFormat::Ssda903Oc2;
        if (has("SEX") && has("DOB") && has("ETHNIC")) return ReturnFormat::Ssda903Header;
    }
    if (has("cppv_person_id") && has("cppv_cp_visit_date")) return ReturnFormat::CpVisits;
    if (has("child_id") && has("conference_type") && has("conference_date")) return ReturnFormat::ConferenceReports;
    if (has("worker_id") && has("fte") && has("agency")) return ReturnFormat::Workforce;
    if (returns::annex_a_list_of_header(header)) return ReturnFormat::AnnexAList;
    return std::nullopt;
}

}  // namespace

std::string_view format_name(ReturnFormat format) {
    for (const auto& info : kFormats) {
        if (info.format == format) return info.name;
    }
    return "unknown";
}

std::string_view format_description(ReturnFormat format) {
    for (const auto& info : kFormats) {
        if (info.format == format) return info.description;
    }
    return "a known return";
}

std::optional<ReturnFormat> parse_format_name(std::string_view name) {
    for (const auto& info : kFormats) {
        if (iequals(info.name, returns::trim(name))) return info.format;
    }
    return std::nullopt;
}

std::optional<ReturnFormat> detect_format(const std::filesystem::path& path) {
    const auto text = peek(path);
    if (text.empty()) return std::nullopt;
    if (text.rfind("PK\x03\x04", 0) == 0) {
        const auto sheets = returns::XlsxWorkbook::sheet_names_of(path);
        if (!sheets) return std::nullopt;
        for (const auto& sheet : *sheets) {
            if (returns::annex_a_list_of_sheet(sheet)) return ReturnFormat::AnnexAWorkbook;
        }
        return std::nullopt;
    }
    if (root_element(text)) return detect_xml(text);
    return detect_csv(text);
}

}  // namespace csip::import
