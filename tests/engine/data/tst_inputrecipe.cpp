// A run's inputs.yaml: what each loader records of how it scaled its samples, written and read
// back exactly, and a damaged file refused with its path and the fault.
#include "DataTestHelpers.h"
#include "engine/data/IdxSplits.h"
#include "engine/data/InputRecipeFile.h"
#include "engine/data/csv/CsvSplits.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace tb::engine;
using namespace tb::test;

namespace {

DataSplits classifierInputs() {
    DataSplits splits;
    splits.task = "classification";
    splits.sampleShape = {3, 32, 32};
    splits.numClasses = 3;
    splits.classNames = {"cat", "shirt, top", "dog: \"good\""};
    splits.recipe.pixels = {{0.1f / 3.0f, 0.5f, 0.7f}, {0.2f, 1.0f / 7.0f, 0.33f}};
    return splits;
}

DataSplits forecasterInputs() {
    DataSplits splits;
    splits.task = "forecasting";
    splits.sampleShape = {96, 3};
    splits.recipe.columns = {"HUFL", "load (kW)", "OT"};
    splits.recipe.scaler =
        StandardScaler::restore({7.937742245659508, -1.0 / 3.0, 1e-300}, {5.8, 2.0 / 3.0, 1e300});
    return splits;
}

} // namespace

class TestInputRecipe : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void aClassifiersRecipeComesBackExactly() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("inputs.yaml").toStdString();
        const DataSplits written = classifierInputs();
        writeInputRecipe(written, path);
        const DataSplits read = readInputRecipe(path);
        QCOMPARE(read.task, written.task);
        QCOMPARE(read.sampleShape, written.sampleShape);
        QCOMPARE(read.numClasses, written.numClasses);
        QCOMPARE(read.classNames, written.classNames);
        QCOMPARE(read.recipe.pixels.mean, written.recipe.pixels.mean);
        QCOMPARE(read.recipe.pixels.std, written.recipe.pixels.std);
        QVERIFY(!read.train && !read.val && !read.test);
    }

    void aForecastersRecipeComesBackExactly() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("inputs.yaml").toStdString();
        const DataSplits written = forecasterInputs();
        writeInputRecipe(written, path);
        const DataSplits read = readInputRecipe(path);
        QCOMPARE(read.task, written.task);
        QCOMPARE(read.sampleShape, written.sampleShape);
        QCOMPARE(read.recipe.columns, written.recipe.columns);
        QCOMPARE(read.recipe.scaler.mean(), written.recipe.scaler.mean());
        QCOMPARE(read.recipe.scaler.scale(), written.recipe.scaler.scale());
    }

    void theLoadersRecordHowTheyScaled() {
        QTemporaryDir dir;
        QDir(dir.path()).mkpath("idx");
        writeIdxDataset(dir.filePath("idx"), {});
        IdxSplitOptions idx;
        idx.root = dir.filePath("idx").toStdString();
        const DataSplits images = loadIdxSplits(idx);
        QCOMPARE(images.recipe.pixels.mean.size(), std::size_t{1});
        // The recipe undoes to the stored samples: (b / 255 - mean) / std.
        const auto first = images.train->gather({0}).input.flatten();
        const auto& pixels = images.recipe.pixels;
        const float byte = (first[0].item<float>() * pixels.std[0] + pixels.mean[0]) * 255.0f;
        QVERIFY2(std::abs(byte - std::round(byte)) < 1e-3, qPrintable(QString::number(byte)));

        std::string csv = "date,a,OT\n";
        for (int row = 0; row < 200; ++row)
            csv += "2020-01-" + std::string(row / 24 < 9 ? "0" : "") +
                   std::to_string(row / 24 + 1) + " " + std::to_string(row % 24) + ":00," +
                   std::to_string(row % 7) + "," + std::to_string(row % 5) + "\n";
        QFile file(dir.filePath("series.csv"));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(csv.data(), static_cast<qint64>(csv.size()));
        file.close();
        CsvSplitOptions series;
        series.path = dir.filePath("series.csv").toStdString();
        series.window = {24, 12, 12};
        series.features = "MS";
        const DataSplits forecasts = loadCsvSplits(series);
        QCOMPARE(forecasts.recipe.columns, std::vector<std::string>({"a", "OT"}));
        const auto& info = dynamic_cast<const WindowDataset&>(*forecasts.train).info();
        QCOMPARE(forecasts.recipe.scaler.mean(), info.scaler.mean());
        QCOMPARE(forecasts.recipe.scaler.scale(), info.scaler.scale());
    }

    void aDamagedRecipeIsRefusedNamingTheFileAndTheFault_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("fault");
        const QString shape = "sample_shape: [1, 4, 4]\n";
        QTest::newRow("not YAML") << "task: [classification"
                                  << "not a valid input recipe";
        QTest::newRow("unknown task") << "task: detection\n" + shape << "'detection'";
        QTest::newRow("no shape") << "task: classification\n"
                                  << "'sample_shape'";
        QTest::newRow("no classes")
            << "task: classification\n" + shape + "pixel_mean: [0.5]\npixel_std: [0.2]\n"
            << "'classes'";
        QTest::newRow("a mean per channel")
            << "task: classification\n" + shape +
                   "classes: [a, b]\npixel_mean: [0.5, 0.5]\npixel_std: [0.2]\n"
            << "one value per channel";
        QTest::newRow("a std of 0") << "task: classification\n" + shape +
                                           "classes: [a]\npixel_mean: [0.5]\npixel_std: [0]\n"
                                    << "not above 0";
        QTest::newRow("a scale of 0")
            << "task: forecasting\nsample_shape: [8, 1]\ncolumns: [OT]\nmean: [1]\nscale: [0]\n"
            << "every scale must be";
        QTest::newRow("a column short")
            << "task: forecasting\nsample_shape: [8, 2]\ncolumns: [OT]\nmean: [1]\nscale: [1]\n"
            << "a column, a mean and a scale per channel";
        QTest::newRow("text for a number")
            << "task: forecasting\nsample_shape: [8, 1]\ncolumns: [OT]\nmean: [x]\nscale: [1]\n"
            << "not a valid input recipe";
    }
    void aDamagedRecipeIsRefusedNamingTheFileAndTheFault() {
        QFETCH(QString, text);
        QFETCH(QString, fault);
        QTemporaryDir dir;
        const QString path = dir.filePath("inputs.yaml");
        writePlain(path, text.toStdString());
        const QString message = dataErrorOf([&] { readInputRecipe(path.toStdString()); });
        QVERIFY2(message.contains(path), qPrintable(message));
        QVERIFY2(message.contains(fault), qPrintable(message));
    }

    void aMissingRecipeIsNamed() {
        const QString message = dataErrorOf([] { readInputRecipe("/nonexistent/inputs.yaml"); });
        QVERIFY2(message.contains("/nonexistent/inputs.yaml cannot be read"), qPrintable(message));
    }
};

QTEST_GUILESS_MAIN(TestInputRecipe)
#include "tst_inputrecipe.moc"
