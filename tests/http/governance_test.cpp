// The governance page as a browser uses it: every role sees the bodies, their meetings and the
// reports published to them, downloads a published file byte for byte, and is refused one that
// holds case-level content unless allowed to read it; editors add bodies and meetings through
// the forms, with an error summary for a date that is not one; others, and forms without the
// session's token, are refused.
#include <gtest/gtest.h>

#include "domain/date.hpp"
#include "test_server.hpp"

namespace csip::testing {
namespace {

domain::Date d(const char* text) { return *domain::Date::parse_iso(text); }

class Governance : public ::testing::Test {
protected:
    TestServer server;

    storage::Publication publish(const char* body) {
        auto meeting = server.reports().add_meeting(body, d("2015-09-15"), "test");
        EXPECT_TRUE(meeting.has_value()) << meeting.error().message;
        auto published = server.reports().publish(body, d("2015-09-15"), std::nullopt, "officer");
        EXPECT_TRUE(published.has_value()) << published.error().message;
        return published ? *published : storage::Publication{};
    }

    Browser signed_in(const char* user) {
        Browser browser(server);
        EXPECT_TRUE(browser.sign_in(user));
        return browser;
    }
};

TEST_F(Governance, ListsEveryBodyAndAPublishedReportToAViewer) {
    const auto publication = publish("osmc");
    Browser viewer = signed_in("viewer");
    auto page = viewer.get("/governance");
    ASSERT_TRUE(page);
    EXPECT_EQ(page->status, 200);
    EXPECT_TRUE(contains(page->body, "Overview and Scrutiny Management Commission"));
    EXPECT_TRUE(contains(page->body, "Quality Assurance Board"));
    EXPECT_TRUE(contains(page->body, "quarterly"));
    EXPECT_TRUE(contains(page->body, "15 September 2015"));
    EXPECT_TRUE(contains(page->body, publication.content_hash));
    const std::string base = "/governance/publications/" + std::to_string(publication.id) + "/";
    for (const char* format : {"docx", "html", "xlsx"}) {
        EXPECT_TRUE(contains(page->body, "href=\"" + base + format + "\"")) << format;
    }
    EXPECT_TRUE(contains(page->body, "href=\"/governance\""));  // in the navigation
    EXPECT_FALSE(contains(page->body, "action=\"/governance/bodies\""));
    EXPECT_FALSE(contains(page->body, "action=\"/governance/meetings\""));
}

TEST_F(Governance, ADownloadIsThePublishedFileByteForByte) {
    const auto publication = publish("osmc");
    Browser viewer = signed_in("viewer");
    for (const auto& file : publication.files) {
        auto download = viewer.get("/governance/publications/" + std::to_string(publication.id) +
                                   "/" + file.format);
        ASSERT_TRUE(download);
        EXPECT_EQ(download->status, 200) << file.format;
        EXPECT_EQ(download->body, file.content) << file.format;
        EXPECT_EQ(download->get_header_value("Content-Disposition"),
                  "attachment; filename=\"" + file.file_name + "\"; filename*=UTF-8''" + file.file_name);
        EXPECT_FALSE(download->get_header_value("Content-Type").empty());
    }
    auto missing = viewer.get("/governance/publications/" + std::to_string(publication.id + 1) + "/docx");
    ASSERT_TRUE(missing);
    EXPECT_EQ(missing->status, 404);
}

TEST_F(Governance, ACaseLevelReportIsHiddenFromAViewerAndServedToALead) {
    ASSERT_TRUE(server.reports().set_profile({"qa_board", {}, {}, true}, "test").has_value());
    const auto publication = publish("qa_board");
    const std::string path = "/governance/publications/" + std::to_string(publication.id) + "/html";

    Browser viewer = signed_in("viewer");
    auto refused = viewer.get(path);
    ASSERT_TRUE(refused);
    EXPECT_EQ(refused->status, 403);
    auto viewer_page = viewer.get("/governance");
    ASSERT_TRUE(viewer_page);
    EXPECT_FALSE(contains(viewer_page->body, path));
    EXPECT_FALSE(contains(viewer_page->body, publication.content_hash));

    Browser lead = signed_in("lead");
    auto served = lead.get(path);
    ASSERT_TRUE(served);
    EXPECT_EQ(served->status, 200);
    auto lead_page = lead.get("/governance");
    ASSERT_TRUE(lead_page);
    EXPECT_TRUE(contains(lead_page->body, path));
}

TEST_F(Governance, AViewersOrALeadsPostIsRefused) {
    for (const char* user : {"viewer", "lead"}) {
        Browser browser = signed_in(user);
        const std::string token = browser.csrf_token();
        auto body = browser.post_form("/governance/bodies", {{"csrf_token", token},
                                                             {"id", "panel"},
                                                             {"name", "Scrutiny Panel"},
                                                             {"cadence", "monthly"}});
        ASSERT_TRUE(body);
        EXPECT_EQ(body->status, 403) << user;
        auto meeting = browser.post_form("/governance/meetings",
                                         {{"csrf_token", token}, {"body", "osmc"},
                                          {"meeting_day", "17"}, {"meeting_month", "12"},
                                          {"meeting_year", "2015"}});
        ASSERT_TRUE(meeting);
        EXPECT_EQ(meeting->status, 403) << user;
    }
    auto bodies = server.reports().bodies();
    ASSERT_TRUE(bodies.has_value());
    for (const auto& body : *bodies) EXPECT_NE(body.id, "panel");
    auto meetings = server.reports().meetings("osmc");
    ASSERT_TRUE(meetings.has_value());
    EXPECT_TRUE(meetings->empty());
}

TEST_F(Governance, AnEditorAddsABodyAndAMeetingAndSeesThem) {
    Browser editor = signed_in("editor");
    auto page = editor.get("/governance");
    ASSERT_TRUE(page);
    EXPECT_TRUE(contains(page->body, "action=\"/governance/bodies\""));
    const std::string token = editor.csrf_token();
    auto added = editor.post_form("/governance/bodies", {{"csrf_token", token},
                                                         {"id", "panel"},
                                                         {"name", "Scrutiny Panel"},
                                                         {"cadence", "monthly"},
                                                         {"public", "yes"}});
    ASSERT_TRUE(added);
    EXPECT_EQ(added->status, 303);
    auto meeting = editor.post_form("/governance/meetings",
                                    {{"csrf_token", token}, {"body", "panel"}, {"meeting_day", "17"},
                                     {"meeting_month", "12"}, {"meeting_year", "2015"}});
    ASSERT_TRUE(meeting);
    EXPECT_EQ(meeting->status, 303);
    EXPECT_EQ(meeting->get_header_value("Location").rfind("/governance", 0), 0U);

    auto after = editor.get("/governance");
    ASSERT_TRUE(after);
    EXPECT_TRUE(contains(after->body, "Scrutiny Panel"));
    EXPECT_TRUE(contains(after->body, "17 December 2015"));
    auto meetings = server.reports().meetings("panel");
    ASSERT_TRUE(meetings.has_value());
    ASSERT_EQ(meetings->size(), 1U);
    EXPECT_EQ(meetings->front().on, d("2015-12-17"));

    // Audited with the signed-in editor as the actor.
    auto audit = editor.get("/audit?entity=governance_body&by=editor");
    ASSERT_TRUE(audit);
    EXPECT_TRUE(contains(audit->body, "Scrutiny Panel (monthly, public)"));
}

TEST_F(Governance, ADateThatIsNotOneShowsTheErrorSummaryAndAddsNothing) {
    Browser editor = signed_in("editor");
    auto refused = editor.post_form("/governance/meetings",
                                    {{"csrf_token", editor.csrf_token()}, {"body", "osmc"},
                                     {"meeting_day", "31"}, {"meeting_month", "2"},
                                     {"meeting_year", "2015"}});
    ASSERT_TRUE(refused);
    EXPECT_EQ(refused->status, 400);
    EXPECT_TRUE(contains(refused->body, "govuk-error-summary"));
    EXPECT_TRUE(contains(refused->body, "href=\"#meeting-day\""));
    EXPECT_TRUE(contains(refused->body, "value=\"31\""));  // the input is kept
    auto meetings = server.reports().meetings("osmc");
    ASSERT_TRUE(meetings.has_value());
    EXPECT_TRUE(meetings->empty());
}

TEST_F(Governance, AFormWithoutTheSessionsTokenIsRefused) {
    Browser editor = signed_in("editor");
    auto refused = editor.post_form("/governance/bodies",
                                    {{"id", "panel"}, {"name", "Scrutiny Panel"}, {"cadence", "monthly"}});
    ASSERT_TRUE(refused);
    EXPECT_EQ(refused->status, 403);
    auto bodies = server.reports().bodies();
    ASSERT_TRUE(bodies.has_value());
    for (const auto& body : *bodies) EXPECT_NE(body.id, "panel");
}

// A banner is csip's own word that something worked: never words from the address, which anyone
// can put in a link.
TEST_F(Governance, ABannerNeverShowsWordsFromTheAddress) {
    Browser editor = signed_in("editor");
    for (const std::string path :
         {"/governance?meeting=%3Cb%3EYour%20session%20expired%2C%20call%200800%3C%2Fb%3E",
          "/governance?added=Your%20session%20expired%2C%20call%200800"}) {
        auto page = editor.get(path);
        ASSERT_TRUE(page);
        EXPECT_EQ(page->status, 200);
        EXPECT_FALSE(contains(page->body, "call 0800")) << path;
        EXPECT_FALSE(contains(page->body, "govuk-notification-banner--success")) << path;
    }
    Browser admin = signed_in("admin");
    auto users = admin.get("/users?added=Your%20session%20expired%2C%20call%200800");
    ASSERT_TRUE(users);
    EXPECT_FALSE(contains(users->body, "call 0800"));
    EXPECT_FALSE(contains(users->body, "govuk-notification-banner--success"));
    auto action = editor.get("/actions/A43?updated=1");
    ASSERT_TRUE(action);
    EXPECT_FALSE(contains(action->body, "has been saved"));
}

TEST_F(Governance, AddingAMeetingSaysSoOnceOnTheNextPage) {
    Browser editor = signed_in("editor");
    auto meeting = editor.post_form("/governance/meetings", {{"csrf_token", editor.csrf_token()},
                                                             {"body", "osmc"},
                                                             {"meeting_day", "17"},
                                                             {"meeting_month", "12"},
                                                             {"meeting_year", "2015"}});
    ASSERT_TRUE(meeting);
    EXPECT_EQ(meeting->status, 303);
    EXPECT_EQ(meeting->get_header_value("Location"), "/governance");
    auto after = editor.get("/governance");
    ASSERT_TRUE(after);
    EXPECT_TRUE(contains(after->body, "The meeting on 17 December 2015 has been added."));
    // Another person's page says nothing of it, and the next visit is quiet.
    Browser other = signed_in("editor");
    EXPECT_FALSE(contains(other.get("/governance")->body, "has been added"));
    EXPECT_FALSE(contains(editor.get("/governance")->body, "has been added"));
}

}  // namespace
}  // namespace csip::testing
