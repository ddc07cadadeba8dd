#include "ProcessGroupLaunch.h"

#include "engine/devices/DeviceInfo.h"
#include "engine/util/Environment.h"
#include "engine/util/LocalPort.h"

#include <algorithm>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <regex>
#include <stdexcept>
#include <sys/wait.h>
#include <unistd.h>

namespace tb::cli {
namespace {

std::optional<std::string> environment(const char* name) {
    const char* value = std::getenv(name);
    if (value == nullptr || *value == '\0')
        return std::nullopt;
    return std::string(value);
}

int numberFromEnvironment(const char* name, int fallback, int min, int max) {
    const std::optional<std::string> text = environment(name);
    if (!text)
        return fallback;
    char* end = nullptr;
    const long value = std::strtol(text->c_str(), &end, 10);
    if (*end != '\0' || value < min || value > max)
        throw std::invalid_argument(std::string(name) + "=" + *text + " is not a number from " +
                                    std::to_string(min) + " to " + std::to_string(max));
    return static_cast<int>(value);
}

int exitCodeOf(int status) {
    if (WIFEXITED(status))
        return WEXITSTATUS(status);
    return 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
}

} // namespace

std::optional<GroupRole> roleFromEnvironment() {
    const int worldSize = numberFromEnvironment("WORLD_SIZE", 1, 1, 1024);
    if (worldSize == 1)
        return std::nullopt;
    GroupRole role;
    role.worldSize = worldSize;
    role.rank = numberFromEnvironment("RANK", -1, 0, worldSize - 1);
    if (role.rank < 0)
        throw std::invalid_argument("WORLD_SIZE=" + std::to_string(worldSize) +
                                    " is set but RANK is not: set both, or neither");
    role.localRank = numberFromEnvironment("LOCAL_RANK", role.rank, 0, worldSize - 1);
    role.localWorldSize = numberFromEnvironment("LOCAL_WORLD_SIZE", worldSize, 1, worldSize);
    role.masterAddr = environment("MASTER_ADDR").value_or(role.masterAddr);
    role.masterPort = numberFromEnvironment("MASTER_PORT", role.masterPort, 1, 65535);
    role.storeServedByAgent =
        environment("TORCHELASTIC_USE_AGENT_STORE").value_or("") == std::string("True");
    return role;
}

std::string deviceForRole(const std::string& device, int localRank) {
    static const std::regex accelerator{R"((cuda|npu)(?::([0-9]+))?)"};
    std::smatch match;
    if (localRank == 0 || !std::regex_match(device, match, accelerator))
        return device;
    const int first = match[2].matched ? std::stoi(match[2].str()) : 0;
    return match[1].str() + ":" + std::to_string(first + localRank);
}

GroupRole launcherRole(int processes) {
    GroupRole role;
    role.worldSize = processes;
    role.localWorldSize = processes;
    role.masterPort = tb::engine::freeLocalPort();
    return role;
}

void fitToRole(tb::engine::Config& config, const GroupRole& role) {
    config.set("dist.world_size", std::int64_t{role.worldSize});
    config.set("dist.master_addr", role.masterAddr);
    config.set("dist.master_port", std::int64_t{role.masterPort});
    config.set("device", deviceForRole(config.getString("device"), role.localRank));
    // `threads: 0` means every core; the processes on a machine share them, or each would start
    // a thread per core and they would all wait on each other.
    if (config.getInt("threads") == 0)
        config.set("threads",
                   std::int64_t{std::max(1, tb::engine::hardwareThreads() / role.localWorldSize)});
}

std::string unusableGroupDevice(const tb::engine::Config& config, const GroupRole& role) {
    const std::string device = config.getString("device");
    for (int rank = 0; rank < role.worldSize; ++rank) {
        const std::string id = deviceForRole(device, rank);
        std::string reason;
        if (!tb::engine::deviceUsable(id, reason))
            return "device: process " + std::to_string(rank) + " would train on " + id +
                   ", which cannot be used: " + reason +
                   (rank == 0 ? "; pick another device (trainbench-cli devices lists them)"
                              : "; each process needs its own device, counted from process "
                                "0's: start fewer processes, or give process 0 a lower one");
    }
    return {};
}

std::vector<Worker> startWorkers(const GroupRole& role, const std::vector<std::string>& arguments) {
    std::vector<std::string> argvText{"trainbench-cli"}; // what ps shows; execv runs our file
    argvText.insert(argvText.end(), arguments.begin(), arguments.end());
    std::vector<Worker> workers;
    for (int rank = 1; rank < role.worldSize; ++rank) {
        // Everything the child needs is built before fork(): it only sets its environment
        // and execs.
        const std::vector<std::string> variables{"RANK=" + std::to_string(rank),
                                                 "LOCAL_RANK=" + std::to_string(rank),
                                                 "WORLD_SIZE=" + std::to_string(role.worldSize),
                                                 "LOCAL_WORLD_SIZE=" +
                                                     std::to_string(role.worldSize),
                                                 "MASTER_ADDR=" + role.masterAddr,
                                                 "MASTER_PORT=" + std::to_string(role.masterPort)};
        std::vector<char*> argv;
        for (const std::string& a : argvText)
            argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
        const pid_t pid = ::fork();
        if (pid < 0) {
            const std::string reason = std::strerror(errno);
            for (Worker& started : workers) {
                ::kill(started.pid, SIGKILL);
                waitForExit(started);
            }
            throw std::runtime_error("cannot start process " + std::to_string(rank) + ": " +
                                     reason);
        }
        if (pid == 0) {
            for (const std::string& v : variables)
                ::putenv(const_cast<char*>(v.c_str()));
            ::execv("/proc/self/exe", argv.data());
            ::_exit(127);
        }
        workers.push_back({rank, pid, std::nullopt});
    }
    return workers;
}

void checkExit(Worker& worker) {
    int status = 0;
    if (!worker.exitCode && ::waitpid(worker.pid, &status, WNOHANG) == worker.pid)
        worker.exitCode = exitCodeOf(status);
}

int waitForExit(Worker& worker) {
    int status = 0;
    while (!worker.exitCode) {
        if (::waitpid(worker.pid, &status, 0) == worker.pid)
            worker.exitCode = exitCodeOf(status);
        else if (errno != EINTR)
            worker.exitCode = 0; // not our child any more: nothing to report
    }
    return *worker.exitCode;
}

} // namespace tb::cli
