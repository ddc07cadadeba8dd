// trainbench-cli as a script sees it: exit codes, messages, and what lands in the database.
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

namespace {

struct Result {
    int exitCode = -1;
    QString out;
    QString err;
};

Result runCli(const QStringList& args, int timeoutMs = 120000) {
    QProcess p;
    p.start(qEnvironmentVariable("TB_CLI"), args);
    p.waitForFinished(timeoutMs);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
            QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

const QString kFashion = QStringLiteral("/usr/share/datasets/fashion-mnist");

QStringList quickTrainArgs(const QString& db) {
    return {"train", "fashion-mnist-mlp",   "--db",  db,
            "--set", "train.epochs=1",      "--set", "model.hidden=32",
            "--set", "train.batch_size=512"};
}

} // namespace

class TestCli : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        QVERIFY2(QFile::exists(qEnvironmentVariable("TB_CLI")), "TB_CLI must name the binary");
        QVERIFY(m_dir.isValid());
    }

    void helpEverywhere_data() {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("top") << QStringList{"--help"};
        QTest::newRow("train") << QStringList{"train", "--help"};
        QTest::newRow("validate") << QStringList{"validate", "--help"};
        QTest::newRow("runs") << QStringList{"runs", "--help"};
        QTest::newRow("runs export") << QStringList{"runs", "export", "--help"};
        QTest::newRow("devices") << QStringList{"devices", "--help"};
    }

    void helpEverywhere() {
        QFETCH(QStringList, args);
        const Result r = runCli(args);
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("Usage") || r.out.contains("OPTIONS"));
    }

    void usageErrorsExitWithTwo_data() {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("no command") << QStringList{};
        QTest::newRow("unknown command") << QStringList{"fly"};
        QTest::newRow("unknown option") << QStringList{"devices", "--colour"};
        QTest::newRow("train without config") << QStringList{"train"};
    }

    void usageErrorsExitWithTwo() {
        QFETCH(QStringList, args);
        QCOMPARE(runCli(args).exitCode, 2);
    }

    void devicesListsTheCpu() {
        const Result r = runCli({"devices"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("cpu"));
        QVERIFY(r.out.contains("npu:0"));
    }

    void validPresetValidates() {
        const Result r = runCli({"validate", "fashion-mnist-cnn"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("valid"));
    }

    void invalidConfigListsEveryProblem() {
        const QString path = m_dir.filePath("bad.yaml");
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("train:\n  batch_size: 0\n  epoch: 3\noptim:\n  lr: -1\n");
        f.close();
        const QString db = m_dir.filePath("never.db");
        const Result r = runCli({"train", path, "--db", db});
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.err.contains("train.batch_size"), qPrintable(r.err));
        QVERIFY2(r.err.contains("did you mean 'train.epochs'"), qPrintable(r.err));
        QVERIFY2(r.err.contains("optim.lr"), qPrintable(r.err));
        QVERIFY(!QFile::exists(db));
        QCOMPARE(runCli({"validate", path}).exitCode, 3);
    }

    void missingDatasetIsAnInputError() {
        const QString db = m_dir.filePath("never.db");
        const Result r = runCli(
            {"train", "fashion-mnist-cnn", "--db", db, "--set", "data.root=/nonexistent/data"});
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.err.contains("/nonexistent/data"), qPrintable(r.err));
        QVERIFY(!QFile::exists(db));
    }

    void corruptDatasetIsAnInputError() {
        if (!QFile::exists(kFashion + "/train-images-idx3-ubyte.gz"))
            QSKIP("Fashion-MNIST is not installed");
        const QString data = m_dir.filePath("corrupt");
        QVERIFY(QDir().mkpath(data));
        for (const QString name : {"train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz",
                                   "t10k-labels-idx1-ubyte.gz"})
            QVERIFY(QFile::copy(kFashion + "/" + name, data + "/" + name));
        QFile source(kFashion + "/train-images-idx3-ubyte.gz");
        QVERIFY(source.open(QIODevice::ReadOnly));
        QFile truncated(data + "/train-images-idx3-ubyte.gz");
        QVERIFY(truncated.open(QIODevice::WriteOnly));
        truncated.write(source.read(source.size() / 2));
        truncated.close();

        const QString db = m_dir.filePath("never.db");
        const Result r =
            runCli({"train", "fashion-mnist-cnn", "--db", db, "--set", "data.root=" + data});
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.err.contains("train-images-idx3-ubyte.gz"), qPrintable(r.err));
        QVERIFY(!QFile::exists(db));
    }

    void unwritableDatabaseIsAStoreError() {
        const Result r = runCli({"train", "fashion-mnist-mlp", "--db", "/proc/nope/runs.db"});
        QCOMPARE(r.exitCode, 4);
        QVERIFY2(r.err.contains("/proc/nope/runs.db"), qPrintable(r.err));
    }

    void runsOnAMissingDatabase() {
        const Result r = runCli({"runs", "--db", m_dir.filePath("absent.db"), "list"});
        QCOMPARE(r.exitCode, 4);
        QVERIFY(!QFile::exists(m_dir.filePath("absent.db")));
    }

    void trainThenInspect() {
        if (!QFile::exists(kFashion + "/train-images-idx3-ubyte.gz"))
            QSKIP("Fashion-MNIST is not installed");
        const QString db = m_dir.filePath("runs.db");
        const Result train = runCli(quickTrainArgs(db));
        QVERIFY2(train.exitCode == 0, qPrintable(train.err));
        QVERIFY2(train.err.contains("stored in " + db), qPrintable(train.err));
        QVERIFY(train.err.contains("epoch 1/1"));

        const Result list = runCli({"runs", "--db", db, "list"});
        QCOMPARE(list.exitCode, 0);
        QVERIFY(list.out.contains("fashion-mnist-mlp"));
        QVERIFY(list.out.contains("finished"));

        const Result show = runCli({"runs", "--db", db, "show", "1"});
        QCOMPARE(show.exitCode, 0);
        QVERIFY(show.out.contains("test/accuracy"));
        QVERIFY(show.out.contains("hidden: 32"));

        const Result csv = runCli({"runs", "--db", db, "export", "1", "--csv"});
        QCOMPARE(csv.exitCode, 0);
        QVERIFY(csv.out.startsWith("step,epoch,wall_time_s,"));
        QVERIFY(csv.out.contains("train/loss"));
        QVERIFY(csv.out.count('\n') > 5);

        QCOMPARE(runCli({"runs", "--db", db, "show", "99"}).exitCode, 5);
    }

private:
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
