// Opening the store file: every path that cannot hold a store gets one clear message and
// leaves no file behind; read-only mode never creates or writes; WAL lets readers and a
// writer work at once.
#include "StoreTestHelpers.h"
#include "engine/store/RunStore.h"
#include "engine/store/StoreWriter.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <atomic>
#include <filesystem>
#include <sqlite3.h>
#include <thread>

using namespace tb::engine;
using namespace tb::test;

class TestStoreOpen : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    /// A fresh empty folder per case.
    QString newFolder(const QString& name) {
        QDir(m_dir.path()).mkpath(name);
        return m_dir.filePath(name);
    }

private Q_SLOTS:
    void refusesPathsThatCannotHoldAStore_data();
    void refusesPathsThatCannotHoldAStore();
    void refusesReadOnlyFolder();
    void aStoreCutShortIsNamedDamaged();
    void readOnlyModeNeverCreates();
    void readOnlyModeRefusesWrites();
    void readerIsNotBlockedByWriter();
    void writerIsNotBlockedByReader();
    void readerFollowsConcurrentWriter();
    void fileAloneHoldsWhatAClosedWriterWrote();
    void programsCreatingOneStoreTogetherAllOpenIt();
};

void TestStoreOpen::refusesPathsThatCannotHoldAStore_data() {
    QTest::addColumn<QString>("relativePath");
    QTest::addColumn<QString>("existingFile"); ///< created with this content first
    QTest::addColumn<QString>("expected");

    QTest::newRow("missing folder") << "missing/runs.db" << QString() << "does not exist";
    QTest::newRow("parent is a file")
        << "notes.txt/runs.db" << QString() << "is a file, not a folder";
    QTest::newRow("folder at the path") << "." << QString() << "it is a folder";
    QTest::newRow("text file") << "notes.txt"
                               << "epoch,loss\n1,0.5\n"
                               << "not an SQLite database";
    QTest::newRow("binary file") << "weights.pt" << QString(4096, QChar(0x7f))
                                 << "not an SQLite database";
}

void TestStoreOpen::refusesPathsThatCannotHoldAStore() {
    QFETCH(QString, relativePath);
    QFETCH(QString, existingFile);
    QFETCH(QString, expected);

    const QString folder = newFolder(QTest::currentDataTag());
    QFile notes(folder + "/notes.txt");
    QVERIFY(notes.open(QIODevice::WriteOnly));
    notes.write("some notes");
    notes.close();
    if (!existingFile.isEmpty()) {
        QFile file(folder + "/" + relativePath);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(existingFile.toUtf8());
    }
    const QStringList before = filesIn(folder);
    const std::string path = QDir::cleanPath(folder + "/" + relativePath).toStdString();

    const QString error = storeErrorOf([&] { RunStore::open(path); });
    QVERIFY2(error.contains(expected), qPrintable(error));
    QVERIFY2(error.contains(QString::fromStdString(path)), qPrintable(error));
    QCOMPARE(filesIn(folder), before);
    QCOMPARE(filesIn(folder + "/missing"), QStringList());
    if (!existingFile.isEmpty()) {
        QFile file(QString::fromStdString(path));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), existingFile.toUtf8());
    }
}

void TestStoreOpen::aStoreCutShortIsNamedDamaged() {
    const std::string path = (newFolder("cut-short") + "/runs.db").toStdString();
    {
        RunStore store = RunStore::open(path);
        for (int i = 0; i < 20; ++i)
            store.createRun(sampleRun("run"));
    }
    std::filesystem::resize_file(path, std::filesystem::file_size(path) / 2);
    const QString error = storeErrorOf([&] { RunStore::open(path); });
    QVERIFY2(error.contains("the file is damaged") &&
                 error.contains(QString::fromStdString("sqlite3 " + path + " .recover")),
             qPrintable(error));
}

void TestStoreOpen::refusesReadOnlyFolder() {
    const QString folder = newFolder("read-only");
    QVERIFY(QFile::setPermissions(folder, QFile::ReadOwner | QFile::ExeOwner));
    QFile probe(folder + "/probe");
    if (probe.open(QIODevice::WriteOnly)) {
        probe.remove();
        QFile::setPermissions(folder, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        QSKIP("folder permissions are not enforced for this user (root)");
    }
    const std::string path = (folder + "/runs.db").toStdString();
    const QString error = storeErrorOf([&] { RunStore::open(path); });
    QFile::setPermissions(folder, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    QVERIFY2(error.contains(QString::fromStdString(path)), qPrintable(error));
    QVERIFY2(error.contains("writable"), qPrintable(error));
    QCOMPARE(filesIn(folder), QStringList());
}

void TestStoreOpen::readOnlyModeNeverCreates() {
    const QString folder = newFolder("never-created");
    const std::string path = (folder + "/runs.db").toStdString();
    const QString error = storeErrorOf([&] { RunStore::open(path, RunStore::Mode::ReadOnly); });
    QVERIFY2(error.contains("does not exist"), qPrintable(error));
    QCOMPARE(filesIn(folder), QStringList());
}

void TestStoreOpen::readOnlyModeRefusesWrites() {
    const std::string path = m_dir.filePath("read-only-mode.db").toStdString();
    std::int64_t runId = 0;
    {
        RunStore store = RunStore::open(path);
        runId = store.createRun(sampleRun("existing"));
        store.appendMetrics(runId, "train/loss", {{1, 1, 0.1, 0.9}});
    }
    const std::string other = m_dir.filePath("merge-source.db").toStdString();
    RunStore::open(other).createRun(sampleRun("other"));

    RunStore reader = RunStore::open(path, RunStore::Mode::ReadOnly);
    QCOMPARE(reader.listRuns().size(), std::size_t{1});
    QCOMPARE(reader.metricSeries(runId, "train/loss").size(), std::size_t{1});

    const std::vector<std::function<void()>> writes{
        [&] { reader.createRun(sampleRun("new")); },
        [&] { reader.setRunStatus(runId, RunStatus::Failed, "x"); },
        [&] { reader.setRunNotes(runId, "n", "t", false); },
        [&] { reader.deleteRun(runId); },
        [&] { reader.apply({stepMetrics(runId, 2, 0.5)}); },
        [&] {
            reader.appendMetrics(runId, "train/loss", {{2, 1, 0.2, 0.8}});
        },
        [&] {
            reader.addArtifact({0, runId, "best", "/tmp/best.pt", 1, 1, {}});
        },
        [&] { reader.mergeFrom(other); },
    };
    for (const auto& write : writes) {
        const QString error = storeErrorOf(write);
        QVERIFY2(error.contains("read-only"), qPrintable(error));
    }
    const std::vector<RunSummary> runs = reader.listRuns();
    QCOMPARE(runs.size(), std::size_t{1});
    QCOMPARE(runs[0].run.notes, std::string("notes of existing"));
    QCOMPARE(reader.metricSeries(runId, "train/loss").size(), std::size_t{1});
}

void TestStoreOpen::readerIsNotBlockedByWriter() {
    const std::string path = m_dir.filePath("reader-vs-writer.db").toStdString();
    RunStore::open(path).createRun(sampleRun("committed"));
    RunStore reader = RunStore::open(path, RunStore::Mode::ReadOnly);

    // Another process holds the write lock with an uncommitted run.
    sqlite3* writer = nullptr;
    QCOMPARE(sqlite3_open(path.c_str(), &writer), SQLITE_OK);
    QCOMPARE(sqlite3_exec(writer,
                          "BEGIN IMMEDIATE; INSERT INTO runs (name, created_at) VALUES "
                          "('uncommitted', '2026-01-01T00:00:00Z')",
                          nullptr, nullptr, nullptr),
             SQLITE_OK);
    QElapsedTimer timer;
    timer.start();
    QCOMPARE(reader.listRuns().size(), std::size_t{1});
    QVERIFY2(timer.elapsed() < 3000, "the reader waited for the writer (busy timeout: 5 s)");

    QCOMPARE(sqlite3_exec(writer, "COMMIT", nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(writer);
    QCOMPARE(reader.listRuns().size(), std::size_t{2});
}

void TestStoreOpen::writerIsNotBlockedByReader() {
    const std::string path = m_dir.filePath("writer-vs-reader.db").toStdString();
    RunStore store = RunStore::open(path);
    const std::int64_t runId = store.createRun(sampleRun("first"));

    // Another process sits in a read transaction; without WAL the writer could not commit
    // until the busy timeout ran out.
    sqlite3* reader = nullptr;
    QCOMPARE(sqlite3_open(path.c_str(), &reader), SQLITE_OK);
    QCOMPARE(sqlite3_exec(reader, "BEGIN; SELECT count(*) FROM runs", nullptr, nullptr, nullptr),
             SQLITE_OK);
    QElapsedTimer timer;
    timer.start();
    store.createRun(sampleRun("second"));
    store.apply({stepMetrics(runId, 1, 0.5)});
    QVERIFY2(timer.elapsed() < 3000, "the writer waited for the reader (busy timeout: 5 s)");

    // The reader's snapshot still shows the old state.
    sqlite3_stmt* count = nullptr;
    QCOMPARE(sqlite3_prepare_v2(reader, "SELECT count(*) FROM runs", -1, &count, nullptr),
             SQLITE_OK);
    QCOMPARE(sqlite3_step(count), SQLITE_ROW);
    QCOMPARE(sqlite3_column_int(count, 0), 1);
    sqlite3_finalize(count);
    sqlite3_exec(reader, "COMMIT", nullptr, nullptr, nullptr);
    sqlite3_close(reader);
    QCOMPARE(queryInt(path, "SELECT count(*) FROM runs"), std::int64_t{2});
}

void TestStoreOpen::readerFollowsConcurrentWriter() {
    const std::string path = m_dir.filePath("live.db").toStdString();
    const std::int64_t runId = RunStore::open(path).createRun(sampleRun("live"));
    RunStore reader = RunStore::open(path, RunStore::Mode::ReadOnly);

    constexpr std::int64_t kSteps = 3000;
    std::atomic<bool> done{false};
    std::string writerError;
    std::thread writing([&] {
        StoreWriter writer(path, 5);
        for (std::int64_t step = 1; step <= kSteps; ++step) {
            writer.onEvent(stepMetrics(runId, step, 1.0 / step));
            if (step % 300 == 0) {
                writer.flush();
            }
        }
        writer.close();
        writerError = writer.lastError();
        done = true;
    });
    // Every read succeeds and sees a prefix of the curve that only grows.
    std::size_t seen = 0;
    while (!done) {
        const std::vector<MetricPoint> curve = reader.metricSeries(runId, "train/loss");
        QVERIFY(curve.size() >= seen);
        for (std::size_t i = 0; i < curve.size(); ++i) {
            QCOMPARE(curve[i].step, std::int64_t(i + 1));
        }
        seen = curve.size();
    }
    writing.join();
    QCOMPARE(writerError, std::string());
    QCOMPARE(reader.metricSeries(runId, "train/loss").size(), std::size_t(kSteps));
}

// The app watches while the CLI trains: the reader outlives the writer and cannot fold the log
// into the file. A copy of the file alone (scp of the workspace from a GPU server) must still
// hold the run.
void TestStoreOpen::fileAloneHoldsWhatAClosedWriterWrote() {
    const QString folder = newFolder(QStringLiteral("copied"));
    const std::string path = (folder + "/runs.db").toStdString();
    RunStore::open(path).createRun(sampleRun("before"));
    RunStore reader = RunStore::open(path, RunStore::Mode::ReadOnly);
    {
        StoreWriter writer(path, 5);
        const std::int64_t runId = RunStore::open(path).createRun(sampleRun("while watched"));
        for (std::int64_t step = 1; step <= 500; ++step)
            writer.onEvent(stepMetrics(runId, step, 1.0 / step));
        writer.close();
        QCOMPARE(writer.lastError(), std::string());
    }
    QCOMPARE(reader.listRuns().size(), std::size_t{2});

    const QString copy = folder + "/copy.db";
    QVERIFY(QFile::copy(folder + "/runs.db", copy));
    RunStore copied = RunStore::open(copy.toStdString(), RunStore::Mode::ReadOnly);
    const std::vector<RunSummary> runs = copied.listRuns();
    QCOMPARE(runs.size(), std::size_t{2});
    QCOMPARE(copied.metricSeries(runs[0].run.id, "train/loss").size(), std::size_t{500});
}

// Two trainings started at once on a new workspace (two terminals, a script's `&`): one creates
// the file while the others wait for it, instead of failing with "database is locked".
void TestStoreOpen::programsCreatingOneStoreTogetherAllOpenIt() {
    constexpr int kPrograms = 4;
    for (int trial = 0; trial < 10; ++trial) {
        const std::string path =
            (newFolder(QStringLiteral("together-%1").arg(trial)) + "/runs.db").toStdString();
        std::atomic<int> ready{0};
        std::atomic<int> opened{0};
        std::vector<QString> errors(kPrograms);
        std::vector<std::thread> programs;
        for (int i = 0; i < kPrograms; ++i) {
            programs.emplace_back([&, i] {
                ++ready;
                while (ready < kPrograms) {
                }
                errors[static_cast<std::size_t>(i)] = storeErrorOf([&] {
                    RunStore store = RunStore::open(path);
                    store.createRun(sampleRun("run-" + std::to_string(i)));
                    ++opened;
                });
            });
        }
        for (std::thread& program : programs)
            program.join();
        for (const QString& error : errors)
            QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(opened.load(), kPrograms);
        QCOMPARE(RunStore::open(path).listRuns().size(), std::size_t{kPrograms});
    }
}

QTEST_GUILESS_MAIN(TestStoreOpen)
#include "tst_storeopen.moc"
