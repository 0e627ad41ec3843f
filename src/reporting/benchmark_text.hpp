// The benchmarks for one council and year (domain/indicators/benchmarks.hpp) as text, JSON and
// CSV, for `csip benchmarks` and GET /api/v1/benchmarks. docs/benchmarks.md gives the shapes.
// Figures are percentages as published (not fractions); a value withheld or absent is null in
// JSON and empty in CSV, and the text says why (its mark) where the file gave one.
#pragma once

#include <string>
#include <vector>

#include "domain/indicators/benchmarks.hpp"

namespace csip::reporting {

[[nodiscard]] std::string render_benchmarks_text(
    const domain::BenchmarkComparison& comparison,
    const std::vector<domain::BenchmarkReconciliation>& reconciliation);

// {"la": {"code", "name", "region"}, "year", "neighbour_model", "neighbours": [{"code", "name",
// "closeness"}], "measures": [{"id", "title", "source", "polarity", "unit", "context", "la",
// "la_mark", "england", "region", "neighbours_median", "neighbours_with_value", "neighbour_values",
// "rank", "of", "quartile", "sentence"}], "reconciliation": [{"id", "year", "from", "to",
// "computed", "published", "difference", "source"}]}
[[nodiscard]] std::string render_benchmarks_json(
    const domain::BenchmarkComparison& comparison,
    const std::vector<domain::BenchmarkReconciliation>& reconciliation);

// One row per measure: la_code, la_name, year, measure, title, source, la, england, region,
// neighbours_median, neighbours_with_value, rank, of, quartile.
[[nodiscard]] std::string render_benchmarks_csv(const domain::BenchmarkComparison& comparison);

}  // namespace csip::reporting
