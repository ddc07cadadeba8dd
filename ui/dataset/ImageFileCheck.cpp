#include "ui/dataset/ImageFileCheck.h"

#include "ui/dataset/IdxImageSet.h"
#include "ui/dataset/ModelImage.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QMetaObject>

namespace tb::ui {

namespace {

constexpr qint64 kReportEveryMs = 100;

qint64 imageFileCount(const ImageDataset& dataset) {
    qint64 count = 0;
    for (const ImageSplit& split : dataset.splits)
        count += split.files.size();
    return count;
}

} // namespace

ImageFileCheck::ImageFileCheck(QObject* parent)
    : QObject(parent) {}

ImageFileCheck::~ImageFileCheck() {
    stop();
}

void ImageFileCheck::stop() {
    m_stopping = true;
    if (m_worker)
        m_worker->wait();
    m_worker.reset();
    m_stopping = false;
}

void ImageFileCheck::check(std::shared_ptr<const ImageDataset> dataset) {
    stop();
    ++m_generation;
    m_total = dataset ? imageFileCount(*dataset) : 0;
    m_checked = 0;
    m_decoded = 0;
    m_unreadable.clear();
    if (m_total > 0) {
        m_worker.reset(QThread::create(&ImageFileCheck::read, this, std::move(dataset), m_known,
                                       m_generation));
        m_worker->start(QThread::IdlePriority);
    }
    Q_EMIT progressed();
}

/// On the worker thread, with its own copy of the verdicts known when it started: it hands
/// what it read to the GUI thread in batches.
void ImageFileCheck::read(std::shared_ptr<const ImageDataset> dataset, Verdicts known,
                          int generation) {
    Batch batch;
    QElapsedTimer sinceReport;
    sinceReport.start();
    const auto report = [&] {
        QMetaObject::invokeMethod(
            this, [this, generation, batch] { take(generation, batch); }, Qt::QueuedConnection);
        batch.unreadable.clear();
        batch.fresh.clear();
        sinceReport.restart();
    };
    for (const ImageSplit& split : dataset->splits) {
        // rows is the model's input side; 0 keeps each file's own size.
        const ImageLook look{split.rows, split.channels};
        for (const QString& path : split.files) {
            if (m_stopping)
                return;
            const QFileInfo file(path);
            Verdict verdict{
                file.size(), file.lastModified().toMSecsSinceEpoch(), look.channels, {}};
            const Verdict earlier = known.value(path);
            if (earlier.size == verdict.size && earlier.modifiedMs == verdict.modifiedMs &&
                earlier.channels == verdict.channels) {
                verdict.problem = earlier.problem;
            } else {
                // The side only picks the scale a JPEG decodes at: whether its data are whole
                // does not depend on it.
                readModelImage(path, look, verdict.problem);
                batch.fresh.insert(path, verdict);
                ++batch.decoded;
            }
            if (!verdict.problem.isEmpty())
                batch.unreadable.append({path, verdict.problem});
            ++batch.checked;
            if (sinceReport.elapsed() >= kReportEveryMs)
                report();
        }
    }
    report();
}

void ImageFileCheck::take(int generation, const Batch& batch) {
    m_known.insert(batch.fresh);
    if (generation != m_generation)
        return;
    m_checked = batch.checked;
    m_decoded = batch.decoded;
    m_unreadable.append(batch.unreadable);
    Q_EMIT progressed();
}

} // namespace tb::ui
