#include "ui/devices/DevicePicker.h"

#include "engine/devices/DeviceInfo.h"
#include "ui/config/ConfigDocument.h"
#include "ui/theme/GlyphIcons.h"
#include "ui/util/Format.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSignalBlocker>
#include <QStyle>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <algorithm>

namespace tb::ui {

namespace {

enum Column { Name, Memory, Utilization, ColumnCount };
constexpr int kIdRole = Qt::UserRole;
constexpr int kReasonRole = Qt::UserRole + 1; // a reason row's text, unwrapped

QString memoryText(const tb::engine::DeviceInfo& device) {
    if (device.memoryTotalBytes < 0)
        return QObject::tr("unknown");
    if (device.memoryFreeBytes < 0)
        return formatBytes(device.memoryTotalBytes);
    return QObject::tr("%1 free of %2")
        .arg(formatBytes(device.memoryFreeBytes), formatBytes(device.memoryTotalBytes));
}

QString utilizationText(const tb::engine::DeviceInfo& device) {
    return device.utilizationPct < 0 ? QStringLiteral("\u2013")
                                     : QStringLiteral("%1 %").arg(device.utilizationPct, 0, 'f', 0);
}

QString tooltipFor(const tb::engine::DeviceInfo& device) {
    QStringList lines{QStringLiteral("<b>%1</b> (%2)")
                          .arg(toQString(device.name).toHtmlEscaped(), toQString(device.id))};
    if (!device.available)
        lines << QObject::tr("Cannot be used: %1")
                     .arg(toQString(device.unavailableReason).toHtmlEscaped());
    if (!device.driverVersion.empty())
        lines << QObject::tr("Driver %1").arg(toQString(device.driverVersion));
    if (!device.runtimeVersion.empty())
        lines << QObject::tr("Runtime %1").arg(toQString(device.runtimeVersion));
    return lines.join(QStringLiteral("<br>"));
}

void fillItem(QTreeWidgetItem& item, const tb::engine::DeviceInfo& device) {
    item.setData(Name, kIdRole, toQString(device.id));
    item.setText(
        Name, QStringLiteral("%1  \u2014  %2").arg(toQString(device.id), toQString(device.name)));
    item.setText(Memory, memoryText(device));
    item.setText(Utilization, utilizationText(device));
    item.setTextAlignment(Utilization, Qt::AlignRight | Qt::AlignVCenter);
    for (int c = 0; c < ColumnCount; ++c)
        item.setToolTip(c, tooltipFor(device));
}

QTreeWidgetItem* createItem(const tb::engine::DeviceInfo& device) {
    auto* item = new QTreeWidgetItem;
    fillItem(*item, device);
    if (!device.available) {
        item->setFlags(item->flags() & ~(Qt::ItemIsEnabled | Qt::ItemIsSelectable));
        // The reason on its own line, so it reads without hovering.
        auto* reason = new QTreeWidgetItem(item);
        reason->setData(Name, kReasonRole, toQString(device.unavailableReason));
        reason->setText(Name, toQString(device.unavailableReason));
        reason->setFlags(Qt::NoItemFlags);
        reason->setToolTip(Name, tooltipFor(device));
    }
    return item;
}

/// `text` broken at spaces into lines no wider than `width` (a word wider than that alone).
QString wrapped(const QString& text, const QFontMetrics& metrics, int width) {
    QStringList lines;
    QString line;
    for (const QString& word : text.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        const QString longer = line.isEmpty() ? word : line + QLatin1Char(' ') + word;
        if (!line.isEmpty() && metrics.horizontalAdvance(longer) > width) {
            lines << line;
            line = word;
        } else {
            line = longer;
        }
    }
    if (!line.isEmpty())
        lines << line;
    return lines.join(QLatin1Char('\n'));
}

/// Whether the tree lists exactly these devices, usable as before.
bool sameDevices(const QTreeWidget& tree, const std::vector<tb::engine::DeviceInfo>& devices) {
    if (tree.topLevelItemCount() != static_cast<int>(devices.size()))
        return false;
    for (std::size_t i = 0; i < devices.size(); ++i) {
        const QTreeWidgetItem* item = tree.topLevelItem(static_cast<int>(i));
        if (item->data(Name, kIdRole).toString() != toQString(devices[i].id) ||
            item->flags().testFlag(Qt::ItemIsEnabled) != devices[i].available)
            return false;
    }
    return true;
}

} // namespace

DevicePicker::DevicePicker(ConfigDocument& document, QWidget* parent)
    : QWidget(parent)
    , m_document(document)
    , m_tree(new QTreeWidget(this)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    auto* header = new QHBoxLayout;
    header->addWidget(new QLabel(tr("Train on:"), this), 1);
    auto* refreshButton = new QToolButton(this);
    refreshButton->setIcon(glyphIcon(Glyph::Refresh));
    refreshButton->setToolTip(tr("Look for devices again"));
    header->addWidget(refreshButton);
    layout->addLayout(header);

    m_tree->setColumnCount(ColumnCount);
    m_tree->setHeaderLabels({tr("Device"), tr("Memory"), tr("Use")});
    m_tree->setRootIsDecorated(false);
    m_tree->setItemsExpandable(false);
    m_tree->viewport()->installEventFilter(this);
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(Name, QHeaderView::Stretch);
    m_tree->header()->setSectionResizeMode(Memory, QHeaderView::ResizeToContents);
    m_tree->header()->setSectionResizeMode(Utilization, QHeaderView::ResizeToContents);
    layout->addWidget(m_tree);

    m_refreshTimer.setInterval(kRefreshIntervalMs);
    connect(&m_refreshTimer, &QTimer::timeout, this, &DevicePicker::refresh);
    connect(refreshButton, &QToolButton::clicked, this, &DevicePicker::refresh);
    connect(m_tree, &QTreeWidget::itemClicked, this, &DevicePicker::onItemClicked);
    connect(&m_document, &ConfigDocument::changed, this, &DevicePicker::selectConfiguredDevice);
    refresh();
}

void DevicePicker::refresh() {
    const std::vector<tb::engine::DeviceInfo> devices = tb::engine::listDevices();
    const QSignalBlocker blocker(m_tree);
    // Updating in place keeps hover, scroll and focus still on the periodic refresh.
    if (sameDevices(*m_tree, devices)) {
        for (std::size_t i = 0; i < devices.size(); ++i)
            fillItem(*m_tree->topLevelItem(static_cast<int>(i)), devices[i]);
        return;
    }
    m_tree->clear();
    for (const tb::engine::DeviceInfo& device : devices) {
        QTreeWidgetItem* item = createItem(device);
        m_tree->addTopLevelItem(item);
        // Spanning takes effect only on an item in a tree.
        if (item->childCount() > 0)
            item->child(0)->setFirstColumnSpanned(true);
    }
    m_tree->expandAll();
    wrapReasons();
    selectConfiguredDevice();
}

// A row spanning the columns does not wrap its text by itself: the reasons are broken into
// lines that fit the tree's width, so that they read whole in a narrow dock.
void DevicePicker::wrapReasons() {
    const int width = m_tree->viewport()->width() - m_tree->indentation() -
                      2 * m_tree->style()->pixelMetric(QStyle::PM_FocusFrameHMargin) - 4;
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
        QTreeWidgetItem* item = m_tree->topLevelItem(i);
        if (item->childCount() == 0)
            continue;
        QTreeWidgetItem* reason = item->child(0);
        reason->setText(Name, wrapped(reason->data(Name, kReasonRole).toString(),
                                      m_tree->fontMetrics(), std::max(width, 40)));
    }
}

bool DevicePicker::eventFilter(QObject* watched, QEvent* event) {
    if (watched == m_tree->viewport() && event->type() == QEvent::Resize)
        wrapReasons();
    return QWidget::eventFilter(watched, event);
}

void DevicePicker::selectConfiguredDevice() {
    const QString configured = toQString(m_document.config().getString("device"));
    const QSignalBlocker blocker(m_tree);
    m_tree->clearSelection();
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
        QTreeWidgetItem* item = m_tree->topLevelItem(i);
        const QString id = item->data(Name, kIdRole).toString();
        // `cuda` means the first CUDA device.
        if (id == configured || id == configured + QStringLiteral(":0")) {
            item->setSelected(true);
            m_tree->setCurrentItem(item);
        }
    }
}

void DevicePicker::onItemClicked(QTreeWidgetItem* item) {
    const QString id = item->data(Name, kIdRole).toString();
    if (id.isEmpty() || !(item->flags() & Qt::ItemIsEnabled))
        return;
    m_document.setValue("device", id.toStdString(), this);
}

void DevicePicker::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    m_refreshTimer.start();
}

void DevicePicker::hideEvent(QHideEvent* event) {
    QWidget::hideEvent(event);
    m_refreshTimer.stop();
}

QSize DevicePicker::sizeHint() const {
    return {440, 170};
}

} // namespace tb::ui
