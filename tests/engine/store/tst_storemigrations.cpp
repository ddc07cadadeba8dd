// Schema migrations: fresh and older files are brought up to date, newer and foreign files are
// refused untouched, and a failing step rolls back to the previous version.
#include "StoreTestHelpers.h"
#include "engine/store/Migrations.h"
#include "engine/store/RunStore.h"
#include "engine/store/SqlDatabase.h"

#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>
#include <sqlite3.h>

using namespace tb::engine;
using namespace tb::test;

class TestStoreMigrations : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_fileCount = 0;

    /// A fresh path per test: the tests must not see each other's files.
    std::string newPath() {
        return m_dir.filePath(QStringLiteral("store%1.db").arg(++m_fileCount)).toStdString();
    }

    static std::int64_t tableCount(const std::string& path, const char* table) {
        return queryInt(path, std::string("SELECT count(*) FROM sqlite_master WHERE type = "
                                          "'table' AND name = '") +
                                  table + "'");
    }

private Q_SLOTS:
    void newFileGetsLatestSchema();
    void migratesVersionZeroFile();
    void appliesOnlyMissingSteps();
    void failedStepRollsBackToPreviousVersion();
    void refusesNewerSchema();
    void refusesOtherProgramsDatabase();
    void readOnlyRefusesUnmigratedFile();
    void version1SamplesGainUnknownClock();
    void version3SeriesGainTheirLatestPoint();
    void openForReadingUpgradesOlderFile();
};

void TestStoreMigrations::newFileGetsLatestSchema() {
    const std::string path = newPath();
    {
        RunStore store = RunStore::open(path);
        QCOMPARE(store.schemaVersion(), RunStore::latestSchemaVersion());
        QCOMPARE(RunStore::latestSchemaVersion(), int(schemaMigrations().size()));
    }
    for (const char* table :
         {"runs", "metric_series", "metric_chunks", "device_samples", "logs", "artifacts"}) {
        QVERIFY2(tableCount(path, table) == 1, table);
    }
    QCOMPARE(queryInt(path, "PRAGMA application_id"), std::int64_t{kStoreApplicationId});
    QCOMPARE(queryInt(path, "PRAGMA user_version"), std::int64_t{RunStore::latestSchemaVersion()});
    // WAL is a property of the file: other connections and processes see it too.
    QCOMPARE(queryInt(path, "SELECT journal_mode = 'wal' FROM pragma_journal_mode"),
             std::int64_t{1});
}

void TestStoreMigrations::migratesVersionZeroFile() {
    // A database as sqlite3 leaves it before any Trainbench step ran: version 0, no tables.
    const std::string path = newPath();
    execSql(path, "CREATE TABLE scratch (x); DROP TABLE scratch; PRAGMA user_version = 0;");
    QCOMPARE(queryInt(path, "PRAGMA user_version"), std::int64_t{0});

    RunStore store = RunStore::open(path);
    QCOMPARE(store.schemaVersion(), RunStore::latestSchemaVersion());
    const std::int64_t runId = store.createRun(sampleRun("after migration"));
    QCOMPARE(store.run(runId)->name, std::string("after migration"));
}

void TestStoreMigrations::appliesOnlyMissingSteps() {
    const std::string path = newPath();
    sql::Database db(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    migrate(db, {"CREATE TABLE first (x);"});
    QCOMPARE(db.queryInt("PRAGMA user_version"), std::int64_t{1});

    // Re-running step 1 would fail: the table exists.
    migrate(db, {"CREATE TABLE first (x);", "CREATE TABLE second (y);"});
    QCOMPARE(db.queryInt("PRAGMA user_version"), std::int64_t{2});
    QCOMPARE(tableCount(path, "second"), std::int64_t{1});

    migrate(db, {"CREATE TABLE first (x);", "CREATE TABLE second (y);"});
    QCOMPARE(db.queryInt("PRAGMA user_version"), std::int64_t{2});
}

void TestStoreMigrations::failedStepRollsBackToPreviousVersion() {
    const std::string path = newPath();
    sql::Database db(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    const std::vector<const char*> steps{
        "CREATE TABLE first (x);",
        // The first statement succeeds, the second is broken: the step must leave nothing.
        "CREATE TABLE half (x); CREATE TABLE broken (",
    };
    const QString error = storeErrorOf([&] { migrate(db, steps); });
    QVERIFY2(error.contains("from version 1 to 2 failed"), qPrintable(error));
    QVERIFY2(error.contains("stays at version 1"), qPrintable(error));
    QVERIFY2(error.contains(QString::fromStdString(path)), qPrintable(error));

    QCOMPARE(db.queryInt("PRAGMA user_version"), std::int64_t{1});
    QCOMPARE(tableCount(path, "first"), std::int64_t{1});
    QCOMPARE(tableCount(path, "half"), std::int64_t{0});
}

void TestStoreMigrations::refusesNewerSchema() {
    const std::string path = newPath();
    RunStore::open(path).createRun(sampleRun("kept"));
    execSql(path, "PRAGMA user_version = 7");

    const QString expected =
        QStringLiteral("%1 was written by a newer Trainbench (schema 7, this build reads up to "
                       "%2); upgrade Trainbench")
            .arg(QString::fromStdString(path))
            .arg(RunStore::latestSchemaVersion());
    QCOMPARE(storeErrorOf([&] { RunStore::open(path); }), expected);
    QCOMPARE(storeErrorOf([&] { RunStore::open(path, RunStore::Mode::ReadOnly); }), expected);

    QCOMPARE(queryInt(path, "PRAGMA user_version"), std::int64_t{7});
    QCOMPARE(queryInt(path, "SELECT count(*) FROM runs"), std::int64_t{1});
}

void TestStoreMigrations::refusesOtherProgramsDatabase() {
    const std::string withTables = newPath();
    execSql(withTables, "CREATE TABLE moz_places (url TEXT); INSERT INTO moz_places VALUES ('x')");
    const QString error = storeErrorOf([&] { RunStore::open(withTables); });
    QVERIFY2(error.contains("not a Trainbench store"), qPrintable(error));
    QVERIFY2(error.contains(QString::fromStdString(withTables)), qPrintable(error));
    QCOMPARE(tableCount(withTables, "runs"), std::int64_t{0});
    QCOMPARE(queryInt(withTables, "SELECT count(*) FROM moz_places"), std::int64_t{1});

    const std::string otherApplication = newPath();
    execSql(otherApplication, "PRAGMA application_id = 42; CREATE TABLE t (x)");
    const QString otherError = storeErrorOf([&] { RunStore::open(otherApplication); });
    QVERIFY2(otherError.contains("another program"), qPrintable(otherError));
}

void TestStoreMigrations::readOnlyRefusesUnmigratedFile() {
    const std::string path = newPath();
    execSql(path, "CREATE TABLE scratch (x); DROP TABLE scratch;");
    const QString error = storeErrorOf([&] { RunStore::open(path, RunStore::Mode::ReadOnly); });
    QVERIFY2(error.contains("not a Trainbench store yet"), qPrintable(error));
    QCOMPARE(queryInt(path, "PRAGMA user_version"), std::int64_t{0});
}

void TestStoreMigrations::version1SamplesGainUnknownClock() {
    const std::string path = newPath();
    writeOlderStore(path, 1,
                    "INSERT INTO runs (id, created_at) VALUES (1, '2026-01-01T00:00:00.000Z');"
                    "INSERT INTO device_samples (run_id, device, wall_time, utilization_pct)"
                    " VALUES (1, 'cuda:0', 2.5, 40.0);");
    const RunStore store = RunStore::open(path);
    QCOMPARE(store.schemaVersion(), RunStore::latestSchemaVersion());
    const std::vector<DeviceSample> samples = store.deviceSamples(1);
    QCOMPARE(samples.size(), std::size_t{1});
    QCOMPARE(samples[0].utilizationPct, 40.0);
    QCOMPARE(samples[0].clockMHz, -1.0);
}

void TestStoreMigrations::version3SeriesGainTheirLatestPoint() {
    const std::string path = newPath();
    // Two chunks of train/loss, inserted latest first; a series without points.
    writeOlderStore(path, 3,
                    "INSERT INTO runs (id, created_at) VALUES (1, '2026-01-01T00:00:00Z');"
                    "INSERT INTO metric_series (id, run_id, name) VALUES (1, 1, 'train/loss'),"
                    " (2, 1, 'val/loss');"
                    "INSERT INTO metric_chunks (series_id, first_step, last_step, point_count,"
                    " last_value, points) VALUES (1, 513, 600, 1, 0.25, zeroblob(32)),"
                    " (1, 1, 512, 1, 0.5, zeroblob(32));");
    RunStore store = RunStore::open(path);
    QCOMPARE(store.run(1)->deviceName, std::string());
    std::vector<MetricValue> finals = store.finalMetrics(1);
    QCOMPARE(finals.size(), std::size_t{1}); // a series without points has no final value
    QCOMPARE(finals[0].name, std::string("train/loss"));
    QCOMPARE(finals[0].value, 0.25);

    // Written after the upgrade: the trigger follows the series' latest point.
    store.appendMetrics(1, "val/loss", {{700, 2, 1.0, 0.75}});
    store.appendMetrics(1, "train/loss", {{601, 2, 1.0, 0.125}});
    finals = store.finalMetrics(1);
    QCOMPARE(finals.size(), std::size_t{2});
    QCOMPARE(finals[0].value, 0.125);
    QCOMPARE(finals[1].value, 0.75);
}

void TestStoreMigrations::openForReadingUpgradesOlderFile() {
    const std::string path = newPath();
    writeOlderStore(path, 2,
                    "INSERT INTO runs (id, name, status, created_at)"
                    " VALUES (1, 'old', 'running', '2026-01-01T00:00:00Z')");
    // Read-only alone cannot read a file one schema behind ...
    QVERIFY(!storeErrorOf([&] { RunStore::open(path, RunStore::Mode::ReadOnly); }).isEmpty());
    // ... opening it for reading upgrades it first.
    const RunStore store = RunStore::openForReading(path);
    QCOMPARE(store.schemaVersion(), RunStore::latestSchemaVersion());
    QCOMPARE(store.run(1)->name, std::string("old"));
    QCOMPARE(store.run(1)->pid, std::int64_t{0});
    QCOMPARE(store.run(1)->status, RunStatus::Running); // no process recorded: left as it is

    const std::string missing = newPath();
    const QString error = storeErrorOf([&] { RunStore::openForReading(missing); });
    QVERIFY2(error.contains("does not exist"), qPrintable(error));
    QVERIFY(!QFileInfo::exists(QString::fromStdString(missing)));

    // An empty file stays empty: reading does not make it a store.
    const std::string empty = newPath();
    QFile emptyFile(QString::fromStdString(empty));
    QVERIFY(emptyFile.open(QIODevice::WriteOnly));
    emptyFile.close();
    const QString emptyError = storeErrorOf([&] { RunStore::openForReading(empty); });
    QVERIFY2(emptyError.contains("not a Trainbench store yet"), qPrintable(emptyError));
    QCOMPARE(QFileInfo(QString::fromStdString(empty)).size(), qint64{0});

    // So does an SQLite database without tables (a merge source must not become a store).
    const std::string emptyDatabase = newPath();
    execSql(emptyDatabase, "CREATE TABLE scratch (x); DROP TABLE scratch;");
    const QString databaseError = storeErrorOf([&] { RunStore::openForReading(emptyDatabase); });
    QVERIFY2(databaseError.contains("not a Trainbench store yet"), qPrintable(databaseError));
    QCOMPARE(queryInt(emptyDatabase, "SELECT count(*) FROM sqlite_master"), std::int64_t{0});
    QCOMPARE(queryInt(emptyDatabase, "PRAGMA user_version"), std::int64_t{0});
}

QTEST_GUILESS_MAIN(TestStoreMigrations)
#include "tst_storemigrations.moc"
