#include "temp_dir.hpp"

#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

namespace csip::testing {

TempDir::TempDir() {
    std::random_device device;
    const auto base = std::filesystem::temp_directory_path();
    for (int attempt = 0; attempt < 100; ++attempt) {
        auto candidate = base / ("csip-test-" + std::to_string(device()));
        if (std::filesystem::create_directory(candidate)) {
            m_path = candidate;
            return;
        }
    }
    throw std::runtime_error("cannot create a temporary directory");
}

TempDir::~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(m_path, ignored);
}

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path.string());
    std::ostringstream content;
    content << in.rdbuf();
    return content.str();
}

void write_file(const std::filesystem::path& path, const std::string& content) {
    std::ofstream out(path, std::ios::binary);
    out << content;
    if (!out) throw std::runtime_error("cannot write " + path.string());
}

std::filesystem::path shared_data_dir() {
    const char* dir = std::getenv("CSIP_SHARED_DIR");
    return std::filesystem::path(dir != nullptr ? dir : CSIP_DEFAULT_SHARED_DIR) / "data";
}

std::filesystem::path source_dir() {
    const char* dir = std::getenv("CSIP_SOURCE_DIR");
    return dir != nullptr ? dir : CSIP_DEFAULT_SOURCE_DIR;
}

}  // namespace csip::testing
