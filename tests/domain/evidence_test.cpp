// Evidence behind a success measure (domain/evidence.hpp): a file is known by its bytes, never
// its name; what a person gives is checked as of 1 September 2015; and who may add it
// (domain/rights.hpp).
#include "domain/evidence.hpp"

#include <gtest/gtest.h>

#include <string>

#include "domain/rights.hpp"
#include "plan_fixture.hpp"

namespace csip::domain {
namespace {

using namespace std::string_literals;
using fixture::d;

// The start of a ZIP's first local file header, then the names of the parts it holds, as an
// Office Open XML file shows them in the clear.
std::string zip_holding(std::initializer_list<const char*> parts) {
    std::string bytes = "PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00"s;
    for (const char* part : parts) bytes += std::string(part) + "\x00\xff\x10PK\x03\x04"s;
    return bytes;
}

std::string kind_of(std::string_view bytes) {
    const auto kind = evidence_file_kind(bytes);
    return kind ? std::string(kind->name) : "none";
}

TEST(EvidenceFileKind, KnowsEachKindByItsFirstBytes) {
    const auto pdf = evidence_file_kind("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj");
    ASSERT_TRUE(pdf);
    EXPECT_EQ(pdf->name, "PDF");
    EXPECT_EQ(pdf->content_type, "application/pdf");
    EXPECT_EQ(pdf->extension, ".pdf");

    const auto png = evidence_file_kind("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"s);
    ASSERT_TRUE(png);
    EXPECT_EQ(png->name, "PNG");
    EXPECT_EQ(png->content_type, "image/png");

    const auto jpeg = evidence_file_kind("\xff\xd8\xff\xe0\x00\x10JFIF\x00"s);
    ASSERT_TRUE(jpeg);
    EXPECT_EQ(jpeg->name, "JPEG");
    EXPECT_EQ(jpeg->content_type, "image/jpeg");
    EXPECT_EQ(jpeg->extension, ".jpg");

    const auto docx = evidence_file_kind(zip_holding({"[Content_Types].xml", "_rels/.rels",
                                                      "word/document.xml"}));
    ASSERT_TRUE(docx);
    EXPECT_EQ(docx->name, "DOCX");
    EXPECT_EQ(docx->content_type,
              "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    EXPECT_EQ(docx->extension, ".docx");

    const auto xlsx = evidence_file_kind(zip_holding({"[Content_Types].xml", "xl/workbook.xml",
                                                      "xl/worksheets/sheet1.xml"}));
    ASSERT_TRUE(xlsx);
    EXPECT_EQ(xlsx->name, "XLSX");
    EXPECT_EQ(xlsx->content_type,
              "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    EXPECT_EQ(xlsx->extension, ".xlsx");
}

TEST(EvidenceFileKind, AZipThatIsNeitherADocumentNorAWorkbookIsNoKind) {
    EXPECT_EQ(kind_of(zip_holding({"notes.txt", "photo.bmp"})), "none");
    // A presentation is Office Open XML too, but not a kind evidence may be.
    EXPECT_EQ(kind_of(zip_holding({"[Content_Types].xml", "ppt/presentation.xml"})), "none");
    // The parts without the package's content types are not an Office file.
    EXPECT_EQ(kind_of(zip_holding({"word/document.xml"})), "none");
    EXPECT_EQ(kind_of(zip_holding({"xl/workbook.xml"})), "none");
    // The names alone, without a ZIP's signature, are not one either.
    EXPECT_EQ(kind_of("[Content_Types].xml word/document.xml"), "none");
}

TEST(EvidenceFileKind, TheContentDecidesNotTheName) {
    // What a person's computer called "minutes.pdf" but which holds text is no PDF.
    EXPECT_EQ(kind_of("Minutes of the improvement board, 3 August 2015\n"), "none");
    EXPECT_EQ(kind_of("<html><body>%PDF-1.4</body></html>"), "none");
    EXPECT_EQ(kind_of(" %PDF-1.4"), "none");
    // An executable is none of the kinds, whatever it is called.
    EXPECT_EQ(kind_of("MZ\x90\x00\x03\x00\x00\x00"s), "none");
}

TEST(EvidenceFileKind, EmptyOrCutShortIsNoKind) {
    EXPECT_EQ(kind_of(""), "none");
    EXPECT_EQ(kind_of("%PDF"), "none");
    EXPECT_EQ(kind_of("\x89PNG\r\n\x1a"), "none");
    EXPECT_EQ(kind_of("\xff\xd8"), "none");
    EXPECT_EQ(kind_of("PK\x03"), "none");
    // Each signature on its own is enough: the rest of the file is not looked at.
    EXPECT_EQ(kind_of("%PDF-"), "PDF");
    EXPECT_EQ(kind_of("\xff\xd8\xff"), "JPEG");
}

Evidence audit_report() {
    Evidence evidence;
    evidence.measure = "M1";
    evidence.on = d("2015-08-28");
    evidence.text = "Case audit: 41 of 50 assessments on time";
    evidence.by = "QA Manager";
    return evidence;
}

const Date kToday = d("2015-09-01");

void expect_refused(const Result<void>& result, const std::string& field) {
    ASSERT_FALSE(result.has_value()) << "the evidence was accepted";
    EXPECT_EQ(result.error().kind, ErrorKind::InvalidInput) << result.error().message;
    EXPECT_EQ(result.error().field, field) << result.error().message;
}

TEST(EvidenceCheck, AcceptsEvidenceFromTodayOrBefore) {
    EXPECT_TRUE(check_evidence(audit_report(), kToday));
    auto today = audit_report();
    today.on = kToday;
    EXPECT_TRUE(check_evidence(today, kToday));
    auto earliest = audit_report();
    earliest.on = d("2000-01-01");
    EXPECT_TRUE(check_evidence(earliest, kToday));
}

TEST(EvidenceCheck, RefusesADateInTheFutureOrOutsideThePlansYears) {
    auto tomorrow = audit_report();
    tomorrow.on = d("2015-09-02");
    expect_refused(check_evidence(tomorrow, kToday), "on");
    auto early = audit_report();
    early.on = d("1999-12-31");
    expect_refused(check_evidence(early, kToday), "on");
}

TEST(EvidenceCheck, RefusesEmptyOrBadText) {
    for (const std::string& text : {""s, " \r\n\t"s, "Caf\xe9"s, "Audit\x1b[2J"s, "a\x00b"s,
                                   std::string(4001, 'a')}) {
        auto evidence = audit_report();
        evidence.text = text;
        expect_refused(check_evidence(evidence, kToday), "text");
    }
    auto longest = audit_report();
    longest.text = std::string(4000, 'a');
    EXPECT_TRUE(check_evidence(longest, kToday));
}

TEST(EvidenceCheck, ALinkIsAWebAddressWithoutSpaces) {
    for (const char* link : {"https://intranet.testshire.gov.uk/audits/2015-08.pdf",
                             "http://intranet/audit?id=41&year=2015"}) {
        auto evidence = audit_report();
        evidence.link = link;
        EXPECT_TRUE(check_evidence(evidence, kToday)) << link;
    }
    for (const std::string& link :
         {""s, "intranet.testshire.gov.uk/audit"s, "ftp://files/audit.pdf"s,
          "javascript:alert(1)"s, "file:///C:/audit.pdf"s, "https://intranet/case audit.pdf"s,
          "https://intranet/audit\t.pdf"s, "https://intranet/\naudit"s,
          "https://intranet/\"><script>"s, " https://intranet/audit"s, "https://\x01x"s}) {
        auto evidence = audit_report();
        evidence.link = link;
        expect_refused(check_evidence(evidence, kToday), "link");
    }
    auto longest = audit_report();
    longest.link = "https://intranet/" + std::string(2000 - 17, 'a');
    EXPECT_TRUE(check_evidence(longest, kToday));
    longest.link->push_back('a');
    expect_refused(check_evidence(longest, kToday), "link");
}

TEST(EvidenceCheck, AFileHasANameThatIsTextAndAtMostTenMegabytes) {
    auto evidence = audit_report();
    evidence.file = EvidenceFile{"Audit report.pdf", "application/pdf",
                                 static_cast<std::int64_t>(kMaximumEvidenceFile), "ab"};
    EXPECT_TRUE(check_evidence(evidence, kToday));
    evidence.file->size = static_cast<std::int64_t>(kMaximumEvidenceFile) + 1;
    expect_refused(check_evidence(evidence, kToday), "file");
    evidence.file->size = 10;
    evidence.file->name = "Audit\xff.pdf";
    expect_refused(check_evidence(evidence, kToday), "file");
}

TEST(EvidenceRights, AnEditorAddsToAnyMeasureALeadOnlyWhereTheyLeadAnAction) {
    auto commitment = fixture::small_plan().workstreams[0].commitments[0];  // actions led by HoS
    const Person editor{"ed", Role::Editor, ""};
    const Person admin{"ad", Role::Admin, ""};
    const Person lead{"lee", Role::Lead, "Head of Service"};
    const Person other_lead{"ola", Role::Lead, "Service Manager"};
    const Person untitled_lead{"utl", Role::Lead, ""};
    const Person viewer{"vi", Role::Viewer, "Head of Service"};
    EXPECT_TRUE(may_add_evidence(editor, commitment));
    EXPECT_TRUE(may_add_evidence(admin, commitment));
    EXPECT_TRUE(may_add_evidence(lead, commitment));
    EXPECT_FALSE(may_add_evidence(other_lead, commitment));
    EXPECT_FALSE(may_add_evidence(untitled_lead, commitment));
    EXPECT_FALSE(may_add_evidence(viewer, commitment));

    // A lead whose only action there is retired leads nothing in it.
    for (auto& action : commitment.actions) action.lead = "Principal Social Worker";
    commitment.actions[1].lead = "Head of Service";
    EXPECT_TRUE(may_add_evidence(lead, commitment));
    commitment.actions[1].retired = Retirement{d("2015-08-01"), "amy", "Merged"};
    EXPECT_FALSE(may_add_evidence(lead, commitment));
    EXPECT_TRUE(may_add_evidence(editor, commitment));
}

}  // namespace
}  // namespace csip::domain
