// .npy files: ours read back, numpy's own files (golden bytes from numpy 1.24's np.save and
// write_array version 2.0) read, and every unreadable file refused with its path and the cause.
#include "engine/util/NpyFile.h"

#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>
#include <stdexcept>

using namespace tb::engine;

Q_DECLARE_METATYPE(std::vector<std::int64_t>)
Q_DECLARE_METATYPE(std::vector<float>)

namespace {

// np.arange(6, dtype='<f4').reshape(2, 3) / 4 and variants, as numpy writes them.
const char kNumpyV1[] =
    "934e554d5059010076007b276465736372273a20273c6634272c2027666f727472616e5f6f72646572273a204661"
    "6c73652c20277368617065273a2028322c2033292c207d2020202020202020202020202020202020202020202020"
    "20202020202020202020202020202020202020202020202020202020202020202020200a000000000000803e0000"
    "003f0000403f0000803f0000a03f";
const char kNumpyV2[] =
    "934e554d50590200740000007b276465736372273a20273c6634272c2027666f727472616e5f6f72646572273a20"
    "46616c73652c20277368617065273a2028322c2033292c207d202020202020202020202020202020202020202020"
    "20202020202020202020202020202020202020202020202020202020202020202020200a000000000000803e0000"
    "003f0000403f0000803f0000a03f";
// np.arange(3, dtype='<f8')
const char kFloat64[] =
    "934e554d5059010076007b276465736372273a20273c6638272c2027666f727472616e5f6f72646572273a204661"
    "6c73652c20277368617065273a2028332c292c207d20202020202020202020202020202020202020202020202020"
    "20202020202020202020202020202020202020202020202020202020202020202020200a00000000000000000000"
    "00000000f03f0000000000000040";
// np.asfortranarray of the first array
const char kFortran[] =
    "934e554d5059010076007b276465736372273a20273c6634272c2027666f727472616e5f6f72646572273a205472"
    "75652c20277368617065273a2028322c2033292c207d202020202020202020202020202020202020202020202020"
    "20202020202020202020202020202020202020202020202020202020202020202020200a000000000000403f0000"
    "803e0000803f0000003f0000a03f";
// np.float32(1.5).reshape(())
const char kScalar[] =
    "934e554d5059010076007b276465736372273a20273c6634272c2027666f727472616e5f6f72646572273a204661"
    "6c73652c20277368617065273a2028292c207d202020202020202020202020202020202020202020202020202020"
    "20202020202020202020202020202020202020202020202020202020202020202020200a0000c03f";

QString writeBytes(const QTemporaryDir& dir, const QString& name, const QByteArray& bytes) {
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

} // namespace

class TestNpyFile : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void readsWhatItWrites() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("a.npy").toStdString();
        std::vector<float> values(24);
        for (std::size_t i = 0; i < values.size(); ++i)
            values[i] = static_cast<float>(i) * 0.5f - 3.0f;
        writeNpyFile(path, {2, 3, 4}, values.data());

        const NpyArray back = readNpyFile(path);
        QCOMPARE(back.shape, (std::vector<std::int64_t>{2, 3, 4}));
        QCOMPARE(back.values, values);
        // numpy and memory-mapping readers want the data 64-byte aligned.
        QCOMPARE(QFileInfo(QString::fromStdString(path)).size(), qint64(128 + 24 * 4));
    }

    void readsNumpysFiles_data() {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<std::vector<std::int64_t>>("shape");
        QTest::addColumn<std::vector<float>>("values");
        const std::vector<float> quarters{0.0f, 0.25f, 0.5f, 0.75f, 1.0f, 1.25f};
        QTest::newRow("version 1.0")
            << QByteArray::fromHex(kNumpyV1) << std::vector<std::int64_t>{2, 3} << quarters;
        QTest::newRow("version 2.0")
            << QByteArray::fromHex(kNumpyV2) << std::vector<std::int64_t>{2, 3} << quarters;
        QTest::newRow("a scalar") << QByteArray::fromHex(kScalar) << std::vector<std::int64_t>{}
                                  << std::vector<float>{1.5f};
    }

    void readsNumpysFiles() {
        QFETCH(QByteArray, bytes);
        QFETCH(std::vector<std::int64_t>, shape);
        QFETCH(std::vector<float>, values);
        QTemporaryDir dir;
        const NpyArray array = readNpyFile(writeBytes(dir, "numpy.npy", bytes).toStdString());
        QCOMPARE(array.shape, shape);
        QCOMPARE(array.values, values);
    }

    void refusesWhatItCannotRead_data() {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("cause");
        QTest::newRow("text") << QByteArray("date,OT\n2016-07-01,1.0\n")
                              << "it is not a NumPy .npy file";
        QTest::newRow("empty") << QByteArray() << "it is not a NumPy .npy file";
        QTest::newRow("float64") << QByteArray::fromHex(kFloat64)
                                 << "it holds '<f8' values where float32 ('<f4') is expected";
        QTest::newRow("Fortran order")
            << QByteArray::fromHex(kFortran) << "it is stored in Fortran order";
        QTest::newRow("data cut short")
            << QByteArray::fromHex(kNumpyV1).chopped(6)
            << "it holds 18 bytes of data where its shape (2, 3) needs 24";
        QTest::newRow("header cut short")
            << QByteArray::fromHex(kNumpyV1).left(40) << "its header is cut short";
        // Refused before anything is allocated: found by tests/fuzz/fuzz_npyfile.
        QTest::newRow("header longer than the file")
            << QByteArray("\x93NUMPY\x02\x00\xff\xff\xff\xff{'descr': '<f4'", 26)
            << "its header is cut short";
        QTest::newRow("shape beyond the data")
            << withShape("(99999, 9), }")
            << "it holds 24 bytes of data where its shape (99999, 9) needs 3599964";
        QTest::newRow("shape past 2^64")
            << withShape("(4294967296, 4294967296), }") << "needs more than 2^64";
        QTest::newRow("size out of range")
            << withShape("(99999999999999999999, 1), }") << "is out of range";
    }

    /// kNumpyV1 with another shape written over its own and the header's padding.
    static QByteArray withShape(const QByteArray& shape) {
        QByteArray npy = QByteArray::fromHex(kNumpyV1);
        return npy.replace(npy.indexOf("(2, 3), }"), shape.size(), shape);
    }

    void refusesWhatItCannotRead() {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, cause);
        QTemporaryDir dir;
        const QString path = writeBytes(dir, "bad.npy", bytes);
        try {
            readNpyFile(path.toStdString());
            QFAIL("read an unreadable file");
        } catch (const std::runtime_error& e) {
            const QString message = QString::fromUtf8(e.what());
            QVERIFY2(message.startsWith(path + " cannot be read"), e.what());
            QVERIFY2(message.contains(cause), e.what());
        }
    }

    void namesAMissingFile() {
        try {
            readNpyFile("/nonexistent/test-predictions.npy");
            QFAIL("read a missing file");
        } catch (const std::runtime_error& e) {
            QVERIFY2(QString(e.what()).contains("/nonexistent/test-predictions.npy"), e.what());
            QVERIFY2(QString(e.what()).contains("No such file or directory"), e.what());
        }
    }
};

QTEST_GUILESS_MAIN(TestNpyFile)
#include "tst_npyfile.moc"
