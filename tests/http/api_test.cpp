// The JSON API under /api/v1 on a server bound to a free port: every route, with a bearer token
// and with a browser's session, and every refusal the API promises (400 with the field at fault,
// 401, 403, 404, 409), answered as {"error": {"code", "message", "field"?}}.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <stdexcept>
#include <thread>

#include "test_server.hpp"

namespace csip::testing {
namespace {

using Json = nlohmann::json;

class Api : public ::testing::Test {
  protected:
    std::string token_for(const std::string& user) {
        auto token = server.accounts().create_token(user, "test");
        EXPECT_TRUE(token.has_value());
        return token ? token->secret : std::string();
    }

    httplib::Headers bearer(const std::string& user) {
        return {{"Authorization", "Bearer " + token_for(user)}};
    }

    httplib::Result get(const std::string& path, const std::string& user) {
        return server.client().Get(path, bearer(user));
    }

    httplib::Result post(const std::string& path, const std::string& user,
                         const std::string& body) {
        return server.client().Post(path, bearer(user), body, "application/json");
    }

    // Checks an error document: its status, code and (when given) field.
    static void expect_error(const httplib::Result& result, int status, const std::string& code,
                             const std::string& field = {}) {
        ASSERT_TRUE(result);
        EXPECT_EQ(result->status, status) << result->body;
        EXPECT_EQ(result->get_header_value("Content-Type"), "application/json");
        const auto document = Json::parse(result->body);
        EXPECT_EQ(document["error"]["code"], code) << result->body;
        EXPECT_FALSE(document["error"]["message"].get<std::string>().empty());
        if (!field.empty()) {
            EXPECT_EQ(document["error"]["field"], field) << result->body;
        }
    }

    TestServer server;
};

TEST_F(Api, EveryRouteRefusesARequestWithoutCredentials) {
    auto client = server.client();
    for (const char* path : {"/api/v1/plan", "/api/v1/summary", "/api/v1/coverage",
                             "/api/v1/indicators", "/api/v1/actions/A43/history"}) {
        auto result = client.Get(path);
        expect_error(result, 401, "unauthenticated");
        EXPECT_EQ(result->get_header_value("WWW-Authenticate"), "Bearer realm=\"csip\"") << path;
    }
    expect_error(client.Post("/api/v1/actions/A43/updates", R"({"note": "x"})", "application/json"),
                 401, "unauthenticated");
}

TEST_F(Api, AnUnknownOrMalformedTokenIsRefused) {
    auto client = server.client();
    expect_error(client.Get("/api/v1/summary", {{"Authorization", "Bearer csip_not-a-token"}}), 401,
                 "unauthenticated");
    expect_error(client.Get("/api/v1/summary", {{"Authorization", "Basic dXNlcjpwYXNz"}}), 401,
                 "unauthenticated");
}

TEST_F(Api, ATokenOfADisabledUserNoLongerWorks) {
    const auto token = token_for("viewer");
    ASSERT_TRUE(server.accounts().change_user("viewer", domain::Role::Viewer, "", true, "admin"));
    expect_error(server.client().Get("/api/v1/summary", {{"Authorization", "Bearer " + token}}),
                 401, "unauthenticated");
}

TEST_F(Api, ATokenOfAUserGivenANewPasswordNoLongerWorks) {
    const auto token = token_for("viewer");
    ASSERT_TRUE(server.accounts().set_password("viewer", "a brand new passphrase", "admin"));
    expect_error(server.client().Get("/api/v1/summary", {{"Authorization", "Bearer " + token}}),
                 401, "unauthenticated");
}

// Each person sees and revokes their own tokens; an administrator, everyone's.
TEST_F(Api, TokensAreListedWithoutSecretsAndRevokedByTheirOwnerOrAnAdministrator) {
    auto mine = server.accounts().create_token("lead", "admin", {"my spreadsheet", 30});
    ASSERT_TRUE(mine.has_value());
    auto theirs = server.accounts().create_token("viewer", "admin", {"dashboard", 60});
    ASSERT_TRUE(theirs.has_value());
    const httplib::Headers as_lead{{"Authorization", "Bearer " + mine->secret}};
    auto listed = server.client().Get("/api/v1/tokens", as_lead);
    ASSERT_TRUE(listed);
    ASSERT_EQ(listed->status, 200) << listed->body;
    auto document = Json::parse(listed->body);
    ASSERT_EQ(document["tokens"].size(), 1u) << listed->body;
    EXPECT_EQ(document["tokens"][0]["id"], mine->token.id);
    EXPECT_EQ(document["tokens"][0]["label"], "my spreadsheet");
    EXPECT_EQ(document["tokens"][0]["expires_at"], "2015-10-15T09:00:00Z");
    EXPECT_EQ(document["tokens"][0]["expired"], false);
    EXPECT_EQ(listed->body.find(mine->secret), std::string::npos);
    expect_error(server.client().Get("/api/v1/tokens?user=viewer", as_lead), 403, "forbidden",
                 "user");

    auto everyone = get("/api/v1/tokens", "admin");
    ASSERT_TRUE(everyone);
    EXPECT_EQ(Json::parse(everyone->body)["tokens"].size(), 3u) << everyone->body;
    EXPECT_EQ(Json::parse(get("/api/v1/tokens?user=viewer", "admin")->body)["tokens"].size(), 1u);

    // A lead cannot end another's token; they can end their own; an administrator anyone's.
    expect_error(server.client().Post("/api/v1/tokens/" + theirs->token.id + "/revoke", as_lead,
                                      "", "application/json"),
                 404, "not_found", "id");
    auto ended = server.client().Post("/api/v1/tokens/" + mine->token.id + "/revoke", as_lead, "",
                                      "application/json");
    ASSERT_TRUE(ended);
    EXPECT_EQ(ended->status, 200) << ended->body;
    EXPECT_EQ(Json::parse(ended->body)["user"], "lead");
    expect_error(server.client().Get("/api/v1/summary", as_lead), 401, "unauthenticated");
    auto by_admin = post("/api/v1/tokens/" + theirs->token.id + "/revoke", "admin", "");
    ASSERT_TRUE(by_admin);
    EXPECT_EQ(by_admin->status, 200) << by_admin->body;
    expect_error(post("/api/v1/tokens/" + theirs->token.id + "/revoke", "admin", ""), 404,
                 "not_found", "id");
}

TEST_F(Api, ANewDueDateBeforeTodayIsAConflictUntilConfirmed) {
    const std::string body =
        R"({"note": "It fell due in August", "due": "2015-08-31", "reason": "Typed wrongly")";
    expect_error(post("/api/v1/actions/A43/updates", "lead", body + "}"), 409, "conflict",
                 "confirm_past");
    expect_error(post("/api/v1/actions/A43/updates", "lead", body + R"(, "confirm_past": "no"})"),
                 400, "invalid_input", "confirm_past");
    auto saved = post("/api/v1/actions/A43/updates", "lead", body + R"(, "confirm_past": "yes"})");
    ASSERT_TRUE(saved);
    EXPECT_EQ(saved->status, 201) << saved->body;
    EXPECT_EQ(Json::parse(saved->body)["due"], "2015-08-31");
}

TEST_F(Api, ThePlanIsTheCsipPlanDocument) {
    auto result = get("/api/v1/plan", "viewer");
    ASSERT_TRUE(result);
    ASSERT_EQ(result->status, 200) << result->body;
    const auto plan = Json::parse(result->body);
    EXPECT_EQ(plan["format"], "csip-plan/1");
    EXPECT_EQ(plan["authority"], "Westbury Council");
    EXPECT_EQ(plan["workstreams"].size(), 5u);
    EXPECT_EQ(result->body, *server.plans().export_plan(app::PlanFormat::Json));
}

TEST_F(Api, TheSummaryCountsActionsAsOfTheDateAsked) {
    auto result = get("/api/v1/summary?as_of=2015-09-15", "viewer");
    ASSERT_TRUE(result);
    ASSERT_EQ(result->status, 200) << result->body;
    const auto summary = Json::parse(result->body);
    EXPECT_EQ(summary["as_of"], "2015-09-15");
    EXPECT_EQ(summary["actions"]["total"], 57);
    EXPECT_EQ(summary["workstreams"].size(), 5u);
    const auto later = Json::parse(get("/api/v1/summary?as_of=2016-12-31", "viewer")->body);
    EXPECT_GT(later["actions"]["overdue"].get<int>(), summary["actions"]["overdue"].get<int>());
    // Without as_of: today, from the server's clock.
    EXPECT_EQ(Json::parse(get("/api/v1/summary", "viewer")->body)["as_of"], "2015-09-15");
}

TEST_F(Api, ABadDateIsRefusedNamingTheParameter) {
    expect_error(get("/api/v1/summary?as_of=15/09/2015", "viewer"), 400, "invalid_input", "as_of");
    expect_error(get("/api/v1/coverage?as_of=2015-02-30", "viewer"), 400, "invalid_input", "as_of");
    expect_error(get("/api/v1/indicators?from=April", "viewer"), 400, "invalid_input", "from");
}

TEST_F(Api, CoverageShowsTheRecommendationWithNoAction) {
    auto result = get("/api/v1/coverage?as_of=2015-09-15", "viewer");
    ASSERT_TRUE(result);
    ASSERT_EQ(result->status, 200) << result->body;
    const auto coverage = Json::parse(result->body);
    ASSERT_EQ(coverage["recommendations"].size(), 17u);
    bool found = false;
    for (const auto& row : coverage["recommendations"]) {
        if (row["id"] == "R17") {
            found = true;
            EXPECT_FALSE(row["covered"].get<bool>());
        }
    }
    EXPECT_TRUE(found);
}

TEST_F(Api, IndicatorsAreTheCommandLinesJsonForThePeriod) {
    auto result = get("/api/v1/indicators?from=2015-04-01&to=2015-08-31", "viewer");
    ASSERT_TRUE(result);
    ASSERT_EQ(result->status, 200) << result->body;
    const auto report = Json::parse(result->body);
    EXPECT_EQ(report["from"], "2015-04-01");
    EXPECT_EQ(report["to"], "2015-08-31");
    ASSERT_FALSE(report["indicators"].empty());
    EXPECT_EQ(report["indicators"][0]["id"], "assessments_45wd");
}

TEST_F(Api, HistoryOfAnActionAndOfNoAction) {
    auto result = get("/api/v1/actions/A43/history", "viewer");
    ASSERT_TRUE(result);
    ASSERT_EQ(result->status, 200) << result->body;
    const auto history = Json::parse(result->body);
    EXPECT_EQ(history["action"], "A43");
    EXPECT_FALSE(history["entries"].empty());
    expect_error(get("/api/v1/actions/A999/history", "viewer"), 404, "not_found");
}

TEST_F(Api, ALeadPostsAnUpdateToTheirActionAndItIsInTheHistoryAndTheAuditTrail) {
    auto result = post("/api/v1/actions/A43/updates", "lead",
                       R"({"note": "Strategy discussion audit under way", "rag": "amber"})");
    ASSERT_TRUE(result);
    ASSERT_EQ(result->status, 201) << result->body;
    EXPECT_EQ(result->get_header_value("Location"), "/api/v1/actions/A43/history");
    const auto action = Json::parse(result->body);
    EXPECT_EQ(action["rag"], "amber");
    EXPECT_EQ(action["update"]["by"], kLeadOfficer);

    const auto history = Json::parse(get("/api/v1/actions/A43/history", "viewer")->body);
    const auto& last_update = [&]() -> const Json& {
        for (auto entry = history["entries"].rbegin(); entry != history["entries"].rend();
             ++entry) {
            if ((*entry)["kind"] == "update") return *entry;
        }
        return history["entries"].back();
    }();
    EXPECT_EQ(last_update["text"], "Strategy discussion audit under way");
    EXPECT_EQ(last_update["rag"], "amber");

    storage::AuditQuery query;
    query.entity = "action";
    query.entity_id = "A43";
    auto trail = server.plans().audit_trail(query);
    ASSERT_TRUE(trail.has_value());
    EXPECT_EQ(trail->back().actor, "lead");
}

TEST_F(Api, ANewDueDateNeedsAReasonAndKeepsTheOriginal) {
    expect_error(
        post("/api/v1/actions/A43/updates", "lead", R"({"note": "Moved", "due": "2015-12-31"})"),
        400, "invalid_input", "reason");
    auto result =
        post("/api/v1/actions/A43/updates", "lead",
             R"({"note": "Moved", "due": "2015-12-31", "reason": "Awaiting audit tool"})");
    ASSERT_TRUE(result);
    ASSERT_EQ(result->status, 201) << result->body;
    const auto action = Json::parse(result->body);
    EXPECT_EQ(action["due"], "2015-12-31");
    EXPECT_EQ(action["original_due"], "2015-09-30");
    EXPECT_TRUE(action["rescheduled"].get<bool>());
}

TEST_F(Api, ANoteThatIsNotTextIsRefusedAndTheHistoryStaysReadable) {
    expect_error(post("/api/v1/actions/A43/updates", "lead", "{\"note\": \"bad \xFF\xFE\"}"), 400,
                 "invalid_input", "note");
    expect_error(post("/api/v1/actions/A43/updates", "lead", R"({"note": "a NUL \u0000 here"})"),
                 400, "invalid_input", "note");
    expect_error(post("/api/v1/actions/A43/updates", "lead", R"({"note": "red \u001b[31m"})"), 400,
                 "invalid_input", "note");
    auto history = get("/api/v1/actions/A43/history", "lead");
    ASSERT_TRUE(history);
    EXPECT_EQ(history->status, 200);
    EXPECT_EQ(Json::parse(history->body)["action"], "A43");
}

TEST_F(Api, BadInputIsRefusedNamingTheField) {
    expect_error(post("/api/v1/actions/A43/updates", "lead", "not json"), 400, "invalid_input");
    expect_error(post("/api/v1/actions/A43/updates", "lead", R"({"note": 3})"), 400,
                 "invalid_input", "note");
    expect_error(post("/api/v1/actions/A43/updates", "lead", R"({"rag": "amber"})"), 400,
                 "invalid_input", "note");
    expect_error(post("/api/v1/actions/A43/updates", "lead", R"({"note": "x", "colour": "red"})"),
                 400, "invalid_input", "colour");
    expect_error(post("/api/v1/actions/A43/updates", "lead", R"({"note": "x", "status": "done"})"),
                 400, "invalid_input", "status");
    expect_error(post("/api/v1/actions/A43/updates", "lead", R"({"note": "x", "rag": "purple"})"),
                 400, "invalid_input", "rag");
    expect_error(
        post("/api/v1/actions/A43/updates", "lead", R"({"note": "x", "due": "next week"})"), 400,
        "invalid_input", "due");
    expect_error(post("/api/v1/actions/A43/updates", "lead", R"({"note": "x", "note": "y"})"), 400,
                 "invalid_input", "note");
}

TEST_F(Api, AnUpdateAgainstTheActionsRulesIsAConflict) {
    // A11 is not started: it can have no RAG.
    expect_error(post("/api/v1/actions/A11/updates", "editor", R"({"note": "x", "rag": "green"})"),
                 409, "conflict", "rag");
    // A16 is complete: neither.
    expect_error(post("/api/v1/actions/A16/updates", "lead", R"({"note": "x", "rag": "red"})"), 409,
                 "conflict", "rag");
}

TEST_F(Api, OnlyTheLeadOrAnEditorMayUpdateAnAction) {
    expect_error(post("/api/v1/actions/A43/updates", "viewer", R"({"note": "x"})"), 403,
                 "forbidden");
    expect_error(post("/api/v1/actions/A43/updates", "other.lead", R"({"note": "x"})"), 403,
                 "forbidden");
    expect_error(post("/api/v1/actions/A1/updates", "lead", R"({"note": "x"})"), 403, "forbidden");
    auto editor = post("/api/v1/actions/A1/updates", "editor", R"({"note": "Checked by the PMO"})");
    ASSERT_TRUE(editor);
    EXPECT_EQ(editor->status, 201) << editor->body;
}

TEST_F(Api, UpdatingAnActionThatDoesNotExistIsNotFound) {
    expect_error(post("/api/v1/actions/A999/updates", "editor", R"({"note": "x"})"), 404,
                 "not_found");
}

TEST_F(Api, ASessionCookieWorksForReadsAndNeedsTheCsrfTokenToWrite) {
    Browser browser(server);
    ASSERT_TRUE(browser.sign_in("lead"));
    auto summary = browser.get("/api/v1/summary");
    ASSERT_TRUE(summary);
    EXPECT_EQ(summary->status, 200);

    expect_error(browser.post_json("/api/v1/actions/A43/updates", R"({"note": "x"})"), 403, "csrf");
    expect_error(browser.post_json("/api/v1/actions/A43/updates", R"({"note": "x"})",
                                   {{"X-CSRF-Token", "forged"}}),
                 403, "csrf");
    const std::string token = browser.csrf_token();
    ASSERT_FALSE(token.empty());
    auto saved = browser.post_json("/api/v1/actions/A43/updates", R"({"note": "From the page"})",
                                   {{"X-CSRF-Token", token}});
    ASSERT_TRUE(saved);
    EXPECT_EQ(saved->status, 201) << saved->body;
}

TEST_F(Api, TheOpenApiDocumentIsPublicAndListsEveryRoute) {
    auto result = server.client().Get("/api/v1/openapi.json");
    ASSERT_TRUE(result);
    ASSERT_EQ(result->status, 200);
    const auto document = Json::parse(result->body);
    EXPECT_EQ(document["openapi"].get<std::string>().substr(0, 2), "3.");
    for (const char* path : {"/plan", "/summary", "/coverage", "/indicators",
                             "/actions/{id}/history", "/actions/{id}/updates", "/tokens",
                             "/tokens/{id}/revoke"}) {
        EXPECT_TRUE(document["paths"].contains(path)) << path;
    }
}

TEST_F(Api, AnUnknownRouteIsAJsonNotFound) {
    expect_error(get("/api/v1/nothing-here", "viewer"), 404, "not_found");
}

// A clock that fails: the way to make a handler throw, as a broken dependency would.
class BrokenClock final : public domain::Clock {
  public:
    [[nodiscard]] std::chrono::sys_seconds now() const override {
        throw std::runtime_error("the clock has failed");
    }
};

TEST_F(Api, AnUnexpectedFailureIsAJsonInternalError) {
    BrokenClock clock;
    http::ServerOptions options;
    options.threads = 2;
    http::WebServer broken(http::Services{server.plans(), server.accounts(), clock}, options);
    const auto port = broken.bind("127.0.0.1", 0);
    ASSERT_TRUE(port.has_value());
    std::thread serving([&] { broken.run(); });
    httplib::Client client("127.0.0.1", *port);
    client.set_read_timeout(10, 0);
    auto result = client.Get("/api/v1/summary", bearer("viewer"));
    broken.stop();
    serving.join();
    expect_error(result, 500, "internal_error");
    // What failed is for the server's log, not for the client.
    EXPECT_EQ(result->body.find("the clock has failed"), std::string::npos) << result->body;
}

TEST_F(Api, EveryErrorUnderTheApiIsJson) {
    auto client = server.client();
    // No such route, a method the route does not take, a body too large for it.
    expect_error(client.Get("/api/v1/no-such-route", bearer("viewer")), 404, "not_found");
    expect_error(client.Post("/api/v1/summary", bearer("viewer"), "{}", "application/json"), 404,
                 "not_found");
    expect_error(client.Post("/api/v1/actions/A43/updates", bearer("lead"),
                             std::string(2 * 1024 * 1024, ' '), "application/json"),
                 413, "too_large");
}

TEST_F(Api, AnswersCarryTheSecurityHeaders) {
    auto result = get("/api/v1/summary", "viewer");
    ASSERT_TRUE(result);
    EXPECT_NE(result->get_header_value("Content-Security-Policy").find("frame-ancestors 'none'"),
              std::string::npos);
    EXPECT_EQ(result->get_header_value("X-Content-Type-Options"), "nosniff");
    EXPECT_EQ(result->get_header_value("Cache-Control"), "no-store");
}

}  // namespace
}  // namespace csip::testing
