#include "ui/classes/ConfusionHeatMap.h"

#include "engine/util/ConfusionMatrix.h"
#include "ui/charts/PlotStyle.h"
#include "ui/theme/AccentColors.h"
#include "ui/util/Format.h"

#include <QEvent>
#include <QFontMetrics>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>
#include <algorithm>
#include <cmath>

namespace tb::ui {

namespace {

constexpr int kPad = 4;
// Even one sample in a cell must show against an empty one.
constexpr double kLeastStrength = 0.2;
// Labels and counts shrink this far before labels are thinned out and counts left out.
constexpr double kSmallestFontScale = 0.75;

QColor mix(const QColor& from, const QColor& to, double amount) {
    const auto blend = [amount](float a, float b) {
        return static_cast<float>(a + (b - a) * amount);
    };
    return QColor::fromRgbF(blend(from.redF(), to.redF()), blend(from.greenF(), to.greenF()),
                            blend(from.blueF(), to.blueF()));
}

/// Dark text on light fills, white on dark ones.
QColor textOn(const QColor& fill) {
    const double luminance = 0.299 * fill.red() + 0.587 * fill.green() + 0.114 * fill.blue();
    return luminance > 150 ? QColor(0x1a, 0x1a, 0x1a) : QColor(Qt::white);
}

/// `font` scaled by `scale` when that is below 1, but no smaller than kSmallestFontScale.
QFont shrunk(QFont font, double scale) {
    if (scale < 1.0 && font.pointSizeF() > 0)
        font.setPointSizeF(font.pointSizeF() * std::max(kSmallestFontScale, scale));
    return font;
}

QString imagesOf(std::int64_t count, const QString& name) {
    return count == 1 ? QObject::tr("1 %1 image").arg(name)
                      : QObject::tr("%1 %2 images").arg(QLocale().toString(count), name);
}

} // namespace

ConfusionHeatMap::ConfusionHeatMap(QWidget* parent)
    : QWidget(parent) {
    setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void ConfusionHeatMap::setMatrix(const tb::engine::ConfusionMatrix* matrix) {
    m_matrix = matrix;
    m_selected = {};
    m_hovered = {};
    relayout();
    updateGeometry();
    update();
}

void ConfusionHeatMap::setShowShares(bool shares) {
    m_shares = shares;
    relayout();
    update();
}

void ConfusionHeatMap::selectCell(Cell cell) {
    const int n = classCount();
    if (!cell.isValid() || cell.trueClass >= n || cell.predictedClass >= n || cell == m_selected)
        return;
    m_selected = cell;
    update();
    Q_EMIT cellSelected(cell.trueClass, cell.predictedClass);
}

int ConfusionHeatMap::classCount() const {
    return m_matrix ? m_matrix->classCount() : 0;
}

QString ConfusionHeatMap::className(int c) const {
    return QString::fromStdString(m_matrix->classNames()[static_cast<std::size_t>(c)]);
}

QString ConfusionHeatMap::cellText(Cell cell) const {
    if (!m_matrix || !cell.isValid())
        return {};
    const std::int64_t count = m_matrix->count(cell.trueClass, cell.predictedClass);
    if (!m_shares || count == 0)
        return QString::number(count);
    return formatPercent(static_cast<double>(count) /
                         static_cast<double>(m_matrix->support(cell.trueClass)));
}

QString ConfusionHeatMap::cellToolTip(Cell cell) const {
    if (!m_matrix || !cell.isValid())
        return {};
    const int t = cell.trueClass;
    const int p = cell.predictedClass;
    const std::int64_t count = m_matrix->count(t, p);
    const std::int64_t support = m_matrix->support(t);
    if (support == 0)
        return tr("The test split holds no %1 images").arg(className(t));
    const QString share =
        formatPercent(static_cast<double>(count) / static_cast<double>(support), 1);
    if (t == p)
        return tr("%1 (%2) recognised as %3")
            .arg(imagesOf(count, className(t)), share, className(p));
    return tr("%1 (%2) predicted as %3").arg(imagesOf(count, className(t)), share, className(p));
}

QColor ConfusionHeatMap::cellColor(Cell cell) const {
    const QColor base = palette().color(QPalette::Base);
    if (!m_matrix || !cell.isValid())
        return base;
    const std::int64_t count = m_matrix->count(cell.trueClass, cell.predictedClass);
    const std::int64_t support = m_matrix->support(cell.trueClass);
    if (count == 0)
        return base;
    const bool dark = isDark(palette());
    const QColor hue = cell.trueClass == cell.predictedClass
                           ? runColor(0, dark)
                           : (dark ? accent::kProblem.lighter(125) : accent::kProblem);
    // The square root spreads the few per cent most mistakes take over a visible range.
    const double share = static_cast<double>(count) / static_cast<double>(support);
    return mix(base, hue, kLeastStrength + (1.0 - kLeastStrength) * std::sqrt(share));
}

QRect ConfusionHeatMap::cellRect(Cell cell) const {
    if (!cell.isValid())
        return {};
    const Layout& l = m_layout;
    return {l.cells.left() + cell.predictedClass * l.cellWidth,
            l.cells.top() + cell.trueClass * l.cellHeight, l.cellWidth, l.cellHeight};
}

ConfusionHeatMap::Cell ConfusionHeatMap::cellAt(QPoint pos) const {
    const Layout& l = m_layout;
    if (!m_matrix || !l.cells.contains(pos) || l.cellWidth <= 0 || l.cellHeight <= 0)
        return {};
    const int n = classCount();
    return {std::min(n - 1, (pos.y() - l.cells.top()) / l.cellHeight),
            std::min(n - 1, (pos.x() - l.cells.left()) / l.cellWidth)};
}

int ConfusionHeatMap::labelAt(QPoint pos, bool& row) const {
    const Layout& l = m_layout;
    if (!m_matrix)
        return -1;
    if (pos.x() < l.cells.left() && pos.y() >= l.cells.top() && pos.y() <= l.cells.bottom()) {
        row = true;
        return (pos.y() - l.cells.top()) / l.cellHeight;
    }
    if (pos.y() < l.cells.top() && pos.x() >= l.cells.left() && pos.x() <= l.cells.right()) {
        row = false;
        return (pos.x() - l.cells.left()) / l.cellWidth;
    }
    return -1;
}

int ConfusionHeatMap::widestCellText(const QFontMetrics& metrics) const {
    int widest = 0;
    const int n = classCount();
    for (int t = 0; t < n; ++t)
        for (int p = 0; p < n; ++p)
            widest = std::max(widest, metrics.horizontalAdvance(cellText({t, p})));
    return widest;
}

void ConfusionHeatMap::relayout() {
    m_layout = Layout{};
    const int n = classCount();
    if (n == 0)
        return;
    Layout& l = m_layout;
    const QFontMetrics metrics(font());
    const int line = metrics.height();
    int widestName = 0;
    for (int c = 0; c < n; ++c)
        widestName = std::max(widestName, metrics.horizontalAdvance(className(c)));
    const int axisNames = std::max(metrics.horizontalAdvance(tr("predicted \u2192")),
                                   metrics.horizontalAdvance(tr("true \u2193")));
    const int rowLabels =
        std::max(std::min(widestName, 18 * metrics.averageCharWidth()), axisNames) + 2 * kPad;
    const QRect area = rect().adjusted(kPad, kPad, -kPad, -kPad);
    const int header = 2 * line + kPad;

    // Cells no taller than wide, at most three times as wide as tall, and not posters.
    const int largest = 5 * line;
    l.cellHeight = std::clamp((area.height() - header) / n, 2, largest);
    l.cellWidth = std::clamp((area.width() - rowLabels) / n, 2, largest * 3 / 2);
    l.cellHeight = std::min(l.cellHeight, l.cellWidth);
    l.cellWidth = std::min(l.cellWidth, 3 * l.cellHeight);
    const int left = area.left() + std::max(0, (area.width() - rowLabels - n * l.cellWidth) / 2);
    l.corner = QRect(left, area.top(), rowLabels - kPad, 2 * line);
    l.cells = QRect(left + rowLabels, area.top() + header, n * l.cellWidth, n * l.cellHeight);

    l.labelFont = shrunk(font(), static_cast<double>(l.cellHeight) / line);
    const QFontMetrics labels(l.labelFont);
    l.rowLabelStep = std::max(1, static_cast<int>(std::ceil(0.9 * labels.height() / l.cellHeight)));
    int widestLabel = 0;
    for (int c = 0; c < n; ++c)
        widestLabel = std::max(widestLabel, labels.horizontalAdvance(className(c)));
    const int shortest = labels.horizontalAdvance(QStringLiteral("Wwww"));
    if (widestLabel + kPad <= l.cellWidth) {
        l.columnLabelRoom = l.cellWidth - 2;
    } else if (2 * l.cellWidth - 2 * kPad >= shortest) {
        // Each label spans its neighbours' columns, whose labels sit on the other line.
        l.staggered = true;
        l.columnLabelRoom = 2 * l.cellWidth - 2 * kPad;
    } else {
        l.columnLabelStep =
            static_cast<int>(std::ceil(static_cast<double>(shortest + kPad) / l.cellWidth));
        l.columnLabelRoom = l.columnLabelStep * l.cellWidth - kPad;
    }
    // Counts may be set smaller than the names before they are left out.
    const int widestText = widestCellText(labels);
    l.cellFont = widestText + kPad > l.cellWidth
                     ? shrunk(l.labelFont, static_cast<double>(l.cellWidth - kPad) / widestText)
                     : l.labelFont;
    const QFontMetrics counts(l.cellFont);
    l.cellText =
        widestCellText(counts) + kPad <= l.cellWidth && counts.height() <= l.cellHeight + 3;
}

void ConfusionHeatMap::paintEvent(QPaintEvent*) {
    if (!m_matrix)
        return;
    QPainter painter(this);
    const Layout& l = m_layout;
    const int n = classCount();
    QColor zero = palette().color(QPalette::Text);
    zero.setAlphaF(0.35);
    painter.setFont(l.cellFont);
    // A one-pixel gap between cells while they are large enough to spare it.
    const int gap = l.cellWidth >= 8 && l.cellHeight >= 8 ? 1 : 0;
    for (int t = 0; t < n; ++t) {
        for (int p = 0; p < n; ++p) {
            const QRect r = cellRect({t, p}).adjusted(0, 0, -gap, -gap);
            const QColor fill = cellColor({t, p});
            painter.fillRect(r, fill);
            if (!l.cellText)
                continue;
            painter.setPen(m_matrix->count(t, p) == 0 ? zero : textOn(fill));
            painter.drawText(r, Qt::AlignCenter, cellText({t, p}));
        }
    }
    if (m_hovered.isValid() && m_hovered != m_selected) {
        QColor hover = palette().color(QPalette::Text);
        hover.setAlphaF(0.55);
        painter.setPen(QPen(hover, 1));
        painter.drawRect(cellRect(m_hovered).adjusted(0, 0, -1 - gap, -1 - gap));
    }
    if (m_selected.isValid()) {
        // Text-coloured with a rim of the background inside: it stands out on either hue.
        const QRect r = cellRect(m_selected).adjusted(0, 0, -gap, -gap);
        painter.setPen(QPen(palette().color(QPalette::Base), 1));
        painter.drawRect(r.adjusted(2, 2, -3, -3));
        painter.setPen(QPen(palette().color(QPalette::WindowText), 2));
        painter.drawRect(r.adjusted(1, 1, -1, -1));
    }
    paintLabels(painter);
}

void ConfusionHeatMap::paintLabels(QPainter& painter) {
    const Layout& l = m_layout;
    const int n = classCount();
    const QColor text = palette().color(QPalette::WindowText);
    QColor faint = text;
    faint.setAlphaF(0.6);
    QFont bold = l.labelFont;
    bold.setBold(true);

    painter.setFont(font());
    painter.setPen(faint);
    const int line = QFontMetrics(font()).height();
    painter.drawText(QRect(l.corner.left(), l.corner.top(), l.corner.width(), line),
                     Qt::AlignRight | Qt::AlignVCenter, tr("predicted \u2192"));
    painter.drawText(QRect(l.corner.left(), l.corner.top() + line, l.corner.width(), line),
                     Qt::AlignRight | Qt::AlignVCenter, tr("true \u2193"));

    // With labels thinned out, the selected cell's are shown, and their neighbours left out.
    const auto shown = [](int c, int step, int selected) {
        return c == selected || (c % step == 0 && (selected < 0 || std::abs(c - selected) >= step));
    };
    painter.setPen(text);
    for (int t = 0; t < n; ++t) {
        const bool selected = t == m_selected.trueClass;
        if (!shown(t, l.rowLabelStep, m_selected.trueClass))
            continue;
        painter.setFont(selected ? bold : l.labelFont);
        const QRect r(l.corner.left(), l.cells.top() + t * l.cellHeight, l.corner.width(),
                      l.cellHeight);
        painter.drawText(r, Qt::AlignRight | Qt::AlignVCenter,
                         painter.fontMetrics().elidedText(className(t), Qt::ElideRight, r.width()));
    }
    for (int p = 0; p < n; ++p) {
        const bool selected = p == m_selected.predictedClass;
        if (!shown(p, l.columnLabelStep, m_selected.predictedClass))
            continue;
        painter.setFont(selected ? bold : l.labelFont);
        // The line next to the matrix, or every other label on the line above it.
        const int top = l.corner.top() + (l.staggered && p % 2 == 0 ? 0 : line);
        const int centre = l.cells.left() + p * l.cellWidth + l.cellWidth / 2;
        const QString label =
            painter.fontMetrics().elidedText(className(p), Qt::ElideRight, l.columnLabelRoom);
        const int width = painter.fontMetrics().horizontalAdvance(label);
        // The outer labels keep clear of the corner and inside the widget.
        const int x = std::clamp(centre - width / 2, l.cells.left(),
                                 std::max(l.cells.left(), this->width() - kPad - width));
        painter.drawText(QRect(x, top, width, line), Qt::AlignCenter, label);
    }
}

bool ConfusionHeatMap::event(QEvent* event) {
    if (event->type() != QEvent::ToolTip)
        return QWidget::event(event);
    auto* help = static_cast<QHelpEvent*>(event);
    const Cell cell = cellAt(help->pos());
    bool row = false;
    const int label = cell.isValid() ? -1 : labelAt(help->pos(), row);
    if (cell.isValid()) {
        QToolTip::showText(help->globalPos(), cellToolTip(cell), this, cellRect(cell));
    } else if (label >= 0) {
        const QString text =
            row ? tr("%1: %2 in the test split")
                      .arg(className(label), imagesOf(m_matrix->support(label), className(label)))
                : tr("Predicted as %1: %2 test images")
                      .arg(className(label), QLocale().toString(m_matrix->predictedAs(label)));
        QToolTip::showText(help->globalPos(), text, this);
    } else {
        QToolTip::hideText();
        event->ignore();
    }
    return true;
}

void ConfusionHeatMap::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    relayout();
}

void ConfusionHeatMap::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    // The colours are taken from the palette as the cells are painted; the font sets the size
    // of everything.
    if (event->type() == QEvent::FontChange)
        relayout();
    if (event->type() == QEvent::FontChange || event->type() == QEvent::PaletteChange)
        update();
}

void ConfusionHeatMap::mouseMoveEvent(QMouseEvent* event) {
    const Cell cell = cellAt(event->pos());
    if (cell != m_hovered) {
        m_hovered = cell;
        update();
    }
}

void ConfusionHeatMap::mousePressEvent(QMouseEvent* event) {
    if (event->button() == Qt::LeftButton)
        selectCell(cellAt(event->pos()));
}

void ConfusionHeatMap::leaveEvent(QEvent*) {
    m_hovered = {};
    update();
}

void ConfusionHeatMap::keyPressEvent(QKeyEvent* event) {
    Cell cell = m_selected;
    switch (event->key()) {
    case Qt::Key_Up:
        --cell.trueClass;
        break;
    case Qt::Key_Down:
        ++cell.trueClass;
        break;
    case Qt::Key_Left:
        --cell.predictedClass;
        break;
    case Qt::Key_Right:
        ++cell.predictedClass;
        break;
    default:
        QWidget::keyPressEvent(event);
        return;
    }
    if (m_selected.isValid())
        selectCell(cell);
}

QSize ConfusionHeatMap::sizeHint() const {
    const QFontMetrics metrics(font());
    const int n = std::max(classCount(), 2);
    const int cellWidth = std::max(widestCellText(metrics) + 2 * kPad, 3 * metrics.height());
    return {20 * metrics.averageCharWidth() + n * cellWidth,
            3 * metrics.height() + n * (metrics.height() + kPad)};
}

QSize ConfusionHeatMap::minimumSizeHint() const {
    const QFontMetrics metrics(font());
    return {24 * metrics.averageCharWidth(), 8 * metrics.height()};
}

} // namespace tb::ui
