// IDX splits: sizes, determinism, normalization, broken folders, and the data.kind dispatch.
#include "DataTestHelpers.h"
#include "engine/config/Config.h"
#include "engine/config/Schema.h"
#include "engine/data/DataError.h"
#include "engine/data/IdxSplits.h"
#include "engine/data/ImageDataset.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>
#include <limits>

using namespace tb::engine;
using namespace tb::test;

namespace {

constexpr const char* kFashionMnistDir = "/usr/share/datasets/fashion-mnist";

const ImageDataset& images(const std::shared_ptr<const Dataset>& dataset) {
    return dynamic_cast<const ImageDataset&>(*dataset);
}

/// The sample ids (first pixel, as writeIdxDataset wrote it) of an unnormalized split.
std::vector<std::int64_t> sampleIds(const std::shared_ptr<const Dataset>& dataset) {
    const auto firstPixels = images(dataset).images().select(1, 0).select(1, 0).select(1, 0);
    const auto ids = firstPixels.mul(255).round().to(torch::kInt64).contiguous();
    return {ids.data_ptr<std::int64_t>(), ids.data_ptr<std::int64_t>() + ids.numel()};
}

Schema dataSchema() {
    Schema schema;
    schema.add(FieldSpec{"seed", FieldType::Int, std::int64_t{42}});
    schema.add(FieldSpec{"data.kind", FieldType::String, std::string{"idx"}});
    schema.add(FieldSpec{"data.root", FieldType::Path, std::string{}});
    schema.add(FieldSpec{"data.val_fraction", FieldType::Float, 0.1});
    schema.add(FieldSpec{"data.normalize", FieldType::Bool, true});
    schema.add(FieldSpec{"data.flip", FieldType::Bool, false});
    schema.add(FieldSpec{"data.crop_padding", FieldType::Int, std::int64_t{0}});
    return schema;
}

} // namespace

class TestIdxSplits : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    /// A fresh folder `name` holding a tiny dataset.
    QString dataset(const QString& name, const IdxDatasetSpec& spec = {}) {
        QDir(m_dir.path()).mkpath(name);
        const auto folder = m_dir.filePath(name);
        writeIdxDataset(folder, spec);
        return folder;
    }

    IdxSplitOptions options(const QString& folder, double valFraction = 0.1, bool normalize = false,
                            std::uint64_t seed = 1) {
        IdxSplitOptions o;
        o.root = folder.toStdString();
        o.valFraction = valFraction;
        o.normalize = normalize;
        o.seed = seed;
        return o;
    }

private Q_SLOTS:
    void splitsTrainFilesIntoTrainAndVal();
    void sameSeedSameSplitOtherSeedOtherSplit();
    void normalizesWithTrainStatistics();
    void scalesToUnitRangeWithoutNormalize();
    void zeroValFractionLeavesNoVal();
    void gzipAndPlainFoldersLoadTheSame();
    void namesFashionClasses();
    void rejectsBrokenFolders_data();
    void rejectsBrokenFolders();
    void rejectsBadValFraction_data();
    void rejectsBadValFraction();
    void dispatchesOnDataKind();
    void loadsRealFashionMnist();
};

void TestIdxSplits::splitsTrainFilesIntoTrainAndVal() {
    const auto splits = loadIdxSplits(options(dataset("digits")));

    QCOMPARE(splits.train->size(), 90);
    QCOMPARE(splits.val->size(), 10);
    QCOMPARE(splits.test->size(), 20);
    QCOMPARE(splits.task, std::string("classification"));
    QCOMPARE(splits.sampleShape, (std::vector<std::int64_t>{1, 4, 4}));
    QCOMPARE(splits.numClasses, 10);
    QCOMPARE(splits.classNames.front(), std::string("0"));
    QCOMPARE(splits.classNames.back(), std::string("9"));
    QCOMPARE(splits.description, std::string("MNIST: 90 train / 10 val / 20 test, 4x4"));
    QCOMPARE(images(splits.train).images().sizes().vec(), (std::vector<std::int64_t>{90, 1, 4, 4}));
    QCOMPARE(images(splits.train).labels().scalar_type(), torch::kInt64);

    // Train and val partition the train files, and every label stays with its image.
    auto ids = sampleIds(splits.train);
    const auto valIds = sampleIds(splits.val);
    ids.insert(ids.end(), valIds.begin(), valIds.end());
    std::sort(ids.begin(), ids.end());
    for (std::int64_t i = 0; i < 100; ++i) {
        QCOMPARE(ids[std::size_t(i)], i);
    }
    const auto valLabels = images(splits.val).labels();
    for (std::size_t i = 0; i < valIds.size(); ++i) {
        QCOMPARE(valLabels[std::int64_t(i)].item<std::int64_t>(), valIds[i] % 10);
    }
}

void TestIdxSplits::sameSeedSameSplitOtherSeedOtherSplit() {
    const auto folder = dataset("seeds");

    const auto first = sampleIds(loadIdxSplits(options(folder, 0.1, false, 7)).val);
    const auto again = sampleIds(loadIdxSplits(options(folder, 0.1, false, 7)).val);
    const auto other = sampleIds(loadIdxSplits(options(folder, 0.1, false, 8)).val);

    QCOMPARE(again, first);
    QVERIFY(other != first);
}

void TestIdxSplits::normalizesWithTrainStatistics() {
    const auto folder = dataset("normalized");
    const auto splits = loadIdxSplits(options(folder, 0.2, true));
    const auto raw = loadIdxSplits(options(folder, 0.2, false));

    const auto train = images(splits.train).images();
    QVERIFY(std::abs(train.mean().item<double>()) < 1e-5);
    QVERIFY(std::abs(train.std().item<double>() - 1.0) < 1e-5);
    // Val and test use the train split's statistics, not their own.
    const auto rawTrain = images(raw.train).images();
    const auto mean = rawTrain.mean().item<double>();
    const auto stdDev = rawTrain.std().item<double>();
    const auto expectedTest = (images(raw.test).images() - mean) / stdDev;
    QVERIFY(torch::allclose(images(splits.test).images(), expectedTest, 1e-5, 1e-5));
}

void TestIdxSplits::scalesToUnitRangeWithoutNormalize() {
    const auto splits = loadIdxSplits(options(dataset("scaled")));

    const auto train = images(splits.train).images();
    QCOMPARE(train.min().item<float>(), 0.0f);
    QVERIFY(train.max().item<float>() <= 1.0f);
    QCOMPARE(train.scalar_type(), torch::kFloat32);
}

void TestIdxSplits::zeroValFractionLeavesNoVal() {
    const auto splits = loadIdxSplits(options(dataset("noval"), 0.0));

    QVERIFY(!splits.val);
    QCOMPARE(splits.train->size(), 100);
    QCOMPARE(splits.description, std::string("MNIST: 100 train / 0 val / 20 test, 4x4"));
}

void TestIdxSplits::gzipAndPlainFoldersLoadTheSame() {
    IdxDatasetSpec gzip;
    gzip.gzip = true;
    const auto compressed = loadIdxSplits(options(dataset("gz", gzip), 0.1, true));
    const auto plain = loadIdxSplits(options(dataset("plain"), 0.1, true));

    QVERIFY(torch::equal(images(compressed.train).images(), images(plain.train).images()));
    QVERIFY(torch::equal(images(compressed.val).labels(), images(plain.val).labels()));
    QVERIFY(torch::equal(images(compressed.test).images(), images(plain.test).images()));
}

void TestIdxSplits::namesFashionClasses() {
    const auto splits = loadIdxSplits(options(dataset("My-Fashion-Set") + "/"));

    QCOMPARE(splits.classNames.size(), std::size_t(10));
    QCOMPARE(splits.classNames.front(), std::string("T-shirt/top"));
    QCOMPARE(splits.classNames.back(), std::string("Ankle boot"));
    QVERIFY(QString::fromStdString(splits.description).startsWith("Fashion-MNIST: 90 train"));
}

void TestIdxSplits::rejectsBrokenFolders_data() {
    QTest::addColumn<QString>("folder");
    QTest::addColumn<QStringList>("expected");

    const auto fix = QStringLiteral("install the Debian package dataset-fashion-mnist or point "
                                    "data.root at a folder holding train-images-idx3-ubyte(.gz)");
    QTest::newRow("missing folder")
        << m_dir.filePath("absent") << QStringList{"absent' does not exist", fix};
    QFile aFile(m_dir.filePath("a-file"));
    QVERIFY(aFile.open(QIODevice::WriteOnly));
    QTest::newRow("a file") << m_dir.filePath("a-file")
                            << QStringList{"a-file' is not a folder", fix};
    QTest::newRow("empty root") << QString() << QStringList{"data.root is empty", fix};

    const auto partial = dataset("partial");
    QFile::remove(partial + "/t10k-images-idx3-ubyte");
    QFile::remove(partial + "/t10k-labels-idx1-ubyte");
    QTest::newRow("missing files")
        << partial
        << QStringList{"lacks t10k-images-idx3-ubyte(.gz), t10k-labels-idx1-ubyte(.gz)", fix};

    const auto mismatched = dataset("mismatched");
    writePlain(mismatched + "/train-labels-idx1-ubyte",
               idxHeader(kIdxUInt8, {99}) + std::string(99, '\1'));
    QTest::newRow("count mismatch")
        << mismatched
        << QStringList{"holds 99 labels but train-images-idx3-ubyte holds 100 images"};

    const auto negative = dataset("negative");
    writePlain(negative + "/t10k-labels-idx1-ubyte",
               idxHeader(kIdxInt8, {20}) + std::string(5, '\1') + '\xff' + std::string(14, '\1'));
    QTest::newRow("negative label") << negative << QStringList{"label -1 at index 5 is negative"};

    const auto floats = dataset("floats");
    writePlain(floats + "/t10k-labels-idx1-ubyte",
               idxHeader(kIdxFloat32, {20}) +
                   idxPayload(kIdxFloat32, std::vector<double>(20, 1.0)));
    QTest::newRow("float labels") << floats << QStringList{"not integer labels"};

    const auto sizes = dataset("sizes");
    IdxDatasetSpec bigger;
    bigger.side = 5;
    QDir(m_dir.path()).mkpath("bigger");
    writeIdxDataset(m_dir.filePath("bigger"), bigger);
    QFile::remove(sizes + "/t10k-images-idx3-ubyte");
    QFile::copy(m_dir.filePath("bigger/t10k-images-idx3-ubyte"), sizes + "/t10k-images-idx3-ubyte");
    QTest::newRow("image size mismatch") << sizes << QStringList{"holds 5x5 images but"};

    const auto truncated = dataset("truncated");
    writePlain(truncated + "/train-images-idx3-ubyte",
               idxHeader(kIdxUInt8, {100, 4, 4}) + std::string(1024, '\0'));
    QTest::newRow("truncated images")
        << truncated
        << QStringList{"expected 1600 bytes of data, found 1024; the file is truncated"};
}

void TestIdxSplits::rejectsBrokenFolders() {
    QFETCH(QString, folder);
    QFETCH(QStringList, expected);

    const auto message = dataErrorOf([&] { loadIdxSplits(options(folder)); });

    for (const auto& words : expected) {
        QVERIFY2(message.contains(words), qPrintable(message));
    }
}

void TestIdxSplits::rejectsBadValFraction_data() {
    QTest::addColumn<double>("valFraction");
    QTest::newRow("one") << 1.0;
    QTest::newRow("negative") << -0.1;
    QTest::newRow("nan") << std::numeric_limits<double>::quiet_NaN();
    QTest::newRow("leaves no train") << 0.999;
}

void TestIdxSplits::rejectsBadValFraction() {
    QFETCH(double, valFraction);
    const auto folder = m_dir.filePath("fractions");
    if (!QDir(folder).exists()) {
        dataset("fractions");
    }

    const auto message = dataErrorOf([&] { loadIdxSplits(options(folder, valFraction)); });

    QVERIFY2(message.contains("data.val_fraction"), qPrintable(message));
}

void TestIdxSplits::dispatchesOnDataKind() {
    const auto schema = dataSchema();
    Config config(schema);
    config.set("data.root", dataset("dispatch").toStdString());
    config.set("data.val_fraction", 0.25);
    config.set("data.normalize", false);

    const auto splits = loadDataSplits(config);
    QCOMPARE(splits.val->size(), 25);
    QCOMPARE(sampleIds(splits.val),
             sampleIds(loadIdxSplits(options(QString::fromStdString(config.getString("data.root")),
                                             0.25, false, 42))
                           .val));
    QVERIFY(!splits.trainTransform);
    config.set("data.flip", true);
    QVERIFY(loadDataSplits(config).trainTransform); // training batches only

    config.set("data.kind", std::string("parquet"));
    const auto message = dataErrorOf([&] { loadDataSplits(config); });
    QVERIFY2(message.contains("unknown data.kind 'parquet'"), qPrintable(message));
}

void TestIdxSplits::loadsRealFashionMnist() {
    if (!QDir(kFashionMnistDir).exists()) {
        QSKIP("/usr/share/datasets/fashion-mnist is absent (Debian package dataset-fashion-mnist)");
    }
    const auto splits = loadIdxSplits(options(kFashionMnistDir, 0.1, true, 42));

    QCOMPARE(splits.train->size() + splits.val->size(), 60000);
    QCOMPARE(splits.val->size(), 6000);
    QCOMPARE(splits.test->size(), 10000);
    QCOMPARE(splits.description,
             std::string("Fashion-MNIST: 54000 train / 6000 val / 10000 test, 28x28"));
    QCOMPARE(splits.numClasses, 10);
    QCOMPARE(splits.classNames.at(9), std::string("Ankle boot"));
    QCOMPARE(images(splits.test).images().sizes().vec(),
             (std::vector<std::int64_t>{10000, 1, 28, 28}));
    const auto testLabels = images(splits.test).labels();
    QCOMPARE(testLabels.bincount().min().item<std::int64_t>(), 1000); // 1000 of each class
    QVERIFY(std::abs(images(splits.train).images().mean().item<double>()) < 1e-4);
}

QTEST_GUILESS_MAIN(TestIdxSplits)
#include "tst_idxsplits.moc"
