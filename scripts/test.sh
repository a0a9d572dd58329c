#!/usr/bin/env bash
# One command from a fresh clone: install dependencies, build, and run the whole test suite:
#   1. the suite (unit, golden, end-to-end, reliability) on the release build, build/;
#   2. the same suite under AddressSanitizer + UBSan, and the threaded tests under
#      ThreadSanitizer (scripts/test-sanitized.sh, build-asan/ and build-tsan/);
#   3. a short run of every fuzz harness (scripts/fuzz.sh, build-fuzz/; SOUPLE_FUZZ_SECONDS
#      each, default 60; 0 skips it).
# About 25 minutes on 2 cores from a clean clone; set SOUPLE_QUICK=1 to run only step 1.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
ctest --test-dir build --output-on-failure -j 2
[ "${SOUPLE_QUICK:-0}" = 1 ] && exit 0
scripts/test-sanitized.sh
seconds=${SOUPLE_FUZZ_SECONDS:-60}
[ "$seconds" = 0 ] || scripts/fuzz.sh "$seconds"
