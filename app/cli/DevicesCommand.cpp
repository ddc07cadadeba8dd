#include "Commands.h"
#include "ExitCodes.h"
#include "engine/devices/DeviceInfo.h"

#include <iostream>

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

int listAll() {
    for (const DeviceInfo& d : listDevices()) {
        std::cout << (d.available ? "  " : "x ") << d.id << "\t" << d.name;
        if (d.memoryTotalBytes >= 0)
            std::cout << "\t" << gib(d.memoryFreeBytes) << " free of " << gib(d.memoryTotalBytes);
        if (!d.available)
            std::cout << "\tunavailable: " << d.unavailableReason;
        std::cout << "\n";
    }
    return kSuccess;
}

} // namespace

void addDevicesCommand(CLI::App& app, int& exitCode) {
    CLI::App* cmd = app.add_subcommand("devices", "List the devices this machine can train on");
    cmd->callback([&exitCode] { exitCode = listAll(); });
}

} // namespace tb::cli
