// Case-level returns uploaded in the browser and through the API, imported as jobs, and the
// returns held. Editors and administrators upload (/returns/upload, POST /api/v1/returns); the
// upload is streamed to disk part by part (a 700 MB census never sits in memory) within the
// upload_limit_mb setting, checked before the first file's bytes are written; then the import
// runs as a job (app/import_jobs.hpp) whose page shows its progress and refreshes itself until
// it ends, then the import report, or the refusal with nothing stored, or what it would replace
// with a form to confirm. The returns page lists every return held with its SHA-256 and links to
// its import report; an administrator removes one (audited; the figures are worked out again).
//
// Routes: GET /returns, GET|POST /returns/upload, GET /returns/jobs/{id},
// GET /returns/jobs/{id}/problems.csv, POST /returns/jobs/{id}/confirm|cancel, GET /returns/{id},
// GET /returns/{id}/problems.csv, GET|POST /returns/{id}/remove; API: POST /api/v1/returns → 202,
// GET /api/v1/jobs/{id}, GET /api/v1/returns, DELETE /api/v1/returns/{id}.
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <fstream>
#include <memory>
#include <system_error>

#include "app/import_report.hpp"
#include "http/api.hpp"
#include "http/connection.hpp"
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
constexpr std::size_t kMiB = 1024 * 1024;
// Files in one upload at most, and bytes in a part that is not a file.
constexpr std::size_t kMostFiles = 32;
constexpr std::size_t kMostFieldBytes = 4096;
// Problems shown on a page; all of them are in the CSV.
constexpr std::size_t kProblemsShown = 200;
// How long a whole upload may take: a 1 GiB upload at 1 MB/s, and more.
constexpr std::chrono::hours kUploadDeadline{2};
// How often a running import's page reloads itself.
constexpr int kRefreshSeconds = 2;

bool may_import(const Visitor& visitor) {
    return domain::has_right(visitor.person.role, domain::Right::EditPlan);
}
bool may_remove(const Visitor& visitor) {
    return domain::has_right(visitor.person.role, domain::Right::RemoveData);
}

bool importer_only(Site& site, Response& response, const Visitor& visitor) {
    if (may_import(visitor) && site.imports) return true;
    if (!site.imports) {
        store_failure(site, response, &visitor,
                      Error{ErrorKind::Unavailable, "this server keeps no case data", {}});
        return false;
    }
    forbidden(site, response, visitor,
              "Only an editor or an administrator can upload returns and see their import "
              "reports.");
    return false;
}

// "12.3" from 12.34: one decimal place.
std::string one_decimal(double value) {
    const auto tenths = static_cast<std::uint64_t>(value * 10.0 + 0.5);
    return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10);
}

std::string megabytes(std::uint64_t bytes) {
    return one_decimal(static_cast<double>(bytes) / 1e6) + " MB";
}

bool api_path(const Request& request) { return request.path.starts_with("/api/"); }

std::string count_text(std::uint64_t n) {
    std::string digits = std::to_string(n);
    for (int at = static_cast<int>(digits.size()) - 3; at > 0; at -= 3) {
        digits.insert(static_cast<std::size_t>(at), ",");
    }
    return digits;
}

std::uint64_t upload_limit(Site& site) {
    auto config = site.services.indicators->settings();
    const std::uint64_t mb = config ? config->upload_limit_mb : app::kDefaultUploadLimitMb;
    return mb * kMiB;
}

std::string format_options_text() {
    std::string names;
    for (const auto format : import::kAllReturnFormats) {
        names += (names.empty() ? "" : ", ") + std::string(import::format_name(format));
    }
    return names;
}

// --- the upload, streamed to disk ------------------------------------------------------------

struct Upload {
    std::filesystem::path spool;
    std::vector<app::UploadedFile> files;
    std::map<std::string, std::string> fields;
};

// Removes the spool folder unless the upload is handed to a job.
struct SpoolGuard {
    std::filesystem::path folder;
    ~SpoolGuard() {
        if (folder.empty()) return;
        std::error_code ignored;
        std::filesystem::remove_all(folder, ignored);
    }
};

std::optional<std::filesystem::path> new_spool(const Site& site) {
    std::error_code error;
    std::filesystem::path base = site.options.upload_dir.empty()
                                     ? std::filesystem::temp_directory_path(error)
                                     : std::filesystem::path(site.options.upload_dir);
    if (error) return std::nullopt;
    std::filesystem::create_directories(base, error);
    std::string pattern = (base / "csip-upload-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) return std::nullopt;
    return std::filesystem::path(pattern);
}

enum class Refusal { None, NotMultipart, TooLarge, Unreadable, NoRoom, TooManyFiles, Csrf };

struct Received {
    Refusal refusal = Refusal::None;
    Upload upload;
};

// Reads the multipart body into files in a new spool folder. The CSRF check (`csrf_ok`, given
// the fields read so far) runs before the first file's bytes are written.
Received receive(Site& site, const Request& request, const httplib::ContentReader& reader,
                 std::uint64_t most, const std::function<bool(const Upload&)>& csrf_ok) {
    Received out;
    if (!request.is_multipart_form_data()) {
        out.refusal = Refusal::NotMultipart;
        return out;
    }
    if (request.has_header("Content-Length")) {
        const std::string length = request.get_header_value("Content-Length");
        if (length.empty() || length.size() > 19 ||
            length.find_first_not_of("0123456789") != std::string::npos) {
            out.refusal = Refusal::Unreadable;
            return out;
        }
        if (std::stoull(length) > most) {
            out.refusal = Refusal::TooLarge;
            return out;
        }
    }
    auto spool = new_spool(site);
    if (!spool) {
        out.refusal = Refusal::NoRoom;
        return out;
    }
    out.upload.spool = *spool;
    allow_large_body(most + kMiB, kUploadDeadline);
    std::uint64_t total = 0;
    std::unique_ptr<std::ofstream> file;
    std::string field;
    std::string field_name;
    bool checked = false;
    auto finish_part = [&] {
        if (file) {
            file->close();
            if (!*file) out.refusal = Refusal::NoRoom;
            file.reset();
        } else if (!field_name.empty()) {
            out.upload.fields[field_name] = field;
        }
        field.clear();
        field_name.clear();
    };
    const bool read = reader(
        [&](const httplib::MultipartFormData& header) {
            finish_part();
            if (out.refusal != Refusal::None) return false;
            if (header.filename.empty()) {
                field_name = header.name.empty() ? "-" : header.name;
                return true;
            }
            if (!checked) {
                if (!csrf_ok(out.upload)) {
                    out.refusal = Refusal::Csrf;
                    return false;
                }
                checked = true;
            }
            if (out.upload.files.size() >= kMostFiles) {
                out.refusal = Refusal::TooManyFiles;
                return false;
            }
            const auto index = out.upload.files.size();
            const auto path = out.upload.spool / std::to_string(index);
            out.upload.files.push_back({path.string(), header.filename, 0});
            file = std::make_unique<std::ofstream>(path, std::ios::binary);
            if (!*file) {
                out.refusal = Refusal::NoRoom;
                return false;
            }
            return true;
        },
        [&](const char* data, std::size_t size) {
            total += size;
            if (total > most) {
                out.refusal = Refusal::TooLarge;
                return false;
            }
            if (file) {
                file->write(data, static_cast<std::streamsize>(size));
                out.upload.files.back().size += size;
                if (!*file) {
                    out.refusal = Refusal::NoRoom;
                    return false;
                }
                return true;
            }
            if (field.size() + size > kMostFieldBytes) {
                out.refusal = Refusal::Unreadable;
                return false;
            }
            field.append(data, size);
            return true;
        });
    finish_part();
    if (out.refusal == Refusal::None && !read) out.refusal = Refusal::Unreadable;
    // A form sent without choosing a file has one empty part with no name; it is not a file.
    std::erase_if(out.upload.files, [](const app::UploadedFile& f) {
        return f.size == 0 && f.name.empty();
    });
    return out;
}

// The fields of an upload checked: the format chosen and the SSDA903 collection year.
struct UploadChoices {
    std::optional<import::ReturnFormat> format;
    std::optional<int> collection_year;
    std::optional<domain::Date> as_at;
    bool replace = false;
};

Result<UploadChoices> choices_of(const Upload& upload) {
    UploadChoices choices;
    const auto field = [&](const char* name) {
        const auto found = upload.fields.find(name);
        return found == upload.fields.end() ? std::string() : found->second;
    };
    const std::string format = field("format");
    if (!format.empty() && format != "detect") {
        choices.format = import::parse_format_name(format);
        if (!choices.format) {
            return fail(ErrorKind::InvalidInput,
                        "'" + import::printable(format) +
                            "' is not a format csip reads; choose one of " + format_options_text(),
                        "format");
        }
    }
    const std::string year = field("collection_year");
    if (!year.empty()) {
        const bool digits = year.size() == 4 && year.find_first_not_of("0123456789") == std::string::npos;
        const int value = digits ? std::atoi(year.c_str()) : 0;
        if (value < 2000 || value > 2100) {
            return fail(ErrorKind::InvalidInput,
                        "Enter the collection year as the year of its 31 March, for example 2016 "
                        "for 2015-16",
                        "collection_year");
        }
        choices.collection_year = value;
    }
    // The form's date input (as_at_day, as_at_month, as_at_year), or the API's as_at=YYYY-MM-DD.
    if (const std::string iso = field("as_at"); !iso.empty()) {
        choices.as_at = domain::Date::parse_iso(iso);
        if (!choices.as_at) {
            return fail(ErrorKind::InvalidInput, "as_at is a date written YYYY-MM-DD", "as_at");
        }
    } else {
        const auto reading = read_date(
            DateParts{field("as_at_day"), field("as_at_month"), field("as_at_year")},
            "The date the Annex A extract was taken");
        if (reading.problem) return fail(ErrorKind::InvalidInput, reading.problem->message, "as_at");
        choices.as_at = reading.date;
    }
    choices.replace = field("replace") == "true" || field("replace") == "yes";
    return choices;
}

// --- the pages -------------------------------------------------------------------------------

Form upload_form() {
    Form form;
    form.heading = "Upload returns";
    form.caption = "Case data";
    form.section = "returns";
    form.action = "/returns/upload";
    form.back = "/returns";
    form.submit = "Upload and import";
    form.multipart = true;
    form.intro =
        "Choose one or more files: a CIN census XML, the SSDA903 tables (header, episodes, "
        "reviews, OC2), an Annex A workbook or its lists as CSV, a workforce census XML or CSV, or "
        "csip's CP visits and conference reports CSVs. Every file is read before anything is "
        "stored, and one file csip cannot read stores nothing. Importing a return csip already "
        "holds replaces it, after you confirm.";
    Field files{Field::Kind::File, "file", "Files", "Up to the largest upload set in the indicator settings"};
    files.multiple = true;
    Field format{Field::Kind::Select, "format", "Format", "csip recognises each file from its content"};
    format.options.push_back({"detect", "Recognise from the content", ""});
    for (const auto f : import::kAllReturnFormats) {
        format.options.push_back({std::string(import::format_name(f)),
                                  sentence(std::string(import::format_description(f))), ""});
    }
    Field year{Field::Kind::Text, "collection_year", "SSDA903 collection year (optional)",
               "The year of its 31 March: 2016 for 2015-16. Needed for a header or OC2 table, "
               "which carry no dates of their own"};
    year.width = "4";
    year.numeric = true;
    Field as_at{Field::Kind::Date, "as_at", "Date the Annex A extract was taken (optional)",
                "The day its lists stand at, for example 30 9 2015. Without it, csip takes the "
                "latest date in the workbook and says so"};
    form.fields = {files, format, year, as_at};
    return form;
}

void upload_page(Site& site, Response& response, const Visitor& visitor) {
    if (!importer_only(site, response, visitor)) return;
    show_form(site, response, visitor, upload_form(), {{"format", {"detect"}}}, {}, 200);
}

void refuse_upload(Site& site, const Request& request, Response& response, Refusal refusal,
                   std::uint64_t most) {
    switch (refusal) {
        case Refusal::TooLarge:
            return refuse_and_close(
                site, request, response, 413,
                "The upload is larger than " + count_text(most / kMiB) +
                    " MB, the most csip takes (the setting upload_limit_mb). Nothing was stored. "
                    "Upload the files one at a time, or ask an administrator to raise the "
                    "limit.");
        case Refusal::NotMultipart:
            return refuse_and_close(site, request, response, 415,
                                    "Send the files as multipart/form-data, one 'file' part "
                                    "each.");
        case Refusal::TooManyFiles:
            return refuse_and_close(site, request, response, 400,
                                    "An upload holds at most " + std::to_string(kMostFiles) +
                                        " files. Nothing was stored.");
        case Refusal::NoRoom:
            return refuse(site, request, response, 503,
                          "csip could not save the upload (the upload folder is full or cannot "
                          "be written). Nothing was stored.");
        case Refusal::Csrf:
            if (api_path(request)) {
                response.status = 403;
                response.set_content(
                    api_error_body("csrf", "a write with the session cookie needs the page's "
                                           "CSRF token in X-CSRF-Token"),
                    kJson);
                response.set_header("Connection", "close");
                close_connection_after_response();
                return;
            }
            response.set_header("Connection", "close");
            close_connection_after_response();
            return refuse(site, request, response, 403,
                          "This form has expired. Go back, reload the page and try again.");
        case Refusal::Unreadable:
        case Refusal::None:
            return refuse_and_close(site, request, response, 400, {});
    }
}

void post_upload(Site& site, const Request& request, Response& response,
                 const httplib::ContentReader& reader) {
    const bool api = api_path(request);
    auto who = site.visitor(request);
    if (!who) return refuse_and_close(site, request, response, 503, who.error().message);
    if (!*who || (!api && (*who)->by_token)) {
        if (api) {
            response.set_header("WWW-Authenticate", "Bearer");
            response.set_header("Connection", "close");
            close_connection_after_response();
            return send_error(response, 401, "unauthenticated",
                              "sign in, or send an API token as Authorization: Bearer");
        }
        response.set_redirect("/login?next=%2Freturns%2Fupload", 303);
        response.set_header("Connection", "close");
        close_connection_after_response();
        return;
    }
    const Visitor& visitor = **who;
    if (!may_import(visitor) || !site.imports) {
        response.set_header("Connection", "close");
        close_connection_after_response();
        if (api) {
            return send_error(response, site.imports ? 403 : 503,
                              site.imports ? "forbidden" : "unavailable",
                              "only an editor or an administrator can import returns");
        }
        return void(importer_only(site, response, visitor));
    }
    const std::uint64_t most = upload_limit(site);
    const auto csrf_ok = [&](const Upload& so_far) {
        if (visitor.by_token) return true;
        const std::string token = api ? request.get_header_value("X-CSRF-Token") : [&] {
            const auto found = so_far.fields.find("csrf_token");
            return found == so_far.fields.end() ? std::string() : found->second;
        }();
        return app::AccountService::same_secret(token, visitor.csrf_token);
    };
    Received received = receive(site, request, reader, most, csrf_ok);
    SpoolGuard guard{received.upload.spool};
    // A form sent with no file never met the check above.
    if (received.refusal == Refusal::None && !csrf_ok(received.upload)) {
        received.refusal = Refusal::Csrf;
    }
    if (received.refusal != Refusal::None) return refuse_upload(site, request, response, received.refusal, most);
    auto choices = choices_of(received.upload);
    std::vector<FieldError> errors;
    if (!choices) errors.push_back({choices.error().field, choices.error().message});
    if (received.upload.files.empty()) {
        errors.push_back({"file", "Choose one or more files to upload"});
    }
    if (!errors.empty()) {
        if (api) {
            return send_error(response, 400, "invalid_input", errors.front().message,
                              errors.front().field);
        }
        FormValues values;
        for (const auto& [name, value] : received.upload.fields) values[name] = {value};
        return show_form(site, response, visitor, upload_form(), values, errors, 400);
    }
    // Through the API, replace=true confirms a replacement up front.
    const std::string id = site.imports->submit(
        std::move(received.upload.files), received.upload.spool, choices->format,
        choices->collection_year, choices->as_at, visitor.person.name, api && choices->replace);
    guard.folder.clear();  // the job has it now
    if (api) {
        response.status = 202;
        response.set_header("Location", "/api/v1/jobs/" + id);
        Json body = {{"id", id}, {"state", "queued"}, {"href", "/api/v1/jobs/" + id}};
        response.set_content(body.dump(2) + "\n", kJson);
        return;
    }
    response.set_redirect("/returns/jobs/" + id, 303);
}

// --- a job's page, and a return's import report -----------------------------------------------

// One file's import report for the template: format found, records, skipped by reason, the
// first kProblemsShown problems.
Data file_report(const app::FileImport& file) {
    const auto& report = file.report;
    Data data;
    data.set("file", file.file);
    data.set("format", sentence(std::string(import::format_description(report.format))));
    data.set("format_name", std::string(import::format_name(report.format)));
    data.set("how", std::string(file.detected ? "recognised from its content" : "as chosen"));
    data.set("records_read", count_text(report.records_read));
    data.set("records_used", count_text(report.records_used));
    std::uint64_t skipped = 0;
    List reasons;
    for (const auto& [reason, count] : report.skipped_by_reason) {
        skipped += count;
        Data item;
        item.set("reason", reason);
        item.set("count", count_text(count));
        reasons.push_back(item);
    }
    data.set("records_skipped", count_text(skipped));
    data.set("reasons", reasons);
    data.set("has_reasons", !report.skipped_by_reason.empty());
    data.set("return", file.identity.format + " " + file.identity.reference);
    data.set("replaced", file.replaced);
    data.set("note", maybe(file.note));
    List problems;
    for (std::size_t i = 0; i < report.problems.size() && i < kProblemsShown; ++i) {
        problems.push_back(Data(import::to_string(report.problems[i])));
    }
    data.set("problems", problems);
    data.set("has_problems", !report.problems.empty());
    data.set("problem_count", count_text(report.problems.size()));
    data.set("more_problems", report.problems.size() > kProblemsShown);
    data.set("shown", std::to_string(kProblemsShown));
    return data;
}

// A refusal's lines, each a file and what is wrong with it, without the service's closing
// "Nothing was imported…": the page says that in words of its own.
List lines_of(const std::string& text) {
    List lines;
    std::size_t at = 0;
    while (at < text.size()) {
        const auto end = std::min(text.find('\n', at), text.size());
        const auto line = text.substr(at, end - at);
        if (!line.empty() && !line.starts_with("Nothing was imported")) lines.push_back(Data(line));
        at = end + 1;
    }
    return lines;
}

std::string job_title(const app::ImportJob& job) {
    switch (job.state) {
        case app::JobState::Queued: return "Import waiting its turn";
        case app::JobState::Running: return "Importing returns";
        case app::JobState::Imported: return "Import report";
        case app::JobState::Refused: return "Import refused";
        case app::JobState::Confirm: return "Replace the returns held?";
        case app::JobState::Confirmed: return "Replacement confirmed";
        case app::JobState::Cancelled: return "Import cancelled";
    }
    return "Import";
}

void job_page(Site& site, const Request& request, Response& response, const Visitor& visitor) {
    if (!importer_only(site, response, visitor)) return;
    const std::string id = request.matches[1].str();
    const auto job = site.imports->find(id);
    if (!job) {
        return site.message_page(response, &visitor, 404, "Import not found",
                                 {"csip knows no import " + id +
                                      ". Imports are kept while the server runs; the report of "
                                      "every return stored stays on the returns page."});
    }
    if (job->state == app::JobState::Confirmed) {
        return response.set_redirect("/returns/jobs/" + job->next, 303);
    }
    Data body;
    const std::string title = job_title(*job);
    body.set("title", title);
    body.set("id", job->id);
    body.set("csrf_token", visitor.csrf_token);
    body.set("by", job->by);
    body.set("submitted", job->submitted_at);
    List names;
    for (const auto& file : job->files) {
        Data item;
        item.set("name", file.name);
        item.set("size", megabytes(file.size));
        names.push_back(item);
    }
    body.set("files", names);
    const bool waiting = job->state == app::JobState::Queued;
    const bool running = job->state == app::JobState::Running;
    body.set("is_waiting", waiting);
    body.set("ahead", std::to_string(job->ahead));
    body.set("one_ahead", job->ahead == 1);
    body.set("is_running", running);
    if (running) {
        const auto& at = job->progress;
        const double rate = job->seconds > 0 ? static_cast<double>(at.bytes_read) / job->seconds : 0;
        body.set("reading", maybe(at.file));
        body.set("bytes_read", megabytes(at.bytes_read));
        body.set("total_bytes", megabytes(at.total_bytes));
        body.set("records", count_text(at.records));
        body.set("rate", one_decimal(rate / 1e6) + " MB/s");
        const bool known = rate > 0 && at.total_bytes >= at.bytes_read;
        body.set("left", known ? std::to_string(static_cast<std::uint64_t>(
                                     static_cast<double>(at.total_bytes - at.bytes_read) / rate + 0.5)) +
                                     " s"
                               : std::string("not known yet"));
    }
    body.set("is_refused", job->state == app::JobState::Refused);
    body.set("is_confirm", job->state == app::JobState::Confirm);
    body.set("is_cancelled", job->state == app::JobState::Cancelled);
    body.set("refusal", lines_of(job->refusal));
    const bool imported = job->state == app::JobState::Imported;
    body.set("is_imported", imported);
    List reports;
    bool any_problems = false;
    for (const auto& file : job->outcome.files) {
        reports.push_back(file_report(file));
        any_problems = any_problems || !file.report.problems.empty();
    }
    body.set("reports", reports);
    body.set("problems_csv", any_problems ? Data("/returns/jobs/" + id + "/problems.csv") : Data(false));
    body.set("seconds", one_decimal(job->seconds) + " s");
    const int refresh = waiting || running ? kRefreshSeconds : 0;
    response.set_content(site.page(&visitor, "returns", title, "import_job", body,
                                   job->state == app::JobState::Refused, refresh),
                         kHtml);
}

void send_csv(Response& response, const std::string& name, std::string csv) {
    response.set_header("Content-Disposition", attachment(name));
    response.set_content(std::move(csv), "text/csv; charset=utf-8");
}

void job_problems(Site& site, const Request& request, Response& response, const Visitor& visitor) {
    if (!importer_only(site, response, visitor)) return;
    const std::string id = request.matches[1].str();
    const auto job = site.imports->find(id);
    if (!job) return site.message_page(response, &visitor, 404, "Import not found", {});
    send_csv(response, "import-" + id + "-problems.csv", app::import_problems_csv(job->outcome.files));
}

void job_decision(Site& site, const Request& request, Response& response, const Visitor& visitor,
                  bool confirm) {
    if (!importer_only(site, response, visitor)) return;
    if (!form_allowed(site, request, response, visitor)) return;
    const std::string id = request.matches[1].str();
    if (confirm) {
        auto next = site.imports->confirm(id, visitor.person.name);
        if (!next) return store_failure(site, response, &visitor, next.error());
        return response.set_redirect("/returns/jobs/" + *next, 303);
    }
    auto cancelled = site.imports->cancel(id);
    if (!cancelled) return store_failure(site, response, &visitor, cancelled.error());
    response.set_redirect("/returns/jobs/" + id, 303);
}

// --- the returns held --------------------------------------------------------------------------

std::optional<std::int64_t> return_id(const Request& request) {
    const std::string text = request.matches[1].str();
    if (text.empty() || text.size() > 18) return std::nullopt;
    return std::stoll(text);
}

void returns_page(Site& site, Response& response, const Visitor& visitor) {
    if (!importer_only(site, response, visitor)) return;
    auto held = site.services.indicators->imported_returns();
    if (!held) return store_failure(site, response, &visitor, held.error());
    List rows;
    for (const auto& r : *held) {
        Data row;
        row.set("id", std::to_string(r.id));
        row.set("format", std::string(r.identity.format));
        const auto format = import::parse_format_name(r.identity.format);
        row.set("format_words", format ? sentence(std::string(import::format_description(*format)))
                                       : r.identity.format);
        row.set("reference", r.identity.reference);
        row.set("reference_date", r.reference_date ? Data(long_date(*r.reference_date)) : Data(false));
        row.set("file", r.file);
        row.set("sha256", maybe(r.sha256));  // none before schema 10, nor for the demo set-up's
        row.set("records_used", count_text(r.records_used));
        row.set("records_read", count_text(r.records_read));
        row.set("records_skipped", count_text(r.records_skipped));
        row.set("imported_by", r.imported_by);
        row.set("imported_at", when_text(r.imported_at, true));
        row.set("may_remove", may_remove(visitor));
        rows.push_back(row);
    }
    Data body;
    body.set("is_list", true);
    body.set("returns", rows);
    body.set("has_returns", !held->empty());
    body.set("notice", maybe(site.notices.take(visitor.csrf_token, "/returns")));
    response.set_content(site.page(&visitor, "returns", "Returns", "returns", body), kHtml);
}

void return_report_page(Site& site, const Request& request, Response& response,
                        const Visitor& visitor, bool csv) {
    if (!importer_only(site, response, visitor)) return;
    const auto id = return_id(request);
    if (!id) return site.message_page(response, &visitor, 404, "Return not found", {});
    auto report = site.services.indicators->import_report(*id);
    if (!report) return store_failure(site, response, &visitor, report.error());
    if (csv) {
        return send_csv(response, "return-" + std::to_string(*id) + "-problems.csv",
                        app::import_problems_csv({*report}));
    }
    Data body;
    body.set("title", std::string("Import report"));
    body.set("is_imported", true);
    body.set("is_stored", true);
    List reports;
    reports.push_back(file_report(*report));
    body.set("reports", reports);
    body.set("problems_csv", report->report.problems.empty()
                                 ? Data(false)
                                 : Data("/returns/" + std::to_string(*id) + "/problems.csv"));
    body.set("files", List{});
    response.set_content(site.page(&visitor, "returns", "Import report", "import_job", body), kHtml);
}

void remove_page(Site& site, const Request& request, Response& response, const Visitor& visitor,
                 bool posted) {
    if (!importer_only(site, response, visitor)) return;
    if (!may_remove(visitor)) {
        return forbidden(site, response, visitor, "Only an administrator can remove a return.");
    }
    if (posted && !form_allowed(site, request, response, visitor)) return;
    const auto id = return_id(request);
    if (!id) return site.message_page(response, &visitor, 404, "Return not found", {});
    auto held = site.services.indicators->imported_returns();
    if (!held) return store_failure(site, response, &visitor, held.error());
    const auto found = std::find_if(held->begin(), held->end(), [&](const auto& r) { return r.id == *id; });
    if (found == held->end()) {
        return site.message_page(response, &visitor, 404, "Return not found",
                                 {"csip holds no return " + std::to_string(*id) + "."});
    }
    const std::string name = found->identity.format + " " + found->identity.reference;
    if (!posted) {
        Data body;
        body.set("is_remove", true);
        body.set("id", std::to_string(*id));
        body.set("name", name);
        body.set("file", found->file);
        body.set("records_used", count_text(found->records_used));
        body.set("csrf_token", visitor.csrf_token);
        return response.set_content(
            site.page(&visitor, "returns", "Remove return " + name, "returns", body), kHtml);
    }
    auto removed = site.services.indicators->remove_return(*id, visitor.person.name);
    if (!removed) return store_failure(site, response, &visitor, removed.error());
    site.indicators.invalidate();
    site.dashboard.forget();
    site.notices.leave(visitor.csrf_token, "/returns",
                       "Return " + name + " was removed, with its " +
                           count_text(removed->records_used) +
                           " records; the figures are worked out without it.");
    response.set_redirect("/returns", 303);
}

// --- the API -----------------------------------------------------------------------------------

Json report_json(const app::FileImport& file) {
    Json problems = Json::array();
    for (const auto& p : file.report.problems) {
        problems.push_back({{"file", p.file},
                            {"line", p.line},
                            {"column", p.column},
                            {"column_name", p.column_name},
                            {"message", p.fix.empty() ? p.message : p.message + "; " + p.fix}});
    }
    std::uint64_t skipped = 0;
    Json reasons = Json::object();
    for (const auto& [reason, count] : file.report.skipped_by_reason) {
        reasons[reason] = count;
        skipped += count;
    }
    return {{"file", file.file},
            {"format", std::string(import::format_name(file.report.format))},
            {"detected", file.detected},
            {"records_read", file.report.records_read},
            {"used", file.report.records_used},
            {"skipped", skipped},
            {"skipped_by_reason", reasons},
            {"return", file.identity.format + " " + file.identity.reference},
            {"replaced", file.replaced},
            {"note", file.note.empty() ? Json(nullptr) : Json(file.note)},
            {"problems", problems}};
}

void api_job(Site& site, const Request& request, Response& response, const Visitor& visitor) {
    if (!may_import(visitor) || !site.imports) {
        return send_error(response, 403, "forbidden",
                          "only an editor or an administrator can see imports");
    }
    const std::string id = request.matches[1].str();
    const auto job = site.imports->find(id);
    if (!job) return send_error(response, 404, "not_found", "no import " + id + " is known", "id");
    Json files = Json::array();
    for (const auto& file : job->outcome.files) files.push_back(report_json(file));
    Json body = {{"id", job->id},
                 {"state", std::string(app::to_string(job->state))},
                 {"by", job->by},
                 {"submitted_at", job->submitted_at},
                 {"ahead", job->ahead},
                 {"progress",
                  {{"file", job->progress.file},
                   {"bytes_read", job->progress.bytes_read},
                   {"total_bytes", job->progress.total_bytes},
                   {"records", job->progress.records},
                   {"seconds", job->seconds}}},
                 {"files", files}};
    if (!job->refusal.empty()) body["refusal"] = job->refusal;
    if (!job->next.empty()) body["next"] = "/api/v1/jobs/" + job->next;
    response.set_content(body.dump(2, ' ', false, Json::error_handler_t::replace) + "\n", kJson);
}

Json return_json(const storage::ImportedReturn& r) {
    return {{"id", r.id},
            {"format", r.identity.format},
            {"reference", r.identity.reference},
            {"reference_date", r.reference_date ? Json(r.reference_date->iso()) : Json(nullptr)},
            {"file", r.file},
            {"sha256", r.sha256.empty() ? Json(nullptr) : Json(r.sha256)},
            {"records_read", r.records_read},
            {"used", r.records_used},
            {"skipped", r.records_skipped},
            {"imported_at", r.imported_at},
            {"imported_by", r.imported_by}};
}

void api_returns(Site& site, Response& response, const Visitor& visitor) {
    if (!may_import(visitor) || site.services.indicators == nullptr) {
        return send_error(response, 403, "forbidden",
                          "only an editor or an administrator can list the returns held");
    }
    auto held = site.services.indicators->imported_returns();
    if (!held) return send_failure(response, held.error());
    Json list = Json::array();
    for (const auto& r : *held) list.push_back(return_json(r));
    response.set_content(Json{{"returns", list}}.dump(2, ' ', false, Json::error_handler_t::replace) + "\n",
                         kJson);
}

void api_remove(Site& site, const Request& request, Response& response, const Visitor& visitor) {
    if (!csrf_shown(request, response, visitor)) return;
    if (!may_remove(visitor) || site.services.indicators == nullptr) {
        return send_error(response, 403, "forbidden", "only an administrator can remove a return");
    }
    const auto id = return_id(request);
    if (!id) return send_error(response, 404, "not_found", "no such return", "id");
    auto removed = site.services.indicators->remove_return(*id, visitor.person.name);
    if (!removed) return send_failure(response, removed.error());
    site.indicators.invalidate();
    site.dashboard.forget();
    response.set_content(Json{{"removed", return_json(*removed)}}.dump(2, ' ', false, Json::error_handler_t::replace) + "\n",
                         kJson);
}

}  // namespace

void add_return_pages(httplib::Server& server, Site& site) {
    const auto upload = [&site](const Request& request, Response& response,
                                const httplib::ContentReader& reader) {
        post_upload(site, request, response, reader);
    };
    server.Post("/returns/upload", upload);
    server.Post("/api/v1/returns", upload);
    server.Get("/returns/upload", signed_in(site, [&site](const Request&, Response& response, const Visitor& visitor) {
                   upload_page(site, response, visitor);
               }));
    server.Get("/returns", signed_in(site, [&site](const Request&, Response& response, const Visitor& visitor) {
                   returns_page(site, response, visitor);
               }));
    server.Get(R"(/returns/jobs/([0-9a-f]{1,64}))",
               signed_in(site, [&site](const Request& request, Response& response, const Visitor& visitor) {
                   job_page(site, request, response, visitor);
               }));
    server.Get(R"(/returns/jobs/([0-9a-f]{1,64})/problems\.csv)",
               signed_in(site, [&site](const Request& request, Response& response, const Visitor& visitor) {
                   job_problems(site, request, response, visitor);
               }));
    post(server, site, R"(/returns/jobs/([0-9a-f]{1,64})/confirm)",
         signed_in(site, [&site](const Request& request, Response& response, const Visitor& visitor) {
             job_decision(site, request, response, visitor, true);
         }));
    post(server, site, R"(/returns/jobs/([0-9a-f]{1,64})/cancel)",
         signed_in(site, [&site](const Request& request, Response& response, const Visitor& visitor) {
             job_decision(site, request, response, visitor, false);
         }));
    server.Get(R"(/returns/([0-9]{1,18}))",
               signed_in(site, [&site](const Request& request, Response& response, const Visitor& visitor) {
                   return_report_page(site, request, response, visitor, false);
               }));
    server.Get(R"(/returns/([0-9]{1,18})/problems\.csv)",
               signed_in(site, [&site](const Request& request, Response& response, const Visitor& visitor) {
                   return_report_page(site, request, response, visitor, true);
               }));
    server.Get(R"(/returns/([0-9]{1,18})/remove)",
               signed_in(site, [&site](const Request& request, Response& response, const Visitor& visitor) {
                   remove_page(site, request, response, visitor, false);
               }));
    post(server, site, R"(/returns/([0-9]{1,18})/remove)",
         signed_in(site, [&site](const Request& request, Response& response, const Visitor& visitor) {
             remove_page(site, request, response, visitor, true);
         }));

    server.Get(R"(/api/v1/jobs/([0-9a-f]{1,64}))", authenticated(site, [&site](const Request& request, Response& response, const Visitor& visitor) {
                   api_job(site, request, response, visitor);
               }));
    server.Get("/api/v1/returns", authenticated(site, [&site](const Request&, Response& response, const Visitor& visitor) {
                   api_returns(site, response, visitor);
               }));
    // A DELETE is routed with the content readers (web_server.cpp refuses any other body).
    server.Delete(R"(/api/v1/returns/([0-9]{1,18}))",
                  [remove = authenticated(site, [&site](const Request& request, Response& response,
                                                        const Visitor& visitor) {
                       api_remove(site, request, response, visitor);
                   })](const Request& request, Response& response, const httplib::ContentReader&) {
                      remove(request, response);
                  });
}

}  // namespace csip::http
