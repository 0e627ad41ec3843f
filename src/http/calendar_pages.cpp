// The meetings calendar, its iCalendar feed and the reminders preview.
//
// - /calendar (anyone signed in): every governance body's meetings from today, the report each
//   expects (the body's report profile) and whether it is published, with links to the report's
//   preview and, for editors, its publish page.
// - /calendar.ics: the meetings and the due dates of the actions not complete, as RFC 5545
//   all-day events (reporting/icalendar.hpp). A calendar program subscribes to it with the
//   session cookie, `Authorization: Bearer TOKEN` or, since Outlook's subscriptions send no
//   headers, `?token=TOKEN`. Nothing case-level is in it.
// - /reminders (editors and administrators): what the next `csip reminders` would send to each
//   lead officer, worked out with ReportService::reminder_preview, which neither sends nor claims
//   anything, and the SMTP settings in force.
// - GET /api/v1/meetings: the calendar as JSON.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "app/report_service.hpp"
#include "http/api.hpp"
#include "http/form.hpp"
#include "http/site.hpp"
#include "http/views.hpp"
#include "app/documents.hpp"

namespace csip::http {
namespace {

using httplib::Request;
using httplib::Response;
using Json = nlohmann::ordered_json;

constexpr const char* kHtml = "text/html; charset=utf-8";
// How far ahead the reminders look for actions due soon, as `csip reminders` does by default.
constexpr int kReminderDays = 14;

bool may_publish(const Visitor& visitor) {
    return domain::has_right(visitor.person.role, domain::Right::EditPlan);
}

// One meeting of one body, with what its report holds and whether it is published.
struct CalendarMeeting {
    domain::GovernanceBody body;
    storage::ReportProfile profile;
    domain::Date on;
    bool published = false;
};

// Every body's meetings on or after `from` (all of them without it), by date, then body.
Result<std::vector<CalendarMeeting>> calendar(app::ReportService& reports,
                                              std::optional<domain::Date> from) {
    auto bodies = reports.bodies();
    if (!bodies) return fail(bodies.error());
    std::vector<CalendarMeeting> out;
    for (const auto& body : *bodies) {
        auto meetings = reports.meetings(body.id);
        if (!meetings) return fail(meetings.error());
        auto profile = reports.profile(body.id);
        if (!profile) return fail(profile.error());
        auto publications = reports.publications(body.id);
        if (!publications) return fail(publications.error());
        std::set<domain::Date> published;
        for (const auto& publication : *publications) published.insert(publication.meeting);
        for (const auto& meeting : *meetings) {
            if (from && meeting.on < *from) continue;
            out.push_back({body, *profile, meeting.on, published.count(meeting.on) > 0});
        }
    }
    std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
        return a.on < b.on || (a.on == b.on && a.body.name < b.body.name);
    });
    return out;
}

std::string section_words(const std::string& section) {
    namespace r = reporting;
    if (section == r::kSectionSummary) return "executive summary";
    if (section == r::kSectionReport) return "executive report";
    if (section == r::kSectionIndicators) return "performance figures";
    if (section == r::kSectionChanges) return "changes since the last report";
    if (section == r::kSectionAppendix) return "the plan (appendix A)";
    if (section == r::kSectionCases) return "cases out of timescale";
    return section;
}

// What a body's report holds, in words: "Every section, every indicator".
std::string expected_report(const CalendarMeeting& meeting) {
    std::string out;
    if (meeting.profile.sections.empty()) {
        out = "Every section";
    } else {
        for (const auto& section : meeting.profile.sections) {
            out += out.empty() ? sentence(section_words(section)) : ", " + section_words(section);
        }
    }
    const auto count = meeting.profile.indicators.size();
    out += count == 0   ? "; every indicator"
           : count == 1 ? "; 1 indicator"
                        : "; " + std::to_string(count) + " indicators";
    out += meeting.body.is_public ? "; published to the public"
           : meeting.profile.case_level_allowed ? "; with case-level content"
                                                 : "";
    return out;
}

// --- /calendar ---------------------------------------------------------------------------------

void get_calendar(Site& site, const Request&, Response& response, const Visitor& visitor) {
    if (site.services.reports == nullptr) {
        return site.message_page(response, &visitor, 503, "Meetings calendar",
                                 {"Governance reporting is not available on this server."});
    }
    const domain::Date today = site.services.clock.today();
    auto meetings = calendar(*site.services.reports, today);
    if (!meetings) return store_failure(site, response, &visitor, meetings.error());
    List rows;
    for (const auto& meeting : *meetings) {
        Data row;
        row.set("date", long_date(meeting.on));
        row.set("body", meeting.body.name);
        row.set("report", expected_report(meeting));
        row.set("published", meeting.published);
        row.set("report_href", "/governance/bodies/" + url_encode(meeting.body.id) +
                                   "/report?as_of=" + meeting.on.iso());
        row.set("publish_href", "/governance/bodies/" + url_encode(meeting.body.id) +
                                    "/publish");
        row.set("may_publish", may_publish(visitor) && !meeting.published);
        rows.push_back(row);
    }
    Data body;
    body.set("today", long_date(today));
    body.set("meetings", rows);
    body.set("no_meetings", meetings->empty());
    response.set_content(site.page(&visitor, "governance", "Meetings calendar", "calendar", body),
                         kHtml);
}

// --- /calendar.ics -----------------------------------------------------------------------------

// The person the feed is for: the session cookie or bearer token (Site::visitor), else the
// `token` parameter of a calendar subscription.
Result<std::optional<domain::Person>> feed_reader(Site& site, const Request& request) {
    auto visitor = site.visitor(request);
    if (!visitor) return fail(visitor.error());
    if (*visitor) return std::optional<domain::Person>((*visitor)->person);
    const std::string token = param(request, "token");
    if (token.empty() || !request.get_header_value("Authorization").empty()) {
        return std::optional<domain::Person>();
    }
    return site.services.accounts.authenticate_token(token);
}

void get_calendar_feed(Site& site, const Request& request, Response& response) {
    auto reader = feed_reader(site, request);
    if (!reader) {
        response.status = reader.error().kind == ErrorKind::Unavailable ? 503 : 500;
        return response.set_content("The calendar is not available just now.\n",
                                    "text/plain; charset=utf-8");
    }
    if (!*reader) {
        response.status = 401;
        response.set_header("WWW-Authenticate", "Bearer realm=\"csip\"");
        return response.set_content(
            "Sign in, or subscribe to this address with ?token= and an API token.\n",
            "text/plain; charset=utf-8");
    }
    if (site.services.reports == nullptr) {
        response.status = 503;
        return response.set_content("Governance reporting is not available on this server.\n",
                                    "text/plain; charset=utf-8");
    }
    std::vector<app::CalendarEvent> events;
    auto meetings = calendar(*site.services.reports, std::nullopt);
    if (!meetings) return store_failure(site, response, nullptr, meetings.error());
    for (const auto& meeting : *meetings) {
        events.push_back({"meeting-" + meeting.body.id + "-" + meeting.on.iso() + "@csip",
                          meeting.on, meeting.body.name,
                          "Report expected: " + expected_report(meeting) + "." +
                              (meeting.published ? " Published." : " Not yet published.")});
    }
    auto plan = site.plans.plan();
    if (!plan) return store_failure(site, response, nullptr, plan.error());
    if (*plan) {
        const domain::Plan in_force = domain::without_retired(**plan);
        for (const auto& workstream : in_force.workstreams) {
            for (const auto& commitment : workstream.commitments) {
                for (const auto& action : commitment.actions) {
                    if (action.status == domain::ActionStatus::Complete) continue;
                    events.push_back(
                        {"action-" + action.id + "@csip", action.due,
                         "Action " + action.id + " due: " + action.text,
                         "Lead officer: " + action.lead + "\nRAG rating: " +
                             state_word(action.status, action.rag)});
                }
            }
        }
    }
    response.set_header("Content-Disposition", attachment("csip.ics"));
    response.set_content(app::render_icalendar(events, site.services.clock.now()),
                         "text/calendar; charset=utf-8");
}

// --- /reminders --------------------------------------------------------------------------------

// An SMTP address shown without the user name and password it may carry (smtp://user:pass@host).
std::string without_credentials(const std::string& url) {
    const auto scheme = url.find("://");
    const auto start = scheme == std::string::npos ? 0 : scheme + 3;
    const auto at = url.find('@', start);
    const auto slash = url.find('/', start);
    if (at == std::string::npos || (slash != std::string::npos && slash < at)) return url;
    return url.substr(0, start) + url.substr(at + 1);
}

List action_items(const std::vector<domain::Action>& actions, domain::Date today) {
    List items;
    for (const auto& action : actions) items.push_back(action_row(action, today));
    return items;
}

void get_reminders(Site& site, const Request&, Response& response, const Visitor& visitor) {
    if (!may_publish(visitor)) {
        return forbidden(site, response, visitor,
                         "Only an editor or an administrator can see the reminders.");
    }
    if (site.services.reports == nullptr) {
        return site.message_page(response, &visitor, 503, "Reminders",
                                 {"Governance reporting is not available on this server."});
    }
    auto& reports = *site.services.reports;
    const domain::Date today = site.services.clock.today();
    Data body;
    body.set("today", long_date(today));
    body.set("days", std::to_string(kReminderDays));
    auto smtp = reports.smtp_settings();
    if (!smtp) return store_failure(site, response, &visitor, smtp.error());
    body.set("smtp_set", !smtp->url.empty());
    body.set("smtp_url", without_credentials(smtp->url));
    body.set("smtp_from", maybe(smtp->from));
    auto preview = reports.reminder_preview(today, kReminderDays);
    if (!preview && preview.error().kind == ErrorKind::NotFound) {
        body.set("no_plan", true);
    } else if (!preview) {
        return store_failure(site, response, &visitor, preview.error());
    } else {
        List leads;
        int index = 0;
        for (const auto& reminder : preview->reminders) {
            Data lead;
            lead.set("id", "lead-" + std::to_string(++index));
            lead.set("lead", reminder.lead);
            lead.set("email", maybe(reminder.email));
            lead.set("overdue", action_items(reminder.overdue, today));
            lead.set("has_overdue", !reminder.overdue.empty());
            lead.set("due_soon", action_items(reminder.due_soon, today));
            lead.set("has_due_soon", !reminder.due_soon.empty());
            lead.set("without_update", action_items(reminder.without_update, today));
            lead.set("has_without_update", !reminder.without_update.empty());
            // The e-mail's text, a paragraph for each line, as a mail program shows it.
            List lines;
            const std::string text = app::reminder_text(reminder, today);
            std::size_t start = 0;
            while (start < text.size()) {
                auto end = text.find('\n', start);
                if (end == std::string::npos) end = text.size();
                if (end > start) lines.push_back(text.substr(start, end - start));
                start = end + 1;
            }
            lead.set("text_lines", lines);
            leads.push_back(lead);
        }
        body.set("leads", leads);
        body.set("no_leads", preview->reminders.empty());
    }
    response.set_content(site.page(&visitor, "governance", "Reminders", "reminders", body), kHtml);
}

// --- GET /api/v1/meetings ----------------------------------------------------------------------

void get_meetings_api(Site& site, const Request&, Response& response, const Visitor&) {
    if (site.services.reports == nullptr) {
        return send_error(response, 503, "unavailable", "governance reporting is not available");
    }
    const domain::Date today = site.services.clock.today();
    auto meetings = calendar(*site.services.reports, today);
    if (!meetings) return send_failure(response, meetings.error());
    Json list = Json::array();
    for (const auto& meeting : *meetings) {
        list.push_back({{"body", meeting.body.id},
                        {"body_name", meeting.body.name},
                        {"date", meeting.on.iso()},
                        {"public", meeting.body.is_public},
                        {"report",
                         {{"sections", meeting.profile.sections},
                          {"indicators", meeting.profile.indicators},
                          {"case_level", !meeting.body.is_public &&
                                             meeting.profile.case_level_allowed}}},
                        {"published", meeting.published}});
    }
    Json document = {{"from", today.iso()}, {"meetings", list}};
    response.set_content(document.dump(2) + "\n", "application/json");
}

}  // namespace

void add_calendar_pages(httplib::Server& server, Site& site) {
    server.Get("/calendar", signed_in(site, [&site](const Request& request, Response& response,
                                                    const Visitor& visitor) {
                   get_calendar(site, request, response, visitor);
               }));
    server.Get("/calendar.ics", [&site](const Request& request, Response& response) {
        get_calendar_feed(site, request, response);
    });
    server.Get("/reminders", signed_in(site, [&site](const Request& request, Response& response,
                                                     const Visitor& visitor) {
                   get_reminders(site, request, response, visitor);
               }));
    server.Get("/api/v1/meetings",
               authenticated(site, [&site](const Request& request, Response& response,
                                           const Visitor& visitor) {
                   get_meetings_api(site, request, response, visitor);
               }));
}

}  // namespace csip::http
