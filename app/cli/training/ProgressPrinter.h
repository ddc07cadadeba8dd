// Shows a run's progress on the terminal.
#pragma once

#include "engine/events/EventObserver.h"

#include <cstdio>
#include <mutex>
#include <string>

namespace tb::cli {

/// An observer that draws a progress bar (epoch, step, loss, samples/s, ETA, the device's
/// memory and utilization) on a terminal, or prints one line per epoch when the output is not
/// a terminal. Called on the engine and telemetry threads; printing is cheap and guarded by
/// m_mutex.
class ProgressPrinter : public tb::engine::EventObserver {
public:
    explicit ProgressPrinter(std::FILE* out);
    void onEvent(const tb::engine::Event& event) override;

private:
    void draw(const tb::engine::StepMetrics& step);
    void printLine(const std::string& text);

    std::mutex m_mutex;
    std::FILE* m_out; // guarded by m_mutex
    bool m_terminal;
    bool m_barShown = false;          // guarded by m_mutex
    std::int64_t m_epochs = 0;        // guarded by m_mutex
    std::int64_t m_stepsPerEpoch = 0; // guarded by m_mutex
    std::string m_device;             // guarded by m_mutex
    std::string m_deviceText;         // guarded by m_mutex: the latest reading, formatted
};

/// What a data-parallel process other than 0 prints: only why it failed; the rest is process
/// 0's to show.
class WorkerReporter : public tb::engine::EventObserver {
public:
    explicit WorkerReporter(int rank)
        : m_rank(rank) {}
    void onEvent(const tb::engine::Event& event) override;

private:
    int m_rank;
};

} // namespace tb::cli
