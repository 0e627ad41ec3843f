#include "app/indicator_service.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <utility>

#include "app/import_report.hpp"
#include "app/sha256.hpp"
#include "domain/indicators/annex_a_figures.hpp"
#include "domain/indicators/indicator_engine.hpp"
#include "domain/indicators/working_days.hpp"
#include "domain/text.hpp"
#include "import/returns/detect.hpp"

namespace csip::app {
namespace {

using import::ReturnFormat;

constexpr const char* kToleranceKey = "tolerance";
constexpr const char* kUploadLimitKey = "upload_limit_mb";
constexpr const char* kLaCodeKey = "la_code";
constexpr const char* kNeighbourModelKey = "neighbour_model";
constexpr double kMaxUploadLimitMb = 65536;  // 64 GiB
// Local settings outside this range are typing mistakes, not standards (as the engine checks).
constexpr int kMaxWorkingDays = 250;

// Each local standard: its key, where it lives in IndicatorSettings (a member of its own, or of
// its Annex A standards) and the unit it is counted in.
struct StandardKey {
    const char* key;
    int domain::IndicatorSettings::*member;
    int domain::AnnexAStandards::*annex;
    const char* unit;
};
constexpr const char* kWorkingDays = "working days";
using Annex = domain::AnnexAStandards;
constexpr StandardKey kStandards[] = {
    {"assessment_working_days", &domain::IndicatorSettings::assessment_working_days, nullptr,
     kWorkingDays},
    {"initial_conference_working_days",
     &domain::IndicatorSettings::initial_conference_working_days, nullptr, kWorkingDays},
    {"visit_working_days", &domain::IndicatorSettings::visit_working_days, nullptr, kWorkingDays},
    {"initial_report_working_days", &domain::IndicatorSettings::initial_report_working_days,
     nullptr, kWorkingDays},
    {"review_report_working_days", &domain::IndicatorSettings::review_report_working_days, nullptr,
     kWorkingDays},
    {"annex_cp_visit_working_days", nullptr, &Annex::cp_visit_working_days, kWorkingDays},
    {"annex_cp_first_review_months", nullptr, &Annex::cp_first_review_months, "months"},
    {"annex_cp_review_months", nullptr, &Annex::cp_review_months, "months"},
    {"annex_cp_long_plan_months", nullptr, &Annex::cp_long_plan_months, "months"},
    {"annex_cla_first_review_working_days", nullptr, &Annex::cla_first_review_working_days,
     kWorkingDays},
    {"annex_cla_review_months", nullptr, &Annex::cla_review_months, "months"},
    {"annex_cla_visit_days", nullptr, &Annex::cla_visit_days, "days"},
    {"annex_cla_first_visit_days", nullptr, &Annex::cla_first_visit_days, "days"},
    {"annex_cla_health_cohort_working_days", nullptr, &Annex::cla_health_cohort_working_days,
     kWorkingDays},
    {"annex_cla_health_under_five_months", nullptr, &Annex::cla_health_under_five_months,
     "months"},
    {"annex_cla_health_months", nullptr, &Annex::cla_health_months, "months"},
    {"annex_cla_dental_cohort_months", nullptr, &Annex::cla_dental_cohort_months, "months"},
    {"annex_cla_dental_months", nullptr, &Annex::cla_dental_months, "months"},
    {"annex_cla_placements", nullptr, &Annex::cla_placements, "placements"},
    {"annex_cin_visit_working_days", nullptr, &Annex::cin_visit_working_days, kWorkingDays},
};

int& standard_of(domain::IndicatorSettings& settings, const StandardKey& standard) {
    return standard.member ? settings.*standard.member : settings.annex_a.*standard.annex;
}

int standard_of(const domain::IndicatorSettings& settings, const StandardKey& standard) {
    return standard.member ? settings.*standard.member : settings.annex_a.*standard.annex;
}

std::string base_name(const std::string& file) {
    return std::filesystem::path(file).filename().string();
}

// The <ReferenceDate> in a census's header (it comes within the first few hundred bytes), or
// nothing. Read here rather than by the reader because it names the return, not its records.
std::optional<domain::Date> header_reference_date(const std::string& file) {
    std::ifstream in(file, std::ios::binary);
    std::string head(8 * 1024, '\0');
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<std::size_t>(std::max<std::streamsize>(in.gcount(), 0)));
    constexpr std::string_view kOpen = "<ReferenceDate>";
    const auto start = head.find(kOpen);
    if (start == std::string::npos) return std::nullopt;
    const auto end = head.find('<', start + kOpen.size());
    if (end == std::string::npos) return std::nullopt;
    std::string text = head.substr(start + kOpen.size(), end - start - kOpen.size());
    text.erase(0, text.find_first_not_of(" \t\r\n"));
    text.erase(text.find_last_not_of(" \t\r\n") + 1);
    return domain::Date::parse_iso(text.substr(0, 10));
}

bool is_903(ReturnFormat format) {
    return format == ReturnFormat::Ssda903Header || format == ReturnFormat::Ssda903Episodes ||
           format == ReturnFormat::Ssda903Reviews || format == ReturnFormat::Ssda903Oc2;
}

// The latest date any record of `data` carries, or nothing when it carries none.
std::optional<domain::Date> latest_record_date(const domain::CaseData& data) {
    std::optional<domain::Date> latest;
    auto see = [&](const std::optional<domain::Date>& date) {
        if (date && (!latest || *latest < *date)) latest = date;
    };
    for (const auto& r : data.assessments) see(r.start), see(r.authorised);
    for (const auto& r : data.enquiries) see(r.start), see(r.initial_conference);
    for (const auto& r : data.protection_plans) {
        see(r.start), see(r.end);
        for (const auto& review : r.reviews) see(review);
    }
    for (const auto& r : data.care_episodes) see(r.start), see(r.end);
    for (const auto& r : data.care_reviews) see(r.held);
    for (const auto& r : data.protection_visits) see(r.on);
    for (const auto& r : data.conference_reports) see(r.conference), see(r.shared);
    for (const auto& snapshot : data.workforce) see(snapshot.reference_date);
    return latest;
}

// The years the CIN censuses held cover (domain::add_annex_a_events).
Result<std::vector<domain::CensusYear>> census_years(storage::CaseStore& cases) {
    auto returns = cases.imported_returns();
    if (!returns) return fail(returns.error());
    std::vector<domain::CensusYear> years;
    for (const auto& r : *returns) {
        if (r.identity.format != import::format_name(ReturnFormat::CinCensus) || !r.reference_date)
            continue;
        years.push_back({r.reference_date->plus_months(-12).plus_days(1), *r.reference_date});
    }
    return years;
}

// The case data as the indicators read it: the Annex A lists of one date as one snapshot, and
// their assessments and enquiries added where no census holds them.
Result<domain::CaseData> indicator_case_data(storage::CaseStore& cases) {
    auto data = cases.load_case_data();
    if (!data) return fail(data.error());
    domain::merge_annex_a_snapshots(*data);
    auto censuses = census_years(cases);
    if (!censuses) return fail(censuses.error());
    domain::add_annex_a_events(*data, *censuses);
    return data;
}

// The latest date an Annex A extract's rows carry, or nothing.
std::optional<domain::Date> latest_annex_a_date(const domain::CaseData& data) {
    std::optional<domain::Date> latest;
    auto see = [&](const std::optional<domain::Date>& date) {
        if (date && (!latest || *latest < *date)) latest = date;
    };
    for (const auto& snapshot : data.annex_a) {
        for (const auto& r : snapshot.children) {
            see(r.start), see(r.end), see(r.last_visit), see(r.latest_review);
            see(r.health_assessment), see(r.dental_check);
        }
    }
    return latest;
}

bool is_annex_a(ReturnFormat format) {
    return format == ReturnFormat::AnnexAWorkbook || format == ReturnFormat::AnnexAList;
}

// The SSDA903 collection year (the year of its 31 March) that `date` falls in.
int collection_year_of(domain::Date date) {
    return date.month() >= 4 ? date.year() + 1 : date.year();
}

// The return's identity and date (storage/case_store.hpp): what the return is, never its file's
// name, so that the same return from another source or under another name replaces it and
// another period's return is kept beside it. A census or workforce return by its reference
// date; an SSDA903 table by its collection year (--year, or the year its latest date falls in);
// any other return by the latest date its records carry. A return that says nothing of its
// period is refused, with what to give.
Result<void> identify(storage::ReturnRecords& records, ReturnFormat format, const std::string& file,
                      const ImportRequest& request, std::string& note) {
    auto& imported = records.imported;
    imported.identity.format = std::string(import::format_name(format));
    const auto latest = latest_record_date(records.data);
    std::optional<int> collection_year = request.collection_year;
    if (is_annex_a(format)) {
        // An extract as at a date: the date given, or its latest date, which the person is told.
        auto as_at = request.as_at;
        if (!as_at) {
            as_at = latest_annex_a_date(records.data);
            if (as_at) {
                note = "taken as at " + as_at->iso() +
                       ", the latest date in it; if it was taken on another day, import it again "
                       "with that date (--as-at YYYY-MM-DD, or the date it was taken in the "
                       "upload form)";
            }
        }
        if (as_at) {
            for (auto& snapshot : records.data.annex_a) snapshot.as_at = *as_at;
            imported.reference_date = as_at;
            imported.identity.reference = as_at->iso();
            // One CSV per list: each list of an extract is a return of its own, so that the
            // lists of one date are kept side by side (and make one snapshot when read).
            if (format == ReturnFormat::AnnexAList && !records.data.annex_a.empty() &&
                !records.data.annex_a.front().children.empty()) {
                imported.identity.reference +=
                    " list " + std::to_string(records.data.annex_a.front().children.front().list);
            }
        }
    } else if (format == ReturnFormat::CinCensus) {
        imported.reference_date = header_reference_date(file);
        if (!imported.reference_date) imported.reference_date = latest;
        if (imported.reference_date) imported.identity.reference = imported.reference_date->iso();
    } else if (format == ReturnFormat::Csww || format == ReturnFormat::Workforce) {
        if (!records.data.workforce.empty()) {
            imported.reference_date = records.data.workforce.front().reference_date;
            imported.identity.reference = imported.reference_date->iso();
        }
    } else if (is_903(format)) {
        if (!collection_year && latest) collection_year = collection_year_of(*latest);
        if (collection_year) {
            imported.identity.reference = std::to_string(*collection_year);
            if (format == ReturnFormat::Ssda903Oc2) {
                records.data.oc2_year_end = domain::Date::from_ymd(*collection_year, 3, 31);
                imported.reference_date = records.data.oc2_year_end;
            }
        }
    } else if (latest) {
        imported.identity.reference = "to " + latest->iso();
    }
    if (imported.identity.reference.empty()) {
        return fail(ErrorKind::InvalidInput,
                    file +
                        ": nothing in it says which period it covers, so csip cannot tell "
                        "which return it is; " +
                        (is_903(format) ? std::string("give the SSDA903 collection year with "
                                                      "--year YYYY (the year of its 31 March, "
                                                      "2016 for 2015-16)")
                         : is_annex_a(format)
                             ? std::string("give the date the extract was taken with --as-at "
                                           "YYYY-MM-DD (or in the upload form)")
                             : std::string("check it is the return you meant and "
                                           "that its records carry their dates")),
                    "files");
    }
    return {};
}

// Why storing `incoming` over the stored copy of the same return would lose data, or nothing:
// a copy with no usable records, or fewer than half as many as the stored one, replaces it only
// when the person confirms it.
std::optional<std::string> lossy_replacement(const storage::ImportedReturn& incoming,
                                             const storage::ImportedReturn& stored) {
    if (incoming.records_used > 0 && incoming.records_used * 2 >= stored.records_used) {
        return std::nullopt;
    }
    return incoming.file + ": would replace return " + stored.identity.format + " " +
           stored.identity.reference + " (" + std::to_string(stored.records_used) +
           " usable records, imported " + stored.imported_at + " by " + stored.imported_by +
           " from " + base_name(stored.file) + ") with " + std::to_string(incoming.records_used) +
           " usable records";
}

// A stored return in words: "return cin 2015-03-31 (1,234 usable records, imported AT by WHO
// from FILE)".
std::string described(const storage::ImportedReturn& stored) {
    return "return " + stored.identity.format + " " + stored.identity.reference + " (" +
           std::to_string(stored.records_used) + " usable records, imported " +
           stored.imported_at + " by " + stored.imported_by + " from " + base_name(stored.file) +
           ")";
}

// The SHA-256 of the file at `path`, read in 1 MiB pieces; empty when it cannot be read.
std::string file_sha256(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return {};
    Sha256 hash;
    std::string buffer(1 << 20, '\0');
    while (in) {
        in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
        const auto got = in.gcount();
        if (got <= 0) break;
        hash.update(std::string_view(buffer.data(), static_cast<std::size_t>(got)));
    }
    return hash.hex();
}

std::string known_format_names() {
    std::string names;
    for (const auto format : import::kAllReturnFormats) {
        if (!names.empty()) names += ", ";
        names += std::string(import::format_name(format));
    }
    return names;
}

std::uint64_t skipped_count(const import::ReadReport& report) {
    std::uint64_t skipped = 0;
    for (const auto& [reason, count] : report.skipped_by_reason) skipped += count;
    return skipped;
}

std::optional<domain::Date> month_start(const std::string& month) {
    if (month.size() != 7 || month[4] != '-') return std::nullopt;
    return domain::Date::parse_iso(month + "-01");
}

Error unknown_indicator(const std::string& id) {
    std::string keys;
    for (const auto& definition : domain::indicator_definitions()) {
        if (!keys.empty()) keys += ", ";
        keys += std::string(definition.key);
    }
    return Error{ErrorKind::NotFound,
                 "there is no indicator '" + id + "'; the indicators csip computes are " + keys,
                 "id"};
}

// The latest manual value per indicator and month (values come oldest first).
std::map<std::string, std::map<std::string, storage::ManualValue>> latest_manual_values(
    const std::vector<storage::ManualValue>& values) {
    std::map<std::string, std::map<std::string, storage::ManualValue>> latest;
    for (const auto& value : values) latest[value.indicator][value.month] = value;
    return latest;
}

domain::Figure manual_figure(double value) {
    domain::Figure figure;
    figure.percent = value;
    return figure;
}

// Fills the months of `line` that the data left without a figure from the manual values, and
// the period's figure from the latest of them when the data gave none.
void merge_manual(IndicatorLine& line, const std::map<std::string, storage::ManualValue>& manual,
                  const std::optional<domain::Target>& target) {
    auto& result = line.result;
    const storage::ManualValue* latest = nullptr;
    for (auto& month : result.months) {
        if (month.figure.percent) continue;
        const auto found = manual.find(month.month);
        if (found == manual.end()) continue;
        month.figure = manual_figure(found->second.value);
        line.manual_months[month.month] = found->second;
        latest = &found->second;
    }
    if (!result.period.percent && latest) {
        result.period = manual_figure(latest->value);
        line.period_is_manual = true;
        result.rag = domain::rag_for(result.period.percent, target, result.higher_is_better);
    }
}

}  // namespace

const std::vector<std::string>& indicator_setting_keys() {
    static const std::vector<std::string> keys = [] {
        std::vector<std::string> all;
        for (const auto& standard : kStandards) all.emplace_back(standard.key);
        all.emplace_back(kToleranceKey);
        all.emplace_back(kUploadLimitKey);
        all.emplace_back(kLaCodeKey);
        all.emplace_back(kNeighbourModelKey);
        return all;
    }();
    return keys;
}

std::string setting_unit(const std::string& key) {
    if (key == kToleranceKey) return "percentage points";
    if (key == kUploadLimitKey) return "MB";
    if (key == kLaCodeKey) return "LA code";
    if (key == kNeighbourModelKey) return "model year";
    for (const auto& standard : kStandards) {
        if (key == standard.key) return standard.unit;
    }
    return {};
}

bool setting_has_default(const std::string& key) {
    return key != kLaCodeKey && key != kNeighbourModelKey;
}

double setting_value(const IndicatorConfig& config, const std::string& key) {
    if (key == kToleranceKey) return config.tolerance;
    if (key == kUploadLimitKey) return static_cast<double>(config.upload_limit_mb);
    if (key == kLaCodeKey) return config.la_code.value_or(0);
    if (key == kNeighbourModelKey) return config.neighbour_model.value_or(0);
    for (const auto& standard : kStandards) {
        if (key == standard.key) return standard_of(config.standards, standard);
    }
    return 0.0;
}

IndicatorService::IndicatorService(storage::PlanStore& plans, storage::CaseStore& cases,
                                   const domain::Clock& clock)
    : m_plans(plans), m_cases(cases), m_clock(clock) {}

Result<ImportOutcome> IndicatorService::import_files(const ImportRequest& request) {
    if (request.files.empty()) {
        return fail(ErrorKind::InvalidInput, "name at least one file to import", "files");
    }
    std::uint64_t total_bytes = 0;
    for (const auto& file : request.files) {
        std::error_code error;
        const auto size = std::filesystem::file_size(file, error);
        if (!error) total_bytes += size;
    }

    ImportOutcome outcome;
    std::vector<storage::ReturnRecords> returns;
    std::vector<std::string> refusals;
    std::uint64_t bytes_before = 0;
    std::uint64_t records_before = 0;
    const std::string at = m_clock.timestamp();
    for (std::size_t index = 0; index < request.files.size(); ++index) {
        const std::string& path = request.files[index];
        const std::string& file =
            index < request.names.size() && !request.names[index].empty() ? request.names[index]
                                                                           : path;
        std::optional<ReturnFormat> format = request.format;
        const bool detected = !format;
        std::error_code error;
        if (!std::filesystem::is_regular_file(path, error)) {
            refusals.push_back(file + ": no such file; check the path");
            continue;
        }
        if (!format) format = import::detect_format(path);
        if (!format) {
            refusals.push_back(file +
                               ": not a format csip recognises (a CIN census or CSWW "
                               "XML, an SSDA903 table, an Annex A workbook or list, or "
                               "csip's CP visits, conference reports or workforce CSV); "
                               "if it is one of them, name its format (Format in the upload "
                               "form, or --format NAME: " +
                               known_format_names() + ")");
            continue;
        }
        import::ProgressFn progress;
        if (request.progress) {
            progress = [&](std::uint64_t bytes, std::uint64_t, std::uint64_t records) {
                request.progress(
                    {file, bytes_before + bytes, total_bytes, records_before + records});
            };
        }
        storage::ReturnRecords records;
        auto report = import::read_return(path, *format, records.data, progress, file);
        std::error_code size_error;
        const auto size = std::filesystem::file_size(path, size_error);
        bytes_before += size_error ? 0 : size;
        if (!report) {
            refusals.push_back(report.error().message);
            continue;
        }
        records_before += report->records_read;
        std::string note;
        if (auto identified = identify(records, *format, path, request, note); !identified) {
            auto refusal = identified.error().message;
            if (refusal.starts_with(path)) refusal.replace(0, path.size(), file);
            refusals.push_back(std::move(refusal));
            continue;
        }
        auto& imported = records.imported;
        imported.file = file;
        imported.imported_at = at;
        imported.imported_by = request.by;
        imported.records_read = report->records_read;
        imported.records_used = report->records_used;
        imported.records_skipped = skipped_count(*report);
        imported.sha256 = file_sha256(path);
        outcome.files.push_back(
            {file, std::move(*report), imported.identity, detected, false, std::move(note)});
        returns.push_back(std::move(records));
    }
    auto stored = m_cases.imported_returns();
    if (!stored) return fail(stored.error());
    std::vector<std::string> replacing;
    for (std::size_t i = 0; i < outcome.files.size(); ++i) {
        const auto earlier = std::find_if(stored->begin(), stored->end(), [&](const auto& r) {
            return r.identity == outcome.files[i].identity;
        });
        if (earlier == stored->end()) continue;
        outcome.files[i].replaced = true;
        if (request.replace) continue;
        // A person asked before replacing is shown the loss on the confirmation; a command is
        // refused, and told how to confirm.
        if (auto loss = lossy_replacement(returns[i].imported, *earlier)) {
            if (request.ask_before_replacing) {
                replacing.push_back(std::move(*loss) + ", fewer than half as many");
            } else {
                refusals.push_back(std::move(*loss) +
                                   "; if this is the corrected return, confirm replacing it with "
                                   "--replace");
            }
        } else if (request.ask_before_replacing) {
            replacing.push_back(outcome.files[i].file + ": replaces " + described(*earlier));
        }
    }
    if (!refusals.empty()) {
        std::string message;
        for (const auto& refusal : refusals) message += refusal + "\n";
        message += "Nothing was imported.";
        return fail(ErrorKind::InvalidInput, std::move(message), "files");
    }
    if (!replacing.empty()) {
        std::string message;
        for (const auto& line : replacing) message += line + "\n";
        message += "Nothing was imported: confirm to replace.";
        return fail(ErrorKind::Conflict, std::move(message), "replace");
    }
    std::vector<domain::AuditEntry> audit;
    for (std::size_t i = 0; i < returns.size(); ++i) {
        returns[i].report = import_report_json(outcome.files[i]);
        const auto& imported = returns[i].imported;
        domain::AuditEntry entry;
        entry.at = at;
        entry.actor = request.by;
        entry.entity = "return";
        entry.entity_id = imported.identity.format + " " + imported.identity.reference;
        entry.field = outcome.files[i].replaced ? "replaced" : "imported";
        entry.new_value = imported.file + " (SHA-256 " + imported.sha256 + ", " +
                          std::to_string(imported.records_used) + " records used)";
        audit.push_back(std::move(entry));
    }
    if (auto saved = m_cases.replace_returns(returns, audit); !saved) return fail(saved.error());
    return outcome;
}

Result<storage::ImportedReturn> IndicatorService::remove_return(std::int64_t id,
                                                                const std::string& by) {
    auto held = m_cases.imported_returns();
    if (!held) return fail(held.error());
    const auto found = std::find_if(held->begin(), held->end(),
                                    [&](const auto& r) { return r.id == id; });
    if (found == held->end()) {
        return fail(ErrorKind::NotFound, "no return " + std::to_string(id) + " is held", "id");
    }
    domain::AuditEntry entry;
    entry.at = m_clock.timestamp();
    entry.actor = by;
    entry.entity = "return";
    entry.entity_id = found->identity.format + " " + found->identity.reference;
    entry.field = "removed";
    entry.old_value = described(*found);
    return m_cases.remove_return(id, {entry});
}

Result<FileImport> IndicatorService::import_report(std::int64_t id) {
    auto report = m_cases.import_report(id);
    if (!report) return fail(report.error());
    if (report->empty()) {
        return fail(ErrorKind::NotFound,
                    "return " + std::to_string(id) +
                        " was imported before csip kept import reports; import it again to "
                        "have one",
                    "id");
    }
    return parse_import_report(*report);
}

Result<std::vector<storage::ImportedReturn>> IndicatorService::imported_returns() {
    return m_cases.imported_returns();
}

namespace {

// A setting's or a figure's value as the audit trail shows it: "10", "2.5".
std::string setting_text(double value) {
    std::string text = std::to_string(value);
    text.erase(text.find_last_not_of('0') + 1);
    if (!text.empty() && text.back() == '.') text.pop_back();
    return text;
}

}  // namespace

Result<IndicatorConfig> IndicatorService::settings() {
    auto set = m_cases.settings();
    if (!set) return fail(set.error());
    IndicatorConfig config;
    config.set = std::move(*set);
    for (const auto& standard : kStandards) {
        const auto found = config.set.find(standard.key);
        if (found != config.set.end()) {
            standard_of(config.standards, standard) = static_cast<int>(std::lround(found->second.value));
        }
    }
    if (const auto found = config.set.find(kToleranceKey); found != config.set.end()) {
        config.tolerance = found->second.value;
    }
    if (const auto found = config.set.find(kUploadLimitKey); found != config.set.end()) {
        config.upload_limit_mb = static_cast<std::uint64_t>(std::llround(found->second.value));
    }
    if (const auto found = config.set.find(kLaCodeKey); found != config.set.end()) {
        config.la_code = static_cast<int>(std::lround(found->second.value));
    }
    if (const auto found = config.set.find(kNeighbourModelKey); found != config.set.end()) {
        config.neighbour_model = static_cast<int>(std::lround(found->second.value));
    }
    return config;
}

namespace {

// Whether `value` may be the setting `key`: InvalidInput naming the key when not.
std::optional<Error> setting_refusal(const std::string& key, double value) {
    const auto& keys = indicator_setting_keys();
    if (std::find(keys.begin(), keys.end(), key) == keys.end()) {
        std::string names;
        for (const auto& name : keys) names += (names.empty() ? "" : ", ") + name;
        return Error{ErrorKind::InvalidInput,
                     "there is no setting '" + key + "'; the settings are " + names, "key"};
    }
    if (key == kToleranceKey) {
        if (!std::isfinite(value) || value < 0.0 || value > 100.0) {
            return Error{ErrorKind::InvalidInput,
                         "the tolerance is in percentage points, from 0 to 100", key};
        }
    } else if (key == kUploadLimitKey) {
        if (!std::isfinite(value) || value != std::floor(value) || value < 1.0 ||
            value > kMaxUploadLimitMb) {
            return Error{ErrorKind::InvalidInput,
                         "upload_limit_mb is a whole number of megabytes (MiB) from 1 to 65536",
                         key};
        }
    } else if (key == kLaCodeKey) {
        if (!std::isfinite(value) || value != std::floor(value) || value < 100.0 ||
            value > 999.0) {
            return Error{ErrorKind::InvalidInput,
                         "la_code is the council's three-digit LA code, e.g. 869 for West "
                         "Berkshire",
                         key};
        }
    } else if (key == kNeighbourModelKey) {
        if (!std::isfinite(value) || value != std::floor(value) || value < 2000.0 ||
            value > 2100.0) {
            return Error{ErrorKind::InvalidInput,
                         "neighbour_model is the year of a statistical-neighbour model imported, "
                         "e.g. 2025",
                         key};
        }
    } else if (!std::isfinite(value) || value != std::floor(value) || value < 1.0 ||
               value > kMaxWorkingDays) {
        return Error{ErrorKind::InvalidInput,
                     key + " is a whole number of " + setting_unit(key) + " from 1 to " +
                         std::to_string(kMaxWorkingDays),
                     key};
    }
    return std::nullopt;
}

}  // namespace

Result<storage::IndicatorSetting> IndicatorService::set_setting(const std::string& key,
                                                                double value,
                                                                const std::string& by) {
    auto saved = set_settings({{key, value}}, by);
    if (!saved) return fail(saved.error());
    return saved->front();
}

Result<std::vector<storage::IndicatorSetting>> IndicatorService::set_settings(
    const std::vector<SettingValue>& values, const std::string& by) {
    if (values.empty()) {
        return fail(ErrorKind::InvalidInput, "name at least one setting to change", "key");
    }
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (auto refusal = setting_refusal(values[i].key, values[i].value)) return fail(*refusal);
        for (std::size_t j = 0; j < i; ++j) {
            if (values[j].key == values[i].key) {
                return fail(ErrorKind::InvalidInput,
                            values[i].key + " is given twice: give each setting once",
                            values[i].key);
            }
        }
    }
    if (by.empty()) {
        return fail(ErrorKind::InvalidInput, "say who changes the setting (--by NAME)", "by");
    }
    auto current = m_cases.settings();
    if (!current) return fail(current.error());
    const std::string now = m_clock.timestamp();
    std::vector<storage::IndicatorSetting> settings;
    std::vector<domain::AuditEntry> audit;
    for (const auto& [key, value] : values) {
        settings.push_back({key, value, by, now});
        // The trail says what it was (a key never set had its default) and what it becomes.
        const auto before = current->find(key);
        audit.push_back({0, now, by, "setting", key, "value",
                         before == current->end()
                             ? std::optional<std::string>("default")
                             : std::optional<std::string>(setting_text(before->second.value)),
                         setting_text(value), std::nullopt});
    }
    if (auto saved = m_cases.save_settings(settings, audit); !saved) return fail(saved.error());
    return settings;
}

Result<AnnexAView> IndicatorService::annex_a(std::optional<domain::Date> as_at) {
    auto data = indicator_case_data(m_cases);
    if (!data) return fail(data.error());
    AnnexAView view;
    const domain::AnnexASnapshot* chosen = nullptr;
    for (const auto& snapshot : data->annex_a) {
        view.extracts.push_back(snapshot.as_at);
        if (as_at && *as_at < snapshot.as_at) continue;
        if (!chosen || chosen->as_at < snapshot.as_at) chosen = &snapshot;
    }
    std::sort(view.extracts.begin(), view.extracts.end());
    if (!chosen) return view;
    view.snapshot = *chosen;
    auto config = settings();
    if (!config) return fail(config.error());
    const domain::Date at = chosen->as_at;
    auto report = report_for(*data, domain::financial_year_start(at), at);
    if (!report) return fail(report.error());
    for (auto& line : report->indicators) {
        const auto* definition = domain::find_indicator(line.result.key);
        if (definition && domain::is_annex_a(definition->id)) view.figures.push_back(std::move(line));
    }
    for (const auto list : domain::kAllAnnexACaseLists) {
        auto cases = domain::annex_a_cases(list, *view.snapshot, config->standards.annex_a,
                                           domain::WorkingDayCalendar::england_and_wales());
        if (!cases) return fail(cases.error());
        view.cases.emplace_back(list, std::move(*cases));
    }
    return view;
}

Result<storage::ManualValue> IndicatorService::set_manual_value(const std::string& id,
                                                                const std::string& month,
                                                                double value, const std::string& by,
                                                                const std::string& note) {
    const bool valid_id = !id.empty() && std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    });
    if (!valid_id) {
        return fail(ErrorKind::InvalidInput,
                    "'" + id +
                        "' is not an indicator id; write it in lower case with digits and "
                        "underscores, as a success measure's indicator is written",
                    "id");
    }
    if (!month_start(month)) {
        return fail(ErrorKind::InvalidInput,
                    "--month '" + month + "' is not a month; write it as YYYY-MM, e.g. 2015-07",
                    "month");
    }
    if (!std::isfinite(value) || value < 0.0 || value > 100.0) {
        return fail(ErrorKind::InvalidInput, "a value is a percentage, from 0 to 100", "value");
    }
    if (by.empty()) {
        return fail(ErrorKind::InvalidInput, "say whose figure this is (--by NAME)", "by");
    }
    if (auto checked = domain::check_text(by, "by", "name of whose figure it is"); !checked) {
        return fail(checked.error());
    }
    if (auto checked = domain::check_text(note, "note", "note"); !checked) return fail(checked.error());
    auto earlier = m_cases.manual_values();
    if (!earlier) return fail(earlier.error());
    std::optional<std::string> replaced;  // the month's figure this one supersedes
    for (const auto& entry : *earlier) {
        if (entry.indicator == id && entry.month == month) replaced = setting_text(entry.value);
    }
    const storage::ManualValue manual{id, month, value, by, m_clock.timestamp(), note};
    const std::vector<domain::AuditEntry> audit{
        {0, manual.recorded_at, by, "indicator_value", id + " " + month, "value", replaced,
         setting_text(value),
         note.empty() ? std::nullopt : std::optional<std::string>(note)}};
    if (auto saved = m_cases.add_manual_value(manual, audit); !saved) return fail(saved.error());
    return manual;
}

Result<std::vector<storage::ManualValue>> IndicatorService::manual_values() {
    return m_cases.manual_values();
}

Result<IndicatorReport> IndicatorService::indicators(domain::Date from, domain::Date to) {
    if (to < from) {
        return fail(ErrorKind::InvalidInput,
                    "--from " + from.iso() + " is after --to " + to.iso() +
                        ": give the first day of the period, then the last",
                    "from");
    }
    auto data = indicator_case_data(m_cases);
    if (!data) return fail(data.error());
    return report_for(*data, from, to);
}

Result<IndicatorReport> IndicatorService::report_for(const domain::CaseData& data,
                                                      domain::Date from, domain::Date to) {
    auto config = settings();
    if (!config) return fail(config.error());
    auto stored_plan = m_plans.load_plan();
    if (!stored_plan) return fail(stored_plan.error());
    auto manual = m_cases.manual_values();
    if (!manual) return fail(manual.error());

    // Targets, and the wording of measures no return carries, from the plan's measured measures
    // (those in the plan: a retired measure sets no target).
    domain::Targets targets;
    std::map<std::string, std::string> measure_titles;
    if (*stored_plan) {
        const domain::Plan in_force = domain::without_retired(**stored_plan);
        for (const auto& workstream : in_force.workstreams) {
            for (const auto& commitment : workstream.commitments) {
                for (const auto& measure : commitment.measures) {
                    if (measure.kind != domain::MeasureKind::Measured || !measure.indicator)
                        continue;
                    if (measure.target) {
                        targets.try_emplace(*measure.indicator,
                                            domain::Target{*measure.target, config->tolerance});
                    }
                    measure_titles.try_emplace(*measure.indicator, measure.text);
                }
            }
        }
    }
    const auto latest = latest_manual_values(*manual);
    const auto target_of = [&](const std::string& key) -> std::optional<domain::Target> {
        const auto found = targets.find(key);
        if (found == targets.end()) return std::nullopt;
        return found->second;
    };

    IndicatorReport report{from, to, {}};
    const auto results = domain::compute_indicators(data, config->standards,
                                                    domain::WorkingDayCalendar::england_and_wales(),
                                                    from, to, targets);
    const auto definitions = domain::indicator_definitions();
    for (std::size_t i = 0; i < results.size(); ++i) {
        const auto& definition = definitions[i];
        // The Annex A figures are reported once an Annex A extract is held (or the plan measures
        // one, or a value was entered for one): a council that does not import Annex A is not
        // shown twelve empty figures.
        const std::string key(definition.key);
        if (domain::is_annex_a(definition.id) && data.annex_a.empty() && !latest.count(key) &&
            !measure_titles.count(key)) {
            continue;
        }
        IndicatorLine line;
        if (results[i]) {
            line.result = *results[i];
        } else {
            line.result.key = std::string(definition.key);
            line.result.title = std::string(definition.title);
            line.result.kind = definition.kind;
            line.result.higher_is_better = definition.higher_is_better;
            line.result.from = from;
            line.result.to = to;
            line.result.target = target_of(line.result.key);
            line.refused = results[i].error().message;
        }
        if (const auto found = latest.find(line.result.key); found != latest.end()) {
            merge_manual(line, found->second, line.result.target);
        }
        report.indicators.push_back(std::move(line));
    }

    // Indicators known only from manual values or from a measure of the plan.
    std::map<std::string, bool> extra;
    for (const auto& [key, months] : latest) extra[key] = true;
    for (const auto& [key, title] : measure_titles) extra[key] = true;
    for (const auto& [key, unused] : extra) {
        if (domain::find_indicator(key)) continue;
        IndicatorLine line;
        line.manual_only = true;
        auto& result = line.result;
        result.key = key;
        const auto title = measure_titles.find(key);
        result.title = title != measure_titles.end() ? title->second : key;
        result.rule = "entered by hand (csip indicator set)";
        result.from = from;
        result.to = to;
        result.target = target_of(key);
        for (domain::Date month = *domain::Date::from_ymd(from.year(), from.month(), 1);
             month <= to; month = month.plus_months(1)) {
            result.months.push_back({month.month_key(), domain::Figure{}});
        }
        if (const auto found = latest.find(key); found != latest.end()) {
            merge_manual(line, found->second, result.target);
        }
        report.indicators.push_back(std::move(line));
    }
    return report;
}

Result<std::vector<domain::IndicatorException>> IndicatorService::exceptions(const std::string& id,
                                                                             domain::Date as_of) {
    const auto* definition = domain::find_indicator(id);
    if (definition == nullptr) return fail(unknown_indicator(id));
    auto config = settings();
    if (!config) return fail(config.error());
    auto data = indicator_case_data(m_cases);
    if (!data) return fail(data.error());
    return domain::find_exceptions(*definition, *data, config->standards,
                                   domain::WorkingDayCalendar::england_and_wales(),
                                   domain::financial_year_start(as_of), as_of);
}

}  // namespace csip::app
