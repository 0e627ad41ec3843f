#include "domain/plan.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace csip::domain {
namespace {

template <typename E, std::size_t N>
using Words = std::array<std::pair<E, std::string_view>, N>;

constexpr Words<Grade, 4> kGradeWords{{{Grade::Outstanding, "outstanding"},
                                        {Grade::Good, "good"},
                                        {Grade::RequiresImprovement, "requires_improvement"},
                                        {Grade::Inadequate, "inadequate"}}};
constexpr Words<RecommendationCategory, 2> kCategoryWords{
    {{RecommendationCategory::Priority, "priority"},
     {RecommendationCategory::Improvement, "improvement"}}};
constexpr Words<MeasureKind, 4> kMeasureWords{{{MeasureKind::Measured, "measured"},
                                                {MeasureKind::Monitored, "monitored"},
                                                {MeasureKind::Observed, "observed"},
                                                {MeasureKind::Established, "established"}}};
constexpr Words<ActionStatus, 3> kStatusWords{{{ActionStatus::NotStarted, "not_started"},
                                                {ActionStatus::InProgress, "in_progress"},
                                                {ActionStatus::Complete, "complete"}}};
constexpr Words<MeasureStatus, 4> kMeasureStatusWords{
    {{MeasureStatus::NotAssessed, "not_assessed"},
     {MeasureStatus::NotMet, "not_met"},
     {MeasureStatus::PartlyMet, "partly_met"},
     {MeasureStatus::Met, "met"}}};
constexpr Words<Rag, 3> kRagWords{{{Rag::Red, "red"}, {Rag::Amber, "amber"}, {Rag::Green, "green"}}};

template <typename E, std::size_t N>
std::string_view word_for(const Words<E, N>& words, E value) {
    for (const auto& [candidate, word] : words) {
        if (candidate == value) return word;
    }
    return {};
}

template <typename E, std::size_t N>
std::optional<E> value_for(const Words<E, N>& words, std::string_view text) {
    for (const auto& [candidate, word] : words) {
        if (word == text) return candidate;
    }
    return {};
}

template <typename Actions>
auto find_in(Actions& workstreams, std::string_view id) -> decltype(&workstreams[0].commitments[0].actions[0]) {
    for (auto& workstream : workstreams) {
        for (auto& commitment : workstream.commitments) {
            for (auto& action : commitment.actions) {
                if (action.id == id) return &action;
            }
        }
    }
    return nullptr;
}

template <typename Item>
void drop_retired(std::vector<Item>& items) {
    std::erase_if(items, [](const Item& item) { return item.retired.has_value(); });
}

}  // namespace

Plan without_retired(const Plan& plan) {
    Plan out = plan;
    drop_retired(out.recommendations);
    drop_retired(out.workstreams);
    for (auto& workstream : out.workstreams) {
        drop_retired(workstream.commitments);
        for (auto& commitment : workstream.commitments) {
            drop_retired(commitment.measures);
            drop_retired(commitment.actions);
            std::erase_if(commitment.recommendations, [&](const std::string& id) {
                return std::none_of(out.recommendations.begin(), out.recommendations.end(),
                                    [&](const Recommendation& r) { return r.id == id; });
            });
        }
    }
    return out;
}

const Action* Plan::find_action(std::string_view id) const { return find_in(workstreams, id); }
Action* Plan::find_action(std::string_view id) { return find_in(workstreams, id); }

std::string_view to_string(Grade grade) { return word_for(kGradeWords, grade); }
std::string_view to_string(RecommendationCategory category) {
    return word_for(kCategoryWords, category);
}
std::string_view to_string(MeasureKind kind) { return word_for(kMeasureWords, kind); }
std::string_view to_string(ActionStatus status) { return word_for(kStatusWords, status); }
std::string_view to_string(Rag rag) { return word_for(kRagWords, rag); }
std::string_view to_string(MeasureStatus status) { return word_for(kMeasureStatusWords, status); }

std::optional<Grade> parse_grade(std::string_view text) { return value_for(kGradeWords, text); }
std::optional<RecommendationCategory> parse_recommendation_category(std::string_view text) {
    return value_for(kCategoryWords, text);
}
std::optional<MeasureKind> parse_measure_kind(std::string_view text) {
    return value_for(kMeasureWords, text);
}
std::optional<ActionStatus> parse_action_status(std::string_view text) {
    return value_for(kStatusWords, text);
}
std::optional<Rag> parse_rag(std::string_view text) { return value_for(kRagWords, text); }
std::optional<MeasureStatus> parse_measure_status(std::string_view text) {
    return value_for(kMeasureStatusWords, text);
}

std::string_view describe(Grade grade) {
    switch (grade) {
        case Grade::Outstanding: return "outstanding";
        case Grade::Good: return "good";
        case Grade::RequiresImprovement: return "requires improvement";
        case Grade::Inadequate: return "inadequate";
    }
    return {};
}

std::string_view describe(ActionStatus status) {
    switch (status) {
        case ActionStatus::NotStarted: return "not started";
        case ActionStatus::InProgress: return "in progress";
        case ActionStatus::Complete: return "complete";
    }
    return {};
}

std::string_view describe(Rag rag) {
    switch (rag) {
        case Rag::Red: return "Red";
        case Rag::Amber: return "Amber";
        case Rag::Green: return "Green";
    }
    return {};
}

std::string_view describe(MeasureStatus status) {
    switch (status) {
        case MeasureStatus::NotAssessed: return "Not assessed";
        case MeasureStatus::NotMet: return "Not met";
        case MeasureStatus::PartlyMet: return "Partly met";
        case MeasureStatus::Met: return "Met";
    }
    return {};
}

std::string_view describe(MeasureKind kind) {
    switch (kind) {
        case MeasureKind::Measured: return "Measured";
        case MeasureKind::Monitored: return "Monitored";
        case MeasureKind::Observed: return "Observed";
        case MeasureKind::Established: return "Established";
    }
    return {};
}

std::string_view describe(RecommendationCategory category) {
    switch (category) {
        case RecommendationCategory::Priority: return "Priority and immediate action";
        case RecommendationCategory::Improvement: return "Area for improvement";
    }
    return {};
}

}  // namespace csip::domain
