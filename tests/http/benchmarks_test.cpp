// The published figures in the web application: GET /api/v1/benchmarks gives what
// `csip benchmarks --format json` gives, after the department's real files in data/benchmarks
// are imported through BenchmarkService and the council's LA code is set to West Berkshire's
// (869); the page shows the comparison, the neighbours' own figures, the council's returns
// against the published figures and the files held, to every role, viewers included; the
// indicators page and the dashboard say each indicator's latest published year.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <stdexcept>

#include "../support/temp_dir.hpp"
#include "test_server.hpp"

namespace csip::testing {
namespace {

using Json = nlohmann::json;

// The demo authority with every published file in data/benchmarks imported and its LA code set.
// Importing them takes a few seconds under the sanitizers, so the tests share one server.
class Benchmarks : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        server = new TestServer();
        app::BenchmarkImportRequest request;
        for (const auto& entry :
             std::filesystem::directory_iterator(source_dir() / "data" / "benchmarks")) {
            if (entry.path().extension() != ".csv") continue;
            request.files.push_back(entry.path().string());
        }
        // In the demo's order: the 2025 neighbour model is imported last, so it is in force.
        std::sort(request.files.begin(), request.files.end());
        for (const auto& file : request.files) {
            request.names.push_back(std::filesystem::path(file).filename().string());
        }
        request.by = "test";
        auto imported = server->benchmarks().import_files(request);
        if (!imported) throw std::runtime_error(imported.error().message);
        auto set = server->indicators().set_setting("la_code", 869, "test");
        if (!set) throw std::runtime_error(set.error().message);
    }
    static void TearDownTestSuite() {
        delete server;
        server = nullptr;
    }

    static httplib::Result api(const std::string& path, const std::string& user = "viewer") {
        return server->client().Get(path, server->bearer(user));
    }

    static const Json* measure(const Json& document, const std::string& id) {
        for (const auto& m : document["measures"]) {
            if (m["id"] == id) return &m;
        }
        return nullptr;
    }

    static TestServer* server;
};

TestServer* Benchmarks::server = nullptr;

TEST_F(Benchmarks, TheApiGivesWestBerkshiresLatestYearAgainstEnglandAndItsNeighbours) {
    auto result = api("/api/v1/benchmarks?year=2025");
    ASSERT_TRUE(result);
    ASSERT_EQ(result->status, 200) << result->body;
    EXPECT_EQ(result->get_header_value("Content-Type"), "application/json");
    const auto document = Json::parse(result->body);
    EXPECT_EQ(document["la"]["code"], "869");
    EXPECT_EQ(document["la"]["name"], "West Berkshire");
    EXPECT_EQ(document["la"]["region"], "South East");
    EXPECT_EQ(document["year"], "2025");
    EXPECT_EQ(document["neighbours"].size(), 10u);
    const auto* assessments = measure(document, "assessments_45wd");
    ASSERT_NE(assessments, nullptr);
    EXPECT_DOUBLE_EQ((*assessments)["la"].get<double>(), 93.4);
    EXPECT_DOUBLE_EQ((*assessments)["england"].get<double>(), 85.7);
    EXPECT_EQ((*assessments)["quartile"], "A");
    EXPECT_EQ((*assessments)["neighbour_values"].size(), 10u);
    const auto* icpc = measure(document, "icpc_15wd");
    ASSERT_NE(icpc, nullptr) << result->body;
    EXPECT_DOUBLE_EQ((*icpc)["la"].get<double>(), 74.1);
    // The same with the council named, and with the latest year by default.
    auto named = api("/api/v1/benchmarks?la=869&year=2025");
    ASSERT_TRUE(named);
    EXPECT_EQ(named->body, result->body);
    auto latest = api("/api/v1/benchmarks");
    ASSERT_TRUE(latest);
    EXPECT_EQ(latest->status, 200);
    EXPECT_EQ(Json::parse(latest->body)["year"], "2025");
}

TEST_F(Benchmarks, TheApiRefusesAYearOrCouncilThatIsNotOne) {
    for (const char* path : {"/api/v1/benchmarks?year=twenty", "/api/v1/benchmarks?year=25",
                             "/api/v1/benchmarks?la=86"}) {
        auto result = api(path);
        ASSERT_TRUE(result);
        EXPECT_EQ(result->status, 400) << path;
        const auto document = Json::parse(result->body);
        EXPECT_EQ(document["error"]["code"], "invalid_input");
        EXPECT_FALSE(document["error"]["field"].get<std::string>().empty());
    }
    auto unpublished = api("/api/v1/benchmarks?year=1999");
    ASSERT_TRUE(unpublished);
    EXPECT_EQ(unpublished->status, 404);
    EXPECT_EQ(Json::parse(unpublished->body)["error"]["code"], "not_found");
    auto unknown = api("/api/v1/benchmarks?la=100");
    ASSERT_TRUE(unknown);
    EXPECT_EQ(unknown->status, 404);
    auto anonymous = server->client().Get("/api/v1/benchmarks");
    ASSERT_TRUE(anonymous);
    EXPECT_EQ(anonymous->status, 401);
    auto openapi = server->client().Get("/api/v1/openapi.json");
    ASSERT_TRUE(openapi);
    EXPECT_TRUE(Json::parse(openapi->body)["paths"].contains("/benchmarks"));
}

TEST_F(Benchmarks, AViewerReadsThePageWithTheNeighboursOwnFigures) {
    auto browser = signed_in(*server, "viewer");
    auto page = browser.get("/benchmarks?year=2025");
    ASSERT_TRUE(page);
    ASSERT_EQ(page->status, 200) << page->body;
    const auto& html = page->body;
    EXPECT_TRUE(contains(html, "<title>Benchmarks – Children's services improvement</title>"));
    EXPECT_TRUE(contains(html, "href=\"/benchmarks\" aria-current=\"page\""));
    EXPECT_TRUE(contains(html, "West Berkshire (LA 869)"));
    EXPECT_TRUE(contains(html, "South East"));
    EXPECT_TRUE(contains(html, "<option value=\"2025\" selected>2025</option>"));
    // The comparison: council, England, region, neighbours' median, rank, band and source.
    const std::string measures = between(html, "id=\"measures\"", "</table>");
    EXPECT_TRUE(contains(measures, "93.4%"));
    EXPECT_TRUE(contains(measures, "85.7%"));
    EXPECT_TRUE(contains(measures, "86.5%"));
    EXPECT_TRUE(contains(measures, "10 of 10 with a value"));
    EXPECT_TRUE(contains(measures, "31 of 152"));
    EXPECT_TRUE(contains(measures, "Band A"));
    EXPECT_TRUE(contains(measures, "74.1%"));
    EXPECT_TRUE(contains(measures, "(context measure)"));
    // The neighbours' own figures, a column each.
    const std::string neighbours = between(html, "id=\"neighbours\"", "</table>");
    for (const char* name :
         {"Buckinghamshire", "Hampshire", "Oxfordshire", "Bracknell Forest", "Hertfordshire",
          "Cambridgeshire", "Central Bedfordshire", "Wiltshire", "Gloucestershire", "Bromley"}) {
        EXPECT_TRUE(contains(neighbours, name)) << name;
    }
    EXPECT_TRUE(contains(neighbours, "96.4%"));
    // The files held, and the CSV of the figures shown.
    const std::string sources = between(html, "id=\"sources\"", "</table>");
    EXPECT_TRUE(contains(sources, "social work workforce"));
    EXPECT_TRUE(contains(sources, "LAIT: Local Authority Interactive Tool"));
    const std::string csv = attribute_after(html, "Download these figures as CSV", "href");
    EXPECT_EQ(csv, "/benchmarks.csv?year=2025&amp;la=869");
    auto file = browser.get("/benchmarks.csv?year=2025&la=869");
    ASSERT_TRUE(file);
    EXPECT_EQ(file->status, 200);
    EXPECT_TRUE(contains(file->get_header_value("Content-Type"), "text/csv"));
    EXPECT_TRUE(contains(file->body, "869,West Berkshire,2025,assessments_45wd"));
}

TEST_F(Benchmarks, ThePageSetsTheCouncilsReturnsAgainstThePublishedFigures) {
    // A year is set against its published figure once it has ended: the demo's returns cover
    // 2015-16, which ends on 31 March 2016.
    using namespace std::chrono_literals;
    const auto year = std::chrono::seconds(24h * 366);
    server->clock().advance(year);
    auto browser = signed_in(*server, "editor");
    auto page = browser.get("/benchmarks?year=2016");
    server->clock().advance(-year);
    ASSERT_TRUE(page);
    ASSERT_EQ(page->status, 200);
    const std::string table = between(page->body, "id=\"reconciliation\"", "</table>");
    EXPECT_TRUE(contains(table, "Your returns against the published figures"));
    EXPECT_TRUE(contains(table, "2015-16"));
    EXPECT_TRUE(contains(table, "86.1%"));
    EXPECT_TRUE(contains(table, "−3.1 points"));
}

TEST_F(Benchmarks, TheIndicatorsAndTheDashboardSayTheLatestPublishedYear) {
    auto browser = signed_in(*server, "viewer");
    auto page = browser.get("/indicators");
    ASSERT_TRUE(page);
    ASSERT_EQ(page->status, 200);
    const std::string assessments = between(
        page->body, "<section class=\"csip-indicator\" id=\"assessments_45wd\"", "</section>");
    EXPECT_TRUE(contains(assessments, "Published 2024-25: 93.4% (England 85.7%, South East 89.9%"))
        << assessments.substr(0, 2000);
    EXPECT_TRUE(contains(assessments, "86.5%, band A)"));
    EXPECT_TRUE(contains(assessments, "Source: LAIT: Local Authority Interactive Tool"));
    // The chart draws the published years too, and its second table gives them.
    EXPECT_TRUE(contains(assessments, "Published figures by year"));
    const std::string years = between(assessments, "id=\"assessments_45wd-published\"", "</table>");
    EXPECT_TRUE(contains(years, "2024-25"));
    EXPECT_TRUE(contains(years, "West Berkshire"));
    EXPECT_TRUE(contains(years, "93.4%"));
    const std::string icpc =
        between(page->body, "<section class=\"csip-indicator\" id=\"icpc_15wd\"", "</section>");
    EXPECT_TRUE(contains(icpc, "Published 2024-25: 74.1% (England 81.4%"));

    auto dashboard = browser.get("/");
    ASSERT_TRUE(dashboard);
    const std::string tiles = between(dashboard->body, "aria-label=\"Indicators\"", "</ul>");
    EXPECT_TRUE(contains(tiles, "Published 2024-25: 93.4% (England 85.7%"))
        << tiles.substr(0, 3000);
    EXPECT_TRUE(contains(tiles, "href=\"/benchmarks?year=2025&amp;la=869\""));
}

TEST_F(Benchmarks, ThePageSaysWhatIsWrongWithACodeAndWhatIsNotPublished) {
    auto browser = signed_in(*server, "viewer");
    auto bad = browser.get("/benchmarks?la=8x9");
    ASSERT_TRUE(bad);
    EXPECT_EQ(bad->status, 400);
    EXPECT_TRUE(contains(bad->body, "<title>Error: Benchmarks"));
    EXPECT_TRUE(contains(bad->body, "href=\"#la\">Enter the LA code as 3 numbers"));
    EXPECT_TRUE(contains(bad->body, "value=\"8x9\""));
    auto unknown = browser.get("/benchmarks?la=100");
    ASSERT_TRUE(unknown);
    EXPECT_EQ(unknown->status, 404);
    EXPECT_TRUE(contains(unknown->body, "No published figure names LA 100."));
    auto year = browser.get("/benchmarks?year=1999");
    ASSERT_TRUE(year);
    EXPECT_EQ(year->status, 404);
    EXPECT_TRUE(contains(year->body, "Nothing is published for 1999"));
}

TEST(BenchmarksNotHeld, ThePageSaysWhatToDoWhenNothingIsHeld) {
    TestServer server(TestServerOptions{.case_data = false});
    auto admin = signed_in(server, "admin");
    auto page = admin.get("/benchmarks");
    ASSERT_TRUE(page);
    EXPECT_EQ(page->status, 200);
    EXPECT_TRUE(contains(page->body, "No council is chosen"));
    EXPECT_TRUE(contains(page->body, "href=\"/benchmarks/import\""));
    EXPECT_TRUE(contains(page->body, "href=\"/settings/la_code\""));
    auto viewer = signed_in(server, "viewer");
    auto seen = viewer.get("/benchmarks");
    ASSERT_TRUE(seen);
    EXPECT_FALSE(contains(seen->body, "href=\"/benchmarks/import\""));
    EXPECT_TRUE(contains(seen->body,
                         "An editor or an administrator imports the department's published files"));
    // The settings page says an LA code not yet set is not set, and asks for one as a code.
    auto settings = admin.get("/settings");
    ASSERT_TRUE(settings);
    EXPECT_EQ(between(settings->body, "id=\"la_code-value\">", "</p>"), "<strong>Not set</strong>");
    EXPECT_EQ(between(settings->body, "id=\"neighbour_model-value\">", "</p>"),
              "<strong>Not set (the latest imported)</strong>");
    auto form = admin.get("/settings/la_code");
    ASSERT_TRUE(form);
    EXPECT_TRUE(contains(form->body, "3 numbers from 100 to 999, for example 869"));
    EXPECT_FALSE(contains(form->body, "working days"));
    auto refused = admin.submit("/settings/la_code", {{"value", "42"}});
    ASSERT_TRUE(refused);
    EXPECT_EQ(refused->status, 400);
    EXPECT_TRUE(contains(refused->body, "Enter the LA code as 3 numbers from 100 to 999"));
    auto saved = admin.submit("/settings/la_code", {{"value", "869"}});
    ASSERT_TRUE(saved);
    EXPECT_EQ(saved->status, 303);
    auto after = admin.get("/settings");
    ASSERT_TRUE(after);
    EXPECT_TRUE(contains(after->body, "LA code is now 869"));
    auto api = server.client().Get("/api/v1/benchmarks", server.bearer("viewer"));
    ASSERT_TRUE(api);
    // With the code set and nothing imported, the API says nothing is published.
    EXPECT_EQ(api->status, 404);
}

// LAIT's long table for two councils and England, and a neighbour model, as a person uploads them.
constexpr const char* kLait =
    "measure,data_item,years,area,value,la_number,region\n"
    "Continue_Assess_Comp,,2025,West Berkshire,93.4,869,South East\n"
    "Continue_Assess_Comp,,2025,Bracknell Forest,79.1,867,South East\n"
    "Continue_Assess_Comp,,2025,England,85.7,970,NA\n";
constexpr const char* kModel =
    "old_la_code,la_name,region_ind,region_name,SN_1,SN_1P\n"
    "869,West Berkshire,8,South East,867,Very close\n";

TEST(BenchmarksImport, AnEditorImportsPublishedFilesInTheBrowserAndAViewerMayNot) {
    TestServer server(TestServerOptions{.case_data = false});
    auto viewer = signed_in(server, "viewer");
    auto refused = viewer.get("/benchmarks/import");
    ASSERT_TRUE(refused);
    EXPECT_EQ(refused->status, 403);
    auto editor = signed_in(server, "editor");
    auto form = editor.get("/benchmarks/import");
    ASSERT_TRUE(form);
    EXPECT_EQ(form->status, 200);
    EXPECT_TRUE(contains(form->body, "enctype=\"multipart/form-data\""));
    // Without the form's token nothing is imported.
    auto forged =
        editor.post_multipart("/benchmarks/import", {{"file", kLait, "lait.csv", "text/csv"}});
    ASSERT_TRUE(forged);
    EXPECT_EQ(forged->status, 403);
    // A batch with a file of no published format: refused, naming it, and nothing is stored.
    auto bad = editor.post_multipart("/benchmarks/import",
                                     {{"csrf_token", editor.csrf_token(), "", ""},
                                      {"file", kLait, "lait.csv", "text/csv"},
                                      {"file", "a,b\n1,2\n", "notes.csv", "text/csv"}});
    ASSERT_TRUE(bad);
    EXPECT_EQ(bad->status, 400);
    EXPECT_TRUE(contains(bad->body, "notes.csv: the header row is no published format"));
    auto none = server.benchmarks().benchmarks(std::string("869"), std::nullopt);
    EXPECT_FALSE(none);
    auto sent = editor.post_multipart("/benchmarks/import",
                                      {{"csrf_token", editor.csrf_token(), "", ""},
                                       {"file", kLait, "lait.csv", "text/csv"},
                                       {"file", kModel, "sn_model_2025.csv", "text/csv"},
                                       {"model", "", "", ""}});
    ASSERT_TRUE(sent);
    EXPECT_EQ(sent->status, 200) << sent->body;
    EXPECT_TRUE(contains(sent->body, "Published figures imported"));
    EXPECT_TRUE(contains(sent->body,
                         "lait.csv: 3 figures (0 withheld) of Assessments completed within 45 "
                         "working days"));
    EXPECT_TRUE(contains(sent->body, "sn_model_2025.csv: the statistical-neighbour model 2025"));
    auto page = editor.get("/benchmarks?la=869");
    ASSERT_TRUE(page);
    EXPECT_EQ(page->status, 200);
    EXPECT_TRUE(contains(page->body, "93.4%"));
    EXPECT_TRUE(contains(page->body, "79.1%"));  // the one neighbour's median
}

TEST(BenchmarksImport, TheApiImportsWithATokenAndSaysWhatEachFileGave) {
    TestServer server(TestServerOptions{.case_data = false});
    auto client = server.client();
    httplib::MultipartFormDataItems parts = {{"file", kLait, "lait.csv", "text/csv"}};
    auto viewer = client.Post("/api/v1/benchmarks", server.bearer("viewer"), parts);
    ASSERT_TRUE(viewer);
    EXPECT_EQ(viewer->status, 403);
    auto imported = client.Post("/api/v1/benchmarks", server.bearer("editor"), parts);
    ASSERT_TRUE(imported);
    ASSERT_EQ(imported->status, 200) << imported->body;
    const auto body = Json::parse(imported->body);
    ASSERT_EQ(body["files"].size(), 1U);
    EXPECT_EQ(body["files"][0]["file"], "lait.csv");
    EXPECT_EQ(body["files"][0]["figures"], 3);
    EXPECT_EQ(body["files"][0]["measures"][0], "assessments_45wd");
    auto shown = client.Get("/api/v1/benchmarks?la=869", server.bearer("viewer"));
    ASSERT_TRUE(shown);
    EXPECT_EQ(shown->status, 200);
    EXPECT_EQ(Json::parse(shown->body)["measures"][0]["la"], 93.4);
    auto empty = client.Post("/api/v1/benchmarks", server.bearer("editor"),
                             httplib::MultipartFormDataItems{{"note", "x", "", ""}});
    ASSERT_TRUE(empty);
    EXPECT_EQ(empty->status, 400);
    EXPECT_EQ(Json::parse(empty->body)["error"]["field"], "file");
}

}  // namespace
}  // namespace csip::testing
