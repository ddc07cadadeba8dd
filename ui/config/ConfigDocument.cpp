#include "ui/config/ConfigDocument.h"

#include "engine/config/Schema.h"
#include "engine/training/ExperimentSchema.h"
#include "engine/util/BinaryContent.h"
#include "ui/config/Presets.h"
#include "ui/util/Format.h"

#include <QFile>
#include <QFileInfo>
#include <algorithm>

namespace tb::ui {

using tb::engine::ConfigIssues;

ConfigDocument::ConfigDocument(QObject* parent)
    : QObject(parent)
    , m_config(tb::engine::experimentSchema()) {
    m_validationIssues = tb::engine::validateConfig(m_config);
}

void ConfigDocument::setConfig(const tb::engine::Config& config, QObject* source) {
    m_config = config;
    commit(source);
}

void ConfigDocument::setValue(const std::string& key, const tb::engine::ConfigValue& value,
                              QObject* source) {
    m_config.set(key, value);
    if (key == tb::engine::Schema::kModelKey || key == tb::engine::Schema::kDataKindKey)
        dropInactiveValues();
    commit(source);
}

void ConfigDocument::dropInactiveValues() {
    // Values of the previous model family would be errors that the form no longer shows.
    for (const std::string& key : m_config.inactiveKeys())
        m_config.unset(key);
}

void ConfigDocument::commit(QObject* source) {
    m_parseIssues.clear();
    m_startIssues.clear();
    m_validationIssues = tb::engine::validateConfig(m_config);
    Q_EMIT changed(source);
    Q_EMIT issuesChanged();
}

bool ConfigDocument::applyYaml(const QString& yamlText, QObject* source) {
    tb::engine::ConfigParseResult parsed =
        tb::engine::parseConfigYaml(yamlText.toStdString(), tb::engine::experimentSchema());
    if (!parsed.issues.empty()) {
        reportParseIssues(std::move(parsed.issues));
        return false;
    }
    setConfig(parsed.config, source);
    return true;
}

bool ConfigDocument::loadYaml(const QString& yamlText) {
    // A run's config has no folder of its own: its paths were made absolute when it ran.
    const std::string text = yamlText.toStdString();
    return loadParsed(tb::engine::parseConfigYaml(text, tb::engine::experimentSchema()), text);
}

bool ConfigDocument::loadParsed(tb::engine::ConfigParseResult parsed, const std::string& text) {
    if (parsed.issues.empty()) {
        setConfig(parsed.config);
        return true;
    }
    // A problem of the whole text (its syntax) leaves no field read; otherwise the fields that
    // were read are worth more than the last config, and the problems name the others.
    const bool fieldsRead =
        std::none_of(parsed.issues.begin(), parsed.issues.end(),
                     [](const tb::engine::ConfigIssue& issue) { return issue.field.empty(); });
    if (fieldsRead)
        setConfig(parsed.config);
    reportParseIssues(std::move(parsed.issues));
    if (tb::engine::binaryContentKind(text).empty())
        Q_EMIT textToFix(QString::fromStdString(text));
    return false;
}

void ConfigDocument::reportParseIssues(ConfigIssues issues) {
    m_parseIssues = std::move(issues);
    Q_EMIT issuesChanged();
}

bool ConfigDocument::loadFile(const QString& path) {
    const QFileInfo info(path);
    return readFile(path, info.isNativePath() ? info.absolutePath() : QString());
}

bool ConfigDocument::loadPreset(const QString& name) {
    const QString path = presetPath(name);
    if (path.isEmpty()) {
        reportParseIssues({{"", "there is no built-in preset named '" + name.toStdString() +
                                    "'; pick one from the preset list"}});
        return false;
    }
    return readFile(path, presetFolder(name));
}

bool ConfigDocument::readFile(const QString& path, const QString& baseFolder) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        reportParseIssues(
            {{"", "cannot read " + path.toStdString() + ": " + file.errorString().toStdString() +
                      "; check the path and its permissions"}});
        return false;
    }
    const std::string text = file.readAll().toStdString();
    tb::engine::ConfigParseResult parsed =
        tb::engine::parseConfigYaml(text, tb::engine::experimentSchema());
    // "YAML syntax error at line 4" says which line, not which file.
    for (tb::engine::ConfigIssue& issue : parsed.issues) {
        if (issue.field.empty())
            issue.message = QFileInfo(path).fileName().toStdString() + ": " + issue.message;
    }
    tb::engine::resolveRelativePaths(parsed.config, baseFolder.toStdString());
    const bool whole = loadParsed(std::move(parsed), text);
    setOrigin(QFileInfo(path).completeBaseName());
    return whole;
}

bool ConfigDocument::saveFile(const QString& path, QString& error) const {
    std::string message;
    if (tb::engine::saveConfigFile(m_config, path.toStdString(), message))
        return true;
    error = toQString(message);
    return false;
}

QString ConfigDocument::toYaml() const {
    return toQString(tb::engine::toYaml(m_config));
}

void ConfigDocument::setOrigin(const QString& origin) {
    if (origin == m_origin)
        return;
    m_origin = origin;
    Q_EMIT originChanged(origin);
}

void ConfigDocument::setStartIssues(const ConfigIssues& issues) {
    m_startIssues = issues;
    Q_EMIT issuesChanged();
}

ConfigIssues ConfigDocument::issues() const {
    ConfigIssues all = m_parseIssues;
    all.insert(all.end(), m_validationIssues.begin(), m_validationIssues.end());
    all.insert(all.end(), m_startIssues.begin(), m_startIssues.end());
    return all;
}

QString ConfigDocument::issueFor(const std::string& key) const {
    QStringList messages;
    for (const tb::engine::ConfigIssue& issue : issues()) {
        if (issue.field == key)
            messages << toQString(issue.message);
    }
    return messages.join(QLatin1Char('\n'));
}

QString ConfigDocument::issuesText() const {
    return toQString(tb::engine::formatIssues(issues())).trimmed();
}

} // namespace tb::ui
