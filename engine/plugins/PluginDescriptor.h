// What a plugin hands the engine: one C entry point returning a versioned descriptor.
#pragma once

#include <cstdint>

namespace tb::engine {
class DeviceBackend;
} // namespace tb::engine

/// Raised whenever this struct's layout or an interface a plugin implements (DeviceBackend,
/// TelemetrySource, DeviceInfo, DeviceSample) changes, so an old plugin is refused instead of
/// being called through the wrong layout. A macro, because TB_DEFINE_PLUGIN pastes it into text.
#define TB_PLUGIN_ABI_VERSION 1

/// The C symbol every plugin exports: `const TbPluginDescriptor* tb_plugin_descriptor(void)`.
#define TB_PLUGIN_ENTRY_POINT "tb_plugin_descriptor"

/// Marks the text `TRAINBENCH-PLUGIN abi=<n> torch=<version>;` that TB_DEFINE_PLUGIN stores in
/// the plugin file, so that the loader can refuse a plugin built for another ABI or LibTorch
/// before dlopen runs any of its code (a plugin linked to another LibTorch can abort while
/// its static constructors register operators).
#define TB_PLUGIN_STAMP_PREFIX "TRAINBENCH-PLUGIN abi="

extern "C" {

/// Returned by a plugin's `tb_plugin_descriptor()`; static, valid for the process's life.
/// Plain C layout: `abiVersion` comes first and never moves, so any plugin's version can be
/// read before the rest is trusted.
struct TbPluginDescriptor {
    std::uint32_t abiVersion; ///< TB_PLUGIN_ABI_VERSION the plugin was compiled with
    const char* torchVersion; ///< TORCH_VERSION of <torch/version.h> it was compiled against
    const char* name;         ///< `cuda`, `npu`: what the engine looks it up by
    const char* kind;         ///< `device` (the only kind so far)
    /// A new backend the caller owns (delete it; the plugin stays loaded), nullptr when the
    /// plugin cannot make one. Set for kind `device`.
    tb::engine::DeviceBackend* (*createDeviceBackend)();
};

/// The type of `tb_plugin_descriptor`.
typedef const TbPluginDescriptor* (*TbPluginEntryPoint)();
}

namespace tb::engine {

/// The ABI version of this build of the engine.
constexpr std::uint32_t kPluginAbiVersion = TB_PLUGIN_ABI_VERSION;

} // namespace tb::engine

#define TB_PLUGIN_STRINGIFY_(x) #x
#define TB_PLUGIN_STRINGIFY(x) TB_PLUGIN_STRINGIFY_(x)

/// Defines a plugin's stamp and entry point; put it once in the plugin's source, after
/// including <torch/version.h>. Example:
/// ```
/// TB_DEFINE_PLUGIN("cuda", "device", [] { return static_cast<DeviceBackend*>(new CudaBackend); })
/// ```
#define TB_DEFINE_PLUGIN(nameLiteral, kindLiteral, factory)                                        \
    extern "C" __attribute__((visibility("default"), used)) const char tb_plugin_stamp[] =         \
        TB_PLUGIN_STAMP_PREFIX TB_PLUGIN_STRINGIFY(TB_PLUGIN_ABI_VERSION) " torch=" TORCH_VERSION  \
                                                                          ";";                     \
    extern "C" __attribute__((visibility("default"))) const TbPluginDescriptor*                    \
    tb_plugin_descriptor() {                                                                       \
        static const TbPluginDescriptor descriptor{TB_PLUGIN_ABI_VERSION, TORCH_VERSION,           \
                                                   nameLiteral, kindLiteral, factory};             \
        return &descriptor;                                                                        \
    }
