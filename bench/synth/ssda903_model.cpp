#include "synth/ssda903_model.hpp"

#include <algorithm>

#include "synth/synth_random.hpp"

namespace csip::bench {
namespace {

using domain::Date;

// SSDA903 code lists; a code repeated is drawn more often (most children are on care orders,
// C2, or accommodated by agreement, V2; most placements are with foster carers, U1 to U6).
constexpr std::string_view kEthnicities[] = {"WBRI", "WBRI", "WBRI", "WBRI", "WBRI", "WBRI", "WBRI",
                                             "WIRI", "WOTH", "WIRT", "WROM", "MWBC", "MWBA", "MWAS",
                                             "MOTH", "AIND", "APKN", "ABAN", "AOTH", "BCRB", "BAFR",
                                             "BOTH", "CHNE", "OOTH", "REFU", "NOBT"};
constexpr std::string_view kLegalStatuses[] = {"C2", "C2", "C2", "C2", "C2", "C2", "C2",
                                               "C2", "V2", "V2", "V2", "V2", "C1", "C1",
                                               "C1", "E1", "L1", "L2", "J2", "D1"};
constexpr std::string_view kNeeds[] = {"N1", "N1", "N1", "N1", "N1", "N1", "N2",
                                       "N3", "N4", "N4", "N5", "N6", "N7", "N8"};
constexpr std::string_view kPlacements[] = {"U1", "U1", "U1", "U2", "U3", "U3", "U4", "U4", "U5",
                                            "U6", "U6", "K2", "R1", "P1", "H5", "S1", "Z1", "T0",
                                            "A3", "A4", "A5", "A6", "R2", "R3", "R5", "T4"};
constexpr std::string_view kProviders[] = {"PR0", "PR1", "PR1", "PR1", "PR2", "PR3", "PR4", "PR5"};
constexpr std::string_view kReasonsEnded[] = {
    "E11", "E12", "E13", "E13", "E13", "E13", "E14", "E15", "E16", "E17", "E2", "E3",
    "E41", "E45", "E46", "E47", "E48", "E4A", "E4B", "E5",  "E6",  "E7",  "E8", "E9"};
constexpr std::string_view kPlacementChanges[] = {"CARPL", "CLOSE", "ALLEG", "STAND",
                                                  "APPRR", "CREQB", "CREQO", "CHRES",
                                                  "LAREQ", "PLACE", "SSTAB", "OTHER"};
constexpr std::string_view kPostcodes[] = {
    "AB10 1AA", "B1 1BB",  "CF10 1CC", "DN1 2DD", "EX1 1EE", "GL1 1FF",  "HU1 1GG", "LS1 1HH",
    "M1 1JJ",   "NE1 1KK", "OX1 1LL",  "PL1 1MM", "RG1 1NN", "SO14 1PP", "TR1 1QQ", "YO1 1RR"};
constexpr std::string_view kReviewCodes[] = {"PN1", "PN1", "PN1", "PN1", "PN1", "PN2",
                                             "PN3", "PN4", "PN5", "PN6", "PN7", "PN0"};

// Proportions, per thousand.
constexpr std::uint32_t kShortBreaksOnly = 40;  // a series of V3/V4 short breaks, nothing else
constexpr std::uint32_t kOnePeriod = 850;       // one period of care in the four years
constexpr std::uint32_t kTwoOfTheRest = 800;    // of the others, two periods (else three)
constexpr std::uint32_t kLatestOpen = 700;      // the latest period still open on 31 March
constexpr std::uint32_t kAnotherEpisode = 450;  // the chain goes on (X1) after an episode
constexpr std::uint32_t kStatusChanges = 200;   // an X1 change is of legal status
constexpr std::uint32_t kReviewOnTime = 850;
// Deliberate errors, which csip's reader must skip and count.
constexpr std::uint32_t kEndedBeforeStart = 2;
constexpr std::uint32_t kReviewWithoutDate = 3;
constexpr std::uint32_t kUnreadableOc2 = 2;

constexpr int kHistoryDays = 4 * 365;  // the episodes kept: four years before the reference date

Oc2Answer answer(SynthRandom& rng, std::uint32_t yes_per_mille) {
    const std::uint32_t draw = rng.below(1000);
    if (draw < kUnreadableOc2) return Oc2Answer::Unreadable;
    if (draw < kUnreadableOc2 + 18) return Oc2Answer::Blank;
    return draw < kUnreadableOc2 + 18 + yes_per_mille ? Oc2Answer::Yes : Oc2Answer::No;
}

void fill_placement(SynthRandom& rng, SynthEpisode& episode) {
    episode.placement = rng.pick(kPlacements);
    episode.provider = rng.pick(kProviders);
    episode.home_postcode = rng.pick(kPostcodes);
    episode.placement_postcode = rng.pick(kPostcodes);
    episode.urn = rng.chance(300) ? 0 : 1000000 + rng.below(8999999);
}

void short_breaks(SynthRandom& rng, Date earliest, Date reference, SynthLookedAfterChild& out) {
    const int count = rng.between(3, 8);
    const std::string_view status = rng.chance(700) ? "V3" : "V4";
    Date at = std::max(earliest, reference.plus_days(-365)).plus_days(rng.between(0, 60));
    for (int k = 0; k < count && at <= reference; ++k) {
        SynthEpisode& episode = out.episodes.emplace_back();
        episode.start = at;
        const Date end = at.plus_days(rng.between(1, 6));
        if (end <= reference) {
            episode.end = end;
            episode.reason_ended = "E13";
        }
        episode.entry = "S";
        episode.legal_status = status;
        episode.need = "N1";
        fill_placement(rng, episode);
        at = end.plus_days(rng.between(14, 60));
    }
}

// Regulation 33: the first review within 20 working days of the start, the second within three
// months of it, later ones six-monthly; most held on time, some late.
void reviews(SynthRandom& rng, Date start, Date stop, SynthLookedAfterChild& out) {
    Date held =
        start.plus_days(rng.chance(kReviewOnTime) ? rng.between(3, 27) : rng.between(29, 70));
    int count = 0;
    while (held <= stop) {
        SynthCareReview& review = out.reviews.emplace_back();
        review.held = held;
        review.code = rng.pick(kReviewCodes);
        if (rng.chance(kReviewWithoutDate)) {
            review.held.reset();
            review.usable = false;
        }
        ++count;
        const bool on_time = rng.chance(kReviewOnTime);
        if (count == 1) {
            held = held.plus_days(on_time ? rng.between(50, 91) : rng.between(93, 140));
        } else {
            held = held.plus_days(on_time ? rng.between(120, 182) : rng.between(184, 240));
        }
    }
}

// One period of care from `start`: a chain of episodes joined by X1; returns its end.
std::optional<Date> period(SynthRandom& rng, Date start, bool may_stay_open, Date reference,
                           SynthLookedAfterChild& out) {
    std::optional<Date> end;
    if (!(may_stay_open && rng.chance(kLatestOpen))) {
        const Date drawn = start.plus_days(rng.between(20, 700));
        if (drawn <= reference) end = drawn;
    }
    const Date stop = end.value_or(reference);
    const int days = domain::days_between(start, stop);
    int episodes = 1;
    while (episodes < 6 && rng.chance(kAnotherEpisode)) ++episodes;
    episodes = std::max(1, std::min(episodes, days / 10));

    std::string_view status = rng.pick(kLegalStatuses);
    const std::string_view need = rng.pick(kNeeds);
    Date from = start;
    for (int k = 0; k < episodes; ++k) {
        SynthEpisode& episode = out.episodes.emplace_back();
        const bool last = k == episodes - 1;
        if (k == 0) {
            episode.entry = "S";
            fill_placement(rng, episode);
        } else if (rng.chance(kStatusChanges)) {
            // A change of legal status only: the child stays where it is.
            const SynthEpisode& before = out.episodes[out.episodes.size() - 2];
            episode.entry = "L";
            episode.placement = before.placement;
            episode.provider = before.provider;
            episode.home_postcode = before.home_postcode;
            episode.placement_postcode = before.placement_postcode;
            episode.urn = before.urn;
            status = rng.pick(kLegalStatuses);
        } else {
            // A change of placement: its reason goes on the episode that ended (REC X1).
            out.episodes[out.episodes.size() - 2].placement_change = rng.pick(kPlacementChanges);
            episode.entry = "P";
            fill_placement(rng, episode);
        }
        episode.start = from;
        episode.legal_status = status;
        episode.need = need;
        if (last) {
            episode.end = end;
            if (end) episode.reason_ended = rng.pick(kReasonsEnded);
        } else {
            // Evenly spaced changes, moved by up to a third of a step: always in order.
            const int step = days / episodes;
            const int jitter = step / 3;
            const Date change = start.plus_days(step * (k + 1) + rng.between(-jitter, jitter));
            episode.end = change;
            episode.reason_ended = "X1";
            from = change;
        }
    }
    if (end && rng.chance(kEndedBeforeStart)) {
        SynthEpisode& broken = out.episodes.back();
        broken.end = broken.start.plus_days(-rng.between(1, 30));
        broken.usable = false;
    }
    reviews(rng, start, stop, out);
    return end;
}

}  // namespace

std::string ssda903_child_id(std::uint64_t index) {
    // An affine map modulo 10^8 with a multiplier prime to 10: distinct for every index.
    constexpr std::uint64_t kModulus = 100000000ULL;
    return std::to_string((index % kModulus * 48271ULL + 100003ULL) % kModulus);
}

Ssda903Model::Ssda903Model(const SynthOptions& options)
    : m_options(options), m_reference(reference_date(options.year)) {}

void Ssda903Model::child(std::uint64_t index, SynthLookedAfterChild& out) const {
    // Another stream than the CIN census's, so the two returns are not drawn alike.
    SynthRandom rng(m_options.seed ^ 0x5353444139303300ULL, index);
    out.id = ssda903_child_id(index);
    out.birth = m_reference.plus_days(-rng.between(30, 18 * 365 - 1));
    out.sex = rng.chance(550) ? 1 : 2;
    out.ethnicity = rng.pick(kEthnicities);
    out.upn.clear();
    out.upn.push_back(static_cast<char>('A' + rng.below(26)));
    for (int k = 0; k < 12; ++k) out.upn.push_back(static_cast<char>('0' + rng.below(10)));
    out.episodes.clear();
    out.reviews.clear();
    out.oc2.reset();

    const Date earliest = std::max(out.birth, m_reference.plus_days(-kHistoryDays));
    if (rng.chance(kShortBreaksOnly)) {
        short_breaks(rng, earliest, m_reference, out);
        return;
    }
    const int periods = rng.chance(kOnePeriod) ? 1 : (rng.chance(kTwoOfTheRest) ? 2 : 3);
    const int span = domain::days_between(earliest, m_reference);
    Date start = earliest.plus_days(rng.between(0, span * 2 / 3));
    for (int p = 0; p < periods && start <= m_reference; ++p) {
        const bool latest = p == periods - 1;
        const auto end = period(rng, start, latest, m_reference, out);
        if (!end) {
            // Looked after continuously for 12 months at 31 March: the OC2 cohort.
            if (start <= m_reference.plus_months(-12)) {
                SynthOc2& oc2 = out.oc2.emplace();
                oc2.health_assessment = answer(rng, 880);
                oc2.teeth_check = answer(rng, 740);
                oc2.sdq_score = rng.chance(750) ? rng.between(0, 40) : -1;
                oc2.convicted = rng.chance(30);
                oc2.health_check = rng.chance(850);
                oc2.immunisations = rng.chance(870);
                oc2.substance_misuse = rng.chance(40);
            }
            break;
        }
        start = end->plus_days(rng.between(30, 400));
    }
}

}  // namespace csip::bench
