#include "ui/config/FloatSpinBox.h"

#include <QLocale>
#include <QRegularExpression>
#include <cmath>

namespace tb::ui {

FloatSpinBox::FloatSpinBox(QWidget* parent)
    : QDoubleSpinBox(parent) {
    // Rounding happens at this many decimals; 1e-12 learning rates must survive it.
    setDecimals(15);
    setKeyboardTracking(true);
}

QString FloatSpinBox::textFromValue(double value) const {
    return QLocale().toString(value, 'g', 6).remove(QLocale().groupSeparator());
}

double FloatSpinBox::valueFromText(const QString& text) const {
    return QLocale().toDouble(text.trimmed());
}

QValidator::State FloatSpinBox::validate(QString& text, int& /*pos*/) const {
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return QValidator::Intermediate;
    bool ok = false;
    const double value = QLocale().toDouble(trimmed, &ok);
    if (!ok || !std::isfinite(value)) {
        // Half-typed numbers: "-", "1e", "1e-", "0."
        static const QRegularExpression partial(
            QStringLiteral(R"(^[-+]?\d*[.,]?\d*([eE][-+]?\d*)?$)"));
        return partial.match(trimmed).hasMatch() ? QValidator::Intermediate : QValidator::Invalid;
    }
    return value >= minimum() && value <= maximum() ? QValidator::Acceptable
                                                    : QValidator::Intermediate;
}

void FloatSpinBox::stepBy(int steps) {
    const double current = value();
    const double magnitude = current != 0.0 ? std::floor(std::log10(std::abs(current))) : -3.0;
    setValue(current + steps * std::pow(10.0, magnitude - 1));
}

} // namespace tb::ui
