// compute_indicators: every definition computed for one period from one set of records, with its
// target; one indicator refused does not stop the others.
#include "domain/indicators/indicator_engine.hpp"

#include <gtest/gtest.h>

#include <string>

#include "case_records.hpp"

namespace csip::domain {
namespace {

using namespace test_records;

// Two assessments in October 2015, one on time (45 working days) and one late (46); see
// indicator_units_test for the counting.
CaseData october() {
    return records(assessment("A", "2015-09-14", "2015-11-16"),
                   assessment("B", "2015-09-14", "2015-11-17"));
}

const IndicatorResult* find(const std::vector<Result<IndicatorResult>>& results,
                            std::string_view key) {
    for (const auto& result : results) {
        if (result && result->key == key) return &*result;
    }
    return nullptr;
}

TEST(IndicatorEngine, ComputesEveryIndicatorWithItsTarget) {
    const auto results = compute_indicators(
        october(), IndicatorSettings{}, WorkingDayCalendar::england_and_wales(), d("2015-11-01"),
        d("2015-11-30"), Targets{{"assessments_45wd", {80.0, 5.0}}});
    ASSERT_EQ(results.size(), indicator_definitions().size());
    for (const auto& result : results) ASSERT_TRUE(result) << result.error().message;
    const auto* assessments = find(results, "assessments_45wd");
    ASSERT_NE(assessments, nullptr);
    EXPECT_EQ(assessments->period.numerator, 1.0);
    EXPECT_EQ(assessments->period.denominator, 2.0);
    EXPECT_EQ(assessments->rag, Rag::Red);  // 50% against 80% +- 5
    EXPECT_NE(assessments->rule.find("≤ 45 working days"), std::string::npos);
    const auto* visits = find(results, "cp_visits_on_time");
    ASSERT_NE(visits, nullptr);
    EXPECT_FALSE(visits->period.percent);  // no visits recorded
    EXPECT_FALSE(visits->rag);
}

TEST(IndicatorEngine, ASettingOutOfRangeRefusesOnlyItsIndicator) {
    IndicatorSettings settings;
    settings.assessment_working_days = 0;
    const auto results =
        compute_indicators(october(), settings, WorkingDayCalendar::england_and_wales(),
                           d("2015-11-01"), d("2015-11-30"), Targets{});
    int refused = 0;
    for (const auto& result : results) {
        if (result) continue;
        ++refused;
        EXPECT_EQ(result.error().field, "assessments_45wd");
        EXPECT_NE(result.error().message.find("assessment_working_days"), std::string::npos);
    }
    EXPECT_EQ(refused, 1);
}

TEST(IndicatorEngine, APeriodNeedingDaysBeyondTheTableIsRefused) {
    const auto data = records(assessment("A", "2027-11-01", "2028-01-10"));
    const auto results =
        compute_indicators(data, IndicatorSettings{}, WorkingDayCalendar::england_and_wales(),
                           d("2028-01-01"), d("2028-01-31"), Targets{});
    const auto* assessments = find(results, "assessments_45wd");
    EXPECT_EQ(assessments, nullptr);
    bool said_why = false;
    for (const auto& result : results) {
        if (!result && result.error().message.find("must be extended") != std::string::npos)
            said_why = true;
    }
    EXPECT_TRUE(said_why);
}

}  // namespace
}  // namespace csip::domain
