#include "app/demo_case_data.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <utility>

#include "app/demo.hpp"
#include "domain/indicators/working_days.hpp"

namespace csip::app {
namespace {

using domain::CaseData;
using domain::Date;
using domain::SourceRef;

// xorshift64*: a small generator whose sequence is fixed by its seed on every platform (the
// standard library's distributions are not), so the demo is the same everywhere.
class Random {
  public:
    explicit Random(std::uint64_t seed) : m_state(seed) {}

    int between(int low, int high) {
        const auto span = static_cast<std::uint64_t>(high - low + 1);
        return low + static_cast<int>(next() % span);
    }
    bool chance(int percent) { return between(1, 100) <= percent; }

  private:
    std::uint64_t next() {
        m_state ^= m_state >> 12;
        m_state ^= m_state << 25;
        m_state ^= m_state >> 27;
        return m_state * 2685821657736338717ULL;
    }
    std::uint64_t m_state;
};

constexpr std::uint64_t kSeed = 20150915;

Date day(int year, int month, int d) { return *Date::from_ymd(year, month, d); }

const Date kYearStart = day(2015, 4, 1);
const Date kYearEnd = day(2016, 3, 31);

int month_index(Date d) { return d.year() * 12 + d.month() - 1; }
// 0 for April 2015 ... 11 for March 2016; negative before, 12 and more after.
int year_month(Date d) { return month_index(d) - month_index(kYearStart); }

// Percentages by month of the year, April 2015 first: the demo's story.
using MonthlyRates = std::array<int, 12>;
constexpr MonthlyRates kAssessmentRates{71, 74, 77, 80, 84, 85, 86, 86, 87, 88, 88, 89};
constexpr MonthlyRates kVisitRates{82, 86, 92, 97, 97, 97, 97, 98, 97, 98, 98, 98};
constexpr MonthlyRates kReportRates{30, 36, 46, 56, 67, 70, 72, 75, 78, 80, 80, 82};
constexpr MonthlyRates kAgencyFte{30, 28, 25, 22, 20, 19, 18, 17, 17, 16, 16, 15};
constexpr int kWorkforceFte = 60;

// Decides unit by unit which are on time so that each month's share comes out at its rate,
// whatever order the units are made in (each month keeps its own running count).
class Quota {
  public:
    explicit Quota(MonthlyRates rates, int before = 85, int after = 90)
        : m_rates(rates), m_before(before), m_after(after) {}

    bool on_time(Date unit_date) {
        const int month = year_month(unit_date);
        const int rate = month < 0    ? m_before
                         : month > 11 ? m_after
                                      : m_rates[static_cast<std::size_t>(month)];
        auto& [on, total] = m_counts[month];
        ++total;
        // On time while that keeps the month's share at or under its rate, rounded.
        if (100 * (on + 1) <= rate * total + 50) {
            ++on;
            return true;
        }
        return false;
    }

  private:
    MonthlyRates m_rates;
    int m_before;
    int m_after;
    std::map<int, std::pair<int, int>> m_counts;
};

std::string fmt_id(const char* prefix, int number, std::size_t width) {
    std::string digits = std::to_string(number);
    if (digits.size() < width) digits.insert(0, width - digits.size(), '0');
    return prefix + digits;
}

// A conference held: its date, whether it was the initial one, and whose.
struct Conference {
    Date on;
    bool initial = false;
    std::string child_id;
};

class Generator {
  public:
    Generator() : m_random(kSeed), m_calendar(domain::WorkingDayCalendar::england_and_wales()) {}

    std::vector<storage::ReturnRecords> returns(const std::string& imported_at);

  private:
    Date wd(Date from, int n) const { return *m_calendar.add_working_days(from, n); }
    // A working day of the month `index` (0 = April 2015).
    Date working_day_in(int index, int first = 1, int last = 18) {
        const Date month_start = kYearStart.plus_months(index);
        return wd(month_start.plus_days(-1), m_random.between(first, last));
    }
    std::string child(const char* prefix) { return prefix + std::to_string(++m_children); }
    std::string worker() {
        static constexpr std::array<const char*, 12> kWorkers{"SW003", "SW007", "SW011", "SW014",
                                                              "SW018", "SW021", "AG02",  "AG05",
                                                              "AG08",  "AG11",  "AG14",  "AG17"};
        return kWorkers[static_cast<std::size_t>(m_random.between(0, 11))];
    }

    void assessments(CaseData& cin, const std::string& file);
    void protection(CaseData& cin, const std::string& cin_file, CaseData& visits,
                    const std::string& visits_file, CaseData& reports,
                    const std::string& reports_file);
    void add_plan(CaseData& cin, const std::string& cin_file, Date start, std::optional<Date> end,
                  const std::string& child_id);
    void looked_after(CaseData& episodes, CaseData& reviews, CaseData& oc2);
    storage::ReturnRecords workforce(int month, const std::string& imported_at);

    Random m_random;
    const domain::WorkingDayCalendar& m_calendar;
    int m_children = 10000;
    std::uint32_t m_cin_line = 20;
    std::vector<Conference> m_conferences;
};

void Generator::assessments(CaseData& cin, const std::string& file) {
    Quota quota(kAssessmentRates);
    // Assessments started before April and authorised from April, then those of each month.
    for (int month = 0; month < 12; ++month) {
        const int count = m_random.between(78, 104);
        for (int i = 0; i < count; ++i) {
            const Date authorised = working_day_in(month);
            const bool on_time = quota.on_time(authorised);
            const Date start =
                wd(authorised, on_time ? -m_random.between(12, 45) : -m_random.between(46, 68));
            cin.assessments.push_back({child("WB"), start, authorised, {file, m_cin_line}});
            m_cin_line += 14;
        }
    }
    // Assessments still open at the end of March 2016.
    for (int i = 0; i < 40; ++i) {
        const Date start = wd(kYearEnd, -m_random.between(1, 40));
        cin.assessments.push_back({child("WB"), start, std::nullopt, {file, m_cin_line}});
        m_cin_line += 14;
    }
}

void Generator::add_plan(CaseData& cin, const std::string& file, Date start,
                         std::optional<Date> end, const std::string& child_id) {
    domain::ProtectionPlan plan{child_id, start, end, {}, {file, m_cin_line}};
    m_cin_line += 20;
    const Date last = end ? std::min(*end, kYearEnd) : kYearEnd;
    // Every review on time: the first within 3 months, then within 6 months of the one before.
    Date review = wd(start.plus_months(3).plus_days(-m_random.between(0, 14)), 0);
    while (review < last) {
        plan.reviews.push_back(review);
        m_conferences.push_back({review, false, child_id});
        review = wd(review.plus_months(6).plus_days(-m_random.between(0, 20)), 0);
    }
    cin.protection_plans.push_back(std::move(plan));
}

void Generator::protection(CaseData& cin, const std::string& cin_file, CaseData& visits,
                           const std::string& visits_file, CaseData& reports,
                           const std::string& reports_file) {
    // Plans open on 1 April 2015, started in the year before.
    for (int i = 0; i < 112; ++i) {
        const Date start = wd(day(2014, 4, 1), m_random.between(0, 250));
        const int months_to_april = month_index(kYearStart) - month_index(start);
        const Date end =
            start.plus_months(m_random.between(months_to_april + 1, months_to_april + 11));
        add_plan(cin, cin_file, start, end <= kYearEnd ? std::optional<Date>(end) : std::nullopt,
                 child("WB"));
    }
    // Each month's section 47 enquiries: those that led to an initial conference (and a plan),
    // all within 15 working days, and those where none was needed.
    for (int month = 0; month < 12; ++month) {
        const int conferences = m_random.between(10, 14);
        for (int i = 0; i < conferences; ++i) {
            const Date icpc = working_day_in(month);
            const Date s47 = wd(icpc, -m_random.between(5, 15));
            const std::string child_id = child("WB");
            cin.enquiries.push_back({child_id, s47, icpc, false, {cin_file, m_cin_line}});
            m_cin_line += 9;
            m_conferences.push_back({icpc, true, child_id});
            const Date end = icpc.plus_months(m_random.between(6, 15));
            add_plan(cin, cin_file, icpc, end <= kYearEnd ? std::optional<Date>(end) : std::nullopt,
                     child_id);
        }
        const int not_needed = m_random.between(6, 10);
        for (int i = 0; i < not_needed; ++i) {
            cin.enquiries.push_back(
                {child("WB"), working_day_in(month), std::nullopt, true, {cin_file, m_cin_line}});
            m_cin_line += 9;
        }
    }

    // Visits from each plan's start: the next one within 10 working days, or late.
    Quota quota(kVisitRates);
    std::uint32_t line = 2;
    for (const auto& plan : cin.protection_plans) {
        const Date last = plan.end ? std::min(*plan.end, kYearEnd) : kYearEnd;
        const std::string visitor = worker();
        Date previous = plan.start;
        while (true) {
            Date visit = wd(previous, m_random.between(5, 10));
            if (!quota.on_time(visit)) visit = wd(previous, m_random.between(11, 14));
            if (visit > last) break;
            // Now and then the child is not seen: a second, seen visit follows within days.
            if (m_random.chance(2)) {
                visits.protection_visits.push_back({plan.child_id,
                                                    wd(previous, 3),
                                                    false,
                                                    std::nullopt,
                                                    visitor,
                                                    {visits_file, line++}});
            }
            visits.protection_visits.push_back(
                {plan.child_id, visit, true, m_random.chance(80), visitor, {visits_file, line++}});
            previous = visit;
        }
    }

    // The reports of the year's conferences, shared with the family on time or not.
    std::stable_sort(m_conferences.begin(), m_conferences.end(),
                     [](const Conference& a, const Conference& b) { return a.on < b.on; });
    Quota shared_on_time(kReportRates);
    line = 2;
    for (const auto& [conference, initial, child_id] : m_conferences) {
        if (conference < kYearStart || conference > kYearEnd) continue;
        const int required = initial ? 3 : 5;
        std::optional<Date> shared;
        if (shared_on_time.on_time(conference)) {
            shared = wd(conference, -(required + m_random.between(0, 4)));
        } else if (m_random.chance(75)) {
            shared = wd(conference, -m_random.between(0, required - 1));
        }
        reports.conference_reports.push_back(
            {child_id,
             initial ? domain::ConferenceType::Initial : domain::ConferenceType::Review,
             conference,
             shared,
             {reports_file, line++}});
    }
}

void Generator::looked_after(CaseData& episodes, CaseData& reviews, CaseData& oc2) {
    const std::string episodes_file = "westbury_903_episodes_2015-16.csv";
    const std::string reviews_file = "westbury_903_reviews_2015-16.csv";
    const std::string oc2_file = "westbury_903_oc2_2014-15.csv";
    std::uint32_t episode_line = 2;
    std::uint32_t review_line = 2;
    std::uint32_t oc2_line = 2;
    Quota health({}, 77, 77);
    Quota teeth({}, 64, 64);
    constexpr std::array<const char*, 4> kLeaving{"E11", "E4A", "E13", "E12"};

    const int children = 168;
    for (int i = 0; i < children; ++i) {
        const std::string child_id = "WL" + std::to_string(20000 + i);
        // Most children came into care over the three years before April 2015; some in the year.
        const Date start = i < 140 ? wd(day(2012, 6, 1), m_random.between(0, 730))
                                   : wd(kYearStart, m_random.between(0, 240));
        const bool short_breaks = i % 40 == 7;
        std::optional<Date> end;
        if (m_random.chance(18)) {
            const Date leaves = wd(std::max(start, kYearStart), m_random.between(20, 200));
            if (leaves <= kYearEnd) end = leaves;
        }
        const std::string legal = short_breaks ? "V3" : (m_random.chance(80) ? "C2" : "V2");
        // A placement change ends one episode and starts the next the same day (REC X1).
        const Date change = wd(start, m_random.between(60, 400));
        if (!short_breaks && m_random.chance(35) && change < end.value_or(kYearEnd)) {
            episodes.care_episodes.push_back(
                {child_id, start, legal, change, "X1", {episodes_file, episode_line++}});
            episodes.care_episodes.push_back(
                {child_id,
                 change,
                 legal,
                 end,
                 end ? kLeaving[static_cast<std::size_t>(i) % kLeaving.size()] : "",
                 {episodes_file, episode_line++}});
        } else {
            episodes.care_episodes.push_back(
                {child_id,
                 start,
                 legal,
                 end,
                 end ? kLeaving[static_cast<std::size_t>(i) % kLeaving.size()] : "",
                 {episodes_file, episode_line++}});
        }
        if (short_breaks) continue;

        // Every review on time (Care Planning Regulations 2010, reg 33).
        const Date last = std::min(end.value_or(kYearEnd), kYearEnd);
        Date review = wd(start, m_random.between(8, 20));
        int held = 0;
        while (review <= last) {
            reviews.care_reviews.push_back({child_id, review, {reviews_file, review_line++}});
            ++held;
            const int months = held == 1 ? 3 : 6;
            review = wd(review.plus_months(months).plus_days(-m_random.between(1, 20)), 0);
        }

        // The OC2 cohort at 31 March 2015: looked after for the twelve months before.
        const Date year_end = day(2015, 3, 31);
        if (start <= day(2014, 3, 31) && (!end || *end > year_end)) {
            oc2.continuously_looked_after.push_back({child_id,
                                                     health.on_time(year_end),
                                                     teeth.on_time(year_end),
                                                     {oc2_file, oc2_line++}});
        }
    }
    oc2.oc2_year_end = day(2015, 3, 31);
}

storage::ReturnRecords Generator::workforce(int month, const std::string& imported_at) {
    const Date reference = kYearStart.plus_months(month + 1).plus_days(-1);
    const std::string file = "westbury_workforce_" + reference.month_key() + ".csv";
    storage::ReturnRecords records;
    records.imported = {
        {"workforce", reference.iso()}, reference, file, imported_at, kDemoActor, 0, 0, 0};
    domain::WorkforceSnapshot snapshot{reference, {}};
    static constexpr std::array<const char*, 4> kTeams{"Assessment 1", "Assessment 2",
                                                       "Child Protection", "Looked After Children"};
    std::uint32_t line = 2;
    const int agency = kAgencyFte[static_cast<std::size_t>(month)];
    for (int i = 1; i <= agency; ++i) {
        snapshot.workers.push_back({fmt_id("AG", i, 2),
                                    kTeams[static_cast<std::size_t>(i) % 4],
                                    true,
                                    true,
                                    1.0,
                                    day(2014, 9, 1),
                                    std::nullopt,
                                    {file, line++}});
    }
    // Permanent staff: two half-time workers, the rest full time; the academy cohort from April.
    const int permanent = kWorkforceFte - agency;
    for (int i = 1; i <= permanent + 1; ++i) {
        const bool half_time = i <= 2;
        snapshot.workers.push_back({fmt_id("SW", i, 3),
                                    kTeams[static_cast<std::size_t>(i) % 4],
                                    true,
                                    false,
                                    half_time ? 0.5 : 1.0,
                                    i > 28 ? kYearStart : day(2011, 1, 10),
                                    std::nullopt,
                                    {file, line++}});
    }
    // Business support in the teams are in the extract but are not social workers.
    snapshot.workers.push_back(
        {"BS01", "Assessment 1", false, false, 1.0, day(2013, 5, 1), std::nullopt, {file, line++}});
    records.imported.records_read = snapshot.workers.size();
    records.imported.records_used = snapshot.workers.size();
    records.data.workforce.push_back(std::move(snapshot));
    return records;
}

std::vector<storage::ReturnRecords> Generator::returns(const std::string& imported_at) {
    const std::string cin_file = "westbury_cin_2015-16.xml";
    const std::string visits_file = "westbury_cp_visits_2015-16.csv";
    const std::string reports_file = "westbury_conference_reports_2015-16.csv";
    storage::ReturnRecords cin{
        {{"cin", kYearEnd.iso()}, kYearEnd, cin_file, imported_at, kDemoActor, 0, 0, 0}, {}};
    storage::ReturnRecords visits{
        {{"cp-visits", visits_file}, std::nullopt, visits_file, imported_at, kDemoActor, 0, 0, 0},
        {}};
    storage::ReturnRecords reports{{{"conference-reports", reports_file},
                                    std::nullopt,
                                    reports_file,
                                    imported_at,
                                    kDemoActor,
                                    0,
                                    0,
                                    0},
                                   {}};
    storage::ReturnRecords episodes{{{"903-episodes", "2016"},
                                     std::nullopt,
                                     "westbury_903_episodes_2015-16.csv",
                                     imported_at,
                                     kDemoActor,
                                     0,
                                     0,
                                     0},
                                    {}};
    storage::ReturnRecords reviews{{{"903-reviews", "2016"},
                                    std::nullopt,
                                    "westbury_903_reviews_2015-16.csv",
                                    imported_at,
                                    kDemoActor,
                                    0,
                                    0,
                                    0},
                                   {}};
    storage::ReturnRecords oc2{{{"903-oc2", "2015"},
                                day(2015, 3, 31),
                                "westbury_903_oc2_2014-15.csv",
                                imported_at,
                                kDemoActor,
                                0,
                                0,
                                0},
                               {}};
    assessments(cin.data, cin_file);
    protection(cin.data, cin_file, visits.data, visits_file, reports.data, reports_file);
    looked_after(episodes.data, reviews.data, oc2.data);

    const auto count = [](storage::ReturnRecords& r, std::size_t records) {
        r.imported.records_read = records;
        r.imported.records_used = records;
    };
    count(cin, cin.data.assessments.size() + cin.data.enquiries.size() +
                   cin.data.protection_plans.size());
    count(visits, visits.data.protection_visits.size());
    count(reports, reports.data.conference_reports.size());
    count(episodes, episodes.data.care_episodes.size());
    count(reviews, reviews.data.care_reviews.size());
    count(oc2, oc2.data.continuously_looked_after.size());

    std::vector<storage::ReturnRecords> all;
    all.push_back(std::move(cin));
    all.push_back(std::move(episodes));
    all.push_back(std::move(reviews));
    all.push_back(std::move(oc2));
    all.push_back(std::move(visits));
    all.push_back(std::move(reports));
    for (int month = 0; month < 12; ++month) all.push_back(workforce(month, imported_at));
    return all;
}

}  // namespace

std::vector<storage::ReturnRecords> demo_case_returns(const std::string& imported_at) {
    return Generator().returns(imported_at);
}

}  // namespace csip::app
