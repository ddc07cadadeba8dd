#include "ui/classes/ClassScoresModel.h"

#include "engine/util/ConfusionMatrix.h"
#include "ui/util/Format.h"

#include <QLocale>

namespace tb::ui {

namespace {

QString score(double value) {
    return QString::number(value, 'f', 3);
}

} // namespace

void ClassScoresModel::setMatrix(const tb::engine::ConfusionMatrix* matrix) {
    beginResetModel();
    m_matrix = matrix;
    endResetModel();
}

int ClassScoresModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() || !m_matrix ? 0 : m_matrix->classCount();
}

int ClassScoresModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QString ClassScoresModel::name(int c) const {
    return QString::fromStdString(m_matrix->classNames()[static_cast<std::size_t>(c)]);
}

QVariant ClassScoresModel::data(const QModelIndex& index, int role) const {
    if (!m_matrix || !index.isValid())
        return {};
    const int c = index.row();
    switch (role) {
    case Qt::DisplayRole:
        return displayText(c, index.column());
    case kSortRole:
        return sortValue(c, index.column());
    case Qt::ToolTipRole:
        return toolTip(c, index.column());
    case Qt::TextAlignmentRole:
        return QVariant::fromValue(index.column() == Name || index.column() == TakenFor
                                       ? Qt::AlignLeft | Qt::AlignVCenter
                                       : Qt::AlignRight | Qt::AlignVCenter);
    default:
        return {};
    }
}

QVariant ClassScoresModel::displayText(int c, int column) const {
    switch (column) {
    case Name:
        return name(c);
    case Images:
        return QLocale().toString(m_matrix->support(c));
    case Precision:
        return score(m_matrix->precision(c));
    case Recall:
        return score(m_matrix->recall(c));
    case F1:
        return score(m_matrix->f1(c));
    case TakenFor: {
        const int other = m_matrix->mostConfusedWith(c);
        return other < 0
                   ? QStringLiteral("\u2014")
                   : tr("%1 (%2)").arg(name(other), QLocale().toString(m_matrix->count(c, other)));
    }
    default:
        return {};
    }
}

QVariant ClassScoresModel::sortValue(int c, int column) const {
    switch (column) {
    case Name:
        return name(c);
    case Images:
        return static_cast<qlonglong>(m_matrix->support(c));
    case Precision:
        return m_matrix->precision(c);
    case Recall:
        return m_matrix->recall(c);
    case F1:
        return m_matrix->f1(c);
    case TakenFor: {
        const int other = m_matrix->mostConfusedWith(c);
        return static_cast<qlonglong>(other < 0 ? 0 : m_matrix->count(c, other));
    }
    default:
        return {};
    }
}

QVariant ClassScoresModel::toolTip(int c, int column) const {
    const QLocale locale;
    const std::int64_t right = m_matrix->count(c, c);
    switch (column) {
    case Precision:
        if (m_matrix->predictedAs(c) == 0)
            return tr("No test image was predicted as %1: its precision counts as 0").arg(name(c));
        return tr("Of the %1 test images predicted as %2, %3 are %2")
            .arg(locale.toString(m_matrix->predictedAs(c)), name(c), locale.toString(right));
    case Recall:
        if (m_matrix->support(c) == 0)
            return tr("The test split holds no %1 images: its recall counts as 0").arg(name(c));
        return tr("Of the %1 %2 test images, %3 were predicted as %2")
            .arg(locale.toString(m_matrix->support(c)), name(c), locale.toString(right));
    case F1:
        return tr("The harmonic mean of precision and recall");
    case TakenFor: {
        const int other = m_matrix->mostConfusedWith(c);
        if (other < 0)
            return tr("Every %1 test image was predicted right").arg(name(c));
        const std::int64_t count = m_matrix->count(c, other);
        return tr("%1 of the %2 %3 test images (%4) were predicted as %5")
            .arg(locale.toString(count), locale.toString(m_matrix->support(c)), name(c),
                 formatPercent(
                     static_cast<double>(count) / static_cast<double>(m_matrix->support(c)), 1),
                 name(other));
    }
    default:
        return {};
    }
}

QVariant ClassScoresModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::TextAlignmentRole)
        return QVariant::fromValue(section == Name || section == TakenFor
                                       ? Qt::AlignLeft | Qt::AlignVCenter
                                       : Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case Images:
            return tr("The class's test images (its row of the matrix)");
        case Precision:
            return tr("Of the images predicted as the class, the share that are");
        case Recall:
            return tr("Of the class's images, the share predicted as the class");
        case TakenFor:
            return tr("The class its images are most often predicted as, and how many are; "
                      "click a row to see them");
        default:
            return {};
        }
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name:
        return tr("Class");
    case Images:
        return tr("Images");
    case Precision:
        return tr("Precision");
    case Recall:
        return tr("Recall");
    case F1:
        return tr("F1");
    case TakenFor:
        return tr("Most often taken for");
    default:
        return {};
    }
}

} // namespace tb::ui
