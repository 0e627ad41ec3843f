// libFuzzer harness for the reader of the department's published files
// (import::returns::read_published: EES tidy CSVs, the LAIT long table, statistical-neighbour
// models), which reads from a path as `csip benchmarks import` gives it, so each input is written
// to a file of its own first. Any input may be refused; none may crash, leak, overflow the stack
// or trip a sanitizer.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <string>

#include "import/returns/benchmarks.hpp"

namespace {

const std::string& input_path() {
    static const std::string path = [] {
        std::string pattern = "/tmp/csip-fuzz-published-XXXXXX";
        const int fd = mkstemp(pattern.data());
        if (fd < 0) std::abort();
        close(fd);
        return pattern;
    }();
    return path;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    {
        std::ofstream out(input_path(), std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    }
    (void)csip::import::returns::read_published(input_path(), "published.csv", std::nullopt);
    (void)csip::import::returns::read_published(input_path(), "sn_model_2025.csv", std::nullopt);
    return 0;
}
