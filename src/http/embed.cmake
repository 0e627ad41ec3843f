# Writes OUTPUT, a C++ file defining csip::http::embedded_file() over FILES (paths relative to
# BASE), each as a raw string literal. Run at build time by src/http/CMakeLists.txt.
set(body "")
foreach(name IN LISTS FILES)
    file(READ "${BASE}/${name}" content)
    string(FIND "${content}" ")csip_embedded\"" clash)
    if(NOT clash EQUAL -1)
        message(FATAL_ERROR "${name} contains the raw-string delimiter; rename it in embed.cmake")
    endif()
    string(APPEND body "        {\"${name}\", R\"csip_embedded(${content})csip_embedded\"},\n")
endforeach()
file(WRITE "${OUTPUT}.tmp" "// Generated from src/http by embed.cmake; do not edit.
#include \"http/embedded.hpp\"

#include <map>
#include <string_view>

namespace csip::http {

std::optional<std::string_view> embedded_file(std::string_view name) {
    static const std::map<std::string_view, std::string_view> kFiles{
${body}    };
    const auto found = kFiles.find(name);
    if (found == kFiles.end()) return std::nullopt;
    return found->second;
}

}  // namespace csip::http
")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
