// The benchmarks page (/benchmarks), its CSV (/benchmarks.csv) and its API
// (/api/v1/benchmarks): the Department for Education's published figures for the council beside
// England's, its region's and its statistical neighbours' (app::BenchmarkService; the rules are
// domain/indicators/benchmarks.hpp). Published figures are not case data: every signed-in role
// reads them. The year and the council are chosen with a GET form, so the page works without
// JavaScript; the council is the la_code setting's unless another LA code is asked for.
// Editors and administrators import the published files (GET|POST /benchmarks/import, POST
// /api/v1/benchmarks as multipart/form-data, one `file` part each): every file is read before
// anything is stored, and one that cannot be read stores nothing.
#include <httplib.h>
#include <stdlib.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>
#include <vector>

#include "app/documents.hpp"
#include "domain/indicators/benchmarks.hpp"
#include "http/api.hpp"
#include "http/form.hpp"
#include "http/site.hpp"
#include "http/views.hpp"

namespace csip::http {
namespace {

using httplib::Request;
using httplib::Response;

constexpr const char* kHtml = "text/html; charset=utf-8";
constexpr const char* kJson = "application/json";
// The published files of one import are held in memory while they are read, within the limit of
// every upload (the department's files are a few MB each; a larger one is imported with the
// command line).
constexpr std::size_t kMostPublishedUpload = kMaximumUpload;

// What the page and the API were asked for: a council and a year, each as typed (empty: the
// la_code setting's council, the latest year it has a figure in), and what is wrong with them.
struct Asked {
    std::string la;
    std::string year;
    std::string problem;  // empty when both are well formed
    std::string field;    // "la" or "year"
};

bool all_digits(const std::string& text, std::size_t size) {
    return text.size() == size && text.find_first_not_of("0123456789") == std::string::npos;
}

Asked asked_of(const Request& request) {
    Asked asked;
    asked.la = param(request, "la");
    asked.year = param(request, "year");
    // Spaces typed around a code are not part of it.
    for (auto* text : {&asked.la, &asked.year}) {
        text->erase(0, text->find_first_not_of(' '));
        text->erase(text->find_last_not_of(' ') + 1);
    }
    if (!asked.la.empty() && !all_digits(asked.la, 3)) {
        asked.problem = "Enter the LA code as 3 numbers, for example 869";
        asked.field = "la";
    } else if (!asked.year.empty() && !all_digits(asked.year, 4)) {
        asked.problem = "Choose a year from the list, for example 2025";
        asked.field = "year";
    }
    return asked;
}

std::optional<std::string> given(const std::string& text) {
    return text.empty() ? std::nullopt : std::optional(text);
}

// Why a council's figure is missing, from the mark the file gave.
std::string mark_words(const std::string& mark) {
    if (mark == "c") return "Suppressed";
    if (mark == "z") return "Not applicable";
    if (mark == "x") return "Not available";
    if (mark == "u") return "Low reliability";
    return "Not published";
}

std::string value_text(const domain::BenchmarkMeasure& measure, const std::optional<double>& value,
                       const std::string& mark = {}) {
    if (value) return domain::published_text(measure, *value);
    return mark.empty() ? std::string("No value") : mark_words(mark);
}

// "2024-25", or "2025 (at 30 September)" for a figure published at a date.
std::string year_words(const domain::BenchmarkMeasure& measure, const std::string& label) {
    const std::string phrase = domain::year_phrase(measure, label);
    if (measure.year_basis == "year ending 31 March") return phrase;
    return phrase + " (" + std::string(measure.year_basis) + ")";
}

std::string signed_points(double points) {
    const double shown = std::abs(points) < 0.05 ? 0.0 : points;
    const std::string sign = shown > 0 ? "+" : shown < 0 ? "−" : "";
    const double size = std::abs(shown);
    return sign + number_text(size) + (size == 1.0 ? " point" : " points");
}

std::string query_of(const domain::BenchmarkComparison& comparison) {
    return "year=" + url_encode(comparison.year) + "&la=" + url_encode(comparison.la_code);
}

List year_options(const std::vector<std::string>& years, const std::string& chosen) {
    List options;
    for (auto year = years.rbegin(); year != years.rend(); ++year) {
        Data option;
        option.set("value", *year);
        option.set("label", *year);
        option.set("selected", *year == chosen);
        options.push_back(option);
    }
    return options;
}

// The LA code the form shows: the one asked for, else the la_code setting's.
std::string la_default(Site& site, const Asked& asked) {
    if (!asked.la.empty()) return asked.la;
    if (site.services.indicators != nullptr) {
        if (auto config = site.services.indicators->settings(); config && config->la_code) {
            return std::to_string(*config->la_code);
        }
    }
    return {};
}

// The page without figures: why, and what to do, with the form to ask for another council.
void nothing_to_show(Site& site, Response& response, const Visitor& visitor, int status,
                     const Asked& asked, std::vector<std::string> paragraphs, bool say_how) {
    Data body;
    body.set("has_view", false);
    body.set("la_value", la_default(site, asked));
    body.set("has_errors", !asked.problem.empty());
    body.set("errors", errors_data(asked.problem.empty()
                                       ? std::vector<FieldError>{}
                                       : std::vector<FieldError>{{asked.field, asked.problem}}));
    body.set("la_error", asked.field == "la" ? maybe(asked.problem) : Data(false));
    body.set("year_error", false);
    body.set("year_options", List{});
    body.set("has_years", false);
    List lines;
    for (auto& paragraph : paragraphs) lines.push_back(Data(std::move(paragraph)));
    body.set("paragraphs", lines);
    const bool editor = domain::has_right(visitor.person.role, domain::Right::EditPlan);
    body.set("say_how", say_how);
    body.set("how_editor", say_how && editor);
    body.set("how_others", say_how && !editor);
    response.status = status;
    response.set_content(
        site.page(&visitor, "benchmarks", "Benchmarks", "benchmarks", body, !asked.problem.empty()),
        kHtml);
}

Data measure_row(const domain::MeasureComparison& m) {
    const auto& measure = *m.measure;
    Data row;
    row.set("id", std::string(measure.id));
    row.set("title", std::string(measure.title));
    row.set("context", !measure.indicator.has_value());
    row.set("year", year_words(measure, m.year));
    row.set("lower_better", measure.polarity == domain::Polarity::LowerIsBetter);
    row.set("la", value_text(measure, m.la, m.la_mark));
    row.set("england", value_text(measure, m.england));
    row.set("region", value_text(measure, m.region));
    row.set("neighbours", value_text(measure, m.neighbours_median));
    row.set("neighbours_count", std::to_string(m.neighbours_with_value) + " of " +
                                    std::to_string(m.neighbour_values.size()) + " with a value");
    row.set("has_neighbours", !m.neighbour_values.empty());
    row.set("rank", m.rank ? std::to_string(*m.rank) + " of " + std::to_string(m.of)
                           : std::string("Not ranked"));
    row.set("quartile", m.quartile ? std::string(1, *m.quartile) : std::string("None"));
    row.set("has_quartile", m.quartile.has_value());
    row.set("source", m.source.empty() ? std::string("Not published") : m.source);
    return row;
}

void benchmarks_page(Site& site, const Request& request, Response& response,
                     const Visitor& visitor) {
    const Asked asked = asked_of(request);
    if (site.services.benchmarks == nullptr) {
        return nothing_to_show(site, response, visitor, 503, asked,
                               {"This server shows no published figures."}, false);
    }
    if (!asked.problem.empty()) {
        return nothing_to_show(site, response, visitor, 400, asked, {}, false);
    }
    auto view = site.services.benchmarks->benchmarks(given(asked.la), given(asked.year));
    if (!view) {
        const auto& error = view.error();
        if (error.kind == ErrorKind::InvalidInput) {
            return nothing_to_show(site, response, visitor, 200, asked,
                                   {"No council is chosen: the council's LA code is not set."},
                                   true);
        }
        if (error.kind != ErrorKind::NotFound) {
            return store_failure(site, response, &visitor, error);
        }
        if (error.message.starts_with("no published figures are held")) {
            return nothing_to_show(site, response, visitor, 200, asked,
                                   {"No published figures are held yet."}, true);
        }
        if (error.field == "year") {
            return nothing_to_show(
                site, response, visitor, 404, asked,
                {"Nothing is published for " + asked.year + " in the files held.",
                 "Choose the latest year: leave the year out and show the council again."},
                false);
        }
        return nothing_to_show(
            site, response, visitor, 404, asked,
            {"No published figure names LA " +
                 (asked.la.empty() ? la_default(site, asked) : asked.la) + ".",
             "Check the council's three-digit LA code: 869 is West Berkshire's."},
            false);
    }
    const auto& comparison = view->comparison;
    Data body;
    body.set("has_view", true);
    body.set("may_import", domain::has_right(visitor.person.role, domain::Right::EditPlan));
    body.set("has_errors", false);
    body.set("errors", List{});
    body.set("la_error", false);
    body.set("year_error", false);
    body.set("paragraphs", List{});
    body.set("say_how", false);
    body.set("la_value", comparison.la_code);
    body.set("la_code", comparison.la_code);
    body.set("la_name", comparison.la_name);
    body.set("region", maybe(comparison.region));
    body.set("year", comparison.year);
    body.set("year_options", year_options(view->years, comparison.year));
    body.set("has_years", !view->years.empty());
    body.set("neighbour_model", maybe(comparison.neighbour_model));
    body.set("neighbour_count", std::to_string(comparison.neighbours.size()));
    const std::string query = query_of(comparison);
    body.set("csv_href", "/benchmarks.csv?" + query);
    body.set("json_href", "/api/v1/benchmarks?" + query);

    List measures;
    List context;
    for (const auto& m : comparison.measures) {
        if (m.measure == nullptr) continue;
        (m.measure->indicator ? measures : context).push_back(measure_row(m));
    }
    body.set("measures", measures);
    body.set("context_measures", context);
    body.set("has_context", !context.empty());

    // The neighbours' own figures: a row per measure, a column per neighbour (the council first).
    List neighbours;
    for (const auto& neighbour : comparison.neighbours) {
        Data column;
        column.set("name", neighbour.name);
        column.set("closeness", maybe(neighbour.closeness));
        neighbours.push_back(column);
    }
    body.set("neighbours", neighbours);
    body.set("has_neighbours", !comparison.neighbours.empty());
    List neighbour_rows;
    for (const auto& m : comparison.measures) {
        if (m.measure == nullptr) continue;
        Data row;
        row.set("title", std::string(m.measure->title));
        row.set("context", !m.measure->indicator.has_value());
        row.set("la", value_text(*m.measure, m.la, m.la_mark));
        List cells;
        for (std::size_t i = 0; i < comparison.neighbours.size(); ++i) {
            const auto value =
                i < m.neighbour_values.size() ? m.neighbour_values[i] : std::optional<double>();
            cells.push_back(Data(value ? domain::published_text(*m.measure, *value)
                                       : std::string("Suppressed or not published")));
        }
        row.set("cells", cells);
        row.set("median", value_text(*m.measure, m.neighbours_median));
        neighbour_rows.push_back(row);
    }
    body.set("neighbour_rows", neighbour_rows);

    List reconciliation;
    for (const auto& line : view->reconciliation) {
        if (line.measure == nullptr) continue;
        Data row;
        row.set("title", std::string(line.measure->title));
        row.set("year", year_words(*line.measure, line.year));
        row.set("counted", long_date(line.from) + " to " + long_date(line.to));
        row.set("computed", value_text(*line.measure, line.computed));
        row.set("published", value_text(*line.measure, line.published));
        row.set("difference",
                line.difference ? signed_points(*line.difference) : std::string("None"));
        row.set("source", line.source.empty() ? std::string("Not published") : line.source);
        reconciliation.push_back(row);
    }
    body.set("reconciliation", reconciliation);
    body.set("has_reconciliation", !reconciliation.empty());

    List sources;
    for (const auto& source : view->sources) {
        Data row;
        row.set("dataset", source.dataset);
        row.set("years", source.first_year == source.last_year
                             ? source.first_year
                             : source.first_year + " to " + source.last_year);
        row.set("figures", number_text(static_cast<double>(source.figures)));
        row.set("withheld", number_text(static_cast<double>(source.withheld)));
        sources.push_back(row);
    }
    body.set("sources", sources);
    response.set_content(site.page(&visitor, "benchmarks", "Benchmarks", "benchmarks", body),
                         kHtml);
}

void benchmarks_csv(Site& site, const Request& request, Response& response,
                    const Visitor& visitor) {
    const Asked asked = asked_of(request);
    if (site.services.benchmarks == nullptr) {
        return store_failure(site, response, &visitor,
                             Error{ErrorKind::Unavailable, "this server has no benchmarks", {}});
    }
    if (!asked.problem.empty()) {
        return site.message_page(
            response, &visitor, 400, "The file cannot be downloaded",
            {asked.problem + ".", "Go back to the benchmarks page and choose again."});
    }
    auto view = site.services.benchmarks->benchmarks(given(asked.la), given(asked.year));
    if (!view) {
        if (view.error().kind == ErrorKind::InvalidInput ||
            view.error().kind == ErrorKind::NotFound) {
            return site.message_page(response, &visitor, 404, "The file cannot be downloaded",
                                     {"Nothing is published for the council and year asked for.",
                                      "Go back to the benchmarks page and choose again."});
        }
        return store_failure(site, response, &visitor, view.error());
    }
    response.set_header("Content-Disposition", attachment("benchmarks-" + view->comparison.la_code +
                                                          "-" + view->comparison.year + ".csv"));
    response.set_content(app::benchmarks_csv(*view), "text/csv; charset=utf-8");
}

void api_benchmarks(Site& site, const Request& request, Response& response, const Visitor&) {
    if (site.services.benchmarks == nullptr) {
        return send_error(response, 503, "unavailable", "this server has no benchmarks");
    }
    const Asked asked = asked_of(request);
    if (!asked.problem.empty()) {
        return send_error(response, 400, "invalid_input",
                          asked.field == "la" ? "la is a three-digit LA code, e.g. 869"
                                              : "year is a published year, e.g. 2025",
                          asked.field);
    }
    auto view = site.services.benchmarks->benchmarks(given(asked.la), given(asked.year));
    if (!view) {
        if (view.error().kind == ErrorKind::InvalidInput) {
            return send_error(response, 400, "invalid_input",
                              "no council is named: give ?la= (e.g. 869) or set the la_code "
                              "setting",
                              "la");
        }
        return send_failure(response, view.error());
    }
    response.set_content(app::benchmarks_json(*view), kJson);
}

// --- importing the published files -----------------------------------------------------------

bool may_import(const Visitor& visitor) {
    return domain::has_right(visitor.person.role, domain::Right::EditPlan);
}

Form import_form() {
    Form form;
    form.heading = "Import published figures";
    form.caption = "Benchmarks";
    form.action = "/benchmarks/import";
    form.back = "/benchmarks";
    form.section = "benchmarks";
    form.submit = "Import";
    form.multipart = true;
    form.intro =
        "The Department for Education's published files: Explore Education Statistics tidy CSVs, "
        "the Local Authority Interactive Tool's long table and the statistical-neighbour models. "
        "Each is recognised from its header. Importing a file again replaces the figures it "
        "gave; if any file cannot be read, nothing is imported.";
    Field files{Field::Kind::File, "file", "Published files",
                "CSV files, up to 10 MB in one upload"};
    files.multiple = true;
    form.fields = {files,
                   {Field::Kind::Text, "model", "Neighbour model year (optional)",
                    "Only for a statistical-neighbour model whose file name has no year, for "
                    "example 2025"}};
    form.fields.back().width = "govuk-input--width-4";
    return form;
}

// The uploaded files of `request` saved in a new folder (removed with the object), each under
// its own name as the import names it.
struct SavedFiles {
    std::filesystem::path folder;
    std::vector<std::string> paths;
    std::vector<std::string> names;
    SavedFiles() = default;
    SavedFiles(const SavedFiles&) = delete;
    SavedFiles& operator=(const SavedFiles&) = delete;
    ~SavedFiles() {
        if (folder.empty()) return;
        std::error_code ignored;
        std::filesystem::remove_all(folder, ignored);
    }
};

Result<void> save_files(const Site& site, const Request& request, SavedFiles& saved) {
    std::error_code error;
    const std::filesystem::path base = site.options.upload_dir.empty()
                                           ? std::filesystem::temp_directory_path(error)
                                           : std::filesystem::path(site.options.upload_dir);
    std::string pattern = (base / "csip-published-XXXXXX").string();
    if (error || ::mkdtemp(pattern.data()) == nullptr) {
        return fail(ErrorKind::Unavailable, "csip could not save the upload; nothing was imported");
    }
    saved.folder = pattern;
    const auto [first, last] = request.files.equal_range("file");
    for (auto part = first; part != last; ++part) {
        if (part->second.filename.empty() && part->second.content.empty()) continue;
        const auto path = saved.folder / std::to_string(saved.paths.size());
        std::ofstream out(path, std::ios::binary);
        out.write(part->second.content.data(),
                  static_cast<std::streamsize>(part->second.content.size()));
        if (!out) {
            return fail(ErrorKind::Unavailable,
                        "csip could not save the upload; nothing was imported");
        }
        saved.paths.push_back(path.string());
        saved.names.push_back(part->second.filename.empty() ? "published file"
                                                            : part->second.filename);
    }
    return {};
}

Result<app::BenchmarkImportOutcome> import_uploaded(Site& site, const Request& request,
                                                    const Visitor& visitor) {
    SavedFiles saved;
    if (auto written = save_files(site, request, saved); !written) return fail(written.error());
    if (saved.paths.empty()) {
        return fail(ErrorKind::InvalidInput, "Choose one or more published files to import",
                    "file");
    }
    app::BenchmarkImportRequest import;
    import.files = saved.paths;
    import.names = saved.names;
    import.by = visitor.person.name;
    const std::string model = param(request, "model");
    if (!model.empty()) {
        if (!all_digits(model, 4)) {
            return fail(ErrorKind::InvalidInput,
                        "Enter the model's year as four digits, for example 2025", "model");
        }
        import.model = model;
    }
    auto outcome = site.services.benchmarks->import_files(import);
    if (outcome) {
        // The indicators page and the dashboard show the published figures: read them again.
        site.indicators.invalidate();
        site.dashboard.forget();
    }
    return outcome;
}

std::string file_summary(const app::PublishedFileImport& file) {
    std::string text = file.file + ": ";
    if (!file.model.empty()) {
        text += "the statistical-neighbour model " + file.model +
                (file.model_replaced ? ", replacing the copy held" : "");
    } else {
        std::string measures;
        for (const auto& id : file.measures) {
            const auto* measure = domain::find_benchmark_measure(id);
            measures +=
                (measures.empty() ? "" : ", ") + (measure ? std::string(measure->title) : id);
        }
        text += std::to_string(file.figures) + " figures (" + std::to_string(file.withheld) +
                " withheld) of " + measures +
                (file.replaced ? "; they replace the " + std::to_string(file.replaced) + " held"
                               : std::string());
    }
    text += ". Rows read " + std::to_string(file.rows_read) + ", skipped " +
            std::to_string(file.rows_skipped) + ".";
    return text;
}

void import_page(Site& site, const Request& request, Response& response, const Visitor& visitor,
                 bool posted) {
    if (!site.services.benchmarks) {
        return store_failure(
            site, response, &visitor,
            Error{ErrorKind::Unavailable, "this server keeps no published figures", {}});
    }
    if (!may_import(visitor)) {
        return forbidden(site, response, visitor,
                         "Only an editor or an administrator can import published figures.");
    }
    if (posted && !form_allowed(site, request, response, visitor)) return;
    const Form form = import_form();
    if (!posted) return show_form(site, response, visitor, form, {}, {}, 200);
    auto outcome = import_uploaded(site, request, visitor);
    if (!outcome) {
        const Error& error = outcome.error();
        if (error.kind != ErrorKind::InvalidInput) {
            return store_failure(site, response, &visitor, error);
        }
        std::vector<FieldError> errors;
        std::size_t at = 0;
        while (at < error.message.size()) {
            const auto end = std::min(error.message.find('\n', at), error.message.size());
            const std::string line = error.message.substr(at, end - at);
            if (!line.empty() && line != "nothing was imported") {
                // A file's refusal starts with its name, which keeps its own case.
                errors.push_back({error.field == "model" ? "model" : "file",
                                  error.field == "files" ? line : sentence(line)});
            }
            at = end + 1;
        }
        FormValues values;
        values["model"] = {param(request, "model")};
        return show_form(site, response, visitor, form, values, errors, 400);
    }
    std::vector<std::string> paragraphs;
    for (const auto& file : outcome->files) paragraphs.push_back(file_summary(file));
    // The rows and cells skipped, each at its file, line and column (the first twenty).
    std::size_t problems = 0;
    for (const auto& file : outcome->files) {
        for (const auto& problem : file.problems) {
            if (++problems <= 20) paragraphs.push_back("Skipped: " + import::to_string(problem));
        }
    }
    if (problems > 20) {
        paragraphs.push_back(std::to_string(problems - 20) + " more rows or cells were skipped.");
    }
    site.message_page(response, &visitor, 200, "Published figures imported", paragraphs);
}

void api_import(Site& site, const Request& request, Response& response, const Visitor& visitor) {
    if (!site.services.benchmarks) {
        return send_error(response, 503, "unavailable", "this server keeps no published figures");
    }
    if (!may_import(visitor)) {
        return send_error(response, 403, "forbidden",
                          "only an editor or an administrator can import published figures");
    }
    if (!request.is_multipart_form_data()) {
        return send_error(response, 415, "unsupported_media_type",
                          "send the files as multipart/form-data, one 'file' part each");
    }
    auto outcome = import_uploaded(site, request, visitor);
    if (!outcome) return send_failure(response, outcome.error());
    nlohmann::ordered_json files = nlohmann::ordered_json::array();
    for (const auto& file : outcome->files) {
        nlohmann::ordered_json problems = nlohmann::ordered_json::array();
        for (const auto& problem : file.problems) problems.push_back(import::to_string(problem));
        files.push_back({{"file", file.file},
                         {"measures", file.measures},
                         {"model", file.model.empty() ? nlohmann::ordered_json(nullptr)
                                                      : nlohmann::ordered_json(file.model)},
                         {"figures", file.figures},
                         {"withheld", file.withheld},
                         {"replaced", file.replaced},
                         {"rows_read", file.rows_read},
                         {"rows_used", file.rows_used},
                         {"rows_skipped", file.rows_skipped},
                         {"problems", std::move(problems)}});
    }
    response.set_content(nlohmann::ordered_json{{"files", std::move(files)}}.dump(2) + "\n", kJson);
}

}  // namespace

void add_benchmark_pages(httplib::Server& server, Site& site) {
    server.Get("/benchmarks", signed_in(site, [&site](const Request& request, Response& response,
                                                      const Visitor& visitor) {
                   benchmarks_page(site, request, response, visitor);
               }));
    server.Get("/benchmarks.csv",
               signed_in(site, [&site](const Request& request, Response& response,
                                       const Visitor& visitor) {
                   benchmarks_csv(site, request, response, visitor);
               }));
    server.Get("/api/v1/benchmarks",
               authenticated(site, [&site](const Request& request, Response& response,
                                           const Visitor& visitor) {
                   api_benchmarks(site, request, response, visitor);
               }));
    server.Get("/benchmarks/import",
               signed_in(site, [&site](const Request& request, Response& response,
                                       const Visitor& visitor) {
                   import_page(site, request, response, visitor, false);
               }));
    write_route(
        server, site, WriteMethod::Post, "/benchmarks/import",
        signed_in(site,
                  [&site](const Request& request, Response& response, const Visitor& visitor) {
                      import_page(site, request, response, visitor, true);
                  }),
        BodyLimit{kMostPublishedUpload, true});
    write_route(
        server, site, WriteMethod::Post, "/api/v1/benchmarks",
        authenticated(site,
                      [&site](const Request& request, Response& response, const Visitor& visitor) {
                          if (!csrf_shown(request, response, visitor)) return;
                          api_import(site, request, response, visitor);
                      }),
        BodyLimit{kMostPublishedUpload, true});
}

}  // namespace csip::http
