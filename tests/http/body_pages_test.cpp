// The report settings and each body's report profile edited over HTTP, on SQLite and on
// PostgreSQL (the second needs CSIP_TEST_POSTGRES_URL): an editor saves them through the forms
// (post, then redirect) and finds each change in the audit trail; a refused form comes back with
// the error summary and what was typed; a public body is never offered case-level content;
// viewers and leads are refused; and the same through the API.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <memory>

#include "test_server.hpp"

namespace csip::testing {
namespace {

using Json = nlohmann::json;
using storage::harness::backend_name;

class Body : public ::testing::TestWithParam<Backend> {
  protected:
    void SetUp() override {
        if (const auto why = storage::harness::unavailable_reason(GetParam())) {
            if (storage::harness::postgres_required()) FAIL() << *why;
            GTEST_SKIP() << *why;
        }
        TestServerOptions options;
        options.backend = GetParam();
        options.case_data = false;
        m_server = std::make_unique<TestServer>(options);
        for (const auto& [name, value] : settings_form({})) {
            std::string key = name;
            key[key.find('-')] = '.';
            auto saved = server().reports().set_setting(key, value, "test");
            ASSERT_TRUE(saved.has_value()) << saved.error().message;
        }
    }

    TestServer& server() { return *m_server; }

    std::string setting(const std::string& key) {
        auto settings = server().reports().settings();
        if (!settings) return "(error)";
        const auto found = settings->find(key);
        return found == settings->end() ? std::string() : found->second;
    }

    // The report settings form as it is, with `changes` made.
    static httplib::Params settings_form(const std::map<std::string, std::string>& changes) {
        httplib::Params form{
            {"portfolio_member-name", "Portfolio Member for Children and Young People"},
            {"portfolio_member-email", "portfolio.children@westbury.example"},
            {"portfolio_member-phone", "01632 960001"},
            {"contact_officer-name", "Head of Children and Families Services"},
            {"contact_officer-title", "Head of Children and Families Services"},
            {"contact_officer-email", "children.families@westbury.example"},
            {"contact_officer-phone", "01632 960002"},
            {"strategy-priorities", "CSP1 - Caring for and protecting the vulnerable"},
            {"strategy-principles", "CSP8 - Doing what's important well"},
        };
        for (auto& [name, value] : form) {
            if (const auto found = changes.find(name); found != changes.end()) value = found->second;
        }
        return form;
    }

    std::unique_ptr<TestServer> m_server;
};

TEST_P(Body, AnEditorChangesTheContactOfficerAndTheTrailSaysSo) {
    Browser editor = signed_in(server(), "editor");
    auto page = editor.get("/governance/report-settings");
    ASSERT_TRUE(page);
    EXPECT_EQ(page->status, 200);
    EXPECT_TRUE(contains(page->body, "value=\"Head of Children and Families Services\""));
    auto saved = editor.submit("/governance/report-settings",
                               settings_form({{"contact_officer-name", "Jo Bloggs"},
                                              {"strategy-priorities", "CSP1\r\nCSP2"}}));
    ASSERT_TRUE(saved);
    EXPECT_EQ(saved->status, 303);
    EXPECT_EQ(saved->get_header_value("Location"), "/governance");
    EXPECT_EQ(setting("contact_officer.name"), "Jo Bloggs");
    EXPECT_EQ(setting("strategy.priorities"), "CSP1\nCSP2");
    auto governance = editor.get("/governance");
    ASSERT_TRUE(governance);
    EXPECT_TRUE(contains(governance->body, "The report settings have been saved."));
    auto trail = editor.get("/audit?entity=report_setting&by=editor");
    ASSERT_TRUE(trail);
    EXPECT_TRUE(contains(trail->body, "contact_officer.name"));
    EXPECT_TRUE(contains(trail->body, "Jo Bloggs"));
    EXPECT_FALSE(contains(trail->body, "portfolio_member.phone")) << "only what changed";
}

TEST_P(Body, ARefusedSettingComesBackWithItsErrorAndWhatWasTyped) {
    Browser editor = signed_in(server(), "editor");
    auto refused = editor.submit("/governance/report-settings",
                                 settings_form({{"contact_officer-email", "not an address"},
                                                {"contact_officer-name", "Jo Bloggs"}}));
    ASSERT_TRUE(refused);
    EXPECT_EQ(refused->status, 400);
    EXPECT_TRUE(contains(refused->body, "govuk-error-summary"));
    EXPECT_TRUE(contains(refused->body, "href=\"#contact_officer-email\""));
    EXPECT_TRUE(contains(refused->body, "Enter an email address in the correct format"));
    EXPECT_TRUE(contains(refused->body, "value=\"not an address\""));
    EXPECT_TRUE(contains(refused->body, "value=\"Jo Bloggs\""));
    EXPECT_TRUE(contains(refused->body, "<title>Error: "));
    EXPECT_EQ(setting("contact_officer.name"), "Head of Children and Families Services")
        << "nothing saved";
}

TEST_P(Body, AnEditorChoosesWhatABodysReportHolds) {
    Browser editor = signed_in(server(), "editor");
    auto page = editor.get("/governance/bodies/qa_board/profile");
    ASSERT_TRUE(page);
    EXPECT_EQ(page->status, 200);
    EXPECT_TRUE(contains(page->body, "May the report hold case-level content?"));
    auto saved = editor.submit("/governance/bodies/qa_board/profile",
                               {{"sections", "summary"},
                                {"sections", "cases"},
                                {"indicators", "assessments_45wd"},
                                {"case_level", "yes"}});
    ASSERT_TRUE(saved);
    EXPECT_EQ(saved->status, 303);
    auto profile = server().reports().profile("qa_board");
    ASSERT_TRUE(profile.has_value());
    EXPECT_EQ(profile->sections, (std::vector<std::string>{"summary", "cases"}));
    EXPECT_EQ(profile->indicators, std::vector<std::string>{"assessments_45wd"});
    EXPECT_TRUE(profile->case_level_allowed);
    auto again = editor.get("/governance/bodies/qa_board/profile");
    ASSERT_TRUE(again);
    EXPECT_TRUE(contains(again->body, "value=\"cases\" checked"));
    auto trail = editor.get("/audit?entity=report_profile");
    ASSERT_TRUE(trail);
    EXPECT_TRUE(contains(trail->body, "case-level allowed"));
}

TEST_P(Body, APublicBodyIsNeverOfferedCaseLevelContent) {
    Browser editor = signed_in(server(), "editor");
    auto page = editor.get("/governance/bodies/osmc/profile");
    ASSERT_TRUE(page);
    EXPECT_EQ(page->status, 200);
    EXPECT_FALSE(contains(page->body, "May the report hold case-level content?"));
    EXPECT_TRUE(contains(page->body, "is a public body"));
    // A form sent anyway with case-level content allowed does not allow it.
    auto saved = editor.submit("/governance/bodies/osmc/profile", {{"case_level", "yes"}});
    ASSERT_TRUE(saved);
    EXPECT_EQ(saved->status, 303);
    auto profile = server().reports().profile("osmc");
    ASSERT_TRUE(profile.has_value());
    EXPECT_FALSE(profile->case_level_allowed);
}

TEST_P(Body, ViewersAndLeadsAreRefused) {
    for (const char* user : {"viewer", "lead"}) {
        Browser browser = signed_in(server(), user);
        for (const char* path : {"/governance/report-settings", "/governance/bodies/osmc/profile"}) {
            auto page = browser.get(path);
            ASSERT_TRUE(page);
            EXPECT_EQ(page->status, 403) << user << " " << path;
        }
        auto posted = browser.submit("/governance/report-settings",
                                     settings_form({{"contact_officer-name", "Someone"}}));
        ASSERT_TRUE(posted);
        EXPECT_EQ(posted->status, 403) << user;
    }
    EXPECT_EQ(setting("contact_officer.name"), "Head of Children and Families Services");
}

TEST_P(Body, AFormWithoutTheSessionsTokenChangesNothing) {
    Browser editor = signed_in(server(), "editor");
    auto posted = editor.post_form("/governance/report-settings",
                                   settings_form({{"contact_officer-name", "Someone"}}));
    ASSERT_TRUE(posted);
    EXPECT_EQ(posted->status, 403);
    EXPECT_EQ(setting("contact_officer.name"), "Head of Children and Families Services");
}

TEST_P(Body, TheApiReadsAndChangesTheSettingsAndProfiles) {
    auto client = server().client();
    auto read = client.Get("/api/v1/report-settings", server().bearer("viewer"));
    ASSERT_TRUE(read);
    EXPECT_EQ(read->status, 200);
    EXPECT_EQ(Json::parse(read->body).at("contact_officer.name"),
              "Head of Children and Families Services");

    auto refused = client.Patch("/api/v1/report-settings", server().bearer("viewer"),
                                R"({"contact_officer.name": "Someone"})", "application/json");
    ASSERT_TRUE(refused);
    EXPECT_EQ(refused->status, 403);

    auto patched = client.Patch("/api/v1/report-settings", server().bearer("editor"),
                                R"({"contact_officer.name": "Jo Bloggs"})", "application/json");
    ASSERT_TRUE(patched);
    EXPECT_EQ(patched->status, 200) << patched->body;
    EXPECT_EQ(Json::parse(patched->body).at("contact_officer.name"), "Jo Bloggs");
    EXPECT_EQ(setting("contact_officer.name"), "Jo Bloggs");

    // A value that is not text is refused before anything is saved.
    auto not_text = client.Patch("/api/v1/report-settings", server().bearer("editor"),
                                 "{\"contact_officer.name\": \"Someone\", "
                                 "\"contact_officer.title\": \"Head\\u0007\"}",
                                 "application/json");
    ASSERT_TRUE(not_text);
    EXPECT_EQ(not_text->status, 400) << not_text->body;
    EXPECT_EQ(setting("contact_officer.name"), "Jo Bloggs");

    auto put = client.Put("/api/v1/bodies/qa_board/profile", server().bearer("editor"),
                          R"({"sections": ["summary"], "case_level": true})", "application/json");
    ASSERT_TRUE(put);
    EXPECT_EQ(put->status, 200) << put->body;
    auto profile = client.Get("/api/v1/bodies/qa_board/profile", server().bearer("viewer"));
    ASSERT_TRUE(profile);
    const auto document = Json::parse(profile->body);
    EXPECT_EQ(document.at("sections"), Json::array({"summary"}));
    EXPECT_EQ(document.at("case_level"), true);

    auto public_body = client.Put("/api/v1/bodies/osmc/profile", server().bearer("editor"),
                                  R"({"case_level": true})", "application/json");
    ASSERT_TRUE(public_body);
    EXPECT_EQ(public_body->status, 409);
    auto unknown = client.Put("/api/v1/bodies/osmc/profile", server().bearer("editor"),
                              R"({"sections": ["nonsense"]})", "application/json");
    ASSERT_TRUE(unknown);
    EXPECT_EQ(unknown->status, 400);
    auto missing = client.Get("/api/v1/bodies/nobody/profile", server().bearer("viewer"));
    ASSERT_TRUE(missing);
    EXPECT_EQ(missing->status, 404);
}

TEST_P(Body, TheOpenApiDocumentListsTheRoutes) {
    auto client = server().client();
    auto answer = client.Get("/api/v1/openapi.json");
    ASSERT_TRUE(answer);
    const auto paths = Json::parse(answer->body).at("paths");
    EXPECT_TRUE(paths.at("/meetings").contains("get"));
    EXPECT_TRUE(paths.at("/report-settings").contains("get"));
    EXPECT_TRUE(paths.at("/report-settings").contains("patch"));
    EXPECT_TRUE(paths.at("/bodies/{id}/profile").contains("get"));
    EXPECT_TRUE(paths.at("/bodies/{id}/profile").contains("put"));
}

INSTANTIATE_TEST_SUITE_P(Backends, Body, ::testing::Values(Backend::Sqlite, Backend::Postgres),
                         [](const auto& backend) { return backend_name(backend.param); });

}  // namespace
}  // namespace csip::testing
