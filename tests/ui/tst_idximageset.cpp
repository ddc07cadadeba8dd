// Reading MNIST-style IDX files for the dataset browser, and what it says about bad ones.
#include "UiTestHelpers.h"
#include "engine/data/images/ImageFile.h"
#include "engine/data/images/ImageResize.h"
#include "ui/dataset/IdxImageSet.h"
#include "ui/dataset/ModelImage.h"

#include <QFile>
#include <QtTest>
#include <sys/resource.h>

using namespace tb::ui;

class TestIdxImageSet : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    static long peakMemoryKb() {
        rusage usage{};
        getrusage(RUSAGE_SELF, &usage);
        return usage.ru_maxrss;
    }

private Q_SLOTS:
    void readsAFolder_data() {
        QTest::addColumn<bool>("gzip");
        QTest::newRow("gzip") << true;
        QTest::newRow("plain") << false;
    }

    void readsAFolder() {
        QFETCH(bool, gzip);
        const QString folder = m_dir.filePath(gzip ? "gz" : "plain");
        tb::test::writeIdxFolder(folder, 30, 12, 10, gzip);
        ImageDataset dataset;
        QString error;
        QVERIFY2(loadIdxFolder(folder, dataset, error), qPrintable(error));
        QCOMPARE(dataset.splits.size(), std::size_t{2});
        QCOMPARE(dataset.splits[0].name, QStringLiteral("train"));
        QCOMPARE(dataset.splits[0].count, qint64{30});
        QCOMPARE(dataset.splits[1].count, qint64{12});
        QCOMPARE(dataset.splits[0].rows, 4);
        QCOMPARE(dataset.splits[0].cols, 3);
        QCOMPARE(dataset.classNames.size(), 10);
        QCOMPARE(dataset.classNames.front(), QStringLiteral("0"));
        QCOMPARE(dataset.splits[0].label(13), 3);
        const QImage image = dataset.splits[0].image(2);
        QCOMPARE(image.size(), QSize(3, 4));
        QCOMPARE(qGray(image.pixel(1, 0)), 3); // pixel p of sample i holds i + p
        QCOMPARE(qGray(image.pixel(2, 3)), 2 + 11);
    }

    void fashionFoldersGetClassNames() {
        const QString folder = m_dir.filePath("my-fashion-mnist");
        tb::test::writeIdxFolder(folder, 20, 10, 10, true);
        ImageDataset dataset;
        QString error;
        QVERIFY(loadIdxFolder(folder, dataset, error));
        QCOMPARE(dataset.title, QStringLiteral("Fashion-MNIST"));
        QCOMPARE(dataset.classNames.at(9), QStringLiteral("Ankle boot"));
    }

    void readsAnImagesFileWithItsLabels() {
        const QString folder = m_dir.filePath("single");
        tb::test::writeIdxFolder(folder, 8, 4, 4, false);
        ImageDataset dataset;
        QString error;
        QVERIFY2(loadIdxImagesFile(folder + "/t10k-images-idx3-ubyte", dataset, error),
                 qPrintable(error));
        QCOMPARE(dataset.splits.size(), std::size_t{1});
        QCOMPARE(dataset.splits[0].count, qint64{4});
        QCOMPARE(dataset.splits[0].labels.size(), std::size_t{4});
        QCOMPARE(dataset.classNames.size(), 4);
    }

    void badFilesAreExplained_data() {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("expected");
        QTest::newRow("not idx") << QByteArray("PK\x03\x04 zip file") << "not an IDX file";
        QTest::newRow("float idx")
            << QByteArray("\x00\x00\x0d\x01\x00\x00\x00\x01", 8) << "IDX type 0x0d";
        QTest::newRow("cut header")
            << QByteArray("\x00\x00\x08\x03\x00\x00", 6) << "ends inside its header";
        QTest::newRow("cut data") << QByteArray("\x00\x00\x08\x01\x00\x00\x00\x10\x01\x02", 10)
                                  << "truncated: expected 16 bytes of data, found 2";
        QTest::newRow("huge header")
            << QByteArray("\x00\x00\x08\x03\x7f\xff\xff\xff\x7f\xff\xff\xff\x00\x00\x00\x10", 16)
            << "header is corrupt";
    }

    void badFilesAreExplained() {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, expected);
        const QString path = m_dir.filePath("bad-images-idx3-ubyte");
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(bytes);
        file.close();
        std::vector<qint64> dims;
        std::vector<std::uint8_t> data;
        QString error;
        QVERIFY(!readIdxBytes(path, dims, data, error));
        QVERIFY2(error.contains(expected), qPrintable(error));
        QVERIFY2(error.contains("bad-images-idx3-ubyte"), qPrintable(error));
    }

    void aCorruptHeaderDoesNotReserveWhatItDeclares() {
        // 1000 x 1000 x 1000 images declared, 4 bytes there: the reader used to allocate 1 GB
        // before it found out. Peak memory tells, with no timing involved.
        const QString path = m_dir.filePath("corrupt-images-idx3-ubyte");
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(QByteArray("\x00\x00\x08\x03\x00\x00\x03\xe8\x00\x00\x03\xe8"
                              "\x00\x00\x03\xe8\x01\x02\x03\x04",
                              20));
        file.close();
        const long peakBeforeKb = peakMemoryKb();
        std::vector<qint64> dims;
        std::vector<std::uint8_t> data;
        QString error;
        QVERIFY(!readIdxBytes(path, dims, data, error));
        QVERIFY2(error.contains("expected 1,000,000,000 bytes of data, found 4"),
                 qPrintable(error));
        QCOMPARE_LT(peakMemoryKb() - peakBeforeKb, 64L * 1024);
    }

    void mismatchedLabelsAreExplained() {
        const QString folder = m_dir.filePath("mismatch");
        tb::test::writeIdxFolder(folder, 10, 5, 2, false);
        tb::test::writeIdx(folder + "/train-labels-idx1-ubyte", {3}, {0, 1, 0});
        ImageDataset dataset;
        QString error;
        QVERIFY(!loadIdxFolder(folder, dataset, error));
        QVERIFY2(error.contains("3 labels") && error.contains("10 images"), qPrintable(error));
    }

    // Predict fits an IDX image to a model of another size as it fits a photo; its thumbnail
    // shows the same pixels.
    void anImageIsFittedToAModelOfAnotherSize() {
        QImage gray(4, 2, QImage::Format_Grayscale8);
        for (int y = 0; y < 2; ++y)
            for (int x = 0; x < 4; ++x)
                gray.setPixel(x, y, qRgb(x * 60, x * 60, x * 60));
        QCOMPARE(fitIdxImage(gray, 0), gray);
        QCOMPARE(fitIdxImage(gray.copy(0, 0, 2, 2), 2), gray.copy(0, 0, 2, 2));

        const QImage fitted = fitIdxImage(gray, 6);
        tb::engine::DecodedImage decoded{4, 2, 1, {}};
        for (int y = 0; y < 2; ++y)
            for (int x = 0; x < 4; ++x)
                decoded.pixels.push_back(static_cast<std::uint8_t>(x * 60));
        const QImage expected = toQImage(tb::engine::fitToSquare(decoded, 6));
        QCOMPARE(fitted.size(), QSize(6, 6));
        QCOMPARE(fitted, expected);
        // The shorter side fills the square: its middle columns, darkest left.
        QVERIFY(qGray(fitted.pixel(0, 3)) < qGray(fitted.pixel(5, 3)));
    }

    void aFolderWithoutIdxFilesIsExplained() {
        ImageDataset dataset;
        QString error;
        QVERIFY(!loadIdxFolder(m_dir.path(), dataset, error));
        QVERIFY2(error.contains("train-images-idx3-ubyte"), qPrintable(error));
        QVERIFY(!loadIdxFolder(m_dir.filePath("missing"), dataset, error));
        QVERIFY2(error.contains("not a folder"), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestIdxImageSet)
#include "tst_idximageset.moc"
