#!/usr/bin/env bash
# Builds the libFuzzer harnesses (fuzz/, clang with ASan + UBSan, in build-fuzz/) and runs
# each one for a given time, then prints one line of figures per harness.
#
#   scripts/fuzz.sh [SECONDS] [HARNESS...]
#     SECONDS  per harness (default 60)
#     HARNESS  policy activity_yaml activity_json eval release policy_test http lsp (default: all)
#   SOUPLE_FUZZ_JOBS   harnesses run at the same time (default 2, one per core)
#   SOUPLE_FUZZ_RUNS   stop each harness after this many executions instead (long campaigns)
#
# Corpora persist in build-fuzz/corpus/HARNESS/, seeded from the bundled files and from the
# regression cases in tests/reliability/repro/. A crash, leak, timeout (25 s) or out-of-memory
# (2 GB) input is written to build-fuzz/artifacts/HARNESS/ and fails the script: add it to
# tests/reliability/repro/fuzz-HARNESS/ with its fix (fuzz/README.md).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
seconds=${1:-60}
shift || true
all=(policy activity_yaml activity_json eval release policy_test http lsp)
harnesses=("$@")
[ ${#harnesses[@]} -gt 0 ] || harnesses=("${all[@]}")
jobs=${SOUPLE_FUZZ_JOBS:-2}

command -v clang++ >/dev/null || { echo "fuzz: clang++ is missing (scripts/install-deps.sh installs it)" >&2; exit 2; }
CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DSOUPLE_BUILD_FUZZERS=ON -DSOUPLE_SANITIZE=address,undefined -DSOUPLE_BUILD_TESTS=OFF \
  -DSOUPLE_BUILD_BENCH=OFF >/dev/null
cmake --build build-fuzz -j "${SOUPLE_JOBS:-2}" --target "${harnesses[@]/#/fuzz_}"

# seed HARNESS: copies the bundled inputs of its kind into its corpus (once per file name).
seed() {
  local h=$1 dir=build-fuzz/corpus/$1
  mkdir -p "$dir"
  local files=()
  case $h in
    policy) mapfile -t files < <(find policies tests/golden tests/reliability/repro -name '*.souple') ;;
    activity_yaml|eval)
      mapfile -t files < <(find examples tests/golden tests/reliability/repro/fuzz-load \
        \( -name '*.yaml' -o -name 'crash-*' -o -name 'minimized-*' \) ! -name '*.test.yaml' -size -64k) ;;
    activity_json)
      mapfile -t files < <(find tests/reliability/repro -maxdepth 1 -name 'activity-*.json')
      # The bundled examples, as JSON.
      /usr/bin/python3 - "$dir" examples/*.yaml <<'PY'
import json, os, sys, yaml
out = sys.argv[1]
for path in sys.argv[2:]:
    with open(path, encoding="utf-8") as f:
        doc = yaml.safe_load(f)
    name = os.path.join(out, "example-" + os.path.basename(path)[:-5] + ".json")
    with open(name, "w", encoding="utf-8") as f:
        json.dump(doc, f, default=str, ensure_ascii=False)
PY
      ;;
    release) mapfile -t files < <(find tests/reliability/repro/fuzz-release tests/reliability/repro \
               -maxdepth 1 -type f \( -name 'crash-*' -o -name 'release-*.json' \); echo releases/2017.1.json) ;;
    policy_test) mapfile -t files < <(find policies tests/reliability/repro -name '*.test.yaml') ;;
    http)
      # One request per route: METHOD PATH, the content type, the body (fuzz/fuzz_http.cc).
      printf 'GET /healthz\n\n' > "$dir/seed-healthz"
      printf 'GET /v1/policies?policy=cnil.retention.commercial\n\n' > "$dir/seed-policies"
      printf 'GET /v1/release\n\n' > "$dir/seed-release"
      printf 'GET /metrics\n\n' > "$dir/seed-metrics"
      printf 'DELETE /v1/evaluate\n\n' > "$dir/seed-method"
      { printf 'POST /v1/check\ntext/plain\n'; cat tests/golden/cases/check-misspelt-field/policy.souple; } > "$dir/seed-check"
      /usr/bin/python3 - "$dir" examples/retention-findings.yaml examples/newsletter.yaml <<'PY'
import json, os, sys, yaml
out = sys.argv[1]
docs = []
for path in sys.argv[2:]:
    with open(path, encoding="utf-8") as f:
        docs.append(yaml.safe_load(f))
with open(os.path.join(out, "seed-evaluate"), "w", encoding="utf-8") as f:
    f.write("POST /v1/evaluate?as_of=2025-01-01\napplication/json\n")
    json.dump(docs, f, default=str, ensure_ascii=False)
with open(os.path.join(out, "seed-evaluate-one"), "w", encoding="utf-8") as f:
    f.write("POST /v1/evaluate?final_only=true\napplication/json\n")
    json.dump(docs[0], f, default=str, ensure_ascii=False)
with open(os.path.join(out, "seed-explain"), "w", encoding="utf-8") as f:
    f.write("POST /v1/explain?as_of=2026-01-15&rule=cnil.retention.commercial.card_storage_consent_validity\napplication/json\n")
    json.dump(docs[0], f, default=str, ensure_ascii=False)
PY
      ;;
    lsp)
      # Sessions as a client writes them (fuzz/fuzz_lsp.cc): one on a policy of its own
      # folder, asked everything; one with bad frames.
      /usr/bin/python3 - "$dir" tests/golden/cases/check-misspelt-field/policy.souple <<'PY'
import json, os, sys
out, policy = sys.argv[1], sys.argv[2]
with open(policy, encoding="utf-8") as f:
    text = f.read()
uri = "file:///souple-fuzz/policy.souple"
def frame(message):
    body = json.dumps(dict(jsonrpc="2.0", **message)).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body
at = {"textDocument": {"uri": uri}, "position": {"line": 3, "character": 8}}
session = [{"id": 1, "method": "initialize", "params": {"capabilities": {}}},
           {"method": "initialized", "params": {}},
           {"method": "textDocument/didOpen", "params": {"textDocument": {
               "uri": uri, "languageId": "souple", "version": 1, "text": text}}},
           {"id": 2, "method": "textDocument/hover", "params": at},
           {"id": 3, "method": "textDocument/completion", "params": at},
           {"id": 4, "method": "textDocument/definition", "params": at},
           {"id": 5, "method": "textDocument/documentSymbol", "params": {"textDocument": {"uri": uri}}},
           {"method": "textDocument/didChange", "params": {"textDocument": {"uri": uri, "version": 2},
               "contentChanges": [{"text": text[: len(text) // 2]}]}},
           {"id": 6, "method": "shutdown"}, {"method": "exit"}]
with open(os.path.join(out, "seed-session"), "wb") as f:
    f.write(b"".join(frame(m) for m in session))
with open(os.path.join(out, "seed-bad-frames"), "wb") as f:
    f.write(frame(session[0]) + b"Content-Length: x\r\n\r\n" + b"Content-Length: 5\r\n\r\n{bad}" + frame({"id": 9, "method": "nope"}))
PY
      ;;
    *) echo "fuzz: unknown harness $h (one of: ${all[*]})" >&2; exit 2 ;;
  esac
  for f in "${files[@]}"; do
    local target="$dir/seed-$(echo "$f" | tr '/' '_')"
    [ -e "$target" ] || cp "$f" "$target"
  done
}

dict_of() {
  case $1 in policy) echo fuzz/dict/souple.dict ;; activity_json|release|http|lsp) echo fuzz/dict/json.dict ;; *) echo fuzz/dict/yaml.dict ;; esac
}
max_len_of() {
  case $1 in policy|http|lsp) echo 65536 ;; release) echo 262144 ;; *) echo 16384 ;; esac
}

run() {
  local h=$1
  mkdir -p "build-fuzz/artifacts/$h" build-fuzz/logs
  local limit=(-max_total_time="$seconds")
  [ -z "${SOUPLE_FUZZ_RUNS:-}" ] || limit=(-runs="$SOUPLE_FUZZ_RUNS")
  local status=0
  "build-fuzz/fuzz/fuzz_$h" "build-fuzz/corpus/$h" "${limit[@]}" -dict="$(dict_of "$h")" \
    -max_len="$(max_len_of "$h")" -timeout=25 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="build-fuzz/artifacts/$h/" >"build-fuzz/logs/$h.log" 2>&1 || status=$?
  echo "$status" >"build-fuzz/logs/$h.status"
}

for h in "${harnesses[@]}"; do seed "$h"; done
running=0
for h in "${harnesses[@]}"; do
  run "$h" &
  running=$((running + 1))
  if [ "$running" -ge "$jobs" ]; then wait -n; running=$((running - 1)); fi
done
wait

failed=0
printf '%-14s %14s %10s %8s %8s %s\n' harness executions "exec/s" corpus cov result
for h in "${harnesses[@]}"; do
  log=build-fuzz/logs/$h.log
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1 || true)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1 || true)
  corpus=$(find "build-fuzz/corpus/$h" -type f | wc -l || true)
  cov=$( (grep -oE 'cov: [0-9]+' "$log" || true) | tail -1 | cut -d' ' -f2)
  result=ok
  if [ "$(cat "build-fuzz/logs/$h.status")" != 0 ] || [ -n "$(ls -A "build-fuzz/artifacts/$h")" ]; then
    result="FAILED: see $root/$log and build-fuzz/artifacts/$h/"
    failed=1
  fi
  printf '%-14s %14s %10s %8s %8s %s\n' "$h" "${execs:-?}" "${rate:-?}" "$corpus" "${cov:-?}" "$result"
done
exit "$failed"
