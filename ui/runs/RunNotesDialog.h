// Editing a run's star, tags and notes.
#pragma once

#include <QDialog>

class QCheckBox;
class QLineEdit;
class QPlainTextEdit;

namespace tb::ui {

/// A form for one run's star, comma-separated tags and free-text notes.
class RunNotesDialog : public QDialog {
    Q_OBJECT
public:
    RunNotesDialog(const QString& runTitle, const QString& notes, const QString& tags, bool starred,
                   QWidget* parent = nullptr);

    QString notes() const;
    QString tags() const;
    bool starred() const;

private:
    QCheckBox* m_star;
    QLineEdit* m_tags;
    QPlainTextEdit* m_notes;
};

} // namespace tb::ui
