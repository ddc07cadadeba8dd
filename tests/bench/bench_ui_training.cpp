// Training with the desktop app open against the headless engine on the same config: epoch
// time of each and their ratio (target: GUI within 2%), and the longest stall of the GUI's
// event loop while the run trains (target: under 50 ms). Prints figures; asserts nothing.
// Usage: QT_QPA_PLATFORM=offscreen bench_ui_training [preset] [epochs]   (fashion-mnist-mlp 2)
#include "EpochTimes.h"
#include "engine/config/ConfigYaml.h"
#include "engine/training/ExperimentSchema.h"
#include "engine/training/RunController.h"
#include "engine/util/HostMemory.h"
#include "ui/config/ConfigDocument.h"
#include "ui/main/MainWindow.h"
#include "ui/main/TrainActions.h"
#include "ui/training/TrainingSession.h"

#include <QAction>
#include <QApplication>
#include <QElapsedTimer>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>
#include <algorithm>
#include <cstdio>
#include <mutex>

using namespace tb::engine;
using tb::bench::EpochTimes;
using tb::bench::median;

namespace {

std::vector<double> epochDurations(const tb::ui::EventBatch& events, const char* what) {
    std::vector<double> out;
    for (const Event& e : events) {
        if (const auto* epoch = std::get_if<EpochSummary>(&e)) {
            std::printf("  %-18s epoch %lld: %7.2f s, %6.0f samples/s\n", what,
                        static_cast<long long>(epoch->epoch), epoch->durationS,
                        epoch->samplesPerSec);
            out.push_back(epoch->durationS);
        }
    }
    return out;
}

class Recorder : public EventObserver {
public:
    void onEvent(const Event& event) override {
        std::lock_guard lock(m_mutex);
        m_events.push_back(event);
    }
    tb::ui::EventBatch events() {
        std::lock_guard lock(m_mutex);
        return m_events;
    }

private:
    std::mutex m_mutex;
    tb::ui::EventBatch m_events; // guarded by m_mutex
};

std::vector<double> headlessEpochs(const Config& config, const QString& db) {
    auto recorder = std::make_shared<Recorder>();
    RunOptions options;
    options.databasePath = db.toStdString();
    options.observers.push_back(recorder);
    RunController controller;
    const StartResult started = controller.start(config, options);
    if (!started.started) {
        std::fprintf(stderr, "headless run did not start: %s%s\n",
                     formatIssues(started.issues).c_str(), started.error.c_str());
        return {};
    }
    controller.wait();
    return epochDurations(recorder->events(), "headless engine");
}

/// Trains from the main window; returns the epoch times and sets the longest stall of the
/// event loop (the gap between 5 ms timer ticks beyond 5 ms) while the run was active.
std::vector<double> guiEpochs(const Config& config, const QString& db, double& longestStallMs) {
    tb::ui::MainWindow::Options options;
    options.databasePath = db;
    tb::ui::MainWindow window(options);
    window.configDocument().setConfig(config);
    window.show();

    tb::ui::EventBatch events;
    QObject::connect(&window.session(), &tb::ui::TrainingSession::eventsArrived, &window,
                     [&](const tb::ui::EventBatch& batch) {
                         events.insert(events.end(), batch.begin(), batch.end());
                     });
    constexpr int kTickMs = 5;
    QElapsedTimer sinceTick;
    longestStallMs = 0;
    QTimer ticker;
    ticker.setTimerType(Qt::PreciseTimer);
    QObject::connect(&ticker, &QTimer::timeout, [&] {
        if (window.session().state() == tb::ui::TrainingSession::State::Running)
            longestStallMs = std::max(longestStallMs, sinceTick.nsecsElapsed() / 1e6 - kTickMs);
        sinceTick.restart();
    });
    QEventLoop loop;
    QObject::connect(&window.session(), &tb::ui::TrainingSession::runEnded, &loop,
                     &QEventLoop::quit);
    QObject::connect(&window.session(), &tb::ui::TrainingSession::startFailed, &loop,
                     &QEventLoop::quit);
    ticker.start(kTickMs);
    sinceTick.start();
    window.trainActions()->train()->trigger();
    loop.exec();
    return epochDurations(events, "with the GUI open");
}

} // namespace

int main(int argc, char* argv[]) {
    tb::engine::keepFreedHostMemory(); // as the app's main() does
    QApplication app(argc, argv);
    const QString preset = argc > 1 ? argv[1] : "fashion-mnist-mlp";
    const int epochs = argc > 2 ? std::atoi(argv[2]) : 2;
    QTemporaryDir dir;
    // Leave the user's settings and data alone.
    QStandardPaths::setTestModeEnabled(true);
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, dir.filePath("settings"));

    tb::ui::ConfigDocument document;
    if (!document.loadPreset(preset)) {
        std::fprintf(stderr, "cannot load preset %s: %s\n", qPrintable(preset),
                     qPrintable(document.issuesText()));
        return 1;
    }
    Config config = document.config();
    config.set("train.epochs", std::int64_t{epochs});

    std::printf("bench_ui_training: %s, %d epoch(s)\n", qPrintable(preset), epochs);
    const auto headless = headlessEpochs(config, dir.filePath("headless.db"));
    double stallMs = 0;
    const auto gui = guiEpochs(config, dir.filePath("gui.db"), stallMs);
    const double h = median(headless);
    const double g = median(gui);
    std::printf("  headless engine    median epoch %7.2f s  (%zu epochs)\n", h, headless.size());
    std::printf("  with the GUI open  median epoch %7.2f s  (%zu epochs)\n", g, gui.size());
    if (h > 0)
        std::printf("  ratio GUI/headless %.3f  (target <= 1.020)\n", g / h);
    std::printf("  longest event-loop stall while training: %.1f ms  (target < 50 ms)\n", stallMs);
    return 0;
}
