#include "domain/indicators/exceptions.hpp"

#include <algorithm>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <utility>

#include "domain/indicators/indicator_units.hpp"

namespace csip::domain {
namespace {

// The latest Annex A snapshot on or before `as_of`; null when there is none.
const AnnexASnapshot* latest_snapshot(const CaseData& data, Date as_of) {
    const AnnexASnapshot* latest = nullptr;
    for (const auto& snapshot : data.annex_a) {
        if (snapshot.as_at <= as_of && (!latest || latest->as_at < snapshot.as_at))
            latest = &snapshot;
    }
    return latest;
}

// Fills the team and worker an exception lacks from the child's row in the latest snapshot
// (its first row that gives either).
void add_allocation(const CaseData& data, Date as_of, std::vector<IndicatorException>& exceptions) {
    const AnnexASnapshot* snapshot = latest_snapshot(data, as_of);
    if (!snapshot) return;
    std::unordered_map<std::string_view, const AnnexAChild*> allocated;
    for (const auto& child : snapshot->children) {
        if (child.list == 11 || (child.team.empty() && child.worker.empty())) continue;
        allocated.try_emplace(child.child_id, &child);
    }
    for (auto& exception : exceptions) {
        const auto found = allocated.find(exception.subject_id);
        if (found == allocated.end()) continue;
        if (exception.team.empty()) exception.team = found->second->team;
        if (exception.worker.empty()) exception.worker = found->second->worker;
    }
}

std::vector<IndicatorException> annex_a_exceptions(const IndicatorDefinition& definition,
                                                   const IndicatorUnits& units) {
    std::vector<IndicatorException> exceptions;
    for (const IndicatorUnit& unit : units.units) {
        if (unit.in_numerator != !definition.higher_is_better) continue;
        const ExceptionKind kind = !definition.higher_is_better ? ExceptionKind::Counted
                                   : unit.due                   ? ExceptionKind::Overdue
                                                                : ExceptionKind::NotDone;
        exceptions.push_back({unit.subject_id, kind, unit.start, std::nullopt, unit.due,
                              unit.days_over, unit.day_count, unit.team, unit.worker, unit.source});
    }
    // Most overdue first; then those with no due date, by child.
    std::stable_sort(exceptions.begin(), exceptions.end(),
                     [](const IndicatorException& a, const IndicatorException& b) {
                         return std::tuple(!a.days_over, -a.days_over.value_or(0), a.subject_id) <
                                std::tuple(!b.days_over, -b.days_over.value_or(0), b.subject_id);
                     });
    return exceptions;
}

}  // namespace

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
    if (is_annex_a(definition.id)) {
        exceptions = annex_a_exceptions(definition, units);
        add_allocation(data, as_of, exceptions);
        return exceptions;
    }
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
        add_allocation(data, as_of, exceptions);
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
    add_allocation(data, as_of, exceptions);
    return exceptions;
}

}  // namespace csip::domain
