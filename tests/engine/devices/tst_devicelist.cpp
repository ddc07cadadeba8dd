// listDevices() and deviceUsable() over the CPU backend and the real plugins of the build
// tree (the fake NVML stands in for the driver), device ids, and the LibTorch devices they map to.
#include "DeviceTestHelpers.h"
#include "engine/devices/DeviceBackends.h"
#include "engine/devices/DeviceId.h"
#include "engine/devices/DeviceInfo.h"
#include "engine/devices/TorchDevice.h"

#include <ATen/detail/CUDAHooksInterface.h>
#include <QTemporaryDir>
#include <QtTest>
#include <stdexcept>

using namespace tb::engine;
using namespace tb::test;

namespace {

bool torchHasCuda() {
    try {
        at::detail::getCUDAHooks().versionCUDART();
        return true;
    } catch (const std::exception&) {
        return false;
    }
}

const DeviceInfo* find(const std::vector<DeviceInfo>& devices, const std::string& id) {
    for (const DeviceInfo& d : devices)
        if (d.id == id)
            return &d;
    return nullptr;
}

} // namespace

class TestDeviceList : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        // Before the first listDevices(): the backends open NVML and DCMI once.
        QVERIFY(m_dir.isValid());
        QVERIFY(writeScript(m_dir.filePath("nvml.txt"),
                            "count 1\nname NVIDIA GeForce RTX 4090\nmemory.total 25757220864\n"
                            "memory.used 0\ndriver 550.54.15\ncuda_driver 12040\n"));
        useFakeNvml(m_dir.filePath("nvml.txt"));
        qputenv("TB_DCMI_LIBRARY", m_dir.filePath("libdcmi.so").toUtf8());
        qputenv("TB_NPU_SMI", m_dir.filePath("npu-smi").toUtf8());
        qunsetenv("TRAINBENCH_PLUGIN_PATH");
    }

    void theCpuComesFirstAndThePluginsFollow() {
        const auto& backends = deviceBackends();
        QCOMPARE(backends.size(), std::size_t{3});
        QCOMPARE(backends[0]->name(), std::string("cpu"));
        QCOMPARE(backends[1]->name(), std::string("cuda"));
        QCOMPARE(backends[2]->name(), std::string("npu"));
        const auto devices = listDevices();
        QCOMPARE(devices.front().id, std::string("cpu"));
        QVERIFY(devices.front().available);
        QVERIFY(find(devices, "cuda:0"));
        QVERIFY(find(devices, "npu:0"));
    }

    void theGpuNvmlSeesIsListedWithTheReason() {
        if (torchHasCuda())
            QSKIP("this LibTorch has CUDA: the real GPUs are listed, not the fake one");
        const auto devices = listDevices();
        const DeviceInfo* gpu = find(devices, "cuda:0");
        QVERIFY(gpu);
        QCOMPARE(gpu->name, std::string("NVIDIA GeForce RTX 4090"));
        QCOMPARE(gpu->memoryTotalBytes, std::int64_t{25757220864});
        QVERIFY(!gpu->available);
        std::string reason;
        QVERIFY(!deviceUsable("cuda", reason));
        QVERIFY2(reason.rfind("this LibTorch was built without CUDA", 0) == 0, reason.c_str());
    }

    void theNpuSaysWhyNot() {
        std::string reason;
        QVERIFY(!deviceUsable("npu:0", reason));
        QVERIFY2(reason.find("Ascend driver not found") != std::string::npos, reason.c_str());
        QVERIFY2(reason.find("libtorch_npu.so") != std::string::npos, reason.c_str());
    }

    void deviceUsableAnswersForEveryKindOfId_data() {
        QTest::addColumn<QString>("id");
        QTest::addColumn<bool>("usable");
        QTest::addColumn<QString>("reason");
        QTest::newRow("cpu") << "cpu" << true << "";
        QTest::newRow("cpu with index") << "cpu:0" << true << "";
        QTest::newRow("not an id") << "cuda:x" << false << "no device cuda:x on this machine";
        QTest::newRow("absent gpu") << "cuda:7" << false << "no device cuda:7 on this machine";
        QTest::newRow("unknown kind") << "tpu:0" << false << "no device tpu:0 on this machine";
    }

    void deviceUsableAnswersForEveryKindOfId() {
        QFETCH(QString, id);
        QFETCH(bool, usable);
        QFETCH(QString, reason);
        std::string why;
        QCOMPARE(deviceUsable(id.toStdString(), why), usable);
        QVERIFY2(QString::fromStdString(why).startsWith(reason), why.c_str());
    }

    void anAbsentDeviceNamesThoseOfItsKind() {
        QStringList cudaIds;
        for (const DeviceInfo& d : listDevices()) {
            if (d.backend == "cuda")
                cudaIds << QString::fromStdString(d.id);
        }
        std::string why;
        QVERIFY(!deviceUsable("cuda:99", why));
        const QString expected = cudaIds.isEmpty()
                                     ? QStringLiteral("(it has no cuda device)")
                                     : "(its cuda devices: " + cudaIds.join(", ") + ")";
        QVERIFY2(QString::fromStdString(why).endsWith(expected), why.c_str());
    }

    void backendForFindsTheOwner_data() {
        QTest::addColumn<QString>("id");
        QTest::addColumn<QString>("backend");
        QTest::addColumn<int>("index");
        QTest::newRow("cpu") << "cpu"
                             << "cpu" << 0;
        QTest::newRow("cuda") << "cuda"
                              << "cuda" << 0;
        QTest::newRow("cuda:1") << "cuda:1"
                                << "cuda" << 1;
        QTest::newRow("npu:3") << "npu:3"
                               << "npu" << 3;
        QTest::newRow("unknown kind") << "tpu:0"
                                      << "" << -1;
        QTest::newRow("bad text") << "cuda:x"
                                  << "" << -1;
    }

    void backendForFindsTheOwner() {
        QFETCH(QString, id);
        QFETCH(QString, backend);
        QFETCH(int, index);
        int found = -1;
        DeviceBackend* owner = backendFor(id.toStdString(), found);
        QCOMPARE(owner ? QString::fromStdString(owner->name()) : QString(), backend);
        QCOMPARE(found, index);
    }

    void parsesDeviceIds_data() {
        QTest::addColumn<QString>("id");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QString>("backend");
        QTest::addColumn<int>("index");
        QTest::newRow("cpu") << "cpu" << true << "cpu" << 0;
        QTest::newRow("npu:12") << "npu:12" << true << "npu" << 12;
        QTest::newRow("empty") << "" << false << "" << 0;
        QTest::newRow("no index") << "cuda:" << false << "" << 0;
        QTest::newRow("negative") << "cuda:-1" << false << "" << 0;
        QTest::newRow("capitals") << "CUDA:0" << false << "" << 0;
        QTest::newRow("huge") << "cuda:99999999999" << false << "" << 0;
    }

    void parsesDeviceIds() {
        QFETCH(QString, id);
        QFETCH(bool, valid);
        QFETCH(QString, backend);
        QFETCH(int, index);
        const auto parsed = parseDeviceId(id.toStdString());
        QCOMPARE(parsed.has_value(), valid);
        if (parsed) {
            QCOMPARE(QString::fromStdString(parsed->backend), backend);
            QCOMPARE(parsed->index, index);
        }
    }

    void mapsIdsToLibTorchDevices() {
        QCOMPARE(torchDevice("cpu"), c10::Device(c10::DeviceType::CPU));
        QCOMPARE(torchDevice("cuda"), c10::Device(c10::DeviceType::CUDA, 0));
        QCOMPARE(torchDevice("cuda:1"), c10::Device(c10::DeviceType::CUDA, 1));
        QCOMPARE(torchDevice("npu:2"), c10::Device(c10::DeviceType::PrivateUse1, 2));
    }

    void refusesIdsThatNameNoDevice_data() {
        QTest::addColumn<QString>("id");
        QTest::newRow("unknown kind") << "tpu:0";
        QTest::newRow("cpu with an index") << "cpu:1";
        QTest::newRow("garbage") << "cuda 0";
    }

    void refusesIdsThatNameNoDevice() {
        QFETCH(QString, id);
        try {
            torchDevice(id.toStdString());
            QFAIL("no exception");
        } catch (const std::invalid_argument& e) {
            QVERIFY2(QString(e.what()).contains("'" + id + "' is not a device id"), e.what());
        }
    }

private:
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestDeviceList)
#include "tst_devicelist.moc"
