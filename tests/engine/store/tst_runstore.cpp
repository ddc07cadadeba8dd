// Runs in the store: the run row round trip, status and notes, run lists, deleting a run with
// everything that belongs to it, runs whose process was killed, and reopening a run to go on.
#include "StoreTestHelpers.h"
#include "engine/store/RunStore.h"
#include "engine/util/Environment.h"

#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <sys/wait.h>
#include <unistd.h>

using namespace tb::engine;
using namespace tb::test;

namespace {

bool isUtcTimestamp(const std::string& text) {
    static const QRegularExpression format(R"(^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{3})?Z$)");
    return format.match(QString::fromStdString(text)).hasMatch();
}

void addEverything(RunStore& store, std::int64_t runId) {
    store.appendMetrics(runId, "train/loss", {{1, 1, 0.1, 0.9}, {2, 1, 0.2, 0.8}});
    DeviceSample sample;
    sample.runId = runId;
    sample.device = "cpu";
    LogLine line{runId, LogLevel::Info, 0.5, "hello"};
    store.apply({sample, line});
    store.addArtifact({0, runId, "best", "/runs/best.pt", 1, 2, {}});
}

/// The id of a process that has ended: a child that exits at once, reaped.
pid_t endedProcess() {
    const pid_t child = fork();
    if (child == 0)
        _exit(0);
    waitpid(child, nullptr, 0);
    return child;
}

/// A run of this host in `status`, trained by process `pid`.
RunRecord runOf(const std::string& name, RunStatus status, std::int64_t pid) {
    RunRecord run = sampleRun(name);
    run.status = status;
    run.host = hostName();
    run.pid = pid;
    return run;
}

} // namespace

class TestRunStore : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void createdRunReadsBack();
    void unknownRunIsEmpty();
    void statusStampsStartAndEnd();
    void notesTagsAndStar();
    void listRunsNewestFirstWithFinalMetrics();
    void deleteRunRemovesEverythingOfThatRun();
    void writesForUnknownRunAreRefused();
    void killedRunsFailWhenTheStoreOpens();
    void reopenedRunDropsWhatCameAfterItsCheckpoint();
    void latestArtifactIsTheNewestOfItsKind();
};

void TestRunStore::createdRunReadsBack() {
    RunStore store = RunStore::openInMemory();
    RunRecord written = sampleRun("etth1-dlinear", "2026-11-23T09:15:02Z");
    written.status = RunStatus::Paused;
    written.statusReason = "paused by the user";
    written.startedAt = "2026-11-23T09:15:03Z";
    const std::int64_t id = store.createRun(written);
    QVERIFY(id > 0);

    const std::optional<RunRecord> read = store.run(id);
    QVERIFY(read);
    QCOMPARE(read->id, id);
    QCOMPARE(read->name, written.name);
    QCOMPARE(read->status, RunStatus::Paused);
    QCOMPARE(read->statusReason, written.statusReason);
    QCOMPARE(read->createdAt, written.createdAt);
    QCOMPARE(read->startedAt, written.startedAt);
    QCOMPARE(read->finishedAt, std::string());
    QCOMPARE(read->device, written.device);
    QCOMPARE(read->deviceName, written.deviceName);
    QCOMPARE(read->configYaml, written.configYaml);
    QCOMPARE(read->configHash, written.configHash);
    QCOMPARE(read->seed, written.seed);
    QCOMPARE(read->torchVersion, written.torchVersion);
    QCOMPARE(read->threads, written.threads);
    QCOMPARE(read->host, written.host);
    QCOMPARE(read->pid, written.pid);
    QCOMPARE(read->notes, written.notes);
    QCOMPARE(read->tags, written.tags);
    QCOMPARE(read->starred, true);

    // Without a creation time the store stamps one.
    const std::int64_t stamped = store.createRun(sampleRun("now"));
    QVERIFY2(isUtcTimestamp(store.run(stamped)->createdAt), store.run(stamped)->createdAt.c_str());
    QVERIFY(stamped > id);
}

void TestRunStore::unknownRunIsEmpty() {
    RunStore store = RunStore::openInMemory();
    QVERIFY(!store.run(7));
    QVERIFY(store.metricNames(7).empty());
    QVERIFY(store.metricSeries(7, "train/loss").empty());
    QVERIFY(store.finalMetrics(7).empty());
    QVERIFY(store.deviceSamples(7).empty());
    QVERIFY(store.logs(7).empty());
    QVERIFY(store.artifacts(7).empty());
    QVERIFY(!store.latestArtifact(7, "best"));
    QCOMPARE(store.exportMetricsCsv(7), std::string("step,epoch,wall_time_s\n"));
}

void TestRunStore::statusStampsStartAndEnd() {
    RunStore store = RunStore::openInMemory();
    const std::int64_t id = store.createRun(sampleRun("status"));
    store.setRunStatus(id, RunStatus::Running);
    RunRecord run = *store.run(id);
    QCOMPARE(run.status, RunStatus::Running);
    QVERIFY(isUtcTimestamp(run.startedAt));
    QCOMPARE(run.finishedAt, std::string());

    store.setRunStatus(id, RunStatus::Failed, "CUDA out of memory at step 12");
    run = *store.run(id);
    QCOMPARE(run.status, RunStatus::Failed);
    QCOMPARE(run.statusReason, std::string("CUDA out of memory at step 12"));
    QVERIFY(isUtcTimestamp(run.finishedAt));
}

void TestRunStore::notesTagsAndStar() {
    RunStore store = RunStore::openInMemory();
    const std::int64_t id = store.createRun(sampleRun("notes"));
    store.setRunNotes(id, "lr too high", "sweep,lr", false);
    const RunRecord run = *store.run(id);
    QCOMPARE(run.notes, std::string("lr too high"));
    QCOMPARE(run.tags, std::string("sweep,lr"));
    QCOMPARE(run.starred, false);

    store.setRunNotes(id, "", " baseline, etth1,,baseline , ", true);
    QCOMPARE(store.run(id)->tags, std::string("baseline,etth1"));
    QCOMPARE(store.run(id)->starred, true);
}

void TestRunStore::listRunsNewestFirstWithFinalMetrics() {
    RunStore store = RunStore::openInMemory();
    const std::int64_t oldest = store.createRun(sampleRun("oldest", "2026-01-01T00:00:00Z"));
    const std::int64_t newest = store.createRun(sampleRun("newest", "2026-03-01T00:00:00Z"));
    const std::int64_t middle = store.createRun(sampleRun("middle", "2026-02-01T00:00:00Z"));
    // Same second as `middle`: the later id is the newer run.
    const std::int64_t middleLater = store.createRun(sampleRun("middle 2", "2026-02-01T00:00:00Z"));

    // The last value is the one at the highest step, whatever the order of writing.
    store.appendMetrics(middle, "val/loss", {{10, 1, 1.0, 0.5}, {30, 3, 3.0, 0.3}});
    store.appendMetrics(middle, "val/loss", {{20, 2, 2.0, 0.4}});
    store.appendMetrics(middle, "train/loss", {{30, 3, 3.0, 0.25}});
    store.appendMetrics(oldest, "train/loss", {{1, 1, 1.0, 2.0}});

    const std::vector<RunSummary> runs = store.listRuns();
    QCOMPARE(runs.size(), std::size_t{4});
    QCOMPARE(runs[0].run.id, newest);
    QCOMPARE(runs[1].run.id, middleLater);
    QCOMPARE(runs[2].run.id, middle);
    QCOMPARE(runs[3].run.id, oldest);
    QCOMPARE(runs[2].run.name, std::string("middle"));

    QVERIFY(runs[0].finalMetrics.empty());
    QCOMPARE(runs[2].finalMetrics.size(), std::size_t{2});
    QCOMPARE(runs[2].finalMetrics[0].name, std::string("train/loss"));
    QCOMPARE(runs[2].finalMetrics[0].value, 0.25);
    QCOMPARE(runs[2].finalMetrics[1].name, std::string("val/loss"));
    QCOMPARE(runs[2].finalMetrics[1].value, 0.3);
    QCOMPARE(runs[3].finalMetrics.size(), std::size_t{1});
    QCOMPARE(runs[3].finalMetrics[0].value, 2.0);

    const std::vector<MetricValue> finals = store.finalMetrics(middle);
    QCOMPARE(finals.size(), std::size_t{2});
    QCOMPARE(finals[1].value, 0.3);
}

void TestRunStore::deleteRunRemovesEverythingOfThatRun() {
    const std::string path = m_dir.filePath("delete.db").toStdString();
    std::int64_t doomed = 0;
    std::int64_t kept = 0;
    {
        RunStore store = RunStore::open(path);
        doomed = store.createRun(sampleRun("doomed"));
        kept = store.createRun(sampleRun("kept"));
        addEverything(store, doomed);
        addEverything(store, kept);
        store.deleteRun(doomed);
        store.deleteRun(doomed); // already gone: nothing to do
        QVERIFY(!store.run(doomed));
        QVERIFY(store.metricNames(doomed).empty());
        QCOMPARE(store.listRuns().size(), std::size_t{1});
    }
    const std::string ofDoomed = " WHERE run_id = " + std::to_string(doomed);
    QCOMPARE(queryInt(path, "SELECT count(*) FROM metric_series" + ofDoomed), std::int64_t{0});
    QCOMPARE(queryInt(path, "SELECT count(*) FROM metric_chunks WHERE series_id NOT IN "
                            "(SELECT id FROM metric_series)"),
             std::int64_t{0});
    QCOMPARE(queryInt(path, "SELECT count(*) FROM metric_chunks"), std::int64_t{1});
    QCOMPARE(queryInt(path, "SELECT count(*) FROM device_samples" + ofDoomed), std::int64_t{0});
    QCOMPARE(queryInt(path, "SELECT count(*) FROM logs" + ofDoomed), std::int64_t{0});
    QCOMPARE(queryInt(path, "SELECT count(*) FROM artifacts" + ofDoomed), std::int64_t{0});

    RunStore store = RunStore::open(path);
    QCOMPARE(store.metricSeries(kept, "train/loss").size(), std::size_t{2});
    QCOMPARE(store.deviceSamples(kept).size(), std::size_t{1});
    QCOMPARE(store.logs(kept).size(), std::size_t{1});
    QCOMPARE(store.artifacts(kept).size(), std::size_t{1});
}

void TestRunStore::writesForUnknownRunAreRefused() {
    RunStore store = RunStore::openInMemory();
    const std::int64_t id = store.createRun(sampleRun("real"));

    // One batch, one transaction: the valid event before the bad one is not kept either.
    const QString error = storeErrorOf([&] {
        store.apply({stepMetrics(id, 1, 0.5), stepMetrics(999, 1, 0.5)});
    });
    QVERIFY2(error.contains("run 999 does not exist"), qPrintable(error));
    QVERIFY(store.metricNames(id).empty());

    QVERIFY(storeErrorOf([&] { store.setRunStatus(999, RunStatus::Running); }).contains("run 999"));
    QVERIFY(storeErrorOf([&] { store.setRunNotes(999, "", "", false); }).contains("run 999"));
    QVERIFY(storeErrorOf([&] {
                store.appendMetrics(999, "x", {{1, 1, 0, 0}});
            }).contains("run 999"));
    QVERIFY(storeErrorOf([&] {
                store.addArtifact({0, 999, "best", "/x", 0, 0, {}});
            }).contains("run 999"));

    // The failed batch left the connection usable.
    store.apply({stepMetrics(id, 1, 0.5)});
    QCOMPARE(store.metricSeries(id, "train/loss").size(), std::size_t{1});
}

void TestRunStore::killedRunsFailWhenTheStoreOpens() {
    const std::string path = m_dir.filePath("killed.db").toStdString();
    const pid_t ended = endedProcess();
    std::int64_t killed = 0, pausedKilled = 0, alive = 0, elsewhere = 0, unknown = 0, done = 0;
    {
        RunStore store = RunStore::open(path);
        killed = store.createRun(runOf("killed", RunStatus::Running, ended));
        pausedKilled = store.createRun(runOf("paused, killed", RunStatus::Paused, ended));
        alive = store.createRun(runOf("this process", RunStatus::Running, getpid()));
        RunRecord remote = runOf("another host", RunStatus::Running, ended);
        remote.host = "gpu-box-that-is-not-" + hostName();
        elsewhere = store.createRun(remote);
        unknown = store.createRun(runOf("before schema 3", RunStatus::Running, 0));
        done = store.createRun(runOf("finished", RunStatus::Finished, ended));
        addEverything(store, killed);
    }
    // Reading alone changes nothing.
    const RunStore reader = RunStore::open(path, RunStore::Mode::ReadOnly);
    QCOMPARE(reader.run(killed)->status, RunStatus::Running);
    // ... but a reader can tell which runs a read-write open will fail.
    const std::vector<AbandonedRun> abandoned = reader.abandonedRuns();
    QCOMPARE(abandoned.size(), std::size_t{2});
    QCOMPARE(abandoned[0].runId, killed);
    QCOMPARE(abandoned[1].runId, pausedKilled);
    QCOMPARE(abandoned[0].pid, std::int64_t{ended});

    RunStore store = RunStore::open(path);
    for (const std::int64_t id : {killed, pausedKilled}) {
        const RunRecord run = *store.run(id);
        QCOMPARE(run.status, RunStatus::Failed);
        QVERIFY2(run.statusReason.find("pid " + std::to_string(ended)) != std::string::npos,
                 run.statusReason.c_str());
        QVERIFY2(run.statusReason.find("killed or crashed") != std::string::npos,
                 run.statusReason.c_str());
        QVERIFY(isUtcTimestamp(run.finishedAt));
    }
    QCOMPARE(store.run(alive)->status, RunStatus::Running);
    QCOMPARE(store.run(elsewhere)->status, RunStatus::Running);
    QCOMPARE(store.run(unknown)->status, RunStatus::Running);
    QCOMPARE(store.run(done)->status, RunStatus::Finished);
    QCOMPARE(store.run(done)->statusReason, std::string());
    // What the killed run wrote stays.
    QCOMPARE(store.metricSeries(killed, "train/loss").size(), std::size_t{2});
    QCOMPARE(store.logs(killed).size(), std::size_t{1});
    QCOMPARE(store.artifacts(killed).size(), std::size_t{1});
    QVERIFY(store.failAbandonedRuns().empty());
}

void TestRunStore::latestArtifactIsTheNewestOfItsKind() {
    RunStore store = RunStore::openInMemory();
    const std::int64_t id = store.createRun(sampleRun("checkpointed"));
    const std::int64_t other = store.createRun(sampleRun("other"));
    store.addArtifact({0, id, "best", "/runs/best.pt", 1, 100, {}});
    store.addArtifact({0, id, "last", "/runs/last.pt", 1, 100, {}});
    store.addArtifact({0, id, "best", "/runs/best.pt", 3, 300, {}});
    store.addArtifact({0, other, "best", "/other/best.pt", 5, 500, {}});

    const std::optional<ArtifactRecord> best = store.latestArtifact(id, "best");
    QVERIFY(best);
    QCOMPARE(best->epoch, std::int64_t{3});
    QCOMPARE(best->path, std::string("/runs/best.pt"));
    QCOMPARE(store.latestArtifact(id, "last")->step, std::int64_t{100});
    QVERIFY(!store.latestArtifact(id, "predictions"));
}

QTEST_GUILESS_MAIN(TestRunStore)
#include "tst_runstore.moc"

// A run going on from its checkpoint at step 700: what it recorded after that is trained again,
// so it goes (across chunk boundaries, and a series with nothing left goes whole); what it
// recorded before, its logs, files, name, notes and tags stay; the process is the new one.
void TestRunStore::reopenedRunDropsWhatCameAfterItsCheckpoint() {
    const std::string path = m_dir.filePath("reopen.db").toStdString();
    RunStore store = RunStore::open(path);
    RunRecord first = sampleRun("stopped", "2026-12-06T09:00:00Z");
    first.status = RunStatus::Failed;
    first.statusReason = "its process ended";
    first.finishedAt = "2026-12-06T10:00:00Z";
    const std::int64_t id = store.createRun(first);
    store.setRunNotes(id, "lr too high", "sweep-1", true);
    std::vector<MetricPoint> loss;
    for (std::int64_t step = 1; step <= 1200; ++step) // three chunks
        loss.push_back({step, 1 + step / 500, step * 0.01, 1.0 / static_cast<double>(step)});
    store.appendMetrics(id, "train/loss", loss);
    store.appendMetrics(id, "val/loss", {{800, 2, 8.0, 0.5}});
    DeviceSample early;
    early.runId = id;
    early.device = "cpu";
    early.wallTimeS = 6.5;
    DeviceSample late = early;
    late.wallTimeS = 7.5;
    store.apply({early, late, LogLine{id, LogLevel::Info, 9.0, "epoch 2/3"}});
    store.addArtifact({0, id, "last", "/runs/last.pt", 2, 700, {}});

    RunRecord process = sampleRun("stopped");
    process.host = hostName();
    process.pid = getpid();
    process.threads = 16;
    process.configYaml = "train:\n  epochs: 5\n";
    store.reopenRun(id, process, 700, 7.0);

    const RunRecord run = *store.run(id);
    QCOMPARE(run.status, RunStatus::Created);
    QVERIFY(run.statusReason.empty());
    QVERIFY(run.finishedAt.empty());
    QCOMPARE(run.pid, static_cast<std::int64_t>(getpid()));
    QCOMPARE(run.threads, std::int64_t{16});
    QCOMPARE(run.configYaml, process.configYaml);
    QCOMPARE(run.createdAt, first.createdAt);
    QVERIFY2(isUtcTimestamp(run.resumedAt), run.resumedAt.c_str());
    QCOMPARE(run.runSeconds, 7.0); // its clock at the checkpoint, going on from there
    QCOMPARE(run.notes, std::string("lr too high"));
    QCOMPARE(run.tags, std::string("sweep-1"));
    QVERIFY(run.starred);
    const std::vector<MetricPoint> kept = store.metricSeries(id, "train/loss");
    QCOMPARE(kept.size(), std::size_t{700});
    QCOMPARE(kept.back().step, std::int64_t{700});
    QCOMPARE(store.finalMetrics(id).front().value, 1.0 / 700.0);
    QCOMPARE(store.metricNames(id), std::vector<std::string>{"train/loss"});
    QCOMPARE(store.deviceSamples(id).size(), std::size_t{1});
    QCOMPARE(store.logs(id).size(), std::size_t{1});
    QCOMPARE(store.artifacts(id).size(), std::size_t{1});

    QCOMPARE(store.listRuns().front().finalMetrics.front().value, 1.0 / 700.0);

    // The run goes on: its new points follow the kept ones, and are its latest.
    store.appendMetrics(id, "train/loss", {{701, 2, 7.1, 0.25}});
    QCOMPARE(store.metricSeries(id, "train/loss").size(), std::size_t{701});
    QCOMPARE(store.listRuns().front().finalMetrics.front().value, 0.25);
}
