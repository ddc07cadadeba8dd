#include "ui/charts/RunLegend.h"

#include "ui/charts/PlotStyle.h"
#include "ui/trace/RunLabels.h"
#include "ui/trace/RunTrace.h"
#include "ui/util/FlowLayout.h"

#include <QCheckBox>
#include <QEvent>
#include <QMenu>
#include <algorithm>

namespace tb::ui {

RunLegend::RunLegend(QWidget* parent)
    : QScrollArea(parent)
    , m_list(new QWidget(this))
    , m_flow(new FlowLayout(m_list)) {
    setWidget(m_list);
    setWidgetResizable(true);
    setFrameShape(QFrame::NoFrame);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    // Without a layout of its own: the layout it sits in then asks heightForWidth() below.
    QSizePolicy policy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    policy.setHeightForWidth(true);
    setSizePolicy(policy);
}

int RunLegend::heightForWidth(int width) const {
    if (m_entries.empty())
        return 0;
    const int line = m_entries.front()->sizeHint().height();
    const int most = kMaxLines * line + (kMaxLines - 1) * m_flow->verticalSpacing();
    return std::min(m_flow->heightForWidth(width), most);
}

QSize RunLegend::sizeHint() const {
    return {m_flow->sizeHint().width(), heightForWidth(width())};
}

void RunLegend::setTraces(const std::vector<const RunTrace*>& traces) {
    for (QCheckBox* entry : m_entries)
        delete entry;
    m_entries.clear();
    const QStringList labels = runLabels(traces);
    for (int run = 0; run < labels.size(); ++run) {
        auto* entry = new QCheckBox(labels[run], m_list);
        entry->setChecked(true);
        entry->setToolTip(
            tr("%1\nUntick to hide this run in every chart; right-click to show it alone.")
                .arg(traces[static_cast<std::size_t>(run)]->info().name));
        connect(entry, &QCheckBox::toggled, this,
                [this, run](bool shown) { Q_EMIT runShownChanged(run, shown); });
        entry->setContextMenuPolicy(Qt::CustomContextMenu);
        connect(entry, &QWidget::customContextMenuRequested, this, [this, run, entry](QPoint at) {
            QMenu menu;
            menu.addAction(tr("Show only this run"), this, [this, run] { showOnly(run); });
            menu.addAction(tr("Show every run"), this, [this] { showOnly(-1); });
            menu.exec(entry->mapToGlobal(at));
        });
        m_flow->addWidget(entry);
        m_entries.push_back(entry);
    }
    paintSwatches();
    updateGeometry();
}

QStringList RunLegend::labels() const {
    QStringList labels;
    for (const QCheckBox* entry : m_entries)
        labels << entry->text();
    return labels;
}

bool RunLegend::isRunShown(int run) const {
    return run < 0 || run >= static_cast<int>(m_entries.size()) ||
           m_entries[static_cast<std::size_t>(run)]->isChecked();
}

void RunLegend::setRunShown(int run, bool shown) {
    if (run >= 0 && run < static_cast<int>(m_entries.size()))
        m_entries[static_cast<std::size_t>(run)]->setChecked(shown);
}

void RunLegend::showOnly(int run) {
    for (std::size_t i = 0; i < m_entries.size(); ++i)
        m_entries[i]->setChecked(run < 0 || static_cast<int>(i) == run);
}

void RunLegend::changeEvent(QEvent* event) {
    QScrollArea::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        paintSwatches();
}

void RunLegend::paintSwatches() {
    const bool dark = isDark(palette());
    const int height = fontMetrics().height() * 3 / 4;
    for (std::size_t run = 0; run < m_entries.size(); ++run) {
        m_entries[run]->setIcon(runSwatch(static_cast<int>(run), dark, height));
        m_entries[run]->setIconSize(QSize(2 * height, height));
    }
}

} // namespace tb::ui
