// The Forecast panel: a stored forecast drawn window by window in the file's units and scaled,
// the worst window found, a message for every run it cannot draw, and a forecasting run
// trained from the main window shown when it ends.
#include "UiTestHelpers.h"
#include "engine/store/RunStore.h"
#include "engine/util/NpyFile.h"
#include "ui/config/ConfigDocument.h"
#include "ui/config/ConfigEditor.h"
#include "ui/forecast/ForecastPanel.h"
#include "ui/main/MainWindow.h"
#include "ui/main/TrainActions.h"
#include "ui/runs/Workspace.h"
#include "ui/training/TrainingSession.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QtTest>
#include <cmath>

using namespace tb::engine;
using namespace tb::ui;

namespace {

// Five windows of 4 input rows and 3 forecast steps over 2 channels: 11 series rows.
constexpr int kWindows = 5, kSeqLen = 4, kPredLen = 3, kChannels = 2, kRows = 11;
const std::vector<double> kMean{10.0, 20.0}, kScale{2.0, 0.5};

float seriesValue(int row, int channel) {
    return static_cast<float>(0.25 * row - channel);
}

/// Off by 0.1 everywhere, by 2 on window 4 (1-based) of the second channel.
float predictedValue(int window, int step, int channel) {
    const float off = window == 3 && channel == 1 ? 2.0f : 0.1f;
    return seriesValue(window + kSeqLen + step, channel) + off;
}

/// Writes a forecast as ForecastExport does and stores a finished run that points at it. Its
/// rows are an hour apart from 2016-07-01 00:00, or `daysApart` days apart at midnight.
qint64 storeForecast(RunStore& store, const QString& folder, bool withSeries = true,
                     int daysApart = 0) {
    QDir().mkpath(folder);
    std::vector<float> series, predictions, truth;
    for (int row = 0; row < kRows; ++row)
        for (int c = 0; c < kChannels; ++c)
            series.push_back(seriesValue(row, c));
    for (int w = 0; w < kWindows; ++w)
        for (int s = 0; s < kPredLen; ++s)
            for (int c = 0; c < kChannels; ++c) {
                predictions.push_back(predictedValue(w, s, c));
                truth.push_back(seriesValue(w + kSeqLen + s, c));
            }
    const std::vector<std::int64_t> forecastShape{kWindows, kPredLen, kChannels};
    writeNpyFile((folder + "/test-predictions.npy").toStdString(), forecastShape,
                 predictions.data());
    writeNpyFile((folder + "/test-truth.npy").toStdString(), forecastShape, truth.data());
    writeNpyFile((folder + "/test-series.npy").toStdString(), {kRows, kChannels}, series.data());
    QStringList dates;
    const QDate first(2016, 7, 1);
    for (int row = 0; row < kRows; ++row)
        dates
            << (daysApart > 0
                    ? QStringLiteral("\"%1 00:00:00\"")
                          .arg(first.addDays(row * daysApart).toString(Qt::ISODate))
                    : QStringLiteral("\"2016-07-01 %1:00:00\"").arg(row, 2, 10, QLatin1Char('0')));
    QFile json(folder + "/test-forecast.json");
    json.open(QIODevice::WriteOnly);
    json.write(QStringLiteral("{\"csv\": \"/data/ETTh1.csv\", \"columns\": [\"HUFL\", \"OT\"], "
                              "\"mean\": [10, 20], \"scale\": [2, 0.5], \"windows\": 5, "
                              "\"seq_len\": 4, \"pred_len\": 3, \"first_row\": 100, "
                              "\"first_forecast_row\": 104, \"predictions\": "
                              "\"test-predictions.npy\", \"truth\": \"test-truth.npy\", %1"
                              "\"dates\": [%2]}")
                   .arg(withSeries ? "\"series\": \"test-series.npy\", " : "", dates.join(", "))
                   .toUtf8());
    json.close();
    const qint64 runId =
        tb::test::storeRun(store, "dlinear-etth1-3", "cpu", 1, 2, RunStatus::Finished);
    ArtifactRecord artifact;
    artifact.runId = runId;
    artifact.kind = "predictions";
    artifact.path = (folder + "/test-forecast.json").toStdString();
    store.addArtifact(artifact);
    return runId;
}

QVector<double> values(const std::vector<QPointF>& points) {
    QVector<double> out;
    for (const QPointF& p : points)
        out << p.y();
    return out;
}

QVector<double> keys(const std::vector<QPointF>& points) {
    QVector<double> out;
    for (const QPointF& p : points)
        out << p.x();
    return out;
}

bool near(const QVector<double>& a, const QVector<double>& b) {
    if (a.size() != b.size())
        return false;
    for (int i = 0; i < a.size(); ++i)
        if (std::abs(a[i] - b[i]) > 1e-5)
            return false;
    return true;
}

QString join(const QVector<double>& v) {
    QStringList parts;
    for (double x : v)
        parts << QString::number(x);
    return parts.join(", ");
}

} // namespace

class TestForecastPanel : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_db;
    qint64 m_forecastRun = 0;

private Q_SLOTS:
    void initTestCase() {
        tb::test::useTemporarySettings(m_dir);
        m_db = m_dir.filePath("workspace.db");
        RunStore store = RunStore::open(m_db.toStdString());
        m_forecastRun = storeForecast(store, m_dir.filePath("run-forecast"));
    }

    void drawsAWindowInTheFilesUnitsAndScaled() {
        Workspace workspace;
        QString error;
        QVERIFY2(workspace.open(m_db, error), qPrintable(error));
        ForecastPanel panel(workspace);
        panel.showRun(m_forecastRun);
        QVERIFY2(panel.forecast(), qPrintable(panel.messageLabel()->text()));
        QCOMPARE(panel.channelBox()->count(), 2);
        QCOMPARE(panel.channelBox()->currentText(), QStringLiteral("OT")); // the target
        QCOMPARE(panel.windowSpin()->minimum(), 1);
        QCOMPARE(panel.windowSpin()->maximum(), kWindows);
        QCOMPARE(panel.windowSpin()->value(), 1);

        // Window 2 of OT: 7 actual rows (input and forecast), 3 forecast steps, in the file's
        // units (value * 0.5 + 20).
        panel.windowSpin()->setValue(2);
        const auto& actual = panel.curves().actual;
        const auto& predicted = panel.curves().forecast;
        QVector<double> expectedActual, expectedPredicted;
        for (int row = 1; row < 1 + kSeqLen + kPredLen; ++row)
            expectedActual << seriesValue(row, 1) * 0.5 + 20.0;
        for (int step = 0; step < kPredLen; ++step)
            expectedPredicted << predictedValue(1, step, 1) * 0.5 + 20.0;
        QVERIFY2(near(values(actual), expectedActual), qPrintable(join(values(actual))));
        QVERIFY2(near(values(predicted), expectedPredicted), qPrintable(join(values(predicted))));
        // On the file's dates: row 1 is 01:00, the forecast starts at row 5 (05:00), as UTC.
        const double midnight =
            QDateTime(QDate(2016, 7, 1), QTime(0, 0), Qt::UTC).toSecsSinceEpoch();
        QCOMPARE(keys(actual).front(), midnight + 3600);
        QCOMPARE(keys(predicted).front(), midnight + 5 * 3600);
        QVERIFY2(panel.summaryLabel()->text().contains("MSE 0.01"),
                 qPrintable(panel.summaryLabel()->text()));
        // Hovering names the nearest row: an input row, then a forecast step.
        QCOMPARE(panel.describeTime(midnight + 2 * 3600 + 600),
                 QStringLiteral("2016-07-01 02:00 \u00b7 actual 19.75"));
        QCOMPARE(
            panel.describeTime(midnight + 6 * 3600 - 600),
            QStringLiteral("2016-07-01 06:00 \u00b7 actual 20.25 \u00b7 forecast 20.3 (step 2)"));

        // Scaled, as the metrics are.
        panel.originalUnitsBox()->setChecked(false);
        QVERIFY(near(values(panel.curves().forecast),
                     {predictedValue(1, 0, 1), predictedValue(1, 1, 1), predictedValue(1, 2, 1)}));
        QCOMPARE(panel.curves().valueLabel, QStringLiteral("OT (scaled)"));

        // The other channel, and the slider moving with the spin box.
        panel.channelBox()->setCurrentIndex(0);
        QVERIFY(near(values(panel.curves().forecast),
                     {predictedValue(1, 0, 0), predictedValue(1, 1, 0), predictedValue(1, 2, 0)}));
    }

    void rowsAtMidnightReadAsDates() {
        QTemporaryDir dir;
        const QString db = dir.filePath("weekly.db");
        RunStore store = RunStore::open(db.toStdString());
        const qint64 runId = storeForecast(store, dir.filePath("run-weekly"), true, 7);
        Workspace workspace;
        QString error;
        QVERIFY2(workspace.open(db, error), qPrintable(error));
        ForecastPanel panel(workspace);
        panel.showRun(runId);
        QVERIFY2(panel.forecast(), qPrintable(panel.messageLabel()->text()));
        QVERIFY2(panel.summaryLabel()->text().startsWith(
                     "Input 2016-07-01 \u2013 2016-07-22, forecast 2016-07-29 \u2013 2016-08-12."),
                 qPrintable(panel.summaryLabel()->text()));
        const double july8 = QDateTime(QDate(2016, 7, 8), QTime(0, 0), Qt::UTC).toSecsSinceEpoch();
        QVERIFY2(panel.describeTime(july8 + 3600).startsWith("2016-07-08 \u00b7 actual "),
                 qPrintable(panel.describeTime(july8 + 3600)));
    }

    void findsTheWorstWindowAndTheErrorPerStep() {
        Workspace workspace;
        QString error;
        QVERIFY2(workspace.open(m_db, error), qPrintable(error));
        ForecastPanel panel(workspace);
        panel.showRun(m_forecastRun);
        QVERIFY(panel.forecast());
        panel.channelBox()->setCurrentText(QStringLiteral("OT"));
        panel.worstButton()->click();
        QCOMPARE(panel.windowSpin()->value(), 4);
        QVERIFY2(panel.summaryLabel()->text().contains("MSE 4"),
                 qPrintable(panel.summaryLabel()->text()));
        // MSE per step over all windows: (4 windows x 0.01 + one x 4) / 5 at every step.
        const auto& allWindows = panel.curves().stepMse;
        QVERIFY2(near(values(allWindows), {0.808, 0.808, 0.808}),
                 qPrintable(join(values(allWindows))));
        QVERIFY(near(keys(allWindows), {1, 2, 3}));
        QVERIFY(near(values(panel.curves().windowStepError), {4, 4, 4}));
        // Another run of the same file keeps the window and the channel.
        panel.showRun(m_forecastRun);
        QCOMPARE(panel.windowSpin()->value(), 4);
        QCOMPARE(panel.channelBox()->currentText(), QStringLiteral("OT"));
    }

    void saysWhyThereIsNothingToDraw_data() {
        QTest::addColumn<QString>("setup");
        QTest::addColumn<QString>("expected");
        QTest::newRow("unknown run") << "none"
                                     << "is not in this workspace";
        QTest::newRow("still training") << "running"
                                        << "is still training";
        QTest::newRow("an image classifier") << "images"
                                             << "saved no test forecasts";
        QTest::newRow("files gone") << "deleted"
                                    << "was not copied beside that workspace file";
        QTest::newRow("an older Trainbench") << "old"
                                             << "older Trainbench";
        QTest::newRow("a truncated array") << "truncated"
                                           << "needs 120";
        QTest::newRow("arrays that disagree") << "disagree"
                                              << "disagree";
    }

    void saysWhyThereIsNothingToDraw() {
        QFETCH(QString, setup);
        QFETCH(QString, expected);
        const QString folder = m_dir.filePath("bad-" + setup);
        const QString db = m_dir.filePath(setup + ".db");
        qint64 runId = 999;
        {
            RunStore store = RunStore::open(db.toStdString());
            if (setup == "running") {
                runId = tb::test::storeRun(store, "still-going", "cpu", 0, 1, RunStatus::Running);
            } else if (setup == "images") {
                runId = tb::test::storeRun(store, "fashion-mnist-cnn", "cpu", 1, 2,
                                           RunStatus::Finished);
            } else if (setup != "none") {
                runId = storeForecast(store, folder, setup != "old");
            }
        }
        if (setup == "deleted")
            QVERIFY(QDir(folder).removeRecursively());
        if (setup == "truncated")
            QVERIFY(QFile::resize(folder + "/test-predictions.npy", 128 + 40));
        if (setup == "disagree") {
            const std::vector<float> short_(6, 0.0f);
            writeNpyFile((folder + "/test-series.npy").toStdString(), {3, 2}, short_.data());
        }

        Workspace workspace;
        QString error;
        QVERIFY2(workspace.open(db, error), qPrintable(error));
        ForecastPanel panel(workspace);
        panel.show();
        panel.showRun(runId);
        QVERIFY(!panel.forecast());
        QVERIFY(panel.messageLabel()->isVisible());
        QVERIFY(!panel.channelBox()->isVisible());
        QVERIFY2(panel.messageLabel()->text().contains(expected),
                 qPrintable(panel.messageLabel()->text()));
    }

    void showsTheForecastsOfARunTrainedFromTheWindow() {
        // Two sine waves, hourly: a real DLinear run that takes a second.
        const QString csv = m_dir.filePath("waves.csv");
        QFile file(csv);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("date,load,OT\n");
        const QDateTime start(QDate(2020, 1, 1), QTime(0, 0), Qt::UTC);
        for (int row = 0; row < 400; ++row)
            file.write(QStringLiteral("%1,%2,%3\n")
                           .arg(start.addSecs(3600LL * row).toString("yyyy-MM-dd hh:mm:ss"))
                           .arg(std::sin(row * 0.26), 0, 'f', 5)
                           .arg(2.0 + std::cos(row * 0.13), 0, 'f', 5)
                           .toUtf8());
        file.close();

        MainWindow::Options options;
        options.databasePath = m_dir.filePath("trained.db");
        MainWindow window(options);
        QVERIFY(window.configEditor()->loadPreset("dlinear-etth1-96"));
        ConfigDocument& config = window.configDocument();
        config.setValue("data.path", csv.toStdString());
        config.setValue("data.split", std::string("ratio"));
        config.setValue("data.channels", std::int64_t{2});
        config.setValue("data.seq_len", std::int64_t{24});
        config.setValue("data.label_len", std::int64_t{12});
        config.setValue("data.pred_len", std::int64_t{6});
        config.setValue("train.epochs", std::int64_t{1});
        config.setValue("threads", std::int64_t{1});
        QVERIFY2(config.issues().empty(), qPrintable(config.issuesText()));
        QSignalSpy ended(&window.session(), &TrainingSession::runEnded);
        window.trainActions()->train()->trigger();
        // A run this small may end before its state is first looked at: wait for its end.
        QTRY_COMPARE_WITH_TIMEOUT(ended.count(), 1, 60000);
        QCOMPARE(ended.first().at(1).toString(), QStringLiteral("finished"));
        const qint64 runId = ended.first().at(0).toLongLong();

        ForecastPanel* panel = window.forecastPanel();
        QVERIFY2(panel->forecast(), qPrintable(panel->messageLabel()->text()));
        QCOMPARE(panel->runId(), runId);
        // 70/10/20 of 400 rows: 80 test rows, each a window start once the look-back is there.
        QCOMPARE(panel->forecast()->windows, 80 - 6 + 1);
        QCOMPARE(panel->channelBox()->currentText(), QStringLiteral("OT"));
        QCOMPARE(panel->curves().actual.size(), std::size_t{24 + 6});
    }
};

QTEST_MAIN(TestForecastPanel)
#include "tst_forecastpanel.moc"
