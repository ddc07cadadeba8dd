// A finite, indexable dataset that assembles whole batches.
#pragma once

#include "engine/data/Batch.h"

#include <cstdint>
#include <vector>

namespace tb::engine {

/// Random-access samples, gathered a batch at a time (one tensor op per batch, not one per
/// sample). Immutable after construction: gather() is called concurrently from loader
/// worker threads.
class Dataset {
public:
    virtual ~Dataset() = default;
    virtual std::int64_t size() const = 0;
    /// The samples at `indices` (each < size()) stacked into one batch, in that order.
    virtual Batch gather(const std::vector<std::int64_t>& indices) const = 0;
};

} // namespace tb::engine
