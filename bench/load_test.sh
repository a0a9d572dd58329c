#!/usr/bin/env bash
# Load test of `souple serve` (a benchmark, not a timed test): wrk at 64 connections for 60 s
# against POST /v1/evaluate on a bundled example; prints requests/s, latency percentiles,
# errors (non-2xx and socket errors: must be 0) and the server's resident memory at start,
# every 10 s and at end (flat once each worker thread's heap is warm).
#
#   bench/load_test.sh [SECONDS] [CONNECTIONS] [EXAMPLE]   (defaults: 60 64 newsletter.yaml)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
connections=${2:-64}
example=${3:-newsletter.yaml}
[ -x build/cli/souple ] || scripts/build.sh
if ! command -v wrk >/dev/null; then
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq wrk >/dev/null
fi
work=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT
python3 - "$example" "$work/activity.json" <<'PY'
import json, sys, yaml
json.dump(yaml.safe_load(open("examples/" + sys.argv[1])), open(sys.argv[2], "w"), default=str)
PY
cat > "$work/post.lua" <<LUA
local f = io.open("$work/activity.json", "rb")
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/json"
-- count non-2xx answers (wrk reports them, but not per status)
local errors = 0
response = function(status, headers, body)
  if status ~= 200 then errors = errors + 1 end
end
done = function(summary, latency, requests)
  io.write(string.format("latency p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
  io.write(string.format("requests %d, non-2xx %d, socket errors %d\n", summary.requests,
    summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
LUA
# cpp-httplib gives each keep-alive connection a worker thread, and a reconnecting client
# (after 5 requests) waits for a free one: twice as many threads as connections.
build/cli/souple serve --port 0 --port-file "$work/port" --threads "$((2 * connections))" 2>"$work/server.log" &
pid=$!
for _ in $(seq 100); do [ -s "$work/port" ] && break; sleep 0.1; done
port=$(cat "$work/port")
url="http://127.0.0.1:$port/v1/evaluate?as_of=2026-12-01"
curl -sf -X POST -H 'Content-Type: application/json' --data-binary @"$work/activity.json" "$url" >/dev/null
rss() { awk '/VmRSS/ {print $2 / 1024 " MiB"}' "/proc/$pid/status"; }
echo "server: pid $pid, $((2 * connections)) worker threads on $(nproc) cores, example $example ($(wc -c <"$work/activity.json") bytes of JSON)"
echo "RSS at start (after one request): $(rss)"
( while sleep 10; do rss >>"$work/rss"; done ) &
sampler=$!
wrk -t 2 -c "$connections" -d "${seconds}s" --timeout 10s --latency -s "$work/post.lua" "$url"
kill "$sampler"
echo "RSS every 10 s: $(paste -sd, "$work/rss" 2>/dev/null | sed 's/,/, /g')"
echo "RSS at end: $(rss)"
kill -TERM "$pid"
wait "$pid"
