#!/usr/bin/env bash
# Installs the build into a temporary prefix, then builds and runs, against that prefix
# only, a program that links the engine (consumer/) and the installed `souple` command.
# Usage: tests/install/run.sh BUILD_DIR   (run by ctest as "install: consumer")
set -euo pipefail
build=$(cd "$1" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
cmake --install "$build" --prefix "$prefix" >/dev/null
cmake -S "$here/consumer" -B "$prefix/consumer-build" -G Ninja -DCMAKE_PREFIX_PATH="$prefix" >/dev/null
cmake --build "$prefix/consumer-build" >/dev/null
example="$root/examples/retention-findings.yaml"
out=$("$prefix/consumer-build/consumer" "$example")
echo "consumer: $out"
# The same counts as the installed command gives on the same activity and date, and the
# command finds its data under the prefix (run from outside any checkout).
json=$(cd "$prefix" && env -u SOUPLE_HOME "$prefix/bin/souple" eval --as-of 2026-01-15 --format json "$example" || true)
expected=$(printf '%s' "$json" | /usr/bin/python3 -c '
import json, sys
d = json.load(sys.stdin)
s = d["summary"]
print("%d policies; not_met %d, unknown %d, met %d" % (len(d["policies"]), s["not_met"], s["unknown"], s["met"]))')
echo "command:  $expected"
[ "$out" = "$expected" ] || { echo "install: the consumer and the installed command disagree" >&2; exit 1; }
found=$(cd "$prefix" && env -u SOUPLE_HOME "$prefix/bin/souple" check)
found=${found%%$'\n'*}  # the first line (no `head`: its early exit would fail the pipe)
case $found in *"from $prefix/share/souple"*) ;; *) echo "install: souple check used: $found" >&2; exit 1 ;; esac
# The API description the server serves is installed with the data.
cmp -s "$prefix/share/souple/docs/openapi.json" "$root/docs/openapi.json" ||
  { echo "install: share/souple/docs/openapi.json missing or different" >&2; exit 1; }
echo "install: ok ($found)"
