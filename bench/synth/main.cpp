// csip-synth: writes synthetic national-scale case-level returns for csip's benchmarks.
//   csip-synth cin --children N --year YYYY --seed S -o FILE   a CIN census (XML)
//   csip-synth 903 --children N --year YYYY --seed S -o DIR    SSDA903 tables (CSV)
// The same options write the same bytes. Prints what it wrote, and how long it took.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>

#include "synth/cin_census_writer.hpp"
#include "synth/ssda903_writer.hpp"

namespace {

constexpr int kDone = 0;
constexpr int kFailed = 1;
constexpr int kUsage = 2;

constexpr std::string_view kUsageText =
    "usage: csip-synth cin --children N [--year YYYY] [--seed S] -o FILE\n"
    "       csip-synth 903 --children N [--year YYYY] [--seed S] -o DIR\n"
    "\n"
    "Writes a synthetic CIN census (XML) or SSDA903 return (header.csv, episodes.csv,\n"
    "reviews.csv, oc2.csv in DIR, created if missing) for N children. YYYY is the year the\n"
    "collection starts (2023: 1 April 2023 to 31 March 2024; default 2023); S is the seed\n"
    "(default 1). The same options write the same bytes.\n";

struct Arguments {
    std::string kind;
    csip::bench::SynthOptions options;
    std::string output;
};

std::optional<std::uint64_t> parse_count(std::string_view text) {
    if (text.empty() || text.size() > 18) return std::nullopt;
    std::uint64_t value = 0;
    for (const char c : text) {
        if (c < '0' || c > '9') return std::nullopt;
        value = value * 10 + static_cast<std::uint64_t>(c - '0');
    }
    return value;
}

// The arguments, or a message saying what is wrong with them.
std::optional<Arguments> parse(int argc, char** argv, std::string& problem) {
    Arguments arguments;
    bool have_children = false;
    if (argc < 2) {
        problem = "name what to write: cin or 903";
        return std::nullopt;
    }
    arguments.kind = argv[1];
    if (arguments.kind != "cin" && arguments.kind != "903") {
        problem = "'" + arguments.kind + "' is not cin or 903";
        return std::nullopt;
    }
    for (int i = 2; i < argc; ++i) {
        const std::string_view option = argv[i];
        if (i + 1 >= argc) {
            problem = std::string(option) + " needs a value";
            return std::nullopt;
        }
        const std::string_view value = argv[++i];
        const auto number = parse_count(value);
        if (option == "-o" || option == "--output") {
            arguments.output = value;
            continue;
        }
        if (!number) {
            problem = std::string(option) + " '" + std::string(value) + "' is not a whole number";
            return std::nullopt;
        }
        if (option == "--children") {
            arguments.options.children = *number;
            have_children = true;
        } else if (option == "--year") {
            arguments.options.year = static_cast<int>(*number % 100000);
        } else if (option == "--seed") {
            arguments.options.seed = *number;
        } else {
            problem = "unknown option " + std::string(option);
            return std::nullopt;
        }
    }
    if (!have_children) problem = "--children is required";
    if (arguments.output.empty()) problem = "-o is required";
    if (!problem.empty()) return std::nullopt;
    return arguments;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc == 2 && (std::string_view(argv[1]) == "--help" || std::string_view(argv[1]) == "-h")) {
        std::cout << kUsageText;
        return kDone;
    }
    std::string problem;
    const auto arguments = parse(argc, argv, problem);
    if (!arguments) {
        std::cerr << "csip-synth: " << problem << "\n" << kUsageText;
        return kUsage;
    }
    if (auto checked = csip::bench::check_options(arguments->options); !checked) {
        std::cerr << "csip-synth: " << checked.error().message << "\n";
        return kUsage;
    }
    const auto began = std::chrono::steady_clock::now();
    const auto seconds = [&] {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
    };
    char line[512];
    if (arguments->kind == "cin") {
        const auto summary = csip::bench::write_cin_census(arguments->options, arguments->output);
        if (!summary) {
            std::cerr << "csip-synth: " << summary.error().message << "\n";
            return kFailed;
        }
        std::snprintf(line, sizeof line,
                      "%s: %llu children, %llu assessments, %llu section 47 enquiries, %llu CP "
                      "plans with %llu reviews; %.1f MB in %.1f s\n",
                      arguments->output.c_str(), static_cast<unsigned long long>(summary->children),
                      static_cast<unsigned long long>(summary->assessments),
                      static_cast<unsigned long long>(summary->enquiries),
                      static_cast<unsigned long long>(summary->plans),
                      static_cast<unsigned long long>(summary->reviews),
                      static_cast<double>(summary->bytes) / 1e6, seconds());
    } else {
        std::error_code error;
        std::filesystem::create_directories(arguments->output, error);
        if (error) {
            std::cerr << "csip-synth: cannot create " << arguments->output << ": "
                      << error.message() << "\n";
            return kFailed;
        }
        const auto summary = csip::bench::write_ssda903(arguments->options, arguments->output);
        if (!summary) {
            std::cerr << "csip-synth: " << summary.error().message << "\n";
            return kFailed;
        }
        std::snprintf(line, sizeof line,
                      "%s: %llu children, %llu episodes, %llu reviews, %llu OC2 rows; %.1f MB in "
                      "%.1f s\n",
                      arguments->output.c_str(), static_cast<unsigned long long>(summary->children),
                      static_cast<unsigned long long>(summary->episodes),
                      static_cast<unsigned long long>(summary->reviews),
                      static_cast<unsigned long long>(summary->oc2_rows),
                      static_cast<double>(summary->bytes) / 1e6, seconds());
    }
    std::cout << line;
    return kDone;
}
