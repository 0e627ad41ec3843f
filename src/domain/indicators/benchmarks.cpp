#include "domain/indicators/benchmarks.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <set>

namespace csip::domain {
namespace {

constexpr std::string_view kYearToMarch = "year ending 31 March";
constexpr std::string_view kAtSeptember = "at 30 September";

const std::vector<BenchmarkMeasure> kMeasures = {
    {"assessments_45wd", "Assessments completed within 45 working days", Polarity::HigherIsBetter,
     IndicatorId::Assessments45Wd, "%", kYearToMarch,
     "{} of assessments were completed within 45 working days"},
    {"icpc_15wd", "Initial child protection conferences within 15 working days",
     Polarity::HigherIsBetter, IndicatorId::Icpc15Wd, "%", kYearToMarch,
     "{} of initial child protection conferences were held within 15 working days"},
    {"cla_health_assessments", "Looked-after children with an annual health assessment",
     Polarity::HigherIsBetter, IndicatorId::ClaHealthAssessments, "%", kYearToMarch,
     "{} of children looked after for a year had their annual health assessment"},
    {"cla_dental_checks", "Looked-after children with a dental check", Polarity::HigherIsBetter,
     IndicatorId::ClaDentalChecks, "%", kYearToMarch,
     "{} of children looked after for a year had their teeth checked by a dentist"},
    {"agency_sw_rate", "Agency social workers (FTE rate)", Polarity::LowerIsBetter,
     IndicatorId::AgencySwRate, "%", kAtSeptember,
     "agency workers were {} of children and family social workers (FTE)"},
    // Context measures: published, with no csip indicator of their own.
    {"rereferrals_12m", "Re-referrals within 12 months of a previous referral",
     Polarity::LowerIsBetter, std::nullopt, "%", kYearToMarch,
     "{} of referrals were re-referrals within 12 months"},
    {"sw_vacancy_rate", "Social worker vacancy rate (FTE)", Polarity::LowerIsBetter, std::nullopt,
     "%", kAtSeptember, "the social worker vacancy rate was {}"},
    {"sw_turnover_rate", "Social worker turnover rate (FTE)", Polarity::LowerIsBetter, std::nullopt,
     "%", kAtSeptember, "social worker turnover was {}"},
    {"sw_caseload", "Average caseload of case-holding social workers (FTE)",
     Polarity::LowerIsBetter, std::nullopt, "cases", kAtSeptember,
     "case-holding social workers held {} on average"},
    {"cp_plans_reviewed_in_time", "Child protection plans reviewed within timescale (number)",
     Polarity::None, std::nullopt, "plans", kYearToMarch,
     "{} child protection plans were reviewed within timescale"},
};

constexpr std::array<EnglishRegion, 11> kRegions{{
    {"E12000001", "North East"},
    {"E12000002", "North West"},
    {"E12000003", "Yorkshire and The Humber"},
    {"E12000004", "East Midlands"},
    {"E12000005", "West Midlands"},
    {"E12000006", "East of England"},
    {"E12000007", "London"},
    {"E12000008", "South East"},
    {"E12000009", "South West"},
    {"E13000001", "Inner London"},
    {"E13000002", "Outer London"},
}};

std::string folded(std::string_view text) {
    std::string out;
    for (const char c : text) {
        if (c == ' ' && (out.empty() || out.back() == ' ')) continue;
        out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

// Whether `a` is better than `b` by `polarity` (never, with none).
bool better(double a, double b, Polarity polarity) {
    if (polarity == Polarity::HigherIsBetter) return a > b;
    if (polarity == Polarity::LowerIsBetter) return a < b;
    return false;
}

// Year labels sort as numbers where they are ("2025"), else as text.
bool year_before(const std::string& a, const std::string& b) {
    if (a.size() != b.size()) return a.size() < b.size();
    return a < b;
}

}  // namespace

std::string_view to_string(AreaLevel level) {
    switch (level) {
        case AreaLevel::England:
            return "england";
        case AreaLevel::Region:
            return "region";
        case AreaLevel::LocalAuthority:
            return "la";
    }
    return "la";
}

std::optional<AreaLevel> area_level_from(std::string_view word) {
    for (const auto level : {AreaLevel::England, AreaLevel::Region, AreaLevel::LocalAuthority}) {
        if (to_string(level) == word) return level;
    }
    return std::nullopt;
}

std::string_view to_string(Polarity polarity) {
    switch (polarity) {
        case Polarity::HigherIsBetter:
            return "higher_is_better";
        case Polarity::LowerIsBetter:
            return "lower_is_better";
        case Polarity::None:
            return "none";
    }
    return "none";
}

std::string_view to_string(PublishedSource source) {
    return source == PublishedSource::Ees ? "ees" : "lait";
}

std::optional<PublishedSource> published_source_from(std::string_view word) {
    if (word == "ees") return PublishedSource::Ees;
    if (word == "lait") return PublishedSource::Lait;
    return std::nullopt;
}

const std::vector<BenchmarkMeasure>& benchmark_measures() { return kMeasures; }

const BenchmarkMeasure* find_benchmark_measure(std::string_view id) {
    for (const auto& measure : kMeasures) {
        if (measure.id == id) return &measure;
    }
    return nullptr;
}

const BenchmarkMeasure* benchmark_measure_for(IndicatorId id) {
    for (const auto& measure : kMeasures) {
        if (measure.indicator == id) return &measure;
    }
    return nullptr;
}

const EnglishRegion* english_region(std::string_view name) {
    std::string key = folded(name);
    if (key == "london (inner)") key = "inner london";
    if (key == "london (outer)") key = "outer london";
    for (const auto& region : kRegions) {
        if (folded(region.name) == key || region.code == name) return &region;
    }
    return nullptr;
}

const NeighbourModel::Council* NeighbourModel::find(std::string_view code) const {
    for (const auto& council : councils) {
        if (council.code == code) return &council;
    }
    return nullptr;
}

PublishedFigures::PublishedFigures(std::vector<PublishedFigure> figures)
    : m_figures(std::move(figures)) {
    for (std::size_t i = 0; i < m_figures.size(); ++i) {
        const PublishedFigure& figure = m_figures[i];
        auto& areas = m_index[{figure.measure, figure.year}];
        const auto [at, added] = areas.try_emplace(figure.area_code, i);
        // The department's own file is preferred over LAIT's copy of it; where the EES file
        // withholds a figure LAIT gives (a percentage published though a count behind it is
        // suppressed), LAIT's is taken.
        const auto preference = [](const PublishedFigure& candidate) {
            return (candidate.value ? 0 : 2) + (candidate.source == PublishedSource::Ees ? 0 : 1);
        };
        if (!added && preference(figure) < preference(m_figures[at->second])) at->second = i;
    }
}

const PublishedFigure* PublishedFigures::find(std::string_view measure, std::string_view year,
                                              std::string_view area_code) const {
    const auto areas = m_index.find(std::pair<std::string, std::string>(measure, year));
    if (areas == m_index.end()) return nullptr;
    const auto found = areas->second.find(std::string(area_code));
    return found == areas->second.end() ? nullptr : &m_figures[found->second];
}

std::vector<std::string> PublishedFigures::years(std::string_view measure) const {
    std::vector<std::string> out;
    for (const auto& [key, areas] : m_index) {
        if (key.first == measure) out.push_back(key.second);
    }
    std::sort(out.begin(), out.end(), year_before);
    return out;
}

std::vector<std::string> PublishedFigures::years() const {
    std::set<std::string> all;
    for (const auto& [key, areas] : m_index) all.insert(key.second);
    std::vector<std::string> out(all.begin(), all.end());
    std::sort(out.begin(), out.end(), year_before);
    return out;
}

std::optional<std::string> PublishedFigures::latest_year(std::string_view measure,
                                                         std::string_view la_code) const {
    const auto all = years(measure);
    for (auto year = all.rbegin(); year != all.rend(); ++year) {
        const PublishedFigure* figure = find(measure, *year, la_code);
        if (figure && figure->value) return *year;
    }
    return std::nullopt;
}

std::vector<const PublishedFigure*> PublishedFigures::councils(std::string_view measure,
                                                               std::string_view year) const {
    std::vector<const PublishedFigure*> out;
    const auto areas = m_index.find(std::pair<std::string, std::string>(measure, year));
    if (areas == m_index.end()) return out;
    for (const auto& [code, index] : areas->second) {
        if (m_figures[index].level == AreaLevel::LocalAuthority) out.push_back(&m_figures[index]);
    }
    return out;
}

const PublishedFigure* PublishedFigures::council(std::string_view la_code) const {
    const PublishedFigure* latest = nullptr;
    for (const auto& figure : m_figures) {
        if (figure.level != AreaLevel::LocalAuthority || figure.area_code != la_code) continue;
        if (!latest || year_before(latest->year, figure.year) ||
            (latest->year == figure.year && latest->source == PublishedSource::Lait &&
             figure.source == PublishedSource::Ees)) {
            latest = &figure;
        }
    }
    return latest;
}

std::optional<double> median(std::vector<double> values) {
    if (values.empty()) return std::nullopt;
    std::sort(values.begin(), values.end());
    const std::size_t middle = values.size() / 2;
    if (values.size() % 2 == 1) return values[middle];
    return (values[middle - 1] + values[middle]) / 2.0;
}

MeasureComparison compare_measure(const PublishedFigures& figures, const NeighbourModel* model,
                                  std::string_view la_code, const BenchmarkMeasure& measure,
                                  std::string_view year) {
    MeasureComparison out;
    out.measure = &measure;
    out.year = std::string(year);
    const PublishedFigure* own = figures.find(measure.id, year, la_code);
    if (own) {
        out.la = own->value;
        out.la_mark = own->value ? std::string() : own->mark;
        out.source = own->dataset;
    }
    if (const PublishedFigure* england = figures.find(measure.id, year, kEnglandCode)) {
        out.england = england->value;
        out.england_source = england->dataset;
    }
    std::string region_name = own ? own->region : std::string();
    if (region_name.empty()) {
        if (const PublishedFigure* named = figures.council(la_code)) region_name = named->region;
    }
    if (const EnglishRegion* region = english_region(region_name)) {
        if (const PublishedFigure* figure = figures.find(measure.id, year, region->code)) {
            out.region = figure->value;
        }
    }
    if (const NeighbourModel::Council* council = model ? model->find(la_code) : nullptr) {
        std::vector<double> values;
        for (const auto& neighbour : council->neighbours) {
            const PublishedFigure* figure = figures.find(measure.id, year, neighbour.code);
            out.neighbour_values.push_back(figure ? figure->value : std::nullopt);
            if (figure && figure->value) values.push_back(*figure->value);
        }
        out.neighbours_with_value = static_cast<int>(values.size());
        out.neighbours_median = median(std::move(values));
    }
    const auto councils = figures.councils(measure.id, year);
    for (const PublishedFigure* council : councils) {
        if (council->value) ++out.of;
    }
    if (out.la && measure.polarity != Polarity::None) {
        int ahead = 0;
        for (const PublishedFigure* council : councils) {
            if (council->value && better(*council->value, *out.la, measure.polarity)) ++ahead;
        }
        const int rank = ahead + 1;
        out.rank = rank;
        // A when rank <= of/4, B when <= of/2, C when <= 3of/4, else D (as whole numbers: 4 *
        // rank against of, 2 of and 3 of).
        const int of = out.of;
        out.quartile = 4 * rank <= of       ? 'A'
                       : 4 * rank <= 2 * of ? 'B'
                       : 4 * rank <= 3 * of ? 'C'
                                            : 'D';
    }
    return out;
}

Result<BenchmarkComparison> compare_council(const PublishedFigures& figures,
                                            const NeighbourModel* model, std::string_view la_code,
                                            std::optional<std::string> year) {
    const PublishedFigure* named = figures.council(la_code);
    const NeighbourModel::Council* in_model = model ? model->find(la_code) : nullptr;
    if (!named && !in_model) {
        return fail(ErrorKind::NotFound,
                    "no published figure names LA " + std::string(la_code) +
                        ": give a council's three-digit LA code (e.g. 869 for West Berkshire), or "
                        "import the published files first (csip benchmarks import FILE...)",
                    "la");
    }
    BenchmarkComparison out;
    out.la_code = std::string(la_code);
    out.la_name = named ? named->area_name : in_model->name;
    out.region = named ? named->region : in_model->region;
    if (const EnglishRegion* region = english_region(out.region)) out.region = region->name;
    if (!year) {
        for (const auto& measure : kMeasures) {
            const auto latest = figures.latest_year(measure.id, la_code);
            if (latest && (!year || year_before(*year, *latest))) year = latest;
        }
        if (!year) {
            return fail(ErrorKind::NotFound,
                        "nothing is published for " + out.la_name + " in the files imported", "la");
        }
    } else {
        const auto all = figures.years();
        if (std::find(all.begin(), all.end(), *year) == all.end()) {
            std::string known;
            for (const auto& label : all) known += (known.empty() ? "" : ", ") + label;
            return fail(ErrorKind::NotFound,
                        "nothing is published for the year '" + *year + "'; the years held are " +
                            (known.empty() ? "none" : known),
                        "year");
        }
    }
    out.year = *year;
    if (model) out.neighbour_model = model->name;
    if (in_model) {
        out.neighbours = in_model->neighbours;
        for (auto& neighbour : out.neighbours) {
            if (neighbour.name.empty()) {
                if (const PublishedFigure* figure = figures.council(neighbour.code)) {
                    neighbour.name = figure->area_name;
                } else if (const auto* council = model->find(neighbour.code)) {
                    neighbour.name = council->name;
                }
            }
        }
    }
    for (const auto& measure : kMeasures) {
        out.measures.push_back(compare_measure(figures, model, la_code, measure, *year));
    }
    return out;
}

std::optional<int> published_year(std::string_view label) {
    int year = 0;
    const auto [end, error] = std::from_chars(label.data(), label.data() + label.size(), year);
    if (error != std::errc() || end != label.data() + label.size() || year < 1900 || year > 2999) {
        return std::nullopt;
    }
    return year;
}

std::string year_phrase(const BenchmarkMeasure& measure, std::string_view label) {
    const auto year = published_year(label);
    if (!year || measure.year_basis != kYearToMarch) return std::string(label);
    const int previous = *year - 1;
    const int last_two = *year % 100;
    return std::to_string(previous) + "-" + (last_two < 10 ? "0" : "") + std::to_string(last_two);
}

std::string published_text(const BenchmarkMeasure& measure, double value) {
    const double rounded = std::round(value * 10.0) / 10.0;
    char buffer[32];
    const bool whole = rounded == std::floor(rounded);
    std::snprintf(buffer, sizeof buffer, whole ? "%.0f" : "%.1f", rounded);
    std::string text(buffer);
    if (measure.unit == "%") return text + "%";
    if (measure.unit == "plans") return text;
    return text + " " + std::string(measure.unit);
}

std::string benchmark_sentence(const MeasureComparison& comparison) {
    if (!comparison.measure || !comparison.la) return {};
    const BenchmarkMeasure& measure = *comparison.measure;
    std::string sentence(measure.phrase);
    const std::string own = published_text(measure, *comparison.la);
    const auto at = sentence.find("{}");
    if (at != std::string::npos) sentence.replace(at, 2, own);
    sentence += " in " + year_phrase(measure, comparison.year);
    const auto against = [&](std::optional<double> other) {
        const double a = std::round(*comparison.la * 10.0);
        const double b = std::round(*other * 10.0);
        return a > b ? "above " : a < b ? "below " : "the same as ";
    };
    std::vector<std::pair<std::string, std::string>> parts;  // (relation, what)
    if (comparison.england) {
        parts.push_back({against(comparison.england),
                         "England (" + published_text(measure, *comparison.england) + ")"});
    }
    if (comparison.neighbours_median) {
        parts.push_back({against(comparison.neighbours_median),
                         "the statistical neighbours' median (" +
                             published_text(measure, *comparison.neighbours_median) + ")"});
    }
    if (parts.size() == 2 && parts[0].first == parts[1].first) {
        sentence += ", " + parts[0].first + parts[0].second + " and " + parts[1].second;
    } else if (parts.size() == 2) {
        sentence +=
            ", " + parts[0].first + parts[0].second + " and " + parts[1].first + parts[1].second;
    } else if (parts.size() == 1) {
        sentence += ", " + parts[0].first + parts[0].second;
    }
    if (comparison.quartile && comparison.rank) {
        sentence += std::string("; quartile band ") + *comparison.quartile + " (rank " +
                    std::to_string(*comparison.rank) + " of " + std::to_string(comparison.of) + ")";
    }
    if (!sentence.empty()) {
        sentence[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(sentence[0])));
    }
    return sentence;
}

}  // namespace csip::domain
