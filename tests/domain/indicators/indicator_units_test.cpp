// The indicator rules of DESIGN.md §4, one table row per case, every date counted by hand.
// Each row gives the records of one case, and the units (rendered as text: child, unit date,
// on time or late, the last on-time date, days over) and exclusions the engine must produce.
// Adding a case adds a row.
#include "domain/indicators/indicator_units.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include "case_records.hpp"

namespace csip::domain {
namespace {

using namespace test_records;

constexpr auto kInitial = ConferenceType::Initial;
constexpr auto kReview = ConferenceType::Review;

// --- rendering, so that a failure reads like the case ------------------------------------------

std::string render(const IndicatorUnit& unit) {
    std::string text = unit.subject_id + " " + (unit.unit_date ? unit.unit_date->iso() : "-") +
                       (unit.in_numerator ? " on time" : " late");
    if (unit.due) text += " due " + unit.due->iso();
    if (unit.days_over) {
        text += " +" + std::to_string(*unit.days_over) +
                (unit.day_count == DayCount::Working ? "wd" : "d");
    }
    return text;
}

struct ExpectedExclusion {
    std::string subject_and_date;  // "A 2015-09-01"
    std::string reason_contains;
};

struct RuleCase {
    const char* name;
    IndicatorId indicator;
    std::function<CaseData()> records;
    std::vector<std::string> units;  // in date, then child order
    std::vector<ExpectedExclusion> exclusions;
};

// Test names and failures show the case by its name.
void PrintTo(const RuleCase& c, std::ostream* out) { *out << c.name; }

class IndicatorRules : public ::testing::TestWithParam<RuleCase> {};

TEST_P(IndicatorRules, ProduceTheUnitsCountedByHand) {
    const RuleCase& c = GetParam();
    const auto built = build_units(indicator_definition(c.indicator), c.records(),
                                   IndicatorSettings{}, WorkingDayCalendar::england_and_wales());
    ASSERT_TRUE(built) << built.error().message;
    std::vector<std::string> units;
    for (const auto& unit : built->units) units.push_back(render(unit));
    EXPECT_EQ(units, c.units);
    ASSERT_EQ(built->exclusions.size(), c.exclusions.size());
    for (std::size_t i = 0; i < c.exclusions.size(); ++i) {
        const auto& actual = built->exclusions[i];
        EXPECT_EQ(actual.subject_id + " " + (actual.on ? actual.on->iso() : "-"),
                  c.exclusions[i].subject_and_date);
        EXPECT_EQ(actual.kind, ExclusionKind::DataQuality);
        EXPECT_NE(actual.reason.find(c.exclusions[i].reason_contains), std::string::npos)
            << actual.reason;
    }
    EXPECT_TRUE(built->open.empty()) << "open items are listed only for an as-of date";
}

// --- assessments_45wd: wd(start, authorised) <= 45 ---------------------------------------------
// From Mon 14 Sep 2015 (excluded): Tue 15 - Fri 18 are 4, then five a week: 25 Sep 9, 2 Oct 14,
// 9 Oct 19, 16 Oct 24, 23 Oct 29, 30 Oct 34, 6 Nov 39, 13 Nov 44; Mon 16 Nov is the 45th and
// Tue 17 Nov the 46th. No bank holiday falls in between.
// From Fri 11 Sep 2015: Fri 13 Nov is the 45th, so Sat 14 and Sun 15 are still 45 (on time);
// Mon 16 Nov is the 46th.
// From Mon 2 Nov 2015: Tue 3 - Fri 6 are 4; 13 Nov 9, 20 Nov 14, 27 Nov 19, 4 Dec 24, 11 Dec 29,
// 18 Dec 34; Mon 21 - Thu 24 Dec 38; Fri 25 and Mon 28 Dec are bank holidays; Tue 29 - Thu 31
// 41; Fri 1 Jan a bank holiday; Mon 4 - Thu 7 Jan 45; Fri 8 Jan the 46th.
const std::vector<RuleCase> kAssessmentCases = {
    {"Assessment45WorkingDaysIsOnTime",
     IndicatorId::Assessments45Wd,
     [] { return records(assessment("A", "2015-09-14", "2015-11-16")); },
     {"A 2015-11-16 on time due 2015-11-16"},
     {}},
    {"Assessment46WorkingDaysIsLate",
     IndicatorId::Assessments45Wd,
     [] { return records(assessment("A", "2015-09-14", "2015-11-17")); },
     {"A 2015-11-17 late due 2015-11-16 +1wd"},
     {}},
    {"AssessmentAuthorisedTheWeekendAfterThe45thDayIsOnTime",
     IndicatorId::Assessments45Wd,
     [] { return records(assessment("A", "2015-09-11", "2015-11-14")); },
     {"A 2015-11-14 on time due 2015-11-15"},
     {}},
    {"AssessmentAcrossChristmas45IsOnTime",
     IndicatorId::Assessments45Wd,
     [] { return records(assessment("A", "2015-11-02", "2016-01-07")); },
     {"A 2016-01-07 on time due 2016-01-07"},
     {}},
    {"AssessmentAcrossChristmas46IsLate",
     IndicatorId::Assessments45Wd,
     [] { return records(assessment("A", "2015-11-02", "2016-01-08")); },
     {"A 2016-01-08 late due 2016-01-07 +1wd"},
     {}},
    {"AssessmentAuthorisedTheDayItStartedIsOnTime",
     IndicatorId::Assessments45Wd,
     [] { return records(assessment("A", "2015-09-14", "2015-09-14")); },
     {"A 2015-09-14 on time due 2015-11-16"},
     {}},
    {"AssessmentAuthorisedBeforeItStartedIsExcluded",
     IndicatorId::Assessments45Wd,
     [] { return records(assessment("A", "2015-09-14", "2015-09-10")); },
     {},
     {{"A 2015-09-10", "before it started"}}},
    {"AssessmentWithNoStartIsExcluded",
     IndicatorId::Assessments45Wd,
     [] { return records(assessment("A", nullptr, "2015-09-10")); },
     {},
     {{"A 2015-09-10", "no start date"}}},
    {"AssessmentNotYetAuthorisedIsNotAUnit",
     IndicatorId::Assessments45Wd,
     [] { return records(assessment("A", "2015-09-14", nullptr)); },
     {},
     {}},
};

// --- icpc_15wd: wd(S47 start, ICPC) <= 15 ------------------------------------------------------
// From Wed 7 Sep 2022: Thu 8, Fri 9 (2); Mon 12 - Fri 16 (7); Mon 19 is the State Funeral;
// Tue 20 - Fri 23 (11); Mon 26 - Thu 29 (15); Fri 30 the 16th.
const std::vector<RuleCase> kConferenceCases = {
    {"Icpc15WorkingDaysIsOnTime",
     IndicatorId::Icpc15Wd,
     [] { return records(enquiry("B", "2022-09-07", "2022-09-29")); },
     {"B 2022-09-29 on time due 2022-09-29"},
     {}},
    {"Icpc16WorkingDaysIsLate",
     IndicatorId::Icpc15Wd,
     [] { return records(enquiry("B", "2022-09-07", "2022-09-30")); },
     {"B 2022-09-30 late due 2022-09-29 +1wd"},
     {}},
    {"IcpcNotRequiredIsNotCounted",
     IndicatorId::Icpc15Wd,
     [] { return records(enquiry("B", "2022-09-07", nullptr, true)); },
     {},
     {}},
    {"IcpcDateWithNotRequiredIsExcluded",
     IndicatorId::Icpc15Wd,
     [] { return records(enquiry("B", "2022-09-07", "2022-09-20", true)); },
     {},
     {{"B 2022-09-20", "ICPCnotRequired"}}},
    {"IcpcBeforeTheEnquiryIsExcluded",
     IndicatorId::Icpc15Wd,
     [] { return records(enquiry("B", "2022-09-07", "2022-09-06")); },
     {},
     {{"B 2022-09-06", "before the section 47 enquiry started"}}},
};

// --- cp_reviews_on_time: first <= start + 3 months, later <= previous + 6 months ---------------
// 31 May + 3 months = 31 August; 31 August + 6 months = 29 February 2016 (a leap year) or
// 28 February 2015.
const std::vector<RuleCase> kProtectionReviewCases = {
    {"CpReviewsOnTheLastDayOfEachTimescaleAreOnTime",
     IndicatorId::CpReviewsOnTime,
     [] {
         return records(plan("C", "2015-05-31", nullptr, {"2015-08-31", "2016-02-29"}));
     },
     {"C 2015-08-31 on time due 2015-08-31", "C 2016-02-29 on time due 2016-02-29"},
     {}},
    {"CpReviewTheDayAfter28FebruaryIsLate",
     IndicatorId::CpReviewsOnTime,
     [] {
         return records(plan("C", "2014-05-31", nullptr, {"2014-08-31", "2015-03-01"}));
     },
     {"C 2014-08-31 on time due 2014-08-31", "C 2015-03-01 late due 2015-02-28 +1d"},
     {}},
    {"CpFirstReviewAfterThreeMonthsIsLate",
     IndicatorId::CpReviewsOnTime,
     [] { return records(plan("C", "2015-01-10", nullptr, {"2015-04-13"})); },
     {"C 2015-04-13 late due 2015-04-10 +3d"},
     {}},
    {"CpReviewRecordedTwiceCountsOnce",
     IndicatorId::CpReviewsOnTime,
     [] {
         return records(
             plan("C", "2015-05-31", nullptr, {"2016-02-29", "2015-08-31", "2015-08-31"}));
     },
     {"C 2015-08-31 on time due 2015-08-31", "C 2016-02-29 on time due 2016-02-29"},
     {}},
    {"CpReviewsOutsideThePlanAreExcluded",
     IndicatorId::CpReviewsOnTime,
     [] {
         return records(
             plan("C", "2015-05-31", "2016-01-15", {"2015-05-01", "2015-08-31", "2016-02-29"}));
     },
     {"C 2015-08-31 on time due 2015-08-31"},
     {{"C 2015-05-01", "outside the plan"}, {"C 2016-02-29", "outside the plan"}}},
    {"CpReviewsOfOnePlanDoNotChainIntoAnother",
     IndicatorId::CpReviewsOnTime,
     [] {
         return records(plan("C", "2015-01-10", "2015-03-01", {"2015-02-01"}),
                        plan("C", "2015-06-01", nullptr, {"2015-09-01"}));
     },
     {"C 2015-02-01 on time due 2015-04-10", "C 2015-09-01 on time due 2015-09-01"},
     {}},
};

// --- cla_reviews_on_time: first <= add_wd(start, 20), second <= first + 3 months, later <=
// previous + 6 months; a period of care joins episodes ended with REC X1 ------------------------
// From Tue 1 Dec 2015: the 20th working day is Thu 31 Dec (working_days_test), the 21st Mon
// 4 Jan 2016 (Fri 1 Jan a bank holiday).
// From Tue 5 May 2015: Wed 6 - Fri 8 (3), 11-15 (8), 18-22 (13), Mon 25 a bank holiday, 26-29
// (17), Mon 1 - Wed 3 June (20): due 3 June.
// From Mon 5 Jan 2015: 6-9 (4), 12-16 (9), 19-23 (14), 26-30 (19), Mon 2 Feb (20).
// From Mon 2 Mar 2015: 3-6 (4), 9-13 (9), 16-20 (14), 23-27 (19), Mon 30 Mar (20).
const std::vector<RuleCase> kCareReviewCases = {
    {"ClaFirstReviewOnThe20thWorkingDayIsOnTime",
     IndicatorId::ClaReviewsOnTime,
     [] {
         return records(episode("D", "2015-12-01", "C2", nullptr, ""),
                        care_review("D", "2015-12-31"));
     },
     {"D 2015-12-31 on time due 2015-12-31"},
     {}},
    {"ClaFirstReviewOnThe21stWorkingDayIsLate",
     IndicatorId::ClaReviewsOnTime,
     [] {
         return records(episode("D", "2015-12-01", "C2", nullptr, ""),
                        care_review("D", "2016-01-04"));
     },
     {"D 2016-01-04 late due 2015-12-31 +4d"},
     {}},
    {"ClaSecondReviewWithinThreeMonthsLaterWithinSix",
     IndicatorId::ClaReviewsOnTime,
     [] {
         return records(episode("D", "2015-05-05", "C2", nullptr, ""),
                        care_review("D", "2015-06-01"), care_review("D", "2015-08-31"),
                        care_review("D", "2016-02-29"), care_review("D", "2016-08-30"));
     },
     {"D 2015-06-01 on time due 2015-06-03", "D 2015-08-31 on time due 2015-09-01",
      "D 2016-02-29 on time due 2016-02-29", "D 2016-08-30 late due 2016-08-29 +1d"},
     {}},
    {"ClaReviewRecordedTwiceCountsOnce",
     IndicatorId::ClaReviewsOnTime,
     [] {
         return records(episode("D", "2015-12-01", "C2", nullptr, ""),
                        care_review("D", "2015-12-31"), care_review("D", "2015-12-31"));
     },
     {"D 2015-12-31 on time due 2015-12-31"},
     {}},
    {"ClaX1JoinsEpisodesIntoOnePeriodOfCare",
     IndicatorId::ClaReviewsOnTime,
     [] {
         return records(episode("E", "2015-03-02", "C2", "2015-09-30", "E11"),
                        episode("E", "2015-01-05", "C2", "2015-03-02", "X1"),
                        care_review("E", "2015-01-30"), care_review("E", "2015-04-20"),
                        care_review("E", "2015-10-20"));
     },
     // The second episode continues the period: 20 April is its second review (due 30 April).
     {"E 2015-01-30 on time due 2015-02-02", "E 2015-04-20 on time due 2015-04-30"},
     {{"E 2015-10-20", "outside any period of care"}}},
    {"ClaOtherReasonEndedStartsANewPeriod",
     IndicatorId::ClaReviewsOnTime,
     [] {
         return records(episode("F", "2015-01-05", "C2", "2015-03-02", "E4A"),
                        episode("F", "2015-03-02", "C2", nullptr, ""),
                        care_review("F", "2015-01-30"), care_review("F", "2015-04-20"));
     },
     // A new period from 2 March: 20 April is its first review, due 30 March.
     {"F 2015-01-30 on time due 2015-02-02", "F 2015-04-20 late due 2015-03-30 +21d"},
     {}},
    {"ClaShortBreaksAreNotPeriodsOfCare",
     IndicatorId::ClaReviewsOnTime,
     [] {
         return records(episode("G", "2015-01-05", "V3", "2015-01-09", "E8"),
                        episode("G", "2015-02-02", "V4", "2015-02-06", "E8"),
                        episode("G", "2015-03-02", "C2", nullptr, ""),
                        care_review("G", "2015-01-07"), care_review("G", "2015-02-04"),
                        care_review("G", "2015-03-30"));
     },
     {"G 2015-03-30 on time due 2015-03-30"},
     {{"G 2015-01-07", "outside any period of care"},
      {"G 2015-02-04", "outside any period of care"}}},
    {"ClaShortBreakDoesNotBreakAnX1Chain",
     IndicatorId::ClaReviewsOnTime,
     [] {
         return records(episode("H", "2015-01-05", "C2", "2015-03-02", "X1"),
                        episode("H", "2015-02-10", "V3", "2015-02-12", "E8"),
                        episode("H", "2015-03-02", "C2", nullptr, ""),
                        care_review("H", "2015-01-30"), care_review("H", "2015-04-20"));
     },
     {"H 2015-01-30 on time due 2015-02-02", "H 2015-04-20 on time due 2015-04-30"},
     {}},
    {"ClaReviewInOverlappingPeriodsBelongsToTheLatestStarting",
     IndicatorId::ClaReviewsOnTime,
     [] {
         // The first episode was never closed (a data slip); the second starts a new period.
         return records(episode("I", "2015-01-05", "C2", nullptr, ""),
                        episode("I", "2015-03-02", "C2", nullptr, ""),
                        care_review("I", "2015-03-27"));
     },
     {"I 2015-03-27 on time due 2015-03-30"},
     {}},
    {"ClaReviewOfAChildWithNoEpisodesIsExcluded",
     IndicatorId::ClaReviewsOnTime,
     [] { return records(care_review("J", "2015-03-27")); },
     {},
     {{"J 2015-03-27", "outside any period of care"}}},
};

// --- cp_visits_on_time: wd(previous seen visit of the plan, or plan start, visit) <= 10 --------
// From Mon 14 Sep 2015: 15-18 (4), 21-25 (9), Mon 28 (10), Tue 29 (11).
// From Mon 28 Sep 2015: 29, 30 Sep, 1, 2 Oct (4), 5-9 (9), Mon 12 (10), Tue 13 Oct (11).
// From Mon 14 Dec 2015: 15-18 (4), 21-24 (8), Fri 25 and Mon 28 bank holidays, Tue 29 (9),
// Wed 30 (10), Thu 31 (11).
const std::vector<RuleCase> kVisitCases = {
    {"CpVisitsChainFromThePlanStart",
     IndicatorId::CpVisitsOnTime,
     [] {
         return records(plan("K", "2015-09-14", nullptr), visit("K", "2015-09-28", true),
                        visit("K", "2015-10-13", true));
     },
     {"K 2015-09-28 on time due 2015-09-28", "K 2015-10-13 late due 2015-10-12 +1wd"},
     {}},
    {"CpVisitAcrossChristmasOnThe10thWorkingDayIsOnTime",
     IndicatorId::CpVisitsOnTime,
     [] { return records(plan("K", "2015-12-14", nullptr), visit("K", "2015-12-30", true)); },
     {"K 2015-12-30 on time due 2015-12-30"},
     {}},
    {"CpUnseenVisitIsExcludedAndDoesNotRestartTheInterval",
     IndicatorId::CpVisitsOnTime,
     [] {
         return records(plan("K", "2015-09-14", nullptr), visit("K", "2015-09-21", false),
                        visit("K", "2015-09-29", true));
     },
     {"K 2015-09-29 late due 2015-09-28 +1wd"},
     {{"K 2015-09-21", "child not seen"}}},
    {"CpUnseenRowOnADayTheChildWasSeenIsNotExcluded",
     IndicatorId::CpVisitsOnTime,
     [] {
         return records(plan("K", "2015-09-14", nullptr), visit("K", "2015-09-28", false),
                        visit("K", "2015-09-28", true), visit("K", "2015-09-28", true));
     },
     {"K 2015-09-28 on time due 2015-09-28"},
     {}},
    {"CpVisitOutsideAnyPlanIsExcluded",
     IndicatorId::CpVisitsOnTime,
     [] {
         return records(plan("K", "2015-09-14", "2015-10-30"), visit("K", "2015-09-10", true),
                        visit("K", "2015-11-02", true), visit("L", "2015-09-15", true));
     },
     {},
     {{"K 2015-09-10", "outside any child protection plan"},
      {"L 2015-09-15", "outside any child protection plan"},
      {"K 2015-11-02", "outside any child protection plan"}}},
    {"CpVisitBelongsToTheLatestStartingPlan",
     IndicatorId::CpVisitsOnTime,
     [] {
         // Under the plan of 1 June the visit would be long overdue; under the plan of 14 Sep
         // it is the 10th working day.
         return records(plan("K", "2015-06-01", nullptr), plan("K", "2015-09-14", nullptr),
                        visit("K", "2015-09-28", true));
     },
     {"K 2015-09-28 on time due 2015-09-28"},
     {}},
};

// --- cp_reports_shared_on_time: wd(shared, conference) >= 3 (ICPC), >= 5 (RCPC) ---------------
// Conference Wed 16 Sep 2015. Shared Fri 11: Mon 14, Tue 15, Wed 16 = 3. Shared Mon 14: 2.
// The last date with 3 is Sun 13. Shared Wed 9: Thu 10, Fri 11, Mon 14, Tue 15, Wed 16 = 5;
// shared Thu 10: 4.
// Conference Tue 20 Sep 2022 (Mon 19 the State Funeral). Shared Wed 14: Thu 15, Fri 16, Tue 20
// = 3; shared Thu 15: 2.
const std::vector<RuleCase> kReportCases = {
    {"IcpcReportShared3WorkingDaysBeforeIsOnTime",
     IndicatorId::CpReportsSharedOnTime,
     [] { return records(report("M", kInitial, "2015-09-16", "2015-09-11")); },
     {"M 2015-09-16 on time due 2015-09-13"},
     {}},
    {"IcpcReportShared2WorkingDaysBeforeIsLate",
     IndicatorId::CpReportsSharedOnTime,
     [] { return records(report("M", kInitial, "2015-09-16", "2015-09-14")); },
     {"M 2015-09-16 late due 2015-09-13 +1wd"},
     {}},
    {"RcpcReportShared5WorkingDaysBeforeIsOnTime",
     IndicatorId::CpReportsSharedOnTime,
     [] { return records(report("M", kReview, "2015-09-16", "2015-09-09")); },
     {"M 2015-09-16 on time due 2015-09-09"},
     {}},
    {"RcpcReportShared4WorkingDaysBeforeIsLate",
     IndicatorId::CpReportsSharedOnTime,
     [] { return records(report("M", kReview, "2015-09-16", "2015-09-10")); },
     {"M 2015-09-16 late due 2015-09-09 +1wd"},
     {}},
    {"IcpcReportCountsAcrossTheStateFuneral",
     IndicatorId::CpReportsSharedOnTime,
     [] {
         return records(report("M", kInitial, "2022-09-20", "2022-09-14"),
                        report("N", kInitial, "2022-09-20", "2022-09-15"));
     },
     {"M 2022-09-20 on time due 2022-09-14", "N 2022-09-20 late due 2022-09-14 +1wd"},
     {}},
    {"ReportSharedAfterTheConferenceIsLate",
     IndicatorId::CpReportsSharedOnTime,
     [] { return records(report("M", kInitial, "2015-09-16", "2015-09-17")); },
     // Thu 17 is four working days after the last on-time date, Sun 13.
     {"M 2015-09-16 late due 2015-09-13 +4wd"},
     {}},
    {"ReportNotSharedIsLate",
     IndicatorId::CpReportsSharedOnTime,
     [] { return records(report("M", kReview, "2015-09-16", nullptr)); },
     {"M 2015-09-16 late due 2015-09-09"},
     {}},
};

std::vector<RuleCase> all_cases() {
    std::vector<RuleCase> cases;
    for (const auto* table : {&kAssessmentCases, &kConferenceCases, &kProtectionReviewCases,
                              &kCareReviewCases, &kVisitCases, &kReportCases}) {
        cases.insert(cases.end(), table->begin(), table->end());
    }
    return cases;
}

INSTANTIATE_TEST_SUITE_P(HandCounted, IndicatorRules, ::testing::ValuesIn(all_cases()),
                         [](const auto& test) { return std::string(test.param.name); });

// --- snapshots ---------------------------------------------------------------------------------

struct SnapshotCount {
    double numerator = 0.0;
    double denominator = 0.0;
};

SnapshotCount count(const IndicatorUnits& units) {
    SnapshotCount c;
    for (const auto& unit : units.units) {
        c.denominator += unit.weight;
        if (unit.in_numerator) c.numerator += unit.weight;
    }
    return c;
}

CaseData oc2_cohort() {
    // P is listed twice; R's health assessment is blank.
    auto data = records(oc2("P", true, false), oc2("Q", false, true), oc2("P", true, false),
                        oc2("R", std::nullopt, true));
    data.oc2_year_end = d("2016-03-31");
    return data;
}

TEST(IndicatorRules, Oc2CountsEachChildOnce) {
    const auto& calendar = WorkingDayCalendar::england_and_wales();
    const auto health = build_units(indicator_definition(IndicatorId::ClaHealthAssessments),
                                    oc2_cohort(), {}, calendar);
    ASSERT_TRUE(health);
    EXPECT_EQ(health->units.size(), 3U);
    EXPECT_EQ(count(*health).numerator, 1.0);  // P; R's blank is not a health assessment
    EXPECT_EQ(count(*health).denominator, 3.0);
    EXPECT_EQ(health->as_of, d("2016-03-31"));
    const auto dental =
        build_units(indicator_definition(IndicatorId::ClaDentalChecks), oc2_cohort(), {}, calendar);
    ASSERT_TRUE(dental);
    EXPECT_EQ(count(*dental).numerator, 2.0);  // Q and R
    EXPECT_EQ(count(*dental).denominator, 3.0);
}

TEST(IndicatorRules, Oc2DuplicateRowsCountTheCheckWhenAnyRowRecordsIt) {
    const auto health = build_units(indicator_definition(IndicatorId::ClaHealthAssessments),
                                    records(oc2("P", false, false), oc2("P", true, false)), {},
                                    WorkingDayCalendar::england_and_wales());
    ASSERT_TRUE(health);
    EXPECT_EQ(count(*health).numerator, 1.0);
    EXPECT_EQ(count(*health).denominator, 1.0);
    EXPECT_FALSE(health->as_of);  // the cohort's 31 March was not given
}

TEST(IndicatorRules, AgencyRateSumsTheFteOfWorkersInPostOnTheReferenceDate) {
    CaseData data;
    data.workforce = {WorkforceSnapshot{
        d("2022-09-30"),
        {
            worker("W1", false, 1.0, "2020-01-01", nullptr),       // in post
            worker("W2", true, 0.5, "2022-09-30", nullptr),        // starts on the day: in post
            worker("W3", true, 1.0, "2022-10-01", nullptr),        // starts the day after: not yet
            worker("W4", false, 0.8, "2019-05-01", "2022-09-30"),  // left on the day: gone
            worker("W5", true, 1.0, nullptr, "2022-10-01"),        // leaves the day after: in post
            worker("W6", false, 0.6, nullptr, nullptr),            // no dates: in post
            worker("W7", true, 1.0, nullptr, nullptr, false),      // not a qualified social worker
        }}};
    const auto rate = build_units(indicator_definition(IndicatorId::AgencySwRate), data, {},
                                  WorkingDayCalendar::england_and_wales());
    ASSERT_TRUE(rate);
    // Agency: W2 0.5 + W5 1.0; all: W1 1.0 + W2 0.5 + W5 1.0 + W6 0.6.
    EXPECT_DOUBLE_EQ(count(*rate).numerator, 1.5);
    EXPECT_DOUBLE_EQ(count(*rate).denominator, 3.1);
    EXPECT_EQ(rate->units.size(), 4U);
    EXPECT_EQ(rate->as_of, d("2022-09-30"));
}

TEST(IndicatorRules, AgencyRateDatesEachExtractsWorkersByItsOwnReferenceDate) {
    CaseData data;
    data.workforce = {
        WorkforceSnapshot{d("2015-05-31"), {worker("W1", true, 1.0, nullptr, nullptr)}},
        WorkforceSnapshot{d("2015-04-30"),
                          {worker("W1", true, 1.0, nullptr, nullptr),
                           worker("W2", false, 1.0, nullptr, nullptr)}},
    };
    const auto rate = build_units(indicator_definition(IndicatorId::AgencySwRate), data, {},
                                  WorkingDayCalendar::england_and_wales());
    ASSERT_TRUE(rate);
    ASSERT_EQ(rate->units.size(), 3U);
    EXPECT_EQ(rate->units[0].unit_date, d("2015-04-30"));
    EXPECT_EQ(rate->units[1].unit_date, d("2015-04-30"));
    EXPECT_EQ(rate->units[2].unit_date, d("2015-05-31"));
    EXPECT_EQ(rate->as_of, d("2015-05-31"));  // the latest extract
}

// --- refusals and settings ---------------------------------------------------------------------

TEST(IndicatorRules, TimingOutsideTheBankHolidayTableIsRefusedNotGuessed) {
    const auto built = build_units(indicator_definition(IndicatorId::Assessments45Wd),
                                   records(assessment("A", "2011-12-01", "2012-01-20"),
                                           assessment("B", "2015-09-14", "2015-11-16")),
                                   {}, WorkingDayCalendar::england_and_wales());
    ASSERT_TRUE(built);
    ASSERT_EQ(built->units.size(), 1U);
    EXPECT_EQ(built->units[0].subject_id, "B");
    ASSERT_EQ(built->exclusions.size(), 1U);
    EXPECT_EQ(built->exclusions[0].kind, ExclusionKind::OutsideCalendar);
    EXPECT_EQ(built->exclusions[0].on, d("2012-01-20"));
    EXPECT_NE(built->exclusions[0].reason.find("must be extended"), std::string::npos);
}

TEST(IndicatorRules, RefusesASettingOutOfRange) {
    IndicatorSettings settings;
    settings.visit_working_days = 0;
    const auto built = build_units(indicator_definition(IndicatorId::CpVisitsOnTime), CaseData{},
                                   settings, WorkingDayCalendar::england_and_wales());
    ASSERT_FALSE(built);
    EXPECT_EQ(built.error().field, "visit_working_days");
}

TEST(IndicatorRules, LocalStandardsAreSettings) {
    IndicatorSettings settings;
    settings.visit_working_days = 15;
    // From Mon 14 Sep 2015, Tue 13 Oct is the 21st working day and Tue 6 Oct the 16th: late by
    // 6 under a 15-day standard, which allowed up to Mon 5 Oct.
    const auto built =
        build_units(indicator_definition(IndicatorId::CpVisitsOnTime),
                    records(plan("K", "2015-09-14", nullptr), visit("K", "2015-10-13", true)),
                    settings, WorkingDayCalendar::england_and_wales());
    ASSERT_TRUE(built);
    ASSERT_EQ(built->units.size(), 1U);
    EXPECT_EQ(render(built->units[0]), "K 2015-10-13 late due 2015-10-05 +6wd");
    EXPECT_NE(built->rule.find("≤ 15 working days"), std::string::npos) << built->rule;
}

}  // namespace
}  // namespace csip::domain
