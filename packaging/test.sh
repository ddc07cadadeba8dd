#!/usr/bin/env bash
# Sets up, builds and runs every test (engine, CLI and, under Xvfb, the GUI).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$root/packaging/build.sh"

cd "$root/build"
# Tests get their own HOME so they never touch the user's settings or workspace.
export HOME=$(mktemp -d)
trap 'rm -rf "$HOME"' EXIT
xvfb-run -a -s "-screen 0 1600x1000x24" ctest --output-on-failure -j2 --timeout 600
