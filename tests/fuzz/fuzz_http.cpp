// libFuzzer harness for what csip's HTTP layer parses itself from a request: the JSON body of an
// API update (http::read_string_object), the Cookie header and the place to go back to after
// signing in. The input is split at its first two NUL bytes into body, cookie header and `next`.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "http/json.hpp"
#include "http/site.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const auto first = input.find('\0');
    const std::string_view body = input.substr(0, first);
    const std::string_view rest = first == std::string_view::npos ? "" : input.substr(first + 1);
    const auto second = rest.find('\0');
    const std::string cookie_header(rest.substr(0, second));
    const std::string next(second == std::string_view::npos ? "" : rest.substr(second + 1));

    (void)csip::http::read_string_object(body);
    (void)csip::http::json_string(body);
    httplib::Request request;
    request.headers.emplace("Cookie", cookie_header);
    (void)csip::http::cookie(request, "csip_session");
    (void)csip::http::safe_next(next);
    return 0;
}
