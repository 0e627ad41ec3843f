#include "domain/indicators/indicator_engine.hpp"

namespace csip::domain {

std::vector<Result<IndicatorResult>> compute_indicators(const CaseData& data,
                                                        const IndicatorSettings& settings,
                                                        const WorkingDayCalendar& calendar,
                                                        Date from, Date to,
                                                        const Targets& targets) {
    std::vector<Result<IndicatorResult>> results;
    for (const IndicatorDefinition& definition : indicator_definitions()) {
        auto units = build_units(definition, data, settings, calendar);
        if (!units) {
            Error error = units.error();
            error.message = std::string(definition.key) + ": " + error.message;
            error.field = std::string(definition.key);
            results.emplace_back(fail(std::move(error)));
            continue;
        }
        const auto found = targets.find(definition.key);
        std::optional<Target> target;
        if (found != targets.end()) target = found->second;
        results.push_back(evaluate(definition, *units, from, to, target));
    }
    return results;
}

}  // namespace csip::domain
