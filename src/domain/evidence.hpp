// Evidence behind a success measure: dated entries saying what shows the measure is (or is not)
// met, who says so, an optional link and an optional file (DESIGN.md §2). A file is recognised by
// its content, never by its name: PDF, DOCX, XLSX, PNG or JPEG, up to kMaximumEvidenceFile bytes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/date.hpp"
#include "domain/result.hpp"

namespace csip::domain {

inline constexpr std::size_t kMaximumEvidenceFile = 10 * 1024 * 1024;

// A kind of file evidence may be, as its bytes show it.
struct FileKind {
    std::string_view name;          // "PDF"
    std::string_view content_type;  // "application/pdf"
    std::string_view extension;     // ".pdf"
};

// What kind of file `bytes` is, or nothing when it is none of the kinds evidence may be: a PDF
// begins "%PDF-", a PNG and a JPEG with their signatures, a DOCX or XLSX is a ZIP holding
// word/document.xml or xl/workbook.xml.
[[nodiscard]] std::optional<FileKind> evidence_file_kind(std::string_view bytes);

struct EvidenceFile {
    std::string name;          // as the person's computer called it, for the download
    std::string content_type;  // from evidence_file_kind
    std::int64_t size = 0;
    std::string sha256;  // lower-case hex
};

struct Evidence {
    std::int64_t id = 0;   // assigned by the store
    std::string measure;   // the success measure's id
    Date on;               // the day the evidence is from
    std::string text;      // what shows it
    std::string by;        // whose evidence it is
    std::optional<std::string> link;
    std::optional<EvidenceFile> file;
    std::string recorded_at;  // ISO 8601 UTC
    std::string recorded_by;  // the signed-in user
};

// The checks on what a person gives: the text is text and not empty, the date within the years
// a plan covers and not after `today`, a link an http or https address, a file's name text and
// its size within the limit (InvalidInput naming the field: "on", "text", "link", "file").
[[nodiscard]] Result<void> check_evidence(const Evidence& evidence, Date today);

}  // namespace csip::domain
