// A forecasting run's test forecasts against the truth, one window and channel at a time.
#pragma once

#include "ui/forecast/RunForecast.h"

#include <QPointF>
#include <QWidget>
#include <memory>
#include <vector>

class QCPGraph;
class QCPItemRect;
class QCheckBox;
class QComboBox;
class QCustomPlot;
class QLabel;
class QMouseEvent;
class QPushButton;
class QSlider;
class QSpinBox;

namespace tb::ui {

class Workspace;

/// Draws one test window of a finished forecasting run: its input rows and the rows it
/// forecasts as one line of actual values, the forecast over the second part, on the dates of
/// the CSV; below it, the MSE of every forecast step over all windows beside the shown
/// window's squared error. The channel, the window (spin box, slider, "Worst window") and
/// the units (the file's, or scaled as the metrics are) are the user's to choose; another
/// window of the same run keeps them.
class ForecastPanel : public QWidget {
    Q_OBJECT
public:
    explicit ForecastPanel(Workspace& workspace, QWidget* parent = nullptr);
    ~ForecastPanel() override;

    /// Shows run `runId`'s saved forecasts, or a message saying why there are none; true when
    /// it drew forecasts.
    bool showRun(qint64 runId);
    qint64 runId() const { return m_runId; }
    /// The forecasts shown; null while a message is shown instead.
    const RunForecast* forecast() const { return m_forecast.get(); }

    QComboBox* channelBox() const { return m_channel; }
    QSpinBox* windowSpin() const { return m_window; }
    QPushButton* worstButton() const { return m_worst; }
    QCheckBox* originalUnitsBox() const { return m_original; }

    /// The curves as handed to the plots: x in seconds since 1970 (dates as UTC) or the
    /// forecast step from 1, y in the units shown (the step plot always scaled).
    struct Curves {
        std::vector<QPointF> actual, forecast, stepMse, windowStepError;
        QString valueLabel;
    };
    const Curves& curves() const { return m_curves; }
    /// The hover text for the row of the shown window nearest `timeS`: its date, actual value
    /// and, over the forecast, the forecast and its step. Empty when nothing is shown.
    QString describeTime(double timeS) const;
    QLabel* messageLabel() const { return m_message; }
    QLabel* summaryLabel() const { return m_summary; }

    QSize sizeHint() const override;

protected:
    void changeEvent(QEvent* event) override;

private:
    QWidget* createControls();
    void createWindowPlot();
    void createStepPlot();
    bool showMessage(const QString& text);
    void showForecast(std::unique_ptr<RunForecast> forecast, const QString& title);
    void drawChannel();
    void drawWindow();
    void restyle();
    void showValueAt(QMouseEvent* event);
    int channel() const;
    bool original() const;

    Workspace& m_workspace;
    qint64 m_runId = 0;
    std::unique_ptr<RunForecast> m_forecast;
    Curves m_curves;

    QLabel* m_title;
    QLabel* m_message;
    QWidget* m_content;
    QComboBox* m_channel;
    QSpinBox* m_window;
    QSlider* m_slider;
    QPushButton* m_worst;
    QCheckBox* m_original;
    QCustomPlot* m_windowPlot;
    QCustomPlot* m_stepPlot;
    QLabel* m_summary;
    QCPGraph* m_actual = nullptr;
    QCPGraph* m_predicted = nullptr;
    QCPItemRect* m_horizon = nullptr;
    QCPGraph* m_allStepsMse = nullptr;
    QCPGraph* m_windowStepsError = nullptr;
};

} // namespace tb::ui
