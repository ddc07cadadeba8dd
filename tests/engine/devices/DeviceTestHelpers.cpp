#include "DeviceTestHelpers.h"

#include <QFile>

namespace tb::test {

QString fakeNvmlPath() {
    return QStringLiteral(TB_FAKE_NVML);
}

QString fakeDcmiPath() {
    return QStringLiteral(TB_FAKE_DCMI);
}

QString testPluginPath(const QString& folder) {
    return QStringLiteral(TB_TEST_PLUGIN_DIR "/%1/tb_plugin_cuda.so").arg(folder);
}

QString buildPluginDir() {
    return QStringLiteral(TB_BUILD_PLUGIN_DIR);
}

QString devicesTestData(const QString& name) {
    return QStringLiteral(TB_DEVICES_TEST_DATA "/%1").arg(name);
}

bool writeScript(const QString& path, const QString& text) {
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    return file.write(text.toUtf8()) == text.toUtf8().size();
}

void useFakeNvml(const QString& scriptPath) {
    qputenv("TB_NVML_LIBRARY", fakeNvmlPath().toUtf8());
    qputenv("FAKE_NVML_SCRIPT", scriptPath.toUtf8());
}

void useFakeDcmi(const QString& scriptPath) {
    qputenv("TB_DCMI_LIBRARY", fakeDcmiPath().toUtf8());
    qputenv("FAKE_DCMI_SCRIPT", scriptPath.toUtf8());
}

} // namespace tb::test
