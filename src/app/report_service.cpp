#include "app/report_service.hpp"

#include <algorithm>
#include <map>

#include "app/benchmark_service.hpp"
#include "app/indicator_service.hpp"
#include "app/sha256.hpp"
#include "app/smtp_mail.hpp"
#include "domain/plan_changes.hpp"
#include "domain/text.hpp"
#include "import/plan_reader.hpp"
#include "reporting/docx/docx_writer.hpp"
#include "reporting/html_pack.hpp"
#include "reporting/plan_json_writer.hpp"
#include "reporting/report_snapshot.hpp"
#include "reporting/xlsx/xlsx_writer.hpp"

namespace csip::app {
namespace {

using domain::Date;

// Reminders look back this far for a status update.
constexpr int kUpdateDays = 30;

domain::AuditEntry audit(const domain::Clock& clock, const std::string& actor,
                         const std::string& entity, const std::string& id, const std::string& field,
                         std::optional<std::string> value) {
    return {
        0,           clock.timestamp(), actor, entity, id, field, std::nullopt, std::move(value),
        std::nullopt};
}

int cadence_months(const std::string& cadence) {
    if (cadence == "monthly") return 1;
    if (cadence == "bi-monthly" || cadence == "bimonthly") return 2;
    if (cadence == "six-monthly" || cadence == "half-yearly") return 6;
    if (cadence == "annual" || cadence == "annually" || cadence == "yearly") return 12;
    return 3;  // quarterly, and any cadence csip does not know
}

// SHA-256 over each part, each preceded by its length, so that moving bytes from one part to
// the next changes the hash.
std::string content_hash(const std::vector<const std::string*>& parts) {
    Sha256 hash;
    for (const auto* part : parts) hash.update(std::to_string(part->size()) + ":").update(*part);
    return hash.hex();
}

}  // namespace

std::string_view to_string(ReportFormat format) {
    switch (format) {
        case ReportFormat::Docx:
            return "docx";
        case ReportFormat::Html:
            return "html";
        case ReportFormat::Xlsx:
            return "xlsx";
    }
    return "docx";
}

std::string_view content_type(ReportFormat format) {
    switch (format) {
        case ReportFormat::Docx:
            return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
        case ReportFormat::Html:
            return "text/html; charset=utf-8";
        case ReportFormat::Xlsx:
            return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    }
    return "application/octet-stream";
}

std::optional<ReportFormat> parse_report_format(std::string_view word) {
    if (word == "docx") return ReportFormat::Docx;
    if (word == "html") return ReportFormat::Html;
    if (word == "xlsx") return ReportFormat::Xlsx;
    return std::nullopt;
}

IndicatorSource indicator_source(IndicatorService& indicators) {
    return [&indicators](Date from, Date to) -> Result<std::vector<domain::IndicatorResult>> {
        auto report = indicators.indicators(from, to);
        if (!report) return fail(report.error());
        std::vector<domain::IndicatorResult> results;
        for (auto& line : report->indicators) results.push_back(std::move(line.result));
        return results;
    };
}

ExceptionSource exception_source(IndicatorService& indicators) {
    return [&indicators](const std::string& indicator, Date as_of) {
        return indicators.exceptions(indicator, as_of);
    };
}

BenchmarkSource benchmark_source(BenchmarkService& benchmarks) {
    return [&benchmarks]() -> Result<std::map<std::string, domain::MeasureComparison>> {
        auto held = benchmarks.for_indicators();
        if (!held) return fail(held.error());
        return std::move(held->latest);
    };
}

ReportService::ReportService(storage::PlanStore& plans, storage::ReportStore& reports,
                             const domain::Clock& clock, IndicatorSource indicators,
                             ExceptionSource exceptions, BenchmarkSource benchmarks)
    : m_plans(plans),
      m_reports(reports),
      m_clock(clock),
      m_indicators(std::move(indicators)),
      m_exceptions(std::move(exceptions)),
      m_benchmarks(std::move(benchmarks)) {}

Result<void> ReportService::add_body(const domain::GovernanceBody& body, const std::string& actor) {
    if (body.id.empty() || body.id.find_first_of(" /,") != std::string::npos) {
        return fail(ErrorKind::InvalidInput,
                    "a body's id must be one word without spaces, slashes or commas, e.g. osmc",
                    "id");
    }
    for (const auto& [value, field] :
         {std::pair{&body.id, "id"}, {&body.name, "name"}, {&body.cadence, "cadence"}}) {
        if (auto checked = domain::check_text(*value, field, std::string("body's ") + field); !checked) {
            return fail(checked.error());
        }
    }
    if (body.name.empty()) return fail(ErrorKind::InvalidInput, "a body needs a --name", "name");
    if (body.cadence.empty()) {
        return fail(ErrorKind::InvalidInput, "a body needs a --cadence, e.g. monthly or quarterly",
                    "cadence");
    }
    return m_plans.save_governance_body(
        body, {audit(m_clock, actor, "governance_body", body.id, "saved",
                     body.name + " (" + body.cadence + (body.is_public ? ", public)" : ")"))});
}

Result<std::vector<domain::GovernanceBody>> ReportService::bodies() {
    return m_plans.governance_bodies();
}

Result<domain::GovernanceBody> ReportService::body(const std::string& id) {
    auto all = m_plans.governance_bodies();
    if (!all) return fail(all.error());
    for (const auto& body : *all) {
        if (body.id == id) return body;
    }
    return fail(ErrorKind::NotFound,
                "there is no governance body '" + id +
                    "': 'csip body list' shows them, 'csip "
                    "body add' adds one",
                "body");
}

Result<void> ReportService::add_meeting(const std::string& body_id, Date on,
                                        const std::string& actor) {
    if (auto found = body(body_id); !found) return fail(found.error());
    return m_reports.add_meeting({body_id, on},
                                 {audit(m_clock, actor, "meeting", body_id, "added", on.iso())});
}

Result<std::vector<storage::Meeting>> ReportService::meetings(const std::string& body_id) {
    return m_reports.meetings(body_id);
}

Result<storage::ReportProfile> ReportService::profile(const std::string& body_id) {
    if (auto found = body(body_id); !found) return fail(found.error());
    auto stored = m_reports.report_profile(body_id);
    if (!stored) return fail(stored.error());
    if (*stored) return std::move(**stored);
    storage::ReportProfile empty;
    empty.body_id = body_id;
    return empty;
}

Result<void> ReportService::set_profile(const storage::ReportProfile& profile,
                                        const std::string& actor) {
    auto found = body(profile.body_id);
    if (!found) return fail(found.error());
    if (found->is_public && profile.case_level_allowed) {
        return fail(ErrorKind::Conflict,
                    "'" + found->name +
                        "' is a public body: its reports are published, so they "
                        "can never hold case-level content",
                    "case_level");
    }
    return m_reports.save_report_profile(
        profile, {audit(m_clock, actor, "report_profile", profile.body_id, "saved",
                        profile.case_level_allowed ? "case-level allowed" : "no case-level")});
}

Result<storage::ReportSettings> ReportService::settings() { return m_reports.settings(); }

Result<void> ReportService::set_setting(const std::string& key, const std::string& value,
                                        const std::string& actor) {
    if (key.empty()) return fail(ErrorKind::InvalidInput, "a setting needs a name", "key");
    if (auto checked = domain::check_text(key, "key", "setting's name"); !checked) return checked;
    if (auto checked = domain::check_text(value, "value", "value of " + key); !checked) return checked;
    return m_reports.set_setting(
        key, value,
        {audit(m_clock, actor, "report_setting", key, "value",
               value.empty() ? std::nullopt : std::optional<std::string>(value))});
}

Result<reporting::ReportModel> ReportService::model(const ReportRequest& request) {
    auto governance_body = body(request.body_id);
    if (!governance_body) return fail(governance_body.error());
    auto stored = m_plans.load_plan();
    if (!stored) return fail(stored.error());
    if (!*stored) {
        return fail(ErrorKind::NotFound,
                    "there is no plan yet: import one with 'csip plan import FILE', or try "
                    "'csip demo'");
    }
    reporting::ReportInputs inputs;
    inputs.plan = std::move(**stored);
    inputs.body = *governance_body;
    inputs.as_of = request.as_of;

    auto profile = m_reports.report_profile(request.body_id);
    if (!profile) return fail(profile.error());
    if (*profile) {
        inputs.profile = {(*profile)->sections, (*profile)->indicators,
                          (*profile)->case_level_allowed};
    }
    auto settings = m_reports.settings();
    if (!settings) return fail(settings.error());
    for (const auto& [key, value] : *settings) inputs.settings[key] = value;

    auto meetings = m_reports.meetings(request.body_id);
    if (!meetings) return fail(meetings.error());
    inputs.meeting = request.meeting;
    std::optional<Date> previous_meeting;
    for (const auto& meeting : *meetings) {
        if (!inputs.meeting && request.as_of <= meeting.on) inputs.meeting = meeting.on;
        if (meeting.on < request.as_of) previous_meeting = meeting.on;
    }

    // A committee report gives whole months: on 15 September, the year to 31 August.
    const Date figures_to = reporting::figures_through(request.as_of);
    inputs.figures_to = figures_to;
    if (m_indicators) {
        auto results = m_indicators(domain::financial_year_start(figures_to), figures_to);
        if (!results) return fail(results.error());
        inputs.indicators = std::move(*results);
    }
    // The department's published figures: not case data, so every body's report may show them.
    if (m_benchmarks) {
        auto published = m_benchmarks();
        if (!published) return fail(published.error());
        inputs.benchmarks = std::move(*published);
    }
    // Case-level lists only where they may go; the model checks the same again.
    const bool cases_wanted =
        inputs.profile.sections.empty() ||
        std::find(inputs.profile.sections.begin(), inputs.profile.sections.end(),
                  reporting::kSectionCases) != inputs.profile.sections.end();
    if (m_exceptions && inputs.profile.case_level_allowed && !inputs.body.is_public &&
        cases_wanted) {
        for (const auto& result : inputs.indicators) {
            if (!inputs.profile.indicators.empty() &&
                std::find(inputs.profile.indicators.begin(), inputs.profile.indicators.end(),
                          result.key) == inputs.profile.indicators.end()) {
                continue;
            }
            auto cases = m_exceptions(result.key, request.as_of);
            if (!cases) {
                if (cases.error().kind == ErrorKind::NotFound) continue;
                return fail(cases.error());
            }
            if (!cases->empty()) {
                inputs.exceptions.push_back({result.key, result.title, std::move(*cases)});
            }
        }
    }

    // What the body was told last: its latest publication before this date, else the plan as
    // it stood at --since, its previous meeting, or one cadence ago.
    auto published = m_reports.publications(request.body_id);
    if (!published) return fail(published.error());
    std::optional<storage::Publication> last;
    for (const auto& publication : *published) {
        const bool wanted =
            request.since ? publication.as_of == *request.since : publication.as_of < request.as_of;
        if (wanted) last = publication;
    }
    auto trail = m_plans.audit_trail({});
    if (!trail) return fail(trail.error());
    domain::Plan before;
    std::vector<domain::IndicatorResult> indicators_before;
    if (last) {
        auto full = m_reports.publication(last->id);
        if (!full) return fail(full.error());
        auto read =
            import::read_plan_json(full->plan_json, "publication " + std::to_string(last->id));
        if (!read.plan) {
            return fail(ErrorKind::Unavailable, "the plan stored with publication " +
                                                    std::to_string(last->id) +
                                                    " cannot be read back");
        }
        before = std::move(*read.plan);
        if (auto figures = reporting::read_snapshot_indicators(full->snapshot_json)) {
            indicators_before = std::move(*figures);
        }
        inputs.since = last->as_of;
    } else {
        inputs.since = request.since ? *request.since
                       : previous_meeting
                           ? *previous_meeting
                           : request.as_of.plus_months(-cadence_months(governance_body->cadence));
        before = domain::plan_as_at(inputs.plan, *trail, inputs.since);
    }
    inputs.changes = domain::compare_plans(before, inputs.plan, *trail, inputs.since, request.as_of,
                                           indicators_before, inputs.indicators);
    return reporting::build_report_model(inputs);
}

Result<RenderedReport> ReportService::render(const ReportRequest& request, ReportFormat format) {
    auto built = model(request);
    if (!built) return fail(built.error());
    RenderedReport report;
    report.format = format;
    report.file_name =
        request.body_id + "-" + built->meeting.iso() + "." + std::string(to_string(format));
    switch (format) {
        case ReportFormat::Docx: {
            auto bytes = reporting::docx::render_docx(*built);
            if (!bytes) return fail(bytes.error());
            report.content = std::move(*bytes);
            break;
        }
        case ReportFormat::Html:
            report.content = reporting::render_html_pack(*built);
            break;
        case ReportFormat::Xlsx: {
            auto bytes = reporting::xlsx::render_xlsx(*built);
            if (!bytes) return fail(bytes.error());
            report.content = std::move(*bytes);
            break;
        }
    }
    return report;
}

Result<storage::Publication> ReportService::publish(const std::string& body_id, Date meeting,
                                                    std::optional<Date> as_of,
                                                    const std::string& actor) {
    // A report is published for a meeting in the body's calendar.
    auto found = body(body_id);
    if (!found) return fail(found.error());
    auto meetings = m_reports.meetings(body_id);
    if (!meetings) return fail(meetings.error());
    if (std::none_of(meetings->begin(), meetings->end(),
                     [&](const storage::Meeting& held) { return held.on == meeting; })) {
        return fail(ErrorKind::NotFound,
                    "'" + found->name + "' has no meeting on " + meeting.iso() +
                        ": 'csip meeting list' shows its meetings, 'csip meeting add' adds one",
                    "meeting");
    }
    const ReportRequest request{body_id, as_of.value_or(meeting), std::nullopt, meeting};
    auto built = model(request);
    if (!built) return fail(built.error());
    auto plan = m_plans.load_plan();
    if (!plan) return fail(plan.error());

    storage::Publication publication;
    publication.body_id = body_id;
    publication.meeting = meeting;
    publication.as_of = request.as_of;
    publication.since = built->since;
    publication.published_at = m_clock.timestamp();
    publication.published_by = actor;
    publication.plan_json = reporting::write_plan_json(**plan);
    publication.snapshot_json = reporting::write_report_snapshot(*built);
    const std::string stem = body_id + "-" + meeting.iso();
    auto docx = reporting::docx::render_docx(*built);
    if (!docx) return fail(docx.error());
    auto xlsx = reporting::xlsx::render_xlsx(*built);
    if (!xlsx) return fail(xlsx.error());
    publication.files = {{"docx", stem + ".docx", std::move(*docx)},
                         {"html", stem + ".html", reporting::render_html_pack(*built)},
                         {"xlsx", stem + ".xlsx", std::move(*xlsx)}};
    std::vector<const std::string*> parts{&publication.plan_json, &publication.snapshot_json};
    for (const auto& file : publication.files) parts.push_back(&file.content);
    publication.content_hash = content_hash(parts);

    auto id = m_reports.publish(publication,
                                {audit(m_clock, actor, "publication", body_id, "published",
                                       meeting.iso() + " sha256:" + publication.content_hash)});
    if (!id) return fail(id.error());
    publication.id = *id;
    return publication;
}

Result<std::vector<storage::Publication>> ReportService::publications(const std::string& body_id) {
    return m_reports.publications(body_id);
}

Result<storage::Publication> ReportService::publication(std::int64_t id) {
    return m_reports.publication(id);
}

Result<PublishedDownload> ReportService::published_file(std::int64_t id, ReportFormat format) {
    auto stored = m_reports.publication(id);
    if (!stored) return fail(stored.error());
    for (auto& file : stored->files) {
        if (file.format != to_string(format)) continue;
        PublishedDownload download;
        download.publication_id = stored->id;
        download.body_id = stored->body_id;
        if (auto found = body(stored->body_id)) download.public_body = found->is_public;
        download.case_level = reporting::snapshot_includes_case_level(stored->snapshot_json);
        download.file_name = file.file_name;
        download.content_type = std::string(content_type(format));
        download.content = std::move(file.content);
        return download;
    }
    return fail(ErrorKind::NotFound,
                "published report " + std::to_string(id) + " has no " +
                    std::string(to_string(format)) + " file",
                "format");
}

Result<ReminderOutcome> ReportService::reminder_preview(Date as_of, int days) {
    auto settings = m_reports.settings();
    if (!settings) return fail(settings.error());
    auto outcome = due_reminders(as_of, days, *settings);
    if (!outcome) return outcome;
    for (const auto& reminder : outcome->reminders) {
        if (reminder.email.empty()) outcome->no_address.push_back(reminder.lead);
    }
    return outcome;
}

Result<SmtpSettings> ReportService::smtp_settings() {
    auto settings = m_reports.settings();
    if (!settings) return fail(settings.error());
    return smtp_from(*settings);
}

SmtpSettings ReportService::smtp_from(const storage::ReportSettings& settings) {
    SmtpSettings smtp;
    if (const auto url = settings.find("smtp.url"); url != settings.end()) smtp.url = url->second;
    if (const auto from = settings.find("smtp.from"); from != settings.end()) {
        smtp.from = from->second;
    }
    return smtp;
}

Result<ReminderOutcome> ReportService::due_reminders(Date as_of, int days,
                                                     const storage::ReportSettings& settings) {
    if (days < 0) return fail(ErrorKind::InvalidInput, "--days must be 0 or more", "days");
    auto stored = m_plans.load_plan();
    if (!stored) return fail(stored.error());
    if (!*stored) return fail(ErrorKind::NotFound, "there is no plan yet: import one first");

    std::map<std::string, LeadReminder> by_lead;
    // A retired action is no one's to report on.
    const domain::Plan in_force = domain::without_retired(**stored);
    for (const auto& workstream : in_force.workstreams) {
        for (const auto& commitment : workstream.commitments) {
            for (const auto& action : commitment.actions) {
                if (action.status == domain::ActionStatus::Complete) continue;
                LeadReminder& reminder = by_lead[action.lead];
                reminder.lead = action.lead;
                if (action.overdue(as_of)) {
                    reminder.overdue.push_back(action);
                } else if (action.due <= as_of.plus_days(days)) {
                    reminder.due_soon.push_back(action);
                }
                const bool recent = std::any_of(
                    action.updates.begin(), action.updates.end(), [&](const auto& update) {
                        return update.on <= as_of && as_of.plus_days(-kUpdateDays) < update.on;
                    });
                if (!recent) reminder.without_update.push_back(action);
            }
        }
    }
    ReminderOutcome outcome;
    for (auto& [lead, reminder] : by_lead) {
        if (reminder.overdue.empty() && reminder.due_soon.empty() &&
            reminder.without_update.empty()) {
            continue;
        }
        if (const auto found = settings.find("email." + lead); found != settings.end()) {
            reminder.email = found->second;
        }
        outcome.reminders.push_back(std::move(reminder));
    }
    return outcome;
}

Result<ReminderOutcome> ReportService::reminders(Date as_of, int days, const MailSender& send) {
    auto settings = m_reports.settings();
    if (!settings) return fail(settings.error());
    auto due = due_reminders(as_of, days, *settings);
    if (!due) return due;
    ReminderOutcome outcome = std::move(*due);
    const SmtpSettings smtp = smtp_from(*settings);
    if (smtp.url.empty()) return outcome;
    if (smtp.from.empty()) {
        return fail(ErrorKind::InvalidInput,
                    "smtp.url is set but smtp.from is not: set the sender's address with 'csip "
                    "report settings set smtp.from ADDRESS'",
                    "smtp.from");
    }
    const MailSender sender = send ? send : MailSender(send_smtp_mail);
    for (const auto& reminder : outcome.reminders) {
        if (reminder.email.empty()) {
            outcome.no_address.push_back(reminder.lead);
            continue;
        }
        auto claimed = m_reports.claim_reminder(reminder.lead, as_of, m_clock.timestamp());
        if (!claimed) return fail(claimed.error());
        if (!*claimed) {
            outcome.already_sent.push_back(reminder.lead);
            continue;
        }
        auto sent = sender(smtp, reminder.email,
                           "Improvement plan actions for " + reminder.lead + ", " + as_of.iso(),
                           reminder_text(reminder, as_of));
        if (!sent) {
            // Given back, so that a later run the same day may try again.
            (void)m_reports.release_reminder(reminder.lead, as_of);
            return fail(sent.error());
        }
        outcome.sent.push_back(reminder.lead);
    }
    return outcome;
}

std::string reminder_text(const LeadReminder& reminder, Date as_of) {
    std::string out = "Improvement plan actions for " + reminder.lead + " at " +
                      reporting::long_date(as_of) + ".\n";
    auto list = [&](const char* title, const std::vector<domain::Action>& actions) {
        if (actions.empty()) return;
        out += "\n" + std::string(title) + ":\n";
        for (const auto& action : actions) {
            out += "- " + action.id + " (due " + reporting::long_date(action.due) +
                   "): " + action.text + "\n";
        }
    };
    list("Overdue", reminder.overdue);
    list("Due soon", reminder.due_soon);
    list("No status update in the last 30 days", reminder.without_update);
    out += "\nAdd a status update with: csip action update ID --note TEXT --by NAME\n";
    return out;
}

}  // namespace csip::app
