// The fixture suite: every file under fixtures/ with a `NAME.expected` beside it is detected,
// read, and the account of what was read (case_data_summary.hpp) compared with the expected
// text. The first line of an expected file may say `read-as: FORMAT` to read the file as a
// format other than the one detected (to see a wrong format refused). An expected
// `error: ...` line is the failure message. Adding a case is adding two files.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>

#include "case_data_summary.hpp"
#include "import/returns/detect.hpp"
#include "import/returns/read_return.hpp"
#include "../../support/temp_dir.hpp"

namespace csip::import {
namespace {

namespace fs = std::filesystem;

fs::path fixtures_dir() { return fs::path(CSIP_RETURNS_FIXTURES_DIR); }

std::vector<std::string> fixture_cases() {
    std::vector<std::string> cases;
    for (const auto& entry : fs::recursive_directory_iterator(fixtures_dir())) {
        if (entry.path().extension() == ".expected") {
            auto input = entry.path();
            input.replace_extension();
            cases.push_back(fs::relative(input, fixtures_dir()).generic_string());
        }
    }
    std::sort(cases.begin(), cases.end());
    return cases;
}

class ReturnFixture : public ::testing::TestWithParam<std::string> {};

TEST_P(ReturnFixture, ReadsAsExpected) {
    const auto input = fixtures_dir() / GetParam();
    auto expected = csip::testing::read_file(fs::path(input.string() + ".expected"));
    const std::string prefix = fixtures_dir().string() + "/";

    std::optional<ReturnFormat> format = detect_format(input);
    std::string actual;
    const std::string kReadAs = "read-as: ";
    if (expected.rfind(kReadAs, 0) == 0) {
        const auto end = expected.find('\n');
        format = parse_format_name(expected.substr(kReadAs.size(), end - kReadAs.size()));
        ASSERT_TRUE(format.has_value()) << "unknown format in " << GetParam() << ".expected";
        actual = expected.substr(0, end + 1);
    }
    if (!format) {
        actual += "detected: nothing\n";
    } else {
        domain::CaseData data;
        const auto result = read_return(input, *format, data);
        if (result) {
            actual += testing::summarise(*result, data, prefix);
        } else {
            std::string message = result.error().message;
            for (auto at = message.find(prefix); at != std::string::npos; at = message.find(prefix)) {
                message.erase(at, prefix.size());
            }
            actual += "error: " + message + "\n";
            EXPECT_TRUE(data.assessments.empty() && data.enquiries.empty() && data.protection_plans.empty() &&
                        data.workforce.empty())
                << "a file that fails must change nothing";
        }
    }
    EXPECT_EQ(actual, expected) << "fixture " << GetParam();
}

INSTANTIATE_TEST_SUITE_P(Fixtures, ReturnFixture, ::testing::ValuesIn(fixture_cases()),
                         [](const ::testing::TestParamInfo<std::string>& param_info) {
                             std::string name = param_info.param;
                             for (char& c : name) {
                                 if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                             }
                             return name;
                         });

}  // namespace
}  // namespace csip::import
