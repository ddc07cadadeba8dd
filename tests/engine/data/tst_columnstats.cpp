// Column statistics of a CSV table and the lenient reader that lets a table with gaps be seen.
#include "DataTestHelpers.h"
#include "engine/data/csv/ColumnStats.h"
#include "engine/data/csv/CsvTable.h"

#include <QTemporaryDir>
#include <QtTest>
#include <cmath>

using namespace tb::engine;
using namespace tb::test;

namespace {

/// Writes `text` as `name` in `dir` and returns the path.
std::string writeCsv(const QTemporaryDir& dir, const QString& name, const std::string& text) {
    const QString path = dir.filePath(name);
    writePlain(path, text);
    return path.toStdString();
}

// Column a: 1 2 3 6 (mean 3, population variance (4 + 1 + 0 + 9) / 4 = 3.5); b: only 10,
// the other three cells empty, 'abc' and NaN; OT: -2 0 2 4 (mean 1, variance 20 / 4 = 5).
const std::string kGappy = "date,a,b,OT\n"
                           "2020-01-01 00:00,1,10,-2\n"
                           "2020-01-01 01:00,2,,0\n"
                           "2020-01-01 02:00,3,abc,2\n"
                           "2020-01-01 03:00,6,NaN,4\n";

} // namespace

class TestColumnStats : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void computesEachColumnByHand() {
        QTemporaryDir dir;
        const auto stats = columnStats(readCsvTableLenient(writeCsv(dir, "g.csv", kGappy)).table);
        QCOMPARE(stats.size(), std::size_t{3});

        QCOMPARE(stats[0].name, std::string{"a"});
        QCOMPARE(stats[0].count, std::int64_t{4});
        QCOMPARE(stats[0].missing, std::int64_t{0});
        QCOMPARE(stats[0].min, 1.0);
        QCOMPARE(stats[0].max, 6.0);
        QCOMPARE(stats[0].mean, 3.0);
        QCOMPARE(stats[0].stdDev, std::sqrt(3.5));

        QCOMPARE(stats[1].name, std::string{"b"});
        QCOMPARE(stats[1].count, std::int64_t{1});
        QCOMPARE(stats[1].missing, std::int64_t{3});
        QCOMPARE(stats[1].min, 10.0);
        QCOMPARE(stats[1].max, 10.0);
        QCOMPARE(stats[1].mean, 10.0);
        QCOMPARE(stats[1].stdDev, 0.0);

        QCOMPARE(stats[2].min, -2.0);
        QCOMPARE(stats[2].max, 4.0);
        QCOMPARE(stats[2].mean, 1.0);
        QCOMPARE(stats[2].stdDev, std::sqrt(5.0));
    }

    void leavesAColumnWithoutValuesUndefined() {
        QTemporaryDir dir;
        const std::string text = "date,x,y\n2020-01-01,,1\n2020-01-02,nan,2\n";
        const auto stats = columnStats(readCsvTableLenient(writeCsv(dir, "e.csv", text)).table);
        QCOMPARE(stats[0].count, std::int64_t{0});
        QCOMPARE(stats[0].missing, std::int64_t{2});
        QVERIFY(std::isnan(stats[0].min) && std::isnan(stats[0].max));
        QVERIFY(std::isnan(stats[0].mean) && std::isnan(stats[0].stdDev));
        QCOMPARE(stats[1].stdDev, 0.5);
    }

    void keepsThePrecisionOfALargeOffset() {
        // 1e9 + {1, 2, 3}: std sqrt(2/3). Summing squares first loses it to cancellation.
        CsvTable table;
        table.columns = {"x"};
        table.dates.resize(3);
        table.values = {1e9 + 1, 1e9 + 2, 1e9 + 3};
        const auto stats = columnStats(table);
        QCOMPARE(stats[0].mean, 1e9 + 2);
        QCOMPARE(stats[0].stdDev, std::sqrt(2.0 / 3.0));
    }

    void readsBadCellsAsNaNAndListsThem() {
        QTemporaryDir dir;
        const std::string path = writeCsv(dir, "g.csv", kGappy);
        const LenientCsvTable read = readCsvTableLenient(path);
        QCOMPARE(read.table.rows(), std::int64_t{4});
        QCOMPARE(read.problemCount, std::int64_t{3});
        QCOMPARE(read.problems.size(), std::size_t{3});
        const std::vector<std::int64_t> lines{read.problems[0].line, read.problems[1].line,
                                              read.problems[2].line};
        QCOMPARE(lines, (std::vector<std::int64_t>{3, 4, 5}));
        for (const CsvProblem& problem : read.problems)
            QCOMPARE(problem.column, std::string{"b"});
        QVERIFY(read.problems[1].message.find("'abc' is not a number") != std::string::npos);
        QVERIFY(read.problems[2].message.find("is NaN") != std::string::npos);
        // The strict reader stops at the first and says the same.
        QCOMPARE(QString::fromStdString(read.problems[0].message),
                 dataErrorOf([&] { readCsvTable(path); }));
        const std::vector<double>& v = read.table.values;
        QCOMPARE(v[0 * 3 + 1], 10.0);
        QVERIFY(std::isnan(v[1 * 3 + 1]) && std::isnan(v[2 * 3 + 1]) && std::isnan(v[3 * 3 + 1]));
        QCOMPARE(v[3 * 3 + 0], 6.0);
        QCOMPARE(v[3 * 3 + 2], 4.0);
    }

    void keepsTheFirstProblemsAndCountsAll() {
        std::string text = "date,x\n";
        const int rows = static_cast<int>(LenientCsvTable::kMaxProblems) + 50;
        const QDateTime start(QDate(2020, 1, 1), QTime(0, 0), Qt::UTC);
        for (int row = 0; row < rows; ++row)
            text += start.addSecs(3600 * row).toString("yyyy-MM-dd hh:mm").toStdString() + ",\n";
        QTemporaryDir dir;
        const LenientCsvTable read = readCsvTableLenient(writeCsv(dir, "many.csv", text));
        QCOMPARE(read.problemCount, std::int64_t{rows});
        QCOMPARE(read.problems.size(), LenientCsvTable::kMaxProblems);
        QCOMPARE(read.problems.back().line,
                 static_cast<std::int64_t>(LenientCsvTable::kMaxProblems) + 1);
    }

    void stillRefusesWhatIsNoTable_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("fragment");
        const QString header = "date,HUFL,OT\n";
        const QString ok = "2016-07-01 00:00:00,1.0,2.0\n";
        QTest::newRow("empty file") << ""
                                    << "is empty";
        QTest::newRow("header only") << header << "no data rows";
        QTest::newRow("no date column") << "time,HUFL,OT\n" + ok << "no 'date' column";
        QTest::newRow("bad date") << header + ok + "2016-07-32 00:00:00,1.5,2.5\n"
                                  << "is not a date";
        QTest::newRow("missing field") << header + ok + "2016-07-01 01:00:00,1.5\n"
                                       << "has 2 fields";
        QTest::newRow("unsorted dates")
            << header + "2016-07-01 01:00:00,1,2\n" + ok << "sort the rows";
    }
    void stillRefusesWhatIsNoTable() {
        QFETCH(QString, text);
        QFETCH(QString, fragment);
        QTemporaryDir dir;
        const std::string path = writeCsv(dir, "bad.csv", text.toStdString());
        const QString lenient = dataErrorOf([&] { readCsvTableLenient(path); });
        QVERIFY2(lenient.contains(fragment), qPrintable(lenient));
        QCOMPARE(lenient, dataErrorOf([&] { readCsvTable(path); }));
    }
};

QTEST_GUILESS_MAIN(TestColumnStats)
#include "tst_columnstats.moc"
