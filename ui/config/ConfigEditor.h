// The config dock: presets, load/save, the form and the YAML view, and the problems.
#pragma once

#include <QWidget>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QTabWidget;

namespace tb::ui {

class ConfigDocument;
class ConfigForm;
class YamlEditor;

/// Edits the shared ConfigDocument through a generated form and a YAML view (tabs), with a
/// preset picker and file load/save on top and every problem listed underneath.
class ConfigEditor : public QWidget {
    Q_OBJECT
public:
    explicit ConfigEditor(ConfigDocument& document, QWidget* parent = nullptr);

    ConfigForm* form() const { return m_form; }
    YamlEditor* yamlEditor() const { return m_yaml; }
    QLabel* issuesLabel() const { return m_issues; }

    /// Loads a built-in preset by name; false when there is none of that name.
    bool loadPreset(const QString& name);
    /// Replaces the config with a stored run's, e.g. to re-run it with a change.
    void cloneRunConfig(qint64 runId, const QString& configYaml);
    /// The run's config, set to start from its saved weights (model.init_from: run:N); false
    /// when the config cannot be read (the YAML tab then shows why).
    bool startFromRunWeights(qint64 runId, const QString& configYaml);
    /// The run's config, set to test its saved weights without training (train.epochs: 0) and
    /// named as such, for the user to point its data fields at other data.
    void testRunWeights(qint64 runId, const QString& configYaml);

    void loadFromFileDialog();
    void saveToFileDialog();

    QSize sizeHint() const override;

private:
    QWidget* createPresetBar();
    void showIssues();
    void showOrigin(const QString& origin);

    ConfigDocument& m_document;
    QComboBox* m_presets = nullptr;
    QTabWidget* m_tabs;
    ConfigForm* m_form;
    YamlEditor* m_yaml;
    QLabel* m_issues;
};

} // namespace tb::ui
