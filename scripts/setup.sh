#!/usr/bin/env bash
# Installs what trellis needs on Debian 12, idempotently: the Debian packages named in
# cmake/Dependencies.cmake (its "debian:" comments are the one list), Node.js packages for
# the front end, with --browser Chromium for the browser tests (and the OpenID provider the
# single sign-on test starts, npm oidc-provider), and with --bench the peers
# and tools of the national benchmarks (bench/run.sh). The flags may be given together.
# Safe to run again: it installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

declared() {  # the packages after "<tag>:" in the dependency file, up to a "("
  sed -n "s/.*# $1: \([^(]*\).*/\1/p" cmake/Dependencies.cmake | tr -s ' ' '\n' | sed '/^$/d'
}
browser=false
bench=false
for arg in "$@"; do
  case "$arg" in
    --browser) browser=true ;;
    --bench) bench=true ;;
    *) echo "usage: $0 [--browser] [--bench]" >&2; exit 2 ;;
  esac
done
mapfile -t packages < <(declared debian)
if $browser; then mapfile -t -O "${#packages[@]}" packages < <(declared debian-browser); fi
if $bench; then mapfile -t -O "${#packages[@]}" packages < <(declared debian-bench); fi
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "Installing Debian packages: ${missing[*]}"
  sudo_cmd=""; [[ $(id -u) -ne 0 ]] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Front-end packages, at the versions locked. `npm install --no-save` rather than `npm ci`:
# npm's lock files omit other platforms' optional packages (npm/cli#4828), which makes
# `npm ci` refuse a lock that `npm install` reads fine.
npm_install() {
  local dir=$1
  if [[ ! -d "$dir/node_modules" || "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]]; then
    (cd "$dir" && npm install --no-save --no-audit --no-fund --loglevel=error)
  fi
}
npm_install web
if $browser; then npm_install tests/browser; npm_install tests/oidc; fi
