#!/usr/bin/env bash
# Builds the Debian 12 packages into build/packages/: trainbench-cli (engine, CLI, plugins,
# presets; no Qt) and trainbench (the desktop app). With --headless, builds without Qt into
# build-headless/packages/ and makes trainbench-cli only, as a GPU or NPU server would.
#   sudo apt install ./build/packages/trainbench*.deb
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

preset=default binary_dir=build
case "${1:-}" in
  "") ;;
  --headless) preset=headless binary_dir=build-headless ;;
  *) echo "usage: packaging/package.sh [--headless]" >&2; exit 2 ;;
esac

packaging/install-deps.sh
cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset" -- -j"$(nproc)"
cd "$binary_dir"
cpack -G DEB >packages.log 2>&1 || { cat packages.log >&2; exit 1; }
ls -1 "$PWD"/packages/*.deb
