// An indicator's figures for a period, from its units (indicator_units.hpp): numerator,
// denominator and percentage for the period, each calendar month it touches (empty months
// included) and the financial year to date, with the target's RAG. A unit belongs to the period
// and month of its unit date. A snapshot indicator is reported as of its latest snapshot on or
// before the period's end, with no year to date; months only when its definition has
// monthly_snapshots (the agency rate: one figure per monthly extract).
// A percentage over fewer than 10 (a denominator under 10) is flagged: one child moves it by ten
// points or more. Percentages are not rounded here; rounding is for display.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/date.hpp"
#include "domain/indicators/indicator_definitions.hpp"
#include "domain/indicators/indicator_units.hpp"
#include "domain/plan.hpp"
#include "domain/result.hpp"

namespace csip::domain {

// A denominator below this is small.
constexpr double kSmallDenominator = 10.0;

// The council's target for an indicator, in percent, and its tolerance in percentage points:
// on or better than the target is green, within the tolerance of it amber, otherwise red.
struct Target {
    double value = 0.0;
    double tolerance = 0.0;
};

struct Figure {
    double numerator = 0.0;  // a count of units, or an FTE sum for the agency rate
    double denominator = 0.0;
    std::optional<double> percent;   // none when the denominator is 0
    bool small_denominator = false;  // a percentage over a denominator under 10
};

struct MonthFigure {
    std::string month;  // YYYY-MM
    Figure figure;
};

// One snapshot's figure (an Annex A extract, a monthly workforce extract, an OC2 cohort).
struct SnapshotFigure {
    Date as_of;
    Figure figure;
};

struct IndicatorResult {
    std::string key;
    std::string title;
    IndicatorKind kind = IndicatorKind::Event;
    bool higher_is_better = true;
    std::string rule;  // the rule that produced it, with its source
    Date from;         // the period, both days included
    Date to;
    Figure period;
    std::vector<MonthFigure> months;     // event indicators: each month the period touches
    std::optional<Figure> year_to_date;  // event indicators: 1 April of to's year through to
    std::optional<Date> year_to_date_from;
    std::optional<Date> as_of;  // snapshot indicators: the snapshot's date, when known
    // Snapshot indicators: every snapshot dated in the period, oldest first (the series).
    std::vector<SnapshotFigure> snapshots;
    int excluded = 0;           // records excluded as data quality, dated in the period
    std::optional<Target> target;
    std::optional<Rag> rag;  // from the period's percentage; none without a target or a percentage
};

// The RAG of a percentage against a target; higher_is_better false turns the comparison round.
std::optional<Rag> rag_for(std::optional<double> percent, const std::optional<Target>& target,
                           bool higher_is_better);

// The figures of `units` for the period from..to (both included). Refused when from is after
// to, or when a unit the period or its year to date needs was refused by the working-day
// calendar (the error says the bank-holiday table must be extended).
Result<IndicatorResult> evaluate(const IndicatorDefinition& definition, const IndicatorUnits& units,
                                 Date from, Date to, const std::optional<Target>& target);

}  // namespace csip::domain
