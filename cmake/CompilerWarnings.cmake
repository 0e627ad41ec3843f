# Warnings as an INTERFACE target that every first-party target links.
# CSIP_WARNINGS_AS_ERRORS turns them into errors (the test build sets it).
add_library(csip_warnings INTERFACE)
target_compile_options(csip_warnings INTERFACE
    -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
    -Wunused -Woverloaded-virtual -Wconversion -Wsign-conversion -Wnull-dereference
    -Wdouble-promotion -Wformat=2 -Wimplicit-fallthrough -Wmisleading-indentation
    -Wduplicated-cond -Wduplicated-branches -Wlogical-op
    # The plan's values are aggregates whose trailing members (version, retirement) have
    # defaults; initialising one by its leading fields is meant, not a slip.
    -Wno-missing-field-initializers)
if(CSIP_WARNINGS_AS_ERRORS)
    target_compile_options(csip_warnings INTERFACE -Werror)
endif()
