// Where a stopped run goes on from. Engine-internal: it exposes LibTorch.
#pragma once

#include "engine/config/Config.h"
#include "engine/config/ConfigIssue.h"
#include "engine/store/RunStore.h"
#include "engine/training/TrainingState.h"

#include <cstdint>
#include <optional>

namespace tb::engine {

/// The checkpoint and point from which run `runId` of `store` goes on when trained with
/// `config` (the run's own; train.epochs may have been raised), or nullopt and the issues
/// that keep it from going on, each naming the run and what to do instead.
std::optional<Continuation> findContinuation(const RunStore& store, std::int64_t runId,
                                             const Config& config, ConfigIssues& issues);

} // namespace tb::engine
