// How compared runs are named where space is short: legends and column headers.
#pragma once

#include <QString>
#include <QStringList>
#include <vector>

namespace tb::ui {

class RunTrace;

/// What tells runs apart in their names: where every name is `base (values)` with one base,
/// as a sweep names its runs (`mlp (train.batch_size=64, seed=1)`), the values; otherwise the
/// names as they are. One name stays whole.
QStringList distinguishingNames(const QStringList& names);

/// `Run 3 · train.batch_size=64`: the run's id and its distinguishing name.
QString runLabel(qint64 runId, const QString& distinguishingName);

/// The runLabel of each of `traces`, told apart from the others.
QStringList runLabels(const std::vector<const RunTrace*>& traces);

} // namespace tb::ui
