// The event lists no national return carries, as CSV: CP visits (the Standard Safeguarding
// Dataset's cp_visits table), conference reports and the workforce extract (csip's own; see
// docs/case-data-formats.md). Columns may come in any order; columns not named here are ignored.
#include <cmath>

#include "import/returns/csv_table.hpp"
#include "import/returns/values.hpp"

namespace csip::import::returns {
namespace {

Result<void> read_cp_visits(const std::filesystem::path& path, ReportBuilder& report, domain::CaseData& out) {
    std::optional<std::size_t> child, on, seen, seen_alone, worker;
    return read_csv_table(
        path, {ReturnFormat::CpVisits, {"cppv_person_id", "cppv_cp_visit_date", "cppv_cp_visit_seen"}}, report,
        [&](const CsvHeader& header) {
            child = header.find("cppv_person_id");
            on = header.find("cppv_cp_visit_date");
            seen = header.find("cppv_cp_visit_seen");
            seen_alone = header.find("cppv_cp_visit_seen_alone");
            worker = header.find("worker_id");
        },
        [&](const CsvRow& row) {
            if (row.blank(child)) {
                row.skip("visit without a child", child, "cppv_person_id is blank",
                         "give the child's identifier, as in the CIN census");
                return false;
            }
            std::optional<domain::Date> date;
            if (!row.date(on, "visit with an unreadable date", date)) return false;
            if (!date) {
                row.skip("visit without a date", on, "cppv_cp_visit_date is blank", "give the date of the visit");
                return false;
            }
            std::optional<bool> was_seen, alone;
            if (!row.boolean(seen, "visit with an unreadable seen or seen-alone flag", was_seen)) return false;
            if (!row.boolean(seen_alone, "visit with an unreadable seen or seen-alone flag", alone)) return false;
            if (!was_seen) {
                row.skip("visit without cppv_cp_visit_seen", seen, "cppv_cp_visit_seen is blank",
                         "say whether the child was seen: Y or N");
                return false;
            }
            out.protection_visits.push_back({std::string(row.text(child)), *date, *was_seen, alone,
                                             std::string(row.text(worker)), row.source()});
            return true;
        });
}

std::optional<domain::ConferenceType> conference_type(std::string_view text) {
    if (iequals(text, "ICPC") || iequals(text, "initial")) return domain::ConferenceType::Initial;
    if (iequals(text, "RCPC") || iequals(text, "review")) return domain::ConferenceType::Review;
    return std::nullopt;
}

Result<void> read_conference_reports(const std::filesystem::path& path, ReportBuilder& report,
                                     domain::CaseData& out) {
    std::optional<std::size_t> child, type, held, shared;
    return read_csv_table(
        path, {ReturnFormat::ConferenceReports, {"child_id", "conference_type", "conference_date", "report_shared_date"}},
        report,
        [&](const CsvHeader& header) {
            child = header.find("child_id");
            type = header.find("conference_type");
            held = header.find("conference_date");
            shared = header.find("report_shared_date");
        },
        [&](const CsvRow& row) {
            if (row.blank(child)) {
                row.skip("conference without a child", child, "child_id is blank", "give the child's identifier");
                return false;
            }
            const auto kind = conference_type(row.text(type));
            if (!kind) {
                row.skip(
                    "conference of an unknown type", type,
                    "conference_type '" + printable(row.text(type)) + "' is neither ICPC nor RCPC",
                    "write ICPC for an initial conference, RCPC for a review conference");
                return false;
            }
            std::optional<domain::Date> conference, shared_on;
            if (!row.date(held, "conference with an unreadable date", conference)) return false;
            if (!row.date(shared, "conference with an unreadable date", shared_on)) return false;
            if (!conference) {
                row.skip("conference without a date", held, "conference_date is blank",
                         "give the date the conference was held");
                return false;
            }
            out.conference_reports.push_back({std::string(row.text(child)), *kind, *conference, shared_on, row.source()});
            return true;
        });
}

std::optional<bool> agency_flag(std::string_view text) {
    if (iequals(text, "agency")) return true;
    if (iequals(text, "employed")) return false;
    return parse_bool(text);
}

Result<void> read_workforce(const std::filesystem::path& path, ReportBuilder& report, domain::CaseData& out) {
    std::optional<std::size_t> id, team, qualified, agency, fte, start, end, reference;
    std::optional<domain::Date> reference_date;
    std::vector<domain::SocialWorker> workers;
    auto result = read_csv_table(
        path, {ReturnFormat::Workforce, {"worker_id", "agency", "fte", "reference_date"}}, report,
        [&](const CsvHeader& header) {
            id = header.find("worker_id");
            team = header.find("team");
            qualified = header.find("qualified");
            agency = header.find("agency");
            fte = header.find("fte");
            start = header.find("start_date");
            end = header.find("end_date");
            reference = header.find("reference_date");
        },
        [&](const CsvRow& row) {
            std::optional<domain::Date> as_of;
            if (!row.date(reference, "worker with an unreadable date", as_of)) return false;
            if (as_of) {
                if (!reference_date) reference_date = as_of;
                if (*as_of != *reference_date) {
                    row.skip("worker with a different reference_date", reference,
                             "reference_date " + as_of->iso() + " differs from " + reference_date->iso() +
                                 ", the date of the rows above",
                             "give one extract per file, every row with the same reference_date");
                    return false;
                }
            }
            if (row.blank(id)) {
                row.skip("worker without a worker_id", id, "worker_id is blank", "give each worker an identifier");
                return false;
            }
            domain::SocialWorker worker;
            worker.worker_id = std::string(row.text(id));
            worker.team = std::string(row.text(team));
            const auto is_agency = agency_flag(row.text(agency));
            if (!is_agency) {
                row.skip(
                    "worker with an unreadable agency value", agency,
                    "agency '" + printable(row.text(agency)) + "' is neither agency nor employed",
                    "write agency or employed (or Y/N)");
                return false;
            }
            worker.agency = *is_agency;
            if (qualified) {
                std::optional<bool> flag;
                if (!row.boolean(qualified, "worker with an unreadable qualified value", flag)) return false;
                if (!flag) {
                    row.skip("worker with an unreadable qualified value", qualified, "qualified is blank",
                             std::string(kCsvBoolFix));
                    return false;
                }
                worker.qualified = *flag;
            }
            const auto hours = parse_number(row.text(fte));
            if (!hours || !std::isfinite(*hours)) {
                row.skip("worker with an unreadable fte", fte,
                         "fte '" + printable(row.text(fte)) + "' is not a full-time equivalent",
                         "give a number " + std::string(kFteRange));
                return false;
            }
            if (*hours < 0.0 || *hours > kMaxFte) {
                row.skip("worker with an unreadable fte", fte,
                         "fte '" + printable(row.text(fte)) +
                             "' is outside the full-time equivalents one post can have (0 to 1)",
                         "give a number " + std::string(kFteRange) +
                             "; give a worker with two posts a row for each");
                return false;
            }
            worker.fte = *hours;
            if (!row.date(start, "worker with an unreadable date", worker.start)) return false;
            if (!row.date(end, "worker with an unreadable date", worker.end)) return false;
            if (worker.start && worker.end && *worker.end < *worker.start) {
                row.skip("worker who left before starting", end,
                         "end_date " + worker.end->iso() + " is before start_date " + worker.start->iso(),
                         "correct whichever of the two dates is wrong");
                return false;
            }
            worker.source = row.source();
            workers.push_back(std::move(worker));
            return true;
        });
    if (!result) return result;
    if (!reference_date) {
        return fail(ErrorKind::InvalidInput,
                    report.file() + ": no row gives a reference_date, so the workforce cannot be dated; give the "
                                    "date the extract was taken on every row, as YYYY-MM-DD",
                    report.file());
    }
    out.workforce.push_back(domain::WorkforceSnapshot{*reference_date, std::move(workers)});
    return {};
}

}  // namespace

Result<void> read_event_csv(const std::filesystem::path& path, ReturnFormat format, ReportBuilder& report,
                            domain::CaseData& out) {
    switch (format) {
        case ReturnFormat::CpVisits: return read_cp_visits(path, report, out);
        case ReturnFormat::ConferenceReports: return read_conference_reports(path, report, out);
        case ReturnFormat::Workforce: return read_workforce(path, report, out);
        default: break;
    }
    return fail(ErrorKind::InvalidInput, "not an event CSV", report.file());
}

}  // namespace csip::import::returns
