#include "Commands.h"
#include "ConfigSource.h"
#include "ExitCodes.h"
#include "engine/training/RunController.h"

#include <iostream>

namespace tb::cli {
using namespace tb::engine;

namespace {

int validate(const ConfigRequest& request, bool checkData) {
    LoadedConfig loaded = loadConfig(request);
    if (loaded.issues.empty() && checkData)
        loaded.issues = preflightConfig(*loaded.config);
    if (!loaded.issues.empty()) {
        std::cerr << loaded.path << ": " << loaded.issues.size() << " problem"
                  << (loaded.issues.size() == 1 ? "" : "s") << "\n"
                  << formatIssues(loaded.issues);
        return kInvalidInput;
    }
    std::cout << loaded.path << ": valid\n";
    return kSuccess;
}

} // namespace

void addValidateCommand(CLI::App& app, int& exitCode) {
    auto request = std::make_shared<ConfigRequest>();
    auto checkData = std::make_shared<bool>(true);
    CLI::App* cmd = app.add_subcommand("validate", "Check a config and list every problem");
    cmd->add_option("config", request->source, "Config file or preset name")->required();
    cmd->add_option("--set", request->overrides, "Override a field: key=value (repeatable)");
    cmd->add_option("--device", request->device, "cpu, cuda:N or npu:N");
    cmd->add_flag("!--no-data-check", *checkData,
                  "Skip the checks of the dataset folder and the device");
    cmd->callback([request, checkData, &exitCode] { exitCode = validate(*request, *checkData); });
}

} // namespace tb::cli
