// The public sample returns in the shared data folder, read in place: each is detected as its
// format and read without failing, with the figures a person checking the file would look at.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

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

TEST(SharedSamples, AnnexAWorkbooksGiveTheirAssessmentsAndEnquiriesAndCheckTheRest) {
    for (const auto* name : {"liia-tools/Annex_A.xlsx", "liia-tools/Annex_A_2024_Jan.xlsx"}) {
        const auto read = detect_and_read(name, ReturnFormat::AnnexAWorkbook);
        EXPECT_EQ(read.report.records_read, 59u) << name;
        ASSERT_EQ(read.data.assessments.size(), 5u) << name;
        EXPECT_EQ(read.data.assessments.front().child_id, "10692868") << name;
        EXPECT_EQ(read.data.assessments.front().start->iso(), "2019-05-16") << name;
        EXPECT_EQ(read.data.assessments.front().authorised->iso(), "2021-02-08") << name;
        EXPECT_EQ(read.data.assessments.front().source.line, 2u) << name;
        ASSERT_EQ(read.data.enquiries.size(), 5u) << name;
        EXPECT_EQ(std::count_if(read.data.enquiries.begin(), read.data.enquiries.end(),
                                [](const domain::Section47Enquiry& e) { return e.conference_not_required; }),
                  2)
            << name;
        EXPECT_EQ(read.report.records_used, 10u) << name;
        EXPECT_EQ(skipped(read.report, "List 7 (child protection) rows: checked, not kept (Annex A gives only the "
                                       "latest dates, which csip's case data cannot hold)"),
                  7u)
            << name;
    }
}

}  // namespace
}  // namespace csip::import
