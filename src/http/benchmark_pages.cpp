// The benchmarks page (/benchmarks), its CSV (/benchmarks.csv) and its API
// (/api/v1/benchmarks): the Department for Education's published figures for the council beside
// England's, its region's and its statistical neighbours' (app::BenchmarkService; the rules are
// domain/indicators/benchmarks.hpp). Published figures are not case data: every signed-in role
// reads them. The year and the council are chosen with a GET form, so the page works without
// JavaScript; the council is the la_code setting's unless another LA code is asked for.
#include <httplib.h>

#include <cmath>
#include <string>
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
    const bool admin = domain::has_right(visitor.person.role, domain::Right::ManageUsers);
    const bool editor = domain::has_right(visitor.person.role, domain::Right::EditPlan);
    body.set("say_how", say_how);
    body.set("how_admin", say_how && admin);
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
}

}  // namespace csip::http
