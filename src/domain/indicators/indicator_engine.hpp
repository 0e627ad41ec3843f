// Every indicator of indicator_definitions() computed from one set of case records for one
// period: units built by the engine (indicator_units.hpp), figures by evaluate()
// (indicator_result.hpp). Each indicator stands alone: one refused (a setting out of range, a
// date the bank-holiday table does not cover) leaves the others computed.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "domain/case_data.hpp"
#include "domain/date.hpp"
#include "domain/indicators/indicator_definitions.hpp"
#include "domain/indicators/indicator_result.hpp"
#include "domain/indicators/working_days.hpp"
#include "domain/result.hpp"

namespace csip::domain {

// Targets by indicator key; an indicator without one has no RAG.
using Targets = std::map<std::string, Target, std::less<>>;

// One Result per definition, in indicator_definitions() order; a refusal's Error names the
// indicator's key in `field`.
std::vector<Result<IndicatorResult>> compute_indicators(const CaseData& data,
                                                        const IndicatorSettings& settings,
                                                        const WorkingDayCalendar& calendar,
                                                        Date from, Date to, const Targets& targets);

}  // namespace csip::domain
