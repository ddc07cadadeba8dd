# Warnings and build speed settings shared by every target.

if(NOT CMAKE_CXX_COMPILER_LAUNCHER)
    find_program(CCACHE_PROGRAM ccache)
    if(CCACHE_PROGRAM)
        # Precompiled headers are cacheable only when ccache ignores their time stamps.
        set(_tb_ccache ${CMAKE_COMMAND} -E env
            "CCACHE_SLOPPINESS=pch_defines,time_macros,include_file_mtime,include_file_ctime"
            ${CCACHE_PROGRAM})
        set(CMAKE_CXX_COMPILER_LAUNCHER ${_tb_ccache})
        set(CMAKE_C_COMPILER_LAUNCHER ${_tb_ccache})
    endif()
endif()

add_library(tb_warnings INTERFACE)
target_compile_options(tb_warnings INTERFACE
    $<$<CXX_COMPILER_ID:GNU,Clang>:-Wall -Wextra -Wpedantic -Wshadow=local -Wnon-virtual-dtor
    -Wno-unused-parameter>)
