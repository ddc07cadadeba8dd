// The train / validation / test split of a dataset as one proportional bar.
#pragma once

#include <QColor>
#include <QString>
#include <QWidget>
#include <vector>

namespace tb::ui {

/// A horizontal bar cut into one coloured segment per split, sized by sample count, with
/// the counts written underneath, each followed by where its samples come from when known.
class SplitBar : public QWidget {
    Q_OBJECT
public:
    struct Segment {
        // A constructor, so that the splits without a note leave it out without a warning.
        Segment(QString name, qint64 count, QColor color, QString note = {})
            : name(std::move(name))
            , count(count)
            , color(color)
            , note(std::move(note)) {}

        QString name;
        qint64 count = 0;
        QColor color;
        QString note; ///< where the samples come from (`10% held out of train/`), or empty
    };

    explicit SplitBar(QWidget* parent = nullptr);

    void setSegments(std::vector<Segment> segments);
    /// `Train 54,000 · Validation 6,000 · Test 10,000`, notes in brackets after the counts
    QString summary() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    std::vector<Segment> m_segments;
};

} // namespace tb::ui
