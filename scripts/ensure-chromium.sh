#!/usr/bin/env bash
# Makes sure Debian's Chromium is installed for Playwright. Playwright's own browser download
# (`npx playwright install`) is not reachable from our machines, so never use it.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
  exit 0
fi

echo "Chromium not found at /usr/bin/chromium: installing Debian's package (about 20 s)."
SUDO=()
if [ "$(id -u)" -ne 0 ]; then
  SUDO=(sudo)
fi
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium

if [ ! -x /usr/bin/chromium ]; then
  echo "error: chromium was installed but /usr/bin/chromium is still missing" >&2
  exit 1
fi
