// Metric curves: range reads across chunk boundaries, a repeated step replacing its point,
// writes in any order (checked against a plain map), and values SQLite cannot hold natively.
#include "StoreTestHelpers.h"
#include "engine/store/MetricChunks.h"
#include "engine/store/RunStore.h"

#include <QTemporaryDir>
#include <QTest>
#include <cmath>
#include <limits>
#include <map>
#include <random>

using namespace tb::engine;
using namespace tb::test;

namespace {

std::vector<MetricPoint> steps(std::int64_t first, std::int64_t last, std::int64_t stride = 1) {
    std::vector<MetricPoint> points;
    for (std::int64_t step = first; step <= last; step += stride) {
        points.push_back({step, 1 + step / 100, 0.25 * static_cast<double>(step),
                          1.0 / static_cast<double>(step)});
    }
    return points;
}

std::vector<std::int64_t> stepsOf(const std::vector<MetricPoint>& points) {
    std::vector<std::int64_t> result;
    for (const MetricPoint& point : points) {
        result.push_back(point.step);
    }
    return result;
}

} // namespace

Q_DECLARE_METATYPE(std::int64_t)

class TestMetricSeries : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void rangeReads_data();
    void rangeReads();
    void sparseStepsRange();
    void repeatedStepReplacesPoint();
    void anyWriteOrderMatchesModel_data();
    void anyWriteOrderMatchesModel();
    void nonFiniteValuesRoundTrip();
    void metricNamesAreSorted();
    void oneCurveOfEveryRunInOneRead();
};

void TestMetricSeries::rangeReads_data() {
    QTest::addColumn<std::int64_t>("from");
    QTest::addColumn<std::int64_t>("to");
    QTest::addColumn<std::int64_t>("first"); ///< expected first step, 0 for none
    QTest::addColumn<std::int64_t>("count");

    // Steps 1..2000 span four chunks of kChunkPoints (512).
    QTest::newRow("defaults") << std::int64_t{0} << INT64_MAX << std::int64_t{1}
                              << std::int64_t{2000};
    QTest::newRow("one step") << std::int64_t{700} << std::int64_t{700} << std::int64_t{700}
                              << std::int64_t{1};
    QTest::newRow("across a chunk boundary")
        << std::int64_t{500} << std::int64_t{530} << std::int64_t{500} << std::int64_t{31};
    QTest::newRow("chunk start") << std::int64_t{513} << std::int64_t{1024} << std::int64_t{513}
                                 << std::int64_t{512};
    QTest::newRow("past the end") << std::int64_t{1990} << std::int64_t{5000} << std::int64_t{1990}
                                  << std::int64_t{11};
    QTest::newRow("before the start")
        << std::int64_t{-50} << std::int64_t{3} << std::int64_t{1} << std::int64_t{3};
    QTest::newRow("after the end")
        << std::int64_t{3000} << std::int64_t{4000} << std::int64_t{0} << std::int64_t{0};
    QTest::newRow("inverted") << std::int64_t{10} << std::int64_t{5} << std::int64_t{0}
                              << std::int64_t{0};
}

void TestMetricSeries::rangeReads() {
    QFETCH(std::int64_t, from);
    QFETCH(std::int64_t, to);
    QFETCH(std::int64_t, first);
    QFETCH(std::int64_t, count);

    RunStore store = RunStore::openInMemory();
    const std::int64_t runId = store.createRun(sampleRun("ranges"));
    store.appendMetrics(runId, "train/loss", steps(1, 2000));

    const std::vector<MetricPoint> points = store.metricSeries(runId, "train/loss", from, to);
    QCOMPARE(std::int64_t(points.size()), count);
    for (std::size_t i = 0; i < points.size(); ++i) {
        const std::int64_t step = first + std::int64_t(i);
        QCOMPARE(points[i].step, step);
        QCOMPARE(points[i].epoch, 1 + step / 100);
        QCOMPARE(points[i].wallTimeS, 0.25 * double(step));
        QCOMPARE(points[i].value, 1.0 / double(step));
    }
}

void TestMetricSeries::sparseStepsRange() {
    RunStore store = RunStore::openInMemory();
    const std::int64_t runId = store.createRun(sampleRun("sparse"));
    store.appendMetrics(runId, "val/loss", steps(10, 100000, 10));
    QCOMPARE(stepsOf(store.metricSeries(runId, "val/loss", 15, 45)),
             (std::vector<std::int64_t>{20, 30, 40}));
    QCOMPARE(store.metricSeries(runId, "val/loss").size(), std::size_t{10000});
    QCOMPARE(store.metricSeries(runId, "val/loss", 99995).size(), std::size_t{1});
}

void TestMetricSeries::repeatedStepReplacesPoint() {
    RunStore store = RunStore::openInMemory();
    const std::int64_t runId = store.createRun(sampleRun("upsert"));
    store.appendMetrics(runId, "train/loss", {{5, 1, 1.0, 0.9}, {6, 1, 1.5, 0.8}});
    store.appendMetrics(runId, "train/loss", {{5, 2, 2.0, 0.7}});
    // Within one write the last point of a step wins.
    store.appendMetrics(runId, "train/loss", {{6, 2, 3.0, 0.6}, {6, 3, 4.0, 0.5}});

    const std::vector<MetricPoint> points = store.metricSeries(runId, "train/loss");
    QCOMPARE(points.size(), std::size_t{2});
    QCOMPARE(points[0].step, std::int64_t{5});
    QCOMPARE(points[0].epoch, std::int64_t{2});
    QCOMPARE(points[0].wallTimeS, 2.0);
    QCOMPARE(points[0].value, 0.7);
    QCOMPARE(points[1].epoch, std::int64_t{3});
    QCOMPARE(points[1].value, 0.5);
    QCOMPARE(store.finalMetrics(runId)[0].value, 0.5);
}

void TestMetricSeries::anyWriteOrderMatchesModel_data() {
    QTest::addColumn<int>("seed");
    QTest::addColumn<int>("maxStep");
    for (const int seed : {1, 2, 3}) {
        QTest::addRow("seed %d, dense", seed) << seed << 1500;
        QTest::addRow("seed %d, sparse", seed) << seed << 200000;
    }
}

void TestMetricSeries::anyWriteOrderMatchesModel() {
    QFETCH(int, seed);
    QFETCH(int, maxStep);

    QTemporaryDir dir;
    const std::string path = dir.filePath("model.db").toStdString();
    RunStore store = RunStore::open(path);
    const std::int64_t runId = store.createRun(sampleRun("model"));
    std::map<std::int64_t, MetricPoint> model;
    std::mt19937 random(seed);
    std::uniform_int_distribution<std::int64_t> anyStep(-5, maxStep);
    std::uniform_int_distribution<int> batchSize(1, 700);
    std::uniform_int_distribution<int> batchKind(0, 2);
    std::int64_t appendFrom = 1;
    for (int batch = 0; batch < 40; ++batch) {
        std::vector<MetricPoint> points;
        const int size = batchSize(random);
        const int kind = batchKind(random);
        for (int i = 0; i < size; ++i) {
            // Appends, random rewrites, and runs of consecutive rewrites.
            const std::int64_t step = kind == 0   ? appendFrom++
                                      : kind == 1 ? anyStep(random)
                                                  : (batch * 37 + i) % maxStep;
            points.push_back({step, batch, double(i), double(batch * 1000 + i)});
            model[step] = points.back();
        }
        store.appendMetrics(runId, "m", points);
    }

    std::vector<MetricPoint> expected;
    for (const auto& [step, point] : model) {
        expected.push_back(point);
    }
    const std::vector<MetricPoint> stored = store.metricSeries(runId, "m", INT64_MIN, INT64_MAX);
    QCOMPARE(stored.size(), expected.size());
    for (std::size_t i = 0; i < stored.size(); ++i) {
        QCOMPARE(stored[i].step, expected[i].step);
        QCOMPARE(stored[i].epoch, expected[i].epoch);
        QCOMPARE(stored[i].value, expected[i].value);
    }
    // A few ranges against the model, too.
    std::uniform_int_distribution<std::int64_t> bound(-10, maxStep + 10);
    for (int i = 0; i < 20; ++i) {
        const std::int64_t from = bound(random);
        const std::int64_t to = from + bound(random) / 4;
        const auto begin = model.lower_bound(from);
        const auto end = model.upper_bound(to);
        QCOMPARE(std::ptrdiff_t(store.metricSeries(runId, "m", from, to).size()),
                 std::distance(begin, end));
    }
    QCOMPARE(store.finalMetrics(runId)[0].value, model.rbegin()->second.value);

    // The chunks stay bounded, disjoint and consistent with their points.
    QVERIFY(queryInt(path, "SELECT max(point_count) FROM metric_chunks") <=
            std::int64_t(kChunkPoints));
    QCOMPARE(queryInt(path, "SELECT sum(point_count) FROM metric_chunks"),
             std::int64_t(model.size()));
    QCOMPARE(queryInt(path, "SELECT count(*) FROM metric_chunks WHERE length(points) != "
                            "32 * point_count OR first_step > last_step"),
             std::int64_t{0});
    QCOMPARE(queryInt(path, "SELECT count(*) FROM metric_chunks a JOIN metric_chunks b"
                            " ON a.series_id = b.series_id AND a.id != b.id"
                            " AND b.first_step BETWEEN a.first_step AND a.last_step"),
             std::int64_t{0});
}

void TestMetricSeries::nonFiniteValuesRoundTrip() {
    RunStore store = RunStore::openInMemory();
    const std::int64_t runId = store.createRun(sampleRun("diverged"));
    const double inf = std::numeric_limits<double>::infinity();
    store.appendMetrics(runId, "train/loss",
                        {{1, 1, 0.1, 1e-300},
                         {2, 1, 0.2, inf},
                         {3, 1, 0.3, -inf},
                         {4, 1, 0.4, std::numeric_limits<double>::quiet_NaN()}});
    const std::vector<MetricPoint> points = store.metricSeries(runId, "train/loss");
    QCOMPARE(points.size(), std::size_t{4});
    QCOMPARE(points[0].value, 1e-300);
    QCOMPARE(points[1].value, inf);
    QCOMPARE(points[2].value, -inf);
    QVERIFY(std::isnan(points[3].value));
    QVERIFY(std::isnan(store.listRuns()[0].finalMetrics[0].value));
}

void TestMetricSeries::metricNamesAreSorted() {
    RunStore store = RunStore::openInMemory();
    const std::int64_t runId = store.createRun(sampleRun("names"));
    for (const char* name : {"val/loss", "train/loss", "train/lr", "Test/acc"}) {
        store.appendMetrics(runId, name, {{1, 1, 0.0, 1.0}});
    }
    QCOMPARE(store.metricNames(runId),
             (std::vector<std::string>{"Test/acc", "train/loss", "train/lr", "val/loss"}));
}

void TestMetricSeries::oneCurveOfEveryRunInOneRead() {
    RunStore store = RunStore::openInMemory();
    const std::int64_t longRun = store.createRun(sampleRun("long"));
    const std::int64_t without = store.createRun(sampleRun("without"));
    const std::int64_t shortRun = store.createRun(sampleRun("short"));
    store.appendMetrics(longRun, "epoch/duration_s", steps(1, 5000)); // several chunks
    store.appendMetrics(shortRun, "epoch/duration_s", steps(1, 3));
    store.appendMetrics(without, "train/loss", steps(1, 10));

    const auto every = store.metricSeriesOfEveryRun("epoch/duration_s");
    QCOMPARE(every.size(), std::size_t{2});
    QVERIFY(!every.count(without));
    QCOMPARE(stepsOf(every.at(longRun)), stepsOf(store.metricSeries(longRun, "epoch/duration_s")));
    QCOMPARE(every.at(shortRun).size(), std::size_t{3});
    QCOMPARE(every.at(shortRun).back().value, 1.0 / 3.0);
}

QTEST_GUILESS_MAIN(TestMetricSeries)
#include "tst_metricseries.moc"
