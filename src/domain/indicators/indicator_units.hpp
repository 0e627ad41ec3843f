// The indicator engine: from the case records (case_data.hpp), the units an indicator counts,
// each timed against its rule, the records excluded as data quality, and (when asked for an
// as-of date) the items still open with their due date. One function serves every definition;
// the definition's id selects how records become units (which start and end events, which
// cohort), and every timing is one of the few shapes in DESIGN.md §4.
// Units are built from all the records, whatever the period: the period is chosen later by
// evaluate() (indicator_result.hpp), so months and year to date share one pass.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/case_data.hpp"
#include "domain/date.hpp"
#include "domain/indicators/indicator_definitions.hpp"
#include "domain/indicators/working_days.hpp"
#include "domain/result.hpp"

namespace csip::domain {

// One thing an indicator counts: an assessment, a conference, a review, a visit, a child in a
// cohort, a worker in post.
struct IndicatorUnit {
    std::string subject_id;  // the child's id as given, or the worker's
    // The date that places the unit in a period and month; for a snapshot, the snapshot's date
    // (none when the data does not give it).
    std::optional<Date> unit_date;
    std::optional<Date> start;  // the start event the timescale runs from
    std::optional<Date> event;  // the end event timed against it (none: it did not happen)
    std::optional<Date> due;    // the last date on which the event is still on time
    // Counts towards the numerator: on time; for OC2, the check was done; for the agency rate,
    // an agency worker.
    bool in_numerator = false;
    std::optional<int> days_over;  // days late (in `day_count`); none when on time or unmeasurable
    DayCount day_count = DayCount::Working;
    double weight = 1.0;  // 1 per unit; FTE for the agency rate
    std::string team;     // where the data has it
    std::string worker;
    SourceRef source;
};

enum class ExclusionKind {
    DataQuality,     // the record contradicts itself or its context; reported for correction
    OutsideCalendar  // the timing needs a day the bank-holiday table does not cover: refused
};

struct IndicatorExclusion {
    std::string subject_id;
    std::optional<Date> on;  // the date the unit would have had
    ExclusionKind kind = ExclusionKind::DataQuality;
    std::string reason;
    SourceRef source;
};

// A timescale still running on the as-of date: the start event happened, the end event has not.
struct OpenItem {
    std::string subject_id;
    Date start;  // what the timescale runs from (assessment start, plan start, last review ...)
    Date due;    // the last date on which the end event would still be on time
    DayCount day_count = DayCount::Working;
    std::string team;
    std::string worker;
    SourceRef source;
};

struct IndicatorUnits {
    std::string rule;  // rule_text() for the settings used
    std::vector<IndicatorUnit> units;
    std::vector<IndicatorExclusion> exclusions;
    std::vector<OpenItem> open;  // only when built with an as-of date
    std::optional<Date> as_of;   // a snapshot's date, when the data gives it
};

// The units of `definition` in `data`. With `as_of`, the records are read as they stood on that
// date: events after it have not happened yet, and `open` lists the timescales still running.
// Refused (InvalidInput, field naming the setting) when a setting this indicator uses is out of
// range (1 to 250 working days).
Result<IndicatorUnits> build_units(const IndicatorDefinition& definition, const CaseData& data,
                                   const IndicatorSettings& settings,
                                   const WorkingDayCalendar& calendar,
                                   std::optional<Date> as_of = std::nullopt);

}  // namespace csip::domain
