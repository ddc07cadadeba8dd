// Turning what can go wrong during training into messages a user can act on.
#pragma once

#include <cstdint>
#include <exception>
#include <stdexcept>
#include <string>

namespace tb::engine {

class Config;

/// The training loss became NaN or infinite in run `runId`; `checkpointed`: the run saved
/// weights before, which a new run can start from.
class NonFiniteLoss : public std::runtime_error {
public:
    NonFiniteLoss(std::int64_t step, std::int64_t epoch, double value, std::int64_t runId,
                  bool checkpointed);
};

/// An exception's message without the backtrace LibTorch appends after its first line.
std::string firstLineOf(const std::exception& error);

/// The reason a run failed, phrased for the user with what to try: out of memory, a NaN
/// loss, a worker's data error, or any other exception's message.
std::string describeFailure(const std::exception& error, const Config& config);

} // namespace tb::engine
