// The observer that persists a run's events on its own thread.
#pragma once

#include "engine/events/EventObserver.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

namespace tb::engine {

/// Queues events from the engine thread (onEvent never blocks on disk) and writes them in
/// batched transactions on a writer thread with its own connection. A crash loses at most
/// the last unflushed batch. While the file cannot be written for a reason that passes (a full
/// disk, another program holding the lock), the events are kept and written with the next
/// batch that succeeds, or with a retry every second once no new events come. Thread-safe:
/// onEvent may be called from any thread.
///
/// Example:
/// ```
/// auto writer = std::make_shared<StoreWriter>("runs.db");
/// controller.start(config, options); // options.observers = {writer}
/// ...
/// writer->close(); // flushes and joins
/// ```
class StoreWriter : public EventObserver {
public:
    /// Told, on the writer thread, why the file cannot be written when a batch first fails for
    /// a reason that passes ("database or disk is full"), and "" once it can be written again or
    /// the kept events fail for a reason that would recur (they are lost: nothing to wait for).
    using WritableListener = std::function<void(const std::string& problem)>;
    static constexpr int kDefaultFlushIntervalMs = 250;

    /// Opens its own connection; throws StoreError when the database cannot be opened.
    explicit StoreWriter(const std::string& databasePath,
                         int flushIntervalMs = kDefaultFlushIntervalMs,
                         WritableListener onWritableChanged = {});
    ~StoreWriter() override; ///< close()

    void onEvent(const Event& event) override;
    /// Writes everything queued so far and waits until the writer has tried: the events are on
    /// disk, or kept while the file cannot be written, or lost (lastError() says why).
    void flush();
    /// Flushes and stops the writer thread. Idempotent.
    void close();
    /// The last write error, empty when none ("disk full" and the like).
    std::string lastError() const;
    /// Events that were never written: dropped on an error that would recur, or still kept
    /// when the writer closed. 0 when the run's record is complete.
    std::uint64_t lostEventCount() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace tb::engine
