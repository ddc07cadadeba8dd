#include "engine/devices/DeviceId.h"

#include <algorithm>
#include <cctype>

namespace tb::engine {

std::optional<DeviceId> parseDeviceId(const std::string& id) {
    const auto colon = id.find(':');
    DeviceId parsed;
    parsed.backend = id.substr(0, colon);
    const auto isLetter = [](unsigned char c) { return std::islower(c) != 0; };
    if (parsed.backend.empty() ||
        !std::all_of(parsed.backend.begin(), parsed.backend.end(), isLetter))
        return std::nullopt;
    if (colon == std::string::npos)
        return parsed;
    const std::string digits = id.substr(colon + 1);
    const auto isDigit = [](unsigned char c) { return std::isdigit(c) != 0; };
    if (digits.empty() || digits.size() > 4 || !std::all_of(digits.begin(), digits.end(), isDigit))
        return std::nullopt;
    parsed.index = std::stoi(digits);
    return parsed;
}

} // namespace tb::engine
