#include "engine/training/RandomStream.h"

#include <ATen/Context.h>
#include <torch/utils.h>

namespace tb::engine {
namespace {

/// One turn at a time, whichever stream takes it.
std::mutex& generatorsMutex() {
    static std::mutex mutex;
    return mutex;
}

void setGeneratorState(const torch::Device& device, const torch::Tensor& state) {
    at::Generator generator = at::globalContext().defaultGenerator(device);
    std::lock_guard<std::mutex> lock(generator.mutex());
    generator.set_state(state.to(torch::kCPU));
}

torch::Tensor generatorState(const torch::Device& device) {
    at::Generator generator = at::globalContext().defaultGenerator(device);
    std::lock_guard<std::mutex> lock(generator.mutex());
    return generator.get_state();
}

} // namespace

RandomStream::RandomStream(std::uint64_t seed, const torch::Device& device)
    : m_device(device)
    , m_seed(seed) {}

void RandomStream::reseed(std::uint64_t seed) {
    m_seed = seed;
    m_states = {};
}

GeneratorStates RandomStream::states() {
    if (m_seed) {
        const Turn seeding(*this);
    }
    return m_states;
}

void RandomStream::restore(const GeneratorStates& saved) {
    states();
    if (saved.cpu.defined())
        m_states.cpu = saved.cpu;
    if (saved.cuda.defined() && m_device.is_cuda())
        m_states.cuda = saved.cuda;
}

RandomStream::Turn::Turn(RandomStream& stream)
    : m_stream(stream)
    , m_lock(generatorsMutex()) {
    if (m_stream.m_seed) {
        torch::manual_seed(*m_stream.m_seed);
        m_stream.m_seed.reset();
        return;
    }
    setGeneratorState(torch::kCPU, m_stream.m_states.cpu);
    if (m_stream.m_states.cuda.defined())
        setGeneratorState(m_stream.m_device, m_stream.m_states.cuda);
}

RandomStream::Turn::~Turn() {
    m_stream.m_states.cpu = generatorState(torch::kCPU);
    if (m_stream.m_device.is_cuda())
        m_stream.m_states.cuda = generatorState(m_stream.m_device);
}

} // namespace tb::engine
