// Deliberately broken plugins for tst_pluginloader, one build per flaw (CMakeLists.txt):
//   TB_TEST_ENTRY          export tb_plugin_descriptor (else the entry point is missing)
//   TB_TEST_STAMP          store the TRAINBENCH-PLUGIN stamp in the file
//   TB_TEST_ABI            the ABI version it claims (default: the right one)
//   TB_TEST_TORCH          the LibTorch version it claims (default: the right one)
//   TB_TEST_NAME           its name (default: cuda)
//   TB_TEST_KIND           its kind (default: device)
//   TB_TEST_ABORT_ON_LOAD  abort the process as soon as it is loaded, as a plugin linked to
//                          another LibTorch may; the loader must refuse it unloaded
#include "engine/plugins/PluginDescriptor.h"

#include <cstdlib>
#include <torch/version.h>

#ifndef TB_TEST_ABI
#define TB_TEST_ABI TB_PLUGIN_ABI_VERSION
#endif
#ifndef TB_TEST_TORCH
#define TB_TEST_TORCH TORCH_VERSION
#endif
#ifndef TB_TEST_NAME
#define TB_TEST_NAME "cuda"
#endif
#ifndef TB_TEST_KIND
#define TB_TEST_KIND "device"
#endif

#ifdef TB_TEST_ENTRY
extern "C" __attribute__((visibility("default"))) const TbPluginDescriptor* tb_plugin_descriptor() {
    static const TbPluginDescriptor descriptor{TB_TEST_ABI, TB_TEST_TORCH, TB_TEST_NAME,
                                               TB_TEST_KIND, nullptr};
    return &descriptor;
}
#endif

#ifdef TB_TEST_STAMP
extern "C" __attribute__((visibility("default"), used)) const char tb_plugin_stamp[] =
    TB_PLUGIN_STAMP_PREFIX TB_PLUGIN_STRINGIFY(TB_TEST_ABI) " torch=" TB_TEST_TORCH ";";
#endif

#ifdef TB_TEST_ABORT_ON_LOAD
namespace {
const int kAbortWhenLoaded = (std::abort(), 0);
} // namespace
#endif

extern "C" __attribute__((visibility("default"))) int tb_test_plugin_marker() {
    return 1;
}
