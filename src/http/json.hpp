// The little JSON the HTTP layer reads and writes itself, through nlohmann-json
// (docs/decisions/nlohmann-json.md): the body of POST /actions/{id}/updates (one object whose
// members are strings or null) and the strings of the API's small documents. Everything larger
// (the plan, summaries, histories) comes already rendered from app/documents.hpp, so that the API
// and the command line give the same JSON.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "domain/result.hpp"

namespace csip::http {

// A JSON string literal, quotes included, escaping what RFC 8259 requires and every control
// character.
[[nodiscard]] std::string json_string(std::string_view text);

// Reads one JSON object whose members are strings or null (a null member reads as absent).
// InvalidInput naming the member at fault for anything else: another type, a key given twice,
// text after the object, bad escapes or UTF-16 surrogates.
[[nodiscard]] Result<std::map<std::string, std::optional<std::string>>> read_string_object(
    std::string_view text);

}  // namespace csip::http
