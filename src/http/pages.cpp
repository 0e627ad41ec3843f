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

#include "domain/plan_summary.hpp"
#include "http/site.hpp"
#include "http/views.hpp"

namespace csip::http {
namespace {

using httplib::Request;
using httplib::Response;

constexpr const char* kHtml = "text/html; charset=utf-8";
constexpr int kDueSoonDays = 30;
constexpr std::size_t kAuditShown = 200;

// A form post must carry the session's CSRF token.
bool form_allowed(const Site& site, const Request& request, Response& response,
                  const Visitor& visitor) {
    if (app::AccountService::same_secret(param(request, "csrf_token"), visitor.csrf_token)) {
        return true;
    }
    site.message_page(response, &visitor, 403, "This form has expired",
                      {"Go back, reload the page and try again."});
    return false;
}

Data errors_data(const std::vector<FieldError>& errors) {
    List list;
    for (const auto& error : errors) {
        Data item;
        item.set("field", error.field);
        item.set("message", error.message);
        list.push_back(item);
    }
    return list;
}

std::string sentence(std::string message) {
    if (!message.empty() && message[0] >= 'a' && message[0] <= 'z') {
        message[0] = static_cast<char>(message[0] - 'a' + 'A');
    }
    return message;
}

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
        response.set_redirect(next, 303);
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

std::string dashboard_body(Site& site, const std::shared_ptr<const domain::Plan>& plan,
                           const Result<std::shared_ptr<const domain::IndicatorReport>>& indicators,
                           domain::Date as_of) {
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

    const auto& all = summary.actions;
    struct Headline {
        int count;
        const char* label;
        const char* tag_class;
    };
    List headlines;
    for (const auto& headline : {Headline{all.red, "Red", "govuk-tag--red"},
                                 Headline{all.amber, "Amber", "govuk-tag--yellow"},
                                 Headline{all.green, "Green", "govuk-tag--green"},
                                 Headline{all.complete, "Complete", "govuk-tag--blue"},
                                 Headline{all.not_started, "Not started", "govuk-tag--grey"},
                                 Headline{all.overdue, "Overdue", "govuk-tag--orange"},
                                 Headline{all.rescheduled, "Rescheduled", "govuk-tag--purple"}}) {
        Data item;
        item.set("count", std::to_string(headline.count));
        item.set("label", headline.label);
        item.set("tag_class", headline.tag_class);
        headlines.push_back(item);
    }
    body.set("headlines", headlines);

    List workstreams;
    for (const auto& workstream : summary.workstreams) {
        Data row = counts_data(workstream.actions);
        row.set("id", workstream.id);
        row.set("title", workstream.title);
        workstreams.push_back(row);
    }
    body.set("workstreams", workstreams);

    std::vector<const domain::Action*> overdue, due_soon, rescheduled;
    const domain::Date soon = as_of.plus_days(kDueSoonDays);
    for (const auto* action : all_actions(current)) {
        if (action->overdue(as_of)) overdue.push_back(action);
        if (action->status != domain::ActionStatus::Complete && action->due >= as_of &&
            action->due <= soon) {
            due_soon.push_back(action);
        }
        if (action->rescheduled()) rescheduled.push_back(action);
    }
    body.set("overdue", action_rows(overdue, as_of));
    body.set("has_overdue", !overdue.empty());
    body.set("due_soon", action_rows(due_soon, as_of));
    body.set("has_due_soon", !due_soon.empty());
    body.set("rescheduled", action_rows(rescheduled, as_of));
    body.set("has_rescheduled", !rescheduled.empty());

    const auto coverage = domain::coverage(current, as_of);
    int covered = 0;
    List gaps;
    for (const auto& row : coverage) {
        if (row.covered) ++covered;
        if (!row.covered || row.at_risk) {
            Data gap = coverage_state(row);
            gap.set("id", row.id);
            gaps.push_back(gap);
        }
    }
    body.set("covered", std::to_string(covered));
    body.set("recommendation_count", std::to_string(coverage.size()));
    body.set("has_gaps", !gaps.empty());
    body.set("gaps", gaps);

    add_indicator_tiles(site, indicators, body);
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
    auto& cached = site.dashboard;
    std::shared_ptr<const std::string> body;
    {
        std::lock_guard lock(cached.mutex);
        const bool same_date = cached.body && cached.as_of == as_of && indicators;
        if (same_date && cached.plan == *plan && cached.indicators == report) {
            body = cached.body;
        } else if (same_date && cached.rendering && cached.writes == writes) {
            body = cached.body;
        } else {
            cached.rendering = true;
        }
    }
    if (!body) {
        body = std::make_shared<const std::string>(dashboard_body(site, *plan, indicators, as_of));
        std::lock_guard lock(cached.mutex);
        cached.rendering = false;
        // A failed computation of the indicators is not kept: the next request tries again.
        if (indicators) {
            cached.plan = *plan;
            cached.indicators = report;
            cached.as_of = as_of;
            cached.writes = writes;
            cached.body = body;
        }
    }
    response.set_content(site.layout(&visitor, "dashboard", "Dashboard", *body), kHtml);
}

void plan_page(Site& site, Response& response, const Visitor& visitor) {
    auto plan = site.plans.plan();
    if (!plan) return store_failure(site, response, &visitor, plan.error());
    Data body;
    const domain::Date as_of = site.services.clock.today();
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
    body.set("overall", sentence(std::string(domain::describe(current.inspection.overall))));
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
                ms.set("text", measure.text);
                ms.set("kind", std::string(domain::to_string(measure.kind)));
                ms.set("indicator", measure.indicator ? Data(*measure.indicator) : Data(false));
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
    response.set_content(site.page(&visitor, "plan", "Plan", "plan", body), kHtml);
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

// What the person typed into the update form, to show it again when it is refused.
struct UpdateForm {
    std::string status;
    std::string rag;
    std::string note;
    std::string due_day;
    std::string due_month;
    std::string due_year;
    std::string reason;
};

UpdateForm form_from(const Request& request) {
    return UpdateForm{param(request, "status"),    param(request, "rag"),
                      param(request, "note"),      param(request, "due_day"),
                      param(request, "due_month"), param(request, "due_year"),
                      param(request, "reason")};
}

UpdateForm form_for(const domain::Action& action) {
    UpdateForm form;
    form.status = std::string(domain::to_string(action.status));
    form.rag = action.rag ? std::string(domain::to_string(*action.rag)) : "none";
    return form;
}

// The input each of the domain's fields is entered in, for the error summary's links.
std::string input_for(const std::string& field) {
    if (field == "due") return "due-day";
    if (field == "status" || field == "rag" || field == "note" || field == "reason") return field;
    return "note";
}

void action_page(Site& site, Response& response, const Visitor& visitor, const std::string& id,
                 int status, const UpdateForm* submitted, const std::vector<FieldError>& errors,
                 const std::string& notice) {
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

    const bool may_update = domain::may_update(visitor.person, action);
    body.set("may_update", may_update);
    body.set("csrf_token", visitor.csrf_token);
    const UpdateForm form = submitted != nullptr ? *submitted : form_for(action);
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
        statuses.push_back(item);
    }
    body.set("statuses", statuses);
    List rags;
    for (const std::string word : {"red", "amber", "green", "none"}) {
        Data item;
        item.set("value", word);
        item.set("label",
                 word == "none" ? std::string("No RAG (not started or complete)") : sentence(word));
        item.set("input_id", word == "red" ? std::string("rag") : "rag-" + word);
        item.set("checked", form.rag == word);
        rags.push_back(item);
    }
    body.set("rags", rags);
    body.set("note", form.note);
    body.set("due_day", form.due_day);
    body.set("due_month", form.due_month);
    body.set("due_year", form.due_year);
    body.set("reason", form.reason);
    for (const char* field : {"status", "rag", "note", "due", "reason"}) {
        body.set(std::string(field) + "_error", false);
    }
    for (const auto& error : errors) {
        const std::string field = error.field == "due-day" ? "due" : error.field;
        body.set(field + "_error", error.message);
    }
    body.set("errors", errors_data(errors));
    body.set("has_errors", !errors.empty());

    List entries;
    for (auto entry = history->entries.rbegin(); entry != history->entries.rend(); ++entry) {
        Data row;
        const bool is_update = entry->kind == domain::HistoryEntry::Kind::Update;
        row.set("is_update", is_update);
        if (is_update) {
            const auto on = domain::Date::parse_iso(entry->on);
            row.set("on", on ? long_date(*on) : entry->on);
        } else {
            row.set("on", entry->on.size() >= 16
                              ? entry->on.substr(0, 10) + " " + entry->on.substr(11, 5)
                              : entry->on);
        }
        row.set("by", entry->by);
        row.set("text", entry->text);
        if (is_update && entry->status) {
            row.set("state", state_word(*entry->status, entry->rag));
            row.set("state_class", state_class(*entry->status, entry->rag));
        } else {
            row.set("state", false);
            row.set("state_class", std::string());
        }
        row.set("field", entry->field);
        row.set("old", entry->old_value.value_or("none"));
        row.set("new", entry->new_value.value_or("none"));
        row.set("reason", entry->reason ? Data(*entry->reason) : Data(false));
        entries.push_back(row);
    }
    body.set("history", entries);
    body.set("has_history", !history->entries.empty());
    response.status = status;
    response.set_content(
        site.page(&visitor, "plan", action.id + " " + action.text, "action", body, !errors.empty()),
        kHtml);
}

// Reads the update form into a request for the domain, or the errors of the fields it could not
// read (a date that is not one). Which values count as "unchanged" is a matter of the form: the
// RAG shown as chosen is the current one, so it is only sent when changed or still meaningful.
std::optional<domain::ActionUpdateRequest> read_update_form(const UpdateForm& form,
                                                            const domain::Action& current,
                                                            const Visitor& visitor,
                                                            domain::Date today,
                                                            std::vector<FieldError>& errors) {
    domain::ActionUpdateRequest request;
    if (!form.status.empty()) {
        request.status = domain::parse_action_status(form.status);
        if (!request.status) errors.push_back({"status", "Choose a status"});
    }
    if (!form.rag.empty() && form.rag != "none") {
        request.rag = domain::parse_rag(form.rag);
        if (!request.rag) errors.push_back({"rag", "Choose red, amber, green or no RAG"});
    }
    const auto next_status = request.status.value_or(current.status);
    if (request.rag && request.rag == current.rag &&
        next_status != domain::ActionStatus::InProgress) {
        request.rag.reset();  // the RAG left as shown: completing the action clears it
    }
    const bool any_date =
        !form.due_day.empty() || !form.due_month.empty() || !form.due_year.empty();
    if (any_date) {
        // Each part whole digits: "3a" is not the third.
        auto number = [](const std::string& text) -> std::optional<int> {
            if (text.empty() || text.size() > 4 ||
                !std::all_of(text.begin(), text.end(),
                             [](char c) { return c >= '0' && c <= '9'; })) {
                return std::nullopt;
            }
            return std::stoi(text);
        };
        const auto day = number(form.due_day);
        const auto month = number(form.due_month);
        const auto year = number(form.due_year);
        std::optional<domain::Date> due;
        if (day && month && year) due = domain::Date::from_ymd(*year, *month, *day);
        if (!due || form.due_year.size() != 4) {
            errors.push_back(
                {"due-day", "The new due date must be a real date, for example 31 3 2016"});
        } else if (*due != current.due) {
            request.due = due;
        }
    }
    request.note = form.note;
    request.reason = form.reason;
    request.by = visitor.person.officer.empty() ? visitor.person.name : visitor.person.officer;
    request.on = today;
    if (!errors.empty()) return std::nullopt;
    return request;
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
    const UpdateForm form = form_from(request);
    std::vector<FieldError> errors;
    const auto update =
        read_update_form(form, *action, visitor, site.services.clock.today(), errors);
    if (!update) return action_page(site, response, visitor, id, 400, &form, errors, {});
    auto updated = site.services.plans.update_action(id, *update, visitor.person.name);
    site.plans.invalidate();
    if (!updated) {
        const auto& error = updated.error();
        if (error.kind == ErrorKind::InvalidInput || error.kind == ErrorKind::Conflict) {
            errors.push_back({input_for(error.field), sentence(error.message)});
            return action_page(site, response, visitor, id,
                               error.kind == ErrorKind::Conflict ? 409 : 400, &form, errors, {});
        }
        return store_failure(site, response, &visitor, error);
    }
    site.notices.leave(visitor.csrf_token, "/actions/" + id,
                       "Your update to " + id + " has been saved.");
    response.set_redirect("/actions/" + id, 303);
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
    server.Get("/plan",
               signed_in(site, [&site](const Request&, Response& response, const Visitor& visitor) {
                   plan_page(site, response, visitor);
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
                               site.notices.take(visitor.csrf_token, "/actions/" + id));
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
