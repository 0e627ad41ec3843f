// The pages as a browser uses them, on a server bound to a free port: signing in and out, the
// refusals a person meets (same words for an unknown name and a wrong password, a lock after
// repeated failures, expired forms, pages and forms beyond their role), a lead's update through
// the form showing in the history and on the dashboard, and the security headers.
#include <gtest/gtest.h>

#include "test_server.hpp"

namespace csip::testing {
namespace {

class Pages : public ::testing::Test {
  protected:
    TestServer server;
};

TEST_F(Pages, EveryPageSendsASignedOutBrowserToSignInAndBack) {
    Browser browser(server);
    for (const char* path : {"/", "/plan", "/actions/A43", "/my-actions", "/recommendations",
                             "/indicators", "/audit", "/users"}) {
        auto result = browser.get(path);
        ASSERT_TRUE(result);
        EXPECT_EQ(result->status, 303) << path;
        EXPECT_EQ(result->get_header_value("Location"), std::string("/login?next=") + path) << path;
    }
}

TEST_F(Pages, SigningInSetsAStrictHttpOnlyCookieAndGoesWhereThePersonWasGoing) {
    Browser browser(server);
    auto form = browser.get("/login?next=/plan");
    ASSERT_TRUE(form);
    const std::string token = attribute_after(form->body, "name=\"csrf_token\"", "value");
    auto signed_in = browser.post_form(
        "/login",
        {{"username", "Lead"}, {"password", kPassword}, {"csrf_token", token}, {"next", "/plan"}});
    ASSERT_TRUE(signed_in);
    EXPECT_EQ(signed_in->status, 303);
    EXPECT_EQ(signed_in->get_header_value("Location"), "/plan");
    std::string session_cookie;
    for (std::size_t i = 0; i < signed_in->get_header_value_count("Set-Cookie"); ++i) {
        const auto header = signed_in->get_header_value("Set-Cookie", i);
        if (header.starts_with("csip_session=")) session_cookie = header;
    }
    EXPECT_TRUE(contains(session_cookie, "HttpOnly")) << session_cookie;
    EXPECT_TRUE(contains(session_cookie, "SameSite=Strict")) << session_cookie;
    EXPECT_TRUE(contains(session_cookie, "Max-Age=")) << session_cookie;
    auto plan = browser.get("/plan");
    ASSERT_TRUE(plan);
    EXPECT_EQ(plan->status, 200);
    EXPECT_TRUE(contains(plan->body, "Westbury Council"));
}

TEST_F(Pages, AnotherSitesAddressIsNeverWhereSigningInLeads) {
    Browser browser(server);
    auto form = browser.get("/login?next=//evil.example/");
    const std::string token = attribute_after(form->body, "name=\"csrf_token\"", "value");
    auto signed_in = browser.post_form("/login", {{"username", "viewer"},
                                                  {"password", kPassword},
                                                  {"csrf_token", token},
                                                  {"next", "https://evil.example/"}});
    ASSERT_TRUE(signed_in);
    EXPECT_EQ(signed_in->get_header_value("Location"), "/");
}

// Browsers drop a tab from an address and read a backslash as a slash: each of these would lead
// to evil.example after signing in.
TEST_F(Pages, AnAddressThatABrowserWouldReadAsAnotherSiteIsNeverWhereSigningInLeads) {
    for (const std::string next :
         {"/\t/evil.example/", "/\\evil.example/", "/\\/evil.example/", "/ /evil.example/",
          "/%09/evil.example/", "/%5C/evil.example/", "/%2F/evil.example/", "/\n/evil.example/",
          "/\r/evil.example/", "\t//evil.example/", "https:/evil.example/"}) {
        Browser browser(server);
        auto form = browser.get("/login?next=" + httplib::detail::encode_query_param(next));
        ASSERT_TRUE(form);
        EXPECT_EQ(attribute_after(form->body, "name=\"next\"", "value"), "/") << next;
        const std::string token = attribute_after(form->body, "name=\"csrf_token\"", "value");
        auto signed_in = browser.post_form(
            "/login",
            {{"username", "viewer"}, {"password", kPassword}, {"csrf_token", token}, {"next", next}});
        ASSERT_TRUE(signed_in);
        EXPECT_EQ(signed_in->status, 303) << next;
        EXPECT_EQ(signed_in->get_header_value("Location"), "/") << next;
        // Signed in already, the form sends the browser on at once: to this site too.
        auto again = browser.get("/login?next=" + httplib::detail::encode_query_param(next));
        ASSERT_TRUE(again);
        EXPECT_EQ(again->get_header_value("Location"), "/") << next;
    }
    // The finding's own address, as the review sent it.
    Browser browser(server);
    ASSERT_TRUE(browser.sign_in("lead"));
    auto sent_on = browser.get("/login?next=/%09/evil.example/");
    ASSERT_TRUE(sent_on);
    EXPECT_EQ(sent_on->get_header_value("Location"), "/");
}

TEST_F(Pages, AnUnknownNameAndAWrongPasswordGetTheSameMessage) {
    Browser browser(server);
    auto message_for = [&](const std::string& user, const std::string& password) {
        auto form = browser.get("/login");
        const std::string token = attribute_after(form->body, "name=\"csrf_token\"", "value");
        auto result = browser.post_form(
            "/login", {{"username", user}, {"password", password}, {"csrf_token", token}});
        EXPECT_EQ(result->status, 400);
        const auto at = result->body.find("govuk-error-message");
        return result->body.substr(at, result->body.find("</p>", at) - at);
    };
    const auto unknown = message_for("nobody", kPassword);
    const auto wrong = message_for("lead", "not the password");
    EXPECT_EQ(unknown, wrong);
    EXPECT_TRUE(contains(wrong, "Enter a correct user name and password"));
}

TEST_F(Pages, RepeatedFailedSignInsLockTheNameForAWhile) {
    Browser browser(server);
    int last_status = 0;
    std::string last_body;
    for (int i = 0; i < 4; ++i) {
        auto form = browser.get("/login");
        const std::string token = attribute_after(form->body, "name=\"csrf_token\"", "value");
        auto result =
            browser.post_form("/login", {{"username", "lead"},
                                         {"password", "guess " + std::to_string(i) + " wrong"},
                                         {"csrf_token", token}});
        last_status = result->status;
        last_body = result->body;
    }
    EXPECT_EQ(last_status, 429);
    EXPECT_TRUE(contains(last_body, "Too many failed sign-ins")) << last_body;
    EXPECT_FALSE(browser.sign_in("lead"));
}

TEST_F(Pages, AnAdministratorSeesALockedUserAndUnlocksThemFromTheirPage) {
    Browser stranger(server);
    for (int i = 0; i < 3; ++i) {
        auto form = stranger.get("/login");
        const std::string token = attribute_after(form->body, "name=\"csrf_token\"", "value");
        stranger.post_form("/login", {{"username", "lead"},
                                      {"password", "guess " + std::to_string(i) + " wrong"},
                                      {"csrf_token", token}});
    }
    Browser lead(server);
    EXPECT_FALSE(lead.sign_in("lead"));

    Browser admin(server);
    ASSERT_TRUE(admin.sign_in("admin"));
    auto users = admin.get("/users");
    ASSERT_TRUE(users);
    EXPECT_TRUE(contains(users->body, "Locked")) << users->body;
    auto page = admin.get("/users/lead");
    ASSERT_TRUE(page);
    EXPECT_TRUE(contains(page->body, "Sign-ins are locked until")) << page->body;
    const std::string token = attribute_after(page->body, "name=\"csrf_token\"", "value");
    auto unlocked = admin.post_form("/users/lead/unlock", {{"csrf_token", token}});
    ASSERT_TRUE(unlocked);
    EXPECT_EQ(unlocked->status, 303);
    auto after = admin.get("/users/lead");
    EXPECT_TRUE(contains(after->body, "lead can sign in again.")) << after->body;
    EXPECT_FALSE(contains(after->body, "Sign-ins are locked until"));
    EXPECT_TRUE(lead.sign_in("lead"));

    // Only an administrator may unlock.
    auto refused = lead.post_form("/users/lead/unlock", {{"csrf_token", "x"}});
    ASSERT_TRUE(refused);
    EXPECT_NE(refused->status, 303);
}

// An administrator makes a token on the user's page, sees its secret once, and revokes it there.
TEST_F(Pages, AnAdministratorMakesListsAndRevokesAUsersApiTokens) {
    Browser admin(server);
    ASSERT_TRUE(admin.sign_in("admin"));
    auto page = admin.get("/users/lead");
    ASSERT_TRUE(page);
    EXPECT_TRUE(contains(page->body, "lead has no API tokens.")) << page->body;
    const std::string csrf = attribute_after(page->body, "name=\"csrf_token\"", "value");

    // A refusal keeps what was typed and names the field.
    auto refused = admin.post_form("/users/lead/tokens",
                                   {{"csrf_token", csrf}, {"label", "Power BI"}, {"days", "400"}});
    ASSERT_TRUE(refused);
    EXPECT_EQ(refused->status, 400);
    EXPECT_TRUE(contains(refused->body, "href=\"#days\"")) << refused->body;
    EXPECT_TRUE(contains(refused->body, "value=\"Power BI\""));
    EXPECT_TRUE(contains(refused->body, "value=\"400\""));
    refused = admin.post_form("/users/lead/tokens",
                              {{"csrf_token", csrf}, {"label", "Power BI"}, {"days", "ninety"}});
    EXPECT_EQ(refused->status, 400);
    EXPECT_TRUE(contains(refused->body, "Enter how many days the token lasts, from 1 to 365"));

    auto made = admin.post_form("/users/lead/tokens",
                                {{"csrf_token", csrf}, {"label", "Power BI refresh"}, {"days", "30"}});
    ASSERT_TRUE(made);
    EXPECT_EQ(made->status, 201);
    EXPECT_EQ(made->get_header_value("Cache-Control"), "no-store");
    const std::string secret = between(made->body, "id=\"token-secret\">", "</code>");
    ASSERT_EQ(secret.rfind("csip_", 0), 0u) << made->body;
    EXPECT_TRUE(contains(made->body, "It lasts until 2015-10-15"));
    auto api = server.client().Get("/api/v1/summary", {{"Authorization", "Bearer " + secret}});
    ASSERT_TRUE(api);
    EXPECT_EQ(api->status, 200);

    // Listed by id and label, the secret never shown again.
    page = admin.get("/users/lead");
    EXPECT_TRUE(contains(page->body, "Power BI refresh"));
    EXPECT_FALSE(contains(page->body, secret));
    const std::string id = between(page->body, "action=\"/users/lead/tokens/", "/revoke\"");
    ASSERT_EQ(id.size(), 12u) << page->body;
    EXPECT_FALSE(contains(secret, id));

    // Another user's path cannot revoke it; its own does.
    auto wrong = admin.post_form("/users/admin/tokens/" + id + "/revoke", {{"csrf_token", csrf}});
    EXPECT_EQ(wrong->status, 404);
    auto revoked = admin.post_form("/users/lead/tokens/" + id + "/revoke", {{"csrf_token", csrf}});
    ASSERT_TRUE(revoked);
    EXPECT_EQ(revoked->status, 303);
    page = admin.get("/users/lead");
    EXPECT_TRUE(contains(page->body, "API token " + id + " has been revoked")) << page->body;
    EXPECT_TRUE(contains(page->body, "lead has no API tokens."));
    api = server.client().Get("/api/v1/summary", {{"Authorization", "Bearer " + secret}});
    EXPECT_EQ(api->status, 401);

    // Only an administrator manages tokens.
    Browser lead(server);
    ASSERT_TRUE(lead.sign_in("lead"));
    auto forbidden = lead.post_form("/users/lead/tokens", {{"csrf_token", "x"}, {"days", "30"}});
    EXPECT_NE(forbidden->status, 201);
}

// People type passwords into the user-name box: the trail of failed sign-ins keeps what they
// typed, and only an administrator sees it.
TEST_F(Pages, OnlyAnAdministratorSeesFailedSignInsInTheAuditTrail) {
    const std::string typed = "horse.battery.staple.42";  // a password, in the wrong box
    Browser stranger(server);
    for (int i = 0; i < 3; ++i) {
        auto form = stranger.get("/login");
        const std::string token = attribute_after(form->body, "name=\"csrf_token\"", "value");
        stranger.post_form("/login",
                           {{"username", typed}, {"password", "x"}, {"csrf_token", token}});
    }
    Browser admin(server);
    ASSERT_TRUE(admin.sign_in("admin"));
    EXPECT_TRUE(contains(admin.get("/audit")->body, typed));
    EXPECT_TRUE(contains(admin.get("/audit?entity=user")->body, typed));

    for (const char* role : {"viewer", "lead", "editor"}) {
        Browser browser(server);
        ASSERT_TRUE(browser.sign_in(role));
        for (const char* path : {"/audit", "/audit?entity=user", "/audit?by=csip"}) {
            auto page = browser.get(path);
            ASSERT_TRUE(page);
            EXPECT_EQ(page->status, 200);
            EXPECT_FALSE(contains(page->body, typed)) << role << " " << path;
        }
        // Asked for by name, nothing is found (the search box keeps what they typed).
        auto asked = browser.get("/audit?entity=user&id=" + typed);
        ASSERT_TRUE(asked);
        EXPECT_TRUE(contains(asked->body, "No change matches.")) << role;
        // Their own sign-in is still in the trail.
        EXPECT_TRUE(contains(browser.get("/audit?entity=user")->body, "signed in")) << role;
    }
}

TEST_F(Pages, ASignInFormWithoutItsTokenIsRefused) {
    Browser browser(server);
    auto result = browser.post_form(
        "/login", {{"username", "lead"}, {"password", kPassword}, {"csrf_token", "forged"}});
    ASSERT_TRUE(result);
    EXPECT_EQ(result->status, 400);
    EXPECT_TRUE(browser.cookie("csip_session").empty());
}

// Login CSRF: a page elsewhere that can plant a cookie must not sign the browser in as the
// attacker with a matching form field of its own.
TEST_F(Pages, ASignInTokenThisServerNeverIssuedIsRefused) {
    auto client = server.client();
    const auto has_session = [](const httplib::Result& result) {
        for (std::size_t i = 0; i < result->get_header_value_count("Set-Cookie"); ++i) {
            if (result->get_header_value("Set-Cookie", i).starts_with("csip_session=")) return true;
        }
        return false;
    };
    for (const std::string& planted : std::vector<std::string>{
             "attacker", std::string(43, 'A'), app::AccountService::random_secret()}) {
        auto result = client.Post(
            "/login", {{"Cookie", "csip_login=" + planted}},
            httplib::Params{
                {"username", "lead"}, {"password", kPassword}, {"csrf_token", planted}});
        ASSERT_TRUE(result);
        EXPECT_EQ(result->status, 400) << planted;
        EXPECT_FALSE(has_session(result)) << planted;
        EXPECT_TRUE(contains(result->body, "The sign-in form had expired")) << planted;
    }
    // A form this server gave out works, once.
    auto form = client.Get("/login");
    ASSERT_TRUE(form);
    const std::string token = attribute_after(form->body, "name=\"csrf_token\"", "value");
    const httplib::Params fields{
        {"username", "lead"}, {"password", kPassword}, {"csrf_token", token}};
    auto first = client.Post("/login", {{"Cookie", "csip_login=" + token}}, fields);
    ASSERT_TRUE(first);
    EXPECT_EQ(first->status, 303);
    EXPECT_TRUE(has_session(first));
    auto again = client.Post("/login", {{"Cookie", "csip_login=" + token}}, fields);
    ASSERT_TRUE(again);
    EXPECT_EQ(again->status, 400);
    EXPECT_FALSE(has_session(again));
}

TEST_F(Pages, SigningOutEndsTheSession) {
    Browser browser(server);
    ASSERT_TRUE(browser.sign_in("viewer"));
    const std::string old_session = browser.cookie("csip_session");
    const std::string token = browser.csrf_token();
    auto out = browser.post_form("/logout", {{"csrf_token", token}});
    ASSERT_TRUE(out);
    EXPECT_EQ(out->status, 303);
    EXPECT_EQ(out->get_header_value("Location"), "/login?signed_out=1");
    // Even a browser that kept the old cookie is signed out.
    auto again = server.client().Get("/", {{"Cookie", "csip_session=" + old_session}});
    ASSERT_TRUE(again);
    EXPECT_EQ(again->status, 303);
}

TEST_F(Pages, ALeadUpdatesTheirActionThroughTheFormAndSeesItInTheHistoryAndOnTheDashboard) {
    Browser browser(server);
    ASSERT_TRUE(browser.sign_in("lead"));
    auto before = browser.get("/");
    ASSERT_TRUE(before);
    ASSERT_TRUE(contains(before->body, "A43"));  // overdue on the dashboard? it is due 30 Sep

    auto page = browser.get("/actions/A43");
    ASSERT_TRUE(page);
    ASSERT_EQ(page->status, 200);
    ASSERT_TRUE(contains(page->body, "Add a status update"));
    const std::string token = attribute_after(page->body, "name=\"csrf_token\"", "value");
    auto saved = browser.post_form("/actions/A43/updates",
                                   {{"csrf_token", token},
                                    {"status", "complete"},
                                    {"rag", "red"},
                                    {"note", "Strategy discussions audited; report to QA Board"},
                                    {"due_day", ""},
                                    {"due_month", ""},
                                    {"due_year", ""},
                                    {"reason", ""}});
    ASSERT_TRUE(saved);
    EXPECT_EQ(saved->status, 303) << saved->body;
    EXPECT_EQ(saved->get_header_value("Location"), "/actions/A43");

    auto after = browser.get("/actions/A43");
    EXPECT_TRUE(contains(after->body, "Your update to A43 has been saved"));
    EXPECT_TRUE(contains(after->body, "Strategy discussions audited; report to QA Board"));
    // One row: the state it left, then the note.
    EXPECT_TRUE(contains(after->body, "Complete</strong> Strategy discussions audited; report to QA Board"))
        << after->body;

    auto dashboard = browser.get("/");
    // A43 was in the dashboard's "due in the next 30 days"; complete now, it is not.
    const auto due_soon = dashboard->body.find("Due in the next 30 days");
    const auto rescheduled = dashboard->body.find("Rescheduled actions");
    ASSERT_NE(due_soon, std::string::npos);
    EXPECT_FALSE(contains(dashboard->body.substr(due_soon, rescheduled - due_soon),
                          "/actions/A43?from=dashboard\""));
    EXPECT_TRUE(contains(before->body.substr(before->body.find("Due in the next 30 days")),
                         "/actions/A43?from=dashboard\""));
}

TEST_F(Pages, ARefusedUpdateIsShownAgainWithTheErrorAndTheInputKept) {
    Browser browser(server);
    ASSERT_TRUE(browser.sign_in("lead"));
    const std::string token = browser.csrf_token();
    auto no_note = browser.post_form(
        "/actions/A43/updates",
        {{"csrf_token", token}, {"status", "in_progress"}, {"rag", "amber"}, {"note", ""}});
    ASSERT_TRUE(no_note);
    EXPECT_EQ(no_note->status, 400);
    EXPECT_TRUE(contains(no_note->body, "govuk-error-summary"));
    EXPECT_TRUE(contains(no_note->body, "href=\"#note\""));
    EXPECT_TRUE(contains(no_note->body, "<title>Error: "));

    auto no_reason = browser.post_form("/actions/A43/updates", {{"csrf_token", token},
                                                                {"status", "in_progress"},
                                                                {"rag", "amber"},
                                                                {"note", "Slipping"},
                                                                {"due_day", "31"},
                                                                {"due_month", "12"},
                                                                {"due_year", "2015"},
                                                                {"reason", ""}});
    EXPECT_EQ(no_reason->status, 400);
    EXPECT_TRUE(contains(no_reason->body, "href=\"#reason\""));
    EXPECT_TRUE(contains(no_reason->body, "value=\"31\""));
    EXPECT_TRUE(contains(no_reason->body, ">Slipping</textarea>"));

    auto bad_date = browser.post_form("/actions/A43/updates", {{"csrf_token", token},
                                                               {"note", "x"},
                                                               {"due_day", "31"},
                                                               {"due_month", "2"},
                                                               {"due_year", "2016"},
                                                               {"reason", "r"}});
    EXPECT_EQ(bad_date->status, 400);
    EXPECT_TRUE(contains(bad_date->body, "href=\"#due-day\""));
    auto not_digits = browser.post_form("/actions/A43/updates", {{"csrf_token", token},
                                                                 {"note", "x"},
                                                                 {"due_day", "3a"},
                                                                 {"due_month", "12"},
                                                                 {"due_year", "2015"},
                                                                 {"reason", "r"}});
    EXPECT_EQ(not_digits->status, 400);
}

// The RAG rating is asked for under "In progress" alone (a conditional question): a browser
// without JavaScript cannot clear a radio, so a RAG sent with another status is not read.
TEST_F(Pages, TheRagRatingIsAskedUnderInProgressAndReadOnlyThere) {
    Browser browser(server);
    ASSERT_TRUE(browser.sign_in("editor"));
    auto page = browser.get("/actions/A11");
    ASSERT_TRUE(page);
    const auto conditional = page->body.find("id=\"conditional-rag\"");
    ASSERT_NE(conditional, std::string::npos);
    EXPECT_LT(page->body.find("id=\"status-in_progress\""), conditional);
    EXPECT_GT(page->body.find("RAG rating</legend>"), conditional);

    const std::string token = browser.csrf_token();
    auto no_rag = browser.post_form(
        "/actions/A11/updates",
        {{"csrf_token", token}, {"status", "in_progress"}, {"note", "Started"}});
    ASSERT_TRUE(no_rag);
    EXPECT_EQ(no_rag->status, 400);
    EXPECT_TRUE(contains(no_rag->body, "<a href=\"#rag\">Select a RAG rating for the action in progress</a>"))
        << no_rag->body;
    auto ignored = browser.post_form(
        "/actions/A11/updates",
        {{"csrf_token", token}, {"status", "not_started"}, {"rag", "green"}, {"note", "Planning"}});
    ASSERT_TRUE(ignored);
    EXPECT_EQ(ignored->status, 303) << ignored->body;
    auto after = browser.get("/actions/A11");
    EXPECT_TRUE(contains(after->body, "Not started</strong> Planning")) << after->body;
}

// Every field is checked at once; a date's message names only the part that is missing, and
// only that part is marked; the words match the labels ("due date").
TEST_F(Pages, EveryProblemWithAnUpdateIsListedAtOnceInTheLabelsWords) {
    Browser browser(server);
    ASSERT_TRUE(browser.sign_in("lead"));
    const std::string token = browser.csrf_token();
    auto refused = browser.post_form("/actions/A43/updates", {{"csrf_token", token},
                                                              {"status", "in_progress"},
                                                              {"note", ""},
                                                              {"due_day", ""},
                                                              {"due_month", "12"},
                                                              {"due_year", "2015"},
                                                              {"reason", ""}});
    ASSERT_TRUE(refused);
    EXPECT_EQ(refused->status, 400);
    const std::string& html = refused->body;
    EXPECT_TRUE(contains(html, "<a href=\"#rag\">Select a RAG rating for the action in progress</a>"));
    EXPECT_TRUE(contains(html, "<a href=\"#note\">Enter what has happened since the last update</a>"));
    EXPECT_TRUE(contains(html, "<a href=\"#due-day\">The new due date must include a day</a>"))
        << html;
    EXPECT_TRUE(contains(html, "id=\"due-day\" name=\"due_day\""));
    EXPECT_TRUE(contains(html, "govuk-input--width-2 govuk-input--error\" id=\"due-day\""));
    EXPECT_FALSE(contains(html, "govuk-input--error\" id=\"due-month\""));
    EXPECT_FALSE(contains(html, "govuk-input--error\" id=\"due-year\""));

    auto no_reason = browser.post_form("/actions/A43/updates", {{"csrf_token", token},
                                                                {"status", "in_progress"},
                                                                {"rag", "amber"},
                                                                {"note", "Slipping"},
                                                                {"due_day", "31"},
                                                                {"due_month", "12"},
                                                                {"due_year", "2015"}});
    EXPECT_TRUE(contains(no_reason->body, "<a href=\"#reason\">Enter the reason for the new due date</a>"));
    auto real = browser.post_form("/actions/A43/updates", {{"csrf_token", token},
                                                           {"status", "in_progress"},
                                                           {"rag", "amber"},
                                                           {"note", "Slipping"},
                                                           {"due_day", "30"},
                                                           {"due_month", "2"},
                                                           {"due_year", "2016"},
                                                           {"reason", "r"}});
    EXPECT_TRUE(contains(real->body, "<a href=\"#due-day\">The new due date must be a real date</a>"));
    auto short_year = browser.post_form("/actions/A43/updates", {{"csrf_token", token},
                                                                 {"status", "in_progress"},
                                                                 {"rag", "amber"},
                                                                 {"note", "Slipping"},
                                                                 {"due_day", "1"},
                                                                 {"due_month", "2"},
                                                                 {"due_year", "16"},
                                                                 {"reason", "r"}});
    EXPECT_TRUE(contains(short_year->body, "<a href=\"#due-year\">Year must include 4 numbers</a>"));
}

// A due date before today makes the action overdue at once: it is saved only once confirmed,
// and the saved update says both dates.
TEST_F(Pages, ANewDueDateBeforeTodayIsConfirmedFirstAndBothDatesAreShown) {
    Browser browser(server);
    ASSERT_TRUE(browser.sign_in("lead"));
    const std::string token = browser.csrf_token();
    const std::vector<std::pair<std::string, std::string>> fields{
        {"csrf_token", token}, {"status", "in_progress"}, {"rag", "red"},
        {"note", "Moved back to when it really fell due"}, {"due_day", "1"}, {"due_month", "1"},
        {"due_year", "2015"}, {"reason", "The date was typed wrongly"}, {"from", "my-actions"}};
    auto asked = browser.post_form("/actions/A43/updates", {fields.begin(), fields.end()});
    ASSERT_TRUE(asked);
    EXPECT_EQ(asked->status, 200);
    EXPECT_TRUE(contains(asked->body, "<h1 class=\"govuk-heading-l\">Confirm the new due date</h1>"));
    EXPECT_TRUE(contains(asked->body, "1 January 2015 is before today, 15 September 2015. The action will show as overdue"))
        << asked->body;
    EXPECT_TRUE(contains(asked->body, "30 September 2015"));  // its due date now
    auto history = browser.get("/actions/A43");
    EXPECT_FALSE(contains(history->body, "Moved back to when it really fell due"));  // not saved

    auto change = fields;
    change.emplace_back("change", "yes");
    auto again = browser.post_form("/actions/A43/updates", {change.begin(), change.end()});
    EXPECT_EQ(again->status, 200);
    EXPECT_TRUE(contains(again->body, "name=\"due_year\" type=\"text\" inputmode=\"numeric\" value=\"2015\""));
    EXPECT_TRUE(contains(again->body, ">Moved back to when it really fell due</textarea>"));

    auto confirmed = fields;
    confirmed.emplace_back("confirm_past", "yes");
    auto saved = browser.post_form("/actions/A43/updates", {confirmed.begin(), confirmed.end()});
    ASSERT_TRUE(saved);
    EXPECT_EQ(saved->status, 303) << saved->body;
    EXPECT_EQ(saved->get_header_value("Location"), "/actions/A43?from=my-actions");
    auto after = browser.get("/actions/A43?from=my-actions");
    EXPECT_TRUE(contains(after->body,
                         "Its due date moved from 30 September 2015 to 1 January 2015."));
    EXPECT_TRUE(contains(after->body, "Due date moved from 30 September 2015 to 1 January 2015. "
                                      "Reason: The date was typed wrongly"))
        << after->body;
    EXPECT_TRUE(contains(after->body, "href=\"/my-actions\" class=\"govuk-back-link\">Back to my actions"));
}

// One plain-English row per update, dates written one way, people by their officer title.
TEST_F(Pages, TheHistoryReadsAsPlainEnglishOneRowPerUpdate) {
    Browser browser(server);
    ASSERT_TRUE(browser.sign_in("lead"));
    auto page = browser.get("/actions/A43");
    ASSERT_TRUE(page);
    const std::string history = page->body.substr(page->body.find("id=\"history\""));
    EXPECT_FALSE(contains(history, "Changed created"));
    EXPECT_FALSE(contains(history, "Changed updates"));
    EXPECT_FALSE(contains(history, "from none"));
    EXPECT_TRUE(contains(history, "Added to the plan")) << history;
    // No machine timestamps beside long dates.
    EXPECT_FALSE(contains(history, "2015-0"));
    EXPECT_FALSE(contains(history, "T0"));
}

TEST_F(Pages, BackLinksGoWhereThePersonCameFromAndLeadsStartOnTheirActions) {
    Browser lead(server);
    auto form = lead.get("/login");
    const std::string token = attribute_after(form->body, "name=\"csrf_token\"", "value");
    auto signed_in = lead.post_form(
        "/login", {{"username", "lead"}, {"password", kPassword}, {"csrf_token", token}});
    ASSERT_TRUE(signed_in);
    EXPECT_EQ(signed_in->get_header_value("Location"), "/my-actions");
    auto mine = lead.get("/my-actions");
    EXPECT_TRUE(contains(mine->body, "href=\"/actions/A43?from=my-actions\""));
    auto action = lead.get("/actions/A43?from=my-actions");
    EXPECT_TRUE(contains(action->body, "href=\"/my-actions\" class=\"govuk-back-link\">Back to my actions"));
    EXPECT_TRUE(contains(action->body, "name=\"from\" value=\"my-actions\""));
    EXPECT_TRUE(contains(action->body, "href=\"/my-actions\" aria-current=\"page\""));
    auto from_plan = lead.get("/actions/A43");
    EXPECT_TRUE(contains(from_plan->body, "class=\"govuk-back-link\">Back to the plan"));
    auto odd = lead.get("/actions/A43?from=https://evil.example/");
    EXPECT_TRUE(contains(odd->body, "class=\"govuk-back-link\">Back to the plan"));

    // A page that does not exist keeps the signed-in person's navigation.
    auto missing = lead.get("/no-such-page");
    ASSERT_TRUE(missing);
    EXPECT_EQ(missing->status, 404);
    EXPECT_TRUE(contains(missing->body, "Go to the dashboard"));
    EXPECT_FALSE(contains(missing->body, ">Sign in<"));
    EXPECT_TRUE(contains(missing->body, "href=\"/my-actions\""));
}

// A director's questions first: what is red, what is late, what has gone quiet, what changed;
// each count opens the list it counts.
TEST_F(Pages, TheDashboardAnswersWhatIsRedAndWhatSlippedWithCountsThatOpenTheirLists) {
    Browser browser(server);
    ASSERT_TRUE(browser.sign_in("viewer"));
    auto dashboard = browser.get("/");
    ASSERT_TRUE(dashboard);
    const std::string& html = dashboard->body;
    const auto attention = html.find("Needs attention");
    ASSERT_NE(attention, std::string::npos);
    EXPECT_LT(attention, html.find("Recommendation coverage"));
    EXPECT_LT(html.find("Recommendation coverage"), html.find("Actions by workstream"));
    EXPECT_LT(html.find("Actions by workstream"), html.find("<h2 class=\"govuk-heading-m\">Indicators</h2>"));
    EXPECT_TRUE(contains(html, "href=\"/plan?state=red\"><span class=\"csip-headline__figure\">5</span>"))
        << html.substr(0, 3000);
    EXPECT_TRUE(contains(html, "Red actions (5)"));
    EXPECT_TRUE(contains(html, "Overdue actions (6)"));
    EXPECT_TRUE(contains(html, "No update for 30 days ("));
    EXPECT_TRUE(contains(html, "Updated "));
    EXPECT_TRUE(contains(html, "href=\"/plan?state=red&amp;workstream=W1\""));
    EXPECT_TRUE(contains(html, "href=\"/plan?overdue=1\""));

    auto red = browser.get("/plan?state=red");
    ASSERT_TRUE(red);
    EXPECT_EQ(red->status, 200);
    EXPECT_TRUE(contains(red->body, "<h1 class=\"govuk-heading-l\">Red actions</h1>"));
    EXPECT_TRUE(contains(red->body, "5 actions as of 15 September 2015."));
    int rows = 0;
    for (auto at = red->body.find("govuk-tag--red\">Red<"); at != std::string::npos;
         at = red->body.find("govuk-tag--red\">Red<", at + 1)) {
        ++rows;
    }
    EXPECT_EQ(rows, 5);
    auto overdue_in_w1 = browser.get("/plan?overdue=1&workstream=W1");
    EXPECT_TRUE(contains(overdue_in_w1->body, "<h1 class=\"govuk-heading-l\">Overdue actions in W1 "));
    auto quiet = browser.get("/plan?stale=30");
    EXPECT_TRUE(contains(quiet->body, "Actions with no update for 30 days"));
    auto whole = browser.get("/plan?state=nonsense");
    EXPECT_TRUE(contains(whole->body, "Westbury"));
    EXPECT_FALSE(contains(whole->body, "actions as of"));
}

// Wide tables scroll inside a labelled region that a keyboard can reach, never the page.
TEST_F(Pages, EveryWideTableScrollsInsideItsOwnRegion) {
    Browser browser(server);
    ASSERT_TRUE(browser.sign_in("admin"));
    for (const char* path : {"/", "/plan", "/plan?state=red", "/audit", "/recommendations",
                             "/users"}) {
        auto page = browser.get(path);
        ASSERT_TRUE(page);
        std::size_t tables = 0, wrapped = 0;
        for (auto at = page->body.find("<table"); at != std::string::npos;
             at = page->body.find("<table", at + 1)) {
            ++tables;
            const auto region = page->body.rfind("<div class=\"csip-table-scroll\" role=\"region\" aria-label=\"", at);
            const auto closed = page->body.rfind("</div>", at);
            if (region != std::string::npos && (closed == std::string::npos || closed < region)) ++wrapped;
        }
        EXPECT_GT(tables, 0u) << path;
        EXPECT_EQ(wrapped, tables) << path;
    }
}

TEST_F(Pages, TitlesNameTheServiceMatchTheHeadingAndStayShort) {
    Browser browser(server);
    ASSERT_TRUE(browser.sign_in("editor"));
    auto action = browser.get("/actions/A43");
    EXPECT_TRUE(contains(action->body, "<title>Action A43 – Children's services improvement</title>"))
        << action->body.substr(0, 400);
    EXPECT_TRUE(contains(action->body, "<h1 class=\"govuk-heading-l\">Action A43</h1>"));
    for (const char* path : {"/", "/plan", "/recommendations", "/indicators", "/audit",
                             "/governance", "/actions/A43", "/no-such-page"}) {
        auto page = browser.get(path);
        ASSERT_TRUE(page);
        const auto start = page->body.find("<title>") + 7;
        const std::string title = page->body.substr(start, page->body.find("</title>") - start);
        EXPECT_LE(title.size(), 70u) << path << ": " << title;
        EXPECT_TRUE(title.ends_with(" – Children's services improvement")) << path << ": " << title;
    }
    const std::string token = browser.csrf_token();
    auto refused = browser.post_form("/actions/A43/updates", {{"csrf_token", token}, {"note", ""}});
    EXPECT_TRUE(contains(refused->body, "<title>Error: Action A43 – Children's services improvement</title>"));
}

TEST_F(Pages, AViewerSeesNoUpdateFormAndIsRefusedWhenPostingAnyway) {
    Browser browser(server);
    ASSERT_TRUE(browser.sign_in("viewer"));
    auto page = browser.get("/actions/A43");
    ASSERT_TRUE(page);
    EXPECT_EQ(page->status, 200);
    EXPECT_FALSE(contains(page->body, "Add a status update"));
    EXPECT_FALSE(contains(page->body, "action=\"/actions/A43/updates\""));
    const std::string token = browser.csrf_token();
    auto result =
        browser.post_form("/actions/A43/updates", {{"csrf_token", token}, {"note", "Sneaky"}});
    ASSERT_TRUE(result);
    EXPECT_EQ(result->status, 403);
    auto history = browser.get("/actions/A43");
    EXPECT_FALSE(contains(history->body, "Sneaky"));
}

TEST_F(Pages, ALeadCannotUpdateAnotherLeadsAction) {
    Browser browser(server);
    ASSERT_TRUE(browser.sign_in("lead"));
    auto page = browser.get("/actions/A20");
    EXPECT_FALSE(contains(page->body, "Add a status update"));
    auto result = browser.post_form("/actions/A20/updates",
                                    {{"csrf_token", browser.csrf_token()}, {"note", "x"}});
    EXPECT_EQ(result->status, 403);
}

TEST_F(Pages, AFormWithoutTheSessionsCsrfTokenIsRefused) {
    Browser browser(server);
    ASSERT_TRUE(browser.sign_in("lead"));
    auto result = browser.post_form("/actions/A43/updates", {{"note", "Forged elsewhere"}});
    ASSERT_TRUE(result);
    EXPECT_EQ(result->status, 403);
    auto forged = browser.post_form("/actions/A43/updates",
                                    {{"csrf_token", "forged"}, {"note", "Forged elsewhere"}});
    EXPECT_EQ(forged->status, 403);
    EXPECT_FALSE(contains(browser.get("/actions/A43")->body, "Forged elsewhere"));
}

TEST_F(Pages, MyActionsListsOnlyTheLeadsActions) {
    Browser browser(server);
    ASSERT_TRUE(browser.sign_in("lead"));
    auto page = browser.get("/my-actions");
    ASSERT_TRUE(page);
    EXPECT_EQ(page->status, 200);
    for (const char* id : {"A16", "A19", "A41", "A43", "A49"}) {
        EXPECT_TRUE(contains(page->body, std::string("/actions/") + id + "?from=my-actions\"")) << id;
    }
    EXPECT_FALSE(contains(page->body, "/actions/A1?"));
    EXPECT_FALSE(contains(page->body, "/actions/A20?"));
}

TEST_F(Pages, EveryPageOfEachRoleAnswers) {
    for (const char* user : {"viewer", "lead", "editor", "admin"}) {
        Browser browser(server);
        ASSERT_TRUE(browser.sign_in(user)) << user;
        for (const char* path : {"/", "/plan", "/actions/A43", "/my-actions", "/recommendations",
                                 "/indicators", "/audit"}) {
            auto result = browser.get(path);
            ASSERT_TRUE(result);
            EXPECT_EQ(result->status, 200) << user << " " << path;
            EXPECT_TRUE(contains(result->body, "<meta name=\"csrf-token\"")) << path;
        }
    }
}

TEST_F(Pages, TheDashboardShowsRagCountsOverdueRescheduledCoverageAndIndicators) {
    Browser browser(server);
    ASSERT_TRUE(browser.sign_in("viewer"));
    auto page = browser.get("/");
    ASSERT_TRUE(page);
    const auto& body = page->body;
    EXPECT_TRUE(contains(body, "Actions by workstream"));
    EXPECT_TRUE(contains(body, "Overdue actions"));
    EXPECT_TRUE(contains(body, "Rescheduled actions"));
    EXPECT_TRUE(contains(body, "16 of 17 recommendations"));
    EXPECT_TRUE(contains(body, "/recommendations#R17"));
    EXPECT_TRUE(contains(body, "class=\"csip-tile\""));
    EXPECT_TRUE(contains(body, "role=\"img\""));
}

TEST_F(Pages, TheIndicatorsPageHasAnAccessibleChartAndItsDataPerIndicator) {
    Browser browser(server);
    ASSERT_TRUE(browser.sign_in("viewer"));
    auto page = browser.get("/indicators");
    ASSERT_TRUE(page);
    ASSERT_EQ(page->status, 200);
    EXPECT_TRUE(contains(page->body, "<svg"));
    EXPECT_TRUE(contains(page->body, "<title id=\"chart-assessments_45wd-title\">"));
    EXPECT_TRUE(contains(page->body, "<desc id=\"chart-assessments_45wd-desc\">"));
    EXPECT_TRUE(contains(page->body, "the data in the chart"));
    // A viewer is not offered the case-level lists.
    EXPECT_FALSE(contains(page->body, "/exceptions\""));
}

TEST_F(Pages, ExceptionsAreForLeadsAndAboveNeverViewers) {
    Browser viewer(server);
    ASSERT_TRUE(viewer.sign_in("viewer"));
    auto refused = viewer.get("/indicators/assessments_45wd/exceptions");
    ASSERT_TRUE(refused);
    EXPECT_EQ(refused->status, 403);

    Browser lead(server);
    ASSERT_TRUE(lead.sign_in("lead"));
    auto page = lead.get("/indicators/assessments_45wd/exceptions");
    ASSERT_TRUE(page);
    EXPECT_EQ(page->status, 200);
    EXPECT_TRUE(contains(page->body, "Personal data about children"));
    EXPECT_TRUE(contains(lead.get("/indicators")->body, "/indicators/assessments_45wd/exceptions"));
    EXPECT_EQ(lead.get("/indicators/nothing/exceptions")->status, 404);
}

TEST_F(Pages, OnlyAnAdministratorManagesUsersAndTheChangeIsAudited) {
    Browser editor(server);
    ASSERT_TRUE(editor.sign_in("editor"));
    EXPECT_EQ(editor.get("/users")->status, 403);
    EXPECT_FALSE(contains(editor.get("/")->body, "href=\"/users\""));

    Browser admin(server);
    ASSERT_TRUE(admin.sign_in("admin"));
    EXPECT_TRUE(contains(admin.get("/")->body, "href=\"/users\""));
    const std::string token = admin.csrf_token();
    auto added = admin.post_form("/users", {{"csrf_token", token},
                                            {"name", "j.smith"},
                                            {"role", "lead"},
                                            {"officer", "Principal Social Worker"},
                                            {"password", "another long password"}});
    ASSERT_TRUE(added);
    EXPECT_EQ(added->status, 303) << added->body;
    EXPECT_EQ(added->get_header_value("Location"), "/users");
    EXPECT_TRUE(contains(admin.get("/users")->body, "User j.smith has been added"));
    // Said once: the next visit to the page is quiet.
    EXPECT_FALSE(contains(admin.get("/users")->body, "has been added"));

    auto refused = admin.post_form("/users", {{"csrf_token", token},
                                              {"name", "x"},
                                              {"role", "lead"},
                                              {"officer", ""},
                                              {"password", "another long password"}});
    EXPECT_EQ(refused->status, 400);
    EXPECT_TRUE(contains(refused->body, "href=\"#officer\""));

    auto disabled = admin.post_form(
        "/users/viewer",
        {{"csrf_token", token}, {"role", "viewer"}, {"officer", ""}, {"disabled", "yes"}});
    EXPECT_EQ(disabled->status, 303);
    Browser viewer(server);
    EXPECT_FALSE(viewer.sign_in("viewer"));

    auto audit = admin.get("/audit?entity=user&by=admin");
    ASSERT_TRUE(audit);
    EXPECT_TRUE(contains(audit->body, "j.smith"));
    EXPECT_TRUE(contains(audit->body, "disabled"));
}

TEST_F(Pages, TheAuditTrailFiltersByWhatAndWho) {
    Browser browser(server);
    ASSERT_TRUE(browser.sign_in("lead"));
    const std::string token = browser.csrf_token();
    ASSERT_EQ(browser
                  .post_form("/actions/A43/updates", {{"csrf_token", token},
                                                      {"status", "in_progress"},
                                                      {"rag", "amber"},
                                                      {"note", "Half the audits done"}})
                  ->status,
              303);
    auto page = browser.get("/audit?entity=action&id=A43&by=lead");
    ASSERT_TRUE(page);
    EXPECT_EQ(page->status, 200);
    EXPECT_TRUE(contains(page->body, "Half the audits done"));
    EXPECT_TRUE(contains(page->body, "rag"));
    auto nobody = browser.get("/audit?by=nobody");
    EXPECT_TRUE(contains(nobody->body, "No change matches."));
}

TEST_F(Pages, PagesAndAssetsCarryTheSecurityHeaders) {
    Browser browser(server);
    ASSERT_TRUE(browser.sign_in("viewer"));
    for (const char* path : {"/", "/login", "/assets/csip.css"}) {
        auto result = browser.get(path);
        ASSERT_TRUE(result);
        const auto policy = result->get_header_value("Content-Security-Policy");
        EXPECT_TRUE(contains(policy, "script-src 'self'")) << path;
        EXPECT_FALSE(contains(policy, "unsafe-inline")) << path;
        EXPECT_TRUE(contains(policy, "frame-ancestors 'none'")) << path;
        EXPECT_EQ(result->get_header_value("X-Content-Type-Options"), "nosniff") << path;
        EXPECT_EQ(result->get_header_value("Referrer-Policy"), "same-origin") << path;
    }
    // No page has an inline script for the policy to block.
    auto page = browser.get("/");
    EXPECT_FALSE(contains(page->body, "<script>"));
    EXPECT_TRUE(contains(page->body, "<script type=\"module\" src=\"/assets/csip.js\"></script>"));
}

TEST_F(Pages, AnUnknownPageIsAFriendlyNotFound) {
    Browser browser(server);
    ASSERT_TRUE(browser.sign_in("viewer"));
    auto result = browser.get("/no/such/page");
    ASSERT_TRUE(result);
    EXPECT_EQ(result->status, 404);
    EXPECT_TRUE(contains(result->body, "Page not found"));
    EXPECT_EQ(browser.get("/actions/A999")->status, 404);
}

}  // namespace
}  // namespace csip::testing
