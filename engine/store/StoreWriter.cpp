#include "engine/store/StoreWriter.h"

#include "engine/store/RunStore.h"
#include "engine/store/SqlError.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <spdlog/spdlog.h>
#include <sqlite3.h>
#include <thread>
#include <vector>

namespace tb::engine {

namespace {

/// A batch this large is written without waiting for the interval: it bounds the memory a
/// fast run queues and the size of one transaction.
constexpr std::size_t kBatchEvents = 2000;

/// Events kept while the file cannot be written (tens of MB): beyond it the oldest go.
constexpr std::size_t kMaxHeldEvents = 200'000;

/// How often kept events are tried again when no new ones come (a run held for it).
constexpr std::chrono::seconds kRetryInterval{1};

/// What went wrong, without the file and the statement an sql::Error also names.
std::string problemOf(const std::exception& error) {
    const auto* sqlError = dynamic_cast<const sql::Error*>(&error);
    return sqlError != nullptr ? sqlite3_errstr(sqlError->code()) : error.what();
}

/// Failures that pass by themselves or once the user acts (a full disk, another program
/// holding the lock too long, an I/O error): the events are worth keeping for a later batch.
/// Anything else (an event for a run that does not exist) would fail again.
bool isTransient(const std::exception& error) {
    const auto* sqlError = dynamic_cast<const sql::Error*>(&error);
    if (sqlError == nullptr)
        return false;
    switch (sqlError->code() & 0xff) {
    case SQLITE_FULL:
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_IOERR:
        return true;
    default:
        return false;
    }
}

} // namespace

struct StoreWriter::Impl {
    Impl(RunStore store, int flushIntervalMs, WritableListener onWritableChanged)
        : m_store(std::move(store))
        , m_path(m_store.path())
        , m_flushInterval(std::max(flushIntervalMs, 1))
        , m_onWritableChanged(std::move(onWritableChanged)) {}

    void enqueue(const Event& event);
    void flush();
    void close();
    std::string lastError() const;

    /// The writer thread: waits for work, writes it, repeats until closed and drained.
    void run();
    /// Blocks until there is something to write and it is due; false when closed and empty.
    bool waitForBatch(std::unique_lock<std::mutex>& lock);
    /// Writes the held events and `batch`; keeps them when the failure is transient.
    void write(std::vector<Event>& batch);
    void hold(std::vector<Event>& events, const std::exception& error);
    void lose(std::size_t count);

    RunStore m_store;          ///< used by the writer thread only
    std::vector<Event> m_held; ///< writer thread only: events a transient failure kept, in order
    const std::string m_path;
    const std::chrono::milliseconds m_flushInterval;
    const WritableListener m_onWritableChanged; ///< called on the writer thread

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
    std::uint64_t m_lostCount = 0;          // guarded by m_mutex; events never written

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

void StoreWriter::Impl::lose(std::size_t count) {
    std::lock_guard lock(m_mutex);
    m_lostCount += count;
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
    if (!m_held.empty()) {
        spdlog::error("store writer: the last {} events of the run could not be written to {} "
                      "and are lost: {}",
                      m_held.size(), m_path, m_lastError);
        m_lostCount += m_held.size(); // the lock is held again here
    }
}

bool StoreWriter::Impl::waitForBatch(std::unique_lock<std::mutex>& lock) {
    if (!m_held.empty()) {
        // Kept events are tried again on a timer, with or without new ones: the run may be
        // held until they are written.
        m_workReady.wait_for(lock, kRetryInterval, [&] {
            return m_closing || m_queue.size() >= kBatchEvents || m_flushTarget > m_writtenCount;
        });
        return !m_closing || !m_queue.empty();
    }
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

void StoreWriter::Impl::write(std::vector<Event>& batch) {
    if (!m_held.empty())
        m_held.insert(m_held.end(), batch.begin(), batch.end());
    std::vector<Event>& events = m_held.empty() ? batch : m_held;
    try {
        m_store.apply(events);
        if (&events == &m_held) {
            spdlog::info("store writer: {} can be written again; the {} events kept meanwhile "
                         "are stored",
                         m_path, m_held.size());
            m_held.clear();
            if (m_onWritableChanged)
                m_onWritableChanged({});
        }
    } catch (const std::exception& error) {
        // The engine thread must keep training: keep the error for lastError() and the log.
        {
            std::lock_guard lock(m_mutex);
            m_lastError = error.what();
        }
        if (isTransient(error)) {
            hold(events, error);
            return;
        }
        spdlog::error("store writer: {} events were not written: {}", events.size(), error.what());
        lose(events.size());
        const bool wasHolding = !m_held.empty();
        m_held.clear();
        // Nothing is kept to wait for any more: a run held until it was written goes on.
        if (wasHolding && m_onWritableChanged)
            m_onWritableChanged({});
    }
}

void StoreWriter::Impl::hold(std::vector<Event>& events, const std::exception& error) {
    if (m_held.empty()) {
        spdlog::error("store writer: cannot write to {} ({}); the run's events are kept in "
                      "memory and written as soon as it can be (free disk space, or end what "
                      "holds the file)",
                      m_path, error.what());
        m_held.swap(events);
        if (m_onWritableChanged)
            m_onWritableChanged(problemOf(error));
    }
    if (m_held.size() > kMaxHeldEvents) {
        const std::size_t dropped = m_held.size() - kMaxHeldEvents;
        spdlog::error("store writer: {} still cannot be written; the oldest {} kept events are "
                      "dropped",
                      m_path, dropped);
        m_held.erase(m_held.begin(), m_held.begin() + static_cast<std::ptrdiff_t>(dropped));
        lose(dropped);
    }
}

StoreWriter::StoreWriter(const std::string& databasePath, int flushIntervalMs,
                         WritableListener onWritableChanged)
    : m_impl(std::make_unique<Impl>(RunStore::open(databasePath), flushIntervalMs,
                                    std::move(onWritableChanged))) {
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

std::uint64_t StoreWriter::lostEventCount() const {
    std::lock_guard lock(m_impl->m_mutex);
    return m_impl->m_lostCount;
}

} // namespace tb::engine
