// The plugin's entry point: hands the engine a CudaBackend.
#include "engine/plugins/PluginDescriptor.h"
#include "plugins/cuda/CudaBackend.h"

#include <torch/version.h>

TB_DEFINE_PLUGIN("cuda", "device",
                 []() -> tb::engine::DeviceBackend* { return new tb::cuda::CudaBackend; })
