#include "ui/util/TitleLabel.h"

#include <QLabel>

namespace tb::ui {

void styleAsTitle(QLabel* label) {
    QFont font = label->font();
    font.setBold(true);
    label->setFont(font);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
}

} // namespace tb::ui
