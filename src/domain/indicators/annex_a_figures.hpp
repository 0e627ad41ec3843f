// The figures a council reports from an Ofsted Annex A snapshot as at its date T: who is a unit
// at T (a child on a plan, looked after, in need, a care leaver), and whether each is within its
// timescale at T. Annex A gives only the latest visit, review and check dates, so every figure is
// a count on the snapshot's date, and monthly snapshots make its series.
//
// Sources of the timescales (the defaults of AnnexAStandards; DESIGN.md §4 for the others):
// - CP visits every 10 working days, CIN visits every 20: local standards, as for
//   `cp_visits_on_time`; Ofsted's Annex A guidance asks councils to state theirs.
// - CP reviews: the first review conference within 3 months of the plan's start, then every 6
//   months (Working Together to Safeguard Children, as for `cp_reviews_on_time`).
// - Looked-after reviews: the first within 20 working days of the start, then every 6 months
//   (Care Planning, Placement and Case Review (England) Regulations 2010, reg 33). Annex A gives
//   only the latest review, so the second review's 3 months cannot be told from a later one:
//   every review after the first is taken as due 6 months on. Visits: within 1 week of the start,
//   then at least every 6 weeks (the same Regulations, reg 28).
// - Health assessments: every 6 months under 5 and every 12 months from 5, for a child looked
//   after 20 working days or more (the same Regulations and the statutory guidance "Promoting
//   the health and wellbeing of looked-after children"); dental checks yearly for a child looked
//   after 12 months (the OC2 measure of `cla_dental_checks`).
// - Plans over two years, and three or more placements in 12 months: the DfE's published
//   measures, where fewer is better.
// - Care leavers in touch, in suitable accommodation, and in education, employment or training
//   (SSDA903's activity codes F* and P*; G* are not): Ofsted's ILACS judgement on care leavers.
//
// A date after T, or a missing date a rule needs (other than "no visit" or "no review" where the
// rule says what then), excludes the unit and is reported as data quality, as for the other
// indicators.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/case_data.hpp"
#include "domain/date.hpp"
#include "domain/indicators/indicator_definitions.hpp"
#include "domain/indicators/working_days.hpp"
#include "domain/result.hpp"

namespace csip::domain {

// The Annex A list a figure is worked out from (6 to 9); 0 for an indicator that is not one of
// the Annex A figures (is_annex_a).
[[nodiscard]] int annex_a_figure_list(IndicatorId id);

// A unit counted in the numerator: on time (or, for a lower-is-better figure, counted).
// A unit not counted is an exception: `due` is its last on-time day, `days_over` how far T is
// past it (working days where the timescale is in working days, else calendar days).
struct AnnexAUnit {
    std::size_t row = 0;  // the child's index in the snapshot's `children`
    bool counted = false;
    std::optional<Date> due;
    std::optional<int> days_over;
    bool working_days = false;
    // What the timescale runs from: the last visit, review, assessment or check, or (none
    // recorded) the plan's or the care's start.
    std::optional<Date> from;
};

// A row left out, and why ("the plan's start is after the snapshot's date").
struct AnnexAExcluded {
    std::size_t row = 0;
    std::string reason;
};

struct AnnexAFigure {
    IndicatorId id = IndicatorId::AnnexCpVisits;
    Date as_at;
    int numerator = 0;
    int denominator = 0;
    std::optional<double> percent;  // none when the denominator is 0
    std::vector<AnnexAUnit> units;  // in the snapshot's order
    std::vector<AnnexAExcluded> excluded;
};

// The figure on the snapshot's date. Refused when a working-day count needs a day the
// bank-holiday table does not cover.
Result<AnnexAFigure> annex_a_figure(IndicatorId id, const AnnexASnapshot& snapshot,
                                    const AnnexAStandards& standards,
                                    const WorkingDayCalendar& calendar);

// Makes the snapshots of one date one snapshot, its rows in the order the snapshots came: an
// extract given as one CSV per list is imported as a return per list.
void merge_annex_a_snapshots(CaseData& data);

// The days a CIN census covers: its collection year, from the day after its reference date a
// year before to the reference date (1 April 2015 to 31 March 2016 for the 2015-16 census).
struct CensusYear {
    Date from;
    Date to;
};

// Adds the assessments of every snapshot's List 4 and the section 47 enquiries of its List 5 to
// `data`, for the indicators that count them (assessments_45wd, icpc_15wd). The CIN census is
// the statutory return of both, and holds every one open in its year: a row open at some time in
// a census's year (`censuses`; begun by its end, not finished before its start) is that census's
// to count, even when the census dates it differently. Each Annex A lists six months
// or more, so monthly snapshots list one assessment again and again: a row is added only when
// `data` holds no record of the same child and start date. Later snapshots are read first,
// since they carry the dates recorded since.
void add_annex_a_events(CaseData& data, const std::vector<CensusYear>& censuses = {});

}  // namespace csip::domain
