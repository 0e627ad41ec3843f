#include "postgres_case_store.hpp"

#include <pqxx/pqxx>

#include <array>
#include <charconv>
#include <map>
#include <stdexcept>
#include <utility>

#include "postgres_database.hpp"

namespace csip::storage::postgres {

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


Date stored_date(const pqxx::field& field, std::string_view column) {
    const auto date = Date::parse_iso(text(field));
    if (!date) throw_damaged("the date '" + text(field) + "' in " + std::string(column));
    return *date;
}

std::optional<Date> stored_optional_date(const pqxx::field& field, std::string_view column) {
    if (field.is_null()) return std::nullopt;
    return stored_date(field, column);
}

std::optional<bool> stored_optional_bool(const pqxx::field& field) {
    if (field.is_null()) return std::nullopt;
    return field.as<bool>();
}

SourceRef stored_source(const pqxx::row& row, pqxx::row::size_type column,
                        const std::map<std::int64_t, std::string>& files) {
    SourceRef source;
    if (row[column].is_null()) {
        const auto found = files.find(row[0].as<std::int64_t>());
        if (found == files.end()) throw_damaged("a case record of no return");
        source.file = found->second;
    } else {
        source.file = text(row[column]);
    }
    source.line = row[column + 1].as<std::uint32_t>();
    return source;
}

std::string_view snapshot_kind(const CaseData& data) {
    if (!data.workforce.empty()) return "workforce";
    if (!data.continuously_looked_after.empty() || data.oc2_year_end) return "oc2";
    return {};
}

// The text of one COPY field; a field that may be NULL is a std::optional<std::string>.
std::string number(double value) {
    std::array<char, 32> buffer{};
    const auto [end, error] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
    return error == std::errc{} ? std::string(buffer.data(), end) : std::string("NaN");
}
std::string number(std::size_t value) { return std::to_string(value); }
std::string number(std::int64_t value) { return std::to_string(value); }
std::string number(std::uint32_t value) { return std::to_string(value); }
std::string flag(bool value) { return value ? "t" : "f"; }
std::optional<std::string> flag(std::optional<bool> value) {
    if (!value) return std::nullopt;
    return flag(*value);
}
std::optional<std::string> iso(const std::optional<Date>& date) {
    if (!date) return std::nullopt;
    return date->iso();
}
// The source file is stored only when it differs from the return's own file.
std::optional<std::string> source_file(const SourceRef& source, const std::string& return_file) {
    if (source.file == return_file) return std::nullopt;
    return source.file;
}

const char* field(const std::string& value) { return value.c_str(); }
const char* field(const std::optional<std::string>& value) {
    return value ? value->c_str() : nullptr;
}

// Rows into one table through COPY: each row's fields as text (NULL for an empty optional).
class Copy {
  public:
    Copy(pqxx::work& tx, const std::string& table, const std::vector<std::string>& columns)
        : m_stream(tx, table, columns) {}

    template <typename... Fields>
    void row(const Fields&... fields) {
        m_stream << std::array<const char*, sizeof...(Fields)>{field(fields)...};
    }
    void complete() { m_stream.complete(); }

  private:
    pqxx::stream_to m_stream;
};

std::int64_t prepare_return_row(pqxx::work& tx, const ReturnRecords& records) {
    const ImportedReturn& imported = records.imported;
    const auto kind = snapshot_kind(records.data);
    const std::optional<std::string> snapshot =
        kind.empty() ? std::nullopt : std::optional<std::string>(kind);
    // The upsert locks an existing row until commit, so two imports of one return take turns.
    const auto row = tx.exec_params1(
        "INSERT INTO case_returns (format, reference, reference_date, snapshot, file, "
        "imported_at, imported_by, records_read, records_used, records_skipped) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) "
        "ON CONFLICT (format, reference) DO UPDATE SET reference_date = EXCLUDED.reference_date, "
        "snapshot = EXCLUDED.snapshot, file = EXCLUDED.file, imported_at = EXCLUDED.imported_at, "
        "imported_by = EXCLUDED.imported_by, records_read = EXCLUDED.records_read, "
        "records_used = EXCLUDED.records_used, records_skipped = EXCLUDED.records_skipped "
        "RETURNING id",
        imported.identity.format, imported.identity.reference, field(iso(imported.reference_date)),
        field(snapshot), imported.file, imported.imported_at, imported.imported_by,
        static_cast<std::int64_t>(imported.records_read),
        static_cast<std::int64_t>(imported.records_used),
        static_cast<std::int64_t>(imported.records_skipped));
    const auto id = row[0].as<std::int64_t>();
    for (const auto table : kRecordTables) {
        tx.exec_params("DELETE FROM " + std::string(table) + " WHERE return_id = $1", id);
    }
    return id;
}

void copy_records(pqxx::work& tx, std::int64_t id_value, const ReturnRecords& records) {
    const CaseData& data = records.data;
    const std::string& file = records.imported.file;
    const std::string id = number(id_value);
    if (!data.assessments.empty()) {
        Copy copy(tx, "case_assessments",
                  {"return_id", "ordinal", "child_id", "start", "authorised", "source_file",
                   "source_line"});
        for (std::size_t i = 0; i < data.assessments.size(); ++i) {
            const auto& r = data.assessments[i];
            copy.row(id, number(i), r.child_id, iso(r.start), iso(r.authorised),
                     source_file(r.source, file), number(r.source.line));
        }
        copy.complete();
    }
    if (!data.enquiries.empty()) {
        Copy copy(tx, "case_enquiries",
                  {"return_id", "ordinal", "child_id", "start", "initial_conference",
                   "conference_not_required", "source_file", "source_line"});
        for (std::size_t i = 0; i < data.enquiries.size(); ++i) {
            const auto& r = data.enquiries[i];
            copy.row(id, number(i), r.child_id, iso(r.start), iso(r.initial_conference),
                     flag(r.conference_not_required), source_file(r.source, file),
                     number(r.source.line));
        }
        copy.complete();
    }
    if (!data.protection_plans.empty()) {
        {
            Copy copy(tx, "case_protection_plans",
                      {"return_id", "ordinal", "child_id", "start", "ended", "source_file",
                       "source_line"});
            for (std::size_t i = 0; i < data.protection_plans.size(); ++i) {
                const auto& r = data.protection_plans[i];
                copy.row(id, number(i), r.child_id, r.start.iso(), iso(r.end),
                         source_file(r.source, file), number(r.source.line));
            }
            copy.complete();
        }
        Copy copy(tx, "case_protection_reviews", {"return_id", "plan_ordinal", "ordinal", "held"});
        for (std::size_t i = 0; i < data.protection_plans.size(); ++i) {
            const auto& reviews = data.protection_plans[i].reviews;
            for (std::size_t k = 0; k < reviews.size(); ++k) {
                copy.row(id, number(i), number(k), reviews[k].iso());
            }
        }
        copy.complete();
    }
    if (!data.care_episodes.empty()) {
        Copy copy(tx, "case_care_episodes",
                  {"return_id", "ordinal", "child_id", "start", "legal_status", "ended",
                   "reason_ended", "source_file", "source_line"});
        for (std::size_t i = 0; i < data.care_episodes.size(); ++i) {
            const auto& r = data.care_episodes[i];
            copy.row(id, number(i), r.child_id, r.start.iso(), r.legal_status, iso(r.end),
                     r.reason_ended, source_file(r.source, file), number(r.source.line));
        }
        copy.complete();
    }
    if (!data.care_reviews.empty()) {
        Copy copy(tx, "case_care_reviews",
                  {"return_id", "ordinal", "child_id", "held", "source_file", "source_line"});
        for (std::size_t i = 0; i < data.care_reviews.size(); ++i) {
            const auto& r = data.care_reviews[i];
            copy.row(id, number(i), r.child_id, r.held.iso(), source_file(r.source, file),
                     number(r.source.line));
        }
        copy.complete();
    }
    if (!data.continuously_looked_after.empty()) {
        Copy copy(tx, "case_continuously_looked_after",
                  {"return_id", "ordinal", "child_id", "health_assessment", "teeth_check",
                   "source_file", "source_line"});
        for (std::size_t i = 0; i < data.continuously_looked_after.size(); ++i) {
            const auto& r = data.continuously_looked_after[i];
            copy.row(id, number(i), r.child_id, flag(r.health_assessment), flag(r.teeth_check),
                     source_file(r.source, file), number(r.source.line));
        }
        copy.complete();
    }
    if (!data.protection_visits.empty()) {
        Copy copy(tx, "case_protection_visits",
                  {"return_id", "ordinal", "child_id", "visited_on", "seen", "seen_alone", "worker",
                   "source_file", "source_line"});
        for (std::size_t i = 0; i < data.protection_visits.size(); ++i) {
            const auto& r = data.protection_visits[i];
            copy.row(id, number(i), r.child_id, r.on.iso(), flag(r.seen), flag(r.seen_alone),
                     r.worker, source_file(r.source, file), number(r.source.line));
        }
        copy.complete();
    }
    if (!data.conference_reports.empty()) {
        Copy copy(tx, "case_conference_reports",
                  {"return_id", "ordinal", "child_id", "conference_type", "conference", "shared",
                   "source_file", "source_line"});
        for (std::size_t i = 0; i < data.conference_reports.size(); ++i) {
            const auto& r = data.conference_reports[i];
            const std::string type =
                r.type == domain::ConferenceType::Initial ? "initial" : "review";
            copy.row(id, number(i), r.child_id, type, r.conference.iso(), iso(r.shared),
                     source_file(r.source, file), number(r.source.line));
        }
        copy.complete();
    }
    if (!data.workforce.empty()) {
        Copy copy(tx, "case_workers",
                  {"return_id", "ordinal", "worker_id", "team", "qualified", "agency", "fte",
                   "start", "ended", "source_file", "source_line"});
        const auto& workers = data.workforce.front().workers;
        for (std::size_t i = 0; i < workers.size(); ++i) {
            const auto& r = workers[i];
            copy.row(id, number(i), r.worker_id, r.team, flag(r.qualified), flag(r.agency),
                     number(r.fte), iso(r.start), iso(r.end), source_file(r.source, file),
                     number(r.source.line));
        }
        copy.complete();
    }
}

CaseData read_case_data(pqxx::transaction_base& tx) {
    CaseData data;
    std::map<std::int64_t, std::string> files;
    for (const auto& row : tx.exec("SELECT id, file FROM case_returns")) {
        files[row[0].as<std::int64_t>()] = text(row[1]);
    }

    for (const auto& row :
         tx.exec("SELECT return_id, child_id, start, authorised, source_file, "
                 "source_line FROM case_assessments ORDER BY return_id, ordinal")) {
        data.assessments.push_back({text(row[1]),
                                    stored_optional_date(row[2], "case_assessments.start"),
                                    stored_optional_date(row[3], "case_assessments.authorised"),
                                    stored_source(row, 4, files)});
    }
    for (const auto& row :
         tx.exec("SELECT return_id, child_id, start, initial_conference, conference_not_required, "
                 "source_file, source_line FROM case_enquiries ORDER BY return_id, ordinal")) {
        data.enquiries.push_back({text(row[1]),
                                  stored_optional_date(row[2], "case_enquiries.start"),
                                  stored_optional_date(row[3], "case_enquiries.initial_conference"),
                                  row[4].as<bool>(), stored_source(row, 5, files)});
    }

    std::map<std::pair<std::int64_t, std::int64_t>, std::size_t> plan_index;
    for (const auto& row :
         tx.exec("SELECT return_id, ordinal, child_id, start, ended, source_file, "
                 "source_line FROM case_protection_plans "
                 "ORDER BY return_id, ordinal")) {
        plan_index[{row[0].as<std::int64_t>(), row[1].as<std::int64_t>()}] =
            data.protection_plans.size();
        data.protection_plans.push_back(
            {text(row[2]),
             stored_date(row[3], "case_protection_plans.start"),
             stored_optional_date(row[4], "case_protection_plans.ended"),
             {},
             stored_source(row, 5, files)});
    }
    for (const auto& row : tx.exec("SELECT return_id, plan_ordinal, held FROM "
                                   "case_protection_reviews "
                                   "ORDER BY return_id, plan_ordinal, ordinal")) {
        const auto found = plan_index.find({row[0].as<std::int64_t>(), row[1].as<std::int64_t>()});
        if (found == plan_index.end()) throw_damaged("a CP review of no plan");
        data.protection_plans[found->second].reviews.push_back(
            stored_date(row[2], "case_protection_reviews.held"));
    }

    for (const auto& row : tx.exec("SELECT return_id, child_id, start, legal_status, ended, "
                                   "reason_ended, source_file, source_line FROM "
                                   "case_care_episodes ORDER BY return_id, ordinal")) {
        data.care_episodes.push_back({text(row[1]), stored_date(row[2], "case_care_episodes.start"),
                                      text(row[3]),
                                      stored_optional_date(row[4], "case_care_episodes.ended"),
                                      text(row[5]), stored_source(row, 6, files)});
    }
    for (const auto& row : tx.exec("SELECT return_id, child_id, held, source_file, source_line "
                                   "FROM case_care_reviews ORDER BY return_id, ordinal")) {
        data.care_reviews.push_back({text(row[1]), stored_date(row[2], "case_care_reviews.held"),
                                     stored_source(row, 3, files)});
    }

    // One OC2 cohort: the latest year end, then the latest import (see case_store.hpp).
    const auto cohort = tx.exec(
        "SELECT id, reference_date FROM case_returns WHERE snapshot = 'oc2' "
        "ORDER BY reference_date DESC NULLS LAST, imported_at DESC, id DESC LIMIT 1");
    if (!cohort.empty()) {
        data.oc2_year_end = stored_optional_date(cohort[0][1], "case_returns.reference_date");
        for (const auto& row : tx.exec_params(
                 "SELECT return_id, child_id, health_assessment, teeth_check, source_file, "
                 "source_line FROM case_continuously_looked_after WHERE return_id = $1 "
                 "ORDER BY ordinal",
                 cohort[0][0].as<std::int64_t>())) {
            data.continuously_looked_after.push_back({text(row[1]), stored_optional_bool(row[2]),
                                                      stored_optional_bool(row[3]),
                                                      stored_source(row, 4, files)});
        }
    }

    for (const auto& row : tx.exec("SELECT return_id, child_id, visited_on, seen, seen_alone, "
                                   "worker, source_file, source_line FROM case_protection_visits "
                                   "ORDER BY return_id, ordinal")) {
        data.protection_visits.push_back({text(row[1]),
                                          stored_date(row[2], "case_protection_visits.visited_on"),
                                          row[3].as<bool>(), stored_optional_bool(row[4]),
                                          text(row[5]), stored_source(row, 6, files)});
    }
    for (const auto& row : tx.exec("SELECT return_id, child_id, conference_type, conference, "
                                   "shared, source_file, source_line FROM "
                                   "case_conference_reports ORDER BY return_id, ordinal")) {
        const auto type = text(row[2]);
        if (type != "initial" && type != "review") {
            throw_damaged("the conference type '" + type + "'");
        }
        data.conference_reports.push_back(
            {text(row[1]),
             type == "initial" ? domain::ConferenceType::Initial : domain::ConferenceType::Review,
             stored_date(row[3], "case_conference_reports.conference"),
             stored_optional_date(row[4], "case_conference_reports.shared"),
             stored_source(row, 5, files)});
    }

    // Each workforce return is one snapshot, dated by the return; returns in import order.
    std::map<std::int64_t, std::size_t> snapshot_index;
    for (const auto& row : tx.exec("SELECT id, reference_date FROM case_returns "
                                   "WHERE snapshot = 'workforce' ORDER BY id")) {
        if (row[1].is_null()) throw_damaged("a workforce return with no reference date");
        snapshot_index[row[0].as<std::int64_t>()] = data.workforce.size();
        data.workforce.push_back({stored_date(row[1], "case_returns.reference_date"), {}});
    }
    for (const auto& row : tx.exec("SELECT return_id, worker_id, team, qualified, agency, fte, "
                                   "start, ended, source_file, source_line FROM case_workers "
                                   "ORDER BY return_id, ordinal")) {
        const auto found = snapshot_index.find(row[0].as<std::int64_t>());
        if (found == snapshot_index.end()) throw_damaged("a worker of no workforce return");
        domain::SocialWorker worker;
        worker.worker_id = text(row[1]);
        worker.team = text(row[2]);
        worker.qualified = row[3].as<bool>();
        worker.agency = row[4].as<bool>();
        worker.fte = row[5].as<double>();
        worker.start = stored_optional_date(row[6], "case_workers.start");
        worker.end = stored_optional_date(row[7], "case_workers.ended");
        worker.source = stored_source(row, 8, files);
        data.workforce[found->second].workers.push_back(std::move(worker));
    }
    return data;
}

// Called from a catch clause: what went wrong, for a person.
Error database_error(std::string_view shown, std::string_view doing) {
    const std::string where = "the PostgreSQL database '" + std::string(shown) + "'";
    const std::string while_doing = " while " + std::string(doing);
    try {
        throw;
    } catch (const pqxx::broken_connection& error) {
        return Error{ErrorKind::Unavailable,
                     "cannot reach " + where + while_doing + " (" + one_line(error.what()) +
                         "): check that the server is running",
                     {}};
    } catch (const pqxx::in_doubt_error& error) {
        return Error{ErrorKind::Unavailable,
                     "the connection to " + where + " was lost" + while_doing + " (" +
                         one_line(error.what()) +
                         "): check whether the import was stored (csip "
                         "data list) before making it again",
                     {}};
    } catch (const pqxx::insufficient_privilege& error) {
        return Error{ErrorKind::Unavailable,
                     "the database user may not do this" + while_doing + " in " + where + " (" +
                         one_line(error.what()) +
                         "): grant it the privileges listed in docs/storage.md",
                     {}};
    } catch (const pqxx::pqxx_exception& error) {
        return Error{ErrorKind::Unavailable,
                     where + " failed" + while_doing + " (" + one_line(error.base().what()) +
                         "): check the server's log, then try again; nothing was stored",
                     {}};
    } catch (const StoredDataError& error) {
        return Error{ErrorKind::Unavailable,
                     where + " holds data csip did not write: " + std::string(error.what()) +
                         "; check what else writes to it, or restore it from a backup",
                     {}};
    }
}

// How messages name the database: its URL without any password, rebuilt from the connection.
std::string shown_name(pqxx::connection& db) {
    const char* user = db.username();
    const char* host = db.hostname();
    const char* port = db.port();
    const char* name = db.dbname();
    std::string shown = "postgresql://";
    if (user != nullptr && *user != '\0') shown += std::string(user) + "@";
    if (host != nullptr && *host != '/' && *host != '\0') shown += host;
    if (port != nullptr && *port != '\0') shown += ":" + std::string(port);
    shown += "/" + std::string(name != nullptr ? name : "");
    if (host != nullptr && *host == '/') shown += "?host=" + std::string(host);
    return shown;
}

}  // namespace

PostgresCaseStore::PostgresCaseStore(std::unique_ptr<PostgresDatabase> database)
    : m_database(std::move(database)) {}

PostgresCaseStore::~PostgresCaseStore() = default;

Result<void> PostgresCaseStore::replace_returns(const std::vector<ReturnRecords>& returns) {
    if (auto problem = check_return_records(returns)) return fail(std::move(*problem));
    return m_database->guarded("storing case data", [&](pqxx::connection& db) -> Result<void> {
        pqxx::work tx(db);
        for (const ReturnRecords& records : returns) {
            copy_records(tx, prepare_return_row(tx, records), records);
        }
        tx.commit();
        return {};
    });
}

Result<CaseData> PostgresCaseStore::load_case_data() {
    return m_database->guarded("reading case data", [&](pqxx::connection& db) -> Result<CaseData> {
        pqxx::transaction<pqxx::repeatable_read, pqxx::read_only> tx(db);
        return read_case_data(tx);
    });
}

Result<std::vector<ImportedReturn>> PostgresCaseStore::imported_returns() {
    return m_database->guarded("reading the imported returns", [&](pqxx::connection& db) -> Result<std::vector<ImportedReturn>> {
        pqxx::read_transaction tx(db);
        std::vector<ImportedReturn> imported;
        for (const auto& row :
             tx.exec("SELECT format, reference, reference_date, file, imported_at, imported_by, "
                     "records_read, records_used, records_skipped FROM case_returns ORDER BY id")) {
            ImportedReturn item;
            item.identity = {text(row[0]), text(row[1])};
            item.reference_date = stored_optional_date(row[2], "case_returns.reference_date");
            item.file = text(row[3]);
            item.imported_at = text(row[4]);
            item.imported_by = text(row[5]);
            item.records_read = row[6].as<std::uint64_t>();
            item.records_used = row[7].as<std::uint64_t>();
            item.records_skipped = row[8].as<std::uint64_t>();
            imported.push_back(std::move(item));
        }
        return imported;
    });
}

Result<void> PostgresCaseStore::add_manual_value(const ManualValue& value) {
    return m_database->guarded("recording a manual indicator value", [&](pqxx::connection& db) -> Result<void> {
        pqxx::work tx(db);
        tx.exec_params(
            "INSERT INTO manual_indicator_values (indicator, month, value, recorded_by, "
            "recorded_at, note) VALUES ($1, $2, $3, $4, $5, $6)",
            value.indicator, value.month, value.value, value.recorded_by, value.recorded_at,
            value.note);
        tx.commit();
        return {};
    });
}

Result<std::vector<ManualValue>> PostgresCaseStore::manual_values() {
    return m_database->guarded("reading manual indicator values", [&](pqxx::connection& db) -> Result<std::vector<ManualValue>> {
        pqxx::read_transaction tx(db);
        std::vector<ManualValue> values;
        for (const auto& row : tx.exec("SELECT indicator, month, value, recorded_by, recorded_at, "
                                       "note FROM manual_indicator_values ORDER BY id")) {
            values.push_back({text(row[0]), text(row[1]), row[2].as<double>(), text(row[3]),
                              text(row[4]), text(row[5])});
        }
        return values;
    });
}

Result<std::map<std::string, IndicatorSetting>> PostgresCaseStore::settings() {
    return m_database->guarded("reading indicator settings",
                   [&](pqxx::connection& db) -> Result<std::map<std::string, IndicatorSetting>> {
        pqxx::read_transaction tx(db);
                       std::map<std::string, IndicatorSetting> settings;
                       for (const auto& row :
                            tx.exec("SELECT key, value, set_by, set_at FROM indicator_settings")) {
                           settings[text(row[0])] = {text(row[0]), row[1].as<double>(),
                                                     text(row[2]), text(row[3])};
                       }
                       return settings;
                   });
}

Result<void> PostgresCaseStore::save_setting(const IndicatorSetting& setting) {
    return m_database->guarded("saving an indicator setting", [&](pqxx::connection& db) -> Result<void> {
        pqxx::work tx(db);
        tx.exec_params(
            "INSERT INTO indicator_settings (key, value, set_by, set_at) VALUES ($1, $2, $3, $4) "
            "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, set_by = EXCLUDED.set_by, "
            "set_at = EXCLUDED.set_at",
            setting.key, setting.value, setting.set_by, setting.set_at);
        tx.commit();
        return {};
    });
}

Result<std::unique_ptr<CaseStore>> open_postgres_case_store(const std::string& url) {
    auto connection = connect_and_migrate(url);
    if (!connection) return fail(std::move(connection).error());
    try {
        // Dates are read back as YYYY-MM-DD whatever the server's default style.
        (*connection)->set_variable("DateStyle", "ISO");
        std::string shown = shown_name(**connection);
        return std::unique_ptr<CaseStore>(std::make_unique<PostgresCaseStore>(
            std::make_unique<PostgresDatabase>(std::move(*connection), std::move(shown), &database_error)));
    } catch (const pqxx::pqxx_exception&) {
        return fail(database_error("(the --db URL)", "opening it"));
    }
}

}  // namespace csip::storage::postgres
