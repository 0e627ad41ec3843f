// Benchmarks: the Department for Education's published figures for every council, England and
// the regions, and how a council stands against them (docs/benchmarks.md gives the rules and
// their sources):
//  - the measures compared, each tied to the csip indicator it benchmarks, or kept as a context
//    measure where csip computes none (benchmark_measures());
//  - where two sources publish one measure for the same area and year, the department's own
//    Explore Education Statistics (EES) file is preferred over the Local Authority Interactive
//    Tool's (LAIT) copy, unless the EES file withholds the value and LAIT gives one; the source
//    is always said;
//  - the statistical neighbours' median: the median of the values of those of the council's ten
//    neighbours (in the model in force) that have one; with an even number, the mean of the two
//    middle values;
//  - rank: 1 for the best council by the measure's polarity among every council with a value that
//    year; councils with equal values share the better rank (1, 2, 2, 4);
//  - quartile band: A (best) to D by rank among `of`: A when rank <= of/4, B when <= of/2, C
//    when <= 3of/4, else D;
//  - a published value withheld is kept with its mark (c suppressed, z not applicable, x not
//    available, u low reliability, - not available or suppressed in LAIT): it is no value, and
//    is never counted in a median or a rank.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/date.hpp"
#include "domain/indicators/indicator_definitions.hpp"
#include "domain/result.hpp"

namespace csip::domain {

enum class AreaLevel { England, Region, LocalAuthority };
[[nodiscard]] std::string_view to_string(AreaLevel level);
[[nodiscard]] std::optional<AreaLevel> area_level_from(std::string_view word);

// Which way is better.
enum class Polarity { HigherIsBetter, LowerIsBetter, None };
[[nodiscard]] std::string_view to_string(Polarity polarity);

// A measure csip compares. `indicator` is the csip indicator it benchmarks; none for a context
// measure (published, shown beside the plan's indicators, with no csip figure of its own).
struct BenchmarkMeasure {
    std::string_view id;  // the indicator's key, or the context measure's own id
    std::string_view title;
    Polarity polarity = Polarity::HigherIsBetter;
    std::optional<IndicatorId> indicator;
    std::string_view unit;  // "%" for a percentage; else what one is counted in
    // What the published year label means for this measure: "year ending 31 March" or "at 30
    // September".
    std::string_view year_basis;
    // How a sentence says the council's figure, `{}` standing for it: "{} of assessments were
    // completed within 45 working days".
    std::string_view phrase;
};

// Every measure, the indicators' first in the definitions' order, then the context measures.
[[nodiscard]] const std::vector<BenchmarkMeasure>& benchmark_measures();
[[nodiscard]] const BenchmarkMeasure* find_benchmark_measure(std::string_view id);
// The measure that benchmarks indicator `id`, if any.
[[nodiscard]] const BenchmarkMeasure* benchmark_measure_for(IndicatorId id);

// Where a published figure comes from: the department's own EES file, or LAIT's copy.
enum class PublishedSource { Ees, Lait };
[[nodiscard]] std::string_view to_string(PublishedSource source);
[[nodiscard]] std::optional<PublishedSource> published_source_from(std::string_view word);

// An English region as the published files name it. code: the ONS code (E12…, or E13000001/2
// for Inner and Outer London, which the files give as a London borough's region).
struct EnglishRegion {
    std::string_view code;
    std::string_view name;
};
// The region a published name means, whichever way the file spells it ("Yorkshire and the
// Humber", "London (Inner)"); none for a name that is no English region.
[[nodiscard]] const EnglishRegion* english_region(std::string_view name);
inline constexpr std::string_view kEnglandCode = "E92000001";

// One published figure: a measure for one area and year, as one file gives it.
struct PublishedFigure {
    std::string measure;  // a BenchmarkMeasure's id
    std::string year;     // the published year label, e.g. "2025" (2024-25 for a CIN measure)
    AreaLevel level = AreaLevel::LocalAuthority;
    // A council's three-digit LA code (869), a region's ONS code, or kEnglandCode.
    std::string area_code;
    std::string area_name;
    std::string region;  // a council's region as published; a region's own name; empty for England
    std::optional<double> value;  // as published: a percentage for a "%" measure
    std::string mark;             // why there is no value ("c", "z", "x", "u", "-"); else empty
    PublishedSource source = PublishedSource::Ees;
    std::string dataset;  // the publication, said wherever the figure is shown
    std::string file;     // the file it was read from, and its line
    std::uint32_t line = 0;
};

// One council's statistical neighbours in a model, closest first.
struct StatisticalNeighbour {
    std::string code;
    std::string name;
    std::string closeness;  // the model's band: "Very Close", "Close", "Somewhat close", …
};
struct NeighbourModel {
    std::string name;  // e.g. "2025"
    struct Council {
        std::string code;
        std::string name;
        std::string region;
        std::vector<StatisticalNeighbour> neighbours;
    };
    std::vector<Council> councils;  // in the file's order

    [[nodiscard]] const Council* find(std::string_view code) const;
};

// How a council stands on one measure in one year.
struct MeasureComparison {
    const BenchmarkMeasure* measure = nullptr;
    std::string year;
    std::optional<double> la;
    std::string la_mark;  // why the council has no value, when it has none but a row says why
    std::optional<double> england;
    std::optional<double> region;
    std::optional<double> neighbours_median;
    int neighbours_with_value = 0;
    std::vector<std::optional<double>> neighbour_values;  // in the model's order
    std::optional<int> rank;
    int of = 0;                    // councils with a value that year
    std::optional<char> quartile;  // 'A' to 'D'
    std::string source;            // the council's figure's publication (its dataset)
    std::string england_source;

    [[nodiscard]] bool empty() const { return !la && !england && !region && !neighbours_median; }
};

// Every published figure, indexed for comparison: one figure per measure, year and area, the EES
// figure kept where LAIT also gives one (LAIT's where only LAIT's has a value).
class PublishedFigures {
  public:
    explicit PublishedFigures(std::vector<PublishedFigure> figures);

    [[nodiscard]] const PublishedFigure* find(std::string_view measure, std::string_view year,
                                              std::string_view area_code) const;
    // Every year any figure of `measure` is published for, oldest first.
    [[nodiscard]] std::vector<std::string> years(std::string_view measure) const;
    // Every year of any measure, oldest first.
    [[nodiscard]] std::vector<std::string> years() const;
    // The latest year the council has a value of `measure` in.
    [[nodiscard]] std::optional<std::string> latest_year(std::string_view measure,
                                                         std::string_view la_code) const;
    // The councils (by code) with a figure of `measure` in `year`, as published.
    [[nodiscard]] std::vector<const PublishedFigure*> councils(std::string_view measure,
                                                               std::string_view year) const;
    // A council's name and region as the latest figure naming it gives them; none if no figure
    // names it.
    [[nodiscard]] const PublishedFigure* council(std::string_view la_code) const;
    // Every figure held, as given (both sources).
    [[nodiscard]] const std::vector<PublishedFigure>& all() const { return m_figures; }
    [[nodiscard]] bool empty() const { return m_figures.empty(); }
    [[nodiscard]] std::size_t size() const { return m_figures.size(); }

  private:
    std::vector<PublishedFigure> m_figures;
    // (measure, year) → area code → the figure chosen.
    std::map<std::pair<std::string, std::string>, std::map<std::string, std::size_t>, std::less<>>
        m_index;
};

// How council `la_code` stands on `measure` in `year`, against England, its region and its
// neighbours in `model` (none: no neighbours' median).
[[nodiscard]] MeasureComparison compare_measure(const PublishedFigures& figures,
                                                const NeighbourModel* model,
                                                std::string_view la_code,
                                                const BenchmarkMeasure& measure,
                                                std::string_view year);

// Every measure for one council and year.
struct BenchmarkComparison {
    std::string la_code;
    std::string la_name;
    std::string region;
    std::string year;
    std::string neighbour_model;  // empty when no model is held
    std::vector<StatisticalNeighbour> neighbours;
    std::vector<MeasureComparison> measures;  // benchmark_measures()'s order
};

// The comparison for `la_code` in `year` (none: the latest year the council has any value in).
// NotFound when no figure names the council, or (with a year) nothing is published for it.
[[nodiscard]] Result<BenchmarkComparison> compare_council(const PublishedFigures& figures,
                                                          const NeighbourModel* model,
                                                          std::string_view la_code,
                                                          std::optional<std::string> year);

// The council's own figure for a completed year beside its published one.
struct BenchmarkReconciliation {
    const BenchmarkMeasure* measure = nullptr;
    std::string year;  // the published year label
    Date from;         // the year the council's returns were counted over
    Date to;
    std::optional<double> computed;
    std::optional<double> published;
    std::optional<double> difference;  // computed − published, in percentage points
    std::string source;                // the published figure's dataset
};

// A figure as published figures are written: at most one decimal place, with the measure's unit
// ("93.4%", "86%", "15.2 cases").
[[nodiscard]] std::string published_text(const BenchmarkMeasure& measure, double value);

// How the council stands, in words: "93.4% of assessments were completed within 45 working days
// in 2024-25, above England (85.7%) and the statistical neighbours' median (86%); quartile band
// A (rank 14 of 152)". Empty when the council has no value.
[[nodiscard]] std::string benchmark_sentence(const MeasureComparison& comparison);

// The median of the values given (none when there are none).
[[nodiscard]] std::optional<double> median(std::vector<double> values);

// The financial year a published label names, for a "year ending 31 March" measure: "2025" →
// 1 April 2024 to 31 March 2025; none for a label that is not a year.
[[nodiscard]] std::optional<int> published_year(std::string_view label);
// The label as people say it: "2024-25" for a year ending 31 March; "2025" otherwise.
[[nodiscard]] std::string year_phrase(const BenchmarkMeasure& measure, std::string_view label);

}  // namespace csip::domain
