// The plugin's entry point: hands the engine an NpuBackend.
#include "engine/plugins/PluginDescriptor.h"
#include "plugins/npu/NpuBackend.h"

#include <torch/version.h>

TB_DEFINE_PLUGIN("npu", "device",
                 []() -> tb::engine::DeviceBackend* { return new tb::npu::NpuBackend; })
