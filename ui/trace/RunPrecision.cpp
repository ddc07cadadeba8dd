#include "ui/trace/RunPrecision.h"

#include "engine/config/ConfigYaml.h"
#include "engine/training/ExperimentSchema.h"
#include "ui/util/Format.h"

namespace tb::ui {

QString precisionOf(const tb::engine::Config& config) {
    const std::string amp = config.getString("train.amp");
    return amp == "off" ? QString() : toQString(amp);
}

QString precisionOf(const std::string& configYaml) {
    // A config written by another version may carry fields this schema does not know: the
    // parse reports them and still reads train.amp.
    return precisionOf(
        tb::engine::parseConfigYaml(configYaml, tb::engine::experimentSchema()).config);
}

} // namespace tb::ui
