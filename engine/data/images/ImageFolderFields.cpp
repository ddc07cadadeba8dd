#include "engine/data/images/ImageFolderFields.h"

#include "engine/config/Schema.h"

namespace tb::engine {

void declareImageFolderFields(Schema& s) {
    constexpr const char* kKind = "folder";
    s.add(FieldSpec{"data.root", FieldType::Path, std::string{}}.forData(kKind).help(
        "Folder with a subfolder of PNG or JPEG images per class (cat/, dog/), or with train/ "
        "(and optionally val/ and test/) folders that each have one; a relative path starts at "
        "the config file's folder"));
    s.add(FieldSpec{"data.image_size", FieldType::Int, std::int64_t{64}}
              .min(0)
              .max(1024)
              .forData(kKind)
              .help("Side of the square the model sees: each image is scaled (shorter side) and "
                    "centre-cropped to it; 0 keeps the files' size, which must be one square "
                    "size"));
    s.add(FieldSpec{"data.color", FieldType::Enum, std::string{"rgb"}}
              .oneOf({"rgb", "gray"})
              .forData(kKind)
              .help("Channels the model sees: rgb (3) or gray (1); images are converted"));
    s.add(
        FieldSpec{"data.test_fraction", FieldType::Float, 0.1}
            .min(0.0)
            .max(0.5)
            .forData(kKind)
            .help(
                "Share of each class's training images held out for testing when there is no test/ "
                "folder"));
}

} // namespace tb::engine
