// Shuffled, prefetched mini-batches from a Dataset.
#pragma once

#include "engine/data/BatchTransform.h"
#include "engine/data/Dataset.h"

#include <cstdint>
#include <memory>
#include <optional>

namespace tb::engine {

/// How a DataLoader walks a dataset.
///
/// Example:
/// ```
/// LoaderOptions o;
/// o.batchSize = 128; o.shuffle = true; o.numWorkers = 2; o.prefetch = 4; o.seed = 42;
/// ```
struct LoaderOptions {
    std::int64_t batchSize = 64;
    bool shuffle = false;
    /// Drop the last incomplete batch (never for evaluation: the test set keeps every window).
    bool dropLast = false;
    /// Threads assembling batches ahead of the consumer; 0 gathers on the caller's thread.
    int numWorkers = 0;
    /// Batches ready ahead of the consumer, in total.
    int prefetch = 2;
    /// The order of epoch e depends only on (seed, e): not on the worker count.
    std::uint64_t seed = 0;
    /// Pin batches in page-locked memory for fast, asynchronous copies to a GPU.
    bool pinMemory = false;
    /// Data-parallel training: this process reads shard `shardIndex` of `shardCount`, every
    /// shardCount-th sample of the epoch's order from its own offset. The order is padded by
    /// wrapping around so that every shard holds as many samples, hence as many batches: the
    /// processes must take the same number of steps.
    int shardIndex = 0;
    int shardCount = 1;
    /// Applied to every batch once gathered (training augmentation), drawing from a generator
    /// seeded by (seed, epoch, batch, shard); null for none.
    std::shared_ptr<const BatchTransform> transform;
};

/// Yields the batches of one epoch in a deterministic order while worker threads assemble
/// the next ones. Used by one consumer thread (the engine thread).
class DataLoader {
public:
    DataLoader(std::shared_ptr<const Dataset> dataset, LoaderOptions options);
    ~DataLoader(); ///< stops and joins the workers

    std::int64_t batchesPerEpoch() const;
    std::int64_t samplesPerEpoch() const;
    /// Starts epoch `epoch` (from 1) at its batch `firstBatch` (a continued run skips the
    /// batches it trained before it stopped), discarding what remains of the previous epoch.
    void startEpoch(std::int64_t epoch, std::int64_t firstBatch = 0);
    /// The next batch of the current epoch, nullopt at its end. Rethrows a worker's exception.
    std::optional<Batch> next();

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace tb::engine
