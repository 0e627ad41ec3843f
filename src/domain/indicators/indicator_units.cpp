#include "domain/indicators/indicator_units.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <utility>

#include "domain/indicators/annex_a_figures.hpp"

namespace csip::domain {
namespace {

// Local settings outside this range are typing mistakes, not standards.
constexpr int kMaxWorkingDaysSetting = 250;

// Care Planning, Placement and Case Review (England) Regulations 2010, reg 33: the first review
// within 20 working days of the day the child became looked after, the second within 3 months of
// the first, each later one within 6 months of the one before.
constexpr int kFirstCareReviewWorkingDays = 20;
constexpr int kSecondCareReviewMonths = 3;
constexpr int kLaterCareReviewMonths = 6;

// Working Together to Safeguard Children 2015, chapter 1: the first review conference within
// 3 months of the initial conference (the plan's start), later ones no more than 6 months apart.
constexpr int kFirstProtectionReviewMonths = 3;
constexpr int kLaterProtectionReviewMonths = 6;

// SSDA903 legal statuses of an agreed series of short-term breaks: not a period of care
// for the review rule (the Short Breaks regulations replace reg 33 for them).
bool is_short_break(std::string_view legal_status) {
    return legal_status == "V3" || legal_status == "V4";
}

// SSDA903 REC X1: the episode ceased and a new one began the same day; the child stays looked
// after, so the period of care continues.
bool continues_care(std::string_view reason_ended) { return reason_ended == "X1"; }

Result<int> checked_setting(int value, const char* name) {
    if (value < 1 || value > kMaxWorkingDaysSetting) {
        return fail(ErrorKind::InvalidInput,
                    std::string(name) + " must be between 1 and " +
                        std::to_string(kMaxWorkingDaysSetting) + " working days, not " +
                        std::to_string(value),
                    name);
    }
    return value;
}

// Where a timing lands: the last on-time date, whether the event met it, and by how much not.
struct Timing {
    Date due;
    bool on_time = false;
    std::optional<int> days_over;
};

// "Within n working days of `from`" is wd(from, event) <= n. Every day up to the (n+1)th
// working day after `from` still has wd <= n, so the last on-time date is the day before it
// (a weekend or bank holiday after the nth working day when one follows it).
Result<Date> last_day_within(const WorkingDayCalendar& calendar, Date from, int n) {
    auto next = calendar.add_working_days(from, n + 1);
    if (!next) return fail(next.error());
    return next->plus_days(-1);
}

Result<Timing> within_working_days(const WorkingDayCalendar& calendar, Date from, Date event,
                                   int n) {
    const auto elapsed = calendar.working_days_between(from, event);
    if (!elapsed) return fail(elapsed.error());
    const auto due = last_day_within(calendar, from, n);
    if (!due) return fail(due.error());
    Timing timing{*due, *elapsed <= n, std::nullopt};
    if (!timing.on_time) timing.days_over = *elapsed - n;
    return timing;
}

// A fixed due date, lateness in calendar days.
Timing by_date(Date due, Date event) {
    Timing timing{due, event <= due, std::nullopt};
    if (!timing.on_time) timing.days_over = days_between(due, event);
    return timing;
}

// "Shared at least n working days before the conference" is wd(shared, conference) >= n, which
// holds up to the day before the working day n-1 working days before the conference (for
// n >= 1 that is before the conference itself, so a report shared on or after the day is late).
Result<Date> last_day_before(const WorkingDayCalendar& calendar, Date conference, int n) {
    auto bound = calendar.add_working_days(conference, -(n - 1));
    if (!bound) return fail(bound.error());
    return bound->plus_days(-1);
}

Result<Timing> shared_before(const WorkingDayCalendar& calendar, Date conference,
                             std::optional<Date> shared, int n) {
    const auto due = last_day_before(calendar, conference, n);
    if (!due) return fail(due.error());
    if (!shared) return Timing{*due, false, std::nullopt};
    Timing timing{*due, *shared <= *due, std::nullopt};
    if (!timing.on_time) {
        const auto over = calendar.working_days_between(*due, *shared);
        if (!over) return fail(over.error());
        timing.days_over = *over;
    }
    return timing;
}

std::string describe_span(Date start, std::optional<Date> end) {
    return start.iso() + " to " + (end ? end->iso() : std::string("open"));
}

// What every rule needs: the calendar, the as-of date, and where the results go.
class Collector {
  public:
    Collector(const WorkingDayCalendar& calendar, std::optional<Date> as_of, IndicatorUnits& out)
        : m_calendar(calendar), m_as_of(as_of), m_out(out) {}

    [[nodiscard]] const WorkingDayCalendar& calendar() const { return m_calendar; }
    [[nodiscard]] std::optional<Date> as_of() const { return m_as_of; }

    // The date as the records stood on the as-of date: a later event has not happened yet.
    [[nodiscard]] std::optional<Date> happened(std::optional<Date> date) const {
        if (date && m_as_of && *date > *m_as_of) return std::nullopt;
        return date;
    }
    [[nodiscard]] bool happened(Date date) const { return !m_as_of || date <= *m_as_of; }

    void exclude(const std::string& subject, Date on, std::string reason, const SourceRef& source) {
        m_out.exclusions.push_back(
            {subject, on, ExclusionKind::DataQuality, std::move(reason), source});
    }

    void refuse(const std::string& subject, Date on, const Error& error, const SourceRef& source) {
        m_out.exclusions.push_back(
            {subject, on, ExclusionKind::OutsideCalendar, error.message, source});
    }

    // A unit with its timing, or its refusal when the timing needs a day outside the calendar.
    void add(const std::string& subject, std::optional<Date> start, Date unit_date,
             std::optional<Date> event, const Result<Timing>& timing, DayCount day_count,
             const SourceRef& source, const std::string& worker = {}) {
        if (!timing) {
            refuse(subject, unit_date, timing.error(), source);
            return;
        }
        IndicatorUnit unit;
        unit.subject_id = subject;
        unit.unit_date = unit_date;
        unit.start = start;
        unit.event = event;
        unit.due = timing->due;
        unit.in_numerator = timing->on_time;
        unit.days_over = timing->days_over;
        unit.day_count = day_count;
        unit.worker = worker;
        unit.source = source;
        m_out.units.push_back(std::move(unit));
    }

    void add_within(const std::string& subject, Date start, Date event, int n,
                    const SourceRef& source, const std::string& worker = {}) {
        add(subject, start, event, event, within_working_days(m_calendar, start, event, n),
            DayCount::Working, source, worker);
    }

    // An open timescale; its due date is refused like a unit's when it leaves the calendar.
    void open(const std::string& subject, Date start, const Result<Date>& due, DayCount day_count,
              const SourceRef& source, const std::string& worker = {}) {
        if (!due) {
            refuse(subject, m_as_of.value_or(start), due.error(), source);
            return;
        }
        m_out.open.push_back({subject, start, *due, day_count, {}, worker, source});
    }

    void open_within(const std::string& subject, Date start, int n, const SourceRef& source,
                     const std::string& worker = {}) {
        open(subject, start, last_day_within(m_calendar, start, n), DayCount::Working, source,
             worker);
    }

    IndicatorUnits& out() { return m_out; }

  private:
    const WorkingDayCalendar& m_calendar;
    std::optional<Date> m_as_of;
    IndicatorUnits& m_out;
};

// --- assessments_45wd --------------------------------------------------------------------------

void collect_assessments(const CaseData& data, int limit, Collector& collector) {
    for (const Assessment& assessment : data.assessments) {
        const auto start = collector.happened(assessment.start);
        const auto authorised = collector.happened(assessment.authorised);
        const auto& child = assessment.child_id;
        if (!authorised) {
            if (start && collector.as_of())
                collector.open_within(child, *start, limit, assessment.source);
            continue;
        }
        if (!start) {
            collector.exclude(child, *authorised, "assessment authorised with no start date",
                              assessment.source);
        } else if (*authorised < *start) {
            collector.exclude(child, *authorised,
                              "assessment authorised (" + authorised->iso() +
                                  ") before it started (" + start->iso() + ")",
                              assessment.source);
        } else {
            collector.add_within(child, *start, *authorised, limit, assessment.source);
        }
    }
}

// --- icpc_15wd ---------------------------------------------------------------------------------

void collect_initial_conferences(const CaseData& data, int limit, Collector& collector) {
    for (const Section47Enquiry& enquiry : data.enquiries) {
        const auto start = collector.happened(enquiry.start);
        const auto conference = collector.happened(enquiry.initial_conference);
        const auto& child = enquiry.child_id;
        if (enquiry.conference_not_required) {
            // Not in the cohort; a conference date as well contradicts the flag.
            if (conference) {
                collector.exclude(child, *conference,
                                  "ICPC date recorded although ICPCnotRequired is true",
                                  enquiry.source);
            }
            continue;
        }
        if (!conference) {
            if (start && collector.as_of())
                collector.open_within(child, *start, limit, enquiry.source);
            continue;
        }
        if (!start) {
            collector.exclude(child, *conference, "ICPC with no section 47 start date",
                              enquiry.source);
        } else if (*conference < *start) {
            collector.exclude(child, *conference,
                              "ICPC (" + conference->iso() +
                                  ") before the section 47 enquiry started (" + start->iso() + ")",
                              enquiry.source);
        } else {
            collector.add_within(child, *start, *conference, limit, enquiry.source);
        }
    }
}

// --- cp_reviews_on_time ------------------------------------------------------------------------

void collect_protection_reviews(const CaseData& data, Collector& collector) {
    for (const ProtectionPlan& plan : data.protection_plans) {
        if (!collector.happened(plan.start)) continue;
        const auto end = collector.happened(plan.end);
        std::vector<Date> reviews;
        for (const Date review : plan.reviews) {
            if (collector.happened(review)) reviews.push_back(review);
        }
        // A review recorded twice is one review conference.
        std::sort(reviews.begin(), reviews.end());
        reviews.erase(std::unique(reviews.begin(), reviews.end()), reviews.end());

        std::optional<Date> previous;
        for (const Date review : reviews) {
            if (review < plan.start || (end && review > *end)) {
                collector.exclude(plan.child_id, review,
                                  "review " + review.iso() + " outside the plan (" +
                                      describe_span(plan.start, end) + ")",
                                  plan.source);
                continue;
            }
            const Date from = previous.value_or(plan.start);
            const Date due = previous ? previous->plus_months(kLaterProtectionReviewMonths)
                                      : plan.start.plus_months(kFirstProtectionReviewMonths);
            collector.add(plan.child_id, from, review, review, by_date(due, review),
                          DayCount::Calendar, plan.source);
            previous = review;
        }
        if (collector.as_of() && !end) {
            const Date due = previous ? previous->plus_months(kLaterProtectionReviewMonths)
                                      : plan.start.plus_months(kFirstProtectionReviewMonths);
            collector.open(plan.child_id, previous.value_or(plan.start), due, DayCount::Calendar,
                           plan.source);
        }
    }
}

// --- cla_reviews_on_time -----------------------------------------------------------------------

struct DatedRow {
    Date on;
    const SourceRef* source = nullptr;
    const std::string* worker = nullptr;
};

// A period of care: consecutive episodes joined by REC X1, from the first DECOM to the last DEC.
struct CarePeriod {
    Date start;
    std::optional<Date> end;  // none while open
    const SourceRef* source = nullptr;
    std::vector<DatedRow> reviews;
};

[[nodiscard]] bool contains(const CarePeriod& period, Date day) {
    return period.start <= day && (!period.end || day <= *period.end);
}

// Each child's periods of care, ordered by start.
std::unordered_map<std::string_view, std::vector<CarePeriod>> periods_of_care(
    const CaseData& data, const Collector& collector) {
    std::vector<const CareEpisode*> episodes;
    episodes.reserve(data.care_episodes.size());
    for (const CareEpisode& episode : data.care_episodes) {
        if (is_short_break(episode.legal_status) || !collector.happened(episode.start)) continue;
        episodes.push_back(&episode);
    }
    std::stable_sort(episodes.begin(), episodes.end(),
                     [](const CareEpisode* a, const CareEpisode* b) {
                         if (a->child_id != b->child_id) return a->child_id < b->child_id;
                         return a->start < b->start;
                     });
    std::unordered_map<std::string_view, std::vector<CarePeriod>> periods;
    const CareEpisode* previous = nullptr;
    bool previous_continues = false;
    for (const CareEpisode* episode : episodes) {
        // An episode ending after the as-of date was still open on it.
        const auto end = collector.happened(episode->end);
        auto& child_periods = periods[episode->child_id];
        const bool same_child = previous && previous->child_id == episode->child_id;
        if (!same_child || !previous_continues) {
            child_periods.push_back({episode->start, std::nullopt, &episode->source, {}});
        }
        child_periods.back().end = end;
        previous = episode;
        previous_continues = end && continues_care(episode->reason_ended);
    }
    return periods;
}

// Distinct dates per child, each with the first row that gave it, in date order.
template <typename Row, typename DateOf>
std::unordered_map<std::string_view, std::vector<DatedRow>> distinct_dates(
    const std::vector<Row>& rows, DateOf date_of, const Collector& collector) {
    std::unordered_map<std::string_view, std::vector<DatedRow>> by_child;
    for (const Row& row : rows) {
        const Date on = date_of(row);
        if (!collector.happened(on)) continue;
        by_child[row.child_id].push_back({on, &row.source, nullptr});
    }
    for (auto& [child, dates] : by_child) {
        std::stable_sort(dates.begin(), dates.end(),
                         [](const DatedRow& a, const DatedRow& b) { return a.on < b.on; });
        dates.erase(std::unique(dates.begin(), dates.end(),
                                [](const DatedRow& a, const DatedRow& b) { return a.on == b.on; }),
                    dates.end());
    }
    return by_child;
}

Date next_care_review_due_by_months(Date previous, std::size_t reviews_held) {
    return previous.plus_months(reviews_held == 1 ? kSecondCareReviewMonths
                                                  : kLaterCareReviewMonths);
}

void collect_care_reviews(const CaseData& data, Collector& collector) {
    auto periods = periods_of_care(data, collector);
    const auto reviews = distinct_dates(
        data.care_reviews, [](const CareReview& review) { return review.held; }, collector);

    for (const auto& [child, dates] : reviews) {
        const auto found = periods.find(child);
        for (const DatedRow& review : dates) {
            CarePeriod* home = nullptr;
            if (found != periods.end()) {
                // Periods are in start order: the last one holding the review started latest.
                for (auto& period : found->second) {
                    if (contains(period, review.on)) home = &period;
                }
            }
            if (home) {
                home->reviews.push_back(review);
            } else {
                collector.exclude(std::string(child), review.on,
                                  "review " + review.on.iso() + " outside any period of care",
                                  *review.source);
            }
        }
    }

    for (const auto& [child, child_periods] : periods) {
        const std::string subject(child);
        for (const CarePeriod& period : child_periods) {
            // Review 1 is the first review held in the period; its reviews are in date order.
            for (std::size_t k = 0; k < period.reviews.size(); ++k) {
                const Date held = period.reviews[k].on;
                const SourceRef& source = *period.reviews[k].source;
                if (k == 0) {
                    const auto due = collector.calendar().add_working_days(
                        period.start, kFirstCareReviewWorkingDays);
                    const Result<Timing> timing = due ? Result<Timing>(by_date(*due, held))
                                                      : Result<Timing>(fail(due.error()));
                    collector.add(subject, period.start, held, held, timing, DayCount::Calendar,
                                  source);
                } else {
                    const Date previous = period.reviews[k - 1].on;
                    collector.add(subject, previous, held, held,
                                  by_date(next_care_review_due_by_months(previous, k), held),
                                  DayCount::Calendar, source);
                }
            }
        }
        // Only a child's latest period can still be open: an earlier one left without an end
        // date was closed by the care that followed it, whatever the record says.
        const CarePeriod& latest = child_periods.back();
        if (collector.as_of() && !latest.end) {
            if (latest.reviews.empty()) {
                collector.open(subject, latest.start,
                               collector.calendar().add_working_days(latest.start,
                                                                     kFirstCareReviewWorkingDays),
                               DayCount::Calendar, *latest.source);
            } else {
                const Date previous = latest.reviews.back().on;
                collector.open(subject, previous,
                               next_care_review_due_by_months(previous, latest.reviews.size()),
                               DayCount::Calendar, *latest.source);
            }
        }
    }
}

// --- cp_visits_on_time -------------------------------------------------------------------------

void collect_visits(const CaseData& data, int limit, Collector& collector) {
    // Each child's plans as they stood on the as-of date.
    std::unordered_map<std::string_view, std::vector<std::size_t>> plans_of;
    std::vector<std::optional<Date>> plan_end(data.protection_plans.size());
    for (std::size_t i = 0; i < data.protection_plans.size(); ++i) {
        const ProtectionPlan& plan = data.protection_plans[i];
        if (!collector.happened(plan.start)) continue;
        plan_end[i] = collector.happened(plan.end);
        plans_of[plan.child_id].push_back(i);
    }

    // Visit rows per child in date order; a seen row first within its day.
    std::unordered_map<std::string_view, std::vector<const ProtectionVisit*>> visits_of;
    for (const ProtectionVisit& visit : data.protection_visits) {
        if (collector.happened(visit.on)) visits_of[visit.child_id].push_back(&visit);
    }

    std::vector<std::vector<DatedRow>> plan_visits(data.protection_plans.size());
    for (auto& [child, rows] : visits_of) {
        std::stable_sort(rows.begin(), rows.end(),
                         [](const ProtectionVisit* a, const ProtectionVisit* b) {
                             if (a->on != b->on) return a->on < b->on;
                             return a->seen && !b->seen;
                         });
        const auto plans = plans_of.find(child);
        for (std::size_t i = 0; i < rows.size(); ++i) {
            const ProtectionVisit& visit = *rows[i];
            if (i > 0 && rows[i - 1]->on == visit.on) continue;  // one visit per child per day
            const std::string subject(child);
            if (!visit.seen) {
                // The child was not seen that day: not a visit for the standard; it neither
                // counts nor restarts the interval.
                collector.exclude(subject, visit.on,
                                  "visit on " + visit.on.iso() + ": child not seen", visit.source);
                continue;
            }
            std::optional<std::size_t> home;
            if (plans != plans_of.end()) {
                for (const std::size_t p : plans->second) {
                    const ProtectionPlan& plan = data.protection_plans[p];
                    const bool holds =
                        plan.start <= visit.on && (!plan_end[p] || visit.on <= *plan_end[p]);
                    // The latest-starting plan; on a tie, the later record.
                    if (holds && (!home || plan.start >= data.protection_plans[*home].start))
                        home = p;
                }
            }
            if (!home) {
                collector.exclude(
                    subject, visit.on,
                    "visit on " + visit.on.iso() + " outside any child protection plan",
                    visit.source);
                continue;
            }
            plan_visits[*home].push_back({visit.on, &visit.source, &visit.worker});
        }
    }

    for (const auto& [child, plans] : plans_of) {
        const std::string subject(child);
        for (const std::size_t p : plans) {
            const ProtectionPlan& plan = data.protection_plans[p];
            Date previous = plan.start;
            const std::string* last_worker = nullptr;
            for (const DatedRow& visit : plan_visits[p]) {
                collector.add_within(subject, previous, visit.on, limit, *visit.source,
                                     *visit.worker);
                previous = visit.on;
                last_worker = visit.worker;
            }
            if (collector.as_of() && !plan_end[p]) {
                collector.open_within(subject, previous, limit, plan.source,
                                      last_worker ? *last_worker : std::string());
            }
        }
    }
}

// --- cp_reports_shared_on_time -----------------------------------------------------------------

void collect_reports(const CaseData& data, int initial_days, int review_days,
                     Collector& collector) {
    for (const ConferenceReport& report : data.conference_reports) {
        const int days = report.type == ConferenceType::Initial ? initial_days : review_days;
        const auto shared = collector.happened(report.shared);
        if (!collector.happened(report.conference)) {
            // A conference still to come whose report is not yet shared.
            if (!shared) {
                collector.open(report.child_id, report.conference,
                               last_day_before(collector.calendar(), report.conference, days),
                               DayCount::Working, report.source);
            }
            continue;
        }
        collector.add(report.child_id, std::nullopt, report.conference, shared,
                      shared_before(collector.calendar(), report.conference, shared, days),
                      DayCount::Working, report.source);
    }
}

// --- cla_health_assessments, cla_dental_checks -------------------------------------------------

void collect_continuously_looked_after(const CaseData& data, bool health, IndicatorUnits& out) {
    out.as_of = data.oc2_year_end;
    std::unordered_map<std::string_view, std::size_t> unit_of;
    for (const ContinuouslyLookedAfter& row : data.continuously_looked_after) {
        // A blank answer is not a check done: the child stays in the denominator.
        const bool done = (health ? row.health_assessment : row.teeth_check).value_or(false);
        const auto [found, is_new] = unit_of.try_emplace(row.child_id, out.units.size());
        if (is_new) {
            IndicatorUnit unit;
            unit.subject_id = row.child_id;
            unit.unit_date = data.oc2_year_end;
            unit.day_count = DayCount::Calendar;
            unit.source = row.source;
            out.units.push_back(std::move(unit));
        }
        // A child listed twice is one child, counted as checked when any row records the check.
        out.units[found->second].in_numerator = out.units[found->second].in_numerator || done;
    }
}

// --- agency_sw_rate ----------------------------------------------------------------------------

void collect_workforce(const CaseData& data, IndicatorUnits& out) {
    for (const WorkforceSnapshot& snapshot : data.workforce) {
        const Date reference = snapshot.reference_date;
        // The indicator stands as of the latest snapshot; evaluate() picks the one a period needs.
        if (!out.as_of || *out.as_of < reference) out.as_of = reference;
        for (const SocialWorker& worker : snapshot.workers) {
            if (!worker.qualified) continue;
            // In post on the reference date: started on or before it, and not left by it (a
            // role ending on the reference date has ended).
            const bool started = !worker.start || *worker.start <= reference;
            const bool still_there = !worker.end || *worker.end > reference;
            if (!started || !still_there) continue;
            if (!std::isfinite(worker.fte) || worker.fte < 0.0) {
                out.exclusions.push_back({worker.worker_id, reference, ExclusionKind::DataQuality,
                                          "FTE is not a number of 0 or more", worker.source});
                continue;
            }
            IndicatorUnit unit;
            unit.subject_id = worker.worker_id;
            unit.unit_date = reference;
            unit.in_numerator = worker.agency;
            unit.day_count = DayCount::Calendar;
            unit.weight = worker.fte;
            unit.team = worker.team;
            unit.worker = worker.worker_id;
            unit.source = worker.source;
            out.units.push_back(std::move(unit));
        }
    }
}

// --- the Annex A figures -----------------------------------------------------------------------

// One unit per child the figure counts in each snapshot (with an as-of date, in the latest
// snapshot on or before it only), dated by the snapshot.
Result<void> collect_annex_a(const IndicatorDefinition& definition, const CaseData& data,
                             const IndicatorSettings& settings, const WorkingDayCalendar& calendar,
                             std::optional<Date> as_of, IndicatorUnits& out) {
    const AnnexASnapshot* only = nullptr;
    if (as_of) {
        for (const auto& snapshot : data.annex_a) {
            if (snapshot.as_at <= *as_of && (!only || only->as_at < snapshot.as_at))
                only = &snapshot;
        }
        if (!only) return {};
    }
    for (const auto& snapshot : data.annex_a) {
        if (only && &snapshot != only) continue;
        auto figure = annex_a_figure(definition.id, snapshot, settings.annex_a, calendar);
        if (!figure) return fail(figure.error());
        if (!out.as_of || *out.as_of < snapshot.as_at) out.as_of = snapshot.as_at;
        for (const AnnexAUnit& counted : figure->units) {
            const AnnexAChild& child = snapshot.children[counted.row];
            IndicatorUnit unit;
            unit.subject_id = child.child_id;
            unit.unit_date = snapshot.as_at;
            unit.start = counted.from;
            unit.due = counted.due;
            unit.in_numerator = counted.counted;
            unit.days_over = counted.days_over;
            unit.day_count = counted.working_days ? DayCount::Working : DayCount::Calendar;
            unit.team = child.team;
            unit.worker = child.worker;
            unit.source = child.source;
            out.units.push_back(std::move(unit));
        }
        for (const AnnexAExcluded& left : figure->excluded) {
            const AnnexAChild& child = snapshot.children[left.row];
            out.exclusions.push_back({child.child_id, snapshot.as_at, ExclusionKind::DataQuality,
                                      left.reason, child.source});
        }
    }
    return {};
}

// Records are grouped through hash maps; a fixed order makes the output the same on every run.
void sort_output(IndicatorUnits& out) {
    const auto by_date_then_subject = [](const auto& a, const auto& b) {
        return std::tie(a.unit_date, a.subject_id, a.source.line) <
               std::tie(b.unit_date, b.subject_id, b.source.line);
    };
    std::stable_sort(out.units.begin(), out.units.end(), by_date_then_subject);
    std::stable_sort(out.exclusions.begin(), out.exclusions.end(),
                     [](const IndicatorExclusion& a, const IndicatorExclusion& b) {
                         return std::tie(a.on, a.subject_id, a.source.line) <
                                std::tie(b.on, b.subject_id, b.source.line);
                     });
    std::stable_sort(out.open.begin(), out.open.end(), [](const OpenItem& a, const OpenItem& b) {
        return std::tie(a.due, a.subject_id, a.source.line) <
               std::tie(b.due, b.subject_id, b.source.line);
    });
}

}  // namespace

Result<IndicatorUnits> build_units(const IndicatorDefinition& definition, const CaseData& data,
                                   const IndicatorSettings& settings,
                                   const WorkingDayCalendar& calendar, std::optional<Date> as_of) {
    IndicatorUnits out;
    out.rule = rule_text(definition, settings);
    Collector collector(calendar, as_of, out);
    switch (definition.id) {
        case IndicatorId::Assessments45Wd: {
            const auto limit =
                checked_setting(settings.assessment_working_days, "assessment_working_days");
            if (!limit) return fail(limit.error());
            collect_assessments(data, *limit, collector);
            break;
        }
        case IndicatorId::Icpc15Wd: {
            const auto limit = checked_setting(settings.initial_conference_working_days,
                                               "initial_conference_working_days");
            if (!limit) return fail(limit.error());
            collect_initial_conferences(data, *limit, collector);
            break;
        }
        case IndicatorId::CpReviewsOnTime:
            collect_protection_reviews(data, collector);
            break;
        case IndicatorId::ClaReviewsOnTime:
            collect_care_reviews(data, collector);
            break;
        case IndicatorId::CpVisitsOnTime: {
            const auto limit = checked_setting(settings.visit_working_days, "visit_working_days");
            if (!limit) return fail(limit.error());
            collect_visits(data, *limit, collector);
            break;
        }
        case IndicatorId::CpReportsSharedOnTime: {
            const auto initial = checked_setting(settings.initial_report_working_days,
                                                 "initial_report_working_days");
            if (!initial) return fail(initial.error());
            const auto review =
                checked_setting(settings.review_report_working_days, "review_report_working_days");
            if (!review) return fail(review.error());
            collect_reports(data, *initial, *review, collector);
            break;
        }
        case IndicatorId::ClaHealthAssessments:
            collect_continuously_looked_after(data, true, out);
            break;
        case IndicatorId::ClaDentalChecks:
            collect_continuously_looked_after(data, false, out);
            break;
        case IndicatorId::AgencySwRate:
            collect_workforce(data, out);
            break;
        default:
            if (is_annex_a(definition.id)) {
                if (auto collected =
                        collect_annex_a(definition, data, settings, calendar, as_of, out);
                    !collected) {
                    return fail(collected.error());
                }
            }
            break;
    }
    sort_output(out);
    return out;
}

}  // namespace csip::domain
