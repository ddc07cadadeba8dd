#include "ui/runs/RunTablePanel.h"

#include "engine/store/RunStore.h"
#include "ui/runs/Workspace.h"
#include "ui/theme/GlyphIcons.h"
#include "ui/util/Format.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace tb::ui {

RunTablePanel::RunTablePanel(Workspace& workspace, const QString& title, QWidget* parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_titleRow(new QHBoxLayout)
    , m_table(new QTableWidget(this))
    , m_message(new QLabel(this)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    auto* titleLabel = new QLabel(title, this);
    titleLabel->setWordWrap(true);
    m_titleRow->addWidget(titleLabel, 1);
    auto* refreshButton = new QToolButton(this);
    refreshButton->setIcon(glyphIcon(Glyph::Refresh));
    refreshButton->setToolTip(tr("Read the workspace again"));
    m_titleRow->addWidget(refreshButton);
    layout->addLayout(m_titleRow);

    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->setVisible(false);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    // A long config or run name is cut (its tooltip has it whole), not the figures beside it.
    m_table->horizontalHeader()->setMaximumSectionSize(m_table->fontMetrics().averageCharWidth() *
                                                       48);
    layout->addWidget(m_table, 1);
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_message);

    connect(refreshButton, &QToolButton::clicked, this, &RunTablePanel::refresh);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_table, &QTableWidget::customContextMenuRequested, this, [this](const QPoint& at) {
        const QTableWidgetItem* item = m_table->itemAt(at);
        if (const auto menu = item ? contextMenuFor(*item) : nullptr)
            menu->exec(m_table->viewport()->mapToGlobal(at));
    });
    connect(&m_workspace, &Workspace::opened, this, &RunTablePanel::refresh);
    connect(&m_workspace, &Workspace::runsChanged, this, &RunTablePanel::refresh);
}

void RunTablePanel::refresh() {
    const tb::engine::RunStore* store = m_workspace.store();
    if (!store)
        return;
    try {
        read(*store);
        m_readError.clear();
    } catch (const tb::engine::StoreError& e) {
        m_readError = toQString(e.what());
    }
    showRead();
}

void RunTablePanel::showRead() {
    fillTable();
    const QStringList lines = m_readError.isEmpty()
                                  ? messageLines()
                                  : QStringList{tr("Cannot read the runs: %1").arg(m_readError)};
    // A label as tall as a long list would make the window as tall: all in the tooltip.
    constexpr qsizetype kShownLines = 8;
    m_message->setText(firstLines(lines, kShownLines).join('\n'));
    m_message->setToolTip(lines.size() > kShownLines ? lines.join('\n') : QString());
    m_message->setVisible(!lines.isEmpty());
}

void RunTablePanel::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    refresh();
}

QSize RunTablePanel::sizeHint() const {
    return {900, 240};
}

} // namespace tb::ui
