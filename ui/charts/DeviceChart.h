// Memory in use and utilization of the training device over the run.
#pragma once

#include "ui/charts/TraceChart.h"

#include <QString>
#include <vector>

namespace tb::ui {

/// Memory used (RAM, VRAM or HBM by backend) and LibTorch's allocated bytes on the left
/// axis, utilization in percent on the right, on the same x axis as the metric charts:
/// sample times are mapped to steps or epochs through the run's step timeline.
class DeviceChart : public TraceChart {
    Q_OBJECT
public:
    explicit DeviceChart(const RunTrace& trace, QWidget* parent = nullptr);

    /// `RAM`, `VRAM` or `HBM` for a device id (`cpu`, `cuda:0`, `npu:0`).
    static QString memoryKind(const QString& deviceId);

protected:
    void collectCurves(std::vector<Curve>& out) override;
    void fitValueAxis(QCPAxis& axis, double lower, double upper) override;
    void restyle() override;

private:
    struct DeviceLines {
        QString device;
        QCPGraph* used = nullptr;
        QCPGraph* allocated = nullptr;
        QCPGraph* utilization = nullptr;
        std::vector<double> x;
        std::vector<double> usedScaled;
        std::vector<double> allocatedScaled;
    };

    DeviceLines& linesFor(const QString& device);
    void styleLines(DeviceLines& lines, std::size_t index);
    double memoryUnitBytes() const;

    std::vector<DeviceLines> m_lines;
};

} // namespace tb::ui
