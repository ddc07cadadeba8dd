#include "engine/store/StoreWriter.h"

#include "engine/store/RunStore.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <spdlog/spdlog.h>
#include <thread>
#include <vector>

namespace tb::engine {

namespace {

/// A batch this large is written without waiting for the interval: it bounds the memory a
/// fast run queues and the size of one transaction.
constexpr std::size_t kBatchEvents = 2000;

} // namespace

struct StoreWriter::Impl {
    Impl(RunStore store, int flushIntervalMs)
        : m_store(std::move(store))
        , m_path(m_store.path())
        , m_flushInterval(std::max(flushIntervalMs, 1)) {}

    void enqueue(const Event& event);
    void flush();
    void close();
    std::string lastError() const;

    /// The writer thread: waits for work, writes it, repeats until closed and drained.
    void run();
    /// Blocks until there is something to write and it is due; false when closed and empty.
    bool waitForBatch(std::unique_lock<std::mutex>& lock);
    void write(const std::vector<Event>& batch);

    RunStore m_store; ///< used by the writer thread only
    const std::string m_path;
    const std::chrono::milliseconds m_flushInterval;

    mutable std::mutex m_mutex;
    std::condition_variable m_workReady;    ///< signals the writer thread
    std::condition_variable m_batchWritten; ///< signals flush() callers
    std::vector<Event> m_queue;             // guarded by m_mutex
    std::uint64_t m_queuedCount = 0;        // guarded by m_mutex; events ever queued
    std::uint64_t m_writtenCount = 0;       // guarded by m_mutex; events ever written (or failed)
    std::uint64_t m_flushTarget = 0;        // guarded by m_mutex; flush() wants this many written
    bool m_closing = false;                 // guarded by m_mutex
    bool m_warnedClosed = false;            // guarded by m_mutex
    std::string m_lastError;                // guarded by m_mutex

    std::once_flag m_closeOnce;
    std::thread m_thread;
};

void StoreWriter::Impl::enqueue(const Event& event) {
    std::lock_guard lock(m_mutex);
    if (m_closing) {
        if (!m_warnedClosed) {
            m_warnedClosed = true;
            spdlog::warn("store writer for {}: events after close() are dropped", m_path);
        }
        return;
    }
    m_queue.push_back(event);
    ++m_queuedCount;
    // Wake the writer only when it has a new decision to make: start the interval clock on
    // the first event, or write a full batch now.
    if (m_queue.size() == 1 || m_queue.size() == kBatchEvents) {
        m_workReady.notify_one();
    }
}

void StoreWriter::Impl::flush() {
    std::unique_lock lock(m_mutex);
    const std::uint64_t target = m_queuedCount;
    if (m_writtenCount >= target) {
        return;
    }
    m_flushTarget = std::max(m_flushTarget, target);
    m_workReady.notify_one();
    m_batchWritten.wait(lock, [&] { return m_writtenCount >= target; });
}

void StoreWriter::Impl::close() {
    std::call_once(m_closeOnce, [this] {
        {
            std::lock_guard lock(m_mutex);
            m_closing = true;
        }
        m_workReady.notify_one();
        m_thread.join();
    });
}

std::string StoreWriter::Impl::lastError() const {
    std::lock_guard lock(m_mutex);
    return m_lastError;
}

void StoreWriter::Impl::run() {
    std::vector<Event> batch;
    std::unique_lock lock(m_mutex);
    while (waitForBatch(lock)) {
        // Swapping hands the queue the previous batch's capacity back.
        batch.clear();
        batch.swap(m_queue);
        const std::uint64_t written = m_queuedCount;
        lock.unlock();
        write(batch);
        lock.lock();
        m_writtenCount = written;
        m_batchWritten.notify_all();
    }
}

bool StoreWriter::Impl::waitForBatch(std::unique_lock<std::mutex>& lock) {
    m_workReady.wait(lock, [&] { return m_closing || !m_queue.empty(); });
    if (m_queue.empty()) {
        return false; // closing, and everything is written
    }
    // The interval counts from the first event of the batch, so an idle writer never wakes.
    const auto due = std::chrono::steady_clock::now() + m_flushInterval;
    m_workReady.wait_until(lock, due, [&] {
        return m_closing || m_queue.size() >= kBatchEvents || m_flushTarget > m_writtenCount;
    });
    return true;
}

void StoreWriter::Impl::write(const std::vector<Event>& batch) {
    try {
        m_store.apply(batch);
    } catch (const std::exception& error) {
        // The engine thread must keep training: keep the error for lastError() and the log.
        spdlog::error("store writer: a batch of {} events was not written: {}", batch.size(),
                      error.what());
        std::lock_guard lock(m_mutex);
        m_lastError = error.what();
    }
}

StoreWriter::StoreWriter(const std::string& databasePath, int flushIntervalMs)
    : m_impl(std::make_unique<Impl>(RunStore::open(databasePath), flushIntervalMs)) {
    m_impl->m_thread = std::thread([impl = m_impl.get()] { impl->run(); });
}

StoreWriter::~StoreWriter() {
    close();
}

void StoreWriter::onEvent(const Event& event) {
    m_impl->enqueue(event);
}

void StoreWriter::flush() {
    m_impl->flush();
}

void StoreWriter::close() {
    m_impl->close();
}

std::string StoreWriter::lastError() const {
    return m_impl->lastError();
}

} // namespace tb::engine
