// Writes a synthetic CIN census (CinModel) as the DfE's XML: <Message>, a <Header> whose
// <CollectionDetails> name the CIN collection, its year and reference date, then one <Child>
// per child with <ChildIdentifiers>, <ChildCharacteristics> and its <CINdetails>, indented as
// councils' systems write it. The file is streamed child by child; nothing else is held.
// CinSummary counts what was written, and what of it csip's reader should keep.
#pragma once

#include <cstdint>
#include <filesystem>

#include "domain/result.hpp"
#include "synth/cin_model.hpp"
#include "synth/synth_options.hpp"

namespace csip::bench {

struct CinSummary {
    std::uint64_t children = 0;
    // Modules written: <Assessments>, <Section47>, <ChildProtectionPlans>, <CPPreviewDate>.
    std::uint64_t assessments = 0;
    std::uint64_t enquiries = 0;
    std::uint64_t plans = 0;
    std::uint64_t reviews = 0;
    // Of those, the ones a reader keeps: well formed, and of a child with an LAchildID.
    std::uint64_t usable_assessments = 0;
    std::uint64_t usable_enquiries = 0;
    std::uint64_t usable_plans = 0;
    std::uint64_t usable_reviews = 0;
    std::uint64_t bytes = 0;
};

// Adds one child's modules to `summary`.
void count_child(const SynthCinChild& child, CinSummary& summary);

Result<CinSummary> write_cin_census(const SynthOptions& options, const std::filesystem::path& file);

}  // namespace csip::bench
