# Warnings and build speed settings shared by every target.

if(NOT CMAKE_CXX_COMPILER_LAUNCHER)
    find_program(CCACHE_PROGRAM ccache)
    if(CCACHE_PROGRAM)
        # Paths relative to the checkout, so that another clone (CI's) hits the same cache.
        set(_tb_ccache ${CMAKE_COMMAND} -E env "CCACHE_BASEDIR=${PROJECT_SOURCE_DIR}"
            ${CCACHE_PROGRAM})
        set(CMAKE_CXX_COMPILER_LAUNCHER ${_tb_ccache})
        set(CMAKE_C_COMPILER_LAUNCHER ${_tb_ccache})
    endif()
endif()

add_library(tb_warnings INTERFACE)
target_compile_options(tb_warnings INTERFACE
    $<$<CXX_COMPILER_ID:GNU,Clang>:-Wall -Wextra -Wpedantic>
    $<$<CXX_COMPILER_ID:GNU>:-Wshadow=local> # clang has no -Wshadow=local
    $<$<CXX_COMPILER_ID:GNU,Clang>:-Wnon-virtual-dtor -Wno-unused-parameter>)
