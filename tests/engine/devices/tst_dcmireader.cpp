// The DCMI reader and the NPU telemetry source against the fake libdcmi: values, unit
// conversions, failing calls, a missing library. This tests our code, not an NPU.
#include "DeviceTestHelpers.h"
#include "plugins/npu/Dcmi.h"
#include "plugins/npu/NpuTelemetry.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace tb::npu;
using namespace tb::test;

namespace {

constexpr std::int64_t kMB = 1024 * 1024;

// Two cards of one 910B3 each; card 4's chip is logic device 0.
const QString kTwoCards = QStringLiteral(R"(cards 6 4
devices 1
logic.4.0 0
logic.6.0 1
driver 23.0.rc3
chip_type Ascend
chip_name 910B3
aicore.4.0 73
aicore.6.0 0
hbm_total_mb 65536
hbm_used_mb.4.0 3161
hbm_used_mb.6.0 59356
power.4.0 936
power.6.0 1031
temperature.4.0 40
temperature.6.0 37
aicore_mhz.4.0 1800
aicore_mhz.6.0 800
)");

} // namespace

class TestDcmiReader : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init() {
        QVERIFY(m_dir.isValid());
        m_script = m_dir.filePath("dcmi.txt");
        QVERIFY(writeScript(m_script, kTwoCards));
        useFakeDcmi(m_script);
    }

    void listsChipsByLogicId() {
        const auto dcmi = Dcmi::open();
        QVERIFY2(dcmi->ok(), dcmi->error().c_str());
        const auto chips = dcmi->chips();
        QCOMPARE(chips.size(), std::size_t{2});
        QCOMPARE(chips[0].card, 4);
        QCOMPARE(chips[0].logicId, 0);
        QCOMPARE(chips[1].card, 6);
        QCOMPARE(dcmi->name(chips[0]), std::string("Ascend 910B3"));
        QCOMPARE(dcmi->driverVersion(), std::string("23.0.rc3"));
    }

    void withoutLogicIdsKeepsTheCardOrder() {
        QVERIFY(writeScript(m_script, kTwoCards + "fail.dcmi_get_device_logic_id -8255\n"));
        const auto chips = Dcmi::open()->chips();
        QCOMPARE(chips.size(), std::size_t{2});
        QCOMPARE(chips[0].card, 6);
        QCOMPARE(chips[0].logicId, 0);
        QCOMPARE(chips[1].logicId, 1);
    }

    void convertsUnits() {
        const auto dcmi = Dcmi::open();
        const NpuReading r = dcmi->read(dcmi->chips()[1]);
        QCOMPARE(r.aiCoreUtilizationPct, 0.0);
        QCOMPARE(r.memoryTotalBytes, 65536 * kMB); // DCMI reports MB
        QCOMPARE(r.memoryUsedBytes, 59356 * kMB);
        QCOMPARE(r.powerW, 103.1); // DCMI reports tenths of a watt
        QCOMPARE(r.temperatureC, 37.0);
        QCOMPARE(r.aiCoreClockMHz, 800.0);
    }

    void valuesChangeBetweenReads() {
        const auto dcmi = Dcmi::open();
        const DcmiChip chip = dcmi->chips()[0];
        QCOMPARE(dcmi->read(chip).aiCoreUtilizationPct, 73.0);
        QVERIFY(
            writeScript(m_script, QString(kTwoCards)
                                      .replace("aicore.4.0 73", "aicore.4.0 99")
                                      .replace("hbm_used_mb.4.0 3161", "hbm_used_mb.4.0 40000")));
        const NpuReading r = dcmi->read(chip);
        QCOMPARE(r.aiCoreUtilizationPct, 99.0);
        QCOMPARE(r.memoryUsedBytes, 40000 * kMB);
    }

    void aFailingCallLeavesMinusOne_data() {
        QTest::addColumn<QString>("function");
        QTest::addColumn<QString>("counter");
        QTest::newRow("utilization") << "dcmi_get_device_utilization_rate"
                                     << "utilization";
        QTest::newRow("hbm") << "dcmi_get_device_hbm_info"
                             << "memory";
        QTest::newRow("power") << "dcmi_get_device_power_info"
                               << "power";
        QTest::newRow("temperature") << "dcmi_get_device_temperature"
                                     << "temperature";
        QTest::newRow("clock") << "dcmi_get_device_frequency"
                               << "clock";
    }

    void aFailingCallLeavesMinusOne() {
        QFETCH(QString, function);
        QFETCH(QString, counter);
        QVERIFY(writeScript(m_script, kTwoCards + "fail." + function + ".4.0 -8005\n"));
        const auto dcmi = Dcmi::open();
        const NpuReading r = dcmi->read(dcmi->chips()[0]);
        QCOMPARE(r.aiCoreUtilizationPct == -1.0, counter == "utilization");
        QCOMPARE(r.memoryUsedBytes == -1 && r.memoryTotalBytes == -1, counter == "memory");
        QCOMPARE(r.powerW == -1.0, counter == "power");
        QCOMPARE(r.temperatureC == -1.0, counter == "temperature");
        QCOMPARE(r.aiCoreClockMHz == -1.0, counter == "clock");
        QCOMPARE(dcmi->read(dcmi->chips()[1]).powerW, 103.1);
    }

    void chipsWithoutHbmReportTheirDdr() {
        QVERIFY(writeScript(m_script, kTwoCards + "fail.dcmi_get_device_hbm_info -8255\n"
                                                  "ddr_total_mb 44280\nddr_available_mb 42737\n"));
        const auto dcmi = Dcmi::open();
        const NpuReading r = dcmi->read(dcmi->chips()[0]);
        QCOMPARE(r.memoryTotalBytes, 44280 * kMB);
        QCOMPARE(r.memoryUsedBytes, (44280 - 42737) * kMB);
    }

    void aMissingLibraryGivesTheReason() {
        qputenv("TB_DCMI_LIBRARY", m_dir.filePath("libdcmi.so").toUtf8());
        const auto dcmi = Dcmi::open();
        QVERIFY(!dcmi->ok());
        const QString error = QString::fromStdString(dcmi->error());
        QVERIFY2(error.startsWith("Ascend driver not found (" + m_dir.filePath("libdcmi.so")),
                 qPrintable(error));
        QVERIFY2(error.contains("TB_DCMI_LIBRARY"), qPrintable(error));
        QVERIFY(dcmi->chips().empty());
    }

    void aFailedStartGivesTheCode() {
        QVERIFY(writeScript(m_script, kTwoCards + "fail.dcmi_init -8020\n"));
        const auto dcmi = Dcmi::open();
        QVERIFY(!dcmi->ok());
        QVERIFY2(dcmi->error().find("dcmi_init returned -8020") != std::string::npos,
                 dcmi->error().c_str());
    }

    void telemetryFillsTheSample() {
        const std::shared_ptr<const Dcmi> dcmi = Dcmi::open();
        NpuTelemetry telemetry(0, dcmi, dcmi->chips()[0]);
        const tb::engine::DeviceSample s = telemetry.read();
        QCOMPARE(s.device, std::string("npu:0"));
        QCOMPARE(s.utilizationPct, 73.0);
        QCOMPARE(s.memoryUsedBytes, 3161 * kMB);
        QCOMPARE(s.memoryTotalBytes, 65536 * kMB);
        QCOMPARE(s.powerW, 93.6);
        QCOMPARE(s.temperatureC, 40.0);
        QCOMPARE(s.clockMHz, 1800.0);
        QCOMPARE(s.allocatedBytes, std::int64_t{-1}); // not readable from C++ (TorchNpu.h)
    }

private:
    QTemporaryDir m_dir;
    QString m_script;
};

QTEST_GUILESS_MAIN(TestDcmiReader)
#include "tst_dcmireader.moc"
