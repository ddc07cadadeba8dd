// Redraw time of one chart holding 4 curves of 1,000,000 points each (target: under 30 ms),
// for the whole run, a zoom and a pan, with smoothing off and on. Prints figures; asserts
// nothing. Run offscreen: QT_QPA_PLATFORM=offscreen bench_ui_chart
#include "ui/charts/MetricChart.h"
#include "ui/trace/RunTrace.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QThread>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <qcustomplot.h>
#include <random>
#include <vector>

using namespace tb::ui;

namespace {

constexpr int kPoints = 1000000;
constexpr int kRepeats = 15;
const char* const kSeries[] = {"train/loss", "val/loss", "test/loss", "holdout/loss"};

void fill(RunTrace& trace) {
    std::mt19937 gen(1);
    std::normal_distribution<double> noise(0.0, 0.05);
    int k = 0;
    for (const char* name : kSeries) {
        MetricSeries& s = trace.series(QString::fromLatin1(name));
        s.reserve(kPoints);
        for (int i = 1; i <= kPoints; ++i)
            s.append(i, i / 10000.0, i * 0.002, 2.0 / std::sqrt(i) + 0.1 * k + noise(gen));
        ++k;
    }
    trace.rebuildTimeline();
}

struct Timing {
    double medianMs;
    double maxMs;
};

template <typename Action> Timing time(MetricChart& chart, Action action) {
    std::vector<double> ms;
    for (int i = 0; i < kRepeats; ++i) {
        QElapsedTimer timer;
        timer.start();
        action(i);
        chart.plot()->replot(QCustomPlot::rpImmediateRefresh);
        ms.push_back(timer.nsecsElapsed() / 1e6);
    }
    std::sort(ms.begin(), ms.end());
    return {ms[ms.size() / 2], ms.back()};
}

void print(const char* what, Timing t) {
    std::printf("  %-36s median %6.1f ms   max %6.1f ms   %s\n", what, t.medianMs, t.maxMs,
                t.medianMs < 30.0 ? "(under 30 ms)" : "(OVER 30 ms)");
}

} // namespace

int main(int argc, char* argv[]) {
    QApplication app(argc, argv);
    RunTrace trace;
    QElapsedTimer fillTimer;
    fillTimer.start();
    fill(trace);
    std::printf("bench_ui_chart: 4 series x %d points (filled in %.0f ms), chart 1200x500\n",
                kPoints, fillTimer.nsecsElapsed() / 1e6);

    MetricChart chart(trace, QStringLiteral("loss"));
    chart.resize(1200, 500);
    chart.show();
    // Let the window map and lay out before timing.
    for (int i = 0; i < 20; ++i) {
        QApplication::processEvents();
        QThread::msleep(10);
    }

    for (double smoothing : {0.0, 0.6}) {
        std::printf("smoothing %.1f:\n", smoothing);
        QElapsedTimer first;
        first.start();
        chart.setSmoothing(smoothing);
        chart.plot()->replot(QCustomPlot::rpImmediateRefresh);
        std::printf("  %-36s %6.1f ms\n", "first draw (incl. EMA of 4M points)",
                    first.nsecsElapsed() / 1e6);
        chart.resetView();
        print("replot, whole run", time(chart, [&](int) { chart.refresh(); }));
        print("zoom to a tenth, re-downsampled", time(chart, [&](int i) {
                  const double from = 50000.0 * i;
                  chart.setXRange(from, from + kPoints / 10.0);
              }));
        print("pan at full width", time(chart, [&](int i) {
                  chart.setXRange(-kPoints * 0.5 + i * 1000.0, kPoints * 0.5 + i * 1000.0);
              }));
        chart.resetView();
    }
    std::printf("  points handed to QCustomPlot: %d (of %d)\n", chart.plottedPointCount(),
                4 * kPoints);
    return 0;
}
