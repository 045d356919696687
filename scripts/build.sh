#!/usr/bin/env bash
# Builds trellis (into build/, incrementally) and the web front end (into web/dist).
# With arguments, builds only those CMake targets (demo.sh asks for the server alone, not
# the tests); without, everything.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ ! -f build/build.ninja ]]; then
  cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
fi
targets=()
for t in "$@"; do targets+=(--target "$t"); done
cmake --build build --parallel "$(nproc)" "${targets[@]}"
(cd web && npm run build --silent)
