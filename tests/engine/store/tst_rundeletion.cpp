// Deleting runs: their rows go, and the files only they wrote; a run still training stays.
#include "StoreTestHelpers.h"
#include "engine/store/RunDeletion.h"
#include "engine/store/RunStore.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace tb::engine;
using namespace tb::test;

namespace {

/// A finished run whose artifact `kind` is the file `path` (created on disk).
std::int64_t runWithFile(RunStore& store, const std::string& name, const QString& path) {
    const std::int64_t id = store.createRun(sampleRun(name));
    store.apply({RunEnded{id, RunStatus::Finished, "", 1.0, {{"test/mse", 0.5}}}});
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    if (file.open(QIODevice::WriteOnly))
        file.write("checkpoint");
    store.addArtifact({0, id, "best", path.toStdString(), 1, 10, {}});
    return id;
}

} // namespace

class TestRunDeletion : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void deletesRowsAndTheFilesNoOtherRunNames() {
        QTemporaryDir dir;
        RunStore store = RunStore::open(dir.filePath("ws.db").toStdString());
        const QString own = dir.filePath("ws.db.artifacts/run-1/best.pt");
        // One folder given to two runs.
        const QString shared = dir.filePath("ws.db.artifacts/shared/best.pt");
        // A run merged from another workspace on this machine names that one's files.
        const QString elsewhere = dir.filePath("other.db.artifacts/run-1/best.pt");
        const std::int64_t first = runWithFile(store, "first", own);
        store.addArtifact({0, first, "last", shared.toStdString(), 2, 20, {}});
        QFile(shared).open(QIODevice::WriteOnly);
        const std::int64_t second = runWithFile(store, "second", shared);
        const std::int64_t merged = runWithFile(store, "merged", elsewhere);

        const DeletionReport report = deleteRuns(store, {first, merged});
        QCOMPARE(report.runs, 2);
        QCOMPARE(report.files, 1);
        QCOMPARE(report.filesElsewhere, 1);
        QVERIFY(report.problems.empty());
        QVERIFY(QFile::exists(elsewhere));
        QVERIFY(!store.run(first));
        QVERIFY(store.finalMetrics(first).empty());
        QVERIFY(!QFile::exists(own));
        QVERIFY(!QDir(dir.filePath("ws.db.artifacts/run-1")).exists()); // left empty: gone
        QVERIFY(QFile::exists(shared)); // the second run still names it
        QVERIFY(store.run(second));
    }

    void whatElseADeletedRunsOwnFolderHoldsGoesWithIt() {
        QTemporaryDir dir;
        RunStore store = RunStore::open(dir.filePath("ws.db").toStdString());
        const QString folder = dir.filePath("ws.db.artifacts/run-1");
        const std::int64_t old = runWithFile(store, "old forecaster", folder + "/best.pt");
        // Written by an earlier Trainbench, which listed only the forecast's description.
        for (const char* name : {"test-series.npy", "test-truth.npy"})
            QFile(folder + "/" + name).open(QIODevice::WriteOnly);
        // A file of run 1's folder that another run names stays, and so does the folder.
        const QString named = folder + "/scaler.json";
        QFile(named).open(QIODevice::WriteOnly);
        const std::int64_t other =
            runWithFile(store, "other", dir.filePath("ws.db.artifacts/run-2/best.pt"));
        store.addArtifact({0, other, "scaler", named.toStdString(), 1, 10, {}});
        const QString untouched = dir.filePath("ws.db.artifacts/run-2/test-series.npy");
        QFile(untouched).open(QIODevice::WriteOnly);

        const DeletionReport report = deleteRuns(store, {old});
        QCOMPARE(report.files, 3);
        QVERIFY(report.problems.empty());
        QCOMPARE(QDir(folder).entryList(QDir::Files), QStringList{"scaler.json"});
        QVERIFY(QFile::exists(untouched));

        QCOMPARE(deleteRuns(store, {other}).files, 3);
        QVERIFY(!QDir(folder).exists());
        QVERIFY(!QDir(dir.filePath("ws.db.artifacts/run-2")).exists());
    }

    void aRunStillTrainingOrUnknownIsRefusedAndNothingGoes() {
        RunStore store = RunStore::openInMemory();
        const std::int64_t ended = store.createRun(sampleRun("ended"));
        store.apply({RunEnded{ended, RunStatus::Failed, "nan", 1.0, {}}});
        const std::int64_t running = store.createRun(sampleRun("running"));
        store.apply({RunStarted{running, "running", "cpu", 2, 10, 0.0}});

        QString error = storeErrorOf([&] { deleteRuns(store, {ended, running}); });
        QVERIFY2(error.contains("run 2 is still training; stop it first"), qPrintable(error));
        error = storeErrorOf([&] { deleteRuns(store, {ended, 42}); });
        QVERIFY2(error.contains("no run 42"), qPrintable(error));
        QCOMPARE(store.listRuns().size(), std::size_t{2});
    }

    void aFileThatCannotBeRemovedIsReported() {
        QTemporaryDir dir;
        RunStore store = RunStore::open(dir.filePath("ws.db").toStdString());
        // A folder with something in it where the checkpoint was: remove() refuses it.
        const QString path = dir.filePath("ws.db.artifacts/run-1/best.pt");
        const std::int64_t id = runWithFile(store, "odd", path);
        QFile::remove(path);
        QDir().mkpath(path + "/inside");

        const DeletionReport report = deleteRuns(store, {id});
        QCOMPARE(report.runs, 1);
        QCOMPARE(report.files, 0);
        QCOMPARE(report.problems.size(), std::size_t{1});
        QVERIFY2(QString::fromStdString(report.problems[0]).contains("cannot remove " + path),
                 report.problems[0].c_str());
        QVERIFY(!store.run(id));
    }
};

QTEST_GUILESS_MAIN(TestRunDeletion)
#include "tst_rundeletion.moc"
