// Applying a trained run's model to new files: the classes of images, or a forecast of the
// rows that follow a CSV's.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

namespace tb::engine {

/// Which run's weights to apply to which files.
struct PredictionRequest {
    std::string databasePath;
    std::int64_t runId = 0;
    std::string checkpoint; ///< best, last, or empty: the best epoch's, else the last
    /// A classifier's: image files, folders (searched through, subfolders too) and MNIST-style
    /// IDX images files. A forecaster's: one CSV with the columns it was trained on.
    std::vector<std::string> inputs;
    std::string device = "cpu";
    /// A forecaster's: the date of the last row it reads (else the last row before it);
    /// empty: the file's last row.
    std::string forecastFrom;
    std::int64_t batchSize = 256; ///< images per forward pass
    /// Asked between batches of images: true stops the prediction (PredictionError Stopped).
    std::function<bool()> stopRequested;
    /// Told after each batch of images how many of how many are done.
    std::function<void(std::size_t done, std::size_t total)> progress;
};

/// One image's classes.
struct ImageClasses {
    std::string file;        ///< the image file, or the IDX file holding the image
    std::int64_t index = -1; ///< the image's place in an IDX file; -1 for an image file
    std::int64_t predicted = 0;
    std::vector<double> probabilities; ///< one per class, summing to 1
    /// The class its IDX labels file or a folder it lies in names; -1: not known.
    std::int64_t label = -1;

    /// `cat/001.png`, or `t10k-images-idx3-ubyte.gz#17` for an IDX file's image.
    std::string name() const { return index < 0 ? file : file + "#" + std::to_string(index); }
};

/// How many of the images with a label the model gave that class.
struct LabelAgreement {
    std::size_t labelled = 0;
    std::size_t right = 0;
};
LabelAgreement labelAgreement(const std::vector<ImageClasses>& images);

/// The rows that follow the ones read, in the CSV's own units.
struct Forecast {
    std::string lastInputDate;        ///< of the last row read
    std::vector<std::string> columns; ///< the forecast channels
    /// The rows read and their values of the forecast channels ([row][column]), to draw the
    /// forecast after them.
    std::vector<std::string> inputDates;
    std::vector<std::vector<double>> inputValues;
    std::vector<std::string> dates;          ///< one per forecast row
    std::vector<std::vector<double>> values; ///< [row][column]
    /// The file's own values of the first rows forecast, where it goes on past the rows read
    /// (forecastFrom earlier than its end), to compare against; [row][column].
    std::vector<std::vector<double>> actual;
};

/// What a run's model made of the files.
struct Prediction {
    std::string task; ///< `classification` or `forecasting`
    /// What the model takes: [channels, height, width] or [seq_len, channels].
    std::vector<std::int64_t> sampleShape;
    /// Whose weights: "run 7's best epoch (epoch 9)".
    std::string origin;
    /// Lines for the user about how the inputs were prepared.
    std::vector<std::string> notes;
    std::vector<std::string> classNames; ///< classification
    std::vector<ImageClasses> images;    ///< classification, in the inputs' order
    /// Classification: the files that could not be read, each message naming one; the rest
    /// were classified.
    std::vector<std::string> unreadable;
    Forecast forecast; ///< forecasting
};

/// Why predict() could not: the run is not there, the run or the files cannot be used, or it
/// was asked to stop.
class PredictionError : public std::runtime_error {
public:
    enum class Kind { NoRun, Unusable, Stopped };
    PredictionError(Kind kind, const std::string& message)
        : std::runtime_error(message)
        , kind(kind) {}
    Kind kind;
};

/// Builds the run's model from its config, loads the checkpoint asked for, and applies it to
/// the inputs, scaled as the run scaled its training data (its inputs.yaml; a run trained
/// before runs kept one has its scaling worked out again from its training data). Throws
/// PredictionError naming the problem and what to do: no such run, no checkpoint, a device
/// that cannot be used, no input files, a CSV without the run's columns or too few rows; and
/// StoreError when the workspace cannot be read. Unreadable images do not throw while at
/// least one image can be read (Prediction::unreadable lists them).
Prediction predict(const PredictionRequest& request);

} // namespace tb::engine
