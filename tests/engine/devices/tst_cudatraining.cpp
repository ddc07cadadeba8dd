// A few training steps of a tiny model on cuda:0 through torchDevice(), in float32 and under fp16
// autocast with loss scaling; skips, saying why, where there is no usable CUDA device (labelled
// `gpu`).
#include "engine/devices/DeviceInfo.h"
#include "engine/devices/TorchDevice.h"
#include "engine/training/Autocast.h"
#include "engine/training/GradScaler.h"

#include <QtTest>
#include <functional>
#include <limits>
#include <torch/cuda.h>
#include <torch/nn/modules/linear.h>
#include <torch/optim/sgd.h>
#include <torch/types.h>
#include <torch/utils.h>

using namespace tb::engine;

namespace {

torch::nn::Linear seededLayer(c10::Device device) {
    torch::manual_seed(7);
    torch::nn::Linear layer(8, 1);
    layer->to(device);
    return layer;
}

/// y = sum(x) over 64 samples of 8 features, learnt by one linear layer with SGD on cuda:0.
struct TinyRegression {
    c10::Device device = torchDevice("cuda:0");
    torch::nn::Linear model = seededLayer(device);
    torch::optim::SGD optimizer{model->parameters(), torch::optim::SGDOptions(0.1)};
    torch::Tensor x = torch::randn({64, 8}).to(device);
    torch::Tensor y = x.sum(1, true);

    /// Runs 50 steps of `step`, which returns its loss; the first loss and the last.
    std::pair<float, float> train(const std::function<torch::Tensor()>& step) {
        float first = 0.0f;
        float last = 0.0f;
        for (int i = 0; i < 50; ++i) {
            optimizer.zero_grad();
            (i == 0 ? first : last) = step().item<float>();
        }
        return {first, last};
    }
};

QString lossFell(const std::pair<float, float>& loss) {
    return QString("loss %1 -> %2").arg(loss.first).arg(loss.second);
}

} // namespace

class TestCudaTraining : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init() {
        std::string reason;
        if (!deviceUsable("cuda:0", reason))
            QSKIP(qPrintable("no CUDA device: " + QString::fromStdString(reason)));
    }

    void aTinyModelLearnsOnTheGpu() {
        TinyRegression r;
        const auto loss = r.train([&] {
            const torch::Tensor l = torch::mse_loss(r.model->forward(r.x), r.y);
            l.backward();
            r.optimizer.step();
            return l;
        });
        QVERIFY(r.model->weight.device() == r.device);
        QVERIFY(r.model->weight.grad().device() == r.device);
        QVERIFY2(loss.second < loss.first * 0.1f, qPrintable(lossFell(loss)));
        torch::cuda::synchronize();
    }

    void fp16AutocastLearnsWithLossScaling() {
        TinyRegression r;
        GradScaler scaler;
        bool everyStepInHalf = true;
        bool everyStepTaken = true;
        const auto loss = r.train([&] {
            torch::Tensor prediction;
            {
                const AutocastScope autocast(r.device, torch::kHalf);
                prediction = r.model->forward(r.x);
            }
            everyStepInHalf = everyStepInHalf && prediction.scalar_type() == torch::kHalf;
            const torch::Tensor l = torch::mse_loss(prediction.to(torch::kFloat), r.y);
            scaler.scale(l).backward();
            everyStepTaken = scaler.step(r.optimizer) && everyStepTaken;
            return l;
        });
        QVERIFY(everyStepInHalf);
        QVERIFY(everyStepTaken);
        QCOMPARE(r.model->weight.scalar_type(), torch::kFloat);
        QVERIFY2(loss.second < loss.first * 0.1f, qPrintable(lossFell(loss)));

        // The fused unscale kernel finds an overflow: the step is skipped and the scale halves.
        r.optimizer.zero_grad();
        scaler.scale(torch::mse_loss(r.model->forward(r.x), r.y)).backward();
        r.model->weight.grad()[0][3].fill_(std::numeric_limits<float>::infinity());
        const torch::Tensor before = r.model->weight.detach().clone();
        QVERIFY(!scaler.step(r.optimizer));
        QVERIFY(torch::equal(before, r.model->weight.detach()));
        QCOMPARE(scaler.currentScale(), 32768.0);
    }
};

QTEST_GUILESS_MAIN(TestCudaTraining)
#include "tst_cudatraining.moc"
