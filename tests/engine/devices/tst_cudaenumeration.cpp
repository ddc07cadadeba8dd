// The CUDA device list: every combination of what LibTorch and NVML say, then the real backend
// on this machine's LibTorch with the fake NVML.
#include "DeviceTestHelpers.h"
#include "plugins/cuda/CudaBackend.h"
#include "plugins/cuda/CudaEnumeration.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace tb::cuda;
using namespace tb::test;
using tb::engine::DeviceInfo;

namespace {

NvmlState twoGpus() {
    NvmlState nvml;
    nvml.driverVersion = "470.256.02";
    nvml.cudaDriverVersion = 11040;
    nvml.gpus = {{"Tesla V100-SXM2-16GB", 17179869184, 16000000000, 0.0},
                 {"Tesla V100-SXM2-16GB", 17179869184, 17000000000, 5.0}};
    return nvml;
}

} // namespace

class TestCudaEnumeration : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void versionText() {
        QCOMPARE(cudaVersionText(12010), std::string("12.1"));
        QCOMPARE(cudaVersionText(11040), std::string("11.4"));
        QCOMPARE(cudaVersionText(12080), std::string("12.8"));
    }

    void withoutCudaInLibTorchTheGpusAreListedUnavailable() {
        const auto devices = cudaDevices(TorchCudaState{}, twoGpus());
        QCOMPARE(devices.size(), std::size_t{2});
        for (int i = 0; i < 2; ++i) {
            const DeviceInfo& d = devices[i];
            QCOMPARE(d.id, "cuda:" + std::to_string(i));
            QCOMPARE(d.backend, std::string("cuda"));
            QCOMPARE(d.name, std::string("Tesla V100-SXM2-16GB"));
            QVERIFY(!d.available);
            QVERIFY2(d.unavailableReason.rfind("this LibTorch was built without CUDA", 0) == 0,
                     d.unavailableReason.c_str());
            QCOMPARE(d.memoryTotalBytes, std::int64_t{17179869184});
            QCOMPARE(d.driverVersion, std::string("NVIDIA 470.256.02 (CUDA 11.4)"));
            QVERIFY(d.runtimeVersion.empty());
        }
        QCOMPARE(devices[1].memoryFreeBytes, std::int64_t{17000000000});
        QCOMPARE(devices[1].utilizationPct, 5.0);
    }

    void anOlderDriverThanTheRuntimeIsAMismatch() {
        const TorchCudaState torch{true, 0, 12010};
        const auto devices = cudaDevices(torch, twoGpus());
        QCOMPARE(devices.size(), std::size_t{2});
        const std::string& reason = devices[0].unavailableReason;
        QVERIFY2(reason.rfind("driver/runtime mismatch: CUDA 11.4 driver, 12.1 runtime", 0) == 0,
                 reason.c_str());
        QCOMPARE(devices[0].runtimeVersion, std::string("CUDA 12.1"));
    }

    void aCudaLibTorchThatSeesNoDevice_data() {
        QTest::addColumn<bool>("nvmlSeesGpus");
        QTest::addColumn<QString>("nvmlError");
        QTest::addColumn<QString>("reason");
        QTest::newRow("NVML sees GPUs") << true << ""
                                        << "no CUDA device found, though NVML sees 2 GPU(s)";
        QTest::newRow("no NVML") << false << "NVML could not be loaded (x)"
                                 << "no CUDA device found; NVML could not be loaded (x)";
        QTest::newRow("no GPU") << false << ""
                                << "no CUDA device found (no NVIDIA GPU";
    }

    void aCudaLibTorchThatSeesNoDevice() {
        QFETCH(bool, nvmlSeesGpus);
        QFETCH(QString, nvmlError);
        QFETCH(QString, reason);
        NvmlState nvml = nvmlSeesGpus ? twoGpus() : NvmlState{};
        nvml.cudaDriverVersion = 12040; // new enough: not a mismatch
        nvml.error = nvmlError.toStdString();
        const auto devices = cudaDevices(TorchCudaState{true, 0, 12010}, nvml);
        QCOMPARE(devices.size(), std::size_t{nvmlSeesGpus ? 2u : 1u});
        QCOMPARE(devices[0].id, std::string("cuda:0"));
        QVERIFY(!devices[0].available);
        QVERIFY2(QString::fromStdString(devices[0].unavailableReason).startsWith(reason),
                 devices[0].unavailableReason.c_str());
    }

    void usableDevicesTakeNvmlsFacts() {
        NvmlState nvml = twoGpus();
        nvml.cudaDriverVersion = 11020; // older than the runtime, yet CUDA works: minor compat
        const auto devices = cudaDevices(TorchCudaState{true, 2, 11080}, nvml);
        QCOMPARE(devices.size(), std::size_t{2});
        QVERIFY(devices[0].available);
        QVERIFY(devices[0].unavailableReason.empty());
        QCOMPARE(devices[0].name, std::string("Tesla V100-SXM2-16GB"));
        QCOMPARE(devices[0].runtimeVersion, std::string("CUDA 11.8"));
        QCOMPARE(devices[1].memoryFreeBytes, std::int64_t{17000000000});
    }

    void aDeviceNvmlCannotMatchIsStillListed() {
        const auto devices = cudaDevices(TorchCudaState{true, 3, 12010}, twoGpus());
        QCOMPARE(devices.size(), std::size_t{3});
        QVERIFY(devices[2].available);
        QCOMPARE(devices[2].name, std::string("NVIDIA GPU"));
        QCOMPARE(devices[2].memoryTotalBytes, std::int64_t{-1});
    }

    void theBackendOnThisLibTorchListsTheFakeGpus() {
        if (probeTorchCuda().builtWithCuda)
            QSKIP("this LibTorch has CUDA; the CPU-only case is what is checked here");
        QTemporaryDir dir;
        const QString script = dir.filePath("nvml.txt");
        QVERIFY(writeScript(script, "count 1\nname NVIDIA L4\nmemory.total 24152899584\n"
                                    "memory.used 0\nutilization.gpu 0\nutilization.memory 0\n"
                                    "driver 550.54.15\ncuda_driver 12040\n"));
        useFakeNvml(script);
        CudaBackend backend;
        const auto devices = backend.devices();
        QCOMPARE(devices.size(), std::size_t{1});
        QCOMPARE(devices[0].name, std::string("NVIDIA L4"));
        QCOMPARE(devices[0].memoryFreeBytes, std::int64_t{24152899584});
        QCOMPARE(devices[0].driverVersion, std::string("NVIDIA 550.54.15 (CUDA 12.4)"));
        QVERIFY(!devices[0].available);
        QVERIFY2(devices[0].unavailableReason.rfind("this LibTorch was built without CUDA", 0) == 0,
                 devices[0].unavailableReason.c_str());
        QCOMPARE(backend.prepareTraining(0), devices[0].unavailableReason);
        QVERIFY(backend.telemetry(0) == nullptr);
    }

    void theBackendWithoutNvmlStillAnswers() {
        if (probeTorchCuda().builtWithCuda)
            QSKIP("this LibTorch has CUDA; the CPU-only case is what is checked here");
        qputenv("TB_NVML_LIBRARY", "/nonexistent/libnvidia-ml.so.1");
        CudaBackend backend;
        const auto devices = backend.devices();
        QCOMPARE(devices.size(), std::size_t{1});
        QCOMPARE(devices[0].id, std::string("cuda:0"));
        QCOMPARE(devices[0].name, std::string("NVIDIA GPU"));
        QVERIFY(!devices[0].available);
    }
};

QTEST_GUILESS_MAIN(TestCudaEnumeration)
#include "tst_cudaenumeration.moc"
