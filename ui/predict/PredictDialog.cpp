#include "ui/predict/PredictDialog.h"

#include "engine/devices/DeviceInfo.h"
#include "engine/inference/PredictionCsv.h"
#include "ui/predict/ForecastPlot.h"
#include "ui/predict/ImageClassesModel.h"
#include "ui/predict/PredictionTask.h"
#include "ui/theme/AccentColors.h"
#include "ui/util/Format.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QSaveFile>
#include <QSortFilterProxyModel>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>
#include <algorithm>

namespace tb::ui {
namespace {

/// Several inputs in the one line they are typed or shown in.
const QString kInputSeparator = QStringLiteral("; ");

enum Page { Nothing, Classes, Forecast };

/// The engine's clauses ("labels of 20 images from ...") as the start of a sentence.
QString capitalized(const QString& clause) {
    return clause.left(1).toUpper() + clause.mid(1);
}

} // namespace

PredictDialog::PredictDialog(const PredictingRun& run, QWidget* parent)
    : QDialog(parent)
    , m_run(run)
    , m_task(new PredictionTask(this))
    , m_inputText(new QLineEdit(this))
    , m_weights(new QComboBox(this))
    , m_device(new QComboBox(this))
    , m_predict(new QPushButton(tr("Predict"), this))
    , m_status(new QLabel(this))
    , m_mistakesOnly(new QCheckBox(this))
    , m_results(new QStackedWidget(this))
    , m_classes(new ImageClassesModel(this))
    , m_shownClasses(new QSortFilterProxyModel(this))
    , m_classesView(new QTableView(this))
    , m_forecast(new ForecastPlot(this))
    , m_save(new QPushButton(tr("Save CSV\u2026"), this)) {
    setWindowTitle(tr("Predict with %1").arg(run.title));
    auto* intro = new QLabel(
        forecasts() ? tr("%1 forecasts the rows that follow a CSV's, from the columns it was "
                         "trained on, in the file's units.")
                          .arg(run.title)
                    : tr("%1 gives PNG and JPEG images, or the images of an MNIST-style IDX "
                         "file, its classes, each image scaled and coloured as its training "
                         "images were. Images in a folder named after a class, or with an IDX "
                         "labels file beside them, are checked against that label.")
                          .arg(run.title),
        this);
    intro->setWordWrap(true);
    m_weights->addItem(tr("Best epoch"), QStringLiteral("best"));
    m_weights->addItem(tr("Last checkpoint"), QStringLiteral("last"));
    m_weights->setToolTip(tr("The weights applied; a run without a best epoch (no validation) "
                             "uses its last checkpoint"));
    if (run.testedOnly) {
        m_weights->clear();
        m_weights->addItem(tr("The weights it tested"));
        m_weights->setEnabled(false);
        m_weights->setToolTip(tr("This run trained no epoch: it tested the weights its "
                                 "model.init_from names, and predicts with them"));
    }
    m_weights->setObjectName(QStringLiteral("weights"));
    m_device->setObjectName(QStringLiteral("device"));
    listDevices();
    m_status->setObjectName(QStringLiteral("status"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_shownClasses->setSourceModel(m_classes);
    m_shownClasses->setSortRole(Qt::UserRole);
    m_shownClasses->setFilterRole(ImageClassesModel::MistakeRole);
    m_classesView->setModel(m_shownClasses);
    m_mistakesOnly->hide();
    connect(m_mistakesOnly, &QCheckBox::toggled, this, [this](bool only) {
        m_shownClasses->setFilterFixedString(only ? QStringLiteral("true") : QString());
    });
    m_classesView->setSortingEnabled(true);
    m_classesView->sortByColumn(ImageClassesModel::File, Qt::AscendingOrder);
    m_classesView->setIconSize({40, 40});
    m_classesView->verticalHeader()->setDefaultSectionSize(44);
    m_classesView->verticalHeader()->hide();
    // The file names take the room left; the other columns fit their contents.
    m_classesView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_classesView->horizontalHeader()->setSectionResizeMode(ImageClassesModel::File,
                                                            QHeaderView::Stretch);
    m_classesView->setSelectionBehavior(QAbstractItemView::SelectRows);
    auto* nothing = new QLabel(forecasts() ? tr("Pick a CSV and press Predict.")
                                           : tr("Pick images, a folder or an IDX images file and "
                                                "press Predict."),
                               this);
    nothing->setAlignment(Qt::AlignCenter);
    m_results->insertWidget(Nothing, nothing);
    m_results->insertWidget(Classes, m_classesView);
    m_results->insertWidget(Forecast, m_forecast);

    m_save->setEnabled(false);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_save, QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_save, &QPushButton::clicked, this, &PredictDialog::askWhereToSave);
    connect(m_predict, &QPushButton::clicked, this, &PredictDialog::predictOrStop);
    connect(m_inputText, &QLineEdit::returnPressed, this, &PredictDialog::predict);
    connect(m_task, &PredictionTask::succeeded, this, &PredictDialog::showPrediction);
    connect(m_task, &PredictionTask::failed, this, &PredictDialog::showProblem);
    connect(m_task, &PredictionTask::progressed, this, &PredictDialog::showProgress);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(createInputRow());
    auto* statusRow = new QHBoxLayout;
    statusRow->addWidget(m_status, 1);
    statusRow->addWidget(m_mistakesOnly, 0, Qt::AlignBottom);
    layout->addLayout(statusRow);
    layout->addWidget(m_results, 1);
    layout->addWidget(buttons);
    if (!run.startingInput.isEmpty())
        setInputs({run.startingInput});
    setAcceptDrops(true);
    resize(760, 560);
}

PredictDialog::~PredictDialog() = default;

QWidget* PredictDialog::createInputRow() {
    auto* inputs = new QWidget(this);
    auto* form = new QFormLayout(inputs);
    form->setContentsMargins(0, 0, 0, 0);
    auto* files = new QHBoxLayout;
    files->addWidget(m_inputText, 1);
    if (forecasts()) {
        m_inputText->setPlaceholderText(tr("A CSV with the columns the run was trained on"));
        auto* csv = new QPushButton(tr("CSV\u2026"), inputs);
        connect(csv, &QPushButton::clicked, this, &PredictDialog::chooseCsv);
        files->addWidget(csv);
        form->addRow(tr("File"), files);
        m_from = new QLineEdit(inputs);
        m_from->setPlaceholderText(tr("its last row (or a date such as 2018-02-20 23:00)"));
        m_from->setToolTip(tr("The date of the last row the model reads (a file without a row "
                              "of that date is read up to the row before it); where the file "
                              "goes on after it, its own values are drawn against the forecast"));
        connect(m_from, &QLineEdit::returnPressed, this, &PredictDialog::predict);
        form->addRow(tr("Forecast from"), m_from);
    } else {
        m_inputText->setPlaceholderText(
            tr("Image files, folders or IDX images files, separated by \"; \""));
        auto* images = new QPushButton(tr("Images\u2026"), inputs);
        auto* folder = new QPushButton(tr("Folder\u2026"), inputs);
        connect(images, &QPushButton::clicked, this, &PredictDialog::chooseImages);
        connect(folder, &QPushButton::clicked, this, &PredictDialog::chooseFolder);
        files->addWidget(images);
        files->addWidget(folder);
        form->addRow(tr("Images"), files);
    }
    auto* weights = new QHBoxLayout;
    weights->addWidget(m_weights);
    weights->addWidget(new QLabel(tr("on"), inputs));
    weights->addWidget(m_device);
    weights->addStretch(1);
    weights->addWidget(m_predict);
    form->addRow(tr("Weights"), weights);
    return inputs;
}

void PredictDialog::listDevices() {
    for (const tb::engine::DeviceInfo& device : tb::engine::listDevices())
        if (device.available)
            m_device->addItem(
                QStringLiteral("%1 \u2014 %2").arg(toQString(device.id), toQString(device.name)),
                toQString(device.id));
    const int own = m_device->findData(m_run.device);
    m_device->setCurrentIndex(std::max(own, 0));
    m_device->setToolTip(
        own >= 0 ? tr("Where the model runs; the run trained on %1").arg(m_run.device)
                 : tr("Where the model runs; the run trained on %1, which cannot be used here")
                       .arg(m_run.device));
}

void PredictDialog::setInputs(const QStringList& inputs) {
    m_inputText->setText(inputs.join(kInputSeparator));
}

void PredictDialog::setForecastFrom(const QString& date) {
    if (m_from)
        m_from->setText(date);
}

void PredictDialog::chooseImages() {
    const QStringList files = QFileDialog::getOpenFileNames(
        this, tr("Images to classify"), QFileInfo(m_inputText->text()).path(),
        tr("Images (*.png *.jpg *.jpeg *-ubyte *-ubyte.gz)"));
    if (!files.isEmpty())
        setInputs(files);
}

void PredictDialog::chooseFolder() {
    const QString folder = QFileDialog::getExistingDirectory(this, tr("A folder of images"));
    if (!folder.isEmpty())
        setInputs({folder});
}

void PredictDialog::chooseCsv() {
    const QString file = QFileDialog::getOpenFileName(this, tr("A CSV to forecast from"),
                                                      QFileInfo(m_inputText->text()).path(),
                                                      tr("CSV files (*.csv)"));
    if (!file.isEmpty())
        setInputs({file});
}

void PredictDialog::predict() {
    tb::engine::PredictionRequest request;
    request.databasePath = m_run.databasePath.toStdString();
    request.runId = m_run.id;
    request.checkpoint = m_weights->currentData().toString().toStdString();
    request.device = m_device->currentData().toString().toStdString();
    for (const QString& input : m_inputText->text().split(';', Qt::SkipEmptyParts))
        if (!input.trimmed().isEmpty())
            request.inputs.push_back(input.trimmed().toStdString());
    if (m_from)
        request.forecastFrom = m_from->text().trimmed().toStdString();
    if (!m_task->start(request))
        return;
    m_predict->setText(tr("Stop"));
    m_status->setStyleSheet({});
    m_status->setText(forecasts() ? tr("Forecasting\u2026") : tr("Classifying\u2026"));
}

void PredictDialog::predictOrStop() {
    if (!m_task->running()) {
        predict();
        return;
    }
    m_task->stop();
    m_predict->setEnabled(false);
}

void PredictDialog::showProgress(qulonglong done, qulonglong total) {
    m_status->setText(tr("Classifying\u2026 %1 of %2")
                          .arg(done)
                          .arg(countOf(static_cast<long long>(total), tr("image"), tr("images"))));
}

void PredictDialog::readyForTheNext() {
    m_predict->setText(tr("Predict"));
    m_predict->setEnabled(true);
    Q_EMIT finished();
}

void PredictDialog::showPrediction(std::shared_ptr<const tb::engine::Prediction> prediction,
                                   std::shared_ptr<const IdxImageFiles> idxFiles) {
    m_prediction = std::move(prediction);
    m_save->setEnabled(true);
    QStringList lines;
    if (m_prediction->task == "classification") {
        m_classes->setPrediction(m_prediction, std::move(idxFiles));
        m_results->setCurrentIndex(Classes);
        const auto images = static_cast<long long>(m_prediction->images.size());
        QString classified =
            tr("%1 classified by %2.")
                .arg(countOf(images, tr("image"), tr("images")), toQString(m_prediction->origin));
        const tb::engine::LabelAgreement agreement = labelAgreement(m_prediction->images);
        m_classesView->setColumnHidden(ImageClassesModel::Label, agreement.labelled == 0);
        offerMistakesOnly(agreement.labelled - agreement.right);
        if (agreement.labelled > 0)
            classified += ' ' + tr("%1 of the %2 labelled ones are right (%3).")
                                    .arg(agreement.right)
                                    .arg(agreement.labelled)
                                    .arg(formatPercent(static_cast<double>(agreement.right) /
                                                           static_cast<double>(agreement.labelled),
                                                       1));
        lines << classified;
        if (!m_prediction->unreadable.empty())
            lines << tr("Left out as unreadable: %1, such as %2")
                         .arg(countOf(static_cast<long long>(m_prediction->unreadable.size()),
                                      tr("image"), tr("images")),
                              toQString(m_prediction->unreadable.front()));
    } else {
        offerMistakesOnly(0);
        m_forecast->setPrediction(m_prediction);
        m_results->setCurrentIndex(Forecast);
        lines << tr("Forecast by %1.").arg(toQString(m_prediction->origin));
    }
    for (const std::string& note : m_prediction->notes)
        lines << capitalized(toQString(note));
    m_status->setText(lines.join('\n'));
    readyForTheNext();
}

void PredictDialog::offerMistakesOnly(std::size_t mistakes) {
    if (mistakes == 0)
        m_mistakesOnly->setChecked(false);
    m_mistakesOnly->setText(tr("Only the %1 wrong").arg(mistakes));
    m_mistakesOnly->setVisible(mistakes > 0);
}

void PredictDialog::showProblem(const QString& message, bool stopped) {
    offerMistakesOnly(0);
    m_prediction.reset();
    m_save->setEnabled(false);
    m_classes->setPrediction(nullptr);
    m_forecast->setPrediction(nullptr);
    m_results->setCurrentIndex(Nothing);
    m_status->setStyleSheet(stopped ? QString()
                                    : QStringLiteral("color: %1;").arg(accent::kProblem.name()));
    // The engine's "stopped after 256 of 1000 images", as a sentence.
    m_status->setText(stopped ? capitalized(message) + '.' : message);
    readyForTheNext();
}

void PredictDialog::dragEnterEvent(QDragEnterEvent* event) {
    if (event->mimeData()->hasUrls())
        event->acceptProposedAction();
}

void PredictDialog::dropEvent(QDropEvent* event) {
    QStringList paths;
    for (const QUrl& url : event->mimeData()->urls())
        if (url.isLocalFile())
            paths << url.toLocalFile();
    if (paths.isEmpty())
        return;
    event->acceptProposedAction();
    setInputs(forecasts() ? paths.mid(0, 1) : paths);
    predict();
}

bool PredictDialog::saveCsv(const QString& path, QString& error) const {
    if (!m_prediction) {
        error = tr("There is no prediction to save yet.");
        return false;
    }
    const std::string csv = tb::engine::predictionCsv(*m_prediction);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) ||
        file.write(csv.data(), static_cast<qint64>(csv.size())) !=
            static_cast<qint64>(csv.size()) ||
        !file.commit()) {
        error = tr("%1 cannot be written: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

void PredictDialog::askWhereToSave() {
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Save the prediction"),
        QStringLiteral("run-%1-%2.csv").arg(m_run.id).arg(forecasts() ? "forecast" : "classes"),
        tr("CSV files (*.csv)"));
    QString error;
    if (!path.isEmpty() && !saveCsv(path, error))
        QMessageBox::warning(this, tr("Save the prediction"), error);
}

} // namespace tb::ui
