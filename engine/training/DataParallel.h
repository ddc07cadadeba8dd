// Data-parallel training over a c10d process group (Gloo). Engine-internal: it exposes LibTorch.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <torch/nn/module.h>
#include <vector>

namespace tb::engine {

/// Where one process stands in a data-parallel run.
struct ProcessGroupSpec {
    int rank = 0;
    int worldSize = 1;
    /// Rank 0's address and the port of the rendezvous store it serves.
    std::string masterAddr = "127.0.0.1";
    int masterPort = 29500;
    /// Set when torchrun's agent already serves the store on masterPort: rank 0 then joins it
    /// as a client instead of opening the port itself.
    bool storeServedByAgent = false;
    /// How long joining, and any one collective, may wait for the other processes.
    std::chrono::seconds timeout{1800};
};

/// Why this build cannot train data-parallel (LibTorch's Gloo headers were missing when it
/// was compiled); empty when it can.
std::string dataParallelUnavailableReason();

/// One process's membership of the group. Every process must call the collectives below in
/// the same order; each blocks until all have. A collective that fails because another process
/// ended throws std::runtime_error saying so. Used on the engine thread only.
class DataParallel {
public:
    /// Joins the group, waiting up to the timeout for every process. Throws
    /// std::runtime_error naming what failed (port in use, a peer that never came) and what to
    /// do about it.
    explicit DataParallel(const ProcessGroupSpec& spec);
    ~DataParallel();

    int rank() const;
    int worldSize() const;

    /// Gives every process rank 0's parameters and buffers.
    void broadcastFromRankZero(torch::nn::Module& module);

    /// Replaces every gradient by its mean over the processes, in one all-reduce that also
    /// carries each process's stop request; returns whether any process asked to stop, the
    /// same answer on every process.
    bool averageGradients(const std::vector<torch::Tensor>& parameters, bool stopRequested);

    /// The sum of `value` over the processes.
    double sum(double value);

    /// Rank 0's `value`, on every process.
    std::int64_t fromRankZero(std::int64_t value);

    /// Rank 0's `bytes` (a checkpoint only it can read), on every process.
    std::string fromRankZero(const std::string& bytes);

    /// Every process's `tensor`, by rank; each passes a CPU tensor of the same shape and type.
    std::vector<torch::Tensor> gather(const torch::Tensor& tensor);

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace tb::engine
