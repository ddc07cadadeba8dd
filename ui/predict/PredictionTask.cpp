#include "ui/predict/PredictionTask.h"

#include <QThread>

namespace tb::ui {
namespace {

/// The IDX files `prediction`'s images come from; one that cannot be read now is left out
/// (its rows go without thumbnails).
std::shared_ptr<const IdxImageFiles> idxFilesOf(const tb::engine::Prediction& prediction) {
    auto files = std::make_shared<IdxImageFiles>();
    for (const tb::engine::ImageClasses& image : prediction.images) {
        const QString path = QString::fromStdString(image.file);
        if (image.index < 0 || files->contains(path))
            continue;
        ImageDataset dataset;
        QString error;
        if (loadIdxImagesFile(path, dataset, error))
            files->insert(path, std::move(dataset.splits.front()));
    }
    return files;
}

} // namespace

PredictionTask::PredictionTask(QObject* parent)
    : QObject(parent) {}

PredictionTask::~PredictionTask() {
    if (!m_thread)
        return;
    m_stop = true;
    m_thread->wait();
    delete m_thread;
}

bool PredictionTask::start(tb::engine::PredictionRequest request) {
    if (m_thread)
        return false;
    m_stop = false;
    request.stopRequested = [this] { return m_stop.load(); };
    // Queued to this object, which the destructor keeps alive until the worker has ended.
    request.progress = [this](std::size_t done, std::size_t total) {
        QMetaObject::invokeMethod(
            this, [this, done, total] { Q_EMIT progressed(done, total); }, Qt::QueuedConnection);
    };
    // The worker writes the outcome and ends; finish() reads it on the GUI thread, after
    // QThread::finished.
    m_thread = QThread::create([this, request] {
        try {
            m_result = std::make_shared<const tb::engine::Prediction>(tb::engine::predict(request));
            m_idxFiles = idxFilesOf(*m_result);
        } catch (const tb::engine::PredictionError& e) {
            m_error = QString::fromStdString(e.what());
            m_stopped = e.kind == tb::engine::PredictionError::Kind::Stopped;
        } catch (const std::exception& e) {
            m_error = QString::fromStdString(e.what());
        }
    });
    connect(m_thread, &QThread::finished, this, &PredictionTask::finish);
    m_thread->start();
    return true;
}

void PredictionTask::finish() {
    m_thread->deleteLater();
    m_thread = nullptr;
    std::shared_ptr<const tb::engine::Prediction> result = std::move(m_result);
    std::shared_ptr<const IdxImageFiles> idxFiles = std::move(m_idxFiles);
    if (result)
        Q_EMIT succeeded(result, idxFiles);
    else
        Q_EMIT failed(m_error, m_stopped);
    m_error.clear();
    m_stopped = false;
}

} // namespace tb::ui
