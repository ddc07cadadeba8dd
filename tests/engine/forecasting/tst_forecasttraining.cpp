// Forecasting runs end to end through RunController: every model trains, tests and saves.
#include "ForecastTestHelpers.h"
#include "engine/data/csv/CsvSplits.h"
#include "engine/store/RunDeletion.h"
#include "engine/store/RunStore.h"
#include "engine/training/ForecastObjective.h"
#include "engine/training/RunController.h"

#include <QTemporaryDir>
#include <QtTest>
#include <filesystem>
#include <map>
#include <numeric>

using namespace tb::engine;
using namespace tb::test;

namespace {

struct Outcome {
    RunStatus status = RunStatus::Created;
    std::map<std::string, double> metrics;
    std::map<std::string, std::string> artifacts; // kind -> path
    std::vector<LogLine> logs;
};

Outcome train(const Config& config, const std::string& db) {
    RunController controller;
    RunOptions options;
    options.databasePath = db;
    const StartResult started = controller.start(config, options);
    if (!started.started)
        qFatal("the run did not start: %s %s", formatIssues(started.issues).c_str(),
               started.error.c_str());
    Outcome out;
    out.status = controller.wait();
    const RunStore store = RunStore::open(db, RunStore::Mode::ReadOnly);
    for (const auto& m : store.finalMetrics(started.runId))
        out.metrics[m.name] = m.value;
    for (const auto& a : store.artifacts(started.runId))
        out.artifacts[a.kind] = a.path;
    out.logs = store.logs(started.runId);
    return out;
}

/// Test MSE of forecasting the last input value, the bar any trained model must clear.
double repeatLastMse(const Config& config) {
    const DataSplits splits = loadCsvSplits(CsvSplitOptions::fromConfig(config));
    std::vector<std::int64_t> all(static_cast<std::size_t>(splits.test->size()));
    std::iota(all.begin(), all.end(), 0);
    const Batch batch = splits.test->gather(all);
    const auto predLen = config.getInt("data.pred_len");
    ForecastObjective objective(nullptr);
    objective.accumulate(
        batch.input.narrow(1, batch.input.size(1) - 1, 1).expand({-1, predLen, -1}), batch);
    for (const auto& m : objective.summarize("test")) {
        if (m.name == "test/mse")
            return m.value;
    }
    return 0.0;
}

} // namespace

class TestForecastTraining : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void dlinearBeatsRepeatingTheLastValue() {
        QTemporaryDir dir;
        Config c =
            quickForecastConfig(writeFile(dir, "series.csv", syntheticCsv(1200, 3)), "dlinear");
        c.set("train.epochs", std::int64_t{4});
        c.set("optim.name", std::string{"adam"});
        c.set("optim.lr", 0.01);
        c.set("schedule.name", std::string{"halve"});
        c.set("data.num_workers", std::int64_t{2});
        const Outcome run = train(c, dir.filePath("runs.db").toStdString());
        QCOMPARE(run.status, RunStatus::Finished);
        for (const char* name :
             {"test/mse", "test/mae", "test/rmse", "test/mape", "test/mspe", "best/val/loss"})
            QVERIFY2(run.metrics.count(name) == 1, name);
        const double baseline = repeatLastMse(c);
        QVERIFY2(run.metrics.at("test/mse") < 0.5 * baseline,
                 qPrintable(QString("test mse %1, repeating the last value %2")
                                .arg(run.metrics.at("test/mse"))
                                .arg(baseline)));
        QVERIFY(std::abs(run.metrics.at("test/rmse") - std::sqrt(run.metrics.at("test/mse"))) <
                1e-9);
        for (const char* kind : {"best", "predictions", "forecast_values", "forecast_truth",
                                 "forecast_series", "scaler", "horizon_metrics"}) {
            QVERIFY2(run.artifacts.count(kind) == 1, kind);
            QVERIFY2(std::filesystem::exists(run.artifacts.at(kind)),
                     run.artifacts.at(kind).c_str());
        }
        // The run names every file it wrote: deleting it leaves nothing behind.
        const auto folder = std::filesystem::path(run.artifacts.at("predictions")).parent_path();
        RunStore store = RunStore::open(dir.filePath("runs.db").toStdString());
        deleteRuns(store, {store.listRuns().front().run.id});
        QVERIFY2(!std::filesystem::exists(folder), folder.c_str());
        bool described = false;
        for (const auto& line : run.logs)
            described = described || QString::fromStdString(line.text).contains("train / ");
        QVERIFY(described);
    }

    void everyForecastingModelTrains_data() {
        QTest::addColumn<QString>("model");
        QTest::addColumn<QString>("features");
        QTest::newRow("patchtst M") << "patchtst"
                                    << "M";
        QTest::newRow("informer M") << "informer"
                                    << "M";
        QTest::newRow("informer MS") << "informer"
                                     << "MS";
        QTest::newRow("lstm S") << "lstm"
                                << "S";
        QTest::newRow("dlinear MS") << "dlinear"
                                    << "MS";
    }
    void everyForecastingModelTrains() {
        QFETCH(QString, model);
        QFETCH(QString, features);
        QTemporaryDir dir;
        Config c = quickForecastConfig(writeFile(dir, "series.csv", syntheticCsv(400, 3)),
                                       model.toStdString());
        c.set("data.features", features.toStdString());
        if (model == "patchtst" || model == "informer") {
            c.set("model.d_model", std::int64_t{16});
            c.set("model.n_heads", std::int64_t{2});
            c.set("model.d_ff", std::int64_t{32});
        }
        const Outcome run = train(c, dir.filePath("runs.db").toStdString());
        QCOMPARE(run.status, RunStatus::Finished);
        QVERIFY(std::isfinite(run.metrics.at("test/mse")));
        QVERIFY(run.artifacts.count("predictions") == 1);
    }

    void aMalformedCsvStopsTheRunBeforeItStarts() {
        QTemporaryDir dir;
        const std::string path = writeFile(dir, "bad.csv", "date,OT\n2020-01-01,1\n2020-01-01,2\n");
        RunController controller;
        RunOptions options;
        options.databasePath = dir.filePath("runs.db").toStdString();
        const StartResult started = controller.start(quickForecastConfig(path, "dlinear"), options);
        QVERIFY(!started.started);
        QCOMPARE(started.issues.size(), std::size_t{1});
        QCOMPARE(started.issues.front().field, std::string{"data.path"});
        QVERIFY(QString::fromStdString(started.issues.front().message)
                    .contains("repeats the date of line 2"));
    }

    void dropLastMayNotLeaveNoTrainingBatch() {
        QTemporaryDir dir;
        // 140 training rows: 81 windows of 48 + 12, fewer than a batch of 128.
        Config c =
            quickForecastConfig(writeFile(dir, "short.csv", syntheticCsv(200, 2)), "dlinear");
        c.set("train.batch_size", std::int64_t{128});
        c.set("train.drop_last", true);
        const std::string db = dir.filePath("runs.db").toStdString();
        RunController controller;
        RunOptions options;
        options.databasePath = db;
        const StartResult refused = controller.start(c, options);
        QVERIFY(!refused.started);
        QCOMPARE(refused.issues.size(), std::size_t{1});
        QCOMPARE(refused.issues.front().field, std::string{"train.drop_last"});
        QCOMPARE(QString::fromStdString(refused.issues.front().message),
                 QStringLiteral("the training split holds 81 samples, fewer than train.batch_size "
                                "128, and train.drop_last leaves that partial batch out: nothing "
                                "would train; set train.batch_size to 81 or less, or "
                                "train.drop_last to false"));

        // Testing trained weights trains nothing: it needs no training batch.
        c.set("train.drop_last", false);
        QCOMPARE(train(c, db).status, RunStatus::Finished);
        c.set("train.drop_last", true);
        c.set("train.epochs", std::int64_t{0});
        c.set("model.init_from", std::string{"run:1"});
        const Outcome tested = train(c, db);
        QCOMPARE(tested.status, RunStatus::Finished);
        QVERIFY(tested.metrics.count("test/mse") == 1);
    }

    void aForecastingModelRefusesImageData() {
        QTemporaryDir dir;
        Config c = quickForecastConfig(writeFile(dir, "series.csv", syntheticCsv(400, 3)), "mlp");
        RunController controller;
        RunOptions options;
        options.databasePath = dir.filePath("runs.db").toStdString();
        const StartResult started = controller.start(c, options);
        QVERIFY(!started.started);
        QCOMPARE(started.issues.front().field, std::string{"model.name"});
    }
};

QTEST_GUILESS_MAIN(TestForecastTraining)
#include "tst_forecasttraining.moc"
