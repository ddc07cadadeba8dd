// Shared by the device tests: where the fake vendor libraries, the test plugins and the real
// plugins are, and writing the fakes' scripts.
#pragma once

#include <QString>

namespace tb::test {

/// The fake libnvidia-ml (fakes/fake_nvml.c) and libdcmi (fakes/fake_dcmi.c).
QString fakeNvmlPath();
QString fakeDcmiPath();

/// `testplugins/<folder>/tb_plugin_cuda.so`, a deliberately broken plugin (CMakeLists.txt).
QString testPluginPath(const QString& folder);
/// The build tree's plugins/ folder, holding tb_plugin_cuda.so and tb_plugin_npu.so.
QString buildPluginDir();
/// A file of tests/engine/devices/data.
QString devicesTestData(const QString& name);

/// Writes a fake's script to `path` (fakes/fake_script.h), replacing what was there; the
/// fakes read it again on every call. Returns false when the file cannot be written.
bool writeScript(const QString& path, const QString& text);

/// Points `TB_NVML_LIBRARY` at the fake and `FAKE_NVML_SCRIPT` at `scriptPath`.
void useFakeNvml(const QString& scriptPath);
/// Points `TB_DCMI_LIBRARY` at the fake and `FAKE_DCMI_SCRIPT` at `scriptPath`.
void useFakeDcmi(const QString& scriptPath);

} // namespace tb::test
