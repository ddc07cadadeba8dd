// The plugin loader refuses broken plugins with a message naming the file, and loads the real
// ones from the build tree.
#include "DeviceTestHelpers.h"
#include "engine/devices/DeviceBackend.h"
#include "engine/plugins/PluginLoader.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>
#include <memory>
#include <torch/version.h>

using namespace tb::engine;
using namespace tb::test;

class TestPluginLoader : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void refusesABrokenPlugin_data() {
        QTest::addColumn<QString>("folder");
        QTest::addColumn<QString>("refusal");
        QTest::newRow("no entry point")
            << "no_entry_point"
            << "is not a Trainbench plugin: it has no tb_plugin_descriptor";
        QTest::newRow("another ABI")
            << "wrong_abi"
            << "was built for plugin ABI version 999, this Trainbench uses "
               "version 1: rebuild the plugin";
        QTest::newRow("another LibTorch")
            << "wrong_torch"
            << "was built against LibTorch 0.4.1, this Trainbench uses LibTorch " TORCH_VERSION;
        // This one aborts the process when loaded: its stamp must refuse it unloaded.
        QTest::newRow("another LibTorch, stamped")
            << "wrong_torch_stamp"
            << "was built against LibTorch 0.4.1, this Trainbench uses LibTorch " TORCH_VERSION;
    }

    void refusesABrokenPlugin() {
        QFETCH(QString, folder);
        QFETCH(QString, refusal);
        const QString path = testPluginPath(folder);
        QVERIFY2(QFile::exists(path), qPrintable(path));
        const PluginLoad load = loadPluginFile(path.toStdString());
        QVERIFY(load.descriptor == nullptr);
        const QString text = QString::fromStdString(load.refusal);
        QVERIFY2(text.startsWith(path), qPrintable(text));
        QVERIFY2(text.contains(refusal), qPrintable(text));
    }

    void refusesFilesThatAreNotLibraries() {
        QTemporaryDir dir;
        const QString path = dir.filePath("tb_plugin_cuda.so");
        QVERIFY(writeScript(path, "#!/bin/sh\necho not a library\n"));
        const QString text = QString::fromStdString(loadPluginFile(path.toStdString()).refusal);
        QVERIFY2(text.startsWith("cannot load " + path + ": "), qPrintable(text));
        const QString missing = dir.filePath("absent.so");
        QVERIFY(loadPluginFile(missing.toStdString()).refusal.find("cannot load") == 0);
    }

    void loadsTheRealPlugins_data() {
        QTest::addColumn<QString>("name");
        QTest::newRow("cuda") << "cuda";
        QTest::newRow("npu") << "npu";
    }

    void loadsTheRealPlugins() {
        QFETCH(QString, name);
        const std::string path =
            (buildPluginDir() + "/" + QString::fromStdString(pluginFileName(name.toStdString())))
                .toStdString();
        const PluginLoad load = loadPluginFile(path);
        QVERIFY2(load.descriptor, load.refusal.c_str());
        QCOMPARE(load.descriptor->abiVersion, kPluginAbiVersion);
        QCOMPARE(std::string(load.descriptor->torchVersion), std::string(TORCH_VERSION));
        QCOMPARE(QString(load.descriptor->name), name);
        QCOMPARE(std::string(load.descriptor->kind), std::string("device"));
        QVERIFY(load.descriptor->createDeviceBackend);
        qputenv("TB_NVML_LIBRARY", "/nonexistent/libnvidia-ml.so.1");
        qputenv("TB_DCMI_LIBRARY", "/nonexistent/libdcmi.so");
        qputenv("TB_NPU_SMI", "/nonexistent/npu-smi");
        const std::unique_ptr<DeviceBackend> backend(load.descriptor->createDeviceBackend());
        QCOMPARE(QString::fromStdString(backend->name()), name);
        const auto devices = backend->devices();
        QVERIFY(!devices.empty());
        QCOMPARE(devices[0].id, name.toStdString() + ":0");
        // Loading again hands back the same, still loaded, plugin.
        QCOMPARE(loadPluginFile(path).descriptor, load.descriptor);
    }

    void searchesInOrderAndListsWhatItRefused() {
        const std::vector<std::string> dirs{
            (testPluginPath("no_entry_point").section('/', 0, -2)).toStdString(),
            (testPluginPath("wrong_name").section('/', 0, -2)).toStdString(),
            buildPluginDir().toStdString()};
        const PluginSearch search = findPlugin("cuda", dirs);
        QVERIFY2(search.descriptor, search.problem().c_str());
        QCOMPARE(QString::fromStdString(search.path), buildPluginDir() + "/tb_plugin_cuda.so");
        QCOMPARE(search.refused.size(), std::size_t{2});
        QVERIFY2(search.refused[1].refusal.find("is the plugin 'npu', not 'cuda'") !=
                     std::string::npos,
                 search.refused[1].refusal.c_str());
        QVERIFY(search.problem().empty());
    }

    void saysWhereItLookedWhenNothingLoads() {
        QTemporaryDir empty;
        const std::string wrongAbiDir =
            testPluginPath("wrong_abi").section('/', 0, -2).toStdString();
        const PluginSearch none = findPlugin("cuda", {empty.path().toStdString()});
        QVERIFY(!none.descriptor);
        QCOMPARE(QString::fromStdString(none.problem()),
                 "tb_plugin_cuda.so not found in " + empty.path() +
                     " (set TRAINBENCH_PLUGIN_PATH to the folder that holds it)");
        const PluginSearch refused = findPlugin("cuda", {empty.path().toStdString(), wrongAbiDir});
        QVERIFY(QString::fromStdString(refused.problem()).contains("plugin ABI version 999"));
    }

    void theSearchPathPutsTheUsersFoldersFirst() {
        qputenv("TRAINBENCH_PLUGIN_PATH", "/opt/a::/opt/b");
        const auto dirs = pluginSearchPath();
        QCOMPARE(dirs.size(), std::size_t{3});
        QCOMPARE(dirs[0], std::string("/opt/a"));
        QCOMPARE(dirs[1], std::string("/opt/b"));
        QCOMPARE(QString::fromStdString(dirs[2]), buildPluginDir());
        qunsetenv("TRAINBENCH_PLUGIN_PATH");
        QCOMPARE(pluginSearchPath().size(), std::size_t{1});
    }
};

QTEST_GUILESS_MAIN(TestPluginLoader)
#include "tst_pluginloader.moc"
