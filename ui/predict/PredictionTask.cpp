#include "ui/predict/PredictionTask.h"

#include <QThread>

namespace tb::ui {

PredictionTask::PredictionTask(QObject* parent)
    : QObject(parent) {}

PredictionTask::~PredictionTask() {
    if (!m_thread)
        return;
    m_thread->wait();
    delete m_thread;
}

bool PredictionTask::start(const tb::engine::PredictionRequest& request) {
    if (m_thread)
        return false;
    // The worker writes the outcome and ends; finish() reads it on the GUI thread, after
    // QThread::finished.
    m_thread = QThread::create([this, request] {
        try {
            m_result = std::make_shared<const tb::engine::Prediction>(tb::engine::predict(request));
        } catch (const std::exception& e) {
            m_error = QString::fromStdString(e.what());
        }
    });
    connect(m_thread, &QThread::finished, this, &PredictionTask::finish);
    m_thread->start();
    return true;
}

void PredictionTask::finish() {
    m_thread->deleteLater();
    m_thread = nullptr;
    std::shared_ptr<const tb::engine::Prediction> result = std::move(m_result);
    m_result.reset();
    if (result)
        Q_EMIT succeeded(result);
    else
        Q_EMIT failed(m_error);
    m_error.clear();
}

} // namespace tb::ui
