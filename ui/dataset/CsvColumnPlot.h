// One column of a CSV table over time, with the train / validation / test split shaded.
#pragma once

#include "ui/charts/ExtremaIndex.h"
#include "ui/dataset/CsvSplitRegions.h"

#include <QPointF>
#include <QTimer>
#include <QWidget>
#include <memory>
#include <vector>

class QCPAxisTickerDateTime;
class QCPGraph;
class QCPItemRect;
class QCPItemText;
class QCustomPlot;
class QMouseEvent;

namespace tb::ui {

struct CsvDataset;

/// Plots one numeric column against the date column. Every redraw reduces the visible rows to
/// min/max per pixel column (downsampleMinMax), so 70,000 rows draw as ~4 points a pixel and
/// no spike is lost; zooming (wheel) and panning (drag) stay on the time axis and reveal every
/// row, the value axis fits what is visible, a double-click shows everything again. Missing
/// cells are ticks along the bottom edge; the split regions are shaded behind the curve, the
/// look-back rows hatched. Hovering names the row, its date, value and split.
class CsvColumnPlot : public QWidget {
    Q_OBJECT
public:
    explicit CsvColumnPlot(QWidget* parent = nullptr);
    ~CsvColumnPlot() override;

    /// Shows column `column` of `dataset` (an index into its numeric columns) over all rows;
    /// a null dataset or a column out of range clears the plot.
    void setColumn(std::shared_ptr<const CsvDataset> dataset, int column);
    /// The shaded regions, in rows of the dataset shown.
    void setRegions(std::vector<CsvSplitRegion> regions);
    /// Shows every row again.
    void resetView();

    /// The column shown, or empty.
    QString columnName() const;
    /// The curve's points as handed to QCustomPlot (after the reduction): x in seconds since
    /// 1970, y the values.
    const std::vector<QPointF>& plottedPoints() const { return m_scratch; }
    int plottedPointCount() const { return static_cast<int>(m_scratch.size()); }
    QCustomPlot* plot() const { return m_plot; }

protected:
    void changeEvent(QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void resample();
    void plotMissingTicks(double lower, double upper, int columns);
    void fitValueAxis();
    void keepXRangeOnData();
    void placeRegions();
    void updateRegionLabels();
    void updateDateFormat();
    void restyle();
    void showValueAt(QMouseEvent* event);
    double edgeTime(qint64 row) const;

    QCustomPlot* m_plot;
    QCPGraph* m_curve;
    QCPGraph* m_missingTicks;
    QSharedPointer<QCPAxisTickerDateTime> m_dateTicker;
    std::shared_ptr<const CsvDataset> m_dataset;
    int m_column = -1;
    std::vector<double> m_values;
    std::vector<std::size_t> m_missingRows;
    ExtremaIndex m_index;
    std::vector<CsvSplitRegion> m_regions;
    std::vector<QCPItemRect*> m_regionRects;
    std::vector<QCPItemText*> m_regionLabels; // null for look-back bands
    bool m_applyingRange = false;
    QTimer m_resampleTimer;
    std::vector<QPointF> m_scratch;
};

} // namespace tb::ui
