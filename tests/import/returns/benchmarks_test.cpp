// The department's published files, read in place from the shared data folder, and the
// comparisons worked out from them (domain/indicators/benchmarks.hpp). Every expected figure was
// read off the files by hand: the row's line is given beside it, and each median, rank and band
// is worked out in the comment above its assertion.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <optional>
#include <string>

#include "../../support/temp_dir.hpp"
#include "domain/indicators/benchmarks.hpp"
#include "import/returns/benchmarks.hpp"

namespace csip::import::returns {
namespace {

namespace fs = std::filesystem;

fs::path published(const std::string& name) {
    return csip::testing::shared_data_dir() / "external" / "benchmarks" / name;
}

constexpr const char* kC1 = "c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv";
constexpr const char* kC4 = "c4_children_in_need_section_47s_and_icpcs_2013_to_2025.csv";
constexpr const char* kCsww = "csww_indicators_2017_to_2025.csv";
constexpr const char* kCla = "la_conviction_health_outcome_cla.csv";
constexpr const char* kLait = "lait-childrens-social-care-measures.csv";
constexpr const char* kSn2025 = "sn_model_2025_wide.csv";
constexpr const char* kSn2021 = "New_Statistical_Neighbour_Groupings_April_2021.csv";

PublishedRead read(const std::string& name, std::optional<std::string> model = std::nullopt) {
    auto result = read_published(published(name), name, model);
    EXPECT_TRUE(result.has_value()) << name << ": " << (result ? "" : result.error().message);
    return result ? std::move(*result) : PublishedRead{};
}

// Every published file, read once for the comparisons below.
struct Everything {
    domain::PublishedFigures figures{{}};
    domain::NeighbourModel model2025;
    domain::NeighbourModel model2021;
};

const Everything& everything() {
    static const Everything all = [] {
        std::vector<domain::PublishedFigure> figures;
        for (const char* name : {kC1, kC4, kCsww, kCla, kLait}) {
            auto file = read(name);
            for (auto& figure : file.figures) figures.push_back(std::move(figure));
        }
        Everything out;
        out.figures = domain::PublishedFigures(std::move(figures));
        out.model2025 = *read(kSn2025).model;
        out.model2021 = *read(kSn2021).model;
        return out;
    }();
    return all;
}

domain::MeasureComparison compare(const std::string& la, const std::string& measure,
                                  const std::string& year,
                                  const domain::NeighbourModel* model = nullptr) {
    const auto& all = everything();
    return domain::compare_measure(all.figures, model ? model : &all.model2025, la,
                                   *domain::find_benchmark_measure(measure), year);
}

TEST(PublishedFiles, EveryFileIsRecognisedFromItsHeaderAndReadWithoutASkippedRow) {
    struct Expected {
        const char* name;
        PublishedFormat format;
        std::uint64_t rows;
        std::vector<std::string> measures;
    };
    const std::vector<Expected> files = {
        {kC1, PublishedFormat::Ees, 2132, {"rereferrals_12m"}},
        {kC4, PublishedFormat::Ees, 2132, {"icpc_15wd"}},
        {kCsww,
         PublishedFormat::Ees,
         1463,
         {"agency_sw_rate", "sw_vacancy_rate", "sw_turnover_rate", "sw_caseload"}},
        {kCla, PublishedFormat::Ees, 15030, {"cla_health_assessments", "cla_dental_checks"}},
        {kLait,
         PublishedFormat::Lait,
         9520,
         {"assessments_45wd", "icpc_15wd", "cla_health_assessments", "cla_dental_checks",
          "agency_sw_rate", "cp_plans_reviewed_in_time"}},
        {kSn2025, PublishedFormat::NeighbourModel, 153, {}},
        {kSn2021, PublishedFormat::NeighbourModel, 157, {}},
    };
    for (const auto& expected : files) {
        const auto file = read(expected.name);
        EXPECT_EQ(file.format, expected.format) << expected.name;
        EXPECT_EQ(file.rows_read, expected.rows) << expected.name;
        EXPECT_EQ(file.rows_skipped, 0u) << expected.name;
        EXPECT_TRUE(file.problems.empty())
            << expected.name << ": " << (file.problems.empty() ? "" : to_string(file.problems[0]));
        EXPECT_EQ(file.measures, expected.measures) << expected.name;
    }
}

TEST(PublishedFiles, WhatIsNotKeptIsCountedWithWhy) {
    // The CLA outcomes file: 15,030 rows, of which the health assessment and dental check rows
    // of England, 11 regions and the councils (1,670) are kept; convictions, SDQ scores and the
    // rest are not.
    const auto cla = read(kCla);
    EXPECT_EQ(cla.rows_used, 1670u);
    EXPECT_EQ(cla.not_kept.at("rows of other characteristics"), 13360u);
    // The workforce file gives some councils' figures together (North and West Northamptonshire
    // as '940 / 941', Kingston and Richmond as '314 / 318'), which belong to no one council.
    const auto csww = read(kCsww);
    EXPECT_EQ(csww.not_kept.at("rows of councils reported together (e.g. 940 / 941)"), 14u);
    // The 2021 groupings put an "Old SNs:" heading (between two rows of commas, which are no
    // rows) before the four councils since reorganised, which are kept: 157 rows, 156 councils.
    const auto sn2021 = read(kSn2021);
    EXPECT_EQ(sn2021.not_kept.at("rows without an LA code (headings, blank rows)"), 1u);
    EXPECT_EQ(sn2021.model->councils.size(), 156u);
    ASSERT_NE(sn2021.model->find("928"), nullptr);  // Northamptonshire, before 2021
}

TEST(PublishedFiles, WithheldValuesAreKeptWithTheirMark) {
    const auto& all = everything();
    // c4 line for West Berkshire 2020: Duration_0-10_days is c, so the share within 15 working
    // days is withheld in the EES file; LAIT gives it (98.6, lait line 829), and LAIT's is used.
    const auto* icpc = all.figures.find("icpc_15wd", "2020", "869");
    ASSERT_NE(icpc, nullptr);
    EXPECT_EQ(icpc->source, domain::PublishedSource::Lait);
    EXPECT_DOUBLE_EQ(*icpc->value, 98.6);
    // The workforce's agency rate for Sunderland in 2025 is published as "low" in the EES file
    // (line 25), and as 0 by LAIT (line 3363), whose value is then the one compared.
    const auto csww = read(kCsww);
    const auto low = std::find_if(csww.figures.begin(), csww.figures.end(), [](const auto& f) {
        return f.measure == "agency_sw_rate" && f.year == "2025" && f.area_code == "394";
    });
    ASSERT_NE(low, csww.figures.end());
    EXPECT_FALSE(low->value);
    EXPECT_EQ(low->mark, "low");
    EXPECT_EQ(low->line, 25u);
    const auto* sunderland = all.figures.find("agency_sw_rate", "2025", "394");
    ASSERT_NE(sunderland, nullptr);
    EXPECT_EQ(sunderland->source, domain::PublishedSource::Lait);
    EXPECT_DOUBLE_EQ(*sunderland->value, 0.0);
}

TEST(PublishedFiles, TheNeighbourModelsListTenNeighboursClosestFirst) {
    const auto& all = everything();
    const auto* west_berkshire = all.model2025.find("869");
    ASSERT_NE(west_berkshire, nullptr);
    EXPECT_EQ(west_berkshire->name, "West Berkshire");
    ASSERT_EQ(west_berkshire->neighbours.size(), 10u);
    EXPECT_EQ(west_berkshire->neighbours.front().code, "825");
    EXPECT_EQ(west_berkshire->neighbours.front().name, "Buckinghamshire");
    EXPECT_EQ(west_berkshire->neighbours.back().code, "305");
    EXPECT_EQ(all.model2025.name, "2025");
    EXPECT_EQ(all.model2021.name, "2021");
    const auto* older = all.model2021.find("869");
    ASSERT_NE(older, nullptr);
    EXPECT_EQ(older->neighbours.size(), 10u);
}

// West Berkshire, 2025, assessments within 45 working days: LAIT only (lait line 5079).
TEST(Benchmarks, WestBerkshireAssessmentsIn2025) {
    const auto line = compare("869", "assessments_45wd", "2025");
    EXPECT_DOUBLE_EQ(*line.la, 93.4);
    EXPECT_DOUBLE_EQ(*line.england, 85.7);
    EXPECT_DOUBLE_EQ(*line.region, 89.9);  // South East (989)
    // Neighbours (2025 model): 85.9, 96.4, 74.2, 79.1, 93.1, 75.0, 87.0, 87.5, 72.9, 93.4;
    // sorted, the middle two are 85.9 and 87.0: median 86.45.
    EXPECT_EQ(line.neighbours_with_value, 10);
    EXPECT_DOUBLE_EQ(*line.neighbours_median, 86.45);
    // 30 of the 152 councils with a value are above 93.4: rank 31; 4 × 31 = 124 <= 152: band A.
    EXPECT_EQ(*line.rank, 31);
    EXPECT_EQ(line.of, 152);
    EXPECT_EQ(*line.quartile, 'A');
    EXPECT_EQ(line.source, "LAIT: Local Authority Interactive Tool");
    EXPECT_EQ(domain::benchmark_sentence(line),
              "93.4% of assessments were completed within 45 working days in 2024-25, above "
              "England (85.7%) and the statistical neighbours' median (86.5%); quartile band A "
              "(rank 31 of 152)");
}

// 2024: Hampshire (850) has no published value ('-'): nine neighbours count.
TEST(Benchmarks, ANeighbourWithASuppressedValueIsLeftOutOfTheMedian) {
    const auto line = compare("869", "assessments_45wd", "2024");
    EXPECT_DOUBLE_EQ(*line.la, 97.4);
    EXPECT_DOUBLE_EQ(*line.england, 84.5);
    // 77.1, -, 81.2, 82.2, 95.3, 82.1, 90.8, 87.6, 71.7, 93.9: nine values, the fifth of them
    // sorted (71.7, 77.1, 81.2, 82.1, 82.2, …) is 82.2.
    EXPECT_EQ(line.neighbours_with_value, 9);
    ASSERT_EQ(line.neighbour_values.size(), 10u);
    EXPECT_FALSE(line.neighbour_values[1]);
    EXPECT_DOUBLE_EQ(*line.neighbours_median, 82.2);
    // Five councils above 97.4: rank 6 of 152, band A.
    EXPECT_EQ(*line.rank, 6);
    EXPECT_EQ(*line.quartile, 'A');
}

// Barnet (302), a second council, in 2025 and 2024: near the bottom.
TEST(Benchmarks, BarnetAssessmentsIn2025And2024) {
    const auto latest = compare("302", "assessments_45wd", "2025");
    EXPECT_DOUBLE_EQ(*latest.la, 65.2);
    // Neighbours: 99.3, 53.6, 96.8, 84.1, 98.5, 69.6, 84.4, 89.4, 86.0, 84.2; sorted, 53.6,
    // 69.6, 84.1, 84.2, 84.4, 86.0, …: the middle two are 84.4 and 86.0, median 85.2.
    EXPECT_DOUBLE_EQ(*latest.neighbours_median, 85.2);
    EXPECT_EQ(*latest.rank, 149);
    // 4 × 149 = 596 > 3 × 152 = 456: band D.
    EXPECT_EQ(*latest.quartile, 'D');
    const auto before = compare("302", "assessments_45wd", "2024");
    EXPECT_DOUBLE_EQ(*before.la, 61.7);
    // 98.0, 62.1, 65.4, 92.7, 95.8, 69.1, 83.3, 91.9, 85.3, 85.9: (85.3 + 85.9) / 2 = 85.6.
    EXPECT_DOUBLE_EQ(*before.neighbours_median, 85.6);
    EXPECT_EQ(*before.rank, 150);
    EXPECT_EQ(*before.quartile, 'D');
}

// ICPCs within 15 working days are in two sources: EES table C4, as (Duration_0-10_days +
// Duration_11-15_days) / ICPC, and LAIT. EES is preferred.
TEST(Benchmarks, IcpcsComeFromTheDepartmentsOwnFileWhereBothGiveThem) {
    // c4, West Berkshire 2025: (8 + 192) / 270 = 74.07…, 74.1 to one place; LAIT says 74.1 too.
    const auto line = compare("869", "icpc_15wd", "2025");
    EXPECT_DOUBLE_EQ(*line.la, 74.1);
    EXPECT_EQ(line.source,
              "EES: Children in need, section 47 enquiries and initial child protection "
              "conferences");
    // England: (6240 + 52430) / 72100 = 81.37…: 81.4.
    EXPECT_DOUBLE_EQ(*line.england, 81.4);
    // The neighbours from c4: 76.2, 80.9, 82.5, 90.1, 90.4, 71.6, 88.5, 87.5, 82.3, 71.3;
    // middle two sorted 82.3 and 82.5: 82.4.
    EXPECT_DOUBLE_EQ(*line.neighbours_median, 82.4);
    // Hartlepool (805): c4 withholds a count (Duration_0-10_days c), LAIT publishes 96.4.
    const auto& all = everything();
    const auto* hartlepool = all.figures.find("icpc_15wd", "2025", "805");
    ASSERT_NE(hartlepool, nullptr);
    EXPECT_EQ(hartlepool->source, domain::PublishedSource::Lait);
    EXPECT_DOUBLE_EQ(*hartlepool->value, 96.4);
    // 2015 is in c4 only (LAIT starts in 2016): (58 + 120) / 207 = 85.99…: 86.
    const auto earlier = compare("869", "icpc_15wd", "2015");
    EXPECT_DOUBLE_EQ(*earlier.la, 86.0);
}

TEST(Benchmarks, HealthDentalAndAgencyForWestBerkshireAndBarnet) {
    // CLA outcomes, West Berkshire 2025: 94% health assessments, 92% dental checks (EES).
    const auto health = compare("869", "cla_health_assessments", "2025");
    EXPECT_DOUBLE_EQ(*health.la, 94.0);
    EXPECT_EQ(health.source, "EES: Outcomes for children looked after by local authorities");
    const auto dental = compare("869", "cla_dental_checks", "2021");
    EXPECT_DOUBLE_EQ(*dental.la, 41.0);
    // Agency rate, lower is better: West Berkshire 11.4 in 2025 (csww), England 13.
    const auto agency = compare("869", "agency_sw_rate", "2025");
    EXPECT_DOUBLE_EQ(*agency.la, 11.4);
    EXPECT_DOUBLE_EQ(*agency.england, 13.0);
    EXPECT_EQ(agency.source, "EES: Children's social work workforce");
    const auto barnet = compare("302", "agency_sw_rate", "2024");
    ASSERT_TRUE(barnet.la);
    ASSERT_TRUE(barnet.rank);
    // A lower rate ranks better: every council ranked ahead has a lower rate.
    for (const auto* council : everything().figures.councils("agency_sw_rate", "2024")) {
        if (council->value && *council->value < *barnet.la) {
            EXPECT_LT(0, *barnet.rank - 1);
        }
    }
}

// Each indicator's measure for two councils and two years, worked out from the files alone: the
// council's value (EES where it has one, else LAIT's), the median of its 2025-model neighbours
// with a value, how many had one, the rank among councils with a value (lower first for the
// agency rate) and the band by 4 × rank against of, 2 of and 3 of.
struct Known {
    const char* measure;
    const char* la;
    const char* year;
    double value;
    double median;
    int with_value;
    int rank;
    int of;
    char quartile;
};
constexpr Known kKnown[] = {
    {"assessments_45wd", "869", "2025", 93.4, 86.45, 10, 31, 152, 'A'},
    {"assessments_45wd", "869", "2024", 97.4, 82.2, 9, 6, 152, 'A'},
    {"assessments_45wd", "302", "2025", 65.2, 85.2, 10, 149, 152, 'D'},
    {"assessments_45wd", "302", "2024", 61.7, 85.6, 10, 150, 152, 'D'},
    {"icpc_15wd", "869", "2025", 74.1, 82.4, 10, 124, 151, 'D'},
    {"icpc_15wd", "869", "2024", 82.5, 80.9, 9, 68, 150, 'B'},
    {"icpc_15wd", "302", "2025", 82.7, 75.6, 10, 73, 151, 'B'},
    {"icpc_15wd", "302", "2024", 75.1, 77.8, 10, 104, 150, 'C'},
    {"cla_health_assessments", "869", "2025", 94.0, 90.0, 10, 58, 151, 'B'},
    {"cla_health_assessments", "869", "2024", 93.0, 90.5, 10, 55, 151, 'B'},
    {"cla_health_assessments", "302", "2025", 84.0, 93.5, 10, 131, 151, 'D'},
    {"cla_health_assessments", "302", "2024", 91.0, 93.5, 10, 76, 151, 'C'},
    {"cla_dental_checks", "869", "2025", 92.0, 85.0, 10, 24, 151, 'A'},
    {"cla_dental_checks", "869", "2024", 87.0, 84.5, 10, 39, 151, 'B'},
    {"cla_dental_checks", "302", "2025", 83.0, 83.5, 10, 75, 151, 'B'},
    {"cla_dental_checks", "302", "2024", 76.0, 83.0, 10, 101, 151, 'C'},
    {"agency_sw_rate", "869", "2025", 11.4, 13.25, 10, 68, 151, 'B'},
    {"agency_sw_rate", "869", "2024", 11.8, 16.55, 10, 49, 150, 'B'},
    {"agency_sw_rate", "302", "2025", 21.1, 20.55, 10, 114, 151, 'D'},
    {"agency_sw_rate", "302", "2024", 29.4, 27.3, 10, 129, 150, 'D'},
};

TEST(Benchmarks, EveryIndicatorForTwoCouncilsAndTwoYears) {
    for (const auto& known : kKnown) {
        const std::string what = std::string(known.measure) + " " + known.la + " " + known.year;
        const auto line = compare(known.la, known.measure, known.year);
        ASSERT_TRUE(line.la) << what;
        EXPECT_NEAR(*line.la, known.value, 1e-9) << what;
        ASSERT_TRUE(line.neighbours_median) << what;
        EXPECT_NEAR(*line.neighbours_median, known.median, 1e-9) << what;
        EXPECT_EQ(line.neighbours_with_value, known.with_value) << what;
        ASSERT_TRUE(line.rank) << what;
        EXPECT_EQ(*line.rank, known.rank) << what;
        EXPECT_EQ(line.of, known.of) << what;
        EXPECT_EQ(*line.quartile, known.quartile) << what;
    }
}

TEST(Benchmarks, TheComparisonForACouncilTakesItsLatestYearAndNamesItsNeighbours) {
    const auto& all = everything();
    auto comparison = domain::compare_council(all.figures, &all.model2025, "869", std::nullopt);
    ASSERT_TRUE(comparison) << comparison.error().message;
    EXPECT_EQ(comparison->la_name, "West Berkshire");
    EXPECT_EQ(comparison->region, "South East");
    EXPECT_EQ(comparison->year, "2025");
    ASSERT_EQ(comparison->neighbours.size(), 10u);
    EXPECT_EQ(comparison->neighbours[3].name, "Bracknell Forest");
    EXPECT_EQ(comparison->measures.size(), domain::benchmark_measures().size());
    auto unknown = domain::compare_council(all.figures, &all.model2025, "999", std::nullopt);
    ASSERT_FALSE(unknown);
    EXPECT_EQ(unknown.error().kind, ErrorKind::NotFound);
    auto no_year = domain::compare_council(all.figures, &all.model2025, "869", "1999");
    ASSERT_FALSE(no_year);
    EXPECT_NE(no_year.error().message.find("2013"), std::string::npos);
}

TEST(PublishedFiles, ACellThatIsNoValueIsAProblemAtItsLineAndColumn) {
    csip::testing::TempDir dir;
    const auto path = dir / "ees. with dots and spaces.csv";
    csip::testing::write_file(
        path,
        "time_period,time_identifier,geographic_level,country_code,country_name,region_code,"
        "region_name,old_la_code,new_la_code,la_name,agency_rate_fte\n"
        "2025,Reporting year,National,E92000001,England,,,,,,13\n"
        "2025,Reporting year,Local authority,E92000001,England,E12000008,South East,869,"
        "E06000037,West Berkshire,eleven\n"
        "2025,Reporting year,Local authority,E92000001,England,E12000008,South East,867,"
        "E06000036,Bracknell Forest,c\n");
    auto file = read_published(path, "ees. with dots and spaces.csv", std::nullopt);
    ASSERT_TRUE(file) << file.error().message;
    EXPECT_EQ(file->rows_read, 3u);
    EXPECT_EQ(file->rows_skipped, 1u);
    ASSERT_EQ(file->problems.size(), 1u);
    EXPECT_EQ(to_string(file->problems[0]),
              "ees. with dots and spaces.csv:3:105 (agency_rate_fte): 'eleven' is not a published "
              "value; write a number (e.g. 86.1), or one of the department's marks: c "
              "(suppressed), z (not applicable), x (not available), u (low reliability), k, low, "
              "- or :");
    ASSERT_EQ(file->figures.size(), 2u);
    EXPECT_EQ(file->figures[1].mark, "c");
    EXPECT_EQ(file->withheld, 1u);
}

TEST(PublishedFiles, AFileOfNoKnownFormatOrNoMeasureIsRefusedSayingWhatCsipReads) {
    csip::testing::TempDir dir;
    csip::testing::write_file(dir / "empty.csv", "");
    auto empty = read_published(dir / "empty.csv", "empty.csv", std::nullopt);
    ASSERT_FALSE(empty);
    EXPECT_NE(empty.error().message.find("empty.csv: the file is empty"), std::string::npos);
    csip::testing::write_file(dir / "other.csv", "a,b,c\n1,2,3\n");
    auto other = read_published(dir / "other.csv", "other.csv", std::nullopt);
    ASSERT_FALSE(other);
    EXPECT_NE(other.error().message.find("no published format csip knows (it reads: a,b,c)"),
              std::string::npos);
    csip::testing::write_file(dir / "nomeasure.csv",
                              "time_period,time_identifier,geographic_level,la_name,pupils\n"
                              "2025,Reporting year,National,,5\n");
    auto nothing = read_published(dir / "nomeasure.csv", "nomeasure.csv", std::nullopt);
    ASSERT_FALSE(nothing);
    EXPECT_NE(nothing.error().message.find("gives none of the measures csip compares"),
              std::string::npos);
    csip::testing::write_file(dir / "neighbours.csv",
                              "old_la_code,la_name,SN_1,SN_1P\n869,West Berkshire,867,Close\n");
    auto unnamed = read_published(dir / "neighbours.csv", "neighbours.csv", std::nullopt);
    ASSERT_FALSE(unnamed);
    EXPECT_NE(unnamed.error().message.find("--model"), std::string::npos);
    auto named = read_published(dir / "neighbours.csv", "neighbours.csv", "2030");
    ASSERT_TRUE(named) << named.error().message;
    EXPECT_EQ(named->model->name, "2030");
    auto missing = read_published(dir / "absent.csv", "absent.csv", std::nullopt);
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().kind, ErrorKind::NotFound);
}

TEST(PublishedFiles, AFigureGivenTwiceIsKeptOnceWithAProblem) {
    csip::testing::TempDir dir;
    csip::testing::write_file(dir / "lait.csv",
                              "measure,data_item,years,area,value,la_number,region\n"
                              "CP_conf_15days,,2025,West Berkshire,74.1,869,South East\n"
                              "CP_conf_15days,,2025,West Berkshire,75,869,South East\n"
                              "CP_conf_15days,,2025,England,81.4,970,NA\n"
                              "CP_conf_15days,,2025,London (Inner),77.9,987,NA\n");
    auto file = read_published(dir / "lait.csv", "lait.csv", std::nullopt);
    ASSERT_TRUE(file) << file.error().message;
    ASSERT_EQ(file->figures.size(), 3u);
    EXPECT_DOUBLE_EQ(*file->figures[0].value, 74.1);
    EXPECT_EQ(file->figures[2].level, domain::AreaLevel::Region);
    EXPECT_EQ(file->figures[2].area_code, "E13000001");  // Inner London
    ASSERT_EQ(file->problems.size(), 1u);
    EXPECT_EQ(file->problems[0].line, 3u);
}

}  // namespace
}  // namespace csip::import::returns
