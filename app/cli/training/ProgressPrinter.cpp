#include "ProgressPrinter.h"

#include <algorithm>
#include <cmath>
#include <iostream>
#include <string>
#include <unistd.h>

namespace tb::cli {
using namespace tb::engine;

namespace {

std::string clock(double seconds) {
    const auto s = static_cast<long>(seconds + 0.5);
    char text[32];
    if (s >= 3600)
        std::snprintf(text, sizeof(text), "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
    else
        std::snprintf(text, sizeof(text), "%ld:%02ld", s / 60, s % 60);
    return text;
}

/// Four decimals, or three significant digits in exponent form for the small values that
/// four decimals would print as 0.0000 (a decayed learning rate, a tiny MSE).
std::string metricText(double value) {
    char text[32];
    const bool small = value != 0.0 && std::fabs(value) < 1e-3;
    std::snprintf(text, sizeof(text), small ? "%.2e" : "%.4f", value);
    return text;
}

/// `train/loss 0.4123  val/loss 0.4420`; the share spent waiting for data has its own place.
std::string metrics(const std::vector<MetricValue>& values) {
    std::string out;
    for (const auto& v : values) {
        if (v.name != kEpochDataWaitMetric)
            out += (out.empty() ? "" : "  ") + v.name + " " + metricText(v.value);
    }
    return out;
}

/// `data wait 38%  `; empty when the epoch did not say.
std::string dataWaitText(const std::vector<MetricValue>& values) {
    for (const auto& v : values) {
        if (v.name == kEpochDataWaitMetric)
            return "data wait " + std::to_string(std::lround(v.value * 100.0)) + "%  ";
    }
    return {};
}

/// `  mem 3.21/79.6 GiB  87% busy` from what the device reported; empty when nothing.
std::string deviceText(const DeviceSample& sample) {
    constexpr double kGiB = 1024.0 * 1024.0 * 1024.0;
    char text[96] = "";
    int used = 0;
    if (sample.memoryUsedBytes >= 0 && sample.memoryTotalBytes > 0)
        used = std::snprintf(text, sizeof(text), "  mem %.2f/%.1f GiB",
                             static_cast<double>(sample.memoryUsedBytes) / kGiB,
                             static_cast<double>(sample.memoryTotalBytes) / kGiB);
    if (sample.utilizationPct >= 0.0)
        std::snprintf(text + used, sizeof(text) - static_cast<std::size_t>(used), "  %.0f%% busy",
                      sample.utilizationPct);
    return text;
}

double valueOf(const std::vector<MetricValue>& values, const std::string& name) {
    for (const auto& v : values) {
        if (v.name == name)
            return v.value;
    }
    return 0.0;
}

} // namespace

ProgressPrinter::ProgressPrinter(std::FILE* out)
    : m_out(out)
    , m_terminal(isatty(fileno(out)) != 0) {}

void ProgressPrinter::onEvent(const Event& event) {
    std::lock_guard lock(m_mutex);
    if (const auto* started = std::get_if<RunStarted>(&event)) {
        m_epochs = started->totalEpochs;
        m_stepsPerEpoch = started->stepsPerEpoch;
        m_device = started->device;
        const std::int64_t from = started->continuedFromStep;
        const std::string training =
            m_epochs == 0
                ? "no training, a test of its initial weights"
                : std::to_string(m_epochs) + " epochs of " + std::to_string(m_stepsPerEpoch) +
                      " steps" + (from > 0 ? ", going on after step " + std::to_string(from) : "");
        printLine("run " + std::to_string(started->runId) + " '" + started->name + "' on " +
                  started->device + ": " + training);
        if (!started->initialWeights.empty())
            printLine(started->initialWeights);
    } else if (const auto* sample = std::get_if<DeviceSample>(&event)) {
        if (sample->device == m_device)
            m_deviceText = deviceText(*sample);
    } else if (const auto* step = std::get_if<StepMetrics>(&event)) {
        if (m_terminal)
            draw(*step);
    } else if (const auto* epoch = std::get_if<EpochSummary>(&event)) {
        char head[96];
        std::snprintf(head, sizeof(head), "epoch %lld/%lld  %.1f s  %.0f samples/s  ",
                      static_cast<long long>(epoch->epoch), static_cast<long long>(m_epochs),
                      epoch->durationS, epoch->samplesPerSec);
        printLine(head + dataWaitText(epoch->values) + metrics(epoch->values) + m_deviceText);
    } else if (const auto* log = std::get_if<LogLine>(&event)) {
        if (log->level >= LogLevel::Warning)
            printLine(std::string(toString(log->level)) + ": " + log->text);
    } else if (const auto* ended = std::get_if<RunEnded>(&event)) {
        if (!ended->finalMetrics.empty())
            printLine("final  " + metrics(ended->finalMetrics));
    }
}

void ProgressPrinter::draw(const StepMetrics& step) {
    constexpr int kWidth = 24;
    const std::int64_t inEpoch =
        m_stepsPerEpoch > 0 ? step.step - (step.epoch - 1) * m_stepsPerEpoch : 0;
    const double fraction = m_stepsPerEpoch > 0 ? double(inEpoch) / double(m_stepsPerEpoch) : 0;
    const int filled = static_cast<int>(fraction * kWidth + 0.5);
    std::string bar(static_cast<std::size_t>(std::clamp(filled, 0, kWidth)), '#');
    bar.resize(kWidth, '.');
    std::fprintf(
        m_out,
        "\r\033[Kepoch %lld/%lld [%s] %3.0f%%  step %lld  loss %.4f  %.0f samples/s  ETA %s%s",
        static_cast<long long>(step.epoch), static_cast<long long>(m_epochs), bar.c_str(),
        fraction * 100.0, static_cast<long long>(step.step), valueOf(step.values, "train/loss"),
        step.samplesPerSec, clock(step.etaS).c_str(), m_deviceText.c_str());
    std::fflush(m_out);
    m_barShown = true;
}

void ProgressPrinter::printLine(const std::string& text) {
    if (m_barShown)
        std::fputs("\r\033[K", m_out);
    m_barShown = false;
    std::fprintf(m_out, "%s\n", text.c_str());
    std::fflush(m_out);
}

void WorkerReporter::onEvent(const Event& event) {
    if (const auto* line = std::get_if<LogLine>(&event); line && line->level == LogLevel::Error)
        std::cerr << "process " << m_rank << ": " << line->text << "\n";
}

} // namespace tb::cli
