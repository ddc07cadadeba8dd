// A prediction with a trained run, run off the GUI thread.
#pragma once

#include "engine/inference/Prediction.h"

#include <QObject>
#include <QString>
#include <memory>

class QThread;

namespace tb::ui {

/// Runs tb::engine::predict() on a thread of its own, so that the window stays responsive
/// while a folder of images is decoded and classified. One prediction at a time.
class PredictionTask : public QObject {
    Q_OBJECT
public:
    explicit PredictionTask(QObject* parent = nullptr);
    /// Waits for a prediction under way: it reads files the caller may be about to remove.
    ~PredictionTask() override;

    /// Starts predicting; false while a prediction is still under way.
    bool start(const tb::engine::PredictionRequest& request);
    bool running() const { return m_thread != nullptr; }

Q_SIGNALS:
    void succeeded(std::shared_ptr<const tb::engine::Prediction> prediction);
    /// The engine's message, naming the problem and what to do.
    void failed(const QString& message);

private:
    void finish();

    QThread* m_thread = nullptr;
    std::shared_ptr<const tb::engine::Prediction> m_result; ///< written by the worker
    QString m_error;                                        ///< written by the worker
};

} // namespace tb::ui
