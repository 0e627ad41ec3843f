// Known answers for the Annex A figures, each case built by hand around its boundary: 10 and 11
// working days over the August 2015 bank holiday (Monday 31 August), 3 and 6 months at month
// ends, the 20-working-day and 12-month cohorts, a child turning 5 on the snapshot's date, and
// the dates after the snapshot that make a row data quality.
#include "domain/indicators/annex_a_figures.hpp"

#include <gtest/gtest.h>

#include "domain/indicators/exceptions.hpp"
#include "domain/indicators/indicator_engine.hpp"

#include <optional>
#include <string>
#include <tuple>
#include <vector>

namespace csip::domain {
namespace {

Date d(const char* iso) { return *Date::parse_iso(iso); }

const WorkingDayCalendar& calendar() { return WorkingDayCalendar::england_and_wales(); }

AnnexAChild child(int list, std::string id) {
    AnnexAChild c;
    c.list = list;
    c.child_id = std::move(id);
    c.team = "Team " + c.child_id;
    c.worker = "Worker " + c.child_id;
    return c;
}

AnnexAFigure figure(IndicatorId id, const AnnexASnapshot& snapshot,
                    AnnexAStandards standards = {}) {
    auto result = annex_a_figure(id, snapshot, standards, calendar());
    EXPECT_TRUE(result.has_value()) << (result ? "" : result.error().message);
    return result ? *result : AnnexAFigure{};
}

// The one unit of a figure over a snapshot of one child.
AnnexAUnit only_unit(IndicatorId id, const AnnexAChild& c, const char* at) {
    const AnnexASnapshot snapshot{d(at), {c}};
    const auto f = figure(id, snapshot);
    EXPECT_EQ(f.denominator, 1) << c.child_id << " at " << at;
    EXPECT_TRUE(f.excluded.empty()) << (f.excluded.empty() ? "" : f.excluded[0].reason);
    return f.units.empty() ? AnnexAUnit{} : f.units[0];
}

bool on_time(IndicatorId id, const AnnexAChild& c, const char* at) {
    return only_unit(id, c, at).counted;
}

AnnexAChild plan(const char* start) {
    auto c = child(7, "CP1");
    c.start = d(start);
    return c;
}

TEST(AnnexAFigures, KeysListsAndDirection) {
    int figures = 0;
    for (const auto& definition : indicator_definitions()) {
        if (!is_annex_a(definition.id)) {
            EXPECT_EQ(annex_a_figure_list(definition.id), 0) << definition.key;
            continue;
        }
        ++figures;
        EXPECT_EQ(definition.key.substr(0, 6), "annex_") << definition.key;
        EXPECT_EQ(definition.kind, IndicatorKind::Snapshot) << definition.key;
        EXPECT_TRUE(definition.monthly_snapshots) << definition.key;
        EXPECT_GE(annex_a_figure_list(definition.id), 6) << definition.key;
    }
    EXPECT_EQ(figures, 12);
    EXPECT_EQ(find_indicator("annex_cin_visits")->id, IndicatorId::AnnexCinVisits);
    EXPECT_EQ(annex_a_figure_list(IndicatorId::AnnexCareLeaversEet), 9);
    EXPECT_EQ(annex_a_figure_list(IndicatorId::AnnexClaDental), 8);
    EXPECT_FALSE(indicator_definition(IndicatorId::AnnexCpOverTwoYears).higher_is_better);
    EXPECT_FALSE(indicator_definition(IndicatorId::AnnexClaThreePlacements).higher_is_better);
    EXPECT_TRUE(indicator_definition(IndicatorId::AnnexCpVisits).higher_is_better);
}

// Monday 14 September 2015: 28 August (a Friday) is 10 working days before it, the bank holiday
// of 31 August not counted; 27 August is 11. Counting the holiday would call 28 August late.
TEST(AnnexAFigures, CpVisitsWithinTenWorkingDaysOverTheBankHoliday) {
    auto c = plan("2015-06-01");
    c.last_visit = d("2015-08-28");
    EXPECT_TRUE(on_time(IndicatorId::AnnexCpVisits, c, "2015-09-14"));
    c.last_visit = d("2015-08-27");
    const auto late = only_unit(IndicatorId::AnnexCpVisits, c, "2015-09-14");
    EXPECT_FALSE(late.counted);
    EXPECT_EQ(late.due, d("2015-09-11"));
    EXPECT_EQ(late.days_over, 1);
    EXPECT_TRUE(late.working_days);
}

TEST(AnnexAFigures, CpVisitsWithNoVisitCountFromThePlanStart) {
    EXPECT_TRUE(on_time(IndicatorId::AnnexCpVisits, plan("2015-08-28"), "2015-09-14"));
    EXPECT_FALSE(on_time(IndicatorId::AnnexCpVisits, plan("2015-08-27"), "2015-09-14"));
}

TEST(AnnexAFigures, CpVisitsAreUnitsOnlyWhileThePlanIsOpen) {
    auto c = plan("2015-06-01");
    c.last_visit = d("2015-09-10");
    c.end = d("2015-09-14");  // ended on the day: not on a plan at T
    EXPECT_EQ(figure(IndicatorId::AnnexCpVisits, {d("2015-09-14"), {c}}).denominator, 0);
    c.end = d("2015-09-15");  // ends after T: on a plan at T
    EXPECT_TRUE(on_time(IndicatorId::AnnexCpVisits, c, "2015-09-14"));
}

// A plan starting on 31 May has its first review due on 31 August; a review on 31 August is
// followed by one due on 29 February 2016 (a leap year's month end).
TEST(AnnexAFigures, CpReviewsAtMonthEnds) {
    auto c = plan("2015-05-31");
    EXPECT_TRUE(on_time(IndicatorId::AnnexCpReviews, c, "2015-08-31"));
    const auto late = only_unit(IndicatorId::AnnexCpReviews, c, "2015-09-01");
    EXPECT_FALSE(late.counted);
    EXPECT_EQ(late.due, d("2015-08-31"));
    EXPECT_EQ(late.days_over, 1);
    EXPECT_FALSE(late.working_days);

    c.latest_review = d("2015-08-31");
    EXPECT_TRUE(on_time(IndicatorId::AnnexCpReviews, c, "2016-02-29"));
    EXPECT_EQ(only_unit(IndicatorId::AnnexCpReviews, c, "2016-03-01").due, d("2016-02-29"));
    EXPECT_FALSE(on_time(IndicatorId::AnnexCpReviews, c, "2016-03-01"));
}

TEST(AnnexAFigures, CpPlansOverTwoYearsAreCountedTheDayAfterTheSecondAnniversary) {
    const auto c = plan("2013-09-15");
    EXPECT_FALSE(on_time(IndicatorId::AnnexCpOverTwoYears, c, "2015-09-15"));
    EXPECT_TRUE(on_time(IndicatorId::AnnexCpOverTwoYears, c, "2015-09-16"));
}

AnnexAChild looked_after(const char* start) {
    auto c = child(8, "LA1");
    c.start = d(start);
    return c;
}

// Started Monday 17 August 2015: the 20th working day after it, over the bank holiday, is
// Tuesday 15 September.
TEST(AnnexAFigures, ClaFirstReviewWithinTwentyWorkingDays) {
    const auto c = looked_after("2015-08-17");
    EXPECT_TRUE(on_time(IndicatorId::AnnexClaReviews, c, "2015-09-15"));
    const auto late = only_unit(IndicatorId::AnnexClaReviews, c, "2015-09-16");
    EXPECT_FALSE(late.counted);
    EXPECT_EQ(late.due, d("2015-09-15"));
    EXPECT_EQ(late.days_over, 1);
    EXPECT_TRUE(late.working_days);
}

TEST(AnnexAFigures, ClaLaterReviewsWithinSixMonthsOfTheLatest) {
    auto c = looked_after("2014-01-10");
    c.latest_review = d("2015-03-31");
    EXPECT_TRUE(on_time(IndicatorId::AnnexClaReviews, c, "2015-09-30"));
    EXPECT_FALSE(on_time(IndicatorId::AnnexClaReviews, c, "2015-10-01"));
}

TEST(AnnexAFigures, ClaVisitsEverySixWeeksAndWithinAWeekOfTheStart) {
    auto c = looked_after("2015-01-05");
    c.last_visit = d("2015-08-04");  // 42 days before 15 September
    EXPECT_TRUE(on_time(IndicatorId::AnnexClaVisits, c, "2015-09-15"));
    c.last_visit = d("2015-08-03");
    EXPECT_EQ(only_unit(IndicatorId::AnnexClaVisits, c, "2015-09-15").days_over, 1);
    EXPECT_TRUE(on_time(IndicatorId::AnnexClaVisits, looked_after("2015-09-08"), "2015-09-15"));
    EXPECT_FALSE(on_time(IndicatorId::AnnexClaVisits, looked_after("2015-09-07"), "2015-09-15"));
}

// Health assessments are for children looked after more than 20 working days: from 14 August
// (21 working days to 15 September) but not from 17 August (20).
TEST(AnnexAFigures, ClaHealthCohortIsMoreThanTwentyWorkingDays) {
    auto in = looked_after("2015-08-14");
    in.birth = d("2008-01-01");
    auto out = looked_after("2015-08-17");
    out.birth = d("2008-01-01");
    const auto f = figure(IndicatorId::AnnexClaHealth, {d("2015-09-15"), {out, in}});
    EXPECT_EQ(f.denominator, 1);
    EXPECT_EQ(f.numerator, 0);  // no assessment recorded: late
    EXPECT_EQ(f.units.at(0).row, 1U);
    EXPECT_FALSE(f.units.at(0).due.has_value());
}

// A child born 16 September 2010 is 4 on 15 September 2015 (6-monthly); one born on
// 15 September 2010 turns 5 that day (yearly).
TEST(AnnexAFigures, ClaHealthIntervalTurnsOnTheFifthBirthday) {
    auto four = looked_after("2014-01-06");
    four.birth = d("2010-09-16");
    four.health_assessment = d("2015-03-15");
    EXPECT_TRUE(on_time(IndicatorId::AnnexClaHealth, four, "2015-09-15"));
    four.health_assessment = d("2015-03-14");
    EXPECT_FALSE(on_time(IndicatorId::AnnexClaHealth, four, "2015-09-15"));

    auto five = looked_after("2014-01-06");
    five.birth = d("2010-09-15");
    five.health_assessment = d("2014-09-15");
    EXPECT_TRUE(on_time(IndicatorId::AnnexClaHealth, five, "2015-09-15"));
    five.health_assessment = d("2014-09-14");
    const auto late = only_unit(IndicatorId::AnnexClaHealth, five, "2015-09-15");
    EXPECT_FALSE(late.counted);
    EXPECT_EQ(late.due, d("2015-09-14"));
    EXPECT_EQ(late.days_over, 1);
}

TEST(AnnexAFigures, ClaHealthWithoutADateOfBirthIsDataQuality) {
    auto c = looked_after("2014-01-06");
    c.health_assessment = d("2015-06-01");
    const auto f = figure(IndicatorId::AnnexClaHealth, {d("2015-09-15"), {c}});
    EXPECT_EQ(f.denominator, 0);
    ASSERT_EQ(f.excluded.size(), 1U);
    EXPECT_NE(f.excluded[0].reason.find("date of birth"), std::string::npos);
}

TEST(AnnexAFigures, ClaDentalCohortIsTwelveMonthsLookedAfter) {
    auto in = looked_after("2014-09-15");
    in.dental_check = d("2014-09-15");
    const auto out = looked_after("2014-09-16");
    const auto f = figure(IndicatorId::AnnexClaDental, {d("2015-09-15"), {in, out}});
    EXPECT_EQ(f.denominator, 1);
    EXPECT_EQ(f.numerator, 1);
    in.dental_check = d("2014-09-14");
    EXPECT_FALSE(on_time(IndicatorId::AnnexClaDental, in, "2015-09-15"));
    in.dental_check.reset();
    EXPECT_FALSE(on_time(IndicatorId::AnnexClaDental, in, "2015-09-15"));
}

TEST(AnnexAFigures, ThreePlacementsInTwelveMonthsAreCounted) {
    auto three = looked_after("2014-01-06");
    three.placements_last_12_months = 3;
    auto two = looked_after("2014-01-06");
    two.placements_last_12_months = 2;
    const auto unknown = looked_after("2014-01-06");
    const auto f =
        figure(IndicatorId::AnnexClaThreePlacements, {d("2015-09-15"), {three, two, unknown}});
    EXPECT_EQ(f.numerator, 1);
    EXPECT_EQ(f.denominator, 2);
    EXPECT_EQ(f.excluded.size(), 1U);
}

TEST(AnnexAFigures, CareLeaversInTouchInSuitableAccommodationAndInEducationEmploymentOrTraining) {
    std::vector<AnnexAChild> leavers;
    for (const auto& [activity, touch, suitable] :
         std::vector<std::tuple<std::string, std::optional<bool>, std::optional<bool>>>{
             {"F1", true, true},
             {"P2", true, false},
             {"G4", false, true},
             {"", std::nullopt, std::nullopt}}) {
        auto c = child(9, "CL" + std::to_string(leavers.size()));
        c.activity = activity;
        c.in_touch = touch;
        c.suitable_accommodation = suitable;
        leavers.push_back(c);
    }
    const AnnexASnapshot snapshot{d("2015-09-15"), leavers};
    const auto eet = figure(IndicatorId::AnnexCareLeaversEet, snapshot);
    EXPECT_EQ(eet.numerator, 2);
    EXPECT_EQ(eet.denominator, 3);
    EXPECT_EQ(eet.excluded.size(), 1U);
    const auto touch = figure(IndicatorId::AnnexCareLeaversInTouch, snapshot);
    EXPECT_EQ(touch.numerator, 2);
    EXPECT_EQ(touch.denominator, 3);
    const auto suitable = figure(IndicatorId::AnnexCareLeaversAccommodation, snapshot);
    EXPECT_EQ(suitable.numerator, 2);
    ASSERT_TRUE(suitable.percent.has_value());
    EXPECT_NEAR(*suitable.percent, 66.667, 0.001);
}

// Tuesday 15 September 2015: 17 August is 20 working days before it, 14 August 21.
TEST(AnnexAFigures, CinVisitsWithinTwentyWorkingDaysOfLastSeen) {
    auto c = child(6, "CIN1");
    c.start = d("2015-05-01");
    c.last_visit = d("2015-08-17");
    EXPECT_TRUE(on_time(IndicatorId::AnnexCinVisits, c, "2015-09-15"));
    c.last_visit = d("2015-08-14");
    EXPECT_EQ(only_unit(IndicatorId::AnnexCinVisits, c, "2015-09-15").days_over, 1);
    c.end = d("2015-09-15");  // closed on the day
    EXPECT_EQ(figure(IndicatorId::AnnexCinVisits, {d("2015-09-15"), {c}}).denominator, 0);
}

TEST(AnnexAFigures, DatesAfterTheSnapshotOrMissingAreDataQuality) {
    auto visit_after = plan("2015-06-01");
    visit_after.last_visit = d("2015-09-16");
    auto starts_after = plan("2015-09-16");
    auto no_start = child(7, "CP9");
    auto seen_never = child(6, "CIN9");
    seen_never.start = d("2015-01-05");
    const AnnexASnapshot snapshot{d("2015-09-15"),
                                  {visit_after, starts_after, no_start, seen_never}};
    const auto visits = figure(IndicatorId::AnnexCpVisits, snapshot);
    EXPECT_EQ(visits.denominator, 0);
    ASSERT_EQ(visits.excluded.size(), 3U);
    EXPECT_NE(visits.excluded[0].reason.find("after the snapshot's date"), std::string::npos);
    EXPECT_NE(visits.excluded[1].reason.find("starts after"), std::string::npos);
    EXPECT_NE(visits.excluded[2].reason.find("no plan start date"), std::string::npos);
    const auto cin = figure(IndicatorId::AnnexCinVisits, snapshot);
    ASSERT_EQ(cin.excluded.size(), 1U);
    EXPECT_NE(cin.excluded[0].reason.find("last seen"), std::string::npos);
}

TEST(AnnexAFigures, StandardsAreSettings) {
    auto c = plan("2015-06-01");
    c.last_visit = d("2015-08-27");  // 11 working days before 14 September
    AnnexAStandards fifteen;
    fifteen.cp_visit_working_days = 15;
    EXPECT_EQ(figure(IndicatorId::AnnexCpVisits, {d("2015-09-14"), {c}}, fifteen).numerator, 1);
    EXPECT_EQ(figure(IndicatorId::AnnexCpVisits, {d("2015-09-14"), {c}}).numerator, 0);
}

TEST(AnnexAFigures, TheTeamAndWorkerOfALateChildAreThere) {
    auto c = plan("2015-06-01");
    c.last_visit = d("2015-08-03");
    const AnnexASnapshot snapshot{d("2015-09-14"), {c}};
    const auto f = figure(IndicatorId::AnnexCpVisits, snapshot);
    ASSERT_EQ(f.units.size(), 1U);
    const auto& late = snapshot.children.at(f.units[0].row);
    EXPECT_EQ(late.team, "Team CP1");
    EXPECT_EQ(late.worker, "Worker CP1");
}

// The shared sample workbooks hold plans and care begun years before the bank-holiday table's
// first day (2012): such a child is late, or in the cohort, without a count of working days.
TEST(AnnexAFigures, DatesLongBeforeTheBankHolidayTableAreLateWithoutACount) {
    auto old_plan = plan("2005-03-01");
    old_plan.last_visit = d("2009-06-01");
    const auto visit = only_unit(IndicatorId::AnnexCpVisits, old_plan, "2024-01-31");
    EXPECT_FALSE(visit.counted);
    EXPECT_FALSE(visit.days_over.has_value());
    EXPECT_FALSE(visit.due.has_value());

    auto in_care = child(8, "LA1");
    in_care.start = d("2008-02-01");
    in_care.birth = d("2006-05-01");
    in_care.health_assessment = d("2023-11-01");
    EXPECT_TRUE(on_time(IndicatorId::AnnexClaHealth, in_care, "2024-01-31"));
    const auto review = only_unit(IndicatorId::AnnexClaReviews, in_care, "2024-01-31");
    EXPECT_FALSE(review.counted);
    EXPECT_FALSE(review.days_over.has_value());
}

TEST(AnnexAFigures, ADayOutsideTheBankHolidayTableIsRefused) {
    auto c = plan("2015-06-01");
    c.last_visit = d("2015-08-03");
    const AnnexASnapshot snapshot{d("2030-01-07"), {c}};
    EXPECT_FALSE(annex_a_figure(IndicatorId::AnnexCpVisits, snapshot, {}, calendar()).has_value());
}

// --- as indicators: one point per snapshot, exceptions with team and worker -----------------

// Two monthly extracts: in July one child of two on a plan is seen in timescale; in August
// both are.
CaseData two_months() {
    auto seen = plan("2015-06-01");
    seen.last_visit = d("2015-07-27");  // 4 working days before 31 July
    auto unseen = child(7, "CP2");
    unseen.start = d("2015-05-01");
    unseen.last_visit = d("2015-07-03");  // 20 working days before 31 July
    CaseData data;
    data.annex_a.push_back({d("2015-07-31"), {seen, unseen}});
    seen.last_visit = d("2015-08-25");
    unseen.last_visit = d("2015-08-26");
    data.annex_a.push_back({d("2015-08-28"), {seen, unseen}});
    return data;
}

const IndicatorResult& result_of(const std::vector<Result<IndicatorResult>>& results,
                                 std::string_view key) {
    for (const auto& result : results) {
        if (result && result->key == key) return *result;
    }
    ADD_FAILURE() << "no result " << key;
    static const IndicatorResult none;
    return none;
}

TEST(AnnexAIndicators, EachSnapshotIsAPointOfTheSeriesAndTheLatestIsTheHeadline) {
    const auto results =
        compute_indicators(two_months(), IndicatorSettings{}, calendar(), d("2015-04-01"),
                           d("2015-09-30"), Targets{{"annex_cp_visits", {90.0, 5.0}}});
    const auto& visits = result_of(results, "annex_cp_visits");
    ASSERT_EQ(visits.snapshots.size(), 2U);
    EXPECT_EQ(visits.snapshots[0].as_of, d("2015-07-31"));
    EXPECT_EQ(visits.snapshots[0].figure.numerator, 1.0);
    EXPECT_EQ(visits.snapshots[0].figure.denominator, 2.0);
    EXPECT_EQ(visits.snapshots[1].figure.numerator, 2.0);
    EXPECT_EQ(visits.as_of, d("2015-08-28"));
    EXPECT_EQ(visits.period.percent, 100.0);
    EXPECT_TRUE(visits.period.small_denominator);
    EXPECT_EQ(visits.rag, Rag::Green);
    ASSERT_EQ(visits.months.size(), 6U);
    EXPECT_EQ(visits.months[3].month, "2015-07");
    EXPECT_EQ(visits.months[3].figure.percent, 50.0);
    // A period that ends in July stands at July's extract.
    const auto july =
        compute_indicators(two_months(), IndicatorSettings{}, calendar(), d("2015-07-01"),
                           d("2015-07-31"), Targets{{"annex_cp_visits", {90.0, 5.0}}});
    EXPECT_EQ(result_of(july, "annex_cp_visits").period.percent, 50.0);
    EXPECT_EQ(result_of(july, "annex_cp_visits").rag, Rag::Red);
}

TEST(AnnexAIndicators, ExceptionsAreTheLatestSnapshotsLateChildrenWithTeamWorkerAndDaysOver) {
    const auto& definition = indicator_definition(IndicatorId::AnnexCpVisits);
    const auto july = find_exceptions(definition, two_months(), IndicatorSettings{}, calendar(),
                                      d("2015-04-01"), d("2015-08-27"));
    ASSERT_TRUE(july.has_value());
    ASSERT_EQ(july->size(), 1U);
    EXPECT_EQ((*july)[0].subject_id, "CP2");
    EXPECT_EQ((*july)[0].kind, ExceptionKind::Overdue);
    EXPECT_EQ((*july)[0].team, "Team CP2");
    EXPECT_EQ((*july)[0].worker, "Worker CP2");
    EXPECT_EQ((*july)[0].days_over, 10);  // 20 working days since the visit, 10 allowed
    EXPECT_EQ((*july)[0].due, d("2015-07-17"));
    EXPECT_EQ((*july)[0].start, d("2015-07-03"));  // the timescale runs from the last visit
    EXPECT_EQ((*july)[0].day_count, DayCount::Working);
    const auto august = find_exceptions(definition, two_months(), IndicatorSettings{}, calendar(),
                                        d("2015-04-01"), d("2015-08-28"));
    ASSERT_TRUE(august.has_value());
    EXPECT_TRUE(august->empty());
}

TEST(AnnexAIndicators, ALowerIsBetterFiguresExceptionsAreTheChildrenItCounts) {
    auto long_plan = plan("2013-06-01");
    auto recent = child(7, "CP2");
    recent.start = d("2015-06-01");
    CaseData data;
    data.annex_a.push_back({d("2015-09-30"), {long_plan, recent}});
    const auto found =
        find_exceptions(indicator_definition(IndicatorId::AnnexCpOverTwoYears), data,
                        IndicatorSettings{}, calendar(), d("2015-04-01"), d("2015-09-30"));
    ASSERT_TRUE(found.has_value());
    ASSERT_EQ(found->size(), 1U);
    EXPECT_EQ((*found)[0].subject_id, "CP1");
    EXPECT_EQ((*found)[0].kind, ExceptionKind::Counted);
}

TEST(AnnexAIndicators, ANationalReturnsExceptionTakesTheTeamAndWorkerOfTheLatestSnapshot) {
    CaseData data;
    data.assessments.push_back({"A1", d("2015-06-01"), d("2015-09-01"), {"census.xml", 12}});
    auto july = child(4, "A1");
    july.team = "Duty";
    july.worker = "J. Bloggs";
    data.annex_a.push_back({d("2015-07-31"), {july}});
    auto september = july;
    september.team = "Long term";
    september.worker = "A. Smith";
    data.annex_a.push_back({d("2015-09-30"), {september}});
    const auto& definition = indicator_definition(IndicatorId::Assessments45Wd);
    const auto found = find_exceptions(definition, data, IndicatorSettings{}, calendar(),
                                       d("2015-04-01"), d("2015-09-30"));
    ASSERT_TRUE(found.has_value());
    ASSERT_EQ(found->size(), 1U);
    EXPECT_EQ((*found)[0].team, "Long term");
    EXPECT_EQ((*found)[0].worker, "A. Smith");
    // On 5 September, July's extract is the latest there is.
    const auto august = find_exceptions(definition, data, IndicatorSettings{}, calendar(),
                                        d("2015-04-01"), d("2015-09-05"));
    ASSERT_TRUE(august.has_value());
    ASSERT_EQ(august->size(), 1U);
    EXPECT_EQ((*august)[0].team, "Duty");
    EXPECT_EQ((*august)[0].worker, "J. Bloggs");
}

TEST(AnnexAIndicators, ListsOfOneDateGivenAsSeparateFilesMakeOneSnapshot) {
    CaseData data;
    data.annex_a.push_back({d("2015-08-31"), {plan("2015-06-01")}});
    data.annex_a.push_back({d("2015-07-31"), {child(8, "LA1")}});
    data.annex_a.push_back({d("2015-08-31"), {child(8, "LA2"), child(9, "CL1")}});
    merge_annex_a_snapshots(data);
    ASSERT_EQ(data.annex_a.size(), 2U);
    EXPECT_EQ(data.annex_a[0].as_at, d("2015-08-31"));
    ASSERT_EQ(data.annex_a[0].children.size(), 3U);
    EXPECT_EQ(data.annex_a[0].children[0].child_id, "CP1");
    EXPECT_EQ(data.annex_a[0].children[2].child_id, "CL1");
    EXPECT_EQ(data.annex_a[1].children.size(), 1U);
}

TEST(AnnexAIndicators, AssessmentsAndEnquiriesListedAgainAndAgainAreCountedOnce) {
    CaseData data;
    data.assessments.push_back({"C1", d("2015-05-01"), d("2015-06-01"), {"census.xml", 3}});
    auto census_again = child(4, "C1");
    census_again.start = d("2015-05-01");
    census_again.end = d("2015-06-01");
    auto open_in_july = child(4, "C2");
    open_in_july.start = d("2015-07-20");
    auto closed_in_august = open_in_july;
    closed_in_august.end = d("2015-08-14");
    auto enquiry = child(5, "C3");
    enquiry.start = d("2015-07-01");
    enquiry.no_conference_needed = true;
    data.annex_a.push_back({d("2015-07-31"), {census_again, open_in_july, enquiry}});
    data.annex_a.push_back({d("2015-08-31"), {census_again, closed_in_august, enquiry}});
    add_annex_a_events(data);
    ASSERT_EQ(data.assessments.size(), 2U);
    EXPECT_EQ(data.assessments[1].child_id, "C2");
    EXPECT_EQ(data.assessments[1].authorised, d("2015-08-14"));  // August's, the later extract
    ASSERT_EQ(data.enquiries.size(), 1U);
    EXPECT_TRUE(data.enquiries[0].conference_not_required);
}

// The 2015-16 census holds every assessment open from 1 April 2015 to 31 March 2016, even one it
// dates otherwise; an assessment finished before the year is the extract's to give.
TEST(AnnexAIndicators, AnAssessmentBegunInACensusYearIsTheCensussToCount) {
    CaseData data;
    data.assessments.push_back({"C1", d("2015-05-02"), d("2015-06-01"), {"census.xml", 3}});
    auto corrected = child(4, "C1");
    corrected.start = d("2015-05-01");  // the census has it a day later
    auto into_the_year = child(4, "C2");  // begun before it, authorised in it
    into_the_year.start = d("2015-03-20");
    into_the_year.end = d("2015-04-02");
    auto before_the_year = child(4, "C3");
    before_the_year.start = d("2015-02-02");
    before_the_year.end = d("2015-03-31");
    data.annex_a.push_back({d("2015-05-31"), {corrected, into_the_year, before_the_year}});
    add_annex_a_events(data, {{d("2015-04-01"), d("2016-03-31")}});
    ASSERT_EQ(data.assessments.size(), 2U);
    EXPECT_EQ(data.assessments[1].child_id, "C3");
}

}  // namespace
}  // namespace csip::domain
