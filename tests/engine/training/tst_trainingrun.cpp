// Real training runs on Fashion-MNIST through the public RunController API.
#include "TrainingTestHelpers.h"
#include "engine/data/InputRecipeFile.h"
#include "engine/devices/DeviceInfo.h"
#include "engine/store/RunStore.h"
#include "engine/training/ExperimentSchema.h"
#include "engine/training/GradientNorm.h"

#include <QTemporaryDir>
#include <QtTest>
#include <dlfcn.h>
#include <filesystem>
#include <fstream>
#include <torch/nn/modules/linear.h>
#include <torch/nn/utils/clip_grad.h>

using namespace tb::engine;
using namespace tb::test;

namespace {

std::string readText(const std::filesystem::path& path) {
    std::ifstream in(path);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

} // namespace

class TestTrainingRun : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init() {
        if (!haveFashionMnist())
            QSKIP("Fashion-MNIST is not installed (apt install dataset-fashion-mnist)");
        QVERIFY(m_dir.isValid());
    }

    void trainingLowersTheLossAndStoresEverything() {
        const std::string db = m_dir.filePath("runs.db").toStdString();
        const FinishedRun run = trainToEnd(quickMlpConfig(), db);
        QVERIFY2(run.start.started, formatIssues(run.start.issues).c_str());
        QCOMPARE(run.status, RunStatus::Finished);

        const auto loss = curve(db, run.start.runId, "train/loss");
        QVERIFY(loss.size() >= 10);
        QVERIFY2(loss.back() < 0.6 * loss.front(), "the training loss did not fall");
        const auto gradNorm = curve(db, run.start.runId, "train/grad_norm");
        // Measured at every logged step; the loss has one more point, the epoch's mean.
        QCOMPARE(gradNorm.size(), loss.size() - 1);
        for (const double norm : gradNorm)
            QVERIFY2(std::isfinite(norm) && norm > 0.0, std::to_string(norm).c_str());

        const RunStore store = RunStore::open(db, RunStore::Mode::ReadOnly);
        const auto record = store.run(run.start.runId);
        QVERIFY(record.has_value());
        QCOMPARE(record->status, RunStatus::Finished);
        QCOMPARE(record->seed, std::int64_t{42});
        QCOMPARE(record->torchVersion, torchVersion());
        QCOMPARE(record->deviceName, listDevices().front().name); // the CPU's model
        QVERIFY(!record->deviceName.empty());
        QVERIFY(!record->configHash.empty());
        QVERIFY(record->configYaml.find("name: mlp") != std::string::npos);
        QVERIFY(!record->finishedAt.empty());

        double testAccuracy = 0.0;
        for (const auto& m : store.finalMetrics(run.start.runId)) {
            if (m.name == "test/accuracy")
                testAccuracy = m.value;
        }
        QVERIFY2(testAccuracy > 0.75, std::to_string(testAccuracy).c_str());
        QVERIFY(!curve(db, run.start.runId, "val/accuracy").empty());

        bool haveBest = false;
        for (const auto& a : store.artifacts(run.start.runId)) {
            QVERIFY2(std::filesystem::exists(a.path), a.path.c_str());
            haveBest = haveBest || a.kind == "best";
        }
        QVERIFY(haveBest);
    }

    void theGradientNormIsTheOneClippingMeasures() {
        torch::nn::Linear layer(3, 2);
        const auto x = torch::randn({5, 3});
        layer->forward(x).square().sum().backward();
        const double ours = gradientNorm(layer->parameters()).item<double>();
        const double clipped = torch::nn::utils::clip_grad_norm_(layer->parameters(), 1e-3);
        QCOMPARE(ours, clipped);
        QVERIFY(ours > 1e-3);
        QCOMPARE(gradientNorm({torch::zeros({2}, torch::requires_grad())}).item<double>(), 0.0);
    }

    void clippedRunsLogTheNormBeforeClipping() {
        const std::string db = m_dir.filePath("clipped.db").toStdString();
        Config config = quickMlpConfig();
        config.set("train.grad_clip", 1e-3);
        config.set("train.max_batches", std::int64_t{40});
        const FinishedRun run = trainToEnd(config, db);
        QCOMPARE(run.status, RunStatus::Finished);
        const auto gradNorm = curve(db, run.start.runId, "train/grad_norm");
        QCOMPARE(gradNorm.size(), std::size_t{4}); // a point every 10 steps
        for (const double norm : gradNorm)
            QVERIFY2(norm > 1e-3, std::to_string(norm).c_str());
    }

    void sameSeedRepeatsBitForBit() {
        const std::string db = m_dir.filePath("repeat.db").toStdString();
        Config config = quickMlpConfig();
        config.set("data.num_workers", std::int64_t{2});
        const FinishedRun first = trainToEnd(config, db);
        config.set("data.num_workers", std::int64_t{0});
        const FinishedRun second = trainToEnd(config, db);
        config.set("seed", std::int64_t{7});
        const FinishedRun other = trainToEnd(config, db);
        QCOMPARE(first.status, RunStatus::Finished);
        QCOMPARE(second.status, RunStatus::Finished);

        const auto a = curve(db, first.start.runId, "train/loss");
        const auto b = curve(db, second.start.runId, "train/loss");
        QVERIFY(!a.empty());
        QCOMPARE(a, b); // exact, not fuzzy: the loader's worker count must not matter
        QCOMPARE(curve(db, first.start.runId, "test/accuracy"),
                 curve(db, second.start.runId, "test/accuracy"));
        QVERIFY(curve(db, other.start.runId, "train/loss") != a);
    }

    void dropLastLeavesOutThePartialBatch() {
        const std::string db = m_dir.filePath("droplast.db").toStdString();
        Config config = quickMlpConfig(); // 54,000 training images in batches of 256
        config.set("train.checkpoints", false);
        const FinishedRun kept = trainToEnd(config, db);
        config.set("train.drop_last", true);
        const FinishedRun dropped = trainToEnd(config, db);
        const RunStore store = RunStore::open(db, RunStore::Mode::ReadOnly);
        const auto stepsOf = [&](const FinishedRun& run) {
            return store.metricSeries(run.start.runId, "epoch/duration_s").at(0).step;
        };
        QCOMPARE(stepsOf(kept), std::int64_t{211});
        QCOMPARE(stepsOf(dropped), std::int64_t{210});
    }

    void aRunLeavesOpenBlasOnTheCallingThreadUnlessTold() {
        const auto parallel =
            reinterpret_cast<int (*)()>(dlsym(RTLD_DEFAULT, "openblas_get_parallel"));
        const auto threads =
            reinterpret_cast<int (*)()>(dlsym(RTLD_DEFAULT, "openblas_get_num_threads"));
        const auto setThreads =
            reinterpret_cast<void (*)(int)>(dlsym(RTLD_DEFAULT, "openblas_set_num_threads"));
        if (!parallel || !threads || !setThreads || parallel() != 1)
            QSKIP("LibTorch's BLAS here is not OpenBLAS with a thread pool of its own");
        Config config = quickMlpConfig();
        config.set("train.max_batches", std::int64_t{5});
        const std::string db = m_dir.filePath("blas.db").toStdString();

        setThreads(2);
        if (threads() != 2)
            QSKIP("OpenBLAS here runs one thread at most (one core)");
        QCOMPARE(trainToEnd(config, db).status, RunStatus::Finished);
        QCOMPARE(threads(), 1);

        setThreads(2);
        qputenv("OPENBLAS_NUM_THREADS", "2"); // the user's choice stands
        const RunStatus told = trainToEnd(config, db).status;
        qunsetenv("OPENBLAS_NUM_THREADS");
        QCOMPARE(told, RunStatus::Finished);
        QCOMPARE(threads(), 2);
    }

    void aNewRunSetsAsideTheFilesADeletedWorkspaceLeftInItsFolder() {
        const std::string db = m_dir.filePath("reused.db").toStdString();
        const std::filesystem::path folder = db + ".artifacts/run-1";
        for (const std::filesystem::path& earlier :
             {folder, std::filesystem::path(folder.string() + ".earlier")}) {
            std::filesystem::create_directories(earlier);
            std::ofstream(earlier / kInputRecipeFile) << "from a workspace deleted since\n";
            std::ofstream(earlier / "test-confusion.csv") << "of a run that is gone\n";
        }
        Config config = quickMlpConfig();
        config.set("train.max_batches", std::int64_t{5});
        const FinishedRun run = trainToEnd(config, db);
        QCOMPARE(run.start.runId, std::int64_t{1});

        const std::filesystem::path aside = folder.string() + ".earlier-2";
        QCOMPARE(readText(aside / kInputRecipeFile),
                 std::string("from a workspace deleted since\n"));
        QCOMPARE(readText(aside / "test-confusion.csv"), std::string("of a run that is gone\n"));
        QCOMPARE(readText(folder.string() + ".earlier/test-confusion.csv"),
                 std::string("of a run that is gone\n"));
        const RunStore store = RunStore::open(db, RunStore::Mode::ReadOnly);
        const auto recipe = store.latestArtifact(run.start.runId, kInputRecipeKind);
        QVERIFY(recipe.has_value());
        QVERIFY(readInputRecipe(recipe->path).task == "classification");
        QVERIFY(readText(folder / "test-confusion.csv") != "of a run that is gone\n");
        bool told = false;
        for (const LogLine& line : store.logs(run.start.runId))
            told = told || line.text.find("kept in " + aside.string()) != std::string::npos;
        QVERIFY2(told, "the run's log does not say where the earlier files went");
    }

private:
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestTrainingRun)
#include "tst_trainingrun.moc"
