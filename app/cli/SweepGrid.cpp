#include "SweepGrid.h"

#include <set>
#include <sstream>
#include <stdexcept>

namespace tb::cli {

GridAxis parseGridAxis(const std::string& text) {
    const std::size_t equals = text.find('=');
    if (equals == std::string::npos || equals == 0)
        throw std::invalid_argument("--grid " + text +
                                    ": write a field and its values, e.g. "
                                    "--grid train.batch_size=64,128,256");
    GridAxis axis{text.substr(0, equals), {}};
    std::istringstream values(text.substr(equals + 1));
    for (std::string value; std::getline(values, value, ',');) {
        if (value.empty())
            throw std::invalid_argument("--grid " + text +
                                        ": an empty value; separate values "
                                        "with single commas");
        axis.values.push_back(value);
    }
    if (axis.values.empty())
        throw std::invalid_argument("--grid " + text + ": no values after '='");
    return axis;
}

std::vector<std::vector<std::string>> gridCombinations(const std::vector<GridAxis>& axes) {
    std::set<std::string> keys;
    for (const GridAxis& axis : axes)
        if (!keys.insert(axis.key).second)
            throw std::invalid_argument("--grid names " + axis.key +
                                        " twice; give all its values in one --grid");
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

} // namespace tb::cli
