// Every image file of a dataset read once in the background, as a run reads them all before it
// starts: the files that would stop it are known before Train is pressed, not only those the
// grid happened to draw.
#pragma once

#include <QList>
#include <QObject>
#include <QString>
#include <QThread>
#include <atomic>
#include <memory>

namespace tb::ui {

struct ImageDataset;

class ImageFileCheck : public QObject {
    Q_OBJECT
public:
    struct Unreadable {
        QString path;
        QString problem; ///< the engine's message, naming the file
    };

    explicit ImageFileCheck(QObject* parent = nullptr);
    /// Stops the check under way, after the file it is reading.
    ~ImageFileCheck() override;

    /// Reads every image file of `dataset`'s splits as the model will see it, on one thread that
    /// runs only when no other wants the CPU (a run training beside it loses nothing), instead
    /// of what was checked before; null, or a dataset of IDX files, checks nothing.
    void check(std::shared_ptr<const ImageDataset> dataset);

    /// The image files to read; 0 when there are none.
    qint64 total() const { return m_total; }
    qint64 checked() const { return m_checked; }
    bool finished() const { return m_checked == m_total; }
    /// Those that cannot be read so far, in the order read.
    const QList<Unreadable>& unreadable() const { return m_unreadable; }

Q_SIGNALS:
    /// More files were read (told at most every 100 ms), or the last one.
    void progressed();

private:
    void stop();
    void read(std::shared_ptr<const ImageDataset> dataset, int generation);
    void take(int generation, qint64 checked, const QList<Unreadable>& unreadable);

    std::unique_ptr<QThread> m_worker;
    std::atomic<bool> m_stopping{false};
    int m_generation = 0; // a check's results are taken only while it is the latest
    qint64 m_total = 0;
    qint64 m_checked = 0;
    QList<Unreadable> m_unreadable;
};

} // namespace tb::ui
