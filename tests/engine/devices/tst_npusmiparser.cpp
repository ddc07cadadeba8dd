// Parsing `npu-smi info`, the fallback when DCMI cannot be loaded.
#include "DeviceTestHelpers.h"
#include "plugins/npu/NpuSmi.h"

#include <QFile>
#include <QtTest>

using namespace tb::npu;
using namespace tb::test;

namespace {

constexpr std::int64_t kMB = 1024 * 1024;

std::string fixture() {
    QFile file(devicesTestData("npu-smi-info-910b3.txt"));
    return file.open(QIODevice::ReadOnly) ? file.readAll().toStdString() : std::string();
}

} // namespace

class TestNpuSmiParser : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void readsA910b3Server() {
        const std::string text = fixture();
        QVERIFY(!text.empty());
        const auto chips = parseNpuSmiInfo(text);
        QCOMPARE(chips.size(), std::size_t{2}); // the process table adds none
        QCOMPARE(chips[0].npuId, 0);
        QCOMPARE(chips[0].chipId, 0);
        QCOMPARE(chips[0].health, std::string("OK"));
        QCOMPARE(chips[0].busId, std::string("0000:C1:00.0"));
        QCOMPARE(chips[0].chip.name, std::string("Ascend 910B3"));
        const NpuReading& idle = chips[0].chip.reading;
        QCOMPARE(idle.powerW, 93.6);
        QCOMPARE(idle.temperatureC, 40.0);
        QCOMPARE(idle.aiCoreUtilizationPct, 0.0);
        QCOMPARE(idle.memoryUsedBytes, 3161 * kMB);
        QCOMPARE(idle.memoryTotalBytes, 65536 * kMB);
        QCOMPARE(idle.aiCoreClockMHz, -1.0); // npu-smi info prints no clock
        const NpuReading& busy = chips[1].chip.reading;
        QCOMPARE(chips[1].npuId, 1);
        QCOMPARE(busy.powerW, 187.2);
        QCOMPARE(busy.aiCoreUtilizationPct, 58.0);
        QCOMPARE(busy.memoryUsedBytes, 59356 * kMB); // printed `59356/ 65536`
        QCOMPARE(busy.memoryTotalBytes, 65536 * kMB);
    }

    void unreadableValuesStayMinusOne() {
        const std::string text =
            "| NPU   Name                | Health        | Power(W)    Temp(C)   |\n"
            "| 3     910B4               | Warning       | NA          -         |\n"
            "| 0                         | 0000:41:00.0  | NA          x / y     |\n";
        const auto chips = parseNpuSmiInfo(text);
        QCOMPARE(chips.size(), std::size_t{1});
        QCOMPARE(chips[0].npuId, 3);
        QCOMPARE(chips[0].health, std::string("Warning"));
        const NpuReading& r = chips[0].chip.reading;
        QCOMPARE(r.powerW, -1.0);
        QCOMPARE(r.temperatureC, -1.0);
        QCOMPARE(r.aiCoreUtilizationPct, -1.0);
        QCOMPARE(r.memoryUsedBytes, std::int64_t{-1});
        QCOMPARE(r.memoryTotalBytes, std::int64_t{-1});
    }

    void chipsWithOnlyMemoryUsageReportIt() {
        // Chips without HBM (Atlas 300I) print Memory-Usage alone.
        const std::string text =
            "| 8     310P3               | OK              | NA          45       0    / 0  |\n"
            "| 0     0                   | 0000:01:00.0    | 2           1543 / 44280       |\n";
        const auto chips = parseNpuSmiInfo(text);
        QCOMPARE(chips.size(), std::size_t{1});
        QCOMPARE(chips[0].chip.name, std::string("Ascend 310P3"));
        QCOMPARE(chips[0].chip.reading.memoryUsedBytes, 1543 * kMB);
        QCOMPARE(chips[0].chip.reading.memoryTotalBytes, 44280 * kMB);
    }

    void textThatIsNotTheTableYieldsNothing_data() {
        QTest::addColumn<QString>("text");
        QTest::newRow("empty") << "";
        QTest::newRow("error message") << "dcmi module initialize failed. ret is -8005\n";
        QTest::newRow("headers only")
            << "| NPU   Name                | Health        | Power(W)    Temp(C)   |\n"
               "| Chip                      | Bus-Id        | AICore(%)   Memory    |\n";
        QTest::newRow("chip row without its device row")
            << "| 0                         | 0000:C1:00.0  | 0           0 / 0     |\n";
        QTest::newRow("process table only")
            << "| NPU     Chip              | Process id    | Process name | Process memory(MB) |\n"
               "| 1       0                 | 3481120       | python3.9    | 56192              "
               "|\n";
    }

    void textThatIsNotTheTableYieldsNothing() {
        QFETCH(QString, text);
        QVERIFY(parseNpuSmiInfo(text.toStdString()).empty());
    }
};

QTEST_GUILESS_MAIN(TestNpuSmiParser)
#include "tst_npusmiparser.moc"
