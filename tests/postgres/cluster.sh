#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster on a loopback port, for tests and benchmarks.
#
#   cluster.sh start STATE   initdb + start; writes STATE (a shell file) with TRELLIS_PG_URL,
#                            the cluster's directory and port. Installs postgresql-15 from
#                            Debian's packages first when it is missing.
#   cluster.sh stop STATE    stops the cluster and removes its directory and STATE.
#   cluster.sh url STATE     prints the URL of a started cluster.
#
# The cluster is built for tests, not for keeping data: fsync off (only the trellis process
# is ever killed in tests, never the machine), trust authentication, loopback only, C
# collation. PostgreSQL refuses to run as root, so as root it runs as the `postgres` user the
# Debian package creates.
set -euo pipefail
command=${1:?usage: cluster.sh start|stop|url STATE}
state=${2:?usage: cluster.sh start|stop|url STATE}
bin=/usr/lib/postgresql/15/bin

as_owner() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$command" in
  start)
    if [[ -f "$state" ]]; then "$0" stop "$state" || true; fi
    if [[ ! -x $bin/initdb ]]; then
      sudo_cmd=""; [[ $(id -u) -ne 0 ]] && sudo_cmd="sudo"
      $sudo_cmd apt-get update -qq
      DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends postgresql-15
    fi
    dir=$(mktemp -d /tmp/trellis-pg.XXXXXX)
    chmod 755 "$dir"
    [[ $(id -u) -eq 0 ]] && chown postgres: "$dir"
    as_owner "$bin/initdb" -D "$dir/data" -U postgres -A trust --locale=C -E UTF8 --no-sync \
      >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
    # A free port: try random ones until the server starts (pg_ctl fails when it is taken).
    for attempt in 1 2 3 4 5 6 7 8 9 10; do
      port=$((20000 + RANDOM % 30000))
      if (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then continue; fi
      if as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start -o \
          "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=200" \
          >/dev/null 2>&1; then
        cat >"$state" <<STATE
TRELLIS_PG_DIR=$dir
TRELLIS_PG_PORT=$port
TRELLIS_PG_URL=postgresql://postgres@127.0.0.1:$port/postgres
STATE
        echo "PostgreSQL 15 on 127.0.0.1:$port ($dir)"
        exit 0
      fi
    done
    cat "$dir/server.log" >&2 || true
    echo "could not start PostgreSQL" >&2
    exit 1
    ;;
  stop)
    [[ -f "$state" ]] || exit 0
    # shellcheck disable=SC1090
    source "$state"
    as_owner "$bin/pg_ctl" -D "$TRELLIS_PG_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$TRELLIS_PG_DIR" "$state"
    ;;
  url)
    # shellcheck disable=SC1090
    source "$state"
    echo "$TRELLIS_PG_URL"
    ;;
  *) echo "unknown command $command" >&2; exit 2 ;;
esac
