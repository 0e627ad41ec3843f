#include "synth/synth_case_data.hpp"

namespace csip::bench {
namespace {

std::optional<bool> oc2_answer(Oc2Answer answer) {
    switch (answer) {
        case Oc2Answer::Yes:
            return true;
        case Oc2Answer::No:
            return false;
        case Oc2Answer::Blank:
        case Oc2Answer::Unreadable:
            break;
    }
    return std::nullopt;
}

}  // namespace

void add_child(const SynthCinChild& child, const std::string& file, domain::CaseData& into) {
    if (child.id.empty()) return;
    const domain::SourceRef source{file, 0};
    for (const SynthCinDetails& d : child.details) {
        for (const SynthAssessment& a : d.assessments) {
            if (a.usable) into.assessments.push_back({child.id, a.start, a.authorised, source});
        }
    }
    for (const SynthCinDetails& d : child.details) {
        if (d.enquiry && d.enquiry->usable) {
            const SynthEnquiry& e = *d.enquiry;
            into.enquiries.push_back({child.id, e.start, e.conference, e.not_required, source});
        }
    }
    for (const SynthCinDetails& d : child.details) {
        if (d.plan && d.plan->usable && d.plan->start) {
            const SynthPlan& p = *d.plan;
            into.protection_plans.push_back({child.id, *p.start, p.end, p.reviews, source});
        }
    }
}

void add_child(const SynthLookedAfterChild& child, const std::string& file,
               domain::CaseData& into) {
    const domain::SourceRef source{file, 0};
    for (const SynthEpisode& e : child.episodes) {
        if (!e.usable) continue;
        into.care_episodes.push_back({child.id, e.start, std::string(e.legal_status), e.end,
                                      std::string(e.reason_ended), source});
    }
    for (const SynthCareReview& r : child.reviews) {
        if (r.usable && r.held) into.care_reviews.push_back({child.id, *r.held, source});
    }
    if (child.oc2 && child.oc2->usable()) {
        into.continuously_looked_after.push_back({child.id,
                                                  oc2_answer(child.oc2->health_assessment),
                                                  oc2_answer(child.oc2->teeth_check), source});
    }
}

domain::CaseData cin_case_data(const SynthOptions& options) {
    domain::CaseData data;
    const CinModel model(options);
    SynthCinChild child;
    const std::string file = "cin.xml";
    for (std::uint64_t i = 0; i < options.children; ++i) {
        model.child(i, child);
        add_child(child, file, data);
    }
    return data;
}

domain::CaseData ssda903_case_data(const SynthOptions& options) {
    domain::CaseData data;
    const Ssda903Model model(options);
    SynthLookedAfterChild child;
    const std::string file = "episodes.csv";
    for (std::uint64_t i = 0; i < options.children; ++i) {
        model.child(i, child);
        add_child(child, file, data);
    }
    data.oc2_year_end = model.reference();
    return data;
}

}  // namespace csip::bench
