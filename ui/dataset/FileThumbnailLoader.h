// Thumbnails of image files, decoded on worker threads so that a grid of a 50,000-image folder
// scrolls without waiting for its files.
#pragma once

#include "ui/dataset/ModelImage.h"

#include <QCache>
#include <QMutex>
#include <QObject>
#include <QPixmap>
#include <QSet>
#include <QStringList>
#include <QThreadPool>
#include <deque>
#include <optional>
#include <vector>

namespace tb::ui {

/// Decodes image files as the model sees them (readModelImage) into square thumbnails, on a
/// few worker threads, the file asked for last first: the grid asks for what it paints, so
/// what is on screen comes before what was scrolled past, and only the latest few hundred
/// requests are kept. The latest few thousand thumbnails are cached. Used from the GUI
/// thread; its workers share only the queue and the results, guarded by m_mutex, and hand
/// the results over through a queued call (QPixmap may only be made on the GUI thread).
class FileThumbnailLoader : public QObject {
    Q_OBJECT
public:
    struct Thumbnail {
        QPixmap pixmap;  ///< null when the file cannot be read
        QString problem; ///< why it cannot be read; empty when it can
    };

    explicit FileThumbnailLoader(QObject* parent = nullptr);
    /// Drops the queue and waits for the decodes under way (one image each).
    ~FileThumbnailLoader() override;

    /// Decodes files as `look` into `side` x `side` thumbnails from now on; a change forgets
    /// every thumbnail and request made before.
    void setLook(const ImageLook& look, int side);
    ImageLook look() const { return m_look; }
    int side() const { return m_side; }

    /// `path`'s thumbnail once decoded. Before that returns nothing and queues the file (again
    /// to the front when it waits already); decoded() names it when done.
    std::optional<Thumbnail> request(const QString& path);
    /// `path`'s thumbnail once decoded, without queueing it.
    std::optional<Thumbnail> find(const QString& path) const;
    /// Forgets the queued files (the grid shows others now); decodes under way still finish.
    void cancelQueued();

Q_SIGNALS:
    /// These files' thumbnails (or problems) are ready.
    void decoded(const QStringList& paths);

private:
    struct Result {
        QString path;
        int generation = 0;
        QImage image;
        QString problem;
    };

    void startWorkerIfIdle(); // called with m_mutex held
    void work();              // on a worker thread
    void takeResults();       // on the GUI thread

    ImageLook m_look;
    int m_side = 64;
    QCache<QString, Thumbnail> m_cache;
    QThreadPool m_pool;

    mutable QMutex m_mutex;
    std::deque<QString> m_queue;   // guarded by m_mutex; the back is decoded next
    QSet<QString> m_requested;     // guarded by m_mutex; queued, decoding or not yet taken
    std::vector<Result> m_results; // guarded by m_mutex
    int m_generation = 0;          // guarded by m_mutex; setLook() makes older results stale
    int m_workers = 0;             // guarded by m_mutex
    bool m_stopping = false;       // guarded by m_mutex
};

} // namespace tb::ui
