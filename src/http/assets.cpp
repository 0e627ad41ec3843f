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
    for (const auto* name : {"govuk-frontend.min.css", "govuk-frontend.min.js"}) {
        m_files.emplace(name, Asset{read_all(root / name), content_type_of(name)});
    }
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
