// The Ascend NPU backend on this machine's LibTorch: NPUs from the fake DCMI, else from a
// stand-in npu-smi, else the reasons; and torch_npu's verdict.
#include "DeviceTestHelpers.h"
#include "plugins/npu/NpuBackend.h"
#include "plugins/npu/TorchNpu.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>
#include <torch/version.h>

using namespace tb::npu;
using namespace tb::test;

namespace {

constexpr std::int64_t kMB = 1024 * 1024;
constexpr bool kTorchHasNpuLibrary = TORCH_VERSION_MAJOR > 2 ||
                                     (TORCH_VERSION_MAJOR == 2 && TORCH_VERSION_MINOR >= 1);

const QString kOneCard = QStringLiteral("cards 0\ndevices 1\ndriver 24.1.rc2\nchip_type Ascend\n"
                                        "chip_name 910B2\naicore 12\nhbm_total_mb 65536\n"
                                        "hbm_used_mb 2048\npower 1052\ntemperature 44\n"
                                        "aicore_mhz 1650\n");

/// A program that prints the captured `npu-smi info` of two 910B3s, as npu-smi would.
QString writeNpuSmi(const QTemporaryDir& dir) {
    const QString path = dir.filePath("npu-smi");
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    file.write(QStringLiteral("#!/bin/sh\n[ \"$1\" = info ] || exit 2\ncat '%1'\n")
                   .arg(devicesTestData("npu-smi-info-910b3.txt"))
                   .toUtf8());
    file.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    return path;
}

} // namespace

class TestNpuBackend : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init() {
        QVERIFY(m_dir.isValid());
        qunsetenv("TB_TORCH_NPU_LIBRARY");
        qputenv("TB_NPU_SMI", m_dir.filePath("no-npu-smi").toUtf8());
        qputenv("TB_DCMI_LIBRARY", m_dir.filePath("libdcmi.so").toUtf8());
    }

    void listsTheNpusDcmiReports() {
        const QString script = m_dir.filePath("dcmi.txt");
        QVERIFY(writeScript(script, kOneCard));
        useFakeDcmi(script);
        NpuBackend backend;
        const auto devices = backend.devices();
        QCOMPARE(devices.size(), std::size_t{1});
        const auto& d = devices[0];
        QCOMPARE(d.id, std::string("npu:0"));
        QCOMPARE(d.backend, std::string("npu"));
        QCOMPARE(d.name, std::string("Ascend 910B2"));
        QCOMPARE(d.memoryTotalBytes, 65536 * kMB);
        QCOMPARE(d.memoryFreeBytes, (65536 - 2048) * kMB);
        QCOMPARE(d.utilizationPct, 12.0);
        QCOMPARE(d.driverVersion, std::string("Ascend 24.1.rc2"));
        if (!kTorchHasNpuLibrary) {
            QVERIFY(!d.available);
            QVERIFY2(d.unavailableReason.find("LibTorch 2.1 and later") != std::string::npos,
                     d.unavailableReason.c_str());
        }
        const auto telemetry = backend.telemetry(0);
        QVERIFY(telemetry);
        QCOMPARE(telemetry->read().clockMHz, 1650.0);
        QVERIFY(backend.telemetry(1) == nullptr);
    }

    void withoutDcmiItReadsNpuSmi() {
        const QString npuSmi = writeNpuSmi(m_dir);
        QVERIFY(!npuSmi.isEmpty());
        qputenv("TB_NPU_SMI", npuSmi.toUtf8());
        NpuBackend backend;
        const auto devices = backend.devices();
        QCOMPARE(devices.size(), std::size_t{2});
        QCOMPARE(devices[1].id, std::string("npu:1"));
        QCOMPARE(devices[1].name, std::string("Ascend 910B3"));
        QCOMPARE(devices[1].memoryFreeBytes, (65536 - 59356) * kMB);
        QCOMPARE(devices[1].utilizationPct, 58.0);
        const auto telemetry = backend.telemetry(1);
        QVERIFY(telemetry);
        const tb::engine::DeviceSample s = telemetry->read();
        QCOMPARE(s.device, std::string("npu:1"));
        QCOMPARE(s.powerW, 187.2);
        QCOMPARE(s.memoryUsedBytes, 59356 * kMB);
        QCOMPARE(s.clockMHz, -1.0);
    }

    void withNeitherItSaysWhy() {
        NpuBackend backend;
        const auto devices = backend.devices();
        QCOMPARE(devices.size(), std::size_t{1});
        const auto& d = devices[0];
        QCOMPARE(d.id, std::string("npu:0"));
        QCOMPARE(d.name, std::string("Ascend NPU"));
        QVERIFY(!d.available);
        const QString reason = QString::fromStdString(d.unavailableReason);
        QVERIFY2(reason.startsWith("Ascend driver not found (" + m_dir.filePath("libdcmi.so")),
                 qPrintable(reason));
        QVERIFY2(reason.contains("npu-smi not found"), qPrintable(reason));
        QVERIFY2(reason.contains("libtorch_npu.so not found"), qPrintable(reason));
        QCOMPARE(QString::fromStdString(backend.prepareTraining(0)), reason);
        QVERIFY(backend.telemetry(0) == nullptr);
    }

    void torchNpuIsLookedForWhereItIsSaidToBe() {
        qputenv("TB_TORCH_NPU_LIBRARY", m_dir.filePath("libtorch_npu.so").toUtf8());
        QVERIFY2(torchNpuProblem().find("libtorch_npu.so not found") == 0,
                 torchNpuProblem().c_str());
        QVERIFY(writeScript(m_dir.filePath("libtorch_npu.so"), "not a library"));
        if (kTorchHasNpuLibrary) {
            QVERIFY(torchNpuProblem().empty());
            QVERIFY2(prepareTorchNpu(0).find("cannot load libtorch_npu.so") == 0,
                     prepareTorchNpu(0).c_str());
        } else {
            // Found, but this LibTorch predates torch_npu's C++ library.
            const std::string problem = torchNpuProblem();
            QVERIFY2(problem.find(m_dir.filePath("libtorch_npu.so").toStdString() +
                                  " cannot be used") == 0,
                     problem.c_str());
            QCOMPARE(prepareTorchNpu(0), problem);
        }
    }

private:
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestNpuBackend)
#include "tst_npubackend.moc"
