// ReportService: reporting to governance bodies, for the command line and the web application
// alike: bodies and their meeting calendar, report profiles and settings, a report for a body
// in any format (DOCX, HTML, XLSX) built from the same model, publication (a frozen copy of the
// files and the data behind them, with a SHA-256 content hash), the list and the retrieval of
// publications, and reminders to lead officers. "Changes since" start, by default, from the
// body's previous publication: its stored plan and figures, not today's.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/clock.hpp"
#include "domain/indicators/benchmarks.hpp"
#include "domain/indicators/exceptions.hpp"
#include "domain/indicators/indicator_result.hpp"
#include "domain/plan.hpp"
#include "domain/result.hpp"
#include "reporting/report_model.hpp"
#include "storage/plan_store.hpp"
#include "storage/report_store.hpp"

namespace csip::app {

enum class ReportFormat { Docx, Html, Xlsx };
[[nodiscard]] std::string_view to_string(ReportFormat format);  // docx, html, xlsx
[[nodiscard]] std::optional<ReportFormat> parse_report_format(std::string_view word);

// Where the indicator figures come from: the indicator service once case data is imported.
// Called with the financial year to date up to the report's date; none: the report gives the
// plan without figures.
using IndicatorSource =
    std::function<Result<std::vector<domain::IndicatorResult>>(domain::Date from, domain::Date to)>;
// The cases out of timescale of one indicator on a date (IndicatorService::exceptions), read only
// for a body that is not public and whose profile allows case-level content. NotFound for an
// indicator that has no case-level rule (one entered by hand) is passed over.
using ExceptionSource = std::function<Result<std::vector<domain::IndicatorException>>(
    const std::string& indicator, domain::Date as_of)>;

// The department's published figures beside the council's own: each indicator's latest
// published comparison, by indicator key (BenchmarkService::for_indicators). Empty when no
// council is set or nothing is published; none: the report gives no published figures.
using BenchmarkSource =
    std::function<Result<std::map<std::string, domain::MeasureComparison>>()>;

class IndicatorService;
class BenchmarkService;
// The indicator service (app/indicator_service.hpp) as a report's source of figures and of case
// lists, and the benchmark service (app/benchmark_service.hpp) as its source of published
// figures, as the command line and the web application wire them. The services must outlive
// them.
[[nodiscard]] IndicatorSource indicator_source(IndicatorService& indicators);
[[nodiscard]] ExceptionSource exception_source(IndicatorService& indicators);
[[nodiscard]] BenchmarkSource benchmark_source(BenchmarkService& benchmarks);

struct ReportRequest {
    std::string body_id;
    domain::Date as_of;
    std::optional<domain::Date> since;    // default: the body's previous publication
    std::optional<domain::Date> meeting;  // default: the body's next meeting on or after as_of
};

// The media type a format is served as (Content-Type).
[[nodiscard]] std::string_view content_type(ReportFormat format);

// One file of a publication, as the web application serves it.
struct PublishedDownload {
    std::int64_t publication_id = 0;
    std::string body_id;
    bool public_body = false;  // the body's reports are published to the public
    bool case_level = false;   // holds case-level content: only for roles allowed to see it
    std::string file_name;     // for Content-Disposition
    std::string content_type;
    std::string content;
};

struct RenderedReport {
    ReportFormat format = ReportFormat::Docx;
    std::string file_name;  // e.g. osmc-2015-09-15.docx
    std::string content;
};

// One lead officer's reminder: the actions overdue, due soon, or without a recent update.
struct LeadReminder {
    std::string lead;
    std::string email;  // from the setting email.<lead>; empty when none is set
    std::vector<domain::Action> overdue;
    std::vector<domain::Action> due_soon;
    std::vector<domain::Action> without_update;
};

struct ReminderOutcome {
    std::vector<LeadReminder> reminders;
    std::vector<std::string> sent;          // leads e-mailed now
    std::vector<std::string> already_sent;  // leads e-mailed earlier the same day
    std::vector<std::string> no_address;    // leads with no e-mail address set
};

// How reminders are e-mailed; sending is skipped while `url` is empty.
struct SmtpSettings {
    std::string url;   // smtp://host:port (setting smtp.url)
    std::string from;  // setting smtp.from
};

// Sends one message; the default uses libcurl's SMTP (app/smtp_mail.hpp).
using MailSender = std::function<Result<void>(const SmtpSettings& smtp, const std::string& to,
                                              const std::string& subject, const std::string& body)>;

class ReportService {
  public:
    // The indicator figures run from 1 April to the last day of the last complete month on or
    // before the report's date (reporting::figures_through): `indicators` is called with those.
    // `benchmarks` gives the published figures set beside them (none: no published figures).
    ReportService(storage::PlanStore& plans, storage::ReportStore& reports,
                  const domain::Clock& clock, IndicatorSource indicators = {},
                  ExceptionSource exceptions = {}, BenchmarkSource benchmarks = {});

    [[nodiscard]] Result<void> add_body(const domain::GovernanceBody& body,
                                        const std::string& actor);
    [[nodiscard]] Result<std::vector<domain::GovernanceBody>> bodies();
    [[nodiscard]] Result<void> add_meeting(const std::string& body_id, domain::Date on,
                                           const std::string& actor);
    [[nodiscard]] Result<std::vector<storage::Meeting>> meetings(const std::string& body_id);
    // The body's report profile; one that is empty (every section and indicator, no case-level
    // content) when none is saved. NotFound for an unknown body.
    [[nodiscard]] Result<storage::ReportProfile> profile(const std::string& body_id);
    [[nodiscard]] Result<void> set_profile(const storage::ReportProfile& profile,
                                           const std::string& actor);
    [[nodiscard]] Result<storage::ReportSettings> settings();
    [[nodiscard]] Result<void> set_setting(const std::string& key, const std::string& value,
                                           const std::string& actor);

    [[nodiscard]] Result<reporting::ReportModel> model(const ReportRequest& request);
    [[nodiscard]] Result<RenderedReport> render(const ReportRequest& request, ReportFormat format);

    // Renders every format and stores them with the data behind them. NotFound (field
    // "meeting") when `meeting` is none of the body's meetings; Conflict if the body's report for
    // that meeting is already published.
    [[nodiscard]] Result<storage::Publication> publish(const std::string& body_id,
                                                       domain::Date meeting,
                                                       std::optional<domain::Date> as_of,
                                                       const std::string& actor);
    [[nodiscard]] Result<std::vector<storage::Publication>> publications(
        const std::string& body_id);
    [[nodiscard]] Result<storage::Publication> publication(std::int64_t id);
    // One file of a publication, byte for byte as published. NotFound when there is no such
    // publication or it has no file of that format.
    [[nodiscard]] Result<PublishedDownload> published_file(std::int64_t id, ReportFormat format);

    // Each lead officer's actions overdue, due within `days` days, or with no status update in
    // the 30 days to `as_of` (actions not complete). With SMTP settings, each lead with an
    // address is e-mailed once per day: a second run the same day sends nothing again.
    [[nodiscard]] Result<ReminderOutcome> reminders(domain::Date as_of, int days,
                                                    const MailSender& send = {});
    // What reminders() would send now, with `no_address` filled in: nothing is sent, and no
    // reminder is claimed, so the next run still sends every one of them.
    [[nodiscard]] Result<ReminderOutcome> reminder_preview(domain::Date as_of, int days);
    // The SMTP settings in force (smtp.url, smtp.from); `url` empty: reminders are not e-mailed.
    [[nodiscard]] Result<SmtpSettings> smtp_settings();

  private:
    [[nodiscard]] static SmtpSettings smtp_from(const storage::ReportSettings& settings);
    [[nodiscard]] Result<ReminderOutcome> due_reminders(domain::Date as_of, int days,
                                                        const storage::ReportSettings& settings);
    [[nodiscard]] Result<domain::GovernanceBody> body(const std::string& id);

    storage::PlanStore& m_plans;
    storage::ReportStore& m_reports;
    const domain::Clock& m_clock;
    IndicatorSource m_indicators;
    ExceptionSource m_exceptions;
    BenchmarkSource m_benchmarks;
};

// The reminder e-mail's text for one lead officer.
[[nodiscard]] std::string reminder_text(const LeadReminder& reminder, domain::Date as_of);

}  // namespace csip::app
