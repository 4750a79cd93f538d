#!/usr/bin/env bash
# CTest entry point for the browser test: installs the pinned node modules (npm ci, from
# package-lock.json; never a browser) when they are missing, then runs axe_test.js.
#   run.sh SCHOOLGATE_BINARY SOURCE_DIR ARTEFACTS_DIR
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
if [ ! -x "${CHROMIUM:-/usr/bin/chromium}" ]; then
  echo "SKIP: no Chromium (install the Debian package chromium: bash .ci/install-deps)"
  exit 77
fi
if [ ! -d "$here/node_modules/axe-core" ] || [ ! -d "$here/node_modules/playwright-core" ]; then
  (cd "$here" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund)
fi
exec node "$here/axe_test.js" "$@"
