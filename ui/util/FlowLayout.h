// A layout that places its widgets left to right and wraps them onto new lines, as text wraps.
#pragma once

#include <QLayout>
#include <QList>

namespace tb::ui {

/// Items keep their size hints; a line holds as many as fit the width, and the layout asks
/// for the height its lines need at a given width (heightForWidth), so a parent's layout
/// gives it more lines when it is narrow.
class FlowLayout : public QLayout {
public:
    explicit FlowLayout(QWidget* parent = nullptr, int horizontalSpacing = 12,
                        int verticalSpacing = 2);
    ~FlowLayout() override;

    void addItem(QLayoutItem* item) override;
    int count() const override { return static_cast<int>(m_items.size()); }
    QLayoutItem* itemAt(int index) const override;
    QLayoutItem* takeAt(int index) override;

    /// The gap between two lines.
    int verticalSpacing() const { return m_verticalSpacing; }

    Qt::Orientations expandingDirections() const override { return {}; }
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;
    QSize sizeHint() const override;
    QSize minimumSize() const override;
    void setGeometry(const QRect& rect) override;

private:
    /// Places the items in `rect` (only measures when `apply` is false); the height used.
    int arrange(const QRect& rect, bool apply) const;

    QList<QLayoutItem*> m_items;
    int m_horizontalSpacing;
    int m_verticalSpacing;
};

} // namespace tb::ui
