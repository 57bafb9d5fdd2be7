#!/usr/bin/env bash
# End-to-end tests: Chromium, a production build, then Playwright (which starts the server on
# a fresh database, see playwright.config.ts). Extra arguments go to `playwright test`.
#   NEXT_DIST_DIR=.next-mine  build into (and serve from) another folder than .next
#   E2E_PORT=3210             serve on another port than 3200
#   E2E_SKIP_BUILD=1          reuse the existing build
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

bash scripts/ensure-chromium.sh

if [ "${E2E_SKIP_BUILD:-0}" != "1" ]; then
  echo "--- next build (${NEXT_DIST_DIR:-.next})"
  node_modules/.bin/next build
  node scripts/build-sim-worker.mjs
fi

echo "--- playwright test"
exec node_modules/.bin/playwright test "$@"
