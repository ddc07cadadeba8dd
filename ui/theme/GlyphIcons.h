// The app's icons, drawn as vectors at whatever size and in the current palette.
#pragma once

#include <QIcon>

namespace tb::ui {

enum class Glyph {
    Train,
    Sweep,
    Pause,
    Stop,
    Checkpoint,
    OpenFile,
    SaveFile,
    OpenWorkspace,
    MergeWorkspace,
    Refresh,
    App,
};

/// An icon that paints `glyph` crisply at any size and device pixel ratio. The run controls
/// carry fixed accent colours; the others take the palette's text colour when painted, so
/// they suit light and dark themes alike; disabled icons are drawn faint.
QIcon glyphIcon(Glyph glyph);

} // namespace tb::ui
