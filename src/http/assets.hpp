// The static files csip serves under /assets/: govuk-frontend's compiled stylesheet, script and
// images, read once from the package's dist/govuk folder (`npm ci` puts it in node_modules; or
// `csip serve --assets DIR`), and csip's own csip.css and csip.js, compiled in. GDS Transport,
// the font in govuk-frontend, is licensed for GOV.UK alone, so its files are never served and
// csip.css sets a system font stack instead.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace csip::http {

struct Asset {
    std::string content;
    std::string content_type;
};

class Assets {
public:
    // Reads govuk-frontend's files from `govuk_dir` (the package's dist/govuk folder). A folder
    // that does not hold govuk-frontend.min.css leaves the pages unstyled but working; `missing`
    // then says so.
    explicit Assets(const std::string& govuk_dir);

    // The asset at `path` below /assets/ ("govuk-frontend.min.css", "images/favicon.svg").
    [[nodiscard]] const Asset* find(std::string_view path) const;
    [[nodiscard]] const std::optional<std::string>& missing() const { return m_missing; }

private:
    std::map<std::string, Asset, std::less<>> m_files;
    std::optional<std::string> m_missing;
};

// Where govuk-frontend's dist/govuk folder is when none is named: beside the source tree csip
// was built from (node_modules/govuk-frontend/dist/govuk), else below the working directory.
[[nodiscard]] std::string default_govuk_assets_dir();

}  // namespace csip::http
