#include "engine/config/ConfigYaml.h"

#include <algorithm>
#include <cctype>
#include <numeric>

namespace tb::engine {
namespace {

bool sameLetter(char a, char b) {
    return std::tolower(static_cast<unsigned char>(a)) ==
           std::tolower(static_cast<unsigned char>(b));
}

// Levenshtein distance, ignoring case: `CNN` is a typo of `cnn`, not three edits away.
std::size_t editDistance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> previous(b.size() + 1);
    std::vector<std::size_t> current(b.size() + 1);
    std::iota(previous.begin(), previous.end(), std::size_t{0});
    for (std::size_t i = 1; i <= a.size(); ++i) {
        current[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t substitution =
                previous[j - 1] + (sameLetter(a[i - 1], b[j - 1]) ? 0 : 1);
            current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitution});
        }
        std::swap(previous, current);
    }
    return previous[b.size()];
}

} // namespace

std::string closestMatch(std::string_view word, const std::vector<std::string>& candidates) {
    if (word.empty())
        return {};
    // Short words tolerate two typos; long dotted keys about one per three characters.
    const std::size_t maxDistance = std::max<std::size_t>(2, word.size() / 3);
    std::string best;
    std::size_t bestDistance = maxDistance + 1;
    for (const std::string& candidate : candidates) {
        const std::size_t distance = editDistance(word, candidate);
        if (distance < bestDistance) {
            best = candidate;
            bestDistance = distance;
        }
    }
    return best;
}

} // namespace tb::engine
