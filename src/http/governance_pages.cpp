// The governance page: each body with its cadence, its meeting calendar and its published
// reports, and the published files themselves. Every signed-in role reads it; a publication that
// holds case-level content is listed and served only to those who may read exceptions. Editors
// add bodies and meetings here (POST-redirect-GET; a refused form comes back with its errors).
#include <algorithm>
#include <string>
#include <vector>

#include "app/report_service.hpp"
#include "http/date_input.hpp"
#include "http/site.hpp"
#include "http/views.hpp"

namespace csip::http {
namespace {

using httplib::Request;
using httplib::Response;

constexpr const char* kHtml = "text/html; charset=utf-8";

bool may_edit(const Visitor& visitor) {
    return domain::has_right(visitor.person.role, domain::Right::EditPlan);
}

bool may_read_case_level(const Visitor& visitor) {
    return domain::has_right(visitor.person.role, domain::Right::ReadExceptions);
}



// What a refused form sent, to show it again.
struct Submitted {
    std::string form;  // "body" or "meeting"
    const Request* request = nullptr;
};

std::string submitted_value(const Submitted& submitted, const char* form, const char* name) {
    if (submitted.request == nullptr || submitted.form != form) return {};
    return param(*submitted.request, name);
}

// The date of the GOV.UK date input `prefix`_day, _month, _year: whole digits, a four-digit
// year, a real date.
void governance_page(Site& site, Response& response, const Visitor& visitor, int status,
                     const std::vector<FieldError>& errors, const Submitted& submitted,
                     const std::string& notice) {
    app::ReportService* reports = site.services.reports;
    if (reports == nullptr) {
        return site.message_page(response, &visitor, 503, "Sorry, the service is unavailable",
                                 {"Reporting to governance bodies is not set up on this server."});
    }
    auto bodies = reports->bodies();
    if (!bodies) return store_failure(site, response, &visitor, bodies.error());
    const bool case_level_allowed = may_read_case_level(visitor);
    List body_rows;
    List body_options;
    const std::string chosen_body = submitted_value(submitted, "meeting", "body");
    for (const auto& governance_body : *bodies) {
        Data row;
        row.set("id", governance_body.id);
        row.set("name", governance_body.name);
        row.set("cadence", governance_body.cadence);
        row.set("report_href", "/governance/bodies/" + url_encode(governance_body.id) + "/report");
        row.set("public", std::string(governance_body.is_public ? "Public" : "Not public"));
        row.set("public_class", std::string(governance_body.is_public ? "govuk-tag--green"
                                                                      : "govuk-tag--grey"));
        auto meetings = reports->meetings(governance_body.id);
        if (!meetings) return store_failure(site, response, &visitor, meetings.error());
        List meeting_rows;
        for (const auto& meeting : *meetings) meeting_rows.push_back(text(long_date(meeting.on)));
        row.set("meetings", meeting_rows);
        row.set("no_meetings", meetings->empty());
        auto publications = reports->publications(governance_body.id);
        if (!publications) return store_failure(site, response, &visitor, publications.error());
        List publication_rows;
        for (const auto& publication : *publications) {
            if (publication.files.empty()) continue;
            const auto format = app::parse_report_format(publication.files.front().format);
            if (!format) continue;
            // The listing does not say whether a publication holds case-level content; its
            // first file does.
            auto file = reports->published_file(publication.id, *format);
            if (!file) return store_failure(site, response, &visitor, file.error());
            if (file->case_level && !case_level_allowed) continue;
            Data item;
            item.set("id", std::to_string(publication.id));
            item.set("meeting", long_date(publication.meeting));
            item.set("as_of", long_date(publication.as_of));
            item.set("published_at", publication.published_at);
            item.set("published_by", publication.published_by);
            item.set("content_hash", publication.content_hash);
            item.set("case_level", file->case_level);
            List downloads;
            for (const auto& published : publication.files) {
                Data link;
                std::string label = published.format;
                std::transform(label.begin(), label.end(), label.begin(),
                               [](char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; });
                link.set("label", label);
                link.set("href", "/governance/publications/" + std::to_string(publication.id) +
                                     "/" + published.format);
                downloads.push_back(link);
            }
            item.set("downloads", downloads);
            publication_rows.push_back(item);
        }
        row.set("publications", publication_rows);
        row.set("no_publications", publication_rows.empty());
        body_rows.push_back(row);

        Data option;
        option.set("value", governance_body.id);
        option.set("label", governance_body.name);
        option.set("selected", governance_body.id == chosen_body);
        body_options.push_back(option);
    }
    Data page;
    page.set("bodies", body_rows);
    page.set("no_bodies", bodies->empty());
    page.set("may_edit", may_edit(visitor));
    page.set("body_options", body_options);
    page.set("csrf_token", visitor.csrf_token);
    page.set("form_id", submitted_value(submitted, "body", "id"));
    page.set("form_name", submitted_value(submitted, "body", "name"));
    page.set("form_cadence", submitted_value(submitted, "body", "cadence"));
    page.set("form_public", submitted_value(submitted, "body", "public") == "yes");
    page.set("form_day", submitted_value(submitted, "meeting", "meeting_day"));
    page.set("form_month", submitted_value(submitted, "meeting", "meeting_month"));
    page.set("form_year", submitted_value(submitted, "meeting", "meeting_year"));
    for (const char* field : {"id", "name", "cadence", "body", "meeting"}) {
        page.set(std::string(field) + "_error", false);
    }
    for (const auto& error : errors) {
        // The summary links to the date's first input; the message belongs to the whole date.
        page.set((error.field == "meeting-day" ? std::string("meeting") : error.field) + "_error",
                 error.message);
    }
    page.set("errors", errors_data(errors));
    page.set("has_errors", !errors.empty());
    page.set("notice", notice.empty() ? Data(false) : Data(notice));
    response.status = status;
    response.set_content(
        site.page(&visitor, "governance", "Governance", "governance", page, !errors.empty()), kHtml);
}

// Editors only; the forms are not shown to others, and a post from them is refused.
auto editor_only(Site& site, PageHandler handler) {
    return signed_in(site, [&site, handler = std::move(handler)](
                               const Request& request, Response& response, const Visitor& visitor) {
        if (!may_edit(visitor)) {
            return forbidden(site, response, visitor,
                             "Only an editor adds governance bodies and meetings.");
        }
        if (site.services.reports == nullptr) {
            return site.message_page(response, &visitor, 503, "Sorry, the service is unavailable",
                                     {"Reporting to governance bodies is not set up on this server."});
        }
        if (!form_allowed(site, request, response, visitor)) return;
        handler(request, response, visitor);
    });
}

void post_body(Site& site, const Request& request, Response& response, const Visitor& visitor) {
    const Submitted submitted{"body", &request};
    domain::GovernanceBody body;
    body.id = param(request, "id");
    body.name = param(request, "name");
    body.cadence = param(request, "cadence");
    body.is_public = param(request, "public") == "yes";
    std::vector<FieldError> errors;
    if (body.id.empty()) errors.push_back({"id", "Enter an id for the body, for example osmc"});
    if (body.name.empty()) errors.push_back({"name", "Enter the body's name"});
    if (body.cadence.empty()) {
        errors.push_back({"cadence", "Enter how often the body meets, for example monthly or quarterly"});
    }
    if (!errors.empty()) return governance_page(site, response, visitor, 400, errors, submitted, {});
    auto added = site.services.reports->add_body(body, visitor.person.name);
    if (!added) {
        const auto& error = added.error();
        if (error.kind == ErrorKind::Unavailable) return store_failure(site, response, &visitor, error);
        const std::string field =
            error.field == "name" || error.field == "cadence" ? error.field : std::string("id");
        return governance_page(site, response, visitor,
                               error.kind == ErrorKind::Conflict ? 409 : 400,
                               {{field, sentence(error.message)}}, submitted, {});
    }
    site.notices.leave(visitor.csrf_token, "/governance", body.name + " has been added.");
    response.set_redirect("/governance", 303);
}

void post_meeting(Site& site, const Request& request, Response& response, const Visitor& visitor) {
    const Submitted submitted{"meeting", &request};
    const std::string body_id = param(request, "body");
    std::vector<FieldError> errors;
    if (body_id.empty()) errors.push_back({"body", "Choose a body"});
    const auto reading = read_date(date_parts(request, "meeting"), "The meeting date");
    const auto& on = reading.date;
    if (reading.problem) {
        errors.push_back({date_error_target("meeting", *reading.problem), reading.problem->message});
    } else if (!on) {
        errors.push_back({"meeting-day", "Enter the meeting date"});
    }
    if (!errors.empty()) return governance_page(site, response, visitor, 400, errors, submitted, {});
    auto added = site.services.reports->add_meeting(body_id, *on, visitor.person.name);
    if (!added) {
        const auto& error = added.error();
        if (error.kind == ErrorKind::Unavailable) return store_failure(site, response, &visitor, error);
        const std::string field = error.kind == ErrorKind::NotFound ? "body" : "meeting-day";
        return governance_page(site, response, visitor,
                               error.kind == ErrorKind::Conflict ? 409 : 400,
                               {{field, sentence(error.message)}}, submitted, {});
    }
    site.dashboard.forget();  // "updated since the last board meeting" may move
    site.notices.leave(visitor.csrf_token, "/governance",
                       "The meeting on " + long_date(*on) + " has been added.");
    response.set_redirect("/governance", 303);
}

void download(Site& site, const Request& request, Response& response, const Visitor& visitor) {
    if (site.services.reports == nullptr) {
        return site.message_page(response, &visitor, 503, "Sorry, the service is unavailable",
                                 {"Reporting to governance bodies is not set up on this server."});
    }
    const auto format = app::parse_report_format(request.matches[2].str());
    const std::int64_t id = std::stoll(request.matches[1].str());
    auto file = format ? site.services.reports->published_file(id, *format)
                       : Result<app::PublishedDownload>(
                             fail(ErrorKind::NotFound, "There is no such file.", "format"));
    if (!file) {
        if (file.error().kind == ErrorKind::NotFound) {
            return site.message_page(response, &visitor, 404, "Page not found",
                                     {"There is no such published report."});
        }
        return store_failure(site, response, &visitor, file.error());
    }
    if (file->case_level && !may_read_case_level(visitor)) {
        return forbidden(site, response, visitor,
                         "This report holds case-level information about children: only leads, "
                         "editors and administrators may read it.");
    }
    response.set_header("Content-Disposition",
                        attachment(file->file_name));
    response.set_content(std::move(file->content), file->content_type);
}

}  // namespace

void add_governance_pages(httplib::Server& server, Site& site) {
    server.Get("/governance",
               signed_in(site, [&site](const Request&, Response& response, const Visitor& visitor) {
                   governance_page(site, response, visitor, 200, {}, {},
                                   site.notices.take(visitor.csrf_token, "/governance"));
               }));
    post(server, site, "/governance/bodies",
         editor_only(site,
                     [&site](const Request& request, Response& response, const Visitor& visitor) {
                         post_body(site, request, response, visitor);
                     }));
    post(server, site, "/governance/meetings",
         editor_only(site,
                     [&site](const Request& request, Response& response, const Visitor& visitor) {
                         post_meeting(site, request, response, visitor);
                     }));
    server.Get(R"(/governance/publications/(\d{1,15})/([a-z]+))",
               signed_in(site, [&site](const Request& request, Response& response,
                                       const Visitor& visitor) {
                   download(site, request, response, visitor);
               }));
}

}  // namespace csip::http
