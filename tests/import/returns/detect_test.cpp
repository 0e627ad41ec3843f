#include "import/returns/detect.hpp"

#include <gtest/gtest.h>

#include <cctype>
#include <set>

#include "../../support/temp_dir.hpp"

namespace csip::import {
namespace {

namespace fs = std::filesystem;

fs::path fixture(const std::string& name) {
    return fs::path(CSIP_RETURNS_FIXTURES_DIR) / name;
}

struct DetectCase {
    std::string file;
    std::optional<ReturnFormat> format;
};

class DetectFixture : public ::testing::TestWithParam<DetectCase> {};

TEST_P(DetectFixture, RecognisesTheFormatFromContent) {
    EXPECT_EQ(detect_format(fixture(GetParam().file)), GetParam().format) << GetParam().file;
}

INSTANTIATE_TEST_SUITE_P(
    EveryFormat, DetectFixture,
    ::testing::Values(DetectCase{"cin/happy.xml", ReturnFormat::CinCensus},
                      DetectCase{"cin/truncated.xml", ReturnFormat::CinCensus},
                      DetectCase{"csww/workforce.xml", ReturnFormat::Csww},
                      DetectCase{"903/header.csv", ReturnFormat::Ssda903Header},
                      DetectCase{"903/episodes.csv", ReturnFormat::Ssda903Episodes},
                      DetectCase{"903/reviews.csv", ReturnFormat::Ssda903Reviews},
                      DetectCase{"903/oc2.csv", ReturnFormat::Ssda903Oc2},
                      DetectCase{"annex_a/workbook.xlsx", ReturnFormat::AnnexAWorkbook},
                      DetectCase{"annex_a/list4.csv", ReturnFormat::AnnexAList},
                      DetectCase{"annex_a/list5.csv", ReturnFormat::AnnexAList},
                      DetectCase{"annex_a/list7.csv", ReturnFormat::AnnexAList},
                      DetectCase{"events/cp_visits.csv", ReturnFormat::CpVisits},
                      DetectCase{"events/conference_reports.csv", ReturnFormat::ConferenceReports},
                      DetectCase{"events/workforce.csv", ReturnFormat::Workforce},
                      DetectCase{"other/not_xml_root.xml", std::nullopt},
                      DetectCase{"other/unrelated.csv", std::nullopt},
                      DetectCase{"no/such/file.csv", std::nullopt}),
    [](const ::testing::TestParamInfo<DetectCase>& param_info) {
        std::string name = param_info.param.file;
        for (char& c : name) {
            if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
        }
        return name;
    });

TEST(DetectFormat, RefusesAZipThatIsNotAnAnnexAWorkbook) {
    csip::testing::TempDir dir;
    csip::testing::write_file(dir / "other.xlsx", "PK\x03\x04 not really a zip");
    EXPECT_EQ(detect_format(dir / "other.xlsx"), std::nullopt);
}

TEST(DetectFormat, RefusesAnEmptyFile) {
    csip::testing::TempDir dir;
    csip::testing::write_file(dir / "empty.csv", "");
    EXPECT_EQ(detect_format(dir / "empty.csv"), std::nullopt);
}

TEST(DetectFormat, ReadsTheCollectionPastAByteOrderMarkAndComments) {
    csip::testing::TempDir dir;
    csip::testing::write_file(dir / "csww.xml",
                              "\xEF\xBB\xBF<?xml version=\"1.0\"?>\n<!-- export -->\n<Message><Header><CollectionDetails>"
                              "<Collection> CSWW </Collection></CollectionDetails></Header></Message>");
    EXPECT_EQ(detect_format(dir / "csww.xml"), ReturnFormat::Csww);
}

TEST(FormatNames, NameEveryFormatOnceAndReadBack) {
    std::set<std::string_view> names;
    for (const auto format : kAllReturnFormats) {
        const auto name = format_name(format);
        EXPECT_TRUE(names.insert(name).second) << name;
        EXPECT_EQ(parse_format_name(name), format);
        EXPECT_FALSE(format_description(format).empty());
    }
    EXPECT_EQ(parse_format_name("CIN"), ReturnFormat::CinCensus);
    EXPECT_EQ(parse_format_name("903-episodes"), ReturnFormat::Ssda903Episodes);
    EXPECT_EQ(parse_format_name("episodes"), std::nullopt);
}

}  // namespace
}  // namespace csip::import
