#include "engine/devices/CpuInfo.h"

#include <fstream>
#include <sstream>

namespace tb::engine {

namespace {

/// The value of the first `key` line of /proc/cpuinfo; empty when there is none.
std::string cpuInfoField(const std::string& key) {
    std::ifstream in("/proc/cpuinfo");
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind(key, 0) == 0) {
            const auto colon = line.find(':');
            if (colon != std::string::npos && colon + 2 <= line.size())
                return line.substr(colon + 2);
        }
    }
    return {};
}

} // namespace

std::string cpuModelName() {
    const std::string name = cpuInfoField("model name");
    return name.empty() ? "CPU" : name;
}

bool cpuHasBFloat16Math() {
    std::istringstream flags(cpuInfoField("flags"));
    std::string flag;
    while (flags >> flag) {
        if (flag == "avx512_bf16" || flag == "amx_bf16")
            return true;
    }
    return false;
}

} // namespace tb::engine
