// The live charts: one per metric, the device chart, shared controls, a million points.
#include "UiTestHelpers.h"
#include "ui/charts/ChartPanel.h"
#include "ui/charts/DeviceChart.h"
#include "ui/charts/MetricChart.h"
#include "ui/charts/TestFigures.h"
#include "ui/trace/RunTrace.h"

#include <QSlider>
#include <QtTest>

using namespace tb::engine;
using namespace tb::ui;

namespace {

/// A run of `epochs` epochs with a loss point every step and validation per epoch.
void fillTrace(RunTrace& trace, int epochs, int stepsPerEpoch) {
    tb::ui::EventBatch batch{RunStarted{3, "synthetic", "cpu", epochs, stepsPerEpoch, 0.0}};
    for (int e = 1; e <= epochs; ++e) {
        for (int s = 1; s <= stepsPerEpoch; ++s) {
            const std::int64_t step = (e - 1) * stepsPerEpoch + s;
            batch.push_back(StepMetrics{3,
                                        step,
                                        e,
                                        step * 0.01,
                                        1000,
                                        0,
                                        {{"train/loss", 1.0 / step}, {"train/lr", 0.001}}});
        }
        batch.push_back(EpochSummary{3,
                                     e,
                                     std::int64_t{e} * stepsPerEpoch,
                                     e * stepsPerEpoch * 0.01,
                                     1,
                                     1000,
                                     {{"val/loss", 1.0 / e}, {"val/accuracy", 0.8}}});
        batch.push_back(DeviceSample{3, "cpu", e * stepsPerEpoch * 0.01, 50, 1 << 28, 1 << 30});
    }
    trace.append(batch);
}

/// Shows `panel` at `size` on screen; whether its window came up.
bool showAt(ChartPanel& panel, QSize size) {
    panel.resize(size);
    panel.show();
    return QTest::qWaitForWindowExposed(&panel);
}

} // namespace

class TestChartPanel : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase() { tb::test::useTemporarySettings(m_dir); }

    void oneChartPerMetricTrainAndValidationTogether() {
        RunTrace trace;
        ChartPanel panel;
        panel.setTrace(&trace);
        QVERIFY(showAt(panel, {1200, 800}));
        QVERIFY(!panel.metricChart("loss"));
        fillTrace(trace, 3, 100);
        panel.refreshNow();
        MetricChart* loss = panel.metricChart("loss");
        QVERIFY(loss);
        QVERIFY(panel.metricChart("accuracy"));
        QVERIFY(panel.metricChart("lr"));
        QVERIFY(!panel.metricChart("train/loss"));
        QVERIFY(panel.deviceChart());
        QVERIFY(panel.deviceChart()->plottedPointCount() > 0);
        // 300 train points (with a faint raw copy under the smoothed line) and 3 val points.
        panel.setSmoothing(0.0);
        QCOMPARE(loss->plottedPointCount(), 300 + 3);
        panel.setSmoothing(0.6);
        QCOMPARE(loss->plottedPointCount(), 2 * 300 + 3);
    }

    void newPointsAreDrawnWithoutAskingAndOnlyAtTheRefreshRate() {
        RunTrace trace;
        ChartPanel panel;
        panel.setTrace(&trace);
        panel.show();
        fillTrace(trace, 1, 50);
        QVERIFY(!panel.metricChart("loss")); // nothing drawn before the refresh tick
        QTRY_VERIFY(panel.metricChart("loss") &&
                    panel.metricChart("loss")->plottedPointCount() > 0);
    }

    void aMillionPointsAreReducedToThePixels() {
        RunTrace trace;
        MetricSeries& series = trace.series("train/loss");
        constexpr int kPoints = 1000000;
        series.reserve(kPoints);
        for (int i = 1; i <= kPoints; ++i)
            series.append(i, i / 1000.0, i * 0.001, std::sin(i * 0.001) + (i == 500000 ? 50 : 0));
        ChartPanel panel;
        panel.setSmoothing(0.0);
        panel.setTrace(&trace);
        QVERIFY(showAt(panel, {1000, 600}));
        panel.refreshNow();
        MetricChart* loss = panel.metricChart("loss");
        QVERIFY(loss);
        const int whole = loss->plottedPointCount();
        QVERIFY2(whole > 100 && whole <= 4 * loss->width() + 2, qPrintable(QString::number(whole)));

        // Zooming into 1,000 steps draws every one of them.
        loss->setXRange(400000, 401000);
        QVERIFY(!loss->isFollowing());
        QCOMPARE(loss->plottedPointCount(), 1001 + 2);
        loss->resetView();
        QVERIFY(loss->isFollowing());
        QCOMPARE(loss->plottedPointCount(), whole);
    }

    void zoomingOneChartZoomsAll() {
        RunTrace trace;
        ChartPanel panel;
        panel.setSmoothing(0.0);
        panel.setTrace(&trace);
        panel.show();
        fillTrace(trace, 2, 500);
        panel.refreshNow();
        panel.metricChart("loss")->setXRange(100, 200);
        Q_EMIT panel.metricChart("loss")->xRangeChangedByUser(100, 200);
        QVERIFY(!panel.metricChart("lr")->isFollowing());
        QCOMPARE(panel.metricChart("lr")->plottedPointCount(), 101 + 2);
    }

    void axisModeAndLogScaleApplyToEveryChart() {
        RunTrace trace;
        ChartPanel panel;
        panel.setTrace(&trace);
        panel.show();
        fillTrace(trace, 2, 100);
        panel.refreshNow();
        panel.setXAxisMode(XAxisMode::Epoch);
        QCOMPARE(panel.xAxisMode(), XAxisMode::Epoch);
        panel.setLogScale(true);
        panel.setXAxisMode(XAxisMode::WallTime);
        QVERIFY(panel.metricChart("loss")->plottedPointCount() > 0);
        QVERIFY(panel.deviceChart()->plottedPointCount() > 0);
    }

    void aTraceThatGoesAwayLeavesThePlaceholder() {
        ChartPanel panel;
        auto* trace = new RunTrace;
        panel.setTrace(trace);
        fillTrace(*trace, 1, 10);
        panel.refreshNow();
        QVERIFY(panel.metricChart("loss"));
        delete trace;
        QVERIFY(!panel.trace());
        QVERIFY(!panel.metricChart("loss"));
    }

    void runsWithNothingToDrawSaySo() {
        ChartPanel panel;
        QVERIFY(showAt(panel, {900, 600}));
        auto* noMetrics = panel.findChild<QLabel*>("noMetrics");
        QVERIFY(noMetrics);

        RunTrace failed;
        RunTrace::Info info;
        info.runId = 7;
        info.status = QStringLiteral("failed");
        failed.restart(info);
        panel.setTrace(&failed);
        panel.refreshNow();
        QTRY_VERIFY(noMetrics->isVisible());
        QVERIFY2(noMetrics->text().contains("Run 7 recorded no metrics"),
                 qPrintable(noMetrics->text()));

        RunTrace live;
        live.restart({});
        panel.setTrace(&live);
        panel.refreshNow();
        QVERIFY2(noMetrics->text().contains("Waiting for the run's first metrics"),
                 qPrintable(noMetrics->text()));

        panel.setTraces({&failed, &live});
        panel.refreshNow();
        QVERIFY2(noMetrics->text().contains("None of the 2 runs recorded a metric"),
                 qPrintable(noMetrics->text()));

        // Once there is something to draw, the charts.
        fillTrace(live, 1, 5);
        panel.refreshNow();
        QTRY_VERIFY(!noMetrics->isVisible());
        panel.setTraces({});
        QVERIFY(!noMetrics->isVisible());
    }

    void aRunThatOnlyTestedListsItsFigures() {
        RunTrace trace;
        ChartPanel panel;
        panel.setTrace(&trace);
        QVERIFY(showAt(panel, {1200, 800}));
        RunTrace::Info info;
        info.testedWeights = QStringLiteral("run:1");
        trace.restart(info);
        trace.append({RunStarted{3, "test of run 1", "cpu", 0, 0, 0.0},
                      DeviceSample{3, "cpu", 0.5, 50, 1 << 28, 1 << 30}});
        panel.refreshNow();
        auto* figures = panel.findChild<TestFigures*>("testFigures");
        QVERIFY(figures);
        QVERIFY(!figures->isVisible()); // the device chart, while it tests
        trace.append(
            {RunEnded{5,
                      RunStatus::Finished,
                      {},
                      1.0,
                      {{"test/mse", 0.70512}, {"test/loss", 0.70512}, {"test/mae", 0.5483}}}});
        panel.refreshNow();
        QVERIFY(figures->isVisible());
        QVERIFY(!panel.findChild<QSlider*>()->isVisible()); // nothing to smooth
        const QString text = figures->text();
        QVERIFY2(text.contains("Run 3 trained no epoch: it tested the weights of run:1."),
                 qPrintable(text));
        // Loss first, then the others by name.
        const auto loss = text.indexOf("Loss</td><td align='right'><b>0.7051</b>");
        const auto mae = text.indexOf("MAE</td><td align='right'><b>0.5483</b>");
        const auto mse = text.indexOf("MSE</td>");
        QVERIFY2(loss >= 0 && loss < mae && mae < mse, qPrintable(text));

        // A run that trained shows its charts, test points among them.
        trace.restart({});
        fillTrace(trace, 1, 10);
        trace.append({RunEnded{3, RunStatus::Finished, {}, 1.0, {{"test/loss", 0.5}}}});
        panel.refreshNow();
        QVERIFY(!figures->isVisible());
        QTRY_VERIFY(panel.metricChart("loss")->isVisible());
        QVERIFY(panel.findChild<QSlider*>()->isVisible());
    }

    void aRunThatFailedSaysWhyUnderItsTitle() {
        RunTrace trace;
        ChartPanel panel;
        panel.setTrace(&trace);
        QVERIFY(showAt(panel, {1200, 800}));
        fillTrace(trace, 1, 3);
        panel.refreshNow();
        auto* reason = panel.findChild<QLabel*>(QStringLiteral("statusReason"));
        QVERIFY(reason);
        QVERIFY(!reason->isVisible());
        trace.append(
            {RunEnded{1, RunStatus::Failed, "the training loss became nan at step 3", 2.0, {}}});
        panel.refreshNow();
        QVERIFY(reason->isVisible());
        QCOMPARE(reason->text(), QStringLiteral("Failed: The training loss became nan at step 3"));
        // Comparing, each run's status is in the table instead.
        RunTrace other;
        fillTrace(other, 1, 3);
        panel.setTraces({&trace, &other});
        panel.refreshNow();
        QVERIFY(!reason->isVisible());
    }

    void chartTitlesReadAsWords_data() {
        QTest::addColumn<QString>("metric");
        QTest::addColumn<QString>("title");
        QTest::newRow("loss") << "loss"
                              << "Loss";
        QTest::newRow("lr") << "lr"
                            << "Learning rate";
        QTest::newRow("acronym") << "mse"
                                 << "MSE";
        QTest::newRow("score") << "macro_f1"
                               << "Macro F1";
        QTest::newRow("rate") << "samples_per_s"
                              << "Samples/s";
        QTest::newRow("seconds") << "duration_s"
                                 << "Duration (s)";
        QTest::newRow("words") << "data_wait"
                               << "Data wait";
    }
    void chartTitlesReadAsWords() {
        QFETCH(QString, metric);
        QFETCH(QString, title);
        QCOMPARE(MetricChart::titleOf(metric), title);
    }
};

QTEST_MAIN(TestChartPanel)
#include "tst_chartpanel.moc"
