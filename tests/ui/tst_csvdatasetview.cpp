// The dataset browser on CSV tables: rows, column statistics, a column over time with the
// train / validation / test split, and files with gaps or defects.
#include "UiTestHelpers.h"
#include "ui/config/ConfigDocument.h"
#include "ui/dataset/ColumnStatsModel.h"
#include "ui/dataset/CsvColumnPlot.h"
#include "ui/dataset/CsvDatasetView.h"
#include "ui/dataset/CsvRowsModel.h"
#include "ui/dataset/DatasetBrowser.h"
#include "ui/dataset/SplitBar.h"

#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QLocale>
#include <QSignalSpy>
#include <QTableView>
#include <QtTest>
#include <memory>

using namespace tb::ui;

namespace {

/// `rows` rows `stepS` seconds apart from 2020-01-01: a = row, b = 100 + 2 row,
/// OT = 10 (row % 7).
QString seriesCsv(int rows, qint64 stepS) {
    QString text = QStringLiteral("date,a,b,OT\n");
    const QDateTime start(QDate(2020, 1, 1), QTime(0, 0), Qt::UTC);
    for (int row = 0; row < rows; ++row)
        text += QStringLiteral("%1,%2,%3,%4\n")
                    .arg(start.addSecs(stepS * row).toString(QStringLiteral("yyyy-MM-dd hh:mm:ss")))
                    .arg(row)
                    .arg(100 + 2 * row)
                    .arg(10 * (row % 7));
    return text;
}

/// `Train 0-70; Validation 70-80; ...` in the view's order.
QString regionsText(const std::vector<CsvSplitRegion>& regions) {
    QStringList parts;
    for (const CsvSplitRegion& r : regions)
        parts << QStringLiteral("%1 %2-%3").arg(r.label).arg(r.beginRow).arg(r.endRow);
    return parts.join(QStringLiteral("; "));
}

QString cell(const QAbstractItemModel& model, int row, int column) {
    return model.data(model.index(row, column), Qt::DisplayRole).toString();
}

/// A browser over a csv config, shown and loaded.
struct Shown {
    ConfigDocument document;
    std::unique_ptr<DatasetBrowser> browser;

    bool open(const QString& path, const QString& split = QStringLiteral("ratio"),
              qint64 seqLen = 10, qint64 predLen = 5) {
        document.setValue("data.kind", std::string("csv"));
        document.setValue("data.path", path.toStdString());
        document.setValue("data.split", split.toStdString());
        document.setValue("data.seq_len", std::int64_t{seqLen});
        document.setValue("data.label_len", std::int64_t{0});
        document.setValue("data.pred_len", std::int64_t{predLen});
        browser = std::make_unique<DatasetBrowser>(document);
        QSignalSpy loaded(browser.get(), &DatasetBrowser::loadFinished);
        browser->resize(1200, 400);
        browser->show();
        return loaded.wait(20000);
    }
    CsvDatasetView& view() const { return *browser->csvView(); }
};

} // namespace

class TestCsvDatasetView : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase() {
        tb::test::useTemporarySettings(m_dir);
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    }

    void showsTheRowsAndStatisticsOfTheConfiguredFile() {
        const QString path = m_dir.filePath("small.csv");
        QVERIFY(tb::test::writeText(path, "date,HUFL,OT\n"
                                          "2016-07-01 00:00:00,1.5,10\n"
                                          "2016-07-01 01:00:00,2.5,20\n"
                                          "2016-07-01 02:00:00,4.0,30\n"));
        Shown shown;
        QVERIFY(shown.open(path));
        CsvDatasetView& view = shown.view();
        QVERIFY(view.isVisible());
        QCOMPARE(shown.browser->statusText(), QStringLiteral("small.csv: 3 rows \u00d7 2 columns"));
        QVERIFY2(view.title().contains("3 rows \u00d7 2 columns") &&
                     view.title().contains("2016-07-01 00:00:00 to 2016-07-01 02:00:00, hourly"),
                 qPrintable(view.title()));

        const CsvRowsModel& rows = *view.rows();
        QCOMPARE(rows.rowCount(), 3);
        QCOMPARE(rows.columnCount(), 3);
        QCOMPARE(rows.headerData(1, Qt::Horizontal, Qt::DisplayRole).toString(), "HUFL");
        QCOMPARE(cell(rows, 0, 0), "2016-07-01 00:00:00");
        QCOMPARE(cell(rows, 2, 1), "4");
        QCOMPARE(cell(rows, 1, 2), "20");

        // HUFL: mean 8/3, population variance (49 + 1 + 64) / 36 / 3; OT: 20 and 200 / 3.
        const ColumnStatsModel& stats = *view.stats();
        QCOMPARE(stats.rowCount(), 2);
        QCOMPARE(cell(stats, 0, ColumnStatsModel::Name), "HUFL");
        QCOMPARE(cell(stats, 0, ColumnStatsModel::Min), "1.5");
        QCOMPARE(cell(stats, 0, ColumnStatsModel::Max), "4");
        QCOMPARE(cell(stats, 0, ColumnStatsModel::Mean), "2.66667");
        QCOMPARE(cell(stats, 0, ColumnStatsModel::Std), "1.0274");
        QCOMPARE(cell(stats, 1, ColumnStatsModel::Mean), "20");
        QCOMPARE(cell(stats, 1, ColumnStatsModel::Std), "8.16497");
        QCOMPARE(cell(stats, 1, ColumnStatsModel::Missing), "0");
        QVERIFY(stats.headerData(ColumnStatsModel::Std, Qt::Horizontal, Qt::ToolTipRole)
                    .toString()
                    .contains("Population"));
        // The plot starts on the target.
        QCOMPARE(view.columnChooser()->currentText(), "OT");
        QCOMPARE(view.plot()->columnName(), "OT");
    }

    void shadesTheSplitAsTheEngineCutsIt_data() {
        QTest::addColumn<int>("rows");
        QTest::addColumn<qint64>("stepS");
        QTest::addColumn<QString>("split");
        QTest::addColumn<qint64>("seqLen");
        QTest::addColumn<qint64>("predLen");
        QTest::addColumn<QString>("regions");
        QTest::addColumn<QString>("bar");
        QTest::addColumn<QString>("problem");
        // ratio: 70% train, the last 20% test; val and test read seq_len rows before them.
        QTest::newRow("ratio") << 100 << qint64{3600} << "ratio" << qint64{10} << qint64{5}
                               << "Train 0-70; Validation 70-80; Test 80-100; "
                                  "Validation look-back 60-70; Test look-back 70-80"
                               << "Train 70 \u00b7 Validation 10 \u00b7 Test 20"
                               << "";
        // ett on daily rows: months of 30 rows, borders at 12, 16 and 20 months.
        QTest::newRow("ett, daily") << 700 << qint64{86400} << "ett" << qint64{20} << qint64{5}
                                    << "Train 0-360; Validation 360-480; Test 480-600; "
                                       "Unused 600-700; Validation look-back 340-360; "
                                       "Test look-back 460-480"
                                    << "Train 360 \u00b7 Validation 120 \u00b7 Test 120 \u00b7 "
                                       "Unused 100"
                                    << "";
        QTest::newRow("ett, rows 7 h apart")
            << 100 << qint64{7 * 3600} << "ett" << qint64{10} << qint64{5} << ""
            << ""
            << "data.split: 'ett' needs evenly spaced rows that divide a day";
        // Validation forecasts 10 rows: too few for a horizon of 15.
        QTest::newRow("ratio, pred_len longer than validation")
            << 100 << qint64{3600} << "ratio" << qint64{10} << qint64{15}
            << "Train 0-70; Validation 70-80; Test 80-100; "
               "Validation look-back 60-70; Test look-back 70-80"
            << "Train 70 \u00b7 Validation 10 \u00b7 Test 20"
            << "data.seq_len: the validation split";
    }
    void shadesTheSplitAsTheEngineCutsIt() {
        QFETCH(int, rows);
        QFETCH(qint64, stepS);
        QFETCH(QString, split);
        QFETCH(qint64, seqLen);
        QFETCH(qint64, predLen);
        QFETCH(QString, regions);
        QFETCH(QString, bar);
        QFETCH(QString, problem);
        const QString path =
            m_dir.filePath(QStringLiteral("split-%1.csv").arg(QTest::currentDataTag()));
        QVERIFY(tb::test::writeText(path, seriesCsv(rows, stepS).toUtf8()));
        Shown shown;
        QVERIFY(shown.open(path, split, seqLen, predLen));
        QCOMPARE(regionsText(shown.view().splitRegions()), regions);
        QCOMPARE(shown.view().findChild<SplitBar*>()->summary(), bar);
        if (problem.isEmpty())
            QCOMPARE(shown.view().splitProblem(), QString());
        else
            QVERIFY2(shown.view().splitProblem().startsWith(problem),
                     qPrintable(shown.view().splitProblem()));
    }

    void followsTheConfigSplitWithoutReading() {
        const QString path = m_dir.filePath("follow.csv");
        QVERIFY(tb::test::writeText(path, seriesCsv(700, 86400).toUtf8()));
        Shown shown;
        QVERIFY(shown.open(path, "ratio", 20));
        // 700 x 0.7 is 489.99999999999994 in doubles: the engine (and Python's int()) take 489.
        QCOMPARE(shown.view().splitRegions().front().endRow, qint64{489});
        QSignalSpy loaded(shown.browser.get(), &DatasetBrowser::loadFinished);
        shown.document.setValue("data.split", std::string("ett"));
        QCOMPARE(shown.view().splitRegions().front().endRow, qint64{360});
        shown.document.setValue("data.seq_len", std::int64_t{30});
        QCOMPARE(shown.view().splitRegions()[4].beginRow, qint64{330});
        QTest::qWait(600); // past the config debounce: the file is not read again
        QCOMPARE(loaded.count(), 0);
    }

    void changingTheColumnReplots() {
        const QString path = m_dir.filePath("columns.csv");
        QVERIFY(tb::test::writeText(path, seriesCsv(50, 3600).toUtf8()));
        Shown shown;
        QVERIFY(shown.open(path));
        CsvDatasetView& view = shown.view();
        CsvColumnPlot& plot = *view.plot();
        QCOMPARE(plot.columnName(), "OT");
        QCOMPARE(plot.plottedPoints()[1].y(), 10.0);

        view.columnChooser()->setCurrentIndex(view.columnChooser()->findText("b"));
        QCOMPARE(plot.columnName(), "b");
        QCOMPARE(plot.plottedPoints()[1].y(), 102.0);
        QCOMPARE(plot.plottedPointCount(), 50);
        QCOMPARE(view.statsView()->currentIndex().row(), 1);

        // Picking a column in the statistics picks it for the plot too.
        view.statsView()->setCurrentIndex(view.stats()->index(0, 0));
        QCOMPARE(view.columnChooser()->currentText(), "a");
        QCOMPARE(plot.plottedPoints()[1].y(), 1.0);
    }

    void reducesALongFileToItsPixelsKeepingTheExtremes() {
        const QString path = QStringLiteral(TB_SHARED_DATA_DIR "/ett/ETTh1.csv");
        if (!QFile::exists(path))
            QSKIP("the shared ETT files are not beside the repository");
        Shown shown;
        QVERIFY(shown.open(path, "ett", 336, 96));
        CsvDatasetView& view = shown.view();
        QVERIFY2(view.title().contains("17,420 rows \u00d7 7 columns") &&
                     view.title().endsWith("hourly"),
                 qPrintable(view.title()));
        QCOMPARE(regionsText(view.splitRegions()),
                 "Train 0-8640; Validation 8640-11520; Test 11520-14400; Unused 14400-17420; "
                 "Validation look-back 8304-8640; Test look-back 11184-11520");
        QCOMPARE(view.splitProblem(), QString());

        const CsvColumnPlot& plot = *view.plot();
        QCOMPARE(plot.columnName(), "OT");
        const int widthPx = std::max(plot.width(), 100);
        QVERIFY2(plot.plottedPointCount() <= 4 * widthPx + 2,
                 qPrintable(QString::number(plot.plottedPointCount())));
        double low = 1e300;
        double high = -1e300;
        for (const QPointF& point : plot.plottedPoints()) {
            low = std::min(low, point.y());
            high = std::max(high, point.y());
        }
        // Every pixel column keeps its minimum and maximum, so the file's do too.
        const int ot = view.stats()->rowCount() - 1;
        QCOMPARE(QString::number(low, 'g', 6), cell(*view.stats(), ot, ColumnStatsModel::Min));
        QCOMPARE(QString::number(high, 'g', 6), cell(*view.stats(), ot, ColumnStatsModel::Max));
    }

    void showsAFileWithGapsAndSaysWhyTrainingRefusesIt() {
        const QString path = m_dir.filePath("gaps.csv");
        QVERIFY(tb::test::writeText(path, "date,HUFL,OT\n"
                                          "2016-07-01 00:00:00,1,10\n"
                                          "2016-07-01 01:00:00,,20\n"
                                          "2016-07-01 02:00:00,abc,NaN\n"
                                          "2016-07-01 03:00:00,4,40\n"));
        Shown shown;
        QVERIFY(shown.open(path));
        CsvDatasetView& view = shown.view();
        QVERIFY(view.isVisible());
        const QString status = shown.browser->statusText();
        for (const char* fragment : {"Training would refuse gaps.csv", "3 cells are missing",
                                     "line 3, column 'HUFL' is empty", "fill the gap"})
            QVERIFY2(status.contains(QLatin1String(fragment)), qPrintable(status));
        QCOMPARE(cell(*view.stats(), 0, ColumnStatsModel::Missing), "2");
        QCOMPARE(cell(*view.stats(), 1, ColumnStatsModel::Missing), "1");
        QCOMPARE(cell(*view.stats(), 0, ColumnStatsModel::Mean), "2.5");
        QCOMPARE(cell(*view.rows(), 1, 1), "NaN");
        QCOMPARE(cell(*view.rows(), 2, 2), "NaN");
        QCOMPARE(cell(*view.rows(), 3, 1), "4");
        // The plot draws the values it has and skips the gap.
        QCOMPARE(view.plot()->plottedPointCount(), 3);
    }

    void explainsAFileItCannotShow_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("fragments");
        const QString header = "date,HUFL,OT\n";
        const QString ok = "2016-07-01 00:00:00,1.0,2.0\n";
        QTest::newRow("empty file") << "" << QStringList{"is empty"};
        QTest::newRow("header only") << header << QStringList{"no data rows", "add rows"};
        QTest::newRow("no date column")
            << "time,HUFL,OT\n" + ok << QStringList{"line 1", "no 'date' column", "'time'"};
        QTest::newRow("bad date") << header + ok + "2016-07-32 00:00:00,1.5,2.5\n"
                                  << QStringList{"line 3", "column 'date'", "is not a date"};
        QTest::newRow("missing field") << header + ok + "2016-07-01 01:00:00,1.5\n"
                                       << QStringList{"line 3", "has 2 fields"};
    }
    void explainsAFileItCannotShow() {
        QFETCH(QString, text);
        QFETCH(QStringList, fragments);
        const QString path =
            m_dir.filePath(QStringLiteral("bad-%1.csv").arg(QTest::currentDataTag()));
        QVERIFY(tb::test::writeText(path, text.toUtf8()));
        Shown shown;
        QVERIFY(shown.open(path));
        QVERIFY(!shown.view().isVisible());
        const QString status = shown.browser->statusText();
        QVERIFY2(status.startsWith(path), qPrintable(status));
        for (const QString& fragment : fragments)
            QVERIFY2(status.contains(fragment), qPrintable(status + " lacks " + fragment));
    }

    void opensACsvByHand() {
        const QString path = m_dir.filePath("byhand.csv");
        QVERIFY(tb::test::writeText(path, seriesCsv(20, 60).toUtf8()));
        ConfigDocument document;
        document.setValue("data.root", m_dir.filePath("absent").toStdString());
        DatasetBrowser browser(document);
        QSignalSpy loaded(&browser, &DatasetBrowser::loadFinished);
        browser.show();
        QVERIFY(loaded.wait(10000));
        browser.openPath(path);
        QTRY_COMPARE(browser.csvView()->rows()->rowCount(), 20);
        QVERIFY(browser.csvView()->isVisible());
        QVERIFY2(browser.csvView()->title().endsWith("every minute"),
                 qPrintable(browser.csvView()->title()));
    }

    void readsARelativeDataPathFromTheWorkingFolder() {
        QVERIFY(tb::test::writeText(m_dir.filePath("relative.csv"), seriesCsv(10, 3600).toUtf8()));
        const QString previous = QDir::currentPath();
        QVERIFY(QDir::setCurrent(m_dir.path()));
        Shown shown;
        const bool loaded = shown.open(QStringLiteral("relative.csv"));
        QDir::setCurrent(previous);
        QVERIFY(loaded);
        QCOMPARE(shown.view().rows()->rowCount(), 10);
    }

    void saysWhenTheConfigNamesNoFile() {
        ConfigDocument document;
        document.setValue("data.kind", std::string("csv"));
        DatasetBrowser browser(document);
        browser.show();
        QTRY_VERIFY(browser.statusText().contains("names no CSV file (data.path)"));
    }
};

QTEST_MAIN(TestCsvDatasetView)
#include "tst_csvdatasetview.moc"
