#include "domain/indicators/annex_a_figures.hpp"

#include <algorithm>
#include <iterator>
#include <set>
#include <string>
#include <utility>

namespace csip::domain {
namespace {

// The list each figure is read from.
constexpr std::pair<IndicatorId, int> kLists[] = {
    {IndicatorId::AnnexCpVisits, 7},           {IndicatorId::AnnexCpReviews, 7},
    {IndicatorId::AnnexCpOverTwoYears, 7},     {IndicatorId::AnnexClaReviews, 8},
    {IndicatorId::AnnexClaVisits, 8},          {IndicatorId::AnnexClaHealth, 8},
    {IndicatorId::AnnexClaDental, 8},          {IndicatorId::AnnexClaThreePlacements, 8},
    {IndicatorId::AnnexCareLeaversInTouch, 9}, {IndicatorId::AnnexCareLeaversAccommodation, 9},
    {IndicatorId::AnnexCareLeaversEet, 9},     {IndicatorId::AnnexCinVisits, 6},
};

// What a rule decided about one row: not a unit at T, excluded (with why), or a unit.
struct Decision {
    enum class Kind { NotAUnit, Excluded, Unit } kind = Kind::NotAUnit;
    std::string reason;
    AnnexAUnit unit;
};

Decision not_a_unit() { return {}; }
Decision excluded(std::string reason) { return {Decision::Kind::Excluded, std::move(reason), {}}; }
Decision counted() {
    return {Decision::Kind::Unit, {}, {0, true, std::nullopt, std::nullopt, false}};
}
Decision not_counted() {
    return {Decision::Kind::Unit, {}, {0, false, std::nullopt, std::nullopt, false}};
}
// On time when `at` is on or before `due`; otherwise late by the days from due to `at`.
Decision by_due_date(Date due, Date at) {
    if (at <= due) return counted();
    return {Decision::Kind::Unit, {}, {0, false, due, days_between(due, at), false}};
}

// Who is open at T: started on or before T, not ended or ended after it. A start after T, or
// no start, is data quality (the row cannot be placed).
std::optional<Decision> open_at(const AnnexAChild& child, Date at, std::string_view what) {
    if (!child.start) return excluded("no " + std::string(what) + " start date");
    if (*child.start > at)
        return excluded("the " + std::string(what) + " starts after the snapshot's date");
    if (child.end && *child.end <= at) return not_a_unit();
    return std::nullopt;
}

// Refuses a date after T in a field the rule reads.
std::optional<Decision> after_snapshot(const std::optional<Date>& date, Date at,
                                       std::string_view what) {
    if (date && *date > at)
        return excluded("the " + std::string(what) + " is after the snapshot's date");
    return std::nullopt;
}

class Rules {
  public:
    Rules(const AnnexAStandards& standards, const WorkingDayCalendar& calendar, Date at)
        : m_s(standards), m_calendar(calendar), m_at(at) {}

    Result<Decision> decide(IndicatorId id, const AnnexAChild& c) const {
        switch (id) {
            case IndicatorId::AnnexCpVisits:
                return cp_visits(c);
            case IndicatorId::AnnexCpReviews:
                return cp_reviews(c);
            case IndicatorId::AnnexCpOverTwoYears:
                return cp_over_two_years(c);
            case IndicatorId::AnnexClaReviews:
                return cla_reviews(c);
            case IndicatorId::AnnexClaVisits:
                return cla_visits(c);
            case IndicatorId::AnnexClaHealth:
                return cla_health(c);
            case IndicatorId::AnnexClaDental:
                return cla_dental(c);
            case IndicatorId::AnnexClaThreePlacements:
                return cla_three_placements(c);
            case IndicatorId::AnnexCareLeaversInTouch:
                return yes_no(c.in_touch, "whether the local authority is in touch");
            case IndicatorId::AnnexCareLeaversAccommodation:
                return yes_no(c.suitable_accommodation, "whether the accommodation is suitable");
            case IndicatorId::AnnexCareLeaversEet:
                return care_leaver_eet(c);
            case IndicatorId::AnnexCinVisits:
                return cin_visits(c);
            default:
                break;
        }
        return not_a_unit();
    }

  private:
    // On time when wd(from, T) <= limit; late by wd(from, T) - limit working days.
    // Whether `from` is before the bank-holiday table while T is more than `limit` working days
    // after the table's first day: then wd(from, T) is over `limit` too, though it cannot be
    // counted exactly (a plan started, or a child last seen, years ago).
    Result<bool> long_before_table(Date from, int limit) const {
        if (!(from < m_calendar.first_day())) return false;
        auto since = m_calendar.working_days_between(m_calendar.first_day(), m_at);
        if (!since) return fail(since.error());
        return *since > limit;
    }

    // Late, by more working days than the table can count.
    static Decision late_beyond_table() {
        return {Decision::Kind::Unit, {}, {0, false, std::nullopt, std::nullopt, true}};
    }

    Result<Decision> within_working_days(Date from, int limit) const {
        auto before = long_before_table(from, limit);
        if (!before) return fail(before.error());
        if (*before) return late_beyond_table();
        auto elapsed = m_calendar.working_days_between(from, m_at);
        if (!elapsed) return fail(elapsed.error());
        if (*elapsed <= limit) return counted();
        auto due = m_calendar.add_working_days(from, limit);
        if (!due) return fail(due.error());
        return Decision{Decision::Kind::Unit, {}, {0, false, *due, *elapsed - limit, true}};
    }

    Result<Decision> cp_visits(const AnnexAChild& c) const {
        if (auto d = open_at(c, m_at, "plan")) return *d;
        if (auto d = after_snapshot(c.last_visit, m_at, "last statutory visit")) return *d;
        return within_working_days(c.last_visit.value_or(*c.start), m_s.cp_visit_working_days);
    }

    Result<Decision> cp_reviews(const AnnexAChild& c) const {
        if (auto d = open_at(c, m_at, "plan")) return *d;
        if (auto d = after_snapshot(c.latest_review, m_at, "latest review conference")) return *d;
        if (!c.latest_review)
            return by_due_date(c.start->plus_months(m_s.cp_first_review_months), m_at);
        return by_due_date(c.latest_review->plus_months(m_s.cp_review_months), m_at);
    }

    Result<Decision> cp_over_two_years(const AnnexAChild& c) const {
        if (auto d = open_at(c, m_at, "plan")) return *d;
        if (m_at > c.start->plus_months(m_s.cp_long_plan_months)) return counted();
        return not_counted();
    }

    Result<Decision> cla_reviews(const AnnexAChild& c) const {
        if (auto d = open_at(c, m_at, "period of care")) return *d;
        if (auto d = after_snapshot(c.latest_review, m_at, "latest statutory review")) return *d;
        if (c.latest_review)
            return by_due_date(c.latest_review->plus_months(m_s.cla_review_months), m_at);
        auto before = long_before_table(*c.start, m_s.cla_first_review_working_days);
        if (!before) return fail(before.error());
        if (*before) return late_beyond_table();
        auto due = m_calendar.add_working_days(*c.start, m_s.cla_first_review_working_days);
        if (!due) return fail(due.error());
        Decision d = by_due_date(*due, m_at);
        if (!d.unit.counted) {
            auto over = m_calendar.working_days_between(*due, m_at);
            if (!over) return fail(over.error());
            d.unit.days_over = *over;
            d.unit.working_days = true;
        }
        return d;
    }

    Result<Decision> cla_visits(const AnnexAChild& c) const {
        if (auto d = open_at(c, m_at, "period of care")) return *d;
        if (auto d = after_snapshot(c.last_visit, m_at, "last social work visit")) return *d;
        if (c.last_visit) return by_due_date(c.last_visit->plus_days(m_s.cla_visit_days), m_at);
        return by_due_date(c.start->plus_days(m_s.cla_first_visit_days), m_at);
    }

    Result<Decision> cla_health(const AnnexAChild& c) const {
        if (auto d = open_at(c, m_at, "period of care")) return *d;
        auto long_ago = long_before_table(*c.start, m_s.cla_health_cohort_working_days);
        if (!long_ago) return fail(long_ago.error());
        if (!*long_ago) {
            auto looked_after = m_calendar.working_days_between(*c.start, m_at);
            if (!looked_after) return fail(looked_after.error());
            if (*looked_after <= m_s.cla_health_cohort_working_days) return not_a_unit();
        }
        if (auto d = after_snapshot(c.health_assessment, m_at, "last health assessment")) return *d;
        if (!c.birth)
            return excluded("no date of birth, which the health assessment's interval depends on");
        if (*c.birth > m_at) return excluded("the date of birth is after the snapshot's date");
        const bool under_five = c.birth->plus_months(60) > m_at;
        const int months = under_five ? m_s.cla_health_under_five_months : m_s.cla_health_months;
        return check_within(c.health_assessment, months);
    }

    Result<Decision> cla_dental(const AnnexAChild& c) const {
        if (auto d = open_at(c, m_at, "period of care")) return *d;
        if (m_at < c.start->plus_months(m_s.cla_dental_cohort_months)) return not_a_unit();
        if (auto d = after_snapshot(c.dental_check, m_at, "last dental check")) return *d;
        return check_within(c.dental_check, m_s.cla_dental_months);
    }

    // A check done on or after add_months(T, -months) is in date; none, or an older one, is late
    // (due `months` after the last, or at once when there was none).
    Decision check_within(const std::optional<Date>& last, int months) const {
        if (!last) return not_counted();
        if (*last >= m_at.plus_months(-months)) return counted();
        const Date due = last->plus_months(months);
        return {Decision::Kind::Unit, {}, {0, false, due, days_between(due, m_at), false}};
    }

    Result<Decision> cla_three_placements(const AnnexAChild& c) const {
        if (auto d = open_at(c, m_at, "period of care")) return *d;
        if (!c.placements_last_12_months)
            return excluded("no number of placements in the last 12 months");
        if (*c.placements_last_12_months >= m_s.cla_placements) return counted();
        return not_counted();
    }

    static Result<Decision> yes_no(const std::optional<bool>& value, std::string_view what) {
        if (!value) return excluded("no answer to " + std::string(what));
        if (*value) return counted();
        return not_counted();
    }

    static Result<Decision> care_leaver_eet(const AnnexAChild& c) {
        if (c.activity.empty()) return excluded("no activity code");
        const char first = c.activity.front();
        if (first == 'F' || first == 'P') return counted();
        return not_counted();
    }

    Result<Decision> cin_visits(const AnnexAChild& c) const {
        if (auto d = open_at(c, m_at, "child in need episode")) return *d;
        if (!c.last_visit) return excluded("no date the child was last seen");
        if (auto d = after_snapshot(c.last_visit, m_at, "date the child was last seen")) return *d;
        return within_working_days(*c.last_visit, m_s.cin_visit_working_days);
    }

    const AnnexAStandards& m_s;
    const WorkingDayCalendar& m_calendar;
    Date m_at;
};

// The date a figure's timescale runs from for `c`.
std::optional<Date> timescale_from(IndicatorId id, const AnnexAChild& c) {
    switch (id) {
        case IndicatorId::AnnexCpVisits:
        case IndicatorId::AnnexClaVisits:
            return c.last_visit ? c.last_visit : c.start;
        case IndicatorId::AnnexCinVisits: return c.last_visit;
        case IndicatorId::AnnexCpReviews:
        case IndicatorId::AnnexClaReviews:
            return c.latest_review ? c.latest_review : c.start;
        case IndicatorId::AnnexClaHealth: return c.health_assessment;
        case IndicatorId::AnnexClaDental: return c.dental_check;
        default: return c.start;
    }
}

}  // namespace

int annex_a_figure_list(IndicatorId id) {
    for (const auto& [figure, list] : kLists) {
        if (figure == id) return list;
    }
    return 0;
}

Result<AnnexAFigure> annex_a_figure(IndicatorId id, const AnnexASnapshot& snapshot,
                                    const AnnexAStandards& standards,
                                    const WorkingDayCalendar& calendar) {
    AnnexAFigure figure;
    figure.id = id;
    figure.as_at = snapshot.as_at;
    const Rules rules(standards, calendar, snapshot.as_at);
    const int list = annex_a_figure_list(id);
    for (std::size_t row = 0; row < snapshot.children.size(); ++row) {
        const auto& child = snapshot.children[row];
        if (child.list != list) continue;
        auto decision = rules.decide(id, child);
        if (!decision) return fail(decision.error());
        switch (decision->kind) {
            case Decision::Kind::NotAUnit:
                break;
            case Decision::Kind::Excluded:
                figure.excluded.push_back({row, std::move(decision->reason)});
                break;
            case Decision::Kind::Unit:
                ++figure.denominator;
                if (decision->unit.counted) ++figure.numerator;
                decision->unit.row = row;
                decision->unit.from = timescale_from(id, child);
                figure.units.push_back(decision->unit);
                break;
        }
    }
    if (figure.denominator > 0) {
        figure.percent = 100.0 * figure.numerator / figure.denominator;
    }
    return figure;
}

void merge_annex_a_snapshots(CaseData& data) {
    std::vector<AnnexASnapshot> merged;
    for (auto& snapshot : data.annex_a) {
        const auto same = std::find_if(merged.begin(), merged.end(), [&](const AnnexASnapshot& m) {
            return m.as_at == snapshot.as_at;
        });
        if (same == merged.end()) {
            merged.push_back(std::move(snapshot));
            continue;
        }
        same->children.insert(same->children.end(), std::make_move_iterator(snapshot.children.begin()),
                              std::make_move_iterator(snapshot.children.end()));
    }
    data.annex_a = std::move(merged);
}

void add_annex_a_events(CaseData& data, const std::vector<CensusYear>& censuses) {
    // The census of a year holds every assessment and enquiry open in it: begun by its end and
    // not finished before its start.
    const auto in_a_census = [&](const AnnexAChild& row) {
        return std::any_of(censuses.begin(), censuses.end(), [&row](const CensusYear& year) {
            return *row.start <= year.to && (!row.end || year.from <= *row.end);
        });
    };
    std::vector<const AnnexASnapshot*> latest_first;
    for (const auto& snapshot : data.annex_a) latest_first.push_back(&snapshot);
    std::stable_sort(
        latest_first.begin(), latest_first.end(),
        [](const AnnexASnapshot* a, const AnnexASnapshot* b) { return b->as_at < a->as_at; });
    using Key = std::pair<std::string, Date>;
    std::set<Key> assessments;
    std::set<Key> enquiries;
    for (const auto& a : data.assessments) {
        if (a.start) assessments.emplace(a.child_id, *a.start);
    }
    for (const auto& e : data.enquiries) {
        if (e.start) enquiries.emplace(e.child_id, *e.start);
    }
    for (const AnnexASnapshot* snapshot : latest_first) {
        for (const AnnexAChild& row : snapshot->children) {
            if (!row.start || in_a_census(row)) continue;
            if (row.list == 4 && assessments.emplace(row.child_id, *row.start).second) {
                data.assessments.push_back({row.child_id, row.start, row.end, row.source});
            } else if (row.list == 5 && enquiries.emplace(row.child_id, *row.start).second) {
                data.enquiries.push_back({row.child_id, row.start, row.end,
                                          row.no_conference_needed.value_or(false), row.source});
            }
        }
    }
}

}  // namespace csip::domain
