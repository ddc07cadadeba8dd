// Mixed precision: the autocast scope, the fp16 loss scaler and a bf16 training run.
#include "TrainingTestHelpers.h"
#include "engine/config/ConfigYaml.h"
#include "engine/training/Autocast.h"
#include "engine/training/ExperimentSchema.h"
#include "engine/training/GradScaler.h"
#include "engine/training/MixedPrecision.h"

#include <QTemporaryDir>
#include <QtTest>
#include <limits>
#include <torch/nn/functional/linear.h>
#include <torch/optim/sgd.h>
#include <torch/version.h>

using namespace tb::engine;
using namespace tb::test;

namespace {

torch::Tensor linearOutput() {
    const auto x = torch::ones({2, 4});
    const auto w = torch::ones({3, 4});
    return torch::nn::functional::linear(x, w);
}

/// One weight w = [1, 2] under SGD with lr 1; the loss 3 * sum(w) has gradient [3, 3].
struct OneWeight {
    torch::Tensor w = torch::tensor({1.0F, 2.0F}).requires_grad_(true);
    torch::optim::SGD sgd{std::vector<torch::Tensor>{w}, torch::optim::SGDOptions(1.0)};

    void backward(const GradScaler& scaler) { scaler.scale((w * 3.0).sum()).backward(); }
};

bool hasLog(const std::string& db, std::int64_t runId, const std::string& part) {
    const RunStore store = RunStore::open(db, RunStore::Mode::ReadOnly);
    for (const LogLine& line : store.logs(runId)) {
        if (line.text.find(part) != std::string::npos)
            return true;
    }
    return false;
}

} // namespace

class TestMixedPrecision : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void autocastCastsMatrixProductsWhileInScope() {
        QCOMPARE(linearOutput().scalar_type(), torch::kFloat);
        {
            const AutocastScope outer(torch::kCPU, torch::kBFloat16);
            QCOMPARE(linearOutput().scalar_type(), torch::kBFloat16);
            {
                const AutocastScope inner(torch::kCPU, torch::kBFloat16);
                QCOMPARE(linearOutput().scalar_type(), torch::kBFloat16);
            }
            QCOMPARE(linearOutput().scalar_type(), torch::kBFloat16); // the inner scope restored
        }
        QCOMPARE(linearOutput().scalar_type(), torch::kFloat);
    }

    void autocastNamesWhatThisLibTorchCannotDo() {
        QVERIFY(autocastUnavailableReason(torch::kCPU, torch::kBFloat16).empty());
        QVERIFY(autocastUnavailableReason(torch::Device(torch::kCUDA, 0), torch::kHalf).empty());
#if TORCH_VERSION_MAJOR < 2
        const std::string cpuHalf = autocastUnavailableReason(torch::kCPU, torch::kHalf);
        QVERIFY2(cpuHalf.find("bf16 only") != std::string::npos, cpuHalf.c_str());
        QVERIFY_EXCEPTION_THROWN(AutocastScope(torch::kCPU, torch::kHalf), std::invalid_argument);
        QCOMPARE(linearOutput().scalar_type(), torch::kFloat); // a refused scope changes nothing
#endif
        const std::string npu =
            autocastUnavailableReason(torch::Device(torch::kPrivateUse1, 0), torch::kHalf);
        QVERIFY2(npu.find("no mixed precision on privateuseone:0") != std::string::npos,
                 npu.c_str());
    }

    void scalerStepsWithTheTrueGradient() {
        OneWeight m;
        GradScaler scaler;
        m.backward(scaler);
        QCOMPARE(m.w.grad()[0].item<float>(), 3.0F * 65536.0F); // scaled by the initial scale
        scaler.unscale({m.w});
        QCOMPARE(m.w.grad()[0].item<float>(), 3.0F);
        QVERIFY(scaler.step(m.sgd));
        QCOMPARE(m.w[0].item<float>(), -2.0F);
        QCOMPARE(m.w[1].item<float>(), -1.0F);
        QCOMPARE(scaler.currentScale(), 65536.0);
    }

    void scalerUnscalesWhenStepIsCalledAlone() {
        OneWeight m;
        GradScaler scaler;
        m.backward(scaler);
        QVERIFY(scaler.step(m.sgd));
        QCOMPARE(m.w[0].item<float>(), -2.0F);
    }

    void overflowSkipsTheStepAndHalvesTheScale() {
        OneWeight m;
        GradScaler scaler;
        m.backward(scaler);
        m.w.grad()[1].fill_(std::numeric_limits<float>::infinity());
        QVERIFY(!scaler.step(m.sgd));
        QCOMPARE(m.w[0].item<float>(), 1.0F); // untouched
        QCOMPARE(scaler.currentScale(), 32768.0);

        m.sgd.zero_grad();
        m.backward(scaler);
        m.w.grad()[0].fill_(std::numeric_limits<float>::quiet_NaN());
        QVERIFY(!scaler.step(m.sgd));
        QCOMPARE(scaler.currentScale(), 16384.0);
    }

    void scaleGrowsAfterARunOfGoodSteps() {
        GradScalerOptions options;
        options.initScale = 8.0;
        options.growthInterval = 3;
        OneWeight m;
        GradScaler scaler(options);
        for (int i = 0; i < 2; ++i) {
            m.sgd.zero_grad();
            m.backward(scaler);
            QVERIFY(scaler.step(m.sgd));
        }
        QCOMPARE(scaler.currentScale(), 8.0);
        m.sgd.zero_grad();
        m.backward(scaler);
        QVERIFY(scaler.step(m.sgd));
        QCOMPARE(scaler.currentScale(), 16.0);
    }

    void fp16StepsAreScaledAndSkippedStepsCounted() {
        // Autocast to fp16 needs a GPU; the loss scaling around it runs anywhere.
        MixedPrecision precision("fp16", torch::kCPU);
        QCOMPARE(precision.description(), std::string("fp16 autocast, dynamic loss scaling"));
        OneWeight m;
        precision.backward((m.w * 3.0).sum());
        QCOMPARE(m.w.grad()[0].item<float>(), 3.0F * 65536.0F);
        precision.unscale({m.w});
        QCOMPARE(m.w.grad()[0].item<float>(), 3.0F);
        precision.step(m.sgd);
        QCOMPARE(m.w[0].item<float>(), -2.0F);

        m.sgd.zero_grad();
        precision.backward((m.w * 3.0).sum());
        m.w.grad()[0].fill_(std::numeric_limits<float>::infinity());
        precision.unscale({m.w});
        precision.step(m.sgd);
        QCOMPARE(m.w[0].item<float>(), -2.0F); // skipped
        QCOMPARE(precision.lossScale(), std::optional<double>(32768.0));
        QCOMPARE(precision.takeSkippedSteps(), std::int64_t{1});
        QCOMPARE(precision.takeSkippedSteps(), std::int64_t{0});
    }

    void float32AndBf16TakeNoScale() {
        const MixedPrecision off("off", torch::kCPU);
        QVERIFY(!off.enabled());
        QVERIFY(!off.lossScale());
        const MixedPrecision bf16("bf16", torch::kCPU);
        QCOMPARE(bf16.description(), std::string("bf16 autocast"));
        QVERIFY(!bf16.lossScale());
    }

    void fp16IsRefusedOnTheCpu() {
        Config config(experimentSchema());
        config.set("train.amp", std::string("fp16"));
        const ConfigIssues issues = validateConfig(config);
        QCOMPARE(issues.size(), std::size_t{1});
        QCOMPARE(issues.front().field, std::string("train.amp"));
        QVERIFY2(issues.front().message.find("bf16") != std::string::npos,
                 issues.front().message.c_str());
        config.set("device", std::string("cuda:0"));
        QVERIFY(validateConfig(config).empty());
        config.set("train.amp", std::string("bf16"));
        config.set("device", std::string("cpu"));
        QVERIFY(validateConfig(config).empty());
    }

    void bf16TrainingLearnsLikeFloat32() {
        if (!haveFashionMnist())
            QSKIP("Fashion-MNIST is not installed (apt install dataset-fashion-mnist)");
        QTemporaryDir dir;
        const std::string db = dir.filePath("amp.db").toStdString();
        Config config = quickMlpConfig();
        const FinishedRun full = trainToEnd(config, db);
        config.set("train.amp", std::string("bf16"));
        const FinishedRun mixed = trainToEnd(config, db);
        QVERIFY2(mixed.start.started, formatIssues(mixed.start.issues).c_str());
        QCOMPARE(full.status, RunStatus::Finished);
        QCOMPARE(mixed.status, RunStatus::Finished);

        const auto fullLoss = curve(db, full.start.runId, "train/loss");
        const auto mixedLoss = curve(db, mixed.start.runId, "train/loss");
        QCOMPARE(mixedLoss.size(), fullLoss.size());
        QVERIFY2(mixedLoss != fullLoss, "bf16 gave float32's exact losses: autocast was off");
        QVERIFY2(mixedLoss.back() < 0.6 * mixedLoss.front(), "the bf16 training loss did not fall");
        const double fullAccuracy = curve(db, full.start.runId, "test/accuracy").at(0);
        const double mixedAccuracy = curve(db, mixed.start.runId, "test/accuracy").at(0);
        QVERIFY2(std::abs(mixedAccuracy - fullAccuracy) < 0.02,
                 (std::to_string(mixedAccuracy) + " vs " + std::to_string(fullAccuracy)).c_str());
        QVERIFY(hasLog(db, mixed.start.runId, "mixed precision: bf16 autocast"));
        QVERIFY(curve(db, mixed.start.runId, "train/loss_scale").empty()); // bf16 needs none
    }
};

QTEST_GUILESS_MAIN(TestMixedPrecision)
#include "tst_mixedprecision.moc"
