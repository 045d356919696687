#!/usr/bin/env bash
# Builds trellis (into build/, incrementally) and the web front end (into web/dist).
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ ! -f build/build.ninja ]]; then
  cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
fi
cmake --build build --parallel "$(nproc)"
(cd web && npm run build --silent)
