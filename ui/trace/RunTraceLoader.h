// Fills a RunTrace from a run stored in the workspace.
#pragma once

#include <QtGlobal>

namespace tb::engine {
class RunStore;
}

namespace tb::ui {

class RunTrace;

/// Replaces `trace` with the stored metrics, device samples and epoch boundaries of run
/// `runId`. Throws tb::engine::StoreError when the run cannot be read.
void loadRunTrace(const tb::engine::RunStore& store, qint64 runId, RunTrace& trace);

} // namespace tb::ui
