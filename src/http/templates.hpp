// The page templates, parsed once when the server starts and reused by every request: a page
// renders its body template, then the layout around it. Each thread renders with its own copy of
// the parsed templates, so that rendering takes no lock. Templates never include partials
// (kainjow mustache parses a partial again on every use); the layout takes the rendered body as
// a value instead.
#pragma once

#include <kainjow/mustache.hpp>

#include <map>
#include <memory>
#include <string>
#include <string_view>

namespace csip::http {

using Data = kainjow::mustache::data;
using List = kainjow::mustache::list;
using Object = kainjow::mustache::object;

class Templates {
public:
    // Parses every embedded template; throws std::runtime_error naming one that does not parse
    // (a build defect, found when the server starts rather than on a request).
    Templates();

    // Renders templates/<name>.mustache with `data`.
    [[nodiscard]] std::string render(std::string_view name, const Data& data) const;

private:
    std::map<std::string, kainjow::mustache::mustache, std::less<>> m_parsed;
    std::size_t m_generation;
};

// A mustache value from a bool, a string or a number, for brevity in the views.
inline Data text(std::string value) { return Data(std::move(value)); }
inline Data flag(bool value) { return Data(value); }

}  // namespace csip::http
