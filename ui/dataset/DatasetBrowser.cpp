#include "ui/dataset/DatasetBrowser.h"

#include "ui/config/ConfigDocument.h"
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

} // namespace

struct DatasetBrowser::LoadJob {
    QString path;
    std::shared_ptr<ImageDataset> dataset;
    QString error;

    void run() {
        auto loaded = std::make_shared<ImageDataset>();
        const QFileInfo info(path);
        bool ok = false;
        if (info.isDir())
            ok = loadIdxFolder(path, *loaded, error);
        else if (info.exists())
            ok = loadIdxImagesFile(path, *loaded, error);
        else
            error =
                QObject::tr("%1 does not exist; check data.root or open another dataset").arg(path);
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
    , m_images(new ImageDatasetView(this)) {
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
    open->setToolTip(tr("Open a dataset folder or an IDX images file"));
    open->setPopupMode(QToolButton::InstantPopup);
    auto* menu = new QMenu(open);
    menu->addAction(tr("Open folder\u2026"), this, [this] {
        const QString folder = QFileDialog::getExistingDirectory(this, tr("Open dataset folder"));
        if (!folder.isEmpty())
            openPath(folder);
    });
    menu->addAction(tr("Open images file\u2026"), this, &DatasetBrowser::openDialog);
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
    layout->addWidget(m_pages, 1);

    m_configDebounce.setSingleShot(true);
    m_configDebounce.setInterval(kConfigDebounceMs);
    connect(&m_configDebounce, &QTimer::timeout, this, &DatasetBrowser::syncConfiguredSource);
    connect(&m_document, &ConfigDocument::changed, this, [this] {
        m_images->setValFraction(m_document.config().getFloat("data.val_fraction"));
        m_configDebounce.start();
    });
    connect(m_sources, &QComboBox::currentIndexChanged, this, &DatasetBrowser::loadCurrentSource);
    m_images->setValFraction(m_document.config().getFloat("data.val_fraction"));
    syncConfiguredSource();
}

DatasetBrowser::~DatasetBrowser() {
    if (m_loader) {
        m_loader->wait();
        delete m_loader;
    }
}

void DatasetBrowser::syncConfiguredSource() {
    const QString root = toQString(m_document.config().getString("data.root"));
    if (m_sources->itemData(kConfiguredSource).toString() == root)
        return;
    m_sources->setItemText(kConfiguredSource, tr("From config: %1").arg(root));
    m_sources->setItemData(kConfiguredSource, root);
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
        m_shownPath.clear();
    m_sources->setCurrentIndex(index);
    loadCurrentSource();
}

void DatasetBrowser::openDialog() {
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open IDX images file"), QString(),
        tr("IDX images (*-images-idx3-ubyte *-images-idx3-ubyte.gz *.idx3-ubyte);;All files (*)"));
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

void DatasetBrowser::loadCurrentSource() {
    const QString path = m_sources->currentData().toString();
    // Loading waits until someone looks, and never reads the same files twice in a row.
    if (!isVisible() || m_loader || path == m_shownPath)
        return;
    if (path.isEmpty()) {
        showMessage(tr("The config names no dataset folder (data.root)."));
        return;
    }
    m_status->setText(tr("Reading %1\u2026").arg(path));
    m_status->setVisible(true);
    m_job = std::make_shared<LoadJob>();
    m_job->path = path;
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
    m_shownPath = m_job->path;
    if (m_job->dataset) {
        qint64 samples = 0;
        for (const ImageSplit& split : m_job->dataset->splits)
            samples += split.count;
        m_status->setText(
            tr("%1: %2 samples").arg(m_job->dataset->title, QLocale().toString(samples)));
        // The view's own header says what is shown; the line is for loading and problems.
        m_status->setVisible(false);
        m_images->setDataset(m_job->dataset);
        m_pages->setCurrentWidget(m_images);
    } else {
        showMessage(m_job->error);
    }
    m_job.reset();
    Q_EMIT loadFinished();
    // The source may have changed while this one was loading.
    loadCurrentSource();
}

void DatasetBrowser::showMessage(const QString& message) {
    m_status->setText(message);
    m_status->setVisible(true);
    m_message->setText(message);
    m_images->setDataset(nullptr);
    m_pages->setCurrentWidget(m_message);
}

QSize DatasetBrowser::sizeHint() const {
    return {900, 240};
}

} // namespace tb::ui
