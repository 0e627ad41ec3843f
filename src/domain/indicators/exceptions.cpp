#include "domain/indicators/exceptions.hpp"

#include <algorithm>
#include <tuple>

#include "domain/indicators/indicator_units.hpp"

namespace csip::domain {

Result<std::vector<IndicatorException>> find_exceptions(const IndicatorDefinition& definition,
                                                        const CaseData& data,
                                                        const IndicatorSettings& settings,
                                                        const WorkingDayCalendar& calendar,
                                                        Date from, Date as_of) {
    if (as_of < from) {
        return fail(
            ErrorKind::InvalidInput,
            "the window starts (" + from.iso() + ") after the as-of date (" + as_of.iso() + ")",
            "from");
    }
    auto built = build_units(definition, data, settings, calendar, as_of);
    if (!built) return fail(built.error());
    const IndicatorUnits& units = *built;

    std::vector<IndicatorException> exceptions;
    if (definition.kind == IndicatorKind::Snapshot) {
        // A lower-is-better snapshot (the agency rate) counts people, not cases out of time.
        if (!definition.higher_is_better) return exceptions;
        for (const IndicatorUnit& unit : units.units) {
            if (unit.in_numerator) continue;
            exceptions.push_back({unit.subject_id, ExceptionKind::NotDone, std::nullopt,
                                  std::nullopt, std::nullopt, std::nullopt, unit.day_count,
                                  unit.team, unit.worker, unit.source});
        }
        std::sort(exceptions.begin(), exceptions.end(),
                  [](const IndicatorException& a, const IndicatorException& b) {
                      return a.subject_id < b.subject_id;
                  });
        return exceptions;
    }

    for (const IndicatorExclusion& exclusion : units.exclusions) {
        if (exclusion.kind != ExclusionKind::OutsideCalendar) continue;
        if (!exclusion.on || (from <= *exclusion.on && *exclusion.on <= as_of)) {
            return fail(ErrorKind::InvalidInput,
                        std::string(definition.key) + " exceptions: " + exclusion.reason,
                        std::string(definition.key));
        }
    }

    for (const IndicatorUnit& unit : units.units) {
        if (unit.in_numerator || !unit.unit_date) continue;
        if (*unit.unit_date < from || *unit.unit_date > as_of) continue;
        exceptions.push_back({unit.subject_id, ExceptionKind::Late, unit.start, unit.event,
                              unit.due, unit.days_over, unit.day_count, unit.team, unit.worker,
                              unit.source});
    }
    for (const OpenItem& item : units.open) {
        if (item.due >= as_of) continue;
        std::optional<int> days_over;
        if (item.day_count == DayCount::Calendar) {
            days_over = days_between(item.due, as_of);
        } else {
            const auto working = calendar.working_days_between(item.due, as_of);
            if (!working) {
                return fail(ErrorKind::InvalidInput,
                            std::string(definition.key) + " exceptions: " + working.error().message,
                            std::string(definition.key));
            }
            days_over = *working;
        }
        exceptions.push_back({item.subject_id, ExceptionKind::Overdue, item.start, std::nullopt,
                              item.due, days_over, item.day_count, item.team, item.worker,
                              item.source});
    }
    std::stable_sort(exceptions.begin(), exceptions.end(),
                     [](const IndicatorException& a, const IndicatorException& b) {
                         return std::tie(a.due, a.subject_id) < std::tie(b.due, b.subject_id);
                     });
    return exceptions;
}

}  // namespace csip::domain
