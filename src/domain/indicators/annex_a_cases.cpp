#include "domain/indicators/annex_a_cases.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <tuple>
#include <utility>

#include "domain/indicators/annex_a_figures.hpp"

namespace csip::domain {
namespace {

struct Named {
    AnnexACaseList list;
    std::string_view key;
    std::string_view title;
};

constexpr std::array<Named, 7> kNamed{{
    {AnnexACaseList::NotVisited, "not_visited",
     "Children on a child protection plan not visited in timescale"},
    {AnnexACaseList::LongPlans, "long_plans", "Child protection plans lasting more than two years"},
    {AnnexACaseList::RepeatPlans, "repeat_plans",
     "Children on a second or subsequent child protection plan"},
    {AnnexACaseList::ThreePlacements, "three_placements",
     "Looked-after children with three or more placements in 12 months"},
    {AnnexACaseList::MissingWithoutInterview, "missing_without_interview",
     "Looked-after children missing from placement and not offered a return interview"},
    {AnnexACaseList::LeaversNotInTouch, "leavers_not_in_touch",
     "Care leavers the council is not in touch with"},
    {AnnexACaseList::NoWorker, "no_worker", "Children with no allocated social worker"},
}};

const Named& named(AnnexACaseList list) {
    for (const auto& n : kNamed) {
        if (n.list == list) return n;
    }
    return kNamed[0];
}

std::string lower(std::string_view text) {
    std::string out(text);
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

// Open at T: started on or before it, not ended by it.
bool open_at(const AnnexAChild& child, Date at) {
    return child.start && *child.start <= at && (!child.end || *child.end > at);
}

// "No", "N", "b) No" as read (the letter is stripped by the reader).
bool is_no(std::string_view value) {
    const auto text = lower(value);
    return text == "no" || text == "n";
}

// The children a figure counts (`counted`) or leaves late (`!counted`).
Result<std::vector<AnnexACase>> from_figure(IndicatorId id, bool counted,
                                            const AnnexASnapshot& snapshot,
                                            const AnnexAStandards& standards,
                                            const WorkingDayCalendar& calendar) {
    auto figure = annex_a_figure(id, snapshot, standards, calendar);
    if (!figure) return fail(figure.error());
    std::vector<AnnexACase> cases;
    for (const auto& unit : figure->units) {
        if (unit.counted == counted) cases.push_back({unit.row, unit.due, unit.days_over});
    }
    return cases;
}

}  // namespace

std::string_view annex_a_list_title(int list) {
    constexpr std::array<std::string_view, 11> kTitles{
        "Contacts",
        "Early help assessments",
        "Referrals",
        "Assessments",
        "Section 47 enquiries and initial conferences",
        "Children in need",
        "Child protection",
        "Children looked after",
        "Care leavers",
        "Adoption",
        "Adopters",
    };
    if (list < 1 || list > 11) return {};
    return kTitles[static_cast<std::size_t>(list - 1)];
}

std::array<int, 11> annex_a_list_counts(const AnnexASnapshot& snapshot) {
    std::array<int, 11> counts{};
    for (const auto& child : snapshot.children) {
        if (child.list >= 1 && child.list <= 11) ++counts[static_cast<std::size_t>(child.list - 1)];
    }
    return counts;
}

std::string_view annex_a_case_list_key(AnnexACaseList list) { return named(list).key; }

std::optional<AnnexACaseList> annex_a_case_list_of(std::string_view key) {
    for (const auto& n : kNamed) {
        if (n.key == key) return n.list;
    }
    return std::nullopt;
}

std::string_view annex_a_case_list_title(AnnexACaseList list) { return named(list).title; }

std::optional<std::string_view> annex_a_value(const AnnexAChild& child,
                                              std::initializer_list<std::string_view> words) {
    for (const auto& [header, value] : child.values) {
        const auto name = lower(header);
        const bool all = std::all_of(words.begin(), words.end(), [&](std::string_view word) {
            return name.find(word) != std::string::npos;
        });
        if (all) return std::string_view(value);
    }
    return std::nullopt;
}

Result<std::vector<AnnexACase>> annex_a_cases(AnnexACaseList list, const AnnexASnapshot& snapshot,
                                              const AnnexAStandards& standards,
                                              const WorkingDayCalendar& calendar) {
    const Date at = snapshot.as_at;
    switch (list) {
        case AnnexACaseList::NotVisited: {
            auto cases =
                from_figure(IndicatorId::AnnexCpVisits, false, snapshot, standards, calendar);
            if (!cases) return cases;
            std::stable_sort(cases->begin(), cases->end(),
                             [](const AnnexACase& a, const AnnexACase& b) {
                                 return a.days_over.value_or(0) > b.days_over.value_or(0);
                             });
            return cases;
        }
        case AnnexACaseList::LongPlans:
            return from_figure(IndicatorId::AnnexCpOverTwoYears, true, snapshot, standards,
                               calendar);
        case AnnexACaseList::ThreePlacements:
            return from_figure(IndicatorId::AnnexClaThreePlacements, true, snapshot, standards,
                               calendar);
        default:
            break;
    }
    std::vector<AnnexACase> cases;
    for (std::size_t row = 0; row < snapshot.children.size(); ++row) {
        const AnnexAChild& c = snapshot.children[row];
        bool listed = false;
        switch (list) {
            case AnnexACaseList::RepeatPlans:
                listed = c.list == 7 && open_at(c, at) && c.previous_plans.value_or(0) >= 1;
                break;
            case AnnexACaseList::MissingWithoutInterview: {
                if (c.list != 8 || !open_at(c, at)) break;
                const auto episodes = annex_a_value(c, {"missing", "episodes"});
                const auto offered = annex_a_value(c, {"offered", "return interview"});
                const bool missing =
                    episodes && !episodes->empty() &&
                    episodes->find_first_not_of("0") != std::string_view::npos &&
                    episodes->find_first_not_of("0123456789") == std::string_view::npos;
                listed = missing && (!offered || offered->empty() || is_no(*offered));
                break;
            }
            case AnnexACaseList::LeaversNotInTouch:
                listed = c.list == 9 && c.in_touch == false;
                break;
            case AnnexACaseList::NoWorker:
                listed = c.worker.empty() &&
                         ((c.list >= 6 && c.list <= 8 && open_at(c, at)) || c.list == 9);
                break;
            default:
                break;
        }
        if (listed) cases.push_back({row, std::nullopt, std::nullopt});
    }
    return cases;
}

}  // namespace csip::domain
