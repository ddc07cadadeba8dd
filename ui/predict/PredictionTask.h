// A prediction with a trained run, run off the GUI thread.
#pragma once

#include "engine/inference/Prediction.h"
#include "ui/predict/ImageClassesModel.h"

#include <QObject>
#include <QString>
#include <atomic>
#include <memory>

class QThread;

namespace tb::ui {

/// Runs tb::engine::predict() on a thread of its own, so that the window stays responsive
/// while a folder of images is decoded and classified, and reads there the IDX files whose
/// images were classified, for their thumbnails. One prediction at a time.
class PredictionTask : public QObject {
    Q_OBJECT
public:
    explicit PredictionTask(QObject* parent = nullptr);
    /// Stops a prediction under way between two batches and waits for it.
    ~PredictionTask() override;

    /// Starts predicting; false while a prediction is still under way.
    bool start(tb::engine::PredictionRequest request);
    bool running() const { return m_thread != nullptr; }
    /// Asks the prediction under way to stop after its current batch: it fails as stopped.
    void stop() { m_stop = true; }

Q_SIGNALS:
    /// `done` of `total` images are classified.
    void progressed(qulonglong done, qulonglong total);
    /// `idxFiles` holds the IDX files named by the prediction's images that could be read.
    void succeeded(std::shared_ptr<const tb::engine::Prediction> prediction,
                   std::shared_ptr<const IdxImageFiles> idxFiles);
    /// The engine's message, naming the problem and what to do; `stopped` when stop() asked.
    void failed(const QString& message, bool stopped);

private:
    void finish();

    QThread* m_thread = nullptr;
    std::atomic<bool> m_stop{false};
    // Written by the worker, read once it has ended.
    std::shared_ptr<const tb::engine::Prediction> m_result;
    std::shared_ptr<const IdxImageFiles> m_idxFiles;
    QString m_error;
    bool m_stopped = false;
};

} // namespace tb::ui
