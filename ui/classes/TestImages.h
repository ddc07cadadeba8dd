// The test images of a classifier's run, found from what its test pass recorded.
#pragma once

#include "ui/dataset/ModelImage.h"

#include <QString>
#include <string>

namespace tb::ui {

struct ImageSplit;
struct RunClasses;

/// Reads the test images `classes` names: the IDX file whose image i is sample i (its
/// imagesPath), read whole; or the image file of every sample (its imageFiles), listed only:
/// SampleThumbnails decodes them as `look` when they are shown, and crosses out one that is
/// missing or broken. On failure returns false with `error` saying why, for a reader who still
/// has the matrix in front of them: no images recorded, the file or every folder of the files
/// gone (a moved data.root), the wrong number of images.
bool loadTestImages(const RunClasses& classes, const ImageLook& look, ImageSplit& out,
                    QString& error);

/// How a run's model saw its images (data.image_size, data.color) by its stored config; the
/// images as they are, in colour, when the config cannot be read.
ImageLook imageLookOfRun(const std::string& configYaml);

} // namespace tb::ui
