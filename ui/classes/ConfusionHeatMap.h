// A confusion matrix drawn as a heat map: true classes down, predicted classes across.
#pragma once

#include <QFont>
#include <QRect>
#include <QWidget>

namespace tb::engine {
class ConfusionMatrix;
}

namespace tb::ui {

/// Draws a ConfusionMatrix as a grid of cells with the class names on both axes. A cell is
/// coloured by its share of its row (the true class), so that a small class reads as a large
/// one does; right predictions (the diagonal) in one hue, mistakes in another. Cells show
/// their count, or their share of the true class, while they are large enough to hold it;
/// with many classes the labels thin out and the tooltips carry the names. Hovering a cell
/// says what it counts; a click or the arrow keys select one.
class ConfusionHeatMap : public QWidget {
    Q_OBJECT
public:
    /// Row `trueClass`, column `predictedClass`; -1 for none.
    struct Cell {
        int trueClass = -1;
        int predictedClass = -1;

        bool isValid() const { return trueClass >= 0 && predictedClass >= 0; }
        bool operator==(const Cell& other) const {
            return trueClass == other.trueClass && predictedClass == other.predictedClass;
        }
        bool operator!=(const Cell& other) const { return !(*this == other); }
    };

    explicit ConfusionHeatMap(QWidget* parent = nullptr);

    /// Shows `matrix` (not owned: the caller keeps it alive while shown; null shows nothing)
    /// with no cell selected.
    void setMatrix(const tb::engine::ConfusionMatrix* matrix);
    /// Cells show their share of the true class instead of their count.
    void setShowShares(bool shares);
    bool showsShares() const { return m_shares; }

    /// Selects `cell`, saying cellSelected when it was not selected already.
    void selectCell(Cell cell);
    Cell selectedCell() const { return m_selected; }

    /// The text `cell` shows when it is large enough, and its tooltip.
    QString cellText(Cell cell) const;
    QString cellToolTip(Cell cell) const;
    /// The colour `cell` is filled with.
    QColor cellColor(Cell cell) const;
    /// Whether the cells are large enough to show their text.
    bool showsCellText() const { return m_layout.cellText; }
    /// Where `cell` is drawn; the cell at `pos`, none outside the matrix.
    QRect cellRect(Cell cell) const;
    Cell cellAt(QPoint pos) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    void cellSelected(int trueClass, int predictedClass);

protected:
    bool event(QEvent* event) override;
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void changeEvent(QEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;

private:
    /// Where everything goes at the widget's size; relayout() works it out.
    struct Layout {
        QRect cells;  ///< the whole matrix
        QRect corner; ///< above the row labels: the axis names
        int cellWidth = 0;
        int cellHeight = 0;
        QFont labelFont;      ///< smaller than the widget's when rows are short
        QFont cellFont;       ///< smaller still when counts are wider than the cells
        int rowLabelStep = 1; ///< a row label every this many rows
        int columnLabelStep = 1;
        bool staggered = false; ///< column labels alternate between two lines
        int columnLabelRoom = 0;
        bool cellText = false;
    };

    int classCount() const;
    QString className(int c) const;
    void relayout();
    int widestCellText(const QFontMetrics& metrics) const;
    /// The class whose row or column label is at `pos`, or -1; `row` says which.
    int labelAt(QPoint pos, bool& row) const;
    void paintLabels(QPainter& painter);

    const tb::engine::ConfusionMatrix* m_matrix = nullptr;
    bool m_shares = false;
    Cell m_selected;
    Cell m_hovered;
    Layout m_layout;
};

} // namespace tb::ui
