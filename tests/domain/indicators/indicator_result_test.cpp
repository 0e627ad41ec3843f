// Aggregation of units into an indicator's figures: the period, every month it touches, the
// financial year to date, the small-denominator flag, exclusions and RAG against a target.
#include "domain/indicators/indicator_result.hpp"

#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <vector>

namespace csip::domain {
namespace {

Date d(const char* iso) { return *Date::parse_iso(iso); }

IndicatorUnit unit(const char* on, bool in_numerator, double weight = 1.0) {
    IndicatorUnit u;
    u.subject_id = "X";
    u.unit_date = d(on);
    u.in_numerator = in_numerator;
    u.weight = weight;
    return u;
}

// `on_time` units on time and `late` late, all dated `on`.
void add_units(IndicatorUnits& units, const char* on, int on_time, int late) {
    for (int i = 0; i < on_time; ++i) units.units.push_back(unit(on, true));
    for (int i = 0; i < late; ++i) units.units.push_back(unit(on, false));
}

const IndicatorDefinition& assessments() {
    return indicator_definition(IndicatorId::Assessments45Wd);
}

TEST(IndicatorResult, CountsThePeriodEveryMonthItTouchesAndTheYearToDate) {
    IndicatorUnits units;
    units.rule = "the rule";
    add_units(units, "2015-03-31", 5, 5);  // last financial year: in neither
    add_units(units, "2015-04-01", 2, 0);  // year to date only
    add_units(units, "2015-10-14", 1, 1);  // year to date only (the period starts on the 15th)
    add_units(units, "2015-10-15", 3, 1);  // October
    add_units(units, "2015-12-31", 1, 1);  // December (November has none)
    add_units(units, "2016-01-10", 1, 0);  // January: the period's last day
    add_units(units, "2016-01-11", 4, 4);  // after the period: in neither
    const auto result =
        evaluate(assessments(), units, d("2015-10-15"), d("2016-01-10"), std::nullopt);
    ASSERT_TRUE(result) << result.error().message;

    EXPECT_EQ(result->period.numerator, 5.0);
    EXPECT_EQ(result->period.denominator, 7.0);
    ASSERT_TRUE(result->period.percent);
    EXPECT_DOUBLE_EQ(*result->period.percent, 100.0 * 5 / 7);
    EXPECT_TRUE(result->period.small_denominator);
    EXPECT_EQ(result->rule, "the rule");

    ASSERT_EQ(result->months.size(), 4U);
    EXPECT_EQ(result->months[0].month, "2015-10");
    EXPECT_EQ(result->months[0].figure.denominator, 4.0);
    EXPECT_DOUBLE_EQ(*result->months[0].figure.percent, 75.0);
    EXPECT_EQ(result->months[1].month, "2015-11");
    EXPECT_EQ(result->months[1].figure.denominator, 0.0);
    EXPECT_FALSE(result->months[1].figure.percent);
    EXPECT_FALSE(result->months[1].figure.small_denominator);
    EXPECT_EQ(result->months[2].month, "2015-12");
    EXPECT_DOUBLE_EQ(*result->months[2].figure.percent, 50.0);
    EXPECT_EQ(result->months[3].month, "2016-01");
    EXPECT_DOUBLE_EQ(*result->months[3].figure.percent, 100.0);

    ASSERT_TRUE(result->year_to_date);
    EXPECT_EQ(result->year_to_date_from, d("2015-04-01"));
    EXPECT_EQ(result->year_to_date->numerator, 8.0);  // 2 + 1 + 3 + 1 + 1
    EXPECT_EQ(result->year_to_date->denominator, 11.0);
    EXPECT_FALSE(result->year_to_date->small_denominator);
    EXPECT_FALSE(result->as_of);
    EXPECT_FALSE(result->rag);  // no target
}

TEST(IndicatorResult, YearToDateStartsAtTheAprilBeforeTheEndOfThePeriod) {
    IndicatorUnits units;
    add_units(units, "2016-03-31", 1, 0);
    add_units(units, "2016-04-01", 0, 1);
    const auto result =
        evaluate(assessments(), units, d("2016-03-01"), d("2016-04-30"), std::nullopt);
    ASSERT_TRUE(result);
    EXPECT_EQ(result->period.denominator, 2.0);
    EXPECT_EQ(result->year_to_date_from, d("2016-04-01"));
    EXPECT_EQ(result->year_to_date->denominator, 1.0);
    EXPECT_DOUBLE_EQ(*result->year_to_date->percent, 0.0);
}

TEST(IndicatorResult, EmptyPeriodHasNoPercentage) {
    const auto result = evaluate(assessments(), IndicatorUnits{}, d("2015-10-01"), d("2015-10-31"),
                                 Target{80.0, 5.0});
    ASSERT_TRUE(result);
    EXPECT_EQ(result->period.denominator, 0.0);
    EXPECT_FALSE(result->period.percent);
    EXPECT_FALSE(result->period.small_denominator);
    EXPECT_FALSE(result->rag);  // nothing to judge
    ASSERT_EQ(result->months.size(), 1U);
}

TEST(IndicatorResult, FlagsADenominatorUnderTen) {
    IndicatorUnits nine;
    add_units(nine, "2015-10-01", 9, 0);
    IndicatorUnits ten;
    add_units(ten, "2015-10-01", 9, 1);
    const auto small =
        evaluate(assessments(), nine, d("2015-10-01"), d("2015-10-31"), std::nullopt);
    const auto enough =
        evaluate(assessments(), ten, d("2015-10-01"), d("2015-10-31"), std::nullopt);
    ASSERT_TRUE(small && enough);
    EXPECT_TRUE(small->period.small_denominator);
    EXPECT_TRUE(small->months[0].figure.small_denominator);
    EXPECT_FALSE(enough->period.small_denominator);
    EXPECT_DOUBLE_EQ(*enough->period.percent, 90.0);
}

TEST(IndicatorResult, CountsDataQualityExclusionsDatedInThePeriod) {
    IndicatorUnits units;
    add_units(units, "2015-10-01", 1, 0);
    units.exclusions.push_back({"A", d("2015-09-30"), ExclusionKind::DataQuality, "before", {}});
    units.exclusions.push_back({"B", d("2015-10-01"), ExclusionKind::DataQuality, "in", {}});
    units.exclusions.push_back({"C", d("2015-10-31"), ExclusionKind::DataQuality, "in", {}});
    units.exclusions.push_back({"D", d("2015-11-01"), ExclusionKind::DataQuality, "after", {}});
    const auto result =
        evaluate(assessments(), units, d("2015-10-01"), d("2015-10-31"), std::nullopt);
    ASSERT_TRUE(result);
    EXPECT_EQ(result->excluded, 2);
}

TEST(IndicatorResult, RefusesAPeriodWithAUnitTheCalendarCouldNotTime) {
    IndicatorUnits units;
    add_units(units, "2012-01-20", 1, 0);
    units.exclusions.push_back({"A",
                                d("2012-01-20"),
                                ExclusionKind::OutsideCalendar,
                                "working days cannot be counted from 2011-12-01: the bank-holiday "
                                "table covers 2012-2027 and must be extended",
                                {}});
    const auto january =
        evaluate(assessments(), units, d("2012-01-01"), d("2012-01-31"), std::nullopt);
    ASSERT_FALSE(january);
    EXPECT_NE(january.error().message.find("must be extended"), std::string::npos);
    EXPECT_EQ(january.error().field, "assessments_45wd");
    // A period (and year to date) that does not need that unit is computed.
    const auto later =
        evaluate(assessments(), units, d("2012-04-01"), d("2012-04-30"), std::nullopt);
    EXPECT_TRUE(later);
    // But a period whose year to date reaches back to it is not.
    const auto march =
        evaluate(assessments(), units, d("2012-03-01"), d("2012-03-31"), std::nullopt);
    EXPECT_FALSE(march);
}

TEST(IndicatorResult, RefusesAPeriodThatEndsBeforeItStarts) {
    EXPECT_FALSE(
        evaluate(assessments(), IndicatorUnits{}, d("2015-10-31"), d("2015-10-01"), std::nullopt));
}

TEST(IndicatorResult, SnapshotIsReportedAsOfItsDateWithoutMonths) {
    IndicatorUnits units;
    units.as_of = d("2016-03-31");
    units.units.push_back(unit("2016-03-31", true));
    units.units.push_back(unit("2016-03-31", false));
    const auto result = evaluate(indicator_definition(IndicatorId::ClaHealthAssessments), units,
                                 d("2016-04-01"), d("2016-06-30"), Target{90.0, 5.0});
    ASSERT_TRUE(result);
    EXPECT_EQ(result->kind, IndicatorKind::Snapshot);
    EXPECT_EQ(result->as_of, d("2016-03-31"));
    EXPECT_TRUE(result->months.empty());
    EXPECT_FALSE(result->year_to_date);
    EXPECT_DOUBLE_EQ(*result->period.percent, 50.0);
    EXPECT_EQ(result->rag, Rag::Red);
}

TEST(IndicatorResult, AgencyRateIsAnFteRatioWhereLowerIsBetter) {
    IndicatorUnits units;
    units.as_of = d("2022-09-30");
    units.units.push_back(unit("2022-09-30", true, 0.5));
    units.units.push_back(unit("2022-09-30", false, 1.0));
    units.units.push_back(unit("2022-09-30", false, 0.5));
    const auto& agency = indicator_definition(IndicatorId::AgencySwRate);
    const auto result =
        evaluate(agency, units, d("2022-09-01"), d("2022-09-30"), Target{33.0, 5.0});
    ASSERT_TRUE(result);
    EXPECT_FALSE(result->higher_is_better);
    EXPECT_DOUBLE_EQ(result->period.numerator, 0.5);
    EXPECT_DOUBLE_EQ(result->period.denominator, 2.0);
    EXPECT_DOUBLE_EQ(*result->period.percent, 25.0);
    EXPECT_EQ(result->rag, Rag::Green);  // below a 33% ceiling
}

// Nineteen workers of 0.1 and 0.9 FTE are 19 FTE, not 19.000000000000004; FTE as the CSWW gives
// it, to six places, sums to exactly what it adds up to.
TEST(IndicatorResult, AgencyRateSumsFteExactly) {
    IndicatorUnits units;
    units.as_of = d("2022-09-30");
    for (int i = 0; i < 19; ++i) {
        units.units.push_back(unit("2022-09-30", true, 0.1));
        units.units.push_back(unit("2022-09-30", false, 0.9));
    }
    for (int i = 0; i < 97; ++i) units.units.push_back(unit("2022-09-30", false, 0.7));
    units.units.push_back(unit("2022-09-30", false, 0.978729));
    const auto result = evaluate(indicator_definition(IndicatorId::AgencySwRate), units,
                                 d("2022-09-01"), d("2022-09-30"), std::nullopt);
    ASSERT_TRUE(result);
    EXPECT_EQ(result->period.numerator, 1.9);
    EXPECT_EQ(result->period.denominator, 87.878729);
}

TEST(IndicatorResult, AgencyRateGivesEachMonthItsLatestExtractAndTheLatestAsTheHeadline) {
    IndicatorUnits units;
    units.as_of = d("2015-09-30");
    // April's extract: 1 of 2 FTE agency (50%).
    units.units.push_back(unit("2015-04-30", true));
    units.units.push_back(unit("2015-04-30", false));
    // Two extracts in May: the 15th (2 of 2) gives way to the 31st (1 of 3).
    units.units.push_back(unit("2015-05-15", true));
    units.units.push_back(unit("2015-05-15", true));
    units.units.push_back(unit("2015-05-31", true));
    units.units.push_back(unit("2015-05-31", false, 2.0));
    // September's extract is dated after the period.
    units.units.push_back(unit("2015-09-30", true));
    const auto result = evaluate(indicator_definition(IndicatorId::AgencySwRate), units,
                                 d("2015-04-01"), d("2015-09-15"), Target{25.0, 5.0});
    ASSERT_TRUE(result);
    EXPECT_EQ(result->as_of, d("2015-05-31"));
    EXPECT_DOUBLE_EQ(result->period.numerator, 1.0);
    EXPECT_DOUBLE_EQ(result->period.denominator, 3.0);
    EXPECT_EQ(result->rag, Rag::Red);  // 33.3% against a 25% ceiling, 5 points' tolerance
    ASSERT_EQ(result->months.size(), 6U);
    EXPECT_EQ(result->months[0].month, "2015-04");
    EXPECT_DOUBLE_EQ(*result->months[0].figure.percent, 50.0);
    EXPECT_DOUBLE_EQ(result->months[1].figure.denominator, 3.0);
    for (std::size_t i = 2; i < 6; ++i) {
        EXPECT_FALSE(result->months[i].figure.percent) << result->months[i].month;
    }
    EXPECT_FALSE(result->year_to_date);
}

struct RagCase {
    const char* name;
    double percent;
    double target;
    double tolerance;
    bool higher_is_better;
    Rag expected;
};

// Test names and failures show the case by its name.
void PrintTo(const RagCase& c, std::ostream* out) { *out << c.name; }

class RagAgainstTarget : public ::testing::TestWithParam<RagCase> {};

TEST_P(RagAgainstTarget, FollowsTheTargetAndTolerance) {
    const auto& c = GetParam();
    EXPECT_EQ(rag_for(c.percent, Target{c.target, c.tolerance}, c.higher_is_better), c.expected);
}

INSTANTIATE_TEST_SUITE_P(
    Targets, RagAgainstTarget,
    ::testing::Values(
        RagCase{"AboveTargetIsGreen", 85.0, 80.0, 5.0, true, Rag::Green},
        RagCase{"OnTargetIsGreen", 80.0, 80.0, 5.0, true, Rag::Green},
        RagCase{"WithinToleranceIsAmber", 77.5, 80.0, 5.0, true, Rag::Amber},
        RagCase{"OnTheToleranceEdgeIsAmber", 75.0, 80.0, 5.0, true, Rag::Amber},
        RagCase{"BeyondToleranceIsRed", 74.9, 80.0, 5.0, true, Rag::Red},
        RagCase{"NoToleranceMeansBelowIsRed", 79.9, 80.0, 0.0, true, Rag::Red},
        RagCase{"LowerIsBetterBelowTargetIsGreen", 30.0, 33.0, 5.0, false, Rag::Green},
        RagCase{"LowerIsBetterOnTargetIsGreen", 33.0, 33.0, 5.0, false, Rag::Green},
        RagCase{"LowerIsBetterWithinToleranceIsAmber", 38.0, 33.0, 5.0, false, Rag::Amber},
        RagCase{"LowerIsBetterBeyondToleranceIsRed", 38.1, 33.0, 5.0, false, Rag::Red}),
    [](const auto& test) { return std::string(test.param.name); });

TEST(IndicatorResult, TwoThirdsMeetsATargetOfTwoThirdsTypedInFull) {
    // 100 * 2 / 3 and 200.0 / 3 agree to the last bit or nearly; either way it is on target.
    EXPECT_EQ(rag_for(100.0 * 2 / 3, Target{200.0 / 3, 0.0}, true), Rag::Green);
    EXPECT_FALSE(rag_for(std::nullopt, Target{80.0, 5.0}, true));
    EXPECT_FALSE(rag_for(50.0, std::nullopt, true));
}

TEST(IndicatorResult, RagUsesThePeriodPercentage) {
    IndicatorUnits units;
    add_units(units, "2015-10-01", 15, 5);  // 75%
    const auto result =
        evaluate(assessments(), units, d("2015-10-01"), d("2015-10-31"), Target{80.0, 5.0});
    ASSERT_TRUE(result);
    EXPECT_EQ(result->rag, Rag::Amber);
    ASSERT_TRUE(result->target);
    EXPECT_EQ(result->target->value, 80.0);
}

}  // namespace
}  // namespace csip::domain
