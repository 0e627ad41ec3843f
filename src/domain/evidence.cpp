#include "domain/evidence.hpp"

#include "domain/plan_rules.hpp"
#include "domain/text.hpp"

namespace csip::domain {
namespace {

constexpr FileKind kPdf{"PDF", "application/pdf", ".pdf"};
constexpr FileKind kPng{"PNG", "image/png", ".png"};
constexpr FileKind kJpeg{"JPEG", "image/jpeg", ".jpg"};
constexpr FileKind kDocx{
    "DOCX", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx"};
constexpr FileKind kXlsx{"XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                         ".xlsx"};

bool starts_with(std::string_view bytes, std::string_view prefix) {
    return bytes.substr(0, prefix.size()) == prefix;
}

}  // namespace

std::optional<FileKind> evidence_file_kind(std::string_view bytes) {
    if (starts_with(bytes, "%PDF-")) return kPdf;
    if (starts_with(bytes, std::string_view("\x89PNG\r\n\x1a\n", 8))) return kPng;
    if (starts_with(bytes, "\xff\xd8\xff")) return kJpeg;
    // An Office Open XML file is a ZIP whose local headers name its parts in the clear.
    if (starts_with(bytes, std::string_view("PK\x03\x04", 4)) &&
        bytes.find("[Content_Types].xml") != std::string_view::npos) {
        if (bytes.find("word/document.xml") != std::string_view::npos) return kDocx;
        if (bytes.find("xl/workbook.xml") != std::string_view::npos) return kXlsx;
    }
    return std::nullopt;
}

Result<void> check_evidence(const Evidence& evidence, Date today) {
    if (auto violation = check_plan_date(evidence.on, "the evidence's date")) {
        return fail(ErrorKind::InvalidInput, violation->message + ": " + violation->fix, "on");
    }
    if (today < evidence.on) {
        return fail(ErrorKind::InvalidInput,
                    "the evidence's date " + evidence.on.iso() +
                        " is in the future: give the day it is from, today or before",
                    "on");
    }
    if (auto ok = check_text(evidence.text, "text", "what the evidence shows"); !ok) return ok;
    if (evidence.text.find_first_not_of(" \t\r\n") == std::string::npos) {
        return fail(ErrorKind::InvalidInput, "say what the evidence shows", "text");
    }
    if (evidence.text.size() > 4000) {
        return fail(ErrorKind::InvalidInput, "what the evidence shows is longer than 4000 characters",
                    "text");
    }
    if (evidence.link) {
        if (auto ok = check_text(*evidence.link, "link", "the link"); !ok) return ok;
        const auto& link = *evidence.link;
        const bool web = link.rfind("https://", 0) == 0 || link.rfind("http://", 0) == 0;
        if (!web || link.find_first_of(" \t\r\n\"<>") != std::string::npos || link.size() > 2000) {
            return fail(ErrorKind::InvalidInput,
                        "the link is a web address beginning https:// (or http://), with no spaces",
                        "link");
        }
    }
    if (evidence.file) {
        if (auto ok = check_text(evidence.file->name, "file", "the file's name"); !ok) return ok;
        if (static_cast<std::size_t>(evidence.file->size) > kMaximumEvidenceFile) {
            return fail(ErrorKind::InvalidInput, "the file is larger than 10 MB", "file");
        }
    }
    return {};
}

}  // namespace csip::domain
