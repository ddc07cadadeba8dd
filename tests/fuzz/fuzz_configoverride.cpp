// The command line's `--set key=value` and `--grid key=v1,v2` on any text, one per line: issues
// or std::invalid_argument naming the problem, never another exception or a crash.
#include "FuzzInput.h"
#include "engine/config/ConfigYaml.h"
#include "engine/config/SweepGrid.h"
#include "engine/training/ExperimentSchema.h"

#include <stdexcept>

using namespace tb::engine;
using tb::fuzz::require;

namespace {

/// More runs than this would make the fuzzer time the sweep, not read it.
constexpr std::size_t kMaxFuzzedRuns = 64;

std::vector<std::string> linesOf(std::string_view text) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t end = std::min(text.find('\n', start), text.size());
        lines.emplace_back(text.substr(start, end - start));
        start = end + 1;
    }
    return lines;
}

std::size_t runCount(const std::vector<GridAxis>& axes) {
    std::size_t runs = 1;
    for (const GridAxis& axis : axes)
        runs *= std::max<std::size_t>(axis.values.size(), 1);
    return runs;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::vector<std::string> lines = linesOf(tb::fuzz::textOf(data, size));
    Config config(experimentSchema());
    std::vector<GridAxis> axes;
    for (const std::string& line : lines) {
        const ConfigIssues issues = applyOverride(config, line);
        for (const ConfigIssue& issue : issues)
            require(!issue.message.empty(), "an issue says what is wrong");
        try {
            axes.push_back(parseGridAxis(line));
            require(!axes.back().key.empty() && !axes.back().values.empty(),
                    "an axis has a field and values");
        } catch (const std::invalid_argument&) {
        }
    }
    validateConfig(config);
    if (axes.size() > 4 || runCount(axes) > kMaxFuzzedRuns)
        return 0;
    try {
        const std::vector<SweepRun> runs = expandSweep(config, axes);
        require(runs.size() == runCount(axes), "a sweep makes one run per combination");
    } catch (const std::invalid_argument&) {
    }
    return 0;
}
