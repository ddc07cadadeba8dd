// loadImageFolderSplits: what the model gets from a folder of images (size, colour, scaling,
// labels, the test images' files) and the files it must refuse, all of them at once.
#include "DataTestHelpers.h"
#include "ImageFileHelpers.h"
#include "engine/data/ImageDataset.h"
#include "engine/data/images/ImageFolderSplits.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>
#include <numeric>

using namespace tb::engine;
using namespace tb::test;

class TestImageFolderSplits : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void keepsTheFilesSizeAndScalesToUnitRange();
    void fitsEveryImageToTheSquareAndColour();
    void standardizesEachChannelByTheTrainingImages();
    void namesTheTestImagesInSampleOrder();
    void refusesImagesOfAnotherSizeWithoutImageSize();
    void countsEveryUnreadableFileAndNamesTheFirst();
};

namespace {

ImageFolderSplitOptions optionsFor(const QString& root, int imageSize, int channels = 3) {
    ImageFolderSplitOptions o;
    o.layout = {root.toStdString(), 0.25, 0.25, 5};
    o.imageSize = imageSize;
    o.channels = channels;
    o.normalize = false;
    o.threads = 2;
    return o;
}

/// Sample `index` of `dataset` as the model sees it.
torch::Tensor sample(const Dataset& dataset, std::int64_t index) {
    return dataset.gather({index}).input[0];
}

} // namespace

void TestImageFolderSplits::keepsTheFilesSizeAndScalesToUnitRange() {
    QTemporaryDir dir;
    writeClassImages(dir.path(), "a", 4, 6, 0);
    writeClassImages(dir.path(), "b", 4, 6, 10);
    const DataSplits splits = loadImageFolderSplits(optionsFor(dir.path(), 0));
    QCOMPARE(splits.task, std::string("classification"));
    QCOMPARE(splits.sampleShape, (std::vector<std::int64_t>{3, 6, 6}));
    QCOMPARE(splits.numClasses, std::int64_t{2});
    QCOMPARE(splits.classNames, (std::vector<std::string>{"a", "b"}));
    QCOMPARE(splits.train->size() + splits.val->size() + splits.test->size(), std::int64_t{8});

    // Test sample 0 is one of class a's files: its pixel (x, y, c) over 255, channels first.
    const std::string file = splits.testImages.files.front();
    const int seed = QFileInfo(QString::fromStdString(file)).baseName().toInt();
    const DecodedImage expected = patternImage(6, 6, 3, seed);
    const torch::Tensor got = sample(*splits.test, 0);
    for (int c = 0; c < 3; ++c)
        for (int y = 0; y < 6; ++y)
            for (int x = 0; x < 6; ++x)
                QCOMPARE(got[c][y][x].item<float>(),
                         static_cast<float>(expected.pixels[std::size_t((y * 6 + x) * 3 + c)]) /
                             255.0f);
    QCOMPARE(splits.description, QDir(dir.path()).dirName().toStdString() +
                                     ": 4 train (the class folders) / 2 val (25% held out of the "
                                     "class folders) / 2 test (25% held out of the class "
                                     "folders), 2 classes, 6x6 RGB");
}

void TestImageFolderSplits::fitsEveryImageToTheSquareAndColour() {
    QTemporaryDir dir;
    QDir().mkpath(dir.filePath("wide"));
    QDir().mkpath(dir.filePath("tall"));
    for (int i = 0; i < 3; ++i) {
        writePng(dir.filePath(QString("wide/%1.png").arg(i)), patternImage(40, 20, 3, i));
        writeJpeg(dir.filePath(QString("tall/%1.jpg").arg(i)), patternImage(9, 30, 1, i));
    }
    const DataSplits splits = loadImageFolderSplits(optionsFor(dir.path(), 12, 1));
    QCOMPARE(splits.sampleShape, (std::vector<std::int64_t>{1, 12, 12}));
    QCOMPARE(sample(*splits.train, 0).sizes(), (torch::IntArrayRef{1, 12, 12}));
    QVERIFY(splits.description.find("12x12 gray") != std::string::npos);
}

void TestImageFolderSplits::standardizesEachChannelByTheTrainingImages() {
    QTemporaryDir dir;
    writeClassImages(dir.path(), "a", 8, 10, 0);
    writeClassImages(dir.path(), "b", 8, 10, 50);
    auto options = optionsFor(dir.path(), 0);
    options.normalize = true;
    const DataSplits splits = loadImageFolderSplits(options);
    std::vector<std::int64_t> all(static_cast<std::size_t>(splits.train->size()));
    std::iota(all.begin(), all.end(), 0);
    const torch::Tensor train = splits.train->gather(all).input.to(torch::kFloat64);
    const torch::Tensor mean = train.mean({0, 2, 3});
    const torch::Tensor stdDev = train.std({0, 2, 3}, true);
    for (int c = 0; c < 3; ++c) {
        QVERIFY2(std::abs(mean[c].item<double>()) < 1e-5,
                 qPrintable(QString::number(mean[c].item<double>())));
        QVERIFY2(std::abs(stdDev[c].item<double>() - 1.0) < 1e-5,
                 qPrintable(QString::number(stdDev[c].item<double>())));
    }
}

void TestImageFolderSplits::namesTheTestImagesInSampleOrder() {
    QTemporaryDir dir;
    writeClassImages(dir.filePath("train"), "a", 3, 4, 0);
    writeClassImages(dir.filePath("train"), "b", 3, 4, 3);
    writeClassImages(dir.filePath("test"), "a", 2, 4, 6);
    writeClassImages(dir.filePath("test"), "b", 1, 4, 8);
    const DataSplits splits = loadImageFolderSplits(optionsFor(dir.path(), 0));
    QCOMPARE(splits.testImages.files.size(), std::size_t{3});
    QVERIFY(splits.testImages.idxFile.empty());
    const Batch batch = splits.test->gather({0, 1, 2});
    QCOMPARE(batch.target.sizes(), (torch::IntArrayRef{3}));
    for (std::int64_t i = 0; i < 3; ++i) {
        const QString file = QString::fromStdString(splits.testImages.files[std::size_t(i)]);
        QCOMPARE(QFileInfo(file).dir().dirName().toStdString(),
                 splits.classNames[std::size_t(batch.target[i].item<std::int64_t>())]);
    }
}

void TestImageFolderSplits::refusesImagesOfAnotherSizeWithoutImageSize() {
    QTemporaryDir dir;
    writeClassImages(dir.path(), "a", 3, 8);
    writeClassImages(dir.path(), "b", 3, 8);
    writePng(dir.filePath("b/odd.png"), patternImage(9, 8, 3, 0));
    const QString error = dataErrorOf([&] { loadImageFolderSplits(optionsFor(dir.path(), 0)); });
    QVERIFY2(error.contains("/b/odd.png is 9x8, not 8x8 as the first training image; set "
                            "data.image_size to scale every image to one size"),
             qPrintable(error));
    QVERIFY2(error.startsWith("1 of 7 images cannot be used; replace or delete them:"),
             qPrintable(error));

    QTemporaryDir oblong;
    QDir().mkpath(oblong.filePath("a"));
    QDir().mkpath(oblong.filePath("b"));
    writePng(oblong.filePath("a/0.png"), patternImage(6, 4, 3, 0));
    writePng(oblong.filePath("b/0.png"), patternImage(6, 4, 3, 0));
    const QString oblongError =
        dataErrorOf([&] { loadImageFolderSplits(optionsFor(oblong.path(), 0)); });
    QVERIFY2(oblongError.endsWith("/a/0.png is 6x4; with data.image_size 0 the images must be "
                                  "square and of one size, so set data.image_size (64 scales and "
                                  "centre-crops every image to 64x64)"),
             qPrintable(oblongError));
}

void TestImageFolderSplits::countsEveryUnreadableFileAndNamesTheFirst() {
    QTemporaryDir dir;
    writeClassImages(dir.path(), "a", 10, 8);
    writeClassImages(dir.path(), "b", 10, 8);
    for (int i = 0; i < 7; ++i) {
        const QString file = dir.filePath(QString("b/%1.png").arg(i, 3, 10, QChar('0')));
        truncateFile(file, 30);
    }
    const QString error = dataErrorOf([&] { loadImageFolderSplits(optionsFor(dir.path(), 8)); });
    const QStringList lines = error.split('\n');
    QCOMPARE(lines.size(), 7);
    QCOMPARE(lines[0], QString("7 of 20 images cannot be used; replace or delete them:"));
    QVERIFY2(lines[1].contains("/b/000.png: cannot"), qPrintable(lines[1]));
    QVERIFY(lines[5].contains("/b/004.png: cannot"));
    QCOMPARE(lines[6], QString("  and 2 more"));
}

QTEST_APPLESS_MAIN(TestImageFolderSplits)
#include "tst_imagefoldersplits.moc"
