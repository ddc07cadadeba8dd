// trainbench-cli as a script sees it: exit codes, messages, and what lands in the database.
#include "engine/store/RunStore.h"
#include "engine/util/LocalPort.h"
#include "tests/engine/store/StoreTestHelpers.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>
#include <csignal>
#include <sys/types.h>
#include <unistd.h>

namespace {

struct Result {
    int exitCode = -1;
    QString out;
    QString err;
};

Result runCli(const QStringList& args, int timeoutMs = 120000,
              const QString& program = qEnvironmentVariable("TB_CLI"),
              const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment()) {
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(program, args);
    p.waitForFinished(timeoutMs);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
            QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

const QString kFashion = QStringLiteral("/usr/share/datasets/fashion-mnist");

QStringList quickTrainArgs(const QString& db) {
    return {"train", "fashion-mnist-mlp",   "--db",  db,
            "--set", "train.epochs=1",      "--set", "model.hidden=32",
            "--set", "train.batch_size=512"};
}

/// Starts `trainbench-cli args`, sends SIGINT to it once its progress shows steps and waits for
/// it to end: its exit code (-1 when it crashed or hung) and standard error.
Result interruptWhileTraining(const QStringList& args) {
    QProcess p;
    p.start(qEnvironmentVariable("TB_CLI"), args);
    Result r{-1, {}, {}};
    if (!p.waitForStarted())
        return r;
    QByteArray err;
    QDeadlineTimer deadline(60000);
    while (!(err += p.readAllStandardError()).contains("step") && !deadline.hasExpired())
        p.waitForReadyRead(1000);
    ::kill(static_cast<pid_t>(p.processId()), SIGINT);
    const bool ended = p.waitForFinished(60000) && p.exitStatus() == QProcess::NormalExit;
    r.exitCode = ended ? p.exitCode() : -1;
    r.err = QString::fromUtf8(err + p.readAllStandardError());
    return r;
}

/// What bash completion offers for the command line `words` (the last one being completed),
/// one candidate a line, sorted; run in `folder`.
QStringList completions(const QStringList& words, const QString& folder) {
    QString line = "source \"$TB_COMPLETION\"; COMP_WORDS=(\"$TB_CLI\"";
    for (const QString& word : words)
        line += " '" + word + "'";
    line += "); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); _trainbench_cli; "
            "printf '%s\\n' \"${COMPREPLY[@]}\"";
    QProcess bash;
    bash.setWorkingDirectory(folder);
    bash.start("bash", {"-c", line});
    bash.waitForFinished(60000);
    QStringList offered =
        QString::fromUtf8(bash.readAllStandardOutput()).split('\n', Qt::SkipEmptyParts);
    offered.sort();
    return offered;
}

/// The subcommands a --help lists.
QStringList subcommandsIn(const QString& help) {
    QStringList names;
    const QString listed = help.section("Subcommands:", 1);
    static const QRegularExpression name(QStringLiteral("^  ([a-z]+) "),
                                         QRegularExpression::MultilineOption);
    for (auto match = name.globalMatch(listed); match.hasNext();)
        names << match.next().captured(1);
    return names;
}

} // namespace

class TestCli : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        QVERIFY2(QFile::exists(qEnvironmentVariable("TB_CLI")), "TB_CLI must name the binary");
        QVERIFY(m_dir.isValid());
    }

    void helpEverywhere_data() {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("top") << QStringList{"--help"};
        QTest::newRow("train") << QStringList{"train", "--help"};
        QTest::newRow("continue") << QStringList{"continue", "--help"};
        QTest::newRow("sweep") << QStringList{"sweep", "--help"};
        QTest::newRow("validate") << QStringList{"validate", "--help"};
        QTest::newRow("runs") << QStringList{"runs", "--help"};
        QTest::newRow("runs export") << QStringList{"runs", "export", "--help"};
        QTest::newRow("runs compare") << QStringList{"runs", "compare", "--help"};
        QTest::newRow("results") << QStringList{"results", "--help"};
        QTest::newRow("devices") << QStringList{"devices", "--help"};
        QTest::newRow("predict") << QStringList{"predict", "--help"};
        QTest::newRow("presets") << QStringList{"presets", "--help"};
        QTest::newRow("fields") << QStringList{"fields", "--help"};
    }

    void helpEverywhere() {
        QFETCH(QStringList, args);
        const Result r = runCli(args);
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("Usage") || r.out.contains("OPTIONS"));
    }

    void usageErrorsExitWithTwo_data() {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("no command") << QStringList{};
        QTest::newRow("unknown command") << QStringList{"fly"};
        QTest::newRow("unknown option") << QStringList{"devices", "--colour"};
        QTest::newRow("train without config") << QStringList{"train"};
        QTest::newRow("results as CSV and LaTeX") << QStringList{"results", "--csv", "--latex"};
        QTest::newRow("compare one run") << QStringList{"runs", "compare", "1"};
        QTest::newRow("predict without input") << QStringList{"predict", "1"};
        QTest::newRow("predict from an unknown checkpoint")
            << QStringList{"predict", "1", "a.csv", "--checkpoint", "first"};
        QTest::newRow("sweep without grid") << QStringList{"sweep", "fashion-mnist-mlp"};
        QTest::newRow("grid without values")
            << QStringList{"sweep", "fashion-mnist-mlp", "--grid", "train.batch_size"};
        QTest::newRow("grid naming a field twice")
            << QStringList{"sweep", "fashion-mnist-mlp", "--grid", "seed=1", "--grid", "seed=2"};
        QTest::newRow("a tag with a comma") << QStringList{
            "sweep", "fashion-mnist-mlp", "--grid", "seed=1", "--tag", "a,b", "--dry-run"};
    }

    void usageErrorsExitWithTwo() {
        QFETCH(QStringList, args);
        QCOMPARE(runCli(args).exitCode, 2);
    }

    void workspaceCommandsStartWithoutLibTorch() {
        // The dynamic loader names every library it opens: `runs`, `results` and `presets`
        // answer without loading LibTorch (~0.65 s), the commands that need it load it.
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("LD_DEBUG", "files");
        const QString cli = qEnvironmentVariable("TB_CLI");
        const QString absent = m_dir.filePath("absent.db");
        const QList<QPair<QStringList, int>> commands{
            {{"runs", "--db", absent, "list"}, 4},
            {{"results", "--db", absent}, 4},
            {{"presets"}, 0},
        };
        for (const auto& [args, exitCode] : commands) {
            const Result r = runCli(args, 120000, cli, env);
            QCOMPARE(r.exitCode, exitCode);
            QVERIFY2(r.err.contains("libstdc++"), qPrintable(r.err.left(2000)));
            QVERIFY2(!r.err.contains("libtorch"), qPrintable(args.join(' ')));
        }
        const Result devices = runCli({"devices"}, 120000, cli, env);
        QCOMPARE(devices.exitCode, 0);
        QVERIFY2(devices.err.contains("libtorch_cpu"), qPrintable(devices.err.left(2000)));
    }

    void aMissingEngineProgramIsNamed() {
        // trainbench-cli alone, without the trainbench-engine it hands training to.
        const QString lonely = m_dir.filePath("lonely/trainbench-cli");
        QVERIFY(QDir().mkpath(m_dir.filePath("lonely")));
        QVERIFY(QFile::copy(qEnvironmentVariable("TB_CLI"), lonely));
        const Result r = runCli({"devices"}, 120000, lonely);
        QCOMPARE(r.exitCode, 127);
        QVERIFY2(r.err.contains(m_dir.filePath("lonely/trainbench-engine")), qPrintable(r.err));
        QVERIFY2(r.err.contains("Reinstall"), qPrintable(r.err));
        QCOMPARE(
            runCli({"runs", "--db", m_dir.filePath("absent.db"), "list"}, 120000, lonely).exitCode,
            4);
    }

    void bashCompletionOffersCommandsPresetsRunsAndFiles() {
        QVERIFY2(QFile::exists(qEnvironmentVariable("TB_COMPLETION")),
                 "TB_COMPLETION must name packaging/completion/trainbench-cli.bash");
        const QString folder = m_dir.filePath("completion");
        QVERIFY(QDir().mkpath(folder + "/configs"));
        for (const QString file : {"mine.yaml", "notes.txt", "other.db"}) {
            QFile f(folder + "/" + file);
            QVERIFY(f.open(QIODevice::WriteOnly));
        }
        const QString db = folder + "/ws.db";
        {
            tb::engine::RunStore store = tb::engine::RunStore::open(db.toStdString());
            tb::test::storeFinishedRun(store, "a", "name: a\n", {});
            tb::test::storeFinishedRun(store, "b", "name: b\n", {});
        }
        QCOMPARE(completions({"p"}, folder), (QStringList{"predict", "presets"}));
        QCOMPARE(completions({"train", "fashion-mnist-m"}, folder),
                 QStringList{"fashion-mnist-mlp"});
        QCOMPARE(completions({"validate", "m"}, folder), QStringList{"mine.yaml"});
        QCOMPARE(completions({"continue", "--db", db, ""}, folder), (QStringList{"1", "2"}));
        // As typed: quoted, or with its spaces escaped.
        QVERIFY(QFile::copy(db, folder + "/my ws.db"));
        QCOMPARE(completions({"continue", "--db", "\"my ws.db\"", ""}, folder),
                 (QStringList{"1", "2"}));
        QCOMPARE(completions({"predict", "--db", "my\\ ws.db", ""}, folder),
                 (QStringList{"1", "2"}));
        QCOMPARE(completions({"runs", "--db=" + db, "compare", "1", ""}, folder),
                 (QStringList{"1", "2"}));
        QCOMPARE(completions({"runs", "merge", "o"}, folder), QStringList{"other.db"});
        QCOMPARE(completions({"predict", "1", "--checkpoint", ""}, folder),
                 (QStringList{"best", "last"}));
        QCOMPARE(completions({"runs", "list", "--s"}, folder), QStringList{"--starred"});
        QVERIFY(completions({"train", "x.yaml", "--device", ""}, folder).contains("cpu"));
        QCOMPARE(completions({"train", "x.yaml", "--set", "train.epo"}, folder),
                 QStringList{"train.epochs="});
        // bash splits `--set key=value` at the =, so the value is no positional.
        QCOMPARE(completions({"validate", "--set", "seed", "=", "1", "fashion-mnist-ml"}, folder),
                 QStringList{"fashion-mnist-mlp"});
        QCOMPARE(completions({"runs", "list", "--field", "optim.l"}, folder),
                 QStringList{"optim.lr"});
        QCOMPARE(completions({"fields", "optim.b"}, folder),
                 (QStringList{"optim.beta1", "optim.beta2"}));
    }

    void bashCompletionAsksForKeysAndOptionsOncePerShell() {
        QVERIFY2(QFile::exists(qEnvironmentVariable("TB_COMPLETION")),
                 "TB_COMPLETION must name packaging/completion/trainbench-cli.bash");
        // A stand-in for trainbench-cli that notes each call and hands it on.
        const QString folder = m_dir.filePath("asked-once");
        QVERIFY(QDir().mkpath(folder));
        const QString cli = folder + "/trainbench-cli";
        QFile script(cli);
        QVERIFY(script.open(QIODevice::WriteOnly));
        script.write(
            "#!/bin/sh\necho \"$*\" >> \"$(dirname \"$0\")/calls\"\nexec \"$TB_CLI\" \"$@\"\n");
        script.close();
        script.setPermissions(script.permissions() | QFileDevice::ExeOwner);
        const QString complete = "COMP_WORDS=(\"" + cli +
                                 "\" %1); "
                                 "COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); _trainbench_cli; "
                                 "printf '%s\\n' \"${COMPREPLY[@]}\"; ";
        QProcess bash;
        bash.start(
            "bash",
            {"-c", "source \"$TB_COMPLETION\"; " + complete.arg("train x.yaml --set train.epo") +
                       complete.arg("runs list --field optim.l") +
                       complete.arg("train x.yaml --na") + complete.arg("train y.yaml --np")});
        QVERIFY(bash.waitForFinished(120000));
        QCOMPARE(QString::fromUtf8(bash.readAllStandardOutput()).split('\n', Qt::SkipEmptyParts),
                 (QStringList{"train.epochs=", "optim.lr", "--name", "--nproc"}));
        QFile calls(folder + "/calls");
        QVERIFY(calls.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(calls.readAll()).split('\n', Qt::SkipEmptyParts),
                 (QStringList{"fields --keys", "train --help"}));
    }

    void bashCompletionKnowsEveryCommandAndValuedOption() {
        QVERIFY2(QFile::exists(qEnvironmentVariable("TB_COMPLETION")),
                 "TB_COMPLETION must name packaging/completion/trainbench-cli.bash");
        // The script's own lists: the commands, and the options whose value is not a positional.
        const auto scriptList = [](const QString& variable) {
            QProcess bash;
            bash.start("bash", {"-c", "source \"$TB_COMPLETION\"; echo $" + variable});
            bash.waitForFinished(60000);
            return QString::fromUtf8(bash.readAllStandardOutput())
                .split(' ', Qt::SkipEmptyParts)
                .replaceInStrings("\n", "");
        };
        const QStringList commands = scriptList("_trainbench_cli_commands");
        QCOMPARE(commands, subcommandsIn(runCli({"--help"}).out));
        QStringList helps;
        for (const QString& command : commands) {
            helps << runCli({command, "--help"}).out;
            for (const QString& sub : subcommandsIn(helps.last()))
                helps << runCli({command, sub, "--help"}).out;
        }
        // A value's type follows its option (--db TEXT); a flag is bare or only REQUIRED.
        QSet<QString> valued;
        static const QRegularExpression option(
            QStringLiteral("^  (?:(-[a-z]),)?(--[a-z-]+) (?!REQUIRED\\b)[A-Z]+\\b"),
            QRegularExpression::MultilineOption);
        for (const QString& help : helps) {
            for (auto match = option.globalMatch(help); match.hasNext();) {
                const QRegularExpressionMatch m = match.next();
                valued << m.captured(2);
                if (!m.captured(1).isEmpty())
                    valued << m.captured(1);
            }
        }
        const QStringList listed = scriptList("_trainbench_cli_valued");
        QCOMPARE(QSet<QString>(listed.begin(), listed.end()), valued);
    }

    void devicesListsTheCpu() {
        const Result r = runCli({"devices"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("cpu"));
        QVERIFY(r.out.contains("npu:0"));
    }

    void validPresetValidates() {
        const Result r = runCli({"validate", "fashion-mnist-cnn"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("valid"));
    }

    void presetsAreListedWithWhatTheyTrain() {
        const Result r = runCli({"presets"});
        QCOMPARE(r.exitCode, 0);
        const QStringList lines = r.out.split('\n');
        QCOMPARE(lines.first().simplified(), QStringLiteral("preset trains"));
        QVERIFY2(lines.contains(QStringLiteral("dlinear-etth1-96      DLinear on ETTh1, "
                                               "multivariate (M), look-back 336, horizon 96")),
                 qPrintable(r.out));
        QVERIFY2(lines.contains(QStringLiteral("fashion-mnist-mlp     A two-layer MLP on "
                                               "Fashion-MNIST")),
                 qPrintable(r.out));
        QVERIFY2(r.out.contains("`trainbench-cli train NAME`"), qPrintable(r.out));

        const Result one = runCli({"presets", "fashion-mnist-mlp"});
        QCOMPARE(one.exitCode, 0);
        QVERIFY2(one.out.startsWith("# ") && one.out.contains("fashion-mnist-mlp.yaml\n") &&
                     one.out.contains("\nname: fashion-mnist-mlp\n"),
                 qPrintable(one.out));

        const Result typo = runCli({"presets", "fashion-mnist-mpl"});
        QCOMPARE(typo.exitCode, 5);
        QVERIFY2(typo.err.contains("there is no preset 'fashion-mnist-mpl'; did you mean "
                                   "'fashion-mnist-mlp'?"),
                 qPrintable(typo.err));
    }

    void fieldsDocumentEveryConfigKey() {
        const Result optim = runCli({"fields", "optim."});
        QCOMPARE(optim.exitCode, 0);
        QVERIFY2(optim.out.contains("optim.name  (one of sgd, adam, adamw; default adamw)\n"
                                    "    Optimizer\n"),
                 qPrintable(optim.out));
        QVERIFY2(optim.out.contains("optim.lr  (number 1e-12 to 10; default 0.001)"),
                 qPrintable(optim.out));
        QVERIFY(!optim.out.contains("train."));
        // A field of some models only says so, once per model it has its own default for.
        const Result hidden = runCli({"fields", "model.hidden"});
        QVERIFY2(hidden.out.contains("default 128; model cnn only") &&
                     hidden.out.contains("default 256; model mlp only"),
                 qPrintable(hidden.out));
        const QStringList keys = runCli({"fields", "--keys"}).out.split('\n', Qt::SkipEmptyParts);
        QVERIFY(keys.contains("train.batch_size") && keys.contains("data.pred_len"));
        QCOMPARE(keys.count("model.hidden"), 1);
        const Result none = runCli({"fields", "trian."});
        QCOMPARE(none.exitCode, 5);
        QVERIFY2(none.err.contains("no config field starts with 'trian.'"), qPrintable(none.err));
    }

    void aMistypedPresetNameSuggestsTheClosest() {
        const Result typo = runCli({"validate", "fashion-mnist-cn"});
        QCOMPARE(typo.exitCode, 3);
        QVERIFY2(typo.err.contains("'fashion-mnist-cn' is neither a config file nor a preset; "
                                   "did you mean the preset 'fashion-mnist-cnn'?"),
                 qPrintable(typo.err));
        const Result unknown = runCli({"validate", "resnet"});
        QCOMPARE(unknown.exitCode, 3);
        QVERIFY2(unknown.err.contains("'resnet' is neither a config file nor a preset; "
                                      "`trainbench-cli presets` lists the presets"),
                 qPrintable(unknown.err));
    }

    void invalidConfigListsEveryProblem() {
        const QString path = m_dir.filePath("bad.yaml");
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("train:\n  batch_size: 0\n  epoch: 3\noptim:\n  lr: -1\n");
        f.close();
        const QString db = m_dir.filePath("never.db");
        const Result r = runCli({"train", path, "--db", db});
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.err.contains("train.batch_size"), qPrintable(r.err));
        QVERIFY2(r.err.contains("did you mean 'train.epochs'"), qPrintable(r.err));
        QVERIFY2(r.err.contains("optim.lr"), qPrintable(r.err));
        QVERIFY(!QFile::exists(db));
        QCOMPARE(runCli({"validate", path}).exitCode, 3);
    }

    void missingDatasetIsAnInputError() {
        const QString db = m_dir.filePath("never.db");
        const Result r = runCli(
            {"train", "fashion-mnist-cnn", "--db", db, "--set", "data.root=/nonexistent/data"});
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.err.contains("/nonexistent/data"), qPrintable(r.err));
        QVERIFY(!QFile::exists(db));
    }

    void corruptDatasetIsAnInputError() {
        if (!QFile::exists(kFashion + "/train-images-idx3-ubyte.gz"))
            QSKIP("Fashion-MNIST is not installed");
        const QString data = m_dir.filePath("corrupt");
        QVERIFY(QDir().mkpath(data));
        for (const QString name : {"train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz",
                                   "t10k-labels-idx1-ubyte.gz"})
            QVERIFY(QFile::copy(kFashion + "/" + name, data + "/" + name));
        QFile source(kFashion + "/train-images-idx3-ubyte.gz");
        QVERIFY(source.open(QIODevice::ReadOnly));
        QFile truncated(data + "/train-images-idx3-ubyte.gz");
        QVERIFY(truncated.open(QIODevice::WriteOnly));
        truncated.write(source.read(source.size() / 2));
        truncated.close();

        const QString db = m_dir.filePath("never.db");
        const Result r =
            runCli({"train", "fashion-mnist-cnn", "--db", db, "--set", "data.root=" + data});
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.err.contains("train-images-idx3-ubyte.gz"), qPrintable(r.err));
        QVERIFY(!QFile::exists(db));
    }

    void unwritableDatabaseIsAStoreError() {
        const Result r = runCli({"train", "fashion-mnist-mlp", "--db", "/proc/nope/runs.db"});
        QCOMPARE(r.exitCode, 4);
        QVERIFY2(r.err.contains("/proc/nope/runs.db"), qPrintable(r.err));
    }

    void firstRunCreatesTheDefaultWorkspace() {
        if (!QFile::exists(kFashion + "/train-images-idx3-ubyte.gz"))
            QSKIP("Fashion-MNIST is not installed");
        // A fresh account: no ~/.local/share/trainbench yet.
        const QString home = m_dir.filePath("fresh-home");
        QVERIFY(QDir().mkpath(home));
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("HOME", home);
        env.remove("XDG_DATA_HOME");
        p.setProcessEnvironment(env);
        QStringList args = quickTrainArgs({});
        args.remove(2, 2); // no --db: the default workspace
        p.start(qEnvironmentVariable("TB_CLI"), args);
        QVERIFY(p.waitForFinished(120000));
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        QVERIFY(QFile::exists(home + "/.local/share/trainbench/workspace.db"));
    }

    void runsOnAMissingDatabase() {
        const Result r = runCli({"runs", "--db", m_dir.filePath("absent.db"), "list"});
        QCOMPARE(r.exitCode, 4);
        QVERIFY(!QFile::exists(m_dir.filePath("absent.db")));
    }

    void trainThenInspect() {
        if (!QFile::exists(kFashion + "/train-images-idx3-ubyte.gz"))
            QSKIP("Fashion-MNIST is not installed");
        const QString db = m_dir.filePath("runs.db");
        const Result train = runCli(quickTrainArgs(db));
        QVERIFY2(train.exitCode == 0, qPrintable(train.err));
        QVERIFY2(train.err.contains("stored in " + db), qPrintable(train.err));
        QVERIFY(train.err.contains("epoch 1/1"));

        const Result list = runCli({"runs", "--db", db, "list"});
        QCOMPARE(list.exitCode, 0);
        QVERIFY(list.out.contains("fashion-mnist-mlp"));
        QVERIFY(list.out.contains("finished"));
        QCOMPARE(runCli({"runs", "list", "--db", db}).out, list.out); // either place for --db
        QVERIFY2(list.out.startsWith("id  name"), qPrintable(list.out));
        QVERIFY2(list.out.contains("val/loss  test/accuracy\n"), qPrintable(list.out));
        QVERIFY(!list.out.contains("test/mse")); // no forecasting run here
        const Result fields = runCli({"runs", "list", "--db", db, "--field", "model.hidden",
                                      "--field", "no.such", "--metric", "test/loss"});
        QCOMPARE(fields.exitCode, 0);
        QVERIFY2(fields.out.contains("model.hidden  no.such  test/loss\n"), qPrintable(fields.out));
        QVERIFY2(fields.out.contains(QRegularExpression(" 32 +- +\\d\\.\\d{4}\n")),
                 qPrintable(fields.out));

        const Result show = runCli({"runs", "--db", db, "show", "1"});
        QCOMPARE(show.exitCode, 0);
        QVERIFY(show.out.contains("test/accuracy"));
        QVERIFY(show.out.contains("hidden: 32"));
        // The checkpoints beside the database (train.checkpoints is on in the preset).
        // How the run scales its inputs comes first: it is written as the run starts.
        QVERIFY2(show.out.contains("files:\n  inputs                  " + db +
                                   ".artifacts/run-1/inputs.yaml\n  best (epoch 1)"),
                 qPrintable(show.out));
        QVERIFY2(show.out.contains(db + ".artifacts/run-1/best.pt"), qPrintable(show.out));
        QCOMPARE(show.out.count("last.pt"), 1); // written at every epoch: one file
        // The test's scores per class, from the confusion matrix saved beside the checkpoints.
        QVERIFY2(show.out.contains(QRegularExpression(
                     "test per class:\n  class +samples +precision +recall +F1 +most often "
                     "taken for\n  T-shirt/top +1000 +0\\.\\d{3} +0\\.\\d{3} +0\\.\\d{3} ")),
                 qPrintable(show.out));
        QVERIFY2(show.out.contains(QRegularExpression("\n  all +10000 +0\\.\\d{3} macro +accuracy "
                                                      "0\\.\\d{3}\n")),
                 qPrintable(show.out));
        const QString confusion = db + ".artifacts/run-1/test-confusion.csv";
        QFile damagedFile(confusion);
        QVERIFY(damagedFile.open(QIODevice::WriteOnly | QIODevice::Truncate));
        damagedFile.write("true \\ predicted,a,b\na,1,2\n");
        damagedFile.close();
        const Result damaged = runCli({"runs", "--db", db, "show", "1"});
        QCOMPARE(damaged.exitCode, 0);
        QVERIFY2(damaged.out.contains("test per class:\n  " + confusion +
                                      " is damaged: it ends after line 2, before the row of class "
                                      "'b'\nconfig:"),
                 qPrintable(damaged.out));

        const Result csv = runCli({"runs", "--db", db, "export", "1", "--csv"});
        QCOMPARE(csv.exitCode, 0);
        QVERIFY(csv.out.startsWith("step,epoch,wall_time_s,"));
        QVERIFY(csv.out.contains("train/loss"));
        QVERIFY(csv.out.count('\n') > 5);
        QCOMPARE(runCli({"runs", "--db", db, "export", "1"}).out, csv.out); // CSV is the default

        QCOMPARE(runCli({"runs", "--db", db, "show", "99"}).exitCode, 5);

        const Result note = runCli({"runs", "note", "1", "--db", db, "--star", "--tags",
                                    "mlp, baseline,,mlp", "--notes", "the reference run"});
        QCOMPARE(note.exitCode, 0);
        QCOMPARE(note.out, QString("run 1: starred, tags: mlp,baseline\nthe reference run\n"));
        QCOMPARE(runCli({"runs", "note", "1", "--db", db, "--star", "--unstar"}).exitCode, 2);
        QVERIFY(runCli({"runs", "list", "--db", db, "--starred", "--tag", "baseline"})
                    .out.contains("fashion-mnist-mlp"));
        QVERIFY(!runCli({"runs", "list", "--db", db, "--tag", "base"}).out.contains("mlp"));
        QCOMPARE(runCli({"runs", "note", "7", "--db", db, "--star"}).exitCode, 5);

        // The test images file itself, predicted on: its labels beside it give the accuracy
        // the test pass gave.
        const Result predicted =
            runCli({"predict", "1", kFashion + "/t10k-images-idx3-ubyte.gz", "--db", db});
        QVERIFY2(predicted.exitCode == 0, qPrintable(predicted.err));
        QCOMPARE(predicted.out.count('\n'), 10001);
        QVERIFY2(predicted.out.startsWith("file,class,probability,T-shirt/top,"),
                 qPrintable(predicted.out.left(200)));
        QVERIFY(predicted.out.section('\n', 0, 0).endsWith(",Ankle boot,label"));
        QVERIFY2(predicted.out.contains("\n" + kFashion + "/t10k-images-idx3-ubyte.gz#9999,"),
                 qPrintable(predicted.out.right(300)));
        const QRegularExpressionMatch right =
            QRegularExpression("; (\\d+) of the 10000 labelled images right \\(")
                .match(predicted.err);
        QVERIFY2(right.hasMatch(), qPrintable(predicted.err));
        const QString testAccuracy =
            list.out.section('\n', 1, 1).split(' ', Qt::SkipEmptyParts).last();
        QCOMPARE(QString::number(right.captured(1).toDouble() / 10000.0, 'f', 4), testAccuracy);

        // Deleting takes the run's checkpoints along.
        QVERIFY(QDir(db + ".artifacts/run-1").exists());
        const Result removed = runCli({"runs", "delete", "1", "--db", db});
        QCOMPARE(removed.exitCode, 0);
        QVERIFY2(removed.out.startsWith("deleted 1 run and "), qPrintable(removed.out));
        QVERIFY(!QDir(db + ".artifacts/run-1").exists());
        QCOMPARE(runCli({"runs", "delete", "1", "--db", db}).exitCode, 5);
        QVERIFY(!runCli({"runs", "list", "--db", db}).out.contains("fashion-mnist-mlp"));
    }

    void predictWritesAForecastAsCsv() {
        // 300 hourly rows of two channels.
        QString text = "date,load,OT\n";
        for (int row = 0; row < 300; ++row)
            text += QString("2021-03-%1 %2:00,%3,%4\n")
                        .arg(row / 24 + 1, 2, 10, QChar('0'))
                        .arg(row % 24)
                        .arg(std::sin(row * 0.26) * 10.0 + 20.0)
                        .arg(std::cos(row * 0.13) * 3.0 + row * 0.01);
        const QString csv = m_dir.filePath("load.csv");
        QFile file(csv);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(text.toUtf8());
        file.close();
        const QString db = m_dir.filePath("predictions.db");
        const Result train = runCli(
            {"train", "dlinear-etth1-96", "--db", db, "--set", "data.path=" + csv, "--set",
             "data.channels=2", "--set", "data.split=ratio", "--set", "data.seq_len=24", "--set",
             "data.label_len=12", "--set", "data.pred_len=6", "--set", "train.epochs=1"});
        QVERIFY2(train.exitCode == 0, qPrintable(train.err));

        const Result out = runCli({"predict", "1", csv, "--db", db});
        QVERIFY2(out.exitCode == 0, qPrintable(out.err));
        QVERIFY2(out.out.startsWith("date,load,OT\n2021-03-13 12:00:00,"), qPrintable(out.out));
        QCOMPARE(out.out.count('\n'), 7);
        QVERIFY2(out.err.contains("forecast of 6 rows after 2021-03-13 11:00:00 by run 1's best "
                                  "epoch (epoch 1)"),
                 qPrintable(out.err));

        const QString written = m_dir.filePath("forecast.csv");
        const Result toFile = runCli({"predict", "1", csv, "--db", db, "--out", written});
        QCOMPARE(toFile.exitCode, 0);
        QVERIFY(toFile.out.isEmpty());
        QVERIFY2(toFile.err.contains("written to " + written), qPrintable(toFile.err));
        QFile forecast(written);
        QVERIFY(forecast.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(forecast.readAll()), out.out);
        // Never over what it reads: the file it forecasts from, or the workspace.
        for (const QString& readFrom : {csv, db}) {
            const Result over = runCli({"predict", "1", csv, "--db", db, "--out", readFrom});
            QCOMPARE(over.exitCode, 3);
            QVERIFY2(over.err.contains(readFrom + " is a file this command reads"),
                     qPrintable(over.err));
        }
        QCOMPARE(runCli({"predict", "1", csv, "--db", db}).out, out.out);

        const Result noRun = runCli({"predict", "9", csv, "--db", db});
        QCOMPARE(noRun.exitCode, 5);
        QVERIFY2(noRun.err.contains("no run 9 in " + db), qPrintable(noRun.err));
        const Result noDate = runCli({"predict", "1", csv, "--db", db, "--from", "2021-02-01"});
        QCOMPARE(noDate.exitCode, 3);
        QVERIFY2(noDate.err.contains("has no row dated 2021-02-01 00:00:00 or before; its rows run "
                                     "from 2021-03-01 00:00:00 to 2021-03-13 11:00:00"),
                 qPrintable(noDate.err));
        QVERIFY(noDate.out.isEmpty());
    }

    void killedTrainingIsMarkedFailed() {
        if (!QFile::exists(kFashion + "/train-images-idx3-ubyte.gz"))
            QSKIP("Fashion-MNIST is not installed");
        const QString db = m_dir.filePath("killed.db");
        QProcess training;
        QStringList args = quickTrainArgs(db);
        args.replace(args.indexOf("train.epochs=1"), "train.epochs=50");
        training.start(qEnvironmentVariable("TB_CLI"), args);
        QVERIFY(training.waitForStarted());
        // Kill it once it trains: the first epoch's metrics are in the file by then.
        QTRY_VERIFY_WITH_TIMEOUT(runCli({"runs", "--db", db, "show", "1"}).out.contains("epoch/"),
                                 120000);
        training.kill();
        QVERIFY(training.waitForFinished());

        const Result show = runCli({"runs", "--db", db, "show", "1"});
        QCOMPARE(show.exitCode, 0);
        QVERIFY2(show.out.contains("status    failed"), qPrintable(show.out));
        QVERIFY2(show.out.contains("killed or crashed"), qPrintable(show.out));
        QVERIFY2(show.out.contains("train/loss"), qPrintable(show.out));
    }

    void resultsOnAMissingDatabase() {
        const Result r = runCli({"results", "--db", m_dir.filePath("absent.db")});
        QCOMPARE(r.exitCode, 4);
        QVERIFY(!QFile::exists(m_dir.filePath("absent.db")));
    }

    void resultsOnAnEmptyDatabase() {
        const QString db = m_dir.filePath("empty.db");
        tb::engine::RunStore::open(db.toStdString());
        const Result r = runCli({"results", "--db", db, "--csv"});
        QCOMPARE(r.exitCode, 5);
        QVERIFY(r.out.isEmpty());
        QVERIFY2(r.err.contains("no finished forecasting runs in " + db), qPrintable(r.err));
        QVERIFY2(r.err.contains("dlinear-etth1-96"), qPrintable(r.err));
    }

    void aTestOfOtherWeightsIsListedAsTested() {
        const QString db = m_dir.filePath("tested.db");
        {
            tb::engine::RunStore store = tb::engine::RunStore::open(db.toStdString());
            tb::test::storeFinishedRun(store, "etth1-on-etth2",
                                       "name: etth1-on-etth2\nmodel: {init_from: 'run:7'}\n"
                                       "train: {epochs: 0}\n",
                                       {{"test/mse", 0.36}});
        }
        const Result list = runCli({"runs", "list", "--db", db});
        QVERIFY2(
            list.out.split('\n').value(1).contains(QRegularExpression("etth1-on-etth2 +tested ")),
            qPrintable(list.out));
        const Result show = runCli({"runs", "show", "1", "--db", db});
        QVERIFY2(show.out.contains("  status    tested\n  tested    the weights of run:7 (it "
                                   "trained no epoch)\n"),
                 qPrintable(show.out));
    }

    void runsAsJsonForScripts() {
        const QString db = m_dir.filePath("json.db");
        {
            tb::engine::RunStore store = tb::engine::RunStore::open(db.toStdString());
            const std::int64_t first = tb::test::storeFinishedRun(
                store, "lr-low", "name: lr-low\noptim: {lr: 0.001}\ndata: {normalize: true}\n",
                {{"val/loss", 0.25}, {"test/accuracy", 0.875}});
            store.setRunNotes(first, "the \"good\" one", "baseline, sweep-1", true);
            tb::test::storeFinishedRun(store, "diverged", "name: diverged\noptim: {lr: 10}\n",
                                       {{"val/loss", std::nan("")}});
            // Latin-1 bytes, as a path from an old file system may bring.
            tb::test::storeFinishedRun(store, "caf\xe9", "name: x\ndata: {path: /d/caf\xe9.csv}\n",
                                       {});
        }
        const Result list = runCli({"runs", "list", "--db", db, "--json", "--field", "optim.lr",
                                    "--field", "data.normalize"});
        QCOMPARE(list.exitCode, 0);
        QJsonParseError error;
        const QJsonArray runs = QJsonDocument::fromJson(list.out.toUtf8(), &error).array();
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
        QCOMPARE(runs.size(), 3);
        QCOMPARE(runs[0].toObject()["name"].toString(), QStringLiteral("caf\ufffd"));
        const QJsonObject diverged = runs[1].toObject();
        QCOMPARE(diverged["id"].toInt(), 2);
        QVERIFY(diverged["metrics"].toObject()["val/loss"].isNull());
        QCOMPARE(diverged["fields"].toObject()["optim.lr"].toInt(), 10);
        QVERIFY(diverged["fields"].toObject()["data.normalize"].isNull());
        const QJsonObject low = runs[2].toObject();
        QCOMPARE(low["name"].toString(), QStringLiteral("lr-low"));
        QCOMPARE(low["status"].toString(), QStringLiteral("finished"));
        QCOMPARE(low["notes"].toString(), QStringLiteral("the \"good\" one"));
        QCOMPARE(low["tags"].toArray(), (QJsonArray{"baseline", "sweep-1"}));
        QVERIFY(low["starred"].toBool());
        QCOMPARE(low["metrics"].toObject()["test/accuracy"].toDouble(), 0.875);
        QCOMPARE(low["fields"].toObject()["optim.lr"].toDouble(), 0.001);
        QCOMPARE(low["fields"].toObject()["data.normalize"].toBool(), true);

        const Result newest = runCli({"runs", "list", "--db", db, "--json", "-n", "1"});
        const QJsonArray one = QJsonDocument::fromJson(newest.out.toUtf8()).array();
        QCOMPARE(one.size(), 1);
        QCOMPARE(one[0].toObject()["id"].toInt(), 3);
        const Result none = runCli({"runs", "list", "--db", db, "--limit", "0"});
        QCOMPARE(none.exitCode, 2);
        QVERIFY2(none.err.contains("--limit: must be a whole number of 1 or more (got 0)"),
                 qPrintable(none.err));

        const Result show = runCli({"runs", "show", "1", "--db", db, "--json"});
        QCOMPARE(show.exitCode, 0);
        const QJsonObject shown = QJsonDocument::fromJson(show.out.toUtf8(), &error).object();
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
        QCOMPARE(shown["seed"].toInt(), 0);
        QVERIFY(shown["config"].toString().startsWith("name: lr-low\n"));
        QCOMPARE(shown["metrics"].toObject()["val/loss"].toDouble(), 0.25);
        QVERIFY(shown["files"].isArray());
        QCOMPARE(runCli({"runs", "show", "9", "--db", db, "--json"}).exitCode, 5);
        const Result latin1 = runCli({"runs", "show", "3", "--db", db, "--json"});
        QCOMPARE(latin1.exitCode, 0);
        QVERIFY2(QJsonDocument::fromJson(latin1.out.toUtf8())
                     .object()["config"]
                     .toString()
                     .contains("caf\ufffd.csv"),
                 qPrintable(latin1.out));
    }

    void resultsTable() {
        const Result r = runCli({"results", "--db", resultsDatabase()});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(
            r.out.split('\n'),
            QStringList({"dataset  features  horizon  model     runs  MSE            MAE",
                         "ETTh1    M         96       dlinear   2     0.500 ± 0.354  "
                         "0.500 ± 0.000",
                         "ETTh1    M         96       patchtst  1     0.375          0.250", ""}));
        // The classifier run is no forecasting run: nothing to say about it.
        QVERIFY2(r.err.isEmpty(), qPrintable(r.err));
    }

    void resultsAsCsv() {
        const Result r = runCli({"results", "--db", resultsDatabase(), "--csv"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(r.out,
                 QStringLiteral("dataset,features,pred_len,model,config,runs,mse_mean,mse_std,"
                                "mae_mean,mae_std\nETTh1,M,96,dlinear,,2,0.5,0.3535533905932738,"
                                "0.5,0\nETTh1,M,96,patchtst,,1,0.375,,0.25,\n"));
    }

    void resultsAsLatexToAFile() {
        const QString tex = m_dir.filePath("grid.tex");
        const Result r = runCli({"results", "--db", resultsDatabase(), "--latex", "-o", tex});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(r.out.isEmpty());
        QFile file(tex);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString latex = QString::fromUtf8(file.readAll());
        QVERIFY2(latex.contains("\\begin{tabular}{llcccc}"), qPrintable(latex));
        QVERIFY2(latex.contains("ETTh1 & 96 & 0.500\\,$\\pm$\\,0.354 & 0.500\\,$\\pm$\\,0.000 & "
                                "\\textbf{0.375} & 0.250 \\\\\n"),
                 qPrintable(latex));

        const Result unwritable =
            runCli({"results", "--db", resultsDatabase(), "--latex", "-o", "/proc/nope/grid.tex"});
        QCOMPARE(unwritable.exitCode, 4);
        QVERIFY2(unwritable.err.contains("cannot write /proc/nope/grid.tex: No such file or "
                                         "directory; write to a file in a folder that exists"),
                 qPrintable(unwritable.err));
        const Result folder =
            runCli({"results", "--db", resultsDatabase(), "--latex", "-o", m_dir.path()});
        QCOMPARE(folder.exitCode, 4);
        QVERIFY2(folder.err.contains(m_dir.path() + " is a folder; give a file name in it"),
                 qPrintable(folder.err));
        const Result overWorkspace =
            runCli({"results", "--db", resultsDatabase(), "-o", resultsDatabase()});
        QCOMPARE(overWorkspace.exitCode, 4);
        QVERIFY2(overWorkspace.err.contains(" is a file this command reads; writing there would "
                                            "replace it"),
                 qPrintable(overWorkspace.err));
        QCOMPARE(runCli({"results", "--db", resultsDatabase()}).exitCode, 0);
        // A device is written into, not replaced by a file (here through a link to it, which
        // a file written beside it and renamed would replace): what does not reach it fails.
        const QString full = m_dir.filePath("full-device");
        QVERIFY(QFile::link(QStringLiteral("/dev/full"), full));
        const Result toFull = runCli({"results", "--db", resultsDatabase(), "-o", full});
        QCOMPARE(toFull.exitCode, 4);
        QVERIFY2(toFull.err.contains("cannot write " + full + ": No space left on device"),
                 qPrintable(toFull.err));
        QVERIFY(QFileInfo(full).isSymLink());
    }

    // A colleague's workspace, in a folder this user may read but not write: SQLite's
    // write-ahead log cannot make its files there, and a command that only reads needs none.
    void aWorkspaceInAFolderOthersOwnIsRead() {
        if (::geteuid() != 0 || QStandardPaths::findExecutable("runuser").isEmpty())
            QSKIP("needs root to run a command as another user");
        QTemporaryDir shared(QDir::tempPath() + "/tb-shared-XXXXXX");
        const QString db = shared.filePath("team.db");
        QVERIFY(QFile::copy(resultsDatabase(), db));
        QVERIFY(QFile::setPermissions(shared.path(), QFile::ReadOwner | QFile::WriteOwner |
                                                         QFile::ExeOwner | QFile::ReadOther |
                                                         QFile::ExeOther));
        QVERIFY(QFile::setPermissions(db, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadOther));
        const Result list = runCli(
            {"-u", "nobody", "--", qEnvironmentVariable("TB_CLI"), "runs", "--db", db, "list"},
            60000, QStandardPaths::findExecutable("runuser"));
        QVERIFY2(list.exitCode == 0, qPrintable(list.err));
        QVERIFY2(list.out.contains("dlinear"), qPrintable(list.out));
        QVERIFY(!QFile::exists(db + "-wal"));
    }

    void printingToAFullDiskFails() {
        QProcess p;
        p.setStandardOutputFile(QStringLiteral("/dev/full"));
        p.start(qEnvironmentVariable("TB_CLI"), {"runs", "--db", resultsDatabase(), "export", "1"});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 4);
        const QString err = QString::fromUtf8(p.readAllStandardError());
        QVERIFY2(err.contains("did not all reach its standard output (No space left on device)"),
                 qPrintable(err));
    }

    void resultsOfTrainedRuns() {
        if (!QFile::exists(QStringLiteral(TB_SHARED_DATA_DIR "/ett/ETTh1.csv")))
            QSKIP("the shared ETT files are not there");
        const QString db = m_dir.filePath("forecasts.db");
        for (const QString seed : {"1", "2"}) {
            const Result train =
                runCli({"train", "dlinear-etth1-96", "--db", db, "--set", "seed=" + seed, "--set",
                        "train.epochs=1", "--set", "train.max_batches=3"});
            QVERIFY2(train.exitCode == 0, qPrintable(train.err));
        }
        const Result r = runCli({"results", "--db", db, "--csv"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QStringList lines = r.out.split('\n');
        QCOMPARE(lines.size(), 3);
        QVERIFY2(lines[1].startsWith("ETTh1,M,96,dlinear,,2,"), qPrintable(r.out));
    }

    void compareRuns() {
        const Result r = runCli({"runs", "--db", resultsDatabase(), "compare", "1", "3"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QString expected =
            QStringList({"                                   run 1             run 3",
                         "  config, the fields that differ",
                         "    name                           dlinear-ETTh1-96  patchtst-ETTh1-96",
                         "    model.name                     dlinear           patchtst",
                         "",
                         "  speed, a typical epoch (* best)",
                         "    epoch                          1.00 s            1.00 s",
                         "    samples/s                      320               320",
                         "    vs fastest                     1.00x             1.00x",
                         "    waiting for data               10%               10%",
                         "",
                         "  final metrics (* best)",
                         "    test/loss                      0.25 *            0.375",
                         "    test/mae                       0.5               0.25 *",
                         "    test/mse                       0.25 *            0.375",
                         "    val/loss                       0.45              0.45",
                         "    train/loss                     0.25              0.25",
                         "    epoch/data_wait                0.1               0.1",
                         "    epoch/duration_s               1                 1",
                         "    epoch/samples_per_s            320               320",
                         ""})
                .join('\n');
        QVERIFY2(r.out == expected, qPrintable(r.out));

        const Result all =
            runCli({"runs", "--db", resultsDatabase(), "compare", "1", "2", "--all"});
        QVERIFY2(all.exitCode == 0, qPrintable(all.err));
        QVERIFY2(all.out.contains("config, every field\n"), qPrintable(all.out));
        QVERIFY2(all.out.contains(QRegularExpression("\n    data.pred_len +96 +96\n")),
                 qPrintable(all.out));

        const Result missing = runCli({"runs", "--db", resultsDatabase(), "compare", "1", "99"});
        QCOMPARE(missing.exitCode, 5);
        QVERIFY2(missing.err.contains("no run 99 in "), qPrintable(missing.err));
    }

    void sweepChecksEveryCombinationFirst() {
        const QString db = m_dir.filePath("sweep-invalid.db");
        const Result r = runCli({"sweep", "fashion-mnist-mlp", "--db", db, "--grid",
                                 "train.batch_size=64,0", "--grid", "train.amp=off,fp17"});
        QCOMPARE(r.exitCode, 3);
        // Three of the four combinations are invalid; each is named, and nothing trained.
        QCOMPARE(r.err.count("is not a valid config"), 3);
        QVERIFY2(r.err.contains("(train.batch_size=0, train.amp=off) is not a valid config"),
                 qPrintable(r.err));
        QVERIFY(!QFile::exists(db));

        // Valid configs whose data is missing: each says why, and no workspace appears.
        const Result none = runCli({"sweep", "fashion-mnist-mlp", "--db", db, "--grid",
                                    "data.root=/nowhere/a,/nowhere/b"});
        QCOMPARE(none.exitCode, 3);
        QCOMPARE(none.err.count("does not exist"), 2);
        QVERIFY2(none.err.contains("none of the 2 runs could start"), qPrintable(none.err));
        QVERIFY(!QFile::exists(db));

        const Result dry = runCli({"sweep", "fashion-mnist-mlp", "--db", db, "--grid",
                                   "train.batch_size=64,128", "--grid", "seed=1,2", "--dry-run"});
        QCOMPARE(dry.exitCode, 0);
        QCOMPARE(dry.out, QString("fashion-mnist-mlp (train.batch_size=64, seed=1)\n"
                                  "fashion-mnist-mlp (train.batch_size=64, seed=2)\n"
                                  "fashion-mnist-mlp (train.batch_size=128, seed=1)\n"
                                  "fashion-mnist-mlp (train.batch_size=128, seed=2)\n"));
        QVERIFY(!QFile::exists(db));
    }

    void sweepTrainsEachCombination() {
        if (!QFile::exists(kFashion + "/train-images-idx3-ubyte.gz"))
            QSKIP("Fashion-MNIST is not installed");
        const QString db = m_dir.filePath("sweep.db");
        const Result r = runCli({"sweep", "fashion-mnist-mlp", "--db", db, "--grid",
                                 "train.batch_size=256,512", "--set", "train.epochs=2", "--set",
                                 "train.max_batches=20", "--set", "model.hidden=32"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.err.contains("sweep 2/2: fashion-mnist-mlp (train.batch_size=512)"),
                 qPrintable(r.err));
        const QStringList lines = r.out.split('\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 3);
        QVERIFY2(lines[0].contains(QRegularExpression(
                     "^train.batch_size  run  status +epoch +samples/s  vs fastest  data wait  "
                     "val/loss  test/accuracy$")),
                 qPrintable(r.out));
        QVERIFY2(lines[1].contains(QRegularExpression("^256 +1 +finished +\\d.* \\d+% ")),
                 qPrintable(r.out));
        QVERIFY2(lines[2].contains(QRegularExpression("^512 +2 +finished +\\d")),
                 qPrintable(r.out));
        QVERIFY2(r.out.contains("1.00x"), qPrintable(r.out));
        QVERIFY2(!r.out.contains("its one epoch"), qPrintable(r.out)); // two epochs each

        const tb::engine::RunStore store =
            tb::engine::RunStore::open(db.toStdString(), tb::engine::RunStore::Mode::ReadOnly);
        QCOMPARE(store.run(2)->name, std::string("fashion-mnist-mlp (train.batch_size=512)"));
        QVERIFY(store.run(2)->configYaml.find("batch_size: 512") != std::string::npos);
        // One tag finds the sweep's runs later.
        const QString tag = QString::fromStdString(store.run(1)->tags);
        QVERIFY2(tag.contains(QRegularExpression("^sweep-\\d{8}-\\d{6}$")), qPrintable(tag));
        QCOMPARE(store.run(2)->tags, store.run(1)->tags);
        QVERIFY2(r.err.contains("runs list --tag " + tag), qPrintable(r.err));

        // Compared, the two batch sizes show their typical epochs side by side.
        const Result compared = runCli({"runs", "--db", db, "compare", "1", "2"});
        QCOMPARE(compared.exitCode, 0);
        QVERIFY2(
            compared.out.contains(QRegularExpression(
                "speed, a typical epoch \\(\\* best\\)\n +epoch +[0-9.]+ s( \\*)? +[0-9.]+ s")),
            qPrintable(compared.out));
        // 1.04x, or 10.4x from ten times on (a run's one epoch carries its warm-up).
        QVERIFY2(compared.out.contains(QRegularExpression(" +vs fastest +\\d+\\.\\d\\d?x +")),
                 qPrintable(compared.out));
        // And the two classifiers' test F1 of every class, from their confusion matrices.
        QVERIFY2(compared.out.contains(QRegularExpression(
                     "test F1 per class \\(\\* best\\)\n +T-shirt/top +0\\.\\d+( \\*)? +0\\.\\d+")),
                 qPrintable(compared.out));
        QVERIFY2(compared.out.contains(QRegularExpression("\n +Ankle boot +0\\.\\d+")),
                 qPrintable(compared.out));
    }

    void ctrlCStopsTheSweepAfterStoringTheRun() {
        const QString db = m_dir.filePath("sweep-interrupted.db");
        const Result r = interruptWhileTraining({"sweep", "fashion-mnist-mlp", "--db", db, "--grid",
                                                 "seed=1,2", "--tag", "seeds", "--set",
                                                 "train.epochs=20", "--set", "train.log_every=1"});
        QCOMPARE(r.exitCode, 130);
        const tb::engine::RunStore store =
            tb::engine::RunStore::open(db.toStdString(), tb::engine::RunStore::Mode::ReadOnly);
        QCOMPARE(store.listRuns().size(), std::size_t{1}); // the second never started
        QCOMPARE(store.run(1)->status, tb::engine::RunStatus::Stopped);
        QCOMPARE(store.run(1)->tags, std::string("seeds"));
    }

    void ctrlCStopsTheRunAndStoresIt() {
        const QString db = m_dir.filePath("interrupted.db");
        const Result r = interruptWhileTraining({"train", "fashion-mnist-mlp", "--db", db, "--set",
                                                 "train.epochs=20", "--set", "train.log_every=1"});
        QCOMPARE(r.exitCode, 130);
        QVERIFY2(r.err.contains("press Ctrl+C again to quit at once"), qPrintable(r.err));
        const tb::engine::RunStore store =
            tb::engine::RunStore::open(db.toStdString(), tb::engine::RunStore::Mode::ReadOnly);
        QCOMPARE(store.run(1)->status, tb::engine::RunStatus::Stopped);

        // It goes on where it stopped, in its first epoch, as the same run.
        const Result continued = runCli({"continue", "1", "--db", db, "--epochs", "1"});
        QCOMPARE(continued.exitCode, 0);
        QVERIFY2(continued.err.contains("run 1 finished"), qPrintable(continued.err));
        QCOMPARE(store.run(1)->status, tb::engine::RunStatus::Finished);
        QCOMPARE(store.listRuns().size(), std::size_t{1});
    }

    void continueTrainsAFinishedRunLonger() {
        if (!QFile::exists(kFashion + "/train-images-idx3-ubyte.gz"))
            QSKIP("Fashion-MNIST is not installed");
        const QString db = m_dir.filePath("longer.db");
        QCOMPARE(runCli(quickTrainArgs(db)).exitCode, 0);

        const Result refused = runCli({"continue", "1", "--db", db});
        QCOMPARE(refused.exitCode, 3);
        QVERIFY2(refused.err.contains("finished its 1 epoch;"), qPrintable(refused.err));
        QCOMPARE(runCli({"continue", "7", "--db", db}).exitCode, 5);

        const Result longer = runCli({"continue", "1", "--db", db, "--epochs", "2"});
        QCOMPARE(longer.exitCode, 0);
        QVERIFY2(longer.err.contains("epoch 2/2"), qPrintable(longer.err));
        QVERIFY2(longer.err.contains("2 epochs of "), qPrintable(longer.err));
        QVERIFY2(longer.err.contains("steps, going on after step "), qPrintable(longer.err));
        const Result show = runCli({"runs", "--db", db, "show", "1"});
        QVERIFY2(show.out.contains("last (epoch 2)"), qPrintable(show.out));
        QVERIFY2(show.out.contains("epochs: 2"), qPrintable(show.out));
        QVERIFY2(show.out.contains("\n  continued 20"), qPrintable(show.out));
        QVERIFY2(show.out.contains("\n  trained   "), qPrintable(show.out));

        // A new run starts from its weights; an unknown run is refused before any is created.
        QStringList fromWeights = quickTrainArgs(db);
        fromWeights << "--set"
                    << "model.init_from=run:1";
        const Result started = runCli(fromWeights);
        QCOMPARE(started.exitCode, 0);
        QVERIFY2(started.err.contains(QRegularExpression(
                     "initial weights from run 1's best epoch \\(epoch [12]\\): 6 of 6")),
                 qPrintable(started.err));
        fromWeights.last() = "model.init_from=run:9";
        const Result unknown = runCli(fromWeights);
        QCOMPARE(unknown.exitCode, 3);
        QVERIFY2(unknown.err.contains("model.init_from: run 9 is not in "),
                 qPrintable(unknown.err));
        QCOMPARE(tb::engine::RunStore::open(db.toStdString(), tb::engine::RunStore::Mode::ReadOnly)
                     .listRuns()
                     .size(),
                 std::size_t{2});
    }

    void dataParallelRunMatchesOneProcessWithTheWholeBatch() {
        if (!QFile::exists(kFashion + "/train-images-idx3-ubyte.gz"))
            QSKIP("Fashion-MNIST is not installed");
        const QString db = m_dir.filePath("parallel.db");
        // No dropout: two processes of 128 samples a step then take one process's steps of 256.
        const QStringList common{"--db",  db,
                                 "--set", "train.epochs=1",
                                 "--set", "model.hidden=32",
                                 "--set", "model.dropout=0",
                                 "--set", "threads=1",
                                 "--set", "data.num_workers=0",
                                 "--set", "train.checkpoints=false"};
        // The processes meet on the port the user names.
        const QString port = QString::number(tb::engine::freeLocalPort());
        const Result parallel =
            runCli(QStringList{"train", "fashion-mnist-mlp", "--nproc", "2", "--set",
                               "train.batch_size=128", "--set", "dist.master_port=" + port} +
                   common);
        QVERIFY2(parallel.exitCode == 0, qPrintable(parallel.err));
        QVERIFY2(parallel.err.contains("1 epochs of 211 steps"), qPrintable(parallel.err));
        QVERIFY(!parallel.err.contains("process 1")); // the worker printed nothing
        const Result whole = runCli(
            QStringList{"train", "fashion-mnist-mlp", "--set", "train.batch_size=256"} + common);
        QVERIFY2(whole.exitCode == 0, qPrintable(whole.err));
        QVERIFY(whole.err.contains("1 epochs of 211 steps"));

        const tb::engine::RunStore store =
            tb::engine::RunStore::open(db.toStdString(), tb::engine::RunStore::Mode::ReadOnly);
        QCOMPARE(store.listRuns().size(), std::size_t{2}); // one run for the whole group
        QVERIFY(store.run(1)->configYaml.find("world_size: 2") != std::string::npos);
        QVERIFY(store.run(1)->configYaml.find("master_port: " + port.toStdString()) !=
                std::string::npos);
        auto testLoss = [&](std::int64_t id) {
            for (const auto& m : store.finalMetrics(id)) {
                if (m.name == "test/loss")
                    return m.value;
            }
            return -1.0;
        };
        QVERIFY(testLoss(1) > 0.0);
        QVERIFY2(std::abs(testLoss(1) - testLoss(2)) < 0.01 * testLoss(2),
                 qPrintable(QString("%1 vs %2").arg(testLoss(1)).arg(testLoss(2))));
    }

    void aDataParallelRunGoesOnAsIfItHadNotStopped() {
        if (!QFile::exists(kFashion + "/train-images-idx3-ubyte.gz"))
            QSKIP("Fashion-MNIST is not installed");
        const QString db = m_dir.filePath("parallel-continued.db");
        // With dropout: each process must go on drawing its own masks where it stopped.
        const QStringList common{"train",   "fashion-mnist-mlp",
                                 "--nproc", "2",
                                 "--db",    db,
                                 "--set",   "model.hidden=32",
                                 "--set",   "model.dropout=0.5",
                                 "--set",   "threads=1",
                                 "--set",   "data.num_workers=0",
                                 "--set",   "train.max_batches=20",
                                 "--set",   "schedule.name=constant"};
        const Result whole = runCli(common + QStringList{"--set", "train.epochs=2"});
        QVERIFY2(whole.exitCode == 0, qPrintable(whole.err));
        const Result first = runCli(common + QStringList{"--set", "train.epochs=1"});
        QVERIFY2(first.exitCode == 0, qPrintable(first.err));

        const Result longer = runCli({"continue", "2", "--db", db, "--epochs", "2"});
        QVERIFY2(longer.exitCode == 0, qPrintable(longer.err));
        QVERIFY2(longer.err.contains("going on after step 20"), qPrintable(longer.err));
        QVERIFY2(!longer.err.contains("process 1"), qPrintable(longer.err));
        const tb::engine::RunStore store =
            tb::engine::RunStore::open(db.toStdString(), tb::engine::RunStore::Mode::ReadOnly);
        QCOMPARE(store.listRuns().size(), std::size_t{2});
        for (const std::string name : {"train/loss", "val/loss"}) {
            std::vector<double> wholeCurve;
            for (const auto& p : store.metricSeries(1, name))
                wholeCurve.push_back(p.value);
            std::vector<double> continuedCurve;
            for (const auto& p : store.metricSeries(2, name))
                continuedCurve.push_back(p.value);
            QCOMPARE(continuedCurve, wholeCurve);
        }

        // Under a launcher, it goes on in as many processes as it trained in.
        QProcess wrongSize;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("WORLD_SIZE", "3");
        env.insert("RANK", "0");
        wrongSize.setProcessEnvironment(env);
        wrongSize.start(qEnvironmentVariable("TB_CLI"), {"continue", "2", "--db", db});
        QVERIFY(wrongSize.waitForFinished(60000));
        QCOMPARE(wrongSize.exitCode(), 3);
        const QString err = QString::fromUtf8(wrongSize.readAllStandardError());
        QVERIFY2(err.contains("it trained in 2 processes and goes on in as many, not in the 3"),
                 qPrintable(err));
    }

    void aNaNLossInAGroupIsReportedOnce() {
        if (!QFile::exists(kFashion + "/train-images-idx3-ubyte.gz"))
            QSKIP("Fashion-MNIST is not installed");
        const QString db = m_dir.filePath("parallel-nan.db");
        const Result r = runCli({"train", "fashion-mnist-mlp", "--db", db, "--nproc", "2", "--set",
                                 "optim.name=sgd", "--set", "optim.lr=10", "--set",
                                 "train.max_batches=40", "--set", "threads=1"});
        QCOMPARE(r.exitCode, 1);
        // Every process sees the same mean loss; only process 0 reports it.
        QCOMPARE(r.err.count("the training loss became"), 1);
        QVERIFY2(!r.err.contains("process 1"), qPrintable(r.err));
    }

    void ctrlCOnProcessZeroStopsTheWholeGroup() {
        if (!QFile::exists(kFashion + "/train-images-idx3-ubyte.gz"))
            QSKIP("Fashion-MNIST is not installed");
        const QString db = m_dir.filePath("parallel-stopped.db");
        // Only process 0 hears it; it passes the stop to process 1 with the next gradients.
        const Result r = interruptWhileTraining(
            {"train", "fashion-mnist-mlp", "--db", db, "--nproc", "2", "--set", "train.epochs=20",
             "--set", "train.log_every=1", "--set", "threads=1"});
        QCOMPARE(r.exitCode, 130);
        QVERIFY2(!r.err.contains("process 1 ended"), qPrintable(r.err)); // it stopped too
        const tb::engine::RunStore store =
            tb::engine::RunStore::open(db.toStdString(), tb::engine::RunStore::Mode::ReadOnly);
        QCOMPARE(store.run(1)->status, tb::engine::RunStatus::Stopped);

        // Both processes go on from the step they stopped at, within the first epoch.
        const Result continued = runCli({"continue", "1", "--db", db, "--epochs", "1"});
        QVERIFY2(continued.exitCode == 0, qPrintable(continued.err));
        QVERIFY2(continued.err.contains("steps, going on after step "), qPrintable(continued.err));
        QCOMPARE(store.run(1)->status, tb::engine::RunStatus::Finished);
        QCOMPARE(store.listRuns().size(), std::size_t{1});
    }

    void speedLedger() {
        const QString db = m_dir.filePath("speed.db");
        {
            tb::engine::RunStore store = tb::engine::RunStore::open(db.toStdString());
            QCOMPARE(runCli({"runs", "--db", db, "speed"}).exitCode, 5); // nothing timed yet
            tb::test::TimedRun cnn;
            for (const auto& [device, seconds] :
                 std::vector<std::pair<std::string, std::vector<double>>>{
                     {"cpu", {30.0, 24.0}}, {"cpu", {31.0, 26.0}}, {"cuda:0", {4.0, 2.0, 2.0}}}) {
                cnn.device = device;
                cnn.epochSeconds = seconds;
                tb::test::storeTimedRun(store, cnn);
            }
            tb::test::TimedRun mlp;
            mlp.name = "mlp";
            mlp.config = "name: mlp\nmodel:\n  name: mlp\n";
            mlp.epochSeconds = {8.0};
            tb::test::storeTimedRun(store, mlp);
        }
        const Result r = runCli({"runs", "--db", db, "speed"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QString expected =
            QStringList({"experiment  device  epoch   samples/s  runs  vs fastest",
                         "cnn         cuda:0  2.00 s  3200       1     1.00x",
                         "            cpu     25.0 s  256        2     12.5x",
                         "mlp         cpu     8.00 s  800        1     1.00x", ""})
                .join('\n');
        QVERIFY2(r.out == expected, qPrintable(r.out));
    }

    void mergeGathersServersFiles() {
        const QString server = m_dir.filePath("merge-server.db");
        const QString older = m_dir.filePath("merge-older.db");
        const QString junk = m_dir.filePath("merge-junk.db");
        const QString db = m_dir.filePath("merge-here.db");
        {
            tb::engine::RunStore store = tb::engine::RunStore::open(server.toStdString());
            tb::test::TimedRun run;
            run.epochSeconds = {3.0, 2.0};
            tb::test::storeTimedRun(store, run);
        }
        tb::test::writeOlderStore(older.toStdString(), 3,
                                  "INSERT INTO runs (id, name, status, created_at, device, host)"
                                  " VALUES (1, 'old', 'finished', '2026-01-01T00:00:00Z', 'cpu',"
                                  " 'server');");
        QFile junkFile(junk);
        QVERIFY(junkFile.open(QIODevice::WriteOnly) && junkFile.write("not a workspace") > 0);
        junkFile.close();

        // A new workspace takes both files' runs; the junk file is named, the others merged.
        const Result r = runCli({"runs", "--db", db, "merge", server, older, junk});
        QCOMPARE(r.exitCode, 4);
        QVERIFY2(r.out.contains("merged " + server + ": 1 new run\n"), qPrintable(r.out));
        QVERIFY2(r.out.contains("merged " + older + ": 1 new run\n"), qPrintable(r.out));
        QVERIFY2(r.err.contains("cannot merge") && r.err.contains(junk), qPrintable(r.err));
        // The older Trainbench's file stays as it wrote it.
        QCOMPARE(tb::test::queryInt(older.toStdString(), "PRAGMA user_version"), 3);

        const Result again = runCli({"runs", "--db", db, "merge", server});
        QCOMPARE(again.exitCode, 0);
        QVERIFY2(again.out.contains(": 0 new runs, 1 already here"), qPrintable(again.out));
        const Result listed = runCli({"runs", "--db", db, "list"});
        QCOMPARE(listed.out.count('\n'), 3); // the header and two runs
    }

private:
    /// Two DLinear seeds and one PatchTST run on ETTh1 at 96, and a classifier run.
    QString resultsDatabase() {
        const QString db = m_dir.filePath("results.db");
        if (QFile::exists(db))
            return db;
        tb::engine::RunStore store = tb::engine::RunStore::open(db.toStdString());
        tb::test::storeForecastRun(store, {"ETTh1", "M", 96, "dlinear", 1, 0.25, 0.5});
        tb::test::storeForecastRun(store, {"ETTh1", "M", 96, "dlinear", 2, 0.75, 0.5});
        tb::test::storeForecastRun(store, {"ETTh1", "M", 96, "patchtst", 1, 0.375, 0.25});
        const std::int64_t classifier = store.createRun(tb::test::sampleRun("fashion-mnist-mlp"));
        store.setRunStatus(classifier, tb::engine::RunStatus::Finished);
        return db;
    }

    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
