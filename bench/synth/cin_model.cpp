#include "synth/cin_model.hpp"

#include <algorithm>

#include "domain/indicators/working_days.hpp"
#include "synth/synth_random.hpp"

namespace csip::bench {
namespace {

using domain::Date;

// Code lists of the CIN census specification; a code repeated is drawn more often, so that the
// commonest values (White British; abuse or neglect) come up about as often as nationally.
constexpr std::string_view kEthnicities[] = {"WBRI", "WBRI", "WBRI", "WBRI", "WBRI", "WBRI", "WBRI",
                                             "WBRI", "WIRI", "WOTH", "WIRT", "WROM", "MWBC", "MWBA",
                                             "MWAS", "MOTH", "AIND", "APKN", "ABAN", "AOTH", "BCRB",
                                             "BAFR", "BOTH", "CHNE", "OOTH", "REFU", "NOBT"};
constexpr std::string_view kDisabilities[] = {"AUT", "BEH", "COMM", "CON", "DDA", "HAND", "HEAR",
                                              "INC", "LD",  "MOB",  "PC",  "VIS", "OTH"};
constexpr std::string_view kReferralSources[] = {"1A", "1B", "1C", "1D", "2A", "2B", "3A", "3B",
                                                 "3C", "3D", "3E", "3F", "4",  "5A", "5B", "5C",
                                                 "5D", "6",  "7",  "8",  "9",  "10"};
constexpr std::string_view kPrimaryNeeds[] = {"N1", "N1", "N1", "N1", "N1", "N1", "N2", "N3",
                                              "N4", "N4", "N5", "N6", "N6", "N7", "N8", "N9"};
constexpr std::string_view kClosureReasons[] = {"RC1", "RC2", "RC3", "RC4",
                                                "RC5", "RC6", "RC7", "RC8"};
constexpr std::string_view kAssessmentFactors[] = {
    "1A",  "1B",  "1C",  "2A",  "2B",  "2C",  "3A",  "3B",  "3C",  "4A",  "4B",
    "4C",  "5A",  "5B",  "5C",  "6A",  "6B",  "6C",  "7A",  "8B",  "8C",  "8D",
    "8E",  "8F",  "9A",  "10A", "11A", "12A", "13A", "14A", "15A", "16A", "17A",
    "18B", "18C", "19A", "19B", "19C", "20",  "21",  "22A", "23A", "24A"};
constexpr std::string_view kAbuseCategories[] = {"NEG", "NEG", "NEG", "NEG", "EMO",
                                                 "EMO", "EMO", "PHY", "SAB", "MUL"};

// Proportions, per thousand children (or records).
constexpr std::uint32_t kProtectionPlan = 50;     // a CP plan: ~5% of children
constexpr std::uint32_t kEnquiryOnly = 53;        // a section 47 enquiry and no plan: ~5% more
constexpr std::uint32_t kReReferral = 100;        // a second, earlier CINdetails
constexpr std::uint32_t kReferralInYear = 750;    // referred in the collection year
constexpr std::uint32_t kNoFurtherAction = 80;    // referral closed with no assessment
constexpr std::uint32_t kAssessmentOnTime = 860;  // authorised within 45 working days
constexpr std::uint32_t kConferenceOnTime = 800;  // ICPC within 15 working days
constexpr std::uint32_t kReviewOnTime = 880;      // CP review within its months
constexpr std::uint32_t kPlanEnded = 350;         // CP plan ended by the reference date
constexpr std::uint32_t kDetailsClosed = 550;     // a CIN episode closed in the year
// Deliberate errors, which csip's reader must skip and count.
constexpr std::uint32_t kNoChildId = 1;
constexpr std::uint32_t kAssessmentNoStart = 4;
constexpr std::uint32_t kAuthorisedBeforeStart = 3;
constexpr std::uint32_t kEnquiryNoStart = 3;
constexpr std::uint32_t kConferenceBeforeStart = 3;
constexpr std::uint32_t kPlanEndedBeforeStart = 5;

constexpr int kIcpcWorkingDays = 15;

Date later(Date a, Date b) { return std::max(a, b); }

Date conference_target(Date start) {
    const auto target =
        domain::WorkingDayCalendar::england_and_wales().add_working_days(start, kIcpcWorkingDays);
    // Outside the bank-holiday table (not reachable for the years allowed): three weeks.
    return target ? *target : start.plus_days(21);
}

class ChildDrawer {
  public:
    ChildDrawer(SynthRandom& rng, Date reference) : m_rng(rng), m_reference(reference) {}

    // One CINdetails referred on `referral`; `next_referral` when a later one follows, so this
    // one is closed before it.
    void details(SynthCinDetails& d, Date referral, std::optional<Date> next_referral, bool enquiry,
                 bool protection) {
        d.referral = referral;
        d.referral_source = m_rng.pick(kReferralSources);
        d.primary_need = m_rng.pick(kPrimaryNeeds);
        d.closure.reset();
        d.closure_reason = {};
        d.cin_plan_start.reset();
        d.cin_plan_end.reset();
        d.assessments.clear();
        d.enquiry.reset();
        d.plan.reset();
        d.no_further_action = !enquiry && m_rng.chance(kNoFurtherAction);

        Date latest = referral;
        if (!d.no_further_action) latest = assessments(d, referral, enquiry);
        if (enquiry) latest = later(latest, section47(d, referral, protection));
        bool plan_open = false;
        if (protection) {
            latest = later(latest, plan(d));
            plan_open = !d.plan->end;
        }
        std::optional<Date> closure;
        if (next_referral) {
            closure = latest.plus_days(m_rng.between(1, 60));
        } else if (d.no_further_action) {
            closure = referral.plus_days(m_rng.between(0, 5));
        } else if (!plan_open && m_rng.chance(kDetailsClosed)) {
            closure = latest.plus_days(m_rng.between(1, 90));
        }
        if (closure && *closure <= m_reference) {
            d.closure = closure;
            d.closure_reason = m_rng.pick(kClosureReasons);
        }
    }

  private:
    // The assessments of a referral; returns the latest date they reached.
    Date assessments(SynthCinDetails& d, Date referral, bool enquiry) {
        int count = 1;
        if (!enquiry && m_rng.chance(30)) {
            count = 0;
        } else if (m_rng.chance(50)) {
            count = 2;
        }
        Date latest = referral;
        Date begin = std::min(referral.plus_days(m_rng.between(0, 3)), m_reference);
        for (int k = 0; k < count; ++k) {
            SynthAssessment& a = d.assessments.emplace_back();
            a.start = begin;
            const Date authorised = begin.plus_days(
                m_rng.chance(kAssessmentOnTime) ? m_rng.between(1, 62) : m_rng.between(64, 130));
            if (authorised <= m_reference) a.authorised = authorised;
            const int factors = m_rng.between(1, 3);
            for (int f = 0; f < factors; ++f) a.factors.push_back(m_rng.pick(kAssessmentFactors));
            latest = later(latest, a.authorised.value_or(begin));
            if (m_rng.chance(kAssessmentNoStart)) {
                a.start.reset();
                a.usable = false;
            } else if (m_rng.chance(kAuthorisedBeforeStart)) {
                a.authorised = begin.plus_days(-m_rng.between(1, 20));
                a.usable = false;
            }
            begin = a.authorised.value_or(begin).plus_days(m_rng.between(20, 120));
            if (begin > m_reference) break;
        }
        if (!d.assessments.empty() && m_rng.chance(200)) {
            const Date plan_start = latest.plus_days(m_rng.between(0, 10));
            if (plan_start <= m_reference) {
                d.cin_plan_start = plan_start;
                latest = plan_start;
                const Date plan_end = plan_start.plus_days(m_rng.between(30, 300));
                if (m_rng.chance(500) && plan_end <= m_reference) {
                    d.cin_plan_end = plan_end;
                    latest = plan_end;
                }
            }
        }
        return latest;
    }

    Date section47(SynthCinDetails& d, Date referral, bool protection) {
        SynthEnquiry& e = d.enquiry.emplace();
        const Date start = std::min(referral.plus_days(m_rng.between(0, 10)), m_reference);
        e.start = start;
        e.conference_target = conference_target(start);
        e.flag_as_digit = m_rng.chance(100);
        const std::uint32_t outcome = protection ? 0 : m_rng.below(100);
        if (outcome < 30) {
            const Date held = start.plus_days(
                m_rng.chance(kConferenceOnTime) ? m_rng.between(1, 21) : m_rng.between(22, 50));
            if (held <= m_reference) e.conference = held;
        } else if (outcome < 90) {
            e.not_required = true;
        }
        Date latest = e.conference.value_or(start);
        if (m_rng.chance(kEnquiryNoStart)) {
            e.start.reset();
            e.usable = false;
        } else if (e.conference && m_rng.chance(kConferenceBeforeStart)) {
            e.conference = start.plus_days(-m_rng.between(1, 10));
            e.usable = false;
        }
        return latest;
    }

    // The plan starts at the initial conference; reviews three months on, then six-monthly.
    Date plan(SynthCinDetails& d) {
        SynthPlan& p = d.plan.emplace();
        const Date start =
            d.enquiry && d.enquiry->conference ? *d.enquiry->conference : d.referral.plus_days(25);
        p.start = start;
        p.initial_category = m_rng.pick(kAbuseCategories);
        p.latest_category = m_rng.chance(850) ? p.initial_category : m_rng.pick(kAbuseCategories);
        p.previous_plans = m_rng.chance(800) ? 0 : m_rng.between(1, 3);
        const int wanted = m_rng.between(1, 4);
        Date review = start.plus_days(m_rng.chance(kReviewOnTime) ? m_rng.between(55, 89)
                                                                  : m_rng.between(92, 130));
        while (static_cast<int>(p.reviews.size()) < wanted && review <= m_reference) {
            p.reviews.push_back(review);
            review = review.plus_days(m_rng.chance(kReviewOnTime) ? m_rng.between(150, 181)
                                                                  : m_rng.between(185, 240));
        }
        Date latest = p.reviews.empty() ? start : p.reviews.back();
        if (m_rng.chance(kPlanEnded)) {
            const Date end = latest.plus_days(m_rng.between(1, 120));
            if (end <= m_reference) p.end = end;
        }
        latest = p.end.value_or(latest);
        if (m_rng.chance(kPlanEndedBeforeStart)) {
            p.end = start.plus_days(-m_rng.between(1, 30));
            p.usable = false;
        }
        return latest;
    }

    SynthRandom& m_rng;
    Date m_reference;
};

}  // namespace

std::string cin_child_id(std::uint64_t index) {
    // An affine map modulo 10^12 with a multiplier prime to 10: distinct for every index.
    constexpr std::uint64_t kModulus = 1000000000000ULL;
    std::uint64_t number = (index % kModulus * 48271ULL + 915733ULL) % kModulus;
    std::string id = "RND000000000000";
    for (std::size_t k = id.size(); k > 3; --k) {
        id[k - 1] = static_cast<char>('0' + number % 10);
        number /= 10;
    }
    return id;
}

CinModel::CinModel(const SynthOptions& options)
    : m_options(options),
      m_start(collection_start(options.year)),
      m_reference(reference_date(options.year)) {}

void CinModel::child(std::uint64_t index, SynthCinChild& out) const {
    SynthRandom rng(m_options.seed, index);
    out.id = rng.chance(kNoChildId) ? std::string() : cin_child_id(index);
    out.upn.clear();
    if (rng.chance(900)) {
        out.upn.push_back(static_cast<char>('A' + rng.below(26)));
        for (int k = 0; k < 12; ++k) out.upn.push_back(static_cast<char>('0' + rng.below(10)));
    }
    out.birth = m_reference.plus_days(-rng.between(30, 18 * 365));
    out.sex = rng.chance(500) ? 1 : 2;
    out.ethnicity = rng.pick(kEthnicities);
    out.disabilities.clear();
    if (rng.chance(100)) {
        const int count = rng.between(1, 2);
        for (int k = 0; k < count; ++k) out.disabilities.push_back(rng.pick(kDisabilities));
    } else {
        out.disabilities.push_back("NONE");
    }

    const bool protection = rng.chance(kProtectionPlan);
    const bool enquiry = protection || rng.chance(kEnquiryOnly);
    const bool re_referral = rng.chance(kReReferral);
    Date referral;
    if (protection) {
        // Early enough for a review: the plan starts within 60 days of the referral, and its
        // first review comes within 130 days of that.
        referral = m_reference.plus_days(-rng.between(220, 730));
    } else if (rng.chance(kReferralInYear)) {
        referral = m_start.plus_days(rng.between(0, domain::days_between(m_start, m_reference)));
    } else {
        referral = m_start.plus_days(-rng.between(1, 365));
    }

    out.details.resize(re_referral ? 2 : 1);
    ChildDrawer drawer(rng, m_reference);
    if (re_referral) {
        drawer.details(out.details[0], referral.plus_days(-rng.between(90, 540)), referral, false,
                       false);
    }
    drawer.details(out.details.back(), referral, std::nullopt, enquiry, protection);
}

}  // namespace csip::bench
