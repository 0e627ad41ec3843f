#include "import/returns/read_return.hpp"

#include <iterator>

#include "import/returns/reader_support.hpp"

namespace csip::import {
namespace {

template <typename T>
void append(std::vector<T>& into, std::vector<T>& from) {
    into.insert(into.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
}

// Adds what one file yielded to what the caller holds: workforce and Annex A snapshots are
// added like any other records (each is as at its own date). An OC2 year end replaces the one
// held.
void merge(domain::CaseData& into, domain::CaseData& from) {
    append(into.assessments, from.assessments);
    append(into.enquiries, from.enquiries);
    append(into.protection_plans, from.protection_plans);
    append(into.care_episodes, from.care_episodes);
    append(into.care_reviews, from.care_reviews);
    append(into.continuously_looked_after, from.continuously_looked_after);
    append(into.protection_visits, from.protection_visits);
    append(into.conference_reports, from.conference_reports);
    if (from.oc2_year_end) into.oc2_year_end = from.oc2_year_end;
    append(into.workforce, from.workforce);
    append(into.annex_a, from.annex_a);
}

}  // namespace

Result<ReadReport> read_return(const std::filesystem::path& path, ReturnFormat format, domain::CaseData& into,
                               const ProgressFn& progress, const std::string& name) {
    const std::string file = name.empty() ? path.string() : name;
    std::error_code error;
    if (!std::filesystem::is_regular_file(path, error)) {
        return fail(ErrorKind::NotFound, file + ": no such file", file);
    }
    const auto total = returns::file_size_or_zero(path);
    returns::ReportBuilder report(format, file, progress, total);
    domain::CaseData read;
    Result<void> result;
    switch (format) {
        case ReturnFormat::CinCensus: result = returns::read_cin_census(path, report, read); break;
        case ReturnFormat::Csww: result = returns::read_csww(path, report, read); break;
        case ReturnFormat::Ssda903Header:
        case ReturnFormat::Ssda903Episodes:
        case ReturnFormat::Ssda903Reviews:
        case ReturnFormat::Ssda903Oc2: result = returns::read_ssda903(path, format, report, read); break;
        case ReturnFormat::AnnexAWorkbook: result = returns::read_annex_a_workbook(path, report, read); break;
        case ReturnFormat::AnnexAList: result = returns::read_annex_a_list(path, report, read); break;
        case ReturnFormat::CpVisits:
        case ReturnFormat::ConferenceReports:
        case ReturnFormat::Workforce: result = returns::read_event_csv(path, format, report, read); break;
    }
    if (!result) {
        // What the reader quoted from the file is shown escaped and cut short.
        auto refused = result.error();
        refused.message = printable(refused.message, 1000);
        return fail(std::move(refused));
    }
    merge(into, read);
    return report.finish(total);
}

}  // namespace csip::import
