// readIdxFile: every element type, plain and gzip, and every broken file it must refuse.
#include "DataTestHelpers.h"
#include "engine/data/DataError.h"
#include "engine/data/IdxFile.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

using namespace tb::engine;
using namespace tb::test;

Q_DECLARE_METATYPE(std::vector<double>)

class TestIdxFile : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    std::string path(const char* name) const { return m_dir.filePath(name).toStdString(); }

private Q_SLOTS:
    void readsEveryElementType_data();
    void readsEveryElementType();
    void gzipAndPlainReadTheSame();
    void rejectsBrokenFiles_data();
    void rejectsBrokenFiles();
    void rejectsMissingFileAndFolder();
};

void TestIdxFile::readsEveryElementType_data() {
    QTest::addColumn<int>("type");
    QTest::addColumn<int>("dtype");
    QTest::addColumn<std::vector<double>>("values");
    QTest::addColumn<bool>("gzip");

    const std::vector<std::tuple<const char*, std::uint8_t, torch::ScalarType, std::vector<double>>>
        types{
            {"uint8", kIdxUInt8, torch::kUInt8, {0, 1, 127, 128, 255, 42}},
            {"int8", kIdxInt8, torch::kInt8, {-128, -1, 0, 1, 127, 5}},
            {"int16", kIdxInt16, torch::kInt16, {-32768, -2, 0, 258, 32767, 1000}},
            {"int32", kIdxInt32, torch::kInt32, {-2147483648.0, -70000, 0, 65536, 2147483647, 7}},
            {"float32", kIdxFloat32, torch::kFloat32, {-1.5, 0.25, 0, 3.0e10, -7.125, 1}},
            {"float64", kIdxFloat64, torch::kFloat64, {-1.0e300, 0.1, 0, 2.5, -3.75, 1e-300}},
        };
    for (const auto& [name, type, dtype, values] : types) {
        for (const bool gzip : {false, true}) {
            QTest::addRow("%s %s", name, gzip ? "gzip" : "plain")
                << int(type) << int(dtype) << values << gzip;
        }
    }
}

void TestIdxFile::readsEveryElementType() {
    QFETCH(int, type);
    QFETCH(int, dtype);
    QFETCH(std::vector<double>, values);
    QFETCH(bool, gzip);
    const auto file = m_dir.filePath(QStringLiteral("typed.idx"));
    const auto bytes =
        idxHeader(std::uint8_t(type), {2, 3}) + idxPayload(std::uint8_t(type), values);
    gzip ? writeGzip(file, bytes) : writePlain(file, bytes);

    const auto tensor = readIdxFile(file.toStdString());

    QCOMPARE(int(tensor.scalar_type()), dtype);
    QCOMPARE(tensor.sizes().vec(), (std::vector<std::int64_t>{2, 3}));
    const auto expected = torch::tensor(values, torch::kFloat64).reshape({2, 3});
    QVERIFY(torch::equal(tensor.to(torch::kFloat64),
                         expected.to(tensor.scalar_type()).to(torch::kFloat64)));
}

void TestIdxFile::gzipAndPlainReadTheSame() {
    std::vector<double> pixels;
    for (int i = 0; i < 5 * 7 * 9; ++i) {
        pixels.push_back((i * 13) % 256);
    }
    const auto bytes = idxHeader(kIdxUInt8, {5, 7, 9}) + idxPayload(kIdxUInt8, pixels);
    writePlain(m_dir.filePath("same"), bytes);
    writeGzip(m_dir.filePath("same.gz"), bytes);

    const auto plain = readIdxFile(path("same"));
    const auto compressed = readIdxFile(path("same.gz"));

    QCOMPARE(plain.sizes().vec(), (std::vector<std::int64_t>{5, 7, 9}));
    QVERIFY(torch::equal(plain, compressed));
    QCOMPARE(plain[4][6][8].item<int>(), (314 * 13) % 256);
}

void TestIdxFile::rejectsBrokenFiles_data() {
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("expected");

    const auto header = idxHeader(kIdxUInt8, {10, 10});
    const std::string data(100, '\x07');
    const auto good = header + data;
    const auto row = [](const char* name, const std::string& bytes, const char* expected) {
        QTest::newRow(name) << QByteArray(bytes.data(), int(bytes.size()))
                            << QString::fromLatin1(expected);
    };
    auto corruptGzip = gzipped(good);
    for (std::size_t i = 12; i < corruptGzip.size() - 8; ++i) {
        corruptGzip[i] = static_cast<char>(corruptGzip[i] ^ 0x5a);
    }
    const auto fullGzip = gzipped(good);

    row("empty", "", "is empty");
    row("wrong magic", "\x12\x34\x08\x01" + data, "is not an IDX file (magic 0x12340801");
    row("gzip of a non-IDX file", gzipped("PK\x03\x04 a zip, not IDX"),
        "is not an IDX file (magic 0x504b0304");
    row("unsupported type", idxHeader(0x0A, {4}) + "abcd", "unsupported IDX element type 0x0a");
    row("no dimensions", idxHeader(kIdxUInt8, {}) + "a", "declares no dimensions");
    row("truncated magic", std::string("\0\0", 2),
        "header is truncated (expected 4 header bytes, found 2)");
    row("truncated dimensions", header.substr(0, 10),
        "header is truncated (expected 12 header bytes, found 10)");
    row("truncated data", header + data.substr(0, 40),
        "expected 100 bytes of data, found 40; the file is truncated, download it again");
    row("truncated data in gzip", gzipped(header + data.substr(0, 40)),
        "expected 100 bytes of data, found 40; the file is truncated, download it again");
    row("gzip stream cut short", fullGzip.substr(0, fullGzip.size() - 12), "truncated");
    row("corrupt gzip stream", corruptGzip, "gzip stream is corrupt");
    row("trailing garbage", good + "xyz", "unexpected bytes after the 100 bytes");
    row("trailing garbage in gzip", gzipped(good + "xyz"), "unexpected bytes after the 100 bytes");
    row("overflowing dimensions", idxHeader(kIdxFloat64, {0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF}),
        "over 1 TiB of data; the header is corrupt");
    row("huge dimensions, small file", idxHeader(kIdxUInt8, {60000, 28, 28}) + data,
        "expected 47040000 bytes of data, found 100");
    row("huge dimensions, small gzip", gzipped(idxHeader(kIdxUInt8, {60000, 60000, 28}) + data),
        "more than this");
}

void TestIdxFile::rejectsBrokenFiles() {
    QFETCH(QByteArray, bytes);
    QFETCH(QString, expected);
    const auto file = m_dir.filePath(QStringLiteral("broken-idx1-ubyte"));
    writePlain(file, bytes.toStdString());

    const auto message = dataErrorOf([&] { readIdxFile(file.toStdString()); });

    QVERIFY2(message.contains(expected), qPrintable(message));
    QVERIFY2(message.contains(file), qPrintable(message));
}

void TestIdxFile::rejectsMissingFileAndFolder() {
    const auto missing = dataErrorOf([&] { readIdxFile(path("nowhere.gz")); });
    QVERIFY2(missing.contains("nowhere.gz does not exist"), qPrintable(missing));
    const auto folder = dataErrorOf([&] { readIdxFile(m_dir.path().toStdString()); });
    QVERIFY2(folder.contains("is a folder"), qPrintable(folder));
}

QTEST_GUILESS_MAIN(TestIdxFile)
#include "tst_idxfile.moc"
