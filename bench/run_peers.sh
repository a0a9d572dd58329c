#!/usr/bin/env bash
# Souple on the shared peer benchmark (../shared/bench), beside the hand-written C++ baseline
# and any other peer: copies the harness to a writable folder, runs it with Souple as an
# engine (verdicts, and full explanations), prints the table (bench/peer/README.md).
#
#   bench/run_peers.sh [run_peers.sh options, e.g. -n 10000 -r 50 -e cpp-baseline,clips]
#   SOUPLE_PEER_BEFORE=/path/to/an/older/souple_peer bench/run_peers.sh   # old and new in one run
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
shared=${SOUPLE_PEER_HARNESS:-$root/../shared/bench}
work=${SOUPLE_PEER_DIR:-${TMPDIR:-/tmp}/souple-peers}
peer=$root/build/bench/souple_peer
[ -x "$peer" ] || scripts/build.sh
[ -d "$shared" ] || { echo "run_peers: no harness at $shared (set SOUPLE_PEER_HARNESS)" >&2; exit 2; }
mkdir -p "$work"
# The harness keeps its data, builds and results in its folder: copy only its own files.
cp -r "$shared"/. "$work"/
engines="souple=$peer;souple-full=$peer --detail full"
if [ -n "${SOUPLE_PEER_BEFORE:-}" ]; then engines="souple-before=$SOUPLE_PEER_BEFORE;$engines"; fi
args=("$@")
[ ${#args[@]} -gt 0 ] || args=(-e cpp-baseline)
cd "$work"
EXTRA_ENGINES="$engines" ./run_peers.sh "${args[@]}"
