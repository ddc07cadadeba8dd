#include "engine/training/RunController.h"

#include "engine/config/ConfigYaml.h"
#include "engine/data/DataError.h"
#include "engine/devices/DeviceBackends.h"
#include "engine/devices/DeviceInfo.h"
#include "engine/devices/TorchDevice.h"
#include "engine/models/ModelRegistry.h"
#include "engine/store/RunFolder.h"
#include "engine/store/RunStore.h"
#include "engine/store/StoreWriter.h"
#include "engine/training/DataParallel.h"
#include "engine/training/ExperimentSchema.h"
#include "engine/training/InitialWeights.h"
#include "engine/training/RunContinuation.h"
#include "engine/training/Trainer.h"
#include "engine/training/WeightTransfer.h"
#include "engine/util/BlasThreads.h"
#include "engine/util/Environment.h"
#include "engine/util/HostMemory.h"

#include <ATen/Parallel.h>
#include <atomic>
#include <filesystem>
#include <mutex>
#include <thread>
#include <unistd.h>

namespace tb::engine {
namespace {

int threadCount(const Config& config) {
    const auto n = config.getInt("threads");
    return n > 0 ? static_cast<int>(n) : hardwareThreads();
}

RunRecord newRunRecord(const Config& config, const RunOptions& options) {
    RunRecord r;
    r.name = options.runName.empty() ? config.getString("name") : options.runName;
    r.tags = options.tags;
    r.status = RunStatus::Created;
    r.createdAt = utcNowIso();
    r.device = config.getString("device");
    r.deviceName = deviceModelName(r.device);
    r.configYaml = toYaml(config);
    r.configHash = configHash(config);
    r.seed = config.getInt("seed");
    r.torchVersion = torchVersion();
    r.threads = threadCount(config);
    r.host = hostName();
    r.pid = getpid();
    return r;
}

/// Loads the data and builds the model on the caller's thread, so that every input error is
/// reported before a run exists in the database.
struct PreparedRun {
    DataSplits data;
    std::shared_ptr<Model> model;
    std::string weightsOrigin;          ///< for the log: where model.init_from's weights came from
    std::optional<RandomStream> random; ///< from the seed, past the model's initial weights
};

/// Readies the device for LibTorch in this process (the NPU backend loads torch_npu here).
void prepareDevice(const Config& config, ConfigIssues& issues) {
    const std::string id = config.getString("device");
    int index = 0;
    DeviceBackend* backend = backendFor(id, index);
    const std::string problem = backend ? backend->prepareTraining(index) : std::string();
    if (!problem.empty())
        issues.push_back({"device", id + " cannot be prepared for training: " + problem});
}

/// The group this process joins, none for a one-process run; issues when the program cannot
/// take part in the group the config asks for.
std::optional<ProcessGroupSpec> processGroup(const Config& config, const RunOptions& options,
                                             ConfigIssues& issues) {
    const auto worldSize = static_cast<int>(config.getInt("dist.world_size"));
    if (worldSize == 1)
        return std::nullopt;
    if (const std::string reason = dataParallelUnavailableReason(); !reason.empty()) {
        issues.push_back({"dist.world_size", reason + "; set it to 1"});
        return std::nullopt;
    }
    if (!options.rank) {
        const std::string processes = std::to_string(worldSize);
        issues.push_back({"dist.world_size",
                          options.continueRunId != 0
                              ? "this program trains in one process; continue the run in its " +
                                    processes + " processes with `trainbench-cli continue " +
                                    std::to_string(options.continueRunId) + "` (or torchrun)"
                              : "this program trains in one process; start " + processes +
                                    " with `trainbench-cli train --nproc " + processes +
                                    " CONFIG` (or torchrun), or set it to 1"});
        return std::nullopt;
    }
    if (*options.rank < 0 || *options.rank >= worldSize) {
        issues.push_back({"dist.world_size", "rank " + std::to_string(*options.rank) +
                                                 " is outside the " + std::to_string(worldSize) +
                                                 " processes of the run"});
        return std::nullopt;
    }
    ProcessGroupSpec spec;
    spec.rank = *options.rank;
    spec.worldSize = worldSize;
    spec.masterAddr = config.getString("dist.master_addr");
    spec.masterPort = static_cast<int>(config.getInt("dist.master_port"));
    spec.storeServedByAgent = options.storeServedByAgent;
    spec.timeout = std::chrono::seconds(config.getInt("dist.timeout_s"));
    return spec;
}

/// train.drop_last leaves a last partial batch out: a training split (this process's share of
/// it) smaller than one batch would leave none to train on.
void checkTrainingBatches(const Config& config, const DataSplits& data, ConfigIssues& issues) {
    if (!data.train || config.getInt("train.epochs") == 0 || !config.getBool("train.drop_last"))
        return;
    const std::int64_t processes = config.getInt("dist.world_size");
    const std::int64_t samples = (data.train->size() + processes - 1) / processes;
    const std::int64_t batch = config.getInt("train.batch_size");
    if (samples >= batch)
        return;
    issues.push_back(
        {"train.drop_last",
         "the training split holds " + std::to_string(samples) + " samples" +
             (processes > 1 ? " a process" : "") + ", fewer than train.batch_size " +
             std::to_string(batch) +
             ", and train.drop_last leaves that partial batch out: nothing would train; set "
             "train.batch_size to " +
             std::to_string(samples) + " or less, or train.drop_last to false"});
}

/// A continued run takes its weights from its own checkpoint instead of model.init_from's, and
/// the other processes of a data-parallel run take rank 0's (the workspace may be only there).
PreparedRun prepareRun(const Config& config, const RunOptions& options, ConfigIssues& issues) {
    PreparedRun run;
    try {
        run.data = loadDataSplits(config);
    } catch (const DataError& e) {
        issues.push_back({"data", e.what()});
        return run;
    }
    checkTrainingBatches(config, run.data, issues);
    const ModelFamily* family = findModelFamily(config.getString("model.name"));
    run.random.emplace(static_cast<std::uint64_t>(config.getInt("seed")),
                       torchDevice(config.getString("device")));
    try {
        const RandomStream::Turn turn(*run.random);
        run.model = family->build(config, run.data);
    } catch (const std::exception& e) {
        issues.push_back({"model", std::string("cannot build the model: ") + e.what()});
        return run;
    }
    if (options.continueRunId == 0 && options.rank.value_or(0) == 0) {
        run.weightsOrigin = initializeWeights(*run.model, config, options.databasePath, issues);
        checkTestedInputs(config, run.data, options.databasePath, issues);
    }
    return run;
}

/// Where the run options' run goes on from; none with the reason in `result`. A data-parallel
/// run's processes other than 0 take the checkpoint from process 0 (the workspace may be only
/// there).
std::optional<Continuation> continuation(const Config& config, const RunOptions& options,
                                         StartResult& result) {
    if (options.rank.value_or(0) > 0)
        return Continuation{};
    try {
        return findContinuation(RunStore::open(options.databasePath), options.continueRunId, config,
                                result.issues);
    } catch (const std::exception& e) {
        result.error = e.what();
        return std::nullopt;
    }
}

/// A run goes on only with the model it stopped with: data that changed since (a class
/// folder or a column more) builds another, and its checkpoint would fail the run midway.
void checkCheckpointFits(torch::nn::Module& model, const Continuation& continued,
                         std::int64_t runId, ConfigIssues& issues) {
    WeightTransfer transfer;
    try {
        transfer = transferWeights(model, continued.checkpoint);
    } catch (const std::exception& e) {
        issues.push_back({"", "run " + std::to_string(runId) + " cannot go on: its checkpoint " +
                                  continued.checkpoint + " cannot be read (" + e.what() + ")"});
        return;
    }
    if (transfer.complete())
        return;
    issues.push_back({"", "run " + std::to_string(runId) + " cannot go on: its checkpoint " +
                              continued.checkpoint +
                              " does not fit the model its config builds from its data now (" +
                              transfer.someLeftOut() +
                              "): the data changed since it trained, or the file is another "
                              "run's; train its config as a new run"});
}

/// Holds the run while its workspace cannot be written (a full disk, a lock held too long)
/// and lets it go on once the kept events are stored: training on would only add to what
/// the writer keeps in memory, and lose it all should the run end first.
StoreWriter::WritableListener holdWhileUnwritable(const std::shared_ptr<RunCommands>& commands,
                                                  const std::string& databasePath) {
    return [commands, databasePath](const std::string& problem) {
        if (problem.empty())
            commands->release();
        else
            commands->hold("cannot write to " + databasePath + " (" + problem +
                           "); the run waits until it can (free space on its disk, or end what "
                           "holds the file) or is stopped");
    };
}

} // namespace

struct RunController::Impl {
    std::mutex mutex;
    std::thread thread;                    // guarded by mutex
    std::shared_ptr<RunCommands> commands; // guarded by mutex
    std::atomic<bool> active{false};
    std::atomic<std::int64_t> runId{0};
    std::atomic<RunStatus> lastStatus{RunStatus::Created};
    std::string storeProblem; // guarded by mutex

    void join() {
        std::thread finished;
        {
            std::lock_guard lock(mutex);
            finished = std::move(thread);
        }
        if (finished.joinable())
            finished.join();
    }
};

RunController::RunController()
    : m_impl(std::make_unique<Impl>()) {}

RunController::~RunController() {
    stop();
    m_impl->join();
}

StartResult RunController::start(const Config& config, const RunOptions& options) {
    StartResult result;
    if (m_impl->active) {
        result.error = "a run is already in progress; stop it or wait for it to finish";
        return result;
    }
    m_impl->join();
    keepFreedHostMemory();
    keepBlasOnCallingThread();

    result.issues = validateConfig(config);
    if (result.issues.empty())
        result.issues = preflightConfig(config);
    if (result.issues.empty())
        prepareDevice(config, result.issues);
    std::optional<ProcessGroupSpec> group;
    if (result.issues.empty())
        group = processGroup(config, options, result.issues);
    std::optional<Continuation> continued;
    if (result.issues.empty() && options.continueRunId != 0)
        continued = continuation(config, options, result);
    if (!result.issues.empty() || !result.error.empty())
        return result;
    PreparedRun prepared = prepareRun(config, options, result.issues);
    if (result.issues.empty() && continued && !continued->checkpoint.empty())
        checkCheckpointFits(*prepared.model, *continued, options.continueRunId, result.issues);
    if (!result.issues.empty())
        return result;

    // Of a data-parallel run's processes only rank 0 keeps the run: one row, one set of files.
    const bool keepsTheRun = !group || group->rank == 0;
    auto commands = std::make_shared<RunCommands>();
    std::shared_ptr<StoreWriter> writer;
    if (keepsTheRun) {
        try {
            RunStore store = RunStore::open(options.databasePath);
            if (continued) {
                result.runId = options.continueRunId;
                store.reopenRun(result.runId, newRunRecord(config, options), continued->point.step,
                                continued->point.elapsedS);
            } else {
                result.runId = store.createRun(newRunRecord(config, options));
            }
            // A data-parallel run is not held: its other processes would time out waiting.
            writer = std::make_shared<StoreWriter>(
                options.databasePath, StoreWriter::kDefaultFlushIntervalMs,
                group ? StoreWriter::WritableListener()
                      : holdWhileUnwritable(commands, options.databasePath));
        } catch (const std::exception& e) {
            result.error = e.what();
            return result;
        }
    }

    std::string artifactDir;
    if (continued && keepsTheRun)
        artifactDir = std::filesystem::path(continued->checkpoint).parent_path().string();
    else if (keepsTheRun)
        artifactDir = runFolder(options.databasePath, result.runId).string();
    const double startS = continued ? continued->point.elapsedS : 0.0;
    TrainerSetup setup{config,
                       std::move(prepared.data),
                       std::move(prepared.model),
                       config.getString("device"),
                       artifactDir,
                       group,
                       std::move(continued),
                       prepared.weightsOrigin,
                       std::move(*prepared.random)};
    std::vector<std::shared_ptr<EventObserver>> observers;
    if (writer)
        observers.push_back(writer);
    observers.insert(observers.end(), options.observers.begin(), options.observers.end());

    const int threads = threadCount(config);
    const std::int64_t id = result.runId;
    Impl* impl = m_impl.get();
    impl->runId = id;
    impl->active = true;
    std::lock_guard lock(impl->mutex);
    impl->commands = commands;
    impl->storeProblem.clear();
    impl->thread =
        std::thread([impl, id, threads, startS, commands, writer, observers,
                     databasePath = options.databasePath, setup = std::move(setup)]() mutable {
            at::set_num_threads(threads);
            EventPublisher events(id, std::move(observers), startS);
            const RunEnded ended = [&] {
                Trainer trainer(std::move(setup), events, *commands);
                return trainer.run();
            }();
            if (writer)
                writer->close();
            if (const std::uint64_t lost = writer ? writer->lostEventCount() : 0; lost > 0) {
                std::lock_guard guard(impl->mutex);
                impl->storeProblem = std::to_string(lost) + " events of run " + std::to_string(id) +
                                     " could not be written to " + databasePath +
                                     " and are lost (" + writer->lastError() +
                                     "); free space on its disk or end what holds it before the "
                                     "next run";
            }
            releaseFreedHostMemory(); // the trainer, its model and data are gone
            impl->lastStatus = ended.status;
            impl->active = false;
        });
    result.started = true;
    return result;
}

void RunController::pause() {
    std::lock_guard lock(m_impl->mutex);
    if (m_impl->commands)
        m_impl->commands->setPaused(true);
}

void RunController::resume() {
    std::lock_guard lock(m_impl->mutex);
    if (m_impl->commands)
        m_impl->commands->setPaused(false);
}

void RunController::stop() {
    std::lock_guard lock(m_impl->mutex);
    if (m_impl->commands)
        m_impl->commands->requestStop();
}

void RunController::requestCheckpoint() {
    std::lock_guard lock(m_impl->mutex);
    if (m_impl->commands)
        m_impl->commands->requestCheckpoint();
}

bool RunController::isActive() const {
    return m_impl->active;
}

bool RunController::isPaused() const {
    std::lock_guard lock(m_impl->mutex);
    return m_impl->active && m_impl->commands && m_impl->commands->paused();
}

std::int64_t RunController::runId() const {
    return m_impl->runId;
}

RunStatus RunController::wait() {
    m_impl->join();
    return m_impl->lastStatus;
}

std::string RunController::storeProblem() const {
    std::lock_guard lock(m_impl->mutex);
    return m_impl->storeProblem;
}

} // namespace tb::engine
