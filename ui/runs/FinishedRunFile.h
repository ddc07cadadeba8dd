// Finding the file a finished run saved for a panel to show, or what the panel says instead.
#pragma once

#include <QString>
#include <string>

namespace tb::ui {

class Workspace;

/// A finished run's saved file, or why there is none.
struct FinishedRunFile {
    QString runTitle; ///< `Run 12 · fashion-mnist-cnn`
    QString path;     ///< the run's latest artifact of the kind asked for; empty with a message
    QString message;  ///< why there is nothing to show; empty when path is set
};

/// Looks up run `runId`'s latest `kind` artifact (`predictions`). `stillTraining` and `none` are
/// the messages for a run that has not ended and for one that saved no such file, with `%1`
/// for the run's title; a missing workspace or run, or a store error, gets its own message.
FinishedRunFile findFinishedRunFile(const Workspace& workspace, qint64 runId,
                                    const std::string& kind, const QString& stillTraining,
                                    const QString& none);

} // namespace tb::ui
