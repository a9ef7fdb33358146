#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests and the benchmark: Debian's binaries, an unprivileged user
# (initdb refuses root), a free port on loopback, trust auth, a data folder under /tmp.
#   scripts/pg-cluster.sh start   prints the server's URL (postgresql://postgres@127.0.0.1:PORT/postgres)
#   scripts/pg-cluster.sh stop DIR
# PG_FAST=1 turns fsync off (tests kill Baoshi's instances, never the database server; the benchmark keeps it on).
set -euo pipefail
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
[ -x "$bin/initdb" ] || { echo "PostgreSQL is not installed (apt-get install -y postgresql)" >&2; exit 3; }
as() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
case "${1:-}" in
  start)
    port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
    dir=$(mktemp -d /tmp/baoshi-pg.XXXXXX)
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    as "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    opts="-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c max_connections=300"
    [ "${PG_FAST:-}" = 1 ] && opts="$opts -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    as "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -o "$opts" -w start >/dev/null
    echo "postgresql://postgres@127.0.0.1:$port/postgres $dir"
    ;;
  stop)
    [ -n "${2:-}" ] && [ -d "$2/data" ] && as "$bin/pg_ctl" -D "$2/data" -m immediate stop >/dev/null || true
    [ -n "${2:-}" ] && rm -rf "$2"
    ;;
  *) echo "usage: $0 start | stop DIR" >&2; exit 2 ;;
esac
