// A governance body's report over HTTP, on SQLite and on PostgreSQL (the second needs
// CSIP_TEST_POSTGRES_URL; with CSIP_REQUIRE_POSTGRES=1 its absence fails the tests): previewed
// in the page and downloaded in each format by every role, refused to a viewer when it holds
// case-level content; published by an editor after the confirmation page, with the refusals
// (a date that is no meeting of the body, a meeting already published, a form without the
// session's token, a viewer); and the same through the API.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <memory>

#include "domain/date.hpp"
#include "test_server.hpp"

namespace csip::testing {
namespace {

using Json = nlohmann::json;
using storage::harness::backend_name;

domain::Date d(const char* text) { return *domain::Date::parse_iso(text); }

class Reports : public ::testing::TestWithParam<Backend> {
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

    void add_meeting(const char* body, const char* on) {
        auto added = server().reports().add_meeting(body, d(on), "test");
        ASSERT_TRUE(added.has_value()) << added.error().message;
    }

    std::unique_ptr<TestServer> m_server;
};

TEST_P(Reports, EveryRolePreviewsAPublicBodysReportInThePage) {
    for (const char* user : {"viewer", "lead", "editor", "admin"}) {
        Browser browser = signed_in(server(), user);
        auto page = browser.get("/governance/bodies/osmc/report?as_of=2015-09-15");
        ASSERT_TRUE(page);
        EXPECT_EQ(page->status, 200) << user;
        EXPECT_TRUE(contains(page->body,
                             "<h1 class=\"govuk-heading-l\">Report to Overview and "
                             "Scrutiny Management Commission</h1>"));
        // The board pack's body inside the page, its headings below the page's own.
        EXPECT_TRUE(contains(page->body, "role=\"region\" aria-labelledby=\"report-heading\""));
        EXPECT_TRUE(contains(page->body, "<h3 class=\"govuk-heading-m\">"));
        EXPECT_FALSE(contains(page->body, "<style>"));
        EXPECT_EQ(page->body.find("<html"), page->body.rfind("<html")) << "one document";
        EXPECT_TRUE(contains(page->body, "id=\"as_of-day\""));
        EXPECT_TRUE(contains(page->body, "value=\"15\""));
        for (const char* format : {"docx", "html", "xlsx"}) {
            EXPECT_TRUE(contains(page->body,
                                 std::string("/governance/bodies/osmc/report/download?format=") +
                                     format + "&amp;as_of=2015-09-15"))
                << format;
        }
        const bool editor = std::string(user) == "editor" || std::string(user) == "admin";
        EXPECT_EQ(contains(page->body, "href=\"/governance/bodies/osmc/publish?as_of=2015-09-15\""),
                  editor)
            << user;
    }
}

TEST_P(Reports, TheGovernancePageLinksEachBodyToItsReport) {
    Browser viewer = signed_in(server(), "viewer");
    auto page = viewer.get("/governance");
    ASSERT_TRUE(page);
    EXPECT_TRUE(contains(page->body, "href=\"/governance/bodies/osmc/report\""));
    EXPECT_TRUE(contains(page->body, "href=\"/governance/bodies/qa_board/report\""));
}

TEST_P(Reports, TheDateIsAskedForWithTheDateInputAndADateThatIsNotOneIsRefused) {
    Browser viewer = signed_in(server(), "viewer");
    auto refused =
        viewer.get("/governance/bodies/osmc/report?as_of_day=31&as_of_month=2&as_of_year=2015");
    ASSERT_TRUE(refused);
    EXPECT_EQ(refused->status, 400);
    EXPECT_TRUE(contains(refused->body, "govuk-error-summary"));
    EXPECT_TRUE(contains(refused->body, "The date of the report must be a real date"));
    EXPECT_TRUE(contains(refused->body, "<title>Error: "));

    auto backwards = viewer.get("/governance/bodies/osmc/report?as_of=2015-09-15&since=2015-10-01");
    ASSERT_TRUE(backwards);
    EXPECT_EQ(backwards->status, 400);
    EXPECT_TRUE(contains(backwards->body, "href=\"#since-day\""));

    auto parts = viewer.get(
        "/governance/bodies/osmc/report?as_of_day=15&as_of_month=9&"
        "as_of_year=2015&since_day=15&since_month=6&since_year=2015");
    ASSERT_TRUE(parts);
    EXPECT_EQ(parts->status, 200);
    EXPECT_TRUE(contains(parts->body, "as_of=2015-09-15&amp;since=2015-06-15"));

    auto missing = viewer.get("/governance/bodies/nobody/report");
    ASSERT_TRUE(missing);
    EXPECT_EQ(missing->status, 404);
}

TEST_P(Reports, EachFormatDownloadsAsTheServiceRendersIt) {
    Browser viewer = signed_in(server(), "viewer");
    const app::ReportRequest request{"osmc", d("2015-09-15"), d("2015-06-15"), std::nullopt};
    for (const auto format :
         {app::ReportFormat::Docx, app::ReportFormat::Html, app::ReportFormat::Xlsx}) {
        auto expected = server().reports().render(request, format);
        ASSERT_TRUE(expected.has_value());
        auto download =
            viewer.get("/governance/bodies/osmc/report/download?format=" +
                       std::string(app::to_string(format)) + "&as_of=2015-09-15&since=2015-06-15");
        ASSERT_TRUE(download);
        EXPECT_EQ(download->status, 200);
        EXPECT_EQ(download->body, expected->content) << app::to_string(format);
        EXPECT_EQ(download->get_header_value("Content-Type"), app::content_type(format));
        EXPECT_TRUE(contains(download->get_header_value("Content-Disposition"),
                             "attachment; filename=\"" + expected->file_name + "\""));
    }
    auto bad = viewer.get("/governance/bodies/osmc/report/download?format=pdf");
    ASSERT_TRUE(bad);
    EXPECT_EQ(bad->status, 400);
}

TEST_P(Reports, ACaseLevelReportIsRefusedToAViewerAndShownToALead) {
    ASSERT_TRUE(server().reports().set_profile({"qa_board", {}, {}, true}, "test").has_value());
    Browser viewer = signed_in(server(), "viewer");
    for (const char* path :
         {"/governance/bodies/qa_board/report?as_of=2015-09-15",
          "/governance/bodies/qa_board/report/download?format=html&as_of=2015-09-15"}) {
        auto refused = viewer.get(path);
        ASSERT_TRUE(refused);
        EXPECT_EQ(refused->status, 403) << path;
        EXPECT_TRUE(contains(refused->body, "case-level")) << path;
    }
    auto api = server().client().Get("/api/v1/bodies/qa_board/report?format=html",
                                     server().bearer("viewer"));
    ASSERT_TRUE(api);
    EXPECT_EQ(api->status, 403);

    Browser lead = signed_in(server(), "lead");
    auto shown = lead.get("/governance/bodies/qa_board/report?as_of=2015-09-15");
    ASSERT_TRUE(shown);
    EXPECT_EQ(shown->status, 200);
    // A body without the profile holds none, and a viewer reads it.
    auto other = viewer.get("/governance/bodies/csip_board/report?as_of=2015-09-15");
    ASSERT_TRUE(other);
    EXPECT_EQ(other->status, 200);
}

TEST_P(Reports, AnEditorPublishesAfterTheConfirmationPageAndSeesTheHash) {
    add_meeting("osmc", "2015-09-15");
    add_meeting("osmc", "2015-12-15");
    Browser editor = signed_in(server(), "editor");
    auto confirm = editor.get("/governance/bodies/osmc/publish?as_of=2015-09-15");
    ASSERT_TRUE(confirm);
    EXPECT_EQ(confirm->status, 200);
    EXPECT_TRUE(contains(confirm->body,
                         "Publish the report to Overview and Scrutiny Management Commission"));
    EXPECT_TRUE(contains(confirm->body, "value=\"2015-09-15\" checked"));
    EXPECT_TRUE(contains(confirm->body, "15 December 2015"));
    EXPECT_TRUE(contains(confirm->body, "(DOCX)"));
    const std::string token = editor.csrf_token();

    auto published = editor.post_form("/governance/bodies/osmc/publish",
                                      {{"csrf_token", token}, {"meeting", "2015-09-15"}});
    ASSERT_TRUE(published);
    EXPECT_EQ(published->status, 303);
    EXPECT_EQ(published->get_header_value("Location"), "/governance");
    auto list = server().reports().publications("osmc");
    ASSERT_TRUE(list.has_value());
    ASSERT_EQ(list->size(), 1U);
    EXPECT_EQ(list->front().published_by, "editor");
    EXPECT_EQ(list->front().as_of, d("2015-09-15"));
    auto governance = editor.get("/governance");
    ASSERT_TRUE(governance);
    EXPECT_TRUE(
        contains(governance->body, "Its SHA-256 content hash is " + list->front().content_hash));

    // The same meeting again: refused with the error summary, nothing added.
    auto again = editor.post_form("/governance/bodies/osmc/publish",
                                  {{"csrf_token", token}, {"meeting", "2015-09-15"}});
    ASSERT_TRUE(again);
    EXPECT_EQ(again->status, 409);
    EXPECT_TRUE(contains(again->body, "govuk-error-summary"));
    EXPECT_TRUE(contains(again->body, "has already been published"));
    EXPECT_TRUE(contains(again->body, "Already published"));

    // A date that is none of the body's meetings.
    auto stranger = editor.post_form("/governance/bodies/osmc/publish",
                                     {{"csrf_token", token}, {"meeting", "2015-10-01"}});
    ASSERT_TRUE(stranger);
    EXPECT_EQ(stranger->status, 400);
    EXPECT_TRUE(contains(stranger->body, "has no meeting on 1 October 2015"));

    auto none = editor.post_form("/governance/bodies/osmc/publish", {{"csrf_token", token}});
    ASSERT_TRUE(none);
    EXPECT_EQ(none->status, 400);
    EXPECT_TRUE(contains(none->body, "Select the meeting the report goes to"));

    auto bad_date = editor.post_form("/governance/bodies/osmc/publish", {{"csrf_token", token},
                                                                         {"meeting", "2015-12-15"},
                                                                         {"as_of_day", "40"},
                                                                         {"as_of_month", "12"},
                                                                         {"as_of_year", "2015"}});
    ASSERT_TRUE(bad_date);
    EXPECT_EQ(bad_date->status, 400);
    EXPECT_TRUE(contains(bad_date->body, "The date of the figures must be a real date"));

    auto list_after = server().reports().publications("osmc");
    ASSERT_TRUE(list_after.has_value());
    EXPECT_EQ(list_after->size(), 1U);
}

TEST_P(Reports, OnlyEditorsPublishAndOnlyWithTheSessionsToken) {
    add_meeting("osmc", "2015-09-15");
    Browser viewer = signed_in(server(), "viewer");
    auto page = viewer.get("/governance/bodies/osmc/publish");
    ASSERT_TRUE(page);
    EXPECT_EQ(page->status, 403);
    auto post = viewer.post_form("/governance/bodies/osmc/publish",
                                 {{"csrf_token", viewer.csrf_token()}, {"meeting", "2015-09-15"}});
    ASSERT_TRUE(post);
    EXPECT_EQ(post->status, 403);

    Browser editor = signed_in(server(), "editor");
    auto forged = editor.post_form("/governance/bodies/osmc/publish",
                                   {{"csrf_token", "not the token"}, {"meeting", "2015-09-15"}});
    ASSERT_TRUE(forged);
    EXPECT_EQ(forged->status, 403);
    auto list = server().reports().publications("osmc");
    ASSERT_TRUE(list.has_value());
    EXPECT_TRUE(list->empty());
}

TEST_P(Reports, ABodyWithoutMeetingsSaysToAddOne) {
    Browser editor = signed_in(server(), "editor");
    auto page = editor.get("/governance/bodies/lscb/publish");
    ASSERT_TRUE(page);
    EXPECT_EQ(page->status, 200);
    EXPECT_TRUE(contains(page->body, "has no meetings set"));
    EXPECT_FALSE(contains(page->body, "Publish the report</button>"));
}

TEST_P(Reports, TheApiRendersPublishesListsAndServesPublications) {
    add_meeting("osmc", "2015-09-15");
    auto client = server().client();
    auto report = client.Get("/api/v1/bodies/osmc/report?as_of=2015-09-15&format=xlsx",
                             server().bearer("viewer"));
    ASSERT_TRUE(report);
    EXPECT_EQ(report->status, 200);
    EXPECT_EQ(report->get_header_value("Content-Type"), app::content_type(app::ReportFormat::Xlsx));
    EXPECT_EQ(report->body.substr(0, 2), "PK");

    auto bad = client.Get("/api/v1/bodies/osmc/report?as_of=15-09-2015", server().bearer("viewer"));
    ASSERT_TRUE(bad);
    EXPECT_EQ(bad->status, 400);
    EXPECT_EQ(Json::parse(bad->body)["error"]["field"], "as_of");
    auto nobody = client.Get("/api/v1/bodies/nobody/report", server().bearer("viewer"));
    ASSERT_TRUE(nobody);
    EXPECT_EQ(nobody->status, 404);

    auto by_viewer = client.Post("/api/v1/bodies/osmc/publications", server().bearer("viewer"),
                                 R"({"meeting": "2015-09-15"})", "application/json");
    ASSERT_TRUE(by_viewer);
    EXPECT_EQ(by_viewer->status, 403);

    const auto editor = server().bearer("editor");
    auto stranger = client.Post("/api/v1/bodies/osmc/publications", editor,
                                R"({"meeting": "2015-10-01"})", "application/json");
    ASSERT_TRUE(stranger);
    EXPECT_EQ(stranger->status, 404);
    EXPECT_EQ(Json::parse(stranger->body)["error"]["field"], "meeting");
    auto unknown = client.Post("/api/v1/bodies/osmc/publications", editor,
                               R"({"meeting": "2015-09-15", "by": "x"})", "application/json");
    ASSERT_TRUE(unknown);
    EXPECT_EQ(unknown->status, 400);
    EXPECT_EQ(Json::parse(unknown->body)["error"]["field"], "by");

    auto created =
        client.Post("/api/v1/bodies/osmc/publications", editor,
                    R"({"meeting": "2015-09-15", "as_of": "2015-09-14"})", "application/json");
    ASSERT_TRUE(created);
    ASSERT_EQ(created->status, 201) << created->body;
    const auto publication = Json::parse(created->body);
    const auto id = publication["id"].get<std::int64_t>();
    EXPECT_EQ(created->get_header_value("Location"), "/api/v1/publications/" + std::to_string(id));
    EXPECT_EQ(publication["as_of"], "2015-09-14");
    EXPECT_EQ(publication["content_hash"].get<std::string>().size(), 64U);
    auto stored = server().reports().publication(id);
    ASSERT_TRUE(stored.has_value());
    EXPECT_EQ(publication["content_hash"], stored->content_hash);

    auto twice = client.Post("/api/v1/bodies/osmc/publications", editor,
                             R"({"meeting": "2015-09-15"})", "application/json");
    ASSERT_TRUE(twice);
    EXPECT_EQ(twice->status, 409);

    auto listed = client.Get("/api/v1/publications", server().bearer("viewer"));
    ASSERT_TRUE(listed);
    EXPECT_EQ(listed->status, 200);
    const auto list = Json::parse(listed->body)["publications"];
    ASSERT_EQ(list.size(), 1U);
    EXPECT_EQ(list[0]["content_hash"], stored->content_hash);

    for (const auto& file : stored->files) {
        auto served = client.Get("/api/v1/publications/" + std::to_string(id) + "/" + file.format,
                                 server().bearer("viewer"));
        ASSERT_TRUE(served);
        EXPECT_EQ(served->status, 200);
        EXPECT_EQ(served->body, file.content) << file.format;
    }
    auto missing = client.Get("/api/v1/publications/" + std::to_string(id + 1) + "/docx",
                              server().bearer("viewer"));
    ASSERT_TRUE(missing);
    EXPECT_EQ(missing->status, 404);
    auto no_credentials = client.Get("/api/v1/publications");
    ASSERT_TRUE(no_credentials);
    EXPECT_EQ(no_credentials->status, 401);
}

TEST_P(Reports, AWriteWithTheSessionCookieNeedsTheCsrfHeader) {
    add_meeting("osmc", "2015-09-15");
    Browser editor = signed_in(server(), "editor");
    auto refused =
        editor.post_json("/api/v1/bodies/osmc/publications", R"({"meeting": "2015-09-15"})");
    ASSERT_TRUE(refused);
    EXPECT_EQ(refused->status, 403);
    EXPECT_EQ(Json::parse(refused->body)["error"]["code"], "csrf");
    auto accepted = editor.post_json("/api/v1/bodies/osmc/publications",
                                     R"({"meeting": "2015-09-15"})", editor.csrf_header());
    ASSERT_TRUE(accepted);
    EXPECT_EQ(accepted->status, 201);
}

TEST_P(Reports, AViewerIsNotListedNorServedACaseLevelPublication) {
    ASSERT_TRUE(server().reports().set_profile({"qa_board", {}, {}, true}, "test").has_value());
    add_meeting("qa_board", "2015-09-15");
    auto published = server().reports().publish("qa_board", d("2015-09-15"), std::nullopt, "test");
    ASSERT_TRUE(published.has_value());
    auto client = server().client();
    auto listed = client.Get("/api/v1/publications", server().bearer("viewer"));
    ASSERT_TRUE(listed);
    EXPECT_TRUE(Json::parse(listed->body)["publications"].empty());
    auto refused = client.Get("/api/v1/publications/" + std::to_string(published->id) + "/html",
                              server().bearer("viewer"));
    ASSERT_TRUE(refused);
    EXPECT_EQ(refused->status, 403);
    auto by_lead = client.Get("/api/v1/publications", server().bearer("lead"));
    ASSERT_TRUE(by_lead);
    EXPECT_EQ(Json::parse(by_lead->body)["publications"].size(), 1U);
}

TEST_P(Reports, TheOpenApiDocumentDescribesTheReportRoutes) {
    auto result = server().client().Get("/api/v1/openapi.json");
    ASSERT_TRUE(result);
    const auto document = Json::parse(result->body);
    for (const char* path : {"/bodies/{id}/report", "/bodies/{id}/publications", "/publications",
                             "/publications/{id}/{format}"}) {
        EXPECT_TRUE(document["paths"].contains(path)) << path;
    }
    EXPECT_TRUE(document["paths"]["/bodies/{id}/publications"].contains("post"));
    EXPECT_TRUE(document["components"]["schemas"].contains("Publication"));
}

INSTANTIATE_TEST_SUITE_P(Backends, Reports, ::testing::Values(Backend::Sqlite, Backend::Postgres),
                         [](const auto& backend) { return backend_name(backend.param); });

}  // namespace
}  // namespace csip::testing
