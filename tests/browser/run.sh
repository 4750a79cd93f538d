#!/usr/bin/env bash
# CTest entry point for the browser test: installs the pinned node modules (npm ci, from
# package-lock.json; never a browser) when they are missing or not the pinned versions, checks that
# every pinned module runs on the Node.js of a fresh Debian 12 (the README's machine), then runs
# axe_test.js.
#   run.sh SCHOOLGATE_BINARY SOURCE_DIR ARTEFACTS_DIR
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
if [ ! -x "${CHROMIUM:-/usr/bin/chromium}" ]; then
  echo "SKIP: no Chromium (install the Debian package chromium: bash .ci/install-deps)"
  exit 77
fi
if ! node "$here/lock.js" installed; then
  (cd "$here" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund)
fi
# Debian 12's nodejs package (bookworm-security: 18.20.4+dfsg-1~deb12u3).
debian12_node=18.20.4
node "$here/lock.js" engines "$debian12_node"
exec node "$here/axe_test.js" "$@"
