#!/usr/bin/env bash
# Installs what is missing (Debian 12), then configures and builds Trainbench in build/.
# Used by start.sh and test.sh; safe to run again (only what changed is rebuilt).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

packaging/install-deps.sh

cmake --preset default >/dev/null
cmake --build --preset default -- -j"$(nproc)"
