// Files compiled into the binary at build time (src/http/CMakeLists.txt), so that `csip serve`
// works from any directory: the page templates (templates/*.mustache), csip's own stylesheet and
// script (assets/) and the OpenAPI document.
#pragma once

#include <optional>
#include <string_view>

namespace csip::http {

// The content of the embedded file `name` ("templates/plan.mustache", "assets/csip.css",
// "openapi.json"), or nothing.
[[nodiscard]] std::optional<std::string_view> embedded_file(std::string_view name);

}  // namespace csip::http
