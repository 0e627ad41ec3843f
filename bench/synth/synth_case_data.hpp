// The synthetic returns as csip's case data (domain/case_data.hpp): the records csip's readers
// keep when they read the files the writers produce, without the files. The benchmarks build
// national-size case data this way, and the tests compare it with what the readers read.
// Records come in the readers' order (per child: assessments, enquiries, then plans); each
// record's source names `file` with no line, since no file was read.
#pragma once

#include <string>

#include "domain/case_data.hpp"
#include "synth/cin_model.hpp"
#include "synth/ssda903_model.hpp"
#include "synth/synth_options.hpp"

namespace csip::bench {

// Adds the usable records of one child.
void add_child(const SynthCinChild& child, const std::string& file, domain::CaseData& into);
void add_child(const SynthLookedAfterChild& child, const std::string& file, domain::CaseData& into);

// Every child of the CIN census; of the SSDA903 return, with oc2_year_end set to the
// reference date (as the import sets it from the collection year).
domain::CaseData cin_case_data(const SynthOptions& options);
domain::CaseData ssda903_case_data(const SynthOptions& options);

}  // namespace csip::bench
