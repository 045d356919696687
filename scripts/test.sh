#!/usr/bin/env bash
# Quick start, command 2: installs what is needed (Chromium included), builds, and runs
# every test with CTest, printing its summary:
#   1. the normal build (build/): unit, HTTP, CLI and browser tests, and the soak (three
#      minutes of wrk against the real server, run alone: tests/soak, docs/reliability.md);
#   2. a clang build with AddressSanitizer + UndefinedBehaviorSanitizer and libFuzzer
#      (build-sanitize/): the unit and HTTP tests again, and each fuzzer for a bounded time.
# TRELLIS_SKIP_SANITIZE=1 skips stage 2 (for a quick local run; CI runs both).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh --browser
./scripts/build.sh
(cd build && ctest --output-on-failure --timeout 900 -j "$(nproc)")

if [[ "${TRELLIS_SKIP_SANITIZE:-0}" != 1 ]]; then
  if [[ ! -f build-sanitize/build.ninja ]]; then
    CC=clang CXX=clang++ cmake -S . -B build-sanitize -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DTRELLIS_SANITIZE=ON -DTRELLIS_FUZZ=ON
  fi
  cmake --build build-sanitize --parallel "$(nproc)"
  # Leaks are reported by LeakSanitizer; a finding fails the test that hit it.
  export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
  # Not the browser tests nor the soak: they test the shipped server, not the code under ASan.
  (cd build-sanitize && ctest --output-on-failure --timeout 900 -j "$(nproc)" -E 'browser_tests|oidc_tests' -LE soak)
fi
