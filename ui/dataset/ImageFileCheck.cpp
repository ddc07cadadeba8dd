#include "ui/dataset/ImageFileCheck.h"

#include "ui/dataset/IdxImageSet.h"
#include "ui/dataset/ModelImage.h"

#include <QElapsedTimer>
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
    m_unreadable.clear();
    if (m_total > 0) {
        m_worker.reset(
            QThread::create(&ImageFileCheck::read, this, std::move(dataset), m_generation));
        m_worker->start(QThread::IdlePriority);
    }
    Q_EMIT progressed();
}

/// On the worker thread: it hands what it read to the GUI thread in batches.
void ImageFileCheck::read(std::shared_ptr<const ImageDataset> dataset, int generation) {
    qint64 checked = 0;
    QList<Unreadable> found;
    QElapsedTimer sinceReport;
    sinceReport.start();
    const auto report = [&] {
        QMetaObject::invokeMethod(
            this, [this, generation, checked, found] { take(generation, checked, found); },
            Qt::QueuedConnection);
        found.clear();
        sinceReport.restart();
    };
    for (const ImageSplit& split : dataset->splits) {
        // rows is the model's input side; 0 keeps each file's own size.
        const ImageLook look{split.rows, split.channels};
        for (const QString& path : split.files) {
            if (m_stopping)
                return;
            QString problem;
            if (readModelImage(path, look, problem).isNull())
                found.append({path, problem});
            ++checked;
            if (sinceReport.elapsed() >= kReportEveryMs)
                report();
        }
    }
    report();
}

void ImageFileCheck::take(int generation, qint64 checked, const QList<Unreadable>& unreadable) {
    if (generation != m_generation)
        return;
    m_checked = checked;
    m_unreadable.append(unreadable);
    Q_EMIT progressed();
}

} // namespace tb::ui
