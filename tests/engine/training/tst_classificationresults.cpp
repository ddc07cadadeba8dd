// A classifier's test pass: macro F1 beside accuracy, and the predictions, labels and
// confusion matrix it saves for the Classes view and for Python, which agree with each other,
// with the test files' labels and with the stored metrics.
#include "../data/ImageFileHelpers.h"
#include "TrainingTestHelpers.h"
#include "engine/data/IdxFile.h"
#include "engine/store/RunStore.h"
#include "engine/training/ClassificationObjective.h"
#include "engine/training/ExperimentSchema.h"
#include "engine/training/RunController.h"
#include "engine/util/ConfusionMatrix.h"
#include "engine/util/NpyFile.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>
#include <algorithm>
#include <fstream>
#include <map>
#include <numeric>
#include <sstream>

using namespace tb::engine;
using namespace tb::test;

namespace {

std::string fileText(const std::string& path) {
    std::ifstream file(path, std::ios::binary);
    std::ostringstream text;
    text << file.rdbuf();
    return text.str();
}

/// The first index of the row's maximum, as torch.argmax has it.
int argmax(const NpyArray& probabilities, std::int64_t row) {
    const auto classes = probabilities.shape[1];
    const float* first = probabilities.values.data() + row * classes;
    return static_cast<int>(std::max_element(first, first + classes) - first);
}

Batch batchOf(const std::vector<std::int64_t>& labels, const std::vector<std::int64_t>& guesses,
              torch::Tensor& logits) {
    const auto n = static_cast<std::int64_t>(labels.size());
    logits = torch::zeros({n, 3});
    for (std::int64_t i = 0; i < n; ++i)
        logits[i][guesses[static_cast<std::size_t>(i)]] = 5.0;
    Batch batch;
    batch.input = torch::zeros({n, 1});
    batch.target = torch::tensor(labels, torch::kInt64);
    return batch;
}

} // namespace

class TestClassificationResults : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void theTestPassSavesPredictionsThatAgreeWithTheMetrics() {
        if (!haveFashionMnist())
            QSKIP("Fashion-MNIST is not installed (apt install dataset-fashion-mnist)");
        QTemporaryDir dir;
        const std::string db = dir.filePath("runs.db").toStdString();
        Config config = quickMlpConfig();
        config.set("train.early_stop.monitor", std::string("val/macro_f1"));
        const FinishedRun run = trainToEnd(config, db);
        QVERIFY2(run.start.started, formatIssues(run.start.issues).c_str());
        QCOMPARE(run.status, RunStatus::Finished);

        const RunStore store = RunStore::open(db, RunStore::Mode::ReadOnly);
        const auto json = store.latestArtifact(run.start.runId, "class_predictions");
        const auto csv = store.latestArtifact(run.start.runId, "confusion");
        QVERIFY(json && csv);
        QFile jsonFile(QString::fromStdString(json->path));
        QVERIFY(jsonFile.open(QIODevice::ReadOnly));
        const QJsonObject description = QJsonDocument::fromJson(jsonFile.readAll()).object();
        QCOMPARE(description["samples"].toInt(), 10000);
        QCOMPARE(description["class_names"].toArray().size(), 10);
        QCOMPARE(description["class_names"].toArray()[0].toString(), QString("T-shirt/top"));
        const std::string images = description["images"].toString().toStdString();
        QCOMPARE(images, std::string(kFashionMnistRoot) + "/t10k-images-idx3-ubyte.gz");

        const std::string folder = QFileInfo(jsonFile).absolutePath().toStdString() + "/";
        const NpyArray probabilities =
            readNpyFile(folder + description["probabilities"].toString().toStdString());
        const NpyArray labels =
            readNpyFile(folder + description["labels"].toString().toStdString());
        QCOMPARE(probabilities.shape, (std::vector<std::int64_t>{10000, 10}));
        QCOMPARE(labels.shape, (std::vector<std::int64_t>{10000}));
        const auto trueLabels =
            readIdxFile(std::string(kFashionMnistRoot) + "/t10k-labels-idx1-ubyte.gz");
        const auto label = trueLabels.accessor<std::uint8_t, 1>();

        const ConfusionMatrix matrix = ConfusionMatrix::fromCsv(fileText(csv->path));
        QCOMPARE(matrix.classNames().at(9), std::string("Ankle boot"));
        QCOMPARE(matrix.total(), std::int64_t{10000});
        std::map<std::pair<int, int>, std::int64_t> counted;
        for (std::int64_t i = 0; i < 10000; ++i) {
            QCOMPARE(labels.values[static_cast<std::size_t>(i)], static_cast<float>(label[i]));
            const float* row = probabilities.values.data() + i * 10;
            QVERIFY(std::abs(std::accumulate(row, row + 10, 0.0) - 1.0) < 1e-5);
            ++counted[{label[i], argmax(probabilities, i)}];
        }
        for (int t = 0; t < 10; ++t)
            for (int p = 0; p < 10; ++p)
                QCOMPARE(matrix.count(t, p), counted[std::make_pair(t, p)]);

        // Every file written is named by the run, so that deleting the run deletes them all.
        QStringList named;
        for (const auto& artifact : store.artifacts(run.start.runId))
            named << QFileInfo(QString::fromStdString(artifact.path)).fileName();
        named.removeDuplicates();
        named.sort();
        QCOMPARE(named, QDir(QString::fromStdString(folder)).entryList(QDir::Files, QDir::Name));

        std::map<std::string, double> metrics;
        for (const auto& m : store.finalMetrics(run.start.runId))
            metrics[m.name] = m.value;
        QCOMPARE(metrics.at("test/accuracy"), matrix.accuracy());
        QCOMPARE(metrics.at("test/macro_f1"), matrix.macroF1());
        QVERIFY2(matrix.macroF1() > 0.7, std::to_string(matrix.macroF1()).c_str());
        const auto valF1 = curve(db, run.start.runId, "val/macro_f1");
        QVERIFY(!valF1.empty());
        QCOMPARE(metrics.at("best/val/macro_f1"), *std::max_element(valF1.begin(), valF1.end()));
    }

    void anEarlyStopMonitorTheTaskLacksIsRefused() {
        Config config = quickMlpConfig();
        config.set("train.early_stop.monitor", std::string("val/mse"));
        const ConfigIssues issues = preflightConfig(config);
        QCOMPARE(issues.size(), std::size_t{1});
        QCOMPARE(issues.front().field, std::string("train.early_stop.monitor"));
        QCOMPARE(issues.front().message,
                 std::string("a classification run reports no val/mse; monitor one of val/loss, "
                             "val/accuracy, val/macro_f1"));
        config.set("train.early_stop.monitor", std::string("val/macro_f1"));
        QVERIFY(preflightConfig(config).empty());
    }

    void anImageFolderTrainsAndNamesItsTestImages() {
        QTemporaryDir dir;
        const QString images = dir.filePath("shapes");
        // Each class its own pattern family, so that a few epochs tell them apart.
        writeClassImages(images, "circle", 24, 12, 0);
        writeClassImages(images, "square", 24, 12, 100);
        writeClassImages(images, "star", 24, 12, 200);
        const std::string db = dir.filePath("runs.db").toStdString();
        Config config = quickFolderConfig(images);
        config.set("data.image_size", std::int64_t{8});
        config.set("data.test_fraction", 0.25);
        const FinishedRun run = trainToEnd(config, db);
        QVERIFY2(run.start.started, formatIssues(run.start.issues).c_str());
        QCOMPARE(run.status, RunStatus::Finished);

        const RunStore store = RunStore::open(db, RunStore::Mode::ReadOnly);
        const auto json = store.latestArtifact(run.start.runId, "class_predictions");
        QVERIFY(json);
        QFile jsonFile(QString::fromStdString(json->path));
        QVERIFY(jsonFile.open(QIODevice::ReadOnly));
        const QJsonObject description = QJsonDocument::fromJson(jsonFile.readAll()).object();
        QCOMPARE(description["samples"].toInt(), 18);
        QCOMPARE(description["images"].toString(), QString());
        const QJsonArray files = description["image_files"].toArray();
        QCOMPARE(files.size(), 18);
        const NpyArray labels =
            readNpyFile(QFileInfo(jsonFile).absolutePath().toStdString() + "/test-labels.npy");
        const QStringList classes{"circle", "square", "star"};
        for (int i = 0; i < files.size(); ++i) {
            // Sample i's file lies in the folder of sample i's label.
            const QString folder = QFileInfo(files[i].toString()).dir().dirName();
            QCOMPARE(folder, classes[int(labels.values[std::size_t(i)])]);
        }
    }

    void anUnusableImageFolderIsRefusedBeforeTheRun() {
        QTemporaryDir dir;
        writeClassImages(dir.filePath("pets"), "cat", 4);
        QDir().mkpath(dir.filePath("pets/dog"));
        const Config config = quickFolderConfig(dir.filePath("pets"));
        const ConfigIssues issues = preflightConfig(config);
        QCOMPARE(issues.size(), std::size_t{1});
        QCOMPARE(issues.front().field, std::string("data.root"));
        QVERIFY2(issues.front().message.find("/pets/dog holds no .png, .jpg or .jpeg images") !=
                     std::string::npos,
                 issues.front().message.c_str());

        // A truncated image is found when the images are decoded, before the run is created.
        writeClassImages(dir.filePath("pets"), "dog", 4);
        truncateFile(dir.filePath("pets/dog/002.png"), 40);
        const std::string db = dir.filePath("runs.db").toStdString();
        const FinishedRun run = trainToEnd(config, db);
        QVERIFY(!run.start.started);
        const std::string message = formatIssues(run.start.issues);
        QVERIFY2(message.find("1 of 8 images cannot be used; replace or delete them:") !=
                         std::string::npos &&
                     message.find("/pets/dog/002.png: cannot read the PNG header") !=
                         std::string::npos,
                 message.c_str());
        QVERIFY(!QFile::exists(QString::fromStdString(db))); // nothing was written
    }

    void aClassNeverClassifiedRightIsAWarning() {
        ClassificationObjective objective(3, {"cat", "dog", "bird"}, {});
        torch::Tensor logits;
        // Both birds are taken for dogs; cats and dogs are right.
        const Batch batch = batchOf({0, 1, 2, 2, 1}, {0, 1, 1, 1, 1}, logits);
        objective.accumulate(logits, batch);
        const auto metrics = objective.summarize("test");
        QCOMPARE(metrics.at(1).name, std::string("test/accuracy"));
        QCOMPARE(metrics.at(1).value, 0.6);
        QCOMPARE(metrics.at(2).name, std::string("test/macro_f1"));
        QCOMPARE(metrics.at(2).value, (1.0 + 2.0 * 2.0 / (2.0 + 4.0) + 0.0) / 3.0);
        const ObjectiveReport report = objective.finish("test", "");
        QCOMPARE(report.warnings.size(), std::size_t{1});
        QCOMPARE(report.warnings.front(),
                 std::string("no test sample of class 'bird' (2 samples, most taken for 'dog') is "
                             "classified right (test accuracy 0.6, macro F1 0.5556); train "
                             "longer, or weigh or resample the classes"));
        QVERIFY(report.artifacts.empty()); // no folder to save them in
    }

    void aValidationPassKeepsNothingForTheTestFiles() {
        ClassificationObjective objective(3, {}, {});
        torch::Tensor logits;
        const Batch batch = batchOf({0, 1, 2}, {0, 1, 1}, logits);
        objective.accumulate(logits, batch);
        objective.summarize("val");
        QTemporaryDir dir;
        const ObjectiveReport report = objective.finish("test", dir.path().toStdString());
        QVERIFY(report.artifacts.empty());
        QVERIFY(report.warnings.empty());
    }
};

QTEST_GUILESS_MAIN(TestClassificationResults)
#include "tst_classificationresults.moc"
