#include "ui/config/YamlEditor.h"

#include "ui/config/ConfigDocument.h"
#include "ui/config/YamlHighlighter.h"

#include <QFontDatabase>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QVBoxLayout>

namespace tb::ui {

YamlEditor::YamlEditor(ConfigDocument& document, QWidget* parent)
    : QWidget(parent)
    , m_document(document)
    , m_text(new QPlainTextEdit(this)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_text);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_text->setTabChangesFocus(false);
    m_text->setObjectName(QStringLiteral("yamlText"));
    new YamlHighlighter(m_text->document());

    m_applyTimer.setSingleShot(true);
    m_applyTimer.setInterval(kApplyDelayMs);
    connect(&m_applyTimer, &QTimer::timeout, this, &YamlEditor::applyNow);
    connect(m_text, &QPlainTextEdit::textChanged, this, [this] {
        if (!m_replacing)
            m_applyTimer.start();
    });
    connect(&m_document, &ConfigDocument::changed, this, &YamlEditor::showDocument);
    connect(&m_document, &ConfigDocument::textToFix, this, &YamlEditor::showText);
    showDocument(nullptr);
}

void YamlEditor::applyNow() {
    m_applyTimer.stop();
    m_document.applyYaml(m_text->toPlainText(), this);
}

void YamlEditor::showDocument(QObject* source) {
    if (source != this)
        showText(m_document.toYaml());
}

void YamlEditor::showText(const QString& yaml) {
    m_applyTimer.stop();
    if (yaml == m_text->toPlainText())
        return;
    const int cursor = m_text->textCursor().position();
    const int scroll = m_text->verticalScrollBar()->value();
    m_replacing = true;
    m_text->setPlainText(yaml);
    m_replacing = false;
    QTextCursor restored = m_text->textCursor();
    restored.setPosition(std::min(cursor, static_cast<int>(yaml.size())));
    m_text->setTextCursor(restored);
    m_text->verticalScrollBar()->setValue(scroll);
}

} // namespace tb::ui
