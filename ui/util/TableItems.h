// Read-only table cells and the run ids they carry, for the tables that list runs by group
// (the results grid, the speed ledger).
#pragma once

#include <QList>
#include <QString>
#include <cstdint>
#include <vector>

class QTableWidgetItem;

namespace tb::ui {

/// A selectable, non-editable cell, vertically centred.
QTableWidgetItem* readOnlyItem(const QString& text, Qt::Alignment alignment = Qt::AlignLeft);

/// Stores `ids`, ascending, in `item` under `role`.
void setRunIds(QTableWidgetItem& item, int role, std::vector<std::int64_t> ids);

/// The ids setRunIds stored under `role`, ascending; none for items without.
QList<qint64> runIdsOf(const QTableWidgetItem& item, int role);

} // namespace tb::ui
