#include "http/connection.hpp"

#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <functional>
#include <optional>
#include <string>

namespace csip::http {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// How often a wait looks again at the deadlines and at whether the server is stopping.
constexpr milliseconds kSlice{20};
// How long, and how much, is read and dropped after a refusal before the connection closes.
constexpr milliseconds kLinger{2000};
constexpr std::size_t kLingerBytes = 4 * 1024 * 1024;

// When the connection a pool thread is about to serve was accepted: its first request's deadlines
// count from then, not from when a thread became free.
thread_local Clock::time_point t_accepted_at;

// A pool of threads that counts the connections waiting for one, and those open.
class CountingQueue final : public httplib::TaskQueue {
  public:
    CountingQueue(std::size_t threads, std::atomic<std::size_t>& waiting,
                  std::atomic<std::size_t>& open)
        : m_pool(threads), m_waiting(waiting), m_open(open) {}

    void enqueue(std::function<void()> job) override {
        ++m_open;
        ++m_waiting;
        m_pool.enqueue([this, job = std::move(job), accepted = Clock::now()] {
            --m_waiting;
            t_accepted_at = accepted;
            job();
            --m_open;
        });
    }
    void shutdown() override { m_pool.shutdown(); }

  private:
    httplib::ThreadPool m_pool;
    std::atomic<std::size_t>& m_waiting;
    std::atomic<std::size_t>& m_open;
};

void address_of(int (*name_of)(int, sockaddr*, socklen_t*), socket_t sock, std::string& ip,
                int& port) {
    sockaddr_storage address{};
    socklen_t length = sizeof(address);
    if (name_of(sock, reinterpret_cast<sockaddr*>(&address), &length) != 0) return;
    std::array<char, NI_MAXHOST> host{};
    std::array<char, NI_MAXSERV> service{};
    if (getnameinfo(reinterpret_cast<sockaddr*>(&address), length, host.data(),
                    static_cast<socklen_t>(host.size()), service.data(),
                    static_cast<socklen_t>(service.size()), NI_NUMERICHOST | NI_NUMERICSERV) == 0) {
        ip = host.data();
        port = std::atoi(service.data());
    }
}

// One connection's stream: reads are buffered (cpp-httplib reads headers a byte at a time) and
// checked against the request's deadlines and byte allowance; a read past either fails, which
// makes cpp-httplib give the request up.
class ConnectionStream final : public httplib::Stream {
  public:
    ConnectionStream(socket_t sock, const GuardedServer& server) : m_sock(sock), m_server(server) {}

    // A new request starts (at `at`): its clock and its byte count start again.
    void begin_request(Clock::time_point at) {
        m_started = at;
        m_in_headers = true;
        m_read = m_end - m_at;  // what is buffered already belongs to this request
        m_allowed = m_server.limits().max_header_bytes;
        m_close = false;
        m_deadline.reset();
    }
    void end_headers() {
        m_in_headers = false;
        m_allowed = m_read + m_server.limits().max_body_wire_bytes;
        m_headers_read = m_read;
    }
    void allow_large_body(std::size_t wire_bytes, milliseconds deadline) {
        m_allowed = m_headers_read + wire_bytes;
        m_deadline = deadline;
    }
    void close_after_response() { m_close = true; }

    // After a refusal, before closing: closing with unread bytes would reset the connection,
    // and the client, still sending, could lose the answer. So the answer is ended (FIN) and
    // what the client goes on sending is read and dropped, for a short while only.
    void linger() {
        ::shutdown(m_sock, SHUT_WR);
        const auto until = Clock::now() + kLinger;
        std::size_t dropped = 0;
        while (dropped < kLingerBytes && !m_server.stopping()) {
            const auto now = Clock::now();
            if (now >= until) return;
            if (wait(POLLIN, std::min<milliseconds>(kSlice, remaining(until, now))) < 0) return;
            const ssize_t received = ::recv(m_sock, m_buffer.data(), m_buffer.size(), MSG_DONTWAIT);
            if (received == 0) return;
            if (received > 0) dropped += static_cast<std::size_t>(received);
        }
    }
    [[nodiscard]] bool closing() const { return m_close; }

    // Waits for the next request on a kept-alive connection: false when the keep-alive time
    // passes, the server stops, the client closes, or another connection waits for a thread.
    bool wait_for_next_request() {
        if (m_at < m_end) return true;
        const auto until = Clock::now() + m_server.keep_alive_timeout();
        while (!m_server.stopping() && m_server.waiting() == 0) {
            const auto now = Clock::now();
            if (now >= until) return false;
            const int ready = wait(POLLIN, std::min<milliseconds>(kSlice, remaining(until, now)));
            if (ready < 0) return false;
            if (ready > 0) return true;
        }
        return false;
    }

    bool is_readable() const override {
        if (m_at < m_end) return true;
        pollfd descriptor{m_sock, POLLIN, 0};
        return ::poll(&descriptor, 1, 0) > 0;
    }
    bool is_writable() const override {
        pollfd descriptor{m_sock, POLLOUT, 0};
        return ::poll(&descriptor, 1, static_cast<int>(m_server.write_timeout().count())) > 0 &&
               (descriptor.revents & (POLLERR | POLLHUP)) == 0;
    }

    ssize_t read(char* ptr, size_t size) override {
        if (m_at == m_end && !fill()) return -1;
        const std::size_t n = std::min(size, m_end - m_at);
        std::memcpy(ptr, m_buffer.data() + m_at, n);
        m_at += n;
        return static_cast<ssize_t>(n);
    }

    ssize_t write(const char* ptr, size_t size) override {
        if (!is_writable()) return -1;
        while (true) {
            const ssize_t sent = ::send(m_sock, ptr, size, MSG_NOSIGNAL);
            if (sent < 0 && errno == EINTR) continue;
            return sent;
        }
    }

    void get_remote_ip_and_port(std::string& ip, int& port) const override {
        address_of(::getpeername, m_sock, ip, port);
    }
    void get_local_ip_and_port(std::string& ip, int& port) const override {
        address_of(::getsockname, m_sock, ip, port);
    }
    socket_t socket() const override { return m_sock; }

  private:
    static milliseconds remaining(Clock::time_point until, Clock::time_point now) {
        return std::chrono::ceil<milliseconds>(until - now);
    }

    // poll() for `events` up to `timeout`: 1 ready, 0 not yet, -1 failed or hung up.
    int wait(short events, milliseconds timeout) const {
        pollfd descriptor{m_sock, events, 0};
        const int ready = ::poll(&descriptor, 1, static_cast<int>(timeout.count()));
        if (ready < 0) return errno == EINTR ? 0 : -1;
        if (ready == 0) return 0;
        if ((descriptor.revents & events) != 0) return 1;
        return -1;
    }

    // When the request must have been read by, as things stand.
    [[nodiscard]] Clock::time_point deadline() const {
        const auto& limits = m_server.limits();
        auto until = m_started + m_deadline.value_or(limits.request_deadline);
        if (m_in_headers) {
            const auto headers =
                m_server.waiting() > 0 ? limits.busy_header_deadline : limits.header_deadline;
            until = std::min(until, m_started + headers);
        }
        return until;
    }

    // Reads what has arrived into the buffer, within the request's allowance and deadlines. What
    // has arrived already is read even past a deadline (a connection that waited long for a
    // thread may have sent its whole request); a deadline stops only a wait for more.
    bool fill() {
        m_at = m_end = 0;
        if (m_read >= m_allowed) return false;
        if (receive(MSG_DONTWAIT)) return true;
        const auto idle_until = Clock::now() + m_server.idle_read_timeout();
        while (true) {
            const auto now = Clock::now();
            const auto until = std::min(deadline(), idle_until);
            if (now >= until || m_server.stopping()) return false;
            const int ready = wait(POLLIN, std::min<milliseconds>(kSlice, remaining(until, now)));
            if (ready < 0) return false;
            if (ready > 0) return receive(0);
        }
    }

    // One recv() into the empty buffer, within the allowance; false when nothing came.
    bool receive(int flags) {
        const std::size_t room = std::min(m_buffer.size(), m_allowed - m_read);
        ssize_t received = 0;
        do {
            received = ::recv(m_sock, m_buffer.data(), room, flags);
        } while (received < 0 && errno == EINTR);
        if (received <= 0) return false;
        m_end = static_cast<std::size_t>(received);
        m_read += m_end;
        return true;
    }

    socket_t m_sock;
    const GuardedServer& m_server;
    std::array<char, 4096> m_buffer{};
    std::size_t m_at = 0;
    std::size_t m_end = 0;
    Clock::time_point m_started = Clock::now();
    bool m_in_headers = true;
    std::size_t m_read = 0;
    std::size_t m_allowed = 0;
    std::size_t m_headers_read = 0;
    std::optional<milliseconds> m_deadline;  // this request's own, when a route gave one
    bool m_close = false;
};

thread_local ConnectionStream* t_connection = nullptr;

// The answer to a connection over the limit, written before anything is read.
constexpr std::string_view kBusy = "The server is busy: try again in a few seconds.\n";

std::string busy_response() {
    return "HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n"
           "Retry-After: 5\r\nConnection: close\r\nContent-Length: " +
           std::to_string(kBusy.size()) + "\r\n\r\n" + std::string(kBusy);
}

}  // namespace

GuardedServer::GuardedServer(ConnectionLimits limits) : m_limits(limits) {
    const std::size_t threads = std::max<std::size_t>(m_limits.threads, 2);
    new_task_queue = [this, threads] { return new CountingQueue(threads, m_waiting, m_open); };
}

bool GuardedServer::process_and_close_socket(socket_t sock) {
    ConnectionStream stream(sock, *this);
    bool served = false;
    if (m_open.load() > m_limits.max_connections) {
        const std::string busy = busy_response();
        (void)stream.write(busy.data(), busy.size());
    } else {
        t_connection = &stream;
        auto left = keep_alive_max_count_;
        for (bool first = true; !stopping() && left > 0; first = false, --left) {
            if (!first && !stream.wait_for_next_request()) break;
            stream.begin_request(first ? t_accepted_at : Clock::now());
            bool closed = false;
            served = process_request(stream, left == 1, closed, nullptr);
            if (!served || closed || stream.closing()) break;
        }
        t_connection = nullptr;
    }
    if (stream.closing()) stream.linger();
    ::shutdown(sock, SHUT_RDWR);
    httplib::detail::close_socket(sock);
    return served;
}

void close_connection_after_response() {
    if (t_connection != nullptr) t_connection->close_after_response();
}

void headers_received() {
    if (t_connection != nullptr) t_connection->end_headers();
}

void allow_large_body(std::size_t wire_bytes, std::chrono::milliseconds deadline) {
    if (t_connection != nullptr) t_connection->allow_large_body(wire_bytes, deadline);
}

}  // namespace csip::http
