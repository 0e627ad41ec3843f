#include "sqlite_case_store.hpp"

#include <map>
#include <utility>

#include "sqlite_database.hpp"

namespace csip::storage::sqlite {
namespace {

using domain::CaseData;
using domain::Date;
using domain::SourceRef;

// The record tables, children before parents, so that deleting in this order never leaves a
// row whose parent is gone.
constexpr std::string_view kRecordTables[] = {"case_protection_reviews",
                                              "case_protection_plans",
                                              "case_assessments",
                                              "case_enquiries",
                                              "case_care_episodes",
                                              "case_care_reviews",
                                              "case_continuously_looked_after",
                                              "case_protection_visits",
                                              "case_conference_reports",
                                              "case_workers"};

std::optional<std::string> iso(const std::optional<Date>& date) {
    if (!date) return std::nullopt;
    return date->iso();
}

std::optional<Date> stored_optional_date(const Statement& row, int column, std::string_view name) {
    if (row.is_null(column)) return std::nullopt;
    return stored_date(row.text(column), name);
}

std::optional<bool> stored_optional_bool(const Statement& row, int column) {
    if (row.is_null(column)) return std::nullopt;
    return row.integer(column) != 0;
}

// The source file is stored only when it differs from the return's own file.
std::optional<std::string> source_file(const SourceRef& source, const std::string& return_file) {
    if (source.file == return_file) return std::nullopt;
    return source.file;
}

// Reads back a record's source: (source_file, source_line) at `column`, with the file of the
// return `return_id` when source_file is NULL.
SourceRef stored_source(const Statement& row, int column,
                        const std::map<std::int64_t, std::string>& files, std::int64_t return_id) {
    SourceRef source;
    if (row.is_null(column)) {
        const auto found = files.find(return_id);
        if (found == files.end()) throw_damaged("a case record of no return");
        source.file = found->second;
    } else {
        source.file = row.text(column);
    }
    source.line = static_cast<std::uint32_t>(row.integer(column + 1));
    return source;
}

std::string_view snapshot_kind(const CaseData& data) {
    if (!data.workforce.empty()) return "workforce";
    if (!data.continuously_looked_after.empty() || data.oc2_year_end) return "oc2";
    return {};
}

std::optional<std::string> optional_text(std::string_view text) {
    if (text.empty()) return std::nullopt;
    return std::string(text);
}

// The id of the return stored under `identity`, its earlier records deleted and its row
// brought up to date; or a new row.
std::int64_t prepare_return_row(Connection& db, const ReturnRecords& records) {
    const ImportedReturn& imported = records.imported;
    auto existing = db.prepare("SELECT id FROM case_returns WHERE format = ? AND reference = ?");
    existing.bind(imported.identity.format, imported.identity.reference);
    const auto snapshot = optional_text(snapshot_kind(records.data));
    if (existing.step()) {
        const std::int64_t id = existing.integer(0);
        for (const auto table : kRecordTables) {
            db.prepare("DELETE FROM " + std::string(table) + " WHERE return_id = ?").bind(id).run();
        }
        db.prepare(
              "UPDATE case_returns SET reference_date = ?, snapshot = ?, file = ?, imported_at = "
              "?, "
              "imported_by = ?, records_read = ?, records_used = ?, records_skipped = ? WHERE id = "
              "?")
            .bind(iso(imported.reference_date), snapshot, imported.file, imported.imported_at,
                  imported.imported_by, imported.records_read, imported.records_used,
                  imported.records_skipped, id)
            .run();
        return id;
    }
    db.prepare(
          "INSERT INTO case_returns (format, reference, reference_date, snapshot, file, "
          "imported_at, "
          "imported_by, records_read, records_used, records_skipped) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .bind(imported.identity.format, imported.identity.reference, iso(imported.reference_date),
              snapshot, imported.file, imported.imported_at, imported.imported_by,
              imported.records_read, imported.records_used, imported.records_skipped)
        .run();
    return sqlite3_last_insert_rowid(db.handle());
}

void insert_records(Connection& db, std::int64_t id, const ReturnRecords& records) {
    const CaseData& data = records.data;
    const std::string& file = records.imported.file;
    if (!data.assessments.empty()) {
        auto insert = db.prepare(
            "INSERT INTO case_assessments (return_id, ordinal, child_id, start, authorised, "
            "source_file, source_line) VALUES (?, ?, ?, ?, ?, ?, ?)");
        for (std::size_t i = 0; i < data.assessments.size(); ++i) {
            const auto& r = data.assessments[i];
            insert
                .bind(id, i, r.child_id, iso(r.start), iso(r.authorised),
                      source_file(r.source, file), r.source.line)
                .run();
        }
    }
    if (!data.enquiries.empty()) {
        auto insert = db.prepare(
            "INSERT INTO case_enquiries (return_id, ordinal, child_id, start, initial_conference, "
            "conference_not_required, source_file, source_line) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
        for (std::size_t i = 0; i < data.enquiries.size(); ++i) {
            const auto& r = data.enquiries[i];
            insert
                .bind(id, i, r.child_id, iso(r.start), iso(r.initial_conference),
                      r.conference_not_required, source_file(r.source, file), r.source.line)
                .run();
        }
    }
    if (!data.protection_plans.empty()) {
        auto plan = db.prepare(
            "INSERT INTO case_protection_plans (return_id, ordinal, child_id, start, ended, "
            "source_file, source_line) VALUES (?, ?, ?, ?, ?, ?, ?)");
        auto review = db.prepare(
            "INSERT INTO case_protection_reviews (return_id, plan_ordinal, ordinal, held) "
            "VALUES (?, ?, ?, ?)");
        for (std::size_t i = 0; i < data.protection_plans.size(); ++i) {
            const auto& r = data.protection_plans[i];
            plan.bind(id, i, r.child_id, r.start.iso(), iso(r.end), source_file(r.source, file),
                      r.source.line)
                .run();
            for (std::size_t k = 0; k < r.reviews.size(); ++k) {
                review.bind(id, i, k, r.reviews[k].iso()).run();
            }
        }
    }
    if (!data.care_episodes.empty()) {
        auto insert = db.prepare(
            "INSERT INTO case_care_episodes (return_id, ordinal, child_id, start, legal_status, "
            "ended, "
            "reason_ended, source_file, source_line) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
        for (std::size_t i = 0; i < data.care_episodes.size(); ++i) {
            const auto& r = data.care_episodes[i];
            insert
                .bind(id, i, r.child_id, r.start.iso(), r.legal_status, iso(r.end), r.reason_ended,
                      source_file(r.source, file), r.source.line)
                .run();
        }
    }
    if (!data.care_reviews.empty()) {
        auto insert = db.prepare(
            "INSERT INTO case_care_reviews (return_id, ordinal, child_id, held, source_file, "
            "source_line) VALUES (?, ?, ?, ?, ?, ?)");
        for (std::size_t i = 0; i < data.care_reviews.size(); ++i) {
            const auto& r = data.care_reviews[i];
            insert.bind(id, i, r.child_id, r.held.iso(), source_file(r.source, file), r.source.line)
                .run();
        }
    }
    if (!data.continuously_looked_after.empty()) {
        auto insert = db.prepare(
            "INSERT INTO case_continuously_looked_after (return_id, ordinal, child_id, "
            "health_assessment, teeth_check, source_file, source_line) VALUES (?, ?, ?, ?, ?, ?, "
            "?)");
        for (std::size_t i = 0; i < data.continuously_looked_after.size(); ++i) {
            const auto& r = data.continuously_looked_after[i];
            insert
                .bind(id, i, r.child_id, r.health_assessment, r.teeth_check,
                      source_file(r.source, file), r.source.line)
                .run();
        }
    }
    if (!data.protection_visits.empty()) {
        auto insert = db.prepare(
            "INSERT INTO case_protection_visits (return_id, ordinal, child_id, visited_on, seen, "
            "seen_alone, worker, source_file, source_line) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
        for (std::size_t i = 0; i < data.protection_visits.size(); ++i) {
            const auto& r = data.protection_visits[i];
            insert
                .bind(id, i, r.child_id, r.on.iso(), r.seen, r.seen_alone, r.worker,
                      source_file(r.source, file), r.source.line)
                .run();
        }
    }
    if (!data.conference_reports.empty()) {
        auto insert = db.prepare(
            "INSERT INTO case_conference_reports (return_id, ordinal, child_id, conference_type, "
            "conference, shared, source_file, source_line) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
        for (std::size_t i = 0; i < data.conference_reports.size(); ++i) {
            const auto& r = data.conference_reports[i];
            const char* type = r.type == domain::ConferenceType::Initial ? "initial" : "review";
            insert
                .bind(id, i, r.child_id, type, r.conference.iso(), iso(r.shared),
                      source_file(r.source, file), r.source.line)
                .run();
        }
    }
    if (!data.workforce.empty()) {
        auto insert = db.prepare(
            "INSERT INTO case_workers (return_id, ordinal, worker_id, team, qualified, agency, "
            "fte, "
            "start, ended, source_file, source_line) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        const auto& workers = data.workforce.front().workers;
        for (std::size_t i = 0; i < workers.size(); ++i) {
            const auto& r = workers[i];
            insert
                .bind(id, i, r.worker_id, r.team, r.qualified, r.agency, r.fte, iso(r.start),
                      iso(r.end), source_file(r.source, file), r.source.line)
                .run();
        }
    }
}

ImportedReturn read_imported(const Statement& row, int first) {
    ImportedReturn imported;
    imported.identity.format = row.text(first);
    imported.identity.reference = row.text(first + 1);
    imported.reference_date = stored_optional_date(row, first + 2, "case_returns.reference_date");
    imported.file = row.text(first + 3);
    imported.imported_at = row.text(first + 4);
    imported.imported_by = row.text(first + 5);
    imported.records_read = static_cast<std::uint64_t>(row.integer(first + 6));
    imported.records_used = static_cast<std::uint64_t>(row.integer(first + 7));
    imported.records_skipped = static_cast<std::uint64_t>(row.integer(first + 8));
    return imported;
}

constexpr std::string_view kImportedColumns =
    "format, reference, reference_date, file, imported_at, imported_by, records_read, "
    "records_used, records_skipped";

CaseData read_case_data(Connection& db) {
    CaseData data;
    std::map<std::int64_t, std::string> files;
    {
        auto rows = db.prepare("SELECT id, file FROM case_returns");
        while (rows.step()) files[rows.integer(0)] = rows.text(1);
    }

    auto assessments = db.prepare(
        "SELECT return_id, child_id, start, authorised, source_file, source_line "
        "FROM case_assessments ORDER BY return_id, ordinal");
    while (assessments.step()) {
        data.assessments.push_back(
            {assessments.text(1), stored_optional_date(assessments, 2, "case_assessments.start"),
             stored_optional_date(assessments, 3, "case_assessments.authorised"),
             stored_source(assessments, 4, files, assessments.integer(0))});
    }

    auto enquiries = db.prepare(
        "SELECT return_id, child_id, start, initial_conference, conference_not_required, "
        "source_file, source_line FROM case_enquiries ORDER BY return_id, ordinal");
    while (enquiries.step()) {
        data.enquiries.push_back(
            {enquiries.text(1), stored_optional_date(enquiries, 2, "case_enquiries.start"),
             stored_optional_date(enquiries, 3, "case_enquiries.initial_conference"),
             enquiries.integer(4) != 0, stored_source(enquiries, 5, files, enquiries.integer(0))});
    }

    std::map<std::pair<std::int64_t, std::int64_t>, std::size_t> plan_index;
    auto plans = db.prepare(
        "SELECT return_id, ordinal, child_id, start, ended, source_file, source_line "
        "FROM case_protection_plans ORDER BY return_id, ordinal");
    while (plans.step()) {
        plan_index[{plans.integer(0), plans.integer(1)}] = data.protection_plans.size();
        data.protection_plans.push_back(
            {plans.text(2),
             stored_date(plans.text(3), "case_protection_plans.start"),
             stored_optional_date(plans, 4, "case_protection_plans.ended"),
             {},
             stored_source(plans, 5, files, plans.integer(0))});
    }
    auto reviews = db.prepare(
        "SELECT return_id, plan_ordinal, held FROM case_protection_reviews "
        "ORDER BY return_id, plan_ordinal, ordinal");
    while (reviews.step()) {
        const auto found = plan_index.find({reviews.integer(0), reviews.integer(1)});
        if (found == plan_index.end()) throw_damaged("a CP review of no plan");
        data.protection_plans[found->second].reviews.push_back(
            stored_date(reviews.text(2), "case_protection_reviews.held"));
    }

    auto episodes = db.prepare(
        "SELECT return_id, child_id, start, legal_status, ended, reason_ended, source_file, "
        "source_line FROM case_care_episodes ORDER BY return_id, ordinal");
    while (episodes.step()) {
        data.care_episodes.push_back(
            {episodes.text(1), stored_date(episodes.text(2), "case_care_episodes.start"),
             episodes.text(3), stored_optional_date(episodes, 4, "case_care_episodes.ended"),
             episodes.text(5), stored_source(episodes, 6, files, episodes.integer(0))});
    }

    auto care_reviews = db.prepare(
        "SELECT return_id, child_id, held, source_file, source_line FROM case_care_reviews "
        "ORDER BY return_id, ordinal");
    while (care_reviews.step()) {
        data.care_reviews.push_back(
            {care_reviews.text(1), stored_date(care_reviews.text(2), "case_care_reviews.held"),
             stored_source(care_reviews, 3, files, care_reviews.integer(0))});
    }

    // One OC2 cohort: the latest year end, then the latest import (see case_store.hpp).
    auto cohort = db.prepare(
        "SELECT id, reference_date FROM case_returns WHERE snapshot = 'oc2' "
        "ORDER BY reference_date IS NULL, reference_date DESC, imported_at DESC, id DESC LIMIT 1");
    if (cohort.step()) {
        const std::int64_t cohort_id = cohort.integer(0);
        data.oc2_year_end = stored_optional_date(cohort, 1, "case_returns.reference_date");
        auto rows = db.prepare(
            "SELECT return_id, child_id, health_assessment, teeth_check, source_file, source_line "
            "FROM case_continuously_looked_after WHERE return_id = ? ORDER BY ordinal");
        rows.bind(cohort_id);
        while (rows.step()) {
            data.continuously_looked_after.push_back(
                {rows.text(1), stored_optional_bool(rows, 2), stored_optional_bool(rows, 3),
                 stored_source(rows, 4, files, rows.integer(0))});
        }
    }

    auto visits = db.prepare(
        "SELECT return_id, child_id, visited_on, seen, seen_alone, worker, source_file, "
        "source_line FROM case_protection_visits ORDER BY return_id, ordinal");
    while (visits.step()) {
        data.protection_visits.push_back(
            {visits.text(1), stored_date(visits.text(2), "case_protection_visits.visited_on"),
             visits.integer(3) != 0, stored_optional_bool(visits, 4), visits.text(5),
             stored_source(visits, 6, files, visits.integer(0))});
    }

    auto reports = db.prepare(
        "SELECT return_id, child_id, conference_type, conference, shared, source_file, "
        "source_line FROM case_conference_reports ORDER BY return_id, ordinal");
    while (reports.step()) {
        const auto type = reports.text(2);
        if (type != "initial" && type != "review") {
            throw_damaged("the conference type '" + type + "'");
        }
        data.conference_reports.push_back(
            {reports.text(1),
             type == "initial" ? domain::ConferenceType::Initial : domain::ConferenceType::Review,
             stored_date(reports.text(3), "case_conference_reports.conference"),
             stored_optional_date(reports, 4, "case_conference_reports.shared"),
             stored_source(reports, 5, files, reports.integer(0))});
    }

    // Each workforce return is one snapshot, dated by the return; returns in import order.
    auto snapshots = db.prepare(
        "SELECT id, reference_date FROM case_returns WHERE snapshot = 'workforce' ORDER BY id");
    std::map<std::int64_t, std::size_t> snapshot_index;
    while (snapshots.step()) {
        if (snapshots.is_null(1)) throw_damaged("a workforce return with no reference date");
        snapshot_index[snapshots.integer(0)] = data.workforce.size();
        data.workforce.push_back(
            {stored_date(snapshots.text(1), "case_returns.reference_date"), {}});
    }
    auto workers = db.prepare(
        "SELECT return_id, worker_id, team, qualified, agency, fte, start, ended, source_file, "
        "source_line FROM case_workers ORDER BY return_id, ordinal");
    while (workers.step()) {
        const auto found = snapshot_index.find(workers.integer(0));
        if (found == snapshot_index.end()) throw_damaged("a worker of no workforce return");
        domain::SocialWorker worker;
        worker.worker_id = workers.text(1);
        worker.team = workers.text(2);
        worker.qualified = workers.integer(3) != 0;
        worker.agency = workers.integer(4) != 0;
        worker.fte = workers.optional_real(5).value_or(0.0);
        worker.start = stored_optional_date(workers, 6, "case_workers.start");
        worker.end = stored_optional_date(workers, 7, "case_workers.ended");
        worker.source = stored_source(workers, 8, files, workers.integer(0));
        data.workforce[found->second].workers.push_back(std::move(worker));
    }
    return data;
}

constexpr FailureWording kCaseWording{
    .cannot_use = "check that csip may read and write both the file and its folder",
    .disk_full = "free some space and try again; nothing was stored",
    .names_damage = true,
};

}  // namespace

SqliteCaseStore::SqliteCaseStore(std::unique_ptr<SqliteDatabase> database)
    : m_database(std::move(database)) {}

SqliteCaseStore::~SqliteCaseStore() = default;

Result<void> SqliteCaseStore::replace_returns(const std::vector<ReturnRecords>& returns) {
    if (auto problem = check_return_records(returns)) return fail(std::move(*problem));
    return m_database->guarded("storing case data", [&](Connection& db) -> Result<void> {
        Transaction transaction(db, Transaction::Mode::Write);
        for (const ReturnRecords& records : returns) {
            insert_records(db, prepare_return_row(db, records), records);
        }
        transaction.commit();
        return {};
    });
}

Result<CaseData> SqliteCaseStore::load_case_data() {
    return m_database->guarded("reading case data", [&](Connection& db) -> Result<CaseData> {
        Transaction transaction(db, Transaction::Mode::Read);
        return read_case_data(db);
    });
}

Result<std::vector<ImportedReturn>> SqliteCaseStore::imported_returns() {
    return m_database->guarded("reading the imported returns", [&](Connection& db) -> Result<std::vector<ImportedReturn>> {
        auto rows = db.prepare("SELECT " + std::string(kImportedColumns) +
                                          " FROM case_returns ORDER BY id");
        std::vector<ImportedReturn> imported;
        while (rows.step()) imported.push_back(read_imported(rows, 0));
        return imported;
    });
}

Result<void> SqliteCaseStore::add_manual_value(const ManualValue& value) {
    return m_database->guarded("recording a manual indicator value", [&](Connection& db) -> Result<void> {
        db.prepare(
                "INSERT INTO manual_indicator_values (indicator, month, value, recorded_by, "
                "recorded_at, note) VALUES (?, ?, ?, ?, ?, ?)")
            .bind(value.indicator, value.month, value.value, value.recorded_by, value.recorded_at,
                  value.note)
            .run();
        return {};
    });
}

Result<std::vector<ManualValue>> SqliteCaseStore::manual_values() {
    return m_database->guarded("reading manual indicator values", [&](Connection& db) -> Result<std::vector<ManualValue>> {
        auto rows = db.prepare(
            "SELECT indicator, month, value, recorded_by, recorded_at, note "
            "FROM manual_indicator_values ORDER BY id");
        std::vector<ManualValue> values;
        while (rows.step()) {
            values.push_back({rows.text(0), rows.text(1), rows.optional_real(2).value_or(0.0),
                              rows.text(3), rows.text(4), rows.text(5)});
        }
        return values;
    });
}

Result<std::map<std::string, IndicatorSetting>> SqliteCaseStore::settings() {
    return m_database->guarded(
        "reading indicator settings", [&](Connection& db) -> Result<std::map<std::string, IndicatorSetting>> {
            auto rows =
                db.prepare("SELECT key, value, set_by, set_at FROM indicator_settings");
            std::map<std::string, IndicatorSetting> settings;
            while (rows.step()) {
                settings[rows.text(0)] = {rows.text(0), rows.optional_real(1).value_or(0.0),
                                          rows.text(2), rows.text(3)};
            }
            return settings;
        });
}

Result<void> SqliteCaseStore::save_setting(const IndicatorSetting& setting) {
    return m_database->guarded("saving an indicator setting", [&](Connection& db) -> Result<void> {
        db.prepare(
                "INSERT INTO indicator_settings (key, value, set_by, set_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value, set_by = excluded.set_by, "
                "set_at = excluded.set_at")
            .bind(setting.key, setting.value, setting.set_by, setting.set_at)
            .run();
        return {};
    });
}

Result<std::unique_ptr<CaseStore>> open_sqlite_case_store(const std::string& path) {
    auto database = open_sqlite_database(path, kCaseWording);
    if (!database) return fail(std::move(database).error());
    return std::unique_ptr<CaseStore>(std::make_unique<SqliteCaseStore>(std::move(*database)));
}

}  // namespace csip::storage::sqlite
