#!/usr/bin/env bash
# One command from a fresh clone: install dependencies, build, and evaluate the bundled
# policies against the bundled example activity.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
set +e
build/cli/souple eval "${@:-examples/retention-findings.yaml}"
rc=$?
set -e
# Exit code 1 means "findings reported": expected for this example.
[ "$rc" -le 1 ] || exit "$rc"
