// Exceptions on an as-of date: late units in the window, open timescales already past due (with
// days over counted to the as-of date), OC2 checks not done. Dates counted by hand.
#include "domain/indicators/exceptions.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "case_records.hpp"

namespace csip::domain {
namespace {

using namespace test_records;

std::string render(const IndicatorException& e) {
    std::string text = e.subject_id;
    switch (e.kind) {
        case ExceptionKind::Late:
            text += " late";
            break;
        case ExceptionKind::Overdue:
            text += " overdue";
            break;
        case ExceptionKind::NotDone:
            text += " not done";
            break;
        case ExceptionKind::Counted:
            text += " counted";
            break;
    }
    if (e.due) text += " due " + e.due->iso();
    if (e.days_over) {
        text +=
            " +" + std::to_string(*e.days_over) + (e.day_count == DayCount::Working ? "wd" : "d");
    }
    if (!e.worker.empty()) text += " " + e.worker;
    return text;
}

std::vector<std::string> exceptions(IndicatorId id, const CaseData& data, const char* from,
                                    const char* as_of) {
    const auto found = find_exceptions(indicator_definition(id), data, IndicatorSettings{},
                                       WorkingDayCalendar::england_and_wales(), d(from), d(as_of));
    EXPECT_TRUE(found) << found.error().message;
    std::vector<std::string> out;
    if (found) {
        for (const auto& e : *found) out.push_back(render(e));
    }
    return out;
}

// From Mon 14 Sep 2015 the 45th working day is Mon 16 Nov, the 46th Tue 17 Nov (see
// indicator_units_test); an open assessment is past due from 17 Nov.
CaseData assessments() {
    return records(assessment("A", "2015-09-14", nullptr),        // open
                   assessment("B", "2015-09-14", "2015-11-17"),   // late by 1
                   assessment("C", "2015-09-14", "2015-11-16"),   // on time
                   assessment("D", "2015-09-14", "2015-12-01"));  // authorised later
}

TEST(Exceptions, OpenAssessmentIsNotOverdueOnItsLastDay) {
    EXPECT_EQ(exceptions(IndicatorId::Assessments45Wd, assessments(), "2015-11-01", "2015-11-16"),
              std::vector<std::string>{});
}

TEST(Exceptions, ListsLateAndOverdueAssessments) {
    // On Wed 18 Nov: A and D (authorised later, so open today) are 2 working days past the
    // 16th; B was authorised a day late.
    EXPECT_EQ(
        exceptions(IndicatorId::Assessments45Wd, assessments(), "2015-11-01", "2015-11-18"),
        (std::vector<std::string>{"A overdue due 2015-11-16 +2wd", "B late due 2015-11-16 +1wd",
                                  "D overdue due 2015-11-16 +2wd"}));
}

TEST(Exceptions, LateUnitsBeforeTheWindowAreLeftOut) {
    EXPECT_EQ(exceptions(IndicatorId::Assessments45Wd, assessments(), "2015-11-18", "2015-11-18"),
              (std::vector<std::string>{"A overdue due 2015-11-16 +2wd",
                                        "D overdue due 2015-11-16 +2wd"}));
}

TEST(Exceptions, OpenProtectionPlanWithNoReviewIsOverdueAfterThreeMonths) {
    // 31 Aug 2015 + 3 months = 30 Nov 2015.
    const auto data =
        records(plan("C", "2015-08-31", nullptr), plan("E", "2015-08-31", "2015-11-01"));
    EXPECT_EQ(exceptions(IndicatorId::CpReviewsOnTime, data, "2015-11-01", "2015-11-30"),
              std::vector<std::string>{});
    // E's plan ended before its review fell due: nothing is owed.
    EXPECT_EQ(exceptions(IndicatorId::CpReviewsOnTime, data, "2015-11-01", "2015-12-03"),
              std::vector<std::string>{"C overdue due 2015-11-30 +3d"});
}

TEST(Exceptions, OpenProtectionPlanAfterAReviewIsDueSixMonthsOn) {
    // Reviewed 31 Aug 2015: the next review is due 29 Feb 2016. A review dated after the as-of
    // date had not happened yet.
    const auto data = records(plan("C", "2015-05-31", nullptr, {"2015-08-31", "2016-03-10"}));
    EXPECT_EQ(exceptions(IndicatorId::CpReviewsOnTime, data, "2016-03-01", "2016-03-02"),
              std::vector<std::string>{"C overdue due 2016-02-29 +2d"});
}

TEST(Exceptions, OpenPeriodOfCareWithNoReviewIsOverdueAfter20WorkingDays) {
    // From Tue 1 Dec 2015 the 20th working day is Thu 31 Dec; on Mon 4 Jan it is 4 days over.
    const auto data = records(episode("D", "2015-12-01", "C2", nullptr, ""));
    EXPECT_EQ(exceptions(IndicatorId::ClaReviewsOnTime, data, "2015-12-01", "2016-01-04"),
              std::vector<std::string>{"D overdue due 2015-12-31 +4d"});
}

TEST(Exceptions, OpenPlanWithoutARecentVisitIsOverdueWithTheLastVisitingWorker) {
    // Last seen Mon 28 Sep 2015; the 10th working day after is Mon 12 Oct. On Wed 14 Oct it is
    // 2 working days over.
    const auto data =
        records(plan("K", "2015-09-14", nullptr), visit("K", "2015-09-28", true, "SW7"),
                visit("K", "2015-10-06", false, "SW8"));
    EXPECT_EQ(exceptions(IndicatorId::CpVisitsOnTime, data, "2015-10-01", "2015-10-14"),
              std::vector<std::string>{"K overdue due 2015-10-12 +2wd SW7"});
}

TEST(Exceptions, ReportNotSharedBeforeAConferenceStillToComeIsOverdue) {
    // ICPC on Wed 16 Sep 2015: the report is due by Sun 13; on Mon 14 it is overdue by one.
    const auto data = records(report("M", ConferenceType::Initial, "2015-09-16", nullptr));
    EXPECT_EQ(exceptions(IndicatorId::CpReportsSharedOnTime, data, "2015-09-01", "2015-09-14"),
              std::vector<std::string>{"M overdue due 2015-09-13 +1wd"});
    EXPECT_EQ(exceptions(IndicatorId::CpReportsSharedOnTime, data, "2015-09-01", "2015-09-30"),
              std::vector<std::string>{"M late due 2015-09-13"});
}

TEST(Exceptions, Oc2ListsChildrenWithoutTheCheck) {
    auto data = records(oc2("Q", false, true), oc2("P", true, true), oc2("R", std::nullopt, false));
    data.oc2_year_end = d("2016-03-31");
    EXPECT_EQ(exceptions(IndicatorId::ClaHealthAssessments, data, "2016-03-31", "2016-03-31"),
              (std::vector<std::string>{"Q not done", "R not done"}));
}

TEST(Exceptions, AgencyRateHasNone) {
    CaseData data;
    data.workforce = {
        WorkforceSnapshot{d("2022-09-30"), {worker("W1", true, 1.0, nullptr, nullptr)}}};
    EXPECT_EQ(exceptions(IndicatorId::AgencySwRate, data, "2022-09-01", "2022-09-30"),
              std::vector<std::string>{});
}

TEST(Exceptions, RefusesAnOpenItemPastTheBankHolidayTable) {
    const auto data = records(assessment("A", "2027-12-01", nullptr));
    const auto found = find_exceptions(indicator_definition(IndicatorId::Assessments45Wd), data,
                                       IndicatorSettings{}, WorkingDayCalendar::england_and_wales(),
                                       d("2027-12-01"), d("2027-12-31"));
    ASSERT_FALSE(found);
    EXPECT_NE(found.error().message.find("must be extended"), std::string::npos);
}

TEST(Exceptions, RefusesAWindowThatEndsBeforeItStarts) {
    EXPECT_FALSE(find_exceptions(indicator_definition(IndicatorId::Assessments45Wd), CaseData{},
                                 IndicatorSettings{}, WorkingDayCalendar::england_and_wales(),
                                 d("2015-12-01"), d("2015-11-01")));
}

}  // namespace
}  // namespace csip::domain
