// The input widget of one config field, chosen by the field's type.
#pragma once

#include "engine/config/ConfigValue.h"
#include "engine/config/FieldSpec.h"

#include <QObject>
#include <QString>
#include <functional>

class QAbstractSpinBox;
class QLabel;
class QWidget;

namespace tb::ui {

/// Builds the widget a FieldSpec asks for (check box, spin box, combo box, line edit, line
/// edit with a browse button), bounded by the field's range, with its help as tooltip.
/// Reports every edit as a typed value, also while a number is typed out of range, so the
/// engine's validation can mark it at once; shows a value set elsewhere (the YAML view)
/// even when it is out of range.
class FieldEditor : public QObject {
    Q_OBJECT
public:
    FieldEditor(const tb::engine::FieldSpec& spec, QWidget* parent);

    const tb::engine::FieldSpec& spec() const { return m_spec; }
    /// What to put in the form: the input plus its message line.
    QWidget* widget() const { return m_container; }
    /// The input itself (QCheckBox, QSpinBox, FloatSpinBox, QComboBox or QLineEdit).
    QWidget* input() const { return m_input; }
    QLabel* messageLabel() const { return m_message; }

    /// Shows `value` without reporting it back as an edit.
    void showValue(const tb::engine::ConfigValue& value);
    /// Marks the field invalid with the engine's message; an empty message clears it.
    void setIssue(const QString& message);
    bool hasIssue() const;

    /// `Batch size` for `train.batch_size`, `Early stop patience` for
    /// `train.early_stop.patience`: the key without its section, in words.
    static QString labelFor(const std::string& key);
    /// Help, key, default and range: the tooltip of the field's label and input.
    static QString tooltipFor(const tb::engine::FieldSpec& spec);

Q_SIGNALS:
    void edited(const tb::engine::ConfigValue& value);

private:
    QWidget* createInput();
    QWidget* createPathInput();
    void reportTyping(QAbstractSpinBox* spin,
                      const std::function<tb::engine::ConfigValue(const QString&, bool&)>& parse);
    void browse();

    tb::engine::FieldSpec m_spec;
    QWidget* m_container;
    QWidget* m_input = nullptr;
    QLabel* m_message;
};

} // namespace tb::ui
