// The synthetic SSDA903 return, child by child: the child's characteristics (`header`), its
// episodes of care (`episodes`), the reviews of its periods of care (`reviews`) and, when it has
// been looked after continuously for 12 months at 31 March, its OC2 row (`oc2`). A period of
// care is a chain of episodes joined by REC X1 (a change of placement or legal status with no
// break in care); the last one is open on the reference date for most children, or ended with a
// reason such as E11 (adopted). About 4% of the children have only a series of short breaks
// (legal status V3 or V4), which the review rule leaves out. Reviews follow regulation 33: the
// first within 20 working days, the second within three months, then six-monthly, most on time.
// A few rows are wrong on purpose (an episode that ended before it began, a review without a
// date, an unreadable OC2 answer) and are marked not `usable`: csip's reader must skip them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/date.hpp"
#include "synth/synth_options.hpp"

namespace csip::bench {

struct SynthEpisode {
    domain::Date start;                 // DECOM
    std::optional<domain::Date> end;    // DEC; none while open
    std::string_view entry;             // RNE
    std::string_view legal_status;      // LS
    std::string_view need;              // CIN
    std::string_view placement;         // PLACE
    std::string_view provider;          // PLACE_PROVIDER
    std::string_view reason_ended;      // REC; empty while open
    std::string_view placement_change;  // REASON_PLACE_CHANGE
    std::string_view home_postcode;
    std::string_view placement_postcode;
    std::uint32_t urn = 0;  // 0: XXXXXXX (no Ofsted URN)
    bool usable = true;
};

struct SynthCareReview {
    std::optional<domain::Date> held;  // none: a row without a date (a deliberate error)
    std::string_view code;             // REVIEW_CODE, PN0 to PN7
    bool usable = true;
};

// OC2 answers: 1, 0, blank (not known) or, as a deliberate error, text that is none of them.
enum class Oc2Answer { Yes, No, Blank, Unreadable };

struct SynthOc2 {
    Oc2Answer health_assessment = Oc2Answer::Yes;
    Oc2Answer teeth_check = Oc2Answer::Yes;
    int sdq_score = -1;  // -1: blank, with an SDQ_REASON
    bool convicted = false;
    bool health_check = false;
    bool immunisations = false;
    bool substance_misuse = false;
    [[nodiscard]] bool usable() const {
        return health_assessment != Oc2Answer::Unreadable && teeth_check != Oc2Answer::Unreadable;
    }
};

struct SynthLookedAfterChild {
    std::string id;  // CHILD
    domain::Date birth;
    int sex = 1;
    std::string_view ethnicity;
    std::string upn;
    std::vector<SynthEpisode> episodes;  // in date order
    std::vector<SynthCareReview> reviews;
    std::optional<SynthOc2> oc2;
};

class Ssda903Model {
  public:
    explicit Ssda903Model(const SynthOptions& options);

    // Child `index` (0-based) into `out`, reusing its storage.
    void child(std::uint64_t index, SynthLookedAfterChild& out) const;

    [[nodiscard]] const SynthOptions& options() const { return m_options; }
    [[nodiscard]] domain::Date reference() const { return m_reference; }

  private:
    SynthOptions m_options;
    domain::Date m_reference;
};

// CHILD as the 903 writes it: a number of up to eight digits, distinct per index.
std::string ssda903_child_id(std::uint64_t index);

}  // namespace csip::bench
