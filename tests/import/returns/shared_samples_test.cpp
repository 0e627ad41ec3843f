// The public sample returns in the shared data folder, read in place: each is detected as its
// format and read without failing, with the figures a person checking the file would look at.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <utility>

#include "import/returns/detect.hpp"
#include "import/returns/read_return.hpp"
#include "../../support/temp_dir.hpp"

namespace csip::import {
namespace {

namespace fs = std::filesystem;

fs::path sample(const std::string& name) { return csip::testing::shared_data_dir() / "external" / name; }

struct Read {
    ReadReport report;
    domain::CaseData data;
};

Read detect_and_read(const std::string& name, ReturnFormat expected) {
    const auto path = sample(name);
    const auto format = detect_format(path);
    EXPECT_EQ(format, expected) << name;
    Read read;
    auto result = read_return(path, expected, read.data);
    EXPECT_TRUE(result.has_value()) << name << ": " << (result ? "" : result.error().message);
    if (result) read.report = std::move(*result);
    return read;
}

std::uint64_t skipped(const ReadReport& report, const std::string& reason) {
    const auto found = report.skipped_by_reason.find(reason);
    return found == report.skipped_by_reason.end() ? 0 : found->second;
}

TEST(SharedSamples, CswwHasThirtyWorkersEighteenOfThemAgencyAtTheEndOfSeptember2022) {
    const auto read = detect_and_read("liia-tools/social_work_workforce_2022.xml", ReturnFormat::Csww);
    ASSERT_EQ(read.data.workforce.size(), 1u);
    const auto& workforce = read.data.workforce.front();
    EXPECT_EQ(workforce.reference_date.iso(), "2022-09-30");
    EXPECT_EQ(workforce.workers.size(), 30u);
    EXPECT_EQ(std::count_if(workforce.workers.begin(), workforce.workers.end(),
                            [](const domain::SocialWorker& w) { return w.agency; }),
              18);
    EXPECT_EQ(read.report.records_read, 30u);
    EXPECT_EQ(read.report.records_used, 30u);
    EXPECT_EQ(workforce.workers.front().worker_id, "Oz2054309383");
    EXPECT_DOUBLE_EQ(workforce.workers.front().fte, 0.521371);
    EXPECT_EQ(workforce.workers.front().start->iso(), "1988-04-07");
    EXPECT_EQ(workforce.workers.front().source.line, 20u);
}

TEST(SharedSamples, Ssda903EpisodesHold5050EpisodesOf2123Children) {
    const auto read = detect_and_read("csc-validator-be-903/episodes.csv", ReturnFormat::Ssda903Episodes);
    EXPECT_EQ(read.report.records_read, 5050u);
    EXPECT_EQ(read.data.care_episodes.size(), 5050u);
    std::set<std::string> children;
    std::size_t open = 0;
    for (const auto& episode : read.data.care_episodes) {
        children.insert(episode.child_id);
        if (!episode.end) ++open;
    }
    EXPECT_EQ(children.size(), 2123u);
    EXPECT_EQ(open, 1413u);
    EXPECT_EQ(read.data.care_episodes.front().start.iso(), "2016-02-15");
    EXPECT_EQ(read.data.care_episodes.front().legal_status, "C2");
    EXPECT_EQ(read.data.care_episodes.front().source.line, 2u);
}

TEST(SharedSamples, Ssda903ReviewsHold12582ReviewsSomeInTheFuture) {
    const auto read = detect_and_read("csc-validator-be-903/reviews.csv", ReturnFormat::Ssda903Reviews);
    EXPECT_EQ(read.data.care_reviews.size(), 12582u);
    EXPECT_TRUE(std::any_of(read.data.care_reviews.begin(), read.data.care_reviews.end(),
                            [](const domain::CareReview& r) { return r.held.year() == 2030; }))
        << "the reader keeps what the file says; the indicator judges it";
}

TEST(SharedSamples, Ssda903Oc2Holds2675Children) {
    const auto read = detect_and_read("csc-validator-be-903/oc2.csv", ReturnFormat::Ssda903Oc2);
    EXPECT_EQ(read.data.continuously_looked_after.size(), 2675u);
    EXPECT_EQ(std::count_if(read.data.continuously_looked_after.begin(), read.data.continuously_looked_after.end(),
                            [](const domain::ContinuouslyLookedAfter& c) { return c.health_assessment == true; }),
              1364);
    EXPECT_EQ(std::count_if(read.data.continuously_looked_after.begin(), read.data.continuously_looked_after.end(),
                            [](const domain::ContinuouslyLookedAfter& c) { return c.teeth_check == true; }),
              1325);
}

TEST(SharedSamples, Ssda903HeaderIsRecognisedAndKeptForNothing) {
    const auto read = detect_and_read("csc-validator-be-903/header.csv", ReturnFormat::Ssda903Header);
    EXPECT_EQ(read.report.records_read, 2675u);
    EXPECT_EQ(read.report.records_used, 0u);
    EXPECT_EQ(skipped(read.report, "903 header rows: child characteristics, which no indicator reads"), 2675u);
    EXPECT_TRUE(read.report.problems.empty());
}

TEST(SharedSamples, Ssda903TablesCsipDoesNotReadAreNotRecognised) {
    for (const auto* name : {"csc-validator-be-903/missing.csv", "csc-validator-be-903/uasc.csv",
                             "csc-validator-be-903/fake_903.xml"}) {
        EXPECT_EQ(detect_format(sample(name)), std::nullopt) << name;
    }
}

TEST(SharedSamples, CinCensusOfReferralsOnlyYieldsNoIndicatorRecords) {
    const auto read = detect_and_read("csc-validator-be-cin/fake_CIN_data.xml", ReturnFormat::CinCensus);
    EXPECT_EQ(read.report.records_read, 0u);
    EXPECT_TRUE(read.data.assessments.empty());
    EXPECT_TRUE(read.data.enquiries.empty());
    EXPECT_TRUE(read.data.protection_plans.empty());
}

TEST(SharedSamples, CinCensusWithEveryModuleReportsTheAssessmentAuthorisedBeforeItStarted) {
    for (const auto* name : {"csc-validator-be-cin/CIN_Census_2024.xml", "csc-validator-be-cin/CIN_Census_2026.xml"}) {
        const auto read = detect_and_read(name, ReturnFormat::CinCensus);
        EXPECT_EQ(read.data.assessments.size(), 1u) << name;
        EXPECT_EQ(read.data.assessments.front().child_id, "child_fails_assessments") << name;
        EXPECT_EQ(read.data.enquiries.size(), 1u) << name;
        ASSERT_EQ(read.data.protection_plans.size(), 1u) << name;
        EXPECT_EQ(read.data.protection_plans.front().reviews.size(), 1u) << name;
        EXPECT_EQ(skipped(read.report, "assessment authorised before it started"), 1u) << name;
        ASSERT_EQ(read.report.problems.size(), 1u) << name;
        EXPECT_EQ(read.report.problems.front().line, 43u) << name << ": the line of <AssessmentAuthorisationDate>";
    }
}

TEST(SharedSamples, LiiaCinCensusHasOneChildWithEachModule) {
    const auto read = detect_and_read("liia-tools/cin-2022.xml", ReturnFormat::CinCensus);
    ASSERT_EQ(read.data.assessments.size(), 1u);
    EXPECT_EQ(read.data.assessments.front().child_id, "DfEX0000001");
    EXPECT_EQ(read.data.assessments.front().authorised->iso(), "1971-07-18");
    ASSERT_EQ(read.data.enquiries.size(), 1u);
    EXPECT_EQ(read.data.enquiries.front().initial_conference->iso(), "1970-06-17");
    EXPECT_FALSE(read.data.enquiries.front().conference_not_required);
    ASSERT_EQ(read.data.protection_plans.size(), 1u);
    EXPECT_EQ(read.data.protection_plans.front().start.iso(), "1970-02-17");
    EXPECT_EQ(read.data.protection_plans.front().end->iso(), "1971-03-14");
}

// The two Annex A samples hold the same children in Ofsted's pre-2024 and 2024 column sets (the
// 2024 List 9 has 17 columns, the earlier 13). Every data row of every list is kept, in sheet
// order, in one snapshot; the samples have no row csip refuses. Row counts per list, counted in
// the workbooks' sheets: 5, 5, 6, 5, 5, 5, 7, 5, 6, 5, 5.
constexpr std::array<const char*, 2> kAnnexAWorkbooks = {"liia-tools/Annex_A.xlsx",
                                                         "liia-tools/Annex_A_2024_Jan.xlsx"};

const domain::AnnexAChild& annex_a_row(const domain::AnnexASnapshot& snapshot, int list,
                                       const std::string& id) {
    const auto found = std::find_if(
        snapshot.children.begin(), snapshot.children.end(),
        [&](const domain::AnnexAChild& c) { return c.list == list && c.child_id == id; });
    if (found == snapshot.children.end()) {
        ADD_FAILURE() << "no row " << id << " in List " << list;
        static const domain::AnnexAChild none;
        return none;
    }
    return *found;
}

std::string value_of(const domain::AnnexAChild& child, const std::string& header) {
    for (const auto& [name, value] : child.values) {
        if (name == header) return value;
    }
    ADD_FAILURE() << "List " << child.list << " row " << child.child_id << " has no column '"
                  << header << "'";
    return {};
}

std::string iso(const std::optional<domain::Date>& date) { return date ? date->iso() : "-"; }

TEST(SharedSamples, AnnexAWorkbooksKeepEveryRowOfEveryListInOneSnapshot) {
    const std::map<int, std::size_t> kRowsPerList = {
        {1, 5}, {2, 5}, {3, 6}, {4, 5}, {5, 5}, {6, 5}, {7, 7}, {8, 5}, {9, 6}, {10, 5}, {11, 5}};
    for (const auto* name : kAnnexAWorkbooks) {
        const auto read = detect_and_read(name, ReturnFormat::AnnexAWorkbook);
        EXPECT_EQ(read.report.records_read, 59u) << name;
        EXPECT_EQ(read.report.records_used, 59u) << name;
        EXPECT_TRUE(read.report.skipped_by_reason.empty()) << name;
        EXPECT_TRUE(read.report.problems.empty())
            << name << ": " << to_string(read.report.problems.front());
        EXPECT_TRUE(read.data.assessments.empty())
            << name << ": the domain derives them from List 4";
        EXPECT_TRUE(read.data.enquiries.empty()) << name << ": the domain derives them from List 5";
        ASSERT_EQ(read.data.annex_a.size(), 1u) << name;
        const auto& children = read.data.annex_a.front().children;
        std::map<int, std::size_t> rows;
        for (const auto& child : children) ++rows[child.list];
        EXPECT_EQ(rows, kRowsPerList) << name;
        EXPECT_TRUE(std::is_sorted(children.begin(), children.end(),
                                   [](const auto& a, const auto& b) { return a.list < b.list; }))
            << name << ": lists in sheet order";
        EXPECT_EQ(children.front().source.file, sample(name).string() + " (List 1)") << name;
        EXPECT_EQ(children.front().source.line, 2u) << name;
        EXPECT_EQ(children.back().source.file, sample(name).string() + " (List 11)") << name;
        EXPECT_EQ(children.back().source.line, 6u) << name;
    }
}

TEST(SharedSamples, AnnexAWorkbooksGiveEachListsFieldsWithCodesStrippedAndDatesAsIso) {
    for (const auto* name : kAnnexAWorkbooks) {
        SCOPED_TRACE(name);
        const auto read = detect_and_read(name, ReturnFormat::AnnexAWorkbook);
        ASSERT_EQ(read.data.annex_a.size(), 1u);
        const auto& snapshot = read.data.annex_a.front();

        const auto& contact = annex_a_row(snapshot, 1, "9212044");
        EXPECT_EQ(iso(contact.birth), "2015-01-25");
        EXPECT_EQ(iso(contact.start), "2020-09-16");
        EXPECT_EQ(value_of(contact, "Gender"), "Female");
        EXPECT_EQ(value_of(contact, "Ethnicity"), "WBRI");
        EXPECT_EQ(value_of(contact, "Date of Birth"), "2015-01-25");
        EXPECT_EQ(value_of(contact, "Contact Source"), "6: Police");
        EXPECT_EQ(contact.values.size(), 7u);
        EXPECT_FALSE(annex_a_row(snapshot, 1, "11973218").birth) << "D3 is empty";

        const auto& early_help = annex_a_row(snapshot, 2, "612306");
        EXPECT_EQ(iso(early_help.start), "2020-09-16");
        EXPECT_EQ(iso(early_help.end), "2020-09-30");
        EXPECT_EQ(value_of(early_help, "Organisation completing assessment"), "Top Town Academy");
        EXPECT_EQ(value_of(annex_a_row(snapshot, 2, "6890906"), "Gender"), "Not stated/recorded");

        const auto& referral = annex_a_row(snapshot, 3, "6537810");
        EXPECT_EQ(referral.team, "Multi Agency Safeguarding Hub");
        EXPECT_EQ(referral.worker, "Dustin\u00a0Hazlett") << "a no-break space, as the cell has it";
        EXPECT_EQ(iso(referral.start), "2020-09-16");
        EXPECT_EQ(value_of(referral, "Referral Source"), "8: Other");
        EXPECT_EQ(value_of(referral, "Number of Referrals in Last 12 Months"), "0");

        const auto& assessment = annex_a_row(snapshot, 4, "10692868");
        EXPECT_EQ(assessment.team, "Children in Care Team 1");
        EXPECT_EQ(assessment.worker, "Lexie\u00a0Defore");
        EXPECT_EQ(iso(assessment.start), "2019-05-16");
        EXPECT_EQ(iso(assessment.end), "2021-02-08");
        EXPECT_EQ(value_of(assessment, "Does the Child have a Disability"), "No");
        EXPECT_EQ(assessment.source.line, 2u);

        const auto& enquiry = annex_a_row(snapshot, 5, "11641472");
        EXPECT_EQ(enquiry.team, "Children with Disabilities Team");
        EXPECT_EQ(iso(enquiry.start), "2020-09-16");
        EXPECT_EQ(iso(enquiry.end), "2020-10-05");
        EXPECT_EQ(enquiry.no_conference_needed, false);
        const auto& no_conference = annex_a_row(snapshot, 5, "10273003");
        EXPECT_EQ(no_conference.no_conference_needed, true);
        EXPECT_FALSE(no_conference.end);
        EXPECT_EQ(std::count_if(snapshot.children.begin(), snapshot.children.end(),
                                [](const domain::AnnexAChild& c) {
                                    return c.list == 5 && c.no_conference_needed == true;
                                }),
                  2);

        const auto& in_need = annex_a_row(snapshot, 6, "12598894");
        EXPECT_EQ(iso(in_need.start), "2010-06-09");
        EXPECT_EQ(iso(in_need.last_visit), "2021-01-21");
        EXPECT_FALSE(in_need.end);
        EXPECT_EQ(in_need.team, "") << "M2 is #N/A";
        EXPECT_EQ(value_of(in_need, "Allocated Worker"), "");
        EXPECT_EQ(value_of(in_need, "Case Status"), "Child in need plan");

        const auto& protection = annex_a_row(snapshot, 7, "10721552");
        EXPECT_EQ(protection.worker, "Ezra Leigh");
        EXPECT_EQ(iso(protection.start), "2020-11-23");
        EXPECT_EQ(iso(protection.end), "2021-02-16");
        EXPECT_EQ(iso(protection.last_visit), "2021-01-22");
        EXPECT_EQ(iso(protection.latest_review), "2021-02-16");
        EXPECT_EQ(protection.previous_plans, 0);
        EXPECT_EQ(annex_a_row(snapshot, 7, "5358472").previous_plans, 1);
        EXPECT_EQ(value_of(protection, "Was the Child Seen Alone?"), "Yes");

        const auto& looked_after = annex_a_row(snapshot, 8, "1761444");
        EXPECT_EQ(looked_after.team, "Children in Care Team 1");
        EXPECT_EQ(looked_after.worker, "Eugene Swift");
        EXPECT_EQ(iso(looked_after.start), "2009-08-06");
        EXPECT_EQ(iso(looked_after.latest_review), "2021-01-12");
        EXPECT_EQ(iso(looked_after.last_visit), "2021-01-06");
        EXPECT_EQ(iso(looked_after.health_assessment), "2020-05-27");
        EXPECT_EQ(iso(looked_after.dental_check), "2020-01-17");
        EXPECT_EQ(looked_after.placements_last_12_months, 1);
        EXPECT_FALSE(looked_after.end);
        EXPECT_EQ(value_of(looked_after, "Child's Legal Status"), "E1: Placement order");
        EXPECT_EQ(value_of(looked_after, "Placement Type"), "U6: Foster placement - not FFA");
        EXPECT_EQ(value_of(looked_after, "Start date of current legal status"), "2010-07-12");
        EXPECT_EQ(value_of(looked_after, "Placement postcode"), "T28 2WB");
        EXPECT_EQ(looked_after.values.size(), 34u);
        EXPECT_EQ(annex_a_row(snapshot, 8, "2529037").placements_last_12_months, 2);
        const auto& ceased = annex_a_row(snapshot, 8, "3623204");
        EXPECT_EQ(iso(ceased.end), "2020-09-22");
        EXPECT_EQ(value_of(ceased, "Reason Ceased to be Looked After"),
                  "E47: Special Guardianship Orders - relative/friend");

        const auto& leaver = annex_a_row(snapshot, 9, "7961370");
        EXPECT_EQ(leaver.team, "Care Leavers Team");
        EXPECT_EQ(leaver.worker, "Jae Vang");
        EXPECT_EQ(iso(leaver.birth), "2002-08-07");
        EXPECT_EQ(leaver.in_touch, true);
        EXPECT_EQ(leaver.suitable_accommodation, true);
        EXPECT_EQ(leaver.activity, "F1");
        EXPECT_EQ(value_of(leaver, "LA in Touch"), "Yes");
        EXPECT_EQ(value_of(leaver, "Suitability of Accommodation"), "Suitable");
        EXPECT_EQ(value_of(leaver, "Activity Status"), "F1: Full time in higher education");
        EXPECT_EQ(value_of(leaver, "Eligibility Category"), "Former relevant child");
        EXPECT_EQ(annex_a_row(snapshot, 9, "13782635").activity, "G5");
        EXPECT_EQ(annex_a_row(snapshot, 9, "6102196").activity, "F3");
        const auto& blank_leaver = annex_a_row(snapshot, 9, "4939073");
        EXPECT_EQ(blank_leaver.in_touch, true);
        EXPECT_FALSE(blank_leaver.suitable_accommodation) << "L5 is empty";
        EXPECT_EQ(blank_leaver.activity, "");

        const auto& adoption = annex_a_row(snapshot, 10, "7961370");
        EXPECT_EQ(iso(adoption.start), "2009-08-06");
        EXPECT_EQ(iso(adoption.end), "2009-08-31");
        EXPECT_EQ(value_of(adoption, "Date of Adoption Order"), "2009-08-31")
            << "the header trimmed: the pre-2024 sample writes 'Date of Adoption Order '";
        EXPECT_EQ(value_of(adoption, "Family identifier"), "14159183");
        EXPECT_EQ(value_of(annex_a_row(snapshot, 10, "13782635"),
                           "Reason Why Child No Longer Placed for Adoption"),
                  "RD2");

        const auto& adopter = annex_a_row(snapshot, 11, "7105179");
        EXPECT_EQ(iso(adopter.start), "2009-08-06");
        EXPECT_EQ(iso(adopter.end), "2009-11-21");
        EXPECT_FALSE(adopter.birth);
        EXPECT_EQ(value_of(adopter, "Is the (prospective) adopter fostering for adoption?"), "Yes");
        EXPECT_EQ(value_of(adopter, "Date Stage 1 started"), "2009-08-19");
        EXPECT_EQ(adopter.values.size(), 19u);
    }
}

TEST(SharedSamples, AnnexA2024ListNineHasSeventeenColumnsTheEarlierThirteen) {
    const auto before = detect_and_read("liia-tools/Annex_A.xlsx", ReturnFormat::AnnexAWorkbook);
    const auto since =
        detect_and_read("liia-tools/Annex_A_2024_Jan.xlsx", ReturnFormat::AnnexAWorkbook);
    ASSERT_EQ(before.data.annex_a.size(), 1u);
    ASSERT_EQ(since.data.annex_a.size(), 1u);
    EXPECT_EQ(annex_a_row(before.data.annex_a.front(), 9, "7961370").values.size(), 13u);
    const auto& leaver = annex_a_row(since.data.annex_a.front(), 9, "7961370");
    ASSERT_EQ(leaver.values.size(), 17u);
    EXPECT_EQ(leaver.values[5].first,
              "Unaccompanied Asylum Seeking Child (UASC), or formerly UASC if 18 or over (Y/N)");
    EXPECT_EQ(leaver.values[9],
              (std::pair<std::string, std::string>{"Allocated Personal Advisor", ""}));
    EXPECT_EQ(leaver.values[11],
              (std::pair<std::string, std::string>{"Latest Pathway Plan Review Date", ""}));
    EXPECT_EQ(leaver.values[16], (std::pair<std::string, std::string>{
                                     "Activity Status", "F1: Full time in higher education"}));
    EXPECT_EQ(leaver.worker, "Jae Vang") << "the allocated worker, not the personal advisor";
    EXPECT_FALSE(leaver.latest_review);
    EXPECT_FALSE(leaver.last_visit);
}

}  // namespace
}  // namespace csip::import
