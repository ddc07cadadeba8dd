#!/usr/bin/env bash
# The foundation benchmark in one run: (a) engine vs PyTorch epoch time, (b) store ingest and
# curve read. Usage: tests/bench/foundation.sh [build-dir]   (default: build)
set -euo pipefail
build=${1:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/build}
"$build/tests/bench/bench_training"
"$build/tests/bench/bench_store"
