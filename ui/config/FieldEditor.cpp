#include "ui/config/FieldEditor.h"

#include "ui/config/FloatSpinBox.h"
#include "ui/theme/AccentColors.h"
#include "ui/util/Format.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHash>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>
#include <climits>
#include <cmath>
#include <limits>

namespace tb::ui {

using tb::engine::ConfigValue;
using tb::engine::FieldType;

namespace {

constexpr double kIntMin = static_cast<double>(INT_MIN);
constexpr double kIntMax = static_cast<double>(INT_MAX);

double lowerBound(const tb::engine::FieldSpec& spec, double fallback) {
    return spec.minValue ? *spec.minValue : fallback;
}

double upperBound(const tb::engine::FieldSpec& spec, double fallback) {
    return spec.maxValue ? *spec.maxValue : fallback;
}

double numberOf(const ConfigValue& value) {
    if (const auto* i = std::get_if<std::int64_t>(&value))
        return static_cast<double>(*i);
    if (const auto* d = std::get_if<double>(&value))
        return *d;
    return std::numeric_limits<double>::quiet_NaN();
}

QString textOf(const ConfigValue& value) {
    if (const auto* s = std::get_if<std::string>(&value))
        return toQString(*s);
    return toQString(tb::engine::toString(value));
}

/// Directories for keys naming a folder (`data.root`, `*_dir`), files for everything else.
bool isFolderKey(const std::string& key) {
    const QString k = toQString(key);
    return k.endsWith(QLatin1String("root")) || k.endsWith(QLatin1String("dir"));
}

} // namespace

FieldEditor::FieldEditor(const tb::engine::FieldSpec& spec, QWidget* parent)
    : QObject(parent)
    , m_spec(spec)
    , m_container(new QWidget(parent))
    , m_message(new QLabel(m_container)) {
    auto* layout = new QVBoxLayout(m_container);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(createInput());
    m_input->setToolTip(tooltipFor(spec));
    m_input->setObjectName(toQString(spec.key));
    m_message->setWordWrap(true);
    m_message->setVisible(false);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QPalette warning = m_message->palette();
    warning.setColor(QPalette::WindowText, accent::kProblem);
    m_message->setPalette(warning);
    layout->addWidget(m_message);
    showValue(spec.defaultValue);
}

QWidget* FieldEditor::createInput() {
    switch (m_spec.type) {
    case FieldType::Bool: {
        auto* box = new QCheckBox(m_container);
        connect(box, &QCheckBox::toggled, this, [this](bool on) { Q_EMIT edited(on); });
        m_input = box;
        return box;
    }
    case FieldType::Int: {
        auto* spin = new QSpinBox(m_container);
        spin->setRange(static_cast<int>(std::max(kIntMin, lowerBound(m_spec, kIntMin))),
                       static_cast<int>(std::min(kIntMax, upperBound(m_spec, kIntMax))));
        spin->setGroupSeparatorShown(false);
        connect(spin, &QSpinBox::valueChanged, this,
                [this](int v) { Q_EMIT edited(std::int64_t{v}); });
        reportTyping(spin, [](const QString& text, bool& ok) -> ConfigValue {
            return std::int64_t{QLocale().toLongLong(text, &ok)};
        });
        m_input = spin;
        return spin;
    }
    case FieldType::Float: {
        auto* spin = new FloatSpinBox(m_container);
        spin->setRange(lowerBound(m_spec, -1e300), upperBound(m_spec, 1e300));
        connect(spin, &QDoubleSpinBox::valueChanged, this, [this](double v) { Q_EMIT edited(v); });
        reportTyping(spin, [](const QString& text, bool& ok) -> ConfigValue {
            return QLocale().toDouble(text, &ok);
        });
        m_input = spin;
        return spin;
    }
    case FieldType::Enum: {
        auto* combo = new QComboBox(m_container);
        for (const std::string& choice : m_spec.choices)
            combo->addItem(toQString(choice));
        connect(combo, &QComboBox::currentTextChanged, this,
                [this](const QString& text) { Q_EMIT edited(text.toStdString()); });
        m_input = combo;
        return combo;
    }
    case FieldType::String: {
        auto* line = new QLineEdit(m_container);
        connect(line, &QLineEdit::textEdited, this,
                [this](const QString& text) { Q_EMIT edited(text.toStdString()); });
        m_input = line;
        return line;
    }
    case FieldType::Path:
        return createPathInput();
    }
    return nullptr;
}

void FieldEditor::reportTyping(QAbstractSpinBox* spin,
                               const std::function<ConfigValue(const QString&, bool&)>& parse) {
    // A spin box reports only values inside its range; the engine should judge the others
    // too, while they are typed. Its line edit sees every keystroke.
    auto* line = spin->findChild<QLineEdit*>();
    connect(line, &QLineEdit::textEdited, this, [this, parse](const QString& text) {
        bool ok = false;
        const ConfigValue value = parse(text.trimmed(), ok);
        if (ok)
            Q_EMIT edited(value);
    });
    // Leaving the field with an out-of-range number puts the last valid value back.
    connect(spin, &QAbstractSpinBox::editingFinished, this, [this, spin] {
        if (auto* i = qobject_cast<QSpinBox*>(spin))
            Q_EMIT edited(std::int64_t{i->value()});
        else if (auto* d = qobject_cast<QDoubleSpinBox*>(spin))
            Q_EMIT edited(d->value());
    });
}

QWidget* FieldEditor::createPathInput() {
    auto* row = new QWidget(m_container);
    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    auto* line = new QLineEdit(row);
    auto* browseButton = new QToolButton(row);
    browseButton->setText(QStringLiteral("\u2026"));
    browseButton->setToolTip(isFolderKey(m_spec.key) ? tr("Choose a folder") : tr("Choose a file"));
    layout->addWidget(line, 1);
    layout->addWidget(browseButton);
    connect(line, &QLineEdit::textEdited, this,
            [this](const QString& text) { Q_EMIT edited(text.toStdString()); });
    connect(browseButton, &QToolButton::clicked, this, &FieldEditor::browse);
    m_input = line;
    return row;
}

void FieldEditor::browse() {
    auto* line = static_cast<QLineEdit*>(m_input);
    const QString current = line->text();
    const QString chosen =
        isFolderKey(m_spec.key)
            ? QFileDialog::getExistingDirectory(m_container, labelFor(m_spec.key), current)
            : QFileDialog::getOpenFileName(m_container, labelFor(m_spec.key),
                                           QFileInfo(current).absolutePath());
    if (chosen.isEmpty())
        return;
    line->setText(chosen);
    Q_EMIT edited(chosen.toStdString());
}

void FieldEditor::showValue(const ConfigValue& value) {
    const QSignalBlocker blocker(m_input);
    m_input->setEnabled(true);
    m_input->setToolTip(tooltipFor(m_spec));
    if (auto* box = qobject_cast<QCheckBox*>(m_input)) {
        box->setChecked(std::holds_alternative<bool>(value) && std::get<bool>(value));
    } else if (auto* floatSpin = qobject_cast<FloatSpinBox*>(m_input)) {
        const double v = numberOf(value);
        // Widen the range to show an out-of-range value from the YAML view as it is.
        floatSpin->setRange(std::min(lowerBound(m_spec, -1e300), v),
                            std::max(upperBound(m_spec, 1e300), v));
        floatSpin->setValue(v);
    } else if (auto* spin = qobject_cast<QSpinBox*>(m_input)) {
        const double v = numberOf(value);
        if (v < kIntMin || v > kIntMax) {
            spin->setEnabled(false);
            spin->setToolTip(
                tr("%1 does not fit this editor; edit it in the YAML view").arg(textOf(value)));
            return;
        }
        spin->setRange(
            static_cast<int>(std::min(std::max(kIntMin, lowerBound(m_spec, kIntMin)), v)),
            static_cast<int>(std::max(std::min(kIntMax, upperBound(m_spec, kIntMax)), v)));
        spin->setValue(static_cast<int>(v));
    } else if (auto* combo = qobject_cast<QComboBox*>(m_input)) {
        const QString text = textOf(value);
        if (combo->findText(text) < 0)
            combo->addItem(text);
        combo->setCurrentText(text);
    } else if (auto* line = qobject_cast<QLineEdit*>(m_input)) {
        const QString text = textOf(value);
        if (line->text() != text)
            line->setText(text);
    }
}

void FieldEditor::setIssue(const QString& message) {
    const bool invalid = !message.isEmpty();
    m_message->setText(message);
    m_message->setVisible(invalid);
    // A palette with only these roles set: everything else still follows the theme.
    QPalette tinted;
    if (invalid) {
        const bool dark = m_container->palette().color(QPalette::Window).lightness() < 128;
        const QColor tint = dark ? QColor(0x5a, 0x26, 0x24) : QColor(0xfd, 0xe4, 0xe2);
        tinted.setColor(QPalette::Base, tint);
        tinted.setColor(QPalette::Button, tint);
    }
    m_input->setPalette(tinted);
    m_input->setProperty("invalid", invalid);
}

bool FieldEditor::hasIssue() const {
    return m_message->isVisibleTo(m_container);
}

QString FieldEditor::labelFor(const std::string& key) {
    QString label = toQString(key);
    const auto dot = label.indexOf(QLatin1Char('.'));
    if (dot >= 0)
        label = label.mid(dot + 1);
    label.replace(QLatin1Char('.'), QLatin1Char(' ')).replace(QLatin1Char('_'), QLatin1Char(' '));
    // Words whose spelling a capitalised key cannot give.
    static const QHash<QString, const char*> kSpelled{
        {QStringLiteral("lr"), QT_TR_NOOP("Learning rate")},
        {QStringLiteral("rate hz"), QT_TR_NOOP("Readings per second")},
        {QStringLiteral("cudnn benchmark"), QT_TR_NOOP("cuDNN benchmark")},
        {QStringLiteral("tf32"), QT_TR_NOOP("TF32")},
        {QStringLiteral("amp"), QT_TR_NOOP("Mixed precision")},
        {QStringLiteral("world size"), QT_TR_NOOP("Processes")},
        {QStringLiteral("master addr"), QT_TR_NOOP("Process 0 address")},
        {QStringLiteral("master port"), QT_TR_NOOP("Process 0 port")},
        {QStringLiteral("timeout s"), QT_TR_NOOP("Timeout (s)")},
    };
    if (const auto it = kSpelled.constFind(label); it != kSpelled.constEnd())
        return tr(it.value());
    if (!label.isEmpty())
        label[0] = label[0].toUpper();
    return label;
}

QString FieldEditor::tooltipFor(const tb::engine::FieldSpec& spec) {
    QString tip = QStringLiteral("<p>%1</p><p><code>%2</code>, default <code>%3</code>")
                      .arg(toQString(spec.helpText).toHtmlEscaped(), toQString(spec.key),
                           textOf(spec.defaultValue).toHtmlEscaped());
    if (spec.minValue || spec.maxValue) {
        const QString lo =
            spec.minValue ? QString::number(*spec.minValue) : QStringLiteral("-\u221e");
        const QString hi =
            spec.maxValue ? QString::number(*spec.maxValue) : QStringLiteral("\u221e");
        tip += tr(", range %1 \u2026 %2").arg(lo, hi);
    }
    return tip + QStringLiteral("</p>");
}

} // namespace tb::ui
