// A new run that starts from another run's weights (model.init_from): it trains on from
// them, or with no epochs only tests them, takes what fits when told to, and refuses, before
// any run exists, what cannot work.
#include "TrainingTestHelpers.h"
#include "engine/data/InputRecipeFile.h"
#include "engine/store/RunStore.h"
#include "engine/training/ExperimentSchema.h"
#include "engine/training/InitialWeights.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>
#include <filesystem>

using namespace tb::engine;
using namespace tb::test;

namespace {

Config shortMlpConfig() {
    Config c = quickMlpConfig();
    c.set("train.max_batches", std::int64_t{10});
    return c;
}

std::int64_t trained(const Config& config, const std::string& db) {
    const FinishedRun run = trainToEnd(config, db);
    return run.status == RunStatus::Finished ? run.start.runId : 0;
}

std::string checkpointOf(const std::string& db, std::int64_t runId, const std::string& kind) {
    for (const ArtifactRecord& a : RunStore::open(db, RunStore::Mode::ReadOnly).artifacts(runId))
        if (a.kind == kind)
            return a.path;
    return {};
}

bool logSays(const std::string& db, std::int64_t runId, const QString& text) {
    for (const LogLine& line : RunStore::open(db, RunStore::Mode::ReadOnly).logs(runId))
        if (QString::fromStdString(line.text).contains(text))
            return true;
    return false;
}

std::size_t runCount(const std::string& db) {
    return RunStore::open(db, RunStore::Mode::ReadOnly).listRuns().size();
}

} // namespace

class TestInitialWeights : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::string m_db;
    std::int64_t m_mlp = 0;           // hidden 64, checkpoints
    std::int64_t m_noCheckpoints = 0; // train.checkpoints off
    std::int64_t m_noValidation = 0;  // no best epoch: a last checkpoint only
    std::int64_t m_filesDeleted = 0;  // its checkpoints deleted since
    std::int64_t m_tested = 0;        // no epochs: a test of m_mlp's weights

    /// A run of no epochs that tested a copy of m_mlp's best checkpoint, since deleted.
    std::int64_t testOfAFileDeletedSince() {
        const QString copied = m_dir.filePath("copied.pt");
        if (!QFile::copy(QString::fromStdString(checkpointOf(m_db, m_mlp, "best")), copied))
            return 0;
        Config c = shortMlpConfig();
        c.set("train.epochs", std::int64_t{0});
        c.set("model.init_from", copied.toStdString());
        const std::int64_t runId = trained(c, m_db);
        QFile::remove(copied);
        return runId;
    }

private Q_SLOTS:
    void initTestCase() {
        if (!haveFashionMnist())
            QSKIP("Fashion-MNIST is not installed (apt install dataset-fashion-mnist)");
        m_db = m_dir.filePath("ws.db").toStdString();
        m_mlp = trained(shortMlpConfig(), m_db);
        Config off = shortMlpConfig();
        off.set("train.checkpoints", false);
        m_noCheckpoints = trained(off, m_db);
        Config noVal = shortMlpConfig();
        noVal.set("data.val_fraction", 0.0);
        m_noValidation = trained(noVal, m_db);
        m_filesDeleted = trained(shortMlpConfig(), m_db);
        QVERIFY(m_mlp && m_noCheckpoints && m_noValidation && m_filesDeleted);
        for (const char* kind : {"best", "last"})
            QVERIFY(std::filesystem::remove(checkpointOf(m_db, m_filesDeleted, kind)));
    }

    void aRunTrainsOnFromAnotherRunsBestEpoch() {
        Config c = shortMlpConfig();
        c.set("model.init_from", "run:" + std::to_string(m_mlp));
        c.set("optim.lr", 1e-12); // the weights stay where they were given
        const FinishedRun run = trainToEnd(c, m_db);
        QCOMPARE(run.status, RunStatus::Finished);

        QVERIFY(logSays(
            m_db, run.start.runId,
            QString("initial weights from run %1's best epoch (epoch 1): 4 of 4").arg(m_mlp)));
        // Validated with the given weights, it scores what the run it started from scored.
        const std::vector<double> given = curve(m_db, m_mlp, "val/loss");
        const std::vector<double> started = curve(m_db, run.start.runId, "val/loss");
        QCOMPARE(started.size(), std::size_t{1});
        QCOMPARE(given.size(), std::size_t{1});
        QVERIFY2(qAbs(started[0] - given[0]) < 1e-5,
                 qPrintable(QString("%1 against %2").arg(started[0]).arg(given[0])));
    }

    void aRunOfNoEpochsTestsTheWeightsItIsGiven() {
        Config c = shortMlpConfig();
        c.set("train.epochs", std::int64_t{0});
        c.set("model.init_from", "run:" + std::to_string(m_mlp));
        const FinishedRun run = trainToEnd(c, m_db);
        QCOMPARE(run.status, RunStatus::Finished);
        QVERIFY(logSays(m_db, run.start.runId, "train.epochs is 0: no training"));
        // The same weights on the same test split: the scores of the run they came from.
        for (const char* metric : {"test/loss", "test/accuracy"}) {
            const std::vector<double> given = curve(m_db, m_mlp, metric);
            const std::vector<double> tested = curve(m_db, run.start.runId, metric);
            QCOMPARE(tested.size(), std::size_t{1});
            QCOMPARE(given.size(), std::size_t{1});
            QVERIFY2(
                qAbs(tested[0] - given[0]) < 1e-6,
                qPrintable(QString("%1: %2 against %3").arg(metric).arg(tested[0]).arg(given[0])));
        }
        QVERIFY(curve(m_db, run.start.runId, "train/loss").empty());
        QVERIFY(checkpointOf(m_db, run.start.runId, "best").empty());
        QVERIFY(checkpointOf(m_db, run.start.runId, "last").empty());
        m_tested = run.start.runId;
    }

    void aTestPassesOnTheWeightsItTested() {
        QVERIFY(m_tested > 0);
        Config c = shortMlpConfig();
        c.set("model.init_from", "run:" + std::to_string(m_tested));
        c.set("optim.lr", 1e-12);
        const FinishedRun run = trainToEnd(c, m_db);
        QCOMPARE(run.status, RunStatus::Finished);
        QVERIFY(logSays(m_db, run.start.runId,
                        QString("initial weights from run %1, which tested run %2's best epoch "
                                "(epoch 1): 4 of 4")
                            .arg(m_tested)
                            .arg(m_mlp)));
        const std::vector<double> given = curve(m_db, m_mlp, "val/loss");
        const std::vector<double> started = curve(m_db, run.start.runId, "val/loss");
        QVERIFY(!started.empty() && !given.empty());
        QVERIFY2(qAbs(started[0] - given[0]) < 1e-5,
                 qPrintable(QString("%1 against %2").arg(started[0]).arg(given[0])));
    }

    void aTestOfAForecastersWeightsNeedsItsColumns() {
        // A run that read x0, x1, OT, as its inputs.yaml keeps them.
        DataSplits trained;
        trained.task = "forecasting";
        trained.sampleShape = {48, 3};
        trained.recipe.columns = {"x0", "x1", "OT"};
        trained.recipe.scaler = StandardScaler::identity(3);
        const std::string db = m_dir.filePath("columns.db").toStdString();
        const std::string recipe = m_dir.filePath("columns-inputs.yaml").toStdString();
        writeInputRecipe(trained, recipe);
        std::int64_t runId = 0;
        {
            RunStore store = RunStore::open(db);
            RunRecord record;
            record.name = "load";
            runId = store.createRun(record);
            ArtifactRecord artifact;
            artifact.runId = runId;
            artifact.kind = kInputRecipeKind;
            artifact.path = recipe;
            store.addArtifact(artifact);
        }
        Config config(experimentSchema());
        config.set("model.init_from", "run:" + std::to_string(runId));
        config.set("train.epochs", std::int64_t{0});
        DataSplits here = trained;
        here.recipe.columns = {"x1", "x0", "OT"};

        ConfigIssues issues;
        checkTestedInputs(config, here, db, issues);
        QCOMPARE(issues.size(), std::size_t{1});
        QCOMPARE(QString::fromStdString(issues[0].message),
                 QString("run %1's weights give their channels other columns: column 0 is x0 "
                         "there, x1 here (2 of 3 differ), so each would be scored against "
                         "another; test on a CSV with the same columns (data.target last)")
                     .arg(runId));
        // The same columns, or weights that are trained on, are none of its business.
        issues.clear();
        checkTestedInputs(config, trained, db, issues);
        config.set("train.epochs", std::int64_t{1});
        checkTestedInputs(config, here, db, issues);
        QVERIFY(issues.empty());
    }

    void aCheckpointFileServesAsWell() {
        Config c = shortMlpConfig();
        const std::string file = checkpointOf(m_db, m_noValidation, "last");
        c.set("model.init_from", file);
        const FinishedRun run = trainToEnd(c, m_db);
        QCOMPARE(run.status, RunStatus::Finished);
        QVERIFY(logSays(m_db, run.start.runId,
                        QString::fromStdString("initial weights from checkpoint " + file)));
    }

    void aRunWithoutBestEpochGivesItsLastCheckpoint() {
        Config c = shortMlpConfig();
        c.set("model.init_from", "run:" + std::to_string(m_noValidation));
        const FinishedRun run = trainToEnd(c, m_db);
        QCOMPARE(run.status, RunStatus::Finished);
        QVERIFY(logSays(m_db, run.start.runId,
                        QString("initial weights from run %1's last checkpoint (epoch 1, step 10)")
                            .arg(m_noValidation)));
    }

    /// Without dropout the head moves from layers.3 to layers.2 of the MLP's sequence.
    void notStrictStartsWhatDiffersAfresh() {
        Config c = shortMlpConfig();
        c.set("model.dropout", 0.0);
        c.set("model.init_from", "run:" + std::to_string(m_mlp));
        c.set("model.init_strict", false);
        const FinishedRun run = trainToEnd(c, m_db);
        QCOMPARE(run.status, RunStatus::Finished);
        QVERIFY(logSays(m_db, run.start.runId,
                        "2 of 4; started afresh: layers.2.weight (not there); layers.2.bias (not "
                        "there)"));
    }

    void refusedBeforeAnyRunExists_data() {
        QTest::addColumn<QString>("initFrom");
        QTest::addColumn<QString>("model");
        QTest::addColumn<QString>("expected");
        const auto run = [](std::int64_t id) { return QString("run:%1").arg(id); };
        QTest::newRow("unknown run") << "run:999"
                                     << "mlp"
                                     << "run 999 is not in";
        QTest::newRow("no checkpoints") << run(m_noCheckpoints) << "mlp"
                                        << QString("run %1 saved no checkpoint (train.checkpoints "
                                                   "was off")
                                               .arg(m_noCheckpoints);
        QTest::newRow("no best epoch")
            << run(m_noValidation) + "/best"
            << "mlp" << QString("run %1 saved no best checkpoint").arg(m_noValidation);
        QTest::newRow("files deleted")
            << run(m_filesDeleted) << "mlp" << QString("run %1's checkpoint ").arg(m_filesDeleted);
        QTest::newRow("other sizes")
            << run(m_mlp) << "mlp hidden 32"
            << "does not fit this model: layers.0.weight: [64, 784] there, [32, 784] here; "
               "layers.0.bias: [64] there, [32] here; layers.3.weight: [10, 64] there, [10, 32] "
               "here; start from a run of the same model and sizes, or set model.init_strict "
               "to false";
        QTest::newRow("another model") << run(m_mlp) << "cnn"
                                       << "holds none of the 16 weights of this cnn model";
        QTest::newRow("no such file") << "/nowhere/best.pt"
                                      << "mlp"
                                      << "checkpoint file '/nowhere/best.pt' does not exist";
        QTest::newRow("not a run") << "run:first"
                                   << "mlp"
                                   << "'run:first' is not a run; write run:N";
        QTest::newRow("not a checkpoint") << QString::fromStdString(m_db) << "mlp"
                                          << "cannot be read (";
        QTest::newRow("a test of a file deleted since")
            << "test of a file"
            << "mlp"
            << "trained no epoch: it tested the weights of " + m_dir.filePath("copied.pt") +
                   ", but " + m_dir.filePath("copied.pt") + " is not there any more";
        QTest::newRow("a test on other classes")
            << run(m_mlp) << "mlp tested on digits"
            << QString("run %1's weights give their outputs other classes: class 0 is "
                       "T-shirt/top there, 0 here (10 of 10 differ), so each would be scored "
                       "against another; test on data with the same classes in the same order")
                   .arg(m_mlp);
    }

    void refusedBeforeAnyRunExists() {
        QFETCH(QString, initFrom);
        QFETCH(QString, model);
        QFETCH(QString, expected);
        Config c = shortMlpConfig();
        if (model == "cnn") {
            c = Config(experimentSchema());
            c.set("data.root", std::string(kFashionMnistRoot));
            c.set("model.name", std::string("cnn"));
        } else if (model == "mlp hidden 32") {
            c.set("model.hidden", std::int64_t{32});
        } else if (model == "mlp tested on digits") {
            // Fashion-MNIST's files in a folder of another name: MNIST's classes, 0 to 9.
            const QString digits = m_dir.filePath("digits");
            QVERIFY(QDir().mkpath(digits));
            for (const char* name : {"train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
                                     "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"})
                QFile::link(QString(kFashionMnistRoot) + "/" + name, digits + "/" + name);
            c.set("data.root", digits.toStdString());
            c.set("train.epochs", std::int64_t{0});
        }
        if (initFrom == "test of a file")
            initFrom = QString("run:%1").arg(testOfAFileDeletedSince());
        c.set("model.init_from", initFrom.toStdString());
        const std::size_t before = runCount(m_db);

        const FinishedRun run = trainToEnd(c, m_db);

        QVERIFY(!run.start.started);
        QCOMPARE(run.start.issues.size(), std::size_t{1});
        QCOMPARE(QString::fromStdString(run.start.issues[0].field), QString("model.init_from"));
        const QString message = QString::fromStdString(run.start.issues[0].message);
        QVERIFY2(message.contains(expected), qPrintable(message));
        QCOMPARE(runCount(m_db), before);
    }
};

QTEST_GUILESS_MAIN(TestInitialWeights)
#include "tst_initialweights.moc"
