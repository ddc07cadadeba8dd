// The CPU's readings on this machine: /proc and the C allocator, plausible and consistent.
#include "engine/devices/CpuBackend.h"
#include "engine/telemetry/CpuTelemetry.h"

#include <QTest>
#include <thread>
#include <vector>

using namespace tb::engine;

class TestCpuTelemetry : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void readsUtilizationAndMemory();
    void allocatorBytesFollowAllocations();
    void backendListsOneUsableCpu();
};

void TestCpuTelemetry::readsUtilizationAndMemory() {
    CpuTelemetry cpu;
    std::this_thread::sleep_for(std::chrono::milliseconds(120));
    const DeviceSample s = cpu.read();
    QCOMPARE(s.device, std::string("cpu"));
    QVERIFY2(s.utilizationPct >= 0.0 && s.utilizationPct <= 100.0,
             qPrintable(QString::number(s.utilizationPct)));
    QVERIFY(s.memoryTotalBytes > 0);
    QVERIFY(s.memoryUsedBytes > 0 && s.memoryUsedBytes <= s.memoryTotalBytes);
    QCOMPARE(s.powerW, -1.0); // /proc has no power reading: unknown, not zero
}

void TestCpuTelemetry::allocatorBytesFollowAllocations() {
    CpuTelemetry cpu;
    const DeviceSample before = cpu.read();
    QVERIFY(before.allocatedBytes > 0);
    QVERIFY(before.reservedBytes >= before.allocatedBytes);

    constexpr std::int64_t kBytes = 64 << 20;
    auto block = std::make_unique<std::vector<char>>(kBytes, 1);
    const DeviceSample holding = cpu.read();
    QVERIFY2(holding.allocatedBytes >= before.allocatedBytes + kBytes,
             qPrintable(QString::number(holding.allocatedBytes - before.allocatedBytes)));
    block.reset();
    const DeviceSample after = cpu.read();
    QVERIFY(after.allocatedBytes < holding.allocatedBytes);
    QCOMPARE(after.peakBytes, holding.allocatedBytes); // the peak remembers the block
}

void TestCpuTelemetry::backendListsOneUsableCpu() {
    CpuBackend backend;
    const std::vector<DeviceInfo> devices = backend.devices();
    QCOMPARE(devices.size(), std::size_t{1});
    QCOMPARE(devices[0].id, std::string("cpu"));
    QVERIFY(devices[0].available);
    QVERIFY(devices[0].memoryTotalBytes > 0);
    QVERIFY(devices[0].utilizationPct >= 0.0 && devices[0].utilizationPct <= 100.0);
    QVERIFY(backend.prepareTraining(0).empty());
    QVERIFY(backend.telemetry(0) != nullptr);
}

QTEST_GUILESS_MAIN(TestCpuTelemetry)
#include "tst_cputelemetry.moc"
