#include "case_data_summary.hpp"

#include <sstream>

namespace csip::import::testing {
namespace {

std::string date_or_dash(const std::optional<domain::Date>& date) { return date ? date->iso() : "-"; }
std::string yes_no(bool flag) { return flag ? "yes" : "no"; }
std::string yes_no(const std::optional<bool>& flag) { return flag ? yes_no(*flag) : "-"; }

std::string strip(const std::string& text, const std::string& prefix) {
    std::string out = text;
    for (auto at = out.find(prefix); !prefix.empty() && at != std::string::npos; at = out.find(prefix)) {
        out.erase(at, prefix.size());
    }
    return out;
}

// One Annex A row: its list, identifier, each typed field it has and the source; then every
// column as kept, on a line of its own.
void summarise_child(std::ostringstream& out, const domain::AnnexAChild& c,
                     const std::string& file_prefix) {
    out << "annex-a list " << c.list << " " << c.child_id;
    if (!c.team.empty()) out << " team " << c.team;
    if (!c.worker.empty()) out << " worker " << c.worker;
    const std::pair<const char*, const std::optional<domain::Date>*> dates[] = {
        {"birth", &c.birth},
        {"start", &c.start},
        {"end", &c.end},
        {"last-visit", &c.last_visit},
        {"latest-review", &c.latest_review},
        {"health", &c.health_assessment},
        {"dental", &c.dental_check}};
    for (const auto& [name, date] : dates) {
        if (*date) out << " " << name << " " << (*date)->iso();
    }
    if (c.placements_last_12_months) out << " placements " << *c.placements_last_12_months;
    if (c.previous_plans) out << " previous-plans " << *c.previous_plans;
    if (c.in_touch) out << " in-touch " << yes_no(c.in_touch);
    if (c.suitable_accommodation) out << " suitable " << yes_no(c.suitable_accommodation);
    if (c.no_conference_needed) out << " no-conference-needed " << yes_no(c.no_conference_needed);
    if (!c.activity.empty()) out << " activity " << c.activity;
    out << " @" << strip(c.source.file, file_prefix) << ":" << c.source.line << "\n";
    out << "  values:";
    for (const auto& [header, value] : c.values) out << " " << header << "=" << value << " |";
    out << "\n";
}

}  // namespace

std::string summarise(const ReadReport& report, const domain::CaseData& data, const std::string& file_prefix) {
    std::ostringstream out;
    out << "format: " << format_name(report.format) << "\n";
    out << "read: " << report.records_read << "\n";
    out << "used: " << report.records_used << "\n";
    for (const auto& [reason, count] : report.skipped_by_reason) out << "skipped: " << reason << ": " << count << "\n";
    for (const auto& problem : report.problems) {
        out << "problem: " << strip(to_string(problem), file_prefix) << "\n";
    }
    for (const auto& a : data.assessments) {
        out << "assessment " << a.child_id << " " << date_or_dash(a.start) << " authorised "
            << date_or_dash(a.authorised) << " @" << strip(a.source.file, file_prefix) << ":" << a.source.line << "\n";
    }
    for (const auto& e : data.enquiries) {
        out << "enquiry " << e.child_id << " " << date_or_dash(e.start) << " icpc " << date_or_dash(e.initial_conference)
            << " not-required " << yes_no(e.conference_not_required) << " @" << strip(e.source.file, file_prefix) << ":"
            << e.source.line << "\n";
    }
    for (const auto& p : data.protection_plans) {
        out << "plan " << p.child_id << " " << p.start.iso() << " to " << date_or_dash(p.end) << " reviews";
        for (const auto& review : p.reviews) out << " " << review.iso();
        out << " @" << strip(p.source.file, file_prefix) << ":" << p.source.line << "\n";
    }
    for (const auto& e : data.care_episodes) {
        out << "episode " << e.child_id << " " << e.start.iso() << " to " << date_or_dash(e.end) << " LS "
            << e.legal_status << " REC " << (e.reason_ended.empty() ? "-" : e.reason_ended) << " @"
            << strip(e.source.file, file_prefix) << ":" << e.source.line << "\n";
    }
    for (const auto& r : data.care_reviews) {
        out << "care review " << r.child_id << " " << r.held.iso() << " @" << strip(r.source.file, file_prefix) << ":"
            << r.source.line << "\n";
    }
    for (const auto& c : data.continuously_looked_after) {
        out << "oc2 " << c.child_id << " health " << yes_no(c.health_assessment) << " teeth " << yes_no(c.teeth_check)
            << " @" << strip(c.source.file, file_prefix) << ":" << c.source.line << "\n";
    }
    for (const auto& v : data.protection_visits) {
        out << "visit " << v.child_id << " " << v.on.iso() << " seen " << yes_no(v.seen) << " alone "
            << yes_no(v.seen_alone) << " worker " << (v.worker.empty() ? "-" : v.worker) << " @"
            << strip(v.source.file, file_prefix) << ":" << v.source.line << "\n";
    }
    for (const auto& c : data.conference_reports) {
        out << "conference " << c.child_id << " " << (c.type == domain::ConferenceType::Initial ? "ICPC" : "RCPC")
            << " " << c.conference.iso() << " shared " << date_or_dash(c.shared) << " @"
            << strip(c.source.file, file_prefix) << ":" << c.source.line << "\n";
    }
    for (const auto& snapshot : data.workforce) {
        out << "workforce at " << snapshot.reference_date.iso() << "\n";
        for (const auto& w : snapshot.workers) {
            out << "worker " << (w.worker_id.empty() ? "-" : w.worker_id) << " team "
                << (w.team.empty() ? "-" : w.team) << " qualified " << yes_no(w.qualified) << " agency "
                << yes_no(w.agency) << " fte " << w.fte << " " << date_or_dash(w.start) << " to " << date_or_dash(w.end)
                << " @" << strip(w.source.file, file_prefix) << ":" << w.source.line << "\n";
        }
    }
    for (const auto& snapshot : data.annex_a) {
        out << "annex-a snapshot rows: " << snapshot.children.size() << "\n";
        for (const auto& child : snapshot.children) summarise_child(out, child, file_prefix);
    }
    return out.str();
}

}  // namespace csip::import::testing
