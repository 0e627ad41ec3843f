// An indicator's exceptions on an as-of date (DESIGN.md §4): the cases out of timescale, for a
// lead officer to act on. Three kinds: units late in the window from..as_of (their unit date in
// it), timescales still open on the as-of date and already past due, and, for the OC2 checks,
// children without the check. The agency rate has none: it is a workforce measure, not a case.
// An Annex A figure's exceptions are those of the latest snapshot on or before the as-of date:
// each child past due (by how far at the snapshot's date), without the check or answer, or (a
// lower-is-better figure) counted. An exception whose return names no team or worker takes the
// child's from that latest Annex A snapshot, where it lists the child.
// Records are read as they stood on the as-of date (events after it have not happened).
// Case-level lists are personal data: only roles allowed to see them may be shown them.
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

enum class ExceptionKind {
    Late,     // the event happened after its due date, or (a report) never happened
    Overdue,  // the event has not happened and the due date has passed
    NotDone,  // a snapshot check not recorded (OC2), or an Annex A answer other than yes
    Counted,  // one of those a lower-is-better Annex A figure counts (a plan over two years)
};

struct IndicatorException {
    std::string subject_id;  // the child's id as given
    ExceptionKind kind = ExceptionKind::Late;
    std::optional<Date> start;     // what the timescale ran from
    std::optional<Date> event;     // when the event happened (none: not yet, or never)
    std::optional<Date> due;       // the last on-time date
    std::optional<int> days_over;  // by the event, or (overdue) by the as-of date
    DayCount day_count = DayCount::Working;
    std::string team;    // where the data has it
    std::string worker;  // where the data has it (CP visits: the visiting worker)
    SourceRef source;
};

// The exceptions of `definition`, most overdue first (by due date, then child). Refused when
// from is after as_of, when a setting is out of range, or when a timing in the window needs a
// day the bank-holiday table does not cover.
Result<std::vector<IndicatorException>> find_exceptions(const IndicatorDefinition& definition,
                                                        const CaseData& data,
                                                        const IndicatorSettings& settings,
                                                        const WorkingDayCalendar& calendar,
                                                        Date from, Date as_of);

}  // namespace csip::domain
