// The committee report for a large plan: 200 actions (5 workstreams of 4 commitments of 10
// actions, each with three status updates) and 12 indicators with twelve months each, as a
// council's performance team would report at the end of a financial year. Measures the model
// (every sentence, table and figure) and each format built from it: DOCX, HTML board pack with
// its SVG charts, and XLSX. The goal is under 200 ms a format (bench/README.md, "Reports").
//   build/bench/reports/csip-bench-reports [--benchmark_filter=REGEX]
#include <benchmark/benchmark.h>

#include <fmt/format.h>

#include <string>
#include <vector>

#include "domain/plan.hpp"
#include "reporting/docx/docx_writer.hpp"
#include "reporting/html_pack.hpp"
#include "reporting/report_model.hpp"
#include "reporting/xlsx/xlsx_writer.hpp"

namespace {

using csip::domain::Date;

Date d(const char* iso) { return *Date::parse_iso(iso); }

csip::domain::Plan large_plan() {
    using namespace csip::domain;
    Plan plan;
    plan.authority = "Benchmark Council";
    plan.title = "Children's Services Improvement Plan";
    plan.vision =
        "Children in the borough are safe, healthy and happy, and grow up in families "
        "and communities that help them reach their potential.";
    plan.inspection = {
        "SIF",
        d("2015-03-02"),
        d("2015-03-24"),
        d("2015-05-18"),
        {{"Children who need help and protection", Grade::Inadequate, true},
         {"Children looked after", Grade::RequiresImprovement, true},
         {"Leadership, management and governance", Grade::RequiresImprovement, false}},
        Grade::Inadequate};
    for (int r = 1; r <= 17; ++r) {
        plan.recommendations.push_back(
            {fmt::format("R{}", r),
             r <= 4 ? RecommendationCategory::Priority : RecommendationCategory::Improvement,
             fmt::format("Recommendation {}: improve the timeliness and quality of practice so "
                         "that every child is seen, heard and helped without delay.",
                         r)});
    }
    int action_number = 0;
    for (int w = 1; w <= 5; ++w) {
        Workstream workstream;
        workstream.id = fmt::format("W{}", w);
        workstream.title = fmt::format("Workstream {}: improving services for children", w);
        workstream.sponsor = "Corporate Director, Communities";
        workstream.lead = "Head of Children and Family Services";
        for (int c = 1; c <= 4; ++c) {
            Commitment commitment;
            commitment.id = fmt::format("C{}{}", w, c);
            commitment.text =
                "We will make sure that every child gets the right help at the "
                "right time from a stable, skilled workforce.";
            commitment.recommendations = {fmt::format("R{}", (w * 4 + c) % 17 + 1)};
            SuccessMeasure measure;
            measure.kind = c == 1 ? MeasureKind::Measured : MeasureKind::Observed;
            measure.text = "Assessments completed within 45 working days";
            if (c == 1) measure.target = 85.0;
            commitment.measures.push_back(measure);
            for (int a = 1; a <= 10; ++a) {
                ++action_number;
                Action action;
                action.id = fmt::format("A{}", action_number);
                action.text =
                    "Produce a monthly performance scorecard for the board, with "
                    "team-level data for managers, within 10 working days of month end.";
                action.lead = fmt::format("Service Manager {}", action_number % 9 + 1);
                action.due = action.original_due = d("2015-06-30").plus_months(action_number % 12);
                if (action_number % 7 == 0) action.due = action.due.plus_months(2);
                switch (action_number % 4) {
                    case 0:
                        action.status = ActionStatus::NotStarted;
                        break;
                    case 1:
                        action.status = ActionStatus::Complete;
                        break;
                    default:
                        action.status = ActionStatus::InProgress;
                        action.rag = action_number % 3 == 0   ? Rag::Red
                                     : action_number % 3 == 1 ? Rag::Amber
                                                              : Rag::Green;
                }
                for (int u = 0; u < 3; ++u) {
                    action.updates.push_back(
                        {d("2015-06-01").plus_months(u), "officer",
                         "Progress reviewed at the board; the team is on course, with the "
                         "figures checked by the performance team each month.",
                         action.status, action.rag});
                }
                commitment.actions.push_back(std::move(action));
            }
            workstream.commitments.push_back(std::move(commitment));
        }
        plan.workstreams.push_back(std::move(workstream));
    }
    return plan;
}

std::vector<csip::domain::IndicatorResult> twelve_indicators() {
    std::vector<csip::domain::IndicatorResult> results;
    for (int i = 0; i < 12; ++i) {
        csip::domain::IndicatorResult result;
        result.key = fmt::format("indicator_{}", i + 1);
        result.title = fmt::format("Indicator {}: children seen within timescale", i + 1);
        result.from = d("2015-04-01");
        result.to = d("2016-03-31");
        result.higher_is_better = i % 4 != 3;
        double numerator = 0;
        double denominator = 0;
        for (int m = 0; m < 12; ++m) {
            const double on_time = 60.0 + m * 2.0 + i;
            const double counted = 100.0 + i;
            const double percent = 100.0 * on_time / counted;
            result.months.push_back(
                {d("2015-04-01").plus_months(m).month_key(), {on_time, counted, percent, false}});
            numerator += on_time;
            denominator += counted;
        }
        result.period = {numerator, denominator, 100.0 * numerator / denominator, false};
        result.year_to_date = result.period;
        result.target = csip::domain::Target{80.0, 5.0};
        result.rag =
            csip::domain::rag_for(result.period.percent, result.target, result.higher_is_better);
        results.push_back(std::move(result));
    }
    return results;
}

const csip::reporting::ReportInputs& inputs() {
    static const csip::reporting::ReportInputs in = [] {
        csip::reporting::ReportInputs value;
        value.plan = large_plan();
        value.body = {"board", "Children's Services Improvement Programme Board", "monthly", false};
        value.as_of = d("2016-03-31");
        value.since = d("2016-02-29");
        value.indicators = twelve_indicators();
        value.changes.since = value.since;
        value.changes.as_of = value.as_of;
        return value;
    }();
    return in;
}

void BM_ReportModel(benchmark::State& state) {
    for (auto _ : state) {
        auto model = csip::reporting::build_report_model(inputs());
        benchmark::DoNotOptimize(model);
    }
}

// Each format, as `csip report` gives it: the model built, then rendered.
void BM_ReportDocx(benchmark::State& state) {
    std::size_t size = 0;
    for (auto _ : state) {
        auto bytes =
            csip::reporting::docx::render_docx(csip::reporting::build_report_model(inputs()));
        if (!bytes) state.SkipWithError(bytes.error().message.c_str());
        size = bytes ? bytes->size() : 0;
        benchmark::DoNotOptimize(bytes);
    }
    state.counters["bytes"] = static_cast<double>(size);
}

void BM_ReportHtml(benchmark::State& state) {
    std::size_t size = 0;
    for (auto _ : state) {
        auto html =
            csip::reporting::render_html_pack(csip::reporting::build_report_model(inputs()));
        size = html.size();
        benchmark::DoNotOptimize(html);
    }
    state.counters["bytes"] = static_cast<double>(size);
}

void BM_ReportXlsx(benchmark::State& state) {
    std::size_t size = 0;
    for (auto _ : state) {
        auto bytes =
            csip::reporting::xlsx::render_xlsx(csip::reporting::build_report_model(inputs()));
        if (!bytes) state.SkipWithError(bytes.error().message.c_str());
        size = bytes ? bytes->size() : 0;
        benchmark::DoNotOptimize(bytes);
    }
    state.counters["bytes"] = static_cast<double>(size);
}

BENCHMARK(BM_ReportModel)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ReportDocx)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ReportHtml)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ReportXlsx)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
