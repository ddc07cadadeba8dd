#include "ui/classes/ClassesPanel.h"

#include "ui/classes/CellSamplesModel.h"
#include "ui/classes/ClassScoresModel.h"
#include "ui/classes/TestImages.h"
#include "ui/compare/TableText.h"
#include "ui/dataset/IdxImageSet.h"
#include "ui/dataset/ThumbnailGrid.h"
#include "ui/runs/FinishedRunFile.h"
#include "ui/runs/Workspace.h"
#include "ui/util/Format.h"
#include "ui/util/TitleLabel.h"

#include <QCheckBox>
#include <QClipboard>
#include <QFileInfo>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListView>
#include <QLocale>
#include <QMenu>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace tb::ui {

namespace {

/// The most common mistake; with none, the first class the test split holds.
ConfusionHeatMap::Cell defaultCell(const tb::engine::ConfusionMatrix& matrix) {
    ConfusionHeatMap::Cell best;
    std::int64_t most = 0;
    for (int t = 0; t < matrix.classCount(); ++t)
        for (int p = 0; p < matrix.classCount(); ++p)
            if (t != p && matrix.count(t, p) > most) {
                most = matrix.count(t, p);
                best = {t, p};
            }
    for (int c = 0; c < matrix.classCount() && !best.isValid(); ++c)
        if (matrix.support(c) > 0)
            best = {c, c};
    return best.isValid() ? best : ConfusionHeatMap::Cell{0, 0};
}

QString imageCount(std::size_t count) {
    return count == 0   ? QObject::tr("no images")
           : count == 1 ? QObject::tr("1 image")
                        : QObject::tr("%1 images").arg(QLocale().toString(qulonglong{count}));
}

} // namespace

ClassesPanel::ClassesPanel(Workspace& workspace, QWidget* parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_header(new QWidget(this))
    , m_title(new QLabel(m_header))
    , m_shares(new QCheckBox(tr("% of true class"), m_header))
    , m_copy(createCopyButton())
    , m_message(new QLabel(this))
    , m_content(new QWidget(this))
    , m_heatMap(new ConfusionHeatMap(this))
    , m_scores(new ClassScoresModel(this))
    , m_scoresProxy(new QSortFilterProxyModel(this))
    , m_scoresView(new QTableView(this))
    , m_samplesHeader(new QLabel(this))
    , m_imagesMessage(new QLabel(this))
    , m_samples(new CellSamplesModel(this))
    , m_grid(new QListView(this)) {
    styleAsTitle(m_title);
    m_title->setWordWrap(true);
    m_shares->setToolTip(tr("Show each cell's share of its true class (its row) instead of its "
                            "count"));
    auto* headerRow = new QHBoxLayout(m_header);
    headerRow->setContentsMargins(0, 0, 0, 0);
    headerRow->addWidget(m_title, 1);
    headerRow->addWidget(m_shares);
    headerRow->addWidget(m_copy);

    m_message->setWordWrap(true);
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);

    // The matrix beside the scores over the images: the dock is wide and short, and a row of
    // images across the width shows more than a column of them.
    auto* details = new QSplitter(Qt::Vertical, m_content);
    details->addWidget(createScores());
    details->addWidget(createSamples());
    details->setChildrenCollapsible(false);
    auto* splitter = new QSplitter(Qt::Horizontal, m_content);
    splitter->addWidget(m_heatMap);
    splitter->addWidget(details);
    // Sizes and stretch alike, so that the panel keeps this share at any width.
    splitter->setSizes({450, 550});
    splitter->setStretchFactor(0, 45);
    splitter->setStretchFactor(1, 55);
    splitter->setChildrenCollapsible(false);
    auto* contentLayout = new QVBoxLayout(m_content);
    contentLayout->setContentsMargins(0, 0, 0, 0);
    contentLayout->addWidget(splitter);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_header);
    layout->addWidget(m_message, 1);
    layout->addWidget(m_content, 1);

    connect(m_heatMap, &ConfusionHeatMap::cellSelected, this, &ClassesPanel::showCell);
    connect(m_shares, &QCheckBox::toggled, m_heatMap, &ConfusionHeatMap::setShowShares);
    showMessage(tr("Open a finished image classifier (double-click it in Runs) to see which "
                   "classes it takes for which, and the test images it gets wrong."));
}

ClassesPanel::~ClassesPanel() {
    detachViews();
}

QToolButton* ClassesPanel::createCopyButton() {
    auto* button = new QToolButton(m_header);
    button->setText(tr("Copy"));
    button->setToolTip(tr("Copy the scores or the confusion matrix, to paste into notes, a paper "
                          "or a spreadsheet"));
    button->setPopupMode(QToolButton::InstantPopup);
    auto* menu = new QMenu(button);
    const auto copy = [this](auto text) {
        return [this, text] {
            if (m_classes)
                QGuiApplication::clipboard()->setText(text(m_classes->matrix));
        };
    };
    using Matrix = tb::engine::ConfusionMatrix;
    menu->addAction(tr("Scores as &Markdown"), this,
                    copy([](const Matrix& m) { return rowsAsMarkdown(m.scoreRows()); }));
    menu->addAction(tr("Scores as &tab-separated text (spreadsheets)"), this,
                    copy([](const Matrix& m) { return rowsAsTabSeparated(m.scoreRows()); }));
    menu->addAction(tr("Confusion matrix as tab-&separated text"), this,
                    copy([](const Matrix& m) { return rowsAsTabSeparated(m.countRows()); }));
    button->setMenu(menu);
    return button;
}

QWidget* ClassesPanel::createScores() {
    m_scoresProxy->setSourceModel(m_scores);
    m_scoresProxy->setSortRole(ClassScoresModel::kSortRole);
    m_scoresView->setModel(m_scoresProxy);
    m_scoresView->setSortingEnabled(true);
    // Clicking a header a third time gives back the classes' own order, which is the start.
    m_scoresView->horizontalHeader()->setSortIndicatorClearable(true);
    m_scoresView->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    m_scoresView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_scoresView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_scoresView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_scoresView->setAlternatingRowColors(true);
    m_scoresView->setShowGrid(false);
    m_scoresView->setWordWrap(false);
    m_scoresView->verticalHeader()->setVisible(false);
    m_scoresView->verticalHeader()->setDefaultSectionSize(m_scoresView->fontMetrics().height() + 6);
    m_scoresView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_scoresView->horizontalHeader()->setStretchLastSection(true);
    connect(m_scoresView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) {
                if (current.isValid())
                    selectClass(m_scoresProxy->mapToSource(current).row());
            });
    return m_scoresView;
}

QWidget* ClassesPanel::createSamples() {
    auto* pane = new QWidget(this);
    auto* layout = new QVBoxLayout(pane);
    layout->setContentsMargins(0, 0, 0, 0);
    m_samplesHeader->setWordWrap(true);
    m_samplesHeader->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_imagesMessage->setWordWrap(true);
    m_imagesMessage->setAlignment(Qt::AlignCenter);
    m_imagesMessage->setTextInteractionFlags(Qt::TextSelectableByMouse);
    setUpThumbnailGrid(*m_grid);
    fitGridToThumbnails();
    m_grid->setModel(m_samples);
    layout->addWidget(m_samplesHeader);
    layout->addWidget(m_grid, 1);
    layout->addWidget(m_imagesMessage, 1);
    return pane;
}

void ClassesPanel::fitGridToThumbnails() {
    const QSize thumbnail = m_samples->thumbnailSize();
    // The captions are percentages: narrower cells fit more images.
    const QSize grid = thumbnail + QSize(10, 22);
    if (m_grid->gridSize() != grid) {
        m_grid->setIconSize(thumbnail);
        m_grid->setGridSize(grid);
    }
}

QSize ClassesPanel::sizeHint() const {
    return {900, 420};
}

bool ClassesPanel::showRun(qint64 runId) {
    m_runId = runId;
    const FinishedRunFile found = findFinishedRunFile(
        m_workspace, runId, "class_predictions",
        tr("%1 is still training: its confusion matrix appears here when it finishes."),
        tr("%1 saved no test predictions: an image classifier (data.kind idx or folder) saves "
           "them when it completes its test pass; forecasting runs, runs stopped or failed before "
           "the test and runs of an earlier Trainbench have none."));
    if (found.path.isEmpty())
        return showMessage(found.message);
    auto classes = std::make_unique<RunClasses>();
    QString error;
    if (!loadRunClasses(found.path, *classes, error))
        return showMessage(
            tr("The test predictions of %1 cannot be shown. %2").arg(found.runTitle, error));
    showClasses(std::move(classes), found.runTitle, runImageLook(runId));
    return true;
}

ImageLook ClassesPanel::runImageLook(qint64 runId) const {
    try {
        if (const tb::engine::RunStore* store = m_workspace.store()) {
            if (const auto run = store->run(runId))
                return imageLookOfRun(run->configYaml);
        }
    } catch (const tb::engine::StoreError&) {
        // The run was just read; if its config cannot be, draw the images as they are.
    }
    return ImageLook{0, 3};
}

void ClassesPanel::detachViews() {
    m_heatMap->setMatrix(nullptr);
    m_scores->setMatrix(nullptr);
    m_samples->showCell(nullptr, nullptr, -1, -1);
}

bool ClassesPanel::showMessage(const QString& text) {
    detachViews();
    m_classes.reset();
    m_images.reset();
    m_title->clear();
    m_header->hide();
    m_message->setText(text);
    m_message->show();
    m_content->hide();
    return false;
}

void ClassesPanel::showClasses(std::unique_ptr<RunClasses> classes, const QString& title,
                               const ImageLook& look) {
    detachViews();
    m_classes = std::move(classes);
    const RunClasses& c = *m_classes;
    m_images = std::make_unique<ImageSplit>();
    QString imagesError;
    if (!loadTestImages(c, look, *m_images, imagesError))
        m_images.reset();
    m_imagesMessage->setText(imagesError);
    m_imagesMessage->setVisible(!m_images);
    m_grid->setVisible(m_images != nullptr);

    m_title->setText(
        tr("%1 \u2014 %2 test images, accuracy %3, macro F1 %4")
            .arg(title, QLocale().toString(c.samples), formatPercent(c.matrix.accuracy(), 1))
            .arg(c.matrix.macroF1(), 0, 'f', 3));
    m_title->setToolTip(tr("From %1").arg(c.confusionPath));
    m_header->show();
    m_message->hide();
    m_content->show();
    m_scores->setMatrix(&c.matrix);
    m_heatMap->setMatrix(&c.matrix);
    m_heatMap->selectCell(defaultCell(c.matrix));
}

void ClassesPanel::showCell(int trueClass, int predictedClass) {
    if (!m_classes)
        return;
    const RunClasses& c = *m_classes;
    m_samples->showCell(&c, m_images.get(), trueClass, predictedClass);
    fitGridToThumbnails();
    m_grid->scrollToTop();
    const std::size_t shown = m_samples->samples().size();
    const QString trueName = c.classNames.value(trueClass);
    QString header =
        trueClass == predictedClass
            ? tr("%1 recognised: %2, the least confident first").arg(trueName, imageCount(shown))
            : tr("%1 taken for %2: %3, the most confident first")
                  .arg(trueName, c.classNames.value(predictedClass), imageCount(shown));
    const std::int64_t counted = c.matrix.count(trueClass, predictedClass);
    if (counted != static_cast<std::int64_t>(shown))
        header += tr(" (%1 counts %2 here: it and the probabilities come from different test "
                     "passes)")
                      .arg(QFileInfo(c.confusionPath).fileName())
                      .arg(counted);
    m_samplesHeader->setText(header);

    const QModelIndex row = m_scoresProxy->mapFromSource(m_scores->index(trueClass, 0));
    if (m_scoresView->currentIndex().row() != row.row())
        m_scoresView->setCurrentIndex(row);
}

void ClassesPanel::selectClass(int c) {
    if (!m_classes || m_heatMap->selectedCell().trueClass == c)
        return;
    const int other = m_classes->matrix.mostConfusedWith(c);
    m_heatMap->selectCell({c, other >= 0 ? other : c});
}

} // namespace tb::ui
