// The cases inspectors ask about first, from an Annex A snapshot as at its date T: the lists the
// Annex A page shows a lead officer (case-level, never in a board report). Each is a rule over
// the snapshot's rows; the figures' own rules (annex_a_figures.hpp) decide who is late.
//  - not_visited: children on a CP plan at T not visited in timescale (annex_cp_visits).
//  - long_plans: CP plans at T over two years (annex_cp_over_two_years).
//  - repeat_plans: children on a CP plan at T with one or more previous plans (a second or
//    subsequent plan).
//  - three_placements: children looked after at T with three or more placements in 12 months
//    (annex_cla_three_placements).
//  - missing_without_interview: children looked after at T missing from their placement in the
//    last 12 months and not offered a return interview after the last episode (List 8's
//    "Number of Episodes the Child has been 'Missing'" and "Was the child offered a Return
//    Interview ..." columns, as read).
//  - leavers_not_in_touch: care leavers the local authority is not in touch with (List 9).
//  - no_worker: children in need, on a plan or looked after at T (Lists 6 to 8), and care
//    leavers, with no allocated worker.
#pragma once

#include <array>
#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string_view>
#include <vector>

#include "domain/case_data.hpp"
#include "domain/date.hpp"
#include "domain/indicators/indicator_definitions.hpp"
#include "domain/indicators/working_days.hpp"
#include "domain/result.hpp"

namespace csip::domain {

enum class AnnexACaseList {
    NotVisited,
    LongPlans,
    RepeatPlans,
    ThreePlacements,
    MissingWithoutInterview,
    LeaversNotInTouch,
    NoWorker,
};

inline constexpr AnnexACaseList kAllAnnexACaseLists[] = {
    AnnexACaseList::NotVisited,
    AnnexACaseList::LongPlans,
    AnnexACaseList::RepeatPlans,
    AnnexACaseList::ThreePlacements,
    AnnexACaseList::MissingWithoutInterview,
    AnnexACaseList::LeaversNotInTouch,
    AnnexACaseList::NoWorker,
};

// What Ofsted's template calls list `list` (1 to 11): "Children in need"; empty for another.
[[nodiscard]] std::string_view annex_a_list_title(int list);

// How many rows each list has in the snapshot: [0] is List 1, [10] List 11.
[[nodiscard]] std::array<int, 11> annex_a_list_counts(const AnnexASnapshot& snapshot);

// "not_visited", ...; and back.
[[nodiscard]] std::string_view annex_a_case_list_key(AnnexACaseList list);
[[nodiscard]] std::optional<AnnexACaseList> annex_a_case_list_of(std::string_view key);
// For people: "Children on a child protection plan not visited in timescale".
[[nodiscard]] std::string_view annex_a_case_list_title(AnnexACaseList list);

// One child of a list: the row in the snapshot, and (not_visited) when the visit was due and
// how many working days past due T is.
struct AnnexACase {
    std::size_t row = 0;
    std::optional<Date> due;
    std::optional<int> days_over;
};

// The list's children in the snapshot's order (not_visited: most overdue first). Refused when a
// working-day count needs a day the bank-holiday table does not cover.
Result<std::vector<AnnexACase>> annex_a_cases(AnnexACaseList list, const AnnexASnapshot& snapshot,
                                              const AnnexAStandards& standards,
                                              const WorkingDayCalendar& calendar);

// The value a row gives under the first header containing every one of `words` (lower case),
// ignoring case; none when no header has them.
[[nodiscard]] std::optional<std::string_view> annex_a_value(
    const AnnexAChild& child, std::initializer_list<std::string_view> words);

}  // namespace csip::domain
