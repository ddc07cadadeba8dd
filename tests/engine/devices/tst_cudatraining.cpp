// A few training steps of a tiny model on cuda:0 through torchDevice(); skips, saying why, where
// there is no usable CUDA device (labelled `gpu`).
#include "engine/devices/DeviceInfo.h"
#include "engine/devices/TorchDevice.h"

#include <QtTest>
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
};

QTEST_GUILESS_MAIN(TestCudaTraining)
#include "tst_cudatraining.moc"
