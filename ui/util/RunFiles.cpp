#include "ui/util/RunFiles.h"

#include <QObject>
#include <QStringList>

namespace tb::ui {

QString missingRunFileText(const QString& path, const QString& what) {
    // Most often a run merged from another machine whose files stayed there.
    return QObject::tr("%1 is not there: it was deleted, or the run was trained on another "
                       "machine and its workspace's .artifacts folder was not copied beside "
                       "that workspace file before merging it. Copy the folder there to see %2.")
        .arg(path, what);
}

QString shapeText(const std::vector<std::int64_t>& shape) {
    QStringList sizes;
    for (const auto size : shape)
        sizes << QString::number(size);
    return "[" + sizes.join(", ") + "]";
}

} // namespace tb::ui
