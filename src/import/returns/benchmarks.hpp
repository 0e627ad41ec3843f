// Reading the Department for Education's published figures (docs/benchmarks.md): each file is
// recognised from its header row.
//  - Explore Education Statistics (EES) tidy CSV: `time_period, time_identifier,
//    geographic_level, …, old_la_code, new_la_code, la_name` then measure columns, or
//    `characteristic`/`breakdown` rows; England (National), region (Regional) and council
//    (Local authority) rows are kept, other levels are not.
//  - The Local Authority Interactive Tool's long table: `measure, data_item, years, area, value,
//    la_number, region`.
//  - A statistical-neighbour model: `old_la_code, la_name, …, SN_1, SN_1P, …` (2025), or `LA
//    num, LA Name, …, SN1, SNP, …` (the 2021 groupings).
// Only the measures csip compares are kept (the mapping below, in the .cpp, is their one home);
// other columns and measures are counted as not kept. A value withheld (c, z, x, u, k, -) is kept
// as a figure without a value, with its mark. A row or cell that cannot be read is skipped with
// a problem naming the file, line and column; a file whose header is no published format, or
// that gives none of the measures compared, is refused.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/indicators/benchmarks.hpp"
#include "domain/result.hpp"
#include "import/problem.hpp"

namespace csip::import::returns {

enum class PublishedFormat { Ees, Lait, NeighbourModel };
[[nodiscard]] std::string_view to_string(PublishedFormat format);

struct PublishedRead {
    std::string file;  // as named in problems
    PublishedFormat format = PublishedFormat::Ees;
    std::vector<domain::PublishedFigure> figures;
    std::optional<domain::NeighbourModel> model;  // a neighbour model's file
    std::vector<std::string>
        measures;  // the measures the file gives, in benchmark_measures() order
    std::vector<std::string> datasets;  // the publications it carries
    std::uint64_t rows_read = 0;
    std::uint64_t rows_used = 0;
    std::uint64_t rows_skipped = 0;
    std::uint64_t withheld = 0;  // figures published without a value (suppressed, …)
    std::map<std::string, std::uint64_t> not_kept;  // what was read and not kept, by why
    std::vector<Problem> problems;                  // each row or cell skipped, in file order
};

// Reads the published file at `path`, named `name` in problems and figures. `model_name` names a
// neighbour model (else the year, 20xx, its file name carries). InvalidInput, saying what the
// file is expected to be and how to fix it, when the file cannot be read, is not recognised,
// gives no measure compared, or is a neighbour model with no name.
[[nodiscard]] Result<PublishedRead> read_published(const std::filesystem::path& path,
                                                   const std::string& name,
                                                   const std::optional<std::string>& model_name);

}  // namespace csip::import::returns
