#include "engine/training/Trainer.h"

#include "engine/data/DataLoader.h"
#include "engine/data/InputRecipeFile.h"
#include "engine/devices/CpuInfo.h"
#include "engine/devices/TorchDevice.h"
#include "engine/store/RunFolder.h"
#include "engine/telemetry/TelemetrySampler.h"
#include "engine/training/Checkpoint.h"
#include "engine/training/EarlyStopping.h"
#include "engine/training/GradientNorm.h"
#include "engine/training/LearningRateSchedule.h"
#include "engine/training/MixedPrecision.h"
#include "engine/training/Objective.h"
#include "engine/training/OptimizerFactory.h"
#include "engine/training/RunTelemetry.h"
#include "engine/training/TrainingFailure.h"
#include "engine/training/TrainingState.h"

#include <ATen/Context.h>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <optional>
#include <torch/nn/utils/clip_grad.h>

namespace tb::engine {
namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

Clock::duration seconds(double s) {
    return std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(s));
}

/// The training loader reads this process's shard of every epoch; evaluation reads everything.
std::unique_ptr<DataLoader> makeLoader(const std::shared_ptr<const Dataset>& dataset,
                                       const Config& config, bool training, bool pin,
                                       const std::optional<ProcessGroupSpec>& group,
                                       std::shared_ptr<const BatchTransform> transform = nullptr) {
    if (!dataset || dataset->size() == 0)
        return nullptr;
    LoaderOptions o;
    o.batchSize = config.getInt("train.batch_size");
    o.shuffle = training;
    o.dropLast = training && config.getBool("train.drop_last");
    o.numWorkers = static_cast<int>(config.getInt("data.num_workers"));
    o.prefetch = static_cast<int>(config.getInt("data.prefetch"));
    o.seed = static_cast<std::uint64_t>(config.getInt("seed"));
    o.pinMemory = pin;
    o.transform = std::move(transform);
    if (training && group) {
        o.shardIndex = group->rank;
        o.shardCount = group->worldSize;
    }
    return std::make_unique<DataLoader>(dataset, o);
}

std::string formatMetric(const MetricValue& m) {
    char text[96];
    std::snprintf(text, sizeof(text), "%s %.4f", m.name.c_str(), m.value);
    return text;
}

std::string joinMetrics(const std::vector<MetricValue>& metrics) {
    std::string out;
    for (const auto& m : metrics)
        out += (out.empty() ? "" : ", ") + formatMetric(m);
    return out;
}

} // namespace

struct Trainer::Impl {
    enum class EpochOutcome { Completed, Stopped };
    enum class Verdict : std::int64_t { Continue, EarlyStop, Stopped }; // after an epoch

    TrainerSetup setup;
    const EventPublisher& events;
    RunCommands& commands;
    torch::Device device;
    std::unique_ptr<Objective> objective;
    std::unique_ptr<torch::optim::Optimizer> optimizer;
    std::unique_ptr<DataLoader> trainLoader;
    std::unique_ptr<DataLoader> valLoader;
    std::unique_ptr<DataLoader> testLoader;
    std::optional<LearningRateSchedule> schedule;
    std::optional<EarlyStopping> earlyStopping;
    WeightSnapshot bestWeights;
    std::string monitor;
    std::unique_ptr<TelemetrySampler> telemetry;
    MixedPrecision precision;
    std::unique_ptr<DataParallel> group; // data-parallel runs only
    // The random generators of processes 1, 2, ... where the group last stood together, for
    // process 0's `last` checkpoint.
    std::vector<GeneratorStates> otherProcessesGenerators;

    std::int64_t epochs = 0;
    std::int64_t maxBatches = 0; // per epoch; 0: the whole training split
    std::int64_t accumulation = 1;
    std::int64_t logEvery = 1;
    double gradClip = 0.0;
    std::int64_t step = 0; // optimizer steps taken
    std::int64_t batchesDone = 0;
    double trainingS = 0.0; // time spent in training batches, for the ETA
    double currentLr = 0.0;
    ResumePoint start;     // where training begins: a new run's first batch, or a stopped run's
    ResumePoint stopPoint; // where a stop left it, for the `last` checkpoint

    bool checkpointed = false; // weights saved that a new run can start from

    Impl(TrainerSetup s, const EventPublisher& e, RunCommands& c)
        : setup(std::move(s))
        , events(e)
        , commands(c)
        , device(torchDevice(setup.device))
        , precision(setup.config.getString("train.amp"), device) {}

    void prepare() {
        const Config& c = setup.config;
        const bool pin = device.is_cuda();
        trainLoader =
            makeLoader(setup.data.train, c, true, pin, setup.group, setup.data.trainTransform);
        valLoader = makeLoader(setup.data.val, c, false, pin, setup.group);
        testLoader = makeLoader(setup.data.test, c, false, pin, setup.group);
        epochs = c.getInt("train.epochs");
        maxBatches = c.getInt("train.max_batches");
        accumulation = c.getInt("train.grad_accum");
        logEvery = c.getInt("train.log_every");
        gradClip = c.getFloat("train.grad_clip");
        objective = makeObjective(setup.data);
        if (device.is_cuda())
            applyCudaSwitches(c);
        setup.model->to(device);
        joinGroup();
        optimizer = makeOptimizer(c, setup.model->parameters());
        schedule.emplace(c, stepsPerEpoch(), epochs);
        monitor = c.getString("train.early_stop.monitor");
        earlyStopping.emplace(objective->higherIsBetter(monitor),
                              c.getInt("train.early_stop.patience"),
                              c.getFloat("train.early_stop.min_delta"));
        if (setup.continued)
            takeOverState();
    }

    TrainingParts parts() { return {*setup.model, *optimizer, precision, device, setup.random}; }

    /// A continued run takes over the weights, optimizer state, counters and random generator
    /// it stopped with, and its best epoch's weights for the test.
    void takeOverState() {
        const CheckpointBytes saved = checkpointToGoOnFrom();
        start = readResumePoint(saved).value_or(ResumePoint{});
        checkpointed = true; // the one it goes on from
        if (leads() && start.earlyStopping.hasBest)
            restoreBestWeights();
        loadTrainingState(saved, parts(), group ? group->rank() : 0);
        step = start.step;
        batchesDone = start.batchesDone;
        trainingS = start.trainingS;
        currentLr = start.lr;
        earlyStopping->restore(start.earlyStopping);
    }

    /// Process 0 reads the run's checkpoint; the other processes of a data-parallel run, which
    /// may not see its file, take it from process 0.
    CheckpointBytes checkpointToGoOnFrom() {
        CheckpointBytes saved;
        if (leads())
            saved = readCheckpointBytes(setup.continued->checkpoint);
        if (group) {
            saved.data = group->fromRankZero(saved.data);
            if (!leads())
                saved.path = "process 0's checkpoint";
        }
        return saved;
    }

    void restoreBestWeights() {
        const std::filesystem::path best = checkpointPath("best");
        if (!std::filesystem::exists(best)) {
            events.log(LogLevel::Warning, "the best epoch's weights (" + best.string() +
                                              ") are gone: the test will use the last weights");
            return;
        }
        loadCheckpoint(*setup.model, best.string());
        bestWeights.capture(*setup.model);
    }

    /// Every process starts from rank 0's weights; then each seeds its own dropout masks, or
    /// the processes would drop the same units on different samples.
    void joinGroup() {
        if (!setup.group)
            return;
        events.log(LogLevel::Info, "process " + std::to_string(setup.group->rank) + " of " +
                                       std::to_string(setup.group->worldSize) + " joining at " +
                                       setup.group->masterAddr + ":" +
                                       std::to_string(setup.group->masterPort));
        group = std::make_unique<DataParallel>(*setup.group);
        group->broadcastFromRankZero(*setup.model);
        setup.random.reseed(static_cast<std::uint64_t>(setup.config.getInt("seed")) +
                            static_cast<std::uint64_t>(group->rank()));
    }

    /// Whether this process keeps the run: validates, tests and checkpoints.
    bool leads() const { return !group || group->rank() == 0; }

    std::int64_t processes() const { return group ? group->worldSize() : 1; }

    /// The mean of a per-process value over the processes.
    double meanOverProcesses(double value) {
        return group ? group->sum(value) / static_cast<double>(group->worldSize()) : value;
    }

    static void applyCudaSwitches(const Config& c) {
        at::globalContext().setBenchmarkCuDNN(c.getBool("cuda.cudnn_benchmark"));
        at::globalContext().setAllowTF32CuBLAS(c.getBool("cuda.tf32"));
        at::globalContext().setAllowTF32CuDNN(c.getBool("cuda.tf32"));
    }

    void startTelemetry() {
        if (leads()) // the other processes' readings would go nowhere
            telemetry = startRunTelemetry(setup.device, setup.config.getFloat("telemetry.rate_hz"),
                                          events, commands);
    }

    void warnIfDeviceIdle() {
        const std::optional<std::string> warning =
            telemetry ? telemetry->idleWarning() : std::nullopt;
        if (warning)
            events.log(LogLevel::Warning,
                       *warning + " Now: data.num_workers " +
                           std::to_string(setup.config.getInt("data.num_workers")) +
                           ", train.batch_size " +
                           std::to_string(setup.config.getInt("train.batch_size")) + ".");
    }

    std::int64_t batchesPerEpoch() const {
        const std::int64_t all = trainLoader->batchesPerEpoch();
        return maxBatches > 0 ? std::min(all, maxBatches) : all;
    }

    std::int64_t stepsPerEpoch() const {
        return (batchesPerEpoch() + accumulation - 1) / accumulation;
    }

    RunEnded run() {
        prepare();
        events.publish(RunStarted{events.runId(), setup.config.getString("name"), setup.device,
                                  epochs, stepsPerEpoch(), events.elapsedS(), start.step,
                                  setup.weightsOrigin});
        events.log(LogLevel::Info, setup.data.description);
        events.log(LogLevel::Info, "model: " + setup.config.getString("model.name") + ", " +
                                       std::to_string(parameterCount()) + " parameters on " +
                                       setup.device);
        if (!setup.weightsOrigin.empty())
            events.log(LogLevel::Info, setup.weightsOrigin);
        logPrecision();
        logContinuation();
        if (epochs == 0)
            events.log(LogLevel::Info, "train.epochs is 0: no training, the test of these "
                                       "weights follows");
        moveEarlierFilesAside();
        saveInputRecipe();
        startTelemetry();
        // A continued run whose patience had run out was stopped during its test: it tests.
        const std::int64_t firstEpoch = earlyStopping->shouldStop() ? epochs + 1 : start.epoch;
        for (std::int64_t epoch = firstEpoch; epoch <= epochs; ++epoch) {
            const Verdict verdict = afterEpoch(trainEpoch(epoch));
            if (verdict == Verdict::Stopped) {
                saveCheckpoint("last", epoch, &stopPoint);
                return ended(RunStatus::Stopped,
                             "stopped by the user during epoch " + std::to_string(epoch), {});
            }
            if (verdict == Verdict::EarlyStop) {
                events.log(LogLevel::Info,
                           "early stopping: " + monitor + " has not improved for " +
                               std::to_string(setup.config.getInt("train.early_stop.patience")) +
                               " validations");
                break;
            }
        }
        if (!leads())
            return ended(RunStatus::Finished, {}, {});
        std::optional<std::vector<MetricValue>> test = testMetrics();
        if (!test)
            return ended(RunStatus::Stopped, "stopped by the user during the test evaluation", {});
        return ended(RunStatus::Finished, {}, std::move(*test));
    }

    /// A new run's folder holds files only when a workspace of the same name was deleted with
    /// its runs' files left: they are moved aside, kept, and never taken for this run's.
    void moveEarlierFilesAside() {
        if (!leads() || setup.continued || setup.artifactDir.empty())
            return;
        try {
            const std::string aside = setAsideEarlierFiles(setup.artifactDir);
            if (!aside.empty())
                events.log(LogLevel::Warning,
                           setup.artifactDir +
                               " held files of an earlier workspace at this path; "
                               "they are kept in " +
                               aside);
        } catch (const std::exception& e) {
            events.log(LogLevel::Warning, setup.artifactDir +
                                              " holds files of an earlier workspace at this path "
                                              "and they cannot be moved aside (" +
                                              e.what() +
                                              "); this run writes over those of the same name");
        }
    }

    /// How new files are scaled for this model, beside its checkpoints: what predicting with
    /// them needs. Written once; a continued run has it from its start.
    void saveInputRecipe() {
        if (!leads() || setup.artifactDir.empty() || !setup.config.getBool("train.checkpoints"))
            return;
        const std::filesystem::path path =
            std::filesystem::path(setup.artifactDir) / kInputRecipeFile;
        if (setup.continued && std::filesystem::exists(path))
            return;
        try {
            std::filesystem::create_directories(setup.artifactDir);
            writeInputRecipe(setup.data, path.string());
            events.publish(CheckpointSaved{events.runId(), 0, step, kInputRecipeKind, path.string(),
                                           events.elapsedS()});
        } catch (const std::exception& e) {
            events.log(LogLevel::Warning, "could not save how this run's inputs are scaled to " +
                                              path.string() + " (" + e.what() +
                                              "); predicting with it will read its training data");
        }
    }

    void logContinuation() {
        if (!setup.continued)
            return;
        if (start.epoch > epochs) {
            events.log(LogLevel::Info, "continued from " + setup.continued->checkpoint +
                                           ": every epoch was trained, the test follows");
            return;
        }
        events.log(LogLevel::Info, "continued from " + setup.continued->checkpoint + ": epoch " +
                                       std::to_string(start.epoch) + "/" + std::to_string(epochs) +
                                       " at batch " + std::to_string(start.batchInEpoch) + " of " +
                                       std::to_string(batchesPerEpoch()) + ", step " +
                                       std::to_string(step));
    }

    void logPrecision() {
        if (!precision.enabled())
            return;
        events.log(LogLevel::Info, "mixed precision: " + precision.description());
        if (device.is_cpu() && !cpuHasBFloat16Math())
            events.log(LogLevel::Warning,
                       "this CPU has no bf16 instructions (AVX512-BF16 or AMX): bf16 is "
                       "emulated and likely slower than float32; set train.amp to off");
    }

    /// Rank 0 validates, so its verdict (a stop during validation, early stopping) holds for
    /// every process.
    Verdict afterEpoch(EpochOutcome outcome) {
        const Verdict verdict = outcome == EpochOutcome::Stopped ? Verdict::Stopped
                                : earlyStopping->shouldStop()    ? Verdict::EarlyStop
                                                                 : Verdict::Continue;
        return group ? static_cast<Verdict>(group->fromRankZero(static_cast<std::int64_t>(verdict)))
                     : verdict;
    }

    std::int64_t parameterCount() const {
        std::int64_t n = 0;
        for (const auto& p : setup.model->parameters())
            n += p.numel();
        return n;
    }

    /// Waits while the user paused the run or the engine holds it; returns how long. A hold
    /// and its end are both warnings: whoever saw the run wait (the status bar, a terminal
    /// that prints warnings only) must see it go on.
    Clock::duration waitWhilePausedOrHeld() {
        if (!commands.paused() && !commands.held()) // two atomic reads: the step's usual case
            return {};
        const std::string holdReason = commands.holdReason();
        const auto waitStart = Clock::now();
        if (!holdReason.empty())
            events.log(LogLevel::Warning, std::string(kHoldStartsLog) + holdReason);
        commands.waitWhilePaused();
        if (telemetry) // the device idled for the wait, not for want of data
            telemetry->forgetIdleReadings();
        if (!holdReason.empty() && commands.holdReason().empty())
            events.log(LogLevel::Warning,
                       std::string(kHoldEndsLog) + "the workspace can be written again");
        return Clock::now() - waitStart;
    }

    /// Trains one epoch from its first batch, or a continued run's first epoch from where
    /// it stopped.
    EpochOutcome trainEpoch(std::int64_t epoch) {
        setup.model->train();
        const bool continues = epoch == start.epoch;
        const EpochTotals before = continues ? start.epochTotals : EpochTotals{};
        const std::int64_t batches = batchesPerEpoch();
        const std::int64_t firstBatch = continues ? std::min(start.batchInEpoch, batches) : 0;
        trainLoader->startEpoch(epoch, firstBatch);
        auto epochStart = Clock::now() - seconds(before.seconds);
        const auto sum = torch::TensorOptions(device).dtype(torch::kDouble);
        torch::Tensor epochLoss = torch::full({}, before.lossSum, sum);
        torch::Tensor windowLoss = torch::full({}, before.windowLossSum, sum);
        std::int64_t windowBatches = before.windowBatches;
        std::int64_t windowSamples = 0;
        std::int64_t epochSamples = before.samples;
        double dataWaitS = before.dataWaitS;
        auto windowStart = Clock::now();
        const auto totalsNow = [&] {
            return EpochTotals{epochLoss.item<double>(),  epochSamples,  secondsSince(epochStart),
                               windowLoss.item<double>(), windowBatches, dataWaitS};
        };

        for (std::int64_t index = firstBatch; index < batches; ++index) {
            // The other processes wait in their next all-reduce. Epoch times and samples/s
            // leave the wait out: they are what runs are compared by.
            const Clock::duration waited = waitWhilePausedOrHeld();
            epochStart += waited;
            windowStart += waited;
            // Between optimizer steps only, so that the run can go on from there. A
            // data-parallel process stops only with the others, at a step they all agree on.
            if (!group && index % accumulation == 0 && commands.stopRequested()) {
                stopPoint = pointAt(epoch, index, totalsNow());
                return EpochOutcome::Stopped;
            }
            if (commands.takeCheckpointRequest())
                saveCheckpoint("manual", epoch);

            const auto batchStart = Clock::now();
            std::optional<Batch> hostBatch = trainLoader->next();
            if (!hostBatch)
                break;
            const Batch batch = hostBatch->to(device, device.is_cuda());
            dataWaitS += secondsSince(batchStart);
            torch::Tensor loss;
            {
                // The forward pass draws the dropout masks; backward reuses them.
                const RandomStream::Turn turn(setup.random);
                loss = objective->loss(precision.predict(*setup.model, batch), batch);
            }
            precision.backward(accumulation > 1 ? loss / static_cast<double>(accumulation) : loss);
            const torch::Tensor detached = loss.detach().to(torch::kDouble);
            epochLoss += detached;
            windowLoss += detached;
            ++windowBatches;
            windowSamples += batch.size();
            epochSamples += batch.size();

            const bool lastOfEpoch = index + 1 == batches;
            if ((index + 1) % accumulation == 0 || lastOfEpoch) {
                const bool groupStops = group && group->averageGradients(setup.model->parameters(),
                                                                         commands.stopRequested());
                const bool logs = (step + 1) % logEvery == 0;
                const std::optional<double> gradNorm = optimizerStep(logs);
                if (logs) {
                    publishStep(epoch, meanOverProcesses(windowLoss.item<double>() / windowBatches),
                                windowSamples * processes() / secondsSince(windowStart), gradNorm);
                    windowLoss.zero_();
                    windowBatches = 0;
                    windowSamples = 0;
                    windowStart = Clock::now();
                }
                if (groupStops) {
                    gatherGenerators();
                    stopPoint = pointAt(epoch, index + 1, totalsNow());
                    return EpochOutcome::Stopped;
                }
            }
            ++batchesDone;
            trainingS += secondsSince(batchStart);
        }
        gatherGenerators();
        const EpochTotals trained = totalsNow();
        const double trainLoss = meanOverProcesses(trained.lossSum / static_cast<double>(batches));
        requireFinite(trainLoss, epoch);
        const double dataWaitShare =
            meanOverProcesses(trained.seconds > 0.0 ? trained.dataWaitS / trained.seconds : 0.0);
        if (finishEpoch(epoch, trainLoss, epochSamples * processes(), trained.seconds,
                        dataWaitShare) == EpochOutcome::Completed)
            return EpochOutcome::Completed;
        // Stopped while validating: going on validates this epoch.
        stopPoint = pointAt(epoch, batches, trained);
        return EpochOutcome::Stopped;
    }

    /// Called where every process of a data-parallel run stands at the same step (an epoch's
    /// batches done, a stop): a `last` checkpoint saved from there holds each one's generators,
    /// so that going on draws every process's dropout masks as if uninterrupted.
    void gatherGenerators() {
        if (!group || !setup.config.getBool("train.checkpoints"))
            return;
        const GeneratorStates own = setup.random.states();
        const std::vector<torch::Tensor> cpu = group->gather(own.cpu);
        const std::vector<torch::Tensor> cuda =
            own.cuda.defined() ? group->gather(own.cuda) : std::vector<torch::Tensor>(cpu.size());
        otherProcessesGenerators.clear();
        for (std::size_t rank = 1; rank < cpu.size(); ++rank)
            otherProcessesGenerators.push_back({cpu[rank], cuda[rank]});
    }

    /// Where the run stands now: `batchInEpoch` batches into `epoch`, which added up `totals`.
    ResumePoint pointAt(std::int64_t epoch, std::int64_t batchInEpoch,
                        const EpochTotals& totals) const {
        ResumePoint p;
        p.epoch = epoch;
        p.batchInEpoch = batchInEpoch;
        p.epochTotals = totals;
        p.step = step;
        p.batchesDone = batchesDone;
        p.trainingS = trainingS;
        p.elapsedS = events.elapsedS();
        p.lr = currentLr;
        p.earlyStopping = earlyStopping->state();
        return p;
    }

    /// The gradient's norm before clipping (as PyTorch reports it), with `measure` or when
    /// clipping measures it anyway.
    std::optional<double> optimizerStep(bool measure) {
        precision.unscale(setup.model->parameters());
        std::optional<double> gradNorm;
        if (gradClip > 0.0)
            gradNorm = torch::nn::utils::clip_grad_norm_(setup.model->parameters(), gradClip);
        else if (measure)
            gradNorm = gradientNorm(setup.model->parameters()).item<double>();
        currentLr = schedule->at(step);
        setLearningRate(*optimizer, currentLr);
        precision.step(*optimizer);
        optimizer->zero_grad();
        ++step;
        return gradNorm;
    }

    void publishStep(std::int64_t epoch, double meanLoss, double samplesPerSec,
                     std::optional<double> gradNorm) {
        requireFinite(meanLoss, epoch);
        const std::int64_t remaining = epochs * batchesPerEpoch() - batchesDone;
        const double eta = batchesDone > 0 ? trainingS / batchesDone * remaining : 0.0;
        std::vector<MetricValue> values{{"train/loss", meanLoss}, {"train/lr", currentLr}};
        if (const std::optional<double> scale = precision.lossScale())
            values.push_back({"train/loss_scale", *scale});
        // An fp16 step that overflowed has no norm to show; the epoch's log counts those.
        if (gradNorm && std::isfinite(*gradNorm))
            values.push_back({"train/grad_norm", *gradNorm});
        events.publish(StepMetrics{events.runId(), step, epoch, events.elapsedS(), samplesPerSec,
                                   eta, std::move(values)});
    }

    void requireFinite(double loss, std::int64_t epoch) const {
        if (!std::isfinite(loss))
            throw NonFiniteLoss(step, epoch, loss, events.runId(), checkpointed);
    }

    EpochOutcome finishEpoch(std::int64_t epoch, double trainLoss, std::int64_t samples,
                             double durationS, double dataWaitShare) {
        std::vector<MetricValue> values{{"train/loss", trainLoss}, {"train/lr", currentLr}};
        const bool validate =
            leads() && valLoader &&
            (epoch % setup.config.getInt("train.val_every") == 0 || epoch == epochs);
        if (validate) {
            const auto valMetrics = evaluate(*valLoader, "val");
            if (!valMetrics)
                return EpochOutcome::Stopped;
            values.insert(values.end(), valMetrics->begin(), valMetrics->end());
            trackBest(epoch, *valMetrics);
        }
        const std::string summary = "epoch " + std::to_string(epoch) + "/" +
                                    std::to_string(epochs) + " in " +
                                    std::to_string(static_cast<int>(durationS)) + " s, " +
                                    std::to_string(std::lround(dataWaitShare * 100.0)) +
                                    "% of it waiting for data: " + joinMetrics(values);
        values.push_back({kEpochDataWaitMetric, dataWaitShare});
        events.publish(EpochSummary{events.runId(), epoch, step, events.elapsedS(), durationS,
                                    static_cast<double>(samples) / durationS, values});
        warnIfDeviceIdle();
        reportSkippedSteps(epoch);
        events.log(LogLevel::Info, summary);
        const ResumePoint nextEpoch = pointAt(epoch + 1, 0, EpochTotals{});
        saveCheckpoint("last", epoch, &nextEpoch);
        return EpochOutcome::Completed;
    }

    void reportSkippedSteps(std::int64_t epoch) {
        const std::int64_t skippedSteps = precision.takeSkippedSteps();
        if (skippedSteps == 0)
            return;
        // A few skips while the scale settles are normal; many mean fp16 overflows for real.
        const bool many = skippedSteps * 10 > stepsPerEpoch();
        char text[300];
        std::snprintf(text, sizeof(text),
                      "epoch %lld: %lld of %lld optimizer steps skipped because fp16 gradients "
                      "overflowed; the loss scale is now %g%s",
                      static_cast<long long>(epoch), static_cast<long long>(skippedSteps),
                      static_cast<long long>(stepsPerEpoch()), *precision.lossScale(),
                      many ? ". If this goes on, try train.amp bf16 or a lower optim.lr" : "");
        events.log(many ? LogLevel::Warning : LogLevel::Info, text);
    }

    void trackBest(std::int64_t epoch, const std::vector<MetricValue>& valMetrics) {
        for (const auto& m : valMetrics) {
            if (m.name != monitor || !std::isfinite(m.value))
                continue;
            if (earlyStopping->update(m.value)) {
                bestWeights.capture(*setup.model);
                saveCheckpoint("best", epoch);
            }
        }
    }

    /// The split's metrics; none when the user stopped the run during it (a long validation
    /// or test pass would otherwise hold the stop for minutes).
    std::optional<std::vector<MetricValue>> evaluate(DataLoader& loader, const std::string& split) {
        torch::NoGradGuard noGrad;
        setup.model->eval();
        loader.startEpoch(1);
        bool stopped = false;
        while (std::optional<Batch> hostBatch = loader.next()) {
            if (commands.stopRequested()) {
                stopped = true;
                break;
            }
            const Batch batch = hostBatch->to(device, device.is_cuda());
            const RandomStream::Turn turn(setup.random);
            objective->accumulate(precision.predict(*setup.model, batch), batch);
        }
        setup.model->train();
        std::vector<MetricValue> metrics = objective->summarize(split); // also resets the totals
        if (stopped)
            return std::nullopt;
        return metrics;
    }

    std::optional<std::vector<MetricValue>> testMetrics() {
        if (!testLoader)
            return std::vector<MetricValue>{};
        if (!bestWeights.empty())
            bestWeights.restore(*setup.model);
        // Informer's ProbSparse attention samples keys at random even in eval mode: from the
        // run's seed, its test scores depend on its weights alone, not on how many numbers
        // training drew (a test of the same weights by a run of no epochs scores the same).
        setup.random.reseed(static_cast<std::uint64_t>(setup.config.getInt("seed")));
        std::optional<std::vector<MetricValue>> metrics = evaluate(*testLoader, "test");
        if (!metrics)
            return std::nullopt;
        events.log(LogLevel::Info, std::string(bestWeights.empty() ? "final" : "best") +
                                       " model on the test split: " + joinMetrics(*metrics));
        publishReport(objective->finish("test", setup.artifactDir));
        if (earlyStopping->hasBest())
            metrics->push_back({"best/" + monitor, earlyStopping->best()});
        return metrics;
    }

    void publishReport(const ObjectiveReport& report) {
        // A test of weights alone (train.epochs 0) may have no training batch at all.
        const std::int64_t perEpoch = std::max<std::int64_t>(1, stepsPerEpoch());
        const std::int64_t epoch = (step + perEpoch - 1) / perEpoch;
        for (const auto& artifact : report.artifacts)
            events.publish(CheckpointSaved{events.runId(), epoch, step, artifact.kind,
                                           artifact.path, events.elapsedS()});
        for (const auto& warning : report.warnings)
            events.log(LogLevel::Warning, warning);
    }

    std::filesystem::path checkpointPath(const std::string& kind) const {
        const std::string name = kind == "manual" ? "manual-step" + std::to_string(step) : kind;
        return std::filesystem::path(setup.artifactDir) / (name + ".pt");
    }

    /// The weights, and with `point` what the run can go on from (the `last` checkpoint).
    void saveCheckpoint(const std::string& kind, std::int64_t epoch,
                        const ResumePoint* point = nullptr) {
        if (setup.artifactDir.empty() || !setup.config.getBool("train.checkpoints"))
            return;
        const std::filesystem::path path = checkpointPath(kind);
        try {
            std::filesystem::create_directories(setup.artifactDir);
            if (point)
                saveTrainingState(path.string(), parts(), *point, otherProcessesGenerators);
            else
                tb::engine::saveCheckpoint(*setup.model, path.string());
            events.publish(CheckpointSaved{events.runId(), epoch, step, kind, path.string(),
                                           events.elapsedS()});
            checkpointed = true;
        } catch (const std::exception& e) {
            // A checkpoint that cannot be written must not end the run: the metrics still land.
            events.log(LogLevel::Warning, "could not save the " + kind + " checkpoint to " +
                                              path.string() + ": " + e.what());
        }
    }

    RunEnded ended(RunStatus status, std::string reason, std::vector<MetricValue> finalMetrics) {
        // Nothing of the run may follow its RunEnded.
        if (telemetry)
            telemetry->stop();
        RunEnded e{events.runId(), status, std::move(reason), events.elapsedS(),
                   std::move(finalMetrics)};
        events.publish(e);
        return e;
    }
};

Trainer::Trainer(TrainerSetup setup, const EventPublisher& events, RunCommands& commands)
    : m_impl(std::make_unique<Impl>(std::move(setup), events, commands)) {}

Trainer::~Trainer() = default;

RunEnded Trainer::run() {
    try {
        return m_impl->run();
    } catch (const std::exception& e) {
        const std::string reason = describeFailure(e, m_impl->setup.config);
        // The loss checked is the mean over every process: each fails at the same step, and
        // process 0 says so for the group.
        const bool sharedByTheGroup =
            !m_impl->leads() && dynamic_cast<const NonFiniteLoss*>(&e) != nullptr;
        m_impl->events.log(sharedByTheGroup ? LogLevel::Info : LogLevel::Error, reason);
        return m_impl->ended(RunStatus::Failed, reason, {});
    }
}

} // namespace tb::engine
