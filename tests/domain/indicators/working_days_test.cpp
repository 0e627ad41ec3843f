// Working days of England and Wales, known answers counted by hand against a calendar.
// wd(a, b) counts the working days d with a < d <= b: the start day is excluded, the end day
// included.
#include "domain/indicators/working_days.hpp"

#include <gtest/gtest.h>

#include <ostream>
#include <sstream>
#include <string>

#include "../../support/temp_dir.hpp"
#include "domain/indicators/bank_holidays.hpp"

namespace csip::domain {
namespace {

Date d(const char* iso) { return *Date::parse_iso(iso); }

const WorkingDayCalendar& calendar() { return WorkingDayCalendar::england_and_wales(); }

struct CountCase {
    const char* name;
    const char* from;
    const char* to;
    int working_days;
};

// Test names and failures show the case by its name.
void PrintTo(const CountCase& c, std::ostream* out) { *out << c.name; }

class WorkingDaysBetween : public ::testing::TestWithParam<CountCase> {};

TEST_P(WorkingDaysBetween, CountsByHand) {
    const auto& c = GetParam();
    const auto counted = calendar().working_days_between(d(c.from), d(c.to));
    ASSERT_TRUE(counted) << counted.error().message;
    EXPECT_EQ(*counted, c.working_days) << "wd(" << c.from << ", " << c.to << ")";
}

INSTANTIATE_TEST_SUITE_P(
    EnglandAndWales, WorkingDaysBetween,
    ::testing::Values(
        // The start day is excluded, the end day included.
        CountCase{"SameDayIsZero", "2015-09-14", "2015-09-14", 0},
        CountCase{"NextDayIsOne", "2015-09-14", "2015-09-15", 1},
        CountCase{"FridayToMondayIsOne", "2015-09-11", "2015-09-14", 1},
        CountCase{"FridayToSundayIsZero", "2015-09-11", "2015-09-13", 0},
        CountCase{"BackwardsIsNegative", "2015-09-15", "2015-09-14", -1},
        // Thu 25 Christmas Day and Fri 26 Boxing Day 2014; only Mon 29 counts.
        CountCase{"SkipsChristmasAndBoxingDay", "2014-12-24", "2014-12-29", 1},
        // 2015: Boxing Day is a Saturday, so Mon 28 is its substitute: Fri 25, Sat, Sun,
        // Mon 28 are not working days; only Tue 29 counts.
        CountCase{"SkipsTheBoxingDaySubstitute", "2015-12-24", "2015-12-29", 1},
        // 2016: Christmas Day is a Sunday: Mon 26 Boxing Day, Tue 27 the Christmas substitute.
        CountCase{"SkipsTheChristmasDaySubstitute", "2016-12-23", "2016-12-28", 1},
        // 2021-22: Mon 27 and Tue 28 December substitutes, Mon 3 January substitute; the days
        // that count are Wed 29, Thu 30, Fri 31 December and Tue 4 January.
        CountCase{"SkipsEveryNewYearSubstitute", "2021-12-24", "2022-01-04", 4},
        // Good Friday 3 April and Easter Monday 6 April 2015: only Tue 7 counts.
        CountCase{"SkipsGoodFridayAndEasterMonday", "2015-04-02", "2015-04-07", 1},
        // Thu 2 June (spring bank holiday, moved) and Fri 3 June 2022 (Platinum Jubilee).
        CountCase{"SkipsThePlatinumJubilee", "2022-06-01", "2022-06-06", 1},
        // Mon 19 September 2022, the State Funeral of Queen Elizabeth II: only Tue 20 counts.
        CountCase{"SkipsTheStateFuneral", "2022-09-16", "2022-09-20", 1},
        // Mon 1 May 2023 (early May) and Mon 8 May 2023 (the Coronation): Tue 2 - Fri 5 and
        // Tue 9 - Fri 12 count.
        CountCase{"SkipsTheCoronation", "2023-04-28", "2023-05-12", 8},
        // 2015 has 261 weekdays (52 weeks and a Thursday) and 8 bank holidays, all weekdays.
        CountCase{"CountsAWholeYear", "2014-12-31", "2015-12-31", 253},
        // The calendar's first and last days are inside it.
        CountCase{"CoversTheWholeTable", "2012-01-01", "2012-01-03", 1}),
    [](const auto& test) { return std::string(test.param.name); });

struct AddCase {
    const char* name;
    const char* from;
    int working_days;
    const char* expected;
};

// Test names and failures show the case by its name.
void PrintTo(const AddCase& c, std::ostream* out) { *out << c.name; }

class AddWorkingDays : public ::testing::TestWithParam<AddCase> {};

TEST_P(AddWorkingDays, LandsOnTheWorkingDayCountedByHand) {
    const auto& c = GetParam();
    const auto added = calendar().add_working_days(d(c.from), c.working_days);
    ASSERT_TRUE(added) << added.error().message;
    EXPECT_EQ(added->iso(), c.expected);
    const auto back = calendar().working_days_between(d(c.from), *added);
    ASSERT_TRUE(back);
    EXPECT_EQ(*back, c.working_days);
}

INSTANTIATE_TEST_SUITE_P(
    EnglandAndWales, AddWorkingDays,
    ::testing::Values(
        AddCase{"OneAfterChristmasEve2015IsTuesday29", "2015-12-24", 1, "2015-12-29"},
        AddCase{"OneAfterTheFridayBeforeTheStateFuneral", "2022-09-16", 1, "2022-09-20"},
        AddCase{"ZeroFromAWorkingDayIsThatDay", "2015-09-14", 0, "2015-09-14"},
        AddCase{"ZeroFromASaturdayIsTheFridayBefore", "2015-09-12", 0, "2015-09-11"},
        AddCase{"MinusOneFromTuesday29IsChristmasEve", "2015-12-29", -1, "2015-12-24"},
        // Dec 2015: Wed 2 - Fri 4 (3), 7-11 (8), 14-18 (13), 21-24 (17), 29-31 (20).
        AddCase{"TwentyFromFirstDecember2015", "2015-12-01", 20, "2015-12-31"},
        AddCase{"LastWorkingDayOfTheTable", "2027-12-30", 1, "2027-12-31"}),
    [](const auto& test) { return std::string(test.param.name); });

TEST(WorkingDays, KnowsWhichDaysAreWorkingDays) {
    EXPECT_FALSE(calendar().is_working_day(d("2023-05-08")));  // the Coronation
    EXPECT_TRUE(calendar().is_working_day(d("2023-05-09")));
    EXPECT_FALSE(calendar().is_working_day(d("2015-12-28")));  // Boxing Day substitute
    EXPECT_FALSE(calendar().is_working_day(d("2015-09-12")));  // a Saturday
    EXPECT_TRUE(calendar().is_bank_holiday(d("2022-09-19")));
    EXPECT_FALSE(calendar().is_bank_holiday(d("2015-09-12")));
}

TEST(WorkingDays, RefusesDaysBeforeTheTable) {
    const auto counted = calendar().working_days_between(d("2011-12-30"), d("2012-01-04"));
    ASSERT_FALSE(counted);
    EXPECT_NE(counted.error().message.find("covers 2012-2027"), std::string::npos)
        << counted.error().message;
    EXPECT_NE(counted.error().message.find("must be extended"), std::string::npos);
    EXPECT_FALSE(calendar().is_working_day(d("2011-12-30")));
}

TEST(WorkingDays, RefusesDaysAfterTheTable) {
    const auto counted = calendar().working_days_between(d("2027-12-30"), d("2028-01-04"));
    ASSERT_FALSE(counted);
    EXPECT_NE(counted.error().message.find("2028-01-04"), std::string::npos);
    EXPECT_NE(counted.error().message.find("must be extended"), std::string::npos);
}

TEST(WorkingDays, RefusesToAddPastTheEndOfTheTable) {
    // Fri 31 December 2027 is the table's last working day; the next one is unknown.
    EXPECT_FALSE(calendar().add_working_days(d("2027-12-31"), 1));
    // Tue 3 January 2012 is its first (Mon 2 is the New Year substitute).
    EXPECT_FALSE(calendar().add_working_days(d("2012-01-03"), -1));
}

TEST(WorkingDays, CompiledTableIsTheCsv) {
    // The library's table is generated at build time; it must hold the CSV's days, no more.
    std::istringstream csv(testing::read_file(CSIP_BANK_HOLIDAYS_CSV));
    std::string line;
    std::getline(csv, line);
    ASSERT_EQ(line, "date,title");
    std::size_t listed = 0;
    while (std::getline(csv, line)) {
        if (line.empty()) continue;
        ++listed;
        const auto day = Date::parse_iso(line.substr(0, 10));
        ASSERT_TRUE(day) << line;
        EXPECT_TRUE(calendar().is_bank_holiday(*day)) << line;
        EXPECT_FALSE(calendar().is_working_day(*day)) << line;
    }
    EXPECT_EQ(england_and_wales_bank_holidays().size(), listed);
    EXPECT_EQ(calendar().first_day(), d("2012-01-01"));
    EXPECT_EQ(calendar().last_day(), d("2027-12-31"));
}

TEST(WorkingDays, BuildsACalendarFromOtherHolidays) {
    const auto custom = WorkingDayCalendar::create(2030, 2030, {d("2030-01-01")});
    ASSERT_TRUE(custom);
    EXPECT_FALSE(custom->is_working_day(d("2030-01-01")));
    const auto counted = custom->working_days_between(d("2029-12-31"), d("2030-01-02"));
    EXPECT_FALSE(counted);  // 2029 is outside it
    EXPECT_NE(counted.error().message.find("covers 2030-2030"), std::string::npos);
    EXPECT_FALSE(WorkingDayCalendar::create(2030, 2030, {d("2031-01-01")}));
    EXPECT_FALSE(WorkingDayCalendar::create(2031, 2030, {}));
}

}  // namespace
}  // namespace csip::domain
