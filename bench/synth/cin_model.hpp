// The synthetic CIN census, child by child: what one <Child> holds (identifiers,
// characteristics, each <CINdetails> with its referral, assessments, section 47 enquiry and
// child protection plan), drawn in plausible national proportions. Most children have a
// referral and an assessment, about 10% a section 47 enquiry and about 5% a CP plan with one to
// four reviews. A few records are wrong on purpose, as councils' files are: an assessment
// without a start date or authorised before it started, an enquiry without a start date or with
// its conference before it, a plan that ended before it started, a child without an LAchildID.
// Each such record is marked not `usable`: csip's reader must skip it, and counts it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/date.hpp"
#include "synth/synth_options.hpp"

namespace csip::bench {

struct SynthAssessment {
    std::optional<domain::Date> start;
    std::optional<domain::Date> authorised;  // none while open on the reference date
    std::vector<std::string_view> factors;
    bool usable = true;
};

struct SynthEnquiry {
    std::optional<domain::Date> start;
    domain::Date conference_target;  // InitialCPCtarget: 15 working days after the start
    std::optional<domain::Date> conference;
    bool not_required = false;
    bool flag_as_digit = false;  // ICPCnotRequired written 1/0 rather than true/false
    bool usable = true;
};

struct SynthPlan {
    std::optional<domain::Date> start;
    std::optional<domain::Date> end;  // none while open
    std::vector<domain::Date> reviews;
    std::string_view initial_category;
    std::string_view latest_category;
    int previous_plans = 0;
    bool usable = true;
};

struct SynthCinDetails {
    domain::Date referral;
    std::string_view referral_source;
    std::string_view primary_need;
    std::optional<domain::Date> closure;
    std::string_view closure_reason;
    bool no_further_action = false;
    std::optional<domain::Date> cin_plan_start;
    std::optional<domain::Date> cin_plan_end;
    std::vector<SynthAssessment> assessments;
    std::optional<SynthEnquiry> enquiry;
    std::optional<SynthPlan> plan;
};

struct SynthCinChild {
    std::string id;   // LAchildID; empty when the child has none (a deliberate error)
    std::string upn;  // empty: UPNunknown is written instead
    domain::Date birth;
    int sex = 1;
    std::string_view ethnicity;
    std::vector<std::string_view> disabilities;
    std::vector<SynthCinDetails> details;
};

// Draws the children of one census; child(i) is the same for the same options, whatever was
// drawn before it.
class CinModel {
  public:
    explicit CinModel(const SynthOptions& options);

    // Child `index` (0-based) into `out`, reusing its storage.
    void child(std::uint64_t index, SynthCinChild& out) const;

    [[nodiscard]] const SynthOptions& options() const { return m_options; }
    [[nodiscard]] domain::Date start() const { return m_start; }
    [[nodiscard]] domain::Date reference() const { return m_reference; }

  private:
    SynthOptions m_options;
    domain::Date m_start;
    domain::Date m_reference;
};

// The child's identifier as the CIN census writes it: RND and twelve digits, distinct per index.
std::string cin_child_id(std::uint64_t index);

}  // namespace csip::bench
