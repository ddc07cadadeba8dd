// How soon trainbench-cli answers: the commands it runs itself (without LibTorch) against those
// it hands to trainbench-engine, which loads LibTorch first. Median wall time of each command
// over a number of starts, on a workspace of 200 finished runs. Prints figures; never asserts.
#include "engine/store/RunStore.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <filesystem>
#include <spawn.h>
#include <string>
#include <sys/wait.h>
#include <vector>

extern char** environ;

namespace {

using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

/// Runs `args` with its output thrown away; the wall time in ms, or a negative one when it
/// could not start or failed.
double timedRun(const std::vector<std::string>& args) {
    std::vector<char*> argv;
    for (const std::string& arg : args)
        argv.push_back(const_cast<char*>(arg.c_str()));
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    const auto start = Clock::now();
    pid_t pid = 0;
    const int error = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (error != 0)
        return -1.0;
    int status = 0;
    waitpid(pid, &status, 0);
    const double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? ms : -ms;
}

double medianMs(const std::vector<std::string>& args, int starts) {
    std::vector<double> times;
    for (int i = 0; i < starts; ++i) {
        const double ms = timedRun(args);
        if (ms < 0.0)
            return ms;
        times.push_back(ms);
    }
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}

/// `count` finished forecasting runs, seeds of one experiment on `csv`: one cell of the grid.
void storeRuns(const std::string& path, const std::string& csv, int count) {
    tb::engine::RunStore store = tb::engine::RunStore::open(path);
    for (int i = 0; i < count; ++i) {
        tb::engine::RunRecord record;
        record.name = "dlinear-etth1-96";
        record.configYaml = "name: dlinear-etth1-96\nseed: " + std::to_string(i) +
                            "\ndata: {kind: csv, path: " + csv +
                            ", features: M, pred_len: 96}\nmodel: {name: dlinear}\n";
        const std::int64_t id = store.createRun(record);
        store.apply(
            {tb::engine::RunStarted{id, record.name, "cpu", 1, 1, 0.0},
             tb::engine::RunEnded{id,
                                  tb::engine::RunStatus::Finished,
                                  "",
                                  1.0,
                                  {{"val/loss", 0.7}, {"test/mse", 0.4}, {"test/mae", 0.45}}}});
    }
}

} // namespace

int main(int argc, char** argv) {
    const int starts = argc > 1 ? std::max(1, std::atoi(argv[1])) : 20;
    const fs::path folder =
        fs::temp_directory_path() / ("bench_cli_startup-" + std::to_string(::getpid()));
    fs::create_directories(folder);
    const std::string db = (folder / "ws.db").string();
    const std::string csv = (folder / "ETTh1.csv").string();
    std::fclose(std::fopen(csv.c_str(), "w"));
    storeRuns(db, csv, 200);

    const std::string cli = TB_CLI_PROGRAM;
    const std::string engine = TB_ENGINE_PROGRAM;
    struct Row {
        const char* what;
        std::vector<std::string> args;
    };
    const std::vector<Row> rows{
        {"trainbench-cli --version", {cli, "--version"}},
        {"trainbench-cli runs list (200 runs)", {cli, "runs", "list", "--db", db}},
        {"trainbench-cli results (200 runs)", {cli, "results", "--db", db}},
        {"trainbench-cli presets", {cli, "presets"}},
        {"trainbench-cli validate fashion-mnist-mlp (hands over)",
         {cli, "validate", "fashion-mnist-mlp"}},
        {"trainbench-engine --version (LibTorch loaded)", {engine, "--version"}},
        {"trainbench-engine runs list (200 runs)", {engine, "runs", "list", "--db", db}},
    };
    std::printf("bench_cli_startup: median of %d starts each\n", starts);
    for (const Row& row : rows) {
        const double ms = medianMs(row.args, starts);
        if (ms < 0.0)
            std::printf("  %-58s failed (%.0f ms)\n", row.what, -ms);
        else
            std::printf("  %-58s %8.1f ms\n", row.what, ms);
    }
    fs::remove_all(folder);
    return 0;
}
