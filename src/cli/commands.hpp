// The command line: `csip [--db PATH|URL] COMMAND ...`. run() parses the arguments, opens the
// store, calls the app layer's use cases and prints their results; it returns the process exit
// status (0 done, 1 refused or failed, 2 a usage error). Output goes to the given streams so
// that tests can run it in-process.
#pragma once

#include <iosfwd>

#include "domain/clock.hpp"

namespace csip::cli {

int run(int argc, const char* const* argv, std::ostream& out, std::ostream& err,
        const domain::Clock& clock);

}  // namespace csip::cli
