// ResNetClassifier: the same layers and parameter count as the paper's CIFAR ResNets built in
// PyTorch, any image size, and a network that learns.
#include "engine/config/Config.h"
#include "engine/models/ModelRegistry.h"
#include "engine/models/image/ResNetClassifier.h"
#include "engine/training/ExperimentSchema.h"

#include <QTest>
#include <torch/nn/functional/loss.h>
#include <torch/optim/sgd.h>

using namespace tb::engine;

class TestResNetClassifier : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void countsThePapersParameters_data();
    void countsThePapersParameters();
    void takesAnyImageSize();
    void namesItsLayersForCheckpoints();
    void buildsFromAConfigAndLearns();
};

namespace {

std::int64_t parameterCount(torch::nn::Module& module) {
    std::int64_t count = 0;
    for (const auto& p : module.parameters())
        count += p.numel();
    return count;
}

Batch imageBatch(std::int64_t n, std::int64_t channels, std::int64_t height, std::int64_t width) {
    Batch batch;
    batch.input = torch::randn({n, channels, height, width});
    batch.target = torch::zeros({n}, torch::kInt64);
    return batch;
}

} // namespace

void TestResNetClassifier::countsThePapersParameters_data() {
    QTest::addColumn<int>("channels");
    QTest::addColumn<int>("blocks");
    QTest::addColumn<int>("classes");
    QTest::addColumn<qint64>("expected");
    // The same network in PyTorch (torch.nn, /usr/bin/python3): sum(p.numel()).
    QTest::newRow("ResNet-20, RGB, 10 classes") << 3 << 3 << 10 << qint64(272474);
    QTest::newRow("ResNet-32, gray, 10 classes") << 1 << 5 << 10 << qint64(466618);
    QTest::newRow("ResNet-56, RGB, 100 classes") << 3 << 9 << 100 << qint64(861620);
}

void TestResNetClassifier::countsThePapersParameters() {
    QFETCH(int, channels);
    QFETCH(int, blocks);
    QFETCH(int, classes);
    QFETCH(qint64, expected);
    ResNetClassifier model({channels, blocks, 16, classes});
    QCOMPARE(parameterCount(model), expected);
}

void TestResNetClassifier::takesAnyImageSize() {
    ResNetClassifier model({3, 1, 8, 7});
    model.eval();
    for (const auto& [h, w] : {std::pair{32, 32}, {64, 64}, {28, 28}, {33, 47}, {8, 8}})
        QCOMPARE(model.forward(imageBatch(2, 3, h, w)).sizes(), (torch::IntArrayRef{2, 7}));
}

void TestResNetClassifier::namesItsLayersForCheckpoints() {
    ResNetClassifier model({3, 2, 16, 10});
    const auto named = model.named_parameters();
    QVERIFY(named.contains("stem.0.weight"));
    QVERIFY(named.contains("stages.0.residual.0.weight"));
    QVERIFY(named.contains("stages.2.shortcut.0.weight")); // first block of stage 2: 16 -> 32
    QVERIFY(!named.contains("stages.1.shortcut.0.weight"));
    QCOMPARE(named["head.2.weight"].sizes(), (torch::IntArrayRef{10, 64}));
}

void TestResNetClassifier::buildsFromAConfigAndLearns() {
    torch::manual_seed(3);
    Config config(experimentSchema());
    config.set("model.name", std::string("resnet"));
    config.set("model.blocks", std::int64_t{1});
    config.set("model.width", std::int64_t{4});
    DataSplits data;
    data.task = "classification";
    data.sampleShape = {1, 12, 12};
    data.numClasses = 2;
    const auto model = findModelFamily("resnet")->build(config, data);
    // Class 1 is a bright square in the top left corner, class 0 is noise.
    Batch batch = imageBatch(32, 1, 12, 12);
    batch.target = torch::arange(32, torch::kInt64) % 2;
    batch.input.index_put_(
        {batch.target == 1, 0, torch::indexing::Slice(0, 6), torch::indexing::Slice(0, 6)}, 3.0);
    torch::optim::SGD optimizer(model->parameters(), torch::optim::SGDOptions(0.05).momentum(0.9));
    double first = 0.0;
    double last = 0.0;
    for (int step = 0; step < 30; ++step) {
        optimizer.zero_grad();
        const auto loss = torch::nn::functional::cross_entropy(model->forward(batch), batch.target);
        loss.backward();
        optimizer.step();
        (step == 0 ? first : last) = loss.item<double>();
    }
    QVERIFY2(last < 0.2 * first, qPrintable(QString("%1 -> %2").arg(first).arg(last)));
}

QTEST_APPLESS_MAIN(TestResNetClassifier)
#include "tst_resnetclassifier.moc"
