# AddressSanitizer and UndefinedBehaviorSanitizer as an INTERFACE target; on in the test build.
add_library(csip_sanitizers INTERFACE)
if(CSIP_SANITIZERS)
    target_compile_options(csip_sanitizers INTERFACE
        -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
    target_link_options(csip_sanitizers INTERFACE -fsanitize=address,undefined)
endif()
# The fuzz build (tests/fuzz/run, clang only): every first-party target instrumented for
# libFuzzer's coverage and the same sanitizers; the harnesses link -fsanitize=fuzzer themselves.
if(CSIP_FUZZ)
    target_compile_options(csip_sanitizers INTERFACE
        -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer
        -fno-sanitize-recover=undefined)
    target_link_options(csip_sanitizers INTERFACE -fsanitize=address,undefined)
endif()
