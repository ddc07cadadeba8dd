// A device backend from a plugin, or, when the plugin is missing or refused, a stand-in whose
// unavailable device says why.
#include "DeviceTestHelpers.h"
#include "engine/devices/DevicePlugins.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace tb::engine;
using namespace tb::test;

namespace {

const DevicePlugin kCuda{"cuda", "NVIDIA GPU"};

std::string testPluginDir(const QString& folder) {
    return testPluginPath(folder).section('/', 0, -2).toStdString();
}

} // namespace

class TestDevicePlugins : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void theDevicePluginsAreCudaThenNpu() {
        const auto& plugins = devicePlugins();
        QCOMPARE(plugins.size(), std::size_t{2});
        QCOMPARE(std::string(plugins[0].name), std::string("cuda"));
        QCOMPARE(std::string(plugins[1].name), std::string("npu"));
    }

    void aMissingPluginLeavesAnEntryThatSaysWhere() {
        QTemporaryDir empty;
        const auto backend = loadDevicePlugin(kCuda, {empty.path().toStdString()});
        QCOMPARE(backend->name(), std::string("cuda"));
        const auto devices = backend->devices();
        QCOMPARE(devices.size(), std::size_t{1});
        QCOMPARE(devices[0].id, std::string("cuda:0"));
        QCOMPARE(devices[0].backend, std::string("cuda"));
        QCOMPARE(devices[0].name, std::string("NVIDIA GPU"));
        QVERIFY(!devices[0].available);
        QCOMPARE(QString::fromStdString(devices[0].unavailableReason),
                 "the cuda plugin was not loaded: tb_plugin_cuda.so not found in " + empty.path() +
                     " (set TRAINBENCH_PLUGIN_PATH to the folder that holds it)");
        QCOMPARE(backend->prepareTraining(0), devices[0].unavailableReason);
        QVERIFY(backend->telemetry(0) == nullptr);
    }

    void aRefusedPluginLeavesAnEntryThatSaysWhy_data() {
        QTest::addColumn<QString>("folder");
        QTest::addColumn<QString>("reason");
        QTest::newRow("another ABI") << "wrong_abi"
                                     << "was built for plugin ABI version 999";
        QTest::newRow("another kind") << "wrong_kind"
                                      << "is a 'model' plugin, not a device backend";
        QTest::newRow("no factory") << "no_factory"
                                    << "has no backend factory";
    }

    void aRefusedPluginLeavesAnEntryThatSaysWhy() {
        QFETCH(QString, folder);
        QFETCH(QString, reason);
        const auto backend = loadDevicePlugin(kCuda, {testPluginDir(folder)});
        const auto devices = backend->devices();
        QCOMPARE(devices.size(), std::size_t{1});
        const QString text = QString::fromStdString(devices[0].unavailableReason);
        QVERIFY2(text.startsWith("the cuda plugin was not loaded: " + testPluginPath(folder)),
                 qPrintable(text));
        QVERIFY2(text.contains(reason), qPrintable(text));
    }

    void aGoodPluginAfterARefusedOneIsUsed() {
        qputenv("TB_NVML_LIBRARY", "/nonexistent/libnvidia-ml.so.1");
        const auto backend =
            loadDevicePlugin(kCuda, {testPluginDir("wrong_abi"), buildPluginDir().toStdString()});
        QCOMPARE(backend->name(), std::string("cuda"));
        const auto devices = backend->devices();
        QVERIFY(!devices.empty());
        // The real backend names the LibTorch/NVML reason, not a plugin problem.
        QVERIFY2(devices[0].available ||
                     devices[0].unavailableReason.find("plugin") == std::string::npos,
                 devices[0].unavailableReason.c_str());
    }
};

QTEST_GUILESS_MAIN(TestDevicePlugins)
#include "tst_deviceplugins.moc"
