#!/usr/bin/env bash
# Browser tests of the trellis web front end: Debian's Chromium (/usr/bin/chromium) driven by
# playwright-core, against a fresh `trellis demo` server per test file.
#   TRELLIS_BIN       the trellis binary (default: <repo>/build/trellis)
#   TRELLIS_WEB_ROOT  the built front end (default: <repo>/web/dist, built here if missing)
#   CHROMIUM_PATH     the browser (default: /usr/bin/chromium)
# Exits non-zero when any test fails.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"

install() {
  if [[ -f package-lock.json ]]; then
    npm ci --no-audit --no-fund
  else
    npm install --no-audit --no-fund
  fi
}

if [[ -z "${TRELLIS_WEB_ROOT:-}" && ! -f "$repo/web/dist/index.html" ]]; then
  (cd "$repo/web" && install && npm run build)
fi

cd "$here"
install
exec node --test --test-concurrency=1 --test-reporter=spec ./*.test.mjs
