#include "csip_process.hpp"

#include <sys/wait.h>

#include <cstdio>
#include <stdexcept>

#include "../support/temp_dir.hpp"

namespace csip::testing {
namespace {

std::string quote(const std::string& word) {
    std::string quoted = "'";
    for (char c : word) {
        if (c == '\'') {
            quoted += "'\\''";
        } else {
            quoted += c;
        }
    }
    return quoted + "'";
}

}  // namespace

ProcessResult run_csip(const std::vector<std::string>& args, const std::string& cwd,
                       const std::map<std::string, std::string>& env, const std::string& input) {
    TempDir capture;
    write_file(capture / "in", input);
    std::string command = "cd " + quote(cwd) + " && env -u CSIP_DB";
    for (const auto& [name, value] : env) command += " " + name + "=" + quote(value);
    command += " " + quote(CSIP_BINARY);
    for (const auto& arg : args) command += " " + quote(arg);
    command += " <" + quote((capture / "in").string());
    command += " >" + quote((capture / "out").string()) + " 2>" + quote((capture / "err").string());
    const int status = std::system(command.c_str());
    ProcessResult result;
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    result.out = read_file(capture / "out");
    result.err = read_file(capture / "err");
    return result;
}

}  // namespace csip::testing
