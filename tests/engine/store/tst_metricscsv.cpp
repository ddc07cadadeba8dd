// exportMetricsCsv: the exact text for a run with gaps, odd names and non-finite values, and
// numbers that read back to the same doubles.
#include "StoreTestHelpers.h"
#include "engine/store/RunStore.h"

#include <QString>
#include <QStringList>
#include <QTest>
#include <limits>
#include <random>

using namespace tb::engine;
using namespace tb::test;

class TestMetricsCsv : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void matchesGolden();
    void headerOnlyWithoutMetrics();
    void numbersReadBackExactly();
};

void TestMetricsCsv::matchesGolden() {
    RunStore store = RunStore::openInMemory();
    const std::int64_t runId = store.createRun(sampleRun("csv"));
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double inf = std::numeric_limits<double>::infinity();
    store.appendMetrics(runId, "train/loss",
                        {{1, 1, 0.5, 0.1},
                         {2, 1, 1.0, 1e-07},
                         {3, 1, 1.5, 1.0 / 3.0},
                         {1000000, 3, 123456.789, -2.5e300}});
    store.appendMetrics(runId, "val/loss", {{2, 1, 1.25, 0.25}});
    store.appendMetrics(runId, "weird,\"name\"", {{3, 2, 1.75, nan}, {10, 2, 5.0, inf}});
    // Another run's metrics stay out.
    const std::int64_t other = store.createRun(sampleRun("other"));
    store.appendMetrics(other, "train/loss", {{4, 1, 2.0, 9.0}});

    const std::string expected =
        "step,epoch,wall_time_s,train/loss,val/loss,\"weird,\"\"name\"\"\"\n"
        "1,1,0.5,0.1,,\n"
        "2,1,1.25,1e-07,0.25,\n"
        "3,2,1.75,0.3333333333333333,,nan\n"
        "10,2,5,,,inf\n"
        "1000000,3,123456.789,-2.5e+300,,\n";
    QCOMPARE(store.exportMetricsCsv(runId), expected);
}

void TestMetricsCsv::headerOnlyWithoutMetrics() {
    RunStore store = RunStore::openInMemory();
    const std::int64_t runId = store.createRun(sampleRun("empty"));
    QCOMPARE(store.exportMetricsCsv(runId), std::string("step,epoch,wall_time_s\n"));
}

void TestMetricsCsv::numbersReadBackExactly() {
    RunStore store = RunStore::openInMemory();
    const std::int64_t runId = store.createRun(sampleRun("precision"));
    std::mt19937_64 random(7);
    std::uniform_real_distribution<double> mantissa(-1.0, 1.0);
    std::uniform_int_distribution<int> exponent(-300, 300);
    std::vector<MetricPoint> points;
    for (std::int64_t step = 1; step <= 2000; ++step) {
        points.push_back(
            {step, 1, mantissa(random) * 1e4, std::ldexp(mantissa(random), exponent(random))});
    }
    store.appendMetrics(runId, "m", points);

    const QStringList lines =
        QString::fromStdString(store.exportMetricsCsv(runId)).split('\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), int(points.size()) + 1);
    for (std::size_t i = 0; i < points.size(); ++i) {
        const QStringList cells = lines[int(i) + 1].split(',');
        QCOMPARE(cells.size(), 4);
        QCOMPARE(cells[0].toLongLong(), points[i].step);
        QCOMPARE(std::strtod(cells[2].toLatin1().constData(), nullptr), points[i].wallTimeS);
        QCOMPARE(std::strtod(cells[3].toLatin1().constData(), nullptr), points[i].value);
    }
}

QTEST_GUILESS_MAIN(TestMetricsCsv)
#include "tst_metricscsv.moc"
