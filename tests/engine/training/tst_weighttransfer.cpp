// Copying a checkpoint's weights into a model that may differ from the one that saved it:
// what matches by name and shape comes over, the rest stays as it was and is named.
#include "engine/training/Checkpoint.h"
#include "engine/training/WeightTransfer.h"

#include <QStringList>
#include <QTemporaryDir>
#include <QTest>
#include <c10/util/Exception.h>
#include <torch/nn/modules/batchnorm.h>
#include <torch/nn/modules/container/sequential.h>
#include <torch/nn/modules/linear.h>

using namespace tb::engine;

namespace {

torch::nn::Sequential twoLayers(std::int64_t classes) {
    return torch::nn::Sequential(torch::nn::Linear(8, 16), torch::nn::BatchNorm1d(16),
                                 torch::nn::Linear(16, classes));
}

QStringList toQStringList(const std::vector<std::string>& names) {
    QStringList out;
    for (const std::string& name : names)
        out << QString::fromStdString(name);
    return out;
}

} // namespace

class TestWeightTransfer : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    std::string savedModel(const torch::nn::Sequential& model, const char* name) {
        const std::string path = m_dir.filePath(name).toStdString();
        saveCheckpoint(*model, path);
        return path;
    }

private Q_SLOTS:
    void theSameArchitectureComesOverWhole() {
        torch::manual_seed(1);
        auto saved = twoLayers(3);
        saved[1]->as<torch::nn::BatchNorm1d>()->running_mean.fill_(0.5);
        const std::string path = savedModel(saved, "same.pt");
        torch::manual_seed(2);
        auto loaded = twoLayers(3);

        const WeightTransfer transfer = transferWeights(*loaded, path);

        QVERIFY(transfer.complete());
        QCOMPARE(transfer.taken.size(), std::size_t{9}); // 6 parameters, the norm's 3 buffers
        auto savedWeights = saved->named_parameters();
        for (const auto& p : loaded->named_parameters())
            QVERIFY2(torch::equal(p.value(), savedWeights[p.key()]), p.key().c_str());
        QVERIFY(torch::equal(loaded[1]->as<torch::nn::BatchNorm1d>()->running_mean,
                             torch::full({16}, 0.5)));
    }

    void anotherHeadKeepsItsShapeAndIsNamed() {
        torch::manual_seed(1);
        const std::string path = savedModel(twoLayers(3), "three-classes.pt");
        torch::manual_seed(2);
        auto loaded = twoLayers(5);
        const torch::Tensor headBefore = loaded[2]->as<torch::nn::Linear>()->weight.clone();

        const WeightTransfer transfer = transferWeights(*loaded, path);

        QVERIFY(!transfer.complete());
        QCOMPARE(
            toQStringList(transfer.mismatched),
            QStringList({"2.weight: [3, 16] there, [5, 16] here", "2.bias: [3] there, [5] here"}));
        QVERIFY(transfer.absent.empty());
        QVERIFY(torch::equal(loaded[2]->as<torch::nn::Linear>()->weight, headBefore));
        QVERIFY(toQStringList(transfer.taken).contains("0.weight"));
        QVERIFY(toQStringList(transfer.taken).contains("1.running_var"));
    }

    void weightsTheFileLacksAreAbsent() {
        const std::string path =
            savedModel(torch::nn::Sequential(torch::nn::Linear(8, 16)), "one-layer.pt");
        auto loaded = twoLayers(3);

        const WeightTransfer transfer = transferWeights(*loaded, path);

        QCOMPARE(toQStringList(transfer.taken), QStringList({"0.weight", "0.bias"}));
        QVERIFY(toQStringList(transfer.absent).contains("1.running_mean"));
        QVERIFY(toQStringList(transfer.absent).contains("2.weight"));
        QCOMPARE(transfer.absent.size(), std::size_t{7});
    }

    void aFileThatIsNoCheckpointThrows() {
        QFile junk(m_dir.filePath("junk.pt"));
        QVERIFY(junk.open(QIODevice::WriteOnly));
        junk.write("not a checkpoint");
        junk.close();
        auto model = twoLayers(3);
        QVERIFY_THROWS_EXCEPTION(c10::Error,
                                 transferWeights(*model, junk.fileName().toStdString()));
    }
};

QTEST_GUILESS_MAIN(TestWeightTransfer)
#include "tst_weighttransfer.moc"
