// A random change made to each training batch as it is assembled (data augmentation).
#pragma once

#include "engine/data/Batch.h"

#include <random>

namespace tb::engine {

/// Changes a freshly gathered batch in place, drawing from `random` only: the DataLoader seeds
/// it from (seed, epoch, batch, shard), so a run repeats whatever the number of loader workers
/// and a continued run draws what the uninterrupted one would have. Called from loader
/// threads, concurrently: implementations keep no mutable state.
class BatchTransform {
public:
    virtual ~BatchTransform() = default;
    virtual void apply(Batch& batch, std::mt19937_64& random) const = 0;
};

} // namespace tb::engine
