#include "domain/indicators/indicator_definitions.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace csip::domain {
namespace {

TEST(IndicatorDefinitions, EachKeyIsUniqueAndFindable) {
    std::set<std::string_view> keys;
    for (const auto& definition : indicator_definitions()) {
        EXPECT_TRUE(keys.insert(definition.key).second) << definition.key;
        ASSERT_EQ(find_indicator(definition.key), &definition);
        EXPECT_EQ(&indicator_definition(definition.id), &definition);
        EXPECT_FALSE(definition.source.empty()) << definition.key;
    }
    EXPECT_EQ(keys.size(), 21U);  // nine from the national returns, twelve from Annex A
    EXPECT_EQ(find_indicator("no_such_indicator"), nullptr);
}

TEST(IndicatorDefinitions, TheAgencyRateLongPlansAndThreePlacementsAreBetterLower) {
    for (const auto& definition : indicator_definitions()) {
        const bool lower = definition.id == IndicatorId::AgencySwRate ||
                           definition.id == IndicatorId::AnnexCpOverTwoYears ||
                           definition.id == IndicatorId::AnnexClaThreePlacements;
        EXPECT_EQ(definition.higher_is_better, !lower) << definition.key;
    }
}

TEST(IndicatorDefinitions, RuleTextStatesTheSettingAndTheSource) {
    const auto& assessments = indicator_definition(IndicatorId::Assessments45Wd);
    EXPECT_EQ(
        rule_text(assessments, IndicatorSettings{}),
        "wd(start, authorised) ≤ 45 working days (Working Together to Safeguard Children 2015)");
    IndicatorSettings settings;
    settings.initial_report_working_days = 2;
    const auto reports =
        rule_text(indicator_definition(IndicatorId::CpReportsSharedOnTime), settings);
    EXPECT_NE(reports.find("≥ 2 working days before an initial conference"), std::string::npos)
        << reports;
    EXPECT_NE(
        rule_text(indicator_definition(IndicatorId::ClaReviewsOnTime), settings).find("reg 33"),
        std::string::npos);
}

}  // namespace
}  // namespace csip::domain
