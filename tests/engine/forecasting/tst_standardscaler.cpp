// The training rows' standardisation, its inverse and its artifact file.
#include "engine/data/csv/StandardScaler.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace tb::engine;

class TestStandardScaler : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void usesThePopulationStandardDeviation() {
        const auto rows =
            torch::tensor({1.0, 10.0, 3.0, 10.0, 5.0, 10.0}, torch::kFloat64).view({3, 2});
        const auto scaler = StandardScaler::fit(rows);
        QCOMPARE(scaler.mean(), (std::vector<double>{3.0, 10.0}));
        // sqrt(((1-3)^2 + 0 + (5-3)^2) / 3); a constant column divides by 1.
        QCOMPARE(scaler.scale()[0], std::sqrt(8.0 / 3.0));
        QCOMPARE(scaler.scale()[1], 1.0);
        const auto scaled = scaler.transform(rows);
        QCOMPARE(scaled[0][0].item<double>(), -2.0 / std::sqrt(8.0 / 3.0));
        QCOMPARE(scaled[1][1].item<double>(), 0.0);
    }

    void inverseUndoesTheTransformInAnyLeadingShape() {
        torch::manual_seed(3);
        const auto rows = torch::randn({50, 3}, torch::kFloat64) * 7 + 2;
        const auto scaler = StandardScaler::fit(rows);
        const auto windows = rows.view({5, 10, 3}).to(torch::kFloat32);
        const auto back = scaler.inverseTransform(scaler.transform(windows));
        QCOMPARE(back.scalar_type(), torch::kFloat32);
        QVERIFY(torch::allclose(back, windows, 1e-5, 1e-5));
    }

    void selectsTheOutputChannels() {
        const auto rows =
            torch::tensor({0.0, 1.0, 2.0, 4.0, 6.0, 9.0}, torch::kFloat64).view({2, 3});
        const auto last = StandardScaler::fit(rows).channels(2, 1);
        QCOMPARE(last.mean(), (std::vector<double>{5.5}));
        QCOMPARE(last.scale(), (std::vector<double>{3.5}));
        QVERIFY_EXCEPTION_THROWN(StandardScaler::fit(rows).channels(2, 2), std::out_of_range);
    }

    void identityKeepsValues() {
        const auto x = torch::tensor({1.5f, -2.0f}).view({1, 2});
        QVERIFY(torch::equal(StandardScaler::identity(2).transform(x), x));
        QVERIFY_EXCEPTION_THROWN(StandardScaler::identity(3).transform(x), std::invalid_argument);
    }

    void writesJsonTheUiCanRead() {
        const auto rows = torch::tensor({1.0, 2.0, 3.0, 5.0}, torch::kFloat64).view({2, 2});
        const auto text = StandardScaler::fit(rows).toJson({"HUFL", "O\"T"});
        QJsonParseError error;
        const auto document = QJsonDocument::fromJson(QByteArray::fromStdString(text), &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        const auto root = document.object();
        QCOMPARE(root["columns"].toArray()[1].toString(), QString("O\"T"));
        QCOMPARE(root["mean"].toArray()[1].toDouble(), 3.5);
        QCOMPARE(root["scale"].toArray()[0].toDouble(), 1.0);
    }
};

QTEST_GUILESS_MAIN(TestStandardScaler)
#include "tst_standardscaler.moc"
