// Returns uploaded through the API and the pages, on both backends: an upload becomes a job
// that imports it and reports on it; a file of no known format, one over the size limit and one
// without its CSRF token store nothing; a replacement waits for confirmation; the returns held
// are listed with their SHA-256 and import report, and an administrator removes one.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <chrono>
#include <thread>

#include "app/sha256.hpp"
#include "test_server.hpp"

namespace csip::testing {
namespace {

using Json = nlohmann::json;

// Two conference reports, the second with a date that does not exist (line 3, column 3).
constexpr const char* kReports =
    "child_id,conference_type,conference_date,report_shared_date\n"
    "R1,ICPC,2015-08-20,2015-08-14\n"
    "R2,ICPC,2015-02-30,2015-08-14\n";

class Returns : public ::testing::TestWithParam<Backend> {
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

    httplib::Result upload(const httplib::MultipartFormDataItems& parts,
                           const std::string& user = "editor") {
        return server().client().Post("/api/v1/returns", server().bearer(user), parts);
    }

    // Polls the job until it has ended.
    Json finished(const std::string& href, const std::string& user = "editor") {
        for (int i = 0; i < 600; ++i) {
            auto got = server().client().Get(href, server().bearer(user));
            if (!got || got->status != 200) return Json();
            auto job = Json::parse(got->body);
            const auto state = job["state"].get<std::string>();
            if (state != "queued" && state != "running") return job;
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        return Json();
    }

    Json imported(const httplib::MultipartFormDataItems& parts) {
        auto sent = upload(parts);
        EXPECT_TRUE(sent);
        if (!sent) return Json();
        EXPECT_EQ(sent->status, 202) << sent->body;
        const auto body = Json::parse(sent->body);
        EXPECT_EQ(sent->get_header_value("Location"), body["href"].get<std::string>());
        return finished(body["href"].get<std::string>());
    }

    Json held() {
        auto got = server().client().Get("/api/v1/returns", server().bearer("editor"));
        EXPECT_TRUE(got && got->status == 200);
        return got ? Json::parse(got->body)["returns"] : Json();
    }

    std::unique_ptr<TestServer> m_server;
};

TEST_P(Returns, AnUploadIsImportedAsAJobWithItsReportAndHash) {
    const auto before = held().size();
    const auto job = imported({{"file", kReports, "conference reports.csv", "text/csv"}});
    ASSERT_EQ(job["state"], "imported") << job.dump();
    ASSERT_EQ(job["files"].size(), 1U);
    const auto& file = job["files"][0];
    EXPECT_EQ(file["format"], "conference-reports");
    EXPECT_EQ(file["records_read"], 2);
    EXPECT_EQ(file["used"], 1);
    EXPECT_EQ(file["skipped"], 1);
    ASSERT_EQ(file["problems"].size(), 1U);
    EXPECT_EQ(file["problems"][0]["file"], "conference reports.csv");
    EXPECT_EQ(file["problems"][0]["line"], 3);
    EXPECT_GT(file["problems"][0]["column"].get<int>(), 0);

    const auto returns = held();
    ASSERT_EQ(returns.size(), before + 1);
    const auto& stored = returns.back();
    EXPECT_EQ(stored["file"], "conference reports.csv");
    EXPECT_EQ(stored["sha256"], app::sha256_hex(kReports));
    EXPECT_EQ(stored["imported_by"], "editor");

    // The report stays with the return, on its page and as CSV.
    Browser browser = signed_in(server(), "editor");
    const std::string id = std::to_string(stored["id"].get<long long>());
    auto list = browser.get("/returns");
    ASSERT_TRUE(list && list->status == 200);
    EXPECT_TRUE(contains(list->body, app::sha256_hex(kReports)));
    auto page = browser.get("/returns/" + id);
    ASSERT_TRUE(page && page->status == 200) << (page ? page->body : "");
    EXPECT_TRUE(contains(page->body, "conference reports.csv:3:"));
    auto csv = browser.get("/returns/" + id + "/problems.csv");
    ASSERT_TRUE(csv && csv->status == 200);
    EXPECT_TRUE(contains(csv->get_header_value("Content-Disposition"), "attachment"));
    EXPECT_TRUE(contains(csv->body, "conference reports.csv,3,")) << csv->body;
}

TEST_P(Returns, AFileOfNoKnownFormatIsRefusedWithNothingStored) {
    const auto before = held();
    const auto job = imported({{"file", kReports, "reports.csv", "text/csv"},
                               {"file", "just some notes\n", "notes.txt", "text/plain"}});
    ASSERT_EQ(job["state"], "refused") << job.dump();
    EXPECT_TRUE(contains(job["refusal"].get<std::string>(), "notes.txt: not a format csip recognises"));
    EXPECT_TRUE(contains(job["refusal"].get<std::string>(), "Nothing was imported."));
    EXPECT_EQ(held(), before);
}

TEST_P(Returns, AnUploadOverTheLimitIs413AndStoresNothing) {
    auto set = server().client().Patch("/api/v1/settings", server().bearer("editor"),
                                       R"({"upload_limit_mb": 1})", "application/json");
    ASSERT_TRUE(set && set->status == 200) << (set ? set->body : "");
    const auto before = held();
    std::string big = "child_id,conference_type,conference_date,report_shared_date\n";
    while (big.size() < 1100 * 1024) big += "R1,ICPC,2015-08-20,2015-08-14\n";
    auto sent = upload({{"file", big, "big.csv", "text/csv"}});
    ASSERT_TRUE(sent);
    EXPECT_EQ(sent->status, 413);
    EXPECT_TRUE(contains(sent->body, "larger than 1 MB")) << sent->body;
    EXPECT_EQ(held(), before);
}

TEST_P(Returns, OnlyEditorsAndAdministratorsUploadAndAPersonIsNeeded) {
    auto viewer = upload({{"file", kReports, "reports.csv", "text/csv"}}, "viewer");
    ASSERT_TRUE(viewer);
    EXPECT_EQ(viewer->status, 403);
    auto lead = upload({{"file", kReports, "reports.csv", "text/csv"}}, "lead");
    ASSERT_TRUE(lead);
    EXPECT_EQ(lead->status, 403);
    auto nobody = server().client().Post("/api/v1/returns",
                                         httplib::MultipartFormDataItems{
                                             {"file", kReports, "reports.csv", "text/csv"}});
    ASSERT_TRUE(nobody);
    EXPECT_EQ(nobody->status, 401);
    auto list = server().client().Get("/api/v1/returns", server().bearer("viewer"));
    ASSERT_TRUE(list);
    EXPECT_EQ(list->status, 403);
    auto page = signed_in(server(), "viewer").get("/returns");
    ASSERT_TRUE(page);
    EXPECT_EQ(page->status, 403);
}

TEST_P(Returns, AnUploadWithTheSessionCookieNeedsItsCsrfToken) {
    Browser browser = signed_in(server(), "editor");
    const auto before = held();
    // The form's fields without the token.
    auto refused = browser.post_multipart(
        "/returns/upload", {{"format", "detect", "", ""}, {"file", kReports, "reports.csv", "text/csv"}});
    ASSERT_TRUE(refused);
    EXPECT_EQ(refused->status, 403);
    EXPECT_EQ(held(), before);
    // With it, as the form sends it (the token first), the browser is sent to the job's page.
    auto sent = browser.post_multipart("/returns/upload",
                                       {{"csrf_token", browser.csrf_token(), "", ""},
                                        {"format", "detect", "", ""},
                                        {"file", kReports, "reports.csv", "text/csv"}});
    ASSERT_TRUE(sent);
    ASSERT_EQ(sent->status, 303) << sent->body;
    const auto job = sent->get_header_value("Location");
    EXPECT_TRUE(job.starts_with("/returns/jobs/")) << job;
    const auto ended = finished("/api/v1/jobs/" + job.substr(std::string("/returns/jobs/").size()));
    EXPECT_EQ(ended["state"], "imported");
    auto page = browser.get(job);
    ASSERT_TRUE(page && page->status == 200);
    EXPECT_TRUE(contains(page->body, "Import report"));
    EXPECT_TRUE(contains(page->body, "reports.csv:3:"));
    EXPECT_FALSE(contains(page->body, "http-equiv=\"refresh\""));
}

TEST_P(Returns, AReplacementWaitsForConfirmation) {
    ASSERT_EQ(imported({{"file", kReports, "reports.csv", "text/csv"}})["state"], "imported");
    const auto again = imported({{"file", kReports, "reports again.csv", "text/csv"}});
    ASSERT_EQ(again["state"], "confirm") << again.dump();
    EXPECT_TRUE(contains(again["refusal"].get<std::string>(), "reports again.csv: replaces return conference-reports"));
    EXPECT_EQ(held().back()["file"], "reports.csv");

    Browser browser = signed_in(server(), "editor");
    const std::string page = "/returns/jobs/" + again["id"].get<std::string>();
    auto asked = browser.get(page);
    ASSERT_TRUE(asked && asked->status == 200);
    EXPECT_TRUE(contains(asked->body, "Replace them"));
    auto confirmed = browser.submit(page + "/confirm", {});
    ASSERT_TRUE(confirmed);
    ASSERT_EQ(confirmed->status, 303) << confirmed->body;
    const auto next = confirmed->get_header_value("Location");
    const auto done = finished("/api/v1/jobs/" + next.substr(std::string("/returns/jobs/").size()));
    EXPECT_EQ(done["state"], "imported");
    EXPECT_EQ(done["files"][0]["replaced"], true);
    EXPECT_EQ(held().back()["file"], "reports again.csv");

    // Through the API, replace=true confirms it when sending.
    const auto third = imported({{"file", kReports, "third.csv", "text/csv"},
                                 {"replace", "true", "", ""}});
    EXPECT_EQ(third["state"], "imported") << third.dump();
}

TEST_P(Returns, OnlyAnAdministratorRemovesAReturnAndItIsAudited) {
    ASSERT_EQ(imported({{"file", kReports, "reports.csv", "text/csv"}})["state"], "imported");
    const auto stored = held().back();
    const std::string path = "/api/v1/returns/" + std::to_string(stored["id"].get<long long>());
    auto editor = server().client().Delete(path, server().bearer("editor"));
    ASSERT_TRUE(editor);
    EXPECT_EQ(editor->status, 403);
    const auto count = held().size();
    auto admin = server().client().Delete(path, server().bearer("admin"));
    ASSERT_TRUE(admin);
    ASSERT_EQ(admin->status, 200) << admin->body;
    EXPECT_EQ(Json::parse(admin->body)["removed"]["file"], "reports.csv");
    EXPECT_EQ(held().size(), count - 1);
    auto gone = server().client().Delete(path, server().bearer("admin"));
    ASSERT_TRUE(gone);
    EXPECT_EQ(gone->status, 404);
    auto audit = signed_in(server(), "admin").get("/audit");
    ASSERT_TRUE(audit && audit->status == 200);
    EXPECT_TRUE(contains(audit->body, "removed"));
    EXPECT_TRUE(contains(audit->body, "conference-reports"));
}

TEST_P(Returns, TheOpenApiDocumentDescribesTheRoutes) {
    auto got = server().client().Get("/api/v1/openapi.json");
    ASSERT_TRUE(got && got->status == 200);
    const auto paths = Json::parse(got->body)["paths"];
    EXPECT_TRUE(paths.contains("/returns"));
    EXPECT_TRUE(paths["/returns"].contains("post"));
    EXPECT_TRUE(paths["/returns"].contains("get"));
    EXPECT_TRUE(paths.contains("/returns/{id}"));
    EXPECT_TRUE(paths.contains("/jobs/{id}"));
}

INSTANTIATE_TEST_SUITE_P(Backends, Returns, ::testing::Values(Backend::Sqlite, Backend::Postgres),
                         [](const auto& param_info) { return storage::harness::backend_name(param_info.param); });

}  // namespace
}  // namespace csip::testing
