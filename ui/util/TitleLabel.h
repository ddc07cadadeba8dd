// The heading line of a panel: the run or dataset it shows.
#pragma once

#include <QLabel>

namespace tb::ui {

/// Makes `label` a heading: bold, and selectable so that a run name or file path can be copied.
void styleAsTitle(QLabel* label);

/// A heading (styleAsTitle) on one line, cut with "…" to the width its layout gives it, the
/// whole text then in its tooltip: a long run name or file path never widens the window.
class TitleLabel : public QLabel {
    Q_OBJECT
public:
    explicit TitleLabel(QWidget* parent = nullptr);

    void setTitle(const QString& title);
    QString title() const { return m_title; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    void showElided();

    QString m_title;
};

} // namespace tb::ui
