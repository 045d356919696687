#!/usr/bin/env bash
# Every national benchmark of ../shared/docs/benchmarks.md that exists so far, each against
# its peer in the same run, in one command (bench/README.md):
#
#   bench/run.sh            # import and simulate: ~3 minutes on 2 cores once built and
#                           # generated; rank and bench strength (loads and SQL peers): longer
#
# 1. installs what the benchmarks need (scripts/setup.sh --bench: the Debian packages of
#    cmake/Dependencies.cmake's "debian-bench" line: numpy, the sqlite3 shell; wrk is on the
#    main "debian" line, for the soak test);
# 2. builds the release targets into build/ (scripts/build.sh);
# 3. generates the national workload once into bench/work/national (git-ignored), reused while
#    its manifest matches what this trellis would write;
# 4. runs every case, each writing bench/results/<case>.json;
# 5. merges them into bench/results/summary.json and summary.md (bench/report.py).
#
# Environment: TRELLIS_BENCH_RUNS (default 3) runs per case (at least 5 for simulate);
# TRELLIS_BENCH_CASES (default "import simulate national serve memory") the cases to run,
# "national" being rank and bench strength & coverage.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
work=$root/bench/work
national=$work/national
results=$root/bench/results
runs=${TRELLIS_BENCH_RUNS:-3}
cases=" ${TRELLIS_BENCH_CASES:-import simulate national serve memory} "
python=/usr/bin/python3  # Debian's, which has python3-numpy
export PYTHONDONTWRITEBYTECODE=1  # no __pycache__ beside the cases

./scripts/setup.sh --bench
./scripts/build.sh trellis trellis_simulate_bench trellis_national_bench
trellis=$root/build/trellis

# The national workload, generated once: reused when its manifest is the one this trellis
# writes for the same size and seed (same generator version, same counts), else written anew.
mkdir -p "$work"
probe=$(mktemp -d)
trap 'rm -rf "$probe"' EXIT
"$trellis" generate --size trust --out "$probe/trust" >/dev/null
if [[ -f $national/manifest.json ]] && "$python" - "$national/manifest.json" "$probe/trust/manifest.json" <<'EOF'
import json, sys
have, probe = (json.load(open(p, encoding="utf-8")) for p in sys.argv[1:3])
ok = (have.get("size") == "national" and have.get("seed") == 1
      and have.get("generator_version") == probe.get("generator_version")
      and have.get("counts", {}).get("people", 0) > 900_000)
sys.exit(0 if ok else 1)
EOF
then
  echo "Reusing the national workload in $national"
else
  rm -rf "$national"
  "$trellis" generate --size national --out "$national"
fi

mkdir -p "$results"
if [[ $cases == *" import "* ]]; then
  "$python" bench/cases/import_case.py --trellis "$trellis" --workload "$national" \
    --work "$work/import" --out "$results" --runs "$runs"
fi
if [[ $cases == *" simulate "* ]]; then
  "$python" bench/cases/simulate_case.py --trellis "$trellis" \
    --engine "$root/build/bench/trellis_simulate_bench" --workload "$national" \
    --work "$work/simulate" --out "$results" --runs "$((runs > 5 ? runs : 5))"
fi

# rank and bench strength & coverage (bench/national_bench.cc): the whole workload loaded into
# a SQLite store and a PostgreSQL database by `trellis load`, then both against SQL.
if [[ $cases == *" national "* ]]; then
  pg_state=$work/pg.state
  tests/postgres/cluster.sh start "$pg_state"
  trap 'tests/postgres/cluster.sh stop "$pg_state" >/dev/null 2>&1 || true; rm -rf "$probe"' EXIT
  pg_url=$(tests/postgres/cluster.sh url "$pg_state")
  rm -f "$work/national.db" "$work/national.db-wal" "$work/national.db-shm"
  "$trellis" --store "sqlite:$work/national.db" load "$national"
  "$trellis" --store "$pg_url" load "$national"
  "$root/build/bench/trellis_national_bench" --store "sqlite:$work/national.db" \
    --postgresql "$pg_url" --out "$results"
  tests/postgres/cluster.sh stop "$pg_state"
fi
if [[ $cases == *" serve "* ]]; then
  "$python" bench/cases/serve_case.py --trellis "$trellis" --work "$work/serve" --out "$results" \
    --runs "$runs"
fi
# memory: a server on the national SQLite store the national case loaded (loaded here when
# that case did not run).
if [[ $cases == *" memory "* ]]; then
  if [[ ! -f $work/national.db ]]; then
    "$trellis" --store "sqlite:$work/national.db" load "$national"
  fi
  people=$("$python" -c 'import json,sys; print(json.load(open(sys.argv[1]))["counts"]["people"])' \
    "$national/manifest.json")
  "$python" bench/cases/memory_case.py --trellis "$trellis" --store "sqlite:$work/national.db" \
    --people "$people" --out "$results"
fi

"$python" bench/report.py "$results"
