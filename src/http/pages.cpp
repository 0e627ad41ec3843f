// The pages: sign in and out, dashboard, plan, action (with its update form), my actions,
// recommendations, audit and users. Forms post, then redirect (POST-redirect-GET); a refused
// form is shown again with an error summary and the person's input kept.
#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <functional>
#include <map>
#include <optional>

#include "domain/indicators/indicator_definitions.hpp"
#include "domain/plan_summary.hpp"
#include "http/action_filter.hpp"
#include "http/date_input.hpp"
#include "http/site.hpp"
#include "http/views.hpp"

namespace csip::http {
namespace {

using httplib::Request;
using httplib::Response;

constexpr const char* kHtml = "text/html; charset=utf-8";
constexpr int kDueSoonDays = 30;
// An action not complete with no update for this long has gone quiet (the reminders use the same).
constexpr int kStaleDays = 30;
// The dashboard lists this many actions of each kind, and links to the rest.
constexpr int kDashboardListLength = 5;
constexpr std::size_t kAuditShown = 200;


struct Located {
    const domain::Workstream* workstream = nullptr;
    const domain::Commitment* commitment = nullptr;
    const domain::Action* action = nullptr;
};

Located locate(const domain::Plan& plan, const std::string& id) {
    for (const auto& workstream : plan.workstreams) {
        for (const auto& commitment : workstream.commitments) {
            for (const auto& action : commitment.actions) {
                if (action.id == id) return {&workstream, &commitment, &action};
            }
        }
    }
    return {};
}

std::vector<const domain::Action*> all_actions(const domain::Plan& plan) {
    std::vector<const domain::Action*> actions;
    for (const auto& workstream : plan.workstreams) {
        for (const auto& commitment : workstream.commitments) {
            for (const auto& action : commitment.actions) actions.push_back(&action);
        }
    }
    return actions;
}

List action_rows(std::vector<const domain::Action*> actions, domain::Date as_of) {
    std::stable_sort(actions.begin(), actions.end(),
                     [](const auto* a, const auto* b) { return a->due < b->due; });
    List rows;
    for (const auto* action : actions) rows.push_back(action_row(*action, as_of));
    return rows;
}

// --- signing in ----------------------------------------------------------------------------

void login_form(Site& site, Response& response, int status, const std::string& username,
                const std::string& next, const std::string& error, bool signed_out) {
    const std::string token = site.sign_in_forms.issue();
    response.set_header(
        "Set-Cookie", set_cookie(kLoginCookie, token, "/login", 3600, site.options.secure_cookies));
    Data body;
    body.set("csrf_token", token);
    body.set("username", username);
    body.set("next", next);
    body.set("error", error.empty() ? Data(false) : Data(error));
    body.set("signed_out", signed_out);
    response.status = status;
    response.set_content(site.page(nullptr, "", "Sign in", "login", body, !error.empty()), kHtml);
}

void add_sign_in(httplib::Server& server, Site& site) {
    server.Get("/login", [&site](const Request& request, Response& response) {
        auto visitor = site.visitor(request);
        if (visitor && *visitor && !(*visitor)->by_token) {
            response.set_redirect(safe_next(param(request, "next")), 303);
            return;
        }
        login_form(site, response, 200, "", safe_next(param(request, "next")), "",
                   param(request, "signed_out") == "1");
    });

    post(server, site, "/login", [&site](const Request& request, Response& response) {
        const std::string username = param(request, "username");
        const std::string next = safe_next(param(request, "next"));
        // The sign-in form has no session yet: its token must match the cookie set with the form
        // and be one this server issued (a page on another site can send neither, and a cookie
        // planted with a matching field is not one).
        if (!site.sign_in_forms.redeem(cookie(request, kLoginCookie),
                                       param(request, "csrf_token"))) {
            return login_form(site, response, 400, username, next,
                              "The sign-in form had expired: enter your details again", false);
        }
        auto session = site.services.accounts.sign_in(username, param(request, "password"),
                                                      request.remote_addr);
        if (!session) {
            const auto& error = session.error();
            const int status = error.kind == ErrorKind::Forbidden     ? 429
                               : error.kind == ErrorKind::Unavailable ? 503
                                                                      : 400;
            // Busy (too many password checks at once) or the store unavailable: worth another
            // try in a moment.
            if (status == 503) response.set_header("Retry-After", "5");
            return login_form(site, response, status, username, next, error.message, false);
        }
        const auto lifetime = std::chrono::duration_cast<std::chrono::seconds>(
            session->session.expires_at - site.services.clock.now());
        response.set_header("Set-Cookie",
                            set_cookie(kSessionCookie, session->token, "/", lifetime.count(),
                                       site.options.secure_cookies));
        response.set_header("Set-Cookie",
                            set_cookie(kLoginCookie, "", "/login", 0, site.options.secure_cookies));
        // A lead officer's work is their actions: without somewhere to go back to, they start
        // there.
        const auto& person = session->session.person;
        const bool to_own_actions = person.role == domain::Role::Lead && !person.officer.empty() &&
                                    (param(request, "next").empty() || next == "/");
        response.set_redirect(to_own_actions ? "/my-actions" : next, 303);
    });

    post(server, site, "/logout",
         signed_in(
             site, [&site](const Request& request, Response& response, const Visitor& visitor) {
                 if (!form_allowed(site, request, response, visitor)) return;
                 if (auto ended = site.services.accounts.sign_out(cookie(request, kSessionCookie));
                     !ended) {
                     return store_failure(site, response, &visitor, ended.error());
                 }
                 response.set_header("Set-Cookie", set_cookie(kSessionCookie, "", "/", 0,
                                                              site.options.secure_cookies));
                 response.set_redirect("/login?signed_out=1", 303);
             }));
}

// --- dashboard, plan, recommendations ------------------------------------------------------

Data counts_data(const domain::ActionCounts& counts) {
    Data data;
    data.set("total", std::to_string(counts.total));
    data.set("not_started", std::to_string(counts.not_started));
    data.set("red", std::to_string(counts.red));
    data.set("amber", std::to_string(counts.amber));
    data.set("green", std::to_string(counts.green));
    data.set("complete", std::to_string(counts.complete));
    data.set("overdue", std::to_string(counts.overdue));
    data.set("rescheduled", std::to_string(counts.rescheduled));
    return data;
}

Data coverage_state(const domain::RecommendationCoverage& row) {
    Data data;
    if (!row.covered) {
        data.set("state", std::string("Not covered"));
        data.set("state_class", std::string("govuk-tag--red"));
    } else if (row.at_risk) {
        data.set("state", std::string("At risk"));
        data.set("state_class", std::string("govuk-tag--orange"));
    } else {
        data.set("state", std::string("Covered"));
        data.set("state_class", std::string("govuk-tag--green"));
    }
    return data;
}

// The last meeting of any governance body on or before `as_of`: "changed since the last board".
struct LastBoard {
    domain::Date on;
    std::string body;
};

std::optional<LastBoard> last_board(Site& site, domain::Date as_of) {
    if (site.services.reports == nullptr) return std::nullopt;
    auto bodies = site.services.reports->bodies();
    if (!bodies) return std::nullopt;
    std::optional<LastBoard> last;
    for (const auto& body : *bodies) {
        auto meetings = site.services.reports->meetings(body.id);
        if (!meetings) continue;
        for (const auto& meeting : *meetings) {
            if (meeting.on <= as_of && (!last || last->on < meeting.on)) {
                last = LastBoard{meeting.on, body.name};
            }
        }
    }
    return last;
}

// A short list for the dashboard: at most kDashboardListLength actions matching `filter`, their
// number, and the link to all of them.
Data attention_list(const domain::Plan& plan, const ActionFilter& filter, domain::Date as_of) {
    List rows;
    int count = 0;
    for (const auto& workstream : plan.workstreams) {
        for (const auto& commitment : workstream.commitments) {
            for (const auto& action : commitment.actions) {
                if (!filter.matches(action, workstream.id, as_of)) continue;
                if (++count <= kDashboardListLength) rows.push_back(action_row(action, as_of));
            }
        }
    }
    Data list;
    list.set("actions", rows);
    list.set("count", std::to_string(count));
    list.set("none", count == 0);
    list.set("more", count > kDashboardListLength ? Data(std::to_string(count)) : Data(false));
    list.set("link", filter.link());
    return list;
}

std::string dashboard_body(Site& site, const std::shared_ptr<const domain::Plan>& plan,
                           const Result<std::shared_ptr<const domain::IndicatorReport>>& indicators,
                           const app::IndicatorBenchmarks* benchmarks, domain::Date as_of,
                           const std::optional<LastBoard>& board) {
    Data body;
    body.set("as_of", long_date(as_of));
    if (!plan) {
        body.set("no_plan", true);
        body.set("has_plan", false);
        body.set("authority", std::string());
        return site.templates.render("dashboard", body);
    }
    const domain::Plan& current = *plan;
    body.set("no_plan", false);
    body.set("has_plan", true);
    body.set("authority", current.authority);
    const auto summary = domain::summarise(current, as_of);
    body.set("total", std::to_string(summary.actions.total));
    body.set("workstream_count", std::to_string(summary.workstreams.size()));

    // Each count opens the list it counts.
    const auto filter_for = [](const std::string& state, bool overdue, bool rescheduled,
                               const std::string& workstream) {
        ActionFilter filter;
        filter.state = state;
        filter.overdue = overdue;
        filter.rescheduled = rescheduled;
        filter.workstream = workstream;
        return filter;
    };
    const auto& all = summary.actions;
    struct Headline {
        int count;
        const char* label;
        const char* tag_class;
        ActionFilter filter;
    };
    List headlines;
    for (const auto& headline :
         {Headline{all.red, "Red", "govuk-tag--red", filter_for("red", false, false, "")},
          Headline{all.amber, "Amber", "govuk-tag--yellow", filter_for("amber", false, false, "")},
          Headline{all.green, "Green", "govuk-tag--green", filter_for("green", false, false, "")},
          Headline{all.complete, "Complete", "govuk-tag--blue",
                   filter_for("complete", false, false, "")},
          Headline{all.not_started, "Not started", "govuk-tag--grey",
                   filter_for("not_started", false, false, "")},
          Headline{all.overdue, "Overdue", "govuk-tag--orange", filter_for("", true, false, "")},
          Headline{all.rescheduled, "Rescheduled", "govuk-tag--purple",
                   filter_for("", false, true, "")}}) {
        Data item;
        item.set("count", std::to_string(headline.count));
        item.set("label", headline.label);
        item.set("tag_class", headline.tag_class);
        item.set("link", headline.filter.link());
        headlines.push_back(item);
    }
    body.set("headlines", headlines);

    // What a director asks first: what is red, what is late, what has gone quiet, what changed.
    body.set("red", attention_list(current, filter_for("red", false, false, ""), as_of));
    body.set("overdue", attention_list(current, filter_for("", true, false, ""), as_of));
    ActionFilter stale;
    stale.stale_days = kStaleDays;
    body.set("stale", attention_list(current, stale, as_of));
    body.set("stale_days", std::to_string(kStaleDays));
    ActionFilter changed;
    changed.changed_since = board ? board->on : as_of.plus_days(-30);
    body.set("changed", attention_list(current, changed, as_of));
    body.set("changed_since", board ? "since the last board meeting (" + board->body + ", " +
                                          long_date(board->on) + ")"
                                    : "in the last 30 days");

    List workstreams;
    for (const auto& workstream : summary.workstreams) {
        Data row = counts_data(workstream.actions);
        row.set("id", workstream.id);
        row.set("title", workstream.title);
        for (const auto& [key, filter] :
             {std::pair{"red", filter_for("red", false, false, workstream.id)},
              {"amber", filter_for("amber", false, false, workstream.id)},
              {"green", filter_for("green", false, false, workstream.id)},
              {"complete", filter_for("complete", false, false, workstream.id)},
              {"not_started", filter_for("not_started", false, false, workstream.id)},
              {"overdue", filter_for("", true, false, workstream.id)},
              {"all", filter_for("", false, false, workstream.id)}}) {
            row.set(std::string(key) + "_link", filter.link());
        }
        workstreams.push_back(row);
    }
    body.set("workstreams", workstreams);

    std::vector<const domain::Action*> due_soon;
    const domain::Date soon = as_of.plus_days(kDueSoonDays);
    for (const auto* action : all_actions(current)) {
        if (action->status != domain::ActionStatus::Complete && action->due >= as_of &&
            action->due <= soon) {
            due_soon.push_back(action);
        }
    }
    body.set("due_soon", action_rows(due_soon, as_of));
    body.set("has_due_soon", !due_soon.empty());

    const auto coverage = domain::coverage(current, as_of);
    int covered = 0;
    List gaps;
    for (const auto& row : coverage) {
        if (row.covered) ++covered;
        if (!row.covered || row.at_risk) {
            Data gap = coverage_state(row);
            gap.set("id", row.id);
            for (const auto& recommendation : current.recommendations) {
                if (recommendation.id == row.id) gap.set("text", recommendation.text);
            }
            gaps.push_back(gap);
        }
    }
    body.set("covered", std::to_string(covered));
    body.set("recommendation_count", std::to_string(coverage.size()));
    body.set("has_gaps", !gaps.empty());
    body.set("gaps", gaps);

    add_indicator_tiles(site, indicators, body, benchmarks);
    return site.templates.render("dashboard", body);
}

void dashboard(Site& site, Response& response, const Visitor& visitor) {
    // Read before the plan: a write after it makes the body rendered here not reusable as stale.
    const std::uint64_t writes = site.plans.writes();
    auto plan = site.plans.plan();
    if (!plan) return store_failure(site, response, &visitor, plan.error());
    const domain::Date as_of = site.services.clock.today();
    const auto indicators = site.indicators.available()
                                ? site.indicators.report(domain::financial_year_start(as_of), as_of)
                                : Result<std::shared_ptr<const domain::IndicatorReport>>(nullptr);
    const std::shared_ptr<const domain::IndicatorReport> report =
        indicators ? *indicators : nullptr;
    // The tiles' published figures; the dashboard goes on without them when they cannot be read.
    auto published = site.indicators.benchmarks();
    const std::shared_ptr<const app::IndicatorBenchmarks> benchmarks =
        published ? *published : nullptr;
    auto& cached = site.dashboard;
    std::shared_ptr<const std::string> body;
    {
        std::lock_guard lock(cached.mutex);
        const bool same_date = cached.body && cached.as_of == as_of && indicators;
        if (same_date && cached.plan == *plan && cached.indicators == report &&
            cached.benchmarks == benchmarks) {
            body = cached.body;
        } else if (same_date && cached.rendering && cached.writes == writes) {
            body = cached.body;
        } else {
            cached.rendering = true;
        }
    }
    if (!body) {
        body = std::make_shared<const std::string>(dashboard_body(
            site, *plan, indicators, benchmarks.get(), as_of, last_board(site, as_of)));
        std::lock_guard lock(cached.mutex);
        cached.rendering = false;
        // A failed computation of the indicators is not kept: the next request tries again.
        if (indicators) {
            cached.plan = *plan;
            cached.indicators = report;
            cached.benchmarks = benchmarks;
            cached.as_of = as_of;
            cached.writes = writes;
            cached.body = body;
        }
    }
    response.set_content(site.layout(&visitor, "dashboard", "Dashboard", *body), kHtml);
}

// /plan with a filter: the actions it asks for, as one list, with the way back to the whole plan.
void filtered_actions_page(Site& site, Response& response, const Visitor& visitor,
                           const domain::Plan& plan, const ActionFilter& filter) {
    const domain::Date as_of = site.services.clock.today();
    std::string workstream_title;
    List rows;
    for (const auto& workstream : plan.workstreams) {
        if (workstream.id == filter.workstream) workstream_title = workstream.title;
        for (const auto& commitment : workstream.commitments) {
            for (const auto& action : commitment.actions) {
                if (!filter.matches(action, workstream.id, as_of)) continue;
                Data row = action_row(action, as_of);
                row.set("workstream", workstream.id);
                row.set("last_update", action.updates.empty()
                                           ? std::string("No update yet")
                                           : "Last update " + long_date(action.updates.back().on));
                rows.push_back(row);
            }
        }
    }
    const std::string heading = filter.heading(workstream_title);
    Data body;
    body.set("authority", plan.authority);
    body.set("heading", heading);
    body.set("count", std::to_string(rows.size()));
    body.set("one", rows.size() == 1);
    body.set("actions", rows);
    body.set("has_actions", !rows.empty());
    body.set("as_of", long_date(as_of));
    response.set_content(site.page(&visitor, "plan", heading, "actions_list", body), kHtml);
}

void plan_page(Site& site, const Request& request, Response& response, const Visitor& visitor) {
    auto plan = site.plans.plan();
    if (!plan) return store_failure(site, response, &visitor, plan.error());
    const ActionFilter filter = ActionFilter::from(request);
    if (*plan && !filter.empty()) return filtered_actions_page(site, response, visitor, **plan, filter);
    Data body;
    const domain::Date as_of = site.services.clock.today();
    body.set("may_edit", domain::has_right(visitor.person.role, domain::Right::EditPlan));
    if (!*plan) {
        body.set("no_plan", true);
        body.set("has_plan", false);
        body.set("title", std::string("The improvement plan"));
        body.set("authority", std::string());
        response.set_content(site.page(&visitor, "plan", "Plan", "plan", body), kHtml);
        return;
    }
    const domain::Plan& current = **plan;
    body.set("no_plan", false);
    body.set("has_plan", true);
    body.set("title", current.title);
    body.set("authority", current.authority);
    body.set("vision", current.vision);
    body.set("framework", current.inspection.framework);
    body.set("inspection_start", long_date(current.inspection.start));
    body.set("inspection_end", long_date(current.inspection.end));
    body.set("published", long_date(current.inspection.published));
    body.set("overall", current.inspection.overall
                            ? sentence(std::string(domain::describe(*current.inspection.overall)))
                            : std::string("Not graded"));
    body.set("as_of", long_date(as_of));
    List judgements;
    for (const auto& judgement : current.inspection.judgements) {
        Data row;
        row.set("area", sentence(judgement.area));
        row.set("grade", sentence(std::string(domain::describe(judgement.grade))));
        row.set("limiting", judgement.limiting);
        judgements.push_back(row);
    }
    body.set("judgements", judgements);

    List workstreams;
    for (const auto& workstream : current.workstreams) {
        Data ws;
        ws.set("id", workstream.id);
        ws.set("title", workstream.title);
        ws.set("sponsor", workstream.sponsor);
        ws.set("lead", workstream.lead);
        List commitments;
        for (const auto& commitment : workstream.commitments) {
            Data cm;
            cm.set("id", commitment.id);
            cm.set("text", commitment.text);
            List recommendations;
            for (std::size_t i = 0; i < commitment.recommendations.size(); ++i) {
                Data link;
                link.set("id", commitment.recommendations[i]);
                link.set("last", i + 1 == commitment.recommendations.size());
                recommendations.push_back(link);
            }
            cm.set("recommendations", recommendations);
            cm.set("has_recommendations", !commitment.recommendations.empty());
            List measures;
            for (const auto& measure : commitment.measures) {
                Data ms;
                ms.set("id", measure.id);
                ms.set("text", measure.text);
                ms.set("kind", std::string(domain::to_string(measure.kind)));
                ms.set("status", std::string(domain::describe(measure.status)));
                if (measure.indicator) {
                    // Linked by the indicator's title, never its id.
                    const auto* definition = domain::find_indicator(*measure.indicator);
                    Data indicator;
                    indicator.set("key", *measure.indicator);
                    indicator.set("title", definition != nullptr ? std::string(definition->title)
                                                                 : sentence(*measure.indicator));
                    ms.set("indicator", indicator);
                } else {
                    ms.set("indicator", false);
                }
                ms.set("target",
                       measure.target ? Data(number_text(*measure.target) + "%") : Data(false));
                measures.push_back(ms);
            }
            cm.set("measures", measures);
            cm.set("has_measures", !commitment.measures.empty());
            List actions;
            for (const auto& action : commitment.actions)
                actions.push_back(action_row(action, as_of));
            cm.set("actions", actions);
            cm.set("has_actions", !commitment.actions.empty());
            commitments.push_back(cm);
        }
        ws.set("commitments", commitments);
        workstreams.push_back(ws);
    }
    body.set("workstreams", workstreams);
    response.set_content(site.page(&visitor, "plan", current.title, "plan", body), kHtml);
}

void recommendations_page(Site& site, Response& response, const Visitor& visitor) {
    auto plan = site.plans.plan();
    if (!plan) return store_failure(site, response, &visitor, plan.error());
    Data body;
    if (!*plan) {
        body.set("no_plan", true);
        body.set("has_plan", false);
        response.set_content(
            site.page(&visitor, "recommendations", "Recommendations", "recommendations", body),
            kHtml);
        return;
    }
    const domain::Date as_of = site.services.clock.today();
    const auto coverage = domain::coverage(**plan, as_of);
    std::map<std::string, std::string> texts;
    for (const auto& recommendation : (*plan)->recommendations) {
        texts[recommendation.id] = recommendation.text;
    }
    int covered = 0;
    List rows;
    for (const auto& row : coverage) {
        if (row.covered) ++covered;
        Data data = coverage_state(row);
        data.set("id", row.id);
        data.set("text", texts[row.id]);
        data.set("category", row.category == domain::RecommendationCategory::Priority
                                 ? std::string("priority and immediate action")
                                 : std::string("area for improvement"));
        List commitments;
        for (std::size_t i = 0; i < row.commitments.size(); ++i) {
            Data link;
            link.set("id", row.commitments[i]);
            link.set("last", i + 1 == row.commitments.size());
            commitments.push_back(link);
        }
        data.set("commitments", commitments);
        data.set("has_commitments", !row.commitments.empty());
        data.set("actions", std::to_string(row.actions));
        rows.push_back(data);
    }
    body.set("no_plan", false);
    body.set("has_plan", true);
    body.set("as_of", long_date(as_of));
    body.set("covered", std::to_string(covered));
    body.set("total", std::to_string(coverage.size()));
    body.set("recommendations", rows);
    response.set_content(
        site.page(&visitor, "recommendations", "Recommendations", "recommendations", body), kHtml);
}

void my_actions_page(Site& site, Response& response, const Visitor& visitor) {
    auto plan = site.plans.plan();
    if (!plan) return store_failure(site, response, &visitor, plan.error());
    const domain::Date as_of = site.services.clock.today();
    Data body;
    body.set("as_of", long_date(as_of));
    body.set("officer",
             visitor.person.officer.empty() ? Data(false) : Data(visitor.person.officer));
    std::vector<const domain::Action*> mine;
    if (*plan) {
        for (const auto* action : all_actions(**plan)) {
            if (domain::leads(visitor.person, *action)) mine.push_back(action);
        }
    }
    body.set("actions", action_rows(mine, as_of));
    body.set("has_actions", !mine.empty());
    response.set_content(site.page(&visitor, "my-actions", "My actions", "my_actions", body),
                         kHtml);
}

// --- an action and its update form ---------------------------------------------------------

// Where a person came to an action from, for its back link and the navigation: the plan unless
// they came from one of these.
struct Origin {
    std::string key;    // the `from` query value, empty for the plan
    std::string nav;    // the navigation item marked current
    std::string href;   // the back link
    std::string label;  // its words
};

Origin origin_of(const std::string& from, const std::string& commitment) {
    if (from == "my-actions") return {from, "my-actions", "/my-actions", "Back to my actions"};
    if (from == "dashboard") return {from, "dashboard", "/", "Back to the dashboard"};
    return {"", "plan", "/plan#" + commitment, "Back to the plan"};
}

// What the person typed into the update form, to show it again when it is refused or to ask
// them to confirm it.
struct UpdateForm {
    std::string status;
    std::string rag;
    std::string note;
    DateParts due;
    std::string reason;
    std::string from;
    bool confirmed_past = false;  // they said yes to a due date before today
    std::string version;          // of the action the form was opened on
};

UpdateForm form_from(const Request& request) {
    return UpdateForm{param(request, "status"), param(request, "rag"),    param(request, "note"),
                      date_parts(request, "due"), param(request, "reason"), param(request, "from"),
                      param(request, "confirm_past") == "yes", param(request, "version")};
}

UpdateForm form_for(const domain::Action& action, const std::string& from) {
    UpdateForm form;
    form.status = std::string(domain::to_string(action.status));
    form.rag = action.rag ? std::string(domain::to_string(*action.rag)) : "";
    form.from = from;
    form.version = std::to_string(action.version);
    return form;
}

// The input each of the domain's fields is entered in, for the error summary's links.
std::string input_for(const std::string& field) {
    if (field == "due") return "due-day";
    if (field == "status" || field == "rag" || field == "note" || field == "reason") return field;
    return "note";
}

// An audited change as a sentence, or nothing for what says nothing to a reader (the count of
// updates, which the updates themselves show).
std::optional<std::string> change_words(const domain::HistoryEntry& entry) {
    const auto date_words = [](const std::optional<std::string>& iso) {
        const auto date = iso ? domain::Date::parse_iso(*iso) : std::nullopt;
        return date ? long_date(*date) : iso.value_or("none");
    };
    const auto status_words = [](const std::optional<std::string>& word) {
        const auto status = word ? domain::parse_action_status(*word) : std::nullopt;
        return status ? std::string(domain::describe(*status)) : word.value_or("none");
    };
    const auto rag_words = [](const std::optional<std::string>& word) {
        return word && !word->empty() ? sentence(*word) : std::string("none");
    };
    const std::string& field = entry.field;
    if (field == "created") return "Added to the plan";
    if (field == "removed") return "Removed from the plan";
    if (field == "updates") return std::nullopt;
    if (field == "due") {
        return "Due date moved from " + date_words(entry.old_value) + " to " +
               date_words(entry.new_value);
    }
    if (field == "original_due") {
        return "Original due date set to " + date_words(entry.new_value);
    }
    if (field == "status") {
        return "Status changed from " + status_words(entry.old_value) + " to " +
               status_words(entry.new_value);
    }
    if (field == "rag") {
        return "RAG rating changed from " + rag_words(entry.old_value) + " to " +
               rag_words(entry.new_value);
    }
    if (field == "lead") {
        return "Lead officer changed from " + entry.old_value.value_or("none") + " to " +
               entry.new_value.value_or("none");
    }
    if (field == "text") return "Wording changed to \u201c" + entry.new_value.value_or("") + "\u201d";
    if (field == "commitment") return "Moved to commitment " + entry.new_value.value_or("none");
    return sentence(field) + " changed from " + entry.old_value.value_or("none") + " to " +
           entry.new_value.value_or("none");
}

// The history as people read it, newest first: one row per status update, with the due date it
// moved and why; one row per change made on its own (a plan import or edit). Dates as on the rest
// of the page; people by their officer title where they have one.
List history_rows(const std::vector<domain::HistoryEntry>& entries,
                  const std::map<std::string, std::string>& officers) {
    const auto person = [&](const std::string& name) {
        const auto found = officers.find(name);
        return found != officers.end() && !found->second.empty() ? found->second : name;
    };
    const auto day_of = [](const std::string& on) {
        const auto date = domain::Date::parse_iso(on.substr(0, 10));
        return date ? long_date(*date) : on;
    };
    std::vector<Data> rows;
    std::vector<bool> made_by_update(entries.size(), false);
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const auto& entry = entries[i];
        Data row;
        row.set("on", day_of(entry.on));
        row.set("by", person(entry.by));
        if (entry.kind == domain::HistoryEntry::Kind::Update) {
            row.set("is_update", true);
            row.set("text", entry.text);
            if (entry.status) {
                row.set("state", state_word(*entry.status, entry.rag));
                row.set("state_class", state_class(*entry.status, entry.rag));
            } else {
                row.set("state", false);
            }
            // The changes the update made: its status and RAG are its tag; a new due date is
            // said with its reason.
            row.set("moved", false);
            row.set("reason", false);
            for (std::size_t j = 0; j < entries.size() && !entry.recorded_at.empty(); ++j) {
                const auto& change = entries[j];
                if (change.kind != domain::HistoryEntry::Kind::Change ||
                    change.on != entry.recorded_at || change.by != entry.recorded_by ||
                    (change.field != "status" && change.field != "rag" && change.field != "due")) {
                    continue;
                }
                made_by_update[j] = true;
                if (change.field == "due") {
                    row.set("moved", *change_words(change));
                    row.set("reason", change.reason ? Data(*change.reason) : Data(false));
                }
            }
        } else {
            const auto words = change_words(entry);
            if (!words || made_by_update[i]) continue;
            row.set("is_update", false);
            row.set("state", false);
            row.set("moved", false);
            row.set("text", *words);
            row.set("reason", entry.reason ? Data(*entry.reason) : Data(false));
        }
        rows.push_back(row);
    }
    return List(rows.rbegin(), rows.rend());
}

// Officer titles by user name, for naming people in a history.
std::map<std::string, std::string> officer_titles(Site& site) {
    std::map<std::string, std::string> titles;
    if (auto users = site.services.accounts.users()) {
        for (const auto& user : *users) titles.emplace(user.name, user.officer);
    }
    return titles;
}

void action_page(Site& site, Response& response, const Visitor& visitor, const std::string& id,
                 int status, const UpdateForm* submitted, const std::vector<FieldError>& errors,
                 const std::string& notice, const std::string& from) {
    auto history = site.services.plans.history(id);
    if (!history) {
        if (history.error().kind == ErrorKind::NotFound) {
            return site.message_page(response, &visitor, 404, "Page not found",
                                     {"There is no action " + id + " in the plan."});
        }
        return store_failure(site, response, &visitor, history.error());
    }
    auto plan = site.plans.plan();
    if (!plan) return store_failure(site, response, &visitor, plan.error());
    const domain::Action& action = history->action;
    const domain::Date as_of = site.services.clock.today();
    Data body = action_row(action, as_of);
    body.set("notice", notice.empty() ? Data(false) : Data(notice));
    const Located located = *plan ? locate(**plan, id) : Located{};
    body.set("workstream", located.workstream
                               ? located.workstream->id + " " + located.workstream->title
                               : std::string());
    body.set("commitment", located.commitment ? located.commitment->id : std::string());
    body.set("commitment_text", located.commitment ? located.commitment->text : std::string());
    const UpdateForm form = submitted != nullptr ? *submitted : form_for(action, from);
    const Origin origin = origin_of(form.from, located.commitment ? located.commitment->id : "");
    body.set("back_href", origin.href);
    body.set("back_label", origin.label);
    body.set("from", origin.key);

    const bool may_update = domain::may_update(visitor.person, action);
    body.set("may_update", may_update);
    body.set("csrf_token", visitor.csrf_token);
    List statuses;
    for (const auto value : {domain::ActionStatus::NotStarted, domain::ActionStatus::InProgress,
                             domain::ActionStatus::Complete}) {
        const std::string word(domain::to_string(value));
        Data item;
        item.set("value", word);
        item.set("label", sentence(std::string(domain::describe(value))));
        item.set("input_id",
                 value == domain::ActionStatus::NotStarted ? "status" : "status-" + word);
        item.set("checked", form.status == word);
        item.set("in_progress", value == domain::ActionStatus::InProgress);
        statuses.push_back(item);
    }
    body.set("statuses", statuses);
    List rags;
    for (const auto& [word, hint] :
         {std::pair<std::string, std::string>{"green", "On track to be done by the due date"},
          {"amber", "At risk of missing the due date"},
          {"red", "Will miss the due date without help"}}) {
        Data item;
        item.set("value", word);
        item.set("label", sentence(word));
        item.set("hint", hint);
        item.set("input_id", word == "green" ? std::string("rag") : "rag-" + word);
        item.set("checked", form.rag == word);
        rags.push_back(item);
    }
    body.set("rags", rags);
    body.set("note", form.note);
    body.set("reason", form.reason);
    body.set("version", form.version.empty() ? std::to_string(action.version) : form.version);
    for (const char* field : {"status", "rag", "note", "reason"}) {
        body.set(std::string(field) + "_error", false);
    }
    std::optional<DateProblem> due_problem;
    for (const auto& error : errors) {
        if (error.field.rfind("due-", 0) == 0) {
            due_problem = read_date(form.due, "The new due date").problem;
            if (!due_problem) due_problem = DateProblem{error.message, true, true, true};
            due_problem->message = error.message;
        } else {
            body.set(error.field + "_error", error.message);
        }
    }
    body.set("due_input",
             render_date_input(site.templates,
                               {"due", "New due date",
                                "Only if the action is rescheduled. For example, 31 3 2016. The "
                                "original due date is kept.",
                                false},
                               form.due, due_problem));
    body.set("errors", errors_data(errors));
    body.set("has_errors", !errors.empty());
    body.set("history", history_rows(history->entries, officer_titles(site)));
    body.set("has_history", !history->entries.empty());
    response.status = status;
    response.set_content(site.page(&visitor, origin.nav, "Action " + action.id, "action", body,
                                   !errors.empty()),
                         kHtml);
}

// Reads the update form into a request for the domain, checking every field at once (a GOV.UK
// error summary lists them all); the errors of the fields it could not accept otherwise.
std::optional<domain::ActionUpdateRequest> read_update_form(const UpdateForm& form,
                                                            const domain::Action& current,
                                                            const Visitor& visitor,
                                                            domain::Date today,
                                                            std::vector<FieldError>& errors) {
    domain::ActionUpdateRequest request;
    request.status = domain::parse_action_status(form.status);
    if (!request.status) errors.push_back({"status", "Select a status"});
    if (request.status == domain::ActionStatus::InProgress) {
        request.rag = domain::parse_rag(form.rag);
        if (!request.rag) errors.push_back({"rag", "Select a RAG rating for the action in progress"});
    }
    if (form.note.find_first_not_of(" \t\r\n") == std::string::npos) {
        errors.push_back({"note", "Enter what has happened since the last update"});
    }
    const auto due = read_date(form.due, "The new due date");
    if (due.problem) {
        errors.push_back({date_error_target("due", *due.problem), due.problem->message});
    } else if (due.date && *due.date != current.due) {
        request.due = due.date;
        if (form.reason.find_first_not_of(" \t") == std::string::npos) {
            errors.push_back({"reason", "Enter the reason for the new due date"});
        }
    }
    if (!request.due && form.reason.find_first_not_of(" \t") != std::string::npos) {
        errors.push_back({"reason", "Enter a new due date for this reason, or remove the reason"});
    }
    request.note = form.note;
    request.reason = request.due ? form.reason : std::string();
    request.by = visitor.person.officer.empty() ? visitor.person.name : visitor.person.officer;
    request.on = today;
    if (!form.version.empty()) {
        try {
            request.version = std::stoi(form.version);
        } catch (const std::exception&) {
            request.version = -1;  // not a version this form wrote: refused as out of date
        }
    }
    request.confirm_past_due = form.confirmed_past;
    if (!errors.empty()) return std::nullopt;
    return request;
}

// The page that asks a person to confirm a due date before today: the action would show as
// overdue at once. Yes sends the same form again, confirmed; no shows it to be changed.
void confirm_past_due(Site& site, Response& response, const Visitor& visitor,
                      const domain::Action& action, const UpdateForm& form, domain::Date due,
                      domain::Date today) {
    Data body;
    body.set("id", action.id);
    body.set("text", action.text);
    body.set("csrf_token", visitor.csrf_token);
    body.set("old_due", long_date(action.due));
    body.set("new_due", long_date(due));
    body.set("today", long_date(today));
    List fields;
    for (const auto& [name, value] :
         {std::pair<std::string, std::string>{"status", form.status}, {"rag", form.rag},
          {"note", form.note}, {"due_day", form.due.day}, {"due_month", form.due.month},
          {"due_year", form.due.year}, {"reason", form.reason}, {"from", form.from},
          {"version", form.version}}) {
        Data field;
        field.set("name", name);
        field.set("value", value);
        fields.push_back(field);
    }
    body.set("fields", fields);
    response.status = 200;
    response.set_content(site.page(&visitor, origin_of(form.from, "").nav,
                                   "Confirm the new due date", "confirm_due", body),
                         kHtml);
}

void post_update(Site& site, const Request& request, Response& response, const Visitor& visitor) {
    const std::string id = request.matches[1].str();
    if (!form_allowed(site, request, response, visitor)) return;
    auto plan = site.plans.plan();
    if (!plan) return store_failure(site, response, &visitor, plan.error());
    const domain::Action* action = *plan ? (*plan)->find_action(id) : nullptr;
    if (action == nullptr) {
        return site.message_page(response, &visitor, 404, "Page not found",
                                 {"There is no action " + id + " in the plan."});
    }
    if (!domain::may_update(visitor.person, *action)) {
        return forbidden(site, response, visitor,
                         "Only the action's lead officer or an editor can update " + id + ".");
    }
    UpdateForm form = form_from(request);
    const Origin origin = origin_of(form.from, "");
    form.from = origin.key;
    const domain::Date today = site.services.clock.today();
    if (param(request, "change") == "yes") {
        // "No, change the date" on the confirmation page: the form again, as it was typed.
        return action_page(site, response, visitor, id, 200, &form, {}, {}, form.from);
    }
    std::vector<FieldError> errors;
    const auto update = read_update_form(form, *action, visitor, today, errors);
    if (!update) return action_page(site, response, visitor, id, 400, &form, errors, {}, form.from);
    if (domain::moves_due_into_the_past(*action, *update) && !form.confirmed_past) {
        return confirm_past_due(site, response, visitor, *action, form, *update->due, today);
    }
    const domain::Date old_due = action->due;
    auto updated = site.services.plans.update_action(id, *update, visitor.person.name);
    site.plans.invalidate();
    if (!updated) {
        const auto& error = updated.error();
        if (error.kind == ErrorKind::InvalidInput || error.kind == ErrorKind::Conflict) {
            errors.push_back({input_for(error.field), sentence(error.message)});
            if (error.field == "version") {
                // Shown again as it now is: saving once more, having seen it, applies to it.
                if (auto now = site.plans.plan(); now && *now) {
                    if (const auto* fresh = (*now)->find_action(id)) {
                        form.version = std::to_string(fresh->version);
                    }
                }
            }
            return action_page(site, response, visitor, id,
                               error.kind == ErrorKind::Conflict ? 409 : 400, &form, errors, {},
                               form.from);
        }
        return store_failure(site, response, &visitor, error);
    }
    std::string notice = "Your update to " + id + " has been saved.";
    if (update->due) {
        notice += " Its due date moved from " + long_date(old_due) + " to " +
                  long_date(*update->due) + ".";
    }
    const std::string page = "/actions/" + id;
    site.notices.leave(visitor.csrf_token, page, notice);
    response.set_redirect(form.from.empty() ? page : page + "?from=" + form.from, 303);
}

// --- audit ---------------------------------------------------------------------------------

void audit_page(Site& site, const Request& request, Response& response, const Visitor& visitor) {
    storage::AuditQuery query;
    const std::string entity = param(request, "entity");
    const std::string entity_id = param(request, "id");
    const std::string by = param(request, "by");
    if (!entity.empty()) query.entity = entity;
    if (!entity_id.empty()) query.entity_id = entity_id;
    if (!by.empty()) query.actor = by;
    auto entries = site.services.plans.audit_trail(query);
    if (!entries) return store_failure(site, response, &visitor, entries.error());
    if (!domain::has_right(visitor.person.role, domain::Right::ManageUsers)) {
        // The names in failed sign-ins are what people typed, passwords at times.
        std::erase_if(*entries, app::records_failed_sign_in);
    }
    Data body;
    List entities;
    for (const auto& [value, label] :
         std::vector<std::pair<std::string, std::string>>{{"", "Anything"},
                                                          {"action", "Actions"},
                                                          {"commitment", "Commitments"},
                                                          {"workstream", "Workstreams"},
                                                          {"recommendation", "Recommendations"},
                                                          {"measure", "Success measures"},
                                                          {"plan", "The plan"},
                                                          {"inspection", "The inspection"},
                                                          {"governance_body", "Governance bodies"},
                                                          {"user", "Users and sign-ins"}}) {
        Data option;
        option.set("value", value);
        option.set("label", label);
        option.set("selected", value == entity);
        entities.push_back(option);
    }
    body.set("entities", entities);
    body.set("entity_id", entity_id);
    body.set("by", by);
    const std::size_t total = entries->size();
    const std::size_t shown = std::min(total, kAuditShown);
    body.set("shown_text",
             total == 0 ? std::string("No change matches.")
             : shown < total
                 ? "The latest " + std::to_string(shown) + " of " + std::to_string(total) +
                       " changes that match, newest first."
                 : std::to_string(total) +
                       (total == 1 ? " change matches." : " changes match, newest first."));
    List rows;
    for (std::size_t i = 0; i < shown; ++i) {
        const auto& entry = (*entries)[total - 1 - i];
        Data row;
        row.set("at", entry.at.size() >= 19 ? entry.at.substr(0, 10) + " " + entry.at.substr(11, 8)
                                            : entry.at);
        row.set("actor", entry.actor);
        row.set("entity", entry.entity);
        row.set("entity_id", entry.entity_id);
        row.set("field", entry.field);
        row.set("has_old", entry.old_value.has_value());
        row.set("old", entry.old_value.value_or(""));
        row.set("new", entry.new_value.value_or("(removed)"));
        row.set("reason", entry.reason ? Data(*entry.reason) : Data(false));
        rows.push_back(row);
    }
    body.set("entries", rows);
    body.set("has_entries", shown > 0);
    response.set_content(site.page(&visitor, "audit", "Audit trail", "audit", body), kHtml);
}

// --- users ---------------------------------------------------------------------------------

List role_options(domain::Role chosen) {
    List roles;
    for (const auto role :
         {domain::Role::Viewer, domain::Role::Lead, domain::Role::Editor, domain::Role::Admin}) {
        Data option;
        option.set("value", std::string(domain::to_string(role)));
        option.set("label", std::string(domain::describe(role)));
        option.set("selected", role == chosen);
        roles.push_back(option);
    }
    return roles;
}

// "2026-12-02 14:05": a moment as an administrator reads it, in UTC.
std::string time_of_day(std::chrono::sys_seconds at) {
    const auto day = std::chrono::floor<std::chrono::days>(at);
    const std::chrono::hh_mm_ss clock(at - day);
    const std::chrono::year_month_day date(day);
    char text[32];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u %02ld:%02ld", static_cast<int>(date.year()),
                  static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                  static_cast<long>(clock.hours().count()),
                  static_cast<long>(clock.minutes().count()));
    return text;
}

void users_page(Site& site, Response& response, const Visitor& visitor, int status,
                const std::vector<FieldError>& errors, const Request* submitted,
                const std::string& notice) {
    auto users = site.services.accounts.users();
    if (!users) return store_failure(site, response, &visitor, users.error());
    Data body;
    List rows;
    for (const auto& user : *users) {
        Data row;
        row.set("name", user.name);
        row.set("role", std::string(domain::describe(user.role)));
        row.set("officer", user.officer);
        row.set("status", std::string(user.disabled       ? "Disabled"
                                      : user.locked_until ? "Locked"
                                                          : "Active"));
        row.set("status_class", std::string(user.disabled       ? "govuk-tag--grey"
                                            : user.locked_until ? "govuk-tag--red"
                                                                : "govuk-tag--green"));
        rows.push_back(row);
    }
    body.set("users", rows);
    body.set("csrf_token", visitor.csrf_token);
    const auto chosen = submitted ? domain::parse_role(param(*submitted, "role")) : std::nullopt;
    body.set("roles", role_options(chosen.value_or(domain::Role::Viewer)));
    body.set("form_name", submitted ? param(*submitted, "name") : std::string());
    body.set("form_officer", submitted ? param(*submitted, "officer") : std::string());
    for (const char* field : {"name", "officer", "password"})
        body.set(std::string(field) + "_error", false);
    for (const auto& error : errors) body.set(error.field + "_error", error.message);
    body.set("errors", errors_data(errors));
    body.set("has_errors", !errors.empty());
    body.set("notice", notice.empty() ? Data(false) : Data(notice));
    response.status = status;
    response.set_content(site.page(&visitor, "users", "Users", "users", body, !errors.empty()),
                         kHtml);
}

// What the token form of a user's page holds: as typed when it was refused, or the token just
// made, whose secret the page shows this once.
struct TokenForm {
    std::string label;
    std::string days = std::to_string(app::TokenRequest{}.days);
    std::optional<app::NewToken> created;
};

Data token_rows(const std::vector<app::TokenView>& tokens) {
    List rows;
    for (const auto& token : tokens) {
        Data row;
        row.set("id", token.id);
        row.set("user", token.user);
        row.set("label", token.label.empty() ? Data(false) : Data(token.label));
        row.set("created", time_of_day(token.created_at));
        row.set("expires", time_of_day(token.expires_at));
        row.set("expired", token.expired);
        rows.push_back(row);
    }
    return rows;
}

void user_page(Site& site, Response& response, const Visitor& visitor, const std::string& name,
               int status, const std::vector<FieldError>& errors, const std::string& notice,
               const TokenForm& token_form = {}) {
    auto user = site.services.accounts.user(name);
    if (!user) {
        if (user.error().kind == ErrorKind::NotFound) {
            return site.message_page(response, &visitor, 404, "Page not found",
                                     {"There is no user called " + name + "."});
        }
        return store_failure(site, response, &visitor, user.error());
    }
    auto tokens = site.services.accounts.tokens(user->name);
    if (!tokens) return store_failure(site, response, &visitor, tokens.error());
    Data body;
    body.set("name", user->name);
    body.set("officer", user->officer);
    body.set("disabled", user->disabled);
    body.set("locked", user->locked_until ? Data(time_of_day(*user->locked_until)) : Data(false));
    body.set("roles", role_options(user->role));
    body.set("csrf_token", visitor.csrf_token);
    body.set("tokens", token_rows(*tokens));
    body.set("has_tokens", !tokens->empty());
    body.set("token_label", token_form.label);
    body.set("token_days", token_form.days);
    if (token_form.created) {
        Data created;
        created.set("id", token_form.created->token.id);
        created.set("secret", token_form.created->secret);
        created.set("expires", time_of_day(token_form.created->token.expires_at));
        body.set("created", created);
        // The secret is on this page alone: no cache may keep it.
        response.set_header("Cache-Control", "no-store");
    } else {
        body.set("created", false);
    }
    for (const char* field : {"role", "officer", "disabled", "password", "label", "days"}) {
        body.set(std::string(field) + "_error", false);
    }
    for (const auto& error : errors) body.set(error.field + "_error", error.message);
    body.set("errors", errors_data(errors));
    body.set("has_errors", !errors.empty());
    body.set("notice", notice.empty() ? Data(false) : Data(notice));
    response.status = status;
    response.set_content(site.page(&visitor, "users", user->name, "user", body, !errors.empty()),
                         kHtml);
}

std::string user_field(const std::string& field) {
    if (field == "role" || field == "officer" || field == "password" || field == "disabled" ||
        field == "label" || field == "days")
        return field;
    return "name";
}

// POST /users/{name}/tokens: a new API token, its secret shown on the page this once.
void make_token(Site& site, const Request& request, Response& response, const Visitor& visitor) {
    const std::string name = request.matches[1].str();
    TokenForm form{param(request, "label"), param(request, "days"), std::nullopt};
    int days = 0;
    const auto [end, parsed] =
        std::from_chars(form.days.data(), form.days.data() + form.days.size(), days);
    if (form.days.empty() || parsed != std::errc() || end != form.days.data() + form.days.size()) {
        return user_page(site, response, visitor, name, 400,
                         {{"days", "Enter how many days the token lasts, from 1 to " +
                                       std::to_string(app::kLongestTokenDays)}},
                         "", form);
    }
    auto created = site.services.accounts.create_token(name, visitor.person.name, {form.label, days});
    if (!created) {
        const auto& error = created.error();
        if (error.kind == ErrorKind::Unavailable || error.kind == ErrorKind::NotFound) {
            return store_failure(site, response, &visitor, error);
        }
        return user_page(site, response, visitor, name,
                         error.kind == ErrorKind::Conflict ? 409 : 400,
                         {{error.field == "label" ? "label" : "days", sentence(error.message)}}, "",
                         form);
    }
    form = TokenForm{};
    form.created = std::move(*created);
    user_page(site, response, visitor, name, 201, {}, "", form);
}

// POST /users/{name}/tokens/{id}/revoke.
void revoke_token(Site& site, const Request& request, Response& response, const Visitor& visitor) {
    const std::string name = request.matches[1].str();
    const std::string id = request.matches[2].str();
    auto tokens = site.services.accounts.tokens(name);
    if (!tokens) return store_failure(site, response, &visitor, tokens.error());
    const bool theirs = std::any_of(tokens->begin(), tokens->end(),
                                    [&](const app::TokenView& token) { return token.id == id; });
    if (!theirs) {
        return site.message_page(response, &visitor, 404, "Page not found",
                                 {name + " has no API token " + id + ": it may have been revoked "
                                  "already."});
    }
    auto revoked = site.services.accounts.revoke_token(id, visitor.person.name);
    if (!revoked) return store_failure(site, response, &visitor, revoked.error());
    site.notices.leave(visitor.csrf_token, "/users/" + name,
                       "API token " + id + " has been revoked: it is refused from now on.");
    response.set_redirect("/users/" + name, 303);
}

auto admin_only(Site& site, PageHandler handler) {
    return signed_in(site, [&site, handler = std::move(handler)](
                               const Request& request, Response& response, const Visitor& visitor) {
        if (!domain::has_right(visitor.person.role, domain::Right::ManageUsers)) {
            return forbidden(site, response, visitor, "Only an administrator manages users.");
        }
        handler(request, response, visitor);
    });
}

void add_users(httplib::Server& server, Site& site) {
    server.Get("/users", admin_only(site, [&site](const Request&, Response& response,
                                                  const Visitor& visitor) {
                   users_page(site, response, visitor, 200, {}, nullptr,
                              site.notices.take(visitor.csrf_token, "/users"));
               }));
    post(server, site, "/users",
         admin_only(
             site, [&site](const Request& request, Response& response, const Visitor& visitor) {
                 if (!form_allowed(site, request, response, visitor)) return;
                 const auto role = domain::parse_role(param(request, "role"));
                 if (!role) {
                     return users_page(site, response, visitor, 400, {{"role", "Choose a role"}},
                                       &request, {});
                 }
                 auto added = site.services.accounts.add_user(
                     param(request, "name"), *role, param(request, "officer"),
                     param(request, "password"), visitor.person.name);
                 if (!added) {
                     const auto& error = added.error();
                     if (error.kind == ErrorKind::Unavailable) {
                         return store_failure(site, response, &visitor, error);
                     }
                     return users_page(
                         site, response, visitor, error.kind == ErrorKind::Conflict ? 409 : 400,
                         {{user_field(error.field), sentence(error.message)}}, &request, {});
                 }
                 site.notices.leave(visitor.csrf_token, "/users",
                                    "User " + added->name + " has been added.");
                 response.set_redirect("/users", 303);
             }));
    server.Get(R"(/users/([a-z0-9._-]+))",
               admin_only(site, [&site](const Request& request, Response& response,
                                        const Visitor& visitor) {
                   const std::string name = request.matches[1].str();
                   user_page(site, response, visitor, name, 200, {},
                             site.notices.take(visitor.csrf_token, "/users/" + name));
               }));
    post(server, site, R"(/users/([a-z0-9._-]+))",
         admin_only(site, [&site](const Request& request, Response& response,
                                  const Visitor& visitor) {
             if (!form_allowed(site, request, response, visitor)) return;
             const std::string name = request.matches[1].str();
             const auto role = domain::parse_role(param(request, "role"));
             if (!role) {
                 return user_page(site, response, visitor, name, 400, {{"role", "Choose a role"}},
                                  "");
             }
             auto changed = site.services.accounts.change_user(
                 name, *role, param(request, "officer"), param(request, "disabled") == "yes",
                 visitor.person.name);
             if (changed && !param(request, "password").empty()) {
                 auto set = site.services.accounts.set_password(name, param(request, "password"),
                                                                visitor.person.name);
                 if (!set) changed = fail(set.error());
             }
             if (!changed) {
                 const auto& error = changed.error();
                 if (error.kind == ErrorKind::Unavailable || error.kind == ErrorKind::NotFound) {
                     return store_failure(site, response, &visitor, error);
                 }
                 return user_page(site, response, visitor, name,
                                  error.kind == ErrorKind::Conflict ? 409 : 400,
                                  {{user_field(error.field), sentence(error.message)}}, "");
             }
             site.notices.leave(visitor.csrf_token, "/users/" + name,
                                "The changes have been saved.");
             response.set_redirect("/users/" + name, 303);
         }));
    post(server, site, R"(/users/([a-z0-9._-]+)/unlock)",
         admin_only(site, [&site](const Request& request, Response& response,
                                  const Visitor& visitor) {
             if (!form_allowed(site, request, response, visitor)) return;
             const std::string name = request.matches[1].str();
             if (auto unlocked = site.services.accounts.unlock(name, visitor.person.name);
                 !unlocked) {
                 return store_failure(site, response, &visitor, unlocked.error());
             }
             site.notices.leave(visitor.csrf_token, "/users/" + name, name + " can sign in again.");
             response.set_redirect("/users/" + name, 303);
         }));
    post(server, site, R"(/users/([a-z0-9._-]+)/tokens)",
         admin_only(site, [&site](const Request& request, Response& response,
                                  const Visitor& visitor) {
             if (!form_allowed(site, request, response, visitor)) return;
             make_token(site, request, response, visitor);
         }));
    post(server, site, R"(/users/([a-z0-9._-]+)/tokens/([0-9a-f]+)/revoke)",
         admin_only(site, [&site](const Request& request, Response& response,
                                  const Visitor& visitor) {
             if (!form_allowed(site, request, response, visitor)) return;
             revoke_token(site, request, response, visitor);
         }));
}

}  // namespace

void add_pages(httplib::Server& server, Site& site) {
    add_sign_in(server, site);
    server.Get("/",
               signed_in(site, [&site](const Request&, Response& response, const Visitor& visitor) {
                   dashboard(site, response, visitor);
               }));
    server.Get("/plan", signed_in(site, [&site](const Request& request, Response& response,
                                                const Visitor& visitor) {
                   plan_page(site, request, response, visitor);
               }));
    server.Get("/recommendations",
               signed_in(site, [&site](const Request&, Response& response, const Visitor& visitor) {
                   recommendations_page(site, response, visitor);
               }));
    server.Get("/my-actions",
               signed_in(site, [&site](const Request&, Response& response, const Visitor& visitor) {
                   my_actions_page(site, response, visitor);
               }));
    server.Get(R"(/actions/([A-Za-z0-9._-]+))",
               signed_in(site, [&site](const Request& request, Response& response,
                                       const Visitor& visitor) {
                   const std::string id = request.matches[1].str();
                   action_page(site, response, visitor, id, 200, nullptr, {},
                               site.notices.take(visitor.csrf_token, "/actions/" + id),
                               origin_of(param(request, "from"), "").key);
               }));
    post(server, site, R"(/actions/([A-Za-z0-9._-]+)/updates)",
         signed_in(site,
                   [&site](const Request& request, Response& response, const Visitor& visitor) {
                       post_update(site, request, response, visitor);
                   }));
    server.Get("/audit", signed_in(site, [&site](const Request& request, Response& response,
                                                 const Visitor& visitor) {
                   audit_page(site, request, response, visitor);
               }));
    add_users(server, site);
}

}  // namespace csip::http
