// How often a classifier took each class for each other, and the per-class scores from it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace tb::engine {

/// Counts of (true class, predicted class) pairs over a split, with precision, recall and F1
/// per class. A score whose denominator is 0 (a class never predicted, or absent from the
/// split) is 0, as scikit-learn's `zero_division=0` has it.
///
/// Example:
/// ```
/// ConfusionMatrix m({"cat", "dog"});
/// m.add(0, 0, 40); m.add(0, 1, 10); m.add(1, 1, 50);
/// m.recall(0);  // 0.8
/// m.macroF1();  // mean F1 over both classes
/// ```
class ConfusionMatrix {
public:
    explicit ConfusionMatrix(std::vector<std::string> classNames);

    /// Counts `count` samples of `trueClass` predicted as `predictedClass`.
    void add(int trueClass, int predictedClass, std::int64_t count = 1);

    int classCount() const { return static_cast<int>(m_classNames.size()); }
    const std::vector<std::string>& classNames() const { return m_classNames; }

    std::int64_t count(int trueClass, int predictedClass) const;
    /// Samples whose true class is `c` (its row).
    std::int64_t support(int c) const;
    /// Samples predicted as `c` (its column).
    std::int64_t predictedAs(int c) const;
    std::int64_t total() const;

    double accuracy() const;
    double precision(int c) const;
    double recall(int c) const;
    double f1(int c) const;
    /// The mean F1 over the classes that occur in the split or were predicted.
    double macroF1() const;

    /// The class `c` is most often taken for (the largest count off the diagonal in its row),
    /// or -1 when every sample of `c` was classified right.
    int mostConfusedWith(int c) const;

    /// The matrix as rows of text: `true \ predicted` and the class names, then a row per true
    /// class: its name and its counts.
    std::vector<std::vector<std::string>> countRows() const;
    /// The scores as rows of text: a header (`class`, `samples`, `precision`, `recall`, `F1`,
    /// `most often taken for`), a row per class (scores to three decimals, `Dress (104)`), and
    /// an `all` row with the macro F1 and the accuracy.
    std::vector<std::vector<std::string>> scoreRows() const;
    /// countRows() as comma-separated lines.
    std::string toCsv() const;
    /// Reads what toCsv() wrote. Throws std::runtime_error saying what is wrong with the text.
    static ConfusionMatrix fromCsv(const std::string& text);
    /// Reads the file toCsv() was written to. Throws std::runtime_error naming the file: "cannot
    /// read <path>: <reason>" or "<path> is damaged: <what fromCsv() found>".
    static ConfusionMatrix readCsvFile(const std::string& path);

private:
    std::vector<std::string> m_classNames;
    std::vector<std::int64_t> m_counts; // row-major [true][predicted]
};

} // namespace tb::engine
