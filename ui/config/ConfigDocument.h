// The experiment config being edited, shared by the form, the YAML view and the toolbar.
#pragma once

#include "engine/config/Config.h"
#include "engine/config/ConfigIssue.h"
#include "engine/config/ConfigYaml.h"

#include <QObject>
#include <QString>

namespace tb::ui {

/// One Config plus everything wrong with it. Views edit it and listen to changed(); the
/// `source` argument names the view that made a change so it does not echo it back.
/// Problems come from three places, all phrased by the engine: validateConfig() after every
/// change, parseConfigYaml() for YAML that could not be applied, and the engine's start-up
/// checks (missing dataset files) until the next change.
class ConfigDocument : public QObject {
    Q_OBJECT
public:
    explicit ConfigDocument(QObject* parent = nullptr);

    const tb::engine::Config& config() const { return m_config; }
    void setConfig(const tb::engine::Config& config, QObject* source = nullptr);
    /// Sets one field. A new model family or data kind also drops the values of fields
    /// that no longer apply.
    void setValue(const std::string& key, const tb::engine::ConfigValue& value,
                  QObject* source = nullptr);

    /// Parses YAML typed into the config. On success replaces the config and returns true; on
    /// a problem keeps the last good config and reports the problems through issues().
    bool applyYaml(const QString& yamlText, QObject* source = nullptr);
    /// Takes a whole config's YAML from elsewhere (a run's). True when it is read whole; false
    /// with the problems in issues() when it is not: then every field that could be read
    /// replaces the config, and textToFix() hands the text on as written.
    bool loadYaml(const QString& yamlText);
    /// Loads a YAML file as loadYaml() does; false also when it cannot be read. Relative paths
    /// in a file on disk (data.path) start at the file's folder, as the CLI reads them; a
    /// resource (`:/...`) has no folder, so they stay as they are.
    bool loadFile(const QString& path);
    /// Loads the built-in preset `name` (false with an issue when there is none). Its relative
    /// paths start at the preset folder on disk that holds the same file (presetFolder()),
    /// or stay as they are without one.
    bool loadPreset(const QString& name);
    bool saveFile(const QString& path, QString& error) const;
    QString toYaml() const;

    /// Where the config came from: a preset name, a file name or `run 12`.
    QString origin() const { return m_origin; }
    void setOrigin(const QString& origin);

    /// Problems from the engine's start-up checks, shown until the next edit.
    void setStartIssues(const tb::engine::ConfigIssues& issues);

    /// Every current problem: parse, validation and start-up, in that order.
    tb::engine::ConfigIssues issues() const;
    bool isValid() const { return issues().empty(); }
    /// The problems of one field (joined by newlines), empty when it is fine.
    QString issueFor(const std::string& key) const;
    /// `field: message` lines for tooltips and banners.
    QString issuesText() const;

Q_SIGNALS:
    void changed(QObject* source);
    void issuesChanged();
    void originChanged(const QString& origin);
    /// A loaded config that could not be read whole, as written, to be fixed in the YAML view
    /// (not sent for text that is not YAML at all).
    void textToFix(const QString& yamlText);

private:
    bool readFile(const QString& path, const QString& baseFolder);
    bool loadParsed(tb::engine::ConfigParseResult parsed, const std::string& text);
    void reportParseIssues(tb::engine::ConfigIssues issues);
    void commit(QObject* source);
    void dropInactiveValues();

    tb::engine::Config m_config;
    tb::engine::ConfigIssues m_parseIssues;
    tb::engine::ConfigIssues m_validationIssues;
    tb::engine::ConfigIssues m_startIssues;
    QString m_origin;
};

} // namespace tb::ui
