// The governance reports end to end, through the csip binary: the demo authority's report to
// Overview and Scrutiny for 15 September 2015 opens in LibreOffice (converted to PDF, read back
// with pdftotext) and holds every workstream, every red action and each indicator's figures, and
// beside them the department's published figures for West Berkshire, whose story it tells; the
// workbook opens in LibreOffice and its dates and numbers are typed cells; a published report
// is byte for byte the same after the plan changes; reminders reach each lead officer once a
// day through an SMTP server the test runs itself.
#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <regex>
#include <thread>

#include "../support/temp_dir.hpp"
#include "csip_process.hpp"

namespace csip::testing {
namespace {

using Json = nlohmann::json;

// Whitespace collapsed to single spaces, so that text wrapped across lines still matches.
std::string flatten(const std::string& text) {
    std::string out;
    bool space = false;
    for (const char c : text) {
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f') {
            space = true;
            continue;
        }
        if (space && !out.empty()) out += ' ';
        space = false;
        out += c;
    }
    return out;
}

int shell(const std::string& command) { return std::system(command.c_str()); }

// Converts `file` with LibreOffice into `format` in `dir`, with a private profile.
void convert(const TempDir& dir, const std::string& file, const std::string& format) {
    const std::string profile = "file://" + (dir / "lo-profile").string();
    const std::string command =
        "cd '" + dir.path().string() + "' && libreoffice -env:UserInstallation=" + profile +
        " --headless --convert-to " + format + " '" + file + "' >lo.log 2>&1";
    ASSERT_EQ(shell(command), 0) << read_file(dir / "lo.log");
}

// A tiny SMTP server for one test, on 127.0.0.1 and a port the system picks: it speaks as much
// SMTP as libcurl needs (220; EHLO/HELO 250; MAIL, RCPT 250; DATA 354, then 250 after the
// lone '.'; QUIT 221) and keeps each message it is given. It serves until destroyed.
class SmtpSink {
  public:
    struct Message {
        std::vector<std::string> recipients;
        std::string data;
    };

    SmtpSink() {
        m_listener = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        address.sin_port = 0;
        if (::bind(m_listener, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
            ::listen(m_listener, 8) != 0) {
            ADD_FAILURE() << "the SMTP sink cannot listen";
            return;
        }
        socklen_t length = sizeof address;
        ::getsockname(m_listener, reinterpret_cast<sockaddr*>(&address), &length);
        m_port = ntohs(address.sin_port);
        m_thread = std::thread([this] { serve(); });
    }
    ~SmtpSink() {
        m_stop = true;
        if (m_thread.joinable()) m_thread.join();
        ::close(m_listener);
    }
    SmtpSink(const SmtpSink&) = delete;
    SmtpSink& operator=(const SmtpSink&) = delete;

    [[nodiscard]] int port() const { return m_port; }
    [[nodiscard]] std::vector<Message> messages() {
        std::lock_guard lock(m_mutex);
        return m_messages;
    }

  private:
    // Waits up to `milliseconds` for `fd` to be readable.
    static bool readable(int fd, int milliseconds) {
        pollfd poll_fd{fd, POLLIN, 0};
        return ::poll(&poll_fd, 1, milliseconds) > 0;
    }

    void serve() {
        while (!m_stop) {
            if (!readable(m_listener, 50)) continue;
            const int connection = ::accept(m_listener, nullptr, nullptr);
            if (connection < 0) continue;
            converse(connection);
            ::close(connection);
        }
    }

    static void say(int fd, std::string_view line) {
        const std::string text = std::string(line) + "\r\n";
        (void)::send(fd, text.data(), text.size(), MSG_NOSIGNAL);
    }

    // One SMTP session. A client silent for five seconds is dropped.
    void converse(int fd) {
        say(fd, "220 csip-test-sink ESMTP");
        std::string buffer;
        Message message;
        bool in_data = false;
        while (readable(fd, 5000)) {
            char chunk[4096];
            const auto received = ::recv(fd, chunk, sizeof chunk, 0);
            if (received <= 0) return;
            buffer.append(chunk, static_cast<std::size_t>(received));
            for (auto end = buffer.find("\r\n"); end != std::string::npos;
                 end = buffer.find("\r\n")) {
                const std::string line = buffer.substr(0, end);
                buffer.erase(0, end + 2);
                if (in_data) {
                    if (line == ".") {
                        in_data = false;
                        {
                            std::lock_guard lock(m_mutex);
                            m_messages.push_back(message);
                        }
                        message = {};
                        say(fd, "250 queued");
                    } else {
                        message.data += (line.starts_with("..") ? line.substr(1) : line) + "\n";
                    }
                    continue;
                }
                std::string verb = line.substr(0, 4);
                for (char& c : verb)
                    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
                if (verb == "EHLO" || verb == "HELO") {
                    say(fd, "250 csip-test-sink");
                } else if (verb == "RCPT") {
                    const auto open = line.find('<');
                    const auto close = line.find('>');
                    message.recipients.push_back(line.substr(open + 1, close - open - 1));
                    say(fd, "250 OK");
                } else if (verb == "DATA") {
                    in_data = true;
                    say(fd, "354 end with a lone dot");
                } else if (verb == "QUIT") {
                    say(fd, "221 bye");
                    return;
                } else {
                    say(fd, "250 OK");  // MAIL, RSET, NOOP
                }
            }
        }
    }

    int m_listener = -1;
    int m_port = 0;
    std::atomic<bool> m_stop{false};
    std::thread m_thread;
    std::mutex m_mutex;
    std::vector<Message> m_messages;
};

class ReportCli : public ::testing::Test {
  protected:
    void SetUp() override {
        ASSERT_EQ(csip({"demo"}).exit_code, 0);
        ASSERT_EQ(csip({"meeting", "add", "osmc", "2015-09-15"}).exit_code, 0);
    }
    ProcessResult csip(const std::vector<std::string>& args) {
        std::vector<std::string> all{"--db", (m_dir / "csip.db").string()};
        all.insert(all.end(), args.begin(), args.end());
        return run_csip(all, m_dir.path().string());
    }
    TempDir m_dir;
};

// A figure as the report prints it: to the whole percent, unless that would claim 0% or 100%.
std::string whole(double percent) {
    const double rounded = std::round(percent);
    if ((rounded == 100.0 && percent < 100.0) || (rounded == 0.0 && percent > 0.0)) {
        char text[16];
        std::snprintf(text, sizeof text, "%.1f", percent);
        return text;
    }
    return std::to_string(static_cast<long>(rounded));
}

TEST_F(ReportCli,
       TheDemoReportToScrutinyOpensInLibreOfficeWithEveryWorkstreamRedActionAndIndicator) {
    for (const auto& [key, value] : std::vector<std::pair<std::string, std::string>>{
             {"portfolio_member.name", "Councillor Pat Example"},
             {"contact_officer.name", "Alex Example"},
             {"contact_officer.title", "Head of Children and Family Services"},
             {"strategy.priorities", "CSP1 - Caring for and protecting the vulnerable"}}) {
        ASSERT_EQ(csip({"report", "settings", "set", key, value}).exit_code, 0) << key;
    }
    const auto made =
        csip({"report", "osmc", "--as-of", "2015-09-15", "--format", "docx", "-o", "osmc.docx"});
    ASSERT_EQ(made.exit_code, 0) << made.err;
    convert(m_dir, "osmc.docx", "pdf");
    ASSERT_EQ(shell("cd '" + m_dir.path().string() + "' && pdftotext osmc.pdf osmc.txt"), 0);
    const std::string text = flatten(read_file(m_dir / "osmc.txt"));

    // The council's committee report layout, in its order, with the front sheet from settings.
    std::size_t at = 0;
    for (const char* part :
         {"Update on Children's Services Improvement Plan", "Title of Report",
          "Report to be considered by",
          "Overview and Scrutiny Management Commission, 15 September 2015", "Purpose of Report",
          "Recommended Action", "CSP1 - Caring for and protecting the vulnerable",
          "Portfolio Member Details", "Councillor Pat Example", "Contact Officer Details",
          "Alex Example", "Head of Children and Family Services", "Executive Summary",
          "1.1 In March 2015", "Executive Report", "Conclusion", "Recommendations",
          "Appendix A - Improvement Plan"}) {
        const auto found = text.find(part, at);
        EXPECT_NE(found, std::string::npos) << part;
        if (found != std::string::npos) at = found;
    }
    const Json plan = Json::parse(read_file(source_dir() / "src/app/demo/demo_plan.json"));
    int red = 0;
    int measured = 0;
    for (const auto& workstream : plan["workstreams"]) {
        EXPECT_NE(text.find(workstream["title"].get<std::string>()), std::string::npos)
            << workstream["title"];
        for (const auto& commitment : workstream["commitments"]) {
            for (const auto& measure : commitment["measures"]) {
                if (measure["kind"] != "measured") continue;
                ++measured;
                EXPECT_NE(text.find(flatten(measure["text"].get<std::string>())), std::string::npos)
                    << measure["text"];
            }
            for (const auto& action : commitment["actions"]) {
                if (action["status"] != "in_progress" || action["rag"] != "red") continue;
                ++red;
                EXPECT_NE(text.find(flatten(action["text"].get<std::string>())), std::string::npos)
                    << action["text"];
            }
        }
    }
    EXPECT_GT(red, 0);
    EXPECT_GT(measured, 0);
    // The counts are computed from the plan, and RAG is written as a word.
    EXPECT_NE(text.find(std::to_string(red) + " actions are red"), std::string::npos);
    EXPECT_NE(text.find("Red"), std::string::npos);

    // Every indicator's figures, as csip computes them for the year to 31 August (the last
    // complete month before the meeting): its title, latest figure, year to date and each
    // month's figure in the month-by-month table.
    const auto computed =
        csip({"indicators", "--from", "2015-04-01", "--to", "2015-08-31", "--format", "json"});
    ASSERT_EQ(computed.exit_code, 0) << computed.err;
    const Json indicators = Json::parse(computed.out)["indicators"];
    ASSERT_FALSE(indicators.empty());
    for (const auto& indicator : indicators) {
        const std::string title = indicator["title"].get<std::string>();
        EXPECT_NE(text.find(title), std::string::npos) << title;
        if (!indicator.contains("percent") || indicator["percent"].is_null()) continue;
        const std::string latest = whole(indicator["percent"].get<double>()) + "%";
        EXPECT_NE(text.find(title + " "), std::string::npos) << title;
        EXPECT_NE(text.find(latest), std::string::npos) << title << " " << latest;
        if (indicator.contains("year_to_date")) {
            const std::string ytd = "The year to date is " +
                                    whole(indicator["year_to_date"]["percent"].get<double>()) + "%";
            EXPECT_NE(text.find(ytd), std::string::npos) << title << ": " << ytd;
        }
        std::string row = title;
        const Json months = indicator.value("months", Json::array());
        for (const auto& month : months) {
            if (month.contains("percent")) row += " " + whole(month["percent"].get<double>());
        }
        if (months.size() > 1) {
            EXPECT_NE(text.find(row), std::string::npos) << row;
        }
    }
    // The story the demo tells, as the source report told it, in generated sentences.
    for (const char* sentence :
         {"Assessments completed within 45 working days rose from 71% in April to 84% in "
          "August, against a target of 85%.",
          "Child protection visits within timescale 83 85 93 96 98",
          "Conference reports shared with the family on time rose from 31% in April to 67% in "
          "August, against a target of 80%. The year to date is 48%",
          "Agency social workers (FTE rate) fell from 50% in April to 33% in August"}) {
        EXPECT_NE(text.find(sentence), std::string::npos) << sentence;
    }
    // The department's published figures for West Berkshire (la_code 869), whose story the demo
    // tells, beside its own: in words after the assessments' sentence, and in the table. The
    // sentence is looked for in two parts, since pdftotext joins "2024-" at a line's end to the
    // "25" after it.
    const auto assessments = text.find("Assessments completed within 45 working days rose");
    ASSERT_NE(assessments, std::string::npos);
    const auto published =
        text.find("93.4% of assessments were completed within 45 working days in", assessments);
    EXPECT_NE(published, std::string::npos);
    EXPECT_NE(text.find("above England (85.7%) and the statistical neighbours' median (86.5%); "
                        "quartile band A (rank 31 of 152).",
                        published),
              std::string::npos);
    EXPECT_NE(text.find("Published England Neighbours Band"), std::string::npos);
    EXPECT_NE(text.find("93.4% (2024-25) 85.7% 86.5% A"), std::string::npos);
    EXPECT_NE(text.find("Beside them are the Department for Education's latest published figures"),
              std::string::npos);
}

TEST_F(ReportCli, TheWorkbookOpensInLibreOfficeWithItsSheetsAndTypedCells) {
    const auto made =
        csip({"report", "osmc", "--as-of", "2015-09-15", "--format", "xlsx", "-o", "osmc.xlsx"});
    ASSERT_EQ(made.exit_code, 0) << made.err;
    const std::string dir = m_dir.path().string();
    ASSERT_EQ(shell("cd '" + dir + "' && unzip -o -q osmc.xlsx -d unpacked"), 0);
    const std::string workbook = read_file(m_dir / "unpacked/xl/workbook.xml");
    for (const char* sheet :
         {"Plan", "Indicators", "Indicator months", "Coverage", "Changes since", "Benchmarks"}) {
        EXPECT_NE(workbook.find(std::string("name=\"") + sheet + "\""), std::string::npos) << sheet;
    }
    // The Plan sheet: column I is the target date. Its cells are numbers with a date format,
    // never shared strings.
    const std::string plan = read_file(m_dir / "unpacked/xl/worksheets/sheet1.xml");
    const std::regex date_cell(R"(<c r="I2"( s="\d+")?><v>(\d+)</v></c>)");
    std::smatch match;
    ASSERT_TRUE(std::regex_search(plan, match, date_cell)) << plan.substr(0, 2000);
    EXPECT_EQ(match[2].str(), "42185");  // 30 June 2015, the first action's target date
    EXPECT_NE(plan.find("<pane "), std::string::npos);        // frozen header row
    EXPECT_NE(plan.find("<autoFilter "), std::string::npos);  // filters
    const std::string coverage = read_file(m_dir / "unpacked/xl/worksheets/sheet4.xml");
    EXPECT_TRUE(std::regex_search(coverage, std::regex(R"(<c r="D2"( s="\d+")?><v>\d+</v></c>)")));
    // The Benchmarks sheet: the first indicator published, assessments, with West Berkshire's
    // figure and England's as numbers as published (columns G and I), never shared strings.
    const std::string benchmarks = read_file(m_dir / "unpacked/xl/worksheets/sheet6.xml");
    for (const auto& [column, published] :
         std::vector<std::pair<std::string, double>>{{"G2", 93.4}, {"I2", 85.7}}) {
        const std::regex number_cell("<c r=\"" + column + R"(" s="\d+"><v>([0-9.]+)</v></c>)");
        ASSERT_TRUE(std::regex_search(benchmarks, match, number_cell))
            << column << ": " << benchmarks.substr(0, 2000);
        EXPECT_DOUBLE_EQ(std::stod(match[1].str()), published) << column;
    }

    convert(m_dir, "osmc.xlsx", "csv");
    const std::string csv = read_file(m_dir / "osmc.csv");
    EXPECT_NE(csv.find("Workstream id"), std::string::npos);
    // Read back as a date (in LibreOffice's locale's order), not as the serial number.
    EXPECT_TRUE(csv.find("30/06/2015") != std::string::npos ||
                csv.find("06/30/2015") != std::string::npos);
    EXPECT_EQ(csv.find("42185"), std::string::npos);
}

TEST_F(ReportCli, APublishedReportIsByteForByteTheSameAfterThePlanChanges) {
    const auto published =
        csip({"report", "publish", "osmc", "--meeting", "2015-09-15", "--by", "officer"});
    ASSERT_EQ(published.exit_code, 0) << published.err;
    const auto listed = csip({"report", "list", "osmc", "--format", "json"});
    ASSERT_EQ(listed.exit_code, 0) << listed.err;
    const Json list = Json::parse(listed.out);
    ASSERT_EQ(list.size(), 1u);
    const std::string id = std::to_string(list[0]["id"].get<long long>());

    for (const char* format : {"docx", "html", "xlsx"}) {
        const std::string before = std::string("before.") + format;
        ASSERT_EQ(csip({"report", "get", id, "-o", before}).exit_code, 0);
    }
    const auto changed =
        csip({"action", "update", "A10", "--rag", "green", "--note",
              "Team-level scorecard now produced.", "--by", "officer", "--on", "2015-09-20"});
    ASSERT_EQ(changed.exit_code, 0) << changed.err;
    for (const char* format : {"docx", "html", "xlsx"}) {
        const std::string after = std::string("after.") + format;
        ASSERT_EQ(csip({"report", "get", id, "-o", after}).exit_code, 0);
        EXPECT_EQ(read_file(m_dir / (std::string("before.") + format)), read_file(m_dir / after))
            << format;
    }
    // The next report starts its changes from the publication: A10 went from red to green.
    const auto next =
        csip({"report", "osmc", "--as-of", "2015-10-15", "--format", "html", "-o", "next.html"});
    ASSERT_EQ(next.exit_code, 0) << next.err;
    const std::string html = read_file(m_dir / "next.html");
    EXPECT_NE(html.find("Changes since the last report (15 September 2015)"), std::string::npos);
    EXPECT_NE(html.find("Red to Green"), std::string::npos);

    // Publishing the same meeting again is refused.
    EXPECT_EQ(csip({"report", "publish", "osmc", "--meeting", "2015-09-15"}).exit_code, 1);
}

// The format comes from the file name's own extension: a dot in a folder's name is not one.
TEST_F(ReportCli, GetTakesTheFormatFromTheFileNameNotFromAFolderName) {
    ASSERT_EQ(
        csip({"report", "publish", "osmc", "--meeting", "2015-09-15", "--by", "officer"}).exit_code,
        0);
    const Json list = Json::parse(csip({"report", "list", "osmc", "--format", "json"}).out);
    ASSERT_EQ(list.size(), 1u);
    const std::string id = std::to_string(list[0]["id"].get<long long>());
    std::filesystem::create_directory(m_dir / "board.papers");

    const auto plain = csip({"report", "get", id, "-o", "board.papers/p1"});
    ASSERT_EQ(plain.exit_code, 0) << plain.err;
    EXPECT_EQ(read_file(m_dir / "board.papers/p1").substr(0, 2), "PK");  // a DOCX, the default

    const auto html = csip({"report", "get", id, "-o", "board.papers/p1.HTML"});
    ASSERT_EQ(html.exit_code, 0) << html.err;
    EXPECT_NE(read_file(m_dir / "board.papers/p1.HTML").find("<html"), std::string::npos);
}

TEST_F(ReportCli, RemindersEMailEachLeadOfficerOnceADayThroughSmtp) {
    SmtpSink sink;
    ASSERT_NE(sink.port(), 0);
    // Who has what, before any e-mail is configured: nothing is sent.
    const auto listed =
        csip({"reminders", "--as-of", "2015-09-15", "--days", "21", "--format", "json"});
    ASSERT_EQ(listed.exit_code, 0) << listed.err;
    const Json expected = Json::parse(listed.out);
    ASSERT_GT(expected["leads"].size(), 2u);
    EXPECT_TRUE(expected["sent"].empty());
    std::map<std::string, Json> by_address;
    int overdue = 0;
    int due_soon = 0;
    int stale = 0;
    for (const auto& lead : expected["leads"]) {
        const std::string address =
            "lead" + std::to_string(by_address.size() + 1) + "@westbury.example";
        by_address[address] = lead;
        ASSERT_EQ(
            csip({"report", "settings", "set", "email." + lead["lead"].get<std::string>(), address})
                .exit_code,
            0);
        overdue += static_cast<int>(lead["overdue"].size());
        due_soon += static_cast<int>(lead["due_soon"].size());
        stale += static_cast<int>(lead["without_update"].size());
    }
    EXPECT_GT(overdue, 0);
    EXPECT_GT(due_soon, 0);
    EXPECT_GT(stale, 0);
    ASSERT_EQ(csip({"report", "settings", "set", "smtp.url",
                    "smtp://127.0.0.1:" + std::to_string(sink.port())})
                  .exit_code,
              0);
    ASSERT_EQ(csip({"report", "settings", "set", "smtp.from", "csip@westbury.example"}).exit_code,
              0);

    const auto sent =
        csip({"reminders", "--as-of", "2015-09-15", "--days", "21", "--format", "json"});
    ASSERT_EQ(sent.exit_code, 0) << sent.err;
    EXPECT_EQ(Json::parse(sent.out)["sent"].size(), by_address.size());
    auto messages = sink.messages();
    ASSERT_EQ(messages.size(), by_address.size());
    std::map<std::string, int> received;
    for (const auto& message : messages) {
        ASSERT_EQ(message.recipients.size(), 1u);
        const std::string& to = message.recipients[0];
        ++received[to];
        ASSERT_TRUE(by_address.contains(to)) << to;
        const Json& lead = by_address[to];
        const std::string body = flatten(message.data);
        EXPECT_NE(body.find("To: " + to), std::string::npos);
        EXPECT_NE(body.find("Improvement plan actions for " + lead["lead"].get<std::string>()),
                  std::string::npos);
        // Every action of this lead's, under its heading, and no other lead's.
        for (const auto& [list, heading] : std::vector<std::pair<std::string, std::string>>{
                 {"overdue", "Overdue:"},
                 {"due_soon", "Due soon:"},
                 {"without_update", "No status update in the last 30 days:"}}) {
            if (lead[list].empty()) continue;
            const auto at = body.find(heading);
            ASSERT_NE(at, std::string::npos) << to << " " << heading;
            for (const auto& action : lead[list]) {
                EXPECT_NE(body.find("- " + action["id"].get<std::string>() + " (due", at),
                          std::string::npos)
                    << to << " " << action["id"];
            }
        }
        for (const auto& [other, other_lead] : by_address) {
            if (other == to) continue;
            for (const auto& action : other_lead["overdue"]) {
                EXPECT_EQ(body.find("- " + action["id"].get<std::string>() + " "),
                          std::string::npos)
                    << to << " was sent " << action["id"];
            }
        }
    }
    for (const auto& [address, count] : received) EXPECT_EQ(count, 1) << address;

    // The same day again: nothing is sent twice.
    const auto again =
        csip({"reminders", "--as-of", "2015-09-15", "--days", "21", "--format", "json"});
    ASSERT_EQ(again.exit_code, 0) << again.err;
    const Json repeated = Json::parse(again.out);
    EXPECT_TRUE(repeated["sent"].empty());
    EXPECT_EQ(repeated["already_sent"].size(), by_address.size());
    EXPECT_EQ(sink.messages().size(), by_address.size());

    // The next day sends again.
    const auto next = csip({"reminders", "--as-of", "2015-09-16", "--days", "21"});
    ASSERT_EQ(next.exit_code, 0) << next.err;
    EXPECT_NE(next.out.find("Sent to "), std::string::npos);
    EXPECT_GT(sink.messages().size(), by_address.size());
}

}  // namespace
}  // namespace csip::testing
