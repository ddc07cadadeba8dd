// The config fields of data.kind `folder`.
#pragma once

namespace tb::engine {

class Schema;

/// Declares data.root, data.image_size, data.color and data.test_fraction, tagged for data kind
/// `folder`.
void declareImageFolderFields(Schema& schema);

} // namespace tb::engine
