#!/usr/bin/env bash
# Quick start, command 1: installs what is needed, builds, creates the demo trust in an
# embedded SQLite file (demo.db) and serves it on http://localhost:8080, printing the
# demo sign-ins. Stop with Ctrl+C; run again to carry on with the same data.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
./scripts/build.sh trellis
store="${TRELLIS_STORE:-sqlite:demo.db}"
./build/trellis --store "$store" demo
exec ./build/trellis --store "$store" serve --port "${TRELLIS_PORT:-8080}" --web-root web/dist
