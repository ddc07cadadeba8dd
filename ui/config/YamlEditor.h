// The config as YAML text, kept in step with the form.
#pragma once

#include <QTimer>
#include <QWidget>

class QPlainTextEdit;

namespace tb::ui {

class ConfigDocument;

/// A YAML editor on the shared ConfigDocument. Typing is applied kApplyDelayMs after the
/// last keystroke: a parsable text updates the config (and so the form); an unparsable one
/// leaves the config alone and the document reports the engine's parse messages. Changes
/// made elsewhere replace the text, keeping the cursor and scroll position; a loaded config
/// that could not be read whole shows as written (ConfigDocument::textToFix).
class YamlEditor : public QWidget {
    Q_OBJECT
public:
    static constexpr int kApplyDelayMs = 300;

    explicit YamlEditor(ConfigDocument& document, QWidget* parent = nullptr);

    QPlainTextEdit* textEdit() const { return m_text; }
    /// Applies pending typing now.
    void applyNow();

private:
    void showDocument(QObject* source);
    void showText(const QString& yamlText);

    ConfigDocument& m_document;
    QPlainTextEdit* m_text;
    QTimer m_applyTimer;
    bool m_replacing = false;
};

} // namespace tb::ui
