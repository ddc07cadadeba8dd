// A few training steps of a tiny model on cuda:0 through torchDevice(), in float32 and under fp16
// autocast with loss scaling; skips, saying why, where there is no usable CUDA device (labelled
// `gpu`).
#include "engine/devices/DeviceInfo.h"
#include "engine/devices/TorchDevice.h"
#include "engine/training/Autocast.h"
#include "engine/training/GradScaler.h"

#include <QtTest>
#include <limits>
#include <torch/cuda.h>
#include <torch/nn/modules/linear.h>
#include <torch/optim/sgd.h>
#include <torch/types.h>
#include <torch/utils.h>

using namespace tb::engine;

class TestCudaTraining : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init() {
        std::string reason;
        if (!deviceUsable("cuda:0", reason))
            QSKIP(qPrintable("no CUDA device: " + QString::fromStdString(reason)));
    }

    void aTinyModelLearnsOnTheGpu() {
        const c10::Device device = torchDevice("cuda:0");
        torch::manual_seed(7);
        torch::nn::Linear model(8, 1);
        model->to(device);
        torch::optim::SGD optimizer(model->parameters(), torch::optim::SGDOptions(0.1));
        const torch::Tensor x = torch::randn({64, 8}).to(device);
        const torch::Tensor y = x.sum(1, true).to(device);
        float first = 0.0f;
        float last = 0.0f;
        for (int step = 0; step < 50; ++step) {
            optimizer.zero_grad();
            const torch::Tensor loss = torch::mse_loss(model->forward(x), y);
            loss.backward();
            optimizer.step();
            (step == 0 ? first : last) = loss.item<float>();
        }
        QVERIFY(model->weight.device() == device);
        QVERIFY(model->weight.grad().device() == device);
        QVERIFY2(last < first * 0.1f, qPrintable(QString("loss %1 -> %2").arg(first).arg(last)));
        torch::cuda::synchronize();
    }

    void fp16AutocastLearnsWithLossScaling() {
        const c10::Device device = torchDevice("cuda:0");
        torch::manual_seed(7);
        torch::nn::Linear model(8, 1);
        model->to(device);
        torch::optim::SGD optimizer(model->parameters(), torch::optim::SGDOptions(0.1));
        GradScaler scaler;
        const torch::Tensor x = torch::randn({64, 8}).to(device);
        const torch::Tensor y = x.sum(1, true).to(device);
        float first = 0.0f;
        float last = 0.0f;
        for (int step = 0; step < 50; ++step) {
            optimizer.zero_grad();
            torch::Tensor prediction;
            {
                const AutocastScope autocast(device, torch::kHalf);
                prediction = model->forward(x);
                QCOMPARE(prediction.scalar_type(), torch::kHalf);
            }
            const torch::Tensor loss = torch::mse_loss(prediction.to(torch::kFloat), y);
            scaler.scale(loss).backward();
            QVERIFY(scaler.step(optimizer));
            (step == 0 ? first : last) = loss.item<float>();
        }
        QCOMPARE(model->weight.scalar_type(), torch::kFloat);
        QVERIFY2(last < first * 0.1f, qPrintable(QString("loss %1 -> %2").arg(first).arg(last)));

        // The fused unscale kernel finds an overflow: the step is skipped and the scale halves.
        optimizer.zero_grad();
        scaler.scale(torch::mse_loss(model->forward(x), y)).backward();
        model->weight.grad()[0][3].fill_(std::numeric_limits<float>::infinity());
        const torch::Tensor before = model->weight.detach().clone();
        QVERIFY(!scaler.step(optimizer));
        QVERIFY(torch::equal(before, model->weight.detach()));
        QCOMPARE(scaler.currentScale(), 32768.0);
    }
};

QTEST_GUILESS_MAIN(TestCudaTraining)
#include "tst_cudatraining.moc"
