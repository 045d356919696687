#!/usr/bin/env bash
# Browser tests of the trellis web front end: Debian's Chromium (/usr/bin/chromium) driven by
# playwright-core, against a fresh `trellis demo` server per test file.
#   TRELLIS_BIN       the trellis binary (default: <repo>/build/trellis)
#   TRELLIS_WEB_ROOT  the built front end (default: <repo>/web/dist, built here if missing)
#   CHROMIUM_PATH     the browser (default: /usr/bin/chromium)
# With a folder as its argument (tests/oidc), runs that folder's *.test.mjs instead, after
# installing its packages too (it imports this folder's helpers).
# Exits non-zero when any test fails.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"

# At the locked versions; `npm install --no-save` rather than `npm ci` because npm's lock
# files omit other platforms' optional packages (npm/cli#4828). scripts/setup.sh has
# usually installed them already.
install() {
  if [[ ! -d node_modules || package-lock.json -nt node_modules/.package-lock.json ]]; then
    npm install --no-save --no-audit --no-fund --loglevel=error
  fi
}

if [[ -z "${TRELLIS_WEB_ROOT:-}" && ! -f "$repo/web/dist/index.html" ]]; then
  (cd "$repo/web" && install && npm run build)
fi

target="$(cd "${1:-$here}" && pwd)"
cd "$here"
install
if [[ "$target" != "$here" ]]; then
  cd "$target"
  install
fi
exec node --test --test-concurrency=1 --test-reporter=spec ./*.test.mjs
