// The forecasting results grid: finished forecasting runs grouped by dataset, features, horizon
// and model, their test MSE/MAE averaged over seeds, and the CSV and LaTeX exports.
#include "StoreTestHelpers.h"
#include "engine/store/ResultsExport.h"
#include "engine/store/ResultsGrid.h"
#include "engine/store/RunStore.h"

#include <QFile>
#include <QStringList>
#include <QTest>
#include <cmath>
#include <limits>

using namespace tb::engine;
using namespace tb::test;

namespace {

/// The runs behind the golden files: five cells, one of them a single run, one row with a
/// model missing and one with two means that print alike.
void storeGoldenRuns(RunStore& store) {
    // Stored out of order: the grid sorts.
    storeForecastRun(store, {"ETTh2", "S", 96, "patchtst", 1, 0.2501, 0.3});
    storeForecastRun(store, {"ETTh1", "M", 192, "dlinear", 1, 0.4375, 0.4});
    const std::pair<std::int64_t, double> dlinearSeeds[] = {{1, 0.25}, {2, 0.5}, {3, 0.75}};
    for (const auto& [seed, mse] : dlinearSeeds)
        storeForecastRun(store, {"ETTh1", "M", 96, "dlinear", seed, mse, 0.5});
    storeForecastRun(store, {"ETTh1", "M", 96, "patchtst", 1, 0.375, 0.25});
    storeForecastRun(store, {"ETTh1", "M", 96, "patchtst", 2, 0.375, 0.5});
    storeForecastRun(store, {"ETTh2", "S", 96, "dlinear", 1, 0.125, 0.25});
    storeForecastRun(store, {"ETTh2", "S", 96, "dlinear", 2, 0.375, 0.375});
    storeForecastRun(store, {"ETTh2", "S", 96, "patchtst", 2, 0.2499, 0.31});
}

QStringList lines(const std::string& text) {
    return QString::fromStdString(text).split('\n');
}

QStringList goldenLines(const QString& name) {
    QFile file(QStringLiteral(TB_FIXTURES_DIR "/results/") + name);
    if (!file.open(QIODevice::ReadOnly))
        return {"cannot read " + file.fileName()};
    return QString::fromUtf8(file.readAll()).split('\n');
}

} // namespace

class TestResultsGrid : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void meanAndSampleStd_data();
    void meanAndSampleStd();
    void groupsFinishedForecastingRuns();
    void ignoresUnfinishedAndOtherRuns();
    void rowsHaveACellPerModel();
    void aModelsOtherConfigsGetRowsOfTheirOwn();
    void aTestOfAnotherRunsWeightsIsAnExperimentOfItsOwn();
    void aTestNamesTheDataItsWeightsWereTrainedOn();
    void leftOutRunsSayWhy_data();
    void leftOutRunsSayWhy();
    void runsLeftOutAlikeShareALine();
    void csvMatchesGolden();
    void latexMatchesGolden();
    void namesAreQuotedAndEscaped();
    void emptyStoreGivesAnEmptyGrid();
};

void TestResultsGrid::meanAndSampleStd_data() {
    QTest::addColumn<std::vector<double>>("values");
    QTest::addColumn<double>("mean");
    QTest::addColumn<double>("stddev");
    QTest::newRow("none") << std::vector<double>{} << 0.0 << 0.0;
    QTest::newRow("one run: spread unknown, 0") << std::vector<double>{0.4} << 0.4 << 0.0;
    QTest::newRow("two") << std::vector<double>{0.25, 0.75} << 0.5 << std::sqrt(0.125);
    QTest::newRow("three, n - 1") << std::vector<double>{0.25, 0.5, 0.75} << 0.5 << 0.25;
    QTest::newRow("equal") << std::vector<double>{0.3, 0.3, 0.3} << 0.3 << 0.0;
    QTest::newRow("five") << std::vector<double>{2, 4, 4, 4, 5} << 3.8 << std::sqrt(1.2);
}

void TestResultsGrid::meanAndSampleStd() {
    QFETCH(std::vector<double>, values);
    QFETCH(double, mean);
    QFETCH(double, stddev);
    const MeanStd result = meanStd(values);
    QVERIFY2(std::abs(result.mean - mean) < 1e-12, qPrintable(QString::number(result.mean)));
    QVERIFY2(std::abs(result.stddev - stddev) < 1e-12, qPrintable(QString::number(result.stddev)));
}

void TestResultsGrid::groupsFinishedForecastingRuns() {
    RunStore store = RunStore::openInMemory();
    storeGoldenRuns(store);
    const ResultsGrid grid = ResultsGrid::fromStore(store);
    QVERIFY(grid.skipped().empty());
    QCOMPARE(grid.cells().size(), std::size_t{5});

    QStringList order;
    for (const ResultsCell& cell : grid.cells())
        order << QString::fromStdString(cell.dataset + " " + cell.features + " " +
                                        std::to_string(cell.predLen) + " " + cell.model);
    QCOMPARE(order, QStringList({"ETTh1 M 96 dlinear", "ETTh1 M 96 patchtst", "ETTh1 M 192 dlinear",
                                 "ETTh2 S 96 dlinear", "ETTh2 S 96 patchtst"}));

    const ResultsCell& dlinear = grid.cells()[0];
    QCOMPARE(dlinear.runCount(), 3);
    QCOMPARE(dlinear.seeds, (std::vector<std::int64_t>{1, 2, 3}));
    QVERIFY(std::is_sorted(dlinear.runIds.begin(), dlinear.runIds.end()));
    QCOMPARE(dlinear.mse.mean, 0.5);
    QCOMPARE(dlinear.mse.stddev, 0.25);
    QCOMPARE(dlinear.mae.mean, 0.5);
    QCOMPARE(dlinear.mae.stddev, 0.0);

    const ResultsCell& single = grid.cells()[2];
    QCOMPARE(single.runCount(), 1);
    QCOMPARE(single.mse.mean, 0.4375);
    QCOMPARE(single.mse.stddev, 0.0);

    QCOMPARE(grid.models(), (std::vector<std::string>{"dlinear", "patchtst"}));
}

void TestResultsGrid::ignoresUnfinishedAndOtherRuns() {
    RunStore store = RunStore::openInMemory();
    storeForecastRun(store, {"ETTh1", "M", 96, "dlinear", 1, 0.25, 0.5});
    for (const RunStatus status : {RunStatus::Failed, RunStatus::Stopped, RunStatus::Running}) {
        ForecastRun unfinished{"ETTh1", "M", 96, "dlinear", 7, 9.0, 9.0};
        unfinished.status = status;
        storeForecastRun(store, unfinished);
    }
    // A classifier, and an image config that happens to have a test/mse.
    const std::int64_t image = store.createRun(sampleRun("fashion-mnist-mlp"));
    store.apply({RunEnded{image, RunStatus::Finished, "", 1.0, {{"test/accuracy", 0.88}}}});
    storeFinishedRun(store, "idx-kind",
                     "seed: 1\ndata:\n  kind: idx\n  root: /data\nmodel:\n  name: mlp\n",
                     {{"test/mse", 0.1}, {"test/mae", 0.2}});

    const ResultsGrid grid = ResultsGrid::fromStore(store);
    QVERIFY(grid.skipped().empty());
    QCOMPARE(grid.cells().size(), std::size_t{1});
    QCOMPARE(grid.cells()[0].runCount(), 1);
    QCOMPARE(grid.cells()[0].mse.mean, 0.25);
}

void TestResultsGrid::rowsHaveACellPerModel() {
    RunStore store = RunStore::openInMemory();
    storeGoldenRuns(store);
    const ResultsGrid grid = ResultsGrid::fromStore(store);
    const std::vector<ResultsRow> rows = grid.rows();
    QCOMPARE(rows.size(), std::size_t{3});
    QCOMPARE(rowLabel(rows[0]), std::string("ETTh1"));
    QCOMPARE(rows[1].predLen, std::int64_t{192});
    QVERIFY(rows[1].cells[0] == &grid.cells()[2]);
    QVERIFY(rows[1].cells[1] == nullptr);
    QCOMPARE(rowLabel(rows[2]), std::string("ETTh2 (S)"));

    QCOMPARE(lowestMse(rows[0]), (std::vector<bool>{false, true}));
    QCOMPARE(lowestMse(rows[1]), (std::vector<bool>{false, false})); // one model: no contest
    QCOMPARE(lowestMse(rows[2]), (std::vector<bool>{true, true}));   // both print 0.250
}

// A sweep beside the paper's settings: its learning rates and epochs are other experiments, not
// more seeds. Where and how fast a run trained is not.
void TestResultsGrid::aModelsOtherConfigsGetRowsOfTheirOwn() {
    RunStore store = RunStore::openInMemory();
    const auto config = [](std::int64_t seed, const std::string& from, const std::string& to) {
        std::string yaml = forecastConfigYaml({"ETTh1", "M", 96, "dlinear", seed});
        yaml.replace(yaml.find(from), from.size(), to);
        return yaml;
    };
    const auto store1 = [&](const std::string& yaml, double mse) {
        return storeFinishedRun(store, "dlinear", yaml, {{"test/mse", mse}, {"test/mae", mse}});
    };
    const std::int64_t paper1 = store1(config(1, "device: cpu", "device: cpu"), 0.4);
    const std::int64_t paper2 = store1(
        config(2, "device: cpu", "device: cuda:0\nthreads: 4\ntelemetry:\n  rate_hz: 10"), 0.5);
    const std::int64_t paper3 =
        store1(config(3, "/work/shared/data/ett/", "/srv/datasets/ett/"), 0.6);
    const std::int64_t longer = store1(config(1, "  epochs: 2", "  epochs: 10"), 0.3);
    const std::int64_t shorter = store1(config(1, "  seq_len: 336", "  seq_len: 96"), 0.7);
    storeForecastRun(store, {"ETTh1", "M", 96, "patchtst", 1, 0.35, 0.35});

    const ResultsGrid grid = ResultsGrid::fromStore(store);
    QCOMPARE(grid.cells().size(), std::size_t{4});
    // The model with one experiment has no variant, and its cell comes first.
    QCOMPARE(grid.cells()[0].model, std::string("patchtst"));
    QCOMPARE(grid.cells()[0].variant, std::string());
    // Each variant names every field in which it differs from another; in the order of their
    // values: 96 before 336.
    QCOMPARE(grid.cells()[1].variant, std::string("data.seq_len=96, train.epochs=2"));
    QCOMPARE(grid.cells()[1].runIds, (std::vector<std::int64_t>{shorter}));
    const ResultsCell& paper = grid.cells()[2];
    QCOMPARE(paper.variant, std::string("data.seq_len=336, train.epochs=2"));
    QCOMPARE(paper.runIds, (std::vector<std::int64_t>{paper1, paper2, paper3}));
    QCOMPARE(paper.mse.mean, 0.5);
    QCOMPARE(grid.cells()[3].variant, std::string("data.seq_len=336, train.epochs=10"));
    QCOMPARE(grid.cells()[3].runIds, (std::vector<std::int64_t>{longer}));

    // A row per variant.
    const std::vector<ResultsRow> rows = grid.rows();
    QCOMPARE(rows.size(), std::size_t{4});
    QCOMPARE(rows[0].variant, std::string());
    QVERIFY(rows[0].cells[0] == nullptr);
    QVERIFY(rows[0].cells[1] == &grid.cells()[0]);
    QCOMPARE(rows[2].variant, paper.variant);
    QVERIFY(rows[2].cells[0] == &paper);
    QVERIFY(rows[2].cells[1] == nullptr);

    QVERIFY2(resultsCsv(grid).find("ETTh1,M,96,dlinear,\"data.seq_len=336, train.epochs=2\",3,") !=
                 std::string::npos,
             resultsCsv(grid).c_str());
    QVERIFY2(resultsLatex(grid).find(" & 96 (data.seq\\_len=336, train.epochs=10) & ") !=
                 std::string::npos,
             resultsLatex(grid).c_str());
}

// A run of no epochs tests another run's weights (model.init_from): a cell of its own, which
// names them. Fields that only steer training do not tell two tests apart.
void TestResultsGrid::aTestOfAnotherRunsWeightsIsAnExperimentOfItsOwn() {
    RunStore store = RunStore::openInMemory();
    std::string trained = forecastConfigYaml({"ETTh2", "M", 96, "dlinear", 1});
    trained.replace(trained.find("  name: dlinear\n"), 16, "  name: dlinear\n  init_from: ''\n");
    std::string tested = trained;
    tested.replace(tested.find("init_from: ''"), 13, "init_from: run:7");
    tested.replace(tested.find("  epochs: 2"), 11, "  epochs: 0");
    storeFinishedRun(store, "dlinear", trained, {{"test/mse", 0.3}, {"test/mae", 0.3}});
    storeFinishedRun(store, "dlinear", tested, {{"test/mse", 0.4}, {"test/mae", 0.4}});
    // The same test by two processes, with another batch size and rate set.
    std::string twoProcesses = tested;
    twoProcesses.replace(twoProcesses.find("  epochs: 0"), 11, "  epochs: 0\n  batch_size: 64");
    twoProcesses += "optim:\n  lr: 0.1\ndist:\n  world_size: 2\n";
    storeFinishedRun(store, "dlinear", twoProcesses, {{"test/mse", 0.6}, {"test/mae", 0.6}});

    // Alone in its row, it still says whose weights it tested.
    std::string alone = tested;
    alone.replace(alone.find("ett/ETTh2"), 9, "ett/ETTh1");
    storeFinishedRun(store, "dlinear", alone, {{"test/mse", 0.5}, {"test/mae", 0.5}});

    const ResultsGrid grid = ResultsGrid::fromStore(store);
    QCOMPARE(grid.cells().size(), std::size_t{3});
    QCOMPARE(grid.cells()[0].dataset, std::string("ETTh1"));
    QCOMPARE(grid.cells()[0].variant, std::string("model.init_from=run:7, train.epochs=0"));
    QCOMPARE(grid.cells()[1].variant, std::string());
    QCOMPARE(grid.cells()[1].mse.mean, 0.3);
    QCOMPARE(grid.cells()[2].variant, std::string("model.init_from=run:7, train.epochs=0"));
    QCOMPARE(grid.cells()[2].runIds.size(), std::size_t{2});
    QCOMPARE(grid.cells()[2].mse.mean, 0.5);

    // Tests of other weights are told apart by them alone.
    std::string other = tested;
    other.replace(other.find("run:7"), 5, "run:9");
    storeFinishedRun(store, "dlinear", other, {{"test/mse", 0.7}, {"test/mae", 0.7}});
    const ResultsGrid more = ResultsGrid::fromStore(store);
    QCOMPARE(more.cells().size(), std::size_t{4});
    QCOMPARE(more.cells()[1].variant, std::string());
    QCOMPARE(more.cells()[2].variant, std::string("model.init_from=run:7, train.epochs=0"));
    QCOMPARE(more.cells()[3].variant, std::string("model.init_from=run:9, train.epochs=0"));
}

// Weights trained on ETTh1, tested on ETTh2, and that test's weights tested on ETTm1: each test
// says where its weights were trained, through the test it took them from.
void TestResultsGrid::aTestNamesTheDataItsWeightsWereTrainedOn() {
    RunStore store = RunStore::openInMemory();
    const std::int64_t trained = storeForecastRun(store, {"ETTh1", "M", 96, "dlinear", 1});
    const auto testOn = [&](const std::string& dataset, std::int64_t source) {
        std::string yaml = forecastConfigYaml({dataset, "M", 96, "dlinear", 1});
        yaml.replace(yaml.find("  name: dlinear\n"), 16,
                     "  name: dlinear\n  init_from: run:" + std::to_string(source) + "\n");
        yaml.replace(yaml.find("  epochs: 2"), 11, "  epochs: 0");
        return storeFinishedRun(store, "dlinear", yaml, {{"test/mse", 0.4}, {"test/mae", 0.4}});
    };
    const std::int64_t onEtth2 = testOn("ETTh2", trained);
    testOn("ETTm1", onEtth2);

    const ResultsGrid grid = ResultsGrid::fromStore(store);
    QCOMPARE(grid.cells().size(), std::size_t{3});
    QCOMPARE(grid.cells()[1].dataset, std::string("ETTh2"));
    QCOMPARE(grid.cells()[1].variant, "model.init_from=run:" + std::to_string(trained) +
                                          " (trained on ETTh1), train.epochs=0");
    QCOMPARE(grid.cells()[2].dataset, std::string("ETTm1"));
    QCOMPARE(grid.cells()[2].variant, "model.init_from=run:" + std::to_string(onEtth2) +
                                          " (trained on ETTh1), train.epochs=0");
}

void TestResultsGrid::leftOutRunsSayWhy_data() {
    QTest::addColumn<QString>("yaml");
    QTest::addColumn<bool>("withMetrics");
    QTest::addColumn<double>("mse");
    QTest::addColumn<QString>("reason");
    const QString good = QString::fromStdString(forecastConfigYaml({}));
    QTest::newRow("broken YAML") << "data: [kind: csv\n  path: x" << true << 0.3
                                 << "not valid YAML (line";
    QTest::newRow("no pred_len") << QString(good).replace("pred_len: 96", "seq: 96") << true << 0.3
                                 << "has no positive data.pred_len";
    QTest::newRow("pred_len not a number")
        << QString(good).replace("pred_len: 96", "pred_len: ninety") << true << 0.3
        << "data.pred_len is 'ninety', not a whole number";
    QTest::newRow("no model") << QString(good).replace("name: dlinear", "family: dlinear") << true
                              << 0.3 << "has no model.name";
    QTest::newRow("empty path") << QString(good).replace("path: /work/shared/data/ett/ETTh1.csv",
                                                         "path: ''")
                                << true << 0.3 << "has no data.path";
    QTest::newRow("no test metrics") << good << false << 0.3 << "no test/mse was recorded";
    QTest::newRow("diverged") << good << true << std::numeric_limits<double>::quiet_NaN()
                              << "test/mse is nan";
}

void TestResultsGrid::leftOutRunsSayWhy() {
    QFETCH(QString, yaml);
    QFETCH(bool, withMetrics);
    QFETCH(double, mse);
    QFETCH(QString, reason);
    RunStore store = RunStore::openInMemory();
    std::vector<MetricValue> finals{{"val/loss", 0.5}};
    if (withMetrics)
        finals = {{"test/mse", mse}, {"test/mae", 0.4}};
    const std::int64_t id = storeFinishedRun(store, "odd-run", yaml.toStdString(), finals);

    const ResultsGrid grid = ResultsGrid::fromStore(store);
    QVERIFY(grid.empty());
    QCOMPARE(grid.skipped().size(), std::size_t{1});
    const QString line = QString::fromStdString(grid.skipped().front());
    QVERIFY2(line.startsWith(QStringLiteral("run %1 (odd-run): ").arg(id)), qPrintable(line));
    QVERIFY2(line.contains(reason), qPrintable(line));
}

void TestResultsGrid::runsLeftOutAlikeShareALine() {
    RunStore store = RunStore::openInMemory();
    const std::string yaml = forecastConfigYaml({});
    for (int i = 0; i < 6; ++i)
        storeFinishedRun(store, "stopped", yaml, {{"val/loss", 0.5}});
    storeFinishedRun(store, "other", yaml, {{"val/loss", 0.5}});
    storeFinishedRun(store, "pair", yaml, {{"val/loss", 0.5}});
    storeFinishedRun(store, "pair", yaml, {{"val/loss", 0.5}});

    const ResultsGrid grid = ResultsGrid::fromStore(store);
    const std::vector<std::string>& lines = grid.skipped();
    const std::string why = ": no test/mse was recorded (the run ended before its test split was "
                            "evaluated)";
    // Newest first, as the runs are listed.
    QCOMPARE(lines, (std::vector<std::string>{"runs 9 and 8 (pair)" + why, "run 7 (other)" + why,
                                              "runs 6, 5, 4 and 3 more (stopped)" + why}));
}

void TestResultsGrid::csvMatchesGolden() {
    RunStore store = RunStore::openInMemory();
    storeGoldenRuns(store);
    QCOMPARE(lines(resultsCsv(ResultsGrid::fromStore(store))), goldenLines("grid.csv"));
}

void TestResultsGrid::latexMatchesGolden() {
    RunStore store = RunStore::openInMemory();
    storeGoldenRuns(store);
    QCOMPARE(lines(resultsLatex(ResultsGrid::fromStore(store))), goldenLines("grid.tex"));
}

void TestResultsGrid::namesAreQuotedAndEscaped() {
    RunStore store = RunStore::openInMemory();
    storeForecastRun(store, {"sales_&_returns,v2", "MS", 24, "lstm", 1, 0.5, 0.25});
    storeForecastRun(store, {"sales_&_returns,v2", "MS", 24, "lstm", 2, 0.5, 0.25});
    const ResultsGrid grid = ResultsGrid::fromStore(store);
    QCOMPARE(lines(resultsCsv(grid)).at(1),
             QStringLiteral("\"sales_&_returns,v2\",MS,24,lstm,,2,0.5,0,0.25,0"));
    const QString latex = QString::fromStdString(resultsLatex(grid));
    QVERIFY2(latex.contains("sales\\_\\&\\_returns,v2 (MS) & 24 & 0.500\\,$\\pm$\\,0.000 & "
                            "0.250\\,$\\pm$\\,0.000 \\\\\n"),
             qPrintable(latex));
}

void TestResultsGrid::emptyStoreGivesAnEmptyGrid() {
    const ResultsGrid grid = ResultsGrid::fromStore(RunStore::openInMemory());
    QVERIFY(grid.empty());
    QVERIFY(grid.rows().empty());
    QCOMPARE(
        resultsCsv(grid),
        std::string(
            "dataset,features,pred_len,model,config,runs,mse_mean,mse_std,mae_mean,mae_std\n"));
}

QTEST_GUILESS_MAIN(TestResultsGrid)
#include "tst_resultsgrid.moc"
