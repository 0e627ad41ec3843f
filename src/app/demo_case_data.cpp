#include "app/demo_case_data.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <iterator>
#include <map>
#include <optional>
#include <set>
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

// Placement moves in the year before the inspection: two more for a few children (REC X1 at each
// move), the first of them mostly between mid-May and mid-October 2014 and a few since April, so
// that Annex A's count of children with three or more placements in 12 months falls as the earlier
// moves pass out of its year. A move splits the episode it falls in; the period of care is
// unchanged. Drawn from its own seed, after the episodes, so that they and their reviews stay as
// they were.
void add_placement_moves(CaseData& episodes) {
    Random random(kSeed + 1);
    auto& all = episodes.care_episodes;
    std::map<std::string, std::vector<std::size_t>> by_child;
    for (std::size_t i = 0; i < all.size(); ++i) by_child[all[i].child_id].push_back(i);
    const auto split = [&](const std::string& child_id, Date move) {
        for (const std::size_t i : by_child[child_id]) {
            if (!(all[i].start < move) || (all[i].end && !(move < *all[i].end))) continue;
            domain::CareEpisode after{
                child_id,
                move,
                all[i].legal_status,
                all[i].end,
                all[i].reason_ended,
                {all[i].source.file, static_cast<std::uint32_t>(all.size() + 2)}};
            all[i].end = move;
            all[i].reason_ended = "X1";
            by_child[child_id].push_back(all.size());
            all.push_back(std::move(after));
            return;
        }
    };
    int chosen = 0;
    for (const auto& [child_id, indices] : std::map(by_child)) {
        const auto& first = all[indices.front()];
        const auto& last = all[indices.back()];
        if (first.legal_status == "V3" || first.start > day(2014, 5, 1) ||
            (last.end && *last.end < day(2015, 10, 1)) || !random.chance(25)) {
            continue;
        }
        ++chosen;
        const bool recent = chosen % 4 == 0;
        const Date move = recent ? day(2015, 4, 20).plus_days(random.between(0, 60))
                                 : day(2014, 5, 15).plus_days(random.between(0, 150));
        split(child_id, move);
        split(child_id, move.plus_days(random.between(30, recent ? 80 : 90)));
        if (chosen == 18) break;
    }
}

// --- Ofsted Annex A ---------------------------------------------------------------------------
//
// The extracts Westbury took at each month end from April to September 2015, written from the
// records above as at each date, so that the lists agree with the census, the SSDA903 tables and
// the CP visits: List 4 and List 5 hold the census's own assessments and enquiries (same child,
// same start), List 7 every plan with its last seen visit and latest review, List 8 every child
// looked after with the reviews and placements of the SSDA903. What the returns do not hold (the
// children on a child in need plan, visits to looked-after children, health and dental checks,
// care leavers, contacts, adoptions) is generated here, from its own seed, each child's dates
// carrying over from one extract to the next as a case file's would.

constexpr int kAnnexExtracts = 6;

// The extract's date: the last day of month `extract` (0 = April 2015).
Date annex_date(int extract) { return kYearStart.plus_months(extract + 1).plus_days(-1); }

// What the Annex A lists' dates steer towards, by extract (April first; the rest pads the year):
// the share (%) of the children due a visit who are seen within the month. The figures come out
// near these, not at them, since a child seen lately is not yet due.
constexpr MonthlyRates kCinSeenRates{74, 78, 82, 85, 88, 90, 90, 90, 90, 90, 90, 90};
constexpr MonthlyRates kCareVisitRates{72, 78, 84, 88, 91, 93, 93, 93, 93, 93, 93, 93};
// Health assessments and dental checks in date in April, as in the OC2 cohort at 31 March; then
// the share (%) of those fallen due (or never done) that are done within the month, as the
// looked-after children's nurses catch up.
constexpr MonthlyRates kHealthInDate{77, 77, 77, 77, 77, 77, 77, 77, 77, 77, 77, 77};
constexpr MonthlyRates kDentalInDate{64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64};
constexpr MonthlyRates kHealthCatchUp{0, 20, 38, 36, 38, 46, 46, 46, 46, 46, 46, 46};
constexpr MonthlyRates kDentalCatchUp{0, 18, 20, 23, 24, 27, 27, 27, 27, 27, 27, 27};
// The chance (%) that a case opened in the month waits for an allocated worker, by list.
constexpr std::array<int, kAnnexExtracts> kCinUnallocated{14, 10, 7, 5, 4, 3};
constexpr std::array<int, kAnnexExtracts> kCareUnallocated{3, 2, 1, 0, 0, 0};
constexpr std::array<int, kAnnexExtracts> kProtectionUnallocated{3, 1, 0, 0, 0, 0};
// The share (%) each month of the care leavers out of touch, unsuitably housed or not in
// education, employment or training who are back in touch, housed or in one.
constexpr MonthlyRates kBackInTouch{0, 15, 20, 20, 25, 25, 25, 25, 25, 25, 25, 25};
constexpr MonthlyRates kRehoused{0, 10, 12, 15, 15, 15, 15, 15, 15, 15, 15, 15};
constexpr MonthlyRates kIntoWork{0, 6, 7, 8, 9, 10, 10, 10, 10, 10, 10, 10};

const char* const kAssessmentTeam = "Assessment and intervention";
const char* const kCinTeam = "Children in need";
const char* const kProtectionTeam = "Child protection";
const char* const kCareTeam = "Children in care";
const char* const kLeavingCareTeam = "Leaving care";

// Workers by team, by the identifiers of the workforce extracts (each is in every extract from
// April to September); care leavers have personal advisers, who need not be social workers.
constexpr std::array<const char*, 10> kAssessmentWorkers{
    "SW004", "SW005", "SW008", "SW009", "SW012", "SW013", "SW016", "AG04", "AG08", "AG12"};
constexpr std::array<const char*, 8> kCinWorkers{"SW017", "SW020", "SW024", "SW025",
                                                 "SW028", "AG01",  "AG09",  "AG13"};
constexpr std::array<const char*, 11> kCareWorkers{
    "SW003", "SW007", "SW011", "SW015", "SW019", "SW023", "SW027", "AG03", "AG07", "AG15", "AG19"};
constexpr std::array<const char*, 4> kPersonalAdvisers{"PA01", "PA02", "PA03", "PA04"};

// Ethnicity codes as the template letters them, the letter stripped; about 80% WBRI.
constexpr std::array<const char*, 14> kEthnicities{"WBRI", "WBRI", "WBRI", "WBRI", "WBRI",
                                                   "WBRI", "WBRI", "WBRI", "WBRI", "WBRI",
                                                   "WOTH", "MWBC", "APKN", "BAFR"};
constexpr std::array<const char*, 5> kNeeds{
    "N1 - Abuse or Neglect", "N1 - Abuse or Neglect", "N4 - Family in acute stress",
    "N5 - Family dysfunction", "N2 - Child's disability or illness"};
constexpr std::array<const char*, 5> kAbuse{"Neglect", "Neglect", "Emotional abuse",
                                            "Physical abuse", "Sexual abuse"};
constexpr std::array<const char*, 5> kSources{"6: Police", "2A: Schools", "3D: Health services",
                                              "1B: Individual", "8: Other"};

// Care leavers' activity (SSDA903 OC3 codes), housing (ACCOM codes) as the template words them.
constexpr std::array<const char*, 7> kEducationOrWork{
    "F1: Full time in higher education",
    "F2: Full time in education other than higher",
    "P2: Part time in education other than higher",
    "F3: Full time in training or employment",
    "P3: Part time in training or employment",
    "F4: Full time apprenticeship or traineeship",
    "F5: Full time employment"};
constexpr std::array<const char*, 3> kNotInWork{
    "G4: Not in education, employment or training - illness or disability",
    "G5: Not in education, employment or training - other",
    "G6: Not in education, employment or training - pregnancy or parenting"};
constexpr std::array<const char*, 4> kSuitableHomes{
    "U: Independent living", "D: Semi-independent, transitional accommodation",
    "E: Supported lodgings", "B: With parents or relatives"};
constexpr std::array<const char*, 2> kUnsuitableHomes{"S: No fixed abode/homeless",
                                                      "X: In custody"};

template <std::size_t N>
const char* pick(Random& random, const std::array<const char*, N>& from) {
    return from[static_cast<std::size_t>(random.between(0, static_cast<int>(N) - 1))];
}

std::string iso_or_blank(const std::optional<Date>& date) { return date ? date->iso() : ""; }
std::optional<Date> by(const std::optional<Date>& date, Date at) {
    return date && *date <= at ? date : std::nullopt;
}

// The latest date of `dates` (ascending) on or before `at`.
std::optional<Date> latest_by(const std::vector<Date>& dates, Date at) {
    auto after = std::upper_bound(dates.begin(), dates.end(), at);
    if (after == dates.begin()) return std::nullopt;
    return *std::prev(after);
}

struct Person {
    std::string gender;
    std::string ethnicity;
    Date birth;
};

// Who a case is allocated to, and from when (a case may wait for a worker).
struct Allocation {
    std::string worker;
    Date from;

    [[nodiscard]] std::string at(Date date) const { return date < from ? "" : worker; }
};

struct CinCase {
    std::string child_id;
    Date start;
    std::optional<Date> closed;
    const char* need = "";
    std::optional<Date> seen;  // the date the child was last seen, as at the latest extract
};

struct CareChild {
    std::string child_id;
    Date start;  // of the period of care
    std::optional<Date> end;
    std::string reason_ended;
    std::string legal_status;
    std::vector<const domain::CareEpisode*> episodes;  // in start order
    std::vector<Date> reviews;                         // ascending
    std::optional<Date> visit;                         // the last social work visit
    std::optional<Date> health;                        // the last health assessment
    std::optional<Date> dental;                        // the last dental check
    bool seen_before = false;  // its dates have been drawn, for an earlier extract or this one
};

struct CareLeaver {
    std::string id;
    Person person;
    std::string adviser;
    std::optional<bool> in_touch;  // none: refuses contact
    bool suitable = true;
    const char* home = "";
    const char* activity = "";
    bool working = false;
};

// Writes one row of a list: the typed fields with, in the template's column order, every
// column as the reader keeps it in `values` (a code's letter stripped, dates YYYY-MM-DD, a blank
// cell as empty text).
class Row {
  public:
    Row(int list, std::string id, SourceRef source) {
        m_child.list = list;
        m_child.child_id = std::move(id);
        m_child.source = std::move(source);
        text(list == 11 ? "Individual adopter identifier" : "Child Unique ID", m_child.child_id);
    }

    Row& text(const char* header, std::string value) {
        m_child.values.emplace_back(header, std::move(value));
        return *this;
    }
    Row& date(const char* header, const std::optional<Date>& value) {
        return text(header, iso_or_blank(value));
    }
    Row& person(const Person& who) {
        m_child.birth = who.birth;
        return text("Gender", who.gender)
            .text("Ethnicity", who.ethnicity)
            .date("Date of Birth", who.birth);
    }
    Row& allocation(const char* team, std::string worker) {
        m_child.team = team;
        m_child.worker = worker;
        return text("Allocated Team", team).text("Allocated Worker", std::move(worker));
    }
    domain::AnnexAChild& child() { return m_child; }
    domain::AnnexAChild take() { return std::move(m_child); }

  private:
    domain::AnnexAChild m_child;
};

class AnnexA {
  public:
    AnnexA(const domain::WorkingDayCalendar& calendar, const CaseData& cin, const CaseData& visits,
           const CaseData& episodes, const CaseData& reviews);

    // The extract at the end of month `extract` (0 = April 2015). Extracts are made in order:
    // each child's dates carry over from one to the next.
    storage::ReturnRecords extract(int extract, const std::string& imported_at);

  private:
    Date wd(Date from, int n) const { return *m_calendar.add_working_days(from, n); }
    int working_days(Date from, Date to) const {
        return *m_calendar.working_days_between(from, to);
    }
    const Person& person(const std::string& id, Date born_from, Date born_to);
    // The worker a case of `team` is allocated to, drawn from `pool` when it is first listed;
    // it may wait for one, with the chance given.
    Allocation& allocation(const char* team, const std::string& id, const char* const* pool,
                           std::size_t size, Date opened, int unallocated_percent);
    template <std::size_t N>
    Allocation& allocation(const char* team, const std::string& id,
                           const std::array<const char*, N>& pool, Date opened,
                           int unallocated_percent) {
        return allocation(team, id, pool.data(), N, opened, unallocated_percent);
    }
    Row row(int list, const std::string& id);

    void update_cin(Date at, Date previous);
    void update_care(Date at, Date previous);
    void update_leavers(Date at);
    // A check (health or dental) as at `at` when first listed: within the last `months` (or
    // since the start of care) when `current`, else older or never.
    std::optional<Date> in_date(bool current, int months, Date start, Date at);
    // A check (health or dental) as at `at`: refreshed within the month when due and caught up.
    void check(std::optional<Date>& last, Date start, int months, Quota& catch_up, Date at,
               Date previous);

    void contacts_and_referrals(Date at, Date previous);
    void assessments(Date at, Date window);
    void enquiries(Date at, Date window);
    void children_in_need(Date at, Date window);
    void protection(Date at, Date window, int extract);
    void looked_after(Date at, Date window, int extract);
    void care_leavers();
    void adoption(Date at, Date window);

    const domain::WorkingDayCalendar& m_calendar;
    const CaseData& m_cin;
    Random m_random{kSeed + 2};
    Quota m_cin_seen{kCinSeenRates, 80, 90};
    Quota m_care_visited{kCareVisitRates, 80, 93};
    Quota m_health_in_date{kHealthInDate, 77, 77};
    Quota m_dental_in_date{kDentalInDate, 64, 64};
    Quota m_health_catch_up{kHealthCatchUp, 0, 42};
    Quota m_dental_catch_up{kDentalCatchUp, 0, 27};
    Quota m_back_in_touch{kBackInTouch, 0, 25};
    Quota m_rehoused{kRehoused, 0, 15};
    Quota m_into_work{kIntoWork, 0, 10};
    std::map<std::string, Person> m_people;
    std::map<std::string, Allocation> m_allocations;
    std::map<std::string, std::vector<const domain::ProtectionVisit*>> m_visits;  // seen, by date
    std::map<std::string, int> m_previous_plans;
    std::map<std::string, const char*> m_abuse;
    std::vector<CinCase> m_cin_cases;
    std::vector<CareChild> m_care;
    std::vector<CareLeaver> m_leavers;
    int m_new_ids = 0;

    // The extract being written, and the one before it (its date).
    Date m_previous;
    std::string m_file;
    std::vector<domain::AnnexAChild> m_rows;
    std::array<std::uint32_t, 12> m_sheet_rows{};
};

AnnexA::AnnexA(const domain::WorkingDayCalendar& calendar, const CaseData& cin,
               const CaseData& visits, const CaseData& episodes, const CaseData& reviews)
    : m_calendar(calendar), m_cin(cin) {
    for (const auto& visit : visits.protection_visits) {
        if (visit.seen) m_visits[visit.child_id].push_back(&visit);
    }
    for (auto& [child, seen] : m_visits) {
        std::stable_sort(seen.begin(), seen.end(),
                         [](const auto* a, const auto* b) { return a->on < b->on; });
    }

    // Children in need on a plan at 1 April, and those whose assessment from April found them
    // in need (about three in ten).
    const Date last_extract = annex_date(kAnnexExtracts - 1);
    for (int i = 0; i < 85; ++i) {
        CinCase c{"WN" + std::to_string(30001 + i), wd(day(2014, 6, 2), m_random.between(0, 200)),
                  std::nullopt, pick(m_random, kNeeds), std::nullopt};
        c.closed = wd(kYearStart, m_random.between(5, 170));
        c.seen = m_random.chance(78) ? wd(kYearStart.plus_days(-1), -m_random.between(0, 19))
                                     : wd(kYearStart.plus_days(-1), -m_random.between(21, 40));
        if (*c.seen < c.start) c.seen = c.start;
        m_cin_cases.push_back(std::move(c));
    }
    for (const auto& assessment : cin.assessments) {
        if (!assessment.authorised || *assessment.authorised < kYearStart ||
            *assessment.authorised > last_extract || !m_random.chance(30)) {
            continue;
        }
        const Date start = *assessment.authorised;
        m_cin_cases.push_back({assessment.child_id, start,
                               wd(start.plus_days(m_random.between(60, 270)), 0),
                               pick(m_random, kNeeds), start});
    }

    // Periods of care from the episodes (joined by X1), with their reviews; short breaks are
    // left out, as the review rules leave them out.
    std::map<std::string, std::vector<const domain::CareEpisode*>> by_child;
    for (const auto& episode : episodes.care_episodes)
        by_child[episode.child_id].push_back(&episode);
    std::map<std::string, std::vector<Date>> held;
    for (const auto& review : reviews.care_reviews) held[review.child_id].push_back(review.held);
    for (auto& [child, list] : by_child) {
        std::stable_sort(list.begin(), list.end(),
                         [](const auto* a, const auto* b) { return a->start < b->start; });
        if (list.front()->legal_status == "V3") continue;
        CareChild c;
        c.child_id = child;
        c.start = list.front()->start;
        c.end = list.back()->end;
        c.reason_ended = list.back()->reason_ended;
        c.legal_status = list.back()->legal_status;
        c.episodes = list;
        c.reviews = held[child];
        std::sort(c.reviews.begin(), c.reviews.end());
        // The children adopted came into care young.
        if (c.reason_ended == "E11") person(child, c.start.plus_days(-700), c.start.plus_days(-30));
        m_care.push_back(std::move(c));
    }

    // Care leavers aged 18 to 21: most in touch, housed suitably; under half in education,
    // employment or training in April.
    for (int i = 0; i < 58; ++i) {
        CareLeaver leaver;
        leaver.id = "WC" + std::to_string(40001 + i);
        leaver.person = {m_random.chance(55) ? "Male" : "Female", pick(m_random, kEthnicities),
                         day(1994, 5, 1).plus_days(m_random.between(0, 1090))};
        leaver.adviser = pick(m_random, kPersonalAdvisers);
        const int touch = m_random.between(1, 100);
        leaver.in_touch = touch <= 86   ? std::optional<bool>(true)
                          : touch <= 98 ? std::optional<bool>(false)
                                        : std::nullopt;
        leaver.suitable = m_random.chance(86);
        leaver.home =
            leaver.suitable ? pick(m_random, kSuitableHomes) : pick(m_random, kUnsuitableHomes);
        leaver.working = m_random.chance(46);
        leaver.activity =
            leaver.working ? pick(m_random, kEducationOrWork) : pick(m_random, kNotInWork);
        m_leavers.push_back(std::move(leaver));
    }
}

const Person& AnnexA::person(const std::string& id, Date born_from, Date born_to) {
    auto found = m_people.find(id);
    if (found != m_people.end()) return found->second;
    const int span = std::max(0, domain::days_between(born_from, born_to));
    Person who{m_random.chance(50) ? "Male" : "Female", pick(m_random, kEthnicities),
               born_from.plus_days(m_random.between(0, span))};
    return m_people.emplace(id, std::move(who)).first->second;
}

Allocation& AnnexA::allocation(const char* team, const std::string& id, const char* const* pool,
                               std::size_t size, Date opened, int unallocated_percent) {
    const std::string key = std::string(team) + "/" + id;
    auto found = m_allocations.find(key);
    if (found != m_allocations.end()) return found->second;
    const auto index = static_cast<std::size_t>(m_random.between(0, static_cast<int>(size) - 1));
    // A case waiting since it opened, or (opened before the extract's month) since its worker
    // left.
    Date from = opened;
    if (m_random.chance(unallocated_percent))
        from = std::max(opened, m_previous).plus_days(m_random.between(15, 50));
    return m_allocations.emplace(key, Allocation{pool[index], from}).first->second;
}

Row AnnexA::row(int list, const std::string& id) {
    auto& sheet_row = m_sheet_rows[static_cast<std::size_t>(list)];
    if (sheet_row == 0) sheet_row = 1;  // the header
    return Row(list, id, {m_file + " (List " + std::to_string(list) + ")", ++sheet_row});
}

// Each child in need open at `at` is seen within the month, or (at the month's rate) not, and
// then is over the 20 working days; a child seen lately needs no visit yet.
void AnnexA::update_cin(Date at, Date previous) {
    for (auto& c : m_cin_cases) {
        if (c.start > at || (c.closed && *c.closed <= at)) continue;
        if (!c.seen) c.seen = c.start;
        const bool due = working_days(*c.seen, at) > 20;
        if (due && !m_cin_seen.on_time(at)) continue;
        if (!due && m_random.chance(50)) continue;
        const Date visit = wd(at, -m_random.between(0, 15));
        if (visit > *c.seen && visit > previous) c.seen = visit;
    }
}

void AnnexA::check(std::optional<Date>& last, Date start, int months, Quota& catch_up, Date at,
                   Date previous) {
    if (last && *last >= at.plus_months(-months)) return;
    if (!catch_up.on_time(at)) return;
    const Date done = at.plus_days(-m_random.between(0, 27));
    if (done > previous && done >= start && (!last || done > *last)) last = done;
}

std::optional<Date> AnnexA::in_date(bool current, int months, Date start, Date at) {
    const Date due_from = at.plus_months(-months);
    if (current) {
        const Date earliest = std::max(due_from, start.plus_days(7));
        if (earliest > at) return std::nullopt;
        return at.plus_days(-m_random.between(0, domain::days_between(earliest, at)));
    }
    const Date last = due_from.plus_days(-m_random.between(1, 150));
    return last < start ? std::nullopt : std::optional<Date>(last);
}

void AnnexA::update_care(Date at, Date previous) {
    for (auto& c : m_care) {
        if (c.start > at || (c.end && *c.end <= at)) continue;
        const Person& who =
            person(c.child_id, c.start.plus_days(-365 * 16), c.start.plus_days(-30));
        const int health_months = who.birth.plus_months(60) > at ? 6 : 12;
        if (!c.seen_before) {
            c.seen_before = true;
            if (c.start > previous) {
                // Looked after since the last extract: visited within the week, the initial
                // health assessment mostly within 20 working days (listed once it is held).
                c.visit = c.start.plus_days(m_random.between(1, 6));
                c.health = wd(c.start, m_random.between(8, 24));
                continue;
            }
            // Looked after before April: as the case file stood at 31 March, when the OC2 cohort
            // had 77% of its health assessments and 64% of its dental checks.
            const Date march = previous;
            c.visit = m_random.chance(82) ? march.plus_days(-m_random.between(0, 41))
                                          : march.plus_days(-m_random.between(43, 75));
            if (*c.visit < c.start) c.visit = c.start.plus_days(m_random.between(1, 6));
            c.health = in_date(m_health_in_date.on_time(at), health_months, c.start, at);
            c.dental = in_date(m_dental_in_date.on_time(at), 12, c.start, at);
        }
        // Visits: at least every six weeks; one that falls due may be late (at the month's
        // rate); one not yet due may still be made.
        const bool due = !c.visit || domain::days_between(*c.visit, at) > 42;
        bool visit_now = true;
        if (due) {
            visit_now = m_care_visited.on_time(at);
        } else {
            visit_now = m_random.chance(50);
        }
        if (visit_now) {
            const Date visit = at.plus_days(-m_random.between(0, 27));
            if (visit > previous && visit >= c.start && (!c.visit || visit > *c.visit))
                c.visit = visit;
        }
        check(c.health, c.start, health_months, m_health_catch_up, at, previous);
        check(c.dental, c.start, 12, m_dental_catch_up, at, previous);
    }
}

void AnnexA::update_leavers(Date at) {
    for (auto& leaver : m_leavers) {
        if (leaver.in_touch && !*leaver.in_touch && m_back_in_touch.on_time(at))
            leaver.in_touch = true;
        if (!leaver.suitable && m_rehoused.on_time(at)) {
            leaver.suitable = true;
            leaver.home = pick(m_random, kSuitableHomes);
        }
        if (!leaver.working && m_into_work.on_time(at)) {
            leaver.working = true;
            leaver.activity = pick(m_random, kEducationOrWork);
        }
    }
}

// Lists 1 to 3: a sample of the month's contacts, early help assessments and referrals (no
// figure reads them): the referrals of about one in nine of the assessments begun in the month,
// the contacts that led to them and a few that led nowhere.
void AnnexA::contacts_and_referrals(Date at, Date previous) {
    std::vector<const domain::Assessment*> referred;
    std::size_t begun = 0;
    for (const auto& assessment : m_cin.assessments) {
        if (!assessment.start || *assessment.start <= previous || *assessment.start > at) continue;
        if (begun++ % 9 == 0) referred.push_back(&assessment);
    }
    const auto child_of = [&](const domain::Assessment& a) -> const Person& {
        return person(a.child_id, a.start->plus_days(-365 * 17), a.start->plus_days(-30));
    };
    for (const auto* a : referred) {
        Row contact = row(1, a->child_id);
        contact.person(child_of(*a));
        const Date on = std::max(wd(*a->start, -m_random.between(0, 2)), previous.plus_days(1));
        contact.child().start = on;
        contact.date("Date of Contact", on).text("Contact Source", pick(m_random, kSources));
        m_rows.push_back(contact.take());
    }
    for (int i = 0; i < 5; ++i) {
        const std::string id = "WK" + std::to_string(50001 + m_new_ids++);
        const Date on = wd(at, -m_random.between(0, 18));
        Row contact = row(1, id);
        contact.person(person(id, on.plus_days(-365 * 17), on.plus_days(-30)));
        contact.child().start = on;
        contact.date("Date of Contact", on).text("Contact Source", pick(m_random, kSources));
        m_rows.push_back(contact.take());
    }
    for (int i = 0; i < 4; ++i) {
        const std::string id = "WE" + std::to_string(60001 + m_new_ids++);
        const Date start = wd(at, -m_random.between(4, 18));
        const auto completed = by(wd(start, m_random.between(5, 30)), at);
        Row help = row(2, id);
        help.person(person(id, start.plus_days(-365 * 15), start.plus_days(-60)));
        help.child().start = start;
        help.child().end = completed;
        help.date("Assessment start date", start)
            .date("Assessment completion date", completed)
            .text("Organisation completing assessment",
                  i % 2 == 0 ? "Westbury Early Help Hub" : "Westbury Family Centre");
        m_rows.push_back(help.take());
    }
    for (const auto* a : referred) {
        Row referral = row(3, a->child_id);
        referral.person(child_of(*a));
        referral.child().start = *a->start;
        const auto& allocated =
            allocation(kAssessmentTeam, a->child_id, kAssessmentWorkers, *a->start, 3);
        referral.date("Date of Referral", *a->start)
            .text("Referral Source", pick(m_random, kSources))
            .text("Referral NFA?", "No")
            .text("Number of Referrals in Last 12 Months", m_random.chance(80) ? "0" : "1")
            .allocation(kAssessmentTeam, allocated.at(at));
        m_rows.push_back(referral.take());
    }
}

// List 4: the census's assessments open at `at` or authorised in the six months to it, with an
// authorisation after `at` not yet known.
void AnnexA::assessments(Date at, Date window) {
    std::set<std::string> in_need;
    for (const auto& c : m_cin_cases) in_need.insert(c.child_id);
    for (const auto& a : m_cin.assessments) {
        if (!a.start || *a.start > at) continue;
        const auto authorised = by(a.authorised, at);
        if (authorised && *authorised <= window) continue;
        Row r = row(4, a.child_id);
        r.person(person(a.child_id, a.start->plus_days(-365 * 17), a.start->plus_days(-30)));
        r.child().start = a.start;
        r.child().end = authorised;
        const auto& allocated = allocation(kAssessmentTeam, a.child_id, kAssessmentWorkers,
                                           *a.start, authorised ? 0 : 3);
        r.text("Does the Child have a Disability", "No")
            .date("Continuous Assessment Start Date", a.start)
            .text("Child Seen During Continuous Assessment", authorised ? "Yes" : "")
            .date("Continuous Assessment Date of Authorisation", authorised)
            .text("Was the child assessed as requiring LA children's social care support?",
                  !authorised ? "" : (in_need.count(a.child_id) != 0 ? "Yes" : "No"))
            .allocation(kAssessmentTeam, allocated.at(at));
        m_rows.push_back(r.take());
    }
}

// List 5: the census's section 47 enquiries begun in the six months to `at`, or whose initial
// conference is in them or still to come.
void AnnexA::enquiries(Date at, Date window) {
    for (const auto& e : m_cin.enquiries) {
        if (!e.start || *e.start > at) continue;
        const auto conference = by(e.initial_conference, at);
        const bool open = e.initial_conference && *e.initial_conference > at;
        if (*e.start <= window && !open && (!conference || *conference <= window)) continue;
        Row r = row(5, e.child_id);
        r.person(person(e.child_id, e.start->plus_days(-365 * 17), e.start->plus_days(-20)));
        r.child().start = e.start;
        r.child().end = conference;
        r.child().no_conference_needed = e.conference_not_required;
        const auto visits = m_visits.find(e.child_id);
        // A child whose enquiry led to a plan keeps the worker who visits under it.
        const bool plan = visits != m_visits.end();
        const std::string visitor = plan ? visits->second.front()->worker : "";
        const auto& allocated =
            plan ? allocation(kProtectionTeam, e.child_id,
                              std::array<const char*, 1>{visitor.c_str()}, *e.start, 0)
                 : allocation(kAssessmentTeam, e.child_id, kAssessmentWorkers, *e.start, 0);
        r.text("Does the Child have a Disability", "No")
            .date("Strategy discussion initiating Section 47 Enquiry Start Date", e.start)
            .text("Was an Initial Child Protection Conference deemed unnecessary?",
                  e.conference_not_required ? "Yes" : "No")
            .date("Date of Initial Child Protection Conference", conference)
            .text("Did the Initial Child Protection Conference Result in a Child Protection Plan",
                  conference ? "Yes" : "")
            .text("Number of Section 47 Enquiries in the last 12 months", "1")
            .text("Number of ICPCs in the last 12 months", conference ? "1" : "0")
            .allocation(plan ? kProtectionTeam : kAssessmentTeam, allocated.at(at));
        m_rows.push_back(r.take());
    }
}

// List 6: the children on a child in need plan open at `at` or closed in the six months to it
// (those on a protection plan or looked after are in Lists 7 and 8).
void AnnexA::children_in_need(Date at, Date window) {
    for (const auto& c : m_cin_cases) {
        if (c.start > at || (c.closed && *c.closed <= window)) continue;
        const auto closed = by(c.closed, at);
        Row r = row(6, c.child_id);
        r.person(person(c.child_id, c.start.plus_days(-365 * 17), c.start.plus_days(-30)));
        r.child().start = c.start;
        r.child().end = closed;
        r.child().last_visit = c.seen;
        const auto& allocated = allocation(
            kCinTeam, c.child_id, kCinWorkers, c.start,
            kCinUnallocated[static_cast<std::size_t>(std::clamp(year_month(c.start), 0, 5))]);
        r.text("Does the Child have a Disability", c.need[1] == '2' ? "Yes" : "No")
            .date("CIN Start Date", c.start)
            .text("Primary Need Code", c.need)
            .date("Date Child Was Last Seen", c.seen)
            .date("CIN Closure Date", closed)
            .text("Case Status", closed ? "" : "Child in need plan")
            .allocation(kCinTeam, allocated.at(at));
        m_rows.push_back(r.take());
    }
}

// List 7: every child on a plan at `at` or whose plan ended in the six months to it, with the
// last seen visit and the latest review conference on or before `at`.
void AnnexA::protection(Date at, Date window, int extract) {
    for (const auto& plan : m_cin.protection_plans) {
        if (plan.start > at || (plan.end && *plan.end <= window)) continue;
        const auto ended = by(plan.end, at);
        const domain::ProtectionVisit* last = nullptr;
        const auto visits = m_visits.find(plan.child_id);
        if (visits != m_visits.end()) {
            for (const auto* visit : visits->second) {
                if (visit->on <= at && visit->on >= plan.start) last = visit;
            }
        }
        std::optional<Date> review;
        for (const Date held : plan.reviews) {
            if (held <= at && (!review || held > *review)) review = held;
        }
        auto [previous, fresh] = m_previous_plans.try_emplace(plan.child_id, 0);
        if (fresh) {
            const int draw = m_random.between(1, 100);
            previous->second = draw <= 76 ? 0 : draw <= 95 ? 1 : 2;
            m_abuse[plan.child_id] = pick(m_random, kAbuse);
        }
        const char* abuse = m_abuse[plan.child_id];
        Row r = row(7, plan.child_id);
        r.person(person(plan.child_id, plan.start.plus_days(-365 * 17), plan.start.plus_days(-20)));
        r.child().start = plan.start;
        r.child().end = ended;
        r.child().last_visit = last ? std::optional<Date>(last->on) : std::nullopt;
        r.child().latest_review = review;
        r.child().previous_plans = previous->second;
        const std::string visitor =
            visits != m_visits.end() ? visits->second.front()->worker : kAssessmentWorkers[0];
        const auto& allocated =
            allocation(kProtectionTeam, plan.child_id, std::array<const char*, 1>{visitor.c_str()},
                       plan.start, kProtectionUnallocated[static_cast<std::size_t>(extract)]);
        std::string alone;
        if (last && last->seen_alone) alone = *last->seen_alone ? "Yes" : "No";
        r.text("Does the Child have a Disability", "No")
            .date("Child Protection Plan Start Date", plan.start)
            .text("Initial Category of Abuse", abuse)
            .text("Latest Category of Abuse", abuse)
            .date("Date of the Last Statutory Visit", r.child().last_visit)
            .text("Was the Child Seen Alone?", alone)
            .date("Date of latest review conference", review)
            .date("Child Protection Plan End Date", ended)
            .text("Number of Previous Child Protection Plans", std::to_string(previous->second))
            .allocation(kProtectionTeam, allocated.at(at));
        m_rows.push_back(r.take());
    }
}

// List 8: every child looked after at `at` or who ceased in the six months to it, with the
// SSDA903's reviews and placements (episodes begun or open in the 12 months to `at`).
void AnnexA::looked_after(Date at, Date window, int extract) {
    const Date year_before = at.plus_months(-12);
    for (const auto& c : m_care) {
        if (c.start > at || (c.end && *c.end <= window)) continue;
        const auto ended = by(c.end, at);
        int placements = 0;
        for (const auto* episode : c.episodes) {
            if (episode->start <= at && (!episode->end || *episode->end > year_before))
                ++placements;
        }
        const Person& who =
            person(c.child_id, c.start.plus_days(-365 * 16), c.start.plus_days(-30));
        Row r = row(8, c.child_id);
        r.person(who);
        r.child().start = c.start;
        r.child().end = ended;
        r.child().latest_review = latest_by(c.reviews, at);
        r.child().last_visit = by(c.visit, at);
        r.child().health_assessment = by(c.health, at);
        r.child().dental_check = by(c.dental, at);
        r.child().placements_last_12_months = placements;
        const auto& allocated = allocation(kCareTeam, c.child_id, kCareWorkers, c.start,
                                           kCareUnallocated[static_cast<std::size_t>(extract)]);
        r.text("Does the Child have a Disability", "No")
            .date("Date Started to be Looked After", c.start)
            .text("Child's Legal Status", c.legal_status)
            .date("Date of Latest Statutory Review", r.child().latest_review)
            .date("Date of Last Social Work Visit", r.child().last_visit)
            .date("Date of Last Health Assessment", r.child().health_assessment)
            .date("Date of Last Dental Check", r.child().dental_check)
            .text("Number of Placements in the Last 12 months", std::to_string(placements))
            .date("Date Ceased to be Looked After", ended)
            .text("Reason Ceased to be Looked After", ended ? c.reason_ended : "")
            .allocation(kCareTeam, allocated.at(at));
        m_rows.push_back(r.take());
    }
}

// List 9: the care leavers, in touch or not, their housing and activity (not known when out of
// touch).
void AnnexA::care_leavers() {
    for (const auto& leaver : m_leavers) {
        Row r = row(9, leaver.id);
        r.person(leaver.person);
        const bool known = leaver.in_touch.value_or(false);
        r.child().in_touch = leaver.in_touch;
        if (known) {
            r.child().suitable_accommodation = leaver.suitable;
            r.child().activity = std::string(leaver.activity, 2);
        }
        r.text("Does the Child have a Disability", "No")
            .allocation(kLeavingCareTeam, leaver.adviser)
            .text("Eligibility Category", "Former relevant child")
            .text("LA in Touch", !leaver.in_touch   ? "Refu"
                                 : *leaver.in_touch ? "Yes"
                                                    : "No")
            .text("Type of Accommodation", known ? leaver.home : "")
            .text("Suitability of Accommodation", !known            ? ""
                                                  : leaver.suitable ? "Suitable"
                                                                    : "Unsuitable")
            .text("Activity Status", known ? leaver.activity : "");
        m_rows.push_back(r.take());
    }
}

// Lists 10 and 11: the children adopted (SSDA903 REC E11) in the six months to `at` or on the
// way to it, each with the adopter matched with them; dates after `at` are not yet known.
void AnnexA::adoption(Date at, Date window) {
    std::vector<std::pair<const CareChild*, std::array<Date, 4>>> adopted;
    for (const auto& c : m_care) {
        if (c.reason_ended != "E11" || !c.end || c.start > at || *c.end <= window) continue;
        // Decision, placement order, match and placement, spread over the period of care.
        const int length = domain::days_between(c.start, *c.end);
        adopted.push_back(
            {&c,
             {c.start.plus_days(length * 35 / 100), c.start.plus_days(length / 2),
              c.start.plus_days(length * 70 / 100), c.start.plus_days(length * 75 / 100)}});
    }
    for (const auto& [c, steps] : adopted) {
        Row r = row(10, c->child_id);
        r.person(person(c->child_id, c->start.plus_days(-700), c->start.plus_days(-30)));
        r.child().start = c->start;
        r.child().end = by(c->end, at);
        const auto& allocated = allocation(kCareTeam, c->child_id, kCareWorkers, c->start, 0);
        r.date("Date the Child Entered Care", c->start)
            .date("Date of Decision that Child Should be Placed for Adoption", by(steps[0], at))
            .date("Date of Placement Order", by(steps[1], at))
            .date("Date of Matching Child and Prospective Adopters", by(steps[2], at))
            .date("Date Placed for Adoption", by(steps[3], at))
            .date("Date of Adoption Order", r.child().end)
            .allocation(kCareTeam, allocated.at(at));
        m_rows.push_back(r.take());
    }
    for (const auto& [c, steps] : adopted) {
        const std::string id = "AD" + c->child_id.substr(2);
        const Date enquiry = steps[2].plus_days(-420);
        if (enquiry > at) continue;
        Row r = row(11, id);
        const Person& adopter = person(id, day(1970, 1, 1), day(1988, 12, 31));
        r.child().start = enquiry;
        r.child().end = by(c->end, at);
        r.text("Gender", adopter.gender)
            .text("Ethnicity", adopter.ethnicity)
            .date("Date enquiry received", enquiry)
            .date("Date Stage 1 started", by(enquiry.plus_days(21), at))
            .date("Date application approved", by(enquiry.plus_days(200), at))
            .date("Date adopter matched with child(ren)", by(steps[2], at))
            .date("Date child/children placed with adopter(s)", by(steps[3], at))
            .text("No. of children placed", steps[3] <= at ? "1" : "")
            .date("Date of Adoption Order", r.child().end);
        m_rows.push_back(r.take());
    }
}

storage::ReturnRecords AnnexA::extract(int extract, const std::string& imported_at) {
    const Date at = annex_date(extract);
    const Date previous = kYearStart.plus_months(extract).plus_days(-1);
    const Date window = at.plus_months(-6);
    update_cin(at, previous);
    update_care(at, previous);
    update_leavers(at);

    m_previous = previous;
    m_file = "westbury annex a " + at.month_key() + ".xlsx";
    m_rows.clear();
    m_sheet_rows = {};
    contacts_and_referrals(at, previous);
    assessments(at, window);
    enquiries(at, window);
    children_in_need(at, window);
    protection(at, window, extract);
    looked_after(at, window, extract);
    care_leavers();
    adoption(at, window);
    // The workbook's order: list by list, each in its own order.
    std::stable_sort(m_rows.begin(), m_rows.end(),
                     [](const auto& a, const auto& b) { return a.list < b.list; });

    storage::ReturnRecords records;
    records.imported = {{"annex-a", at.iso()}, at, m_file, imported_at, kDemoActor, m_rows.size(),
                        m_rows.size(),         0};
    records.data.annex_a.push_back({at, std::move(m_rows)});
    m_rows = {};
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
    add_placement_moves(episodes.data);

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

    std::vector<storage::ReturnRecords> extracts;
    AnnexA annex_a(m_calendar, cin.data, visits.data, episodes.data, reviews.data);
    for (int extract = 0; extract < kAnnexExtracts; ++extract)
        extracts.push_back(annex_a.extract(extract, imported_at));

    std::vector<storage::ReturnRecords> all;
    all.push_back(std::move(cin));
    all.push_back(std::move(episodes));
    all.push_back(std::move(reviews));
    all.push_back(std::move(oc2));
    all.push_back(std::move(visits));
    all.push_back(std::move(reports));
    for (int month = 0; month < 12; ++month) all.push_back(workforce(month, imported_at));
    for (auto& extract : extracts) all.push_back(std::move(extract));
    return all;
}

}  // namespace

std::vector<storage::ReturnRecords> demo_case_returns(const std::string& imported_at) {
    return Generator().returns(imported_at);
}

}  // namespace csip::app
