// A config file's text: issues, never an exception; a config read without issues writes YAML
// that reads back as the same config (ConfigYaml.h's promise), and validates without throwing.
#include "FuzzInput.h"
#include "engine/config/ConfigYaml.h"
#include "engine/training/ExperimentSchema.h"

using namespace tb::engine;
using tb::fuzz::require;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const ConfigParseResult parsed =
        parseConfigYaml(tb::fuzz::textOf(data, size), experimentSchema());
    validateConfig(parsed.config);
    configHash(parsed.config);
    if (!parsed.issues.empty())
        return 0;

    const std::string yaml = toYaml(parsed.config);
    const ConfigParseResult again = parseConfigYaml(yaml, experimentSchema());
    require(again.issues.empty(), "toYaml() writes a config that reads without issues");
    require(toYaml(again.config) == yaml, "toYaml() reads back as the same config");
    require(configHash(again.config) == configHash(parsed.config),
            "the written config hashes as the one read");
    return 0;
}
