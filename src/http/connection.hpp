// GuardedServer: cpp-httplib's server with csip's own loop over each connection, so that what one
// connection may hold is bounded. cpp-httplib 0.11 reads a request line, a header line or a chunk
// size line of any length into memory, bounds a body only when it comes with Content-Length, and
// lets a client that trickles its headers keep a thread for as long as it likes. Here every
// request may send at most a fixed number of bytes (headers, then body), must send its headers
// within a deadline (a short one while other connections wait for a thread) and the whole
// request within another; an idle kept-alive connection gives its thread up as soon as another
// connection waits for one; and past a number of open connections a new one is answered 503 and
// closed. A handler may also ask for its connection to be closed once its response has gone, so
// that the rest of a refused body is never read. Private to src/http.
#pragma once

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <cstddef>

namespace csip::http {

struct ConnectionLimits {
    // Threads serving connections; each holds one connection at a time.
    std::size_t threads = 128;
    // Open connections (being served or waiting for a thread) at most.
    std::size_t max_connections = 1024;
    // The request line and headers must arrive within header_deadline of the request's start,
    // and within busy_header_deadline while other connections are waiting for a thread.
    std::chrono::milliseconds header_deadline{10000};
    std::chrono::milliseconds busy_header_deadline{1000};
    // The whole request, headers and body.
    std::chrono::milliseconds request_deadline{60000};
    // Bytes a request's line and headers may take, and its body on the wire (chunk framing
    // included); the decoded body is bounded by the handlers (web_server.cpp).
    std::size_t max_header_bytes = 64 * 1024;
    std::size_t max_body_wire_bytes = 4 * 1024 * 1024;
};

class GuardedServer final : public httplib::Server {
  public:
    explicit GuardedServer(ConnectionLimits limits);

    // Connections accepted and not yet given a thread.
    [[nodiscard]] std::size_t waiting() const { return m_waiting.load(); }
    [[nodiscard]] const ConnectionLimits& limits() const { return m_limits; }
    [[nodiscard]] bool stopping() const { return svr_sock_ == INVALID_SOCKET; }
    [[nodiscard]] std::chrono::milliseconds keep_alive_timeout() const {
        return std::chrono::seconds(keep_alive_timeout_sec_);
    }
    [[nodiscard]] std::chrono::milliseconds idle_read_timeout() const {
        return std::chrono::seconds(read_timeout_sec_) +
               std::chrono::duration_cast<std::chrono::milliseconds>(
                   std::chrono::microseconds(read_timeout_usec_));
    }
    [[nodiscard]] std::chrono::milliseconds write_timeout() const {
        return std::chrono::seconds(write_timeout_sec_) +
               std::chrono::duration_cast<std::chrono::milliseconds>(
                   std::chrono::microseconds(write_timeout_usec_));
    }

  private:
    // cpp-httplib calls this on a pool thread for each accepted connection (SSLServer overrides
    // it the same way).
    bool process_and_close_socket(socket_t sock) override;

    ConnectionLimits m_limits;
    std::atomic<std::size_t> m_waiting{0};
    std::atomic<std::size_t> m_open{0};
};

// From a handler: close the connection once this response has been sent.
void close_connection_after_response();
// From the pre-routing handler: the request's headers have been read, and its body's allowance
// applies from here.
void headers_received();
// From a route that streams a large body to disk (an upload of returns): this request's body may
// take `wire_bytes` on the wire, and the whole request `deadline` from its start, instead of the
// server's limits. A client that stops sending is still dropped after the idle read timeout.
void allow_large_body(std::size_t wire_bytes, std::chrono::milliseconds deadline);

}  // namespace csip::http
