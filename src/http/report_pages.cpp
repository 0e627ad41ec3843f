// A governance body's report in the browser and through the API: previewed for any date with its
// "changes since", downloaded as DOCX, HTML or XLSX, and published for one of the body's meetings
// after a confirmation page (editors and administrators). Everything is app::ReportService's, as
// `csip report` and `csip report publish` use it; this file only asks and shows. A report that
// holds case-level content (a body that is not public, with a profile that allows it) is shown
// and served only to those who may read exceptions, as the governance page does with
// publications: a viewer gets 403.
#include <nlohmann/json.hpp>

#include <array>
#include <charconv>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "app/report_service.hpp"
#include "http/api.hpp"
#include "http/date_input.hpp"
#include "http/form.hpp"
#include "http/site.hpp"
#include "http/views.hpp"

namespace csip::http {
namespace {

using httplib::Request;
using httplib::Response;
using Json = nlohmann::ordered_json;

constexpr const char* kHtml = "text/html; charset=utf-8";
constexpr const char* kJson = "application/json";
constexpr const char* kBodyId = "([^/]+)";
constexpr const char* kCaseLevelRefusal =
    "This report holds case-level information about children: only leads, editors and "
    "administrators may read it.";

bool may_publish(const Visitor& visitor) {
    return domain::has_right(visitor.person.role, domain::Right::EditPlan);
}

bool may_read_case_level(const Visitor& visitor) {
    return domain::has_right(visitor.person.role, domain::Right::ReadExceptions);
}

std::optional<domain::GovernanceBody> find_body(const std::vector<domain::GovernanceBody>& bodies,
                                                const std::string& id) {
    for (const auto& body : bodies) {
        if (body.id == id) return body;
    }
    return std::nullopt;
}

// Whether the report `request` asks for may be shown to `visitor`: a public body's never holds
// case-level content; another body's does when its profile allows it, which the model says.
Result<bool> report_allowed(app::ReportService& reports, const domain::GovernanceBody& body,
                            const app::ReportRequest& request, const Visitor& visitor) {
    if (body.is_public || may_read_case_level(visitor)) return true;
    auto model = reports.model(request);
    if (!model) return fail(model.error());
    return !model->includes_case_level;
}

// Whether a publication holds case-level content: its first file says.
Result<bool> publication_case_level(app::ReportService& reports,
                                    const storage::Publication& publication) {
    if (publication.files.empty()) return false;
    const auto format = app::parse_report_format(publication.files.front().format);
    if (!format) return false;
    auto file = reports.published_file(publication.id, *format);
    if (!file) return fail(file.error());
    return file->case_level;
}

// The board pack's <main> as a part of this page: its headings one level down (the page has
// its own H1), the Design System's classes on its text and tables. The pack is csip's own
// renderer's, escaped throughout and without scripts; its stylesheet stays behind, since the
// page's Content-Security-Policy allows no inline style.
std::string embedded_report(const std::string& pack) {
    const auto start = pack.find("<main>");
    const auto end = pack.rfind("</main>");
    if (start == std::string::npos || end == std::string::npos || end < start) return {};
    std::string html = pack.substr(start + 6, end - start - 6);
    static const std::array<std::pair<std::string_view, std::string_view>, 17> kReplacements{{
        {"<h3>", "<h5 class=\"govuk-heading-s\">"},
        {"</h3>", "</h5>"},
        {"<h2>", "<h4 class=\"govuk-heading-s\">"},
        {"</h2>", "</h4>"},
        {"<h1>", "<h3 class=\"govuk-heading-m\">"},
        {"</h1>", "</h3>"},
        {"<p>", "<p class=\"govuk-body\">"},
        {"<p class=\"numbered\">", "<p class=\"govuk-body\">"},
        {"<span class=\"number\">", "<span class=\"govuk-!-font-weight-bold\">"},
        {"<ul>", "<ul class=\"govuk-list govuk-list--bullet\">"},
        {"<table>", "<table class=\"govuk-table\">"},
        {"<table class=\"details\">", "<table class=\"govuk-table\">"},
        {"<caption>", "<caption class=\"govuk-table__caption govuk-table__caption--s\">"},
        {"<th scope=", "<th class=\"govuk-table__header\" scope="},
        {"<td class=\"", "<td class=\"govuk-table__cell csip-"},
        {"<td>", "<td class=\"govuk-table__cell\">"},
        {"<figcaption>", "<figcaption class=\"govuk-body-s\">"},
    }};
    for (const auto& [from, to] : kReplacements) {
        std::string out;
        out.reserve(html.size());
        std::size_t at = 0;
        while (true) {
            const auto found = html.find(from, at);
            if (found == std::string::npos) break;
            out.append(html, at, found - at);
            out += to;
            at = found + from.size();
        }
        out.append(html, at, std::string::npos);
        html = std::move(out);
    }
    // A space after the paragraph number, which the pack's stylesheet gave as a width.
    std::string spaced;
    const std::string number = "<span class=\"govuk-!-font-weight-bold\">";
    std::size_t at = 0;
    while (true) {
        const auto found = html.find(number, at);
        if (found == std::string::npos) break;
        const auto close = html.find("</span>", found);
        if (close == std::string::npos) break;
        spaced.append(html, at, close + 7 - at);
        spaced += ' ';
        at = close + 7;
    }
    spaced.append(html, at, std::string::npos);
    return spaced;
}

std::string body_path(const std::string& id) { return "/governance/bodies/" + url_encode(id); }

std::string query_of(domain::Date as_of, const std::optional<domain::Date>& since) {
    std::string query = "as_of=" + as_of.iso();
    if (since) query += "&since=" + since->iso();
    return query;
}

void unavailable(Site& site, Response& response, const Visitor& visitor) {
    site.message_page(response, &visitor, 503, "Sorry, the service is unavailable",
                      {"Reporting to governance bodies is not set up on this server."});
}

void no_such_body(Site& site, Response& response, const Visitor& visitor) {
    site.message_page(response, &visitor, 404, "Page not found",
                      {"There is no such governance body."});
}

// --- The preview -----------------------------------------------------------------------------

void preview_page(Site& site, const Request& request, Response& response, const Visitor& visitor) {
    app::ReportService* reports = site.services.reports;
    if (reports == nullptr) return unavailable(site, response, visitor);
    auto bodies = reports->bodies();
    if (!bodies) return store_failure(site, response, &visitor, bodies.error());
    const auto body = find_body(*bodies, request.matches[1].str());
    if (!body) return no_such_body(site, response, visitor);

    DateParts as_of_parts;
    DateParts since_parts;
    const auto as_of_read =
        read_date(request, "as_of", "The date of the report", as_of_parts);
    const auto since_read =
        read_date(request, "since", "The date of the changes", since_parts);
    std::optional<DateProblem> as_of_problem = as_of_read.problem;
    std::optional<DateProblem> since_problem = since_read.problem;
    const domain::Date as_of = as_of_read.date.value_or(site.services.clock.today());
    if (!as_of_read.date && !as_of_problem) as_of_parts = date_parts(as_of);
    if (!as_of_problem && !since_problem && since_read.date && as_of < *since_read.date) {
        since_problem = DateProblem{
            "The date of the changes must be the same as or before the "
            "date of the report",
            true, true, true};
    }
    std::vector<FieldError> errors;
    if (as_of_problem) {
        errors.push_back({date_error_target("as_of", *as_of_problem), as_of_problem->message});
    }
    if (since_problem) {
        errors.push_back({date_error_target("since", *since_problem), since_problem->message});
    }

    const std::string heading = "Report to " + body->name;
    Data page;
    page.set("preview", true);
    page.set("confirm", false);
    page.set("heading", heading);
    page.set("body_name", body->name);
    page.set("action", body_path(body->id) + "/report");
    page.set("has_report", false);
    page.set("no_plan", false);
    page.set("may_publish", false);

    if (errors.empty()) {
        const app::ReportRequest wanted{body->id, as_of, since_read.date, std::nullopt};
        auto allowed = report_allowed(*reports, *body, wanted, visitor);
        if (allowed && !*allowed) return forbidden(site, response, visitor, kCaseLevelRefusal);
        auto rendered = allowed ? reports->render(wanted, app::ReportFormat::Html)
                                : Result<app::RenderedReport>(fail(allowed.error()));
        if (rendered) {
            page.set("has_report", true);
            page.set("report_html", embedded_report(rendered->content));
            const std::string query = query_of(as_of, since_read.date);
            List downloads;
            for (const auto& [format, label] : std::array<std::pair<const char*, const char*>, 3>{
                     {{"docx", "Download the committee report (Word document, DOCX)"},
                      {"html", "Download the board pack (web page, HTML)"},
                      {"xlsx", "Download the figures (Excel workbook, XLSX)"}}}) {
                Data link;
                link.set("label", std::string(label));
                link.set("href",
                         body_path(body->id) + "/report/download?format=" + format + "&" + query);
                downloads.push_back(link);
            }
            page.set("downloads", downloads);
            page.set("may_publish", may_publish(visitor));
            page.set("publish_href", body_path(body->id) + "/publish?as_of=" + as_of.iso());
        } else if (rendered.error().kind == ErrorKind::NotFound) {
            page.set("no_plan", true);
        } else if (rendered.error().kind == ErrorKind::InvalidInput) {
            as_of_problem = DateProblem{
                "The report cannot be written for this date: choose another", true, true, true};
            errors.push_back({"as_of-day", as_of_problem->message});
        } else {
            return store_failure(site, response, &visitor, rendered.error());
        }
    }
    page.set("as_of_input", render_date_input(site.templates,
                                              {"as_of", "Date of the report",
                                               "The figures run to the end of the "
                                               "last whole month before it. For "
                                               "example, 15 9 2015",
                                               false},
                                              as_of_parts, as_of_problem));
    page.set("since_input",
             render_date_input(site.templates,
                               {"since", "Changes since (optional)",
                                "Leave empty to list the changes since the last report published "
                                "to this body, or else since its previous meeting",
                                false},
                               since_parts, since_problem));
    page.set("errors", errors_data(errors));
    page.set("has_errors", !errors.empty());
    response.status = errors.empty() ? 200 : 400;
    response.set_content(
        site.page(&visitor, "governance", heading, "report_preview", page, !errors.empty()), kHtml);
}

// --- Downloads -------------------------------------------------------------------------------

// Reads ?as_of=&since= (ISO dates; as_of defaults to today) into `wanted`; a problem names its
// parameter.
Result<app::ReportRequest> report_request(Site& site, const Request& request,
                                          const std::string& body_id) {
    app::ReportRequest wanted{body_id, site.services.clock.today(), std::nullopt, std::nullopt};
    for (const char* name : {"as_of", "since"}) {
        const std::string text = param(request, name);
        if (text.empty()) continue;
        const auto date = domain::Date::parse_iso(text);
        if (!date) {
            return fail(ErrorKind::InvalidInput,
                        std::string(name) + " '" + text + "' is not a date; write it as YYYY-MM-DD",
                        name);
        }
        if (std::string_view(name) == "as_of") {
            wanted.as_of = *date;
        } else {
            wanted.since = *date;
        }
    }
    if (wanted.since && wanted.as_of < *wanted.since) {
        return fail(ErrorKind::InvalidInput, "since must be the same as or before as_of", "since");
    }
    return wanted;
}

// The report as a file, for the page's download links and the API alike; a failure is given
// back for the caller to answer in its own way.
Result<app::RenderedReport> report_file(Site& site, const Request& request, const Visitor& visitor,
                                        const std::string& body_id,
                                        const std::string& format_word) {
    app::ReportService* reports = site.services.reports;
    if (reports == nullptr) {
        return fail(ErrorKind::Unavailable, "reporting to governance bodies is not set up");
    }
    const auto format = app::parse_report_format(format_word.empty() ? "html" : format_word);
    if (!format) {
        return fail(ErrorKind::InvalidInput,
                    "format '" + format_word + "' is not one of docx, html and xlsx", "format");
    }
    auto bodies = reports->bodies();
    if (!bodies) return fail(bodies.error());
    const auto body = find_body(*bodies, body_id);
    if (!body) return fail(ErrorKind::NotFound, "there is no governance body '" + body_id + "'");
    auto wanted = report_request(site, request, body->id);
    if (!wanted) return fail(wanted.error());
    auto allowed = report_allowed(*reports, *body, *wanted, visitor);
    if (!allowed) return fail(allowed.error());
    if (!*allowed) {
        return fail(ErrorKind::Forbidden,
                    "this report holds case-level information about children: only leads, "
                    "editors and administrators may read it");
    }
    return reports->render(*wanted, *format);
}

void download_page(Site& site, const Request& request, Response& response, const Visitor& visitor) {
    auto file =
        report_file(site, request, visitor, request.matches[1].str(), param(request, "format"));
    if (!file) {
        const auto& error = file.error();
        switch (error.kind) {
            case ErrorKind::Forbidden:
                return forbidden(site, response, visitor, kCaseLevelRefusal);
            case ErrorKind::InvalidInput:
                return site.message_page(response, &visitor, 400, "There is a problem",
                                         {"This download link is not one csip gives. Go back "
                                          "to the report and choose a download from there."});
            case ErrorKind::NotFound:
                return site.message_page(response, &visitor, 404, "Page not found",
                                         {"There is no such report."});
            default:
                return store_failure(site, response, &visitor, error);
        }
    }
    response.set_header("Content-Disposition", attachment(file->file_name));
    response.set_content(std::move(file->content), std::string(app::content_type(file->format)));
}

// --- Publishing ------------------------------------------------------------------------------

struct PublishForm {
    std::string meeting;  // the ISO date chosen
    DateParts as_of;
    std::optional<DateProblem> as_of_problem;
    std::vector<FieldError> errors;
};

void publish_page(Site& site, Response& response, const Visitor& visitor,
                  const domain::GovernanceBody& body, const PublishForm& form, int status) {
    app::ReportService& reports = *site.services.reports;
    auto meetings = reports.meetings(body.id);
    if (!meetings) return store_failure(site, response, &visitor, meetings.error());
    auto publications = reports.publications(body.id);
    if (!publications) return store_failure(site, response, &visitor, publications.error());
    std::set<std::string> published;
    for (const auto& publication : *publications) published.insert(publication.meeting.iso());

    // The meeting chosen, or the first on or after today not yet published.
    std::string chosen = form.meeting;
    if (chosen.empty()) {
        const domain::Date today = site.services.clock.today();
        for (const auto& meeting : *meetings) {
            if (today <= meeting.on && !published.count(meeting.on.iso())) {
                chosen = meeting.on.iso();
                break;
            }
        }
    }
    List meeting_rows;
    for (const auto& meeting : *meetings) {
        Data row;
        row.set("value", meeting.on.iso());
        row.set("label", long_date(meeting.on));
        row.set("input_id", "meeting-" + meeting.on.iso());
        row.set("selected", meeting.on.iso() == chosen);
        row.set("published", published.count(meeting.on.iso()) > 0);
        meeting_rows.push_back(row);
    }
    const std::string heading = "Publish the report to " + body.name;
    std::vector<FieldError> linked;
    std::string meeting_error;
    for (const auto& error : form.errors) {
        if (error.field == "meeting") {
            if (meeting_error.empty()) meeting_error = error.message;
            linked.push_back({meetings->empty() ? std::string("meeting")
                                                : "meeting-" + meetings->front().on.iso(),
                              error.message});
        } else {
            linked.push_back(error);
        }
    }
    Data page;
    page.set("preview", false);
    page.set("confirm", true);
    page.set("heading", heading);
    page.set("body_name", body.name);
    page.set("action", body_path(body.id) + "/publish");
    page.set("back", body_path(body.id) + "/report");
    page.set("csrf_token", visitor.csrf_token);
    page.set("meetings", meeting_rows);
    page.set("no_meetings", meetings->empty());
    page.set("meeting_error", maybe(meeting_error));
    page.set("as_of_input",
             render_date_input(site.templates,
                               {"as_of", "Date of the figures (optional)",
                                "Leave empty to use the date of the meeting. For example, "
                                "15 9 2015",
                                false},
                               form.as_of, form.as_of_problem));
    page.set("errors", errors_data(linked));
    page.set("has_errors", !linked.empty());
    response.status = status;
    response.set_content(
        site.page(&visitor, "governance", heading, "report_preview", page, !linked.empty()), kHtml);
}

// The publish pages' common start: the service, the right, the body.
std::optional<domain::GovernanceBody> publishing_body(Site& site, const Request& request,
                                                      Response& response, const Visitor& visitor) {
    if (site.services.reports == nullptr) {
        unavailable(site, response, visitor);
        return std::nullopt;
    }
    if (!may_publish(visitor)) {
        forbidden(site, response, visitor,
                  "Only editors and administrators may publish a report to a governance body.");
        return std::nullopt;
    }
    auto bodies = site.services.reports->bodies();
    if (!bodies) {
        store_failure(site, response, &visitor, bodies.error());
        return std::nullopt;
    }
    auto body = find_body(*bodies, request.matches[1].str());
    if (!body) no_such_body(site, response, visitor);
    return body;
}

void get_publish(Site& site, const Request& request, Response& response, const Visitor& visitor) {
    const auto body = publishing_body(site, request, response, visitor);
    if (!body) return;
    PublishForm form;
    if (const auto as_of = domain::Date::parse_iso(param(request, "as_of"))) {
        form.as_of = date_parts(*as_of);
    }
    publish_page(site, response, visitor, *body, form, 200);
}

// Whether `on` is one of the body's meetings: a report is published for a meeting in its
// calendar.
Result<bool> is_meeting(app::ReportService& reports, const std::string& body_id, domain::Date on) {
    auto meetings = reports.meetings(body_id);
    if (!meetings) return fail(meetings.error());
    for (const auto& meeting : *meetings) {
        if (meeting.on == on) return true;
    }
    return false;
}

void post_publish(Site& site, const Request& request, Response& response, const Visitor& visitor) {
    const auto body = publishing_body(site, request, response, visitor);
    if (!body) return;
    if (!form_allowed(site, request, response, visitor)) return;
    PublishForm form;
    form.meeting = param(request, "meeting");
    const auto reading = read_date(date_parts(request, "as_of"), "The date of the figures");
    form.as_of = date_parts(request, "as_of");
    form.as_of_problem = reading.problem;
    const auto meeting = domain::Date::parse_iso(form.meeting);
    if (!meeting) form.errors.push_back({"meeting", "Select the meeting the report goes to"});
    if (reading.problem) {
        form.errors.push_back(
            {date_error_target("as_of", *reading.problem), reading.problem->message});
    }
    if (!form.errors.empty()) return publish_page(site, response, visitor, *body, form, 400);
    auto published =
        site.services.reports->publish(body->id, *meeting, reading.date, visitor.person.name);
    if (!published) {
        const auto& error = published.error();
        if (error.kind == ErrorKind::Unavailable)
            return store_failure(site, response, &visitor, error);
        // The service publishes only for one of the body's meetings.
        const bool no_such_meeting =
            error.kind == ErrorKind::NotFound && error.field == "meeting";
        if (no_such_meeting) {
            form.errors.push_back({"meeting", body->name + " has no meeting on " +
                                                  long_date(*meeting) +
                                                  ": select one of its meetings"});
        } else if (error.kind == ErrorKind::Conflict) {
            form.errors.push_back({"meeting", "The report to " + body->name +
                                                  " for the meeting on " + long_date(*meeting) +
                                                  " has already been published: a published "
                                                  "report is never replaced"});
        } else if (error.field == "as_of") {
            form.errors.push_back({"as_of-day", sentence(error.message)});
            form.as_of_problem = DateProblem{sentence(error.message), true, true, true};
        } else {
            form.errors.push_back({"meeting", sentence(error.message)});
        }
        return publish_page(site, response, visitor, *body, form,
                            error.kind == ErrorKind::Conflict                      ? 409
                            : error.kind == ErrorKind::NotFound && !no_such_meeting ? 404
                                                                                    : 400);
    }
    site.notices.leave(
        visitor.csrf_token, "/governance",
        "The report to " + body->name + " for the meeting on " + long_date(published->meeting) +
            " has been published. Its SHA-256 content hash is " + published->content_hash + ".");
    response.set_redirect("/governance", 303);
}

// --- The API ---------------------------------------------------------------------------------

std::string dump(const Json& json) {
    return json.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

Json publication_json(const storage::Publication& publication, bool case_level) {
    Json json;
    json["id"] = publication.id;
    json["body"] = publication.body_id;
    json["meeting"] = publication.meeting.iso();
    json["as_of"] = publication.as_of.iso();
    json["since"] = publication.since.iso();
    json["published_at"] = publication.published_at;
    json["published_by"] = publication.published_by;
    json["content_hash"] = publication.content_hash;
    json["case_level"] = case_level;
    Json files = Json::array();
    for (const auto& file : publication.files) {
        Json item;
        item["format"] = file.format;
        item["file_name"] = file.file_name;
        item["href"] = "/api/v1/publications/" + std::to_string(publication.id) + "/" + file.format;
        files.push_back(std::move(item));
    }
    json["files"] = std::move(files);
    return json;
}

void api_report(Site& site, const Request& request, Response& response, const Visitor& visitor) {
    auto file =
        report_file(site, request, visitor, request.matches[1].str(), param(request, "format"));
    if (!file) return send_failure(response, file.error());
    response.set_header("Content-Disposition", attachment(file->file_name));
    response.set_content(std::move(file->content), std::string(app::content_type(file->format)));
}

// {"meeting": "YYYY-MM-DD", "as_of"?: "YYYY-MM-DD"}: nothing else, each once.
Result<std::pair<domain::Date, std::optional<domain::Date>>> read_publish_request(
    const std::string& text) {
    auto parsed = parse_object(text);
    if (!parsed) {
        if (!parsed.error().field.empty()) return fail(parsed.error());
        return fail(ErrorKind::InvalidInput,
                    "the body must be one JSON object, {\"meeting\": \"YYYY-MM-DD\"}");
    }
    const Json& body = *parsed;
    for (const auto& [key, value] : body.items()) {
        if (key != "meeting" && key != "as_of") {
            return fail(ErrorKind::InvalidInput,
                        "\"" + key + "\" is not a member here; give meeting and as_of", key);
        }
    }
    std::optional<domain::Date> dates[2];
    const std::array<const char*, 2> names{"meeting", "as_of"};
    for (std::size_t i = 0; i < names.size(); ++i) {
        const auto found = body.find(names[i]);
        if (found == body.end() || found->is_null()) continue;
        if (found->is_string()) dates[i] = domain::Date::parse_iso(found->get<std::string>());
        if (!dates[i]) {
            return fail(ErrorKind::InvalidInput,
                        "\"" + std::string(names[i]) + "\" must be a date written as YYYY-MM-DD",
                        names[i]);
        }
    }
    if (!dates[0]) {
        return fail(ErrorKind::InvalidInput,
                    "give \"meeting\": the date of the meeting the report goes to, YYYY-MM-DD",
                    "meeting");
    }
    return std::pair{*dates[0], dates[1]};
}

void api_publish(Site& site, const Request& request, Response& response, const Visitor& visitor) {
    if (!csrf_shown(request, response, visitor)) return;
    app::ReportService* reports = site.services.reports;
    if (reports == nullptr) {
        return send_error(response, 503, "unavailable",
                          "reporting to governance bodies is not set up on this server");
    }
    if (!may_publish(visitor)) {
        return send_error(
            response, 403, "forbidden",
            visitor.person.name + " may not publish a report: an editor or an administrator may");
    }
    const std::string body_id = request.matches[1].str();
    auto bodies = reports->bodies();
    if (!bodies) return send_failure(response, bodies.error());
    if (!find_body(*bodies, body_id)) {
        return send_error(response, 404, "not_found",
                          "there is no governance body '" + body_id + "'");
    }
    auto asked = read_publish_request(request.body);
    if (!asked) return send_failure(response, asked.error());
    const auto& [meeting, as_of] = *asked;
    auto known = is_meeting(*reports, body_id, meeting);
    if (!known) return send_failure(response, known.error());
    if (!*known) {
        return send_error(response, 404, "not_found",
                          "'" + body_id + "' has no meeting on " + meeting.iso() +
                              ": add it first (POST /governance/meetings, or the governance page)",
                          "meeting");
    }
    auto published = reports->publish(body_id, meeting, as_of, visitor.person.name);
    if (!published) return send_failure(response, published.error());
    auto case_level = publication_case_level(*reports, *published);
    if (!case_level) return send_failure(response, case_level.error());
    response.status = 201;
    response.set_header("Location", "/api/v1/publications/" + std::to_string(published->id));
    response.set_content(dump(publication_json(*published, *case_level)), kJson);
}

void api_publications(Site& site, const Request& request, Response& response,
                      const Visitor& visitor) {
    app::ReportService* reports = site.services.reports;
    if (reports == nullptr) {
        return send_error(response, 503, "unavailable",
                          "reporting to governance bodies is not set up on this server");
    }
    auto publications = reports->publications(param(request, "body"));
    if (!publications) return send_failure(response, publications.error());
    Json list = Json::array();
    for (const auto& publication : *publications) {
        auto case_level = publication_case_level(*reports, publication);
        if (!case_level) return send_failure(response, case_level.error());
        if (*case_level && !may_read_case_level(visitor)) continue;
        list.push_back(publication_json(publication, *case_level));
    }
    Json body;
    body["publications"] = std::move(list);
    response.set_content(dump(body), kJson);
}

void api_published_file(Site& site, const Request& request, Response& response,
                        const Visitor& visitor) {
    app::ReportService* reports = site.services.reports;
    if (reports == nullptr) {
        return send_error(response, 503, "unavailable",
                          "reporting to governance bodies is not set up on this server");
    }
    const std::string id_text = request.matches[1].str();
    std::int64_t id = 0;
    std::from_chars(id_text.data(), id_text.data() + id_text.size(), id);
    const auto format = app::parse_report_format(request.matches[2].str());
    if (!format) {
        return send_error(response, 404, "not_found",
                          "a publication's files are docx, html and xlsx", "format");
    }
    auto file = reports->published_file(id, *format);
    if (!file) return send_failure(response, file.error());
    if (file->case_level && !may_read_case_level(visitor)) {
        return send_error(response, 403, "forbidden",
                          "this report holds case-level information about children: only leads, "
                          "editors and administrators may read it");
    }
    response.set_header("Content-Disposition", attachment(file->file_name));
    response.set_content(std::move(file->content), file->content_type);
}

}  // namespace

void add_report_pages(httplib::Server& server, Site& site) {
    const std::string body = std::string("/governance/bodies/") + kBodyId;
    server.Get(body + "/report", signed_in(site, [&site](const Request& request, Response& response,
                                                         const Visitor& visitor) {
                   preview_page(site, request, response, visitor);
               }));
    server.Get(body + "/report/download",
               signed_in(site, [&site](const Request& request, Response& response,
                                       const Visitor& visitor) {
                   download_page(site, request, response, visitor);
               }));
    server.Get(body + "/publish",
               signed_in(site, [&site](const Request& request, Response& response,
                                       const Visitor& visitor) {
                   get_publish(site, request, response, visitor);
               }));
    post(server, site, body + "/publish",
         signed_in(site,
                   [&site](const Request& request, Response& response, const Visitor& visitor) {
                       post_publish(site, request, response, visitor);
                   }));

    const std::string api_body = std::string("/api/v1/bodies/") + kBodyId;
    server.Get(api_body + "/report",
               authenticated(site, [&site](const Request& request, Response& response,
                                           const Visitor& visitor) {
                   api_report(site, request, response, visitor);
               }));
    write_route(
        server, site, WriteMethod::Post, api_body + "/publications",
        authenticated(site,
                      [&site](const Request& request, Response& response, const Visitor& visitor) {
                          api_publish(site, request, response, visitor);
                      }),
        BodyLimit{});
    server.Get("/api/v1/publications",
               authenticated(site, [&site](const Request& request, Response& response,
                                           const Visitor& visitor) {
                   api_publications(site, request, response, visitor);
               }));
    server.Get(R"(/api/v1/publications/(\d{1,15})/([a-z]+))",
               authenticated(site, [&site](const Request& request, Response& response,
                                           const Visitor& visitor) {
                   api_published_file(site, request, response, visitor);
               }));
}

}  // namespace csip::http
