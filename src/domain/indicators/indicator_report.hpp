// The indicators as reported for a period: every indicator's figures (indicator_result.hpp),
// with the values entered by hand where no return carries the data, each with who gave it and
// when. Built by the app layer (app/indicator_service.hpp), rendered by reporting/.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/date.hpp"
#include "domain/indicators/indicator_result.hpp"

namespace csip::domain {

// A figure entered by hand for one month, with its provenance.
struct ManualValue {
    std::string indicator;  // an indicator key, or the indicator a plan's measure names
    std::string month;      // YYYY-MM
    double value = 0.0;     // in the indicator's unit (percent)
    std::string recorded_by;
    std::string recorded_at;  // ISO 8601 UTC
    std::string note;         // where the figure came from; may be empty
};

// One indicator's figures. A month the data gives no figure for takes the manual value entered
// for it, if any (`manual_months`); an indicator no return carries is made of manual values
// alone (`manual_only`).
struct IndicatorLine {
    IndicatorResult result;
    std::map<std::string, ManualValue> manual_months;  // by YYYY-MM
    bool manual_only = false;
    bool period_is_manual = false;       // the period's figure is the latest manual month's
    std::optional<std::string> refused;  // why it could not be computed (the others still are)
};

struct IndicatorReport {
    Date from;
    Date to;
    std::vector<IndicatorLine> indicators;
};

}  // namespace csip::domain
