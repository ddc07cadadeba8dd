// The random numbers a run or a prediction draws, kept apart from those of others in the same
// process. Engine-internal: it exposes LibTorch.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <torch/types.h>

namespace tb::engine {

/// The states of the random generators a stream draws from: the CPU's, and its CUDA device's
/// (undefined off CUDA).
struct GeneratorStates {
    torch::Tensor cpu;
    torch::Tensor cuda;
};

/// LibTorch draws weight initialisations, dropout masks and Informer's key samples from
/// generators the whole process shares. A run and a prediction in one process (the desktop app
/// predicts while a run trains), or the processes of a data-parallel run started as threads,
/// each keep a stream of their own and draw only during one of its turns, which holds the
/// generators for them alone: what one draws never moves the numbers of another. (torch_npu's
/// generator is not reached from here: on an NPU, dropout masks after a continuation differ
/// from an uninterrupted run's.)
///
/// Example: `RandomStream random(seed, device); { RandomStream::Turn turn(random); model =
/// build(); }`, and later turns go on from where that one left the stream.
class RandomStream {
public:
    /// The stream torch::manual_seed(seed) starts, drawn on the CPU and on `device`.
    RandomStream(std::uint64_t seed, const torch::Device& device);

    /// Starts the stream again as torch::manual_seed(seed) would.
    void reseed(std::uint64_t seed);
    /// Where the stream stands, for a checkpoint. Takes a turn: never call it during one.
    GeneratorStates states();
    /// Goes on from `saved` (a checkpoint's); a part it lacks (undefined) stays as it was.
    /// Takes a turn: never call it during one.
    void restore(const GeneratorStates& saved);

    /// Holds the process's generators, in this stream's state, while it lives (waiting for any
    /// other turn to end first); the stream then goes on from where they got to.
    class Turn {
    public:
        explicit Turn(RandomStream& stream);
        ~Turn();
        Turn(const Turn&) = delete;
        Turn& operator=(const Turn&) = delete;

    private:
        RandomStream& m_stream;
        std::unique_lock<std::mutex> m_lock;
    };

private:
    torch::Device m_device;
    std::optional<std::uint64_t> m_seed; ///< to seed the generators with at the next turn
    GeneratorStates m_states;            ///< where the last turn left them, without a seed
};

} // namespace tb::engine
