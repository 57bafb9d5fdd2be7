#!/usr/bin/env bash
# `npm test`: every check, in order of speed, stopping at the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

stage() {
  local name=$1
  shift
  printf '\n\033[1m==> %s\033[0m\n' "$name"
  local start=$SECONDS
  if ! "$@"; then
    printf '\n\033[1;31m==> FAILED: %s\033[0m\n' "$name" >&2
    exit 1
  fi
  printf '\033[32m==> ok: %s (%d s)\033[0m\n' "$name" $((SECONDS - start))
}

typecheck() {
  # Route types come from `next typegen` (fast, no build): a stale .next/types from an earlier
  # build must not fail the check, and a clean clone has none at all.
  node_modules/.bin/next typegen >/dev/null && node_modules/.bin/tsc --noEmit
}

lint() {
  # eslint for the code, dependency-cruiser for the layers (.dependency-cruiser.cjs): a forbidden
  # import fails naming the rule and why.
  # check-lock: a dependency on a moving dist-tag breaks `npm ci` on a fresh machine.
  node scripts/check-lock.mjs && node_modules/.bin/eslint . && node_modules/.bin/depcruise app components lib db bench --config .dependency-cruiser.cjs --output-type err
}

stage "1/4 Typecheck (next typegen + tsc --noEmit)" typecheck
stage "2/4 Lint (eslint . + layer rules)" lint
stage "3/4 Unit and integration tests (vitest run)" node_modules/.bin/vitest run
stage "4/4 End-to-end tests (next build + Playwright)" bash scripts/e2e.sh

printf '\n\033[1;32mAll checks passed.\033[0m\n'
