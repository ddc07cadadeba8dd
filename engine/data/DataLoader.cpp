#include "engine/data/DataLoader.h"

#include "engine/data/Permutation.h"

#include <algorithm>
#include <condition_variable>
#include <exception>
#include <map>
#include <mutex>
#include <numeric>
#include <stdexcept>
#include <thread>
#include <torch/cuda.h>

namespace tb::engine {
namespace {

Batch pinned(const Batch& batch) {
    const auto pin = [](const torch::Tensor& t) { return t.defined() ? t.pin_memory() : t; };
    return Batch{pin(batch.input), pin(batch.target), pin(batch.inputMark), pin(batch.targetMark)};
}

void checkOptions(const Dataset* dataset, const LoaderOptions& options) {
    if (dataset == nullptr) {
        throw std::invalid_argument("DataLoader needs a dataset");
    }
    if (options.batchSize < 1) {
        throw std::invalid_argument("DataLoader batchSize must be at least 1, got " +
                                    std::to_string(options.batchSize));
    }
    if (options.numWorkers < 0) {
        throw std::invalid_argument("DataLoader numWorkers must be at least 0, got " +
                                    std::to_string(options.numWorkers));
    }
    if (options.shardCount < 1 || options.shardIndex < 0 ||
        options.shardIndex >= options.shardCount) {
        throw std::invalid_argument("DataLoader shard " + std::to_string(options.shardIndex) +
                                    " of " + std::to_string(options.shardCount) +
                                    " does not exist");
    }
    if (options.numWorkers > 0 && options.prefetch < 1) {
        throw std::invalid_argument("DataLoader prefetch must be at least 1 with workers, got " +
                                    std::to_string(options.prefetch));
    }
}

/// Every `count`-th index of `order` from `index`, `order` repeated as far as needed to give
/// each of the `count` shards ceil(size / count) indices.
std::vector<std::int64_t> shardOf(const std::vector<std::int64_t>& order, int index, int count) {
    const auto size = static_cast<std::int64_t>(order.size());
    const std::int64_t shardSize = (size + count - 1) / count;
    std::vector<std::int64_t> shard;
    shard.reserve(static_cast<std::size_t>(shardSize));
    for (std::int64_t i = 0; i < shardSize; ++i)
        shard.push_back(order[static_cast<std::size_t>((i * count + index) % size)]);
    return shard;
}

/// The generator stream of one batch's transform: apart from the epoch orders' streams (the
/// epoch numbers) and from every other batch's, of this process and the others.
std::uint64_t transformStream(std::int64_t epoch, std::int64_t batch, int shard) {
    const auto mix = [](std::uint64_t x) { // splitmix64's finalizer
        x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
        x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
        return x ^ (x >> 31);
    };
    return mix(mix(mix(0x6175'676d'656e'7400ull ^ static_cast<std::uint64_t>(epoch)) ^
                   static_cast<std::uint64_t>(batch)) ^
               static_cast<std::uint64_t>(shard));
}

} // namespace

/// Workers claim batches in order, at most `prefetch` beyond the one the consumer waits for,
/// and file each result under its batch number; the consumer takes them out in order. A new
/// epoch bumps `generation`, so results still being gathered for the old one are dropped.
struct DataLoader::Impl {
    /// A gathered batch, or what went wrong gathering it.
    struct BatchResult {
        Batch batch;
        std::exception_ptr error;
    };

    std::shared_ptr<const Dataset> dataset;
    LoaderOptions options;
    std::int64_t datasetSize = 0;
    std::int64_t epochSize = 0; // samples this process reads per epoch: its shard's
    std::int64_t batchCount = 0;
    bool pinMemory = false;

    std::mutex mutex;
    std::condition_variable workAvailable;
    std::condition_variable resultFiled;
    bool started = false;                                   // guarded by mutex
    bool stopping = false;                                  // guarded by mutex
    std::uint64_t generation = 0;                           // guarded by mutex
    std::shared_ptr<const std::vector<std::int64_t>> order; // guarded by mutex
    std::int64_t epoch = 0;                                 // guarded by mutex
    std::int64_t nextToClaim = 0;                           // guarded by mutex
    std::int64_t nextToDeliver = 0;                         // guarded by mutex
    std::map<std::int64_t, BatchResult> filed;              // guarded by mutex
    std::vector<std::thread> workers;

    BatchResult assemble(const std::vector<std::int64_t>& epochOrder, std::int64_t epochNumber,
                         std::int64_t batch) const {
        BatchResult result;
        try {
            const auto begin = batch * options.batchSize;
            const auto end = std::min(begin + options.batchSize, epochSize);
            const std::vector<std::int64_t> indices(epochOrder.begin() + begin,
                                                    epochOrder.begin() + end);
            result.batch = dataset->gather(indices);
            if (options.transform) {
                auto random = seededEngine(options.seed,
                                           transformStream(epochNumber, batch, options.shardIndex));
                options.transform->apply(result.batch, random);
            }
            if (pinMemory) {
                result.batch = pinned(result.batch);
            }
        } catch (...) {
            result.error = std::current_exception();
        }
        return result;
    }

    bool canClaim() const {
        return started && nextToClaim < batchCount &&
               nextToClaim - nextToDeliver < options.prefetch;
    }

    void work() {
        // Batches are inputs, never part of a graph; this thread's grad mode is its own.
        torch::NoGradGuard noGrad;
        std::unique_lock lock(mutex);
        while (true) {
            workAvailable.wait(lock, [this] { return stopping || canClaim(); });
            if (stopping) {
                return;
            }
            const auto batch = nextToClaim++;
            const auto claimedGeneration = generation;
            const auto claimedOrder = order;
            const auto claimedEpoch = epoch;
            lock.unlock();
            auto result = assemble(*claimedOrder, claimedEpoch, batch);
            lock.lock();
            if (claimedGeneration == generation) {
                filed.emplace(batch, std::move(result));
                resultFiled.notify_one();
            }
        }
    }

    /// The next batch of the epoch, gathered here when there are no workers; nullopt at its end.
    std::optional<BatchResult> takeNext() {
        std::unique_lock lock(mutex);
        if (!started) {
            throw std::logic_error("DataLoader::next() called before startEpoch()");
        }
        if (nextToDeliver >= batchCount) {
            return std::nullopt;
        }
        if (workers.empty()) {
            const auto batch = nextToDeliver++;
            const auto epochOrder = order;
            const auto epochNumber = epoch;
            lock.unlock();
            return assemble(*epochOrder, epochNumber, batch);
        }
        resultFiled.wait(lock, [this] { return filed.count(nextToDeliver) > 0; });
        auto node = filed.extract(nextToDeliver++);
        lock.unlock();
        workAvailable.notify_one();
        return std::move(node.mapped());
    }
};

DataLoader::DataLoader(std::shared_ptr<const Dataset> dataset, LoaderOptions options)
    : m_impl(std::make_unique<Impl>()) {
    checkOptions(dataset.get(), options);
    m_impl->datasetSize = dataset->size();
    m_impl->dataset = std::move(dataset);
    m_impl->options = options;
    const auto size = (m_impl->datasetSize + options.shardCount - 1) / options.shardCount;
    m_impl->epochSize = size;
    m_impl->batchCount = options.dropLast ? size / options.batchSize
                                          : (size + options.batchSize - 1) / options.batchSize;
    m_impl->pinMemory = options.pinMemory && torch::cuda::is_available();
    for (int i = 0; i < options.numWorkers; ++i) {
        m_impl->workers.emplace_back([impl = m_impl.get()] { impl->work(); });
    }
}

DataLoader::~DataLoader() {
    {
        std::lock_guard lock(m_impl->mutex);
        m_impl->stopping = true;
    }
    m_impl->workAvailable.notify_all();
    for (auto& worker : m_impl->workers) {
        worker.join();
    }
}

std::int64_t DataLoader::batchesPerEpoch() const {
    return m_impl->batchCount;
}

std::int64_t DataLoader::samplesPerEpoch() const {
    return m_impl->options.dropLast ? m_impl->batchCount * m_impl->options.batchSize
                                    : m_impl->epochSize;
}

void DataLoader::startEpoch(std::int64_t epoch, std::int64_t firstBatch) {
    auto order = std::make_shared<std::vector<std::int64_t>>();
    if (m_impl->options.shuffle) {
        *order = seededPermutation(m_impl->datasetSize, m_impl->options.seed,
                                   static_cast<std::uint64_t>(epoch));
    } else {
        order->resize(static_cast<std::size_t>(m_impl->datasetSize));
        std::iota(order->begin(), order->end(), std::int64_t{0});
    }
    if (m_impl->options.shardCount > 1 && !order->empty())
        *order = shardOf(*order, m_impl->options.shardIndex, m_impl->options.shardCount);
    std::map<std::int64_t, Impl::BatchResult> leftover;
    {
        std::lock_guard lock(m_impl->mutex);
        m_impl->started = true;
        ++m_impl->generation;
        m_impl->order = std::move(order);
        m_impl->epoch = epoch;
        m_impl->nextToClaim = std::clamp<std::int64_t>(firstBatch, 0, m_impl->batchCount);
        m_impl->nextToDeliver = m_impl->nextToClaim;
        leftover.swap(m_impl->filed); // freed outside the lock
    }
    m_impl->workAvailable.notify_all();
}

std::optional<Batch> DataLoader::next() {
    auto result = m_impl->takeNext();
    if (!result) {
        return std::nullopt;
    }
    if (result->error) {
        std::rethrow_exception(result->error);
    }
    return std::move(result->batch);
}

} // namespace tb::engine
