// The meetings calendar, its iCalendar feed and the reminders preview over HTTP, on SQLite and on
// PostgreSQL (the second needs CSIP_TEST_POSTGRES_URL): the meetings from today with what each
// report holds and whether it is published; the feed by cookie, bearer token or ?token=, in
// RFC 5545's form; the reminders each lead would get, without anything sent or claimed; and
// GET /api/v1/meetings.
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

class Calendar : public ::testing::TestWithParam<Backend> {
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
        add_meeting("osmc", "2015-08-20");  // before the demo's today, 15 September 2015
        add_meeting("osmc", "2015-10-01");
        add_meeting("qa_board", "2015-09-30");
    }

    TestServer& server() { return *m_server; }

    void add_meeting(const char* body, const char* on) {
        auto added = server().reports().add_meeting(body, d(on), "test");
        ASSERT_TRUE(added.has_value()) << added.error().message;
    }

    std::unique_ptr<TestServer> m_server;
};

TEST_P(Calendar, ListsTheMeetingsFromTodayWithTheirReports) {
    Browser viewer = signed_in(server(), "viewer");
    auto page = viewer.get("/calendar");
    ASSERT_TRUE(page);
    EXPECT_EQ(page->status, 200);
    EXPECT_TRUE(contains(page->body, "<h1 class=\"govuk-heading-l\">Meetings calendar</h1>"));
    EXPECT_TRUE(contains(page->body, "30 September 2015"));
    EXPECT_TRUE(contains(page->body, "1 October 2015"));
    EXPECT_FALSE(contains(page->body, "20 August 2015")) << "a meeting before today";
    // The earlier meeting first.
    EXPECT_LT(page->body.find("30 September 2015"), page->body.find("1 October 2015"));
    EXPECT_TRUE(contains(page->body, "Every section; every indicator; published to the public"));
    EXPECT_TRUE(contains(page->body, "href=\"/governance/bodies/osmc/report?as_of=2015-10-01\""));
    EXPECT_TRUE(contains(page->body, "Not published"));
    EXPECT_FALSE(contains(page->body, "href=\"/governance/bodies/osmc/publish\""))
        << "a viewer is offered no publishing";

    Browser editor = signed_in(server(), "editor");
    auto offered = editor.get("/calendar");
    ASSERT_TRUE(offered);
    EXPECT_TRUE(contains(offered->body, "href=\"/governance/bodies/osmc/publish\""));
}

TEST_P(Calendar, APublishedMeetingIsMarkedPublished) {
    auto published = server().reports().publish("qa_board", d("2015-09-30"), d("2015-09-15"),
                                                 "editor");
    ASSERT_TRUE(published.has_value()) << published.error().message;
    Browser editor = signed_in(server(), "editor");
    auto page = editor.get("/calendar");
    ASSERT_TRUE(page);
    const std::string row = between(page->body, "30 September 2015", "</tr>");
    EXPECT_TRUE(contains(row, ">Published<")) << row;
    EXPECT_FALSE(contains(row, "/publish")) << "nothing left to publish";
}

TEST_P(Calendar, TheGovernancePageLinksToTheCalendar) {
    Browser viewer = signed_in(server(), "viewer");
    auto page = viewer.get("/governance");
    ASSERT_TRUE(page);
    EXPECT_TRUE(contains(page->body, "href=\"/calendar\""));
    EXPECT_FALSE(contains(page->body, "href=\"/reminders\""));
    Browser editor = signed_in(server(), "editor");
    auto edited = editor.get("/governance");
    ASSERT_TRUE(edited);
    EXPECT_TRUE(contains(edited->body, "href=\"/reminders\""));
}

TEST_P(Calendar, TheFeedIsRfc5545WithMeetingsAndActionsDue) {
    auto client = server().client();
    auto feed = client.Get("/calendar.ics", server().bearer("viewer"));
    ASSERT_TRUE(feed);
    EXPECT_EQ(feed->status, 200);
    EXPECT_EQ(feed->get_header_value("Content-Type"), "text/calendar; charset=utf-8");
    const std::string& text = feed->body;
    EXPECT_EQ(text.rfind("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", 0), 0u);
    EXPECT_TRUE(contains(text, "\r\nPRODID:"));
    EXPECT_TRUE(contains(text, "\r\nEND:VCALENDAR\r\n"));
    EXPECT_TRUE(contains(text, "UID:meeting-osmc-2015-10-01@csip\r\n"));
    EXPECT_TRUE(contains(text, "UID:meeting-osmc-2015-08-20@csip\r\n")) << "every meeting";
    EXPECT_TRUE(contains(text, "DTSTART;VALUE=DATE:20151001\r\n"));
    EXPECT_TRUE(contains(text, "UID:action-A43@csip\r\n"));
    EXPECT_TRUE(contains(text, "DTSTAMP:2015"));
    // Every line ends CRLF and none is longer than 75 octets.
    std::size_t start = 0;
    while (start < text.size()) {
        const auto end = text.find('\n', start);
        ASSERT_NE(end, std::string::npos);
        ASSERT_GT(end, start);
        EXPECT_EQ(text[end - 1], '\r');
        EXPECT_LE(end - 1 - start, 75u);
        start = end + 1;
    }
    // A complete action has no due date left to keep.
    auto plan = server().plans().plan();
    ASSERT_TRUE(plan.has_value());
    for (const auto& workstream : plan->workstreams) {
        for (const auto& commitment : workstream.commitments) {
            for (const auto& action : commitment.actions) {
                if (action.status != domain::ActionStatus::Complete) continue;
                EXPECT_FALSE(contains(text, "UID:action-" + action.id + "@csip\r\n")) << action.id;
            }
        }
    }
}

TEST_P(Calendar, TheFeedTakesATokenInTheAddressAndRefusesWithoutOne) {
    auto client = server().client();
    const std::string token = server().bearer("viewer").find("Authorization")->second.substr(7);
    auto subscribed = client.Get("/calendar.ics?token=" + token);
    ASSERT_TRUE(subscribed);
    EXPECT_EQ(subscribed->status, 200);
    EXPECT_TRUE(contains(subscribed->body, "BEGIN:VEVENT"));
    auto without = client.Get("/calendar.ics");
    ASSERT_TRUE(without);
    EXPECT_EQ(without->status, 401);
    auto wrong = client.Get("/calendar.ics?token=not-a-token");
    ASSERT_TRUE(wrong);
    EXPECT_EQ(wrong->status, 401);
    EXPECT_FALSE(contains(wrong->body, "BEGIN:VCALENDAR"));

    Browser viewer = signed_in(server(), "viewer");
    auto by_cookie = viewer.get("/calendar.ics");
    ASSERT_TRUE(by_cookie);
    EXPECT_EQ(by_cookie->status, 200);
}

TEST_P(Calendar, RemindersShowWhatEachLeadWouldGetAndSendNothing) {
    ASSERT_TRUE(server().reports().set_setting("smtp.url", "smtp://mailer:s3cret@127.0.0.1:1",
                                               "test"));
    ASSERT_TRUE(server().reports().set_setting("smtp.from", "csip@westbury.example", "test"));
    ASSERT_TRUE(server().reports().set_setting(std::string("email.") + kLeadOfficer,
                                               "safeguarding@westbury.example", "test"));
    Browser editor = signed_in(server(), "editor");
    auto page = editor.get("/reminders");
    ASSERT_TRUE(page);
    EXPECT_EQ(page->status, 200);
    EXPECT_TRUE(contains(page->body, "<h2 class=\"govuk-heading-m\" id=\"lead-"));
    EXPECT_TRUE(contains(page->body, kLeadOfficer));
    EXPECT_TRUE(contains(page->body, "safeguarding@westbury.example"));
    EXPECT_TRUE(contains(page->body, "No address set")) << "another lead has none";
    EXPECT_TRUE(contains(page->body, "smtp://127.0.0.1:1"));
    EXPECT_TRUE(contains(page->body, "csip@westbury.example"));
    EXPECT_FALSE(contains(page->body, "s3cret")) << "never a password";
    EXPECT_TRUE(contains(page->body, "Improvement plan actions for"));

    // Nothing was claimed: the real run still sends to the lead.
    std::vector<std::string> sent_to;
    auto run = server().reports().reminders(
        server().clock().today(), 14,
        [&](const app::SmtpSettings&, const std::string& to, const std::string&,
            const std::string&) -> Result<void> {
            sent_to.push_back(to);
            return {};
        });
    ASSERT_TRUE(run.has_value()) << run.error().message;
    EXPECT_EQ(sent_to, std::vector<std::string>{"safeguarding@westbury.example"});
}

TEST_P(Calendar, RemindersSayWhenNoMailServerIsSet) {
    Browser admin = signed_in(server(), "admin");
    auto page = admin.get("/reminders");
    ASSERT_TRUE(page);
    EXPECT_EQ(page->status, 200);
    EXPECT_TRUE(contains(page->body, "Not set: reminders are not e-mailed"));
}

TEST_P(Calendar, OnlyEditorsAndAdministratorsSeeTheReminders) {
    for (const char* user : {"viewer", "lead"}) {
        Browser browser = signed_in(server(), user);
        auto page = browser.get("/reminders");
        ASSERT_TRUE(page);
        EXPECT_EQ(page->status, 403) << user;
        EXPECT_FALSE(contains(page->body, "Improvement plan actions for")) << user;
    }
}

TEST_P(Calendar, TheApiGivesTheMeetingsFromToday) {
    auto client = server().client();
    auto answer = client.Get("/api/v1/meetings", server().bearer("viewer"));
    ASSERT_TRUE(answer);
    EXPECT_EQ(answer->status, 200);
    const auto document = Json::parse(answer->body);
    EXPECT_EQ(document.at("from"), "2015-09-15");
    const auto& meetings = document.at("meetings");
    ASSERT_EQ(meetings.size(), 2u);
    EXPECT_EQ(meetings[0].at("body"), "qa_board");
    EXPECT_EQ(meetings[0].at("date"), "2015-09-30");
    EXPECT_EQ(meetings[0].at("published"), false);
    EXPECT_EQ(meetings[1].at("body"), "osmc");
    EXPECT_EQ(meetings[1].at("public"), true);
    EXPECT_EQ(meetings[1].at("report").at("case_level"), false);
    auto anonymous = client.Get("/api/v1/meetings");
    ASSERT_TRUE(anonymous);
    EXPECT_EQ(anonymous->status, 401);
}

INSTANTIATE_TEST_SUITE_P(Backends, Calendar, ::testing::Values(Backend::Sqlite, Backend::Postgres),
                         [](const auto& backend) { return backend_name(backend.param); });

}  // namespace
}  // namespace csip::testing
