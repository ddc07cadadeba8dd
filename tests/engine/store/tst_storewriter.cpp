// StoreWriter: events from several threads all reach the file; flush() and full batches do
// not wait for the interval; write errors are kept, never thrown at the engine thread.
#include "StoreTestHelpers.h"
#include "engine/store/RunStore.h"
#include "engine/store/StoreWriter.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>
#include <mutex>
#include <sqlite3.h>
#include <thread>

using namespace tb::engine;
using namespace tb::test;

namespace {

/// What a writer tells its WritableListener, on the writer's thread.
class ToldProblems {
public:
    StoreWriter::WritableListener listener() {
        return [this](const std::string& problem) {
            std::lock_guard lock(m_mutex);
            m_told.push_back(problem);
        };
    }
    std::size_t count() const {
        std::lock_guard lock(m_mutex);
        return m_told.size();
    }
    std::string at(std::size_t index) const {
        std::lock_guard lock(m_mutex);
        return m_told.at(index);
    }

private:
    mutable std::mutex m_mutex;
    std::vector<std::string> m_told;
};

/// Another program's connection to `path`, holding its write lock until ROLLBACK.
sqlite3* holdWriteLock(const std::string& path) {
    sqlite3* other = nullptr;
    if (sqlite3_open(path.c_str(), &other) != SQLITE_OK ||
        sqlite3_exec(other, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) != SQLITE_OK)
        qFatal("cannot lock %s", path.c_str());
    return other;
}

void releaseWriteLock(sqlite3* other) {
    sqlite3_exec(other, "ROLLBACK", nullptr, nullptr, nullptr);
    sqlite3_close(other);
}

} // namespace

class TestStoreWriter : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_fileCount = 0;

    std::string newPath() {
        return m_dir.filePath(QStringLiteral("writer%1.db").arg(++m_fileCount)).toStdString();
    }

private Q_SLOTS:
    void concurrentEventsAllArrive();
    void flushWritesBeforeInterval();
    void fullBatchIsWrittenWithoutFlush();
    void errorsAreKeptNotThrown();
    void eventsWaitOutAFileThatCannotBeWritten();
    void saysWhenTheFileCannotBeWrittenAndWhenItCanAgain();
    void keptEventsThatFailForGoodEndTheWait();
    void closeIsIdempotentAndLaterEventsAreDropped();
    void unopenableDatabaseThrows();
};

void TestStoreWriter::concurrentEventsAllArrive() {
    const std::string path = newPath();
    std::int64_t runA = 0;
    std::int64_t runB = 0;
    {
        RunStore store = RunStore::open(path);
        runA = store.createRun(sampleRun("a"));
        runB = store.createRun(sampleRun("b"));
    }
    constexpr std::int64_t kSteps = 5000;
    StoreWriter writer(path, 20);
    const auto produce = [&writer](std::int64_t runId) {
        writer.onEvent(RunStarted{runId, "r", "cpu", 1, kSteps, 0.0});
        for (std::int64_t step = 1; step <= kSteps; ++step) {
            writer.onEvent(stepMetrics(runId, step, 1.0 / double(step)));
            if (step % 100 == 0) {
                writer.onEvent(LogLine{runId, LogLevel::Info, double(step), "step"});
                DeviceSample sample;
                sample.runId = runId;
                sample.device = "cpu";
                sample.wallTimeS = double(step);
                writer.onEvent(sample);
            }
        }
        writer.onEvent(RunEnded{runId, RunStatus::Finished, "", 99.0, {{"test/mse", 0.1}}});
    };
    std::thread a(produce, runA);
    std::thread b(produce, runB);
    a.join();
    b.join();
    writer.close();
    QCOMPARE(writer.lastError(), std::string());

    RunStore store = RunStore::open(path, RunStore::Mode::ReadOnly);
    for (const std::int64_t runId : {runA, runB}) {
        const std::vector<MetricPoint> loss = store.metricSeries(runId, "train/loss");
        QCOMPARE(loss.size(), std::size_t(kSteps));
        QCOMPARE(loss.back().value, 1.0 / double(kSteps));
        QCOMPARE(store.metricSeries(runId, "train/samples_per_s").size(), std::size_t(kSteps));
        QCOMPARE(store.logs(runId).size(), std::size_t(kSteps / 100));
        QCOMPARE(store.deviceSamples(runId).size(), std::size_t(kSteps / 100));
        QCOMPARE(store.run(runId)->status, RunStatus::Finished);
        QCOMPARE(store.metricSeries(runId, "test/mse")[0].step, kSteps);
    }
}

void TestStoreWriter::flushWritesBeforeInterval() {
    const std::string path = newPath();
    const std::int64_t runId = RunStore::open(path).createRun(sampleRun("flush"));
    RunStore reader = RunStore::open(path, RunStore::Mode::ReadOnly);

    StoreWriter writer(path, 60'000);
    QElapsedTimer timer;
    timer.start();
    for (std::int64_t step = 1; step <= 10; ++step) {
        writer.onEvent(stepMetrics(runId, step, 0.5));
    }
    writer.flush();
    QCOMPARE(reader.metricSeries(runId, "train/loss").size(), std::size_t{10});
    writer.onEvent(stepMetrics(runId, 11, 0.5));
    writer.flush();
    QCOMPARE(reader.metricSeries(runId, "train/loss").size(), std::size_t{11});
    writer.flush(); // nothing queued: returns at once
    QVERIFY2(timer.elapsed() < 30'000, "flush() waited for the interval");
}

void TestStoreWriter::fullBatchIsWrittenWithoutFlush() {
    const std::string path = newPath();
    const std::int64_t runId = RunStore::open(path).createRun(sampleRun("batch"));
    RunStore reader = RunStore::open(path, RunStore::Mode::ReadOnly);

    StoreWriter writer(path, 600'000);
    for (std::int64_t step = 1; step <= 2000; ++step) {
        writer.onEvent(stepMetrics(runId, step, 0.5));
    }
    QTRY_COMPARE_WITH_TIMEOUT(reader.metricSeries(runId, "train/loss").size(), std::size_t{2000},
                              20'000);
}

void TestStoreWriter::errorsAreKeptNotThrown() {
    const std::string path = newPath();
    const std::int64_t runId = RunStore::open(path).createRun(sampleRun("errors"));

    StoreWriter writer(path, 10);
    writer.onEvent(stepMetrics(999, 1, 0.5));
    writer.flush();
    const std::string error = writer.lastError();
    QVERIFY2(error.find("run 999 does not exist") != std::string::npos, error.c_str());
    QCOMPARE(writer.lostEventCount(), std::uint64_t{1}); // it would fail again: not kept

    // The writer goes on with the next batch.
    writer.onEvent(stepMetrics(runId, 1, 0.5));
    writer.close();
    QCOMPARE(RunStore::open(path).metricSeries(runId, "train/loss").size(), std::size_t{1});
}

// Another program holds the write lock past the busy timeout (as a full disk would fail the
// commit): the events stay with the writer and land once the file can be written again.
void TestStoreWriter::eventsWaitOutAFileThatCannotBeWritten() {
    const std::string path = newPath();
    const std::int64_t runId = RunStore::open(path).createRun(sampleRun("waits"));
    sqlite3* other = holdWriteLock(path);
    StoreWriter writer(path, 10);
    for (std::int64_t step = 1; step <= 100; ++step)
        writer.onEvent(stepMetrics(runId, step, 0.5));
    writer.flush(); // gives up on the lock after the busy timeout
    QVERIFY2(writer.lastError().find("locked") != std::string::npos, writer.lastError().c_str());

    releaseWriteLock(other);
    writer.onEvent(stepMetrics(runId, 101, 0.5));
    writer.close();
    QCOMPARE(RunStore::open(path).metricSeries(runId, "train/loss").size(), std::size_t{101});
    QCOMPARE(writer.lostEventCount(), std::uint64_t{0});
}

// The writer tells when a batch first fails and, without any new event to write, when the
// kept ones are stored: a run held meanwhile sends none.
void TestStoreWriter::saysWhenTheFileCannotBeWrittenAndWhenItCanAgain() {
    const std::string path = newPath();
    const std::int64_t runId = RunStore::open(path).createRun(sampleRun("told"));
    sqlite3* other = holdWriteLock(path);
    ToldProblems told;
    StoreWriter writer(path, 10, told.listener());
    for (std::int64_t step = 1; step <= 100; ++step)
        writer.onEvent(stepMetrics(runId, step, 0.5));
    QTRY_COMPARE_WITH_TIMEOUT(told.count(), std::size_t{1}, 30000);
    QVERIFY2(told.at(0).find("locked") != std::string::npos, told.at(0).c_str());

    releaseWriteLock(other);
    QTRY_COMPARE_WITH_TIMEOUT(told.count(), std::size_t{2}, 10000);
    QCOMPARE(told.at(1), std::string());
    QCOMPARE(RunStore::open(path).metricSeries(runId, "train/loss").size(), std::size_t{100});
    writer.close();
    QCOMPARE(writer.lostEventCount(), std::uint64_t{0});
}

// Kept events whose retry fails for a reason that would recur are lost, and the writer says
// there is nothing more to wait for: a run held until they were stored must go on.
void TestStoreWriter::keptEventsThatFailForGoodEndTheWait() {
    const std::string path = newPath();
    RunStore::open(path).createRun(sampleRun("gone"));
    sqlite3* other = holdWriteLock(path);
    ToldProblems told;
    StoreWriter writer(path, 10, told.listener());
    writer.onEvent(stepMetrics(999, 1, 0.5)); // a run the file does not hold
    QTRY_COMPARE_WITH_TIMEOUT(told.count(), std::size_t{1}, 30000);
    QVERIFY2(told.at(0).find("locked") != std::string::npos, told.at(0).c_str());

    releaseWriteLock(other);
    QTRY_COMPARE_WITH_TIMEOUT(told.count(), std::size_t{2}, 10000);
    QCOMPARE(told.at(1), std::string());
    QVERIFY2(writer.lastError().find("run 999 does not exist") != std::string::npos,
             writer.lastError().c_str());
    writer.close();
    QCOMPARE(writer.lostEventCount(), std::uint64_t{1});
}

void TestStoreWriter::closeIsIdempotentAndLaterEventsAreDropped() {
    const std::string path = newPath();
    const std::int64_t runId = RunStore::open(path).createRun(sampleRun("close"));
    StoreWriter writer(path);
    writer.onEvent(stepMetrics(runId, 1, 0.5));
    writer.close();
    writer.close();
    writer.onEvent(stepMetrics(runId, 2, 0.5));
    writer.flush();
    QCOMPARE(writer.lastError(), std::string());
    QCOMPARE(RunStore::open(path).metricSeries(runId, "train/loss").size(), std::size_t{1});
}

void TestStoreWriter::unopenableDatabaseThrows() {
    const std::string path = m_dir.filePath("missing/runs.db").toStdString();
    const QString error = storeErrorOf([&] { StoreWriter writer(path); });
    QVERIFY2(error.contains("does not exist"), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestStoreWriter)
#include "tst_storewriter.moc"
