// Runs side by side: the config fields that differ, the final metrics with the best marked, and
// what happens with unknown runs and unreadable configs.
#include "StoreTestHelpers.h"
#include "engine/store/RunComparison.h"
#include "engine/store/RunStore.h"

#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <fstream>

using namespace tb::engine;
using namespace tb::test;

namespace {

const ComparedField* field(const RunComparison& c, const std::string& key) {
    const auto it = std::find_if(c.config.begin(), c.config.end(),
                                 [&](const ComparedField& f) { return f.key == key; });
    return it == c.config.end() ? nullptr : &*it;
}

const ComparedMetric* metric(const RunComparison& c, const std::string& name) {
    const auto it = std::find_if(c.metrics.begin(), c.metrics.end(),
                                 [&](const ComparedMetric& m) { return m.name == name; });
    return it == c.metrics.end() ? nullptr : &*it;
}

QStringList keysOf(const std::vector<const ComparedField*>& fields) {
    QStringList keys;
    for (const ComparedField* f : fields)
        keys << QString::fromStdString(f->key);
    return keys;
}

} // namespace

class TestRunComparison : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void differingFieldsAreTheOnesThatDiffer();
    void fieldsKeepTheConfigsOrder();
    void fieldOfOneRunOnlyDiffers();
    void metricsComeInDisplayOrderWithTheBestMarked();
    void bestNeedsTwoValuesAndNoTie();
    void speedIsTheTypicalEpochOfEachRun();
    void aOneEpochRunIsTimedByThatEpoch();
    void runsWithoutTimedEpochsHaveNoSpeed();
    void runsKeepTheRequestedOrder();
    void unknownRunIsNamed();
    void unreadableConfigIsANoteNotAnError();
    void classF1ComesFromEachClassifiersConfusionMatrix();
    void metricDisplayOrder();
};

void TestRunComparison::differingFieldsAreTheOnesThatDiffer() {
    RunStore store = RunStore::openInMemory();
    const auto a = storeForecastRun(store, {"ETTh1", "M", 96, "dlinear", 1, 0.38, 0.40});
    const auto b = storeForecastRun(store, {"ETTh1", "M", 336, "dlinear", 2, 0.44, 0.45});
    const RunComparison c = compareRuns(store, {a, b});

    QCOMPARE(c.runs.size(), std::size_t{2});
    // The name differs too: it spells the horizon.
    QCOMPARE(keysOf(c.differingFields()), (QStringList{"name", "seed", "data.pred_len"}));
    const ComparedField* predLen = field(c, "data.pred_len");
    QVERIFY(predLen);
    QCOMPARE(predLen->values, (std::vector<std::string>{"96", "336"}));
    const ComparedField* model = field(c, "model.name");
    QVERIFY(model);
    QVERIFY(!model->differs);
    QCOMPARE(model->values, (std::vector<std::string>{"dlinear", "dlinear"}));
    QVERIFY(c.notes.empty());
}

void TestRunComparison::fieldsKeepTheConfigsOrder() {
    RunStore store = RunStore::openInMemory();
    const auto a = storeForecastRun(store, {});
    const RunComparison c = compareRuns(store, {a});
    QStringList keys;
    for (const ComparedField& f : c.config)
        keys << QString::fromStdString(f.key);
    QCOMPARE(keys, (QStringList{"name", "seed", "device", "data.kind", "data.normalize",
                                "data.path", "data.target", "data.features", "data.freq",
                                "data.seq_len", "data.label_len", "data.pred_len", "data.split",
                                "model.name", "train.epochs", "train.early_stop.monitor"}));
}

void TestRunComparison::fieldOfOneRunOnlyDiffers() {
    RunStore store = RunStore::openInMemory();
    const auto a = storeFinishedRun(store, "a", "model:\n  name: mlp\n  hidden: [256, 128]\n", {});
    const auto b = storeFinishedRun(store, "b", "model:\n  name: cnn\n  channels: 32\n", {});
    const RunComparison c = compareRuns(store, {a, b});

    QCOMPARE(keysOf(c.differingFields()),
             (QStringList{"model.name", "model.hidden", "model.channels"}));
    // A list reads as one value, as it was written.
    QCOMPARE(field(c, "model.hidden")->values, (std::vector<std::string>{"[256, 128]", ""}));
    QCOMPARE(field(c, "model.channels")->values, (std::vector<std::string>{"", "32"}));
}

void TestRunComparison::metricsComeInDisplayOrderWithTheBestMarked() {
    RunStore store = RunStore::openInMemory();
    const auto a = storeFinishedRun(store, "a", "name: a\n",
                                    {{"train/loss", 0.30},
                                     {"train/lr", 0.001},
                                     {"val/accuracy", 0.91},
                                     {"test/loss", 0.26},
                                     {"train/samples_per_s", 2000},
                                     {"epoch/data_wait", 0.2},
                                     {"train/grad_norm", 1.5}});
    const auto b = storeFinishedRun(store, "b", "name: b\n",
                                    {{"train/loss", 0.25},
                                     {"train/lr", 0.002},
                                     {"val/accuracy", 0.89},
                                     {"test/loss", 0.28},
                                     {"train/samples_per_s", 2500},
                                     {"epoch/data_wait", 0.1},
                                     {"train/grad_norm", 0.5}});
    const RunComparison c = compareRuns(store, {a, b});

    QStringList names;
    for (const ComparedMetric& m : c.metrics)
        names << QString::fromStdString(m.name);
    QCOMPARE(names, (QStringList{"test/loss", "val/accuracy", "train/grad_norm", "train/loss",
                                 "train/samples_per_s", "epoch/data_wait", "train/lr"}));
    QCOMPARE(metric(c, "test/loss")->best, 0);           // lower loss
    QCOMPARE(metric(c, "val/accuracy")->best, 0);        // higher accuracy
    QCOMPARE(metric(c, "train/loss")->best, 1);          // lower loss
    QCOMPARE(metric(c, "train/samples_per_s")->best, 1); // higher throughput
    QCOMPARE(metric(c, "train/lr")->best, -1);           // no better learning rate
    QCOMPARE(metric(c, "epoch/data_wait")->best, -1);    // a diagnosis, not a score
    QCOMPARE(metric(c, "train/grad_norm")->best, -1);
    QCOMPARE(*metric(c, "test/loss")->values[1], 0.28);
}

void TestRunComparison::bestNeedsTwoValuesAndNoTie() {
    RunStore store = RunStore::openInMemory();
    const auto a =
        storeFinishedRun(store, "a", "name: a\n", {{"test/mse", 0.5}, {"val/loss", 0.7}});
    const auto b = storeFinishedRun(store, "b", "name: b\n", {{"val/loss", 0.7}});
    const auto c3 = storeFinishedRun(store, "c", "name: c\n", {{"val/loss", 0.9}});
    const RunComparison c = compareRuns(store, {a, b, c3});

    const ComparedMetric* mse = metric(c, "test/mse");
    QCOMPARE(mse->best, -1); // one run has it: nothing to compare against
    QVERIFY(!mse->values[1].has_value());
    QCOMPARE(metric(c, "val/loss")->best, -1); // runs a and b tie for the lowest
}

void TestRunComparison::speedIsTheTypicalEpochOfEachRun() {
    RunStore store = RunStore::openInMemory();
    // The first epoch (warm-up) is left out; the median of the rest counts.
    TimedRun slow;
    slow.epochSeconds = {9.0, 4.0, 4.4, 4.2};
    TimedRun fast;
    fast.epochSeconds = {5.0, 2.0, 2.2, 2.1};
    const auto a = storeTimedRun(store, slow);
    const auto b = storeTimedRun(store, fast);
    const auto c3 = storeFinishedRun(store, "untimed", "name: untimed\n", {{"val/loss", 0.5}});
    const RunComparison c = compareRuns(store, {a, b, c3});

    QVERIFY(c.speed.has_value());
    const ComparedSpeed& speed = *c.speed;
    QCOMPARE(speed.epochSeconds.name, std::string("epoch/duration_s"));
    QCOMPARE(*speed.epochSeconds.values[0], 4.2);
    QCOMPARE(*speed.epochSeconds.values[1], 2.1);
    QVERIFY(!speed.epochSeconds.values[2].has_value());
    QCOMPARE(speed.epochSeconds.best, 1); // the shorter epoch
    QCOMPARE(*speed.samplesPerSecond.values[1], 6400.0 / 2.1);
    QCOMPARE(speed.samplesPerSecond.best, 1); // the higher throughput
    QCOMPARE(*speed.timesFastest(0), 4.2 / 2.1);
    QCOMPARE(*speed.timesFastest(1), 1.0);
    QVERIFY(!speed.timesFastest(2).has_value());
    QCOMPARE(speed.firstEpochOnly, std::vector<bool>({false, false, false}));
}

// A run of one epoch is timed by it, warm-up and all; the comparison says so.
void TestRunComparison::aOneEpochRunIsTimedByThatEpoch() {
    RunStore store = RunStore::openInMemory();
    TimedRun one;
    one.epochSeconds = {9.0};
    TimedRun three;
    three.epochSeconds = {5.0, 2.0, 2.2};
    const RunComparison c =
        compareRuns(store, {storeTimedRun(store, one), storeTimedRun(store, three)});
    QCOMPARE(*c.speed->epochSeconds.values[0], 9.0);
    QCOMPARE(*c.speed->epochSeconds.values[1], 2.1);
    QCOMPARE(c.speed->firstEpochOnly, std::vector<bool>({true, false}));
}

void TestRunComparison::runsWithoutTimedEpochsHaveNoSpeed() {
    RunStore store = RunStore::openInMemory();
    const auto a = storeFinishedRun(store, "a", "name: a\n", {{"val/loss", 0.5}});
    const auto b = storeFinishedRun(store, "b", "name: b\n", {{"val/loss", 0.6}});
    QVERIFY(!compareRuns(store, {a, b}).speed.has_value());
}

void TestRunComparison::runsKeepTheRequestedOrder() {
    RunStore store = RunStore::openInMemory();
    const auto a = storeFinishedRun(store, "first", "name: first\n", {{"val/loss", 0.1}});
    const auto b = storeFinishedRun(store, "second", "name: second\n", {{"val/loss", 0.2}});
    const RunComparison c = compareRuns(store, {b, a});
    QCOMPARE(c.runs[0].name, std::string("second"));
    QCOMPARE(field(c, "name")->values, (std::vector<std::string>{"second", "first"}));
    QCOMPARE(metric(c, "val/loss")->best, 1);
}

void TestRunComparison::unknownRunIsNamed() {
    RunStore store = RunStore::openInMemory();
    const auto a = storeFinishedRun(store, "a", "name: a\n", {});
    const QString error = storeErrorOf([&] { compareRuns(store, {a, 99}); });
    QVERIFY2(error.startsWith("no run 99 in "), qPrintable(error));
}

void TestRunComparison::unreadableConfigIsANoteNotAnError() {
    RunStore store = RunStore::openInMemory();
    const auto a = storeFinishedRun(store, "a", "name: a\nseed: 1\n", {{"val/loss", 0.1}});
    const auto b = storeFinishedRun(store, "b", "name: [unclosed\n", {{"val/loss", 0.2}});
    const auto c3 = storeFinishedRun(store, "c", "", {});
    const RunComparison c = compareRuns(store, {a, b, c3});

    QCOMPARE(c.notes.size(), std::size_t{2});
    QVERIFY2(QString::fromStdString(c.notes[0])
                 .startsWith("run 2: its stored config cannot be "
                             "read ("),
             c.notes[0].c_str());
    QCOMPARE(c.notes[1], std::string("run 3: its stored config is empty"));
    QCOMPARE(field(c, "seed")->values, (std::vector<std::string>{"1", "", ""}));
    QCOMPARE(metric(c, "val/loss")->best, 0);
}

void TestRunComparison::classF1ComesFromEachClassifiersConfusionMatrix() {
    QTemporaryDir dir;
    RunStore store = RunStore::openInMemory();
    const auto saveConfusion = [&](std::int64_t runId, const std::string& csv) {
        const std::string path = dir.filePath(QString("run-%1.csv").arg(runId)).toStdString();
        std::ofstream(path) << csv;
        store.addArtifact({0, runId, "confusion", path, 1, 10, "2026-12-07T10:00:00Z"});
        return path;
    };
    const auto perfect = storeFinishedRun(store, "perfect", "name: a\n", {});
    saveConfusion(perfect, "true \\ predicted,cat,dog\ncat,5,0\ndog,0,5\n");
    const auto wider = storeFinishedRun(store, "wider", "name: b\n", {});
    saveConfusion(wider, "x,cat,dog,bird\ncat,4,1,0\ndog,0,5,0\nbird,0,2,2\n");
    const auto forecaster = storeFinishedRun(store, "forecaster", "name: c\n", {});
    const auto damaged = storeFinishedRun(store, "damaged", "name: d\n", {});
    const std::string damagedPath = saveConfusion(damaged, "x,cat,dog\ncat,1,2\n");

    const RunComparison c = compareRuns(store, {perfect, wider, forecaster, damaged});
    QCOMPARE(c.classF1.size(), std::size_t{3});
    QCOMPARE(c.classF1[0].name, std::string("cat"));
    QCOMPARE(c.classF1[2].name, std::string("bird"));
    using F1 = std::vector<std::optional<double>>;
    QCOMPARE(c.classF1[0].values, (F1{1.0, 8.0 / 9.0, std::nullopt, std::nullopt}));
    QCOMPARE(c.classF1[1].values, (F1{1.0, 10.0 / 13.0, std::nullopt, std::nullopt}));
    QCOMPARE(c.classF1[2].values, (F1{std::nullopt, 4.0 / 6.0, std::nullopt, std::nullopt}));
    QCOMPARE(c.classF1[0].best, 0);  // higher is better
    QCOMPARE(c.classF1[2].best, -1); // one run has the class
    QCOMPARE(c.notes, (std::vector<std::string>{
                          "run 4 has no F1 per class: " + damagedPath +
                          " is damaged: it ends after line 2, before the row of class 'dog'"}));
    QVERIFY(compareRuns(store, {forecaster}).classF1.empty());
}

void TestRunComparison::metricDisplayOrder() {
    QVERIFY(metricShownBefore("test/mse", "val/loss"));
    QVERIFY(metricShownBefore("val/loss", "train/loss"));
    QVERIFY(metricShownBefore("train/loss", "best/val/loss"));
    QVERIFY(metricShownBefore("best/val/loss", "train/lr"));
    QVERIFY(metricShownBefore("test/mae", "test/mse"));
    QVERIFY(!metricShownBefore("test/mse", "test/mse"));
}

QTEST_GUILESS_MAIN(TestRunComparison)
#include "tst_runcomparison.moc"
