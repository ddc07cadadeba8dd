#include "ui/runs/RunNotesDialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QVBoxLayout>

namespace tb::ui {

RunNotesDialog::RunNotesDialog(const QString& runTitle, const QString& notes, const QString& tags,
                               bool starred, QWidget* parent)
    : QDialog(parent)
    , m_star(new QCheckBox(tr("&Starred"), this))
    , m_tags(new QLineEdit(tags, this))
    , m_notes(new QPlainTextEdit(notes, this)) {
    setWindowTitle(tr("Notes on %1").arg(runTitle));
    m_star->setChecked(starred);
    m_tags->setPlaceholderText(tr("baseline, etth1, lr-sweep"));
    m_tags->setToolTip(tr("Comma-separated; the Runs filter finds runs by their tags"));
    m_notes->setPlaceholderText(tr("What this run tried, what it showed, what to try next"));
    m_notes->setTabChangesFocus(true);

    auto* form = new QFormLayout;
    form->addRow(QString(), m_star);
    form->addRow(tr("&Tags"), m_tags);
    form->addRow(tr("&Notes"), m_notes);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form, 1);
    layout->addWidget(buttons);
    resize(520, 320);
}

QString RunNotesDialog::notes() const {
    return m_notes->toPlainText();
}

QString RunNotesDialog::tags() const {
    return m_tags->text();
}

bool RunNotesDialog::starred() const {
    return m_star->isChecked();
}

} // namespace tb::ui
