#include "ui/dataset/SampleThumbnails.h"

#include "ui/dataset/FileThumbnailLoader.h"
#include "ui/dataset/IdxImageSet.h"
#include "ui/dataset/ThumbnailGrid.h"

namespace tb::ui {

SampleThumbnails::SampleThumbnails(QObject* parent)
    : QObject(parent)
    , m_loader(new FileThumbnailLoader(this)) {
    connect(m_loader, &FileThumbnailLoader::decoded, this, &SampleThumbnails::takeDecoded);
}

SampleThumbnails::~SampleThumbnails() = default;

void SampleThumbnails::setSplit(const ImageSplit* split) {
    m_waiting.clear();
    m_loader->cancelQueued();
    m_split = split;
    if (!split || !split->isFiles())
        return;
    // rows is the model's input side; 0 keeps each file's own size.
    m_loader->setLook({split->rows, split->channels}, kFileThumbnailSide);
    if (m_loading.isNull()) {
        m_loading = placeholderThumbnail(kFileThumbnailSide, false);
        m_broken = placeholderThumbnail(kFileThumbnailSide, true);
    }
}

QPixmap SampleThumbnails::thumbnail(qint64 sample) {
    if (!m_split || sample < 0 || sample >= m_split->count)
        return {};
    if (!m_split->isFiles())
        return sampleThumbnail(*m_split, sample);
    const QString& path = m_split->files.at(sample);
    if (const auto found = m_loader->request(path))
        return found->pixmap.isNull() ? m_broken : found->pixmap;
    m_waiting.insert(path, sample);
    return m_loading;
}

QString SampleThumbnails::problem(qint64 sample) const {
    if (!m_split || !m_split->isFiles() || sample < 0 || sample >= m_split->count)
        return {};
    const auto found = m_loader->find(m_split->files.at(sample));
    return found ? found->problem : QString();
}

QSize SampleThumbnails::size() const {
    if (m_split && m_split->isFiles())
        return {kFileThumbnailSide, kFileThumbnailSide};
    // sampleThumbnail() draws IDX images twice their size.
    return m_split ? QSize(m_split->cols, m_split->rows) * 2 : QSize(56, 56);
}

void SampleThumbnails::takeDecoded(const QStringList& paths) {
    QList<qint64> samples;
    for (const QString& path : paths) {
        const auto waiting = m_waiting.constFind(path);
        if (waiting == m_waiting.cend())
            continue;
        samples << *waiting;
        m_waiting.erase(waiting);
    }
    if (!samples.isEmpty())
        Q_EMIT ready(samples);
}

} // namespace tb::ui
