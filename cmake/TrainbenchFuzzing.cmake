# TRAINBENCH_FUZZ: builds tests/fuzz's targets as libFuzzer programs. Everything is compiled with
# AddressSanitizer and UndefinedBehaviorSanitizer so that a read past a buffer or an overflow in
# a reader stops the fuzzer at once, not three calls later. Needs clang (Debian: clang and
# libclang-rt-14-dev); a separate build folder (cmake --preset fuzz).

option(TRAINBENCH_FUZZ "Build tests/fuzz as libFuzzer programs (clang, ASan, UBSan)" OFF)

if(TRAINBENCH_FUZZ)
    if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
        message(FATAL_ERROR "TRAINBENCH_FUZZ needs clang (CC=clang CXX=clang++); "
                            "${CMAKE_CXX_COMPILER_ID} has no libFuzzer")
    endif()
    add_compile_options(-fsanitize=address,undefined,fuzzer-no-link
                        -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
    add_link_options(-fsanitize=address,undefined)
endif()
