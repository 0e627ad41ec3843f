// How an indicator reads to the people it is reported to (board members and councillors as well
// as analysts): its rule in plain English, with no field names, formulas or unexplained
// abbreviations, and what its figures count, for the headings of its tables. rule_text() stays
// the precise statement of the rule; this is the sentence a page leads with.
#pragma once

#include <string>
#include <string_view>

#include "domain/date.hpp"
#include "domain/indicators/indicator_definitions.hpp"

namespace csip::domain {

struct IndicatorWording {
    std::string rule;             // "An assessment is on time when ... within 45 working days ..."
    std::string_view counted;     // what the numerator counts: "Completed on time"
    std::string_view counted_of;  // what the denominator counts: "Assessments completed"
};

// The title of `definition` with its abbreviations spelled out: "Agency social workers
// (full-time equivalent rate)".
[[nodiscard]] std::string_view plain_title(const IndicatorDefinition& definition);

// The wording of `definition` with the council's `settings`.
[[nodiscard]] IndicatorWording indicator_wording(const IndicatorDefinition& definition,
                                                 const IndicatorSettings& settings);

// How much of `month` (YYYY-MM) the period from..to covers, when not all of it: "to the 15th",
// "from the 10th", "10th to 15th"; empty for a whole month. A month read without it looks like a
// whole month's figure.
[[nodiscard]] std::string month_part(const std::string& month, Date from, Date to);

}  // namespace csip::domain
