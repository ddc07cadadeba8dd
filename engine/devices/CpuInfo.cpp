#include "engine/devices/CpuInfo.h"

#include <fstream>
#include <sstream>

namespace tb::engine {

std::string cpuModelName() {
    std::ifstream in("/proc/cpuinfo");
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("model name", 0) == 0) {
            const auto colon = line.find(':');
            if (colon != std::string::npos && colon + 2 <= line.size())
                return line.substr(colon + 2);
        }
    }
    return "CPU";
}

HostMemory hostMemory() {
    HostMemory memory;
    std::ifstream in("/proc/meminfo");
    std::string key;
    std::int64_t kib = 0;
    std::string unit;
    while (in >> key >> kib >> unit) {
        if (key == "MemTotal:")
            memory.totalBytes = kib * 1024;
        else if (key == "MemAvailable:")
            memory.availableBytes = kib * 1024;
    }
    return memory;
}

} // namespace tb::engine
