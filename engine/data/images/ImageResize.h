// Bringing images of any size to the one square size a model takes.
#pragma once

#include "engine/data/images/ImageFile.h"

namespace tb::engine {

/// Scales `image` so that its shorter side is `side` pixels, then cuts the centre square
/// `side` x `side` out of it: torchvision's Resize(side) then CenterCrop(side). Scaling filters
/// with a triangle as wide as the scale (antialiased bilinear, as PIL and torchvision do), so
/// a large image shrinks without aliasing.
///
/// Example: a 640x480 photo at side 64 is scaled to 85x64, then cut to columns 10..73.
DecodedImage fitToSquare(const DecodedImage& image, int side);

} // namespace tb::engine
