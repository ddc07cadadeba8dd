// The NVML reader and the CUDA telemetry source against the fake libnvidia-ml: values, unit
// conversions, failing calls, a missing library. This tests our code, not a GPU.
#include "DeviceTestHelpers.h"
#include "plugins/cuda/CudaTelemetry.h"
#include "plugins/cuda/Nvml.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace tb::cuda;
using namespace tb::test;

namespace {

const QString kTwoGpus = QStringLiteral(R"(# two GPUs
count 2
driver 535.104.05
cuda_driver 12020
name.0 NVIDIA H100 80GB HBM3
name.1 NVIDIA A100-SXM4-40GB
memory.total.0 85520809984
memory.used.0 1073741824
memory.total.1 42949672960
memory.used.1 0
utilization.gpu.0 87
utilization.gpu 3
utilization.memory 20
power.0 312500
power.1 61250
temperature.0 61
temperature.1 35
clock.sm.0 1980
clock.sm.1 210
)");

} // namespace

class TestNvmlReader : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init() {
        QVERIFY(m_dir.isValid());
        m_script = m_dir.filePath("nvml.txt");
        QVERIFY(writeScript(m_script, kTwoGpus));
        useFakeNvml(m_script);
    }

    void readsNamesAndVersions() {
        const auto nvml = Nvml::open();
        QVERIFY2(nvml->ok(), nvml->error().c_str());
        QCOMPARE(nvml->deviceCount(), 2);
        QCOMPARE(nvml->name(nvml->deviceByIndex(0)), std::string("NVIDIA H100 80GB HBM3"));
        QCOMPARE(nvml->name(nvml->deviceByIndex(1)), std::string("NVIDIA A100-SXM4-40GB"));
        QCOMPARE(nvml->driverVersion(), std::string("535.104.05"));
        QCOMPARE(nvml->cudaDriverVersion(), 12020);
        QVERIFY(nvml->deviceByIndex(2) == nullptr);
    }

    void convertsUnits() {
        const auto nvml = Nvml::open();
        const NvmlReading r = nvml->read(nvml->deviceByIndex(0));
        QCOMPARE(r.utilizationPct, 87.0);
        QCOMPARE(r.memoryTotalBytes, std::int64_t{85520809984});
        QCOMPARE(r.memoryUsedBytes, std::int64_t{1073741824});
        QCOMPARE(r.memoryFreeBytes, std::int64_t{85520809984 - 1073741824});
        QCOMPARE(r.powerW, 312.5); // NVML reports milliwatts
        QCOMPARE(r.temperatureC, 61.0);
        QCOMPARE(r.smClockMHz, 1980.0);
        QCOMPARE(nvml->read(nvml->deviceByIndex(1)).utilizationPct, 3.0); // the unsuffixed value
    }

    void valuesChangeBetweenReads() {
        const auto nvml = Nvml::open();
        const nvmlDevice_t gpu = nvml->deviceByIndex(0);
        QCOMPARE(nvml->read(gpu).powerW, 312.5);
        QVERIFY(
            writeScript(m_script, QString(kTwoGpus)
                                      .replace("power.0 312500", "power.0 98765")
                                      .replace("utilization.gpu.0 87", "utilization.gpu.0 12")));
        const NvmlReading r = nvml->read(gpu);
        QCOMPARE(r.powerW, 98.765);
        QCOMPARE(r.utilizationPct, 12.0);
    }

    void aFailingCallLeavesMinusOne_data() {
        QTest::addColumn<QString>("function");
        QTest::addColumn<QString>("counter");
        QTest::newRow("utilization") << "nvmlDeviceGetUtilizationRates"
                                     << "utilization";
        QTest::newRow("memory") << "nvmlDeviceGetMemoryInfo"
                                << "memory";
        QTest::newRow("power") << "nvmlDeviceGetPowerUsage"
                               << "power";
        QTest::newRow("temperature") << "nvmlDeviceGetTemperature"
                                     << "temperature";
        QTest::newRow("clock") << "nvmlDeviceGetClockInfo"
                               << "clock";
    }

    void aFailingCallLeavesMinusOne() {
        QFETCH(QString, function);
        QFETCH(QString, counter);
        // NVML_ERROR_UNKNOWN on GPU 0 only.
        QVERIFY(writeScript(m_script, kTwoGpus + "fail." + function + ".0 999\n"));
        const auto nvml = Nvml::open();
        const NvmlReading r = nvml->read(nvml->deviceByIndex(0));
        QCOMPARE(r.utilizationPct == -1.0, counter == "utilization");
        QCOMPARE(r.memoryUsedBytes == -1 && r.memoryTotalBytes == -1 && r.memoryFreeBytes == -1,
                 counter == "memory");
        QCOMPARE(r.powerW == -1.0, counter == "power");
        QCOMPARE(r.temperatureC == -1.0, counter == "temperature");
        QCOMPARE(r.smClockMHz == -1.0, counter == "clock");
        QCOMPARE(nvml->read(nvml->deviceByIndex(1)).powerW, 61.25);
    }

    void failingSystemCallsLeaveVersionsEmpty() {
        QVERIFY(writeScript(m_script, kTwoGpus + "fail.nvmlSystemGetDriverVersion 999\n"
                                                 "fail.nvmlSystemGetCudaDriverVersion_v2 3\n"));
        const auto nvml = Nvml::open();
        QVERIFY(nvml->driverVersion().empty());
        QCOMPARE(nvml->cudaDriverVersion(), 0);
        QCOMPARE(nvml->deviceCount(), 2);
    }

    void findsGpusByPciBusId() {
        QVERIFY(
            writeScript(m_script, kTwoGpus + "pci.0 00000000:17:00.0\npci.1 00000000:65:00.0\n"));
        const auto nvml = Nvml::open();
        QCOMPARE(nvml->name(nvml->deviceByPciBusId("00000000:65:00.0")),
                 std::string("NVIDIA A100-SXM4-40GB"));
        QVERIFY(nvml->deviceByPciBusId("00000000:99:00.0") == nullptr);
    }

    void aMissingLibraryGivesTheReason() {
        qputenv("TB_NVML_LIBRARY", m_dir.filePath("libnvidia-ml.so.1").toUtf8());
        const auto nvml = Nvml::open();
        QVERIFY(!nvml->ok());
        const QString error = QString::fromStdString(nvml->error());
        QVERIFY2(error.startsWith("NVML could not be loaded"), qPrintable(error));
        QVERIFY2(error.contains(m_dir.filePath("libnvidia-ml.so.1")), qPrintable(error));
        QVERIFY2(error.contains("TB_NVML_LIBRARY"), qPrintable(error));
        QCOMPARE(nvml->deviceCount(), 0);
        QCOMPARE(nvml->read(nullptr).powerW, -1.0);
    }

    void aFailedStartGivesNvmlsReason() {
        QVERIFY(writeScript(m_script, kTwoGpus + "fail.nvmlInit_v2 9\n"));
        const auto nvml = Nvml::open();
        QVERIFY(!nvml->ok());
        QCOMPARE(QString::fromStdString(nvml->error()),
                 QStringLiteral("NVML did not start: nvmlInit_v2 returned 9 (Driver Not Loaded)"));
    }

    void telemetryFillsTheSample() {
        const auto nvml = Nvml::open();
        CudaTelemetry telemetry(1, nvml, nvml->deviceByIndex(1));
        QCOMPARE(telemetry.device(), std::string("cuda:1"));
        const tb::engine::DeviceSample s = telemetry.read();
        QCOMPARE(s.device, std::string("cuda:1"));
        QCOMPARE(s.utilizationPct, 3.0);
        QCOMPARE(s.memoryUsedBytes, std::int64_t{0});
        QCOMPARE(s.memoryTotalBytes, std::int64_t{42949672960});
        QCOMPARE(s.powerW, 61.25);
        QCOMPARE(s.temperatureC, 35.0);
        QCOMPARE(s.clockMHz, 210.0);
        // LibTorch's CUDA allocator has not run on this device in this process.
        QCOMPARE(s.allocatedBytes, std::int64_t{-1});
        QCOMPARE(s.reservedBytes, std::int64_t{-1});
        QCOMPARE(s.peakBytes, std::int64_t{-1});
    }

private:
    QTemporaryDir m_dir;
    QString m_script;
};

QTEST_GUILESS_MAIN(TestNvmlReader)
#include "tst_nvmlreader.moc"
