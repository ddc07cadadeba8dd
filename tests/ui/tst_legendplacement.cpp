// A chart's legend sits in the corner where it hides the least of the curves, and stays put
// while no other corner hides less.

// qcustomplot.h spells Qt's plain keywords (`signals`), which the tests' QT_NO_KEYWORDS turns
// off for LibTorch's sake; this test includes no LibTorch header.
#undef QT_NO_KEYWORDS
#include "ui/charts/LegendPlacement.h"

#include <QTest>
#include <cmath>
#include <qcustomplot.h>

using namespace tb::ui;

namespace {

const Qt::Alignment kTopRight = Qt::AlignTop | Qt::AlignRight;
const Qt::Alignment kTopLeft = Qt::AlignTop | Qt::AlignLeft;
const Qt::Alignment kBottomRight = Qt::AlignBottom | Qt::AlignRight;
const Qt::Alignment kBottomLeft = Qt::AlignBottom | Qt::AlignLeft;

const QRectF kArea(0, 0, 400, 200); // y grows downwards, as on screen
const QSizeF kLegend(100, 40);

using Lines = std::vector<std::vector<QPointF>>;

} // namespace

class TestLegendPlacement : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void aCornerTheCurvesMissIsChosen_data();
    void aCornerTheCurvesMissIsChosen();
    void aSegmentCrossingTheBoxWithNoPointInItCounts();
    void onePointLinesCountWhereTheBoxHoldsThem();
    void theCurrentCornerStaysUnlessAnotherHidesHalfAsMuch();
    void aPlotMovesItsLegendOffALossCurve();
};

void TestLegendPlacement::aCornerTheCurvesMissIsChosen_data() {
    QTest::addColumn<Lines>("lines");
    QTest::addColumn<Qt::Alignment>("expected");

    // A loss falling from the top left to the bottom right leaves the top right free.
    QTest::newRow("falling loss") << Lines{{{0, 0}, {100, 150}, {400, 195}}} << kTopRight;
    // A validation loss that rises at the end runs through the top right.
    QTest::newRow("rising at the end") << Lines{{{0, 150}, {200, 120}, {400, 5}}} << kTopLeft;
    // An accuracy climbing to the top: both top corners are taken.
    QTest::newRow("accuracy") << Lines{{{0, 190}, {50, 20}, {400, 5}}} << kBottomRight;
    QTest::newRow("no curves") << Lines{} << kTopRight;
}

void TestLegendPlacement::aCornerTheCurvesMissIsChosen() {
    QFETCH(Lines, lines);
    QFETCH(Qt::Alignment, expected);
    QCOMPARE(leastCoveredCorner(kArea, kLegend, lines, kTopRight), expected);
}

void TestLegendPlacement::aSegmentCrossingTheBoxWithNoPointInItCounts() {
    // Two validation points either side of the top right box, the line between them through it.
    const Lines lines{{{250, 20}, {400, 60}}};
    QVERIFY(!QRectF(300, 0, 100, 40).contains(lines[0][0]));
    QVERIFY(!QRectF(300, 0, 100, 40).contains(lines[0][1]));
    QCOMPARE(leastCoveredCorner(kArea, kLegend, lines, kTopRight), kTopLeft);
}

void TestLegendPlacement::onePointLinesCountWhereTheBoxHoldsThem() {
    const Lines points{{{390, 10}}, {{350, 30}}, {{10, 10}}};
    QCOMPARE(leastCoveredCorner(kArea, kLegend, points, kTopRight), kBottomRight);
}

void TestLegendPlacement::theCurrentCornerStaysUnlessAnotherHidesHalfAsMuch() {
    // A flat line through the middle touches no corner: whatever corner the legend is in stays.
    const Lines middle{{{0, 100}, {400, 100}}};
    for (const Qt::Alignment corner : {kTopRight, kTopLeft, kBottomRight, kBottomLeft})
        QCOMPARE(leastCoveredCorner(kArea, kLegend, middle, corner), corner);
    // Every corner covered once: the legend does not hop.
    const Lines diagonals{{{0, 0}, {400, 200}}, {{0, 200}, {400, 0}}};
    QCOMPARE(leastCoveredCorner(kArea, kLegend, diagonals, kBottomLeft), kBottomLeft);
    // Three segments in the top right, two in the top left: not worth a move; one is.
    const Lines topRightThree{{{310, 5}, {320, 30}, {330, 5}, {340, 30}}};
    const Lines topLeftTwo{{{10, 5}, {20, 30}, {30, 5}}};
    const Lines topLeftOne{{{10, 5}, {20, 30}}};
    Lines lines = topRightThree;
    lines.insert(lines.end(), topLeftTwo.begin(), topLeftTwo.end());
    const std::vector<QPointF> bottom{{0, 195},   {50, 190},  {100, 195},
                                      {300, 195}, {350, 190}, {400, 195}};
    lines.push_back(bottom); // three segments in each bottom corner
    QCOMPARE(leastCoveredCorner(kArea, kLegend, lines, kTopRight), kTopRight);
    lines = topRightThree;
    lines.insert(lines.end(), topLeftOne.begin(), topLeftOne.end());
    lines.push_back(bottom);
    QCOMPARE(leastCoveredCorner(kArea, kLegend, lines, kTopRight), kTopLeft);
}

void TestLegendPlacement::aPlotMovesItsLegendOffALossCurve() {
    QCustomPlot plot;
    plot.resize(600, 300);
    QCPGraph* loss = plot.addGraph();
    loss->setName(QStringLiteral("val"));
    QVector<double> x;
    QVector<double> y;
    for (int i = 0; i <= 100; ++i) {
        x << i;
        y << (i <= 60 ? 1.0 : 1.0 + 0.1 * (i - 60)); // flat, then diverging
    }
    loss->setData(x, y);
    loss->rescaleAxes();
    plot.legend->setVisible(true);
    plot.axisRect()->insetLayout()->setInsetAlignment(0, kTopRight);
    keepLegendClearOfCurves(plot);
    plot.replot();
    QCOMPARE(plot.axisRect()->insetLayout()->insetAlignment(0), kTopLeft);
    QVERIFY(plot.legend->outerRect().left() < plot.axisRect()->rect().center().x());

    // Drawn again with nothing changed, it stays.
    plot.replot();
    QCOMPARE(plot.axisRect()->insetLayout()->insetAlignment(0), kTopLeft);
}

QTEST_MAIN(TestLegendPlacement)
#include "tst_legendplacement.moc"
