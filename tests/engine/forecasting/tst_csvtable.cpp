// Reading time-series CSVs: the shared files as they are, and one clear error per defect.
#include "ForecastTestHelpers.h"
#include "engine/data/DataError.h"
#include "engine/data/csv/CsvTable.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace tb::engine;
using namespace tb::test;

class TestCsvTable : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void readsEverySharedFileUnchanged_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<qint64>("rows");
        QTest::addColumn<int>("columns");
        QTest::addColumn<QString>("firstDate");
        QTest::addColumn<QString>("lastDate");
        QTest::addColumn<double>("firstOt");
        QTest::newRow("ETTh1") << "ett/ETTh1.csv" << qint64{17420} << 7 << "2016-07-01 00:00:00"
                               << "2018-06-26 19:00:00" << 30.5310001373291;
        QTest::newRow("ETTh2") << "ett/ETTh2.csv" << qint64{17420} << 7 << "2016-07-01 00:00:00"
                               << "2018-06-26 19:00:00" << 38.6619987487793;
        QTest::newRow("ETTm1") << "ett/ETTm1.csv" << qint64{69680} << 7 << "2016-07-01 00:00:00"
                               << "2018-06-26 19:45:00" << 30.5310001373291;
        QTest::newRow("ETTm2") << "ett/ETTm2.csv" << qint64{69680} << 7 << "2016-07-01 00:00:00"
                               << "2018-06-26 19:45:00" << 38.6619987487793;
        QTest::newRow("exchange rate, 1990/1/1 0:00 dates")
            << "other/exchange_rate.csv" << qint64{7588} << 8 << "1990-01-01 00:00:00"
            << "2010-10-10 00:00:00" << 0.593;
        QTest::newRow("ILI, weekly, odd headers")
            << "other/national_illness.csv" << qint64{966} << 7 << "2002-01-01 00:00:00"
            << "2020-06-30 00:00:00" << 176569.0;
    }
    void readsEverySharedFileUnchanged() {
        QFETCH(QString, file);
        QFETCH(qint64, rows);
        QFETCH(int, columns);
        QFETCH(QString, firstDate);
        QFETCH(QString, lastDate);
        QFETCH(double, firstOt);
        const std::string path = sharedDataFile(file.toStdString());
        if (path.empty())
            QSKIP("the shared data files are not beside the repository");
        const CsvTable table = readCsvTable(path);
        QCOMPARE(table.rows(), rows);
        QCOMPARE(static_cast<int>(table.columns.size()), columns);
        QCOMPARE(QString::fromStdString(table.dates.front().toString()), firstDate);
        QCOMPARE(QString::fromStdString(table.dates.back().toString()), lastDate);
        QCOMPARE(table.columns.back(), std::string{"OT"});
        QCOMPARE(table.values.size(), static_cast<std::size_t>(rows * columns));
        QCOMPARE(table.values[static_cast<std::size_t>(columns - 1)], firstOt);
    }

    void keepsTheHeaderNamesAndColumnOrder() {
        const std::string path = sharedDataFile("other/national_illness.csv");
        if (path.empty())
            QSKIP("the shared data files are not beside the repository");
        const CsvTable table = readCsvTable(path);
        QCOMPARE(table.columns.front(), std::string{"% WEIGHTED ILI"});
        QCOMPARE(table.columnIndex("NUM. OF PROVIDERS"), std::int64_t{5});
        QCOMPARE(table.columnIndex("missing"), std::int64_t{-1});
    }

    void acceptsCommonVariationsOfTheFormat() {
        QTemporaryDir dir;
        const std::string text = "\xEF\xBB\xBF"
                                 "\"date\", a ,\"b\"\r\n"
                                 "2020-01-01 00:00,1.5,\"-2\"\r\n"
                                 "\r\n"
                                 "2020-01-01 01:00, +3 ,4e-1\r\n"
                                 "\n";
        const CsvTable table = readCsvTable(writeFile(dir, "variants.csv", text));
        QCOMPARE(table.columns, (std::vector<std::string>{"a", "b"}));
        QCOMPARE(table.rows(), std::int64_t{2});
        QCOMPARE(table.values, (std::vector<double>{1.5, -2.0, 3.0, 0.4}));
    }

    void findsTheDateColumnAnywhere() {
        QTemporaryDir dir;
        const std::string text = "x,Date,y\n1,2020-01-01,2\n3,2020-01-02,4\n";
        const CsvTable table = readCsvTable(writeFile(dir, "middle.csv", text));
        QCOMPARE(table.columns, (std::vector<std::string>{"x", "y"}));
        QCOMPARE(table.values, (std::vector<double>{1, 2, 3, 4}));
    }

    void namesTheLineAndColumnOfEachDefect_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("fragments");
        const QString header = "date,HUFL,OT\n";
        const QString ok1 = "2016-07-01 00:00:00,1.0,2.0\n";
        const QString ok2 = "2016-07-01 01:00:00,1.5,2.5\n";
        QTest::newRow("empty file") << "" << QStringList{"is empty", "header"};
        QTest::newRow("blank lines only") << "\n\n  \n" << QStringList{"is empty"};
        QTest::newRow("header only") << header << QStringList{"no data rows"};
        QTest::newRow("no date column")
            << "time,HUFL,OT\n" + ok1 << QStringList{"line 1", "no 'date' column", "'time'"};
        QTest::newRow("semicolons")
            << "date;HUFL;OT\n2016-07-01 00:00:00;1,0;2,0\n"
            << QStringList{"line 1", "separated by semicolons", "comma-separated"};
        QTest::newRow("tabs") << "date\tHUFL\tOT\n2016-07-01 00:00:00\t1.0\t2.0\n"
                              << QStringList{"line 1", "separated by tabs"};
        QTest::newRow("a workbook")
            << QString::fromLatin1("PK\x03\x04\x14\0\x06\0", 8)
            << QStringList{"zip archive", "Excel", "export the table as CSV"};
        QTest::newRow("binary") << QString::fromLatin1("date,OT\n\0\x01", 10)
                                << QStringList{"binary data (byte 9 is 0)", "not a CSV text file"};
        QTest::newRow("only a date column") << "date\n2016-07-01\n"
                                            << QStringList{"line 1", "numeric column"};
        QTest::newRow("duplicate column")
            << "date,OT,OT\n" + ok1 << QStringList{"line 1", "'OT' appears twice"};
        QTest::newRow("commas at the ends of the lines")
            << "date,HUFL,OT,\n2016-07-01 00:00:00,1.0,2.0,\n"
            << QStringList{"line 1 ends with a comma", "unnamed column 4", "remove the commas"};
        QTest::newRow("unnamed column")
            << "date,,OT\n" + ok1 << QStringList{"line 1", "column 2 has no name"};
        QTest::newRow("non-numeric cell")
            << header + ok1 + "2016-07-01 01:00:00,abc,2.5\n"
            << QStringList{"line 3", "column 'HUFL'", "'abc' is not a number"};
        QTest::newRow("number with a unit")
            << header + ok1 + "2016-07-01 01:00:00,1.5,2.5kV\n"
            << QStringList{"line 3", "column 'OT'", "'2.5kV' is not a number"};
        QTest::newRow("NaN cell") << header + ok1 + "2016-07-01 01:00:00,NaN,2.5\n"
                                  << QStringList{"line 3", "column 'HUFL'", "is NaN"};
        QTest::newRow("nan cell") << header + ok1 + "2016-07-01 01:00:00,1.0,nan\n"
                                  << QStringList{"line 3", "column 'OT'", "is NaN"};
        QTest::newRow("empty cell") << header + ok1 + "2016-07-01 01:00:00,,2.5\n"
                                    << QStringList{"line 3", "column 'HUFL'", "is empty"};
        QTest::newRow("infinite cell") << header + ok1 + "2016-07-01 01:00:00,inf,2.5\n"
                                       << QStringList{"line 3", "column 'HUFL'", "infinite"};
        QTest::newRow("beyond float32")
            << header + ok1 + "2016-07-01 01:00:00,1.5,-1e300\n"
            << QStringList{"line 3", "column 'OT'", "'-1e300'", "beyond the float32 range"};
        QTest::newRow("missing field") << header + ok1 + "2016-07-01 01:00:00,1.5\n"
                                       << QStringList{"line 3", "has 2 fields", "header has 3"};
        QTest::newRow("extra field") << header + ok1 + "2016-07-01 01:00:00,1,2,3\n"
                                     << QStringList{"line 3", "has 4 fields"};
        QTest::newRow("bad date") << header + ok1 + "2016-07-32 00:00:00,1.5,2.5\n"
                                  << QStringList{"line 3", "column 'date'", "is not a date"};
        QTest::newRow("duplicate date")
            << header + ok1 + ok2 + "2016-07-01 01:00:00,1.7,2.7\n"
            << QStringList{"line 4", "column 'date'", "repeats the date of line 3",
                           "remove the duplicate"};
        QTest::newRow("unsorted dates")
            << header + ok2 + ok1
            << QStringList{"line 3", "comes before", "line 2", "sort the rows"};
        QTest::newRow("unsorted after a blank line")
            << header + ok2 + "\n" + ok1 << QStringList{"line 4", "line 2", "sort the rows"};
    }
    void namesTheLineAndColumnOfEachDefect() {
        QFETCH(QString, text);
        QFETCH(QStringList, fragments);
        QTemporaryDir dir;
        const std::string path = writeFile(dir, "bad.csv", text.toStdString());
        try {
            readCsvTable(path);
            QFAIL("the defect was not reported");
        } catch (const DataError& e) {
            const QString message = QString::fromUtf8(e.what());
            QVERIFY2(message.startsWith(QString::fromStdString(path)), qPrintable(message));
            for (const QString& fragment : fragments)
                QVERIFY2(message.contains(fragment), qPrintable(message + " lacks " + fragment));
        }
    }

    void reportsAMissingFile() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("nope.csv").toStdString();
        QVERIFY_EXCEPTION_THROWN(readCsvTable(path), DataError);
        try {
            readCsvTable(path);
        } catch (const DataError& e) {
            QVERIFY(QString(e.what()).contains("cannot open " + QString::fromStdString(path)));
        }
    }
};

QTEST_GUILESS_MAIN(TestCsvTable)
#include "tst_csvtable.moc"
