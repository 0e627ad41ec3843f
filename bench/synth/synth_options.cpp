#include "synth/synth_options.hpp"

#include <string>

namespace csip::bench {

Result<void> check_options(const SynthOptions& options) {
    if (options.year < kFirstSynthYear || options.year > kLastSynthYear) {
        return fail(ErrorKind::InvalidInput,
                    "--year " + std::to_string(options.year) + " is outside " +
                        std::to_string(kFirstSynthYear) + "-" + std::to_string(kLastSynthYear) +
                        ": the bank-holiday table (2012-2027) must cover four years before the "
                        "reference date and the timescales after it",
                    "year");
    }
    if (options.children == 0) {
        return fail(ErrorKind::InvalidInput, "--children must be at least 1", "children");
    }
    return {};
}

domain::Date collection_start(int year) {
    return domain::Date::from_ymd(year, 4, 1).value_or(domain::Date{});
}

domain::Date reference_date(int year) {
    return domain::Date::from_ymd(year + 1, 3, 31).value_or(domain::Date{});
}

}  // namespace csip::bench
