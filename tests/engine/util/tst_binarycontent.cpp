// A binary file picked where text belongs is named for what it is, before any parser reads it.
#include "engine/util/BinaryContent.h"

#include <QTest>

using namespace tb::engine;
using namespace std::string_literals;

class TestBinaryContent : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void namesTheKindsPeoplePickByMistake_data() {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("kind");
        QTest::newRow("xlsx") << QByteArray("PK\x03\x04\x14\x00\x06\x00", 8)
                              << "a zip archive (an Excel .xlsx workbook is one)";
        QTest::newRow("xls") << QByteArray("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00", 9)
                             << "an Office document (an Excel .xls workbook is one)";
        QTest::newRow("csv.gz") << QByteArray("\x1F\x8B\x08\x00\x00\x00", 6)
                                << "gzip-compressed data";
        QTest::newRow("parquet") << QByteArray("PAR1\x15\x00", 6) << "a Parquet file";
        QTest::newRow("npy") << QByteArray("\x93NUMPY\x01\x00", 8) << "a NumPy array file";
        QTest::newRow("other") << QByteArray("\x89PNG\r\n\x1A\n\x00\x00", 10)
                               << "binary data (byte 9 is 0)";
    }
    void namesTheKindsPeoplePickByMistake() {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, kind);
        QCOMPARE(QString::fromStdString(binaryContentKind(bytes.toStdString())), kind);
    }

    void textIsNotBinary_data() {
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("csv") << QByteArray("date,OT\n2016-07-01 00:00:00,30.5\n");
        QTest::newRow("latin-1 header") << QByteArray("date,temp \xB0"
                                                      "C\n");
        QTest::newRow("zip signature without a 0") << QByteArray("PK\x03\x04 is a note\n");
    }
    void textIsNotBinary() {
        QFETCH(QByteArray, bytes);
        QCOMPARE(binaryContentKind(bytes.toStdString()), std::string());
    }

    void onlyTheStartIsSearched() {
        const std::string text = std::string(std::size_t{64} << 10, 'a') + '\0';
        QCOMPARE(binaryContentKind(text), std::string());
        QCOMPARE(binaryContentKind(text.substr(1)), "binary data (byte 65536 is 0)"s);
    }
};

QTEST_GUILESS_MAIN(TestBinaryContent)
#include "tst_binarycontent.moc"
