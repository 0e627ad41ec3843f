// The SSDA903 tables, as the DfE's children looked after return lays them out in CSV: each
// table is recognised by its header row and read row by row. `episodes`, `reviews` and `oc2`
// become care episodes, care reviews and the OC2 cohort; `header` (child characteristics) is
// recognised and counted but kept for nothing, since no indicator reads it.
#include "import/returns/csv_table.hpp"
#include "import/returns/values.hpp"

namespace csip::import::returns {
namespace {

constexpr std::string_view kChildFix = "give the child's identifier in CHILD, as in the rest of the return";

Result<void> read_episodes(const std::filesystem::path& path, ReportBuilder& report, domain::CaseData& out) {
    std::optional<std::size_t> child, start, legal_status, end, reason;
    return read_csv_table(
        path, {ReturnFormat::Ssda903Episodes, {"CHILD", "DECOM", "LS", "DEC", "REC"}}, report,
        [&](const CsvHeader& header) {
            child = header.find("CHILD");
            start = header.find("DECOM");
            legal_status = header.find("LS");
            end = header.find("DEC");
            reason = header.find("REC");
        },
        [&](const CsvRow& row) {
            if (row.blank(child)) {
                row.skip("episode without a CHILD", child, "the episode has no child identifier", std::string(kChildFix));
                return false;
            }
            std::optional<domain::Date> started, ended;
            if (!row.date(start, "episode with an unreadable date", started)) return false;
            if (!row.date(end, "episode with an unreadable date", ended)) return false;
            if (!started) {
                row.skip("episode without a start date (DECOM)", start, "DECOM, the date the episode began, is blank",
                         "give the date the episode began, as dd/mm/yyyy");
                return false;
            }
            if (ended && *ended < *started) {
                row.skip("episode that ended before it started", end,
                         "DEC " + ended->iso() + " is before DECOM " + started->iso(),
                         "correct whichever of the two dates is wrong");
                return false;
            }
            out.care_episodes.push_back({std::string(row.text(child)), *started, std::string(row.text(legal_status)),
                                         ended, std::string(row.text(reason)), row.source()});
            return true;
        });
}

Result<void> read_reviews(const std::filesystem::path& path, ReportBuilder& report, domain::CaseData& out) {
    std::optional<std::size_t> child, held;
    return read_csv_table(
        path, {ReturnFormat::Ssda903Reviews, {"CHILD", "REVIEW", "REVIEW_CODE"}}, report,
        [&](const CsvHeader& header) {
            child = header.find("CHILD");
            held = header.find("REVIEW");
        },
        [&](const CsvRow& row) {
            if (row.blank(child)) {
                row.skip("review without a CHILD", child, "the review has no child identifier", std::string(kChildFix));
                return false;
            }
            std::optional<domain::Date> date;
            if (!row.date(held, "review with an unreadable date", date)) return false;
            if (!date) {
                row.skip("review without a date", held, "REVIEW, the date the review was held, is blank",
                         "give the date of the review, as dd/mm/yyyy");
                return false;
            }
            out.care_reviews.push_back({std::string(row.text(child)), *date, row.source()});
            return true;
        });
}

Result<void> read_oc2(const std::filesystem::path& path, ReportBuilder& report, domain::CaseData& out) {
    std::optional<std::size_t> child, health, teeth;
    return read_csv_table(
        path, {ReturnFormat::Ssda903Oc2, {"CHILD", "HEALTH_ASSESSMENT", "TEETH_CHECK"}}, report,
        [&](const CsvHeader& header) {
            child = header.find("CHILD");
            health = header.find("HEALTH_ASSESSMENT");
            teeth = header.find("TEETH_CHECK");
        },
        [&](const CsvRow& row) {
            if (row.blank(child)) {
                row.skip("OC2 row without a CHILD", child, "the row has no child identifier", std::string(kChildFix));
                return false;
            }
            domain::ContinuouslyLookedAfter record;
            const std::string reason = "OC2 row with an unreadable HEALTH_ASSESSMENT or TEETH_CHECK";
            if (!row.boolean(health, reason, record.health_assessment)) return false;
            if (!row.boolean(teeth, reason, record.teeth_check)) return false;
            record.child_id = std::string(row.text(child));
            record.source = row.source();
            out.continuously_looked_after.push_back(std::move(record));
            return true;
        });
}

Result<void> read_header(const std::filesystem::path& path, ReportBuilder& report) {
    std::uint64_t rows = 0;
    auto result = read_csv_table(
        path, {ReturnFormat::Ssda903Header, {"CHILD", "SEX", "DOB", "ETHNIC"}}, report, {},
        [&](const CsvRow& /*row*/) {
            ++rows;
            return false;
        });
    if (result) report.not_kept("903 header rows: child characteristics, which no indicator reads", rows);
    return result;
}

}  // namespace

Result<void> read_ssda903(const std::filesystem::path& path, ReturnFormat table, ReportBuilder& report,
                          domain::CaseData& out) {
    switch (table) {
        case ReturnFormat::Ssda903Episodes: return read_episodes(path, report, out);
        case ReturnFormat::Ssda903Reviews: return read_reviews(path, report, out);
        case ReturnFormat::Ssda903Oc2: return read_oc2(path, report, out);
        case ReturnFormat::Ssda903Header: return read_header(path, report);
        default: break;
    }
    return fail(ErrorKind::InvalidInput, "not an SSDA903 table", report.file());
}

}  // namespace csip::import::returns
