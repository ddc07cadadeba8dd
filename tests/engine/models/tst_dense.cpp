// Dense: the same function, gradients and parameters as torch::nn::Linear on either kernel.
#include "engine/models/layers/Dense.h"

#include <QtTest>
#include <torch/nn/functional/linear.h>
#include <torch/nn/modules/linear.h>

using tb::engine::Dense;

namespace {

/// Forward and backward of `layer` and of F::linear with the same parameters agree.
void expectSameAsLinear(Dense& layer, const torch::Tensor& input) {
    const auto x = input.clone().requires_grad_(true);
    const auto y = layer->forward(x);
    const auto upstream = torch::randn_like(y);
    (y * upstream).sum().backward();

    const auto xRef = input.clone().requires_grad_(true);
    const auto w = layer->weight.detach().clone().requires_grad_(true);
    const auto b = layer->bias.detach().clone().requires_grad_(true);
    const auto yRef = torch::nn::functional::linear(xRef, w, b);
    (yRef * upstream).sum().backward();

    QCOMPARE(y.sizes().vec(), yRef.sizes().vec());
    QVERIFY(torch::allclose(y, yRef, 1e-4, 1e-4));
    QVERIFY(torch::allclose(x.grad(), xRef.grad(), 1e-4, 1e-4));
    QVERIFY(torch::allclose(layer->weight.grad(), w.grad(), 1e-3, 1e-3));
    QVERIFY(torch::allclose(layer->bias.grad(), b.grad(), 1e-3, 1e-3));
}

} // namespace

class TestDense : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void largeProductsRunThroughOneDnnWithLinearsResults() {
        torch::manual_seed(1);
        Dense layer(512, 256);
        const auto x = torch::randn({8, 72, 512}); // 576 rows: 75 M multiply-adds
        if (!at::hasMKLDNN())
            QSKIP("this LibTorch was built without oneDNN");
        QVERIFY(layer->usesOneDnn(x));
        expectSameAsLinear(layer, x);
    }

    void smallProductsKeepLinearsKernel() {
        torch::manual_seed(2);
        Dense layer(16, 8);
        const auto x = torch::randn({4, 16});
        QVERIFY(!layer->usesOneDnn(x));
        expectSameAsLinear(layer, x);
    }

    void otherTypesKeepLinearsKernel() {
        Dense layer(512, 256);
        layer->to(torch::kFloat64);
        QVERIFY(!layer->usesOneDnn(torch::randn({576, 512}, torch::kFloat64)));
    }

    void parametersAreNamedShapedAndInitialisedLikeLinears() {
        Dense layer(300, 40);
        torch::nn::Linear linear(300, 40);
        const auto ours = layer->named_parameters();
        const auto theirs = linear->named_parameters();
        QCOMPARE(ours.keys(), theirs.keys());
        for (const auto& key : ours.keys())
            QCOMPARE(ours[key].sizes().vec(), theirs[key].sizes().vec());
        const double bound = 1.0 / std::sqrt(300.0);
        QVERIFY(layer->weight.abs().max().item<double>() <= bound);
        QVERIFY(layer->bias.abs().max().item<double>() <= bound);
        // Uniform over the whole interval, not a narrower one.
        QVERIFY(layer->weight.abs().max().item<double>() > 0.9 * bound);
    }
};

QTEST_GUILESS_MAIN(TestDense)
#include "tst_dense.moc"
