#include "import/returns/read_return.hpp"

#include <gtest/gtest.h>

#include <utility>

#include "../../support/temp_dir.hpp"

namespace csip::import {
namespace {

namespace fs = std::filesystem;
using csip::testing::TempDir;
using csip::testing::write_file;

fs::path fixture(const std::string& name) {
    return fs::path(CSIP_RETURNS_FIXTURES_DIR) / name;
}

TEST(ReadReturn, RefusesAFileOfAnotherFormatNamingTheFileAndWhatWasExpected) {
    domain::CaseData data;
    const auto result = read_return(fixture("cin/happy.xml"), ReturnFormat::Csww, data);
    ASSERT_FALSE(result.has_value());
    EXPECT_NE(result.error().message.find("happy.xml"), std::string::npos);
    EXPECT_NE(result.error().message.find("children's social work workforce census"), std::string::npos);
    EXPECT_NE(result.error().message.find("'CIN', not 'CSWW'"), std::string::npos);
    EXPECT_TRUE(data.workforce.empty());
}

TEST(ReadReturn, RefusesACsvWhoseHeaderLacksTheTablesColumns) {
    domain::CaseData data;
    const auto result = read_return(fixture("903/episodes.csv"), ReturnFormat::Ssda903Reviews, data);
    ASSERT_FALSE(result.has_value());
    EXPECT_NE(result.error().message.find("lacks REVIEW, REVIEW_CODE"), std::string::npos) << result.error().message;
    EXPECT_TRUE(data.care_reviews.empty());
    EXPECT_TRUE(data.care_episodes.empty());
}

TEST(ReadReturn, RefusesAnXmlFileAsACsvTable) {
    domain::CaseData data;
    EXPECT_FALSE(read_return(fixture("cin/happy.xml"), ReturnFormat::CpVisits, data).has_value());
    EXPECT_FALSE(read_return(fixture("903/episodes.csv"), ReturnFormat::CinCensus, data).has_value());
    EXPECT_FALSE(read_return(fixture("903/episodes.csv"), ReturnFormat::AnnexAWorkbook, data).has_value());
    EXPECT_FALSE(read_return(fixture("annex_a/workbook.xlsx"), ReturnFormat::Ssda903Oc2, data).has_value());
}

TEST(ReadReturn, ReportsAMissingFile) {
    domain::CaseData data;
    const auto result = read_return(fixture("no-such-file.xml"), ReturnFormat::CinCensus, data);
    ASSERT_FALSE(result.has_value());
    EXPECT_EQ(result.error().kind, ErrorKind::NotFound);
}

TEST(ReadReturn, AppendsToWhatTheCallerHolds) {
    domain::CaseData data;
    ASSERT_TRUE(read_return(fixture("cin/happy.xml"), ReturnFormat::CinCensus, data));
    ASSERT_TRUE(read_return(fixture("cin/happy.xml"), ReturnFormat::CinCensus, data));
    EXPECT_EQ(data.assessments.size(), 6u);
}

TEST(ReadReturn, LeavesTheCallersDataAloneWhenTheXmlBreaksOff) {
    domain::CaseData data;
    ASSERT_TRUE(read_return(fixture("cin/happy.xml"), ReturnFormat::CinCensus, data));
    const auto before = data.assessments.size();
    const auto result = read_return(fixture("cin/truncated.xml"), ReturnFormat::CinCensus, data);
    ASSERT_FALSE(result.has_value());
    EXPECT_NE(result.error().message.find("truncated.xml:27:"), std::string::npos) << result.error().message;
    EXPECT_EQ(data.assessments.size(), before);
}

TEST(ReadReturn, KeepsAHundredProblemsPerReasonButCountsThemAll) {
    TempDir dir;
    std::string csv = "CHILD,DOB,REVIEW,REVIEW_CODE\n";
    for (int i = 0; i < 250; ++i) csv += std::to_string(i) + ",01/01/2015,not a date,PN1\n";
    csv += "7,01/01/2015,01/02/2023,PN1\n";
    write_file(dir / "reviews.csv", csv);
    domain::CaseData data;
    const auto result = read_return(dir / "reviews.csv", ReturnFormat::Ssda903Reviews, data);
    ASSERT_TRUE(result.has_value());
    EXPECT_EQ(result->records_read, 251u);
    EXPECT_EQ(result->records_used, 1u);
    EXPECT_EQ(result->skipped_by_reason.at("review with an unreadable date"), 250u);
    EXPECT_EQ(result->problems.size(), kMaxProblemsPerReason);
    EXPECT_EQ(result->problems.back().line, 101u);
    EXPECT_EQ(result->problems.back().column, 3u);
    EXPECT_EQ(result->problems.back().column_name, "REVIEW");
}

TEST(ReadReturn, ReportsProgressThroughALargeFileAndOnceAtTheEnd) {
    TempDir dir;
    std::string csv = "CHILD,DOB,REVIEW,REVIEW_CODE\n";
    for (int i = 0; i < 150000; ++i) csv += std::to_string(i) + ",01/01/2015,01/02/2023,PN1\n";
    write_file(dir / "reviews.csv", csv);
    std::vector<std::uint64_t> records;
    std::uint64_t total_seen = 0, last_bytes = 0;
    domain::CaseData data;
    const auto result = read_return(dir / "reviews.csv", ReturnFormat::Ssda903Reviews, data,
                                    [&](std::uint64_t bytes, std::uint64_t total, std::uint64_t count) {
                                        records.push_back(count);
                                        total_seen = total;
                                        last_bytes = bytes;
                                    });
    ASSERT_TRUE(result.has_value());
    EXPECT_EQ(total_seen, csv.size());
    EXPECT_EQ(last_bytes, csv.size());
    ASSERT_GE(records.size(), 3u) << "150,000 rows pass 64K records twice";
    EXPECT_LE(records.size(), 8u) << "not called for every row";
    EXPECT_EQ(records.back(), 150000u);
}

// The open-element path grows with nesting: 100,000 nested elements are refused at the one that
// passes the limit, for either XML return.
TEST(ReadReturn, RefusesXmlNestedDeeperThanAnyReturnAtTheElementThatPassesTheLimit) {
    TempDir dir;
    for (const auto& [format, collection] :
         {std::pair{ReturnFormat::CinCensus, "CIN"}, std::pair{ReturnFormat::Csww, "CSWW"}}) {
        std::string xml =
            std::string("<Message>\n<Header><CollectionDetails><Collection>") + collection +
            "</Collection><ReferenceDate>2024-03-31</ReferenceDate></CollectionDetails></Header>\n";
        for (int i = 0; i < 100'000; ++i) xml += "<a>";
        for (int i = 0; i < 100'000; ++i) xml += "</a>";
        xml += "\n</Message>\n";
        write_file(dir / "deep.xml", xml);
        domain::CaseData data;
        const auto result = read_return(dir / "deep.xml", format, data);
        ASSERT_FALSE(result.has_value()) << collection;
        // <Message> is the first level, so the 257th is the 256th <a>, at column 1 + 255 * 3.
        EXPECT_NE(result.error().message.find(
                      "deep.xml:3:766: elements are nested more than 256 deep here"),
                  std::string::npos)
            << result.error().message;
        EXPECT_NE(result.error().message.find("nothing was read"), std::string::npos)
            << result.error().message;
    }
}

// Terminal escape sequences in a file reach a message as escapes, and a value of megabytes as
// its first 80 characters and its length.
TEST(ReadReturn, QuotesValuesFromTheFileEscapedAndCutShort) {
    TempDir dir;
    write_file(dir / "header.csv",
               "CHILD\x1b[2J\x1b]0;owned\x07,DOB," + std::string(10'000'000, 'A') + "\n1,2\n");
    domain::CaseData data;
    const auto refused = read_return(dir / "header.csv", ReturnFormat::Ssda903Reviews, data);
    ASSERT_FALSE(refused.has_value());
    const auto& message = refused.error().message;
    EXPECT_EQ(message.find('\x1b'), std::string::npos);
    EXPECT_EQ(message.find('\x07'), std::string::npos);
    EXPECT_NE(message.find("it reads: CHILD\\x1b[2J\\x1b]0;owned\\x07,DOB,AAAA"), std::string::npos)
        << message;
    EXPECT_NE(message.find("\u2026 (10000024 characters)"), std::string::npos) << message;
    EXPECT_LT(message.size(), 600u);

    write_file(dir / "reviews.csv", "CHILD,DOB,REVIEW,REVIEW_CODE\n7,01/01/2015,<b>" +
                                        std::string(10'000'000, '9') + ",PN1\n");
    const auto read = read_return(dir / "reviews.csv", ReturnFormat::Ssda903Reviews, data);
    ASSERT_TRUE(read.has_value()) << read.error().message;
    ASSERT_EQ(read->problems.size(), 1u);
    const auto text = to_string(read->problems[0]);
    EXPECT_NE(text.find("'<b>" + std::string(77, '9') + "\u2026 (10000003 characters)' is not a date"),
              std::string::npos)
        << text.substr(0, 300);
    EXPECT_LT(text.size(), 400u);
}

// A field that is not text (bytes that are not UTF-8, or a control character) is no child's
// identifier, code or date: its row is skipped at the field, with the rest of the file read, in
// every CSV reader (the SSDA903 tables, the event and workforce extracts and the Annex A lists).
TEST(ReadReturn, SkipsARowWithAFieldThatIsNotTextAtTheField) {
    TempDir dir;
    write_file(dir / "reviews.csv",
               "CHILD,DOB,REVIEW,REVIEW_CODE\n"
               "1,01/01/2015,01/03/2016,PN1\n"
               "2\xFF\xFE,01/01/2015,01/03/2016,PN1\n"
               "3,01/01/2015,\x1B[2J01/03/2016,PN1\n"
               "4,01/01/2015,01/03/2016,PN1\r\n");
    domain::CaseData data;
    const auto read = read_return(dir / "reviews.csv", ReturnFormat::Ssda903Reviews, data);
    ASSERT_TRUE(read.has_value()) << read.error().message;
    EXPECT_EQ(read->records_read, 4u);
    EXPECT_EQ(read->records_used, 2u);
    EXPECT_EQ(read->skipped_by_reason.at("row with text that is not UTF-8"), 2u);
    ASSERT_EQ(read->problems.size(), 2u);
    EXPECT_EQ(to_string(read->problems[0]),
              (dir / "reviews.csv").string() +
                  ":3:1 (CHILD): the field is not UTF-8 text at byte 2; save the file as UTF-8 "
                  "text, in Excel as 'CSV UTF-8 (Comma delimited)'");
    EXPECT_EQ(read->problems[1].line, 4u);
    EXPECT_EQ(read->problems[1].column, 3u);
    EXPECT_EQ(read->problems[1].column_name, "REVIEW");
    EXPECT_EQ(read->problems[1].message,
              "the field holds a control character at byte 1, which is no part of text");

    // The same in an Annex A list.
    write_file(dir / "list4.csv",
               "Child Unique ID,Gender,Ethnicity,Date of Birth,Age,Does the Child have a "
               "Disability,Continuous Assessment Start Date,Child Seen During Continuous "
               "Assessment,Continuous Assessment Date of Authorisation,Was the child assessed as "
               "requiring LA children's social care support?,Allocated Team,Allocated Worker\n"
               "A1\xC3,Female,WBRI,01/01/2015,8,No,01/09/2023,Yes,2023-10-20,Yes,Team 1,Worker 1\n");
    const auto list = read_return(dir / "list4.csv", ReturnFormat::AnnexAList, data);
    ASSERT_TRUE(list.has_value()) << list.error().message;
    EXPECT_EQ(list->records_used, 0u);
    ASSERT_EQ(list->problems.size(), 1u);
    EXPECT_EQ(list->problems[0].column_name, "Child Unique ID");
    EXPECT_EQ(list->problems[0].message, "the field is not UTF-8 text at byte 3");
    ASSERT_EQ(data.annex_a.size(), 1u) << "the list read is one snapshot, here of no rows";
    EXPECT_TRUE(data.annex_a.front().children.empty());
}

// An Annex A list is one snapshot of its rows: List 4 and List 5 rows are Annex A rows with
// their start, end and conference flag, not assessments or enquiries (the domain derives
// those). Each file read appends its own snapshot, undated.
TEST(ReadReturn, ReadsEachAnnexAListAsOneSnapshotOfItsRows) {
    domain::CaseData data;
    const auto assessments =
        read_return(fixture("annex_a/list4.csv"), ReturnFormat::AnnexAList, data);
    ASSERT_TRUE(assessments.has_value()) << assessments.error().message;
    EXPECT_EQ(assessments->records_used, 2u);
    const auto enquiries =
        read_return(fixture("annex_a/list5.csv"), ReturnFormat::AnnexAList, data);
    ASSERT_TRUE(enquiries.has_value()) << enquiries.error().message;
    EXPECT_TRUE(data.assessments.empty());
    EXPECT_TRUE(data.enquiries.empty());
    ASSERT_EQ(data.annex_a.size(), 2u);
    EXPECT_EQ(data.annex_a[0].as_at, domain::Date{}) << "the app dates a snapshot";

    const auto& list4 = data.annex_a[0].children;
    ASSERT_EQ(list4.size(), 2u);
    EXPECT_EQ(list4[0].list, 4);
    EXPECT_EQ(list4[0].child_id, "A1");
    EXPECT_EQ(list4[0].start->iso(), "2023-09-01");
    EXPECT_EQ(list4[0].end->iso(), "2023-10-20");
    EXPECT_EQ(list4[0].team, "Team 1");
    EXPECT_EQ(list4[0].source.line, 2u);
    EXPECT_FALSE(list4[1].end) << "A2 is not authorised yet";

    const auto& list5 = data.annex_a[1].children;
    ASSERT_EQ(list5.size(), 4u);
    EXPECT_EQ(list5[0].list, 5);
    EXPECT_EQ(list5[0].end->iso(), "2023-09-20");
    EXPECT_EQ(list5[0].no_conference_needed, false);
    EXPECT_EQ(list5[1].no_conference_needed, true);
    EXPECT_FALSE(list5[1].end);
    EXPECT_EQ(list5[3].child_id, "B5");
    EXPECT_FALSE(list5[3].no_conference_needed) << "'c) Not known' leaves the flag empty";
    EXPECT_EQ(list5[3].values[7],
              (std::pair<std::string, std::string>{
                  "Was an Initial Child Protection Conference deemed unnecessary?", "Not known"}));
}

// The 2024 template's List 9 has 17 columns: each kept in order, the typed ones read from the
// allocated worker (not the personal advisor), 'LA in Touch', the suitability and the activity
// code; an unknown code skips its row at the cell.
TEST(ReadReturn, ReadsThe2024CareLeaversListWithItsSeventeenColumns) {
    domain::CaseData data;
    const auto read = read_return(fixture("annex_a/list9.csv"), ReturnFormat::AnnexAList, data);
    ASSERT_TRUE(read.has_value()) << read.error().message;
    ASSERT_EQ(data.annex_a.size(), 1u);
    const auto& rows = data.annex_a.front().children;
    ASSERT_EQ(rows.size(), 4u);
    const auto& first = rows[0];
    ASSERT_EQ(first.values.size(), 17u);
    EXPECT_EQ(first.values[9],
              (std::pair<std::string, std::string>{"Allocated Personal Advisor", "Pat Ellis"}));
    EXPECT_EQ(first.worker, "Jae Vang");
    EXPECT_EQ(first.latest_review->iso(), "2021-01-10");
    EXPECT_EQ(first.last_visit->iso(), "2021-02-01");
    EXPECT_EQ(first.in_touch, true);
    EXPECT_EQ(first.suitable_accommodation, true);
    EXPECT_EQ(first.activity, "F1");
    EXPECT_EQ(rows[1].in_touch, false);
    EXPECT_EQ(rows[1].suitable_accommodation, false);
    EXPECT_EQ(rows[1].activity, "G6");
    EXPECT_FALSE(rows[2].in_touch) << "d) Refu: the young person refuses contact";
    EXPECT_EQ(rows[3].activity, "F3");

    EXPECT_EQ(read->skipped_by_reason.at("List 9 (care leavers) row with an unknown code"), 2u);
    ASSERT_EQ(read->problems.size(), 3u);
    const auto& activity = read->problems[0];
    EXPECT_EQ(activity.line, 5u);
    EXPECT_EQ(activity.column, 17u);
    EXPECT_EQ(activity.column_name, "Activity Status");
    EXPECT_NE(activity.message.find("'X9: Travelling'"), std::string::npos) << activity.message;
    EXPECT_NE(activity.message.find("F1, P1, F2, P2"), std::string::npos) << activity.message;
    EXPECT_FALSE(activity.fix.empty());
}

// A file refused as a whole adds no snapshot.
TEST(ReadReturn, AddsNoAnnexASnapshotForAFileItRefuses) {
    domain::CaseData data;
    EXPECT_FALSE(
        read_return(fixture("903/episodes.csv"), ReturnFormat::AnnexAList, data).has_value());
    EXPECT_FALSE(
        read_return(fixture("cin/happy.xml"), ReturnFormat::AnnexAWorkbook, data).has_value());
    EXPECT_TRUE(data.annex_a.empty());
}

// One post is at most one full-time equivalent (the CSWW schema's 0 to 1): FTE 1,000,000 would
// make one agency worker outweigh every employee.
TEST(ReadReturn, SkipsAWorkerWhoseFteIsOutsideWhatOnePostCanHave) {
    TempDir dir;
    std::string xml =
        "<Message><Header><CollectionDetails><Collection>CSWW</Collection>"
        "<ReferenceDate>2023-09-30</ReferenceDate></CollectionDetails></Header>\n";
    for (const char* fte : {"1000000", "1", "1.000001", "-0.5", "0", "0.978729"}) {
        xml += std::string("<CSWWWorker><AgencyWorker>1</AgencyWorker><SWENo>SW") + fte +
               "</SWENo><FTE>" + fte + "</FTE></CSWWWorker>\n";
    }
    xml += "</Message>\n";
    write_file(dir / "csww.xml", xml);
    domain::CaseData data;
    const auto census = read_return(dir / "csww.xml", ReturnFormat::Csww, data);
    ASSERT_TRUE(census.has_value()) << census.error().message;
    EXPECT_EQ(census->records_used, 3u);
    EXPECT_EQ(census->skipped_by_reason.at("worker with an unreadable FTE"), 3u);
    ASSERT_EQ(census->problems.size(), 3u);
    EXPECT_EQ(to_string(census->problems[0]), (dir / "csww.xml").string() +
                                                  ":2:67: at worker SW1000000: <FTE> '1000000' is "
                                                  "outside the full-time equivalents one post "
                                                  "can have (0 to 1); record the post's full-time "
                                                  "equivalent from 0 to 1, e.g. 1 or 0.6; a "
                                                  "worker with two posts has a record for each");

    write_file(dir / "workforce.csv",
               "worker_id,agency,fte,reference_date\nW1,agency,1000000,2024-03-31\nW2,employed,1,"
               "2024-03-31\n");
    const auto extract = read_return(dir / "workforce.csv", ReturnFormat::Workforce, data);
    ASSERT_TRUE(extract.has_value()) << extract.error().message;
    EXPECT_EQ(extract->records_used, 1u);
    ASSERT_EQ(extract->problems.size(), 1u);
    EXPECT_EQ(extract->problems[0].line, 2u);
    EXPECT_EQ(extract->problems[0].column_name, "fte");
    EXPECT_EQ(extract->problems[0].message,
              "fte '1000000' is outside the full-time equivalents one post can have (0 to 1)");
}

TEST(ReadReturn, NeverCrashesOnGarbage) {
    TempDir dir;
    const std::string garbage[] = {"", "\x00\x01\x02", "<", "<Message><Children><Child>", "\"", "PK\x03\x04",
                                   "<Message><Header><CollectionDetails><Collection>CIN</Collection>",
                                   "CHILD,DECOM,LS,DEC,REC\n\"1,2\n"};
    int n = 0;
    for (const auto& text : garbage) {
        const auto path = dir / ("g" + std::to_string(n++));
        write_file(path, text);
        for (const auto format : kAllReturnFormats) {
            domain::CaseData data;
            const auto result = read_return(path, format, data);
            (void)result;
        }
        (void)detect_format(path);
    }
    SUCCEED();
}

}  // namespace
}  // namespace csip::import
