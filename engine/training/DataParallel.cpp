#include "engine/training/DataParallel.h"

#include "engine/training/TrainingFailure.h"

#include <cstring>
#include <stdexcept>
#include <torch/types.h>

#ifdef TB_HAVE_GLOO
#include <torch/csrc/distributed/c10d/ProcessGroupGloo.hpp>
#include <torch/csrc/distributed/c10d/TCPStore.hpp>
#endif

namespace tb::engine {

#ifdef TB_HAVE_GLOO

namespace {

std::string endpoint(const ProcessGroupSpec& spec) {
    return spec.masterAddr + ":" + std::to_string(spec.masterPort);
}

c10::intrusive_ptr<c10d::Store> joinStore(const ProcessGroupSpec& spec) {
    c10d::TCPStoreOptions options;
    options.port = static_cast<std::uint16_t>(spec.masterPort);
    options.isServer = spec.rank == 0 && !spec.storeServedByAgent;
    options.numWorkers = spec.worldSize;
    options.waitWorkers = false;
    options.timeout = spec.timeout;
    try {
        return c10::make_intrusive<c10d::TCPStore>(spec.masterAddr, options);
    } catch (const std::exception& e) {
        if (options.isServer)
            throw std::runtime_error("process 0 cannot serve the rendezvous on " + endpoint(spec) +
                                     " (" + e.what() +
                                     "); another run may hold the port: set dist.master_port");
        throw std::runtime_error("process " + std::to_string(spec.rank) +
                                 " cannot reach process 0 at " + endpoint(spec) + " (" + e.what() +
                                 "); check dist.master_addr and that process 0 runs");
    }
}

} // namespace

struct DataParallel::Impl {
    ProcessGroupSpec spec;
    c10::intrusive_ptr<c10d::Store> store;
    c10::intrusive_ptr<c10d::ProcessGroupGloo> group;
    // Every gradient and the stop flag, in host memory, kept from step to step: allocating
    // (and faulting in) a model-sized buffer each step cost more than the all-reduce itself.
    at::Tensor flat;

    /// Runs one collective, turning a lost peer into a message a user can act on.
    void wait(const c10::intrusive_ptr<c10d::Work>& work) const {
        try {
            work->wait();
        } catch (const std::exception& e) {
            throw std::runtime_error(
                "process " + std::to_string(spec.rank) + " of " + std::to_string(spec.worldSize) +
                " lost the other processes of the data-parallel run (" + firstLineOf(e) +
                "); the first process that ended says why in its output");
        }
    }

    void allReduce(at::Tensor& tensor) const {
        std::vector<at::Tensor> tensors{tensor};
        wait(group->allreduce(tensors));
    }

    void broadcast(at::Tensor& tensor) const {
        std::vector<at::Tensor> tensors{tensor.is_cpu() ? tensor : tensor.cpu()};
        wait(group->broadcast(tensors));
        if (!tensor.is_cpu())
            tensor.copy_(tensors.front());
    }
};

std::string dataParallelUnavailableReason() {
    return {};
}

DataParallel::DataParallel(const ProcessGroupSpec& spec)
    : m_impl(std::make_unique<Impl>()) {
    m_impl->spec = spec;
    m_impl->store = joinStore(spec);
    auto options = c10d::ProcessGroupGloo::Options::create(spec.timeout);
    options->devices.push_back(c10d::ProcessGroupGloo::createDeviceForHostname(spec.masterAddr));
    try {
        m_impl->group = c10::make_intrusive<c10d::ProcessGroupGloo>(m_impl->store, spec.rank,
                                                                    spec.worldSize, options);
    } catch (const std::exception& e) {
        throw std::runtime_error("process " + std::to_string(spec.rank) + " could not join the " +
                                 std::to_string(spec.worldSize) + " processes at " +
                                 endpoint(spec) + " within " +
                                 std::to_string(spec.timeout.count()) + " s (" + firstLineOf(e) +
                                 "); start every process, or lower "
                                 "dist.world_size");
    }
}

DataParallel::~DataParallel() = default;

int DataParallel::rank() const {
    return m_impl->spec.rank;
}

int DataParallel::worldSize() const {
    return m_impl->spec.worldSize;
}

void DataParallel::broadcastFromRankZero(torch::nn::Module& module) {
    torch::NoGradGuard noGrad;
    for (at::Tensor tensor : module.parameters())
        m_impl->broadcast(tensor);
    for (at::Tensor tensor : module.buffers())
        m_impl->broadcast(tensor);
}

bool DataParallel::averageGradients(const std::vector<torch::Tensor>& parameters,
                                    bool stopRequested) {
    // One flat buffer: a collective per tensor would pay Gloo's latency dozens of times a step.
    // Gloo reduces host memory; NCCL is not wired in (yet).
    std::int64_t total = 1; // the stop flag
    for (const torch::Tensor& p : parameters)
        total += p.requires_grad() ? p.numel() : 0;
    at::Tensor& flat = m_impl->flat;
    if (!flat.defined() || flat.numel() != total)
        flat = torch::empty({total}, torch::kFloat);

    std::int64_t offset = 0;
    for (const torch::Tensor& p : parameters) {
        if (!p.requires_grad())
            continue;
        torch::Tensor slice = flat.narrow(0, offset, p.numel());
        if (p.grad().defined())
            slice.copy_(p.grad().reshape(-1));
        else
            slice.zero_();
        offset += p.numel();
    }
    flat[offset].fill_(stopRequested ? 1.0 : 0.0);
    m_impl->allReduce(flat);
    flat.div_(static_cast<double>(m_impl->spec.worldSize));

    offset = 0;
    for (const torch::Tensor& p : parameters) {
        if (!p.requires_grad())
            continue;
        const torch::Tensor mean = flat.narrow(0, offset, p.numel()).view(p.sizes());
        if (p.grad().defined())
            p.mutable_grad().copy_(mean);
        else
            p.mutable_grad() = mean.to(p.options());
        offset += p.numel();
    }
    return flat[offset].item<float>() > 0.0F;
}

double DataParallel::sum(double value) {
    torch::Tensor t = torch::full({1}, value, torch::kDouble);
    m_impl->allReduce(t);
    return t.item<double>();
}

std::int64_t DataParallel::fromRankZero(std::int64_t value) {
    torch::Tensor t = torch::full({1}, value, torch::kLong);
    m_impl->broadcast(t);
    return t.item<std::int64_t>();
}

std::string DataParallel::fromRankZero(const std::string& bytes) {
    const std::int64_t size = fromRankZero(static_cast<std::int64_t>(bytes.size()));
    torch::Tensor t = torch::empty({size}, torch::kUInt8);
    if (m_impl->spec.rank == 0)
        std::memcpy(t.data_ptr(), bytes.data(), bytes.size());
    m_impl->broadcast(t);
    return std::string(static_cast<const char*>(t.data_ptr()), static_cast<std::size_t>(size));
}

std::vector<torch::Tensor> DataParallel::gather(const torch::Tensor& tensor) {
    std::vector<std::vector<at::Tensor>> outputs(1);
    for (int rank = 0; rank < m_impl->spec.worldSize; ++rank)
        outputs.front().push_back(torch::empty_like(tensor));
    std::vector<at::Tensor> inputs{tensor.contiguous()};
    m_impl->wait(m_impl->group->allgather(outputs, inputs));
    return outputs.front();
}

#else // no Gloo headers at build time

struct DataParallel::Impl {};

std::string dataParallelUnavailableReason() {
    return "this build of Trainbench has no data-parallel training: LibTorch's Gloo headers "
           "(Debian: libgloo-dev) were missing when it was compiled";
}

DataParallel::DataParallel(const ProcessGroupSpec&) {
    throw std::runtime_error(dataParallelUnavailableReason());
}

DataParallel::~DataParallel() = default;

int DataParallel::rank() const {
    return 0;
}

int DataParallel::worldSize() const {
    return 1;
}

void DataParallel::broadcastFromRankZero(torch::nn::Module&) {}

bool DataParallel::averageGradients(const std::vector<torch::Tensor>&, bool stopRequested) {
    return stopRequested;
}

double DataParallel::sum(double value) {
    return value;
}

std::int64_t DataParallel::fromRankZero(std::int64_t value) {
    return value;
}

std::string DataParallel::fromRankZero(const std::string& bytes) {
    return bytes;
}

std::vector<torch::Tensor> DataParallel::gather(const torch::Tensor& tensor) {
    return {tensor};
}

#endif

} // namespace tb::engine
