#!/usr/bin/env bash
# Single sign-on end to end: a real OpenID provider (npm oidc-provider) started by the test
# on a loopback port, a trellis server configured for it, and Debian's Chromium driven by
# playwright-core (shared with tests/browser). Same variables as tests/browser/run.sh.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"

# At the locked versions, as tests/browser/run.sh installs its own.
install() {
  if [[ ! -d node_modules || package-lock.json -nt node_modules/.package-lock.json ]]; then
    npm install --no-save --no-audit --no-fund --loglevel=error
  fi
}

if [[ -z "${TRELLIS_WEB_ROOT:-}" && ! -f "$repo/web/dist/index.html" ]]; then
  (cd "$repo/web" && install && npm run build)
fi
(cd "$repo/tests/browser" && install)
cd "$here"
install
exec node --test --test-concurrency=1 --test-reporter=spec ./*.test.mjs
