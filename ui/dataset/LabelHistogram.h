// How many samples of each class every split holds.
#pragma once

#include <QWidget>

class QCustomPlot;

namespace tb::ui {

struct ImageDataset;

/// Grouped bars: one group per class, one bar per split, class names under the groups. A
/// lopsided dataset (or labels file) shows at a glance.
class LabelHistogram : public QWidget {
    Q_OBJECT
public:
    explicit LabelHistogram(QWidget* parent = nullptr);

    void setDataset(const ImageDataset* dataset);

protected:
    void changeEvent(QEvent* event) override;

private:
    QCustomPlot* m_plot;
    const ImageDataset* m_dataset = nullptr;
};

} // namespace tb::ui
