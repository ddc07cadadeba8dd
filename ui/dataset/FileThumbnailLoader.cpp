#include "ui/dataset/FileThumbnailLoader.h"

#include "ui/dataset/ThumbnailGrid.h"

#include <QMutexLocker>
#include <QThread>
#include <algorithm>

namespace tb::ui {

namespace {

// More than a screenful of the smallest cells, so that nothing on screen is dropped.
constexpr std::size_t kMaxQueued = 400;
// Thumbnails are 16 KiB at 64x64: about 3,000 of them.
constexpr int kCacheKiB = 48 * 1024;

int costKiB(const QPixmap& pixmap) {
    return std::max(1, static_cast<int>(qint64{pixmap.width()} * pixmap.height() * 4 / 1024));
}

} // namespace

FileThumbnailLoader::FileThumbnailLoader(QObject* parent)
    : QObject(parent)
    , m_cache(kCacheKiB) {
    // Leave a core to the GUI thread, and do not crowd the disk.
    m_pool.setMaxThreadCount(std::clamp(QThread::idealThreadCount() - 1, 1, 4));
}

FileThumbnailLoader::~FileThumbnailLoader() {
    {
        QMutexLocker lock(&m_mutex);
        m_stopping = true;
        m_queue.clear();
    }
    m_pool.waitForDone();
}

void FileThumbnailLoader::setLook(const ImageLook& look, int side) {
    if (look == m_look && side == m_side)
        return;
    m_look = look;
    m_side = side;
    m_cache.clear();
    QMutexLocker lock(&m_mutex);
    m_queue.clear();
    m_requested.clear();
    ++m_generation;
}

std::optional<FileThumbnailLoader::Thumbnail> FileThumbnailLoader::find(const QString& path) const {
    if (const Thumbnail* found = m_cache.object(path))
        return *found;
    return std::nullopt;
}

std::optional<FileThumbnailLoader::Thumbnail> FileThumbnailLoader::request(const QString& path) {
    if (auto found = find(path))
        return found;
    QMutexLocker lock(&m_mutex);
    if (m_requested.contains(path)) {
        // Painted again: it is on screen, so it goes before the files scrolled past.
        const auto queued = std::find(m_queue.begin(), m_queue.end(), path);
        if (queued != m_queue.end() && queued + 1 != m_queue.end()) {
            m_queue.erase(queued);
            m_queue.push_back(path);
        }
        return std::nullopt;
    }
    m_requested.insert(path);
    m_queue.push_back(path);
    if (m_queue.size() > kMaxQueued) {
        m_requested.remove(m_queue.front());
        m_queue.pop_front();
    }
    startWorkerIfIdle();
    return std::nullopt;
}

void FileThumbnailLoader::cancelQueued() {
    QMutexLocker lock(&m_mutex);
    for (const QString& path : m_queue)
        m_requested.remove(path);
    m_queue.clear();
}

void FileThumbnailLoader::startWorkerIfIdle() {
    if (m_workers >= m_pool.maxThreadCount() || m_workers >= static_cast<int>(m_queue.size()))
        return;
    ++m_workers;
    m_pool.start([this] { work(); });
}

void FileThumbnailLoader::work() {
    for (;;) {
        Result result;
        ImageLook look;
        int side = 0;
        {
            QMutexLocker lock(&m_mutex);
            if (m_stopping || m_queue.empty()) {
                --m_workers;
                return;
            }
            result.path = m_queue.back();
            m_queue.pop_back();
            result.generation = m_generation;
            look = m_look;
            side = m_side;
        }
        result.image = squareThumbnail(readModelImage(result.path, look, result.problem), side);
        bool first = false;
        {
            QMutexLocker lock(&m_mutex);
            first = m_results.empty();
            m_results.push_back(std::move(result));
        }
        // One queued call per batch: the GUI takes every result that arrived meanwhile.
        if (first)
            QMetaObject::invokeMethod(this, &FileThumbnailLoader::takeResults,
                                      Qt::QueuedConnection);
    }
}

void FileThumbnailLoader::takeResults() {
    std::vector<Result> results;
    int generation = 0;
    {
        QMutexLocker lock(&m_mutex);
        results.swap(m_results);
        generation = m_generation;
        for (const Result& result : results) {
            if (result.generation == generation)
                m_requested.remove(result.path);
        }
    }
    QStringList paths;
    for (Result& result : results) {
        if (result.generation != generation)
            continue;
        auto* thumbnail = new Thumbnail{
            result.image.isNull() ? QPixmap() : QPixmap::fromImage(result.image), result.problem};
        const int cost = thumbnail->pixmap.isNull() ? 1 : costKiB(thumbnail->pixmap);
        m_cache.insert(result.path, thumbnail, cost);
        paths << result.path;
    }
    if (!paths.isEmpty())
        Q_EMIT decoded(paths);
}

} // namespace tb::ui
