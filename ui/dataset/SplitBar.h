// The train / validation / test split of a dataset as one proportional bar.
#pragma once

#include <QColor>
#include <QString>
#include <QWidget>
#include <vector>

namespace tb::ui {

/// A horizontal bar cut into one coloured segment per split, sized by sample count, with
/// the counts written underneath.
class SplitBar : public QWidget {
    Q_OBJECT
public:
    struct Segment {
        QString name;
        qint64 count = 0;
        QColor color;
    };

    explicit SplitBar(QWidget* parent = nullptr);

    void setSegments(std::vector<Segment> segments);
    /// `Train 54,000 · Validation 6,000 · Test 10,000`
    QString summary() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    std::vector<Segment> m_segments;
};

} // namespace tb::ui
