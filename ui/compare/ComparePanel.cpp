#include "ui/compare/ComparePanel.h"

#include "engine/store/RunStore.h"
#include "ui/charts/ChartPanel.h"
#include "ui/charts/MetricChart.h"
#include "ui/charts/PlotStyle.h"
#include "ui/compare/TableText.h"
#include "ui/runs/RunsTableModel.h"
#include "ui/runs/Workspace.h"
#include "ui/theme/GlyphIcons.h"
#include "ui/trace/RunLabels.h"
#include "ui/trace/RunTrace.h"
#include "ui/trace/RunTraceLoader.h"
#include "ui/util/Format.h"

#include <QCheckBox>
#include <QClipboard>
#include <QElapsedTimer>
#include <QEvent>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QScrollBar>
#include <QSettings>
#include <QSplitter>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

namespace tb::ui {

using tb::engine::ComparedField;
using tb::engine::ComparedMetric;
using tb::engine::RunRecord;

namespace {

constexpr int kMaxColumnWidth = 320;
constexpr int kSwatchHeight = 12;

/// Stored as running, paused or not started yet: its curves may still grow.
bool isLive(const RunTrace& trace) {
    return !tb::engine::hasEnded(
        tb::engine::runStatusFromString(trace.info().status.toStdString()));
}

std::vector<std::int64_t> storeIds(const QList<qint64>& runIds) {
    return {runIds.begin(), runIds.end()};
}

QString statusText(const RunRecord& run) {
    const QString status = QString::fromUtf8(tb::engine::toString(run.status));
    return run.statusReason.empty()
               ? status
               : QStringLiteral("%1: %2").arg(status, toQString(run.statusReason));
}

} // namespace

ComparePanel::ComparePanel(Workspace& workspace, QWidget* parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_message(new QLabel(this))
    , m_everyField(new QCheckBox(tr("Every config &field"), this))
    , m_table(new QTableWidget(this))
    , m_charts(new ChartPanel(this)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);

    auto* top = new QHBoxLayout;
    top->setContentsMargins(6, 6, 6, 0);
    m_message->setObjectName(QStringLiteral("compareMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    top->addWidget(m_message, 1);
    m_everyField->setToolTip(tr("List every config field, not only those that differ; the "
                                "fields that differ stay in bold"));
    m_everyField->setChecked(QSettings().value("compare/everyField", false).toBool());
    top->addWidget(m_everyField);
    auto* reloadButton = new QToolButton(this);
    reloadButton->setIcon(glyphIcon(Glyph::Refresh));
    reloadButton->setToolTip(tr("Read the compared runs again (a run still training has "
                                "moved on)"));
    top->addWidget(copyButton());
    top->addWidget(reloadButton);
    layout->addLayout(top);

    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionMode(QAbstractItemView::ContiguousSelection);
    m_table->setTextElideMode(Qt::ElideMiddle);
    m_table->setWordWrap(false);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_table->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);

    m_charts->setPlaceholderText(
        tr("<p style='font-size:large'>No runs to compare yet.</p>"
           "<p>Select two or more runs in the Runs panel (Ctrl+click, Shift+click) and press "
           "<b>Compare</b>,<br>or choose <b>Compare selected runs</b> from its context "
           "menu.</p>"));

    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_table);
    splitter->addWidget(m_charts);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 5);
    splitter->setChildrenCollapsible(false);
    layout->addWidget(splitter, 1);

    connect(m_everyField, &QCheckBox::toggled, this, [this](bool on) {
        QSettings().setValue("compare/everyField", on);
        fillTable();
    });
    connect(reloadButton, &QToolButton::clicked, this, &ComparePanel::reload);
    m_followTimer.setSingleShot(true);
    connect(&m_followTimer, &QTimer::timeout, this, [this] {
        // Behind another tab nothing is read; showEvent() catches up.
        if (isVisible())
            followLiveRuns();
        else
            m_followTimer.start(kFollowIntervalMs);
    });
    // Run ids name runs of one workspace file: another file's run 3 is another run.
    connect(&m_workspace, &Workspace::opened, this, [this] { compare({}); });
    compare({});
}

ComparePanel::~ComparePanel() {
    // The charts point into the traces: let go of them first.
    m_charts->setTraces({});
}

QToolButton* ComparePanel::copyButton() {
    auto* button = new QToolButton(this);
    button->setText(tr("Copy"));
    button->setToolTip(tr("Copy the table, to paste into notes, an issue or a spreadsheet"));
    button->setPopupMode(QToolButton::InstantPopup);
    auto* menu = new QMenu(button);
    menu->addAction(tr("As &Markdown"), this,
                    [this] { QGuiApplication::clipboard()->setText(tableAsMarkdown(*m_table)); });
    menu->addAction(tr("As &tab-separated text (spreadsheets)"), this, [this] {
        QGuiApplication::clipboard()->setText(tableAsTabSeparated(*m_table));
    });
    button->setMenu(menu);
    return button;
}

void ComparePanel::setShowEveryField(bool on) {
    m_everyField->setChecked(on);
}

void ComparePanel::compare(const QList<qint64>& runIds) {
    m_runIds = runIds;
    reload();
}

void ComparePanel::reload() {
    m_followTimer.stop();
    m_charts->setTraces({});
    m_traces.clear();
    m_comparison = {};
    const tb::engine::RunStore* store = m_workspace.store();
    if (m_runIds.isEmpty() || !store) {
        showMessage(tr("Select two or more runs in the Runs panel to compare them."));
        fillTable();
        return;
    }
    QElapsedTimer clock;
    clock.start();
    try {
        m_comparison = tb::engine::compareRuns(*store, storeIds(m_runIds));
        for (const qint64 id : m_runIds) {
            m_traces.push_back(std::make_unique<RunTrace>());
            loadRunTrace(*store, id, *m_traces.back());
        }
    } catch (const tb::engine::StoreError& e) {
        m_traces.clear();
        m_comparison = {};
        showMessage(tr("Cannot compare these runs: %1").arg(toQString(e.what())));
        fillTable();
        return;
    }
    std::vector<RunTrace*> traces;
    for (const auto& trace : m_traces)
        traces.push_back(trace.get());
    m_charts->setTraces(traces);

    QStringList notes;
    for (const std::string& note : m_comparison.notes)
        notes << toQString(note).toHtmlEscaped();
    showMessage(notes.isEmpty()
                    ? QString()
                    : tr("Some fields cannot be shown: %1").arg(notes.join(QStringLiteral("; "))));
    fillTable();
    followIfLive(clock.elapsed());
}

void ComparePanel::followLiveRuns() {
    m_followTimer.stop();
    const tb::engine::RunStore* store = m_workspace.store();
    if (!store || m_traces.size() != static_cast<std::size_t>(m_runIds.size()))
        return;
    QElapsedTimer clock;
    clock.start();
    try {
        for (std::size_t i = 0; i < m_traces.size(); ++i) {
            if (!isLive(*m_traces[i]))
                continue;
            RunTrace newer;
            loadRunTrace(*store, m_runIds[static_cast<int>(i)], newer);
            m_traces[i]->replaceWith(newer);
        }
        m_comparison = tb::engine::compareRuns(*store, storeIds(m_runIds));
    } catch (const tb::engine::StoreError& e) {
        showMessage(tr("Stopped following the runs still training: %1; press Reload to try "
                       "again")
                        .arg(toQString(e.what())));
        return;
    }
    refillTableKeepingView();
    followIfLive(clock.elapsed());
}

void ComparePanel::followIfLive(qint64 lastReadMs) {
    if (std::none_of(m_traces.begin(), m_traces.end(),
                     [](const auto& trace) { return isLive(*trace); }))
        return;
    // A long run takes a while to read again: its reading stays a small share of the GUI
    // thread's time.
    m_followTimer.start(static_cast<int>(std::max<qint64>(kFollowIntervalMs, 20 * lastReadMs)));
}

void ComparePanel::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    if (following())
        followLiveRuns();
}

void ComparePanel::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    // The swatches and section rows take the palette's colours when filled.
    if (event->type() == QEvent::PaletteChange)
        fillTable();
}

void ComparePanel::showMessage(const QString& text) {
    m_message->setText(text);
    m_message->setVisible(!text.isEmpty());
}

void ComparePanel::fillTable() {
    m_table->clear();
    m_table->setRowCount(0);
    const auto& runs = m_comparison.runs;
    m_table->setColumnCount(static_cast<int>(runs.size()));
    const bool dark = isDark(palette());
    QStringList names;
    for (const RunRecord& run : runs)
        names << toQString(run.name);
    const QStringList shortNames = distinguishingNames(names);
    for (std::size_t i = 0; i < runs.size(); ++i) {
        const int column = static_cast<int>(i);
        auto* header = new QTableWidgetItem(runSwatch(column, dark, kSwatchHeight),
                                            runLabel(runs[i].id, shortNames[column]));
        header->setToolTip(
            tr("Run %1, %2: the colour of its curves below").arg(runs[i].id).arg(names[column]));
        m_table->setHorizontalHeaderItem(static_cast<int>(i), header);
    }
    if (runs.empty())
        return;

    addSectionRow(tr("Run"));
    QStringList status, device, duration;
    for (const RunRecord& run : runs) {
        status << statusText(run);
        device << (run.deviceName.empty()
                       ? toQString(run.device)
                       : tr("%1 \u00b7 %2").arg(toQString(run.device), toQString(run.deviceName)));
        duration << formatDuration(RunsTableModel::durationS(run));
    }
    addRow(tr("status"), status, -1, false);
    addRow(tr("device"), device, -1, false);
    addRow(tr("duration"), duration, -1, false);
    addSpeedRows();

    addSectionRow(tr("Final metrics (best in bold)"));
    addMetricRows(m_comparison.metrics);
    if (!m_comparison.classF1.empty()) {
        addSectionRow(tr("Test F1 per class (best in bold)"));
        addMetricRows(m_comparison.classF1);
    }

    const auto differing = m_comparison.differingFields();
    const bool every = m_everyField->isChecked();
    if (every)
        addSectionRow(tr("Config: every field (those that differ in bold)"));
    else if (differing.empty())
        addSectionRow(tr("Config: identical (tick \u201cEvery config field\u201d to see it)"));
    else
        addSectionRow(differing.size() == 1
                          ? tr("Config: the field that differs")
                          : tr("Config: the %1 fields that differ").arg(differing.size()));
    for (const ComparedField& field : m_comparison.config) {
        if (!every && !field.differs)
            continue;
        QStringList cells;
        for (const std::string& value : field.values)
            cells << (value.empty() ? QStringLiteral("\u2013") : toQString(value));
        addRow(toQString(field.key), cells, -1, every && field.differs);
    }
    // Wide enough for names and values, but a long path must not push the other runs away.
    m_table->resizeColumnsToContents();
    for (int column = 0; column < m_table->columnCount(); ++column)
        m_table->setColumnWidth(column, std::min(m_table->columnWidth(column), kMaxColumnWidth));
}

void ComparePanel::refillTableKeepingView() {
    const int vertical = m_table->verticalScrollBar()->value();
    const int horizontal = m_table->horizontalScrollBar()->value();
    const QList<QTableWidgetSelectionRange> selected = m_table->selectedRanges();
    QList<int> widths;
    for (int column = 0; column < m_table->columnCount(); ++column)
        widths << m_table->columnWidth(column);
    fillTable();
    for (int column = 0; column < widths.size() && column < m_table->columnCount(); ++column)
        m_table->setColumnWidth(column, widths[column]);
    for (const QTableWidgetSelectionRange& range : selected)
        m_table->setRangeSelected(range, true);
    m_table->verticalScrollBar()->setValue(vertical);
    m_table->horizontalScrollBar()->setValue(horizontal);
}

void ComparePanel::addSectionRow(const QString& title) {
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    auto* header = new QTableWidgetItem(title);
    QFont bold = font();
    bold.setBold(true);
    header->setFont(bold);
    m_table->setVerticalHeaderItem(row, header);
    auto* filler = new QTableWidgetItem;
    filler->setFlags(Qt::NoItemFlags);
    filler->setBackground(palette().brush(QPalette::AlternateBase));
    m_table->setItem(row, 0, filler);
    if (m_table->columnCount() > 1)
        m_table->setSpan(row, 0, 1, m_table->columnCount());
}

void ComparePanel::addSpeedRows() {
    if (!m_comparison.speed)
        return;
    const tb::engine::ComparedSpeed& speed = *m_comparison.speed;
    addSectionRow(tr("Speed: a typical epoch (the median, the first left out)"));
    QStringList seconds, rates, times, waits;
    for (std::size_t i = 0; i < speed.epochSeconds.values.size(); ++i) {
        const std::optional<double>& s = speed.epochSeconds.values[i];
        const std::optional<double>& rate = speed.samplesPerSecond.values[i];
        const std::optional<double> ratio = speed.timesFastest(i);
        seconds << (!s                           ? QStringLiteral("\u2013")
                    : speed.firstEpochOnly.at(i) ? tr("%1 (its one epoch)").arg(formatSeconds(*s))
                                                 : formatSeconds(*s));
        rates << (rate ? formatRate(*rate) : QStringLiteral("\u2013"));
        times << (ratio ? QStringLiteral("%1\u00d7").arg(*ratio, 0, 'f', 2)
                        : QStringLiteral("\u2013"));
        const std::optional<double>& wait = speed.dataWait.values[i];
        waits << (wait ? QStringLiteral("%1%").arg(std::lround(*wait * 100.0))
                       : QStringLiteral("\u2013"));
    }
    addRow(tr("epoch time"), seconds, speed.epochSeconds.best, false);
    addRow(tr("samples/s"), rates, speed.samplesPerSecond.best, false);
    addRow(tr("times the fastest"), times, speed.epochSeconds.best, false);
    // A diagnosis, not a score: no run is marked best for it.
    addRow(tr("waiting for data"), waits, -1, false);
}

void ComparePanel::addMetricRows(const std::vector<tb::engine::ComparedMetric>& metrics) {
    for (const ComparedMetric& metric : metrics) {
        QStringList cells;
        for (const auto& value : metric.values)
            cells << (value ? formatMetric(*value) : QStringLiteral("\u2013"));
        addRow(toQString(metric.name), cells, metric.best, false);
    }
}

void ComparePanel::addRow(const QString& key, const QStringList& cells, int bestColumn,
                          bool differs) {
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    auto* header = new QTableWidgetItem(QStringLiteral("  ") + key);
    QFont bold = font();
    bold.setBold(true);
    if (differs)
        header->setFont(bold);
    m_table->setVerticalHeaderItem(row, header);
    for (int column = 0; column < cells.size(); ++column) {
        auto* item = new QTableWidgetItem(cells[column]);
        item->setToolTip(cells[column]);
        if (column == bestColumn || differs)
            item->setFont(bold);
        if (column == bestColumn)
            item->setToolTip(tr("%1: the best of the compared runs").arg(cells[column]));
        m_table->setItem(row, column, item);
    }
}

} // namespace tb::ui
