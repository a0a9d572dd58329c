#!/usr/bin/env bash
# Installs the build into a temporary prefix, then, against that prefix only:
# - checks the shared library's SONAME and that it exports only the public API (souple::,
#   not the engine's internals, the generated parser or template instances of its
#   dependencies);
# - builds the embedding example (examples/embed) three ways: find_package with the shared
#   library, with the static one, and a bare compiler line from pkg-config;
# - runs each from outside any checkout, with no configuration, and compares its counts
#   with the installed `souple` command's on the same activity and date.
# Usage: tests/install/run.sh BUILD_DIR   (run by ctest as "install: embed")
set -euo pipefail
build=$(cd "$1" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
fail() { echo "install: $*" >&2; exit 1; }
cmake --install "$build" --prefix "$prefix" >/dev/null
libdir=$(dirname "$(find "$prefix" -name 'libsouple.so' | head -n 1)")
[ -n "$libdir" ] || fail "no libsouple.so installed"

# The shared library: its SONAME, and its exported symbols.
soname=$(readelf -d "$libdir/libsouple.so" | sed -n 's/.*Library soname: \[\(.*\)\]/\1/p')
[ "$soname" = "libsouple.so.0.1" ] || fail "SONAME is '$soname', not libsouple.so.0.1"
[ -e "$libdir/$soname" ] || fail "$soname is not installed next to libsouple.so"
exported=$(nm -D --defined-only "$libdir/libsouple.so" | c++filt | sed 's/^[0-9a-f]* [A-Za-z] //')
count=$(printf '%s\n' "$exported" | grep -c 'souple::LoadBundled' || true)
[ "$count" -ge 1 ] || fail "souple::LoadBundled is not exported"
stray=$(printf '%s\n' "$exported" | grep -v -E '^(SOUPLE_0\.1|((typeinfo (name )?|vtable )for )?souple::)' || true)
[ -z "$stray" ] || fail "exports symbols outside the public API: $(printf '%s\n' "$stray" | head -n 5)"
internal=$(printf '%s\n' "$exported" | grep -E 'souple::(internal|grammar)::' || true)
[ -z "$internal" ] || fail "exports internal symbols: $(printf '%s\n' "$internal" | head -n 5)"

# The embedding example, three ways.
cmake -S "$root/examples/embed" -B "$prefix/embed-shared" -G Ninja -DCMAKE_PREFIX_PATH="$prefix" >/dev/null
cmake --build "$prefix/embed-shared" >/dev/null
readelf -d "$prefix/embed-shared/embed" | grep -q "NEEDED.*\[libsouple.so.0.1\]" ||
  fail "the find_package(souple) build does not link libsouple.so.0.1"
cmake -S "$root/examples/embed" -B "$prefix/embed-static" -G Ninja -DCMAKE_PREFIX_PATH="$prefix" -DEMBED_STATIC=ON >/dev/null
cmake --build "$prefix/embed-static" >/dev/null
if readelf -d "$prefix/embed-static/embed" | grep -q "libsouple.so"; then fail "the static build links libsouple.so"; fi
pc_flags=$(PKG_CONFIG_PATH="$libdir/pkgconfig" pkg-config --cflags --libs souple)
c++ -std=c++17 -o "$prefix/embed-pc" "$root/examples/embed/main.cc" $pc_flags -Wl,-rpath,"$libdir"

example="$root/examples/retention-findings.yaml"
json=$(cd "$prefix" && env -u SOUPLE_HOME "$prefix/bin/souple" eval --as-of 2026-01-15 --format json "$example" || true)
expected=$(printf '%s' "$json" | /usr/bin/python3 -c '
import json, sys
d = json.load(sys.stdin)
s = d["summary"]
print("%d policies; not_met %d, unknown %d, met %d" % (len(d["policies"]), s["not_met"], s["unknown"], s["met"]))')
echo "command:      $expected"
for program in embed-shared/embed embed-static/embed embed-pc; do
  out=$(cd "$prefix" && env -u SOUPLE_HOME "$prefix/$program" "$example" 2026-01-15)
  echo "$program: $out"
  [ "$out" = "$expected" ] || fail "$program and the installed command disagree"
done
# An unusable data root is a diagnostic, not a crash or an empty policy set.
if out=$(cd "$prefix" && SOUPLE_HOME="$prefix/nowhere" "$prefix/embed-shared/embed" "$example" 2>&1); then
  fail "embed ran with SOUPLE_HOME pointing nowhere: $out"
fi
case $out in *"not a Souple data folder"*E5001*) ;; *) fail "SOUPLE_HOME=nowhere gave: $out" ;; esac

found=$(cd "$prefix" && env -u SOUPLE_HOME "$prefix/bin/souple" check)
found=${found%%$'\n'*}  # the first line (no `head`: its early exit would fail the pipe)
case $found in *"from $prefix/share/souple"*) ;; *) fail "souple check used: $found" ;; esac
# The API description the server serves is installed with the data.
cmp -s "$prefix/share/souple/docs/openapi.json" "$root/docs/openapi.json" ||
  fail "share/souple/docs/openapi.json missing or different"
echo "install: ok ($soname, $(printf '%s\n' "$exported" | wc -l) exported symbols; $found)"
