// Every image file of a dataset read once in the background, as a run reads them all before it
// starts: the files that would stop it are known before Train is pressed, not only those the
// grid happened to draw. A file read before is not read again while its size and modification
// time stay as they were, so that a dataset reloaded for another data.image_size is checked
// at once.
#pragma once

#include <QHash>
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
    /// of what was checked before; null, or a dataset of IDX files, checks nothing. A file
    /// unchanged since an earlier check keeps that check's verdict.
    void check(std::shared_ptr<const ImageDataset> dataset);

    /// The image files to read; 0 when there are none.
    qint64 total() const { return m_total; }
    qint64 checked() const { return m_checked; }
    bool finished() const { return m_checked == m_total; }
    /// Of those checked, the files this check decoded: the others were known from before.
    qint64 decoded() const { return m_decoded; }
    /// Those that cannot be read so far, in the order read.
    const QList<Unreadable>& unreadable() const { return m_unreadable; }

Q_SIGNALS:
    /// More files were read (told at most every 100 ms), or the last one.
    void progressed();

private:
    /// What a file was when it was read, and what reading it said (empty: it reads).
    struct Verdict {
        qint64 size = -1;
        qint64 modifiedMs = 0;
        int channels = 0; ///< gray and colour decode through different paths
        QString problem;
    };
    using Verdicts = QHash<QString, Verdict>;
    struct Batch {
        qint64 checked = 0;
        qint64 decoded = 0;
        QList<Unreadable> unreadable;
        Verdicts fresh;
    };

    void stop();
    void read(std::shared_ptr<const ImageDataset> dataset, Verdicts known, int generation);
    void take(int generation, const Batch& batch);

    std::unique_ptr<QThread> m_worker;
    std::atomic<bool> m_stopping{false};
    int m_generation = 0; // a check's results are taken only while it is the latest
    qint64 m_total = 0;
    qint64 m_checked = 0;
    qint64 m_decoded = 0;
    QList<Unreadable> m_unreadable;
    Verdicts m_known; ///< by path, from every check so far
};

} // namespace tb::ui
