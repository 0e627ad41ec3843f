#include "synth/ssda903_writer.hpp"

#include <array>

#include "synth/text_output.hpp"

namespace csip::bench {
namespace {

using domain::Date;

void put_flag(TextOutput& out, bool value) { out.put(value ? '1' : '0'); }

void put_answer(TextOutput& out, Oc2Answer answer) {
    switch (answer) {
        case Oc2Answer::Yes:
            out.put('1');
            break;
        case Oc2Answer::No:
            out.put('0');
            break;
        case Oc2Answer::Blank:
            break;
        case Oc2Answer::Unreadable:
            out.put("unknown");
            break;
    }
}

void write_header_row(TextOutput& out, const SynthLookedAfterChild& child) {
    out.put(child.id);
    out.put(',');
    out.put_uint(static_cast<std::uint64_t>(child.sex));
    out.put(',');
    out.put_uk(child.birth);
    out.put(',');
    out.put(child.ethnicity);
    out.put(',');
    out.put(child.upn);
    out.put(",,\n");  // MOTHER, MC_DOB: not recorded
}

void write_episode(TextOutput& out, const SynthLookedAfterChild& child, const SynthEpisode& e) {
    out.put(child.id);
    out.put(',');
    out.put_uk(e.start);
    out.put(',');
    out.put(e.entry);
    out.put(',');
    out.put(e.legal_status);
    out.put(',');
    out.put(e.need);
    out.put(',');
    out.put(e.placement);
    out.put(',');
    out.put(e.provider);
    out.put(',');
    if (e.end) out.put_uk(*e.end);
    out.put(',');
    out.put(e.reason_ended);
    out.put(',');
    out.put(e.placement_change);
    out.put(',');
    out.put(e.home_postcode);
    out.put(',');
    out.put(e.placement_postcode);
    out.put(',');
    if (e.urn == 0) {
        out.put("XXXXXXX");
    } else {
        out.put_uint(e.urn);
    }
    out.put('\n');
}

void write_review(TextOutput& out, const SynthLookedAfterChild& child, const SynthCareReview& r) {
    out.put(child.id);
    out.put(',');
    out.put_uk(child.birth);
    out.put(',');
    if (r.held) out.put_uk(*r.held);
    out.put(',');
    out.put(r.code);
    out.put('\n');
}

void write_oc2(TextOutput& out, const SynthLookedAfterChild& child, const SynthOc2& o) {
    out.put(child.id);
    out.put(',');
    out.put_uk(child.birth);
    out.put(',');
    if (o.sdq_score >= 0) out.put_uint(static_cast<std::uint64_t>(o.sdq_score));
    out.put(',');
    if (o.sdq_score < 0) out.put("SDQ1");
    out.put(',');
    put_flag(out, o.convicted);
    out.put(',');
    put_flag(out, o.health_check);
    out.put(',');
    put_flag(out, o.immunisations);
    out.put(',');
    put_answer(out, o.teeth_check);
    out.put(',');
    put_answer(out, o.health_assessment);
    out.put(',');
    put_flag(out, o.substance_misuse);
    out.put(',');
    // INTERVENTION_RECEIVED and INTERVENTION_OFFERED concern substance misuse only.
    if (o.substance_misuse) {
        out.put("1,1");
    } else {
        out.put(',');
    }
    out.put('\n');
}

}  // namespace

void count_child(const SynthLookedAfterChild& child, Ssda903Summary& summary) {
    ++summary.children;
    for (const SynthEpisode& e : child.episodes) {
        ++summary.episodes;
        if (e.usable) ++summary.usable_episodes;
    }
    for (const SynthCareReview& r : child.reviews) {
        ++summary.reviews;
        if (r.usable) ++summary.usable_reviews;
    }
    if (child.oc2) {
        ++summary.oc2_rows;
        if (child.oc2->usable()) ++summary.usable_oc2_rows;
    }
}

Result<Ssda903Summary> write_ssda903(const SynthOptions& options,
                                     const std::filesystem::path& folder) {
    if (auto checked = check_options(options); !checked) return fail(checked.error());
    std::array<TextOutput, 4> files;
    enum { kHeader, kEpisodes, kReviews, kOc2 };
    const std::array<const char*, 4> names = {"header.csv", "episodes.csv", "reviews.csv",
                                              "oc2.csv"};
    for (std::size_t i = 0; i < files.size(); ++i) {
        if (auto opened = files[i].open(folder / names[i]); !opened) return fail(opened.error());
    }
    files[kHeader].put("CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n");
    files[kEpisodes].put(
        "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,"
        "PL_POST,URN\n");
    files[kReviews].put("CHILD,DOB,REVIEW,REVIEW_CODE\n");
    files[kOc2].put(
        "CHILD,DOB,SDQ_SCORE,SDQ_REASON,CONVICTED,HEALTH_CHECK,IMMUNISATIONS,TEETH_CHECK,"
        "HEALTH_ASSESSMENT,SUBSTANCE_MISUSE,INTERVENTION_RECEIVED,INTERVENTION_OFFERED\n");

    const Ssda903Model model(options);
    Ssda903Summary summary;
    SynthLookedAfterChild child;
    for (std::uint64_t i = 0; i < options.children; ++i) {
        model.child(i, child);
        write_header_row(files[kHeader], child);
        for (const SynthEpisode& e : child.episodes) write_episode(files[kEpisodes], child, e);
        for (const SynthCareReview& r : child.reviews) write_review(files[kReviews], child, r);
        if (child.oc2) write_oc2(files[kOc2], child, *child.oc2);
        count_child(child, summary);
    }
    for (auto& file : files) {
        summary.bytes += file.bytes_written();
        if (auto closed = file.close(); !closed) return fail(closed.error());
    }
    return summary;
}

}  // namespace csip::bench
