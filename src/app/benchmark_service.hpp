// BenchmarkService: the department's published figures, beside the council's own (the rules:
// domain/indicators/benchmarks.hpp; docs/benchmarks.md). It imports the published files (each
// recognised from its header; every file read before anything is stored, then all stored in one
// transaction, so one refused file stores nothing), and gives the comparison for any council and
// year: England, the region, the statistical neighbours' median, rank and quartile, with the
// council's own computed figure beside its published one for each year its returns cover.
// Called alike by the command line and the web application.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/indicator_service.hpp"
#include "domain/clock.hpp"
#include "domain/indicators/benchmarks.hpp"
#include "domain/result.hpp"
#include "import/returns/benchmarks.hpp"
#include "storage/case_store.hpp"

namespace csip::app {

struct BenchmarkImportRequest {
    std::vector<std::string> files;
    std::vector<std::string> names;    // how each file is named (else its path)
    std::optional<std::string> model;  // names a neighbour model (else the year in its file name)
    std::string by;
};

struct PublishedFileImport {
    std::string file;
    import::returns::PublishedFormat format = import::returns::PublishedFormat::Ees;
    std::vector<std::string> measures;  // the measures it gives
    std::vector<std::string> datasets;
    std::string model;  // the neighbour model it is, if it is one
    std::uint64_t figures = 0;
    std::uint64_t withheld = 0;  // of them, published without a value
    std::uint64_t rows_read = 0;
    std::uint64_t rows_used = 0;
    std::uint64_t rows_skipped = 0;
    std::uint64_t replaced = 0;  // figures of the same source and measures it replaced
    bool model_replaced = false;
    std::map<std::string, std::uint64_t> not_kept;
    std::vector<import::Problem> problems;
};

struct BenchmarkImportOutcome {
    std::vector<PublishedFileImport> files;
};

using Reconciliation = domain::BenchmarkReconciliation;

// What is held: each publication, its measures, years and how many figures.
struct PublishedSource {
    std::string dataset;
    domain::PublishedSource source = domain::PublishedSource::Ees;
    std::vector<std::string> measures;
    std::string first_year;
    std::string last_year;
    std::size_t figures = 0;
    std::size_t withheld = 0;
};

struct BenchmarksView {
    domain::BenchmarkComparison comparison;
    std::vector<std::string> years;   // every year held, oldest first
    std::vector<std::string> models;  // every neighbour model held, the latest imported last
    std::vector<PublishedSource> sources;
    std::vector<Reconciliation> reconciliation;  // the council's own years, oldest first
};

// One measure's published years for the council: the chart's second series and its lines.
struct PublishedSeries {
    const domain::BenchmarkMeasure* measure = nullptr;
    std::vector<domain::MeasureComparison> years;  // oldest first, every year published
};

// What the indicators page and the dashboard show beside each indicator: its latest published
// year for the council (by indicator key), and the series.
struct IndicatorBenchmarks {
    std::string la_code;
    std::string la_name;
    std::string region;  // the council's region, as the published files name it
    std::string neighbour_model;
    std::map<std::string, domain::MeasureComparison> latest;  // by indicator key
    std::map<std::string, PublishedSeries> series;            // by indicator key
};

class BenchmarkService {
  public:
    BenchmarkService(storage::CaseStore& cases, IndicatorService& indicators,
                     const domain::Clock& clock);

    // Reads every file, then stores them all in one transaction (audited as done by `by`).
    // Refused, with nothing stored, when any file cannot be read or recognised.
    [[nodiscard]] Result<BenchmarkImportOutcome> import_files(
        const BenchmarkImportRequest& request);

    // The comparison for council `la` (else the la_code setting) in `year` (else the latest
    // the council has a value in), with the neighbour model in force. InvalidInput when no
    // council is named or set; NotFound when nothing is published for it.
    [[nodiscard]] Result<BenchmarksView> benchmarks(std::optional<std::string> la,
                                                    std::optional<std::string> year);

    // For the council set (la_code), each indicator's latest published comparison and its
    // series. Empty (no la_code) when no council is set or nothing is held.
    [[nodiscard]] Result<IndicatorBenchmarks> for_indicators();

  private:
    struct Held {
        domain::PublishedFigures figures;
        std::vector<storage::StoredNeighbourModel> models;
        IndicatorConfig config;
    };
    [[nodiscard]] Result<Held> held();
    // The model in force: the one the neighbour_model setting names, else the latest imported.
    [[nodiscard]] static const domain::NeighbourModel* model_in_force(const Held& held);

    storage::CaseStore& m_cases;
    IndicatorService& m_indicators;
    const domain::Clock& m_clock;
};

}  // namespace csip::app
