// The indicator pages: the dashboard's tiles, every indicator with its chart and figures, and an
// indicator's cases out of timescale (personal data: leads and above only). Charts are drawn by
// the reporting layer (through app/documents.hpp), as the reports draw them, and each is followed
// by its figures as a table. The pages are read by board members as well as officers: each
// indicator leads with its rule in plain English (domain/indicators/indicator_wording.hpp), the
// figure its RAG is judged on and why it is that colour; the precise rule waits behind "How this
// is worked out".
#include <algorithm>

#include "app/documents.hpp"
#include "domain/indicators/indicator_wording.hpp"
#include "http/date_input.hpp"
#include "http/indicator_table.hpp"
#include "http/site.hpp"
#include "http/views.hpp"

namespace csip::http {
namespace {

using httplib::Request;
using httplib::Response;

constexpr const char* kHtml = "text/html; charset=utf-8";

// The longest period the page shows: its chart and table have a column and a row per month.
constexpr int kLongestPeriodYears = 5;

// "September 2015".
std::string month_label(const std::string& key) {
    const auto date = domain::Date::parse_iso(key + "-01");
    if (!date) return key;
    const std::string full = long_date(*date);
    return full.substr(full.find(' ') + 1);
}

// "September 2015, to the 15th" for a month the period covers in part.
std::string month_label(const std::string& key, const domain::IndicatorResult& result) {
    const std::string part = domain::month_part(key, result.from, result.to);
    return month_label(key) + (part.empty() ? "" : ", " + part);
}

// "1 April to 15 September 2015", "1 December 2014 to 31 January 2015".
std::string period_text(domain::Date from, domain::Date to) {
    std::string start = long_date(from);
    if (from.year() == to.year()) start.resize(start.rfind(' '));
    return start + " to " + long_date(to);
}

std::string with_capital(std::string text) {
    if (!text.empty() && text[0] >= 'a' && text[0] <= 'z')
        text[0] = static_cast<char>(text[0] - 'a' + 'A');
    return text;
}

// The indicator's title as the pages show it: abbreviations spelled out.
std::string title_of(const domain::IndicatorResult& result) {
    if (const auto* definition = domain::find_indicator(result.key)) {
        return std::string(domain::plain_title(*definition));
    }
    return result.title;
}

// "78.3% (375 of 479)"; a month entered by hand has no counts.
std::string figure_text(const domain::Figure& figure) {
    if (!figure.percent) return "No figure yet";
    if (figure.denominator == 0.0) return percent_text(*figure.percent) + " (entered by hand)";
    return percent_text(*figure.percent) + " (" + number_text(figure.numerator) + " of " +
           number_text(figure.denominator) + ")";
}

// The latest month with a figure.
const domain::MonthFigure* latest_month(const domain::IndicatorResult& result) {
    for (auto month = result.months.rbegin(); month != result.months.rend(); ++month) {
        if (month->figure.percent) return &*month;
    }
    return nullptr;
}

// What the figure the RAG is judged on (the period's) covers, after its value: "year to date",
// "on 31 March 2015", "in August 2015, entered by hand", "from 1 May to 31 August 2015".
std::string judged_on(const domain::IndicatorLine& line) {
    const auto& result = line.result;
    if (line.period_is_manual && !line.manual_months.empty()) {
        return "in " + month_label(line.manual_months.rbegin()->first) + ", entered by hand";
    }
    if (result.kind == domain::IndicatorKind::Snapshot) {
        return result.as_of ? "on " + long_date(*result.as_of) : std::string("at the latest count");
    }
    if (result.year_to_date_from && *result.year_to_date_from == result.from) return "year to date";
    return "from " + period_text(result.from, result.to);
}

std::string points_text(double points) {
    return number_text(points) + (points == 1.0 ? " point" : " points");
}

// Why the figure is the colour it is, in the words of the rule (domain::rag_for): on or better
// than the target is green, short of it by no more than the tolerance amber, further short red.
std::string rag_reason(const domain::IndicatorResult& result) {
    if (!result.rag || !result.target) return {};
    const auto& target = *result.target;
    const std::string against = "the target of " + number_text(target.value) + "%";
    const std::string worse = result.higher_is_better ? "below " : "above ";
    switch (*result.rag) {
        case domain::Rag::Green:
            return (result.higher_is_better ? "at or above " : "at or below ") + against;
        case domain::Rag::Amber:
            return worse + against + ", by " + points_text(target.tolerance) + " or less";
        case domain::Rag::Red:
            if (target.tolerance <= 0.0) return worse + against;
            return "more than " + points_text(target.tolerance) + " " + worse + against;
    }
    return {};
}

// rag, rag_class and rag_reason ("more than 5 points below the target of 85%"), or the words
// for an indicator without a target.
void set_judgement(Data& data, const domain::IndicatorResult& result) {
    if (result.rag && result.target) {
        data.set("rag", std::string(domain::describe(*result.rag)));
        data.set("rag_class", rag_class(*result.rag));
        data.set("rag_reason", rag_reason(result));
        data.set("no_judgement", false);
    } else {
        data.set("rag", false);
        data.set("rag_class", std::string());
        data.set("rag_reason", std::string());
        data.set("no_judgement",
                 std::string(result.target ? "No figure to judge against the target yet."
                                           : "No target is set in the plan."));
    }
}

// What the chart draws, for its caption: a line for the months, and the target and year-to-date
// lines only when the chart has them (reporting::chart_series takes both from the result).
std::string chart_caption(const domain::IndicatorResult& result, const std::string& title) {
    std::string caption = title + " by month. The solid line is the percentage each month";
    if (result.target) {
        caption += "; the dashed line is the target, " + number_text(result.target->value) + "%" +
                   (result.higher_is_better ? " or more" : " or less");
    }
    if (result.year_to_date && result.year_to_date->percent) {
        caption +=
            "; the dotted line is the year to date, " + percent_text(*result.year_to_date->percent);
    }
    caption += ".";
    if (std::any_of(result.months.begin(), result.months.end(),
                    [](const domain::MonthFigure& month) {
                        return month.figure.percent && month.figure.small_denominator;
                    })) {
        caption += " A hollow point and a star mark a month of fewer than 10 cases.";
    }
    for (const auto& month : result.months) {
        if (const auto part = domain::month_part(month.month, result.from, result.to);
            !part.empty()) {
            caption += " " + month_label(month.month) + " is " + part + " only.";
        }
    }
    return caption + " The table gives the figures.";
}

// --- the published figures beside an indicator ------------------------------------------------

std::string published_value(const domain::MeasureComparison& m, const std::optional<double>& v) {
    return v && m.measure ? domain::published_text(*m.measure, *v) : std::string("no value");
}

// "Published 2024-25: 93.4% (England 85.7%, South East 89.9%, neighbours' median 86.5%, band
// A)": the council's latest published year for the indicator, for the page and the tiles.
std::string published_line(const domain::MeasureComparison& m, const std::string& region) {
    std::string out = "Published " + domain::year_phrase(*m.measure, m.year) + ": " +
                      published_value(m, m.la) + " (England " + published_value(m, m.england);
    if (m.region) {
        out += ", " + (region.empty() ? std::string("region") : region) + " " +
               published_value(m, m.region);
    }
    if (m.neighbours_median) {
        out += ", neighbours' median " + published_value(m, m.neighbours_median);
    }
    if (m.quartile) out += ", band " + std::string(1, *m.quartile);
    return out + ")";
}

// published (the line above), published_source and published_href, or published false.
void set_published(Data& data, const app::IndicatorBenchmarks* benchmarks, const std::string& key) {
    data.set("published", false);
    if (benchmarks == nullptr) return;
    const auto found = benchmarks->latest.find(key);
    if (found == benchmarks->latest.end() || found->second.measure == nullptr ||
        !found->second.la) {
        return;
    }
    const auto& m = found->second;
    data.set("published", published_line(m, benchmarks->region));
    data.set("published_source", m.source.empty() ? std::string("the department") : m.source);
    data.set("published_href",
             "/benchmarks?year=" + url_encode(m.year) + "&la=" + url_encode(benchmarks->la_code));
}

// The published years in a table: the chart's second part, in figures.
List published_rows(const app::PublishedSeries& series) {
    List rows;
    for (const auto& year : series.years) {
        if (year.empty()) continue;
        Data row;
        row.set("year", domain::year_phrase(*series.measure, year.year));
        row.set("la", with_capital(published_value(year, year.la)));
        row.set("england", with_capital(published_value(year, year.england)));
        row.set("region", with_capital(published_value(year, year.region)));
        row.set("neighbours", with_capital(published_value(year, year.neighbours_median)));
        row.set("band", year.quartile ? std::string(1, *year.quartile) : std::string("None"));
        row.set("source", year.source);
        rows.push_back(row);
    }
    return rows;
}

// The months of the table. Months after the last with any data have no return yet; a month
// between two with data had no cases.
List month_rows(const domain::IndicatorLine& line) {
    const auto& result = line.result;
    std::size_t with_data = 0;
    for (std::size_t i = 0; i < result.months.size(); ++i) {
        if (result.months[i].figure.percent || result.months[i].figure.denominator > 0)
            with_data = i + 1;
    }
    List rows;
    for (std::size_t i = 0; i < result.months.size(); ++i) {
        const auto& month = result.months[i];
        const auto& figure = month.figure;
        const bool manual = line.manual_months.contains(month.month);
        Data row;
        row.set("month", month_label(month.month, result));
        row.set("has_counts", !manual && figure.percent.has_value());
        row.set("numerator", number_text(figure.numerator));
        row.set("denominator", number_text(figure.denominator));
        row.set("percent", figure.percent ? percent_text(*figure.percent) : std::string());
        row.set("manual", manual);
        row.set("small", figure.percent && figure.small_denominator && !manual);
        row.set("missing", figure.percent ? Data(false)
                                          : Data(std::string(i < with_data ? "No cases this month"
                                                                           : "No return yet")));
        rows.push_back(row);
    }
    return rows;
}

// The words of the page that a board member may not know, for its glossary. The tolerance is
// the council's, from the targets.
List glossary(const domain::IndicatorReport& report) {
    std::optional<double> tolerance;
    for (const auto& line : report.indicators) {
        if (line.result.target) tolerance = line.result.target->tolerance;
    }
    const std::string amber = tolerance ? "short of it by " + points_text(*tolerance) + " or less"
                                        : "a little short of it";
    List terms;
    for (const auto& [term, meaning] : std::initializer_list<std::pair<std::string, std::string>>{
             {"Red, amber or green",
              "How a figure compares with its target (sometimes called its RAG rating). Green: on "
              "the target or better. Amber: " +
                  amber + ". Red: further short than that."},
             {"Points", "Percentage points: from 80% to 85% is 5 points."},
             {"Year to date",
              "From 1 April, the start of the council's financial year, to the "
              "last day shown."},
             {"Working days", "Monday to Friday, not counting bank holidays in England and Wales."},
             {"Child in need",
              "A child the council assesses or supports because their health or "
              "development is at risk without its help."},
             {"Section 47 enquiry",
              "The enquiry the council makes when it suspects a child is "
              "suffering, or is likely to suffer, significant harm (section "
              "47 of the Children Act 1989)."},
             {"Child protection conference and plan",
              "A meeting of professionals and the family that decides whether a child needs a "
              "child protection plan, the plan that sets out how they will be kept safe."},
             {"Looked-after child", "A child in the council's care."},
             {"Full-time equivalent (FTE)",
              "Hours of work counted in full-time posts: two people "
              "working half the week make one."},
             {"Fewer than 10 cases",
              "A percentage of fewer than 10 cases is marked: one child "
              "moves it by 10 points or more."}}) {
        Data item;
        item.set("term", term);
        item.set("meaning", meaning);
        terms.push_back(item);
    }
    return terms;
}

// The period a page or a download asks for: its dates as typed (or the ones used, when not
// given), and what is wrong with them. The end date is today by default, the start date the
// financial year's start before it.
struct PeriodReading {
    DateParts from_parts;
    DateParts to_parts;
    domain::Date from;
    domain::Date to;
    std::optional<DateProblem> from_problem;
    std::optional<DateProblem> to_problem;
};

PeriodReading read_period(const Request& request, domain::Date today) {
    PeriodReading period;
    const auto to_read = read_date(request, "to", "The end date", period.to_parts);
    const auto from_read = read_date(request, "from", "The start date", period.from_parts);
    period.from_problem = from_read.problem;
    period.to_problem = to_read.problem;
    period.to = to_read.date.value_or(today);
    period.from = from_read.date.value_or(domain::financial_year_start(period.to));
    if (!period.from_problem && !period.to_problem) {
        if (period.to < period.from) {
            period.from_problem = DateProblem{
                "The start date must be the same as or before the end date", true, true, true};
        } else if (period.from < period.to.plus_months(-12 * kLongestPeriodYears)) {
            period.from_problem =
                DateProblem{"The start date must be no more than " +
                                std::to_string(kLongestPeriodYears) + " years before the end date",
                            true, true, true};
        }
    }
    // Dates not given are shown as the ones used.
    if (!from_read.date && !from_read.problem) period.from_parts = date_parts(period.from);
    if (!to_read.date && !to_read.problem) period.to_parts = date_parts(period.to);
    return period;
}

void indicators_page(Site& site, const Request& request, Response& response,
                     const Visitor& visitor) {
    Data body;
    PeriodReading period = read_period(request, site.services.clock.today());
    DateParts& from_parts = period.from_parts;
    DateParts& to_parts = period.to_parts;
    std::optional<DateProblem>& from_problem = period.from_problem;
    std::optional<DateProblem>& to_problem = period.to_problem;
    const domain::Date from = period.from;
    const domain::Date to = period.to;

    std::vector<FieldError> errors;
    if (from_problem)
        errors.push_back({date_error_target("from", *from_problem), from_problem->message});
    if (to_problem) errors.push_back({date_error_target("to", *to_problem), to_problem->message});

    Result<std::shared_ptr<const domain::IndicatorReport>> report =
        fail(ErrorKind::InvalidInput, "the dates were refused");
    if (errors.empty()) {
        report = site.indicators.report(from, to);
        if (!report && report.error().kind == ErrorKind::InvalidInput) {
            // The dates passed the form's checks but not the service's: say so at the form.
            from_problem = DateProblem{
                "The indicators cannot be worked out for these dates: "
                "choose others",
                true, true, true};
            errors.push_back({"from-day", from_problem->message});
        }
    }
    body.set("from_input", render_date_input(site.templates,
                                             {"from", "Start date", "For example, 1 4 2015", false},
                                             from_parts, from_problem));
    body.set("to_input",
             render_date_input(site.templates, {"to", "End date", "For example, 15 9 2015", false},
                               to_parts, to_problem));
    body.set("errors", errors_data(errors));
    body.set("has_errors", !errors.empty());
    body.set("has_report", false);
    body.set("unavailable", false);
    if (!errors.empty()) {
        response.status = 400;
        response.set_content(
            site.page(&visitor, "indicators", "Indicators", "indicators", body, true), kHtml);
        return;
    }
    if (!report) {
        response.status = 503;
        body.set(
            "unavailable",
            std::string("The indicators cannot be shown just now. Try again in a few minutes."));
        response.set_content(site.page(&visitor, "indicators", "Indicators", "indicators", body),
                             kHtml);
        return;
    }
    body.set("has_report", true);
    body.set("period", period_text(from, to));
    const std::string query = "from=" + from.iso() + "&to=" + to.iso();
    body.set("csv_href", "/indicators/download?format=csv&" + query);
    body.set("xlsx_href", "/indicators/download?format=xlsx&" + query);
    body.set("glossary", glossary(**report));

    // The council's local standards, for the rules in words; without them the precise rule alone.
    std::optional<domain::IndicatorSettings> standards;
    if (site.services.indicators != nullptr) {
        if (auto config = site.services.indicators->settings()) standards = config->standards;
    }
    // The published figures beside each indicator: none when none are held or no council is set,
    // and the page goes on without them when they cannot be read.
    std::shared_ptr<const app::IndicatorBenchmarks> published;
    if (auto found = site.indicators.benchmarks()) published = *found;
    const app::IndicatorBenchmarks* benchmarks = published.get();
    const bool may_see = domain::has_right(visitor.person.role, domain::Right::ReadExceptions);
    // Editors change the settings and enter figures by hand (settings_pages.cpp).
    const bool may_change = domain::has_right(visitor.person.role, domain::Right::EditPlan);
    body.set("may_change", may_change);
    List lines;
    for (const auto& line : (*report)->indicators) {
        const auto& result = line.result;
        const auto* definition = domain::find_indicator(result.key);
        const std::string title = title_of(result);
        Data data;
        data.set("id", result.key);
        data.set("title", title);
        const auto wording = definition && standards
                                 ? std::optional(domain::indicator_wording(*definition, *standards))
                                 : std::nullopt;
        if (line.manual_only) {
            data.set("plain_rule", std::string("These figures are entered by hand, month by month: "
                                               "no return the council sends has this data."));
        } else {
            data.set("plain_rule", wording ? Data(wording->rule) : Data(false));
        }
        data.set("formula",
                 line.manual_only || result.rule.empty() ? Data(false) : Data(result.rule));
        data.set("has_details", (!line.manual_only && !result.rule.empty()) || line.refused);
        data.set("uses_working_days", result.rule.find("wd(") != std::string::npos);
        data.set("refused", line.refused ? Data(*line.refused) : Data(false));
        data.set("computed", !line.refused);

        const std::string judged = judged_on(line);
        data.set("judged_label", with_capital(judged));
        data.set("judged_value", figure_text(result.period));
        set_judgement(data, result);
        const auto* latest = latest_month(result);
        data.set("latest",
                 latest && result.kind == domain::IndicatorKind::Event
                     ? Data(month_label(latest->month, result) + ": " + figure_text(latest->figure))
                     : Data(false));
        data.set("year_to_date", result.year_to_date && judged != "year to date"
                                     ? Data(figure_text(*result.year_to_date))
                                     : Data(false));

        set_published(data, benchmarks, result.key);
        const app::PublishedSeries* series = nullptr;
        if (benchmarks != nullptr) {
            if (const auto found = benchmarks->series.find(result.key);
                found != benchmarks->series.end() && found->second.measure != nullptr &&
                std::any_of(found->second.years.begin(), found->second.years.end(),
                            [](const domain::MeasureComparison& year) { return !year.empty(); })) {
                series = &found->second;
            }
        }
        const bool has_months = !result.months.empty();
        data.set("has_months", has_months);
        data.set("has_published_years", has_months && series != nullptr);
        if (has_months) {
            auto drawn = result;
            drawn.title = title;
            std::string caption = chart_caption(result, title);
            if (series != nullptr) {
                app::PublishedSeries shown = *series;
                std::erase_if(shown.years,
                              [](const domain::MeasureComparison& year) { return year.empty(); });
                const std::string council =
                    benchmarks->la_name.empty() ? "The council" : benchmarks->la_name;
                data.set("chart",
                         app::indicator_chart_svg(drawn, "chart-" + result.key, shown, council));
                caption += " Below the months, the published figures by year: the solid line with "
                           "squares is " +
                           council +
                           "'s, the dashed line England's and the dotted line the statistical "
                           "neighbours' median; the second table gives them.";
                data.set("published_rows", published_rows(shown));
                data.set("council", council);
            } else {
                data.set("chart", app::indicator_chart_svg(drawn, "chart-" + result.key));
            }
            data.set("chart_caption", caption);
            data.set("months", month_rows(line));
        }
        data.set("counted", std::string(wording ? wording->counted : "Counted"));
        data.set("counted_of", std::string(wording ? wording->counted_of : "Of"));
        // The agency rate counts people in post, not cases out of time: it has no exceptions.
        const bool has_cases = definition && (definition->kind == domain::IndicatorKind::Event ||
                                              definition->higher_is_better);
        data.set("exceptions_link", may_see && has_cases && !line.manual_only);
        data.set("values_link", may_change);
        lines.push_back(data);
    }
    body.set("indicators", lines);
    response.set_content(site.page(&visitor, "indicators", "Indicators", "indicators", body),
                         kHtml);
}

// The table of /indicators for its period, as a CSV or XLSX attachment.
void download(Site& site, const Request& request, Response& response, const Visitor& visitor) {
    const auto format = parse_table_format(param(request, "format"));
    const PeriodReading period = read_period(request, site.services.clock.today());
    std::vector<std::string> problems;
    if (!format) problems.emplace_back("Choose the file to download: CSV or XLSX.");
    if (period.from_problem) problems.push_back(period.from_problem->message + ".");
    if (period.to_problem) problems.push_back(period.to_problem->message + ".");
    if (!problems.empty()) {
        problems.emplace_back("Go back to the indicators page and choose the dates again.");
        return site.message_page(response, &visitor, 400, "The file cannot be downloaded",
                                 problems);
    }
    auto report = site.indicators.report(period.from, period.to);
    if (!report) return store_failure(site, response, &visitor, report.error());
    auto file = indicator_table(**report, *format);
    if (!file) return store_failure(site, response, &visitor, file.error());
    response.set_header("Content-Disposition", attachment(file->file_name));
    response.set_content(std::move(file->content), file->content_type);
}

std::string kind_word(domain::ExceptionKind kind) {
    switch (kind) {
        case domain::ExceptionKind::Late:
            return "Late";
        case domain::ExceptionKind::Overdue:
            return "Overdue";
        case domain::ExceptionKind::NotDone:
            return "Not done";
        case domain::ExceptionKind::Counted:
            return "Counted";
    }
    return "Late";
}

void exceptions_page(Site& site, const Request& request, Response& response,
                     const Visitor& visitor) {
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
    auto found = site.services.indicators->exceptions(id, today);
    if (!found) {
        if (found.error().kind == ErrorKind::NotFound) {
            return site.message_page(response, &visitor, 404, "Page not found",
                                     {"There is no such indicator."});
        }
        return store_failure(site, response, &visitor, found.error());
    }
    const auto* definition = domain::find_indicator(id);
    std::string title = definition ? std::string(domain::plain_title(*definition)) : "Indicator";
    auto report = site.indicators.report(domain::financial_year_start(today), today);
    if (report) {
        for (const auto& line : (*report)->indicators) {
            if (line.result.key == id) title = title_of(line.result);
        }
    }
    // Most days over first: a case still open and one done late alike are ordered by how late
    // they are (then by due date and child, as found).
    auto exceptions = std::move(*found);
    std::stable_sort(exceptions.begin(), exceptions.end(),
                     [](const domain::IndicatorException& a, const domain::IndicatorException& b) {
                         return a.days_over.value_or(-1) > b.days_over.value_or(-1);
                     });
    Data body;
    body.set("id", id);
    body.set("title", title);
    body.set("as_of", long_date(today));
    body.set("plain_rule", false);
    if (definition) {
        if (auto config = site.services.indicators->settings()) {
            body.set("plain_rule", domain::indicator_wording(*definition, config->standards).rule);
        }
    }
    const auto count = exceptions.size();
    body.set("count_text", count == 0   ? std::string("No case is out of timescale")
                           : count == 1 ? std::string("1 case is out of timescale")
                                        : std::to_string(count) + " cases are out of timescale");
    const bool working = definition && definition->lateness == domain::DayCount::Working;
    body.set("days_heading", std::string(working ? "Working days over" : "Days over"));
    List rows;
    bool any_dates = false;
    for (const auto& exception : exceptions) {
        Data row;
        row.set("child", exception.subject_id);
        row.set("kind", kind_word(exception.kind));
        row.set("kind_class", std::string(exception.kind == domain::ExceptionKind::Overdue
                                              ? "govuk-tag--red"
                                              : "govuk-tag--orange"));
        row.set("start", exception.start ? long_date(*exception.start) : std::string());
        row.set("due", exception.due ? long_date(*exception.due) : std::string());
        row.set("event", exception.event ? long_date(*exception.event) : std::string("Not yet"));
        row.set("days_over",
                exception.days_over ? std::to_string(*exception.days_over) : std::string());
        row.set("team", exception.team);
        row.set("worker", exception.worker);
        any_dates = any_dates || exception.due.has_value();
        rows.push_back(row);
    }
    body.set("exceptions", rows);
    body.set("has_exceptions", count > 0);
    body.set("timed", any_dates);
    response.set_content(
        site.page(&visitor, "indicators", title + ": exceptions", "exceptions", body), kHtml);
}

}  // namespace

std::optional<TableFormat> parse_table_format(const std::string& text) {
    if (text == "csv") return TableFormat::Csv;
    if (text == "xlsx") return TableFormat::Xlsx;
    return std::nullopt;
}

Result<TableFile> indicator_table(const domain::IndicatorReport& report, TableFormat format) {
    const std::string name = "indicators-" + report.from.iso() + "-to-" + report.to.iso();
    if (format == TableFormat::Csv) {
        return TableFile{app::indicators_csv(report), "text/csv; charset=utf-8", name + ".csv"};
    }
    auto workbook = app::indicators_xlsx(report);
    if (!workbook) return fail(workbook.error());
    return TableFile{std::move(*workbook),
                     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                     name + ".xlsx"};
}

void add_indicator_tiles(const Site& site,
                         const Result<std::shared_ptr<const domain::IndicatorReport>>& report,
                         Data& body, const app::IndicatorBenchmarks* benchmarks) {
    body.set("has_indicators", false);
    if (!site.indicators.available()) {
        body.set("no_indicators", std::string("This server shows no indicators."));
        return;
    }
    if (!report) {
        body.set(
            "no_indicators",
            std::string("The indicators cannot be shown just now. Try again in a few minutes."));
        return;
    }
    List tiles;
    for (const auto& line : (*report)->indicators) {
        if (line.refused) continue;
        const auto& result = line.result;
        const std::string title = title_of(result);
        Data tile;
        tile.set("id", result.key);
        tile.set("title", title);
        // The headline is the figure the RAG is judged on, so that the colour and the number
        // beside it agree.
        tile.set("value", result.period.percent ? percent_text(*result.period.percent)
                                                : std::string("No figure yet"));
        tile.set("value_label", result.period.percent ? judged_on(line) : std::string());
        set_judgement(tile, result);
        const auto* latest = latest_month(result);
        tile.set("latest", latest && result.kind == domain::IndicatorKind::Event
                               ? Data(percent_text(*latest->figure.percent) + " in " +
                                      month_label(latest->month, result))
                               : Data(false));
        tile.set("small", result.period.percent && result.period.small_denominator);
        set_published(tile, benchmarks, result.key);
        // A line needs two months to draw; a yearly count has none.
        const auto months_with_figures = std::count_if(
            result.months.begin(), result.months.end(),
            [](const domain::MonthFigure& month) { return month.figure.percent.has_value(); });
        if (months_with_figures >= 2) {
            auto drawn = result;
            drawn.title = title;
            tile.set("sparkline", app::indicator_sparkline_svg(drawn, "spark-" + result.key));
        } else {
            tile.set("sparkline", std::string());
        }
        tiles.push_back(tile);
    }
    body.set("has_indicators", !tiles.empty());
    body.set("indicators", tiles);
    body.set("no_indicators",
             tiles.empty() ? Data(std::string("There are no indicator figures yet: an editor "
                                              "imports the council's returns."))
                           : Data(false));
}

void add_indicator_pages(httplib::Server& server, Site& site) {
    server.Get("/indicators", signed_in(site, [&site](const Request& request, Response& response,
                                                      const Visitor& visitor) {
                   indicators_page(site, request, response, visitor);
               }));
    server.Get("/indicators/download",
               signed_in(site, [&site](const Request& request, Response& response,
                                       const Visitor& visitor) {
                   download(site, request, response, visitor);
               }));
    server.Get(R"(/indicators/([a-z0-9_]+)/exceptions)",
               signed_in(site, [&site](const Request& request, Response& response,
                                       const Visitor& visitor) {
                   exceptions_page(site, request, response, visitor);
               }));
}

}  // namespace csip::http
