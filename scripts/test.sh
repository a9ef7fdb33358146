#!/usr/bin/env bash
# npm test: the whole suite on the embedded SQLite, then again on PostgreSQL where it is installed (a throwaway
# cluster on a free port, scripts/pg-cluster.sh). The store tests run on both providers in each pass.
# Arguments (files, -t …) go to both passes.
set -euo pipefail
cd "$(dirname "$0")/.."
export TZ=UTC
cluster=""
stop() { [ -n "$cluster" ] && bash scripts/pg-cluster.sh stop "$cluster"; return 0; }
trap stop EXIT
if [ -z "${TEST_PG_URL:-}" ] && ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  out=$(PG_FAST=1 bash scripts/pg-cluster.sh start)
  export TEST_PG_URL="${out% *}"
  cluster="${out#* }"
fi
echo "== the suite on SQLite" >&2
npx vitest run "$@"
if [ -n "${TEST_PG_URL:-}" ]; then
  echo "== the suite on PostgreSQL ($TEST_PG_URL)" >&2
  TEST_DATABASE=postgresql npx vitest run "$@"
else
  echo "PostgreSQL is not installed (apt-get install -y postgresql): the PostgreSQL pass was skipped" >&2
fi
