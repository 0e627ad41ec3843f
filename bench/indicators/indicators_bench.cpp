// Micro-benchmarks of the indicator engine at national scale: the working-day calendar's two
// questions, then build_units and evaluate for every indicator over the case data of a CIN
// census of 600,000 children and an SSDA903 return of 100,000 (bench/synth, built in memory,
// the same records csip's readers would read from the files). compute_indicators runs them all
// for one financial year, as `csip indicators` does.
//   build/bench/indicators/csip-bench-indicators [--benchmark_filter=REGEX]
// CSIP_BENCH_CIN_CHILDREN and CSIP_BENCH_903_CHILDREN set other sizes.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "domain/indicators/indicator_engine.hpp"
#include "domain/indicators/indicator_result.hpp"
#include "domain/indicators/indicator_units.hpp"
#include "domain/indicators/working_days.hpp"
#include "synth/synth_case_data.hpp"
#include "synth/synth_random.hpp"

namespace {

using csip::domain::Date;

constexpr int kYear = 2023;
constexpr std::uint64_t kSeed = 1;

std::uint64_t children_from(const char* variable, std::uint64_t fallback) {
    const char* text = std::getenv(variable);
    if (text == nullptr || *text == '\0') return fallback;
    const auto value = std::strtoull(text, nullptr, 10);
    return value == 0 ? fallback : value;
}

// The national case data, built once on first use.
const csip::domain::CaseData& national_case_data() {
    static const csip::domain::CaseData data = [] {
        auto cin = csip::bench::cin_case_data(
            {children_from("CSIP_BENCH_CIN_CHILDREN", 600000), kYear, kSeed});
        auto looked_after = csip::bench::ssda903_case_data(
            {children_from("CSIP_BENCH_903_CHILDREN", 100000), kYear, kSeed});
        cin.care_episodes = std::move(looked_after.care_episodes);
        cin.care_reviews = std::move(looked_after.care_reviews);
        cin.continuously_looked_after = std::move(looked_after.continuously_looked_after);
        cin.oc2_year_end = looked_after.oc2_year_end;
        return cin;
    }();
    return data;
}

Date period_from() { return csip::bench::collection_start(kYear); }
Date period_to() { return csip::bench::reference_date(kYear); }

// Pairs of dates a timescale spans: a start in the four years before the reference date, an
// end up to 130 days later.
struct DatePairs {
    std::vector<Date> starts;
    std::vector<Date> ends;
    std::vector<int> counts;
};

const DatePairs& date_pairs() {
    static const DatePairs pairs = [] {
        DatePairs out;
        csip::bench::SynthRandom rng(kSeed, 0);
        const Date reference = period_to();
        for (int i = 0; i < 4096; ++i) {
            const Date start = reference.plus_days(-rng.between(0, 4 * 365));
            out.starts.push_back(start);
            out.ends.push_back(start.plus_days(rng.between(0, 130)));
            out.counts.push_back(rng.between(0, 60));
        }
        return out;
    }();
    return pairs;
}

void working_days_between(benchmark::State& state) {
    const auto& calendar = csip::domain::WorkingDayCalendar::england_and_wales();
    const auto& pairs = date_pairs();
    std::size_t i = 0;
    for (auto _ : state) {
        auto days = calendar.working_days_between(pairs.starts[i], pairs.ends[i]);
        benchmark::DoNotOptimize(days);
        i = (i + 1) % pairs.starts.size();
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(working_days_between);

void add_working_days(benchmark::State& state) {
    const auto& calendar = csip::domain::WorkingDayCalendar::england_and_wales();
    const auto& pairs = date_pairs();
    std::size_t i = 0;
    for (auto _ : state) {
        auto due = calendar.add_working_days(pairs.starts[i], pairs.counts[i]);
        benchmark::DoNotOptimize(due);
        i = (i + 1) % pairs.starts.size();
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(add_working_days);

void build_units(benchmark::State& state, const csip::domain::IndicatorDefinition* definition) {
    const auto& data = national_case_data();
    const auto& calendar = csip::domain::WorkingDayCalendar::england_and_wales();
    std::size_t units = 0;
    for (auto _ : state) {
        auto built = csip::domain::build_units(*definition, data, {}, calendar);
        if (!built) {
            state.SkipWithError(built.error().message.c_str());
            return;
        }
        units = built->units.size();
        benchmark::DoNotOptimize(built);
    }
    state.counters["units"] = static_cast<double>(units);
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(units));
}

void evaluate(benchmark::State& state, const csip::domain::IndicatorDefinition* definition) {
    const auto& data = national_case_data();
    const auto& calendar = csip::domain::WorkingDayCalendar::england_and_wales();
    const auto units = csip::domain::build_units(*definition, data, {}, calendar);
    if (!units) {
        state.SkipWithError(units.error().message.c_str());
        return;
    }
    for (auto _ : state) {
        auto result = csip::domain::evaluate(*definition, *units, period_from(), period_to(), {});
        benchmark::DoNotOptimize(result);
    }
    state.counters["units"] = static_cast<double>(units->units.size());
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(units->units.size()));
}

void compute_indicators(benchmark::State& state) {
    const auto& data = national_case_data();
    const auto& calendar = csip::domain::WorkingDayCalendar::england_and_wales();
    for (auto _ : state) {
        auto results =
            csip::domain::compute_indicators(data, {}, calendar, period_from(), period_to(), {});
        benchmark::DoNotOptimize(results);
    }
}

void build_national_case_data(benchmark::State& state) {
    for (auto _ : state) {
        auto data = csip::bench::cin_case_data(
            {children_from("CSIP_BENCH_CIN_CHILDREN", 600000), kYear, kSeed});
        benchmark::DoNotOptimize(data);
    }
}

}  // namespace

int main(int argc, char** argv) {
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    for (const auto& definition : csip::domain::indicator_definitions()) {
        const std::string key(definition.key);
        benchmark::RegisterBenchmark(("build_units/" + key).c_str(), build_units, &definition)
            ->Unit(benchmark::kMillisecond);
        benchmark::RegisterBenchmark(("evaluate/" + key).c_str(), evaluate, &definition)
            ->Unit(benchmark::kMillisecond);
    }
    benchmark::RegisterBenchmark("compute_indicators/financial_year", compute_indicators)
        ->Unit(benchmark::kMillisecond);
    // What the generator costs, so that it is not mistaken for the engine's time.
    benchmark::RegisterBenchmark("synth/cin_case_data", build_national_case_data)
        ->Unit(benchmark::kMillisecond)
        ->Iterations(1);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
