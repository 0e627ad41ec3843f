// Runs the csip binary as a separate process, as a user would, and captures what it prints.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace csip::testing {

struct ProcessResult {
    int exit_code = -1;
    std::string out;
    std::string err;
};

// Runs `csip ARGS...` with the working directory `cwd`, extra environment variables and `input`
// on its standard input.
ProcessResult run_csip(const std::vector<std::string>& args, const std::string& cwd,
                       const std::map<std::string, std::string>& env = {},
                       const std::string& input = {});

}  // namespace csip::testing
