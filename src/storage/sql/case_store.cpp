// CaseStore on a sql::Connection: each imported return and its records (schema.cpp, versions
// 4, 10 and 11), manual indicator values, indicator settings, and the published figures and
// neighbour models (version 12). A return's records go in by each
// backend's bulk path, all returns of one call in one Access::Write transaction on Lock::Cases.
#include <algorithm>
#include <map>
#include <optional>
#include <utility>

#include "storage/sql/stores.hpp"

namespace csip::storage::sql {
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
                                              "case_workers",
                                              "case_annex_a_values",
                                              "case_annex_a_children",
                                              "case_annex_a_snapshots"};

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

// The id of the return stored under `identity`, its row brought up to date and its earlier
// records deleted; or a new row. On PostgreSQL the upsert also locks an existing row until
// commit, besides Lock::Cases.
// Deletes return `id`'s records and its import report, keeping its row.
void delete_records(Connection& db, std::int64_t id) {
    for (const auto table : kRecordTables) {
        db.prepare("DELETE FROM " + std::string(table) + " WHERE return_id = ?").bind(id).run();
    }
    db.prepare("DELETE FROM case_return_reports WHERE return_id = ?").bind(id).run();
}

std::int64_t prepare_return_row(Connection& db, const ReturnRecords& records) {
    const ImportedReturn& imported = records.imported;
    auto row = db.prepare(
        "INSERT INTO case_returns (format, reference, reference_date, snapshot, file, "
        "imported_at, imported_by, records_read, records_used, records_skipped, sha256) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (format, reference) DO UPDATE SET reference_date = excluded.reference_date, "
        "snapshot = excluded.snapshot, file = excluded.file, imported_at = excluded.imported_at, "
        "imported_by = excluded.imported_by, records_read = excluded.records_read, "
        "records_used = excluded.records_used, records_skipped = excluded.records_skipped, "
        "sha256 = excluded.sha256 RETURNING id");
    row.bind(imported.identity.format, imported.identity.reference, iso(imported.reference_date),
             optional_text(snapshot_kind(records.data)), imported.file, imported.imported_at,
             imported.imported_by, imported.records_read, imported.records_used,
             imported.records_skipped, optional_text(imported.sha256));
    if (!row.step()) throw_damaged("an upsert of a return that returned no id");
    const std::int64_t id = row.integer(0);
    row.run();
    delete_records(db, id);
    if (!records.report.empty()) {
        db.prepare("INSERT INTO case_return_reports (return_id, report) VALUES (?, ?)")
            .bind(id, records.report)
            .run();
    }
    return id;
}

void insert_records(Connection& db, std::int64_t id, const ReturnRecords& records) {
    const CaseData& data = records.data;
    const std::string& file = records.imported.file;
    // Each table's rows in one bulk insert, finished before the next table's begins.
    auto each = [&](const auto& rows, std::string_view table,
                    std::initializer_list<std::string_view> columns, const auto& write) {
        if (rows.empty()) return;
        auto insert = db.bulk_insert(table, columns);
        for (std::size_t i = 0; i < rows.size(); ++i) write(*insert, i, rows[i]);
        insert->finish();
    };
    each(data.assessments, "case_assessments",
         {"return_id", "ordinal", "child_id", "start", "authorised", "source_file", "source_line"},
         [&](BulkInsert& insert, std::size_t i, const domain::Assessment& r) {
             insert.row(id, i, r.child_id, iso(r.start), iso(r.authorised),
                        source_file(r.source, file), r.source.line);
         });
    each(data.enquiries, "case_enquiries",
         {"return_id", "ordinal", "child_id", "start", "initial_conference",
          "conference_not_required", "source_file", "source_line"},
         [&](BulkInsert& insert, std::size_t i, const domain::Section47Enquiry& r) {
             insert.row(id, i, r.child_id, iso(r.start), iso(r.initial_conference),
                        r.conference_not_required, source_file(r.source, file), r.source.line);
         });
    each(data.protection_plans, "case_protection_plans",
         {"return_id", "ordinal", "child_id", "start", "ended", "source_file", "source_line"},
         [&](BulkInsert& insert, std::size_t i, const domain::ProtectionPlan& r) {
             insert.row(id, i, r.child_id, r.start.iso(), iso(r.end), source_file(r.source, file),
                        r.source.line);
         });
    if (!data.protection_plans.empty()) {
        auto insert = db.bulk_insert("case_protection_reviews",
                                     {"return_id", "plan_ordinal", "ordinal", "held"});
        for (std::size_t i = 0; i < data.protection_plans.size(); ++i) {
            const auto& reviews = data.protection_plans[i].reviews;
            for (std::size_t k = 0; k < reviews.size(); ++k) {
                insert->row(id, i, k, reviews[k].iso());
            }
        }
        insert->finish();
    }
    each(data.care_episodes, "case_care_episodes",
         {"return_id", "ordinal", "child_id", "start", "legal_status", "ended", "reason_ended",
          "source_file", "source_line"},
         [&](BulkInsert& insert, std::size_t i, const domain::CareEpisode& r) {
             insert.row(id, i, r.child_id, r.start.iso(), r.legal_status, iso(r.end),
                        r.reason_ended, source_file(r.source, file), r.source.line);
         });
    each(data.care_reviews, "case_care_reviews",
         {"return_id", "ordinal", "child_id", "held", "source_file", "source_line"},
         [&](BulkInsert& insert, std::size_t i, const domain::CareReview& r) {
             insert.row(id, i, r.child_id, r.held.iso(), source_file(r.source, file),
                        r.source.line);
         });
    each(data.continuously_looked_after, "case_continuously_looked_after",
         {"return_id", "ordinal", "child_id", "health_assessment", "teeth_check", "source_file",
          "source_line"},
         [&](BulkInsert& insert, std::size_t i, const domain::ContinuouslyLookedAfter& r) {
             insert.row(id, i, r.child_id, r.health_assessment, r.teeth_check,
                        source_file(r.source, file), r.source.line);
         });
    each(data.protection_visits, "case_protection_visits",
         {"return_id", "ordinal", "child_id", "visited_on", "seen", "seen_alone", "worker",
          "source_file", "source_line"},
         [&](BulkInsert& insert, std::size_t i, const domain::ProtectionVisit& r) {
             insert.row(id, i, r.child_id, r.on.iso(), r.seen, r.seen_alone, r.worker,
                        source_file(r.source, file), r.source.line);
         });
    each(data.conference_reports, "case_conference_reports",
         {"return_id", "ordinal", "child_id", "conference_type", "conference", "shared",
          "source_file", "source_line"},
         [&](BulkInsert& insert, std::size_t i, const domain::ConferenceReport& r) {
             const char* type = r.type == domain::ConferenceType::Initial ? "initial" : "review";
             insert.row(id, i, r.child_id, type, r.conference.iso(), iso(r.shared),
                        source_file(r.source, file), r.source.line);
         });
    if (!data.workforce.empty()) {
        each(data.workforce.front().workers, "case_workers",
             {"return_id", "ordinal", "worker_id", "team", "qualified", "agency", "fte", "start",
              "ended", "source_file", "source_line"},
             [&](BulkInsert& insert, std::size_t i, const domain::SocialWorker& r) {
                 insert.row(id, i, r.worker_id, r.team, r.qualified, r.agency, r.fte, iso(r.start),
                            iso(r.end), source_file(r.source, file), r.source.line);
             });
    }
    if (!data.annex_a.empty()) {
        // The snapshot's row marks the return as one, even with no list rows; its as-at date is
        // the return's reference_date (check_return_records).
        db.prepare("INSERT INTO case_annex_a_snapshots (return_id) VALUES (?)").bind(id).run();
        const auto& children = data.annex_a.front().children;
        each(children, "case_annex_a_children",
             {"return_id",
              "ordinal",
              "list",
              "child_id",
              "team",
              "worker",
              "birth",
              "start",
              "ended",
              "last_visit",
              "latest_review",
              "health_assessment",
              "dental_check",
              "placements_last_12_months",
              "previous_plans",
              "in_touch",
              "suitable_accommodation",
              "no_conference_needed",
              "activity",
              "source_file",
              "source_line"},
             [&](BulkInsert& insert, std::size_t i, const domain::AnnexAChild& r) {
                 insert.row(id, i, r.list, r.child_id, r.team, r.worker, iso(r.birth), iso(r.start),
                            iso(r.end), iso(r.last_visit), iso(r.latest_review),
                            iso(r.health_assessment), iso(r.dental_check),
                            r.placements_last_12_months, r.previous_plans, r.in_touch,
                            r.suitable_accommodation, r.no_conference_needed, r.activity,
                            source_file(r.source, file), r.source.line);
             });
        const bool any_values =
            std::any_of(children.begin(), children.end(),
                        [](const auto& child) { return !child.values.empty(); });
        if (any_values) {
            auto insert = db.bulk_insert("case_annex_a_values",
                                         {"return_id", "ordinal", "position", "header", "value"});
            for (std::size_t i = 0; i < children.size(); ++i) {
                const auto& values = children[i].values;
                for (std::size_t k = 0; k < values.size(); ++k) {
                    insert->row(id, i, k, values[k].first, values[k].second);
                }
            }
            insert->finish();
        }
    }
}

ImportedReturn read_imported(const Statement& row, int first) {
    ImportedReturn imported;
    imported.id = row.integer(first + 9);
    imported.sha256 = row.is_null(first + 10) ? std::string() : row.text(first + 10);
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
    "records_used, records_skipped, id, sha256";

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
             enquiries.boolean(4), stored_source(enquiries, 5, files, enquiries.integer(0))});
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
                {rows.text(1), rows.optional_boolean(2), rows.optional_boolean(3),
                 stored_source(rows, 4, files, rows.integer(0))});
        }
    }

    auto visits = db.prepare(
        "SELECT return_id, child_id, visited_on, seen, seen_alone, worker, source_file, "
        "source_line FROM case_protection_visits ORDER BY return_id, ordinal");
    while (visits.step()) {
        data.protection_visits.push_back(
            {visits.text(1), stored_date(visits.text(2), "case_protection_visits.visited_on"),
             visits.boolean(3), visits.optional_boolean(4), visits.text(5),
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
        worker.qualified = workers.boolean(3);
        worker.agency = workers.boolean(4);
        worker.fte = workers.optional_real(5).value_or(0.0);
        worker.start = stored_optional_date(workers, 6, "case_workers.start");
        worker.end = stored_optional_date(workers, 7, "case_workers.ended");
        worker.source = stored_source(workers, 8, files, workers.integer(0));
        data.workforce[found->second].workers.push_back(std::move(worker));
    }

    // Each Annex A return is one snapshot as at the return's date; returns in import order.
    auto annex_snapshots = db.prepare(
        "SELECT s.return_id, r.reference_date FROM case_annex_a_snapshots s "
        "JOIN case_returns r ON r.id = s.return_id ORDER BY s.return_id");
    std::map<std::int64_t, std::size_t> annex_index;
    while (annex_snapshots.step()) {
        if (annex_snapshots.is_null(1)) throw_damaged("an Annex A return with no as-at date");
        annex_index[annex_snapshots.integer(0)] = data.annex_a.size();
        data.annex_a.push_back(
            {stored_date(annex_snapshots.text(1), "case_returns.reference_date"), {}});
    }
    const auto optional_count = [](const Statement& row, int column) -> std::optional<int> {
        if (row.is_null(column)) return std::nullopt;
        return static_cast<int>(row.integer(column));
    };
    // (return_id, ordinal) → (snapshot, child), for the values that follow.
    std::map<std::pair<std::int64_t, std::int64_t>, std::pair<std::size_t, std::size_t>>
        child_index;
    auto children = db.prepare(
        "SELECT return_id, ordinal, list, child_id, team, worker, birth, start, ended, "
        "last_visit, latest_review, health_assessment, dental_check, placements_last_12_months, "
        "previous_plans, in_touch, suitable_accommodation, no_conference_needed, activity, "
        "source_file, source_line FROM case_annex_a_children ORDER BY return_id, ordinal");
    while (children.step()) {
        const std::int64_t return_id = children.integer(0);
        const auto found = annex_index.find(return_id);
        if (found == annex_index.end()) throw_damaged("an Annex A row of no Annex A return");
        domain::AnnexAChild child;
        child.list = static_cast<int>(children.integer(2));
        child.child_id = children.text(3);
        child.team = children.text(4);
        child.worker = children.text(5);
        child.birth = stored_optional_date(children, 6, "case_annex_a_children.birth");
        child.start = stored_optional_date(children, 7, "case_annex_a_children.start");
        child.end = stored_optional_date(children, 8, "case_annex_a_children.ended");
        child.last_visit = stored_optional_date(children, 9, "case_annex_a_children.last_visit");
        child.latest_review =
            stored_optional_date(children, 10, "case_annex_a_children.latest_review");
        child.health_assessment =
            stored_optional_date(children, 11, "case_annex_a_children.health_assessment");
        child.dental_check =
            stored_optional_date(children, 12, "case_annex_a_children.dental_check");
        child.placements_last_12_months = optional_count(children, 13);
        child.previous_plans = optional_count(children, 14);
        child.in_touch = children.optional_boolean(15);
        child.suitable_accommodation = children.optional_boolean(16);
        child.no_conference_needed = children.optional_boolean(17);
        child.activity = children.text(18);
        child.source = stored_source(children, 19, files, return_id);
        auto& snapshot = data.annex_a[found->second];
        child_index[{return_id, children.integer(1)}] = {found->second, snapshot.children.size()};
        snapshot.children.push_back(std::move(child));
    }
    auto values = db.prepare(
        "SELECT return_id, ordinal, header, value FROM case_annex_a_values "
        "ORDER BY return_id, ordinal, position");
    while (values.step()) {
        const auto found = child_index.find({values.integer(0), values.integer(1)});
        if (found == child_index.end()) throw_damaged("an Annex A value of no Annex A row");
        const auto [snapshot, child] = found->second;
        data.annex_a[snapshot].children[child].values.emplace_back(values.text(2), values.text(3));
    }
    return data;
}

// Stores one published file's figures in place of those of its source and measures, and its
// neighbour model in place of the model of its name.
void store_published(Connection& db, const PublishedSet& set, const std::string& imported_at,
                     const std::string& imported_by) {
    const std::string source(domain::to_string(set.source));
    for (const auto& measure : set.measures) {
        db.prepare("DELETE FROM published_figures WHERE source = ? AND measure = ?")
            .bind(source, measure)
            .run();
    }
    if (!set.figures.empty()) {
        auto insert = db.bulk_insert(
            "published_figures", {"measure", "source", "year", "level", "area_code", "area_name",
                                  "region", "value", "mark", "dataset", "file", "line"});
        for (const auto& figure : set.figures) {
            insert->row(figure.measure, domain::to_string(figure.source), figure.year,
                        domain::to_string(figure.level), figure.area_code,
                        figure.area_name, figure.region, figure.value, figure.mark,
                        figure.dataset, figure.file, figure.line);
        }
        insert->finish();
    }
    if (!set.model) return;
    const domain::NeighbourModel& model = *set.model;
    auto old = db.prepare("SELECT id FROM neighbour_models WHERE name = ?");
    old.bind(model.name);
    if (old.step()) {
        const std::int64_t id = old.integer(0);
        old.run();
        db.prepare("DELETE FROM neighbour_model_neighbours WHERE model_id = ?").bind(id).run();
        db.prepare("DELETE FROM neighbour_model_councils WHERE model_id = ?").bind(id).run();
        db.prepare("DELETE FROM neighbour_models WHERE id = ?").bind(id).run();
    }
    auto row = db.prepare(
        "INSERT INTO neighbour_models (name, file, imported_at, imported_by) VALUES (?, ?, ?, ?) "
        "RETURNING id");
    row.bind(model.name, set.file, imported_at, imported_by);
    if (!row.step()) throw_damaged("an insert of a neighbour model that returned no id");
    const std::int64_t id = row.integer(0);
    row.run();
    auto councils = db.bulk_insert("neighbour_model_councils",
                                   {"model_id", "ordinal", "code", "name", "region"});
    for (std::size_t i = 0; i < model.councils.size(); ++i) {
        const auto& council = model.councils[i];
        councils->row(id, i, council.code, council.name, council.region);
    }
    councils->finish();
    auto neighbours = db.bulk_insert("neighbour_model_neighbours",
                                     {"model_id", "code", "position", "neighbour", "closeness"});
    for (const auto& council : model.councils) {
        for (std::size_t k = 0; k < council.neighbours.size(); ++k) {
            neighbours->row(id, council.code, k + 1, council.neighbours[k].code,
                            council.neighbours[k].closeness);
        }
    }
    neighbours->finish();
}

std::vector<domain::PublishedFigure> read_published(Connection& db) {
    auto rows = db.prepare(
        "SELECT measure, source, year, level, area_code, area_name, region, value, mark, "
        "dataset, file, line FROM published_figures ORDER BY measure, year, area_code, source");
    std::vector<domain::PublishedFigure> figures;
    while (rows.step()) {
        domain::PublishedFigure figure;
        figure.measure = rows.text(0);
        const auto source = domain::published_source_from(rows.text(1));
        const auto level = domain::area_level_from(rows.text(3));
        if (!source || !level) throw_damaged("a published figure of no known source or level");
        figure.source = *source;
        figure.year = rows.text(2);
        figure.level = *level;
        figure.area_code = rows.text(4);
        figure.area_name = rows.text(5);
        figure.region = rows.text(6);
        figure.value = rows.optional_real(7);
        figure.mark = rows.text(8);
        figure.dataset = rows.text(9);
        figure.file = rows.text(10);
        figure.line = static_cast<std::uint32_t>(rows.integer(11));
        figures.push_back(std::move(figure));
    }
    return figures;
}

std::vector<StoredNeighbourModel> read_models(Connection& db) {
    std::vector<StoredNeighbourModel> models;
    std::map<std::int64_t, std::size_t> by_id;
    auto rows = db.prepare(
        "SELECT id, name, file, imported_at, imported_by FROM neighbour_models ORDER BY id");
    while (rows.step()) {
        by_id[rows.integer(0)] = models.size();
        StoredNeighbourModel stored;
        stored.model.name = rows.text(1);
        stored.file = rows.text(2);
        stored.imported_at = rows.text(3);
        stored.imported_by = rows.text(4);
        models.push_back(std::move(stored));
    }
    std::map<std::pair<std::int64_t, std::string>, std::size_t> councils;
    auto council_rows = db.prepare(
        "SELECT model_id, code, name, region FROM neighbour_model_councils "
        "ORDER BY model_id, ordinal");
    while (council_rows.step()) {
        const auto found = by_id.find(council_rows.integer(0));
        if (found == by_id.end()) throw_damaged("a council of no neighbour model");
        auto& model = models[found->second].model;
        councils[{council_rows.integer(0), council_rows.text(1)}] = model.councils.size();
        model.councils.push_back({council_rows.text(1), council_rows.text(2), council_rows.text(3), {}});
    }
    auto neighbour_rows = db.prepare(
        "SELECT model_id, code, neighbour, closeness FROM neighbour_model_neighbours "
        "ORDER BY model_id, code, position");
    while (neighbour_rows.step()) {
        const auto model = by_id.find(neighbour_rows.integer(0));
        const auto council = councils.find({neighbour_rows.integer(0), neighbour_rows.text(1)});
        if (model == by_id.end() || council == councils.end()) {
            throw_damaged("a neighbour of no council in a neighbour model");
        }
        models[model->second].model.councils[council->second].neighbours.push_back(
            {neighbour_rows.text(2), "", neighbour_rows.text(3)});
    }
    for (auto& stored : models) {
        for (auto& council : stored.model.councils) {
            for (auto& neighbour : council.neighbours) {
                if (const auto* named = stored.model.find(neighbour.code)) {
                    neighbour.name = named->name;
                }
            }
        }
    }
    return models;
}

class SqlCaseStore final : public CaseStore {
  public:
    explicit SqlCaseStore(std::unique_ptr<Database> database) : m_database(std::move(database)) {}

    Result<void> replace_returns(const std::vector<ReturnRecords>& returns,
                                 const std::vector<domain::AuditEntry>& audit) override {
        if (auto problem = check_return_records(returns)) return fail(std::move(*problem));
        return m_database->write("storing case data", Lock::Cases, audit, [&](Connection& db) {
            for (const ReturnRecords& records : returns) {
                insert_records(db, prepare_return_row(db, records), records);
            }
        });
    }

    Result<ImportedReturn> remove_return(std::int64_t id,
                                         const std::vector<domain::AuditEntry>& audit) override {
        return m_database->guarded(
            "removing a return", [&](Connection& db) -> Result<ImportedReturn> {
                Transaction transaction(db, Access::Write, Lock::Cases);
                auto row = db.prepare("SELECT " + std::string(kImportedColumns) +
                                      " FROM case_returns WHERE id = ?");
                row.bind(id);
                if (!row.step()) {
                    return fail(ErrorKind::NotFound, "no return " + std::to_string(id) + " is held",
                                "id");
                }
                ImportedReturn removed = read_imported(row, 0);
                row.run();
                delete_records(db, id);
                db.prepare("DELETE FROM case_returns WHERE id = ?").bind(id).run();
                append_audit(db, audit);
                transaction.commit();
                return removed;
            });
    }

    Result<std::string> import_report(std::int64_t id) override {
        return m_database->guarded(
            "reading an import report", [&](Connection& db) -> Result<std::string> {
                auto held = db.prepare("SELECT 1 FROM case_returns WHERE id = ?");
                held.bind(id);
                if (!held.step()) {
                    return fail(ErrorKind::NotFound, "no return " + std::to_string(id) + " is held",
                                "id");
                }
                held.run();
                auto row = db.prepare("SELECT report FROM case_return_reports WHERE return_id = ?");
                row.bind(id);
                std::string report;
                if (row.step()) report = row.text(0);
                return report;
            });
    }

    Result<CaseData> load_case_data() override {
        return m_database->guarded("reading case data", [&](Connection& db) -> Result<CaseData> {
            Transaction transaction(db, Access::Read);
            return read_case_data(db);
        });
    }

    Result<std::vector<ImportedReturn>> imported_returns() override {
        return m_database->guarded("reading the imported returns",
                                   [&](Connection& db) -> Result<std::vector<ImportedReturn>> {
                                       auto rows =
                                           db.prepare("SELECT " + std::string(kImportedColumns) +
                                                      " FROM case_returns ORDER BY id");
                                       std::vector<ImportedReturn> imported;
                                       while (rows.step())
                                           imported.push_back(read_imported(rows, 0));
                                       return imported;
                                   });
    }

    Result<void> add_manual_value(const ManualValue& value,
                                  const std::vector<domain::AuditEntry>& audit) override {
        return m_database->write(
            "recording a manual indicator value", Lock::Cases, audit, [&](Connection& db) {
                db.prepare(
                      "INSERT INTO manual_indicator_values (indicator, month, value, recorded_by, "
                      "recorded_at, note) VALUES (?, ?, ?, ?, ?, ?)")
                    .bind(value.indicator, value.month, value.value, value.recorded_by,
                          value.recorded_at, value.note)
                    .run();
            });
    }

    Result<std::vector<ManualValue>> manual_values() override {
        return m_database->guarded(
            "reading manual indicator values",
            [&](Connection& db) -> Result<std::vector<ManualValue>> {
                auto rows = db.prepare(
                    "SELECT indicator, month, value, recorded_by, recorded_at, note "
                    "FROM manual_indicator_values ORDER BY id");
                std::vector<ManualValue> values;
                while (rows.step()) {
                    values.push_back({rows.text(0), rows.text(1),
                                      rows.optional_real(2).value_or(0.0), rows.text(3),
                                      rows.text(4), rows.text(5)});
                }
                return values;
            });
    }

    Result<std::map<std::string, IndicatorSetting>> settings() override {
        return m_database->guarded(
            "reading indicator settings",
            [&](Connection& db) -> Result<std::map<std::string, IndicatorSetting>> {
                auto rows = db.prepare("SELECT key, value, set_by, set_at FROM indicator_settings");
                std::map<std::string, IndicatorSetting> settings;
                while (rows.step()) {
                    settings[rows.text(0)] = {rows.text(0), rows.optional_real(1).value_or(0.0),
                                              rows.text(2), rows.text(3)};
                }
                return settings;
            });
    }

    Result<void> save_setting(const IndicatorSetting& setting,
                              const std::vector<domain::AuditEntry>& audit) override {
        return save_settings({setting}, audit);
    }

    Result<void> save_settings(const std::vector<IndicatorSetting>& settings,
                               const std::vector<domain::AuditEntry>& audit) override {
        return m_database->write(
            settings.size() == 1 ? "saving an indicator setting" : "saving indicator settings",
            Lock::Cases, audit, [&](Connection& db) {
                for (const auto& setting : settings) {
                    db.prepare(
                          "INSERT INTO indicator_settings (key, value, set_by, set_at) VALUES (?, "
                          "?, ?, ?) "
                          "ON CONFLICT (key) DO UPDATE SET value = excluded.value, set_by = "
                          "excluded.set_by, "
                          "set_at = excluded.set_at")
                        .bind(setting.key, setting.value, setting.set_by, setting.set_at)
                        .run();
                }
            });
    }

    Result<void> replace_published(const std::vector<PublishedSet>& sets,
                                   const std::string& imported_at, const std::string& imported_by,
                                   const std::vector<domain::AuditEntry>& audit) override {
        return m_database->write("storing published figures", Lock::Cases, audit,
                                 [&](Connection& db) {
                                     for (const auto& set : sets) {
                                         store_published(db, set, imported_at, imported_by);
                                     }
                                 });
    }

    Result<std::vector<domain::PublishedFigure>> published_figures() override {
        return m_database->guarded(
            "reading published figures",
            [&](Connection& db) -> Result<std::vector<domain::PublishedFigure>> {
                Transaction transaction(db, Access::Read);
                return read_published(db);
            });
    }

    Result<std::vector<StoredNeighbourModel>> neighbour_models() override {
        return m_database->guarded(
            "reading statistical-neighbour models",
            [&](Connection& db) -> Result<std::vector<StoredNeighbourModel>> {
                Transaction transaction(db, Access::Read);
                return read_models(db);
            });
    }

  private:
    std::unique_ptr<Database> m_database;
};

}  // namespace

// A refusal of case data is a failure like any other: csip checks every record before storing.
Result<std::unique_ptr<CaseStore>> open_case_store(const Connector& connector) {
    return open_store<CaseStore, SqlCaseStore>(connector, {});
}

}  // namespace csip::storage::sql
