// What a request may take from the server, sent over a raw socket as no browser would: a body
// over 1 MB is refused (413) however it is framed, signed in or not, and nothing of it is kept;
// a form's fields are read whatever their length under that limit; clients that trickle their
// headers or sit idle on a kept-alive connection do not keep a person's request waiting.
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <memory>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "test_server.hpp"

namespace csip::testing {
namespace {

using namespace std::chrono_literals;

// A form body with one field, percent-encoded as a browser does (letters need no encoding).
std::string form_body(const httplib::Params& fields) {
    std::string body;
    for (const auto& [name, value] : fields) {
        if (!body.empty()) body += '&';
        body += name + "=" + httplib::detail::encode_query_param(value);
    }
    return body;
}

std::string chunked_post(const std::string& path, const std::string& headers,
                         const std::string& chunked_body) {
    return "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n" +
           headers + "\r\n" + chunked_body;
}

class RequestLimits : public ::testing::Test {
  protected:
    TestServer server;
};

TEST_F(RequestLimits, AChunkedSignInOverTheLimitIsRefusedBeforeItEnds) {
    // 1.5 MB of chunks and no last chunk: the server must answer from what it has read.
    const std::string body = chunked(std::string(1536 * 1024, 'a'), 16 * 1024, false);
    const auto answer = raw_exchange(
        server.port(),
        chunked_post("/login", "Content-Type: application/x-www-form-urlencoded\r\n", body), 8s);
    EXPECT_EQ(raw_status(answer), 413) << answer.substr(0, 200);
    EXPECT_TRUE(contains(answer, "What you sent is too large")) << answer.substr(0, 200);
}

TEST_F(RequestLimits, AChunkedNoteOverTheLimitIsRefusedAndNotKept) {
    Browser lead(server);
    ASSERT_TRUE(lead.sign_in("lead"));
    const std::string token = lead.csrf_token();
    const std::string note(1536 * 1024, 'n');
    const std::string body = form_body({{"csrf_token", token}, {"note", note}});
    const auto answer = raw_exchange(
        server.port(),
        chunked_post("/actions/A43/updates",
                     "Content-Type: application/x-www-form-urlencoded\r\nCookie: csip_session=" +
                         lead.cookie("csip_session") + "\r\n",
                     chunked(body, 64 * 1024)));
    EXPECT_EQ(raw_status(answer), 413) << answer.substr(0, 200);
    auto history = server.plans().history("A43");
    ASSERT_TRUE(history.has_value());
    for (const auto& entry : history->entries) {
        EXPECT_FALSE(contains(entry.text, "nnnnnnnnnn")) << "the refused note was stored";
    }
}

TEST_F(RequestLimits, AChunkedApiUpdateOverTheLimitIsAJsonRefusal) {
    auto token = server.accounts().create_token("lead", "test");
    ASSERT_TRUE(token.has_value());
    const std::string body = R"({"note": ")" + std::string(1536 * 1024, 'n') + "\"}";
    const auto answer = raw_exchange(
        server.port(),
        chunked_post("/api/v1/actions/A43/updates",
                     "Content-Type: application/json\r\nAuthorization: Bearer " + token->secret + "\r\n",
                     chunked(body, 64 * 1024)));
    EXPECT_EQ(raw_status(answer), 413) << answer.substr(0, 300);
    const auto json = answer.substr(answer.find("\r\n\r\n") + 4);
    auto document = nlohmann::json::parse(json, nullptr, false);
    ASSERT_FALSE(document.is_discarded()) << json;
    EXPECT_EQ(document["error"]["code"], "too_large");
    EXPECT_TRUE(contains(document["error"]["message"].get<std::string>(), "1 MB"));
    auto history = server.plans().history("A43");
    ASSERT_TRUE(history.has_value());
    for (const auto& entry : history->entries) EXPECT_FALSE(contains(entry.text, "nnnnnnnnnn"));
}

TEST_F(RequestLimits, AChunkedNoteUnderTheLimitIsSaved) {
    Browser lead(server);
    ASSERT_TRUE(lead.sign_in("lead"));
    const std::string body = form_body({{"csrf_token", lead.csrf_token()},
                                        {"status", "in_progress"},
                                        {"rag", "amber"},
                                        {"note", "Sent in chunks"}});
    const auto answer = raw_exchange(
        server.port(),
        chunked_post("/actions/A43/updates",
                     "Content-Type: application/x-www-form-urlencoded\r\nConnection: close\r\n"
                     "Cookie: csip_session=" +
                         lead.cookie("csip_session") + "\r\n",
                     chunked(body, 7)));
    EXPECT_EQ(raw_status(answer), 303) << answer.substr(0, 300);
    auto history = server.plans().history("A43");
    ASSERT_TRUE(history.has_value());
    EXPECT_TRUE(std::any_of(history->entries.begin(), history->entries.end(),
                            [](const auto& entry) { return entry.text == "Sent in chunks"; }));
}

TEST_F(RequestLimits, ABodyWithAContentLengthOverTheLimitIsRefusedWithoutBeingSent) {
    // The headers alone: the server answers without waiting for 2 MB that never come.
    const auto answer =
        raw_exchange(server.port(),
                     "POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
                     "application/x-www-form-urlencoded\r\nContent-Length: 2097152\r\n\r\n",
                     8s);
    EXPECT_EQ(raw_status(answer), 413) << answer.substr(0, 200);
}

TEST_F(RequestLimits, ABodyToARouteThatTakesNoneIsRefusedWithoutBeingRead) {
    const auto answer = raw_exchange(
        server.port(),
        chunked_post("/no-such-page", "", chunked(std::string(4096, 'x'), 512, false)), 8s);
    EXPECT_EQ(raw_status(answer), 404) << answer.substr(0, 200);
    const auto api = raw_exchange(
        server.port(),
        chunked_post("/api/v1/summary", "", chunked(std::string(4096, 'x'), 512, false)), 8s);
    EXPECT_EQ(raw_status(api), 404) << api.substr(0, 200);
    EXPECT_TRUE(contains(api, "\"not_found\"")) << api.substr(0, 300);
}

// Finding: a form note over 8 KB was refused with "Sorry, that did not work" and lost.
TEST_F(RequestLimits, ALongNoteThroughTheFormIsSaved) {
    Browser lead(server);
    ASSERT_TRUE(lead.sign_in("lead"));
    std::string note;
    while (note.size() < 20000) note += "Audit of strategy discussions, with findings. ";
    auto saved = lead.post_form("/actions/A43/updates", {{"csrf_token", lead.csrf_token()},
                                                         {"status", "in_progress"},
                                                         {"rag", "amber"},
                                                         {"note", note}});
    ASSERT_TRUE(saved);
    EXPECT_EQ(saved->status, 303) << saved->body.substr(0, 500);
    auto history = server.plans().history("A43");
    ASSERT_TRUE(history.has_value());
    EXPECT_TRUE(std::any_of(history->entries.begin(), history->entries.end(),
                            [&](const auto& entry) { return entry.text == note; }));
}

TEST_F(RequestLimits, AFormOverTheLimitSaysWhatIsWrong) {
    Browser lead(server);
    ASSERT_TRUE(lead.sign_in("lead"));
    auto refused = lead.post_form(
        "/actions/A43/updates",
        {{"csrf_token", lead.csrf_token()}, {"note", std::string(1100 * 1024, 'n')}});
    ASSERT_TRUE(refused);
    EXPECT_EQ(refused->status, 413);
    EXPECT_TRUE(contains(refused->body, "What you sent is too large"));
    EXPECT_TRUE(contains(refused->body, "at most 1 MB"));
    EXPECT_FALSE(contains(refused->body, "Sorry, that did not work"));
}

TEST_F(RequestLimits, AnApiBodyOverTheLimitIsAJsonTooLarge) {
    auto token = server.accounts().create_token("lead", "test");
    ASSERT_TRUE(token.has_value());
    auto result = server.client().Post(
        "/api/v1/actions/A43/updates", {{"Authorization", "Bearer " + token->secret}},
        R"({"note": ")" + std::string(1100 * 1024, 'n') + "\"}", "application/json");
    ASSERT_TRUE(result);
    EXPECT_EQ(result->status, 413);
    EXPECT_EQ(result->get_header_value("Content-Type"), "application/json");
    const auto document = nlohmann::json::parse(result->body);
    EXPECT_EQ(document["error"]["code"], "too_large") << result->body;
}

// A connection to the test server, for the tests of slow clients.
class Connection {
  public:
    explicit Connection(int port) : m_sock(::socket(AF_INET, SOCK_STREAM, 0)) {
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(static_cast<std::uint16_t>(port));
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        m_open =
            ::connect(m_sock, reinterpret_cast<const sockaddr*>(&address), sizeof(address)) == 0;
    }
    ~Connection() { ::close(m_sock); }
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    bool send(const std::string& text) {
        m_open = m_open && ::send(m_sock, text.data(), text.size(), MSG_NOSIGNAL) ==
                               static_cast<ssize_t>(text.size());
        return m_open;
    }
    // Reads what the server has sent within `wait`.
    std::string receive(std::chrono::milliseconds wait) {
        std::string text;
        char buffer[4096];
        pollfd descriptor{m_sock, POLLIN, 0};
        while (::poll(&descriptor, 1, static_cast<int>(wait.count())) > 0) {
            const ssize_t n = ::recv(m_sock, buffer, sizeof(buffer), 0);
            if (n <= 0) break;
            text.append(buffer, static_cast<std::size_t>(n));
            if (text.find("\r\n\r\n") != std::string::npos) break;
        }
        return text;
    }

  private:
    int m_sock;
    bool m_open = false;
};

// More clients than the server has threads (8) send their headers a byte at a time, for ever:
// a person's request is still answered, and soon.
TEST_F(RequestLimits, ClientsTricklingTheirHeadersDoNotKeepOthersWaiting) {
    constexpr int kSlow = 16;
    std::atomic<bool> done{false};
    std::atomic<int> trickling{0};
    std::vector<std::thread> slow;
    for (int i = 0; i < kSlow; ++i) {
        slow.emplace_back([&] {
            Connection connection(server.port());
            connection.send("GET /login HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ");
            ++trickling;
            const auto until = std::chrono::steady_clock::now() + 8s;
            while (!done && std::chrono::steady_clock::now() < until && connection.send("a")) {
                std::this_thread::sleep_for(100ms);
            }
        });
    }
    // Every slow client connected and sending, and the server's threads taken by them.
    for (int wait = 0; wait < 200 && trickling < kSlow; ++wait) std::this_thread::sleep_for(10ms);
    std::this_thread::sleep_for(300ms);
    const int connected = trickling;
    auto client = server.client();
    client.set_connection_timeout(3, 0);
    client.set_read_timeout(3, 0);
    auto result = client.Get("/login");
    done = true;
    for (auto& thread : slow) thread.join();
    ASSERT_EQ(connected, kSlow);
    ASSERT_TRUE(result) << "no answer within 3 seconds while slow clients were connected";
    EXPECT_EQ(result->status, 200);
}

// Connections kept alive and idle hold their threads: they give them up when someone waits.
TEST_F(RequestLimits, IdleKeptAliveConnectionsDoNotKeepOthersWaiting) {
    std::vector<std::unique_ptr<Connection>> idle;
    for (int i = 0; i < 12; ++i) {
        auto connection = std::make_unique<Connection>(server.port());
        ASSERT_TRUE(connection->send("GET /favicon.ico HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
        idle.push_back(std::move(connection));
    }
    for (auto& connection : idle) connection->receive(200ms);
    auto client = server.client();
    client.set_connection_timeout(3, 0);
    client.set_read_timeout(3, 0);
    auto result = client.Get("/login");
    ASSERT_TRUE(result) << "no answer within 3 seconds while idle connections were open";
    EXPECT_EQ(result->status, 200);
}

}  // namespace
}  // namespace csip::testing
