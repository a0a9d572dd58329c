#!/usr/bin/env bash
# Configures and builds Souple into build/ (Release with debug info, Ninja, 2 jobs).
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE="${SOUPLE_BUILD_TYPE:-RelWithDebInfo}" >/dev/null
cmake --build build -j "${SOUPLE_JOBS:-2}"
