#include "ui/config/ConfigEditor.h"

#include "ui/config/ConfigDocument.h"
#include "ui/config/ConfigForm.h"
#include "ui/config/Presets.h"
#include "ui/config/YamlEditor.h"
#include "ui/theme/GlyphIcons.h"
#include "ui/util/Format.h"

#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QRegularExpression>
#include <QSignalBlocker>
#include <QTabWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace tb::ui {

namespace {

constexpr qsizetype kMaxListedIssues = 6;
const char* const kYamlFilter = QT_TRANSLATE_NOOP("ConfigEditor", "YAML configs (*.yaml *.yml)");

} // namespace

ConfigEditor::ConfigEditor(ConfigDocument& document, QWidget* parent)
    : QWidget(parent)
    , m_document(document)
    , m_tabs(new QTabWidget(this))
    , m_form(new ConfigForm(document, this))
    , m_yaml(new YamlEditor(document, this))
    , m_issues(new QLabel(this)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(createPresetBar());
    m_tabs->addTab(m_form, tr("Form"));
    m_tabs->addTab(m_yaml, tr("YAML"));
    m_tabs->setDocumentMode(true);
    layout->addWidget(m_tabs, 1);

    m_issues->setWordWrap(true);
    m_issues->setTextFormat(Qt::RichText);
    m_issues->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_issues->setObjectName(QStringLiteral("configIssues"));
    m_issues->setAutoFillBackground(true);
    m_issues->setMargin(6);
    layout->addWidget(m_issues);

    connect(m_issues, &QLabel::linkActivated, this, [this](const QString& field) {
        m_tabs->setCurrentWidget(m_form);
        m_form->focusField(field.toStdString());
    });
    connect(&m_document, &ConfigDocument::issuesChanged, this, &ConfigEditor::showIssues);
    connect(&m_document, &ConfigDocument::originChanged, this, &ConfigEditor::showOrigin);
    connect(&m_document, &ConfigDocument::textToFix, this,
            [this] { m_tabs->setCurrentWidget(m_yaml); });
    showOrigin(m_document.origin());
    showIssues();
}

QWidget* ConfigEditor::createPresetBar() {
    auto* bar = new QWidget(this);
    auto* row = new QHBoxLayout(bar);
    row->setContentsMargins(0, 0, 0, 0);
    m_presets = new QComboBox(bar);
    m_presets->setObjectName(QStringLiteral("presetCombo"));
    for (const Preset& preset : builtInPresets()) {
        m_presets->addItem(preset.name, preset.name);
        m_presets->setItemData(m_presets->count() - 1, preset.summary, Qt::ToolTipRole);
    }
    m_presets->setToolTip(tr("Start from a preset experiment"));
    m_presets->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    auto* label = new QLabel(tr("&Preset:"), bar);
    label->setBuddy(m_presets);
    row->addWidget(label);
    row->addWidget(m_presets, 1);

    auto* load = new QToolButton(bar);
    load->setIcon(glyphIcon(Glyph::OpenFile));
    load->setToolTip(tr("Load a config from a YAML file (Ctrl+O)"));
    auto* save = new QToolButton(bar);
    save->setIcon(glyphIcon(Glyph::SaveFile));
    save->setToolTip(tr("Save this config as YAML (Ctrl+S)"));
    row->addWidget(load);
    row->addWidget(save);

    connect(m_presets, &QComboBox::activated, this, [this](int index) {
        const QString name = m_presets->itemData(index).toString();
        if (!name.isEmpty())
            loadPreset(name);
    });
    connect(load, &QToolButton::clicked, this, &ConfigEditor::loadFromFileDialog);
    connect(save, &QToolButton::clicked, this, &ConfigEditor::saveToFileDialog);
    return bar;
}

bool ConfigEditor::loadPreset(const QString& name) {
    return m_document.loadPreset(name);
}

void ConfigEditor::cloneRunConfig(qint64 runId, const QString& configYaml) {
    m_document.loadYaml(configYaml);
    m_document.setOrigin(tr("run %1").arg(runId));
}

bool ConfigEditor::startFromRunWeights(qint64 runId, const QString& configYaml) {
    if (!m_document.loadYaml(configYaml))
        return false;
    m_document.setValue("model.init_from", "run:" + std::to_string(runId));
    m_document.setOrigin(tr("from run %1").arg(runId));
    return true;
}

void ConfigEditor::testRunWeights(qint64 runId, const QString& configYaml) {
    if (!startFromRunWeights(runId, configYaml))
        return;
    m_document.setValue("train.epochs", std::int64_t{0});
    // In the runs list it would otherwise pass for a second training of the same config. A
    // test's config already names the run it tested: the new test names this one instead.
    const QString name =
        QString::fromStdString(m_document.config().getString("name"))
            .remove(QRegularExpression(QStringLiteral(" \\(test of run \\d+\\)$")));
    m_document.setValue("name",
                        name.toStdString() + " (test of run " + std::to_string(runId) + ")");
    m_document.setOrigin(tr("test of run %1").arg(runId));
}

void ConfigEditor::loadFromFileDialog() {
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Load config"), QString(), tr(kYamlFilter));
    if (!path.isEmpty())
        m_document.loadFile(path);
}

void ConfigEditor::saveToFileDialog() {
    const QString suggested = m_document.origin().isEmpty() ? QStringLiteral("experiment.yaml")
                                                            : m_document.origin() + ".yaml";
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Save config"), suggested, tr(kYamlFilter));
    if (path.isEmpty())
        return;
    QString error;
    if (!m_document.saveFile(path, error))
        QMessageBox::warning(this, tr("Save config"), error);
    else
        m_document.setOrigin(QFileInfo(path).completeBaseName());
}

void ConfigEditor::showOrigin(const QString& origin) {
    const QSignalBlocker blocker(m_presets);
    const int index = m_presets->findData(origin);
    if (!origin.isEmpty() && index >= 0) {
        m_presets->setCurrentIndex(index);
        // The entry of a file or a run cannot be chosen again: it goes.
        m_presets->removeItem(m_presets->findData(QString()));
        return;
    }
    // A config from a file or a run shows as a non-preset entry, so the combo never claims
    // a preset the config no longer matches; so do the schema's defaults, before anything is
    // loaded.
    const QString text = origin.isEmpty() ? tr("(defaults)") : origin;
    const int custom = m_presets->findData(QString());
    if (custom >= 0)
        m_presets->setItemText(custom, text);
    else
        m_presets->addItem(text, QString());
    m_presets->setCurrentIndex(m_presets->findData(QString()));
}

void ConfigEditor::showIssues() {
    const auto issues = m_document.issues();
    m_issues->setVisible(!issues.empty());
    if (issues.empty())
        return;
    QStringList lines;
    for (const auto& issue : issues) {
        const QString field = QString::fromStdString(issue.field);
        const QString message = QString::fromStdString(issue.message).toHtmlEscaped();
        // A field name links to its editor in the form.
        lines << (field.isEmpty()
                      ? message
                      : QStringLiteral("<a href=\"%1\"><b>%1</b></a>: %2").arg(field, message));
    }
    m_issues->setText(tr("<b>Cannot train yet:</b><br>") +
                      firstLines(lines, kMaxListedIssues + 1).join(QStringLiteral("<br>")));
    const bool dark = palette().color(QPalette::Window).lightness() < 128;
    QPalette tinted;
    tinted.setColor(QPalette::Window, dark ? QColor(0x4a, 0x22, 0x20) : QColor(0xfd, 0xe8, 0xe6));
    m_issues->setPalette(tinted);
}

QSize ConfigEditor::sizeHint() const {
    return {440, 640};
}

} // namespace tb::ui
