// The config as a form generated from the engine's schema.
#pragma once

#include <QString>
#include <QWidget>
#include <map>
#include <string>
#include <vector>

class QVBoxLayout;

namespace tb::engine {
struct FieldSpec;
}

namespace tb::ui {

class ConfigDocument;
class FieldEditor;

/// One FieldEditor per field active for the config's model family and data kind, grouped
/// by section (Run, Data, Model, Optimizer, ...). Rebuilt when the set of active fields
/// changes (another `model.name`), refreshed in place otherwise; every field shows the
/// engine's message while it is invalid.
class ConfigForm : public QWidget {
    Q_OBJECT
public:
    explicit ConfigForm(ConfigDocument& document, QWidget* parent = nullptr);

    /// The editor of `key`, or null when the field is not active.
    FieldEditor* editor(const std::string& key) const;
    /// Scrolls to the field `key` and gives it the keyboard focus; false when not shown.
    bool focusField(const std::string& key);

private:
    void rebuild();
    void syncFromDocument(QObject* source);
    void showIssues();
    static void alignLabels(QWidget* sections);
    QWidget* createSection(const QString& title,
                           const std::vector<const tb::engine::FieldSpec*>& fields);
    static QString sectionTitle(const std::string& section);

    ConfigDocument& m_document;
    QWidget* m_body = nullptr;
    QVBoxLayout* m_layout;
    std::map<std::string, FieldEditor*> m_editors;
    std::vector<const tb::engine::FieldSpec*> m_activeFields;
};

} // namespace tb::ui
