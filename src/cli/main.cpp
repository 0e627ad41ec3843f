// csip's entry point: the composition root. Exceptions that escape everything else (a full
// disk, a lost database connection) are reported here, once, in words.
#include <exception>
#include <iostream>

#include "app/system_clock.hpp"
#include "cli/commands.hpp"

int main(int argc, char** argv) {
    try {
        const csip::app::SystemClock clock;
        return csip::cli::run(argc, argv, std::cout, std::cerr, clock);
    } catch (const std::exception& error) {
        std::cerr << "csip: unexpected failure: " << error.what() << "\n";
        return 1;
    }
}
