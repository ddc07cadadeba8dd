# Enforces the one-way dependencies of DESIGN.md at configure time: app -> ui -> engine <- plugins.
# The engine must never link Qt; plugins must never link the UI.

function(tb_assert_no_qt target)
    get_target_property(libs ${target} LINK_LIBRARIES)
    get_target_property(ilibs ${target} INTERFACE_LINK_LIBRARIES)
    foreach(lib IN LISTS libs ilibs)
        if(lib MATCHES "Qt[0-9]*::|QCustomPlot|tb_ui")
            message(FATAL_ERROR "${target} links ${lib}: the engine and plugins stay free of Qt "
                                "(see DESIGN.md, 'Layout').")
        endif()
    endforeach()
endfunction()

foreach(t tb_engine_core tb_engine_data tb_engine)
    tb_assert_no_qt(${t})
endforeach()
get_property(_tb_plugins GLOBAL PROPERTY TB_PLUGIN_TARGETS)
foreach(t IN LISTS _tb_plugins)
    tb_assert_no_qt(${t})
endforeach()
