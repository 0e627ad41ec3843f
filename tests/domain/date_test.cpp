#include "domain/date.hpp"

#include <gtest/gtest.h>

namespace csip::domain {
namespace {

Date d(const char* iso) { return *Date::parse_iso(iso); }

TEST(Date, ParsesIsoDates) {
    const auto date = Date::parse_iso("2015-09-15");
    ASSERT_TRUE(date);
    EXPECT_EQ(date->year(), 2015);
    EXPECT_EQ(date->month(), 9);
    EXPECT_EQ(date->day(), 15);
    EXPECT_EQ(date->iso(), "2015-09-15");
}

TEST(Date, RefusesImpossibleDates) {
    EXPECT_FALSE(Date::parse_iso("2023-02-30"));
    EXPECT_FALSE(Date::parse_iso("2015-13-01"));
    EXPECT_FALSE(Date::parse_iso("2015-00-10"));
    EXPECT_FALSE(Date::parse_iso("2015-9-15"));
    EXPECT_FALSE(Date::parse_iso("15/09/2015"));
    EXPECT_FALSE(Date::parse_iso(""));
    EXPECT_TRUE(Date::parse_iso("2024-02-29"));
    EXPECT_FALSE(Date::parse_iso("2023-02-29"));
}

TEST(Date, ParsesSsda903Dates) {
    EXPECT_EQ(Date::parse_uk("01/04/2015"), d("2015-04-01"));
    EXPECT_EQ(Date::parse_uk("1/4/2015"), d("2015-04-01"));
    EXPECT_FALSE(Date::parse_uk("31/02/2015"));
    EXPECT_FALSE(Date::parse_uk("2015-04-01"));
}

TEST(Date, AddsMonthsClampingToTheMonthEnd) {
    EXPECT_EQ(d("2015-08-31").plus_months(6), d("2016-02-29"));
    EXPECT_EQ(d("2014-08-31").plus_months(6), d("2015-02-28"));
    EXPECT_EQ(d("2015-01-31").plus_months(3), d("2015-04-30"));
    EXPECT_EQ(d("2015-11-15").plus_months(3), d("2016-02-15"));
}

TEST(Date, KnowsTheWeekday) {
    EXPECT_EQ(d("2015-09-15").iso_weekday(), 2);  // a Tuesday
    EXPECT_EQ(d("2015-12-27").iso_weekday(), 7);
}

TEST(Date, FinancialYearStartsOnTheFirstOfApril) {
    EXPECT_EQ(financial_year_start(d("2015-09-15")), d("2015-04-01"));
    EXPECT_EQ(financial_year_start(d("2016-03-31")), d("2015-04-01"));
    EXPECT_EQ(financial_year_start(d("2016-04-01")), d("2016-04-01"));
}

}  // namespace
}  // namespace csip::domain
