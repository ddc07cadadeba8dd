#include "ui/dataset/CsvDatasetView.h"

#include "ui/charts/PlotStyle.h"
#include "ui/dataset/ColumnStatsModel.h"
#include "ui/dataset/CsvCellFormat.h"
#include "ui/dataset/CsvColumnPlot.h"
#include "ui/dataset/CsvDataset.h"
#include "ui/dataset/CsvRowsModel.h"
#include "ui/dataset/SplitBar.h"
#include "ui/util/TitleLabel.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLocale>
#include <QSignalBlocker>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace tb::ui {

namespace {

QTableView* makeTable(QAbstractItemModel* model, QWidget* parent) {
    auto* view = new QTableView(parent);
    view->setModel(model);
    view->setAlternatingRowColors(true);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setWordWrap(false);
    // Fixed row heights keep 70,000 rows as cheap as 20.
    view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 6);
    view->horizontalHeader()->setHighlightSections(false);
    return view;
}

} // namespace

CsvDatasetView::CsvDatasetView(QWidget* parent)
    : QWidget(parent)
    , m_title(new TitleLabel(this))
    , m_column(new QComboBox(this))
    , m_missing(new QLabel(this))
    , m_splitNote(new QLabel(this))
    , m_plot(new CsvColumnPlot(this))
    , m_splitBar(new SplitBar(this))
    , m_splitProblem(new QLabel(this))
    , m_tables(new QTabWidget(this))
    , m_stats(new ColumnStatsModel(this))
    , m_rows(new CsvRowsModel(this)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_title);

    m_statsView = makeTable(m_stats, this);
    m_statsView->verticalHeader()->setVisible(false);
    m_statsView->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_rowsView = makeTable(m_rows, this);
    m_tables->addTab(m_statsView, tr("Statistics"));
    m_tables->addTab(m_rowsView, tr("Rows"));
    m_tables->setDocumentMode(true);

    // Side by side: the dataset usually lives in a wide, short dock under the charts.
    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(createPlotPane());
    splitter->addWidget(m_tables);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setChildrenCollapsible(false);
    layout->addWidget(splitter, 1);
    applyTextColors();

    connect(m_column, &QComboBox::currentIndexChanged, this, &CsvDatasetView::showColumn);
    connect(m_statsView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) {
                if (current.isValid())
                    m_column->setCurrentIndex(current.row());
            });
}

QWidget* CsvDatasetView::createPlotPane() {
    auto* pane = new QWidget(this);
    auto* layout = new QVBoxLayout(pane);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* chooser = new QHBoxLayout;
    auto* columnLabel = new QLabel(tr("Co&lumn:"), pane);
    columnLabel->setBuddy(m_column);
    m_column->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    chooser->addWidget(columnLabel);
    chooser->addWidget(m_column);
    chooser->addSpacing(8);
    chooser->addWidget(m_missing);
    chooser->addStretch(1);
    chooser->addWidget(m_splitNote);
    layout->addLayout(chooser);
    layout->addWidget(m_plot, 1);
    layout->addWidget(m_splitBar);
    m_splitProblem->setWordWrap(true);
    m_splitProblem->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_splitProblem->setVisible(false);
    layout->addWidget(m_splitProblem);
    return pane;
}

void CsvDatasetView::applyTextColors() {
    QPalette warning = m_missing->palette();
    warning.setColor(QPalette::WindowText, missingTextColor());
    m_missing->setPalette(warning);
    m_splitProblem->setPalette(warning);
    QPalette faint = m_splitNote->palette();
    QColor faintText = palette().color(QPalette::WindowText);
    faintText.setAlphaF(0.7);
    faint.setColor(QPalette::WindowText, faintText);
    m_splitNote->setPalette(faint);
}

void CsvDatasetView::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        applyTextColors();
        updateSplit();
    }
}

CsvDatasetView::~CsvDatasetView() = default;

void CsvDatasetView::setDataset(std::shared_ptr<const CsvDataset> dataset) {
    m_dataset = std::move(dataset);
    m_rows->setDataset(m_dataset);
    m_stats->setStats(m_dataset ? m_dataset->stats : std::vector<tb::engine::ColumnStats>{});
    {
        const QSignalBlocker blocker(m_column);
        m_column->clear();
        if (m_dataset) {
            for (const std::string& name : m_dataset->table.columns)
                m_column->addItem(QString::fromStdString(name));
            // The target if the file has it, else the last column (where ETT files keep it).
            const int target = m_column->findText(QString::fromStdString(m_options.target));
            m_column->setCurrentIndex(target >= 0 ? target : m_column->count() - 1);
        }
    }
    m_title->setTitle(title());
    m_rowsView->resizeColumnsToContents();
    showColumn();
    updateSplit();
}

void CsvDatasetView::setSplitOptions(const tb::engine::CsvSplitOptions& options) {
    m_options = options;
    m_stats->setTarget(QString::fromStdString(options.target));
    updateSplit();
}

QString CsvDatasetView::title() const {
    if (!m_dataset)
        return {};
    const tb::engine::CsvTable& table = m_dataset->table;
    QString text = tr("%1 \u2014 %2 rows \u00d7 %3 columns \u2014 %4 to %5")
                       .arg(m_dataset->fileName(), QLocale().toString(table.rows()),
                            QLocale().toString(static_cast<qint64>(table.columns.size())),
                            QString::fromStdString(table.dates.front().toString()),
                            QString::fromStdString(table.dates.back().toString()));
    const QString spacing = describeRowSpacing(m_dataset->timeS);
    if (!spacing.isEmpty())
        text += QStringLiteral(", ") + spacing;
    return text;
}

QString CsvDatasetView::splitProblem() const {
    return m_splitProblem->text();
}

void CsvDatasetView::showColumn() {
    const int column = m_column->currentIndex();
    m_plot->setColumn(m_dataset, column);
    const qint64 missing =
        column >= 0 ? m_dataset->stats[static_cast<std::size_t>(column)].missing : 0;
    m_missing->setText(
        missing == 1
            ? tr("1 missing cell, marked along the bottom")
            : tr("%1 missing cells, marked along the bottom").arg(QLocale().toString(missing)));
    m_missing->setVisible(missing > 0);
    const QModelIndex statsRow = m_stats->index(column, 0);
    if (statsRow.isValid() && m_statsView->currentIndex().row() != column) {
        const QSignalBlocker blocker(m_statsView->selectionModel());
        m_statsView->setCurrentIndex(statsRow);
    }
}

void CsvDatasetView::updateSplit() {
    QString problem;
    m_regions = m_dataset ? csvSplitRegions(m_dataset->table, m_options, problem)
                          : std::vector<CsvSplitRegion>{};
    m_plot->setRegions(m_regions);
    std::vector<SplitBar::Segment> segments;
    const bool dark = isDark(palette());
    for (const CsvSplitRegion& region : m_regions) {
        if (region.lookBack)
            continue;
        QColor color = seriesColor(region.split, 0, dark);
        if (region.split == QLatin1String("unused")) {
            color = palette().color(QPalette::WindowText);
            color.setAlphaF(0.3);
        }
        segments.push_back({region.label, region.rows(), color});
    }
    m_splitBar->setSegments(std::move(segments));
    m_splitBar->setToolTip(m_splitBar->summary() + QStringLiteral("\n") +
                           tr("Rows per split. Validation and test windows also read the "
                              "data.seq_len (%1) rows before their first row as input "
                              "(hatched in the plot).")
                               .arg(m_options.window.seqLen));
    m_splitBar->setVisible(!m_regions.empty());
    m_splitNote->setText(m_dataset ? splitDescription() : QString());
    m_splitProblem->setText(problem);
    m_splitProblem->setVisible(!problem.isEmpty());
}

QString CsvDatasetView::splitDescription() const {
    const QString split = m_options.split == "ett"     ? tr("ett (12 / 4 / 4 months)")
                          : m_options.split == "ratio" ? tr("ratio (70 / 10 / 20 %)")
                                                       : QString::fromStdString(m_options.split);
    return tr("data.split %1, seq_len %2").arg(split).arg(m_options.window.seqLen);
}

} // namespace tb::ui
