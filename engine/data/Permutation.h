// Seeded random draws and permutations that repeat bit for bit on every platform.
#pragma once

#include <cstdint>
#include <random>
#include <vector>

namespace tb::engine {

/// std::mt19937_64 seeded with (seed, stream) through std::seed_seq, both specified bit for
/// bit by the standard.
std::mt19937_64 seededEngine(std::uint64_t seed, std::uint64_t stream);

/// Uniform in [0, bound] by rejection, so no value is favoured by a modulo (unlike
/// std::uniform_int_distribution, the same in every standard library).
std::uint64_t drawAtMost(std::mt19937_64& engine, std::uint64_t bound);

/// A permutation of 0..count-1 drawn from std::mt19937_64 seeded with (seed, stream), by a
/// Fisher-Yates shuffle with its own bounded draw: std::shuffle and
/// std::uniform_int_distribution differ between standard libraries, so a run would not repeat
/// elsewhere. Torch's global generator is not touched. `stream` separates independent uses of
/// one seed (the epoch of a loader, the validation split).
///
/// Example: `auto order = seededPermutation(60000, 42, epoch);`
std::vector<std::int64_t> seededPermutation(std::int64_t count, std::uint64_t seed,
                                            std::uint64_t stream);

} // namespace tb::engine
