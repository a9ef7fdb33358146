#!/usr/bin/env bash
# The intake benchmark on PostgreSQL: one instance, then two instances (two processes) sharing one database,
# each with half the residents. A throwaway cluster with fsync on (durable commits, as in production).
#   bash bench/postgres.sh            RESIDENTS=2000 CONCURRENCY=64 bash bench/postgres.sh
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(bash scripts/pg-cluster.sh start)
server="${out% *}"
cluster="${out#* }"
trap 'bash scripts/pg-cluster.sh stop "$cluster"' EXIT
residents="${RESIDENTS:-1000}"
concurrency="${CONCURRENCY:-64}"
db() { psql -q "$server" -c "CREATE DATABASE $1" >/dev/null; echo "${server%/*}/$1"; }

echo "== PostgreSQL, one instance ($residents residents, $concurrency at once)"
BENCH_DATABASE_URL=$(db bench1) RESIDENTS=$residents CONCURRENCY=$concurrency node --expose-gc --import tsx bench/intake.ts

echo "== PostgreSQL, two instances on one database ($((residents / 2)) residents and $((concurrency / 2)) at once each)"
url=$(db bench2)
# the database migrated once before both start (as the first instance of a deployment would)
BENCH_DATABASE_URL=$url RESIDENTS=1 CONCURRENCY=1 BENCH_SKIP_HEAP=1 BENCH_PREFIX=warm- node --import tsx bench/intake.ts >/dev/null
start=$(date +%s.%N)
BENCH_DATABASE_URL=$url RESIDENTS=$((residents / 2)) CONCURRENCY=$((concurrency / 2)) BENCH_SKIP_HEAP=1 BENCH_PREFIX=a- node --import tsx bench/intake.ts >/tmp/baoshi-bench-a.json &
a=$!
BENCH_DATABASE_URL=$url RESIDENTS=$((residents / 2)) CONCURRENCY=$((concurrency / 2)) BENCH_SKIP_HEAP=1 BENCH_PREFIX=b- node --import tsx bench/intake.ts >/tmp/baoshi-bench-b.json &
b=$!
wait $a $b
node -e '
const [a, b] = ["a", "b"].map((x) => JSON.parse(require("fs").readFileSync(`/tmp/baoshi-bench-${x}.json`, "utf8")));
const seconds = Math.max(a.seconds, b.seconds);
console.log(JSON.stringify({ provider: "postgresql", instances: 2, messages: a.messages + b.messages, seconds,
  messagesPerSecond: Math.round((a.messages + b.messages) / seconds), p99ms: { a: a.p99ms, b: b.p99ms }, p50ms: { a: a.p50ms, b: b.p50ms } }, null, 2));'

echo "== the console on PostgreSQL: 100,000 tickets, 200 live boards"
BENCH_DATABASE_URL=$(db console1) node --import tsx bench/console.ts
