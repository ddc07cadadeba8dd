// readImageFile and fitToSquare: PNG and JPEG in gray, RGB and with transparency, every broken
// file they must refuse, and scaling that matches LibTorch's antialiased bilinear.
#include "DataTestHelpers.h"
#include "ImageFileHelpers.h"
#include "engine/data/images/ImageFile.h"
#include "engine/data/images/ImageResize.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <torch/nn/functional/upsampling.h>
#include <zlib.h>

using namespace tb::engine;
using namespace tb::test;

class TestImageFile : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString path(const char* name) const { return m_dir.filePath(name); }

private Q_SLOTS:
    void readsPngExactly();
    void convertsBetweenGrayAndRgb();
    void compositesTransparencyOnBlack();
    void readsJpegWithinItsLoss();
    void tellsFormatsBySignatureNotName();
    void decodesLargeJpegsSmallerWhenAllowed();
    void refusesBrokenFiles();
    void refusesHugeDeclaredSizeBeforeDecoding();
    void namesImageFiles();
    void fitKeepsASquareOfItsSize();
    void fitMatchesLibTorchAntialiasedBilinear_data();
    void fitMatchesLibTorchAntialiasedBilinear();
};

void TestImageFile::readsPngExactly() {
    for (const int channels : {1, 3}) {
        const DecodedImage written = patternImage(7, 5, channels, channels);
        writePng(path("exact.png"), written);
        const DecodedImage read = readImageFile(path("exact.png").toStdString(), channels);
        QCOMPARE(read.width, 7);
        QCOMPARE(read.height, 5);
        QCOMPARE(read.channels, channels);
        QVERIFY(read.pixels == written.pixels);
    }
}

void TestImageFile::convertsBetweenGrayAndRgb() {
    DecodedImage rgb{2, 1, 3, {255, 255, 255, 0, 0, 0}};
    writePng(path("bw.png"), rgb);
    const DecodedImage gray = readImageFile(path("bw.png").toStdString(), 1);
    QCOMPARE(gray.pixels, (std::vector<std::uint8_t>{255, 0}));

    // PIL's luma, from a PNG and from a JPEG alike: (20, 110, 100) is 82.
    DecodedImage teal{8, 8, 3, {}};
    for (int i = 0; i < 64; ++i)
        teal.pixels.insert(teal.pixels.end(), {20, 110, 100});
    writePng(path("teal.png"), teal);
    writeJpeg(path("teal.jpg"), teal);
    QCOMPARE(int(readImageFile(path("teal.png").toStdString(), 1).pixels[0]), 82);
    QVERIFY(std::abs(int(readImageFile(path("teal.jpg").toStdString(), 1).pixels[0]) - 82) <= 2);

    writePng(path("gray.png"), DecodedImage{2, 1, 1, {200, 10}});
    const DecodedImage spread = readImageFile(path("gray.png").toStdString(), 3);
    QCOMPARE(spread.pixels, (std::vector<std::uint8_t>{200, 200, 200, 10, 10, 10}));
}

void TestImageFile::compositesTransparencyOnBlack() {
    writePng(path("alpha.png"), DecodedImage{2, 1, 4, {255, 0, 0, 255, 255, 0, 0, 0}});
    const DecodedImage read = readImageFile(path("alpha.png").toStdString(), 3);
    QCOMPARE(read.pixels, (std::vector<std::uint8_t>{255, 0, 0, 0, 0, 0}));
}

void TestImageFile::readsJpegWithinItsLoss() {
    // Flat colours survive JPEG's quantization almost untouched.
    DecodedImage flat{16, 16, 3, {}};
    for (int i = 0; i < 256; ++i)
        flat.pixels.insert(flat.pixels.end(), {200, 40, 90});
    writeJpeg(path("flat.jpg"), flat);
    const DecodedImage read = readImageFile(path("flat.jpg").toStdString(), 3);
    QCOMPARE(read.width, 16);
    for (std::size_t i = 0; i < read.pixels.size(); ++i)
        QVERIFY2(
            std::abs(int(read.pixels[i]) - int(flat.pixels[i])) <= 3,
            qPrintable(
                QString("byte %1: %2 against %3").arg(i).arg(read.pixels[i]).arg(flat.pixels[i])));
    writeJpeg(path("gray.jpg"), DecodedImage{8, 8, 1, std::vector<std::uint8_t>(64, 77)});
    const DecodedImage spread = readImageFile(path("gray.jpg").toStdString(), 3);
    QCOMPARE(spread.channels, 3);
    QVERIFY(std::abs(int(spread.pixels[0]) - 77) <= 1);
    QCOMPARE(spread.pixels[0], spread.pixels[2]);
}

void TestImageFile::tellsFormatsBySignatureNotName() {
    writePng(path("really-a-png.jpg"), patternImage(3, 3, 3, 1));
    QCOMPARE(readImageFile(path("really-a-png.jpg").toStdString(), 3).pixels,
             patternImage(3, 3, 3, 1).pixels);
}

void TestImageFile::decodesLargeJpegsSmallerWhenAllowed() {
    // A smooth 400x300 photo-like gradient.
    DecodedImage photo{400, 300, 3, {}};
    for (int y = 0; y < 300; ++y)
        for (int x = 0; x < 400; ++x)
            photo.pixels.insert(photo.pixels.end(),
                                {std::uint8_t(x * 255 / 399), std::uint8_t(y * 255 / 299),
                                 std::uint8_t((x + y) * 255 / 698)});
    writeJpeg(path("photo.jpg"), photo);
    writePng(path("photo.png"), photo);
    const std::string jpeg = path("photo.jpg").toStdString();
    const DecodedImage quarter = readImageFile(jpeg, 3, 64);
    QCOMPARE(quarter.width, 100); // an eighth would leave 38 rows, fewer than 64
    QCOMPARE(quarter.height, 75);
    const DecodedImage half = readImageFile(jpeg, 3, 80);
    QCOMPARE(half.width, 200);
    QCOMPARE(readImageFile(jpeg, 3, 300).width, 400);
    QCOMPARE(readImageFile(path("photo.png").toStdString(), 3, 64).width, 400); // PNG: no DCT

    // Fitted to the square, the quick decode shows what the whole one does.
    const DecodedImage whole = fitToSquare(readImageFile(jpeg, 3), 64);
    const DecodedImage quick = fitToSquare(quarter, 64);
    double difference = 0.0;
    for (std::size_t i = 0; i < whole.pixels.size(); ++i)
        difference += std::abs(int(whole.pixels[i]) - int(quick.pixels[i]));
    difference /= double(whole.pixels.size());
    QVERIFY2(difference < 1.5, qPrintable(QString("mean difference %1").arg(difference)));
}

void TestImageFile::refusesBrokenFiles() {
    const auto errorOf = [this](const char* name) {
        return dataErrorOf([&] { readImageFile(path(name).toStdString(), 3); });
    };
    writePng(path("cut.png"), patternImage(64, 64, 3, 2));
    truncateFile(path("cut.png"), QFile(path("cut.png")).size() / 2);
    QVERIFY2(errorOf("cut.png").contains("cut.png: cannot decode the PNG"),
             qPrintable(errorOf("cut.png")));
    QVERIFY(errorOf("cut.png").contains("truncated or corrupt, replace it"));

    writeJpeg(path("cut.jpg"), patternImage(64, 64, 3, 2));
    truncateFile(path("cut.jpg"), QFile(path("cut.jpg")).size() / 2);
    QVERIFY2(errorOf("cut.jpg").endsWith("cut.jpg: the JPEG data ends early; the file is "
                                         "truncated, replace it"),
             qPrintable(errorOf("cut.jpg")));

    writePng(path("header.png"), patternImage(4, 4, 3, 2));
    truncateFile(path("header.png"), 20);
    QVERIFY2(errorOf("header.png").contains("cannot read the PNG header"),
             qPrintable(errorOf("header.png")));

    writeJpeg(path("cmyk.jpg"), patternImage(8, 8, 4, 3));
    QVERIFY2(errorOf("cmyk.jpg")
                 .endsWith("cmyk.jpg is a CMYK JPEG; save it as RGB (or grayscale) "
                           "to train on it"),
             qPrintable(errorOf("cmyk.jpg")));

    writePlain(path("empty.png"), "");
    QVERIFY(errorOf("empty.png").endsWith("empty.png is empty (0 bytes); replace it or delete it"));
    writePlain(path("notes.png"), "these are my notes");
    QVERIFY(errorOf("notes.png")
                .endsWith("notes.png is neither a PNG nor a JPEG image; convert it or delete it"));
    QVERIFY(errorOf("missing.png").contains("missing.png cannot be read: "));
}

void TestImageFile::refusesHugeDeclaredSizeBeforeDecoding() {
    // A PNG header declaring 20000 x 20000 pixels and no pixel data: 1.2 GB if it were believed.
    writePng(path("bomb.png"), patternImage(1, 1, 1, 0));
    QFile file(path("bomb.png"));
    QVERIFY(file.open(QIODevice::ReadWrite));
    QByteArray bytes = file.readAll();
    const auto be32 = [&](int at, quint32 v) {
        for (int i = 0; i < 4; ++i)
            bytes[at + i] = char((v >> (24 - 8 * i)) & 0xFF);
    };
    be32(16, 20000);
    be32(20, 20000);
    // The IHDR chunk's CRC covers its type and data (bytes 12..28).
    const QByteArray header = bytes.mid(12, 17);
    be32(29, quint32(crc32(0, reinterpret_cast<const Bytef*>(header.constData()),
                           static_cast<uInt>(header.size()))));
    file.seek(0);
    file.write(bytes);
    file.close();
    const QString error = dataErrorOf([&] { readImageFile(path("bomb.png").toStdString(), 3); });
    QVERIFY2(
        error.endsWith("bomb.png is 20000x20000 pixels, over the 100-megapixel limit; scale it "
                       "down before training"),
        qPrintable(error));
}

void TestImageFile::namesImageFiles() {
    QVERIFY(isImageFileName("a/b.png"));
    QVERIFY(isImageFileName("a/b.JPG"));
    QVERIFY(isImageFileName("b.jpeg"));
    QVERIFY(!isImageFileName("b.gif"));
    QVERIFY(!isImageFileName("png"));
    QVERIFY(!isImageFileName("labels.txt"));
}

void TestImageFile::fitKeepsASquareOfItsSize() {
    const DecodedImage image = patternImage(9, 9, 3, 4);
    QVERIFY(fitToSquare(image, 9).pixels == image.pixels);
    const DecodedImage flat{30, 20, 1, std::vector<std::uint8_t>(600, 123)};
    const DecodedImage fitted = fitToSquare(flat, 7);
    QCOMPARE(fitted.width, 7);
    QCOMPARE(fitted.height, 7);
    QVERIFY(fitted.pixels == std::vector<std::uint8_t>(49, 123));
}

void TestImageFile::fitMatchesLibTorchAntialiasedBilinear_data() {
    QTest::addColumn<int>("width");
    QTest::addColumn<int>("height");
    QTest::addColumn<int>("side");
    QTest::newRow("shrink wide") << 61 << 23 << 16;
    QTest::newRow("shrink tall") << 20 << 50 << 9;
    QTest::newRow("enlarge") << 7 << 5 << 12;
}

/// torchvision's Resize(side) + CenterCrop(side), as LibTorch computes the scaling.
void TestImageFile::fitMatchesLibTorchAntialiasedBilinear() {
    QFETCH(int, width);
    QFETCH(int, height);
    QFETCH(int, side);
    const DecodedImage image = patternImage(width, height, 3, 5);
    const DecodedImage fitted = fitToSquare(image, side);

    const bool wide = width >= height;
    const int longer = int(side * double(wide ? width : height) / (wide ? height : width));
    const int scaledW = wide ? longer : side;
    const int scaledH = wide ? side : longer;
    namespace F = torch::nn::functional;
    const auto input = torch::from_blob(const_cast<std::uint8_t*>(image.pixels.data()),
                                        {height, width, 3}, torch::kUInt8)
                           .permute({2, 0, 1})
                           .unsqueeze(0)
                           .to(torch::kFloat64);
    const auto scaled = F::interpolate(input, F::InterpolateFuncOptions()
                                                  .size(std::vector<int64_t>{scaledH, scaledW})
                                                  .mode(torch::kBilinear)
                                                  .align_corners(false)
                                                  .antialias(true));
    const int top = int(std::lround((scaledH - side) / 2.0));
    const int left = int(std::lround((scaledW - side) / 2.0));
    const auto expected = scaled[0]
                              .slice(1, top, top + side)
                              .slice(2, left, left + side)
                              .permute({1, 2, 0})
                              .round()
                              .clamp(0, 255)
                              .to(torch::kUInt8)
                              .contiguous();
    const auto ours = torch::from_blob(const_cast<std::uint8_t*>(fitted.pixels.data()),
                                       {side, side, 3}, torch::kUInt8);
    const auto diff = (ours.to(torch::kInt32) - expected.to(torch::kInt32)).abs().max().item<int>();
    QVERIFY2(diff <= 1, qPrintable(QString("largest difference %1").arg(diff)));
}

QTEST_APPLESS_MAIN(TestImageFile)
#include "tst_imagefile.moc"
