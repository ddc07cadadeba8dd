// A forecaster's forecast drawn after the rows it read, with the file's own values where it
// has them.
#pragma once

#include "engine/inference/Prediction.h"

#include <QWidget>
#include <memory>

class QComboBox;
class QCPGraph;
class QCPItemRect;
class QCustomPlot;
class QLabel;

namespace tb::ui {

/// One forecast channel at a time (picked in a box; the target first): the rows read, the
/// forecast on a shaded band, and the file's actual values of the rows forecast where it goes
/// on past the rows read. Follows the light or dark theme.
class ForecastPlot : public QWidget {
    Q_OBJECT
public:
    explicit ForecastPlot(QWidget* parent = nullptr);

    /// Draws `prediction`'s forecast (a forecaster's); null draws none.
    void setPrediction(std::shared_ptr<const tb::engine::Prediction> prediction);
    QCustomPlot* plot() const { return m_plot; }

protected:
    void changeEvent(QEvent* event) override;

private:
    void draw();
    void restyle();

    std::shared_ptr<const tb::engine::Prediction> m_prediction;
    QComboBox* m_channel;
    QCustomPlot* m_plot;
    QCPGraph* m_read;
    QCPGraph* m_forecast;
    QCPGraph* m_actual;
    QCPItemRect* m_horizon;
    QLabel* m_summary;
};

} // namespace tb::ui
