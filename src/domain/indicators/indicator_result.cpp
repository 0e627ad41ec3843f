#include "domain/indicators/indicator_result.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <map>

namespace csip::domain {
namespace {

// Percentages are doubles: 100 * 9 / 10 is exactly 90, but a target typed as 66.7 against
// 2 of 3 must not flip on the last bit. Anything closer than this counts as equal.
constexpr double kPercentEpsilon = 1e-9;

// Weights are summed exactly, as whole millionths: the CSWW gives FTE to six decimal places
// (its schema's `ftetype`, 6 fraction digits), and summing doubles would make nineteen workers
// of 0.1 and 0.9 FTE come to 19.000000000000004.
constexpr double kWeightUnits = 1'000'000.0;

struct Tally {
    std::int64_t numerator = 0;  // in millionths of a unit
    std::int64_t denominator = 0;

    void add(const IndicatorUnit& unit) {
        const auto weight = static_cast<std::int64_t>(std::llround(unit.weight * kWeightUnits));
        denominator += weight;
        if (unit.in_numerator) numerator += weight;
    }

    [[nodiscard]] Figure figure() const {
        Figure figure{static_cast<double>(numerator) / kWeightUnits,
                      static_cast<double>(denominator) / kWeightUnits, std::nullopt, false};
        if (denominator > 0) {
            figure.percent =
                100.0 * static_cast<double>(numerator) / static_cast<double>(denominator);
            figure.small_denominator = figure.denominator < kSmallDenominator;
        }
        return figure;
    }
};

int month_index(Date d) { return d.year() * 12 + (d.month() - 1); }

std::string month_key(int index) {
    return Date::from_ymd(index / 12, index % 12 + 1, 1).value_or(Date{}).month_key();
}

bool within(Date d, Date from, Date to) { return from <= d && d <= to; }

// Each distinct unit date of a snapshot indicator is one snapshot (an OC2 year end, a census,
// a monthly extract). The headline is the latest snapshot on or before `to`; when every
// snapshot is later, the earliest, so that data is never hidden by the period asked for. A
// definition with monthly snapshots also gets, for each month of the period, the latest
// snapshot dated in that month and in the period.
void evaluate_snapshots(const IndicatorDefinition& definition, const IndicatorUnits& units,
                        Date from, Date to, IndicatorResult& result) {
    std::map<Date, Tally> dated;
    Tally undated;
    bool any_undated = false;
    for (const IndicatorUnit& unit : units.units) {
        if (unit.unit_date) {
            dated[*unit.unit_date].add(unit);
        } else {
            undated.add(unit);
            any_undated = true;
        }
    }
    std::optional<Date> headline;
    if (!dated.empty()) {
        const auto after = dated.upper_bound(to);
        if (after != dated.begin()) {
            headline = std::prev(after)->first;
        } else if (!any_undated) {
            headline = dated.begin()->first;
        }
    }
    result.period = headline ? dated[*headline].figure() : undated.figure();
    for (const auto& [on, tally] : dated) {
        if (within(on, from, to)) result.snapshots.push_back({on, tally.figure()});
    }
    result.as_of = headline ? headline : units.as_of;
    result.excluded = static_cast<int>(std::count_if(
        units.exclusions.begin(), units.exclusions.end(), [&](const IndicatorExclusion& e) {
            return e.kind == ExclusionKind::DataQuality &&
                   (!headline || !e.on || *e.on == *headline);
        }));
    if (definition.monthly_snapshots) {
        const int first_month = month_index(from);
        const int month_count = month_index(to) - first_month + 1;
        std::vector<std::optional<Date>> latest(static_cast<std::size_t>(month_count));
        for (const auto& [on, tally] : dated) {
            if (within(on, from, to))
                latest[static_cast<std::size_t>(month_index(on) - first_month)] = on;
        }
        for (int i = 0; i < month_count; ++i) {
            const auto& on = latest[static_cast<std::size_t>(i)];
            result.months.push_back(
                {month_key(first_month + i), on ? dated[*on].figure() : Tally{}.figure()});
        }
    }
    result.rag = rag_for(result.period.percent, result.target, definition.higher_is_better);
}

}  // namespace

std::optional<Rag> rag_for(std::optional<double> percent, const std::optional<Target>& target,
                           bool higher_is_better) {
    if (!percent || !target) return std::nullopt;
    // How far the figure is on the wrong side of the target (negative: better than it).
    const double shortfall = higher_is_better ? target->value - *percent : *percent - target->value;
    if (shortfall <= kPercentEpsilon) return Rag::Green;
    if (shortfall <= std::max(target->tolerance, 0.0) + kPercentEpsilon) return Rag::Amber;
    return Rag::Red;
}

Result<IndicatorResult> evaluate(const IndicatorDefinition& definition, const IndicatorUnits& units,
                                 Date from, Date to, const std::optional<Target>& target) {
    if (to < from) {
        return fail(ErrorKind::InvalidInput,
                    "the period starts (" + from.iso() + ") after it ends (" + to.iso() + ")",
                    "from");
    }
    IndicatorResult result;
    result.key = std::string(definition.key);
    result.title = std::string(definition.title);
    result.kind = definition.kind;
    result.higher_is_better = definition.higher_is_better;
    result.rule = units.rule;
    result.from = from;
    result.to = to;
    result.target = target;

    if (definition.kind == IndicatorKind::Snapshot) {
        evaluate_snapshots(definition, units, from, to, result);
        return result;
    }

    const Date year_start = financial_year_start(to);
    const Date earliest = std::min(from, year_start);

    // A unit the calendar could not time would silently leave the figures: refuse instead.
    const IndicatorExclusion* first_refused = nullptr;
    int refused = 0;
    for (const IndicatorExclusion& exclusion : units.exclusions) {
        if (exclusion.on && within(*exclusion.on, from, to) &&
            exclusion.kind == ExclusionKind::DataQuality) {
            ++result.excluded;
        }
        if (exclusion.kind == ExclusionKind::OutsideCalendar &&
            (!exclusion.on || within(*exclusion.on, earliest, to))) {
            if (!first_refused) first_refused = &exclusion;
            ++refused;
        }
    }
    if (first_refused) {
        return fail(ErrorKind::InvalidInput,
                    std::string(definition.key) + " for " + earliest.iso() + " to " + to.iso() +
                        ": " + std::to_string(refused) + " unit(s) cannot be timed; " +
                        first_refused->reason,
                    std::string(definition.key));
    }

    const int first_month = month_index(from);
    const int month_count = month_index(to) - first_month + 1;
    std::vector<Tally> months(static_cast<std::size_t>(month_count));
    Tally period;
    Tally year_to_date;
    for (const IndicatorUnit& unit : units.units) {
        if (!unit.unit_date) continue;
        const Date on = *unit.unit_date;
        if (within(on, year_start, to)) year_to_date.add(unit);
        if (within(on, from, to)) {
            period.add(unit);
            months[static_cast<std::size_t>(month_index(on) - first_month)].add(unit);
        }
    }
    result.period = period.figure();
    result.months.reserve(months.size());
    for (int i = 0; i < month_count; ++i) {
        result.months.push_back(
            {month_key(first_month + i), months[static_cast<std::size_t>(i)].figure()});
    }
    result.year_to_date = year_to_date.figure();
    result.year_to_date_from = year_start;
    result.rag = rag_for(result.period.percent, target, definition.higher_is_better);
    return result;
}

}  // namespace csip::domain
