// The thumbnails of an image split's samples, whether the split is IDX bytes or image files.
#pragma once

#include <QHash>
#include <QList>
#include <QObject>
#include <QPixmap>
#include <QSize>

namespace tb::ui {

class FileThumbnailLoader;
struct ImageSplit;

/// Draws the samples of one ImageSplit for a thumbnail grid's model. An IDX sample is drawn at
/// once from memory. An image file is decoded on worker threads as the model sees it: a faint
/// tile stands in until ready() names the sample, a crossed-out one when the file cannot be
/// read (problem() says why). Every thumbnail of a split has size().
class SampleThumbnails : public QObject {
    Q_OBJECT
public:
    explicit SampleThumbnails(QObject* parent = nullptr);
    ~SampleThumbnails() override;

    /// The split to draw (not owned; null draws none). The files still queued for another
    /// split are dropped; thumbnails already decoded are kept for when it comes back.
    void setSplit(const ImageSplit* split);
    const ImageSplit* split() const { return m_split; }

    QPixmap thumbnail(qint64 sample);
    /// Why `sample`'s file cannot be shown; empty when it can, or is not decoded yet.
    QString problem(qint64 sample) const;
    /// The size of every thumbnail of the split: what a grid's cells are sized for.
    QSize size() const;

Q_SIGNALS:
    /// These samples' thumbnails, asked for before, are ready.
    void ready(const QList<qint64>& samples);

private:
    void takeDecoded(const QStringList& paths);

    const ImageSplit* m_split = nullptr;
    FileThumbnailLoader* m_loader;
    QHash<QString, qint64> m_waiting; // files asked for -> their sample
    QPixmap m_loading;
    QPixmap m_broken;
};

} // namespace tb::ui
