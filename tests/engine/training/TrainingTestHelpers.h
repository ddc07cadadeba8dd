// Shared set-up of the training tests: configs on the real Fashion-MNIST files.
#pragma once

#include "engine/config/Config.h"
#include "engine/store/RunStore.h"
#include "engine/training/RunController.h"

#include <QString>
#include <string>

namespace tb::test {

/// Where Debian's dataset-fashion-mnist installs the files.
extern const char* const kFashionMnistRoot;

/// Whether the Fashion-MNIST files are installed (the tests skip with a reason when not).
bool haveFashionMnist();

/// A quick MLP config: one epoch, batch 256, 10% validation, logging every 10 steps.
tb::engine::Config quickMlpConfig();

/// A small CNN (4 channels) on the image folder `root`: two epochs of batches of 8, 2 threads.
tb::engine::Config quickFolderConfig(const QString& root);

/// Starts a run and waits for it; QFAIL-friendly: returns the StartResult and the status.
struct FinishedRun {
    tb::engine::StartResult start;
    tb::engine::RunStatus status = tb::engine::RunStatus::Created;
};
FinishedRun trainToEnd(const tb::engine::Config& config, const std::string& databasePath);

/// The values of a metric curve of a run.
std::vector<double> curve(const std::string& databasePath, std::int64_t runId,
                          const std::string& metric);

} // namespace tb::test
