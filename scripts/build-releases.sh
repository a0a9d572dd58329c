#!/usr/bin/env bash
# Rebuilds the release files shipped in releases/ (see releases/README.md). Run from a
# built tree; review `git diff --stat releases/` before committing: a release is a
# snapshot, so rebuilding one that was published changes its hash.
set -euo pipefail
cd "$(dirname "$0")/.."
souple=build/cli/souple
# The commercial retention framework's predecessor: NS-048 as amended in 2016 ...
$souple release build --id 2017.1 --date 2017-12-31 \
  --policies policies/common --policies policies/cnil/retention/ns048.souple -o releases/2017.1.json
# ... and the 2021 référentiel that replaced it (in force from 10 April 2022).
$souple release build --id 2022.1 --date 2022-12-31 \
  --policies policies/common --policies policies/cnil/retention/commercial.souple -o releases/2022.1.json
# The whole corpus as published at the end of 2024 and of 2025 (drafts of the scraping and
# legitimate-interest sheets in 2024, their final versions in 2025).
$souple release build --id 2024.2 --date 2024-12-31 --exclude-later -o releases/2024.2.json
$souple release build --id 2025.2 --date 2025-12-31 --exclude-later -o releases/2025.2.json
