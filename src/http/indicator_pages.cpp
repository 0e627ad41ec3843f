// The indicator pages: the dashboard's tiles, every indicator with its chart and figures, and an
// indicator's cases out of timescale (personal data: leads and above only). Charts are drawn by
// the reporting layer (through app/documents.hpp), as the reports draw them, and each is followed
// by its figures as a table.
#include "app/documents.hpp"
#include "http/site.hpp"
#include "http/views.hpp"

namespace csip::http {
namespace {

using httplib::Request;
using httplib::Response;

constexpr const char* kHtml = "text/html; charset=utf-8";

std::string month_label(const std::string& key) {
    const auto date = domain::Date::parse_iso(key + "-01");
    if (!date) return key;
    const std::string full = long_date(*date);
    return full.substr(full.find(' ') + 1);  // "September 2015"
}

std::string figure_text(const domain::Figure& figure) {
    if (!figure.percent) return "No cases";
    return percent_text(*figure.percent) + " (" + number_text(figure.numerator) + " of " +
           number_text(figure.denominator) + ")" + (figure.small_denominator ? ", small" : "");
}

// The latest month with a figure.
const domain::MonthFigure* latest_month(const domain::IndicatorResult& result) {
    for (auto month = result.months.rbegin(); month != result.months.rend(); ++month) {
        if (month->figure.percent) return &*month;
    }
    return nullptr;
}

std::string target_text(const domain::IndicatorResult& result) {
    if (!result.target) return "None set";
    return percent_text(result.target->value) + (result.higher_is_better ? " or more" : " or less");
}

void set_rag(Data& data, const std::optional<domain::Rag>& rag) {
    if (rag) {
        data.set("rag", std::string(domain::describe(*rag)));
        data.set("rag_class", rag_class(*rag));
    } else {
        data.set("rag", false);
        data.set("rag_class", std::string());
    }
}

Result<domain::Date> date_param(const Request& request, const char* name, domain::Date otherwise) {
    const std::string text = param(request, name);
    if (text.empty()) return otherwise;
    if (auto date = domain::Date::parse_iso(text)) return *date;
    return fail(ErrorKind::InvalidInput,
                std::string(name) + " '" + text + "' is not a date; write it as YYYY-MM-DD", name);
}

void indicators_page(Site& site, const Request& request, Response& response, const Visitor& visitor) {
    Data body;
    const domain::Date today = site.services.clock.today();
    auto to = date_param(request, "to", today);
    auto from = to ? date_param(request, "from", domain::financial_year_start(*to)) : fail(to.error());
    if (!to || !from) {
        response.status = 400;
        body.set("unavailable", (!to ? to.error() : from.error()).message);
        body.set("has_report", false);
        response.set_content(site.page(&visitor, "indicators", "Indicators", "indicators", body), kHtml);
        return;
    }
    auto report = site.indicators.report(*from, *to);
    if (!report) {
        response.status = report.error().kind == ErrorKind::InvalidInput ? 400 : 503;
        body.set("unavailable", report.error().message);
        body.set("has_report", false);
        response.set_content(site.page(&visitor, "indicators", "Indicators", "indicators", body), kHtml);
        return;
    }
    body.set("unavailable", false);
    body.set("has_report", true);
    body.set("from", long_date(*from));
    body.set("to", long_date(*to));
    body.set("from_iso", from->iso());
    body.set("to_iso", to->iso());
    const bool may_see = domain::has_right(visitor.person.role, domain::Right::ReadExceptions);
    List lines;
    for (const auto& line : (*report)->indicators) {
        const auto& result = line.result;
        Data data;
        data.set("id", result.key);
        data.set("title", result.title);
        if (line.refused) {
            data.set("latest", "Not computed: " + *line.refused);
        } else if (const auto* latest = latest_month(result)) {
            data.set("latest", month_label(latest->month) + ": " + figure_text(latest->figure));
        } else {
            data.set("latest", std::string("No figure yet"));
        }
        data.set("period", figure_text(result.period));
        data.set("year_to_date",
                 result.year_to_date ? figure_text(*result.year_to_date) : std::string("Not counted"));
        data.set("target", target_text(result));
        set_rag(data, result.rag);
        data.set("chart", app::indicator_chart_svg(result, "chart-" + result.key));
        data.set("chart_caption", result.title + " by month, with the target (dashed) and the "
                                                 "year to date (dotted). The figures follow.");
        List months;
        for (const auto& month : result.months) {
            Data row;
            row.set("month", month_label(month.month));
            row.set("numerator", number_text(month.figure.numerator));
            row.set("denominator", number_text(month.figure.denominator));
            row.set("percent", month.figure.percent ? percent_text(*month.figure.percent)
                                                    : std::string("No cases"));
            row.set("small", month.figure.small_denominator);
            months.push_back(row);
        }
        data.set("months", months);
        data.set("has_months", !result.months.empty());
        data.set("rule", result.rule);
        data.set("may_see_exceptions", may_see);
        data.set("has_exceptions_link", !line.manual_only);
        lines.push_back(data);
    }
    body.set("indicators", lines);
    response.set_content(site.page(&visitor, "indicators", "Indicators", "indicators", body), kHtml);
}

std::string kind_word(domain::ExceptionKind kind) {
    switch (kind) {
        case domain::ExceptionKind::Late: return "Late";
        case domain::ExceptionKind::Overdue: return "Overdue";
        case domain::ExceptionKind::NotDone: return "Not done";
    }
    return "Late";
}

void exceptions_page(Site& site, const Request& request, Response& response, const Visitor& visitor) {
    if (!domain::has_right(visitor.person.role, domain::Right::ReadExceptions)) {
        return forbidden(site, response, visitor,
                         "Case-level lists are personal data about children: only lead officers, "
                         "editors and administrators may see them.");
    }
    if (site.services.indicators == nullptr) {
        return store_failure(site, response, &visitor,
                             Error{ErrorKind::Unavailable, "this server has no indicators", {}});
    }
    const std::string id = request.matches[1].str();
    const domain::Date today = site.services.clock.today();
    auto exceptions = site.services.indicators->exceptions(id, today);
    if (!exceptions) {
        if (exceptions.error().kind == ErrorKind::NotFound) {
            return site.message_page(response, &visitor, 404, "Page not found",
                                     {"There is no indicator " + id + "."});
        }
        return store_failure(site, response, &visitor, exceptions.error());
    }
    std::string title = id;
    auto report = site.indicators.report(domain::financial_year_start(today), today);
    if (report) {
        for (const auto& line : (*report)->indicators) {
            if (line.result.key == id) title = line.result.title;
        }
    }
    Data body;
    body.set("id", id);
    body.set("title", title);
    body.set("as_of", long_date(today));
    const auto count = exceptions->size();
    body.set("count_text", count == 0   ? std::string("No case is out of timescale")
                           : count == 1 ? std::string("1 case is out of timescale")
                                        : std::to_string(count) + " cases are out of timescale");
    List rows;
    for (const auto& exception : *exceptions) {
        Data row;
        row.set("child", exception.subject_id);
        row.set("kind", kind_word(exception.kind));
        row.set("kind_class", std::string(exception.kind == domain::ExceptionKind::Overdue
                                              ? "govuk-tag--red"
                                              : "govuk-tag--orange"));
        row.set("start", exception.start ? long_date(*exception.start) : std::string());
        row.set("due", exception.due ? long_date(*exception.due) : std::string());
        row.set("event", exception.event ? long_date(*exception.event) : std::string("Not yet"));
        row.set("days_over", exception.days_over ? std::to_string(*exception.days_over) : std::string());
        row.set("team", exception.team);
        row.set("worker", exception.worker);
        rows.push_back(row);
    }
    body.set("exceptions", rows);
    body.set("has_exceptions", count > 0);
    response.set_content(site.page(&visitor, "indicators", title + ": exceptions", "exceptions", body),
                         kHtml);
}

}  // namespace

void add_indicator_tiles(const Site& site,
                         const Result<std::shared_ptr<const domain::IndicatorReport>>& report,
                         Data& body) {
    body.set("has_indicators", false);
    if (!site.indicators.available()) {
        body.set("no_indicators", std::string("This server shows no indicators."));
        return;
    }
    if (!report) {
        body.set("no_indicators", "The indicators could not be computed: " + report.error().message);
        return;
    }
    List tiles;
    for (const auto& line : (*report)->indicators) {
        if (line.refused) continue;
        const auto& result = line.result;
        Data tile;
        tile.set("id", result.key);
        tile.set("title", result.title);
        const auto* latest = latest_month(result);
        const domain::Figure* figure = latest ? &latest->figure : &result.period;
        tile.set("latest_value", figure->percent ? percent_text(*figure->percent) : std::string("–"));
        tile.set("latest_label", latest ? "in " + month_label(latest->month) : std::string("in the period"));
        tile.set("year_to_date", result.year_to_date && result.year_to_date->percent
                                     ? percent_text(*result.year_to_date->percent)
                                     : std::string("–"));
        tile.set("target", target_text(result));
        set_rag(tile, result.rag);
        tile.set("small", figure->small_denominator);
        tile.set("sparkline", app::indicator_sparkline_svg(result, "spark-" + result.key));
        tiles.push_back(tile);
    }
    body.set("has_indicators", !tiles.empty());
    body.set("indicators", tiles);
    body.set("no_indicators", tiles.empty() ? Data(std::string("There are no indicator figures yet: import case data with csip data import.")) : Data(false));
}

void add_indicator_pages(httplib::Server& server, Site& site) {
    server.Get("/indicators", signed_in(site, [&site](const Request& request, Response& response,
                                                      const Visitor& visitor) {
        indicators_page(site, request, response, visitor);
    }));
    server.Get(R"(/indicators/([a-z0-9_]+)/exceptions)",
               signed_in(site, [&site](const Request& request, Response& response,
                                       const Visitor& visitor) {
                   exceptions_page(site, request, response, visitor);
               }));
}

}  // namespace csip::http
