// CaseStore: where the case-level data the indicators read is kept, in domain terms: the returns
// imported (each a copy of one return, keyed by its identity so that a corrected resubmission
// replaces the earlier copy), the values entered by hand for measures no return carries (with
// who entered them and when), the authority's indicator settings, and the department's
// published figures and statistical-neighbour models the indicators are compared with. One
// implementation (storage/sql) on SQLite and PostgreSQL alike; the contract suite
// (tests/storage) holds both to it:
//  - every write is one transaction: replace_returns stores every return it is given or none,
//    save_settings every setting or none, replace_published every published file or none;
//  - manual values are kept, never overwritten: a later value for the same month supersedes an
//    earlier one, which stays for its provenance.
// Failures to reach or use the database are reported as ErrorKind::Unavailable.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/audit.hpp"
#include "domain/case_data.hpp"
#include "domain/date.hpp"
#include "domain/indicators/benchmarks.hpp"
#include "domain/indicators/indicator_report.hpp"
#include "domain/result.hpp"

namespace csip::storage {

// Which return a copy is of: its format (the name word of import/returns/detect.hpp, e.g. `cin`,
// `903-episodes`) and the return's own reference (its reference date, collection year, or the
// latest date its records carry; never its file's name: app/indicator_service.cpp). Two imports
// with the same identity are copies of one return, and the later replaces the earlier.
struct ReturnIdentity {
    std::string format;
    std::string reference;

    friend bool operator==(const ReturnIdentity&, const ReturnIdentity&) = default;
};

// What is recorded about an imported return.
struct ImportedReturn {
    ReturnIdentity identity;
    // The date the return stands at, when it has one: the census's reference date, the
    // workforce extract's date, the 31 March of an OC2 cohort.
    std::optional<domain::Date> reference_date;
    std::string file;         // the file it was read from, as given
    std::string imported_at;  // ISO 8601 UTC
    std::string imported_by;
    std::uint64_t records_read = 0;
    std::uint64_t records_used = 0;
    std::uint64_t records_skipped = 0;
    std::string sha256;   // of the file as read (hex); empty for a return stored without one
    std::int64_t id = 0;  // given by the store; what the returns pages and API name it by
};

// One return's records, to be stored under `imported.identity`. `data` holds that return's
// records only. A workforce return holds one snapshot (its date is the snapshot's reference
// date); an OC2 return's cohort is dated by data.oc2_year_end; an Annex A return (`annex-a`,
// `annex-a-list`) holds one snapshot in data.annex_a, dated by its as_at. A record's source.file
// may differ from the return's file (an Annex A sheet is written `Annex_A.xlsx (List 4)`).
struct ReturnRecords {
    ImportedReturn imported;
    domain::CaseData data;
    // The import report as the app layer writes it (app/import_report.hpp); empty: none kept.
    std::string report;
};

// A figure entered by hand, for a month, with its provenance.
using ManualValue = domain::ManualValue;

// One of the authority's indicator settings (local standards, tolerance), with who last set it.
struct IndicatorSetting {
    std::string key;
    double value = 0.0;
    std::string set_by;
    std::string set_at;  // ISO 8601 UTC
};

// What one published file gives (import/returns/benchmarks.hpp), to be stored in place of what an
// earlier import of the same measures from the same source gave.
struct PublishedSet {
    domain::PublishedSource source = domain::PublishedSource::Ees;
    // Every stored figure of `source` for one of these measures is replaced by `figures`.
    std::vector<std::string> measures;
    std::vector<domain::PublishedFigure> figures;
    // A neighbour model, replacing a stored model of the same name.
    std::optional<domain::NeighbourModel> model;
    std::string file;  // as given
};

// A neighbour model as stored, with when it was imported.
struct StoredNeighbourModel {
    domain::NeighbourModel model;
    std::string file;
    std::string imported_at;  // ISO 8601 UTC
    std::string imported_by;
};

// What every backend checks before writing returns: identities differ within one call, and a
// return's reference_date is its workforce snapshot's date (it may hold one snapshot at most),
// its OC2 cohort's year end, or its Annex A snapshot's as_at (one snapshot at most). Nothing when
// the returns can be stored.
[[nodiscard]] inline std::optional<Error> check_return_records(
    const std::vector<ReturnRecords>& returns) {
    for (std::size_t i = 0; i < returns.size(); ++i) {
        const ImportedReturn& imported = returns[i].imported;
        const domain::CaseData& data = returns[i].data;
        const std::string name = imported.identity.format + " return '" +
                                 imported.identity.reference + "' (" + imported.file + ")";
        for (std::size_t j = 0; j < i; ++j) {
            if (returns[j].imported.identity == imported.identity) {
                return Error{ErrorKind::InvalidInput,
                             "the " + name + " is given twice in one import (also " +
                                 returns[j].imported.file + "): import one copy of each return",
                             "identity"};
            }
        }
        if (data.workforce.size() > 1) {
            return Error{ErrorKind::InvalidInput,
                         "the " + name + " holds " + std::to_string(data.workforce.size()) +
                             " workforce snapshots; a return is one snapshot",
                         "workforce"};
        }
        if (!data.workforce.empty() &&
            imported.reference_date != data.workforce.front().reference_date) {
            return Error{
                ErrorKind::InvalidInput,
                "the " + name + " must be dated by its workforce snapshot's reference date",
                "reference_date"};
        }
        if (data.annex_a.size() > 1) {
            return Error{ErrorKind::InvalidInput,
                         "the " + name + " holds " + std::to_string(data.annex_a.size()) +
                             " Annex A snapshots; a return is one snapshot",
                         "annex_a"};
        }
        if (!data.annex_a.empty() && imported.reference_date != data.annex_a.front().as_at) {
            return Error{ErrorKind::InvalidInput,
                         "the " + name + " must be dated by its Annex A snapshot's as-at date",
                         "reference_date"};
        }
        if (!data.continuously_looked_after.empty() &&
            imported.reference_date != data.oc2_year_end) {
            return Error{ErrorKind::InvalidInput,
                         "the " + name + " must be dated by its OC2 cohort's year end",
                         "reference_date"};
        }
    }
    return std::nullopt;
}

class CaseStore {
  public:
    virtual ~CaseStore() = default;

    // Stores each return, replacing the records of any return stored with the same identity,
    // all in one transaction. Identities within `returns` must differ (InvalidInput otherwise,
    // with nothing stored).
    // `audit` is appended in the same transaction.
    [[nodiscard]] virtual Result<void> replace_returns(
        const std::vector<ReturnRecords>& returns,
        const std::vector<domain::AuditEntry>& audit) = 0;
    // Removes return `id` and every record and report it holds, and appends `audit`, in one
    // transaction; gives what was removed. NotFound when there is no such return.
    [[nodiscard]] virtual Result<ImportedReturn> remove_return(
        std::int64_t id, const std::vector<domain::AuditEntry>& audit) = 0;
    // The import report kept with return `id`: empty when none was kept (a return imported
    // before reports were kept). NotFound when there is no such return.
    [[nodiscard]] virtual Result<std::string> import_report(std::int64_t id) = 0;

    // Every stored record, merged into one CaseData, returns in the order first imported and
    // records in file order. The OC2 cohort is that of one return only: the one with the latest
    // year end (the most recently imported among equals), since cohorts of several years would
    // count each child again; oc2_year_end is that return's. Each workforce return is one
    // snapshot, and so is each Annex A return (as_at: the return's reference_date), its rows in
    // the order stored with every column's value as read.
    [[nodiscard]] virtual Result<domain::CaseData> load_case_data() = 0;

    // The returns stored, in the order first imported.
    [[nodiscard]] virtual Result<std::vector<ImportedReturn>> imported_returns() = 0;

    // Appends a manual value, and `audit` with it in one transaction; earlier values of the
    // same indicator and month are kept.
    [[nodiscard]] virtual Result<void> add_manual_value(
        const ManualValue& value, const std::vector<domain::AuditEntry>& audit) = 0;
    // Every manual value, oldest first.
    [[nodiscard]] virtual Result<std::vector<ManualValue>> manual_values() = 0;

    // The settings that have been set, by key; a key never set is absent.
    [[nodiscard]] virtual Result<std::map<std::string, IndicatorSetting>> settings() = 0;
    // Sets (adds or replaces) one setting, and appends `audit` with it in one transaction.
    [[nodiscard]] virtual Result<void> save_setting(
        const IndicatorSetting& setting, const std::vector<domain::AuditEntry>& audit) = 0;
    // Sets every one of `settings` and appends `audit` with them in one transaction: all of them
    // are saved, or (the database refusing one) none and no audit entry.
    [[nodiscard]] virtual Result<void> save_settings(
        const std::vector<IndicatorSetting>& settings,
        const std::vector<domain::AuditEntry>& audit) = 0;

    // Stores every set in one transaction with `audit`: each replaces the figures of its source
    // and measures, and the model of its name, that are stored; all of them or none.
    [[nodiscard]] virtual Result<void> replace_published(
        const std::vector<PublishedSet>& sets, const std::string& imported_at,
        const std::string& imported_by, const std::vector<domain::AuditEntry>& audit) = 0;
    // Every published figure stored, by measure, year and area, each source's in file order.
    [[nodiscard]] virtual Result<std::vector<domain::PublishedFigure>> published_figures() = 0;
    // Every neighbour model stored, the latest imported last.
    [[nodiscard]] virtual Result<std::vector<StoredNeighbourModel>> neighbour_models() = 0;
};

}  // namespace csip::storage
