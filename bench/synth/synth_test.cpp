// The synthetic returns are what csip reads: each file is recognised and read back by csip's
// own readers, with the records the generator meant (its deliberate errors skipped under their
// reasons), and the in-memory case data the benchmarks use is the same as what is read.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "../../tests/support/temp_dir.hpp"
#include "import/returns/detect.hpp"
#include "import/returns/read_return.hpp"
#include "synth/cin_census_writer.hpp"
#include "synth/ssda903_writer.hpp"
#include "synth/synth_case_data.hpp"

namespace csip::bench {
namespace {

using csip::testing::read_file;
using csip::testing::TempDir;
using domain::Date;
using import::ReturnFormat;

Date day(int y, int m, int d) { return Date::from_ymd(y, m, d).value(); }

// Records compared on what they say, not on where they were read from.
auto fields(const domain::Assessment& a) { return std::tie(a.child_id, a.start, a.authorised); }
auto fields(const domain::Section47Enquiry& e) {
    return std::tie(e.child_id, e.start, e.initial_conference, e.conference_not_required);
}
auto fields(const domain::ProtectionPlan& p) {
    return std::tie(p.child_id, p.start, p.end, p.reviews);
}
auto fields(const domain::CareEpisode& e) {
    return std::tie(e.child_id, e.start, e.legal_status, e.end, e.reason_ended);
}
auto fields(const domain::CareReview& r) { return std::tie(r.child_id, r.held); }
auto fields(const domain::ContinuouslyLookedAfter& c) {
    return std::tie(c.child_id, c.health_assessment, c.teeth_check);
}

template <typename T>
void expect_same_records(const std::vector<T>& read, const std::vector<T>& built) {
    ASSERT_EQ(read.size(), built.size());
    for (std::size_t i = 0; i < read.size(); ++i) {
        ASSERT_TRUE(fields(read[i]) == fields(built[i])) << "record " << i << " differs";
    }
}

TEST(SynthCinCensus, IsRecognisedAndReadBackWithEveryRecordItWrote) {
    TempDir dir;
    const SynthOptions options{3000, 2023, 11};
    const auto summary = write_cin_census(options, dir / "cin.xml");
    ASSERT_TRUE(summary) << summary.error().message;
    EXPECT_EQ(summary->children, 3000u);
    EXPECT_EQ(import::detect_format(dir / "cin.xml"), ReturnFormat::CinCensus);

    domain::CaseData data;
    const auto report = import::read_return(dir / "cin.xml", ReturnFormat::CinCensus, data);
    ASSERT_TRUE(report) << report.error().message;
    EXPECT_EQ(report->records_read, summary->assessments + summary->enquiries + summary->plans);
    EXPECT_EQ(report->records_used,
              summary->usable_assessments + summary->usable_enquiries + summary->usable_plans);
    EXPECT_EQ(data.assessments.size(), summary->usable_assessments);
    EXPECT_EQ(data.enquiries.size(), summary->usable_enquiries);
    EXPECT_EQ(data.protection_plans.size(), summary->usable_plans);
    std::uint64_t reviews = 0;
    for (const auto& plan : data.protection_plans) reviews += plan.reviews.size();
    EXPECT_EQ(reviews, summary->usable_reviews);

    const domain::CaseData built = cin_case_data(options);
    expect_same_records(data.assessments, built.assessments);
    expect_same_records(data.enquiries, built.enquiries);
    expect_same_records(data.protection_plans, built.protection_plans);
}

TEST(SynthCinCensus, HasTheDeliberateErrorsSkippedUnderTheirReasons) {
    TempDir dir;
    const SynthOptions options{10000, 2022, 3};
    const auto summary = write_cin_census(options, dir / "cin.xml");
    ASSERT_TRUE(summary) << summary.error().message;
    domain::CaseData data;
    const auto report = import::read_return(dir / "cin.xml", ReturnFormat::CinCensus, data);
    ASSERT_TRUE(report) << report.error().message;

    const std::set<std::string> expected = {
        "assessment without a start date",
        "assessment authorised before it started",
        "section 47 enquiry without a start date",
        "initial conference before its section 47 enquiry started",
        "child protection plan that ended before it started",
        "record of a child without an LAchildID",
    };
    std::uint64_t skipped = 0;
    for (const auto& [reason, count] : report->skipped_by_reason) {
        EXPECT_TRUE(expected.count(reason)) << "unexpected skip reason: " << reason;
        skipped += count;
    }
    EXPECT_EQ(skipped, report->records_read - report->records_used);
    EXPECT_GT(report->skipped_by_reason.count("assessment without a start date"), 0u);
    EXPECT_GT(report->skipped_by_reason.count("assessment authorised before it started"), 0u);
}

TEST(SynthCinCensus, HoldsNationalProportionsWithDatesUpToTheReferenceDate) {
    const SynthOptions options{20000, 2023, 5};
    const CinModel model(options);
    CinSummary summary;
    SynthCinChild child;
    std::uint64_t children_with_enquiry = 0, children_with_plan = 0, referred_in_year = 0;
    const Date reference = day(2024, 3, 31);
    const Date earliest = reference.plus_days(-4 * 365);
    for (std::uint64_t i = 0; i < options.children; ++i) {
        model.child(i, child);
        count_child(child, summary);
        bool enquiry = false, plan = false;
        for (const auto& d : child.details) {
            EXPECT_LE(d.referral, reference);
            EXPECT_GE(d.referral, earliest);
            if (d.referral >= day(2023, 4, 1)) ++referred_in_year;
            for (const auto& a : d.assessments) {
                if (a.authorised) {
                    EXPECT_LE(*a.authorised, reference);
                }
            }
            enquiry = enquiry || d.enquiry.has_value();
            if (d.plan) {
                plan = true;
                EXPECT_GE(d.plan->reviews.size(), 1u);
                EXPECT_LE(d.plan->reviews.size(), 4u);
                EXPECT_TRUE(std::is_sorted(d.plan->reviews.begin(), d.plan->reviews.end()));
                for (const Date review : d.plan->reviews) EXPECT_LE(review, reference);
            }
        }
        children_with_enquiry += enquiry ? 1 : 0;
        children_with_plan += plan ? 1 : 0;
    }
    const auto share = [&](std::uint64_t n) {
        return static_cast<double>(n) / static_cast<double>(options.children);
    };
    EXPECT_GT(share(summary.assessments), 0.85);  // most children are assessed
    EXPECT_NEAR(share(children_with_enquiry), 0.10, 0.02);
    EXPECT_NEAR(share(children_with_plan), 0.05, 0.01);
    EXPECT_GT(share(referred_in_year), 0.6);  // most referrals in the collection year
}

TEST(SynthCinCensus, WritesTheSameBytesForTheSameSeedOnly) {
    TempDir dir;
    ASSERT_TRUE(write_cin_census({200, 2023, 42}, dir / "a.xml"));
    ASSERT_TRUE(write_cin_census({200, 2023, 42}, dir / "b.xml"));
    ASSERT_TRUE(write_cin_census({200, 2023, 43}, dir / "c.xml"));
    EXPECT_EQ(read_file(dir / "a.xml"), read_file(dir / "b.xml"));
    EXPECT_NE(read_file(dir / "a.xml"), read_file(dir / "c.xml"));
}

TEST(SynthOptions, RefusesAYearTheBankHolidayTableCannotCover) {
    TempDir dir;
    const auto late = write_cin_census({10, 2027, 1}, dir / "cin.xml");
    ASSERT_FALSE(late);
    EXPECT_EQ(late.error().field, "year");
    EXPECT_FALSE(write_ssda903({10, 2015, 1}, dir.path()));
    EXPECT_FALSE(write_ssda903({0, 2023, 1}, dir.path()));
}

TEST(Synth903, EachTableIsRecognisedAndReadBackWithEveryRowItWrote) {
    TempDir dir;
    const SynthOptions options{2000, 2023, 9};
    const auto summary = write_ssda903(options, dir.path());
    ASSERT_TRUE(summary) << summary.error().message;

    const struct {
        const char* file;
        ReturnFormat format;
        std::uint64_t rows;
        std::uint64_t used;
    } tables[] = {
        {"header.csv", ReturnFormat::Ssda903Header, summary->children, 0},
        {"episodes.csv", ReturnFormat::Ssda903Episodes, summary->episodes,
         summary->usable_episodes},
        {"reviews.csv", ReturnFormat::Ssda903Reviews, summary->reviews, summary->usable_reviews},
        {"oc2.csv", ReturnFormat::Ssda903Oc2, summary->oc2_rows, summary->usable_oc2_rows},
    };
    domain::CaseData data;
    for (const auto& table : tables) {
        SCOPED_TRACE(table.file);
        EXPECT_EQ(import::detect_format(dir / table.file), table.format);
        const auto report = import::read_return(dir / table.file, table.format, data);
        ASSERT_TRUE(report) << report.error().message;
        EXPECT_EQ(report->records_read, table.rows);
        EXPECT_EQ(report->records_used, table.used);
    }
    EXPECT_EQ(summary->children, 2000u);

    const domain::CaseData built = ssda903_case_data(options);
    expect_same_records(data.care_episodes, built.care_episodes);
    expect_same_records(data.care_reviews, built.care_reviews);
    expect_same_records(data.continuously_looked_after, built.continuously_looked_after);
}

TEST(Synth903, ChainsEpisodesWithX1AndKeepsShortBreaksApart) {
    const SynthOptions options{5000, 2023, 2};
    const Ssda903Model model(options);
    const Date reference = day(2024, 3, 31);
    SynthLookedAfterChild child;
    std::uint64_t chained = 0, short_breaks = 0, oc2 = 0;
    for (std::uint64_t i = 0; i < options.children; ++i) {
        model.child(i, child);
        for (std::size_t k = 0; k < child.episodes.size(); ++k) {
            const SynthEpisode& e = child.episodes[k];
            EXPECT_LE(e.start, reference);
            if (e.legal_status == "V3" || e.legal_status == "V4") ++short_breaks;
            if (e.reason_ended == "X1") {
                // The next episode begins the day this one ends: care goes on.
                ASSERT_LT(k + 1, child.episodes.size());
                ASSERT_TRUE(e.end);
                EXPECT_EQ(child.episodes[k + 1].start, *e.end);
                ++chained;
            }
            if (k + 1 < child.episodes.size() && e.usable) {
                EXPECT_LE(e.start, child.episodes[k + 1].start);
            }
        }
        if (child.oc2) {
            ++oc2;
            // Looked after continuously for 12 months at 31 March: the last period is open
            // and its chain began at least a year before.
            ASSERT_FALSE(child.episodes.empty());
            EXPECT_FALSE(child.episodes.back().end);
        }
    }
    EXPECT_GT(chained, options.children / 4);
    EXPECT_GT(short_breaks, 0u);
    EXPECT_GT(oc2, options.children / 5);
}

}  // namespace
}  // namespace csip::bench
