// Writes a synthetic SSDA903 return (Ssda903Model) as the DfE's CSV tables in one folder:
// header.csv, episodes.csv, reviews.csv and oc2.csv, each with the DfE's column set and
// dates as dd/mm/yyyy. The four files are streamed side by side, child by child.
// Ssda903Summary counts the rows written, and which of them csip's reader should keep.
#pragma once

#include <cstdint>
#include <filesystem>

#include "domain/result.hpp"
#include "synth/ssda903_model.hpp"
#include "synth/synth_options.hpp"

namespace csip::bench {

struct Ssda903Summary {
    std::uint64_t children = 0;  // rows of header.csv
    std::uint64_t episodes = 0;
    std::uint64_t usable_episodes = 0;
    std::uint64_t reviews = 0;
    std::uint64_t usable_reviews = 0;
    std::uint64_t oc2_rows = 0;
    std::uint64_t usable_oc2_rows = 0;
    std::uint64_t bytes = 0;  // of the four files together
};

// Adds one child's rows to `summary`.
void count_child(const SynthLookedAfterChild& child, Ssda903Summary& summary);

// Writes the four tables into `folder`, which must exist.
Result<Ssda903Summary> write_ssda903(const SynthOptions& options,
                                     const std::filesystem::path& folder);

}  // namespace csip::bench
