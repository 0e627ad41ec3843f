// A plain-text account of what a read yielded: the format, the counts, the reasons rows were
// skipped, each problem and each record, one line apiece (an Annex A row has a second line, its
// columns as kept). The fixture suite compares it with a hand-checked `.expected` file beside
// each fixture, so a change in what csip reads shows as a readable difference.
#pragma once

#include <string>

#include "domain/case_data.hpp"
#include "import/returns/read_return.hpp"

namespace csip::import::testing {

// `file_prefix` is cut from the front of file names so that the text does not depend on where
// the checkout is.
std::string summarise(const ReadReport& report, const domain::CaseData& data, const std::string& file_prefix);

}  // namespace csip::import::testing
