#include "ui/dataset/DatasetBrowser.h"

#include "engine/data/csv/CsvSplitPlan.h"
#include "ui/charts/PlotStyle.h"
#include "ui/config/ConfigDocument.h"
#include "ui/dataset/CsvDataset.h"
#include "ui/dataset/CsvDatasetView.h"
#include "ui/dataset/FolderImageSet.h"
#include "ui/dataset/IdxImageSet.h"
#include "ui/dataset/ImageDatasetView.h"
#include "ui/theme/GlyphIcons.h"
#include "ui/util/Format.h"

#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QStackedWidget>
#include <QThread>
#include <QToolButton>
#include <QVBoxLayout>

namespace tb::ui {

namespace {

constexpr int kConfiguredSource = 0;
constexpr int kConfigDebounceMs = 400;
const char* const kIdxPatterns = "*-images-idx3-ubyte *-images-idx3-ubyte.gz *.idx3-ubyte";

bool isCsvPath(const QString& path) {
    return path.endsWith(QLatin1String(".csv"), Qt::CaseInsensitive);
}

bool configNamesCsv(const tb::engine::Config& config) {
    return config.getString("data.kind") == "csv";
}

} // namespace

struct DatasetBrowser::LoadJob {
    QString path;
    QString key; ///< what was read: the path, or an image folder's options
    /// Read `path` as a folder of image files in a subfolder per class, with these options.
    std::optional<FolderImageOptions> imageFolder;
    std::shared_ptr<ImageDataset> dataset;
    std::shared_ptr<CsvDataset> table;
    QString error;

    void run() {
        if (imageFolder) {
            // The engine's scan says what is wrong with the folder, as training would.
            auto loaded = std::make_shared<ImageDataset>();
            if (loadImageFolder(*imageFolder, *loaded, error))
                dataset = std::move(loaded);
            return;
        }
        const QFileInfo info(path);
        if (!info.exists()) {
            error = QObject::tr("%1 does not exist; check %2 or open another dataset")
                        .arg(path, isCsvPath(path) ? QStringLiteral("data.path")
                                                   : QStringLiteral("data.root"));
            return;
        }
        if (info.isFile() && isCsvPath(path)) {
            auto loaded = std::make_shared<CsvDataset>();
            if (loadCsvDataset(path, *loaded, error))
                table = std::move(loaded);
            return;
        }
        auto loaded = std::make_shared<ImageDataset>();
        const bool ok = info.isDir() ? loadIdxFolder(path, *loaded, error)
                                     : loadIdxImagesFile(path, *loaded, error);
        if (ok)
            dataset = std::move(loaded);
    }
};

DatasetBrowser::DatasetBrowser(ConfigDocument& document, QWidget* parent)
    : QWidget(parent)
    , m_document(document)
    , m_sources(new QComboBox(this))
    , m_status(new QLabel(this))
    , m_pages(new QStackedWidget(this))
    , m_message(new QLabel(this))
    , m_images(new ImageDatasetView(this))
    , m_csv(new CsvDatasetView(this)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    auto* top = new QHBoxLayout;
    auto* sourceLabel = new QLabel(tr("&Dataset:"), this);
    sourceLabel->setBuddy(m_sources);
    top->addWidget(sourceLabel);
    m_sources->addItem(QString());
    m_sources->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_sources->setMinimumContentsLength(20);
    top->addWidget(m_sources, 1);
    auto* open = new QToolButton(this);
    open->setIcon(glyphIcon(Glyph::OpenWorkspace));
    open->setToolTip(tr("Open a dataset folder (MNIST-style IDX files, or images in a subfolder "
                        "per class), an IDX images file or a CSV table"));
    open->setPopupMode(QToolButton::InstantPopup);
    auto* menu = new QMenu(open);
    menu->addAction(tr("Open folder\u2026"), this, [this] {
        const QString folder = QFileDialog::getExistingDirectory(this, tr("Open dataset folder"));
        if (!folder.isEmpty())
            openPath(folder);
    });
    menu->addAction(tr("Open images file\u2026"), this, [this] {
        openFileDialog(tr("Open IDX images file"), tr("IDX images (%1)").arg(kIdxPatterns));
    });
    menu->addAction(tr("Open CSV file\u2026"), this,
                    [this] { openFileDialog(tr("Open CSV table"), tr("CSV tables (*.csv)")); });
    open->setMenu(menu);
    top->addWidget(open);
    layout->addLayout(top);

    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_status);
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setWordWrap(true);
    m_pages->addWidget(m_message);
    m_pages->addWidget(m_images);
    m_pages->addWidget(m_csv);
    layout->addWidget(m_pages, 1);

    m_configDebounce.setSingleShot(true);
    m_configDebounce.setInterval(kConfigDebounceMs);
    connect(&m_configDebounce, &QTimer::timeout, this, &DatasetBrowser::syncConfiguredSource);
    connect(&m_document, &ConfigDocument::changed, this, [this] {
        m_images->setValFraction(m_document.config().getFloat("data.val_fraction"));
        m_csv->setSplitOptions(csvOptions());
        m_configDebounce.start();
    });
    connect(m_sources, &QComboBox::currentIndexChanged, this, &DatasetBrowser::loadCurrentSource);
    m_images->setValFraction(m_document.config().getFloat("data.val_fraction"));
    m_csv->setSplitOptions(csvOptions());
    syncConfiguredSource();
}

DatasetBrowser::~DatasetBrowser() {
    if (m_loader) {
        m_loader->wait();
        delete m_loader;
    }
}

void DatasetBrowser::syncConfiguredSource() {
    const tb::engine::Config& config = m_document.config();
    const char* key = configNamesCsv(config) ? "data.path" : "data.root";
    QString source = toQString(config.getString(key));
    // The GUI hands the engine its config as it is, so the engine opens a relative path from
    // the working folder; so does the browser.
    if (!source.isEmpty())
        source = QFileInfo(source).absoluteFilePath();
    const QString text = source.isEmpty() ? tr("From config: none (%1 is empty)").arg(key)
                                          : tr("From config: %1").arg(source);
    if (m_sources->itemText(kConfiguredSource) == text) {
        // The same folder, but an image folder is read again when its split or look changed.
        loadCurrentSource();
        return;
    }
    m_sources->setItemText(kConfiguredSource, text);
    m_sources->setItemData(kConfiguredSource, source);
    m_sources->setItemData(kConfiguredSource, source, Qt::ToolTipRole);
    if (m_sources->currentIndex() == kConfiguredSource)
        loadCurrentSource();
}

void DatasetBrowser::openPath(const QString& path) {
    int index = m_sources->findData(path);
    if (index < 0) {
        m_sources->addItem(QFileInfo(path).fileName(), path);
        index = m_sources->count() - 1;
        m_sources->setItemData(index, path, Qt::ToolTipRole);
    }
    // Opening by hand reads the files again, e.g. after they were downloaded anew.
    if (m_sources->currentIndex() == index)
        m_shownKey.clear();
    m_sources->setCurrentIndex(index);
    loadCurrentSource();
}

void DatasetBrowser::openDialog() {
    openFileDialog(
        tr("Open dataset file"),
        tr("Datasets (*.csv %1);;CSV tables (*.csv);;IDX images (%1)").arg(kIdxPatterns));
}

void DatasetBrowser::openFileDialog(const QString& title, const QString& filters) {
    const QString path =
        QFileDialog::getOpenFileName(this, title, QString(), filters + tr(";;All files (*)"));
    if (!path.isEmpty())
        openPath(path);
}

QString DatasetBrowser::statusText() const {
    return m_status->text();
}

void DatasetBrowser::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    loadCurrentSource();
}

std::optional<FolderImageOptions> DatasetBrowser::imageFolderOptions(const QString& path) const {
    const tb::engine::Config& config = m_document.config();
    const bool imageFolder = m_sources->currentIndex() == kConfiguredSource
                                 ? config.getString("data.kind") == "folder"
                                 : QFileInfo(path).isDir() && !isIdxFolder(path);
    if (!imageFolder)
        return std::nullopt;
    // A folder opened by hand is split and drawn as the config would train on it.
    FolderImageOptions options = FolderImageOptions::fromConfig(config);
    options.split.root = path.toStdString();
    return options;
}

void DatasetBrowser::loadCurrentSource() {
    const QString path = m_sources->currentData().toString();
    // Loading waits until someone looks, and never reads the same files twice in a row.
    if (!isVisible() || m_loader)
        return;
    if (path.isEmpty()) {
        m_shownKey.clear();
        showMessage(configNamesCsv(m_document.config())
                        ? tr("The config names no CSV file (data.path).")
                        : tr("The config names no dataset folder (data.root)."));
        return;
    }
    std::optional<FolderImageOptions> imageFolder = imageFolderOptions(path);
    const QString key = imageFolder ? imageFolder->signature() : path;
    if (key == m_shownKey)
        return;
    showStatus(tr("Reading %1\u2026").arg(path), Status::Progress);
    m_job = std::make_shared<LoadJob>();
    m_job->path = path;
    m_job->key = key;
    m_job->imageFolder = std::move(imageFolder);
    auto job = m_job;
    m_loader = QThread::create([job] { job->run(); });
    // finished() comes from the worker; queue it to this thread.
    connect(m_loader, &QThread::finished, this, &DatasetBrowser::finishLoad, Qt::QueuedConnection);
    m_loader->start();
}

void DatasetBrowser::finishLoad() {
    m_loader->wait();
    delete m_loader;
    m_loader = nullptr;
    m_shownKey = m_job->key;
    if (m_job->dataset) {
        qint64 samples = 0;
        for (const ImageSplit& split : m_job->dataset->splits)
            samples += split.count;
        showStatus(tr("%1: %2 samples").arg(m_job->dataset->title, QLocale().toString(samples)),
                   Status::Shown);
        m_csv->setDataset(nullptr);
        m_images->setDataset(m_job->dataset);
        m_pages->setCurrentWidget(m_images);
    } else if (m_job->table) {
        showTable(m_job->table);
    } else {
        showMessage(m_job->error);
    }
    m_job.reset();
    Q_EMIT loadFinished();
    // The source may have changed while this one was loading.
    loadCurrentSource();
}

void DatasetBrowser::showTable(std::shared_ptr<const CsvDataset> table) {
    m_images->setDataset(nullptr);
    m_csv->setDataset(table);
    m_pages->setCurrentWidget(m_csv);
    if (table->problemCount == 0) {
        showStatus(tr("%1: %2 rows \u00d7 %3 columns")
                       .arg(table->fileName(), QLocale().toString(table->table.rows()),
                            QLocale().toString(static_cast<qint64>(table->table.columns.size()))),
                   Status::Shown);
        return;
    }
    const QString cells = table->problemCount == 1
                              ? tr("1 cell is missing or not a number")
                              : tr("%1 cells are missing or not numbers")
                                    .arg(QLocale().toString(table->problemCount));
    showStatus(
        tr("Training would refuse %1: %2 (shown as NaN). The first: %3")
            .arg(table->fileName(), cells, QString::fromStdString(table->problems.front().message)),
        Status::Problem);
}

void DatasetBrowser::showMessage(const QString& message) {
    showStatus(message, Status::Problem);
    m_message->setText(message);
    m_images->setDataset(nullptr);
    m_csv->setDataset(nullptr);
    m_pages->setCurrentWidget(m_message);
}

void DatasetBrowser::showStatus(const QString& text, Status status) {
    m_status->setText(text);
    m_status->setVisible(status != Status::Shown);
    const bool problem = status == Status::Problem;
    // A palette with only the background set: the text still follows the theme.
    QPalette tinted;
    if (problem) {
        tinted.setColor(QPalette::Window,
                        isDark(palette()) ? QColor(0x4a, 0x22, 0x20) : QColor(0xfd, 0xe8, 0xe6));
    }
    m_status->setAutoFillBackground(problem);
    m_status->setPalette(tinted);
}

tb::engine::CsvSplitOptions DatasetBrowser::csvOptions() const {
    try {
        return tb::engine::CsvSplitOptions::fromConfig(m_document.config());
    } catch (const std::exception&) {
        // A field of the wrong type: the config form lists it; shade the defaults meanwhile.
        return {};
    }
}

QSize DatasetBrowser::sizeHint() const {
    return {900, 240};
}

} // namespace tb::ui
