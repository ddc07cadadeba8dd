// Starting the processes of a data-parallel run, and finding this process's place in one.
#pragma once

#include "engine/config/Config.h"

#include <optional>
#include <string>
#include <sys/types.h>
#include <vector>

namespace tb::cli {

/// This process's place in a data-parallel run, as a launcher left it in the environment:
/// `--nproc` and torchrun both set RANK, WORLD_SIZE, LOCAL_RANK, MASTER_ADDR and MASTER_PORT.
struct GroupRole {
    int rank = 0;
    int worldSize = 1;
    int localRank = 0;      ///< the rank among the processes on this machine: picks its GPU or NPU
    int localWorldSize = 1; ///< processes on this machine: they share its cores
    std::string masterAddr = "127.0.0.1";
    int masterPort = 29500;
    bool storeServedByAgent = false; ///< torchrun's TORCHELASTIC_USE_AGENT_STORE
};

/// The role the environment gives; none when WORLD_SIZE is unset or 1. Throws
/// std::invalid_argument naming a variable that is set but not a number in range.
std::optional<GroupRole> roleFromEnvironment();

/// `cuda:K` becomes `cuda:K+localRank` (likewise `npu`): each process on a machine trains on
/// its own accelerator. `cpu` stays.
std::string deviceForRole(const std::string& device, int localRank);

/// The role of the process that starts a group of `processes` on this machine: rank 0, on a
/// free port (two runs at once must not collide).
GroupRole launcherRole(int processes);

/// Puts the config in the role's group (the `dist` fields); each process of a machine trains
/// on its own accelerator and its share of the cores.
void fitToRole(tb::engine::Config& config, const GroupRole& role);

/// Why a process of the group would find no device to train on; empty when each has one.
std::string unusableGroupDevice(const tb::engine::Config& config, const GroupRole& role);

/// A started copy of this program and its rank.
struct Worker {
    int rank = 0;
    pid_t pid = -1;
    std::optional<int> exitCode; ///< once it has ended: 128 + signal when a signal ended it
};

/// Starts ranks 1 .. role.worldSize - 1 of a group on this machine: this program again with
/// `arguments` (everything after the program name) and each rank's environment. Throws
/// std::runtime_error when the system cannot start one, after ending those it started.
std::vector<Worker> startWorkers(const GroupRole& role, const std::vector<std::string>& arguments);

/// Notes the worker's exit code if it has ended; does not wait.
void checkExit(Worker& worker);

/// Waits for the worker to end and returns its exit code.
int waitForExit(Worker& worker);

} // namespace tb::cli
