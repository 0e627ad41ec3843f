// IndicatorService: the performance indicators' use cases, called alike by the command line and
// the web application: import case-level returns (each file recognised from its content, or of
// a named format; every file read before anything is stored, then all stored in one transaction,
// so one refused file stores nothing), compute every indicator for a period (targets from the
// plan's measured success measures, values entered by hand where no return carries the data,
// the authority's local standards and tolerance from the store), list an indicator's exceptions,
// record a manual value with who gave it, and read or change the settings.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/case_data.hpp"
#include "domain/clock.hpp"
#include "domain/date.hpp"
#include "domain/indicators/annex_a_cases.hpp"
#include "domain/indicators/exceptions.hpp"
#include "domain/indicators/indicator_definitions.hpp"
#include "domain/indicators/indicator_report.hpp"
#include "domain/indicators/indicator_result.hpp"
#include "domain/result.hpp"
#include "import/returns/read_return.hpp"
#include "storage/case_store.hpp"
#include "storage/plan_store.hpp"

namespace csip::app {

// The RAG tolerance used until one is set, in percentage points.
inline constexpr double kDefaultTolerance = 5.0;
// The largest upload of returns until one is set, in MiB.
inline constexpr std::uint64_t kDefaultUploadLimitMb = 1024;

// Where an import has got to, over all its files.
struct ImportProgress {
    std::string file;  // the file being read
    std::uint64_t bytes_read = 0;
    std::uint64_t total_bytes = 0;
    std::uint64_t records = 0;
};
using ImportProgressFn = std::function<void(const ImportProgress&)>;

struct ImportRequest {
    std::vector<std::string> files;
    // How each file is named in problems, records and the list of returns (an uploaded file's
    // own name, not where it was saved), in the order of `files`; absent: its path.
    std::vector<std::string> names;
    std::optional<import::ReturnFormat> format;  // every file read as this format; else detected
    // The SSDA903 collection year, given as the year of its 31 March (2016 for 2015-16): the
    // 903 tables' reference, and the OC2 cohort's year end. Without it a 903 table's year is the
    // one its latest date falls in; a table with no dates (header, OC2) must be given it.
    std::optional<int> collection_year;
    // The date an Annex A extract stands at (its snapshot's date and its identity). Without it,
    // the latest date its rows carry, which the outcome's note says.
    std::optional<domain::Date> as_at;
    std::string by;  // who imports, recorded with each return
    // Confirms replacing a stored return with a copy that has no usable records, or fewer than
    // half as many: without it such an import is refused and says what it would replace.
    bool replace = false;
    // Without `replace`, refuses (Conflict, nothing stored) any import that would replace a
    // stored return, saying what it would replace (and, for a copy with far fewer usable
    // records, how many it would lose), so that the person confirms first.
    bool ask_before_replacing = false;
    ImportProgressFn progress;
};

struct FileImport {
    std::string file;
    import::ReadReport report;
    storage::ReturnIdentity identity;
    bool detected = true;   // the format was recognised, not named
    bool replaced = false;  // an earlier copy of the same return was replaced
    // What the person should know about how the return was taken (an Annex A extract dated by
    // its latest date); empty: nothing.
    std::string note;
};

struct ImportOutcome {
    std::vector<FileImport> files;
};

// The authority's indicator settings: local standards and statutory thresholds (working days)
// and the RAG tolerance, with who set each one that is not a default.
struct IndicatorConfig {
    domain::IndicatorSettings standards;
    double tolerance = kDefaultTolerance;
    // The largest upload of returns the web application takes, in MiB (1 GiB by default).
    std::uint64_t upload_limit_mb = kDefaultUploadLimitMb;
    // The council's LA code, whose published figures are its benchmarks; none until set.
    std::optional<int> la_code;
    // The statistical-neighbour model in force (its year); none: the latest imported.
    std::optional<int> neighbour_model;
    std::map<std::string, storage::IndicatorSetting> set;  // by key; absent: the default
};

// A value given for one setting, to be saved with others (IndicatorService::set_settings).
struct SettingValue {
    std::string key;
    double value = 0.0;
};

// The setting keys, in the order `settings show` lists them.
[[nodiscard]] const std::vector<std::string>& indicator_setting_keys();
// What `key` is counted in: "working days", "months", "days", "placements", "percentage
// points", "MB", "LA code", "model year".
[[nodiscard]] std::string setting_unit(const std::string& key);
// Whether `key` has a value before anyone sets it: every setting but the council's LA code and
// the neighbour model, which are not set until set.
[[nodiscard]] bool setting_has_default(const std::string& key);
// The value in force for `key` (one of indicator_setting_keys()): as set, or the default.
[[nodiscard]] double setting_value(const IndicatorConfig& config, const std::string& key);

// The report indicators() gives (domain/indicators/indicator_report.hpp).
using IndicatorLine = domain::IndicatorLine;
using IndicatorReport = domain::IndicatorReport;

// What inspectors would see in the Annex A extract as at a date (case-level: for leads and
// above): every extract's date, the snapshot, its figures (with targets and RAG, as the
// indicators report them) and the cases inspectors ask about first.
struct AnnexAView {
    std::vector<domain::Date> extracts;  // each snapshot's date, oldest first
    std::optional<domain::AnnexASnapshot> snapshot;  // none when no extract is held
    std::vector<domain::IndicatorLine> figures;      // the Annex A figures, as at its date
    std::vector<std::pair<domain::AnnexACaseList, std::vector<domain::AnnexACase>>> cases;
};

class IndicatorService {
  public:
    IndicatorService(storage::PlanStore& plans, storage::CaseStore& cases,
                     const domain::Clock& clock);

    // Reads every file, then stores them all in one transaction. Refused, with nothing stored,
    // when any file cannot be recognised or read as a whole (the error names each such file and
    // how to fix it); rows skipped inside a file are reported in its ReadReport, not refused.
    [[nodiscard]] Result<ImportOutcome> import_files(const ImportRequest& request);
    [[nodiscard]] Result<std::vector<storage::ImportedReturn>> imported_returns();
    // Removes return `id` with its records and report, audited as done by `by`; the indicators
    // are worked out again without it. NotFound when there is no such return.
    [[nodiscard]] Result<storage::ImportedReturn> remove_return(std::int64_t id,
                                                                const std::string& by);
    // The import report kept with return `id`; NotFound when there is no such return or it was
    // imported before reports were kept.
    [[nodiscard]] Result<FileImport> import_report(std::int64_t id);

    // Every indicator for from..to (both included), in the definitions' order, then any
    // indicator known only from manual values or from the plan's measures.
    [[nodiscard]] Result<IndicatorReport> indicators(domain::Date from, domain::Date to);

    // The exceptions of indicator `id` on `as_of`: units late in the financial year to date and
    // timescales open and past due. NotFound for an unknown id.
    [[nodiscard]] Result<std::vector<domain::IndicatorException>> exceptions(const std::string& id,
                                                                             domain::Date as_of);

    // The Annex A extract as at `as_at` (the latest snapshot on or before it; without it, the
    // latest of all), its figures and its first cases.
    [[nodiscard]] Result<AnnexAView> annex_a(std::optional<domain::Date> as_at = std::nullopt);

    // Records a value for a month of an indicator no return carries (or a month it lacks).
    [[nodiscard]] Result<storage::ManualValue> set_manual_value(const std::string& id,
                                                                const std::string& month,
                                                                double value, const std::string& by,
                                                                const std::string& note = {});
    [[nodiscard]] Result<std::vector<storage::ManualValue>> manual_values();

    [[nodiscard]] Result<IndicatorConfig> settings();
    // Sets one setting: a local standard in working days (a whole number, 1 to 250), or the
    // tolerance in percentage points (0 to 100). InvalidInput naming the key otherwise.
    [[nodiscard]] Result<storage::IndicatorSetting> set_setting(const std::string& key,
                                                                double value,
                                                                const std::string& by);
    // Sets every one of `values`, all or none: each is checked as set_setting checks it (the
    // first refused is the answer, and nothing is saved; a key given twice is refused), then all
    // are saved with their audit entries in one transaction.
    [[nodiscard]] Result<std::vector<storage::IndicatorSetting>> set_settings(
        const std::vector<SettingValue>& values, const std::string& by);

  private:
    // The indicators for from..to (checked by indicators()) from case data already read.
    [[nodiscard]] Result<IndicatorReport> report_for(const domain::CaseData& data,
                                                     domain::Date from, domain::Date to);

    storage::PlanStore& m_plans;
    storage::CaseStore& m_cases;
    const domain::Clock& m_clock;
};

}  // namespace csip::app
