// A run's files stay found whatever directory the workspace is opened from, and when the
// workspace moves or is merged: their paths are stored relative to the workspace's folder.
#include "StoreTestHelpers.h"
#include "engine/store/ArtifactPaths.h"
#include "engine/store/RunStore.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

using namespace tb::engine;
using namespace tb::test;

namespace {

/// Runs `action` with `folder` as the working directory.
template <typename Action> void inDirectory(const QString& folder, Action action) {
    const QString before = QDir::currentPath();
    QVERIFY(QDir::setCurrent(folder));
    action();
    QVERIFY(QDir::setCurrent(before));
}

} // namespace

class TestArtifactPaths : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString folder(const QString& name) {
        QDir(m_dir.path()).mkpath(name);
        return QDir(m_dir.filePath(name)).canonicalPath();
    }

private Q_SLOTS:
    void storedRelativeToTheWorkspaceFolder_data();
    void storedRelativeToTheWorkspaceFolder();
    void resolvedAgainstTheWorkspaceFolder_data();
    void resolvedAgainstTheWorkspaceFolder();
    void aRunTrainedWithARelativeWorkspaceIsFoundFromElsewhere();
    void aMovedWorkspaceFindsItsFiles();
    void mergedRunsPointAtTheOtherWorkspacesFiles();
};

void TestArtifactPaths::storedRelativeToTheWorkspaceFolder_data() {
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("database");
    QTest::addColumn<QString>("stored");

    QTest::newRow("in its artifacts folder") << "/w/ws.db.artifacts/run-3/best.pt"
                                             << "/w/ws.db"
                                             << "ws.db.artifacts/run-3/best.pt";
    QTest::newRow("elsewhere in its folder") << "/w/ckpt/../ckpt/a.pt"
                                             << "/w/ws.db"
                                             << "ckpt/a.pt";
    QTest::newRow("outside its folder") << "/data/run/a.pt"
                                        << "/w/ws.db"
                                        << "/data/run/a.pt";
    QTest::newRow("a folder that starts alike") << "/work/a.pt"
                                                << "/w/ws.db"
                                                << "/work/a.pt";
    QTest::newRow("in memory") << "x/a.pt"
                               << ":memory:"
                               << "x/a.pt";
}

void TestArtifactPaths::storedRelativeToTheWorkspaceFolder() {
    QFETCH(QString, path);
    QFETCH(QString, database);
    QFETCH(QString, stored);
    QCOMPARE(QString::fromStdString(storedArtifactPath(path.toStdString(), database.toStdString())),
             stored);
}

void TestArtifactPaths::resolvedAgainstTheWorkspaceFolder_data() {
    QTest::addColumn<QString>("stored");
    QTest::addColumn<QString>("database");
    QTest::addColumn<QString>("resolved");

    QTest::newRow("relative") << "ws.db.artifacts/run-3/best.pt"
                              << "/w/ws.db"
                              << "/w/ws.db.artifacts/run-3/best.pt";
    QTest::newRow("absolute") << "/data/a.pt"
                              << "/w/ws.db"
                              << "/data/a.pt";
    // Earlier builds stored the path a training was given, relative to where it started.
    QTest::newRow("through its artifacts folder") << "runs/ws.db.artifacts/run-3/best.pt"
                                                  << "/w/ws.db"
                                                  << "/w/ws.db.artifacts/run-3/best.pt";
    QTest::newRow("another workspace's artifacts") << "other.db.artifacts/run-1/a.pt"
                                                   << "/w/ws.db"
                                                   << "/w/other.db.artifacts/run-1/a.pt";
    QTest::newRow("in memory") << "x/a.pt"
                               << ":memory:"
                               << "x/a.pt";
}

void TestArtifactPaths::resolvedAgainstTheWorkspaceFolder() {
    QFETCH(QString, stored);
    QFETCH(QString, database);
    QFETCH(QString, resolved);
    QCOMPARE(
        QString::fromStdString(resolvedArtifactPath(stored.toStdString(), database.toStdString())),
        resolved);
}

// `trainbench-cli train --db ws.db` in one folder, the app started from another.
void TestArtifactPaths::aRunTrainedWithARelativeWorkspaceIsFoundFromElsewhere() {
    const QString project = folder("project");
    std::int64_t runId = 0;
    inDirectory(project, [&] {
        RunStore store = RunStore::open("ws.db");
        runId = store.createRun(sampleRun("relative"));
        store.apply({CheckpointSaved{runId, 1, 10, "best", "ws.db.artifacts/run-1/best.pt", 1.0}});
    });
    QCOMPARE(
        queryInt((project + "/ws.db").toStdString(),
                 "SELECT count(*) FROM artifacts WHERE path = 'ws.db.artifacts/run-1/best.pt'"),
        std::int64_t{1});
    inDirectory(folder("elsewhere"), [&] {
        RunStore store =
            RunStore::open((project + "/ws.db").toStdString(), RunStore::Mode::ReadOnly);
        QCOMPARE(QString::fromStdString(store.artifacts(runId).at(0).path),
                 project + "/ws.db.artifacts/run-1/best.pt");
        QVERIFY(store.artifactFiles().count(
            (project + "/ws.db.artifacts/run-1/best.pt").toStdString()));
    });
}

void TestArtifactPaths::aMovedWorkspaceFindsItsFiles() {
    const QString before = folder("before");
    RunStore store = RunStore::open((before + "/ws.db").toStdString());
    const std::int64_t runId = store.createRun(sampleRun("moved"));
    store.addArtifact({0,
                       runId,
                       "predictions",
                       (before + "/ws.db.artifacts/run-1/f.json").toStdString(),
                       1,
                       10,
                       {}});
    store = RunStore::openInMemory(); // closes the file
    QVERIFY(QDir(m_dir.path()).rename("before", "after"));
    const QString after = QDir(m_dir.filePath("after")).canonicalPath();
    RunStore moved = RunStore::open((after + "/ws.db").toStdString(), RunStore::Mode::ReadOnly);
    QCOMPARE(QString::fromStdString(moved.artifacts(runId).at(0).path),
             after + "/ws.db.artifacts/run-1/f.json");
}

// A server's workspace copied beside its artifacts folder, then merged into the desktop's.
void TestArtifactPaths::mergedRunsPointAtTheOtherWorkspacesFiles() {
    const QString server = folder("server");
    const QString desktop = folder("desktop");
    std::int64_t serverRun = 0;
    {
        RunStore store = RunStore::open((server + "/gpu.db").toStdString());
        serverRun = store.createRun(sampleRun("on the server"));
        store.addArtifact({0,
                           serverRun,
                           "predictions",
                           (server + "/gpu.db.artifacts/run-1/f.json").toStdString(),
                           1,
                           10,
                           {}});
    }
    RunStore here = RunStore::open((desktop + "/ws.db").toStdString());
    here.createRun(sampleRun("trained here"));
    QCOMPARE(here.mergeFrom((server + "/gpu.db").toStdString()).added, 1);
    const std::vector<RunSummary> runs = here.listRuns();
    const std::int64_t merged = runs.front().run.id;
    QCOMPARE(QString::fromStdString(here.artifacts(merged).at(0).path),
             server + "/gpu.db.artifacts/run-1/f.json");
}

QTEST_GUILESS_MAIN(TestArtifactPaths)
#include "tst_artifactpaths.moc"
