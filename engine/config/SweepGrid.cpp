#include "engine/config/SweepGrid.h"

#include "engine/config/ConfigYaml.h"
#include "engine/config/Schema.h"
#include "engine/util/Lowered.h"
#include "engine/util/Trimmed.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <sstream>
#include <stdexcept>

namespace tb::engine {

GridAxis parseGridAxis(const std::string& text) {
    const std::size_t equals = text.find('=');
    GridAxis axis{trimmed(text.substr(0, equals)), {}};
    if (equals == std::string::npos || axis.key.empty())
        throw std::invalid_argument(text + ": write a field and its values, e.g. "
                                           "train.batch_size=64,128,256");
    std::istringstream values(text.substr(equals + 1));
    for (std::string value; std::getline(values, value, ',');) {
        value = trimmed(value);
        if (value.empty())
            throw std::invalid_argument(axis.key +
                                        ": an empty value; separate the values with single "
                                        "commas");
        if (std::find(axis.values.begin(), axis.values.end(), value) != axis.values.end())
            throw std::invalid_argument(axis.key + ": " + value +
                                        " is listed twice, which would train the same run "
                                        "again; list each value once");
        axis.values.push_back(value);
    }
    if (axis.values.empty())
        throw std::invalid_argument(axis.key + ": no values after '='");
    return axis;
}

std::vector<std::vector<std::string>> gridCombinations(const std::vector<GridAxis>& axes) {
    std::set<std::string> keys;
    for (const GridAxis& axis : axes)
        if (!keys.insert(axis.key).second)
            throw std::invalid_argument(axis.key +
                                        " is in the grid twice; give all its values in one place");
    std::vector<std::vector<std::string>> combinations{{}};
    for (const GridAxis& axis : axes) {
        std::vector<std::vector<std::string>> extended;
        for (const std::vector<std::string>& partial : combinations)
            for (const std::string& value : axis.values) {
                extended.push_back(partial);
                extended.back().push_back(axis.key + "=" + value);
            }
        combinations = std::move(extended);
    }
    return combinations;
}

std::string sweepRunName(const std::string& base, const std::vector<std::string>& combination) {
    std::string name = base + " (";
    for (std::size_t i = 0; i < combination.size(); ++i)
        name += (i ? ", " : "") + combination[i];
    return name + ")";
}

std::string sweepBaseName(const std::string& name) {
    const std::size_t open = name.rfind(" (");
    if (open == std::string::npos || open == 0 || name.back() != ')')
        return name;
    const std::string items = name.substr(open + 2, name.size() - open - 3);
    std::size_t start = 0;
    for (;;) {
        const std::size_t end = std::min(items.find(", ", start), items.size());
        const std::string item = items.substr(start, end - start);
        const std::size_t equals = item.find('=');
        const bool keyed =
            equals != std::string::npos && equals > 0 &&
            std::all_of(item.begin(), item.begin() + equals, [](char c) {
                return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.';
            });
        if (!keyed)
            return name;
        if (end == items.size())
            return name.substr(0, open);
        start = end + 2;
    }
}

std::string sweepTag(std::time_t startedAt) {
    std::tm local{};
    localtime_r(&startedAt, &local);
    char text[32];
    std::strftime(text, sizeof text, "sweep-%Y%m%d-%H%M%S", &local);
    return text;
}

std::string sweepTagProblem(const std::string& tag) {
    return tag.find(',') == std::string::npos
               ? std::string()
               : "the tag is one word: a comma would make it two tags";
}

namespace {

std::string keyOf(const std::string& assignment) {
    return assignment.substr(0, assignment.find('='));
}

bool setsKey(const std::vector<std::string>& combination, std::string_view key) {
    return std::any_of(combination.begin(), combination.end(),
                       [&](const std::string& a) { return keyOf(a) == key; });
}

bool setsSelector(const std::vector<std::string>& combination) {
    return setsKey(combination, Schema::kModelKey) || setsKey(combination, Schema::kDataKindKey);
}

/// Unsets the base's values that do not apply to the combination's model family and data
/// kind; the combination's own stay, for validation to name.
void dropInactiveBaseValues(Config& config, const std::vector<std::string>& combination) {
    for (const std::string& key : config.inactiveKeys())
        if (!setsKey(combination, key))
            config.unset(key);
}

bool isNameSeparator(char c) {
    return c == '-' || c == '_' || c == ' ' || c == '.';
}

/// `base` with each whole word (between `-`, `_`, ` `, `.`) that is `from`, in any case,
/// replaced by `to`: `dlinear-etth1-96` for PatchTST is `patchtst-etth1-96`.
std::string withModelName(const std::string& base, const std::string& from, const std::string& to) {
    std::string name;
    std::size_t start = 0;
    while (start <= base.size()) {
        std::size_t end = start;
        while (end < base.size() && !isNameSeparator(base[end]))
            ++end;
        const std::string word = base.substr(start, end - start);
        name += !word.empty() && lowered(word) == lowered(from) ? to : word;
        if (end < base.size())
            name += base[end];
        start = end + 1;
    }
    return name;
}

/// The config's name; for a run of another model than the base's (a grid over the model),
/// with the base's model in it replaced by the run's own.
std::string runName(const Config& base, const Config& run) {
    const std::string modelKey(Schema::kModelKey);
    const std::string baseModel = base.getString(modelKey);
    const std::string runModel = run.getString(modelKey);
    const std::string name = run.getString("name");
    return runModel != baseModel ? withModelName(name, baseModel, runModel) : name;
}

} // namespace

std::vector<SweepRun> expandSweep(const Config& base, const std::vector<GridAxis>& axes) {
    std::vector<SweepRun> runs;
    for (std::vector<std::string>& combination : gridCombinations(axes)) {
        SweepRun run{{}, base, {}, {}};
        for (const std::string& assignment : combination) {
            const ConfigIssues issues = applyOverride(run.config, assignment);
            run.issues.insert(run.issues.end(), issues.begin(), issues.end());
        }
        // A grid over the model (or the data kind) compares families: each keeps the fields
        // of the base it has, as the config editor does when the model changes.
        if (run.issues.empty() && setsSelector(combination))
            dropInactiveBaseValues(run.config, combination);
        // A value of the wrong type was not applied: validating would only repeat the base's.
        if (run.issues.empty())
            run.issues = validateConfig(run.config);
        run.name = sweepRunName(runName(base, run.config), combination);
        run.overrides = std::move(combination);
        runs.push_back(std::move(run));
    }
    return runs;
}

} // namespace tb::engine
