#include "ui/trace/RunLabels.h"

#include "engine/config/SweepGrid.h"
#include "ui/trace/RunTrace.h"

#include <QObject>

namespace tb::ui {

namespace {

/// `base` of a sweep run's `base (values)`; any other name as it is (sweepBaseName).
QString baseOf(const QString& name) {
    return QString::fromStdString(tb::engine::sweepBaseName(name.toStdString()));
}

} // namespace

QStringList distinguishingNames(const QStringList& names) {
    if (names.size() < 2)
        return names;
    const QString base = baseOf(names.front());
    for (const QString& name : names)
        if (baseOf(name) == name || baseOf(name) != base)
            return names;
    QStringList values;
    for (const QString& name : names)
        values << name.mid(base.size() + 2).chopped(1);
    return values;
}

QString runLabel(qint64 runId, const QString& distinguishingName) {
    return QObject::tr("Run %1 \u00b7 %2").arg(runId).arg(distinguishingName);
}

QStringList runLabels(const std::vector<const RunTrace*>& traces) {
    QStringList names;
    for (const RunTrace* trace : traces)
        names << trace->info().name;
    const QStringList shortNames = distinguishingNames(names);
    QStringList labels;
    for (std::size_t i = 0; i < traces.size(); ++i)
        labels << runLabel(traces[i]->info().runId, shortNames[static_cast<int>(i)]);
    return labels;
}

} // namespace tb::ui
