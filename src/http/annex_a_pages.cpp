// The Annex A page (/annex-a) and its API (/api/v1/annex-a): what inspectors would see in the
// latest Annex A extract (or the one as at a chosen date). Each list's count, the figures with
// their targets and RAG, and the cases inspectors ask about first, each list filterable by team
// and worker and downloadable as CSV (/annex-a/cases/ID.csv). Case-level: lead officers and
// above only (domain::Right::ReadExceptions); never part of a board report.
#include <httplib.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "app/documents.hpp"
#include "domain/indicators/indicator_wording.hpp"
#include "http/api.hpp"
#include "http/site.hpp"
#include "http/views.hpp"

namespace csip::http {
namespace {

using httplib::Request;
using httplib::Response;
using Json = nlohmann::ordered_json;

constexpr const char* kHtml = "text/html; charset=utf-8";
constexpr const char* kJson = "application/json";

const char* const kCaseLevel =
    "The Annex A lists are personal data about children: only lead officers, editors and "
    "administrators may see them.";

std::string date_text(const std::optional<domain::Date>& date) {
    return date ? long_date(*date) : std::string();
}

std::string iso_text(const std::optional<domain::Date>& date) {
    return date ? date->iso() : std::string();
}

// One column of a case list: its heading, and its cell for a case (dates as people read them
// on the page, as YYYY-MM-DD in the CSV and JSON).
struct Column {
    const char* key;
    const char* heading;
    std::function<std::string(const domain::AnnexAChild&, const domain::AnnexACase&, bool)> cell;
};

std::vector<Column> columns_of(domain::AnnexACaseList list) {
    const auto date = [](std::optional<domain::Date> domain::AnnexAChild::*field) {
        return [field](const domain::AnnexAChild& c, const domain::AnnexACase&, bool people) {
            return people ? date_text(c.*field) : iso_text(c.*field);
        };
    };
    const auto number = [](std::optional<int> domain::AnnexAChild::*field) {
        return [field](const domain::AnnexAChild& c, const domain::AnnexACase&, bool) {
            return c.*field ? std::to_string(*(c.*field)) : std::string();
        };
    };
    const auto value = [](std::string_view first, std::string_view second) {
        return [first, second](const domain::AnnexAChild& c, const domain::AnnexACase&, bool) {
            return std::string(domain::annex_a_value(c, {first, second}).value_or(""));
        };
    };
    using L = domain::AnnexACaseList;
    switch (list) {
        case L::NotVisited:
            return {{"plan_start", "Plan started", date(&domain::AnnexAChild::start)},
                    {"last_visit", "Last statutory visit", date(&domain::AnnexAChild::last_visit)},
                    {"due", "Visit due by",
                     [](const domain::AnnexAChild&, const domain::AnnexACase& k, bool people) {
                         return people ? date_text(k.due) : iso_text(k.due);
                     }},
                    {"working_days_over", "Working days over",
                     [](const domain::AnnexAChild&, const domain::AnnexACase& k, bool) {
                         return k.days_over ? std::to_string(*k.days_over) : std::string();
                     }}};
        case L::LongPlans:
            return {{"plan_start", "Plan started", date(&domain::AnnexAChild::start)},
                    {"latest_review", "Latest review", date(&domain::AnnexAChild::latest_review)}};
        case L::RepeatPlans:
            return {
                {"plan_start", "Plan started", date(&domain::AnnexAChild::start)},
                {"previous_plans", "Previous plans", number(&domain::AnnexAChild::previous_plans)}};
        case L::ThreePlacements:
            return {{"start", "Looked after since", date(&domain::AnnexAChild::start)},
                    {"placements", "Placements in 12 months",
                     number(&domain::AnnexAChild::placements_last_12_months)}};
        case L::MissingWithoutInterview:
            return {
                {"start", "Looked after since", date(&domain::AnnexAChild::start)},
                {"missing_episodes", "Missing episodes in 12 months", value("missing", "episodes")},
                {"offered_interview", "Offered a return interview",
                 value("offered", "return interview")}};
        case L::LeaversNotInTouch:
            return {{"latest_contact", "Latest contact", date(&domain::AnnexAChild::last_visit)},
                    {"activity", "Activity",
                     [](const domain::AnnexAChild& c, const domain::AnnexACase&, bool) {
                         return c.activity;
                     }}};
        case L::NoWorker:
            return {{"list", "List",
                     [](const domain::AnnexAChild& c, const domain::AnnexACase&, bool) {
                         return std::string(domain::annex_a_list_title(c.list));
                     }},
                    {"start", "Started", date(&domain::AnnexAChild::start)}};
    }
    return {};
}

// The team and worker asked for (empty: every one).
struct Filter {
    std::string team;
    std::string worker;

    [[nodiscard]] bool keeps(const domain::AnnexAChild& child) const {
        return (team.empty() || child.team == team) && (worker.empty() || child.worker == worker);
    }
    [[nodiscard]] std::string query() const {
        std::string out;
        const auto add = [&](const char* name, const std::string& v) {
            if (v.empty()) return;
            out += (out.empty() ? "?" : "&") + std::string(name) + "=" +
                   httplib::detail::encode_query_param(v);
        };
        add("team", team);
        add("worker", worker);
        return out;
    }
};

Filter filter_of(const Request& request) {
    Filter filter;
    if (request.has_param("team")) filter.team = request.get_param_value("team");
    if (request.has_param("worker")) filter.worker = request.get_param_value("worker");
    return filter;
}

// The view for the date asked for (as_at=YYYY-MM-DD), or the latest.
Result<app::AnnexAView> view_of(Site& site, const Request& request) {
    std::optional<domain::Date> as_at;
    if (request.has_param("as_at") && !request.get_param_value("as_at").empty()) {
        as_at = domain::Date::parse_iso(request.get_param_value("as_at"));
        if (!as_at)
            return fail(ErrorKind::InvalidInput, "as_at is a date written YYYY-MM-DD", "as_at");
    }
    return site.services.indicators->annex_a(as_at);
}

bool allowed(Site& site, Response& response, const Visitor& visitor) {
    if (!domain::has_right(visitor.person.role, domain::Right::ReadExceptions)) {
        forbidden(site, response, visitor, kCaseLevel);
        return false;
    }
    if (site.services.indicators == nullptr) {
        store_failure(site, response, &visitor,
                      Error{ErrorKind::Unavailable, "this server has no indicators", {}});
        return false;
    }
    return true;
}

// The cases of `list` the filter keeps.
std::vector<const domain::AnnexACase*> kept_cases(const app::AnnexAView& view,
                                                  const std::vector<domain::AnnexACase>& cases,
                                                  const Filter& filter) {
    std::vector<const domain::AnnexACase*> kept;
    for (const auto& k : cases) {
        if (filter.keeps(view.snapshot->children[k.row])) kept.push_back(&k);
    }
    return kept;
}

List options(const std::set<std::string>& names, const std::string& chosen, const char* all) {
    List out;
    Data every;
    every.set("value", std::string());
    every.set("label", std::string(all));
    every.set("selected", chosen.empty());
    out.push_back(every);
    for (const auto& name : names) {
        Data option;
        option.set("value", name);
        option.set("label", name);
        option.set("selected", name == chosen);
        out.push_back(option);
    }
    return out;
}

void annex_a_page(Site& site, const Request& request, Response& response, const Visitor& visitor) {
    if (!allowed(site, response, visitor)) return;
    auto view = view_of(site, request);
    if (!view) {
        if (view.error().kind == ErrorKind::InvalidInput) {
            return site.message_page(response, &visitor, 400, "Annex A",
                                     {"Choose the extract by its date, written YYYY-MM-DD."});
        }
        return store_failure(site, response, &visitor, view.error());
    }
    const Filter filter = filter_of(request);
    Data body;
    body.set("has_snapshot", view->snapshot.has_value());
    if (!view->snapshot) {
        response.set_content(site.page(&visitor, "annex-a", "Annex A", "annex_a", body), kHtml);
        return;
    }
    const auto& snapshot = *view->snapshot;
    body.set("as_at", long_date(snapshot.as_at));
    body.set("as_at_iso", snapshot.as_at.iso());
    body.set("extract_count", std::to_string(view->extracts.size()));
    body.set("several", view->extracts.size() > 1);
    List extracts;
    for (auto it = view->extracts.rbegin(); it != view->extracts.rend(); ++it) {
        Data extract;
        extract.set("value", it->iso());
        extract.set("label", long_date(*it));
        extract.set("selected", *it == snapshot.as_at);
        extracts.push_back(extract);
    }
    body.set("extracts", extracts);

    // Each list's count.
    const auto counts = domain::annex_a_list_counts(snapshot);
    std::set<std::string> teams;
    std::set<std::string> workers;
    for (const auto& child : snapshot.children) {
        if (child.list == 11) continue;
        if (!child.team.empty()) teams.insert(child.team);
        if (!child.worker.empty()) workers.insert(child.worker);
    }
    List lists;
    for (int list = 1; list <= 11; ++list) {
        Data row;
        row.set("number", std::to_string(list));
        row.set("title", std::string(domain::annex_a_list_title(list)));
        row.set("count", number_text(counts[static_cast<std::size_t>(list - 1)]));
        lists.push_back(row);
    }
    body.set("lists", lists);

    // The figures, as the indicators report them as at the extract's date.
    List figures;
    for (const auto& line : view->figures) {
        const auto& result = line.result;
        Data row;
        row.set("id", result.key);
        const auto* definition = domain::find_indicator(result.key);
        row.set("title", std::string(definition ? domain::plain_title(*definition) : result.title));
        row.set("percent", result.period.percent ? percent_text(*result.period.percent)
                                                 : std::string("No figure"));
        row.set("of", number_text(result.period.numerator) + " of " +
                          number_text(result.period.denominator));
        row.set("small", result.period.small_denominator);
        row.set("lower_better", !result.higher_is_better);
        row.set("target",
                result.target ? percent_text(result.target->value) : std::string("None set"));
        row.set("has_rag", result.rag.has_value());
        if (result.rag) {
            row.set("rag", std::string(domain::describe(*result.rag)));
            row.set("rag_class", rag_class(*result.rag));
        }
        figures.push_back(row);
    }
    body.set("figures", figures);

    body.set("team_options", options(teams, filter.team, "All teams"));
    body.set("worker_options", options(workers, filter.worker, "All workers"));
    body.set("filtered", !filter.team.empty() || !filter.worker.empty());
    const std::string as_at_query = "as_at=" + snapshot.as_at.iso();
    const std::string query = filter.query();

    List case_lists;
    for (const auto& [list, cases] : view->cases) {
        const auto kept = kept_cases(*view, cases, filter);
        const auto columns = columns_of(list);
        Data item;
        const std::string key(domain::annex_a_case_list_key(list));
        item.set("key", key);
        item.set("title", std::string(domain::annex_a_case_list_title(list)));
        item.set("count", std::to_string(kept.size()));
        item.set("has_cases", !kept.empty());
        item.set("csv", "/annex-a/cases/" + key + ".csv" + (query.empty() ? "?" : query + "&") +
                            as_at_query);
        List headings;
        for (const auto& column : columns) headings.push_back(Data(std::string(column.heading)));
        item.set("headings", headings);
        List rows;
        for (const auto* k : kept) {
            const auto& child = snapshot.children[k->row];
            Data row;
            row.set("child", child.child_id);
            row.set("team", child.team.empty() ? std::string("None") : child.team);
            row.set("worker", child.worker.empty() ? std::string("None allocated") : child.worker);
            List cells;
            for (const auto& column : columns) cells.push_back(Data(column.cell(child, *k, true)));
            row.set("cells", cells);
            rows.push_back(row);
        }
        item.set("rows", rows);
        case_lists.push_back(item);
    }
    body.set("case_lists", case_lists);
    response.set_content(site.page(&visitor, "annex-a", "Annex A", "annex_a", body), kHtml);
}

// The header and rows of a case list, as CSV or JSON write them.
std::vector<std::vector<std::string>> case_table(const app::AnnexAView& view,
                                                 domain::AnnexACaseList list,
                                                 const std::vector<domain::AnnexACase>& cases,
                                                 const Filter& filter) {
    const auto columns = columns_of(list);
    std::vector<std::vector<std::string>> table;
    std::vector<std::string> header{"child_id", "team", "worker"};
    for (const auto& column : columns) header.emplace_back(column.key);
    table.push_back(header);
    for (const auto* k : kept_cases(view, cases, filter)) {
        const auto& child = view.snapshot->children[k->row];
        std::vector<std::string> row{child.child_id, child.team, child.worker};
        for (const auto& column : columns) row.push_back(column.cell(child, *k, false));
        table.push_back(std::move(row));
    }
    return table;
}

void cases_csv(Site& site, const Request& request, Response& response, const Visitor& visitor) {
    if (!allowed(site, response, visitor)) return;
    const auto list = domain::annex_a_case_list_of(request.matches[1].str());
    if (!list) {
        return site.message_page(response, &visitor, 404, "Page not found",
                                 {"There is no such Annex A list."});
    }
    auto view = view_of(site, request);
    if (!view) return store_failure(site, response, &visitor, view.error());
    if (!view->snapshot) {
        return site.message_page(response, &visitor, 404, "Page not found",
                                 {"No Annex A extract is held."});
    }
    for (const auto& [which, cases] : view->cases) {
        if (which != *list) continue;
        response.set_header(
            "Content-Disposition",
            attachment("annex-a-" + std::string(domain::annex_a_case_list_key(which)) + "-" +
                       view->snapshot->as_at.iso() + ".csv"));
        response.set_content(app::table_csv(case_table(*view, which, cases, filter_of(request))),
                             "text/csv; charset=utf-8");
        return;
    }
}

void api_annex_a(Site& site, const Request& request, Response& response, const Visitor& visitor) {
    if (!domain::has_right(visitor.person.role, domain::Right::ReadExceptions)) {
        return send_error(response, 403, "forbidden", kCaseLevel);
    }
    if (site.services.indicators == nullptr) {
        return send_error(response, 503, "unavailable", "this server has no indicators");
    }
    auto view = view_of(site, request);
    if (!view) return send_failure(response, view.error());
    Json extracts = Json::array();
    for (const auto& date : view->extracts) extracts.push_back(date.iso());
    Json body{{"as_at", view->snapshot ? Json(view->snapshot->as_at.iso()) : Json(nullptr)},
              {"extracts", extracts}};
    if (!view->snapshot) {
        body["lists"] = Json::array();
        body["figures"] = Json::array();
        body["cases"] = Json::array();
        return response.set_content(body.dump(2) + "\n", kJson);
    }
    const Filter filter = filter_of(request);
    const auto counts = domain::annex_a_list_counts(*view->snapshot);
    Json lists = Json::array();
    for (int list = 1; list <= 11; ++list) {
        lists.push_back(
            {{"list", list}, {"title", domain::annex_a_list_title(list)}, {"count", counts[static_cast<std::size_t>(list - 1)]}});
    }
    body["lists"] = lists;
    Json figures = Json::array();
    for (const auto& line : view->figures) {
        const auto& r = line.result;
        figures.push_back({{"id", r.key},
                           {"title", r.title},
                           {"numerator", r.period.numerator},
                           {"denominator", r.period.denominator},
                           {"percent", r.period.percent ? Json(*r.period.percent) : Json(nullptr)},
                           {"target", r.target ? Json(r.target->value) : Json(nullptr)},
                           {"rag", r.rag ? Json(domain::describe(*r.rag)) : Json(nullptr)}});
    }
    body["figures"] = figures;
    Json cases = Json::array();
    for (const auto& [list, found] : view->cases) {
        const auto table = case_table(*view, list, found, filter);
        Json children = Json::array();
        for (std::size_t i = 1; i < table.size(); ++i) {
            Json child = Json::object();
            for (std::size_t c = 0; c < table[0].size(); ++c) {
                child[table[0][c]] = table[i][c].empty() ? Json(nullptr) : Json(table[i][c]);
            }
            children.push_back(std::move(child));
        }
        cases.push_back({{"id", domain::annex_a_case_list_key(list)},
                         {"title", domain::annex_a_case_list_title(list)},
                         {"children", children}});
    }
    body["cases"] = cases;
    response.set_content(body.dump(2, ' ', false, Json::error_handler_t::replace) + "\n", kJson);
}

}  // namespace

void add_annex_a_pages(httplib::Server& server, Site& site) {
    server.Get("/annex-a", signed_in(site, [&site](const Request& request, Response& response,
                                                   const Visitor& visitor) {
                   annex_a_page(site, request, response, visitor);
               }));
    server.Get(R"(/annex-a/cases/([a-z_]+)\.csv)",
               signed_in(site, [&site](const Request& request, Response& response,
                                       const Visitor& visitor) {
                   cases_csv(site, request, response, visitor);
               }));
    server.Get("/api/v1/annex-a",
               authenticated(site, [&site](const Request& request, Response& response,
                                           const Visitor& visitor) {
                   api_annex_a(site, request, response, visitor);
               }));
}

}  // namespace csip::http
