// libFuzzer harness for one case-level return reader (import::read_return), the format named by
// CSIP_FUZZ_FORMAT at build time (tests/fuzz/CMakeLists.txt builds one binary per format). The
// readers stream from a path, as `csip data import` gives them, so each input is written to a
// file of its own first. Any input may be refused; none may crash, leak, overflow the stack or
// trip a sanitizer.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <string>

#include "domain/case_data.hpp"
#include "import/returns/detect.hpp"
#include "import/returns/read_return.hpp"

namespace {

const std::string& input_path() {
    static const std::string path = [] {
        std::string pattern = "/tmp/csip-fuzz-" CSIP_FUZZ_FORMAT "-XXXXXX";
        const int fd = mkstemp(pattern.data());
        if (fd < 0) std::abort();
        close(fd);
        return pattern;
    }();
    return path;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const auto format = csip::import::parse_format_name(CSIP_FUZZ_FORMAT);
    if (!format) std::abort();
    {
        std::ofstream out(input_path(), std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    }
    csip::domain::CaseData into;
    (void)csip::import::read_return(input_path(), *format, into);
    return 0;
}
