#include "ui/util/TableItems.h"

#include <QTableWidgetItem>
#include <algorithm>

namespace tb::ui {

QTableWidgetItem* readOnlyItem(const QString& text, Qt::Alignment alignment) {
    auto* item = new QTableWidgetItem(text);
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    item->setTextAlignment(alignment | Qt::AlignVCenter);
    return item;
}

void setRunIds(QTableWidgetItem& item, int role, std::vector<std::int64_t> ids) {
    std::sort(ids.begin(), ids.end());
    QVariantList list;
    for (const std::int64_t id : ids)
        list << QVariant::fromValue<qint64>(id);
    item.setData(role, list);
}

QList<qint64> runIdsOf(const QTableWidgetItem& item, int role) {
    QList<qint64> runs;
    for (const QVariant& id : item.data(role).toList())
        runs << id.toLongLong();
    return runs;
}

} // namespace tb::ui
