// The plan-editing API under /api/v1, on SQLite and on PostgreSQL (the second needs
// CSIP_TEST_POSTGRES_URL; with CSIP_REQUIRE_POSTGRES=1 its absence fails the tests): each item
// read with its version, added (201 with Location), changed, moved, retired and restored; the
// inspection and the whole plan replaced; evidence added as JSON or with a file and the file given
// back byte for byte; and every refusal the API promises (400 naming the field, 403, 404, 409
// with the item as it now is, 413).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <map>
#include <memory>

#include "test_server.hpp"

namespace csip::testing {
namespace {

using Json = nlohmann::json;
using storage::harness::backend_name;

class PlanApi : public ::testing::TestWithParam<Backend> {
  protected:
    void SetUp() override {
        if (const auto why = storage::harness::unavailable_reason(GetParam())) {
            if (storage::harness::postgres_required()) FAIL() << *why;
            GTEST_SKIP() << *why;
        }
        m_server = std::make_unique<TestServer>(plan_only());
    }

    // The demo plan without its case data: the plan API needs no indicators computed.
    TestServerOptions plan_only() const {
        TestServerOptions options;
        options.backend = GetParam();
        options.case_data = false;
        return options;
    }

    TestServer& server() { return *m_server; }

    httplib::Result get(const std::string& path, const std::string& user = "viewer") {
        return server().client().Get(path, server().bearer(user));
    }
    httplib::Result post(const std::string& path, const std::string& body,
                         const std::string& user = "editor") {
        return server().client().Post(path, server().bearer(user), body, "application/json");
    }
    httplib::Result patch(const std::string& path, const std::string& body,
                          const std::string& user = "editor") {
        return server().client().Patch(path, server().bearer(user), body, "application/json");
    }
    httplib::Result put(const std::string& path, const std::string& body,
                        const std::string& user = "editor") {
        return server().client().Put(path, server().bearer(user), body, "application/json");
    }
    httplib::Result upload(const std::string& path, const httplib::MultipartFormDataItems& parts,
                           const std::string& user = "editor") {
        return server().client().Post(path, server().bearer(user), parts);
    }

    // The JSON of an answer with `status`.
    static Json answer(const httplib::Result& result, int status) {
        EXPECT_TRUE(result);
        if (!result) return {};
        EXPECT_EQ(result->status, status) << result->body;
        EXPECT_EQ(result->get_header_value("Content-Type"), "application/json");
        auto document = Json::parse(result->body, nullptr, false);
        EXPECT_FALSE(document.is_discarded()) << result->body;
        return document;
    }

    // Checks an error document: its status, code and (when given) field; returns it.
    static Json expect_error(const httplib::Result& result, int status, const std::string& code,
                             const std::string& field = {}) {
        const auto document = answer(result, status);
        if (!document.is_object() || !document.contains("error")) {
            ADD_FAILURE() << "not an error document";
            return document;
        }
        EXPECT_EQ(document["error"]["code"], code) << result->body;
        EXPECT_FALSE(document["error"]["message"].get<std::string>().empty());
        if (!field.empty()) {
            EXPECT_EQ(document["error"].value("field", ""), field) << result->body;
        }
        return document;
    }

    // The ids in a list answer's `key`.
    static std::vector<std::string> ids(const Json& list, const std::string& key) {
        std::vector<std::string> out;
        for (const auto& item : list[key]) out.push_back(item["id"].get<std::string>());
        return out;
    }

    std::unique_ptr<TestServer> m_server;
};

bool has(const std::vector<std::string>& ids, const std::string& id) {
    return std::find(ids.begin(), ids.end(), id) != ids.end();
}

// A small PDF with every byte value in it, and its SHA-256 (from sha256sum).
std::string sample_pdf() {
    std::string bytes = "%PDF-1.4\n";
    for (int round = 0; round < 40; ++round) {
        for (int value = 0; value < 256; ++value) bytes += static_cast<char>(value);
    }
    return bytes + "\n%%EOF\n";
}
constexpr const char* kSamplePdfSha256 =
    "b5c6abf3c908220d239e16dc6a3b8cf80ca6051f61f55148ff1325c3e85a8b7c";

TEST_P(PlanApi, EveryRouteNeedsCredentials) {
    auto client = server().client();
    for (const char* path :
         {"/api/v1/inspection", "/api/v1/recommendations", "/api/v1/workstreams/W1",
          "/api/v1/commitments/C4/actions", "/api/v1/measures/M8/evidence"}) {
        expect_error(client.Get(path), 401, "unauthenticated");
    }
    expect_error(client.Post("/api/v1/recommendations", R"({"category": "priority", "text": "x"})",
                             "application/json"),
                 401, "unauthenticated");
    expect_error(client.Patch("/api/v1/actions/A20", R"({"version": 1})", "application/json"), 401,
                 "unauthenticated");
}

TEST_P(PlanApi, EachItemIsReadWithItsVersion) {
    const auto recommendation = answer(get("/api/v1/recommendations/R1"), 200);
    EXPECT_EQ(recommendation["id"], "R1");
    EXPECT_EQ(recommendation["category"], "priority");
    EXPECT_EQ(recommendation["version"], 1);
    EXPECT_TRUE(recommendation["retired"].is_null());

    const auto workstream = answer(get("/api/v1/workstreams/W2"), 200);
    EXPECT_EQ(workstream["title"], "Improving the Quality of our Practice");
    EXPECT_EQ(workstream["lead"], "Principal Social Worker");
    EXPECT_EQ(workstream["position"], 2);
    EXPECT_EQ(workstream["commitments"], Json::parse(R"(["C4", "C5", "C6"])"));
    EXPECT_EQ(workstream["version"], 1);

    const auto commitment = answer(get("/api/v1/commitments/C4"), 200);
    EXPECT_EQ(commitment["workstream"], "W2");
    EXPECT_EQ(commitment["recommendations"], Json::parse(R"(["R4", "R5", "R6"])"));
    EXPECT_EQ(commitment["measures"], Json::parse(R"(["M8", "M9", "M10", "M11", "M12"])"));
    EXPECT_EQ(commitment["actions"], Json::parse(R"(["A16", "A17", "A18", "A19", "A20"])"));

    const auto measure = answer(get("/api/v1/measures/M8"), 200);
    EXPECT_EQ(measure["commitment"], "C4");
    EXPECT_EQ(measure["kind"], "measured");
    EXPECT_TRUE(measure["indicator"].is_string());
    EXPECT_TRUE(measure["target"].is_number());
    EXPECT_EQ(measure["status"], "not_assessed");
    EXPECT_TRUE(measure["status_by"].is_null());
    EXPECT_EQ(measure["version"], 1);

    const auto action = answer(get("/api/v1/actions/A19"), 200);
    EXPECT_EQ(action["commitment"], "C4");
    EXPECT_EQ(action["lead"], kLeadOfficer);
    EXPECT_EQ(action["due"], "2015-10-31");
    EXPECT_EQ(action["original_due"], "2015-10-31");
    EXPECT_EQ(action["rescheduled"], false);
    EXPECT_EQ(action["status"], "in_progress");
    EXPECT_TRUE(action["rag"].is_string());
    EXPECT_EQ(action["version"], 1);
    EXPECT_TRUE(action["retired"].is_null());

    const auto lists = answer(get("/api/v1/workstreams", "lead"), 200);
    EXPECT_EQ(ids(lists, "workstreams"), (std::vector<std::string>{"W1", "W2", "W3", "W4", "W5"}));
    EXPECT_EQ(answer(get("/api/v1/recommendations"), 200)["recommendations"].size(), 17u);
    EXPECT_EQ(ids(answer(get("/api/v1/workstreams/W1/commitments"), 200), "commitments"),
              (std::vector<std::string>{"C1", "C2", "C3"}));
    EXPECT_EQ(answer(get("/api/v1/commitments/C4/measures"), 200)["measures"].size(), 5u);
    EXPECT_EQ(ids(answer(get("/api/v1/commitments/C2/actions"), 200), "actions"),
              (std::vector<std::string>{"A8", "A9", "A10", "A11"}));
}

TEST_P(PlanApi, WhatIsNotInThePlanIsNotFound) {
    expect_error(get("/api/v1/recommendations/R99"), 404, "not_found", "id");
    expect_error(get("/api/v1/actions/A999"), 404, "not_found", "id");
    expect_error(get("/api/v1/workstreams/W9/commitments"), 404, "not_found");
    expect_error(get("/api/v1/commitments/C99/measures"), 404, "not_found");
    expect_error(get("/api/v1/measures/M99/evidence"), 404, "not_found");
    expect_error(get("/api/v1/evidence/999"), 404, "not_found");
    expect_error(get("/api/v1/evidence/999/file"), 404, "not_found");
    expect_error(patch("/api/v1/actions/A999", R"({"version": 1, "text": "x"})"), 404, "not_found");
    expect_error(post("/api/v1/commitments/C99/actions",
                      R"({"text": "x", "lead": "y", "due": "2016-01-31"})"),
                 404, "not_found");
    expect_error(post("/api/v1/actions/A999/retire", R"({"version": 1, "reason": "x"})"), 404,
                 "not_found");
}

TEST_P(PlanApi, ViewersAndLeadsReadThePlanButMayNotChangeIt) {
    for (const char* user : {"viewer", "lead"}) {
        EXPECT_EQ(get("/api/v1/inspection", user)->status, 200);
        expect_error(
            post("/api/v1/recommendations", R"({"category": "priority", "text": "x"})", user), 403,
            "forbidden");
        expect_error(patch("/api/v1/actions/A19", R"({"version": 1, "text": "Mine now"})", user),
                     403, "forbidden");
        expect_error(post("/api/v1/actions/A19/retire", R"({"version": 1, "reason": "x"})", user),
                     403, "forbidden");
        expect_error(put("/api/v1/inspection", R"({"version": 1})", user), 403, "forbidden");
        expect_error(post("/api/v1/plan", R"({"authority": "a", "title": "b"})", user), 403,
                     "forbidden");
        expect_error(put("/api/v1/plan", "{}", user), 403, "forbidden");
    }
    EXPECT_EQ(answer(get("/api/v1/actions/A19"), 200)["version"], 1);
    // An administrator changes the plan as an editor does.
    answer(patch("/api/v1/actions/A19", R"({"version": 1, "text": "Audit strategy discussions"})",
                 "admin"),
           200);
}

TEST_P(PlanApi, ARecommendationIsAddedWithItsAddressAndChanged) {
    auto added = post(
        "/api/v1/recommendations",
        R"({"category": "improvement", "text": "Improve the timeliness of return interviews."})");
    const auto created = answer(added, 201);
    EXPECT_EQ(created["id"], "R18");
    EXPECT_EQ(created["version"], 1);
    EXPECT_EQ(added->get_header_value("Location"), "/api/v1/recommendations/R18");
    EXPECT_EQ(answer(get("/api/v1/recommendations/R18"), 200), created);
    EXPECT_TRUE(has(ids(answer(get("/api/v1/recommendations"), 200), "recommendations"), "R18"));

    const auto changed = answer(
        patch("/api/v1/recommendations/R18", R"({"version": 1, "category": "priority"})"), 200);
    EXPECT_EQ(changed["category"], "priority");
    EXPECT_EQ(changed["text"], "Improve the timeliness of return interviews.");
    EXPECT_EQ(changed["version"], 2);

    storage::AuditQuery query;
    query.entity = "recommendation";
    query.entity_id = "R18";
    auto trail = server().plans().audit_trail(query);
    ASSERT_TRUE(trail.has_value());
    ASSERT_FALSE(trail->empty());
    EXPECT_EQ(trail->back().actor, "editor");
}

TEST_P(PlanApi, AWorkstreamCommitmentMeasureAndActionAreAddedUnderTheirParents) {
    auto workstream =
        post("/api/v1/workstreams",
             R"({"title": "Missing children", "sponsor": "Director of Children's Services",
                               "lead": "Service Manager, Safeguarding"})");
    EXPECT_EQ(answer(workstream, 201)["id"], "W6");
    EXPECT_EQ(workstream->get_header_value("Location"), "/api/v1/workstreams/W6");
    EXPECT_EQ(answer(get("/api/v1/workstreams/W6"), 200)["position"], 6);

    auto commitment = post("/api/v1/workstreams/W6/commitments",
                           R"({"text": "Every missing child is offered a return interview",
                               "recommendations": ["R17"]})");
    const auto made = answer(commitment, 201);
    EXPECT_EQ(made["id"], "C16");
    EXPECT_EQ(made["workstream"], "W6");
    EXPECT_EQ(made["recommendations"], Json::parse(R"(["R17"])"));
    EXPECT_EQ(commitment->get_header_value("Location"), "/api/v1/commitments/C16");
    EXPECT_EQ(answer(get("/api/v1/workstreams/W6"), 200)["commitments"], Json::parse(R"(["C16"])"));

    auto measure = post("/api/v1/commitments/C16/measures",
                        R"({"kind": "measured", "text": "Assessments within 45 working days",
                            "indicator": "assessments_45wd", "target": 85})");
    const auto measured = answer(measure, 201);
    EXPECT_EQ(measured["id"], "M38");
    EXPECT_EQ(measured["indicator"], "assessments_45wd");
    EXPECT_EQ(measured["target"], 85);
    EXPECT_EQ(measure->get_header_value("Location"), "/api/v1/measures/M38");
    const auto monitored = answer(
        post(
            "/api/v1/commitments/C16/measures",
            R"({"kind": "monitored", "text": "Return interviews audited monthly", "indicator": null})"),
        201);
    EXPECT_TRUE(monitored["indicator"].is_null());
    EXPECT_TRUE(monitored["target"].is_null());

    auto action = post(
        "/api/v1/commitments/C16/actions",
        R"({"text": "Commission a return interview service", "lead": "Head of Prevention and Community Development", "due": "2016-01-31"})");
    const auto act = answer(action, 201);
    EXPECT_EQ(act["id"], "A58");
    EXPECT_EQ(act["status"], "not_started");
    EXPECT_EQ(act["original_due"], "2016-01-31");
    EXPECT_EQ(action->get_header_value("Location"), "/api/v1/actions/A58");
    EXPECT_EQ(ids(answer(get("/api/v1/commitments/C16/actions"), 200), "actions"),
              (std::vector<std::string>{"A58"}));

    // A new action due before today is refused until that is confirmed.
    const std::string past =
        R"({"text": "Review last month's returns", "lead": "Principal Social Worker", "due": "2015-09-01")";
    expect_error(post("/api/v1/commitments/C16/actions", past + "}"), 409, "conflict",
                 "confirm_past");
    answer(post("/api/v1/commitments/C16/actions", past + R"(, "confirm_past": "yes"})"), 201);
}

TEST_P(PlanApi, BadInputIsRefusedNamingTheField) {
    expect_error(post("/api/v1/recommendations", "not json"), 400, "invalid_input");
    expect_error(post("/api/v1/recommendations", R"(["priority"])"), 400, "invalid_input");
    expect_error(post("/api/v1/recommendations",
                      R"({"category": "priority", "text": "x", "colour": "red"})"),
                 400, "invalid_input", "colour");
    expect_error(post("/api/v1/recommendations", R"({"category": "urgent", "text": "x"})"), 400,
                 "invalid_input", "category");
    expect_error(post("/api/v1/recommendations", R"({"category": "priority", "text": 3})"), 400,
                 "invalid_input", "text");
    expect_error(post("/api/v1/recommendations", R"({"category": "priority"})"), 400,
                 "invalid_input", "text");
    expect_error(
        post("/api/v1/recommendations", R"({"category": "priority", "text": "a", "text": "b"})"),
        400, "invalid_input", "text");
    expect_error(
        post("/api/v1/recommendations", "{\"category\": \"priority\", \"text\": \"bad \xFF\"}"),
        400, "invalid_input");
    expect_error(
        post("/api/v1/recommendations", R"({"category": "priority", "text": "a \u0000 NUL"})"), 400,
        "invalid_input", "text");
    expect_error(post("/api/v1/workstreams",
                      R"({"title": "t", "sponsor": "s", "lead": "l", "position": 1})"),
                 400, "invalid_input", "position");
    expect_error(
        post("/api/v1/workstreams/W1/commitments", R"({"text": "t", "recommendations": "R1"})"),
        400, "invalid_input", "recommendations");
    expect_error(
        post("/api/v1/workstreams/W1/commitments", R"({"text": "t", "recommendations": ["R99"]})"),
        400, "invalid_input", "recommendations");
    expect_error(post("/api/v1/commitments/C4/measures", R"({"kind": "guessed", "text": "t"})"),
                 400, "invalid_input", "kind");
    expect_error(post("/api/v1/commitments/C4/measures", R"({"kind": "measured", "text": "t",
                 "indicator": "assessments_45wd", "target": "high"})"),
                 400, "invalid_input", "target");
    expect_error(post("/api/v1/commitments/C4/measures", R"({"kind": "measured", "text": "t",
                 "indicator": "happiness", "target": 50})"),
                 400, "invalid_input", "indicator");
    expect_error(
        post("/api/v1/commitments/C4/actions", R"({"text": "t", "lead": "l", "due": "next week"})"),
        400, "invalid_input", "due");
    expect_error(post("/api/v1/commitments/C4/actions",
                      R"({"text": "t", "lead": "l", "due": "2016-01-31", "confirm_past": "no"})"),
                 400, "invalid_input", "confirm_past");
    expect_error(patch("/api/v1/actions/A20", R"({"text": "no version"})"), 400, "invalid_input",
                 "version");
    expect_error(patch("/api/v1/actions/A20", R"({"version": "1", "text": "t"})"), 400,
                 "invalid_input", "version");
    expect_error(patch("/api/v1/actions/A20", R"({"version": 1, "status": "complete"})"), 400,
                 "invalid_input", "status");
    expect_error(patch("/api/v1/measures/M8", R"({"version": 1, "status": "done"})"), 400,
                 "invalid_input", "status");
    expect_error(patch("/api/v1/workstreams/W1", R"({"version": 1, "position": 0})"), 400,
                 "invalid_input", "position");
    expect_error(patch("/api/v1/workstreams/W1", R"({"version": 1, "position": 9})"), 400,
                 "invalid_input", "position");
    expect_error(patch("/api/v1/commitments/C4", R"({"version": 1, "workstream": "W9"})"), 400,
                 "invalid_input", "workstream");
    expect_error(patch("/api/v1/actions/A20", R"({"version": 1, "commitment": "C99"})"), 400,
                 "invalid_input", "commitment");
    expect_error(post("/api/v1/actions/A20/retire", R"({"version": 1})"), 400, "invalid_input",
                 "reason");
    expect_error(post("/api/v1/actions/A20/retire", R"({"version": 1, "reason": "r", "why": "w"})"),
                 400, "invalid_input", "why");
    expect_error(get("/api/v1/recommendations?include=everything"), 400, "invalid_input",
                 "include");
    // Nothing refused was changed.
    EXPECT_EQ(answer(get("/api/v1/actions/A20"), 200)["version"], 1);
    EXPECT_EQ(answer(get("/api/v1/recommendations"), 200)["recommendations"].size(), 17u);
}

TEST_P(PlanApi, AChangeFromAnOlderVersionIsAConflictShowingTheItemAsItIsNow) {
    const auto first = answer(
        patch("/api/v1/commitments/C5", R"({"version": 1, "text": "Managers oversee every plan"})"),
        200);
    EXPECT_EQ(first["version"], 2);
    const auto refused =
        expect_error(patch("/api/v1/commitments/C5", R"({"version": 1, "text": "Something else"})"),
                     409, "conflict", "version");
    ASSERT_TRUE(refused.contains("current")) << refused.dump();
    EXPECT_EQ(refused["current"]["id"], "C5");
    EXPECT_EQ(refused["current"]["version"], 2);
    EXPECT_EQ(refused["current"]["text"], "Managers oversee every plan");
    EXPECT_EQ(answer(get("/api/v1/commitments/C5"), 200)["text"], "Managers oversee every plan");
}

TEST_P(PlanApi, ARetiredItemLeavesTheListsAndTakesNoChangeUntilRestored) {
    const auto retired = answer(
        post("/api/v1/actions/A20/retire", R"({"version": 1, "reason": "Merged into A19"})"), 200);
    EXPECT_EQ(retired["retired"]["reason"], "Merged into A19");
    EXPECT_EQ(retired["retired"]["by"], "editor");
    EXPECT_EQ(retired["retired"]["on"], "2015-09-15");
    const int version = retired["version"].get<int>();
    EXPECT_GT(version, 1);

    EXPECT_FALSE(has(ids(answer(get("/api/v1/commitments/C4/actions"), 200), "actions"), "A20"));
    EXPECT_TRUE(has(
        ids(answer(get("/api/v1/commitments/C4/actions?include=retired"), 200), "actions"), "A20"));
    EXPECT_FALSE(answer(get("/api/v1/commitments/C4"), 200)["actions"].dump().find("A20") !=
                 std::string::npos);
    EXPECT_FALSE(answer(get("/api/v1/actions/A20"), 200)["retired"].is_null());

    const auto refused =
        expect_error(patch("/api/v1/actions/A20", R"({"version": )" + std::to_string(version) +
                                                      R"(, "text": "Still here"})"),
                     409, "conflict", "id");
    EXPECT_EQ(refused["current"]["id"], "A20");
    EXPECT_FALSE(refused["current"]["retired"].is_null());
    expect_error(post("/api/v1/actions/A20/retire",
                      R"({"version": )" + std::to_string(version) + R"(, "reason": "again"})"),
                 409, "conflict");

    const auto restored =
        answer(post("/api/v1/actions/A20/restore",
                    R"({"version": )" + std::to_string(version) + R"(, "reason": "Still needed"})"),
               200);
    EXPECT_TRUE(restored["retired"].is_null());
    const auto changed =
        answer(patch("/api/v1/actions/A20", R"({"version": )" +
                                                std::to_string(restored["version"].get<int>()) +
                                                R"(, "text": "Still here"})"),
               200);
    EXPECT_EQ(changed["text"], "Still here");

    // Nothing new is added under a retired commitment.
    answer(post("/api/v1/commitments/C12/retire", R"({"version": 1, "reason": "No actions"})"),
           200);
    expect_error(post("/api/v1/commitments/C12/actions",
                      R"({"text": "t", "lead": "l", "due": "2016-01-31"})"),
                 409, "conflict");
    EXPECT_FALSE(
        has(ids(answer(get("/api/v1/workstreams/W4/commitments"), 200), "commitments"), "C12"));
}

TEST_P(PlanApi, ACommitmentAndAnActionMoveAndAWorkstreamIsReordered) {
    const auto commitment =
        answer(patch("/api/v1/commitments/C6", R"({"version": 1, "workstream": "W1"})"), 200);
    EXPECT_EQ(commitment["workstream"], "W1");
    EXPECT_EQ(answer(get("/api/v1/workstreams/W1"), 200)["commitments"],
              Json::parse(R"(["C1", "C2", "C3", "C6"])"));
    EXPECT_EQ(answer(get("/api/v1/workstreams/W2"), 200)["commitments"],
              Json::parse(R"(["C4", "C5"])"));

    const auto action =
        answer(patch("/api/v1/actions/A20", R"({"version": 1, "commitment": "C5"})"), 200);
    EXPECT_EQ(action["commitment"], "C5");
    EXPECT_TRUE(has(ids(answer(get("/api/v1/commitments/C5/actions"), 200), "actions"), "A20"));

    const auto workstream =
        answer(patch("/api/v1/workstreams/W5", R"({"version": 1, "position": 1})"), 200);
    EXPECT_EQ(workstream["position"], 1);
    EXPECT_EQ(ids(answer(get("/api/v1/workstreams"), 200), "workstreams"),
              (std::vector<std::string>{"W5", "W1", "W2", "W3", "W4"}));
}

TEST_P(PlanApi, ANewDueDateNeedsAReasonAndAConfirmationWhenItIsPast) {
    expect_error(patch("/api/v1/actions/A20", R"({"version": 1, "due": "2016-01-31"})"), 400,
                 "invalid_input", "reason");
    const auto moved = answer(
        patch("/api/v1/actions/A20",
              R"({"version": 1, "due": "2016-01-31", "reason": "Waiting for the new audit tool"})"),
        200);
    EXPECT_EQ(moved["due"], "2016-01-31");
    EXPECT_EQ(moved["original_due"], "2015-11-30");
    EXPECT_EQ(moved["rescheduled"], true);
    const std::string version = std::to_string(moved["version"].get<int>());
    const std::string past =
        R"({"version": )" + version + R"(, "due": "2015-09-01", "reason": "It was due last month")";
    expect_error(patch("/api/v1/actions/A20", past + "}"), 409, "conflict", "confirm_past");
    EXPECT_EQ(
        answer(patch("/api/v1/actions/A20", past + R"(, "confirm_past": "yes"})"), 200)["due"],
        "2015-09-01");
}

TEST_P(PlanApi, AMeasuresStatusSaysWhoSetItAndWhen) {
    const auto measure =
        answer(patch("/api/v1/measures/M8", R"({"version": 1, "status": "partly_met"})"), 200);
    EXPECT_EQ(measure["status"], "partly_met");
    EXPECT_EQ(measure["status_by"], "editor");
    EXPECT_EQ(measure["status_at"], "2015-09-15T09:00:00Z");
    // A measure no longer measured loses its indicator and target.
    const auto monitored =
        answer(patch("/api/v1/measures/M8", R"({"version": 2, "kind": "monitored"})"), 200);
    EXPECT_TRUE(monitored["indicator"].is_null());
    EXPECT_TRUE(monitored["target"].is_null());
}

TEST_P(PlanApi, TheInspectionIsReadAndReplacedWhole) {
    auto inspection = answer(get("/api/v1/inspection"), 200);
    EXPECT_EQ(inspection["framework"], "SIF");
    EXPECT_EQ(inspection["start"], "2015-03-02");
    EXPECT_EQ(inspection["judgements"].size(), 6u);
    EXPECT_EQ(inspection["judgements"][0]["grade"], "inadequate");
    EXPECT_EQ(inspection["judgements"][0]["limiting"], true);
    EXPECT_EQ(inspection["overall"], "inadequate");
    EXPECT_EQ(inspection["version"], 1);

    auto changed = inspection;
    changed["published"] = "2015-05-20";
    changed["judgements"][5]["grade"] = "good";
    const auto saved = answer(put("/api/v1/inspection", changed.dump()), 200);
    EXPECT_EQ(saved["published"], "2015-05-20");
    EXPECT_EQ(saved["judgements"][5]["grade"], "good");
    EXPECT_EQ(saved["version"], 2);
    EXPECT_EQ(answer(get("/api/v1/inspection"), 200), saved);

    // An older version, and bad parts, each refused naming the field.
    const auto refused =
        expect_error(put("/api/v1/inspection", changed.dump()), 409, "conflict", "version");
    EXPECT_EQ(refused["current"], saved);
    auto bad = saved;
    bad["judgements"][0]["grade"] = "awful";
    expect_error(put("/api/v1/inspection", bad.dump()), 400, "invalid_input",
                 "judgements[0].grade");
    bad = saved;
    bad["judgements"][1].erase("limiting");
    expect_error(put("/api/v1/inspection", bad.dump()), 400, "invalid_input",
                 "judgements[1].limiting");
    bad = saved;
    bad["judgements"][2]["area"] = " ";
    expect_error(put("/api/v1/inspection", bad.dump()), 400, "invalid_input", "judgements[2].area");
    bad = saved;
    bad["end"] = "2015-02-01";
    expect_error(put("/api/v1/inspection", bad.dump()), 400, "invalid_input", "end");
    bad = saved;
    bad["overall"] = "good";  // better than the limiting 'inadequate'
    expect_error(put("/api/v1/inspection", bad.dump()), 400, "invalid_input", "overall");
    bad = saved;
    bad.erase("judgements");
    expect_error(put("/api/v1/inspection", bad.dump()), 400, "invalid_input", "judgements");
    // A framework may give no overall grade.
    bad = saved;
    bad["overall"] = nullptr;
    EXPECT_TRUE(answer(put("/api/v1/inspection", bad.dump()), 200)["overall"].is_null());
}

TEST_P(PlanApi, APlanIsStartedOnlyWhereThereIsNone) {
    expect_error(post("/api/v1/plan", R"({"authority": "Westbury Council", "title": "Another"})"),
                 409, "conflict");

    auto options = plan_only();
    options.demo = false;
    TestServer empty(options);
    const httplib::Headers as_editor = empty.bearer("editor");
    expect_error(empty.client().Get("/api/v1/inspection", as_editor), 404, "not_found");
    expect_error(empty.client().Post("/api/v1/plan", as_editor, R"({"authority": "Eastfield"})",
                                     "application/json"),
                 400, "invalid_input", "title");
    auto started = empty.client().Post(
        "/api/v1/plan", as_editor,
        R"({"authority": "Eastfield Council", "title": "Improving children's services", "vision": "Every child safe"})",
        "application/json");
    const auto plan = answer(started, 201);
    EXPECT_EQ(started->get_header_value("Location"), "/api/v1/plan");
    EXPECT_EQ(plan["format"], "csip-plan/1");
    EXPECT_EQ(plan["authority"], "Eastfield Council");
    EXPECT_EQ(answer(empty.client().Get("/api/v1/inspection", as_editor), 200)["version"], 1);
    const auto workstream =
        answer(empty.client().Post(
                   "/api/v1/workstreams", as_editor,
                   R"({"title": "Front door", "sponsor": "Director", "lead": "Head of Service"})",
                   "application/json"),
               201);
    EXPECT_EQ(workstream["id"], "W1");
    expect_error(empty.client().Post("/api/v1/plan", as_editor,
                                     R"({"authority": "Eastfield Council", "title": "Again"})",
                                     "application/json"),
                 409, "conflict");
}

TEST_P(PlanApi, ThePlanIsReplacedByACsipPlanDocumentAndProblemsChangeNothing) {
    auto document = Json::parse(get("/api/v1/plan")->body);
    document["title"] = "Improvement plan, second edition";
    const auto replaced = answer(put("/api/v1/plan", document.dump()), 200);
    EXPECT_EQ(replaced["replaced"], true);
    EXPECT_GE(replaced["changes_recorded"].get<int>(), 1);
    EXPECT_EQ(Json::parse(get("/api/v1/plan")->body)["title"], "Improvement plan, second edition");

    document["title"] = "Not saved";
    document["workstreams"][0]["commitments"][0]["actions"][0]["status"] = "done";
    const auto refused = expect_error(put("/api/v1/plan", document.dump(2)), 400, "invalid_input");
    const std::string message = refused["error"]["message"];
    EXPECT_NE(message.find("body:"), std::string::npos) << message;
    EXPECT_NE(message.find("done"), std::string::npos) << message;
    EXPECT_NE(message.find("Nothing was changed"), std::string::npos) << message;
    expect_error(put("/api/v1/plan", "{\"format\": "), 400, "invalid_input");
    EXPECT_EQ(Json::parse(get("/api/v1/plan")->body)["title"], "Improvement plan, second edition");
}

TEST_P(PlanApi, ThePlanDownloadsAsCsvAndAsAWorkbook) {
    auto csv = get("/api/v1/plan?format=csv");
    ASSERT_TRUE(csv);
    ASSERT_EQ(csv->status, 200) << csv->body;
    EXPECT_EQ(csv->get_header_value("Content-Type"), "text/csv; charset=utf-8");
    EXPECT_NE(
        csv->get_header_value("Content-Disposition").find("attachment; filename=\"plan.csv\""),
        std::string::npos);
    EXPECT_NE(csv->body.find("A43"), std::string::npos);

    auto workbook = get("/api/v1/plan?format=xlsx");
    ASSERT_TRUE(workbook);
    ASSERT_EQ(workbook->status, 200);
    EXPECT_EQ(workbook->get_header_value("Content-Type"),
              "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    EXPECT_NE(workbook->get_header_value("Content-Disposition").find("plan.xlsx"),
              std::string::npos);
    EXPECT_EQ(workbook->body.substr(0, 4), std::string("PK\x03\x04", 4));

    EXPECT_EQ(Json::parse(get("/api/v1/plan?format=json")->body)["format"], "csip-plan/1");
    expect_error(get("/api/v1/plan?format=pdf"), 400, "invalid_input", "format");
}

TEST_P(PlanApi, APdfIsUploadedAndDownloadedByteForByte) {
    const std::string pdf = sample_pdf();
    auto added = upload("/api/v1/measures/M8/evidence",
                        {{"on", "2015-09-10", "", ""},
                         {"text", "Audit of 20 strategy discussions", "", ""},
                         {"link", "https://intranet.westbury.example/audits/42", "", ""},
                         {"file", pdf, "Audit \xE2\x80\x93 September.pdf", "application/pdf"}});
    const auto entry = answer(added, 201);
    ASSERT_TRUE(entry.contains("id")) << entry.dump();
    const std::string id = std::to_string(entry["id"].get<std::int64_t>());
    EXPECT_EQ(added->get_header_value("Location"), "/api/v1/evidence/" + id);
    EXPECT_EQ(entry["measure"], "M8");
    EXPECT_EQ(entry["on"], "2015-09-10");
    EXPECT_EQ(entry["by"], "editor");
    EXPECT_EQ(entry["recorded_by"], "editor");
    EXPECT_EQ(entry["recorded_at"], "2015-09-15T09:00:00Z");
    EXPECT_EQ(entry["link"], "https://intranet.westbury.example/audits/42");
    EXPECT_EQ(entry["file"]["name"], "Audit \xE2\x80\x93 September.pdf");
    EXPECT_EQ(entry["file"]["content_type"], "application/pdf");
    EXPECT_EQ(entry["file"]["size"], pdf.size());
    EXPECT_EQ(entry["file"]["sha256"], kSamplePdfSha256);
    EXPECT_EQ(entry["file"]["href"], "/api/v1/evidence/" + id + "/file");

    const auto listing = answer(get("/api/v1/measures/M8/evidence", "viewer"), 200);
    ASSERT_EQ(listing["evidence"].size(), 1u);
    EXPECT_EQ(listing["evidence"][0], entry);
    EXPECT_EQ(answer(get("/api/v1/evidence/" + id), 200), entry);

    auto file = get("/api/v1/evidence/" + id + "/file", "viewer");
    ASSERT_TRUE(file);
    ASSERT_EQ(file->status, 200);
    EXPECT_EQ(file->body, pdf);
    EXPECT_EQ(file->get_header_value("Content-Type"), "application/pdf");
    EXPECT_EQ(file->get_header_value("X-Content-Type-Options"), "nosniff");
    // cpp-httplib's client percent-decodes header values, so the header is read as it was sent.
    const std::string raw = raw_exchange(
        server().port(),
        "GET /api/v1/evidence/" + id + "/file HTTP/1.1\r\nHost: 127.0.0.1\r\n" +
            "Authorization: " + server().bearer("viewer").find("Authorization")->second +
            "\r\nConnection: close\r\n\r\n");
    const std::string disposition = between(raw, "Content-Disposition: ", "\r\n");
    EXPECT_EQ(disposition.rfind("attachment; filename=\"", 0), 0u) << disposition;
    EXPECT_NE(disposition.find("September.pdf\""), std::string::npos) << disposition;
    EXPECT_NE(disposition.find("filename*=UTF-8''Audit%20%E2%80%93%20September.pdf"),
              std::string::npos)
        << disposition;
}

TEST_P(PlanApi, EvidenceWithoutAFileIsGivenAsJson) {
    auto added = post("/api/v1/measures/M13/evidence",
                      R"({"on": "2015-09-01", "text": "Supervision audit: 18 of 20 recorded"})");
    const auto entry = answer(added, 201);
    EXPECT_TRUE(entry["file"].is_null());
    EXPECT_TRUE(entry["link"].is_null());
    expect_error(
        get("/api/v1/evidence/" + std::to_string(entry["id"].get<std::int64_t>()) + "/file"), 404,
        "not_found");

    expect_error(post("/api/v1/measures/M13/evidence", R"({"text": "no date"})"), 400,
                 "invalid_input", "on");
    expect_error(post("/api/v1/measures/M13/evidence", R"({"on": "2015-10-01", "text": "future"})"),
                 400, "invalid_input", "on");
    expect_error(post("/api/v1/measures/M13/evidence", R"({"on": "2015-09-01"})"), 400,
                 "invalid_input", "text");
    expect_error(
        post(
            "/api/v1/measures/M13/evidence",
            R"({"on": "2015-09-01", "text": "t", "link": "ftp://files.westbury.example/audit.pdf"})"),
        400, "invalid_input", "link");
    expect_error(
        post("/api/v1/measures/M13/evidence", R"({"on": "2015-09-01", "text": "t", "file": "x"})"),
        400, "invalid_input", "file");
    expect_error(
        upload("/api/v1/measures/M13/evidence",
               {{"on", "2015-09-01", "", ""}, {"text", "t", "", ""}, {"note", "n", "", ""}}),
        400, "invalid_input", "note");
    expect_error(post("/api/v1/measures/M99/evidence", R"({"on": "2015-09-01", "text": "t"})"), 404,
                 "not_found");
    EXPECT_EQ(answer(get("/api/v1/measures/M13/evidence"), 200)["evidence"].size(), 1u);

    // A retired measure takes no evidence.
    answer(post("/api/v1/measures/M14/retire", R"({"version": 1, "reason": "Replaced"})"), 200);
    expect_error(post("/api/v1/measures/M14/evidence", R"({"on": "2015-09-01", "text": "t"})"), 409,
                 "conflict");
}

TEST_P(PlanApi, AFileOverTenMegabytesIsTooLarge) {
    const std::string large = "%PDF-1.4\n" + std::string(domain::kMaximumEvidenceFile, 'x');
    expect_error(
        upload("/api/v1/measures/M8/evidence", {{"on", "2015-09-10", "", ""},
                                                {"text", "A large scan", "", ""},
                                                {"file", large, "scan.pdf", "application/pdf"}}),
        413, "too_large", "file");
    EXPECT_TRUE(answer(get("/api/v1/measures/M8/evidence"), 200)["evidence"].empty());
}

TEST_P(PlanApi, AFileThatIsNotADocumentOrAnImageIsRefused) {
    expect_error(upload("/api/v1/measures/M8/evidence", {{"on", "2015-09-10", "", ""},
                                                         {"text", "A program", "", ""},
                                                         {"file", std::string("MZ\x90\x00\x03", 5),
                                                          "audit.pdf", "application/pdf"}}),
                 400, "invalid_input", "file");
    EXPECT_TRUE(answer(get("/api/v1/measures/M8/evidence"), 200)["evidence"].empty());
}

TEST_P(PlanApi, ALeadAddsEvidenceOnlyToTheMeasuresOfTheirOwnCommitments) {
    // The lead officer leads A16-A19 of C4, whose measures are M8-M12; C1 (M1) is not theirs.
    const auto entry =
        answer(upload("/api/v1/measures/M9/evidence",
                      {{"on", "2015-09-14", "", ""},
                       {"text", "Strategy discussions held within a day: 19 of 20", "", ""},
                       {"file", sample_pdf(), "strategy.pdf", "application/pdf"}},
                      "lead"),
               201);
    EXPECT_EQ(entry["by"], kLeadOfficer);
    EXPECT_EQ(entry["recorded_by"], "lead");
    expect_error(
        post("/api/v1/measures/M1/evidence", R"({"on": "2015-09-14", "text": "t"})", "lead"), 403,
        "forbidden");
    expect_error(
        post("/api/v1/measures/M8/evidence", R"({"on": "2015-09-14", "text": "t"})", "viewer"), 403,
        "forbidden");
    EXPECT_EQ(answer(get("/api/v1/measures/M1/evidence"), 200)["evidence"].size(), 0u);
}

TEST_P(PlanApi, ASessionCookieNeedsTheCsrfTokenToChangeThePlan) {
    Browser browser = signed_in(server(), "editor");
    EXPECT_EQ(browser.get("/api/v1/recommendations")->status, 200);
    const std::string body = R"({"category": "priority", "text": "Added from the page"})";
    expect_error(browser.post_json("/api/v1/recommendations", body), 403, "csrf");
    expect_error(browser.post_json("/api/v1/recommendations", body, {{"X-CSRF-Token", "forged"}}),
                 403, "csrf");
    expect_error(
        browser.post_json("/api/v1/measures/M8/evidence", R"({"on": "2015-09-14", "text": "t"})"),
        403, "csrf");
    answer(browser.post_json("/api/v1/recommendations", body, browser.csrf_header()), 201);
}

TEST_P(PlanApi, TheOpenApiDocumentListsThePlanRoutes) {
    auto result = server().client().Get("/api/v1/openapi.json");
    ASSERT_TRUE(result);
    const auto document = Json::parse(result->body);
    for (const char* path : {"/plan",
                             "/inspection",
                             "/recommendations",
                             "/recommendations/{id}",
                             "/recommendations/{id}/retire",
                             "/recommendations/{id}/restore",
                             "/workstreams",
                             "/workstreams/{id}",
                             "/workstreams/{id}/retire",
                             "/workstreams/{id}/restore",
                             "/workstreams/{id}/commitments",
                             "/commitments/{id}",
                             "/commitments/{id}/retire",
                             "/commitments/{id}/restore",
                             "/commitments/{id}/measures",
                             "/commitments/{id}/actions",
                             "/measures/{id}",
                             "/measures/{id}/retire",
                             "/measures/{id}/restore",
                             "/measures/{id}/evidence",
                             "/actions/{id}",
                             "/actions/{id}/retire",
                             "/actions/{id}/restore",
                             "/evidence/{id}",
                             "/evidence/{id}/file"}) {
        EXPECT_TRUE(document["paths"].contains(path)) << path;
    }
    for (const char* method : {"get", "post", "put"}) {
        EXPECT_TRUE(document["paths"]["/plan"].contains(method)) << method;
    }
    EXPECT_TRUE(document["paths"]["/actions/{id}"].contains("patch"));
}

INSTANTIATE_TEST_SUITE_P(Backends, PlanApi, ::testing::Values(Backend::Sqlite, Backend::Postgres),
                         [](const auto& backend) { return backend_name(backend.param); });

}  // namespace
}  // namespace csip::testing
