// The demo authority's case-level data: the returns Westbury Council would have imported for
// April 2015 to March 2016 (a CIN census, the SSDA903 episodes, reviews and OC2 cohort, CP visits,
// conference reports, monthly workforce extracts and an Ofsted Annex A extract at each month end
// from April to September 2015, which agrees with the other returns as at its date), generated
// from a fixed seed with no clock, so every run gives the same records. Their indicators tell the
// story of the source report (src/app/demo/README.md): assessments within 45 working days rising
// from about 71% in April to about 84% in August; every ICPC, CP review and CLA review on time; CP
// visits near 97% by July; reports shared on time for about 48% of the year's conferences to
// 31 August but 67% of August's; the agency rate falling from 50% in April to 33% in August;
// health assessments and dental checks below target; and the Annex A figures improving month by
// month (looked-after children visited in timescale from 81% to 95%, children in need seen from
// 81% to 91%, care leavers in touch from 88% to 97%). Numbers are those of a small unitary
// authority.
#pragma once

#include <vector>

#include "storage/case_store.hpp"

namespace csip::app {

// The demo's returns, ready to store, each with its identity. `imported_at` is when they are
// said to have been imported.
[[nodiscard]] std::vector<storage::ReturnRecords> demo_case_returns(const std::string& imported_at);

}  // namespace csip::app
