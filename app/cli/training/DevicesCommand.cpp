#include "Commands.h"
#include "ExitCodes.h"
#include "engine/devices/DeviceInfo.h"

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

namespace tb::cli {
using namespace tb::engine;

namespace {

std::string gib(std::int64_t bytes) {
    if (bytes < 0)
        return "-";
    char text[32];
    std::snprintf(text, sizeof(text), "%.1f GiB", static_cast<double>(bytes) / (1 << 30));
    return text;
}

/// A reason's parts (backends join several with "; "), split outside parentheses only.
std::vector<std::string> reasonParts(const std::string& reason) {
    std::vector<std::string> parts(1);
    int depth = 0;
    for (std::size_t i = 0; i < reason.size(); ++i) {
        const char c = reason[i];
        depth += c == '(' ? 1 : c == ')' ? -1 : 0;
        if (depth == 0 && c == ';' && i + 1 < reason.size() && reason[i + 1] == ' ') {
            parts.emplace_back();
            ++i;
        } else {
            parts.back() += c;
        }
    }
    return parts;
}

/// `memory 70.1 GiB free of 79.6 GiB, utilization 3 %`, or empty when nothing is known.
std::string usageLine(const DeviceInfo& d) {
    std::string line;
    if (d.memoryTotalBytes >= 0)
        line = "memory " + gib(d.memoryFreeBytes) + " free of " + gib(d.memoryTotalBytes);
    if (d.utilizationPct >= 0)
        line += (line.empty() ? "" : ", ") + std::string("utilization ") +
                std::to_string(static_cast<int>(d.utilizationPct + 0.5)) + " %";
    return line;
}

void printDevice(const DeviceInfo& d, std::size_t idWidth) {
    const std::string indent(idWidth + 4, ' ');
    std::cout << (d.available ? "  " : "x ") << d.id << std::string(idWidth - d.id.size() + 2, ' ')
              << d.name << "\n";
    if (const std::string usage = usageLine(d); !usage.empty())
        std::cout << indent << usage << "\n";
    if (!d.driverVersion.empty())
        std::cout << indent << "driver " << d.driverVersion << "\n";
    if (!d.runtimeVersion.empty())
        std::cout << indent << "runtime " << d.runtimeVersion << "\n";
    if (d.available)
        return;
    const std::string label = "unavailable: ";
    const auto parts = reasonParts(d.unavailableReason);
    for (std::size_t i = 0; i < parts.size(); ++i)
        std::cout << indent << (i == 0 ? label : std::string(label.size(), ' ')) << parts[i]
                  << "\n";
}

int listAll() {
    const std::vector<DeviceInfo> devices = listDevices();
    std::size_t idWidth = 0;
    for (const DeviceInfo& d : devices)
        idWidth = std::max(idWidth, d.id.size());
    for (const DeviceInfo& d : devices)
        printDevice(d, idWidth);
    return kSuccess;
}

} // namespace

void addDevicesCommand(CLI::App& app, int& exitCode) {
    CLI::App* cmd = app.add_subcommand(
        "devices", "List the devices this machine can train on, and why the others cannot");
    cmd->callback([&exitCode] { exitCode = listAll(); });
}

} // namespace tb::cli
