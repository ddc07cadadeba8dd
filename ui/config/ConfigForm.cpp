#include "ui/config/ConfigForm.h"

#include "engine/config/Schema.h"
#include "ui/config/ConfigDocument.h"
#include "ui/config/FieldEditor.h"
#include "ui/util/Format.h"

#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QScrollArea>
#include <QScrollBar>
#include <QVBoxLayout>

namespace tb::ui {

namespace {

std::string sectionOf(const std::string& key) {
    const auto dot = key.find('.');
    return dot == std::string::npos ? std::string() : key.substr(0, dot);
}

} // namespace

ConfigForm::ConfigForm(ConfigDocument& document, QWidget* parent)
    : QWidget(parent)
    , m_document(document)
    , m_layout(new QVBoxLayout(this)) {
    m_layout->setContentsMargins(0, 0, 0, 0);
    connect(&m_document, &ConfigDocument::changed, this, &ConfigForm::syncFromDocument);
    connect(&m_document, &ConfigDocument::issuesChanged, this, &ConfigForm::showIssues);
    rebuild();
}

FieldEditor* ConfigForm::editor(const std::string& key) const {
    const auto it = m_editors.find(key);
    return it == m_editors.end() ? nullptr : it->second;
}

bool ConfigForm::focusField(const std::string& key) {
    FieldEditor* fieldEditor = editor(key);
    auto* scroll = m_body ? m_body->findChild<QScrollArea*>() : nullptr;
    if (!fieldEditor || !scroll)
        return false;
    scroll->ensureWidgetVisible(fieldEditor->widget());
    fieldEditor->input()->setFocus(Qt::OtherFocusReason);
    return true;
}

void ConfigForm::syncFromDocument(QObject* source) {
    const auto active = m_document.config().schema().activeFields(m_document.config());
    if (active != m_activeFields) {
        // An edit in this form (a new model family) must not delete the widget that is
        // still emitting it.
        if (source == this)
            QMetaObject::invokeMethod(this, &ConfigForm::rebuild, Qt::QueuedConnection);
        else
            rebuild();
        return;
    }
    if (source == this)
        return;
    for (auto& [key, editor] : m_editors)
        editor->showValue(m_document.config().value(key));
}

void ConfigForm::rebuild() {
    const tb::engine::Config& config = m_document.config();
    m_activeFields = config.schema().activeFields(config);
    auto* scroll = m_body ? m_body->findChild<QScrollArea*>() : nullptr;
    const int scrollY = scroll ? scroll->verticalScrollBar()->value() : 0;
    delete m_body;
    m_editors.clear();

    m_body = new QWidget(this);
    auto* bodyLayout = new QVBoxLayout(m_body);
    bodyLayout->setContentsMargins(0, 0, 0, 0);
    scroll = new QScrollArea(m_body);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto* sections = new QWidget(scroll);
    auto* sectionsLayout = new QVBoxLayout(sections);
    sectionsLayout->setContentsMargins(4, 4, 4, 4);

    std::vector<std::string> order;
    std::map<std::string, std::vector<const tb::engine::FieldSpec*>> bySection;
    for (const tb::engine::FieldSpec* field : m_activeFields) {
        const std::string section = sectionOf(field->key);
        if (!bySection.count(section))
            order.push_back(section);
        bySection[section].push_back(field);
    }
    for (const std::string& section : order)
        sectionsLayout->addWidget(createSection(sectionTitle(section), bySection[section]));
    sectionsLayout->addStretch(1);
    alignLabels(sections);
    scroll->setWidget(sections);
    bodyLayout->addWidget(scroll);
    m_layout->addWidget(m_body);
    scroll->verticalScrollBar()->setValue(scrollY);
    showIssues();
}

QWidget* ConfigForm::createSection(const QString& title,
                                   const std::vector<const tb::engine::FieldSpec*>& fields) {
    auto* box = new QGroupBox(title);
    auto* form = new QFormLayout(box);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setLabelAlignment(Qt::AlignRight);
    for (const tb::engine::FieldSpec* field : fields) {
        auto* editor = new FieldEditor(*field, box);
        editor->showValue(m_document.config().value(field->key));
        const std::string key = field->key;
        connect(editor, &FieldEditor::edited, this,
                [this, key](const tb::engine::ConfigValue& value) {
                    m_document.setValue(key, value, this);
                });
        auto* label = new QLabel(FieldEditor::labelFor(field->key), box);
        label->setObjectName(QStringLiteral("fieldLabel"));
        label->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
        label->setToolTip(FieldEditor::tooltipFor(*field));
        label->setBuddy(editor->input());
        form->addRow(label, editor->widget());
        m_editors[key] = editor;
    }
    return box;
}

void ConfigForm::alignLabels(QWidget* sections) {
    // Each section has its own form layout; one label width lines their fields up.
    int widest = 0;
    const auto labels = sections->findChildren<QLabel*>(QStringLiteral("fieldLabel"));
    for (const QLabel* label : labels)
        widest = std::max(widest, label->sizeHint().width());
    for (QLabel* label : labels)
        label->setMinimumWidth(widest);
}

void ConfigForm::showIssues() {
    for (auto& [key, editor] : m_editors)
        editor->setIssue(m_document.issueFor(key));
}

QString ConfigForm::sectionTitle(const std::string& section) {
    if (section.empty())
        return tr("Run");
    if (section == "data")
        return tr("Data");
    if (section == "model")
        return tr("Model");
    if (section == "optim")
        return tr("Optimizer");
    if (section == "schedule")
        return tr("Learning-rate schedule");
    if (section == "train")
        return tr("Training");
    if (section == "cuda")
        return tr("CUDA");
    if (section == "dist")
        return tr("Data-parallel processes");
    QString title = toQString(section);
    title[0] = title[0].toUpper();
    return title;
}

} // namespace tb::ui
