// mergeFrom: every run of another workspace file is copied with all its rows under new ids,
// once: merging again adds nothing, and brings copies of runs that were still going up to
// date; files that are not Trainbench stores are refused with a message and nothing changes.
#include "StoreTestHelpers.h"
#include "engine/store/RunStore.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace tb::engine;
using namespace tb::test;

namespace {

/// Steps `from`..`to` of a run's train/loss.
void addSteps(RunStore& store, std::int64_t runId, std::int64_t from, std::int64_t to) {
    std::vector<Event> events;
    for (std::int64_t step = from; step <= to; ++step) {
        events.push_back(stepMetrics(runId, step, 1.0 / double(step)));
    }
    store.apply(events);
}

/// A run on cuda:0 still training, with steps 1..`steps` of train/loss.
std::int64_t addRunningRun(RunStore& store, const std::string& tag, const std::string& createdAt,
                           std::int64_t steps) {
    const std::int64_t runId = store.createRun(sampleRun(tag, createdAt));
    store.apply({RunStarted{runId, tag, "cuda:0", 2, 1000, 0.0}});
    addSteps(store, runId, 1, steps);
    return runId;
}

/// A run with every kind of row, distinguishable by `tag`.
std::int64_t addFullRun(RunStore& store, const std::string& tag, const std::string& createdAt) {
    const std::int64_t runId = addRunningRun(store, tag, createdAt, 1200);
    std::vector<Event> events;
    DeviceSample sample;
    sample.runId = runId;
    sample.device = "cuda:0";
    sample.utilizationPct = 90.0;
    events.push_back(sample);
    events.push_back(LogLine{runId, LogLevel::Warning, 1.0, "log of " + tag});
    events.push_back(CheckpointSaved{runId, 1, 1000, "best", "/ckpt/" + tag + ".pt", 5.0});
    events.push_back(RunEnded{runId, RunStatus::Finished, "", 9.0, {{"test/mse", 0.5}}});
    store.apply(events);
    return runId;
}

/// Everything RunStore reads about a run, except its id.
void compareRuns(RunStore& a, std::int64_t aId, RunStore& b, std::int64_t bId) {
    RunRecord ra = *a.run(aId);
    RunRecord rb = *b.run(bId);
    QCOMPARE(rb.name, ra.name);
    QCOMPARE(rb.status, ra.status);
    QCOMPARE(rb.createdAt, ra.createdAt);
    QCOMPARE(rb.deviceName, ra.deviceName);
    QCOMPARE(rb.startedAt, ra.startedAt);
    QCOMPARE(rb.finishedAt, ra.finishedAt);
    QCOMPARE(rb.runSeconds, ra.runSeconds);
    QCOMPARE(rb.resumedAt, ra.resumedAt);
    QCOMPARE(rb.configYaml, ra.configYaml);
    QCOMPARE(rb.notes, ra.notes);
    QCOMPARE(rb.starred, ra.starred);
    QCOMPARE(b.metricNames(bId), a.metricNames(aId));
    for (const std::string& name : a.metricNames(aId)) {
        const std::vector<MetricPoint> pa = a.metricSeries(aId, name);
        const std::vector<MetricPoint> pb = b.metricSeries(bId, name);
        QCOMPARE(pb.size(), pa.size());
        for (std::size_t i = 0; i < pa.size(); ++i) {
            QCOMPARE(pb[i].step, pa[i].step);
            QCOMPARE(pb[i].value, pa[i].value);
        }
    }
    QCOMPARE(b.exportMetricsCsv(bId), a.exportMetricsCsv(aId));
    QCOMPARE(b.deviceSamples(bId).size(), a.deviceSamples(aId).size());
    QCOMPARE(b.deviceSamples(bId)[0].utilizationPct, a.deviceSamples(aId)[0].utilizationPct);
    QCOMPARE(b.deviceSamples(bId)[0].runId, bId);
    QCOMPARE(b.logs(bId).size(), a.logs(aId).size());
    QCOMPARE(b.logs(bId)[0].text, a.logs(aId)[0].text);
    QCOMPARE(b.artifacts(bId).size(), a.artifacts(aId).size());
    QCOMPARE(b.artifacts(bId)[0].path, a.artifacts(aId)[0].path);
    QCOMPARE(b.artifacts(bId)[0].runId, bId);
}

} // namespace

class TestStoreMerge : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    std::string path(const char* name) const { return m_dir.filePath(name).toStdString(); }

private Q_SLOTS:
    void copiesEveryRunUnderNewIds();
    void mergesIntoMemoryStore();
    void refusesFilesThatAreNotStores_data();
    void refusesFilesThatAreNotStores();
    void refusesMergingIntoItself();
    void aFileOfAnOlderTrainbenchIsMergedFromAnUpgradedCopy();
    void mergingAgainAddsNothing();
    void aCopyOfARunStillGoingIsBroughtUpToDate();
    void runsTrainedHereAreNeverOverwritten();
    void aCopyOfARunContinuedSinceIsBroughtUpToDate();
};

void TestStoreMerge::copiesEveryRunUnderNewIds() {
    const std::string sourcePath = path("cli-box.db");
    RunStore source = RunStore::open(sourcePath);
    const std::int64_t first = addFullRun(source, "gpu-1", "2026-05-01T10:00:00Z");
    const std::int64_t second = addFullRun(source, "gpu-2", "2026-05-02T10:00:00Z");
    const std::int64_t sourceChunks = queryInt(sourcePath, "SELECT count(*) FROM metric_chunks");

    RunStore target = RunStore::open(path("laptop.db"));
    const std::int64_t local = addFullRun(target, "laptop", "2026-05-03T10:00:00Z");

    QCOMPARE(target.mergeFrom(sourcePath).added, 2);

    const std::vector<RunSummary> runs = target.listRuns();
    QCOMPARE(runs.size(), std::size_t{3});
    QCOMPARE(runs[0].run.id, local);
    QCOMPARE(runs[1].run.name, std::string("gpu-2"));
    QCOMPARE(runs[2].run.name, std::string("gpu-1"));
    // The source's ids 1 and 2 were taken by the local run: the copies get fresh ones.
    QVERIFY(runs[1].run.id != local && runs[2].run.id != local);
    QVERIFY(runs[1].run.id != runs[2].run.id);
    QCOMPARE(runs[1].finalMetrics.size(), runs[0].finalMetrics.size());

    compareRuns(source, first, target, runs[2].run.id);
    compareRuns(source, second, target, runs[1].run.id);
    QCOMPARE(target.metricSeries(local, "train/loss").size(), std::size_t{1200});
    QCOMPARE(target.logs(local)[0].text, std::string("log of laptop"));

    // The source file is untouched.
    QCOMPARE(source.listRuns().size(), std::size_t{2});
    QCOMPARE(queryInt(sourcePath, "SELECT count(*) FROM metric_chunks"), sourceChunks);
}

void TestStoreMerge::mergesIntoMemoryStore() {
    const std::string sourcePath = path("for-memory.db");
    {
        RunStore source = RunStore::open(sourcePath);
        addFullRun(source, "one", "2026-05-01T10:00:00Z");
    }
    RunStore target = RunStore::openInMemory();
    QCOMPARE(target.mergeFrom(sourcePath).added, 1);
    const std::vector<RunSummary> runs = target.listRuns();
    QCOMPARE(runs.size(), std::size_t{1});
    QCOMPARE(target.metricSeries(runs[0].run.id, "train/loss").size(), std::size_t{1200});
}

void TestStoreMerge::refusesFilesThatAreNotStores_data() {
    QTest::addColumn<QString>("setup"); ///< SQL for an SQLite file, or text for a plain file
    QTest::addColumn<bool>("sqlite");
    QTest::addColumn<QString>("expected");

    QTest::newRow("text file") << "step,loss\n1,0.5\n" << false << "not an SQLite database";
    QTest::newRow("missing file") << QString() << false << "does not exist";
    QTest::newRow("other program")
        << "CREATE TABLE moz_places (url TEXT)" << true << "not a Trainbench store";
    QTest::newRow("empty database")
        << "CREATE TABLE t (x); DROP TABLE t" << true << "not a Trainbench store";
}

void TestStoreMerge::refusesFilesThatAreNotStores() {
    QFETCH(QString, setup);
    QFETCH(bool, sqlite);
    QFETCH(QString, expected);

    const std::string other =
        m_dir.filePath(QStringLiteral("other-%1").arg(QTest::currentDataTag())).toStdString();
    if (sqlite) {
        execSql(other, setup.toStdString());
    } else if (!setup.isEmpty()) {
        QFile file(QString::fromStdString(other));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(setup.toUtf8());
    }
    RunStore target = RunStore::openInMemory();
    target.createRun(sampleRun("local"));

    const QString error = storeErrorOf([&] { target.mergeFrom(other); });
    QVERIFY2(error.startsWith("cannot merge"), qPrintable(error));
    QVERIFY2(error.contains(expected), qPrintable(error));
    QVERIFY2(error.contains(QString::fromStdString(other)), qPrintable(error));
    QCOMPARE(target.listRuns().size(), std::size_t{1});
}

void TestStoreMerge::aFileOfAnOlderTrainbenchIsMergedFromAnUpgradedCopy() {
    // A server still on schema 3: no device models, final values only in the chunks.
    const std::string serverPath = path("old-server.db");
    writeOlderStore(serverPath, 3,
                    "INSERT INTO runs (id, name, status, created_at, device, host)"
                    " VALUES (1, 'old', 'finished', '2026-01-01T00:00:00Z', 'cuda:0', 'server');"
                    "INSERT INTO metric_series (id, run_id, name) VALUES (1, 1, 'test/mse');"
                    "INSERT INTO metric_chunks (series_id, first_step, last_step, point_count,"
                    " last_value, points) VALUES (1, 1, 1, 1, 0.375, zeroblob(32));");
    const QString temporary = QString::fromStdString(path("tmp"));
    QVERIFY(QDir().mkpath(temporary));
    qputenv("TMPDIR", temporary.toUtf8());
    RunStore target = RunStore::openInMemory();
    QCOMPARE(target.mergeFrom(serverPath).added, 1);
    qunsetenv("TMPDIR");
    const std::vector<RunSummary> runs = target.listRuns();
    QCOMPARE(runs.size(), std::size_t{1});
    QCOMPARE(runs[0].run.device, std::string("cuda:0"));
    QCOMPARE(runs[0].run.deviceName, std::string());
    QCOMPARE(runs[0].finalMetrics.size(), std::size_t{1});
    QCOMPARE(runs[0].finalMetrics[0].value, 0.375);
    // The server's file stays as its Trainbench wrote it, which goes on opening it; the
    // upgraded copy the merge read is gone.
    QCOMPARE(queryInt(serverPath, "PRAGMA user_version"), std::int64_t{3});
    QCOMPARE(filesIn(temporary), QStringList{});
}

void TestStoreMerge::refusesMergingIntoItself() {
    const std::string own = path("own.db");
    RunStore store = RunStore::open(own);
    store.createRun(sampleRun("only"));
    const QString error = storeErrorOf([&] { store.mergeFrom(own); });
    QVERIFY2(error.contains("into itself"), qPrintable(error));
    QCOMPARE(store.listRuns().size(), std::size_t{1});
}

void TestStoreMerge::mergingAgainAddsNothing() {
    const std::string sourcePath = path("synced-weekly.db");
    RunStore source = RunStore::open(sourcePath);
    addFullRun(source, "week-1", "2026-05-01T10:00:00.125Z");
    RunStore target = RunStore::open(path("laptop-synced.db"));
    QCOMPARE(target.mergeFrom(sourcePath).added, 1);

    addFullRun(source, "week-2", "2026-05-08T10:00:00.250Z");
    const MergeCounts again = target.mergeFrom(sourcePath);
    QCOMPARE(again.added, 1);
    QCOMPARE(again.alreadyHere, 1);
    QCOMPARE(again.updated, 0);
    QCOMPARE(target.listRuns().size(), std::size_t{2});
}

void TestStoreMerge::aCopyOfARunStillGoingIsBroughtUpToDate() {
    const std::string sourcePath = path("still-training.db");
    RunStore source = RunStore::open(sourcePath);
    const std::int64_t remote = addRunningRun(source, "long", "2026-05-02T08:00:00.500Z", 600);
    RunStore target = RunStore::open(path("laptop-watching.db"));
    QCOMPARE(target.mergeFrom(sourcePath).added, 1);
    const std::int64_t copy = target.listRuns().front().run.id;
    QCOMPARE(target.run(copy)->status, RunStatus::Running);
    QCOMPARE(target.metricSeries(copy, "train/loss").size(), std::size_t{600});
    target.setRunNotes(copy, "watch the loss after step 600", "overnight", true);

    addSteps(source, remote, 601, 1200);
    source.apply({RunEnded{remote, RunStatus::Finished, "", 9.0, {{"test/mse", 0.25}}}});
    const MergeCounts update = target.mergeFrom(sourcePath);
    QCOMPARE(update.updated, 1);
    QCOMPARE(update.added, 0);
    QCOMPARE(target.listRuns().size(), std::size_t{1});
    const RunRecord updated = *target.run(copy); // the same id
    QCOMPARE(updated.status, RunStatus::Finished);
    QCOMPARE(updated.notes, std::string("watch the loss after step 600"));
    QCOMPARE(updated.tags, std::string("overnight"));
    QVERIFY(updated.starred);
    QCOMPARE(target.metricSeries(copy, "train/loss").size(), std::size_t{1200});
    QCOMPARE(target.finalMetrics(copy).size(), source.finalMetrics(remote).size());

    // Finished here now: a later merge leaves it be.
    QCOMPARE(target.mergeFrom(sourcePath).alreadyHere, 1);
}

void TestStoreMerge::runsTrainedHereAreNeverOverwritten() {
    // A run still training in this workspace, and another file holding an older copy of it.
    const std::string ownPath = path("training-here.db");
    RunStore own = RunStore::open(ownPath);
    const std::int64_t live = addRunningRun(own, "live", "2026-05-03T09:00:00.750Z", 100);
    const std::string otherPath = path("has-an-old-copy.db");
    {
        RunStore other = RunStore::open(otherPath);
        QCOMPARE(other.mergeFrom(ownPath).added, 1);
    }
    addSteps(own, live, 101, 300);

    QCOMPARE(own.mergeFrom(otherPath).alreadyHere, 1);
    QCOMPARE(own.listRuns().size(), std::size_t{1});
    QCOMPARE(own.metricSeries(live, "train/loss").size(), std::size_t{300});
}

// Merged while stopped, the run was continued on the server with more epochs (a new config):
// merging again updates the copy instead of adding the run a second time.
void TestStoreMerge::aCopyOfARunContinuedSinceIsBroughtUpToDate() {
    const std::string sourcePath = path("continued-on-server.db");
    RunStore source = RunStore::open(sourcePath);
    const std::int64_t remote = addRunningRun(source, "resumable", "2026-05-04T07:00:00.125Z", 300);
    source.apply({RunEnded{remote, RunStatus::Stopped, "stopped by the user", 3.0, {}}});
    RunStore target = RunStore::open(path("laptop-before-continue.db"));
    QCOMPARE(target.mergeFrom(sourcePath).added, 1);
    const std::int64_t copy = target.listRuns().front().run.id;
    QCOMPARE(target.mergeFrom(sourcePath).alreadyHere, 1);

    RunRecord process = *source.run(remote);
    process.configYaml = "train:\n  epochs: 40\n";
    process.configHash = "0123456789abcdef";
    source.reopenRun(remote, process, 300, 3.0);
    addSteps(source, remote, 301, 900);
    source.apply({RunEnded{remote, RunStatus::Finished, "", 9.0, {{"test/mse", 0.25}}}});

    const MergeCounts update = target.mergeFrom(sourcePath);
    QCOMPARE(update.updated, 1);
    QCOMPARE(update.added, 0);
    QCOMPARE(target.listRuns().size(), std::size_t{1});
    QCOMPARE(target.run(copy)->status, RunStatus::Finished);
    QCOMPARE(target.run(copy)->configHash, process.configHash);
    QCOMPARE(target.run(copy)->resumedAt, source.run(remote)->resumedAt);
    QVERIFY(!target.run(copy)->resumedAt.empty());
    QCOMPARE(target.metricSeries(copy, "train/loss").size(), std::size_t{900});
    QCOMPARE(target.mergeFrom(sourcePath).alreadyHere, 1);
}

QTEST_GUILESS_MAIN(TestStoreMerge)
#include "tst_storemerge.moc"
