# AddressSanitizer and UndefinedBehaviorSanitizer as an INTERFACE target; on in the test build.
add_library(csip_sanitizers INTERFACE)
if(CSIP_SANITIZERS)
    target_compile_options(csip_sanitizers INTERFACE
        -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
    target_link_options(csip_sanitizers INTERFACE -fsanitize=address,undefined)
endif()
