#include "ui/util/TitleLabel.h"

#include <QResizeEvent>

namespace tb::ui {

void styleAsTitle(QLabel* label) {
    QFont font = label->font();
    font.setBold(true);
    label->setFont(font);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
}

TitleLabel::TitleLabel(QWidget* parent)
    : QLabel(parent) {
    styleAsTitle(this);
    setTextFormat(Qt::PlainText);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
}

void TitleLabel::setTitle(const QString& title) {
    m_title = title;
    showElided();
    updateGeometry();
}

QSize TitleLabel::sizeHint() const {
    return {fontMetrics().horizontalAdvance(m_title) + 2 * margin(),
            fontMetrics().height() + 2 * margin()};
}

QSize TitleLabel::minimumSizeHint() const {
    // Room for a few letters and the ellipsis: what is cut shows in the tooltip.
    return {fontMetrics().horizontalAdvance(QStringLiteral("Run 0\u2026")) + 2 * margin(),
            sizeHint().height()};
}

void TitleLabel::resizeEvent(QResizeEvent* event) {
    QLabel::resizeEvent(event);
    showElided();
}

void TitleLabel::showElided() {
    const QString shown =
        fontMetrics().elidedText(m_title, Qt::ElideRight, contentsRect().width() - 2 * margin());
    setText(shown);
    setToolTip(shown == m_title ? QString() : m_title);
}

} // namespace tb::ui
