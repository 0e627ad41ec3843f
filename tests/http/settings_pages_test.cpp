// The indicator settings and the figures entered by hand, on the demo authority as of 15 September
// 2015: editors and administrators change a local standard or the RAG tolerance on /settings and
// see the indicators worked out again with it; a refused value comes back with an error summary
// naming the field and what was typed; a figure entered by hand for a month no return covers is
// shown on /indicators as entered by hand, and a correction is a new entry that wins; viewers and
// leads are refused. The API routes (GET and PATCH /api/v1/settings, POST
// /api/v1/indicators/{id}/values) on SQLite and on PostgreSQL (the second needs
// CSIP_TEST_POSTGRES_URL; with CSIP_REQUIRE_POSTGRES=1 its absence fails the tests).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <map>
#include <memory>

#include "test_server.hpp"

namespace csip::testing {
namespace {

using Json = nlohmann::json;
using storage::harness::backend_name;

// One indicator's section of /indicators.
std::string section(const std::string& page, const std::string& id) {
    return between(page, "<section class=\"csip-indicator\" id=\"" + id + "\"", "</section>");
}

class SettingsPages : public ::testing::Test {
  protected:
    void SetUp() override { ASSERT_TRUE(editor.sign_in("editor")); }

    TestServer server;
    Browser editor{server};
};

TEST_F(SettingsPages, ShowEachSettingWithItsDefaultAndValue) {
    auto page = editor.get("/settings");
    ASSERT_TRUE(page);
    EXPECT_EQ(page->status, 200);
    EXPECT_TRUE(
        contains(page->body, "<title>Indicator settings – Children's services improvement"));
    for (const char* label :
         {"Assessment timescale", "Initial child protection conference timescale",
          "Child protection visits", "Report shared before an initial conference",
          "Report shared before a review conference", "RAG tolerance"}) {
        EXPECT_TRUE(contains(page->body, label)) << label;
    }
    EXPECT_TRUE(contains(page->body, "<strong>45 working days</strong> (the default)"));
    EXPECT_TRUE(contains(page->body, "<strong>5 points</strong> (the default)"));
    EXPECT_TRUE(contains(page->body, "href=\"/settings/tolerance\""));
}

TEST_F(SettingsPages, OnlyEditorsAndAdministratorsReachThem) {
    for (const char* user : {"viewer", "lead"}) {
        Browser browser = signed_in(server, user);
        for (const char* path :
             {"/settings", "/settings/tolerance", "/indicators/agency_sw_rate/values"}) {
            auto page = browser.get(path);
            ASSERT_TRUE(page);
            EXPECT_EQ(page->status, 403) << user << " " << path;
        }
        auto posted = browser.submit("/settings/tolerance", {{"value", "1"}});
        ASSERT_TRUE(posted);
        EXPECT_EQ(posted->status, 403) << user;
        auto indicators = browser.get("/indicators");
        ASSERT_TRUE(indicators);
        EXPECT_FALSE(contains(indicators->body, "href=\"/settings\""));
        EXPECT_FALSE(contains(indicators->body, "/values\""));
    }
    Browser admin = signed_in(server, "admin");
    auto page = admin.get("/settings");
    ASSERT_TRUE(page);
    EXPECT_EQ(page->status, 200);
}

TEST_F(SettingsPages, TheIndicatorsPageLinksEditorsToThem) {
    auto page = editor.get("/indicators");
    ASSERT_TRUE(page);
    EXPECT_TRUE(contains(page->body, "href=\"/settings\""));
    EXPECT_TRUE(contains(section(page->body, "cp_visits_on_time"),
                         "href=\"/indicators/cp_visits_on_time/values\""));
}

TEST_F(SettingsPages, ANewToleranceChangesTheRagAtOnce) {
    auto before = editor.get("/indicators");
    ASSERT_TRUE(before);
    // 92.0% against a target of 95%: amber within 5 points, red within 2.
    EXPECT_TRUE(contains(section(before->body, "cp_visits_on_time"), ">Amber<"));
    auto saved = editor.submit("/settings/tolerance", {{"value", "2"}});
    ASSERT_TRUE(saved);
    EXPECT_EQ(saved->status, 303);
    EXPECT_EQ(saved->get_header_value("Location"), "/settings");
    auto settings = editor.get("/settings");
    ASSERT_TRUE(settings);
    EXPECT_TRUE(contains(settings->body, "The RAG tolerance is now 2 points"));
    EXPECT_TRUE(contains(settings->body, "<strong>2 points</strong>"));
    EXPECT_TRUE(contains(settings->body,
                         "Changed by editor on 15 September 2015. The default is 5 points."));
    auto after = editor.get("/indicators");
    ASSERT_TRUE(after);
    EXPECT_TRUE(contains(section(after->body, "cp_visits_on_time"), ">Red<"));
}

TEST_F(SettingsPages, ALocalStandardChangesTheRuleInWords) {
    auto saved = editor.submit("/settings/assessment_working_days", {{"value", "40"}});
    ASSERT_TRUE(saved);
    EXPECT_EQ(saved->status, 303);
    auto page = editor.get("/indicators");
    ASSERT_TRUE(page);
    EXPECT_TRUE(contains(section(page->body, "assessments_45wd"), "40 working days"));
}

TEST_F(SettingsPages, ARefusedValueComesBackWithTheErrorAndTheInputKept) {
    const std::map<std::string, std::pair<std::string, std::string>> cases = {
        {"abc", {"tolerance", "Enter the tolerance as a number of points from 0 to 100"}},
        {"101", {"tolerance", "Enter the tolerance as a number of points from 0 to 100"}},
        {"", {"tolerance", "Enter the tolerance in points"}},
        {"2.5", {"visit_working_days", "Enter a whole number of working days from 1 to 250"}},
        {"0", {"visit_working_days", "Enter a whole number of working days from 1 to 250"}},
    };
    for (const auto& [typed, expected] : cases) {
        const auto& [key, message] = expected;
        auto page = editor.submit("/settings/" + key, {{"value", typed}});
        ASSERT_TRUE(page);
        EXPECT_EQ(page->status, 400) << typed;
        EXPECT_TRUE(contains(page->body, "<title>Error: ")) << typed;
        EXPECT_TRUE(contains(page->body, "<a href=\"#value\">" + message + "</a>")) << page->body;
        EXPECT_TRUE(contains(page->body,
                             "id=\"value\" name=\"value\" type=\"text\" value=\"" + typed + "\""))
            << typed;
    }
    auto settings = editor.get("/settings");
    ASSERT_TRUE(settings);
    EXPECT_FALSE(contains(settings->body, "Changed by"));
}

TEST_F(SettingsPages, AFormWithoutItsTokenAndAnUnknownSettingAreRefused) {
    auto forged = editor.post_form("/settings/tolerance", {{"value", "1"}});
    ASSERT_TRUE(forged);
    EXPECT_EQ(forged->status, 403);
    auto unknown = editor.get("/settings/bedtime");
    ASSERT_TRUE(unknown);
    EXPECT_EQ(unknown->status, 404);
    auto indicator = editor.get("/indicators/no_such_thing/values");
    ASSERT_TRUE(indicator);
    EXPECT_EQ(indicator->status, 404);
}

TEST_F(SettingsPages, AFigureEnteredByHandFillsAMonthWithNoReturnAndACorrectionWins) {
    const std::string page = "/indicators/agency_sw_rate/values";
    auto empty = editor.get(page);
    ASSERT_TRUE(empty);
    EXPECT_EQ(empty->status, 200);
    EXPECT_TRUE(contains(empty->body, "No figure has been entered by hand for this indicator."));

    auto first = editor.submit(page, {{"month", "2015-09"}, {"value", "31"}, {"note", "HR count"}});
    ASSERT_TRUE(first);
    EXPECT_EQ(first->status, 303);
    EXPECT_EQ(first->get_header_value("Location"), page);
    auto second =
        editor.submit(page, {{"month", "2015-09"}, {"value", "30.5"}, {"note", "Corrected"}});
    ASSERT_TRUE(second);
    EXPECT_EQ(second->status, 303);

    auto history = editor.get(page);
    ASSERT_TRUE(history);
    EXPECT_TRUE(contains(history->body, "30.5% for September 2015 has been saved"));
    const std::string table = between(history->body, "<tbody", "</tbody>");
    const auto newest = table.find("30.5%");
    const auto oldest = table.find("31.0%");
    ASSERT_NE(newest, std::string::npos);
    ASSERT_NE(oldest, std::string::npos);
    EXPECT_LT(newest, oldest);  // newest first
    EXPECT_TRUE(contains(table, "(corrected since)"));
    EXPECT_TRUE(contains(table, "HR count"));
    EXPECT_TRUE(contains(table, "editor"));

    auto indicators = editor.get("/indicators");
    ASSERT_TRUE(indicators);
    const std::string agency = section(indicators->body, "agency_sw_rate");
    EXPECT_TRUE(contains(
        agency,
        "Entered by hand</td><td class=\"govuk-table__cell govuk-table__cell--numeric\">30.5%"))
        << agency;
}

TEST_F(SettingsPages, AFigureWithProblemsComesBackWithEachOneNamed) {
    auto page = editor.submit("/indicators/agency_sw_rate/values",
                              {{"month", "September"}, {"value", "120"}, {"note", "a note"}});
    ASSERT_TRUE(page);
    EXPECT_EQ(page->status, 400);
    EXPECT_TRUE(contains(
        page->body,
        "<a href=\"#month\">Enter the month as its year and number, for example 2015-08</a>"));
    EXPECT_TRUE(contains(page->body,
                         "<a href=\"#value\">Enter the percentage as a number from 0 to 100</a>"));
    EXPECT_TRUE(contains(page->body, "value=\"September\""));
    EXPECT_TRUE(contains(page->body, "value=\"120\""));
    EXPECT_TRUE(contains(page->body, ">a note</textarea>"));
    auto empty = editor.submit("/indicators/agency_sw_rate/values", {{"month", ""}, {"value", ""}});
    ASSERT_TRUE(empty);
    EXPECT_EQ(empty->status, 400);
    EXPECT_TRUE(contains(empty->body, "Enter the month</a>"));
    EXPECT_TRUE(contains(empty->body, "Enter the percentage</a>"));
}

// --- the API, on both backends ---------------------------------------------------------------

class SettingsApi : public ::testing::TestWithParam<Backend> {
  protected:
    void SetUp() override {
        if (const auto why = storage::harness::unavailable_reason(GetParam())) {
            if (storage::harness::postgres_required()) FAIL() << *why;
            GTEST_SKIP() << *why;
        }
        TestServerOptions options;
        options.backend = GetParam();
        m_server = std::make_unique<TestServer>(options);
    }

    TestServer& server() { return *m_server; }

    static Json answer(const httplib::Result& result, int status) {
        EXPECT_TRUE(result);
        if (!result) return {};
        EXPECT_EQ(result->status, status) << result->body;
        EXPECT_EQ(result->get_header_value("Content-Type"), "application/json");
        auto document = Json::parse(result->body, nullptr, false);
        EXPECT_FALSE(document.is_discarded()) << result->body;
        return document;
    }

    httplib::Result patch(const std::string& body, const std::string& user = "editor") {
        return server().client().Patch("/api/v1/settings", server().bearer(user), body,
                                       "application/json");
    }
    httplib::Result post_value(const std::string& id, const std::string& body,
                               const std::string& user = "editor") {
        return server().client().Post("/api/v1/indicators/" + id + "/values", server().bearer(user),
                                      body, "application/json");
    }

  private:
    std::unique_ptr<TestServer> m_server;
};

TEST_P(SettingsApi, EveryoneSignedInReadsTheSettingsWithTheirDefaults) {
    auto settings =
        answer(server().client().Get("/api/v1/settings", server().bearer("viewer")), 200);
    EXPECT_EQ(settings["settings"]["assessment_working_days"]["value"], 45);
    EXPECT_EQ(settings["settings"]["assessment_working_days"]["default"], 45);
    EXPECT_EQ(settings["settings"]["tolerance"]["value"], 5.0);
    EXPECT_EQ(settings["settings"]["tolerance"]["unit"], "percentage points");
    EXPECT_FALSE(settings["settings"]["tolerance"].contains("set_by"));
    // The council's LA code has no default: null until it is set.
    EXPECT_TRUE(settings["settings"]["la_code"]["value"].is_null());
    EXPECT_TRUE(settings["settings"]["la_code"]["default"].is_null());
    EXPECT_EQ(settings["settings"]["la_code"]["unit"], "LA code");
    auto anonymous = server().client().Get("/api/v1/settings");
    ASSERT_TRUE(anonymous);
    EXPECT_EQ(anonymous->status, 401);
}

TEST_P(SettingsApi, AnEditorChangesSettingsAndTheIndicatorsFollow) {
    auto changed = answer(patch(R"({"tolerance": 2, "visit_working_days": 12})"), 200);
    EXPECT_EQ(changed["settings"]["tolerance"]["value"], 2.0);
    EXPECT_EQ(changed["settings"]["tolerance"]["set_by"], "editor");
    EXPECT_EQ(changed["settings"]["visit_working_days"]["value"], 12);
    auto indicators =
        answer(server().client().Get("/api/v1/indicators?from=2015-04-01&to=2015-09-15",
                                     server().bearer("viewer")),
               200);
    bool found = false;
    for (const auto& line : indicators["indicators"]) {
        if (line["id"] == "cp_visits_on_time") {
            found = true;
            EXPECT_NE(line.dump().find("12 working days"), std::string::npos) << line.dump();
        }
    }
    EXPECT_TRUE(found);
}

TEST_P(SettingsApi, ABadSettingIsRefusedNamingItsKey) {
    auto unknown = answer(patch(R"({"bedtime": 8})"), 400);
    EXPECT_EQ(unknown["error"]["field"], "bedtime");
    auto text = answer(patch(R"({"tolerance": "five"})"), 400);
    EXPECT_EQ(text["error"]["field"], "tolerance");
    auto range = answer(patch(R"({"tolerance": 120})"), 400);
    EXPECT_EQ(range["error"]["code"], "invalid_input");
    EXPECT_EQ(range["error"]["field"], "tolerance");
    auto fraction = answer(patch(R"({"assessment_working_days": 40.5})"), 400);
    EXPECT_EQ(fraction["error"]["field"], "assessment_working_days");
    auto twice = answer(patch(R"({"tolerance": 2, "tolerance": 3})"), 400);
    EXPECT_EQ(twice["error"]["field"], "tolerance");
    answer(patch("[1]"), 400);
    answer(patch("{}"), 400);
    // Nothing refused was saved.
    auto settings =
        answer(server().client().Get("/api/v1/settings", server().bearer("viewer")), 200);
    EXPECT_EQ(settings["settings"]["tolerance"]["value"], 5.0);
}

TEST_P(SettingsApi, APatchWithOneValueRefusedSavesNone) {
    Browser editor = signed_in(server(), "editor");
    const auto trail = [&] {
        auto page = editor.get("/audit?entity=setting");
        EXPECT_TRUE(page);
        return page ? between(page->body, "<main", "</main>") : std::string();
    };
    const std::string before = trail();
    // A good value first, then one out of range: neither is saved.
    auto refused = answer(patch(R"({"visit_working_days": 12, "tolerance": 120})"), 400);
    EXPECT_EQ(refused["error"]["field"], "tolerance");
    auto settings =
        answer(server().client().Get("/api/v1/settings", server().bearer("viewer")), 200);
    EXPECT_EQ(settings["settings"]["visit_working_days"]["value"], 10);
    EXPECT_FALSE(settings["settings"]["visit_working_days"].contains("set_by"));
    EXPECT_EQ(settings["settings"]["tolerance"]["value"], 5.0);
    EXPECT_EQ(trail(), before) << "nothing refused is in the audit trail";
    // Both good: both saved, each with its audit entry.
    answer(patch(R"({"visit_working_days": 12, "tolerance": 3})"), 200);
    settings = answer(server().client().Get("/api/v1/settings", server().bearer("viewer")), 200);
    EXPECT_EQ(settings["settings"]["visit_working_days"]["value"], 12);
    EXPECT_EQ(settings["settings"]["tolerance"]["value"], 3.0);
    const std::string after = trail();
    EXPECT_TRUE(contains(after, "visit_working_days")) << after;
    EXPECT_TRUE(contains(after, "tolerance")) << after;
}

TEST_P(SettingsApi, ViewersAndLeadsMayNotChangeThem) {
    for (const char* user : {"viewer", "lead"}) {
        auto refused = answer(patch(R"({"tolerance": 2})", user), 403);
        EXPECT_EQ(refused["error"]["code"], "forbidden");
        answer(post_value("agency_sw_rate", R"({"month": "2015-09", "value": 30})", user), 403);
    }
}

TEST_P(SettingsApi, AFigureIsEnteredByHandAndShownAsSuch) {
    auto saved = answer(
        post_value("agency_sw_rate", R"({"month": "2015-09", "value": 30.5, "note": "HR count"})"),
        201);
    EXPECT_EQ(saved["indicator"], "agency_sw_rate");
    EXPECT_EQ(saved["month"], "2015-09");
    EXPECT_EQ(saved["value"], 30.5);
    EXPECT_EQ(saved["recorded_by"], "editor");
    EXPECT_EQ(saved["note"], "HR count");
    auto indicators = server().client().Get("/api/v1/indicators?from=2015-04-01&to=2015-09-15",
                                            server().bearer("viewer"));
    ASSERT_TRUE(indicators);
    EXPECT_NE(indicators->body.find("30.5"), std::string::npos);
}

TEST_P(SettingsApi, ABadFigureIsRefusedNamingTheField) {
    const auto month =
        answer(post_value("agency_sw_rate", R"({"month": "September", "value": 30})"), 400);
    EXPECT_EQ(month["error"]["field"], "month");
    EXPECT_EQ(month["error"]["message"].get<std::string>().find("--"), std::string::npos)
        << "an API answer names no command-line option";
    EXPECT_EQ(answer(post_value("agency_sw_rate", R"({"month": "2015-09", "value": 130})"),
                     400)["error"]["field"],
              "value");
    EXPECT_EQ(
        answer(post_value("agency_sw_rate", R"({"month": "2015-09"})"), 400)["error"]["field"],
        "value");
    EXPECT_EQ(answer(post_value("agency_sw_rate", R"({"month": "2015-09", "value": 1, "by": "x"})"),
                     400)["error"]["field"],
              "by");
}

TEST_P(SettingsApi, ACookieWriteNeedsTheCsrfToken) {
    Browser browser = signed_in(server(), "editor");
    auto refused = browser.post_json("/api/v1/indicators/agency_sw_rate/values",
                                     R"({"month": "2015-09", "value": 30})");
    ASSERT_TRUE(refused);
    EXPECT_EQ(refused->status, 403);
    auto accepted =
        browser.post_json("/api/v1/indicators/agency_sw_rate/values",
                          R"({"month": "2015-09", "value": 30})", browser.csrf_header());
    ASSERT_TRUE(accepted);
    EXPECT_EQ(accepted->status, 201);
}

TEST_P(SettingsApi, TheOpenApiDocumentListsTheRoutes) {
    auto result = server().client().Get("/api/v1/openapi.json");
    ASSERT_TRUE(result);
    const auto document = Json::parse(result->body);
    EXPECT_TRUE(document["paths"]["/settings"].contains("get"));
    EXPECT_TRUE(document["paths"]["/settings"].contains("patch"));
    EXPECT_TRUE(document["paths"]["/indicators/{id}/values"].contains("post"));
}

INSTANTIATE_TEST_SUITE_P(Backends, SettingsApi,
                         ::testing::Values(Backend::Sqlite, Backend::Postgres),
                         [](const auto& backend) { return backend_name(backend.param); });

}  // namespace
}  // namespace csip::testing
