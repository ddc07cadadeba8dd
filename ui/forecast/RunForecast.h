// The test forecasts a finished forecasting run saved, read back for drawing.
#pragma once

#include "engine/util/NpyFile.h"

#include <QString>
#include <QStringList>
#include <vector>

namespace tb::ui {

/// What ForecastExport wrote for a run's test split (test-forecast.json and its arrays).
/// Values are kept scaled, as the metrics are; value() undoes the scaling on request.
/// Rows count from the first row of the test series (the first window's first input).
struct RunForecast {
    QString csvPath;
    QStringList channels; ///< the forecast channels, in the arrays' order
    std::vector<double> mean, scale;
    int windows = 0;
    int seqLen = 0;
    int predLen = 0;
    std::vector<double> timeS;        ///< per series row: seconds since 1970, dates as UTC
    tb::engine::NpyArray predictions; ///< [windows, predLen, channels]
    tb::engine::NpyArray series;      ///< [rows, channels]

    /// Series row `row` of `channel`; in the file's units when `original`.
    double actual(int row, int channel, bool original) const;
    /// Forecast step `step` (0-based) of window `window`.
    double predicted(int window, int step, int channel, bool original) const;
    /// Window `window`'s forecast starts at series row window + seqLen.
    int forecastRow(int window) const { return window + seqLen; }

    /// Forecast minus truth at one step of one window, scaled.
    double error(int window, int step, int channel) const;
    /// Mean squared and absolute error of one window on one channel, scaled.
    double windowMse(int window, int channel) const;
    double windowMae(int window, int channel) const;
    /// The window whose forecast of `channel` has the largest MSE.
    int worstWindow(int channel) const;
    /// MSE of each forecast step over every window, for `channel`, scaled.
    std::vector<double> stepMse(int channel) const;

private:
    double unscaled(double value, int channel, bool original) const;
};

/// Reads the forecast whose description is `jsonPath` (a run's `predictions` artifact) and the
/// arrays beside it. On failure returns false with `error` naming the file and the cause.
bool loadRunForecast(const QString& jsonPath, RunForecast& out, QString& error);

} // namespace tb::ui
