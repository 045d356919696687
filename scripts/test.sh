#!/usr/bin/env bash
# Quick start, command 2: installs what is needed (Chromium included), builds, and runs
# every test (unit, HTTP, CLI, browser) with CTest, printing its summary.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh --browser
./scripts/build.sh
cd build
ctest --output-on-failure --timeout 900 -j "$(nproc)"
