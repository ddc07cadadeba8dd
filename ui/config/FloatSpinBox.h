// A spin box for floating-point fields whose useful values span many decades.
#pragma once

#include <QDoubleSpinBox>

namespace tb::ui {

/// Shows values compactly (`0.002`, `1e-05`) and accepts scientific notation, where
/// QDoubleSpinBox would show a fixed number of decimals and round 1e-5 to 0. The arrows
/// step by a tenth of the value's decade: 0.002 -> 0.0021.
class FloatSpinBox : public QDoubleSpinBox {
    Q_OBJECT
public:
    explicit FloatSpinBox(QWidget* parent = nullptr);

    QString textFromValue(double value) const override;
    double valueFromText(const QString& text) const override;
    QValidator::State validate(QString& text, int& pos) const override;
    void stepBy(int steps) override;
};

} // namespace tb::ui
