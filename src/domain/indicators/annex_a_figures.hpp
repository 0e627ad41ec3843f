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
#include "domain/indicators/working_days.hpp"
#include "domain/result.hpp"

namespace csip::domain {

enum class AnnexAFigureId {
    CpVisits,
    CpReviews,
    CpOverTwoYears,
    ClaReviews,
    ClaVisits,
    ClaHealth,
    ClaDental,
    ClaThreePlacements,
    CareLeaversInTouch,
    CareLeaversAccommodation,
    CareLeaversEet,
    CinVisits,
};

inline constexpr AnnexAFigureId kAllAnnexAFigures[] = {
    AnnexAFigureId::CpVisits,           AnnexAFigureId::CpReviews,
    AnnexAFigureId::CpOverTwoYears,     AnnexAFigureId::ClaReviews,
    AnnexAFigureId::ClaVisits,          AnnexAFigureId::ClaHealth,
    AnnexAFigureId::ClaDental,          AnnexAFigureId::ClaThreePlacements,
    AnnexAFigureId::CareLeaversInTouch, AnnexAFigureId::CareLeaversAccommodation,
    AnnexAFigureId::CareLeaversEet,     AnnexAFigureId::CinVisits,
};

// "annex_cp_visits", ...; and back (none for a key that is not one).
[[nodiscard]] std::string_view annex_a_figure_key(AnnexAFigureId id);
[[nodiscard]] std::optional<AnnexAFigureId> annex_a_figure_of(std::string_view key);
// The Annex A list the figure is worked out from (6 to 9).
[[nodiscard]] int annex_a_figure_list(AnnexAFigureId id);
// False for the two counted where fewer is better (plans over two years, three placements).
[[nodiscard]] bool annex_a_higher_is_better(AnnexAFigureId id);

// The timescales, each a setting with this default.
struct AnnexAStandards {
    int cp_visit_working_days = 10;
    int cp_first_review_months = 3;
    int cp_review_months = 6;
    int cp_long_plan_months = 24;
    int cla_first_review_working_days = 20;
    int cla_review_months = 6;
    int cla_visit_days = 42;
    int cla_first_visit_days = 7;
    int cla_health_cohort_working_days = 20;
    int cla_health_under_five_months = 6;
    int cla_health_months = 12;
    int cla_dental_cohort_months = 12;
    int cla_dental_months = 12;
    int cla_placements = 3;
    int cin_visit_working_days = 20;
};

// A unit counted in the numerator: on time (or, for a lower-is-better figure, counted).
// A unit not counted is an exception: `due` is its last on-time day, `days_over` how far T is
// past it (working days where the timescale is in working days, else calendar days).
struct AnnexAUnit {
    std::size_t row = 0;  // the child's index in the snapshot's `children`
    bool counted = false;
    std::optional<Date> due;
    std::optional<int> days_over;
    bool working_days = false;
};

// A row left out, and why ("the plan's start is after the snapshot's date").
struct AnnexAExcluded {
    std::size_t row = 0;
    std::string reason;
};

struct AnnexAFigure {
    AnnexAFigureId id = AnnexAFigureId::CpVisits;
    Date as_at;
    int numerator = 0;
    int denominator = 0;
    std::optional<double> percent;  // none when the denominator is 0
    std::vector<AnnexAUnit> units;  // in the snapshot's order
    std::vector<AnnexAExcluded> excluded;
};

// The figure on the snapshot's date. Refused when a working-day count needs a day the
// bank-holiday table does not cover.
Result<AnnexAFigure> annex_a_figure(AnnexAFigureId id, const AnnexASnapshot& snapshot,
                                    const AnnexAStandards& standards,
                                    const WorkingDayCalendar& calendar);

}  // namespace csip::domain
