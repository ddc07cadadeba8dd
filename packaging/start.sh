#!/usr/bin/env bash
# Sets up, builds and starts Trainbench on the default experiment (Fashion-MNIST CNN):
# the desktop app when a display is there, otherwise a headless training with a progress bar.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$root/packaging/build.sh"

if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
  exec "$root/build/app/trainbench" "$@"
fi
echo "No display found: training the default experiment headless."
exec "$root/build/app/trainbench-cli" train fashion-mnist-cnn "$@"
