#include "http/assets.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "http/embedded.hpp"

namespace csip::http {
namespace {

namespace fs = std::filesystem;

std::string content_type_of(const fs::path& path) {
    const auto extension = path.extension().string();
    if (extension == ".css") return "text/css; charset=utf-8";
    if (extension == ".js" || extension == ".mjs") return "text/javascript; charset=utf-8";
    if (extension == ".svg") return "image/svg+xml";
    if (extension == ".png") return "image/png";
    if (extension == ".ico") return "image/x-icon";
    if (extension == ".json") return "application/manifest+json";
    return "application/octet-stream";
}

std::string read_all(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    return content.str();
}

// govuk-frontend's stylesheet without its @font-face rules for GDS Transport, a font licensed for
// GOV.UK alone: with them a browser would ask for the font files (which csip does not serve)
// before csip.css has set the system font stack.
std::string without_gds_transport(std::string css) {
    constexpr std::string_view kRule = "@font-face{";
    for (auto at = css.find(kRule); at != std::string::npos; at = css.find(kRule, at)) {
        const auto end = css.find('}', at);
        if (end == std::string::npos) break;
        if (css.substr(at, end - at).find("GDS Transport") != std::string::npos) {
            css.erase(at, end + 1 - at);
        } else {
            at = end;
        }
    }
    return css;
}

}  // namespace

Assets::Assets(const std::string& govuk_dir) {
    for (const auto* name : {"assets/csip.css", "assets/csip.js"}) {
        const auto content = embedded_file(name);
        if (content) {
            m_files.emplace(std::string(name).substr(7),
                            Asset{std::string(*content), content_type_of(name)});
        }
    }
    const fs::path root(govuk_dir);
    std::error_code error;
    if (!fs::exists(root / "govuk-frontend.min.css", error)) {
        m_missing = "govuk-frontend was not found in '" + govuk_dir +
                    "': run scripts/setup (npm ci), or give its dist/govuk folder with --assets";
        return;
    }
    m_files.emplace("govuk-frontend.min.css",
                    Asset{without_gds_transport(read_all(root / "govuk-frontend.min.css")),
                          content_type_of("govuk-frontend.min.css")});
    m_files.emplace("govuk-frontend.min.js",
                    Asset{read_all(root / "govuk-frontend.min.js"), content_type_of("x.js")});
    // The images and the web manifest, which the stylesheet and the layout refer to as
    // /assets/images/... and /assets/manifest.json; never the fonts.
    const fs::path images = root / "assets" / "images";
    for (const auto& entry : fs::directory_iterator(images, error)) {
        if (!entry.is_regular_file()) continue;
        m_files.emplace("images/" + entry.path().filename().string(),
                        Asset{read_all(entry.path()), content_type_of(entry.path())});
    }
    if (fs::exists(root / "assets" / "manifest.json", error)) {
        m_files.emplace("manifest.json", Asset{read_all(root / "assets" / "manifest.json"),
                                               content_type_of("manifest.json")});
    }
}

const Asset* Assets::find(std::string_view path) const {
    const auto found = m_files.find(path);
    return found == m_files.end() ? nullptr : &found->second;
}

std::string default_govuk_assets_dir() {
    const fs::path beside_source =
        fs::path(CSIP_SOURCE_DIR) / "node_modules" / "govuk-frontend" / "dist" / "govuk";
    std::error_code error;
    if (fs::exists(beside_source / "govuk-frontend.min.css", error)) return beside_source.string();
    return (fs::current_path(error) / "node_modules" / "govuk-frontend" / "dist" / "govuk").string();
}

}  // namespace csip::http
