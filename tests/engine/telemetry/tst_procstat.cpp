// /proc/stat parsing: busy and total ticks, and the busy share between two readings.
#include "engine/telemetry/ProcStat.h"

#include <QTest>

using namespace tb::engine;

class TestProcStat : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void parsesTheAggregateLine_data();
    void parsesTheAggregateLine();
    void refusesGarbage_data();
    void refusesGarbage();
    void busyShareBetweenReadings();
    void readsThisMachine();
};

void TestProcStat::parsesTheAggregateLine_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<qulonglong>("busy");
    QTest::addColumn<qulonglong>("total");
    // user nice system idle iowait irq softirq steal guest guest_nice
    QTest::newRow("linux 5+") << "cpu  100 5 50 800 20 3 2 10 7 0\ncpu0 50 2 25 400 10 1 1 5 3 0\n"
                              << qulonglong(170) << qulonglong(990);
    QTest::newRow("2.6 kernel, no steal") << "cpu 10 0 10 80 0\n"
                                          << qulonglong(20) << qulonglong(100);
    QTest::newRow("only four fields") << "cpu 1 2 3 4" << qulonglong(6) << qulonglong(10);
}

void TestProcStat::parsesTheAggregateLine() {
    QFETCH(QString, text);
    QFETCH(qulonglong, busy);
    QFETCH(qulonglong, total);
    const std::optional<CpuTimes> times = parseCpuTimes(text.toStdString());
    QVERIFY(times.has_value());
    QCOMPARE(qulonglong(times->busyTicks), busy);
    QCOMPARE(qulonglong(times->totalTicks), total);
}

void TestProcStat::refusesGarbage_data() {
    QTest::addColumn<QString>("text");
    QTest::newRow("empty") << "";
    QTest::newRow("per-cpu line first") << "cpu0 1 2 3 4\ncpu 1 2 3 4\n";
    QTest::newRow("too few fields") << "cpu 1 2 3\n";
    QTest::newRow("not numbers") << "cpu a b c d e\n";
}

void TestProcStat::refusesGarbage() {
    QFETCH(QString, text);
    QVERIFY(!parseCpuTimes(text.toStdString()).has_value());
}

void TestProcStat::busyShareBetweenReadings() {
    QCOMPARE(busyPercent({100, 1000}, {175, 1100}), 75.0);
    QCOMPARE(busyPercent({100, 1000}, {100, 1200}), 0.0);
    QCOMPARE(busyPercent({100, 1000}, {100, 1000}), -1.0);
}

void TestProcStat::readsThisMachine() {
    const std::optional<CpuTimes> times = readCpuTimes();
    QVERIFY2(times.has_value(), "/proc/stat should be readable on Linux");
    QVERIFY(times->totalTicks > times->busyTicks);
}

QTEST_GUILESS_MAIN(TestProcStat)
#include "tst_procstat.moc"
