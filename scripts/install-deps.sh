#!/usr/bin/env bash
# Installs the Debian 12 packages Souple needs to build and test. Idempotent: when every
# package is already installed it only checks (no apt-get update, no download).
set -euo pipefail
packages=(cmake g++ ninja-build pkg-config antlr4 libantlr4-runtime-dev uuid-dev
          libyaml-cpp-dev nlohmann-json3-dev catch2 libcli11-dev python3 python3-jsonschema
          python3-yaml clang libclang-rt-14-dev  # clang + its runtime: libFuzzer (scripts/fuzz.sh)
          libcpp-httplib-dev  # souple serve
          libsodium-dev  # signed releases (souple release sign|verify)
          chromium)  # headless browser: the HTML reports' rendering test (tests/e2e/test_html_report.py)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi
echo "install-deps: installing ${missing[*]}"
sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
"${sudo_cmd[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
