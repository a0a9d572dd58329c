#!/usr/bin/env bash
# Builds the release files of releases/ that do not exist yet (see releases/README.md).
# A published release is a snapshot and is never rebuilt: its hash identifies the texts
# behind every evaluation made with it. `--force` rebuilds them all (only before they are
# published). Run from a built tree.
set -euo pipefail
cd "$(dirname "$0")/.."
force=${1:-}
build() {  # build ID DATE ARGS...
  local id=$1 date=$2
  shift 2
  if [ -f "releases/$id.json" ] && [ "$force" != "--force" ]; then
    echo "releases/$id.json exists: kept (published releases are never rebuilt)"
    return
  fi
  build/cli/souple release build --id "$id" --date "$date" "$@" --force -o "releases/$id.json"
}
# The commercial retention framework's predecessor: NS-048 as amended in 2016 ...
build 2017.1 2017-12-31 --policies policies/common --policies policies/cnil/retention/ns048.souple
# ... and the 2021 référentiel that replaced it (in force from 10 April 2022).
build 2022.1 2022-12-31 --policies policies/common --policies policies/cnil/retention/commercial.souple
# The whole corpus as published at the end of 2024 and of 2025 (drafts of the scraping and
# legitimate-interest sheets in 2024, their final versions in 2025).
build 2024.2 2024-12-31 --exclude-later
build 2025.2 2025-12-31 --exclude-later
# The CNIL recommendation on tracking pixels in e-mails: its June 2025 draft, before the final
# was adopted (12 Mar 2026) ... and the final délibération 2026-042 (published 14 Apr 2026),
# during the transition that ends on 14 Jul 2026. Focused releases, like 2017.1 and 2022.1.
build 2026.0 2026-03-01 --policies policies/common --policies policies/cnil/email_pixels/common.souple --policies policies/cnil/email_pixels/recommendation.2025-draft.souple
build 2026.1 2026-04-30 --policies policies/common --policies policies/cnil/email_pixels/common.souple --policies policies/cnil/email_pixels/recommendation.2026.souple
# The GDPR baseline layer, schema v2 and dated doctrine (the first release with schema v2).
build 2026.2 2026-12-02 --exclude-later
# Add each new release here, e.g.: build 2027.1 2027-06-01 --exclude-later
