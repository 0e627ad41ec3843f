// Reporting to governance bodies: body add/list, meeting add/list, report (render), report
// publish/list/get, report settings and profile, and reminders. Each parses its options, calls
// app::ReportService and prints the result.
#include <fmt/format.h>

#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "app/benchmark_service.hpp"
#include "app/indicator_service.hpp"
#include "app/report_service.hpp"
#include "cli/cli_context.hpp"
#include "cli/store_factory.hpp"

namespace csip::cli {
namespace {

struct ReportOptions {
    std::string body;
    std::string name;
    std::string cadence;
    bool is_public = false;
    std::string date;
    std::string as_of;
    std::string since;
    std::string meeting;
    std::string format;
    std::string output;
    std::string by;
    std::string key;
    std::string value;
    std::int64_t id = 0;
    int days = 14;
    std::vector<std::string> sections;
    std::vector<std::string> indicators;
    bool case_level = false;
};

// The format a file name asks for: its own extension, in lower case (a dot in a folder's name,
// as in board.papers/p1, is not one), or `otherwise` when it has none.
std::string format_of_file_name(const std::string& path, std::string_view otherwise) {
    std::string extension = std::filesystem::path(path).extension().string();
    if (extension.empty()) return std::string(otherwise);
    extension.erase(0, 1);
    for (char& c : extension) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return extension;
}

std::string actor(const std::string& by) {
    if (!by.empty()) return by;
    const char* user = std::getenv("USER");
    return user != nullptr && *user != '\0' ? user : "csip";
}

Result<void> write_output(const std::string& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.close();
    if (!out) {
        return fail(
            ErrorKind::InvalidInput,
            fmt::format("cannot write '{}': check that its folder exists and is writable", path),
            "output");
    }
    return {};
}

// A JSON string literal: nlohmann-json stays in import/ and reporting/, and these listings are
// flat enough to write by hand.
std::string json_string(std::string_view text) {
    std::string out = "\"";
    for (const char c : text) {
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            default:
                if (static_cast<unsigned char>(c) < 0x20) {
                    out += fmt::format("\\u{:04x}", static_cast<int>(c));
                } else {
                    out += c;
                }
        }
    }
    return out + "\"";
}

std::string json_strings(const std::vector<std::string>& items) {
    std::string out = "[";
    for (const auto& item : items) out += (out.size() > 1 ? ", " : "") + json_string(item);
    return out + "]";
}

class ReportCommands {
  public:
    ReportCommands(CliContext& context, const ReportOptions& options)
        : m_context(context), m_options(options) {}

    template <typename Command>
    void run(Command command) {
        auto plans = m_context.plan_store();
        if (!plans) return m_context.refuse(plans.error());
        if (!m_reports) {
            auto opened = open_report_store(m_context.db);
            if (!opened) return m_context.refuse(opened.error());
            m_reports = std::move(*opened);
        }
        storage::PlanStore& plan_store = **plans;
        // The figures and case lists come from the case data, opened only when a report needs
        // them (reminders and settings do not).
        auto indicators = [this, &plan_store](
                              domain::Date from,
                              domain::Date to) -> Result<std::vector<domain::IndicatorResult>> {
            auto cases = m_context.case_store();
            if (!cases) return fail(cases.error());
            app::IndicatorService service(plan_store, **cases, m_context.clock);
            return app::indicator_source(service)(from, to);
        };
        auto exceptions = [this, &plan_store](const std::string& indicator, domain::Date as_of)
            -> Result<std::vector<domain::IndicatorException>> {
            auto cases = m_context.case_store();
            if (!cases) return fail(cases.error());
            app::IndicatorService service(plan_store, **cases, m_context.clock);
            return app::exception_source(service)(indicator, as_of);
        };
        // The published figures beside them, from the same case store.
        auto benchmarks =
            [this, &plan_store]() -> Result<std::map<std::string, domain::MeasureComparison>> {
            auto cases = m_context.case_store();
            if (!cases) return fail(cases.error());
            app::IndicatorService figures(plan_store, **cases, m_context.clock);
            app::BenchmarkService service(**cases, figures, m_context.clock);
            return app::benchmark_source(service)();
        };
        app::ReportService service(plan_store, *m_reports, m_context.clock, indicators, exceptions,
                                   benchmarks);
        if (auto done = command(service); !done) m_context.refuse(done.error());
    }

    Result<void> add_body(app::ReportService& service) {
        domain::GovernanceBody body{m_options.body, m_options.name, m_options.cadence,
                                    m_options.is_public};
        if (auto added = service.add_body(body, actor(m_options.by)); !added) return added;
        m_context.out << fmt::format("Saved body {}: {}, {}{}.\n", body.id, body.name, body.cadence,
                                     body.is_public ? ", public" : "");
        return {};
    }

    Result<void> list_bodies(app::ReportService& service) {
        auto bodies = service.bodies();
        if (!bodies) return fail(bodies.error());
        for (const auto& body : *bodies) {
            m_context.out << fmt::format("{}\t{}\t{}{}\n", body.id, body.name, body.cadence,
                                         body.is_public ? "\tpublic" : "");
        }
        return {};
    }

    Result<void> add_meeting(app::ReportService& service) {
        auto date = date_option(m_options.date, "DATE", m_context.clock);
        if (!date) return fail(date.error());
        if (auto added = service.add_meeting(m_options.body, *date, actor(m_options.by)); !added) {
            return added;
        }
        m_context.out << fmt::format("Added the meeting of {} on {}.\n", m_options.body,
                                     date->iso());
        return {};
    }

    Result<void> list_meetings(app::ReportService& service) {
        auto meetings = service.meetings(m_options.body);
        if (!meetings) return fail(meetings.error());
        for (const auto& meeting : *meetings) {
            m_context.out << meeting.body_id << "\t" << meeting.on.iso() << "\n";
        }
        return {};
    }

    Result<app::ReportRequest> request() {
        app::ReportRequest request;
        request.body_id = m_options.body;
        auto as_of = date_option(m_options.as_of, "--as-of", m_context.clock);
        if (!as_of) return fail(as_of.error());
        request.as_of = *as_of;
        if (!m_options.since.empty()) {
            auto since = date_option(m_options.since, "--since", m_context.clock);
            if (!since) return fail(since.error());
            request.since = *since;
        }
        if (!m_options.meeting.empty()) {
            auto meeting = date_option(m_options.meeting, "--meeting", m_context.clock);
            if (!meeting) return fail(meeting.error());
            request.meeting = *meeting;
        }
        return request;
    }

    Result<void> render(app::ReportService& service) {
        if (m_options.body.empty()) {
            return fail(ErrorKind::InvalidInput,
                        "name the body the report is for: csip report BODY --as-of DATE "
                        "--format docx|html|xlsx -o FILE",
                        "body");
        }
        auto wanted = request();
        if (!wanted) return fail(wanted.error());
        const auto format = app::parse_report_format(m_options.format);
        if (!format) {
            return fail(ErrorKind::InvalidInput,
                        fmt::format("--format '{}' is not a report format; use docx, html or xlsx",
                                    m_options.format),
                        "format");
        }
        auto report = service.render(*wanted, *format);
        if (!report) return fail(report.error());
        const std::string path = m_options.output.empty() ? report->file_name : m_options.output;
        if (auto written = write_output(path, report->content); !written) return written;
        m_context.out << fmt::format("Wrote {} ({} bytes).\n", path, report->content.size());
        return {};
    }

    Result<void> publish(app::ReportService& service) {
        auto meeting = date_option(m_options.meeting, "--meeting", m_context.clock);
        if (!meeting) return fail(meeting.error());
        std::optional<domain::Date> as_of;
        if (!m_options.as_of.empty()) {
            auto date = date_option(m_options.as_of, "--as-of", m_context.clock);
            if (!date) return fail(date.error());
            as_of = *date;
        }
        auto publication = service.publish(m_options.body, *meeting, as_of, actor(m_options.by));
        if (!publication) return fail(publication.error());
        m_context.out << fmt::format(
            "Published report {} to {} for the meeting of {} (figures at {}, changes since {}); "
            "sha256 {}.\n",
            publication->id, publication->body_id, publication->meeting.iso(),
            publication->as_of.iso(), publication->since.iso(), publication->content_hash);
        return {};
    }

    Result<void> list_publications(app::ReportService& service) {
        auto publications = service.publications(m_options.body);
        if (!publications) return fail(publications.error());
        if (m_options.format == "json") {
            std::string out = "[";
            for (const auto& publication : *publications) {
                std::string files;
                for (const auto& file : publication.files) {
                    files += fmt::format("{}{{\"format\": {}, \"file_name\": {}}}",
                                         files.empty() ? "" : ", ", json_string(file.format),
                                         json_string(file.file_name));
                }
                out += fmt::format(
                    "{}\n  {{\"id\": {}, \"body\": {}, \"meeting\": {}, \"as_of\": {}, "
                    "\"since\": {}, \"published_at\": {}, \"published_by\": {}, "
                    "\"sha256\": {}, \"files\": [{}]}}",
                    out.size() > 1 ? "," : "", publication.id, json_string(publication.body_id),
                    json_string(publication.meeting.iso()), json_string(publication.as_of.iso()),
                    json_string(publication.since.iso()), json_string(publication.published_at),
                    json_string(publication.published_by), json_string(publication.content_hash),
                    files);
            }
            m_context.out << out << (out.size() > 1 ? "\n]\n" : "]\n");
            return {};
        }
        for (const auto& publication : *publications) {
            m_context.out << fmt::format("{}\t{}\t{}\tpublished {} by {}\tsha256 {}\n",
                                         publication.id, publication.body_id,
                                         publication.meeting.iso(), publication.published_at,
                                         publication.published_by, publication.content_hash);
        }
        return {};
    }

    Result<void> get(app::ReportService& service) {
        auto publication = service.publication(m_options.id);
        if (!publication) return fail(publication.error());
        std::string format = m_options.format;
        if (format.empty()) format = format_of_file_name(m_options.output, "docx");
        for (const auto& file : publication->files) {
            if (file.format != format) continue;
            const std::string path = m_options.output.empty() ? file.file_name : m_options.output;
            if (auto written = write_output(path, file.content); !written) return written;
            m_context.out << fmt::format("Wrote {} from published report {}.\n", path,
                                         publication->id);
            return {};
        }
        return fail(ErrorKind::NotFound,
                    fmt::format("published report {} has no {} file; use --format docx, html or "
                                "xlsx",
                                m_options.id, format),
                    "format");
    }

    Result<void> set_setting(app::ReportService& service) {
        if (auto set = service.set_setting(m_options.key, m_options.value, actor(m_options.by));
            !set) {
            return set;
        }
        m_context.out << fmt::format("Set {}.\n", m_options.key);
        return {};
    }

    Result<void> list_settings(app::ReportService& service) {
        auto settings = service.settings();
        if (!settings) return fail(settings.error());
        for (const auto& [key, value] : *settings) m_context.out << key << "\t" << value << "\n";
        return {};
    }

    Result<void> set_profile(app::ReportService& service) {
        storage::ReportProfile profile{m_options.body, m_options.sections, m_options.indicators,
                                       m_options.case_level};
        if (auto set = service.set_profile(profile, actor(m_options.by)); !set) return set;
        m_context.out << fmt::format("Saved the report profile of {}.\n", m_options.body);
        return {};
    }

    Result<void> reminders(app::ReportService& service) {
        auto as_of = date_option(m_options.as_of, "--as-of", m_context.clock);
        if (!as_of) return fail(as_of.error());
        auto outcome = service.reminders(*as_of, m_options.days);
        if (!outcome) return fail(outcome.error());
        if (m_options.format == "json") {
            auto actions = [](const std::vector<domain::Action>& list) {
                std::string out = "[";
                for (const auto& action : list) {
                    out += fmt::format("{}{{\"id\": {}, \"text\": {}, \"due\": {}}}",
                                       out.size() > 1 ? ", " : "", json_string(action.id),
                                       json_string(action.text), json_string(action.due.iso()));
                }
                return out + "]";
            };
            std::string leads = "[";
            for (const auto& reminder : outcome->reminders) {
                leads += fmt::format(
                    "{}\n    {{\"lead\": {}, \"email\": {}, \"overdue\": {}, "
                    "\"due_soon\": {}, \"without_update\": {}}}",
                    leads.size() > 1 ? "," : "", json_string(reminder.lead),
                    json_string(reminder.email), actions(reminder.overdue),
                    actions(reminder.due_soon), actions(reminder.without_update));
            }
            leads += leads.size() > 1 ? "\n  ]" : "]";
            m_context.out << fmt::format(
                "{{\n  \"as_of\": {},\n  \"days\": {},\n  \"leads\": {},\n  \"sent\": {},\n"
                "  \"already_sent\": {},\n  \"no_address\": {}\n}}\n",
                json_string(as_of->iso()), m_options.days, leads, json_strings(outcome->sent),
                json_strings(outcome->already_sent), json_strings(outcome->no_address));
            return {};
        }
        for (const auto& reminder : outcome->reminders) {
            m_context.out << app::reminder_text(reminder, *as_of) << "\n";
        }
        for (const auto& lead : outcome->sent) m_context.out << "Sent to " << lead << ".\n";
        for (const auto& lead : outcome->already_sent) {
            m_context.out << "Already sent today to " << lead << ".\n";
        }
        for (const auto& lead : outcome->no_address) {
            m_context.out << "No e-mail address for " << lead << " (set email." << lead << ").\n";
        }
        return {};
    }

  private:
    CliContext& m_context;
    const ReportOptions& m_options;
    std::unique_ptr<storage::ReportStore> m_reports;
};

}  // namespace

void add_report_commands(CLI::App& cli, CliContext& context) {
    auto options = std::make_shared<ReportOptions>();
    auto commands = std::make_shared<ReportCommands>(context, *options);
    auto& o = *options;
    auto on = [options, commands](Result<void> (ReportCommands::*method)(app::ReportService&)) {
        return [options, commands, method] {
            commands->run(
                [&](app::ReportService& service) { return ((*commands).*method)(service); });
        };
    };

    auto* body = cli.add_subcommand("body", "governance bodies that receive reports");
    body->require_subcommand(1);
    auto* body_add = body->add_subcommand("add", "add a body, or change one");
    body_add->add_option("ID", o.body, "one word, e.g. osmc")->required();
    body_add->add_option("--name", o.name, "the body's name")->required();
    body_add
        ->add_option("--cadence", o.cadence, "monthly, bi-monthly, quarterly, six-monthly, annual")
        ->required();
    body_add->add_flag("--public", o.is_public, "its reports are published to the public");
    body_add->add_option("--by", o.by, "who, for the audit trail (default: $USER)");
    body_add->callback(on(&ReportCommands::add_body));
    body->add_subcommand("list", "the bodies")->callback(on(&ReportCommands::list_bodies));

    auto* meeting = cli.add_subcommand("meeting", "a body's meeting calendar");
    meeting->require_subcommand(1);
    auto* meeting_add = meeting->add_subcommand("add", "add a meeting");
    meeting_add->add_option("BODY", o.body, "the body's id")->required();
    meeting_add->add_option("DATE", o.date, "YYYY-MM-DD")->required();
    meeting_add->add_option("--by", o.by, "who, for the audit trail (default: $USER)");
    meeting_add->callback(on(&ReportCommands::add_meeting));
    auto* meeting_list = meeting->add_subcommand("list", "meetings, by date");
    meeting_list->add_option("BODY", o.body, "only this body's");
    meeting_list->callback(on(&ReportCommands::list_meetings));

    auto* report = cli.add_subcommand(
        "report", "a report for a body (docx, html or xlsx), and published reports");
    report->require_subcommand(0, 1);
    report->add_option("BODY", o.body, "the body the report is for");
    report->add_option("--as-of", o.as_of, "figures and RAG at this date (default: today)");
    report->add_option("--since", o.since,
                       "changes since this date (default: the body's previous published report)");
    report->add_option("--meeting", o.meeting, "the meeting date (default: the body's next)");
    report->add_option("--format", o.format, "docx (default), html or xlsx")
        ->check(CLI::IsMember({"docx", "html", "xlsx"}));
    report->add_option("-o,--output", o.output, "the file to write (default: BODY-DATE.FORMAT)");
    report->callback([options, commands, report] {
        if (!report->get_subcommands().empty()) return;
        if (options->format.empty()) options->format = "docx";
        commands->run([&](app::ReportService& service) { return commands->render(service); });
    });

    auto* publish = report->add_subcommand("publish", "freeze the report for a meeting");
    publish->add_option("BODY", o.body, "the body")->required();
    publish->add_option("--meeting", o.meeting, "the meeting date, YYYY-MM-DD")->required();
    publish->add_option("--as-of", o.as_of, "figures at this date (default: the meeting date)");
    publish->add_option("--by", o.by, "who publishes (default: $USER)");
    publish->callback(on(&ReportCommands::publish));

    auto* list = report->add_subcommand("list", "published reports, oldest first");
    list->add_option("BODY", o.body, "only this body's");
    list->add_option("--format", o.format, "text (default) or json")
        ->check(CLI::IsMember({"text", "json"}));
    list->callback(on(&ReportCommands::list_publications));

    auto* get = report->add_subcommand("get", "write a published report's file");
    get->add_option("ID", o.id, "the publication's id (report list)")->required();
    get->add_option("-o,--output", o.output, "the file to write");
    get->add_option("--format", o.format, "docx, html or xlsx (default: from the file name)")
        ->check(CLI::IsMember({"docx", "html", "xlsx"}));
    get->callback(on(&ReportCommands::get));

    auto* settings = report->add_subcommand("settings", "portfolio member, contact officer, SMTP");
    settings->require_subcommand(1);
    auto* set = settings->add_subcommand(
        "set",
        "set one (an empty VALUE removes it): portfolio_member.name, .phone, .email, "
        ".agreed; contact_officer.name, .title, .phone, .email; strategy.priorities, "
        ".principles, .how, .ambition; report.title, .purpose, .conclusion, "
        ".forward_plan_ref, .equalities, .consultees; smtp.url, smtp.from; email.LEAD "
        "(docs/reports.md)");
    set->add_option("KEY", o.key, "the setting")->required();
    set->add_option("VALUE", o.value, "its value")->required();
    set->add_option("--by", o.by, "who, for the audit trail (default: $USER)");
    set->callback(on(&ReportCommands::set_setting));
    settings->add_subcommand("list", "every setting")->callback(on(&ReportCommands::list_settings));

    auto* profile = report->add_subcommand("profile", "what a body's reports hold");
    profile->add_option("BODY", o.body, "the body")->required();
    profile
        ->add_option("--sections", o.sections,
                     "summary, report, indicators, changes, appendix, cases (default: all)")
        ->delimiter(',');
    profile->add_option("--indicators", o.indicators, "indicator ids (default: all)")
        ->delimiter(',');
    profile->add_flag("--case-level", o.case_level,
                      "allow case-level content (never for a public body)");
    profile->add_option("--by", o.by, "who, for the audit trail (default: $USER)");
    profile->callback(on(&ReportCommands::set_profile));

    auto* reminders = cli.add_subcommand(
        "reminders", "each lead officer's actions overdue, due soon or without an update");
    reminders->add_option("--as-of", o.as_of, "YYYY-MM-DD (default: today)");
    reminders->add_option("--days", o.days, "due within this many days (default: 14)");
    reminders->add_option("--format", o.format, "text (default) or json")
        ->check(CLI::IsMember({"text", "json"}));
    reminders->callback(on(&ReportCommands::reminders));
}

}  // namespace csip::cli
