#include "engine/data/Permutation.h"

#include <algorithm>
#include <limits>
#include <numeric>

namespace tb::engine {

std::uint64_t drawAtMost(std::mt19937_64& engine, std::uint64_t bound) {
    const std::uint64_t range = bound + 1;
    const std::uint64_t limit = std::numeric_limits<std::uint64_t>::max() -
                                std::numeric_limits<std::uint64_t>::max() % range;
    std::uint64_t value = engine();
    while (value >= limit) {
        value = engine();
    }
    return value % range;
}

std::mt19937_64 seededEngine(std::uint64_t seed, std::uint64_t stream) {
    std::seed_seq sequence{static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32),
                           static_cast<std::uint32_t>(stream),
                           static_cast<std::uint32_t>(stream >> 32)};
    return std::mt19937_64(sequence);
}

std::vector<std::int64_t> seededPermutation(std::int64_t count, std::uint64_t seed,
                                            std::uint64_t stream) {
    std::vector<std::int64_t> order(static_cast<std::size_t>(std::max<std::int64_t>(count, 0)));
    std::iota(order.begin(), order.end(), std::int64_t{0});
    auto engine = seededEngine(seed, stream);
    for (std::size_t i = order.size(); i > 1; --i) {
        std::swap(order[i - 1], order[drawAtMost(engine, i - 1)]);
    }
    return order;
}

} // namespace tb::engine
