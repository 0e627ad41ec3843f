#include "import/returns/values.hpp"

#include <gtest/gtest.h>

namespace csip::import::returns {
namespace {

TEST(ReturnValues, ReadsBooleansInEverySpelling) {
    for (const auto* yes : {"true", "TRUE", "True", "1", "Y", "y", "Yes", "YES", "yes", " yes ", "a) Yes"}) {
        EXPECT_EQ(parse_bool(yes), true) << yes;
    }
    for (const auto* no : {"false", "False", "FALSE", "0", "N", "n", "No", "NO", "no", "b) No"}) {
        EXPECT_EQ(parse_bool(no), false) << no;
    }
    for (const auto* neither : {"", "maybe", "2", "yes please", "t"}) {
        EXPECT_FALSE(parse_bool(neither).has_value()) << neither;
    }
}

TEST(ReturnValues, ReadsIsoAndUkDates) {
    EXPECT_EQ(parse_date("2023-04-01")->iso(), "2023-04-01");
    EXPECT_EQ(parse_date("01/04/2023")->iso(), "2023-04-01");
    EXPECT_EQ(parse_date("1/4/2023")->iso(), "2023-04-01");
    EXPECT_EQ(parse_date("2023-04-01T09:30:00")->iso(), "2023-04-01");
    EXPECT_EQ(parse_date("01/04/2023 00:00")->iso(), "2023-04-01");
    EXPECT_FALSE(parse_date("2023-02-30"));
    EXPECT_FALSE(parse_date("31/02/2023"));
    EXPECT_FALSE(parse_date("01/04/23"));
    EXPECT_FALSE(parse_date("April 2023"));
    EXPECT_FALSE(parse_date(""));
}

TEST(ReturnValues, ConvertsExcelSerialsWithThe1900LeapYearBug) {
    EXPECT_EQ(date_from_serial(1)->iso(), "1900-01-01");
    EXPECT_EQ(date_from_serial(59)->iso(), "1900-02-28");
    EXPECT_FALSE(date_from_serial(60)) << "Excel's 1900-02-29 never existed";
    EXPECT_EQ(date_from_serial(61)->iso(), "1900-03-01");
    EXPECT_EQ(date_from_serial(44090)->iso(), "2020-09-16");
    EXPECT_EQ(date_from_serial(44090.75)->iso(), "2020-09-16") << "a time of day is dropped";
    EXPECT_EQ(date_from_serial(42628, DateSystem::Excel1904)->iso(), "2020-09-16");
    EXPECT_FALSE(date_from_serial(0));
    EXPECT_FALSE(date_from_serial(-5));
}

TEST(ReturnValues, StripsAnnexALetters) {
    EXPECT_EQ(strip_list_letter("b) Female"), "Female");
    EXPECT_EQ(strip_list_letter("Female"), "Female");
    EXPECT_EQ(strip_list_letter("aa) Other"), "Other");
    EXPECT_EQ(strip_list_letter("E1: Placement order"), "E1: Placement order");
}

TEST(ReturnValues, TreatsSpreadsheetErrorsAsBlank) {
    EXPECT_TRUE(is_blank("#N/A"));
    EXPECT_TRUE(is_blank("  "));
    EXPECT_TRUE(is_blank("\xC2\xA0"));
    EXPECT_FALSE(is_blank("0"));
}

TEST(ReturnValues, PrintsWholeNumbersWithoutAFraction) {
    EXPECT_EQ(format_number(9212044.0), "9212044");
    EXPECT_EQ(format_number(0.5), "0.5");
}

}  // namespace
}  // namespace csip::import::returns
