#include "engine/training/ExperimentSchema.h"

#include "engine/config/Config.h"
#include "engine/config/RunReference.h"
#include "engine/data/DataSplits.h"
#include "engine/data/csv/CsvDataFields.h"
#include "engine/data/images/ImageFolderFields.h"
#include "engine/models/ModelRegistry.h"

#include <algorithm>
#include <cmath>
#include <regex>
#include <torch/version.h>

namespace tb::engine {
namespace {

using I = std::int64_t;

void declareRunFields(Schema& s) {
    s.add(FieldSpec{"name", FieldType::String, std::string{"experiment"}}.help(
        "Name shown in the runs list"));
    s.add(FieldSpec{"seed", FieldType::Int, I{42}}.min(0).help(
        "Seeds weights, shuffling and the validation split: same seed, same run on CPU"));
    s.add(FieldSpec{"device", FieldType::String, std::string{"cpu"}}.help(
        "Where to train: cpu, cuda:N or npu:N (see `trainbench-cli devices`)"));
    s.add(FieldSpec{"threads", FieldType::Int, I{0}}.min(0).max(1024).help(
        "CPU threads for LibTorch's operators; 0 uses every core"));
}

void declareDeviceFields(Schema& s) {
    s.add(FieldSpec{"telemetry.rate_hz", FieldType::Float, 2.0}.min(0.0).max(10.0).help(
        "Device readings per second while training (utilization, memory, power, LibTorch's "
        "allocator); 0 turns telemetry off"));
    s.add(FieldSpec{"cuda.cudnn_benchmark", FieldType::Bool, false}.help(
        "Let cuDNN time its algorithms for each new input shape and keep the fastest: faster "
        "with fixed shapes, slower when they vary (CUDA only)"));
    s.add(FieldSpec{"cuda.tf32", FieldType::Bool, false}.help(
        "Allow TF32 tensor-core math in matrix products and convolutions on Ampere and newer "
        "GPUs: faster, with a 10-bit mantissa (CUDA only)"));
}

/// Image datasets only: a time series has no left and right to mirror.
void declareAugmentationFields(Schema& s) {
    for (const char* kind : {"idx", "folder"}) {
        s.add(FieldSpec{"data.flip", FieldType::Bool, false}.forData(kind).help(
            "Mirror each training image left-right with probability 1/2 (torchvision's "
            "RandomHorizontalFlip); leave off for digits and text"));
        s.add(
            FieldSpec{"data.crop_padding", FieldType::Int, I{0}}.min(0).max(64).forData(kind).help(
                "Shift each training image by up to this many pixels each way, filling "
                "with black (torchvision's RandomCrop(size, padding)); 0 turns it off"));
    }
}

void declareDataFields(Schema& s) {
    s.add(FieldSpec{"data.kind", FieldType::Enum, std::string{"idx"}}
              .oneOf({"idx", "folder", "csv"})
              .help("Dataset format: idx (MNIST / Fashion-MNIST image files), folder (PNG or "
                    "JPEG images in a folder per class), csv (time series with a date column)"));
    s.add(FieldSpec{"data.root", FieldType::Path, std::string{"/usr/share/datasets/fashion-mnist"}}
              .forData("idx")
              .help("Folder holding train-/t10k- images and labels in IDX format (.gz or plain)"));
    s.add(FieldSpec{"data.val_fraction", FieldType::Float, 0.1}.min(0.0).max(0.5).help(
        "Share of the training images held out for validation (for folder: of each class's, "
        "when there is no val/ folder); a CSV's validation rows follow data.split instead"));
    s.add(FieldSpec{"data.normalize", FieldType::Bool, true}.help(
        "Standardise inputs with the training split's mean and standard deviation"));
    s.add(FieldSpec{"data.num_workers", FieldType::Int, I{1}}.min(0).max(64).help(
        "Threads assembling batches ahead of training; 0 assembles on the training thread"));
    s.add(FieldSpec{"data.prefetch", FieldType::Int, I{4}}.min(1).max(256).help(
        "Batches prepared ahead of the training step"));
    declareImageFolderFields(s);
    declareAugmentationFields(s);
    declareCsvDataFields(s);
}

void declareModelFields(Schema& s) {
    std::vector<std::string> names;
    for (const ModelFamily& family : modelRegistry())
        names.push_back(family.name);
    s.add(
        FieldSpec{std::string{Schema::kModelKey}, FieldType::Enum, names.front()}.oneOf(names).help(
            "Model family; its hyperparameters follow"));
    for (const ModelFamily& family : modelRegistry()) {
        for (FieldSpec field : family.hyperparameters)
            s.add(std::move(field.forModel(family.name)));
    }
    s.add(FieldSpec{"model.init_from", FieldType::Path, std::string{}}.help(
        "Start from trained weights instead of random ones: run:N (run N's best epoch, else "
        "its last checkpoint), run:N/best, run:N/last, or a checkpoint file; empty starts "
        "afresh"));
    s.add(FieldSpec{"model.init_strict", FieldType::Bool, true}.help(
        "Every weight of the model must be in model.init_from's checkpoint with its shape; "
        "false takes those that are and starts the others afresh (a new head for another "
        "horizon or class count)"));
}

void declareOptimizerFields(Schema& s) {
    s.add(FieldSpec{"optim.name", FieldType::Enum, std::string{"adamw"}}
              .oneOf({"sgd", "adam", "adamw"})
              .help("Optimizer"));
    s.add(FieldSpec{"optim.lr", FieldType::Float, 1e-3}.min(1e-12).max(10.0).help(
        "Peak learning rate"));
    s.add(FieldSpec{"optim.weight_decay", FieldType::Float, 0.0}.min(0.0).max(1.0).help(
        "L2 penalty (decoupled for adamw)"));
    s.add(FieldSpec{"optim.momentum", FieldType::Float, 0.9}.min(0.0).max(0.999).help(
        "SGD momentum"));
    s.add(FieldSpec{"optim.beta1", FieldType::Float, 0.9}.min(0.0).max(0.9999).help(
        "Adam first-moment decay"));
    s.add(FieldSpec{"optim.beta2", FieldType::Float, 0.999}.min(0.0).max(0.99999).help(
        "Adam second-moment decay"));
}

void declareScheduleFields(Schema& s) {
    s.add(FieldSpec{"schedule.name", FieldType::Enum, std::string{"constant"}}
              .oneOf({"constant", "step", "cosine", "halve"})
              .help("Learning-rate schedule: constant, step (x gamma every step_size epochs), "
                    "cosine (to min_lr over the run), halve (x0.5 every epoch)"));
    s.add(FieldSpec{"schedule.step_size", FieldType::Int, I{1}}.min(1).help(
        "Epochs between decays of the step schedule"));
    s.add(FieldSpec{"schedule.hold_epochs", FieldType::Int, I{0}}.min(0).help(
        "Epochs at the full lr before the step or halve schedule starts to decay (the papers' "
        "code: 1 for DLinear's and Informer's halving, 3 for PatchTST's x0.9)"));
    s.add(FieldSpec{"schedule.gamma", FieldType::Float, 0.1}.min(1e-6).max(1.0).help(
        "Decay factor of the step schedule"));
    s.add(FieldSpec{"schedule.min_lr", FieldType::Float, 0.0}.min(0.0).help(
        "Final learning rate of the cosine schedule"));
    s.add(FieldSpec{"schedule.warmup_steps", FieldType::Int, I{0}}.min(0).help(
        "Optimizer steps of linear warm-up from 0 to lr"));
}

void declareTrainFields(Schema& s) {
    s.add(FieldSpec{"train.epochs", FieldType::Int, I{3}}.min(0).max(100000).help(
        "Passes over the training split; 0 trains none and tests the weights model.init_from "
        "names: a trained run's on other data"));
    s.add(FieldSpec{"train.batch_size", FieldType::Int, I{64}}.min(1).max(1 << 20).help(
        "Samples per forward pass"));
    s.add(FieldSpec{"train.drop_last", FieldType::Bool, false}.help(
        "Leave out the last, smaller training batch of each epoch, as the forecasting papers' "
        "code does: with Adam, a batch of a few samples takes a full-size, noisy step"));
    s.add(FieldSpec{"train.max_batches", FieldType::Int, I{0}}.min(0).help(
        "Train on at most this many batches per epoch, for a quick look at a new config; 0 "
        "uses the whole training split"));
    s.add(FieldSpec{"train.grad_accum", FieldType::Int, I{1}}.min(1).max(1024).help(
        "Batches whose gradients add up before one optimizer step"));
    s.add(FieldSpec{"train.amp", FieldType::Enum, std::string{"off"}}
              .oneOf({"off", "bf16", "fp16"})
              .help("Mixed precision: matrix products and convolutions in bf16 (CPUs with "
                    "AVX512-BF16 or AMX, Ampere and newer GPUs) or fp16 (GPUs, with dynamic "
                    "loss scaling); weights, losses and metrics stay float32"));
    s.add(FieldSpec{"train.grad_clip", FieldType::Float, 0.0}.min(0.0).help(
        "Clip the global gradient norm to this value; 0 turns clipping off"));
    s.add(FieldSpec{"train.val_every", FieldType::Int, I{1}}.min(1).help(
        "Validate every N epochs (and always after the last)"));
    s.add(FieldSpec{"train.log_every", FieldType::Int, I{20}}.min(1).help(
        "Record training loss every N optimizer steps"));
    s.add(FieldSpec{"train.early_stop.monitor", FieldType::Enum, std::string{"val/loss"}}
              .oneOf({"val/loss", "val/accuracy", "val/macro_f1", "val/mse", "val/mae", "val/rmse",
                      "val/mape", "val/mspe"})
              .help("Validation metric that picks the best checkpoint and drives early stopping"));
    s.add(FieldSpec{"train.early_stop.patience", FieldType::Int, I{0}}.min(0).help(
        "Stop after this many validations without improvement; 0 never stops early"));
    s.add(FieldSpec{"train.early_stop.min_delta", FieldType::Float, 0.0}.min(0.0).help(
        "Smallest change of the monitored metric that counts as an improvement"));
    s.add(FieldSpec{"train.checkpoints", FieldType::Bool, true}.help(
        "Save the best and the last model beside the database"));
}

void declareDistributedFields(Schema& s) {
    s.add(FieldSpec{"dist.world_size", FieldType::Int, I{1}}.min(1).max(1024).help(
        "Processes training together, data-parallel: each reads 1/N of every epoch, with "
        "train.batch_size samples per step, and the gradients are averaged over all. Start "
        "them with `trainbench-cli train --nproc N` or torchrun; 1 trains in this process"));
    s.add(FieldSpec{"dist.master_addr", FieldType::String, std::string{"127.0.0.1"}}.help(
        "Address of process 0, where the others meet (the first machine, across machines)"));
    s.add(FieldSpec{"dist.master_port", FieldType::Int, I{29500}}.min(1).max(65535).help(
        "Port process 0 serves the meeting on; --nproc picks a free one when left at 29500"));
    s.add(
        FieldSpec{"dist.timeout_s", FieldType::Int, I{1800}}
            .min(10)
            .max(7 * 24 * 3600)
            .help(
                "Seconds a process waits for the others, to start and at every step: a run paused "
                "for longer ends"));
}

bool isDeviceId(const std::string& text) {
    static const std::regex pattern{R"((cpu|(cuda|npu)(:[0-9]+)?))"};
    return std::regex_match(text, pattern);
}

/// A classifier reads no time series, and a forecaster no images: the model family must be
/// for the task of the data kind.
void checkModelFitsData(const Config& c, ConfigIssues& out) {
    const ModelFamily* family = findModelFamily(c.getString(std::string{Schema::kModelKey}));
    const std::string kind = c.getString(std::string{Schema::kDataKindKey});
    const std::string task = dataTask(kind);
    if (family == nullptr || task.empty() || family->task == task)
        return;
    std::string fitting;
    for (const ModelFamily& other : modelRegistry()) {
        if (other.task == task)
            fitting += (fitting.empty() ? "" : ", ") + other.name;
    }
    out.push_back({std::string{Schema::kModelKey}, "model '" + family->name + "' is for " +
                                                       family->task + ", but data.kind " + kind +
                                                       " is for " + task + "; pick one of " +
                                                       fitting + ", or data of another kind"});
}

void declareRules(Schema& s) {
    s.addRule(checkModelFitsData);
    s.addRule([](const Config& c, ConfigIssues& out) {
        // A line break or a terminal escape would break the runs list and the CLI's tables.
        const std::string name = c.getString("name");
        if (std::any_of(name.begin(), name.end(),
                        [](unsigned char ch) { return ch < 0x20 || ch == 0x7f; }))
            out.push_back({"name", "holds a line break, tab or other control character; a run's "
                                   "name is one line of text"});
    });
    s.addRule([](const Config& c, ConfigIssues& out) {
        if (!isDeviceId(c.getString("device")))
            out.push_back({"device", "'" + c.getString("device") +
                                         "' is not a device; use cpu, cuda:N or npu:N"});
    });
    s.addRule([](const Config& c, ConfigIssues& out) {
        const double rate = c.getFloat("telemetry.rate_hz");
        if (rate > 0.0 && rate < 0.1)
            out.push_back({"telemetry.rate_hz", "a reading every 10 s is the slowest rate; use "
                                                "at least 0.1, or 0 to turn telemetry off"});
    });
    s.addRule([](const Config& c, ConfigIssues& out) {
        const std::string from = c.getString("model.init_from");
        if (looksLikeRunReference(from) && !parseRunReference(from))
            out.push_back({"model.init_from",
                           "'" + from + "' is not a run; write run:N, run:N/best or run:N/last"});
    });
    s.addRule([](const Config& c, ConfigIssues& out) {
        if (c.getInt("train.epochs") == 0 && c.getString("model.init_from").empty())
            out.push_back({"train.epochs", "0 epochs trains nothing: set model.init_from to a "
                                           "trained run (run:N) to test its weights, or train "
                                           "at least 1 epoch"});
    });
    s.addRule([](const Config& c, ConfigIssues& out) {
        if (c.getString("train.amp") == "fp16" && c.getString("device") == "cpu")
            out.push_back({"train.amp", "fp16 needs a cuda device; on the cpu use bf16 (or off)"});
    });
    s.addRule([](const Config& c, ConfigIssues& out) {
        // A CSV always has its validation rows (data.split); images only what is held out.
        if (c.getInt("train.early_stop.patience") > 0 && c.getString("data.kind") != "csv" &&
            c.getFloat("data.val_fraction") <= 0.0)
            out.push_back({"train.early_stop.patience",
                           "early stopping needs a validation split; set data.val_fraction "
                           "above 0 or patience to 0"});
    });
}

Schema buildSchema() {
    Schema s;
    declareRunFields(s);
    declareDeviceFields(s);
    declareDataFields(s);
    declareModelFields(s);
    declareOptimizerFields(s);
    declareScheduleFields(s);
    declareTrainFields(s);
    declareDistributedFields(s);
    declareRules(s);
    return s;
}

} // namespace

const Schema& experimentSchema() {
    static const Schema schema = buildSchema();
    return schema;
}

std::vector<ModelFamilyInfo> modelFamilies() {
    std::vector<ModelFamilyInfo> out;
    for (const ModelFamily& f : modelRegistry())
        out.push_back({f.name, f.task, f.description});
    return out;
}

std::string torchVersion() {
    return TORCH_VERSION;
}

} // namespace tb::engine
