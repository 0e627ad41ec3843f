// Known answers for the Annex A figures, each case built by hand around its boundary: 10 and 11
// working days over the August 2015 bank holiday (Monday 31 August), 3 and 6 months at month
// ends, the 20-working-day and 12-month cohorts, a child turning 5 on the snapshot's date, and
// the dates after the snapshot that make a row data quality.
#include "domain/indicators/annex_a_figures.hpp"

#include <gtest/gtest.h>

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

AnnexAFigure figure(AnnexAFigureId id, const AnnexASnapshot& snapshot, AnnexAStandards standards = {}) {
    auto result = annex_a_figure(id, snapshot, standards, calendar());
    EXPECT_TRUE(result.has_value()) << (result ? "" : result.error().message);
    return result ? *result : AnnexAFigure{};
}

// The one unit of a figure over a snapshot of one child.
AnnexAUnit only_unit(AnnexAFigureId id, const AnnexAChild& c, const char* at) {
    const AnnexASnapshot snapshot{d(at), {c}};
    const auto f = figure(id, snapshot);
    EXPECT_EQ(f.denominator, 1) << c.child_id << " at " << at;
    EXPECT_TRUE(f.excluded.empty()) << (f.excluded.empty() ? "" : f.excluded[0].reason);
    return f.units.empty() ? AnnexAUnit{} : f.units[0];
}

bool on_time(AnnexAFigureId id, const AnnexAChild& c, const char* at) { return only_unit(id, c, at).counted; }

AnnexAChild plan(const char* start) {
    auto c = child(7, "CP1");
    c.start = d(start);
    return c;
}

TEST(AnnexAFigures, KeysListsAndDirection) {
    for (const auto id : kAllAnnexAFigures) {
        EXPECT_EQ(annex_a_figure_of(annex_a_figure_key(id)), id);
    }
    EXPECT_EQ(annex_a_figure_key(AnnexAFigureId::CinVisits), "annex_cin_visits");
    EXPECT_EQ(annex_a_figure_list(AnnexAFigureId::CareLeaversEet), 9);
    EXPECT_EQ(annex_a_figure_list(AnnexAFigureId::ClaDental), 8);
    EXPECT_FALSE(annex_a_higher_is_better(AnnexAFigureId::CpOverTwoYears));
    EXPECT_FALSE(annex_a_higher_is_better(AnnexAFigureId::ClaThreePlacements));
    EXPECT_TRUE(annex_a_higher_is_better(AnnexAFigureId::CpVisits));
    EXPECT_FALSE(annex_a_figure_of("cp_visits_on_time").has_value());
}

// Monday 14 September 2015: 28 August (a Friday) is 10 working days before it, the bank holiday
// of 31 August not counted; 27 August is 11. Counting the holiday would call 28 August late.
TEST(AnnexAFigures, CpVisitsWithinTenWorkingDaysOverTheBankHoliday) {
    auto c = plan("2015-06-01");
    c.last_visit = d("2015-08-28");
    EXPECT_TRUE(on_time(AnnexAFigureId::CpVisits, c, "2015-09-14"));
    c.last_visit = d("2015-08-27");
    const auto late = only_unit(AnnexAFigureId::CpVisits, c, "2015-09-14");
    EXPECT_FALSE(late.counted);
    EXPECT_EQ(late.due, d("2015-09-11"));
    EXPECT_EQ(late.days_over, 1);
    EXPECT_TRUE(late.working_days);
}

TEST(AnnexAFigures, CpVisitsWithNoVisitCountFromThePlanStart) {
    EXPECT_TRUE(on_time(AnnexAFigureId::CpVisits, plan("2015-08-28"), "2015-09-14"));
    EXPECT_FALSE(on_time(AnnexAFigureId::CpVisits, plan("2015-08-27"), "2015-09-14"));
}

TEST(AnnexAFigures, CpVisitsAreUnitsOnlyWhileThePlanIsOpen) {
    auto c = plan("2015-06-01");
    c.last_visit = d("2015-09-10");
    c.end = d("2015-09-14");  // ended on the day: not on a plan at T
    EXPECT_EQ(figure(AnnexAFigureId::CpVisits, {d("2015-09-14"), {c}}).denominator, 0);
    c.end = d("2015-09-15");  // ends after T: on a plan at T
    EXPECT_TRUE(on_time(AnnexAFigureId::CpVisits, c, "2015-09-14"));
}

// A plan starting on 31 May has its first review due on 31 August; a review on 31 August is
// followed by one due on 29 February 2016 (a leap year's month end).
TEST(AnnexAFigures, CpReviewsAtMonthEnds) {
    auto c = plan("2015-05-31");
    EXPECT_TRUE(on_time(AnnexAFigureId::CpReviews, c, "2015-08-31"));
    const auto late = only_unit(AnnexAFigureId::CpReviews, c, "2015-09-01");
    EXPECT_FALSE(late.counted);
    EXPECT_EQ(late.due, d("2015-08-31"));
    EXPECT_EQ(late.days_over, 1);
    EXPECT_FALSE(late.working_days);

    c.latest_review = d("2015-08-31");
    EXPECT_TRUE(on_time(AnnexAFigureId::CpReviews, c, "2016-02-29"));
    EXPECT_EQ(only_unit(AnnexAFigureId::CpReviews, c, "2016-03-01").due, d("2016-02-29"));
    EXPECT_FALSE(on_time(AnnexAFigureId::CpReviews, c, "2016-03-01"));
}

TEST(AnnexAFigures, CpPlansOverTwoYearsAreCountedTheDayAfterTheSecondAnniversary) {
    const auto c = plan("2013-09-15");
    EXPECT_FALSE(on_time(AnnexAFigureId::CpOverTwoYears, c, "2015-09-15"));
    EXPECT_TRUE(on_time(AnnexAFigureId::CpOverTwoYears, c, "2015-09-16"));
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
    EXPECT_TRUE(on_time(AnnexAFigureId::ClaReviews, c, "2015-09-15"));
    const auto late = only_unit(AnnexAFigureId::ClaReviews, c, "2015-09-16");
    EXPECT_FALSE(late.counted);
    EXPECT_EQ(late.due, d("2015-09-15"));
    EXPECT_EQ(late.days_over, 1);
    EXPECT_TRUE(late.working_days);
}

TEST(AnnexAFigures, ClaLaterReviewsWithinSixMonthsOfTheLatest) {
    auto c = looked_after("2014-01-10");
    c.latest_review = d("2015-03-31");
    EXPECT_TRUE(on_time(AnnexAFigureId::ClaReviews, c, "2015-09-30"));
    EXPECT_FALSE(on_time(AnnexAFigureId::ClaReviews, c, "2015-10-01"));
}

TEST(AnnexAFigures, ClaVisitsEverySixWeeksAndWithinAWeekOfTheStart) {
    auto c = looked_after("2015-01-05");
    c.last_visit = d("2015-08-04");  // 42 days before 15 September
    EXPECT_TRUE(on_time(AnnexAFigureId::ClaVisits, c, "2015-09-15"));
    c.last_visit = d("2015-08-03");
    EXPECT_EQ(only_unit(AnnexAFigureId::ClaVisits, c, "2015-09-15").days_over, 1);
    EXPECT_TRUE(on_time(AnnexAFigureId::ClaVisits, looked_after("2015-09-08"), "2015-09-15"));
    EXPECT_FALSE(on_time(AnnexAFigureId::ClaVisits, looked_after("2015-09-07"), "2015-09-15"));
}

// Health assessments are for children looked after more than 20 working days: from 14 August
// (21 working days to 15 September) but not from 17 August (20).
TEST(AnnexAFigures, ClaHealthCohortIsMoreThanTwentyWorkingDays) {
    auto in = looked_after("2015-08-14");
    in.birth = d("2008-01-01");
    auto out = looked_after("2015-08-17");
    out.birth = d("2008-01-01");
    const auto f = figure(AnnexAFigureId::ClaHealth, {d("2015-09-15"), {out, in}});
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
    EXPECT_TRUE(on_time(AnnexAFigureId::ClaHealth, four, "2015-09-15"));
    four.health_assessment = d("2015-03-14");
    EXPECT_FALSE(on_time(AnnexAFigureId::ClaHealth, four, "2015-09-15"));

    auto five = looked_after("2014-01-06");
    five.birth = d("2010-09-15");
    five.health_assessment = d("2014-09-15");
    EXPECT_TRUE(on_time(AnnexAFigureId::ClaHealth, five, "2015-09-15"));
    five.health_assessment = d("2014-09-14");
    const auto late = only_unit(AnnexAFigureId::ClaHealth, five, "2015-09-15");
    EXPECT_FALSE(late.counted);
    EXPECT_EQ(late.due, d("2015-09-14"));
    EXPECT_EQ(late.days_over, 1);
}

TEST(AnnexAFigures, ClaHealthWithoutADateOfBirthIsDataQuality) {
    auto c = looked_after("2014-01-06");
    c.health_assessment = d("2015-06-01");
    const auto f = figure(AnnexAFigureId::ClaHealth, {d("2015-09-15"), {c}});
    EXPECT_EQ(f.denominator, 0);
    ASSERT_EQ(f.excluded.size(), 1U);
    EXPECT_NE(f.excluded[0].reason.find("date of birth"), std::string::npos);
}

TEST(AnnexAFigures, ClaDentalCohortIsTwelveMonthsLookedAfter) {
    auto in = looked_after("2014-09-15");
    in.dental_check = d("2014-09-15");
    const auto out = looked_after("2014-09-16");
    const auto f = figure(AnnexAFigureId::ClaDental, {d("2015-09-15"), {in, out}});
    EXPECT_EQ(f.denominator, 1);
    EXPECT_EQ(f.numerator, 1);
    in.dental_check = d("2014-09-14");
    EXPECT_FALSE(on_time(AnnexAFigureId::ClaDental, in, "2015-09-15"));
    in.dental_check.reset();
    EXPECT_FALSE(on_time(AnnexAFigureId::ClaDental, in, "2015-09-15"));
}

TEST(AnnexAFigures, ThreePlacementsInTwelveMonthsAreCounted) {
    auto three = looked_after("2014-01-06");
    three.placements_last_12_months = 3;
    auto two = looked_after("2014-01-06");
    two.placements_last_12_months = 2;
    const auto unknown = looked_after("2014-01-06");
    const auto f = figure(AnnexAFigureId::ClaThreePlacements, {d("2015-09-15"), {three, two, unknown}});
    EXPECT_EQ(f.numerator, 1);
    EXPECT_EQ(f.denominator, 2);
    EXPECT_EQ(f.excluded.size(), 1U);
}

TEST(AnnexAFigures, CareLeaversInTouchInSuitableAccommodationAndInEducationEmploymentOrTraining) {
    std::vector<AnnexAChild> leavers;
    for (const auto& [activity, touch, suitable] :
         std::vector<std::tuple<std::string, std::optional<bool>, std::optional<bool>>>{
             {"F1", true, true}, {"P2", true, false}, {"G4", false, true}, {"", std::nullopt, std::nullopt}}) {
        auto c = child(9, "CL" + std::to_string(leavers.size()));
        c.activity = activity;
        c.in_touch = touch;
        c.suitable_accommodation = suitable;
        leavers.push_back(c);
    }
    const AnnexASnapshot snapshot{d("2015-09-15"), leavers};
    const auto eet = figure(AnnexAFigureId::CareLeaversEet, snapshot);
    EXPECT_EQ(eet.numerator, 2);
    EXPECT_EQ(eet.denominator, 3);
    EXPECT_EQ(eet.excluded.size(), 1U);
    const auto touch = figure(AnnexAFigureId::CareLeaversInTouch, snapshot);
    EXPECT_EQ(touch.numerator, 2);
    EXPECT_EQ(touch.denominator, 3);
    const auto suitable = figure(AnnexAFigureId::CareLeaversAccommodation, snapshot);
    EXPECT_EQ(suitable.numerator, 2);
    ASSERT_TRUE(suitable.percent.has_value());
    EXPECT_NEAR(*suitable.percent, 66.667, 0.001);
}

// Tuesday 15 September 2015: 17 August is 20 working days before it, 14 August 21.
TEST(AnnexAFigures, CinVisitsWithinTwentyWorkingDaysOfLastSeen) {
    auto c = child(6, "CIN1");
    c.start = d("2015-05-01");
    c.last_visit = d("2015-08-17");
    EXPECT_TRUE(on_time(AnnexAFigureId::CinVisits, c, "2015-09-15"));
    c.last_visit = d("2015-08-14");
    EXPECT_EQ(only_unit(AnnexAFigureId::CinVisits, c, "2015-09-15").days_over, 1);
    c.end = d("2015-09-15");  // closed on the day
    EXPECT_EQ(figure(AnnexAFigureId::CinVisits, {d("2015-09-15"), {c}}).denominator, 0);
}

TEST(AnnexAFigures, DatesAfterTheSnapshotOrMissingAreDataQuality) {
    auto visit_after = plan("2015-06-01");
    visit_after.last_visit = d("2015-09-16");
    auto starts_after = plan("2015-09-16");
    auto no_start = child(7, "CP9");
    auto seen_never = child(6, "CIN9");
    seen_never.start = d("2015-01-05");
    const AnnexASnapshot snapshot{d("2015-09-15"), {visit_after, starts_after, no_start, seen_never}};
    const auto visits = figure(AnnexAFigureId::CpVisits, snapshot);
    EXPECT_EQ(visits.denominator, 0);
    ASSERT_EQ(visits.excluded.size(), 3U);
    EXPECT_NE(visits.excluded[0].reason.find("after the snapshot's date"), std::string::npos);
    EXPECT_NE(visits.excluded[1].reason.find("starts after"), std::string::npos);
    EXPECT_NE(visits.excluded[2].reason.find("no plan start date"), std::string::npos);
    const auto cin = figure(AnnexAFigureId::CinVisits, snapshot);
    ASSERT_EQ(cin.excluded.size(), 1U);
    EXPECT_NE(cin.excluded[0].reason.find("last seen"), std::string::npos);
}

TEST(AnnexAFigures, StandardsAreSettings) {
    auto c = plan("2015-06-01");
    c.last_visit = d("2015-08-27");  // 11 working days before 14 September
    AnnexAStandards fifteen;
    fifteen.cp_visit_working_days = 15;
    EXPECT_EQ(figure(AnnexAFigureId::CpVisits, {d("2015-09-14"), {c}}, fifteen).numerator, 1);
    EXPECT_EQ(figure(AnnexAFigureId::CpVisits, {d("2015-09-14"), {c}}).numerator, 0);
}

TEST(AnnexAFigures, TheTeamAndWorkerOfALateChildAreThere) {
    auto c = plan("2015-06-01");
    c.last_visit = d("2015-08-03");
    const AnnexASnapshot snapshot{d("2015-09-14"), {c}};
    const auto f = figure(AnnexAFigureId::CpVisits, snapshot);
    ASSERT_EQ(f.units.size(), 1U);
    const auto& late = snapshot.children.at(f.units[0].row);
    EXPECT_EQ(late.team, "Team CP1");
    EXPECT_EQ(late.worker, "Worker CP1");
}

TEST(AnnexAFigures, ADayOutsideTheBankHolidayTableIsRefused) {
    auto c = plan("2015-06-01");
    c.last_visit = d("2015-08-03");
    const AnnexASnapshot snapshot{d("2030-01-07"), {c}};
    EXPECT_FALSE(annex_a_figure(AnnexAFigureId::CpVisits, snapshot, {}, calendar()).has_value());
}

}  // namespace
}  // namespace csip::domain
